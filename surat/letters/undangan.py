"""Surat undangan: the office invites to a mediation or a coordination meeting.

SOP 34 step 6 (coordination with the P2TP2A, the police's investigators, the
community) and SOP 32 step 9 ("Mediasi, Pengadilan Agama atau Kepolisian").
Surat dinas layout, Hal "Undangan"; the body gives Hari/tanggal, Waktu,
Tempat and Acara in a small aligned block; more than :data:`KEPADA_MAX`
addressees go to a "daftar terlampir" page.

It leaves the office: its context holds the victim's initials and case number
only, and the parties are named by their role ("Orang tua korban", "Pihak
terlapor", "Penyidik Unit PPA Polresta Barelang"), never by name. Every text
typed into it is read against the victim's name (whole words, any case, width
variants folded, :func:`surat.letters.disposisi.names`): a field that names
her is refused, naming the field, before a number is taken.
"""

from __future__ import annotations

from datetime import date, time
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from ..dates import format_tanggal, hari
from ..errors import SuratError
from ..office import Office
from .disposisi import names
from .fields import Baris, Tanggal, Teks, format_jam, initials
from .penandatangan import Ditandatangani, Penandatangan, agenda_tanggal, signer_context
from .shared import (
    EXAMPLE_KORBAN_KASUS,
    DataSurat,
    Kind,
    KorbanKasus,
    agenda_kop,
    paraf_context,
    tembusan_for,
)

__all__ = ["ACARA", "KEPADA_MAX", "KIND", "KLASIFIKASI", "Pertemuan", "Undangan"]

KLASIFIKASI = "PPA"
"""The klasifikasi of an invitation's number when the profile names none for ``undangan``."""

KEPADA_MAX = 5
"""Addressees the letter lists under "Yth."; more go to a "daftar terlampir" page."""

ACARA: dict[str, str] = {"mediasi": "rapat mediasi", "koordinasi": "rapat koordinasi"}
"""What the letter invites to, as its body says it."""


Catatan = Annotated[Teks, StringConstraints(max_length=600)]
"""The invitation's further paragraph: at most 600 characters."""


class Pertemuan(DataSurat):
    """The meeting: its day, its hours, its place, its agenda."""

    tanggal: Tanggal
    mulai: time
    selesai: time | None = None
    """None: "s.d. selesai"."""
    tempat: Baris
    acara: Baris
    """The agenda, e.g. 'Mediasi penyelesaian kasus secara kekeluargaan'."""

    @model_validator(mode="after")
    def _hours(self) -> Pertemuan:
        if self.selesai is not None and self.selesai <= self.mulai:
            raise ValueError("selesai: jam sesudah mulai diharapkan")
        return self


class Undangan(Ditandatangani):
    """Surat undangan (leaves the office: initials, case number and roles only)."""

    tanggal: Tanggal | None = None
    """The letter's date; the register number's date, else today (WIB)."""
    jenis: Literal["mediasi", "koordinasi"]
    kepada: list[Baris] = Field(min_length=1, max_length=40)
    """The addressees: offices and roles ('Kanit PPA Satreskrim Polresta Barelang',
    'Orang tua/wali korban'), never a name."""
    di: Baris | None = None
    sifat: Literal["Biasa", "Segera", "Sangat Segera", "Rahasia"] = "Rahasia"
    lampiran: Baris | None = None
    """Default: '-', or '1 (satu) lembar' with the list of addressees."""
    hal: Baris = "Undangan"
    korban: KorbanKasus
    pertemuan: Pertemuan
    pihak: list[Baris] = Field(default_factory=list, max_length=10)
    """The parties expected at the meeting, by role."""
    catatan: Catatan | None = None
    """A further paragraph, e.g. what to bring."""
    tembusan: list[Baris] = Field(default_factory=list, max_length=10)
    penandatangan: Penandatangan | None = None

    @model_validator(mode="after")
    def _no_name(self) -> Undangan:
        problem = names_the_victim(self)
        if problem:
            raise ValueError(problem)
        return self

    def agenda(self, office: Office) -> dict[str, Any]:
        tanggal = agenda_tanggal(KIND.id, office, self.tanggal, self.penandatangan)
        _after(self, tanggal)
        tujuan = "; ".join(self.kepada)
        if len(self.kepada) > 1 and len(tujuan) > 200:  # the agenda's line: the first, and how many
            tujuan = f"{self.kepada[0]} dkk. ({len(self.kepada)} undangan)"
        return {
            "klasifikasi": office.klasifikasi(KIND.id) or KLASIFIKASI,
            "tanggal": tanggal,
            "perihal": f"{self.hal} {ACARA[self.jenis].title()}",
            "tujuan": tujuan,
            "nomor_registrasi": self.korban.nomor_registrasi,
            **agenda_kop(KIND.id, office),
        }


def _texts(data: Undangan) -> list[tuple[str, str]]:
    """Every text typed into the letter, with its field path."""
    out: list[tuple[str, str]] = [(f"kepada.{i}", x) for i, x in enumerate(data.kepada)]
    out += [("di", data.di or ""), ("lampiran", data.lampiran or ""), ("hal", data.hal)]
    out += [("pertemuan.tempat", data.pertemuan.tempat)]
    out += [("pertemuan.acara", data.pertemuan.acara)]
    out += [(f"pihak.{i}", x) for i, x in enumerate(data.pihak)]
    out += [("catatan", data.catatan or "")]
    out += [(f"tembusan.{i}", x) for i, x in enumerate(data.tembusan)]
    return out


def names_the_victim(data: Undangan) -> str:
    """The first field that names the victim, as a message naming it; '' when none does.

    >>> u = Undangan.model_validate(example())
    >>> names_the_victim(u)
    ''
    >>> names_the_victim(u.model_copy(update={"pihak": ["Ibu dari Putri"]}))
    'pihak.0: menyebut nama korban; undangan menyebut para pihak menurut perannya'
    """
    for field, text in _texts(data):
        if text and names(text, data.korban.nama):
            return f"{field}: menyebut nama korban; undangan menyebut para pihak menurut perannya"
    return ""


def _after(data: Undangan, tanggal: date) -> None:
    if data.pertemuan.tanggal < tanggal:
        raise SuratError("pertemuan.tanggal: pertemuan tidak boleh sebelum tanggal undangan")


def waktu(p: Pertemuan) -> str:
    """The hours as the letter prints them.

    >>> waktu(Pertemuan(tanggal=date(2026, 12, 1), mulai=time(9), tempat="x", acara="y"))
    'pukul 09.00 WIB s.d. selesai'
    """
    sampai = format_jam(p.selesai) if p.selesai else "selesai"
    return f"pukul {format_jam(p.mulai)} s.d. {sampai}"


def context(data: Undangan, office: Office, surat: dict[str, Any], tanggal: date) -> dict[str, Any]:
    """What the invitation may print: initials, case number, roles; never a name."""
    problem = names_the_victim(data)  # again: a model built without validation
    if problem:
        raise SuratError(problem)
    _after(data, tanggal)
    signer = signer_context(KIND.id, office, tanggal, data.penandatangan)
    terlampir = len(data.kepada) > KEPADA_MAX
    lampiran = data.lampiran or ("1 (satu) lembar" if terlampir else "-")
    surat.update(sifat=data.sifat, lampiran=lampiran, hal=data.hal)
    p = data.pertemuan
    return {
        "kepada": list(data.kepada),
        "kepada_terlampir": terlampir,
        "di": data.di or office.kota,
        "acara_jenis": ACARA[data.jenis],
        "korban": {
            "inisial": initials(data.korban.nama),
            "nomor_registrasi": data.korban.nomor_registrasi,
        },
        "pertemuan": {
            "hari_tanggal": f"{hari(p.tanggal)}, {format_tanggal(p.tanggal)}",
            "waktu": waktu(p),
            "tempat": p.tempat,
            "acara": p.acara,
        },
        "pihak": list(data.pihak),
        "catatan": data.catatan or "",
        "penandatangan": signer,
        "paraf": paraf_context(KIND.id, office, signer),
        "tembusan": tembusan_for(KIND.id, office, data.tembusan),
    }


def example() -> dict[str, Any]:
    """Complete, realistic and entirely fictional data: a mediation (SOP 32 step 9)."""
    return {
        "tanggal": "2026-11-24",
        "jenis": "mediasi",
        "kepada": [
            "Kanit PPA Satreskrim Polresta Barelang",
            "Ketua P2TP2A Kota Batam",
            "Orang tua/wali korban",
        ],
        "hal": "Undangan",
        "korban": EXAMPLE_KORBAN_KASUS,
        "pertemuan": {
            "tanggal": "2026-12-01",
            "mulai": "09:00",
            "tempat": "Ruang Rapat DP3A-PP-KB Kota Batam",
            "acara": "Mediasi penyelesaian kasus dan kesepakatan pemulihan korban",
        },
        "pihak": [
            "Orang tua/wali korban",
            "Pihak terlapor beserta keluarga",
            "Penyidik Unit PPA Polresta Barelang",
            "Pendamping P2TP2A",
        ],
        "catatan": "Undangan ini bersifat rahasia dan tidak untuk disebarluaskan.",
        "tembusan": ["Kepala Bidang Pencegahan dan Penanganan Korban Kekerasan", "Arsip"],
    }


KIND = Kind(
    id="undangan",
    judul="Surat Undangan",
    model=Undangan,
    numbered=True,
    privasi="keluar",
    signable=True,
    context=context,
    example=example,
)
