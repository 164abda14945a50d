"""The steps of a case, timed against the SOP's standard (mutu baku).

Each SOP step that ran for a case is one row: which SOP and step, when it
began and ended (stored as instants, shown in WIB), who did it (a role, never
a name), and its outcome: ``selesai`` or ``dikembalikan`` (returned for
correction, as SOP 34 step 4 allows). A returned step is recorded again when
it is redone; both rows stay, so the case's history shows the return.

The step's ``kegiatan`` and ``mutu_baku`` are copied into the row when it is
recorded: a later revision of the SOP does not rewrite what a case was
measured against.

``catatan`` is free text kept in the register only: it may name a person,
so the register then holds sensitive text. No export and no printed book
shows it (:mod:`surat.privacy`).

The consultation with a psychologist that SOP 32 step 9 asks for before a
client whose psychological condition is not stable is accompanied is
recorded as that step done by the role :data:`PSIKOLOG` (a psychologist
works outside the SOP's flowchart, so the role is known to every SOP);
:func:`konsultasi_psikolog` finds it among a case's steps.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from ..dates import WIB
from ..errors import SuratError

if TYPE_CHECKING:
    from ..prosedur import SOP

__all__ = [
    "HASIL",
    "KEGIATAN_KONSULTASI",
    "KONSULTASI",
    "PSIKOLOG",
    "LangkahKasus",
    "check",
    "konsultasi_psikolog",
    "row",
    "waktu",
]

Hasil = Literal["selesai", "dikembalikan"]
HASIL: tuple[Hasil, ...] = ("selesai", "dikembalikan")
MAX_CATATAN = 2000
PSIKOLOG = "psikolog"
"""The role of the psychologist a client who is not stable consults first (SOP 32
step 9: "bila kondisi psikis pelapor kurang stabil harus dikonsultasikan ke
psykolog terlebih dahulu")."""
KONSULTASI = ("32", 9)
"""The SOP and step under which the consultation is recorded."""
KEGIATAN_KONSULTASI = (
    "Konsultasi kepada psikolog sebelum pendampingan (kondisi psikis klien belum stabil)"
)
"""What the row of a consultation says it was: not the step's own kegiatan (the
accompaniment that follows it)."""
MAX_DURASI = timedelta(days=366)
"""A step that lasts longer is a typo in a year, not a slow office."""


@dataclass(frozen=True, slots=True)
class LangkahKasus:
    """One SOP step as it ran for a case.

    >>> from datetime import datetime, timedelta
    >>> from surat.dates import WIB
    >>> s = LangkahKasus(nomor_registrasi="001/REG-PPA/XI/2026", sop="34", langkah=2,
    ...     kegiatan="Staf menerima berkas", mutu_baku=timedelta(minutes=60),
    ...     mulai=datetime(2026, 11, 16, 9, 10, tzinfo=WIB),
    ...     selesai=datetime(2026, 11, 16, 10, 25, tzinfo=WIB), oleh="staf_penerima")
    >>> s.durasi, s.terlambat, s.lebih
    (datetime.timedelta(seconds=4500), True, datetime.timedelta(seconds=900))
    """

    nomor_registrasi: str
    sop: str
    """The SOP's id, e.g. '34'."""
    langkah: int
    kegiatan: str
    mutu_baku: timedelta
    mulai: datetime
    """When the step began, in WIB."""
    selesai: datetime
    """When it ended, in WIB."""
    oleh: str
    """The role that performed it (an SOP actor or a profile role)."""
    hasil: Hasil = "selesai"
    catatan: str = field(default="", repr=False)
    """Free text kept in the register only; may be sensitive, never exported."""
    dicatat: datetime | None = None
    """When the row was written, in WIB."""
    dokumen: tuple[str, ...] = ()
    """The documents recorded for this step of the case
    (:meth:`surat.Register.record_document` with its ``sop`` and ``langkah``),
    each its kind with its number when numbered (``"rujukan 004/DP3A-PP-KB/PPA/XII/2026"``),
    in date order."""

    @property
    def durasi(self) -> timedelta:
        """How long the step took."""
        return self.selesai - self.mulai

    @property
    def terlambat(self) -> bool:
        """True when the step took longer than its mutu baku."""
        return self.durasi > self.mutu_baku

    @property
    def lebih(self) -> timedelta:
        """By how much the step ran over its mutu baku (zero when on time)."""
        return max(self.durasi - self.mutu_baku, timedelta(0))


def check(
    sop: str | os.PathLike[str] | SOP,
    *,
    langkah: int,
    mulai: datetime | str,
    selesai: datetime | str,
    oleh: str,
    hasil: str,
    catatan: str,
    pejabat: Collection[str],
) -> LangkahKasus:
    """The step to record, checked against its SOP and the office's roles (*pejabat*);
    its ``nomor_registrasi`` is the register's to fill in once the case is found."""
    from ..prosedur import sop as load_sop

    prosedur = load_sop(sop)
    step = prosedur.step(langkah)
    mulai_ = waktu("mulai", mulai)
    selesai_ = waktu("selesai", selesai)
    if selesai_ < mulai_:
        raise SuratError("selesai: tidak boleh sebelum mulai")
    if selesai_ - mulai_ > MAX_DURASI:
        raise SuratError("selesai: paling lama setahun sesudah mulai (salah ketik?)")
    if not isinstance(oleh, str) or not oleh.strip():
        raise SuratError("oleh: peran diharapkan")
    oleh = oleh.strip()
    if oleh not in prosedur.pelaksana and oleh not in pejabat and oleh != PSIKOLOG:
        roles = sorted({*prosedur.pelaksana, *pejabat, PSIKOLOG})
        raise SuratError(
            f"oleh: peran dalam SOP {prosedur.id} atau profil kantor diharapkan "
            f"({', '.join(roles)})"
        )
    if hasil not in HASIL:
        raise SuratError("hasil: 'selesai' atau 'dikembalikan' diharapkan")
    if not isinstance(catatan, str):
        raise SuratError(f"catatan: teks diharapkan, bukan {type(catatan).__name__}")
    catatan = catatan.strip()
    if len(catatan) > MAX_CATATAN or "\x00" in catatan:
        raise SuratError(f"catatan: paling banyak {MAX_CATATAN} karakter tanpa NUL")
    return LangkahKasus(
        nomor_registrasi="",
        sop=prosedur.id,
        langkah=step.no,
        kegiatan=KEGIATAN_KONSULTASI if oleh == PSIKOLOG else step.kegiatan,
        mutu_baku=step.mutu_baku,
        mulai=mulai_,
        selesai=selesai_,
        oleh=oleh,
        hasil=hasil,
        catatan=catatan,
    )


def konsultasi_psikolog(steps: Collection[LangkahKasus]) -> datetime | None:
    """When the case's first finished consultation with a psychologist ended (WIB):
    a step done by :data:`PSIKOLOG` with ``hasil`` ``selesai``; None when there is none.

    >>> s = LangkahKasus(nomor_registrasi="001/REG-PPA/XI/2026", sop="32", langkah=9,
    ...     kegiatan="", mutu_baku=timedelta(minutes=30), oleh=PSIKOLOG,
    ...     mulai=datetime(2026, 11, 24, 9, 0, tzinfo=WIB),
    ...     selesai=datetime(2026, 11, 24, 9, 45, tzinfo=WIB))
    >>> konsultasi_psikolog([s]).isoformat()
    '2026-11-24T09:45:00+07:00'
    >>> konsultasi_psikolog([]) is None
    True
    """
    done = [s.selesai for s in steps if s.oleh == PSIKOLOG and s.hasil == "selesai"]
    return min(done) if done else None


def row(kasus_id: int, s: LangkahKasus) -> tuple[object, ...]:
    """INSERT_STEP's parameters: times as UTC instants, the mutu baku in seconds."""
    return (
        kasus_id, s.sop, s.langkah, s.kegiatan, int(s.mutu_baku.total_seconds()),
        s.mulai.astimezone(UTC), s.selesai.astimezone(UTC), s.oleh, s.hasil, s.catatan,
    )  # fmt: skip


def waktu(name: str, value: object) -> datetime:
    """A point in time in WIB, to the second: an aware datetime, a naive one (taken as
    WIB) or ``"YYYY-MM-DD HH:MM"`` text.

    >>> waktu("mulai", "2026-11-16 09:10")
    datetime.datetime(2026, 11, 16, 9, 10, tzinfo=zoneinfo.ZoneInfo(key='Asia/Jakarta'))
    >>> waktu("mulai", "2026-11-16T02:10:00+00:00").hour
    9
    >>> waktu("mulai", "16-11-2026")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: mulai: waktu 'YYYY-MM-DD HH:MM' (WIB) diharapkan
    """
    if isinstance(value, str):
        if len(value.strip()) <= len("YYYY-MM-DD"):  # a date alone is not a time
            raise SuratError(f"{name}: waktu 'YYYY-MM-DD HH:MM' (WIB) diharapkan")
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise SuratError(f"{name}: waktu 'YYYY-MM-DD HH:MM' (WIB) diharapkan") from None
    if not isinstance(value, datetime):
        what = "tanggal tanpa jam" if isinstance(value, date) else type(value).__name__
        raise SuratError(f"{name}: tanggal dan jam diharapkan, bukan {what}")
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=WIB)
    if not 2000 <= value.astimezone(WIB).year <= 2999:
        raise SuratError(f"{name}: waktu antara tahun 2000 dan 2999 diharapkan")
    return value.astimezone(WIB).replace(microsecond=0)
