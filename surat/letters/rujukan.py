"""Surat rujukan: the office refers a client to another service.

The receiving service is the Unit PPA of the police (the examination, BAP),
a hospital (*visum et repertum*, health care), a psychologist (SOP 32 step 9:
an unstable client sees a psychologist first), the safe house (rumah aman,
*shelter*: SOP 32 step 7) or a legal aid. A case may have several, each
numbered in the outgoing book.

It leaves the office: the client appears by initials and case registration
number only, and every page says RAHASIA at its top and bottom. The identity
goes to the receiving service in person, with the companion, never on paper;
a free-text field (addressee, place, note, tembusan) that names the victim is
refused, naming the field.
"""

from __future__ import annotations

from datetime import date, time
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from ..dates import format_tanggal, hari
from ..errors import SuratError
from ..office import Office
from .disposisi import names
from .fields import Baris, Nama, Tanggal, Teks, Telepon, bagian, format_jam, initials
from .penandatangan import Ditandatangani, Penandatangan, agenda_tanggal, signer_context
from .shared import (
    EXAMPLE_KORBAN_KASUS,
    DataSurat,
    Kind,
    KorbanKasus,
    Pendamping,
    agenda_kop,
    paraf_context,
    pendamping_context,
    tembusan_for,
)
from .tugas import RujukanSurat

__all__ = ["KEPERLUAN", "KETERANGAN_MAX", "KIND", "Keperluan", "Narahubung", "Rujukan"]

Keperluan = Literal[
    "Pemeriksaan (BAP)",
    "Visum et Repertum",
    "Konsultasi Psikologis",
    "Penempatan di Rumah Aman",
    "Layanan Kesehatan",
    "Bantuan Hukum",
]
"""What the client is referred for: the closed list a referral chooses from."""
KEPERLUAN: tuple[str, ...] = (
    "Pemeriksaan (BAP)",
    "Visum et Repertum",
    "Konsultasi Psikologis",
    "Penempatan di Rumah Aman",
    "Layanan Kesehatan",
    "Bantuan Hukum",
)

#: How the letter prints each purpose (a foreign term in italics: :func:`bagian`).
_LAYANAN: dict[str, str] = {
    "Pemeriksaan (BAP)": "pemeriksaan dan pembuatan Berita Acara Pemeriksaan (BAP)",
    "Visum et Repertum": "pemeriksaan kesehatan dan pembuatan visum et repertum",
    "Konsultasi Psikologis": "konsultasi dan pemeriksaan psikologis",
    "Penempatan di Rumah Aman": "penempatan sementara di rumah aman (shelter)",
    "Layanan Kesehatan": "pemeriksaan dan perawatan kesehatan",
    "Bantuan Hukum": "konsultasi dan bantuan hukum",
}

KETERANGAN_MAX = 600
"""Characters of the note: a few lines, the letter stays one page."""

Keterangan = Annotated[Teks, Field(max_length=KETERANGAN_MAX)]


class Narahubung(DataSurat):
    """The office's contact person for the receiving service (a staff member)."""

    nama: Nama
    jabatan: Baris | None = None
    telepon: Telepon


class Rujukan(Ditandatangani):
    """Surat rujukan: refers the client to a service (leaves the office: initials only)."""

    tanggal: Tanggal | None = None
    """The letter's date; the register number's date, else today (WIB)."""
    kepada: Baris
    """The head of the receiving service, e.g. 'Kanit PPA Satreskrim Polresta Barelang'."""
    di: Baris | None = None
    """Its place; the office's city when empty."""
    korban: KorbanKasus
    keperluan: list[Keperluan] = Field(min_length=1, max_length=len(KEPERLUAN))
    """What for, from the closed list :data:`KEPERLUAN`, each once."""
    keterangan: Keterangan | None = None
    """Free text the purpose needs (what to examine, a date agreed by telephone);
    never the victim's name."""
    jadwal: Tanggal | None = None
    """The day the client comes; the letter says "as agreed" when empty."""
    jam: time | None = None
    tugas: RujukanSurat | None = None
    """The surat tugas of the companions who come along."""
    pendamping: list[Pendamping] = Field(default_factory=list, max_length=4)
    """Who comes with the client (and brings the identity in person)."""
    narahubung: Narahubung | None = None
    tembusan: list[Baris] = Field(default_factory=list, max_length=10)
    penandatangan: Penandatangan | None = None
    """Who signs, when not the profile's signer (Plt., Plh., a.n., u.b.)."""

    @model_validator(mode="after")
    def _check(self) -> Rujukan:
        if len(set(self.keperluan)) != len(self.keperluan):
            raise ValueError("keperluan: setiap keperluan sekali saja diharapkan")
        if self.jam is not None and self.jadwal is None:
            raise ValueError("jam: jam memerlukan harinya (jadwal)")
        if (
            self.tugas is not None
            and self.tanggal is not None
            and self.tugas.tanggal > self.tanggal
        ):
            raise ValueError(
                "tugas.tanggal: surat tugas tidak boleh bertanggal sesudah surat rujukan"
            )
        problem = names_the_victim(self)
        if problem:
            raise ValueError(problem)
        return self

    def agenda(self, office: Office) -> dict[str, Any]:
        tanggal = agenda_tanggal("rujukan", office, self.tanggal, self.penandatangan)
        return {
            "klasifikasi": office.klasifikasi("rujukan"),
            "tanggal": tanggal,
            "perihal": hal(self),
            "tujuan": self.kepada,  # the service: checked above, it never names the victim
            "nomor_registrasi": self.korban.nomor_registrasi,
            **agenda_kop("rujukan", office),
        }


def hal(data: Rujukan) -> str:
    """The letter's Hal: 'Rujukan' and its first purpose.

    >>> hal(Rujukan.model_validate(example()))
    'Rujukan Visum et Repertum'
    """
    return f"Rujukan {data.keperluan[0]}"


def names_the_victim(data: Rujukan) -> str:
    """The first free-text field that names the victim, as a message; '' when none does.

    The companions' and the contact person's names are printed on purpose and
    are not checked (a companion may share a word of the client's name).
    """
    nama = data.korban.nama
    fields: list[tuple[str, str | None]] = [
        ("kepada", data.kepada),
        ("di", data.di),
        ("keterangan", data.keterangan),
        *((f"tembusan.{i}", t) for i, t in enumerate(data.tembusan)),
    ]
    for field, value in fields:
        if value and names(value, nama):
            return (
                f"{field}: menyebut nama korban; surat rujukan hanya memuat inisial dan "
                "nomor kasus korban (identitasnya disampaikan langsung)"
            )
    return ""


def context(data: Rujukan, office: Office, surat: dict[str, Any], tanggal: date) -> dict[str, Any]:
    """What the referral may print: initials and case number, never the name."""
    problem = names_the_victim(data)  # again: a model built without validation
    if problem:
        raise SuratError(problem)
    if data.tugas is not None and data.tugas.tanggal > tanggal:
        raise SuratError("tugas.tanggal: surat tugas tidak boleh bertanggal sesudah surat rujukan")
    kind = "rujukan"
    signer = signer_context(kind, office, tanggal, data.penandatangan)
    surat.update(sifat="Rahasia", lampiran="-", hal=hal(data))
    layanan = [_LAYANAN[k] for k in data.keperluan]
    jadwal = ""
    if data.jadwal is not None:
        jadwal = f"{hari(data.jadwal)}, {format_tanggal(data.jadwal)}"
        if data.jam is not None:
            jadwal += f" pukul {format_jam(data.jam)}"
    n = data.narahubung
    return {
        "kepada": data.kepada,
        "di": data.di or office.kota,
        "korban": {
            "inisial": initials(data.korban.nama),
            "nomor_registrasi": data.korban.nomor_registrasi,
        },
        "hal_bagian": bagian(surat["hal"]),
        "layanan": layanan,
        "layanan_bagian": [bagian(x) for x in layanan],
        "keterangan": data.keterangan or "",
        "keterangan_bagian": bagian(data.keterangan or ""),  # 'visum et repertum' in italics
        "jadwal": jadwal,
        "tugas": None
        if data.tugas is None
        else {"nomor": data.tugas.nomor, "tanggal": data.tugas.tanggal},
        "pendamping": pendamping_context(data.pendamping),
        "narahubung": None
        if n is None
        else {"nama": n.nama, "jabatan": n.jabatan or "", "telepon": n.telepon},
        "penandatangan": signer,
        "paraf": paraf_context(kind, office, signer),
        "tembusan": tembusan_for(kind, office, data.tembusan),
    }


def example() -> dict[str, Any]:
    """Complete, realistic and entirely fictional data."""
    return {
        "tanggal": "2026-11-24",
        "kepada": "Direktur RSUD Embung Fatimah Kota Batam",
        "korban": EXAMPLE_KORBAN_KASUS,
        "keperluan": ["Visum et Repertum", "Layanan Kesehatan"],
        "keterangan": "Pemeriksaan memar pada lengan kiri akibat kejadian tanggal "
        "14 November 2026, atas permintaan penyidik Unit PPA Polresta Barelang.",
        "jadwal": "2026-11-26",
        "jam": "09:00",
        "tugas": {"nomor": "002/DP3A-PP-KB/PPA/XI/2026", "tanggal": "2026-11-23"},
        "pendamping": [
            {
                "nama": "Rina Marlina, S.Psi.",
                "nip": "19870512 201001 2 003",
                "pangkat": "Penata (III/c)",
                "jabatan": "Analis Perlindungan Anak",
            }
        ],
        "narahubung": {
            "nama": "Rina Marlina, S.Psi.",
            "jabatan": "Analis Perlindungan Anak",
            "telepon": "0812-7000-5678",
        },
    }


KIND = Kind(
    id="rujukan",
    judul="Surat Rujukan",
    model=Rujukan,
    numbered=True,
    privasi="keluar",
    signable=True,
    context=context,
    example=example,
)
