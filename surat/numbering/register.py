"""The register: gapless letter numbers and the three agenda books.

Every number is taken and recorded in ONE short transaction: the counter
upsert and the agenda row commit together or not at all, so each number the
register hands out is in the agenda, and no number is missing from it.
Nothing slow (rendering, conversion) ever runs inside that transaction.

Books (``buku``), each with its own yearly counter:

* ``keluar`` - outgoing letters (Buku Agenda Surat Keluar): :meth:`Register.issue`;
* ``masuk`` - incoming letters (Buku Agenda Surat Masuk): :meth:`Register.receive`;
* ``kasus`` - case registrations (Buku Register Penanganan Kasus, SOP 34):
  :meth:`Register.register_case`.

A letter is *backdated* when its date is earlier than that of the latest
ACTIVE letter of its counter (a voided letter no longer dates the agenda: void
the last letter and the corrected one may carry its date or an earlier one).
Backdated outgoing letters follow the office's ``penomoran.sisipan`` policy:

* ``sisipan`` (default): the number of the last letter (voided ones included:
  they keep their place in the book) dated on or before that day plus a
  suffix. Letters dated 1, 5 and 10 March are 001, 002, 003; one then dated
  6 March gets ``002.a``, the next such ``002.b``. When NO letter
  of that counter is dated on or before the day (a backdate before the first
  letter of the year), there is nothing to insert after: the register refuses
  rather than invent a number ``000.a`` or break the agenda's order.
* ``urut``: the plain next number (the agenda's dates are then out of order).
* ``tolak``: refused.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, BinaryIO, Literal, overload

from ..dates import WIB, to_wib_date, today
from ..errors import SuratError
from ..files import Target
from ..office import Office
from ..prosedur import SOP
from ..simfoni import KategoriKasus
from ..vocab import Status
from .base import AlreadyVoid, ConflictError, Store, Tx
from .langkah import LangkahKasus, record_step, steps
from .pattern import check_pattern, format_nomor, nomor_template, parse, sisipan_suffix

__all__ = ["SCHEMA_VERSION", "Entry", "LangkahKasus", "Masuk", "Nomor", "Register"]

#: Bumped when the tables change; a register written by a newer surat is refused,
#: one written by an older one is migrated when opened (``Store.migrations``).
#: 1: the three books; 2: letters carry their case's ``nomor_registrasi``, the
#: case book its Simfoni-PPA categories (``surat_kategori``) and the SOP steps
#: of each case (``surat_langkah``).
SCHEMA_VERSION = 3

log = logging.getLogger(__name__)
"""Operator events: numbers voided (number and book, never the reason's text)."""

Buku = Literal["keluar", "masuk", "kasus"]
BOOKS = ("keluar", "masuk", "kasus")
POLICIES = ("sisipan", "urut", "tolak")
STATUSES = ("aktif", "batal")
MAX_TEXT = 2000
MAX_REGISTRASI = 60

# -- SQL shared by both backends (``?`` placeholders) -----------------------

SELECT_VERSION = "SELECT value FROM surat_meta WHERE key = 'schema_version'"
INSERT_VERSION = "INSERT INTO surat_meta (key, value) VALUES ('schema_version', ?)"
UPDATE_VERSION = "UPDATE surat_meta SET value = ? WHERE key = 'schema_version'"
SELECT_COUNTER = "SELECT last, tanggal FROM surat_counter WHERE name = ?"
#: A backdated letter takes no new number: give back the one the upsert took.
UNDO_INCREMENT = "UPDATE surat_counter SET last = last - 1 WHERE name = ?"
SELECT_SISIPAN_BASE = """
SELECT urut FROM surat_agenda
WHERE counter = ? AND sisipan = '' AND tanggal <= ?
ORDER BY urut DESC LIMIT 1
"""
COUNT_SISIPAN = "SELECT count(*) FROM surat_agenda WHERE counter = ? AND urut = ? AND sisipan <> ''"
INSERT_ENTRY = """
INSERT INTO surat_agenda (buku, kode, counter, urut, sisipan, nomor, tanggal, tahun,
    klasifikasi, perihal, tujuan, dari, nomor_surat, tanggal_surat, alasan_terbit, batch,
    nomor_registrasi)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
VOID = """
UPDATE surat_agenda SET status = 'batal', alasan_batal = ?, batal_at = ?
WHERE buku = ? AND kode = ? AND nomor = ? AND status = 'aktif'
RETURNING counter
"""
#: Locks the counter row first, so that RESET_LATEST's own snapshot (a new
#: statement) sees every letter committed before the lock was granted.
LOCK_COUNTER = "UPDATE surat_counter SET last = last WHERE name = ?"
#: A voided letter no longer dates the agenda: the latest date is that of the
#: counter's latest active letter (or none at all).
RESET_LATEST = """
UPDATE surat_counter SET tanggal = COALESCE(
    (SELECT max(tanggal) FROM surat_agenda WHERE counter = ? AND status = 'aktif'), ?)
WHERE name = ?
"""
NO_DATE = date(1, 1, 1)
SELECT_STATUS = "SELECT status FROM surat_agenda WHERE buku = ? AND kode = ? AND nomor = ?"
SELECT_ENTRIES = """
SELECT nomor, urut, sisipan, klasifikasi, tanggal, perihal, tujuan, status,
    alasan_terbit, alasan_batal, created_at, batal_at, dari, nomor_surat, tanggal_surat, batch,
    nomor_registrasi
FROM surat_agenda WHERE buku = ? AND kode = ?"""
#: A batch's numbers (in any book: a case's pack takes a case number, an
#: incoming number and letters' numbers) are pending (``batch`` set) from the
#: moment it takes them until its pack is complete; then, in one transaction,
#: they become ordinary active entries - unless one was voided meanwhile, and
#: the batch fails.
SELECT_BATCH_VOIDED = (
    "SELECT nomor FROM surat_agenda WHERE kode = ? AND batch = ? AND status = 'batal'"
)
FINISH_BATCH = "UPDATE surat_agenda SET batch = NULL WHERE kode = ? AND batch = ?"
#: The pending numbers of every book, in the order they were taken.
SELECT_PENDING = """
SELECT nomor, urut, sisipan, klasifikasi, tanggal, perihal, tujuan, status,
    alasan_terbit, alasan_batal, created_at, batal_at, dari, nomor_surat, tanggal_surat, batch,
    nomor_registrasi, buku
FROM surat_agenda WHERE kode = ? AND status = 'aktif' AND batch IS NOT NULL ORDER BY id
"""
#: The case book with each case's Simfoni-PPA categories (none for a case
#: registered before schema 2 or without them).
SELECT_CASES = """
SELECT a.nomor, a.urut, a.sisipan, a.klasifikasi, a.tanggal, a.perihal, a.tujuan, a.status,
    a.alasan_terbit, a.alasan_batal, a.created_at, a.batal_at, a.dari, a.nomor_surat,
    a.tanggal_surat, a.batch, a.nomor_registrasi, k.jenis_kekerasan, k.tempat_kejadian,
    k.hubungan_pelaku, k.layanan, k.jenis_kelamin, k.kelompok_umur
FROM surat_agenda a LEFT JOIN surat_kategori k ON k.kasus_id = a.id
WHERE a.buku = ? AND a.kode = ?"""
INSERT_KATEGORI = """
INSERT INTO surat_kategori (kasus_id, jenis_kekerasan, tempat_kejadian, hubungan_pelaku,
    layanan, jenis_kelamin, kelompok_umur)
SELECT id, ?, ?, ?, ?, ?, ? FROM surat_agenda WHERE buku = 'kasus' AND kode = ? AND nomor = ?
"""
ORDER_ENTRIES = " ORDER BY tahun, counter, urut, length(sisipan), sisipan"
ORDER_CASES = " ORDER BY a.tahun, a.counter, a.urut, length(a.sisipan), a.sisipan"
SELECT_CASE = "SELECT id, status FROM surat_agenda WHERE buku = 'kasus' AND kode = ? AND nomor = ?"


@dataclass(frozen=True, slots=True)
class _Letter:
    """What the agenda records about one letter besides its number."""

    buku: Buku
    tanggal: date
    perihal: str
    klasifikasi: str = ""
    tujuan: str = ""
    dari: str = ""
    nomor_surat: str = ""
    tanggal_surat: date | None = None
    alasan: str | None = None
    batch: str | None = None
    nomor_registrasi: str = ""

    def row(self, kode: str, counter: str) -> tuple[object, ...]:
        """INSERT_ENTRY's parameters without urut, sisipan and nomor (which follow counter)."""
        return (
            self.buku, kode, counter, self.tanggal, self.tanggal.year, self.klasifikasi,
            self.perihal, self.tujuan, self.dari, self.nomor_surat, self.tanggal_surat, self.alasan,
            self.batch,
            self.nomor_registrasi,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Nomor:
    """A number the register handed out. ``str(n)`` is the number as printed."""

    nomor: str
    urut: int
    tanggal: date
    """The letter's date in WIB; its month and year are the number's."""
    klasifikasi: str = ""
    sisipan: str = ""
    """'' for a regular number, 'a', 'b', ... for an inserted (backdated) one."""

    @property
    def tahun(self) -> int:
        return self.tanggal.year

    @property
    def bulan(self) -> int:
        return self.tanggal.month

    def __str__(self) -> str:
        return self.nomor


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the outgoing agenda (or of the case register)."""

    nomor: str
    urut: int
    tanggal: date
    perihal: str = field(repr=False)
    tujuan: str = field(repr=False)
    status: Status
    """'aktif' or 'batal' (voided; the number is never given again)."""
    created_at: datetime
    """When the number was issued, in WIB."""
    klasifikasi: str = ""
    sisipan: str = ""
    alasan_terbit: str | None = field(default=None, repr=False)
    """Why the number was issued as it was (e.g. a backdated letter)."""
    alasan_batal: str | None = field(default=None, repr=False)
    batal_at: datetime | None = None
    batch: str | None = None
    """Set while a batch that took the number has not finished its pack
    (``host:pid:id``); an active number whose batch died keeps it: see
    :meth:`Register.pending`."""
    nomor_registrasi: str = ""
    """The case the letter belongs to ('' when none); in the case book, ''."""
    kategori: KategoriKasus | None = None
    """In the case book: the case's Simfoni-PPA categories, when recorded."""
    buku: Buku = "keluar"
    """The book the number is in: 'keluar', 'kasus' (:meth:`Register.cases`) or,
    in :meth:`Register.pending`, 'masuk' too (a case's pack takes one there)."""

    @property
    def alasan(self) -> str | None:
        """The reason on record: why it was voided, else why it was issued so."""
        return self.alasan_batal if self.status == "batal" else self.alasan_terbit

    @property
    def tahun(self) -> int:
        return self.tanggal.year


@dataclass(frozen=True, slots=True)
class Masuk:
    """One row of the incoming agenda (Buku Agenda Surat Masuk)."""

    nomor: str
    """The agenda number the office gave the letter on receipt."""
    urut: int
    tanggal_terima: date
    dari: str = field(repr=False)
    nomor_surat: str = field(repr=False)
    tanggal_surat: date | None = field(repr=False)
    perihal: str = field(repr=False)
    created_at: datetime
    status: Status = "aktif"
    alasan_batal: str | None = field(default=None, repr=False)
    batal_at: datetime | None = None
    nomor_registrasi: str = ""
    """The case the letter belongs to ('' when none)."""


class Register:
    """The office's letter register, in a SQLite file or on a PostgreSQL server.

    ``db`` is a file path (SQLite) or a ``postgresql://`` URL. The register
    holds one connection and no global state; any number of processes may
    open the same register at once. Use it as a context manager or call
    :meth:`close`.
    """

    def __init__(
        self,
        db: str | os.PathLike[str],
        office: Office | None = None,
        pattern: str | None = None,
    ) -> None:
        if office is None:
            office = Office.default()
        if not isinstance(office, Office):
            raise SuratError(f"office: an Office expected, got {type(office).__name__}")
        pen = office.penomoran
        if pen.sisipan not in POLICIES:
            raise SuratError(f"penomoran.sisipan: one of {', '.join(POLICIES)} expected")
        if pen.lingkup not in ("tahun", "klasifikasi"):
            raise SuratError("penomoran.lingkup: 'tahun' or 'klasifikasi' expected")
        self.office = office
        scoped = ("klasifikasi",) if pen.lingkup == "klasifikasi" else ()
        self.pattern = check_pattern(pattern or pen.pola, ("urut", "tahun", *scoped))
        self._patterns: dict[Buku, str] = {
            "keluar": self.pattern,
            "masuk": check_pattern(pen.pola_masuk),
            "kasus": check_pattern(pen.pola_kasus),
        }
        for p in self._patterns.values():  # a pattern that cannot format fails now, not mid-issue
            format_nomor(p, urut=1, tahun=2026, bulan=1, kode=office.kode, klasifikasi="X")
        target = os.fspath(db) if isinstance(db, str | os.PathLike) else None
        if not isinstance(target, str) or not target:
            raise SuratError("db: a file path or a postgresql:// URL expected")
        self._target = target
        self.backend = (
            "postgresql" if target.startswith(("postgresql://", "postgres://")) else "sqlite"
        )
        self._lock = threading.Lock()
        self._closed = False
        self._pid = os.getpid()
        self._inherited: list[Store] = []
        self._store = self._open()

    # -- connection --------------------------------------------------------

    def _open(self) -> Store:
        store: Store
        if self.backend == "postgresql":
            from .postgres import PostgresStore

            store = PostgresStore(self._target)
        else:
            from .sqlite import SqliteStore

            store = SqliteStore(
                self._target, create=lambda tx: _create_schema(tx, SqliteStore.schema)
            )
        try:
            self._ensure_schema(store)
        except BaseException:
            store.close()
            raise
        return store

    @staticmethod
    def _ensure_schema(store: Store) -> None:
        with store.transaction(write=False) as tx:
            present = _one(tx, store.has_schema)[0]
            version = tx.one(SELECT_VERSION) if present else None
        if version is None:
            with store.transaction() as tx:
                version = _create_schema(tx, store.schema)
        if not str(version[0]).isdigit():
            raise SuratError(f"register: unreadable schema version {version[0]!r}")
        if int(version[0]) > SCHEMA_VERSION:
            raise SuratError(
                f"register: written by a newer surat (schema {version[0]}); this surat "
                f"reads schema {SCHEMA_VERSION} at most - upgrade surat"
            )
        if int(version[0]) < SCHEMA_VERSION:
            Register._migrate(store)

    @staticmethod
    def _migrate(store: Store) -> None:
        """Bring an older register up to :data:`SCHEMA_VERSION`, one version per transaction.

        Each transaction re-reads the version under the write lock (SQLite's
        IMMEDIATE, PostgreSQL's schema lock), so processes opening the same old
        register at once migrate it once; a failed step leaves it as it was.
        """
        while True:
            with store.transaction() as tx:
                if store.schema_lock:
                    tx.run(store.schema_lock)
                current = int(_one(tx, SELECT_VERSION)[0])
                if current >= SCHEMA_VERSION:
                    return
                target = current + 1
                for statement in store.migrations[target]:
                    tx.run(statement)
                tx.run(UPDATE_VERSION, (str(target),))

    @contextlib.contextmanager
    def _tx(self, write: bool = True) -> Iterator[Tx]:
        with self._use() as store, store.transaction(write) as tx:
            yield tx

    @contextlib.contextmanager
    def _use(self) -> Iterator[Store]:
        """The store, for one call at a time; reopened in a forked child."""
        with self._lock:
            if self._closed:
                raise SuratError("register: already closed")
            if os.getpid() != self._pid:
                # A forked child never shares its parent's connection; the old one
                # is kept (not closed) so closing it cannot disturb the parent.
                self._inherited.append(self._store)
                self._store = self._open()
                self._pid = os.getpid()
            yield self._store

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                if os.getpid() == self._pid:
                    self._store.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Register(backend={self.backend!r}, kode={self.office.kode!r})"

    # -- outgoing letters --------------------------------------------------

    def issue(
        self,
        *,
        perihal: str,
        tujuan: str = "",
        klasifikasi: str | None = "",
        tanggal: date | datetime | str | None = None,
        alasan: str | None = None,
        batch: str | None = None,
        nomor_registrasi: str | None = None,
        kode: str | None = None,
    ) -> Nomor:
        """Take the next number for an outgoing letter and record it in the agenda.

        The month and year come from *tanggal* in WIB (default: today in WIB).
        *alasan* records why, e.g. why a letter is backdated. *batch* (an id,
        see :func:`surat.batch.print_batch`) marks the number pending until
        :meth:`finish_batch`; a batch that dies leaves it in :meth:`pending`.
        *nomor_registrasi* links the letter to its case.
        *kode* prints
        another code than the office's in the number (a letter under a unit's
        own letterhead, ``[kop.*] kode``); it counts in the same agenda book.
        """
        perihal_ = _text("perihal", perihal, required=True)
        tujuan_ = _text("tujuan", tujuan)
        alasan_ = _text("alasan", alasan, one_line=False) or None
        batch_ = _text("batch", batch) or None
        klas = _klasifikasi(klasifikasi)
        day = _tanggal(tanggal)
        code = self._kode(kode)
        letter = _Letter(
            "keluar", day, perihal_, klasifikasi=klas, tujuan=tujuan_, alasan=alasan_, batch=batch_,
            nomor_registrasi=self._registrasi(nomor_registrasi),
        )  # fmt: skip
        return self._take(letter, self.office.penomoran.sisipan, code)

    def pending(self) -> list[Entry]:
        """Active numbers a batch took and never finished: a batch still running, or
        one that died (killed, power cut) before its pack was written.

        Each may be active in the agenda without a printed letter. A case's
        pack (:meth:`surat.Kasus.print_pack`) also holds its case number and
        the request's incoming number: ``Entry.buku`` names the book. When the
        batch's process is gone (``Entry.batch`` is ``host:pid:id``) and no
        pack was written, void them: :meth:`void_pending` (``surat nomor batal
        --batch ID``). Numbers of a batch that is still running must be left
        alone: its pack would then fail.
        """
        with self._tx(write=False) as tx:
            rows = tx.all(SELECT_PENDING, (self.office.kode,))
        return [dataclasses.replace(_entry(r), buku=r[17]) for r in rows]

    def void_pending(self, batch: str, alasan: str) -> list[str]:
        """Void every number that *batch* (an ``Entry.batch`` of :meth:`pending`)
        left active; returns them. Refused while the batch's process still runs
        on this machine: its pack would then fail."""
        import socket

        from ..files import process_alive

        batch_ = _text("batch", batch, required=True)
        entries = [e for e in self.pending() if e.batch == batch_]
        if not entries:
            raise SuratError(f"batch: no pending numbers of batch {batch_}")
        host, _, rest = batch_.partition(":")
        pid = rest.partition(":")[0]
        if host == socket.gethostname() and pid.isdigit() and process_alive(int(pid)):
            raise SuratError(
                f"batch: {batch_} is still running (process {pid}); let it finish or stop it"
            )
        for e in entries:
            self.void(e.nomor, alasan=alasan, buku=e.buku)
        return [e.nomor for e in entries]

    def finish_batch(self, batch: str) -> int:
        """The batch's pack is complete: its numbers stop being pending.

        Refused (nothing changes) when one of them was voided meanwhile: the
        pack would print a void number. Returns how many numbers it finished.
        """
        batch_ = _text("batch", batch, required=True)
        kode = self.office.kode
        with self._tx() as tx:
            voided = [r[0] for r in tx.all(SELECT_BATCH_VOIDED, (kode, batch_))]
            if voided:
                raise SuratError(
                    "nomor: voided while the batch was printing, so its pack is not kept: "
                    + ", ".join(voided)
                )
            return tx.run(FINISH_BATCH, (kode, batch_))

    @contextlib.contextmanager
    def reserve(
        self,
        *,
        perihal: str,
        tujuan: str = "",
        klasifikasi: str | None = "",
        tanggal: date | datetime | str | None = None,
        alasan: str | None = None,
        nomor_registrasi: str | None = None,
        kode: str | None = None,
    ) -> Iterator[Nomor]:
        """Issue a number for the block; if the block raises, void it and re-raise.

        The void reason is the exception's type name only (its message may
        quote personal data).
        """
        n = self.issue(
            perihal=perihal,
            tujuan=tujuan,
            klasifikasi=klasifikasi,
            tanggal=tanggal,
            alasan=alasan,
            nomor_registrasi=nomor_registrasi,
            kode=kode,
        )
        try:
            yield n
        except BaseException as exc:
            try:
                # a SuratError's message names a field, never a value: the agenda may keep it
                why = f"{type(exc).__name__}: {exc}" if isinstance(exc, SuratError) else ""
                self.void(n.nomor, alasan=(why or type(exc).__name__)[:500])
            except SuratError as void_exc:
                exc.add_note(f"surat: {n.nomor} stays 'aktif' in the agenda: {void_exc}")
            raise

    def void(self, nomor: str | Nomor, alasan: str, *, buku: Buku = "keluar") -> Entry:
        """Mark a number 'batal' with its reason. It stays in the agenda, never reused.

        *buku* names the book: 'keluar' (outgoing, the default), 'masuk' or 'kasus'.
        """
        alasan_ = _text("alasan", alasan, required=True, one_line=False)
        if buku not in BOOKS:
            raise SuratError(f"buku: one of {', '.join(BOOKS)} expected")
        text = str(nomor).strip() if isinstance(nomor, str | Nomor) else ""
        if not text:
            raise SuratError("nomor: the number to void expected")
        candidates = [text]
        with contextlib.suppress(SuratError):  # also accept '1/...' for '001/...'
            p = parse(text, self._patterns[buku])
            candidates.append(
                format_nomor(self._patterns[buku], urut=p.urut, tahun=p.tahun, bulan=p.bulan,
                             kode=p.kode, klasifikasi=p.klasifikasi, sisipan=p.sisipan)
            )  # fmt: skip
        kode = self.office.kode
        entry: Entry | None
        with self._tx() as tx:
            for candidate in candidates:
                voided = tx.one(VOID, (alasan_, datetime.now(UTC), buku, kode, candidate))
                if voided is not None:
                    tx.run(LOCK_COUNTER, (voided[0],))
                    tx.run(RESET_LATEST, (voided[0], NO_DATE, voided[0]))
                    rows = tx.all(SELECT_ENTRIES + " AND nomor = ?", (buku, kode, candidate))
                    entry = _entry(rows[0])
                    break
            else:
                entry = None
                for candidate in candidates:
                    if tx.one(SELECT_STATUS, (buku, kode, candidate)) is not None:
                        raise AlreadyVoid(f"nomor: {candidate} is already void ('batal')")
        if entry is None:
            raise SuratError(f"nomor: {text} is not in this office's agenda ({buku})")
        # the number and the book only: the reason is free text and may name someone
        log.info("register: %s voided in book %s", entry.nomor, buku)
        return entry

    def peek(
        self,
        klasifikasi: str | None = None,
        tanggal: date | datetime | str | None = None,
    ) -> Nomor:
        """The number :meth:`issue` would give now, consuming nothing.

        Another process may take it first; only :meth:`issue` hands numbers out.
        """
        klas = _klasifikasi(klasifikasi)
        day = _tanggal(tanggal)
        counter = self._counter("keluar", day, klas)
        with self._tx(write=False) as tx:
            urut, sisipan = self._next(
                tx, counter, day, self.office.penomoran.sisipan, consume=False
            )
        nomor = self._format("keluar", urut, sisipan, klas, day)
        return Nomor(nomor=nomor, urut=urut, tanggal=day, klasifikasi=klas, sisipan=sisipan)

    def entries(
        self,
        tahun: int | None = None,
        klasifikasi: str | None = None,
        status: str | None = None,
        nomor_registrasi: str | None = None,
    ) -> list[Entry]:
        """The outgoing agenda in number order; ``tahun=None``: every year.

        *nomor_registrasi*: only the letters of that case.
        """
        where, params = self._filter("keluar", tahun, nomor_registrasi)
        if klasifikasi is not None:
            where += " AND klasifikasi = ?"
            params.append(_klasifikasi(klasifikasi))
        if status is not None:
            if status not in STATUSES:
                raise SuratError("status: 'aktif' or 'batal' expected")
            where += " AND status = ?"
            params.append(status)
        with self._tx(write=False) as tx:
            rows = tx.all(SELECT_ENTRIES + where + ORDER_ENTRIES, params)
        return [_entry(r) for r in rows]

    @overload
    def export(
        self,
        target: str | os.PathLike[str],
        tahun: int | None = None,
        *,
        buku: Buku = "keluar",
        format: Literal["csv", "xlsx"] | None = None,
    ) -> Path: ...
    @overload
    def export(
        self,
        target: BinaryIO,
        tahun: int | None = None,
        *,
        buku: Buku = "keluar",
        format: Literal["csv", "xlsx"],
    ) -> None: ...
    def export(
        self,
        target: Target,
        tahun: int | None = None,
        *,
        buku: Buku = "keluar",
        format: Literal["csv", "xlsx"] | None = None,
    ) -> Path | None:
        """Write a book as CSV or XLSX.

        *target* is a path ending in ``.csv`` or ``.xlsx`` (written atomically,
        mode 0600; the path is returned) or a binary stream such as
        ``io.BytesIO``, which needs ``format=`` (``"csv"`` or ``"xlsx"``).

        *buku*: ``keluar`` (the outgoing agenda, the default), ``masuk`` (the
        incoming agenda) or ``kasus`` (the case register with its Simfoni-PPA
        categories; in XLSX a second sheet lists every SOP step recorded). A
        step's ``catatan`` is never exported. See :mod:`surat.numbering.export`.
        """
        from .export import export

        return export(self, target, buku=buku, tahun=tahun, format=format)

    # -- incoming letters and case registrations ---------------------------

    def receive(
        self,
        *,
        dari: str,
        nomor_surat: str | None = "",
        tanggal_surat: date | datetime | str | None = None,
        perihal: str,
        tanggal_terima: date | datetime | str | None = None,
        nomor_registrasi: str | None = None,
        batch: str | None = None,
    ) -> Nomor:
        """Record an incoming letter in the incoming agenda; returns its agenda number.

        The incoming agenda has its own yearly counter (by *tanggal_terima*,
        default today in WIB) and the pattern ``penomoran.pola_masuk``.
        A citizen's request letter often has no number: *nomor_surat* may be empty.
        *nomor_registrasi* links the letter to its case. *batch* marks the
        number pending, as in :meth:`issue`.
        """
        dari_ = _text("dari", dari, required=True)
        nomor_surat_ = _text("nomor_surat", nomor_surat)
        surat_day = None if tanggal_surat is None else _tanggal(tanggal_surat, "tanggal_surat")
        perihal_ = _text("perihal", perihal, required=True)
        day = _tanggal(tanggal_terima, "tanggal_terima")
        letter = _Letter(
            "masuk", day, perihal_, dari=dari_, nomor_surat=nomor_surat_, tanggal_surat=surat_day,
            batch=_text("batch", batch) or None,
            nomor_registrasi=self._registrasi(nomor_registrasi),
        )  # fmt: skip
        return self._take(letter, "urut")  # incoming letters count in the order recorded

    def received(
        self, tahun: int | None = None, nomor_registrasi: str | None = None
    ) -> list[Masuk]:
        """The incoming agenda in number order; ``tahun=None``: every year.

        *nomor_registrasi*: only the letters of that case.
        """
        where, params = self._filter("masuk", tahun, nomor_registrasi)
        with self._tx(write=False) as tx:
            rows = tx.all(SELECT_ENTRIES + where + ORDER_ENTRIES, params)
        return [
            Masuk(
                nomor=r[0],
                urut=r[1],
                tanggal_terima=_as_date(r[4]),
                dari=r[12],
                nomor_surat=r[13],
                tanggal_surat=None if r[14] is None else _as_date(r[14]),
                perihal=r[5],
                created_at=_as_datetime(r[10]),
                status=r[7],
                alasan_batal=r[9],
                batal_at=None if r[11] is None else _as_datetime(r[11]),
                nomor_registrasi=r[16],
            )
            for r in rows
        ]

    def register_case(
        self,
        *,
        perihal: str,
        tanggal: date | datetime | str | None = None,
        kategori: KategoriKasus | None = None,
        batch: str | None = None,
    ) -> Nomor:
        """Register a case in the Buku Register Penanganan Kasus (SOP 34).

        Its own yearly counter and the pattern ``penomoran.pola_kasus``
        (e.g. ``001/REG-PPA/XI/2026``). Keep *perihal* free of names: it is
        an agenda line, not the case file. *kategori* (Simfoni-PPA categories,
        :meth:`surat.Kasus.kategori`) is recorded with the number, in the
        same transaction. *batch* marks the number pending, as in :meth:`issue`.
        """
        perihal_ = _text("perihal", perihal, required=True)
        if kategori is not None and not isinstance(kategori, KategoriKasus):
            raise SuratError(
                f"kategori: a surat.simfoni.KategoriKasus expected, got {type(kategori).__name__}"
            )
        then = None
        if kategori is not None:
            k = kategori
            kode = self.office.kode

            def then(tx: Tx, nomor: str) -> None:
                tx.run(
                    INSERT_KATEGORI,
                    (
                        _join(k.jenis_kekerasan), k.tempat_kejadian, k.hubungan_pelaku,
                        _join(k.layanan), k.jenis_kelamin, k.kelompok_umur, kode, nomor,
                    ),
                )  # fmt: skip

        letter = _Letter("kasus", _tanggal(tanggal), perihal_, batch=_text("batch", batch) or None)
        return self._take(letter, "urut", then=then)

    def cases(self, tahun: int | None = None) -> list[Entry]:
        """The case register in number order, each case with its Simfoni-PPA categories
        (``Entry.kategori``, None when not recorded); ``tahun=None``: every year."""
        where, params = self._filter("kasus", tahun)
        with self._tx(write=False) as tx:
            rows = tx.all(SELECT_CASES + where.replace(" tahun", " a.tahun") + ORDER_CASES, params)
        return [_case(r) for r in rows]

    # -- the steps of a case (SOP) -------------------------------------------

    def record_step(
        self,
        nomor_registrasi: str,
        *,
        sop: str | os.PathLike[str] | SOP,
        langkah: int,
        mulai: datetime | str,
        selesai: datetime | str,
        oleh: str,
        hasil: str = "selesai",
        catatan: str = "",
    ) -> LangkahKasus:
        """Record that step *langkah* of *sop* ran for a case, from *mulai* to *selesai*.

        *sop* is a shipped SOP's id (``"34"``), an office's SOP file or a
        :class:`surat.SOP`; *oleh* a role: one of the SOP's ``pelaksana`` or
        of the office profile's ``pejabat``. *hasil* is ``"selesai"`` or
        ``"dikembalikan"`` (returned for correction): a returned step is
        recorded again when it is redone, and both records stay. Times are
        aware datetimes or ``"YYYY-MM-DD HH:MM"`` text; a naive time is WIB.

        *catatan* is free text: whatever it holds is kept in the register
        (which then holds sensitive text: keep names out of it); no export
        and no printed book shows it.
        """
        return record_step(
            self, nomor_registrasi, sop=sop, langkah=langkah, mulai=mulai, selesai=selesai,
            oleh=oleh, hasil=hasil, catatan=catatan,
        )  # fmt: skip

    def steps(
        self, nomor_registrasi: str | None = None, *, tahun: int | None = None
    ) -> list[LangkahKasus]:
        """The steps recorded for a case, in the order they began (then as recorded).

        Without *nomor_registrasi*: the steps of every case (registered in
        *tahun*, or every year), case by case in the order of the case book.
        """
        return steps(self, nomor_registrasi, tahun=tahun)

    def _case_id(self, tx: Tx, nomor_registrasi: str) -> tuple[int, str]:
        """(id, nomor) of a case in this office's case book, refusing an unknown or void one."""
        text = _text("nomor_registrasi", nomor_registrasi, required=True)
        candidates = [text]
        with contextlib.suppress(SuratError):  # also accept '1/...' for '001/...'
            p = parse(text, self._patterns["kasus"])
            candidates.append(self._format("kasus", p.urut, p.sisipan, "", _parts_day(p)))
        for candidate in candidates:
            row = tx.one(SELECT_CASE, (self.office.kode, candidate))
            if row is not None:
                if row[1] != "aktif":
                    raise SuratError(f"nomor_registrasi: case {candidate} is void ('batal')")
                return int(row[0]), candidate
        raise SuratError(
            f"nomor_registrasi: {text} is not in this office's case register (buku kasus)"
        )

    def _registrasi(self, value: str | None) -> str:
        """A letter's link to its case: '' or its registration number (one line).

        The case may be in a book kept elsewhere (on paper, another system), so
        the number is not looked up; :meth:`record_step` needs the case here.
        """
        text = _text("nomor_registrasi", value)
        if len(text) > MAX_REGISTRASI or any(not c.isprintable() for c in text):
            raise SuratError(
                f"nomor_registrasi: one line of at most {MAX_REGISTRASI} characters expected"
            )
        return text

    # -- the one code path behind every number -----------------------------

    def _counter(self, buku: Buku, day: date, klasifikasi: str = "") -> str:
        name = f"{buku}/{self.office.kode}/{day.year}"
        if buku == "keluar" and self.office.penomoran.lingkup == "klasifikasi":
            name += f"/{klasifikasi}"
        return name

    def _format(self, buku: Buku, urut: int, sisipan: str, klas: str, day: date) -> str:
        return format_nomor(
            self._patterns[buku],
            urut=urut,
            sisipan=sisipan,
            tahun=day.year,
            bulan=day.month,
            kode=self.office.kode,
            klasifikasi=klas,
        )

    def _kode(self, kode: str | None) -> str | None:
        """A unit's code for the number: one of the profile's letterheads' codes."""
        if kode is None or kode == self.office.kode:
            return None
        known = {k.kode for k in self.office.kop.values() if k.kode}
        if kode not in known:
            raise SuratError(
                f"kode: '{kode}' is neither the office's code nor a [kop.*] kode of its profile"
            )
        return kode

    def _take(
        self,
        letter: _Letter,
        policy: str,
        kode: str | None = None,
        then: Callable[[Tx, str], None] | None = None,
    ) -> Nomor:
        """Take the next number of *letter*'s counter and record the letter: one transaction.

        *kode* prints a unit's code instead of the office's (:meth:`issue`).
        *then(tx, nomor)* writes what belongs with the row, in the same transaction.
        """

        counter = self._counter(letter.buku, letter.tanggal, letter.klasifikasi)
        prefix, width, suffix = nomor_template(
            self._patterns[letter.buku],
            tahun=letter.tanggal.year,
            bulan=letter.tanggal.month,
            kode=kode or self.office.kode,
            klasifikasi=letter.klasifikasi,
        )
        row = letter.row(self.office.kode, counter)
        with self._use() as store:
            try:
                fast = None
                if then is None:
                    fast = store.take_fast(
                        (counter, letter.tanggal, policy == "urut", prefix, width, suffix, *row)
                    )
                if fast is not None:
                    urut, sisipan, nomor = int(fast[0]), "", str(fast[1])
                else:
                    with store.transaction() as tx:
                        urut, sisipan = self._next(
                            tx, counter, letter.tanggal, policy, consume=True
                        )
                        nomor = (
                            f"{prefix}{urut:0{width}d}{'.' + sisipan if sisipan else ''}{suffix}"
                        )
                        tx.run(INSERT_ENTRY, (*row[:3], urut, sisipan, nomor, *row[3:]))
                        if then is not None:
                            then(tx, nomor)
            except ConflictError:
                raise SuratError(
                    f"nomor: a number of counter {counter} is already in the agenda (does the "
                    "pattern keep the numbers of different counters apart?); nothing was written"
                ) from None
        return Nomor(
            nomor=nomor,
            urut=urut,
            tanggal=letter.tanggal,
            klasifikasi=letter.klasifikasi,
            sisipan=sisipan,
        )

    def _next(
        self, tx: Tx, counter: str, day: date, policy: str, *, consume: bool
    ) -> tuple[int, str]:
        """(urut, sisipan) of the next number; with *consume*, take it."""
        if consume:
            last, latest = _one(tx, self._store.upsert, (counter, day))
        else:
            row = tx.one(SELECT_COUNTER, (counter,))
            last, latest = (0, day) if row is None else (row[0] + 1, row[1])
            last = max(last, 1)
        if _as_date(latest) <= day or policy == "urut":
            return int(last), ""
        if consume:
            tx.run(UNDO_INCREMENT, (counter,))
        if policy == "tolak":
            raise SuratError(
                f"tanggal: {day.isoformat()} is earlier than the latest active letter in this "
                f"agenda ({_as_date(latest).isoformat()}); the office's policy refuses backdated "
                "numbers"
            )
        base = tx.one(SELECT_SISIPAN_BASE, (counter, day))
        if base is None:
            raise SuratError(
                f"tanggal: no letter in this agenda is dated on or before {day.isoformat()}, "
                "so a backdated number has nothing to follow; use a later tanggal"
            )
        count = _one(tx, COUNT_SISIPAN, (counter, base[0]))[0]
        return int(base[0]), sisipan_suffix(int(count) + 1)

    def _filter(
        self, buku: Buku, tahun: int | None, nomor_registrasi: str | None = None
    ) -> tuple[str, list[object]]:
        params: list[object] = [buku, self.office.kode]
        where = ""
        if tahun is not None:
            if isinstance(tahun, bool) or not isinstance(tahun, int):
                raise SuratError(f"tahun: a year such as 2026 expected, got {tahun!r}")
            params.append(tahun)
            where += " AND tahun = ?"
        if nomor_registrasi is not None:
            params.append(_text("nomor_registrasi", nomor_registrasi, required=True))
            where += " AND nomor_registrasi = ?"
        return where, params


# -- helpers ----------------------------------------------------------------


def _one(tx: Tx, sql: str, params: tuple[object, ...] = ()) -> tuple[Any, ...]:
    row = tx.one(sql, params)
    if row is None:  # pragma: no cover - the statements always return a row
        raise SuratError("register: the database returned no row")
    return row


#: Line breaks besides "\n" that Unicode knows (NEL, LINE and PARAGRAPH SEPARATOR).
_BREAKS = ("\n", "\x85", "\u2028", "\u2029")


def _clean(value: str) -> str:
    from ..letters.fields import clean_text  # the cleaning letters get

    return clean_text(value)


def _text(name: str, value: object, required: bool = False, one_line: bool = True) -> str:
    """Agenda text, cleaned as letters are: characters XML forbids are removed
    (a spreadsheet export could not hold them); one-line fields refuse breaks.

    >>> _text("tujuan", "Sdr.\x07 Pelapor ")
    'Sdr. Pelapor'
    >>> _text("perihal", "Persetujuan\u2028Pendampingan")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: perihal: one line expected (no line breaks)
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise SuratError(f"{name}: text expected, got {type(value).__name__}")
    value = _clean(value).strip()
    if one_line and any(b in value for b in _BREAKS):
        raise SuratError(f"{name}: one line expected (no line breaks)")
    if required and not value:
        raise SuratError(f"{name}: must not be empty")
    if len(value) > MAX_TEXT:
        raise SuratError(f"{name}: at most {MAX_TEXT} characters expected")
    return value


def _create_schema(tx: Tx, schema: tuple[str, ...]) -> tuple[Any, ...]:
    """The register's tables and its schema version, in the caller's transaction."""
    for statement in schema:
        tx.run(statement)
    version = tx.one(SELECT_VERSION)
    if version is None:
        tx.run(INSERT_VERSION, (str(SCHEMA_VERSION),))
        version = (str(SCHEMA_VERSION),)
    return version


def _klasifikasi(value: object) -> str:
    text = _text("klasifikasi", value)
    if any(c.isspace() or c == "/" for c in text):
        raise SuratError("klasifikasi: a code without '/' or spaces expected")
    return text


def _tanggal(value: object, name: str = "tanggal") -> date:
    if value is None:
        return today()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise SuratError(f"{name}: a date YYYY-MM-DD expected") from None
    if isinstance(value, date):  # datetime included: converted to WIB
        return to_wib_date(value)
    raise SuratError(f"{name}: a date expected, got {type(value).__name__}")


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _as_datetime(value: Any) -> datetime:
    t = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    return t.astimezone(WIB)


def _join(values: tuple[str, ...]) -> str:
    return "; ".join(values)


def _split(text: str) -> tuple[str, ...]:
    return tuple(v for v in text.split("; ") if v)


def _parts_day(p: Any) -> date:
    return date(p.tahun or 2000, p.bulan or 1, 1)


def _case(r: tuple[Any, ...]) -> Entry:
    e = dataclasses.replace(_entry(r), buku="kasus")
    if r[17] is None:
        return e
    kategori = KategoriKasus(
        jenis_kekerasan=_split(r[17]),  # type: ignore[arg-type]
        tempat_kejadian=r[18],
        hubungan_pelaku=r[19],
        layanan=_split(r[20]),  # type: ignore[arg-type]
        jenis_kelamin=r[21],
        kelompok_umur=r[22],
    )
    return dataclasses.replace(e, kategori=kategori)


def _entry(r: tuple[Any, ...]) -> Entry:
    return Entry(
        nomor=r[0],
        urut=r[1],
        sisipan=r[2],
        klasifikasi=r[3],
        tanggal=_as_date(r[4]),
        perihal=r[5],
        tujuan=r[6],
        status=r[7],
        alasan_terbit=r[8],
        alasan_batal=r[9],
        created_at=_as_datetime(r[10]),
        batal_at=None if r[11] is None else _as_datetime(r[11]),
        batch=r[15],
        nomor_registrasi=r[16],
    )
