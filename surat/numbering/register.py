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

The outgoing book is kept per letterhead (``kop``): the letters printed under a
``[kop.NAME]`` with its own ``kode`` count in that letterhead's book, with its
own yearly counter, from 001 (``001/UPTD-PPA/...`` beside
``001/DP3A-PP-KB/...``); the office's own letterhead, and a ``[kop.NAME]``
without a code of its own (its numbers print the office's code), count in the
office's book. Each book is gapless on its own, and everything below
(backdating, inserted numbers) happens inside one book. The incoming book and
the case register are the office's: one front desk receives the letters, and
one case number ties together the letters of every letterhead.

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

A letter dated ahead would turn the other way: dated 200 days after today, it
makes every ordinary letter of the days before it a backdated one. An outgoing
letter dated more than ``penomoran.maks_hari_ke_depan`` days (default 7) after
today in WIB takes a number only with an ``alasan``, as the agenda records it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import hmac
import logging
import os
import re
import string
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, overload

from ..errors import SuratError
from ..office import KANTOR, Office
from ..privacy import protected_words, words
from ..simfoni import KategoriKasus
from ..vocab import ALASAN_PENUTUPAN, BOOKS, STATUSES, AlasanPenutupan, Buku
from . import checks, rows, sql
from . import dokumen as _dokumen
from . import langkah as _langkah
from .base import AlreadyVoid, ConflictError, Refused, Row, Store, Tx
from .checks import MAX_REGISTRASI, MAX_TEXT, POLICIES
from .dokumen import Dokumen
from .langkah import LangkahKasus
from .pattern import check_pattern, format_nomor, nomor_template, parse, sisipan_suffix
from .records import Entry, Letter, Masuk, Nomor, Paraf, Penutupan

if TYPE_CHECKING:
    from ..files import Target
    from ..prosedur import SOP
    from .export import Sheet as books_Sheet

# Buku, BOOKS, STATUSES, POLICIES and the MAX_ limits stay importable from here for
# one release; the statements are in surat.numbering.sql.
__all__ = [
    "BOOKS",
    "MAX_REGISTRASI",
    "MAX_TEXT",
    "POLICIES",
    "SCHEMA_VERSION",
    "SEMUA_KOP",
    "STATUSES",
    "Buku",
    "Dokumen",
    "Entry",
    "LangkahKasus",
    "Masuk",
    "Nomor",
    "Paraf",
    "Penutupan",
    "Register",
]

#: Bumped when the tables change; a register written by a newer surat is refused,
#: one written by an older one is migrated when opened (``Store.migrations``).
#: 1: the three books; 2: letters carry their case's ``nomor_registrasi``, the
#: case book its Simfoni-PPA categories (``surat_kategori``) and the SOP steps
#: of each case (``surat_langkah``); 3: the batch a pending number belongs to;
#: 4: one outgoing book per letterhead (``kop``).
#: 5: the protected words of each case as keyed digests (``surat_kata``) and the
#: register's secret key for them (``surat_kunci``).
#: 6: the electronic paraf of outgoing letters (``surat_paraf``) and their
#: electronic signature (``surat_tte``).
#: 7: cases closed and reopened (``surat_penutupan``).
#: 8: the documents of each case (``surat_dokumen``).
#: 9: the index of the letters' case (``surat_agenda_kasus``) holds only the
#: letters that have one.
SCHEMA_VERSION = 9

#: Why a number pending in a pack takes no paraf, no signature and no second letter.
PENDING_HINT = (
    "masih dalam paket yang sedang dicetak: suratnya belum selesai (surat agenda "
    "--tertunda; paket yang berhenti: surat nomor batal --batch ID)"
)

SEMUA_KOP = "*"
"""``kop=`` of :meth:`Register.entries` and :meth:`Register.export`: the outgoing
books of every letterhead at once (a case's letters, a monthly count)."""

#: The running number and an inserted number's suffix, as a number prints them.
_URUT = re.compile(r"\d+(?:\.[a-z]+)?")

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
                if store.schema_lock:
                    tx.run(store.schema_lock)
                    # Another process may have made the register while this one waited
                    # for the lock: its statements are not run again (schema 9's DROP
                    # INDEX would lock the agenda against the writers already at work).
                    if _one(tx, store.has_schema)["present"]:
                        row = tx.one(sql.SELECT_VERSION)
                        version = None if row is None else str(row["value"])
                if version is None:
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
                for step in store.migrations[target]:
                    if isinstance(step, str):
                        tx.run(step)
                    else:
                        step(tx)
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
        """Close the register's connection; closing twice, or in a forked child, is harmless.

        A register is also a context manager that closes itself (``with
        Register(path) as reg: ...``). Numbers already issued stay issued; a
        closed register refuses further work.

        >>> reg = Register(":memory:")
        >>> reg.close(); reg.close()  # twice is harmless
        >>> reg.issue(perihal="Surat")
        Traceback (most recent call last):
        ...
        surat.errors.SuratError: register: sudah ditutup
        """
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
        kop: str | None = None,
    ) -> Nomor:
        """Take the next number for an outgoing letter and record it in the agenda.

        The month and year come from *tanggal* in WIB (default: today in WIB).
        *alasan* records why, e.g. why a letter is backdated; a letter dated
        more than ``penomoran.maks_hari_ke_depan`` days ahead (default 7) is
        refused without one: its date would make every letter of the days
        before it a backdated one. *batch* (an id,
        see :func:`surat.batch.print_batch`) marks the number pending until
        :meth:`finish_batch`; a batch that dies leaves it in :meth:`pending`.
        *nomor_registrasi* links the letter to its case; a case closed in this
        register (:meth:`close_case`) takes no new letter until it is reopened
        (:meth:`reopen_case`): checked in the number's own transaction.

        *kop* names the letterhead the letter is printed on (a ``[kop.NAME]``
        of the office profile; None or ``"kantor"``: the office's own). A
        letterhead with its own ``kode`` prints that code in the number and
        counts in its own book; one without counts in the office's.
        *kode* (a ``[kop.*] kode``) chooses the book by its code instead.

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     str(reg.issue(perihal="Undangan", klasifikasi="PPA", tanggal=date(2026, 12, 7)))
        '001/DP3A-PP-KB/PPA/XII/2026'
        """
        day = checks.tanggal(tanggal)
        alasan_ = checks.text("alasan", alasan, one_line=False) or None
        checks.ahead(day, self.office.penomoran.maks_hari_ke_depan, alasan_)
        letter = Letter(
            "keluar",
            day,
            checks.text("perihal", perihal, required=True),
            klasifikasi=checks.klasifikasi(klasifikasi),
            tujuan=checks.text("tujuan", tujuan),
            alasan=alasan_,
            batch=checks.text("batch", batch) or None,
            nomor_registrasi=checks.registrasi(nomor_registrasi),
            kop=self._book(kop, kode, numbering=True),
        )
        return self._take(
            letter,
            self.office.penomoran.sisipan,
            then=self._refuse_closed(letter.nomor_registrasi),
        )

    def check_issue(
        self, letters: Sequence[Mapping[str, Any]], *, backdate_needs_alasan: bool = False
    ) -> list[tuple[int, str]]:
        """What :meth:`issue` would refuse if *letters* (each the keyword arguments
        of one :meth:`issue` call) were numbered in this order now; takes nothing.

        Returns (index in *letters*, message) for each letter refused: dated
        more than ``penomoran.maks_hari_ke_depan`` days ahead without an
        ``alasan``, a backdate the policy refuses or that has no letter to
        follow; with *backdate_needs_alasan*, also a backdated letter without
        an ``alasan``. A batch checks every row so before it takes a number.
        Another process may number letters meanwhile: :meth:`issue` still
        decides, and a letter it then backdates gets an inserted number.

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     _ = reg.issue(perihal="Surat", tanggal=date(2026, 3, 5))
        ...     reg.check_issue([{"perihal": "Surat", "tanggal": date(2026, 3, 1)},
        ...                      {"perihal": "Surat", "tanggal": date(2026, 3, 6)},
        ...                      {"perihal": "Surat", "tanggal": date(2026, 3, 5)}],
        ...                     backdate_needs_alasan=True)
        [(0, 'tanggal: tidak ada surat di buku agendanya bertanggal itu atau sebelumnya, \
sehingga nomor bertanggal mundur tidak punya induk; pakai tanggal lebih akhir'), (2, 'tanggal: \
lebih awal dari surat terakhir di buku agendanya, sehingga surat ini mendapat nomor sisipan \
(seperti 002.a); berikan alasannya (mengapa bertanggal mundur) atau tanggal lebih akhir')]
        """
        pen = self.office.penomoran
        planned: list[tuple[int, date, str, str | None]] = []
        problems: list[tuple[int, str]] = []
        for i, fields in enumerate(letters):
            day = checks.tanggal(fields.get("tanggal"))
            alasan = checks.text("alasan", fields.get("alasan"), one_line=False) or None
            try:
                checks.ahead(day, pen.maks_hari_ke_depan, alasan)
            except Refused as exc:
                problems.append((i, str(exc)))
                continue
            klas = checks.klasifikasi(fields.get("klasifikasi", ""))
            planned.append((i, day, self._counter("keluar", day, klas), alasan))
        state: dict[str, tuple[date, date | None]] = {}  # counter: latest, first regular
        with self._tx(write=False) as tx:
            for counter in {c for _, _, c, _ in planned}:
                row = tx.one(sql.SELECT_COUNTER, (counter,))
                first = _one(tx, sql.SELECT_FIRST_REGULAR, (counter,))["first"]
                state[counter] = (
                    NO_DATE if row is None else rows.as_date(row["tanggal"]),
                    None if first is None else rows.as_date(first),
                )
        for i, day, counter, alasan in planned:
            latest, first = state[counter]
            regular = (day, day if first is None else min(first, day))
            why = ""
            if latest <= day:
                state[counter] = regular
            elif pen.sisipan == "tolak":
                why = "lebih awal dari surat aktif terakhir di buku agendanya; kebijakan "
                why += "kantor menolak nomor bertanggal mundur"
            elif pen.sisipan == "sisipan" and (first is None or first > day):
                why = "tidak ada surat di buku agendanya bertanggal itu atau sebelumnya, "
                why += (
                    "sehingga nomor bertanggal mundur tidak punya induk; pakai tanggal lebih akhir"
                )
            elif backdate_needs_alasan and alasan is None:
                how = "surat ini mendapat nomor sisipan (seperti 002.a)"
                if pen.sisipan == "urut":
                    how = "nomornya merusak urutan tanggal di agenda"
                why = f"lebih awal dari surat terakhir di buku agendanya, sehingga {how}; "
                why += "berikan alasannya (mengapa bertanggal mundur) atau tanggal lebih akhir"
            elif pen.sisipan == "urut":  # the plain next number: the book's latest stays
                state[counter] = (latest, regular[1])
            if why:
                problems.append((i, f"tanggal: {why}"))
        return sorted(problems)

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

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     _ = reg.issue(perihal="Surat", tanggal=date(2026, 12, 1), batch="lain:1:a1")
        ...     [(e.nomor, e.batch) for e in reg.pending()]
        [('001/DP3A-PP-KB/XII/2026', 'lain:1:a1')]
        """
        with self._tx(write=False) as tx:
            found = tx.all(sql.SELECT_PENDING, (self.office.kode,))
        return [rows.entry(r) for r in found]

    def void_pending(self, batch: str, alasan: str) -> list[str]:
        """Void every number that *batch* (an ``Entry.batch`` of :meth:`pending`)
        left active; returns them. Refused while the batch's process still runs
        on this machine: its pack would then fail.

        >>> from datetime import date
        >>> with Register(":memory:") as reg:  # a batch of another machine, that died
        ...     _ = reg.issue(perihal="Surat", tanggal=date(2026, 12, 1), batch="lain:2:b2")
        ...     reg.void_pending("lain:2:b2", alasan="proses terhenti")
        ...     [e.status for e in reg.entries()]
        ['001/DP3A-PP-KB/XII/2026']
        ['batal']
        """
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

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     _ = reg.issue(perihal="Surat", tanggal=date(2026, 12, 1), batch="lain:1:a1")
        ...     reg.finish_batch("lain:1:a1"), reg.pending()
        (1, [])
        """
        return self._finish_batch(batch, ())

    def _finish_batch(
        self,
        batch: str,
        documents: Sequence[tuple[str, Dokumen]],
        signed: Sequence[str] = (),
    ) -> int:
        """:meth:`finish_batch`, recording *documents* ((case, checked document), from
        :meth:`surat.numbering.pending.Pending.record_document`) and the electronic
        signatures of the letters *signed* (their numbers, :meth:`record_tte`) in
        the same transaction: the numbers, the documents and the signatures land
        together or not at all."""
        batch_ = checks.text("batch", batch, required=True)
        kode = self.office.kode
        with self._tx() as tx:
            voided = [r["nomor"] for r in tx.all(sql.SELECT_BATCH_VOIDED, (kode, batch_))]
            if voided:
                raise SuratError(
                    "nomor: dibatalkan saat proses mencetak, sehingga paketnya tidak disimpan: "
                    + ", ".join(voided)
                )
            finished = tx.run(sql.FINISH_BATCH, (kode, batch_))
            for nomor_registrasi, doc in documents:
                self._record_document(tx, nomor_registrasi, doc)
            for nomor in signed:
                self._record_tte(tx, nomor)
            return finished

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
        kop: str | None = None,
    ) -> Iterator[Nomor]:
        """Issue a number for the block; if the block raises, void it and re-raise.

        The void reason is the exception's type name only (its message may
        quote personal data).

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     with reg.reserve(perihal="Surat Tugas", klasifikasi="PPA",
        ...                      tanggal=date(2026, 12, 7)) as nomor:
        ...         pass  # render and write the letter here
        ...     str(nomor), [e.status for e in reg.entries(tahun=2026)]
        ('001/DP3A-PP-KB/PPA/XII/2026', ['aktif'])
        """
        n = self.issue(
            perihal=perihal,
            tujuan=tujuan,
            klasifikasi=klasifikasi,
            tanggal=tanggal,
            alasan=alasan,
            nomor_registrasi=nomor_registrasi,
            kode=kode,
            kop=kop,
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

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     n = reg.issue(perihal="Surat", klasifikasi="PPA", tanggal=date(2026, 12, 7))
        ...     reg.void(n, alasan="salah ketik").status
        'batal'
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
                        raise AlreadyVoid(f"nomor: {candidate} sudah batal")
        if entry is None:
            raise SuratError(f"nomor: {text} tidak ada di buku agenda kantor ini ({buku})")
        # the number and the book only: the reason is free text and may name someone
        log.info("register: %s voided in book %s", entry.nomor, buku)
        return entry

    def peek(
        self,
        klasifikasi: str | None = None,
        tanggal: date | datetime | str | None = None,
        *,
        kop: str | None = None,
    ) -> Nomor:
        """The number :meth:`issue` would give now, consuming nothing.

        Another process may take it first; only :meth:`issue` hands numbers out.
        *kop*: the letterhead's book, as in :meth:`issue`.

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     str(reg.peek("PPA", date(2026, 12, 7)))
        '001/DP3A-PP-KB/PPA/XII/2026'
        """
        klas = checks.klasifikasi(klasifikasi)
        day = checks.tanggal(tanggal)
        book = self._book(kop, numbering=True)
        counter = self._counter("keluar", day, klas, book)
        with self._tx(write=False) as tx:
            urut, sisipan = self._next(
                tx, counter, day, self.office.penomoran.sisipan, consume=False
            )
            nomor = self._format("keluar", urut, sisipan, klas, day, book)
            if (
                book
                and not sisipan
                and tx.one(sql.SELECT_STATUS, ("keluar", self.office.kode, nomor))
            ):
                # printed by the office's book before schema 4: issue() skips past those
                form = _template(self._patterns["keluar"], day.year, day.month, book, klas)
                urut = self._legacy(tx, day.year, form) + 1
                nomor = self._format("keluar", urut, sisipan, klas, day, book)
        return Nomor(nomor=nomor, urut=urut, tanggal=day, klasifikasi=klas, sisipan=sisipan)

    def entries(
        self,
        tahun: int | None = None,
        klasifikasi: str | None = None,
        status: str | None = None,
        nomor_registrasi: str | None = None,
        *,
        kop: str | None = None,
    ) -> list[Entry]:
        """The outgoing agenda of a letterhead in number order; ``tahun=None``: every year.

        *kop*: the letterhead whose book it is (a ``[kop.NAME]``; None or
        ``"kantor"``: the office's own); :data:`SEMUA_KOP` (``"*"``): every
        letterhead's book, one book after the other. *nomor_registrasi*: only
        the letters of that case.

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     n = reg.issue(perihal="Surat", klasifikasi="PPA", tanggal=date(2026, 12, 7))
        ...     _ = reg.void(n, alasan="salah ketik")
        ...     _ = reg.issue(perihal="Surat", klasifikasi="PPA", tanggal=date(2026, 12, 7))
        ...     [(e.nomor, e.status) for e in reg.entries(tahun=2026)]
        [('001/DP3A-PP-KB/PPA/XII/2026', 'batal'), ('002/DP3A-PP-KB/PPA/XII/2026', 'aktif')]
        """
        where, params = self._filter("keluar", tahun, nomor_registrasi, kop=kop)
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
        kop: str | None = None,
    ) -> Path: ...
    @overload
    def export(
        self,
        target: BinaryIO,
        tahun: int | None = None,
        *,
        buku: Buku = "keluar",
        format: Literal["csv", "xlsx"],
        kop: str | None = None,
    ) -> None: ...
    def export(
        self,
        target: Target,
        tahun: int | None = None,
        *,
        buku: Buku = "keluar",
        format: Literal["csv", "xlsx"] | None = None,
        kop: str | None = None,
    ) -> Path | None:
        """Write a book as CSV or XLSX.

        *target* is a path ending in ``.csv`` or ``.xlsx`` (written atomically,
        mode 0600; the path is returned) or a binary stream such as
        ``io.BytesIO``, which needs ``format=`` (``"csv"`` or ``"xlsx"``).

        *buku*: ``keluar`` (the outgoing agenda, the default), ``masuk`` (the
        incoming agenda) or ``kasus`` (the case register with its Simfoni-PPA
        categories; in XLSX a second sheet lists every SOP step recorded). A
        step's ``catatan`` is never exported, and a free-text cell that holds a
        protected word of its row's case (:meth:`find_protected`) is written as
        :data:`surat.numbering.export.DILINDUNGI`. See :mod:`surat.numbering.export`.

        *kop*: the letterhead whose outgoing book is written, as in
        :meth:`entries` (None: the office's own). The incoming book and the
        case register are the office's: another letterhead's is refused.

        >>> import io
        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     _ = reg.issue(perihal="Surat", tanggal=date(2026, 12, 1))
        ...     buf = io.BytesIO()
        ...     reg.export(buf, 2026, format="csv")
        >>> buf.getvalue().decode("utf-8-sig").splitlines()[1].split(",")[:6]
        ['001/DP3A-PP-KB/XII/2026', '1', '', '', '2026-12-01', 'Surat']
        """
        from . import export as books

        out = books.Output.of(target, format)
        if buku not in BOOKS:
            raise SuratError(f"buku: salah satu dari {', '.join(BOOKS)} diharapkan")
        if buku != "keluar" and kop is not None and (kop == SEMUA_KOP or self._book(kop)):
            raise SuratError(
                "kop: hanya buku surat keluar yang dipisah per kop surat; buku surat masuk "
                "dan register kasus milik kantor"
            )
        out.check_writer()
        if buku == "keluar":
            sheets = books.keluar(self.entries(tahun, kop=kop))
        elif buku == "masuk":
            sheets = books.masuk(self.received(tahun))
        else:
            where, params = self._filter("kasus", tahun, alias="a.")
            with self._tx(write=False) as tx:  # the cases and their steps as of one moment
                cases = self._cases(tx, where, params)
                steps = self._steps(tx, where, params)
            sheets = books.kasus(cases, steps)
        masked = self._mask_protected(sheets)
        if masked:  # how many, never what
            log.info("register: book %s exported with %d cells withheld", buku, masked)
        return out.write(sheets)

    @overload
    def find(self, nomor: str, *, buku: Literal["masuk"]) -> Masuk | None: ...
    @overload
    def find(self, nomor: str, *, buku: Literal["keluar", "kasus"] = "keluar") -> Entry | None: ...
    def find(self, nomor: str, *, buku: Buku = "keluar") -> Entry | Masuk | None:
        """The row of *nomor* in this office's book *buku*, whatever its status, or None.

        The number is matched exactly as printed (no '1/...' for '001/...': a
        letter citing a number prints it): a row of another office's books, or
        a number typed with look-alike characters, is not found. The number is
        a parameter of the query, never part of its text.

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     n = reg.issue(perihal="Persetujuan Pendampingan", tanggal=date(2026, 12, 2))
        ...     e = reg.find(str(n))
        ...     (e.perihal, e.status), reg.find("099/DP3A-PP-KB/XII/2026")
        (('Persetujuan Pendampingan', 'aktif'), None)
        """
        if buku not in BOOKS:
            raise SuratError(f"buku: salah satu dari {', '.join(BOOKS)} diharapkan")
        if not isinstance(nomor, str) or not nomor.strip() or len(nomor) > MAX_TEXT:
            raise SuratError("nomor: nomor (satu baris teks) diharapkan")
        params = (buku, self.office.kode, nomor.strip())
        with self._tx(write=False) as tx:
            if buku == "kasus":
                row = tx.one(sql.SELECT_CASES + " AND a.nomor = ?", params)
                return None if row is None else rows.case(row)
            row = tx.one(sql.SELECT_ENTRIES + " AND nomor = ?", params)
        if row is None:
            return None
        return rows.masuk(row) if buku == "masuk" else rows.entry(row)

    def _mask_protected(self, sheets: list[books_Sheet]) -> int:
        """Replace, in the rows of an exported book, each free-text cell (perihal,
        tujuan, dari, the reasons) that holds a protected word of the row's case by
        :data:`surat.numbering.export.DILINDUNGI`; returns how many. The register
        keeps the text; the file that leaves it does not."""
        from .export import DILINDUNGI, FREE_TEXT

        wanted: dict[str, dict[str, tuple[list[object], int]]] = {}
        for _, header, table in sheets:
            if "Nomor registrasi" not in header:
                continue
            case_col = header.index("Nomor registrasi")
            cols = [i for i, name in enumerate(header) if name in FREE_TEXT]
            for r, row in enumerate(table):
                nomor = row[case_col]
                if not isinstance(nomor, str) or not nomor:
                    continue
                for c in cols:
                    if isinstance(row[c], str) and row[c]:
                        wanted.setdefault(nomor, {})[f"{id(table)}:{r}:{c}"] = (row, c)
        if not wanted:
            return 0
        masked = 0
        with self._tx(write=False) as tx:
            for nomor, cells in wanted.items():
                texts = {key: str(row[c]) for key, (row, c) in cells.items()}
                for key in self._find(tx, nomor, texts):
                    row, c = cells[key]
                    row[c] = DILINDUNGI
                    masked += 1
        return masked

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

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     reg.receive(dari="Pelapor", perihal="Permohonan Pendampingan Kasus",
        ...                 tanggal_terima=date(2026, 12, 7)).nomor
        '001/SM/2026'
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

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     _ = reg.receive(dari="Pelapor", tanggal_surat=date(2026, 12, 1),
        ...                     perihal="Permohonan Pendampingan", tanggal_terima=date(2026, 12, 1))
        ...     [(m.nomor, m.perihal) for m in reg.received(2026)]
        [('001/SM/2026', 'Permohonan Pendampingan')]
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
        identitas: Iterable[str] = (),
    ) -> Nomor:
        """Register a case in the Buku Register Penanganan Kasus (SOP 34).

        Its own yearly counter and the pattern ``penomoran.pola_kasus``
        (e.g. ``001/REG-PPA/XI/2026``). Keep *perihal* free of names: it is
        an agenda line, not the case file. *kategori* (Simfoni-PPA categories,
        :meth:`surat.Kasus.kategori`) is recorded with the number, in the
        same transaction. *batch* marks the number pending, as in :meth:`issue`.

        *identitas* are the texts that identify the victim: the victim's name,
        the reporter's, parents' or guardian's names, the addresses. Their
        words (:func:`surat.privacy.protected_words`) become the case's
        protected words, kept as keyed digests in the same transaction, never
        as words; :meth:`find_protected` then tells which texts hold one.

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     reg.register_case(perihal="Penanganan kasus kekerasan: Fisik",
        ...                       tanggal=date(2026, 12, 7)).nomor
        '001/REG-PPA/XII/2026'
        """
        perihal_ = checks.text("perihal", perihal, required=True)
        if kategori is not None and not isinstance(kategori, KategoriKasus):
            raise SuratError(
                f"kategori: surat.simfoni.KategoriKasus diharapkan, bukan {type(kategori).__name__}"
            )
        kata = _identitas(identitas)
        kode = self.office.kode

        def then(tx: Tx, nomor: str) -> None:
            if kategori is not None:
                k = kategori
                tx.run(
                    sql.INSERT_KATEGORI,
                    (
                        "; ".join(k.jenis_kekerasan), k.tempat_kejadian, k.hubungan_pelaku,
                        "; ".join(k.layanan), k.jenis_kelamin, k.kelompok_umur, kode, nomor,
                    ),
                )  # fmt: skip
            if kata:
                kasus = _one(tx, sql.SELECT_CASE_ANY, (kode, nomor))
                self._keep_words(tx, int(kasus["id"]), kata)

        letter = Letter(
            "kasus",
            checks.tanggal(tanggal),
            perihal_,
            batch=checks.text("batch", batch) or None,
        )
        return self._take(letter, "urut", then=then if kategori is not None or kata else None)

    # -- the protected words of a case -----------------------------------------

    def protect(self, nomor_registrasi: str, identitas: Iterable[str]) -> int:
        """Add the words of *identitas* (names, addresses) to the protected words of
        a case already registered (before schema 5, or by another application);
        returns how many words it now keeps. A word kept already is kept once.

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     nr = reg.register_case(perihal="Kasus", tanggal=date(2026, 12, 1)).nomor
        ...     reg.protect(nr, ["Putri Ayu", "Jl. Melati"]), reg.protect(nr, ["PUTRI"])
        (3, 3)
        """
        kata = _identitas(identitas)
        with self._tx() as tx:
            kasus_id = self._case_any(tx, nomor_registrasi)
            if kasus_id is None:
                raise SuratError(
                    "nomor_registrasi: kasus ini tidak ada di register kasus kantor ini "
                    "(buku kasus)"
                )
            self._keep_words(tx, kasus_id, kata)
            return len(tx.all(sql.SELECT_KATA, (kasus_id,)))

    def knows_case(self, nomor_registrasi: str) -> bool:
        """Whether the case is in this office's case book (active or void).

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     nr = reg.register_case(perihal="Kasus", tanggal=date(2026, 12, 1)).nomor
        ...     reg.knows_case(nr), reg.knows_case("009/REG-PPA/XII/2026")
        (True, False)
        """
        with self._tx(write=False) as tx:
            return self._case_any(tx, nomor_registrasi) is not None

    def find_protected(self, nomor_registrasi: str, texts: Mapping[str, str]) -> list[str]:
        """Which of *texts* (a name, such as a field's path, -> its text) hold a
        protected word of the case *nomor_registrasi*, in their order; [] for a
        case that is not in the case book or keeps no words.

        Each text is read word by word (:func:`surat.privacy.words`: any case,
        diacritics, width variants and invisible characters folded), and each
        word's digest compared with the case's: the words are never stored,
        and the secret never leaves the register. Initials are never protected
        words (they have fewer than three letters).

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     nr = reg.register_case(perihal="Kasus", tanggal=date(2026, 12, 1)).nomor
        ...     reg.protect(nr, ["Putri Ayu Lestari"])
        ...     reg.find_protected(nr, {"kepada": "Ibu dari PUTRI", "hal": "Pendampingan"})
        3
        ['kepada']
        """
        if not isinstance(texts, Mapping):
            raise SuratError("texts: pemetaan nama ke teks diharapkan")
        with self._tx(write=False) as tx:
            return self._find(tx, nomor_registrasi, texts)

    def _find(self, tx: Tx, nomor_registrasi: str, texts: Mapping[str, str]) -> list[str]:
        kasus_id = self._case_any(tx, nomor_registrasi)
        if kasus_id is None:
            return []
        kept = {bytes(r["digest"]) for r in tx.all(sql.SELECT_KATA, (kasus_id,))}
        if not kept:
            return []
        key = bytes(_one(tx, sql.SELECT_KUNCI)["kunci"])
        found = []
        for name, text in texts.items():
            if isinstance(text, str) and any(_digest(key, w) in kept for w in words(text)):
                found.append(name)
        return found

    def _keep_words(self, tx: Tx, kasus_id: int, kata: frozenset[str]) -> None:
        key = bytes(_one(tx, sql.SELECT_KUNCI)["kunci"])
        for word in sorted(kata):
            tx.run(sql.INSERT_KATA, (kasus_id, _digest(key, word)))

    def _case_any(self, tx: Tx, nomor_registrasi: str) -> int | None:
        """The id of a case of this office's case book, active or void; None if absent."""
        text = checks.text("nomor_registrasi", nomor_registrasi, required=True)
        candidates = [text]
        with contextlib.suppress(SuratError):  # also accept '1/...' for '001/...'
            p = parse(text, self._patterns["kasus"])
            day = date(p.tahun or 2000, p.bulan or 1, 1)
            candidates.append(self._format("kasus", p.urut, p.sisipan, "", day))
        for candidate in candidates:
            row = tx.one(sql.SELECT_CASE_ANY, (self.office.kode, candidate))
            if row is not None:
                return int(row["id"])
        return None

    def cases(self, tahun: int | None = None) -> list[Entry]:
        """The case register in number order, each case with its Simfoni-PPA categories
        (``Entry.kategori``, None when not recorded); ``tahun=None``: every year.

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     _ = reg.register_case(perihal="Kasus", tanggal=date(2026, 12, 1))
        ...     [(c.nomor, c.kategori) for c in reg.cases(2026)]
        [('001/REG-PPA/XII/2026', None)]
        """
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

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     nr = reg.register_case(perihal="Kasus", tanggal=date(2026, 12, 7)).nomor
        ...     _ = reg.record_step(nr, sop="34", langkah=1, mulai="2026-12-07 09:00",
        ...                         selesai="2026-12-07 09:04", oleh="pelapor")
        ...     [(s.langkah, s.terlambat) for s in reg.steps(nr)]
        [(1, False)]
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

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     nr = reg.register_case(perihal="Kasus", tanggal=date(2026, 12, 7)).nomor
        ...     _ = reg.record_step(nr, sop="34", langkah=1, mulai="2026-12-07 09:00",
        ...                         selesai="2026-12-07 09:04", oleh="pelapor")
        ...     [(s.nomor_registrasi, s.sop, s.langkah) for s in reg.steps()]
        [('001/REG-PPA/XII/2026', '34', 1)]
        """
        if nomor_registrasi is not None:
            with self._tx(write=False) as tx:
                kasus_id, _ = self._case_id(tx, nomor_registrasi)
                found = [rows.step(r) for r in tx.all(sql.SELECT_STEPS, (kasus_id,))]
                docs = [rows.dokumen(r) for r in tx.all(sql.SELECT_DOKUMEN_KASUS, (kasus_id,))]
            return _with_documents(found, docs)
        where, params = self._filter("kasus", tahun, alias="a.")
        with self._tx(write=False) as tx:
            return self._steps(tx, where, params)

    @staticmethod
    def _steps(tx: Tx, where: str, params: list[object]) -> list[LangkahKasus]:
        found = tx.all(sql.SELECT_ALL_STEPS + where + sql.ORDER_STEPS, params)
        docs = tx.all(sql.SELECT_ALL_DOKUMEN + where + sql.ORDER_DOKUMEN, params)
        return _with_documents([rows.step(r) for r in found], [rows.dokumen(r) for r in docs])

    # -- the documents of a case ------------------------------------------------

    def record_document(
        self,
        nomor_registrasi: str,
        *,
        jenis: str,
        tanggal: date | datetime | str,
        nomor: str | None = None,
        buku: Literal["keluar", "masuk"] | None = None,
        tahap: str = "",
        sop: str | os.PathLike[str] | SOP | None = None,
        langkah: int | None = None,
        kunci: str = "",
    ) -> Dokumen:
        """Record that the office made a document of kind *jenis* (a letter kind, or
        ``"kronologi"``) for a case, dated *tanggal*.

        *nomor* and *buku* (``"keluar"`` or ``"masuk"``) give its agenda number
        when it has one; *tahap* the case's stage
        (:data:`surat.numbering.dokumen.TAHAP`); *sop* and *langkah* the SOP
        step it evidences (:meth:`steps` shows it with that step). *kunci* is
        the caller's key for this one document (a referral's purpose and date,
        say): recording the same case, kind and key again returns the row
        recorded first, unchanged, so a reprint never records twice; so does
        a numbered document whose case, kind, book and number are recorded
        already (under another key). Keep names out of the key: one holding a
        protected word of the case is refused.

        Refused (with a code in ``SuratError.errors``): a case not in this
        office's case book (``kasus_tidak_dikenal``), a void one
        (``kasus_batal``), a closed one until :meth:`reopen_case`
        (``kasus_ditutup``), a document dated before the case was registered
        and a field that is not what it should be (``dokumen_tidak_sah``). The
        row holds no personal data.

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     nr = reg.register_case(perihal="Kasus", tanggal=date(2026, 12, 7)).nomor
        ...     d = reg.record_document(nr, jenis="konseling", tanggal=date(2026, 12, 8),
        ...                             tahap="konseling", sop="34", langkah=3)
        ...     again = reg.record_document(nr, jenis="konseling", tanggal=date(2026, 12, 9),
        ...                                 tahap="konseling", sop="34", langkah=3)
        ...     again == d, [(x.jenis, x.tanggal.day) for x in reg.documents(nr)]
        (True, [('konseling', 8)])
        """
        doc = _dokumen.check(
            jenis=jenis, tanggal=tanggal, nomor=nomor, buku=buku, tahap=tahap, sop=sop,
            langkah=langkah, kunci=kunci,
        )  # fmt: skip
        with self._tx() as tx:
            return self._record_document(tx, nomor_registrasi, doc)

    def _record_document(self, tx: Tx, nomor_registrasi: str, doc: Dokumen) -> Dokumen:
        """Record the checked *doc* of the case in *tx*; the row recorded first when
        the case, kind and key are there already."""
        kasus_id, nomor = self._case_id(tx, nomor_registrasi)
        # the case's row is locked first: a closing, or the same document recorded by
        # another process, waits for this transaction, and the reads below see theirs
        _one(tx, sql.LOCK_CASE, (self.office.kode, nomor))
        key = (kasus_id, doc.jenis, doc.kunci)
        found = tx.one(sql.SELECT_DOKUMEN, key)
        if found is None and doc.nomor is not None:  # one number is one document
            found = tx.one(sql.SELECT_DOKUMEN_NOMOR, (kasus_id, doc.jenis, doc.buku, doc.nomor))
        if found is not None:
            return rows.dokumen(found)
        last = tx.one(sql.SELECT_PENUTUPAN, (kasus_id,))
        if last is not None and last["tindakan"] == "tutup":
            raise SuratError(
                f"nomor_registrasi: kasus {nomor} ditutup pada "
                f"{rows.as_date(last['tanggal']).isoformat()}; buka kembali kasusnya "
                "(Register.reopen_case) sebelum mencatat dokumen baru; tidak ada yang dicatat",
                code="kasus_ditutup",
            )
        registered = rows.as_date(_one(tx, sql.SELECT_CASE_DATE, (kasus_id,))["tanggal"])
        if doc.tanggal < registered:
            raise SuratError(
                f"tanggal: dokumen bertanggal sebelum kasus {nomor} didaftarkan "
                f"({registered.isoformat()})",
                code="dokumen_tidak_sah",
            )
        if doc.kunci and self._find(tx, nomor, {"kunci": doc.kunci}):
            raise SuratError(
                "kunci: memuat kata yang dilindungi dari kasus ini (nama, alamat); "
                "pakai kunci tanpa identitas, seperti 'rujukan:visum:2026-12-01'",
                code="dokumen_tidak_sah",
            )
        tx.run(
            sql.INSERT_DOKUMEN,
            (*key, doc.tanggal, doc.nomor, doc.buku, doc.tahap, doc.sop, doc.langkah),
        )
        return rows.dokumen(_one(tx, sql.SELECT_DOKUMEN, key))

    def documents(
        self, nomor_registrasi: str | None = None, *, tahun: int | None = None
    ) -> list[Dokumen]:
        """The documents recorded for a case, in date order, then as recorded.

        Without *nomor_registrasi*: those of every case (registered in *tahun*,
        or every year), case by case in the order of the case book.

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     nr = reg.register_case(perihal="Kasus", tanggal=date(2026, 12, 7)).nomor
        ...     _ = reg.record_document(nr, jenis="disposisi", tanggal="2026-12-07")
        ...     _ = reg.record_document(nr, jenis="permohonan", tanggal="2026-12-07",
        ...                             nomor="001/SM/2026", buku="masuk")
        ...     [d.label for d in reg.documents(nr)]
        ['disposisi', 'permohonan 001/SM/2026']
        """
        if nomor_registrasi is not None:
            with self._tx(write=False) as tx:
                kasus_id, _ = self._case_id(tx, nomor_registrasi)
                found = tx.all(sql.SELECT_DOKUMEN_KASUS, (kasus_id,))
        else:
            where, params = self._filter("kasus", tahun, alias="a.")
            with self._tx(write=False) as tx:
                found = tx.all(sql.SELECT_ALL_DOKUMEN + where + sql.ORDER_DOKUMEN, params)
        return [rows.dokumen(r) for r in found]

    def document(self, nomor_registrasi: str, jenis: str, kunci: str = "") -> Dokumen | None:
        """The case's document of kind *jenis* recorded with *kunci*, or None.

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     nr = reg.register_case(perihal="Kasus", tanggal=date(2026, 12, 7)).nomor
        ...     _ = reg.record_document(nr, jenis="rujukan", tanggal="2026-12-09",
        ...                             kunci="rujukan:visum:2026-12-09")
        ...     reg.document(nr, "rujukan", "rujukan:visum:2026-12-09").tanggal.day
        ...     reg.document(nr, "rujukan") is None
        9
        True
        """
        if not isinstance(jenis, str) or jenis not in _dokumen.JENIS:
            raise SuratError(
                f"jenis: salah satu dari {', '.join(_dokumen.JENIS)} diharapkan",
                code="dokumen_tidak_sah",
            )
        if not isinstance(kunci, str):
            raise SuratError(
                f"kunci: teks diharapkan, bukan {type(kunci).__name__}", code="dokumen_tidak_sah"
            )
        with self._tx(write=False) as tx:
            kasus_id, _ = self._case_id(tx, nomor_registrasi)
            found = tx.one(sql.SELECT_DOKUMEN, (kasus_id, jenis, kunci))
        return None if found is None else rows.dokumen(found)

    # -- closing and reopening a case -----------------------------------------

    def close_case(
        self,
        nomor_registrasi: str,
        *,
        alasan: AlasanPenutupan,
        tanggal: date | datetime | str | None = None,
    ) -> Penutupan:
        """Close a case of this register (penutupan kasus, terminasi) for *alasan*, one
        of :data:`surat.vocab.ALASAN_PENUTUPAN`, on *tanggal* (default: today, WIB).

        From then on :meth:`issue` refuses a letter for it until :meth:`reopen_case`;
        both are recorded and stay. A case already closed, or a date before the
        case's registration or before its latest letter, is refused.

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     nr = reg.register_case(perihal="Kasus", tanggal=date(2026, 12, 1)).nomor
        ...     reg.close_case(nr, alasan="selesai", tanggal=date(2026, 12, 5)).tindakan
        ...     reg.issue(perihal="Surat", tanggal=date(2026, 12, 6), nomor_registrasi=nr)
        Traceback (most recent call last):
        ...
        surat.errors.SuratError: nomor_registrasi: kasus 001/REG-PPA/XII/2026 ditutup pada ...
        """
        if alasan not in ALASAN_PENUTUPAN:
            raise SuratError(f"alasan: salah satu dari {', '.join(ALASAN_PENUTUPAN)} diharapkan")
        return self._penutupan(nomor_registrasi, "tutup", alasan, tanggal)

    def reopen_case(
        self, nomor_registrasi: str, *, alasan: str, tanggal: date | datetime | str | None = None
    ) -> Penutupan:
        """Reopen a closed case on *tanggal* (default: today, WIB); *alasan* says why
        (free text kept in the register: keep names out of it).

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     nr = reg.register_case(perihal="Kasus", tanggal=date(2026, 12, 1)).nomor
        ...     _ = reg.close_case(nr, alasan="tidak dapat dihubungi", tanggal=date(2026, 12, 3))
        ...     reg.reopen_case(nr, alasan="klien kembali", tanggal=date(2026, 12, 4)).tindakan
        'buka'
        """
        text = checks.text("alasan", alasan, required=True, one_line=False)
        return self._penutupan(nomor_registrasi, "buka", text, tanggal)

    def _penutupan(
        self,
        nomor_registrasi: str,
        tindakan: Literal["tutup", "buka"],
        alasan: str,
        tanggal: date | datetime | str | None,
    ) -> Penutupan:
        day = checks.tanggal(tanggal)
        with self._tx() as tx:
            kasus_id, nomor = self._case_id(tx, nomor_registrasi)
            _one(tx, sql.LOCK_CASE, (self.office.kode, nomor))
            registered = rows.as_date(_one(tx, sql.SELECT_CASE_DATE, (kasus_id,))["tanggal"])
            if day < registered:
                raise SuratError(
                    f"tanggal: {day.isoformat()} sebelum kasus {nomor} terdaftar "
                    f"({registered.isoformat()})"
                )
            last = tx.one(sql.SELECT_PENUTUPAN, (kasus_id,))
            closed = last is not None and last["tindakan"] == "tutup"
            if tindakan == "tutup" and closed:
                raise SuratError(f"nomor_registrasi: kasus {nomor} sudah ditutup")
            if tindakan == "buka" and not closed:
                raise SuratError(f"nomor_registrasi: kasus {nomor} tidak sedang ditutup")
            letter = _one(tx, sql.SELECT_LAST_LETTER, (self.office.kode, nomor))["tanggal"]
            if tindakan == "tutup" and letter is not None and day < rows.as_date(letter):
                raise SuratError(
                    f"tanggal: kasus {nomor} memiliki surat bertanggal "
                    f"{rows.as_date(letter).isoformat()}; kasus ditutup pada hari itu atau "
                    "sesudahnya"
                )
            if last is not None and day < rows.as_date(last["tanggal"]):
                raise SuratError(
                    f"tanggal: {day.isoformat()} sebelum penutupan atau pembukaan kembali kasus "
                    f"yang terakhir ({rows.as_date(last['tanggal']).isoformat()})"
                )
            tx.run(sql.INSERT_PENUTUPAN, (kasus_id, tindakan, day, alasan))
        return Penutupan(nomor, tindakan, day, alasan)

    def closures(self, tahun: int | None = None) -> list[Penutupan]:
        """Every closing and reopening of the cases registered in *tahun* (None: every
        year), case by case in the case book's order, each case's in the order made.

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     nr = reg.register_case(perihal="Kasus", tanggal=date(2026, 12, 1)).nomor
        ...     _ = reg.close_case(nr, alasan="selesai", tanggal=date(2026, 12, 5))
        ...     _ = reg.reopen_case(nr, alasan="klien datang lagi", tanggal=date(2026, 12, 6))
        ...     [(p.tindakan, p.tanggal.isoformat(), p.alasan) for p in reg.closures()]
        [('tutup', '2026-12-05', 'selesai'), ('buka', '2026-12-06', 'klien datang lagi')]
        """
        where, params = self._filter("kasus", tahun, alias="a.")
        with self._tx(write=False) as tx:
            found = tx.all(sql.SELECT_PENUTUPAN_ALL + where + sql.ORDER_PENUTUPAN, params)
        return [
            Penutupan(str(r["nomor"]), r["tindakan"], rows.as_date(r["tanggal"]), str(r["alasan"]))
            for r in found
        ]

    def _refuse_closed(self, nomor_registrasi: str) -> Callable[[Tx, str], None] | None:
        """The check, inside :meth:`issue`'s transaction, that the letter's case is not
        closed; None for a letter of no case. A case kept in another book passes."""
        if not nomor_registrasi:
            return None
        kode = self.office.kode

        def then(tx: Tx, _nomor: str) -> None:
            case = tx.one(sql.LOCK_CASE, (kode, nomor_registrasi))
            if case is None:
                return
            last = tx.one(sql.SELECT_PENUTUPAN, (case["id"],))
            if last is not None and last["tindakan"] == "tutup":
                raise SuratError(
                    f"nomor_registrasi: kasus {nomor_registrasi} ditutup pada "
                    f"{rows.as_date(last['tanggal']).isoformat()}: buka kembali kasusnya "
                    "(Register.reopen_case) sebelum membuat surat baru; tidak ada yang ditulis"
                )

        return then

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
                    raise SuratError(
                        f"nomor_registrasi: kasus {candidate} sudah batal", code="kasus_batal"
                    )
                return int(row["id"]), candidate
        raise SuratError(
            f"nomor_registrasi: {text} tidak ada di buku kasus kantor ini",
            code="kasus_tidak_dikenal",
        )

    # -- paraf and electronic signature of an outgoing letter -----------------

    def record_paraf(self, nomor: str | Nomor, pejabat: str) -> Paraf:
        """Record that the official *pejabat* (a role key of the profile's
        ``[pejabat]``) initialled the outgoing letter *nomor*, now.

        The paraf is written once: its time is the register's own clock (no
        caller chooses it), the jabatan and NIP are the profile's (a standing
        Plt./Plh. appointment of the role today gives its own NIP), and it is
        never changed or removed. Refused for an official the profile does not
        name, for a void letter, for one already signed electronically
        (:meth:`record_tte`), and a second time for the same official.

        >>> from datetime import date
        >>> with Register(":memory:") as reg:
        ...     n = reg.issue(perihal="Persetujuan Pendampingan", klasifikasi="PPA")
        ...     p = reg.record_paraf(n, "kasi_pha")
        ...     p.jabatan, [x.pejabat for x in reg.paraf(n)]
        ('Kepala Seksi Perlindungan Anak', ['kasi_pha'])
        """
        from ..dates import today

        role = checks.text("pejabat", pejabat, required=True)
        if role not in self.office.pejabat:
            raise SuratError(
                "pejabat: bukan pejabat dalam profil kantor; salah satu dari "
                + ", ".join(self.office.pejabat)
                + " ([pejabat])"
            )
        official = self.office.official(role)
        acting = self.office.acting(role, today())
        nip = acting.nip if acting is not None else official.nip
        digits = "".join(c for c in (nip or "") if c.isdigit())
        with self._tx() as tx:
            surat_id, text = self._surat_id(tx, nomor)
            tx.run(sql.LOCK_SURAT, (surat_id,))
            if tx.one(sql.SELECT_TTE, (surat_id,)) is not None:
                raise SuratError(
                    f"paraf: {text} sudah ditandatangani secara elektronik; paraf mendahului "
                    "tanda tangan"
                )
            if _one(tx, sql.SELECT_SURAT_BATCH, (surat_id,))["batch"] is not None:
                # the pack prints (and may sign) the letter as it is now: a paraf
                # recorded meanwhile would be missing from the letter it belongs to
                raise SuratError(f"paraf: {text} {PENDING_HINT}")
            if tx.one(sql.SELECT_PARAF_PERAN, (surat_id, role)) is not None:
                raise SuratError(
                    f"paraf: {official.singkatan or official.jabatan} sudah memaraf {text}"
                )
            row = _one(tx, sql.INSERT_PARAF, (surat_id, role, official.jabatan, digits))
        return Paraf(text, role, official.jabatan, digits, rows.as_wib(row["waktu"]))

    def paraf(self, nomor: str | Nomor) -> list[Paraf]:
        """The electronic parafs recorded for the outgoing letter *nomor*, in time order.

        >>> with Register(":memory:") as reg:
        ...     n = reg.issue(perihal="Persetujuan Pendampingan", klasifikasi="PPA")
        ...     before = reg.paraf(n)
        ...     _ = reg.record_paraf(n, "kasi_pha")
        ...     before, [(p.pejabat, p.jabatan) for p in reg.paraf(n)]
        ([], [('kasi_pha', 'Kepala Seksi Perlindungan Anak')])
        """
        with self._tx(write=False) as tx:
            surat_id, text = self._surat_id(tx, nomor, void_ok=True)
            found = tx.all(sql.SELECT_PARAF, (surat_id,))
        return [
            Paraf(text, r["peran"], r["jabatan"], r["nip"], rows.as_wib(r["waktu"])) for r in found
        ]

    def record_tte(self, nomor: str | Nomor) -> datetime:
        """Record that the outgoing letter *nomor* was signed electronically; returns
        the time (the register's clock, WIB). Once recorded, no paraf is added to
        the letter. Refused for a void letter and for one recorded as signed already.

        >>> with Register(":memory:") as reg:
        ...     n = reg.issue(perihal="Persetujuan Pendampingan", klasifikasi="PPA")
        ...     when = reg.record_tte(n)
        ...     reg.tte(n) == when, when.tzname()
        (True, 'WIB')
        """
        with self._tx() as tx:
            return self._record_tte(tx, nomor)

    def _record_tte(self, tx: Tx, nomor: str | Nomor) -> datetime:
        """:meth:`record_tte` in the caller's transaction."""
        surat_id, text = self._surat_id(tx, nomor)
        tx.run(sql.LOCK_SURAT, (surat_id,))
        if tx.one(sql.SELECT_TTE, (surat_id,)) is not None:
            raise SuratError(f"tte: {text} sudah tercatat bertanda tangan")
        if _one(tx, sql.SELECT_SURAT_BATCH, (surat_id,))["batch"] is not None:
            raise SuratError(f"tte: {text} {PENDING_HINT}")
        return rows.as_wib(_one(tx, sql.INSERT_TTE, (surat_id,))["waktu"])

    def tte(self, nomor: str | Nomor) -> datetime | None:
        """When the outgoing letter *nomor* was recorded as signed electronically (WIB),
        or None.

        >>> with Register(":memory:") as reg:
        ...     reg.tte(reg.issue(perihal="Surat")) is None
        True
        """
        with self._tx(write=False) as tx:
            surat_id, _ = self._surat_id(tx, nomor, void_ok=True)
            row = tx.one(sql.SELECT_TTE, (surat_id,))
        return None if row is None else rows.as_wib(row["waktu"])

    def _surat_id(self, tx: Tx, nomor: str | Nomor, void_ok: bool = False) -> tuple[int, str]:
        """(id, nomor) of an outgoing letter of this office, refusing an unknown (or void) one."""
        text = str(nomor).strip() if isinstance(nomor, str | Nomor) else ""
        if not text:
            raise SuratError("nomor: nomor surat diharapkan")
        candidates = [text]
        with contextlib.suppress(SuratError):  # also accept '1/...' for '001/...'
            p = parse(text, self._patterns["keluar"])
            candidates.append(
                format_nomor(self._patterns["keluar"], urut=p.urut, tahun=p.tahun, bulan=p.bulan,
                             kode=p.kode, klasifikasi=p.klasifikasi, sisipan=p.sisipan)
            )  # fmt: skip
        for candidate in candidates:
            row = tx.one(sql.SELECT_SURAT, (self.office.kode, candidate))
            if row is not None:
                if row["status"] != "aktif" and not void_ok:
                    raise SuratError(f"nomor: {candidate} berstatus batal")
                return int(row["id"]), candidate
        raise SuratError(
            f"nomor: {text} tidak ada di buku agenda surat keluar kantor ini (buku keluar)"
        )

    # -- the one code path behind every number -----------------------------

    def _counter(self, buku: Buku, day: date, klasifikasi: str = "", book: str = "") -> str:
        # a code holds no space: "keluar/DP3A-PP-KB UPTD-PPA/2026" is the UPTD's book, and
        # the office's own keeps the names it always had
        name = f"{buku}/{self.office.kode}{' ' + book if book else ''}/{day.year}"
        if buku == "keluar" and self.office.penomoran.lingkup == "klasifikasi":
            name += f"/{klasifikasi}"
        return name

    def _format(
        self, buku: Buku, urut: int, sisipan: str, klas: str, day: date, book: str = ""
    ) -> str:
        return format_nomor(
            self._patterns[buku],
            urut=urut,
            sisipan=sisipan,
            tahun=day.year,
            bulan=day.month,
            kode=book or self.office.kode,
            klasifikasi=klas,
        )

    def _book(self, kop: str | None, kode: str | None = None, *, numbering: bool = False) -> str:
        """The outgoing book of letterhead *kop* (or of the code *kode*): the code its
        numbers print, '' for the office's own. With *numbering*, a letterhead's own
        book must print its code: the pattern needs ``{kode}``."""
        if kop is not None:
            if not isinstance(kop, str):
                raise SuratError(
                    f"kop: nama kop surat ([kop.NAMA] profil kantor) diharapkan, "
                    f"bukan {type(kop).__name__}"
                )
            if kop in self.office.kop:
                code = self.office.kop[kop].kode or self.office.kode
            elif kop == KANTOR:
                code = self.office.kode
            else:
                known = ", ".join([KANTOR, *sorted(self.office.kop)])
                raise SuratError(f"kop: bukan kop surat profil kantor (salah satu dari: {known})")
            if kode is not None and kode != code:
                raise SuratError("kode: bukan kode kop surat yang diberikan sebagai kop")
        elif kode is not None:
            known_codes = {k.kode for k in self.office.kop.values() if k.kode}
            if kode != self.office.kode and kode not in known_codes:
                raise SuratError(
                    f"kode: '{kode}' bukan kode kantor dan bukan kode [kop.*] di profilnya"
                )
            code = kode
        else:
            code = self.office.kode
        book = "" if code == self.office.kode else code
        if book and numbering and "kode" not in _fields(self.pattern):
            raise SuratError(
                "penomoran.pola: kop surat dengan kodenya sendiri menomori suratnya di "
                "bukunya sendiri mulai 001; pola memerlukan {kode} agar nomornya terpisah "
                "dari nomor kantor"
            )
        return book

    def _take(
        self,
        letter: Letter,
        policy: str,
        then: Callable[[Tx, str], None] | None = None,
    ) -> Nomor:
        """Take the next number of *letter*'s counter and record the letter: one transaction.

        *letter.kop* is its letterhead's book (:meth:`issue`): its counter and the
        code its number prints.
        *then(tx, nomor)* writes what belongs with the row, in the same transaction.
        """
        counter = self._counter(letter.buku, letter.tanggal, letter.klasifikasi, letter.kop)
        prefix, width, suffix = _template(
            self._patterns[letter.buku],
            letter.tanggal.year,
            letter.tanggal.month,
            letter.kop or self.office.kode,
            letter.klasifikasi,
        )
        with self._use() as store:
            try:
                try:
                    return self._record(
                        store, letter, policy, counter, (prefix, width, suffix), then
                    )
                except ConflictError:
                    if not letter.kop:
                        raise
                # A letterhead's number already printed by the office's book: a register
                # older than schema 4 numbered that letterhead's letters there. Once more,
                # past those numbers; nothing was written.
                return self._record(
                    store, letter, policy, counter, (prefix, width, suffix), then, legacy=True
                )
            except ConflictError:
                raise SuratError(
                    f"nomor: nomor dari penghitung {counter} sudah ada di buku agenda (apakah "
                    "pola memisahkan nomor penghitung yang berbeda?); tidak ada yang ditulis"
                ) from None

    def _record(
        self,
        store: Store,
        letter: Letter,
        policy: str,
        counter: str,
        form: tuple[str, int, str],
        then: Callable[[Tx, str], None] | None,
        *,
        legacy: bool = False,
    ) -> Nomor:
        """:meth:`_take`'s transaction; *legacy*: skip the numbers of *form* that the
        office's book holds (:meth:`_after_legacy`)."""
        prefix, width, suffix = form
        row = letter.row(self.office.kode, counter)
        fast = None
        if then is None and not legacy:
            fast = store.take_fast(
                (counter, letter.tanggal, policy == "urut", prefix, width, suffix, *row)
            )
        if fast is not None:
            urut, sisipan, nomor = int(fast["urut"]), "", str(fast["nomor"])
        else:
            with store.transaction() as tx:
                urut, sisipan = self._next(tx, counter, letter.tanggal, policy, consume=True)
                if legacy and not sisipan:
                    urut = self._after_legacy(tx, counter, letter.tanggal.year, urut, form)
                nomor = f"{prefix}{urut:0{width}d}{'.' + sisipan if sisipan else ''}{suffix}"
                tx.run(sql.INSERT_ENTRY, (*row, urut, sisipan, nomor))
                if then is not None:
                    then(tx, nomor)
        return Nomor(
            nomor=nomor,
            urut=urut,
            tanggal=letter.tanggal,
            klasifikasi=letter.klasifikasi,
            sisipan=sisipan,
        )

    def _after_legacy(
        self, tx: Tx, counter: str, tahun: int, urut: int, form: tuple[str, int, str]
    ) -> int:
        """*urut*, or the number after the last one of the same printed *form* in the
        office's book (:meth:`_legacy`); the counter is set to it."""
        last = self._legacy(tx, tahun, form)
        if last < urut:
            return urut
        tx.run(sql.SET_COUNTER, (last + 1, counter))
        return last + 1

    def _legacy(self, tx: Tx, tahun: int, form: tuple[str, int, str]) -> int:
        """The last running number of the printed *form* (prefix, width, suffix) in
        the office's book of *tahun*; 0 when none.

        Before schema 4 a letterhead's letters were numbered in the office's book,
        with the letterhead's code: those rows stay in the office's book, and the
        letterhead's own book skips the numbers they print, so none is printed twice.
        """
        prefix, _, suffix = form
        last = 0
        for r in tx.all(sql.SELECT_OFFICE_YEAR, (self.office.kode, tahun)):
            nomor = str(r["nomor"])
            middle = nomor[len(prefix) : len(nomor) - len(suffix)]
            if (
                len(nomor) > len(prefix) + len(suffix)
                and nomor.startswith(prefix)
                and nomor.endswith(suffix)
                and _URUT.fullmatch(middle)
            ):
                last = max(last, int(r["urut"]))
        return last

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
            raise Refused(
                f"tanggal: {day.isoformat()} lebih awal dari surat aktif terakhir di buku "
                f"agenda ini ({latest.isoformat()}); kebijakan kantor menolak nomor "
                "bertanggal mundur"
            )
        base = tx.one(sql.SELECT_SISIPAN_BASE, (counter, day))
        if base is None:
            raise Refused(
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
        *,
        kop: str | None = None,
    ) -> tuple[str, list[object]]:
        """`` AND ...`` conditions beyond a query's own ``buku = ? AND kode = ?``, with
        all the parameters; *alias* (``"a."``) qualifies the agenda's columns.
        *kop*: the letterhead's book (:meth:`entries`; the incoming and case
        books are the office's own)."""
        params: list[object] = [buku, self.office.kode]
        where = ""
        if kop != SEMUA_KOP:
            params.append(self._book(kop))
            where += f" AND {alias}kop = ?"
        if tahun is not None:
            params.append(checks.tahun(tahun))
            where += f" AND {alias}tahun = ?"
        if nomor_registrasi is not None:
            params.append(checks.text("nomor_registrasi", nomor_registrasi, required=True))
            where += sql.CASE_LETTERS.format(alias=alias)
        return where, params


@functools.lru_cache(maxsize=256)
def _template(
    pattern: str, tahun: int, bulan: int, kode: str, klasifikasi: str
) -> tuple[str, int, str]:
    """:func:`nomor_template`, remembered: one month's numbers share it."""
    return nomor_template(pattern, tahun=tahun, bulan=bulan, kode=kode, klasifikasi=klasifikasi)


@functools.lru_cache(maxsize=64)
def _fields(pattern: str) -> frozenset[str]:
    """The fields a (checked) pattern prints."""
    return frozenset(f for _, f, _, _ in string.Formatter().parse(pattern) if f)


def _with_documents(steps: list[LangkahKasus], documents: list[Dokumen]) -> list[LangkahKasus]:
    """Each step with the documents recorded for its case's SOP step
    (:attr:`LangkahKasus.dokumen`)."""
    labels: dict[tuple[str, str, int], list[str]] = {}
    for d in documents:
        if d.sop is not None and d.langkah is not None:
            labels.setdefault((d.nomor_registrasi, d.sop, d.langkah), []).append(d.label)
    if not labels:
        return steps
    return [
        dataclasses.replace(s, dokumen=tuple(labels[k]))
        if (k := (s.nomor_registrasi, s.sop, s.langkah)) in labels
        else s
        for s in steps
    ]


def _identitas(identitas: Iterable[str]) -> frozenset[str]:
    """The protected words of *identitas*; a text that is not one is refused by position."""
    if isinstance(identitas, str | bytes) or not isinstance(identitas, Iterable):
        raise SuratError("identitas: daftar teks (nama, alamat) diharapkan")
    texts = list(identitas)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise SuratError(f"identitas.{i}: teks diharapkan, bukan {type(text).__name__}")
        if len(text) > MAX_TEXT:
            raise SuratError(f"identitas.{i}: paling banyak {MAX_TEXT} karakter diharapkan")
    return protected_words(texts)


def _digest(key: bytes, word: str) -> bytes:
    """A protected word's keyed digest, as the register keeps it."""
    return hmac.new(key, word.encode("utf-8"), hashlib.sha256).digest()


def _one(tx: Tx, statement: str, params: tuple[object, ...] = ()) -> Row:
    row = tx.one(statement, params)
    if row is None:  # pragma: no cover - the statements always return a row
        raise SuratError("register: basis data tidak mengembalikan baris")
    return row
