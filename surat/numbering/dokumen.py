"""The documents of a case: which paper the office made for it, and when.

Each document the office prints for a case (the request, the counseling
report, the approval, the assignment, a referral, the companion's report, a
disposition...) is one row of ``surat_dokumen`` (register schema 8): its kind
(``jenis``), its own date, its agenda number when it has one, the stage of
the case it belongs to and the SOP step it evidences. The row holds no
personal data: no name, no address, no text of the letter; ``kunci`` is the
caller's key to recognise the same document when it is printed again (a
reprint never records twice), and a key that holds a protected word of the
case (:meth:`surat.Register.find_protected`) is refused.

:meth:`surat.Register.record_document` records one, :meth:`surat.Register.documents`
lists them; :meth:`surat.numbering.pending.Pending.record_document` records one
in the transaction that confirms a pack's numbers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from ..dates import today
from ..errors import SuratError
from ..vocab import KINDS, TAHAP
from . import checks

if TYPE_CHECKING:
    from ..prosedur import SOP

__all__ = ["JENIS", "MAX_KUNCI", "TAHAP", "TAHAP_JENIS", "Dokumen", "check", "nama_jenis"]

JENIS: tuple[str, ...] = (*KINDS, "kronologi")
"""The kinds of document a case may have: every letter kind, and the case's kronologi."""


TAHAP_JENIS: dict[str, str] = {
    "permohonan": "penerimaan",
    "tanda_terima": "penerimaan",
    "pernyataan": "penerimaan",
    "disposisi": "penerimaan",
    "konseling": "konseling",
    "nota_dinas": "konseling",
    "persetujuan": "persetujuan",
    "tugas": "penugasan",
    "rujukan": "rujukan",
    "laporan_pendampingan": "laporan",
    "undangan": "mediasi",
    "berita_acara": "mediasi",
    "penutupan": "penutupan",
}
"""The stage a document of each letter kind belongs to, when printed on its own
(``surat buat``)."""

MAX_KUNCI = 200
MAX_NOMOR = 100
#: How far ahead of today (WIB) a document may be dated: a typo in a year, not a plan.
MAKS_HARI_KE_DEPAN = 366

_CODE = "dokumen_tidak_sah"


@dataclass(frozen=True, slots=True)
class Dokumen:
    """One document of a case, as the register records it (no personal data).

    >>> from datetime import date
    >>> d = Dokumen("001/REG-PPA/XII/2026", "rujukan", date(2026, 12, 9),
    ...             nomor="004/DP3A-PP-KB/PPA/XII/2026", buku="keluar", tahap="rujukan",
    ...             kunci="rujukan:visum:2026-12-09")
    >>> d.nama, d.label
    ('Surat Rujukan', 'rujukan 004/DP3A-PP-KB/PPA/XII/2026')
    """

    nomor_registrasi: str
    """The case."""
    jenis: str
    """The document's kind (:data:`JENIS`): a letter kind, or ``"kronologi"``."""
    tanggal: date
    """The document's own date."""
    nomor: str | None = None
    """Its agenda number when it has one (outgoing or incoming book), else None."""
    buku: Literal["keluar", "masuk"] | None = None
    """The book of :attr:`nomor`: ``"keluar"``, ``"masuk"``, or None (unnumbered)."""
    tahap: str = ""
    """The case's stage (:data:`TAHAP`), '' when none was given."""
    sop: str | None = None
    """The SOP whose step the document evidences (its id, e.g. ``"34"``), or None."""
    langkah: int | None = None
    """That step's number, or None."""
    kunci: str = ""
    """The caller's key for this document (unique per case and kind): a reprint
    with the same key records nothing new."""
    dicatat: datetime | None = None
    """When the register recorded it (its own clock, WIB)."""

    @property
    def nama(self) -> str:
        """The kind's printed name (``"Surat Rujukan"``)."""
        return nama_jenis(self.jenis)

    @property
    def label(self) -> str:
        """The kind with its number when numbered: how :attr:`surat.numbering.LangkahKasus.dokumen`
        names it."""
        return f"{self.jenis} {self.nomor}" if self.nomor else self.jenis


def nama_jenis(jenis: str) -> str:
    """The printed name of a document kind.

    >>> nama_jenis("laporan_pendampingan"), nama_jenis("kronologi")
    ('Laporan Pelaksanaan Tugas Pendampingan', 'Kronologi Penanganan Kasus')
    """
    if jenis == "kronologi":
        return "Kronologi Penanganan Kasus"
    from ..letters import JUDUL

    return JUDUL.get(jenis, jenis.replace("_", " ").title())


def check(
    *,
    jenis: object,
    tanggal: object,
    nomor: object = None,
    buku: object = None,
    tahap: object = "",
    sop: str | os.PathLike[str] | SOP | None = None,
    langkah: object = None,
    kunci: object = "",
) -> Dokumen:
    """The document to record, checked; its ``nomor_registrasi`` is the register's to
    fill in once the case is found. Every refusal names the field and carries the
    code ``dokumen_tidak_sah``; no value is quoted.

    >>> check(jenis="konseling", tanggal="2026-12-07", tahap="konseling").tanggal
    datetime.date(2026, 12, 7)
    >>> check(jenis="memo", tanggal="2026-12-07")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: jenis: salah satu dari permohonan, ... diharapkan
    """
    if not isinstance(jenis, str) or jenis not in JENIS:
        raise SuratError(f"jenis: salah satu dari {', '.join(JENIS)} diharapkan", code=_CODE)
    if tanggal is None:
        raise SuratError("tanggal: tanggal dokumen diharapkan", code=_CODE)
    day = checks.tanggal(tanggal)
    if (day - today()) > timedelta(days=MAKS_HARI_KE_DEPAN):
        raise SuratError(
            f"tanggal: lebih dari {MAKS_HARI_KE_DEPAN} hari sesudah hari ini (salah ketik tahun?)",
            code=_CODE,
        )
    nomor_ = _line("nomor", nomor, MAX_NOMOR) if nomor is not None else None
    if nomor_ == "":
        raise SuratError(
            "nomor: nomor agenda atau None (dokumen tanpa nomor) diharapkan", code=_CODE
        )
    if buku is not None and buku not in ("keluar", "masuk"):
        raise SuratError("buku: 'keluar', 'masuk' atau None diharapkan", code=_CODE)
    if (nomor_ is None) != (buku is None):
        raise SuratError(
            "buku: dokumen bernomor menyebut bukunya ('keluar' atau 'masuk'); dokumen tanpa "
            "nomor tidak",
            code=_CODE,
        )
    if not isinstance(tahap, str) or (tahap and tahap not in TAHAP):
        raise SuratError(
            f"tahap: '' atau salah satu dari {', '.join(TAHAP)} diharapkan", code=_CODE
        )
    sop_id, step = _step(sop, langkah)
    return Dokumen(
        nomor_registrasi="",
        jenis=jenis,
        tanggal=day,
        nomor=nomor_,
        buku=buku,
        tahap=tahap,
        sop=sop_id,
        langkah=step,
        kunci=_line("kunci", kunci, MAX_KUNCI) if kunci else "",
    )


def _line(name: str, value: object, limit: int) -> str:
    """One printable line of at most *limit* characters, as given (never cleaned:
    a key must match itself)."""
    if not isinstance(value, str):
        raise SuratError(f"{name}: teks diharapkan, bukan {type(value).__name__}", code=_CODE)
    if len(value) > limit:
        raise SuratError(f"{name}: paling banyak {limit} karakter", code=_CODE)
    if not value.isprintable() or value != value.strip():
        raise SuratError(
            f"{name}: satu baris teks yang dapat dicetak diharapkan (tanpa karakter kendali "
            "dan tanpa spasi di awal atau akhir)",
            code=_CODE,
        )
    return value


def _step(
    sop: str | os.PathLike[str] | SOP | None, langkah: object
) -> tuple[str | None, int | None]:
    """The SOP's id and the step's number, both or neither; the step must exist."""
    if sop is None and langkah is None:
        return None, None
    if sop is None or langkah is None:
        raise SuratError(
            "langkah: sop dan langkah diberikan bersama, atau tidak sama sekali", code=_CODE
        )
    if isinstance(langkah, bool) or not isinstance(langkah, int):
        raise SuratError(
            f"langkah: nomor langkah diharapkan, bukan {type(langkah).__name__}", code=_CODE
        )
    from ..prosedur import sop as load_sop

    prosedur = load_sop(sop)
    return prosedur.id, prosedur.step(langkah).no
