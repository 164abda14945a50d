"""Surat tugas pendampingan: the office assigns companions to a case.

It leaves the office: its context holds the victim's initials and case
registration number only, and it cites the approval letter by its number.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any, Literal

from pydantic import Field, model_validator

from ..dates import format_tanggal, hari
from ..office import Office
from .fields import Baris, NomorTeks, format_jam, initials
from .penandatangan import Ditandatangani, Penandatangan, agenda_tanggal, signer_context
from .shared import (
    EXAMPLE_KORBAN_KASUS,
    EXAMPLE_PENDAMPING,
    KEPADA_MAX,
    MAX_PENDAMPING,
    DataSurat,
    Kind,
    KorbanKasus,
    Pendamping,
    agenda_kode,
    lampiran_pendamping,
    paraf_context,
    pendamping_context,
    tembusan_for,
)

__all__ = ["DASAR_TUGAS", "KIND", "Penugasan", "RujukanSurat", "Tugas"]

DASAR_TUGAS: tuple[str, ...] = (
    "Undang-Undang Nomor 23 Tahun 2004 tentang Penghapusan Kekerasan dalam Rumah Tangga",
    "Undang-Undang Nomor 35 Tahun 2014 tentang Perubahan atas Undang-Undang Nomor 23 "
    "Tahun 2002 tentang Perlindungan Anak",
    "Peraturan Daerah Kota Batam Nomor 2 Tahun 2016 tentang Perlindungan Anak",
)
"""The standard grounds of a surat tugas (SOP 34 and 32)."""


class RujukanSurat(DataSurat):
    """Another letter referred to: its number and date."""

    nomor: NomorTeks
    tanggal: date


class Penugasan(DataSurat):
    """One task of a surat tugas: accompany the victim to a place on a date."""

    kegiatan: Baris
    """What happens there, e.g. 'pemeriksaan (BAP) di Unit PPA'."""
    tempat: Baris
    """e.g. 'Unit PPA Polresta Barelang'."""
    tanggal: date
    tanggal_selesai: date | None = None
    jam: time | None = None

    @model_validator(mode="after")
    def _order(self) -> Penugasan:
        if self.tanggal_selesai is not None and self.tanggal_selesai < self.tanggal:
            raise ValueError("tanggal_selesai is before tanggal")
        return self


class Tugas(Ditandatangani):
    """Surat tugas pendampingan: assigns companions (leaves the office: initials only)."""

    tanggal: date | None = None
    """The letter's date; the register number's date, else today (WIB)."""
    korban: KorbanKasus
    persetujuan: RujukanSurat
    """The approval letter this assignment follows."""
    dasar: list[Baris] = Field(default_factory=list, max_length=6)
    """Further grounds after the standard laws, e.g. 'Undang-Undang Nomor 12 Tahun 2022 ...'."""
    diktum: Literal["MENUGASKAN", "MEMERINTAHKAN"] = "MENUGASKAN"
    pendamping: list[Pendamping] = Field(min_length=1, max_length=MAX_PENDAMPING)
    """More than ten are listed on a Lampiran page ("daftar terlampir")."""
    tugas: list[Penugasan] = Field(min_length=1, max_length=8)
    tembusan: list[Baris] = Field(default_factory=list, max_length=10)
    penandatangan: Penandatangan | None = None
    """Who signs, when not the profile's signer (Plt., Plh., a.n., u.b.)."""

    def agenda(self, office: Office) -> dict[str, Any]:
        tanggal = agenda_tanggal("tugas", office, self.tanggal, self.penandatangan)
        names = [p.nama for p in self.pendamping]
        tujuan = (
            ", ".join(names)
            if len(names) <= KEPADA_MAX
            else f"{names[0]} dkk. ({len(names)} orang, daftar terlampir)"
        )
        return {
            "klasifikasi": office.klasifikasi("tugas"),
            "tanggal": tanggal,
            "perihal": "Surat Tugas Pendampingan",
            "tujuan": tujuan,
            "nomor_registrasi": self.korban.nomor_registrasi,
            **agenda_kode("tugas", office),
        }


def _rentang(mulai: date, selesai: date | None) -> str:
    if selesai is None or selesai == mulai:
        return f"{hari(mulai)}, {format_tanggal(mulai)}"
    return f"{format_tanggal(mulai)} s.d. {format_tanggal(selesai)}"


def context(data: Tugas, office: Office, surat: dict[str, Any], tanggal: date) -> dict[str, Any]:
    """What the assignment may print: initials, case number, the approval's number, the tasks."""
    kind = "tugas"
    signer = signer_context(kind, office, tanggal, data.penandatangan)
    surat.update(sifat="Rahasia")
    inisial = initials(data.korban.nama)
    nr = data.korban.nomor_registrasi
    dasar = [
        *DASAR_TUGAS,
        *data.dasar,
        f"Surat Persetujuan Pendampingan Nomor {data.persetujuan.nomor} "
        f"tanggal {format_tanggal(data.persetujuan.tanggal)}",
    ]
    tugas = [
        {
            "huruf": "abcdefghij"[i],
            "teks": f"{t.kegiatan} di {t.tempat}, {_rentang(t.tanggal, t.tanggal_selesai)}"
            + (f" pukul {format_jam(t.jam)}" if t.jam else "")
            + (";" if i < len(data.tugas) - 1 else "."),
        }
        for i, t in enumerate(data.tugas)
    ]
    # The report goes to the head on whose behalf the letter is signed, else the
    # signer's office (under a Plt./Plh. the office, not the absent holder).
    given = data.penandatangan
    head = (given.atas_nama if given else None) or (
        office.atas_nama.get(kind) if given is None else None
    )
    lapor = office.official(head or signer["peran"])
    return {
        "korban": {"inisial": inisial, "nomor_registrasi": nr},
        "persetujuan": {"nomor": data.persetujuan.nomor, "tanggal": data.persetujuan.tanggal},
        "dasar": [
            d.rstrip(";.") + (";" if i < len(dasar) else ".") for i, d in enumerate(dasar, 1)
        ],
        "diktum": " ".join(data.diktum),
        "pendamping": pendamping_context(data.pendamping),
        "lampiran_pendamping": lampiran_pendamping(data.pendamping)["ada"],
        "tugas": tugas,
        "lapor_kepada": lapor.jabatan,
        "penandatangan": signer,
        "paraf": paraf_context(kind, office, signer),
        "tembusan": tembusan_for(kind, office, data.tembusan),
    }


def example() -> dict[str, Any]:
    """Complete, realistic and entirely fictional data."""
    return {
        "tanggal": "2026-11-23",
        "korban": EXAMPLE_KORBAN_KASUS,
        "persetujuan": {"nomor": "001/DP3A-PP-KB/PPA/XI/2026", "tanggal": "2026-11-22"},
        "pendamping": EXAMPLE_PENDAMPING,
        "tugas": [
            {
                "kegiatan": "pemeriksaan (BAP)",
                "tempat": "Unit PPA Polresta Barelang",
                "tanggal": "2026-11-25",
                "jam": "09:00",
            },
            {
                "kegiatan": "pemeriksaan kesehatan (visum et repertum)",
                "tempat": "RSUD Embung Fatimah Kota Batam",
                "tanggal": "2026-11-26",
            },
        ],
    }


KIND = Kind(
    id="tugas",
    judul="Surat Tugas Pendampingan",
    model=Tugas,
    numbered=True,
    privasi="keluar",
    signable=True,
    context=context,
    example=example,
)
