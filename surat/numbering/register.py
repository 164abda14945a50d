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
import functools
import logging
import os
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal, overload

from ..errors import SuratError
from ..office import Office
from ..simfoni import KategoriKasus
from ..vocab import BOOKS, STATUSES, Buku
from . import checks, rows, sql
from . import langkah as _langkah
from .base import AlreadyVoid, ConflictError, Row, Store, Tx
from .checks import MAX_REGISTRASI, MAX_TEXT, POLICIES
from .langkah import LangkahKasus
from .pattern import check_pattern, format_nomor, nomor_template, parse, sisipan_suffix
from .records import Entry, Letter, Masuk, Nomor

if TYPE_CHECKING:
    from ..files import Target
    from ..prosedur import SOP

# Buku, BOOKS, STATUSES, POLICIES and the MAX_ limits stay importable from here for
# one release; the statements are in surat.numbering.sql.
__all__ = [
    "BOOKS",
    "MAX_REGISTRASI",
    "MAX_TEXT",
    "POLICIES",
    "SCHEMA_VERSION",
    "STATUSES",
    "Buku",
    "Entry",
    "LangkahKasus",
    "Masuk",
    "Nomor",
    "Register",
]

#: Bumped when the tables change; a register written by a newer surat is refused,
#: one written by an older one is migrated when opened (``Store.migrations``).
#: 1: the three books; 2: letters carry their case's ``nomor_registrasi``, the
#: case book its Simfoni-PPA categories (``surat_kategori``) and the SOP steps
#: of each case (``surat_langkah``); 3: the batch a pending number belongs to.
SCHEMA_VERSION = 3

log = logging.getLogger(__name__)
"""Operator events: numbers voided (number and book, never the reason's text)."""

#: The latest date of a counter none of whose letters is active.
NO_DATE = date(1, 1, 1)


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
            raise SuratError(f"office: Office diharapkan, bukan {type(office).__name__}")
        pen = office.penomoran
        if pen.sisipan not in POLICIES:
            raise SuratError(f"penomoran.sisipan: salah satu dari {', '.join(POLICIES)} diharapkan")
        if pen.lingkup not in ("tahun", "klasifikasi"):
            raise SuratError("penomoran.lingkup: 'tahun' atau 'klasifikasi' diharapkan")
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
            raise SuratError("db: jalur berkas atau URL postgresql:// diharapkan")
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
                self._target, create=lambda tx: self._create_schema(tx, SqliteStore.schema)
            )
        try:
            self._ensure_schema(store)
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def _ensure_schema(cls, store: Store) -> None:
        with store.transaction(write=False) as tx:
            present = _one(tx, store.has_schema)["present"]
            row = tx.one(sql.SELECT_VERSION) if present else None
            version = None if row is None else str(row["value"])
        if version is None:
            with store.transaction() as tx:
                version = cls._create_schema(tx, store.schema)
        if not version.isdigit():
            raise SuratError(f"register: versi skema tidak terbaca {version!r}")
        if int(version) > SCHEMA_VERSION:
            raise SuratError(
                f"register: ditulis oleh surat yang lebih baru (skema {version}); surat ini "
                f"membaca paling tinggi skema {SCHEMA_VERSION} - perbarui surat"
            )
        if int(version) < SCHEMA_VERSION:
            cls._migrate(store)

    @staticmethod
    def _create_schema(tx: Tx, schema: tuple[str, ...]) -> str:
        """The register's tables and its schema version, in the caller's transaction."""
        for statement in schema:
            tx.run(statement)
        row = tx.one(sql.SELECT_VERSION)
        if row is not None:  # another process made them first
            return str(row["value"])
        tx.run(sql.INSERT_VERSION, (str(SCHEMA_VERSION),))
        return str(SCHEMA_VERSION)

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
                current = int(_one(tx, sql.SELECT_VERSION)["value"])
                if current >= SCHEMA_VERSION:
                    return
                target = current + 1
                for statement in store.migrations[target]:
                    tx.run(statement)
                tx.run(sql.UPDATE_VERSION, (str(target),))

    @contextlib.contextmanager
    def _tx(self, write: bool = True) -> Iterator[Tx]:
        with self._use() as store, store.transaction(write) as tx:
            yield tx

    @contextlib.contextmanager
    def _use(self) -> Iterator[Store]:
        """The store, for one call at a time; reopened in a forked child."""
        with self._lock:
            if self._closed:
                raise SuratError("register: sudah ditutup")
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
        letter = Letter(
            "keluar",
            checks.tanggal(tanggal),
            checks.text("perihal", perihal, required=True),
            klasifikasi=checks.klasifikasi(klasifikasi),
            tujuan=checks.text("tujuan", tujuan),
            alasan=checks.text("alasan", alasan, one_line=False) or None,
            batch=checks.text("batch", batch) or None,
            nomor_registrasi=checks.registrasi(nomor_registrasi),
        )
        return self._take(letter, self.office.penomoran.sisipan, self._kode(kode))

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
            found = tx.all(sql.SELECT_PENDING, (self.office.kode,))
        return [rows.entry(r) for r in found]

    def void_pending(self, batch: str, alasan: str) -> list[str]:
        """Void every number that *batch* (an ``Entry.batch`` of :meth:`pending`)
        left active; returns them. Refused while the batch's process still runs
        on this machine: its pack would then fail."""
        import socket

        from ..files import process_alive

        batch_ = checks.text("batch", batch, required=True)
        entries = [e for e in self.pending() if e.batch == batch_]
        if not entries:
            raise SuratError(f"batch: tidak ada nomor tertunda pada proses {batch_}")
        host, _, rest = batch_.partition(":")
        pid = rest.partition(":")[0]
        if host == socket.gethostname() and pid.isdigit() and process_alive(int(pid)):
            raise SuratError(
                f"batch: {batch_} masih berjalan (proses {pid}); biarkan selesai atau hentikan"
            )
        for e in entries:
            self.void(e.nomor, alasan=alasan, buku=e.buku)
        return [e.nomor for e in entries]

    def finish_batch(self, batch: str) -> int:
        """The batch's pack is complete: its numbers stop being pending.

        Refused (nothing changes) when one of them was voided meanwhile: the
        pack would print a void number. Returns how many numbers it finished.
        """
        batch_ = checks.text("batch", batch, required=True)
        kode = self.office.kode
        with self._tx() as tx:
            voided = [r["nomor"] for r in tx.all(sql.SELECT_BATCH_VOIDED, (kode, batch_))]
            if voided:
                raise SuratError(
                    "nomor: dibatalkan saat proses mencetak, sehingga paketnya tidak disimpan: "
                    + ", ".join(voided)
                )
            return tx.run(sql.FINISH_BATCH, (kode, batch_))

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
        alasan_ = checks.text("alasan", alasan, required=True, one_line=False)
        if buku not in BOOKS:
            raise SuratError(f"buku: salah satu dari {', '.join(BOOKS)} diharapkan")
        text = str(nomor).strip() if isinstance(nomor, str | Nomor) else ""
        if not text:
            raise SuratError("nomor: nomor yang dibatalkan diharapkan")
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
                voided = tx.one(sql.VOID, (alasan_, datetime.now(UTC), buku, kode, candidate))
                if voided is not None:
                    counter = voided["counter"]
                    tx.run(sql.LOCK_COUNTER, (counter,))
                    tx.run(sql.RESET_LATEST, (counter, NO_DATE, counter))
                    row = _one(tx, sql.SELECT_ENTRIES + " AND nomor = ?", (buku, kode, candidate))
                    entry = rows.entry(row)
                    break
            else:
                entry = None
                for candidate in candidates:
                    if tx.one(sql.SELECT_STATUS, (buku, kode, candidate)) is not None:
                        raise AlreadyVoid(f"nomor: {candidate} is already void ('batal')")
        if entry is None:
            raise SuratError(f"nomor: {text} tidak ada di buku agenda kantor ini ({buku})")
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
        klas = checks.klasifikasi(klasifikasi)
        day = checks.tanggal(tanggal)
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
            params.append(checks.klasifikasi(klasifikasi))
        if status is not None:
            if status not in STATUSES:
                raise SuratError("status: 'aktif' atau 'batal' diharapkan")
            where += " AND status = ?"
            params.append(status)
        with self._tx(write=False) as tx:
            found = tx.all(sql.SELECT_ENTRIES + where + sql.ORDER_ENTRIES, params)
        return [rows.entry(r) for r in found]

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
        from . import export as books

        out = books.Output.of(target, format)
        if buku not in BOOKS:
            raise SuratError(f"buku: salah satu dari {', '.join(BOOKS)} diharapkan")
        out.check_writer()
        if buku == "keluar":
            sheets = books.keluar(self.entries(tahun))
        elif buku == "masuk":
            sheets = books.masuk(self.received(tahun))
        else:
            where, params = self._filter("kasus", tahun, alias="a.")
            with self._tx(write=False) as tx:  # the cases and their steps as of one moment
                cases = self._cases(tx, where, params)
                steps = self._steps(tx, where, params)
            sheets = books.kasus(cases, steps)
        return out.write(sheets)

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
        dari_ = checks.text("dari", dari, required=True)
        nomor_surat_ = checks.text("nomor_surat", nomor_surat)
        surat_day = None
        if tanggal_surat is not None:
            surat_day = checks.tanggal(tanggal_surat, "tanggal_surat")
        perihal_ = checks.text("perihal", perihal, required=True)
        letter = Letter(
            "masuk",
            checks.tanggal(tanggal_terima, "tanggal_terima"),
            perihal_,
            dari=dari_,
            nomor_surat=nomor_surat_,
            tanggal_surat=surat_day,
            batch=checks.text("batch", batch) or None,
            nomor_registrasi=checks.registrasi(nomor_registrasi),
        )
        return self._take(letter, "urut")  # incoming letters count in the order recorded

    def received(
        self, tahun: int | None = None, nomor_registrasi: str | None = None
    ) -> list[Masuk]:
        """The incoming agenda in number order; ``tahun=None``: every year.

        *nomor_registrasi*: only the letters of that case.
        """
        where, params = self._filter("masuk", tahun, nomor_registrasi)
        with self._tx(write=False) as tx:
            found = tx.all(sql.SELECT_ENTRIES + where + sql.ORDER_ENTRIES, params)
        return [rows.masuk(r) for r in found]

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
        perihal_ = checks.text("perihal", perihal, required=True)
        if kategori is not None and not isinstance(kategori, KategoriKasus):
            raise SuratError(
                f"kategori: surat.simfoni.KategoriKasus diharapkan, bukan {type(kategori).__name__}"
            )
        then = None
        if kategori is not None:
            k = kategori
            kode = self.office.kode

            def then(tx: Tx, nomor: str) -> None:
                tx.run(
                    sql.INSERT_KATEGORI,
                    (
                        "; ".join(k.jenis_kekerasan), k.tempat_kejadian, k.hubungan_pelaku,
                        "; ".join(k.layanan), k.jenis_kelamin, k.kelompok_umur, kode, nomor,
                    ),
                )  # fmt: skip

        letter = Letter(
            "kasus",
            checks.tanggal(tanggal),
            perihal_,
            batch=checks.text("batch", batch) or None,
        )
        return self._take(letter, "urut", then=then)

    def cases(self, tahun: int | None = None) -> list[Entry]:
        """The case register in number order, each case with its Simfoni-PPA categories
        (``Entry.kategori``, None when not recorded); ``tahun=None``: every year."""
        where, params = self._filter("kasus", tahun, alias="a.")
        with self._tx(write=False) as tx:
            return self._cases(tx, where, params)

    @staticmethod
    def _cases(tx: Tx, where: str, params: list[object]) -> list[Entry]:
        found = tx.all(sql.SELECT_CASES + where + sql.ORDER_CASES, params)
        return [rows.case(r) for r in found]

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
        step = _langkah.check(
            sop, langkah=langkah, mulai=mulai, selesai=selesai, oleh=oleh, hasil=hasil,
            catatan=catatan, pejabat=self.office.pejabat,
        )  # fmt: skip
        with self._tx() as tx:
            kasus_id, nomor = self._case_id(tx, nomor_registrasi)
            tx.run(sql.INSERT_STEP, _langkah.row(kasus_id, step))
        return dataclasses.replace(step, nomor_registrasi=nomor)

    def steps(
        self, nomor_registrasi: str | None = None, *, tahun: int | None = None
    ) -> list[LangkahKasus]:
        """The steps recorded for a case, in the order they began (then as recorded).

        Without *nomor_registrasi*: the steps of every case (registered in
        *tahun*, or every year), case by case in the order of the case book.
        """
        if nomor_registrasi is not None:
            with self._tx(write=False) as tx:
                kasus_id, _ = self._case_id(tx, nomor_registrasi)
                return [rows.step(r) for r in tx.all(sql.SELECT_STEPS, (kasus_id,))]
        where, params = self._filter("kasus", tahun, alias="a.")
        with self._tx(write=False) as tx:
            return self._steps(tx, where, params)

    @staticmethod
    def _steps(tx: Tx, where: str, params: list[object]) -> list[LangkahKasus]:
        found = tx.all(sql.SELECT_ALL_STEPS + where + sql.ORDER_STEPS, params)
        return [rows.step(r) for r in found]

    def _case_id(self, tx: Tx, nomor_registrasi: str) -> tuple[int, str]:
        """(id, nomor) of a case in this office's case book, refusing an unknown or void one."""
        text = checks.text("nomor_registrasi", nomor_registrasi, required=True)
        candidates = [text]
        with contextlib.suppress(SuratError):  # also accept '1/...' for '001/...'
            p = parse(text, self._patterns["kasus"])
            day = date(p.tahun or 2000, p.bulan or 1, 1)
            candidates.append(self._format("kasus", p.urut, p.sisipan, "", day))
        for candidate in candidates:
            row = tx.one(sql.SELECT_CASE, (self.office.kode, candidate))
            if row is not None:
                if row["status"] != "aktif":
                    raise SuratError(f"nomor_registrasi: kasus {candidate} sudah batal")
                return int(row["id"]), candidate
        raise SuratError(f"nomor_registrasi: {text} tidak ada di buku kasus kantor ini")

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
                f"kode: '{kode}' bukan kode kantor dan bukan kode [kop.*] di profilnya"
            )
        return kode

    def _take(
        self,
        letter: Letter,
        policy: str,
        kode: str | None = None,
        then: Callable[[Tx, str], None] | None = None,
    ) -> Nomor:
        """Take the next number of *letter*'s counter and record the letter: one transaction.

        *kode* prints a unit's code instead of the office's (:meth:`issue`).
        *then(tx, nomor)* writes what belongs with the row, in the same transaction.
        """
        counter = self._counter(letter.buku, letter.tanggal, letter.klasifikasi)
        prefix, width, suffix = _template(
            self._patterns[letter.buku],
            letter.tanggal.year,
            letter.tanggal.month,
            kode or self.office.kode,
            letter.klasifikasi,
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
                    urut, sisipan, nomor = int(fast["urut"]), "", str(fast["nomor"])
                else:
                    with store.transaction() as tx:
                        urut, sisipan = self._next(
                            tx, counter, letter.tanggal, policy, consume=True
                        )
                        nomor = (
                            f"{prefix}{urut:0{width}d}{'.' + sisipan if sisipan else ''}{suffix}"
                        )
                        tx.run(sql.INSERT_ENTRY, (*row, urut, sisipan, nomor))
                        if then is not None:
                            then(tx, nomor)
            except ConflictError:
                raise SuratError(
                    f"nomor: nomor dari penghitung {counter} sudah ada di buku agenda (apakah "
                    "pola memisahkan nomor penghitung yang berbeda?); tidak ada yang ditulis"
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
            taken = _one(tx, self._store.upsert, (counter, day))
            last, latest = int(taken["last"]), rows.as_date(taken["tanggal"])
        else:
            row = tx.one(sql.SELECT_COUNTER, (counter,))
            last, latest = (
                (1, day) if row is None else (row["last"] + 1, rows.as_date(row["tanggal"]))
            )
        if latest <= day or policy == "urut":
            return last, ""
        if consume:
            tx.run(sql.UNDO_INCREMENT, (counter,))
        if policy == "tolak":
            raise SuratError(
                f"tanggal: {day.isoformat()} lebih awal dari surat aktif terakhir di buku "
                f"agenda ini ({latest.isoformat()}); kebijakan kantor menolak nomor "
                "bertanggal mundur"
            )
        base = tx.one(sql.SELECT_SISIPAN_BASE, (counter, day))
        if base is None:
            raise SuratError(
                f"tanggal: tidak ada surat di buku agenda ini bertanggal {day.isoformat()} atau "
                "sebelumnya, sehingga nomor bertanggal mundur tidak punya induk; pakai "
                "tanggal lebih akhir"
            )
        count = _one(tx, sql.COUNT_SISIPAN, (counter, base["urut"]))["n"]
        return int(base["urut"]), sisipan_suffix(int(count) + 1)

    def _filter(
        self,
        buku: Buku,
        tahun: int | None,
        nomor_registrasi: str | None = None,
        alias: str = "",
    ) -> tuple[str, list[object]]:
        """`` AND ...`` conditions beyond a query's own ``buku = ? AND kode = ?``, with
        all the parameters; *alias* (``"a."``) qualifies the agenda's columns."""
        params: list[object] = [buku, self.office.kode]
        where = ""
        if tahun is not None:
            params.append(checks.tahun(tahun))
            where += f" AND {alias}tahun = ?"
        if nomor_registrasi is not None:
            params.append(checks.text("nomor_registrasi", nomor_registrasi, required=True))
            where += f" AND {alias}nomor_registrasi = ?"
        return where, params


@functools.lru_cache(maxsize=256)
def _template(
    pattern: str, tahun: int, bulan: int, kode: str, klasifikasi: str
) -> tuple[str, int, str]:
    """:func:`nomor_template`, remembered: one month's numbers share it."""
    return nomor_template(pattern, tahun=tahun, bulan=bulan, kode=kode, klasifikasi=klasifikasi)


def _one(tx: Tx, statement: str, params: tuple[object, ...] = ()) -> Row:
    row = tx.one(statement, params)
    if row is None:  # pragma: no cover - the statements always return a row
        raise SuratError("register: basis data tidak mengembalikan baris")
    return row
