"""Nota dinas: an internal memo from one official to another (Permendagri 1/2023).

SOP 34 step 4: the Kasi forwards the counseling report to the Kabid; step 5:
the Kabid answers with the decision (the services the victim is given, a
surat tugas to follow). "NOTA DINAS" under the kop, then Kepada, Dari,
Tembusan, Tanggal, Nomor, Sifat, Lampiran, Hal; a rule; the body; the
sender's jabatan and name.

It is internal: it stays between the officials of the case file. It still
names the victim by initials and case number only, as the counseling report
it forwards does, and its subject (``hal``, an agenda line read by more people
than the case file) may not name the victim.

Its number is its own: the outgoing register (agenda surat keluar) numbers
it, in the klasifikasi ``[penomoran] klasifikasi.nota_dinas`` of the profile,
else :data:`KLASIFIKASI` ('ND'), so a memo's number reads as a memo's. It is
signed by the official it comes from (``dari``), not for the head of the
letterhead: a memo is the sender's own; a standing Plt./Plh. of that role on
the memo's date signs with their own name.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from ..errors import SuratError
from ..identitas import format_nip
from ..office import Office
from ..simfoni import Layanan
from .disposisi import names
from .fields import Baris, NomorTeks, Tanggal, Teks, bagian, initials
from .penandatangan import Penandatangan
from .shared import (
    DOTTED_NAME,
    EXAMPLE_KORBAN_KASUS,
    DataSurat,
    Kind,
    KorbanKasus,
    agenda_kop,
    tembusan_for,
)

__all__ = ["KIND", "KLASIFIKASI", "MAX_PARAGRAF", "NotaDinas", "RujukanNaskah"]

KLASIFIKASI = "ND"
"""The klasifikasi of a memo's number when the profile names none for ``nota_dinas``."""

MAX_PARAGRAF = 8
"""Paragraphs of a memo's body at most."""

Peran = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_]{0,39}$")]
"""A role key of the office profile's ``[pejabat]`` table, e.g. 'kabid'."""

Paragraf = Annotated[Teks, StringConstraints(max_length=2000)]
"""One paragraph of the body: at most 2,000 characters."""


class RujukanNaskah(DataSurat):
    """The document a memo forwards or answers: what it is, its number (if any), its date."""

    jenis: Baris
    """e.g. 'Laporan Hasil Konseling Kasus', 'Nota Dinas'."""
    nomor: NomorTeks | None = None
    tanggal: Tanggal


class NotaDinas(DataSurat):
    """A nota dinas between two officials of the profile (role keys ``kepada``, ``dari``)."""

    tanggal: Tanggal | None = None
    """The memo's date; the register number's date, else today (WIB)."""
    kepada: Peran
    """The official it goes to (a role key), printed with their jabatan."""
    dari: Peran
    """The official it comes from and who signs it (a role key)."""
    tembusan: list[Baris] = Field(default_factory=list, max_length=6)
    sifat: Literal["Biasa", "Segera", "Sangat Segera", "Rahasia"] = "Rahasia"
    lampiran: Baris = "-"
    hal: Baris
    """The subject: an agenda line, never the victim's name."""
    korban: KorbanKasus
    """The case: printed as initials and registration number."""
    rujukan: RujukanNaskah | None = None
    """The report (step 4) or memo (step 5) this one forwards or answers."""
    isi: list[Paragraf] = Field(min_length=1, max_length=MAX_PARAGRAF)
    """The body, one paragraph each (plain text)."""
    layanan: list[Layanan] = Field(default_factory=list, max_length=11)
    """The decision (step 5): the services the victim is given, listed after the body."""
    penandatangan: Penandatangan | None = None
    """A Plt./Plh. of the sender (``dari``) who signs with their own name, NIP and pangkat;
    a memo is the sender's own: never signed a.n. or u.b."""

    @model_validator(mode="after")
    def _check(self) -> NotaDinas:
        if self.kepada == self.dari:
            raise ValueError(
                "kepada: nota dinas ditujukan kepada pejabat lain daripada pengirimnya (dari)"
            )
        given = self.penandatangan
        if given is not None and given.status not in ("", "Plt.", "Plh."):
            raise ValueError(
                "penandatangan.status: nota dinas ditandatangani pengirimnya (dari) atau "
                "Plt./Plh.-nya, tidak pernah a.n. atau u.b."
            )
        if given is not None and given.peran not in (None, self.dari):
            raise ValueError(
                "penandatangan.peran: penanda tangan nota dinas adalah pengirimnya (dari)"
            )
        if names(self.hal, self.korban.nama):
            raise ValueError(
                "hal: menyebut nama korban; hal masuk buku agenda: hanya inisial dan nomor kasus"
            )
        return self

    def agenda(self, office: Office) -> dict[str, Any]:
        from ..dates import today

        tanggal = self.tanggal or today()
        pengirim(office, self.dari, tanggal, self.penandatangan)  # the signer, before a number
        kepada = _official(office, self.kepada, "kepada")
        return {
            "klasifikasi": office.klasifikasi(KIND.id) or KLASIFIKASI,
            "tanggal": tanggal,
            "perihal": self.hal,
            # a role, never a person: the agenda is read by more people than the file
            "tujuan": kepada.singkatan or kepada.jabatan,
            "nomor_registrasi": self.korban.nomor_registrasi,
            **agenda_kop(KIND.id, office),
        }


def _official(office: Office, role: str, field: str) -> Any:
    pejabat = office.pejabat.get(role)
    if pejabat is None:
        raise SuratError(
            f"{field}: '{role}' bukan peran dalam profil kantor "
            f"(diharapkan salah satu dari {', '.join(office.pejabat)})"
        )
    return pejabat


def pengirim(
    office: Office, role: str, tanggal: date, given: Penandatangan | None = None
) -> dict[str, Any]:
    """The sender's block: jabatan (with Plt./Plh.), name, pangkat, NIP. The memo's own
    Plt./Plh. (*given*), else a standing one of the profile on *tanggal*, else the holder.

    >>> pengirim(Office.default(), "kepala_dinas", date(2026, 11, 24))["nama"]
    'UMIYATI, SE'
    """
    holder = _official(office, role, "dari")
    nama, nip, pangkat, acting = holder.nama, holder.nip, holder.pangkat, ""
    period = office.acting(role, tanggal)
    if given is not None and given.status in ("Plt.", "Plh."):
        if (holder.nip and given.nip == holder.nip) or (
            holder.nama
            and " ".join((given.nama or "").split()).casefold()
            == " ".join(holder.nama.split()).casefold()
        ):
            raise SuratError(
                f"penandatangan: {given.status} bertindak untuk pemangku '{role}', bukan "
                "pemangku itu sendiri"
            )
        acting = given.status
        nama, nip, pangkat = given.nama, given.nip, given.pangkat
    elif given is None and period is not None:
        acting = period.status
        nama, nip, pangkat = period.nama, period.nip, period.pangkat
    return {
        "peran": role,
        "an": "",
        "ub": "",
        "melalui": "",
        "status": acting,
        "jabatan": f"{acting} {holder.jabatan}".strip(),
        "singkatan": holder.singkatan or holder.jabatan,
        "nama": nama or DOTTED_NAME,
        "pangkat": pangkat or "",
        "nip": format_nip(nip) if nip else "",
    }


def context(
    data: NotaDinas, office: Office, surat: dict[str, Any], tanggal: date
) -> dict[str, Any]:
    """What the memo may print: roles, the case's initials and number, the body."""
    if data.kepada == data.dari:  # a model built without validation
        raise SuratError(
            "kepada: nota dinas ditujukan kepada pejabat lain daripada pengirimnya (dari)"
        )
    if names(data.hal, data.korban.nama):
        raise SuratError("hal: menyebut nama korban; hanya inisial dan nomor kasus")
    kepada = _official(office, data.kepada, "kepada")
    surat.update(sifat=data.sifat, lampiran=data.lampiran, hal=data.hal)
    return {
        "kepada": kepada.jabatan,
        "dari": _official(office, data.dari, "dari").jabatan,
        "korban": {
            "inisial": initials(data.korban.nama),
            "nomor_registrasi": data.korban.nomor_registrasi,
        },
        "rujukan": None
        if data.rujukan is None
        else {
            "jenis": data.rujukan.jenis,
            "nomor": data.rujukan.nomor or "",
            "tanggal": data.rujukan.tanggal,
        },
        "isi": list(data.isi),
        "layanan_bagian": [bagian(x) for x in data.layanan],
        "penandatangan": pengirim(office, data.dari, tanggal, data.penandatangan),
        "tembusan": tembusan_for(KIND.id, office, data.tembusan),
    }


def example() -> dict[str, Any]:
    """Complete, realistic and entirely fictional data: SOP 34 step 4, the Kasi to the Kabid."""
    return {
        "tanggal": "2026-11-17",
        "kepada": "kabid",
        "dari": "kasi_pha",
        "sifat": "Rahasia",
        "lampiran": "1 (satu) berkas",
        "hal": "Laporan Hasil Konseling Kasus 001/REG-PPA/XI/2026",
        "korban": EXAMPLE_KORBAN_KASUS,
        "rujukan": {"jenis": "Laporan Hasil Konseling Kasus", "tanggal": "2026-11-16"},
        "isi": [
            "Laporan tersebut telah kami teliti dan kami paraf, sebagaimana terlampir.",
            "Berdasarkan hasil konseling, korban membutuhkan layanan kesehatan, "
            "rehabilitasi sosial dan bantuan hukum. Mohon keputusan Bapak/Ibu atas "
            "pendampingan tersebut dan penerbitan surat tugas pendampingan.",
        ],
        "layanan": ["Kesehatan", "Rehabilitasi Sosial", "Bantuan Hukum"],
    }


KIND = Kind(
    id="nota_dinas",
    judul="Nota Dinas",
    model=NotaDinas,
    numbered=True,
    privasi="internal",
    signable=True,
    context=context,
    example=example,
)
