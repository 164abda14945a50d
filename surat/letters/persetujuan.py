"""Surat persetujuan pendampingan: the office approves a request.

It leaves the office: its context holds the victim's initials and case
registration number only, so no template edit can print the name.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field, model_validator

from ..errors import SuratError
from ..office import Office
from ..simfoni import JenisKekerasan, Layanan
from .fields import Baris, NomorTeks, Tanggal, bagian, initials
from .penandatangan import Ditandatangani, Penandatangan, agenda_tanggal, signer_context
from .shared import (
    EXAMPLE_KORBAN_KASUS,
    EXAMPLE_PENDAMPING,
    MAX_PENDAMPING,
    DataSurat,
    Kind,
    KorbanKasus,
    Pendamping,
    agenda_kop,
    lampiran_pendamping,
    paraf_context,
    pendamping_context,
    tembusan_for,
)

__all__ = ["KERAHASIAAN_ANAK", "KERAHASIAAN_TPKS", "KIND", "Persetujuan", "RujukanPermohonan"]

KERAHASIAAN_ANAK = "Pasal 19 Undang-Undang Nomor 11 Tahun 2012 tentang Sistem Peradilan Pidana Anak"
"""Why a child victim's identity is kept secret: cited when ``korban.anak``."""
KERAHASIAAN_TPKS = "Undang-Undang Nomor 12 Tahun 2022 tentang Tindak Pidana Kekerasan Seksual"
"""Why a victim of sexual violence's identity is kept secret: cited for 'Seksual' only."""


class RujukanPermohonan(DataSurat):
    """The request an approval answers: its date and incoming agenda number."""

    tanggal: Tanggal
    nomor_agenda: NomorTeks


class Persetujuan(Ditandatangani):
    """Surat persetujuan pendampingan: approves a request (leaves the office: initials only)."""

    tanggal: Tanggal | None = None
    """The letter's date; the register number's date, else today (WIB)."""
    kepada: Baris = "Sdr. Pelapor"
    di: Baris | None = None
    lampiran: Baris = "-"
    permohonan: RujukanPermohonan
    korban: KorbanKasus
    layanan: list[Layanan] = Field(min_length=1, max_length=11)
    jenis_kekerasan: list[JenisKekerasan] = Field(default_factory=list, max_length=7)
    """The case's types of violence (Simfoni-PPA): 'Seksual' cites UU 12/2022 (TPKS) in
    the confidentiality paragraph."""
    pendamping: list[Pendamping] = Field(min_length=1, max_length=MAX_PENDAMPING)
    """More than ten are listed on a Lampiran page."""
    tembusan: list[Baris] = Field(default_factory=list, max_length=10)
    """Copy recipients added to the office's defaults."""
    penandatangan: Penandatangan | None = None
    """Who signs, when not the profile's signer (Plt., Plh., a.n., u.b.)."""

    @model_validator(mode="after")
    def _dates(self) -> Persetujuan:
        if self.tanggal is not None:
            check_dates(self, self.tanggal)
        return self

    def agenda(self, office: Office) -> dict[str, Any]:
        tanggal = agenda_tanggal("persetujuan", office, self.tanggal, self.penandatangan)
        return {
            "klasifikasi": office.klasifikasi("persetujuan"),
            "tanggal": tanggal,
            "perihal": "Persetujuan Pendampingan",
            # the reporter, by the case's number: never a name in the agenda
            "tujuan": f"Pelapor kasus {self.korban.nomor_registrasi}",
            "nomor_registrasi": self.korban.nomor_registrasi,
            **agenda_kop("persetujuan", office),
        }


def check_dates(data: Persetujuan, tanggal: date) -> None:
    """An approval answers a request: it is not dated before it.

    >>> p = Persetujuan.model_validate(example())
    >>> check_dates(p, date(2026, 11, 15))
    Traceback (most recent call last):
    ...
    ValueError: tanggal: surat persetujuan bertanggal sebelum permohonan yang dijawabnya ...
    """
    if tanggal < data.permohonan.tanggal:
        raise ValueError(
            "tanggal: surat persetujuan bertanggal sebelum permohonan yang dijawabnya "
            "(permohonan.tanggal)"
        )


def kerahasiaan(data: Persetujuan) -> str:
    """The laws the confidentiality paragraph cites: UU 11/2012 Pasal 19 for a child,
    UU 12/2022 for sexual violence; '' when neither holds (or the data do not say).

    >>> p = Persetujuan.model_validate(example())
    >>> kerahasiaan(p)
    'Pasal 19 Undang-Undang Nomor 11 Tahun 2012 tentang Sistem Peradilan Pidana Anak'
    >>> p.jenis_kekerasan.append("Seksual"); kerahasiaan(p).count("Undang-Undang")
    2
    """
    laws = []
    if data.korban.anak:
        laws.append(KERAHASIAAN_ANAK)
    if "Seksual" in data.jenis_kekerasan:
        laws.append(KERAHASIAAN_TPKS)
    return " dan ".join(laws)


def context(
    data: Persetujuan, office: Office, surat: dict[str, Any], tanggal: date
) -> dict[str, Any]:
    """What the approval may print: the victim's initials and case number, never the name."""
    if data.tanggal is None:  # dated by its number or today: the model could not check it
        try:
            check_dates(data, tanggal)
        except ValueError as exc:
            raise SuratError(str(exc)) from None
    signer = signer_context("persetujuan", office, tanggal, data.penandatangan)
    lampiran = lampiran_pendamping(data.pendamping, data.lampiran)
    surat.update(sifat="Rahasia", lampiran=lampiran["surat"], hal="Persetujuan Pendampingan")
    return {
        "kepada": data.kepada,
        "di": data.di or office.kota,
        "permohonan": {
            "tanggal": data.permohonan.tanggal,
            "nomor_agenda": data.permohonan.nomor_agenda,
        },
        "korban": {
            "inisial": initials(data.korban.nama),
            "nomor_registrasi": data.korban.nomor_registrasi,
        },
        "layanan": list(data.layanan),
        "layanan_bagian": [bagian(x) for x in data.layanan],  # 'Shelter' in italics
        "dasar_kerahasiaan": kerahasiaan(data),
        "pendamping": pendamping_context(data.pendamping),
        "lampiran_pendamping": lampiran["ada"],
        "penandatangan": signer,
        "paraf": paraf_context("persetujuan", office, signer),
        "tembusan": tembusan_for("persetujuan", office, data.tembusan),
    }


def example() -> dict[str, Any]:
    """Complete, realistic and entirely fictional data."""
    return {
        "tanggal": "2026-11-22",
        "kepada": "Sdr. Pelapor",
        "permohonan": {"tanggal": "2026-11-16", "nomor_agenda": "014/SM/2026"},
        "korban": EXAMPLE_KORBAN_KASUS,
        "layanan": ["Kesehatan", "Pendampingan Psikologis", "Bantuan Hukum"],
        "jenis_kekerasan": ["Fisik", "Psikis"],
        "pendamping": EXAMPLE_PENDAMPING,
        "tembusan": [],
    }


KIND = Kind(
    id="persetujuan",
    judul="Surat Persetujuan Pendampingan",
    model=Persetujuan,
    numbered=True,
    privasi="keluar",
    signable=True,
    context=context,
    example=example,
)
