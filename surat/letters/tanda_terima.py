"""Tanda terima berkas: the receipt the reporter takes home at intake.

"Telah terima dari" the reporter: the documents received as a checklist (KTP,
Akta Kelahiran/KIA, Kartu Keluarga, others), the incoming agenda number the
request got (:meth:`surat.Register.receive`) and the case registration
number, the date and time, and the staff who received them (name and
signature).

It leaves the office in the reporter's hands: it carries the reporter's name
and nothing about the victim, not even the initials. The victim's name is in
the data only so that a free-text field naming the victim (a document's
description, the subject, the note) is refused, naming the field. Not
numbered: its numbers are the incoming agenda's and the case book's.
"""

from __future__ import annotations

from datetime import date, time
from typing import Annotated, Any

from pydantic import Field, field_validator, model_validator

from ..dates import format_tanggal, hari
from ..errors import SuratError
from ..identitas import format_nip
from ..office import Office
from ..words import terbilang
from .disposisi import names
from .fields import Baris, Nama, NomorTeks, Tanggal, Teks, check_nip, format_jam
from .shared import EXAMPLE_KORBAN_KASUS, DataSurat, Kind, KorbanKasus

__all__ = ["CATATAN_MAX", "KIND", "Berkas", "Penerima", "TandaTerima"]

CATATAN_MAX = 300
"""Characters of the note: the receipt stays one page."""


class Berkas(DataSurat):
    """The documents received (copies), as the SOP's checklist names them."""

    ktp: bool = False
    """Fotokopi KTP."""
    akta_kelahiran: bool = False
    """Fotokopi Akta Kelahiran/KIA (a child reporter)."""
    kartu_keluarga: bool = False
    """Fotokopi Kartu Keluarga."""
    lainnya: list[Baris] = Field(default_factory=list, max_length=5)
    """Other documents, e.g. 'Surat keterangan dari sekolah (1 lembar)'."""


class Penerima(DataSurat):
    """The staff who received the documents and signs the receipt."""

    nama: Nama
    nip: str | None = None
    jabatan: Baris = "Staf Penerima"

    @field_validator("nip")
    @classmethod
    def _nip(cls, v: str | None) -> str | None:
        return check_nip(v)


class PelaporTandaTerima(DataSurat):
    """The reporter, as the receipt names her: the name only."""

    nama: Nama


class TandaTerima(DataSurat):
    """Tanda terima berkas (leaves the office with the reporter: no victim details)."""

    tanggal: Tanggal | None = None
    """The day received; today (WIB) when empty."""
    jam: time
    pelapor: PelaporTandaTerima
    korban: KorbanKasus
    """The case: its registration number is printed; the name only checks the text."""
    nomor_agenda: NomorTeks
    """The request's incoming agenda number (surat masuk)."""
    hal: Baris = "Permohonan Pendampingan Kasus"
    berkas: Berkas
    catatan: Annotated[Teks, Field(max_length=CATATAN_MAX)] | None = None
    penerima: Penerima

    @model_validator(mode="after")
    def _check(self) -> TandaTerima:
        b = self.berkas
        if not (b.ktp or b.akta_kelahiran or b.kartu_keluarga or b.lainnya):
            raise ValueError("berkas: paling sedikit satu berkas yang diterima diharapkan")
        problem = names_the_victim(self)
        if problem:
            raise ValueError(problem)
        return self


def names_the_victim(data: TandaTerima) -> str:
    """The first free-text field that names the victim, as a message; '' when none does.

    The reporter's own name is not checked: she may be the victim herself, and
    the receipt is hers.
    """
    fields: list[tuple[str, str | None]] = [
        ("hal", data.hal),
        ("catatan", data.catatan),
        *((f"berkas.lainnya.{i}", x) for i, x in enumerate(data.berkas.lainnya)),
    ]
    for field, value in fields:
        if value and names(value, data.korban.nama):
            return (
                f"{field}: menyebut nama korban; tanda terima yang dibawa pulang pelapor "
                "tidak memuat apa pun tentang korban"
            )
    return ""


def context(
    data: TandaTerima, office: Office, surat: dict[str, Any], tanggal: date
) -> dict[str, Any]:
    """What the receipt prints: the reporter, the documents, the numbers; no victim."""
    problem = names_the_victim(data)  # again: a model built without validation
    if problem:
        raise SuratError(problem)
    b = data.berkas
    berkas = [
        {"nama": "Fotokopi KTP", "ada": b.ktp},
        {"nama": "Fotokopi Akta Kelahiran/KIA", "ada": b.akta_kelahiran},
        {"nama": "Fotokopi Kartu Keluarga", "ada": b.kartu_keluarga},
        *({"nama": x, "ada": True} for x in b.lainnya),
    ]
    jumlah = sum(1 for x in berkas if x["ada"])
    surat.update(hal=data.hal)
    p = data.penerima
    return {
        "pelapor": {"nama": data.pelapor.nama},
        "hal": data.hal,
        "nomor_agenda": data.nomor_agenda,
        "nomor_registrasi": data.korban.nomor_registrasi,
        "diterima": f"{hari(tanggal)}, {format_tanggal(tanggal)} pukul {format_jam(data.jam)}",
        "berkas": [{**x, "tanda": "\u221a" if x["ada"] else ""} for x in berkas],
        "jumlah": f"{jumlah} ({terbilang(jumlah)}) berkas",
        "catatan": data.catatan or "",
        "penandatangan": {
            "jabatan": p.jabatan,
            "nama": p.nama,
            "nip": format_nip(p.nip) if p.nip else "",
        },
    }


def example() -> dict[str, Any]:
    """Complete, realistic and entirely fictional data: the example case's intake."""
    return {
        "tanggal": "2026-11-16",
        "jam": "09:05",
        "pelapor": {"nama": "Sri Wahyuningsih"},
        "korban": EXAMPLE_KORBAN_KASUS,
        "nomor_agenda": "014/SM/2026",
        "berkas": {
            "ktp": True,
            "akta_kelahiran": False,
            "kartu_keluarga": True,
            "lainnya": ["Surat keterangan dari sekolah (1 lembar)"],
        },
        "catatan": "Dokumen asli telah diperlihatkan dan dikembalikan kepada pelapor.",
        "penerima": {"nama": "Dewi Kartika, S.Psi.", "jabatan": "Staf Penerima"},
    }


KIND = Kind(
    id="tanda_terima",
    judul="Tanda Terima Berkas",
    model=TandaTerima,
    numbered=False,
    privasi="keluar",
    signable=True,
    context=context,
    example=example,
)
