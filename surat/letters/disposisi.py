"""Lembar disposisi: the sheet clipped to an incoming letter (SOP 32 step 3).

The official who receives the letter (the Kasi, in SOP 32) ticks to whom it
goes on ("Diteruskan kepada Sdr.:", the roles of the office profile), what
they are asked to do ("Dengan hormat harap:"), writes a note, dates and
initials it. The letter's data (sender, number, dates, subject) and its
incoming agenda number (from :meth:`surat.Register.receive`) head the sheet.

It is an internal sheet: it may name the reporter (as the sender), never the
victim. A victim appears by initials and case registration number only, and
a sheet whose sender, subject or note names the victim is refused. It is not
numbered by the outgoing register: its number is the incoming agenda's.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from ..errors import SuratError
from ..office import Office
from .fields import Baris, NomorTeks, Teks, initials
from .shared import EXAMPLE_KORBAN_KASUS, DataSurat, Kind, KorbanKasus, pejabat_context

__all__ = ["HARAP", "KIND", "SIFAT", "Disposisi"]

SIFAT: tuple[str, ...] = ("Sangat Segera", "Segera", "Rahasia", "Biasa")
"""How urgent or confidential the incoming letter is, as the sheet prints the choices."""
Sifat = Literal["Sangat Segera", "Segera", "Rahasia", "Biasa"]

HARAP: tuple[str, ...] = (
    "Tanggapan dan saran",
    "Proses lebih lanjut",
    "Koordinasikan",
    "Untuk diketahui",
    "Arsip",
)
"""The instructions of "Dengan hormat harap:", in the order the sheet prints them."""
Harap = Literal[
    "Tanggapan dan saran", "Proses lebih lanjut", "Koordinasikan", "Untuk diketahui", "Arsip"
]

Peran = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_]{0,39}$")]
"""A role key of the office profile's ``[pejabat]`` table, e.g. 'kabid'."""

TANDA = "\u221a"  # '√': Liberation Sans (Arial's metrics) has it; ballot-box glyphs it lacks.

_PARTIKEL = frozenset({"bin", "binti", "van", "von", "de"})


def _words(text: str) -> list[str]:
    """Words as a reader sees them: width variants folded (NFKC), invisible
    format characters (zero-width space, joiners, soft hyphen) dropped, any case."""
    folded = unicodedata.normalize("NFKC", text)
    visible = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    return re.findall(r"\w+", visible.casefold())


def _name_words(nama: str) -> list[str]:
    """The words of a name that identify its bearer (particles and short words aside)."""
    return [w for w in _words(nama) if len(w) >= 3 and w not in _PARTIKEL]


def names(text: str, nama: str) -> bool:
    """True when *text* holds a word of the name *nama* (whole word, any case).

    >>> names("Mohon segera diproses", "Putri Ayu Lestari")
    False
    >>> names("Korban PUTRI dirujuk ke RSUD", "Putri Ayu Lestari")
    True
    >>> names("Putrinya dirujuk", "Putri Ayu Lestari")
    False
    >>> names("Ｌｅｓｔａｒｉ", "Putri Ayu Lestari"), names("Pu\u200btri", "Putri Ayu Lestari")
    (True, True)
    """
    words = set(_words(text))
    return any(w in words for w in _name_words(nama))


class Disposisi(DataSurat):
    """A lembar disposisi: the incoming letter, where it goes on, what to do, a note."""

    tanggal: date | None = None
    """The day of the disposition; today (WIB) when empty."""
    dari: Baris
    """Surat dari: the sender as the letter names it (the reporter, an agency)."""
    nomor_surat: Baris = "-"
    """The letter's own number; '-' for a citizen's letter without one."""
    tanggal_surat: date | None = None
    diterima: date
    """Diterima tanggal: the day the office received the letter."""
    nomor_agenda: NomorTeks
    """The incoming agenda number (Register.receive)."""
    sifat: Sifat = "Biasa"
    perihal: Baris
    """Hal: the letter's subject."""
    korban: KorbanKasus | None = None
    """The case the letter concerns: printed as its registration number and initials."""
    diteruskan: list[Peran] = Field(min_length=1, max_length=12)
    """Diteruskan kepada: role keys of the office profile, ticked on the sheet."""
    harap: list[Harap] = Field(min_length=1, max_length=len(HARAP))
    """Dengan hormat harap: the instructions ticked."""
    catatan: Teks | None = None
    """Written under "Catatan"; never the victim's name."""
    oleh: Peran = "kasi_pha"
    """The role key of the official who disposes (SOP 32 step 3: the Kasi)."""

    @field_validator("diteruskan", "harap")
    @classmethod
    def _once(cls, v: list[str]) -> list[str]:
        if len(set(v)) != len(v):
            raise ValueError("each choice once expected")
        return v

    @model_validator(mode="after")
    def _check(self) -> Disposisi:
        if self.tanggal_surat is not None and self.tanggal_surat > self.diterima:
            raise ValueError("tanggal_surat: a date on or before diterima expected")
        if self.tanggal is not None and self.tanggal < self.diterima:
            raise ValueError("tanggal: the disposition cannot precede diterima")
        problem = _names_the_victim(self)
        if problem:
            raise ValueError(problem)
        return self


def _names_the_victim(data: Disposisi) -> str:
    """The first text field that names the victim, as a message; '' when none does."""
    if data.korban is None:
        return ""
    for name in ("dari", "nomor_surat", "perihal", "catatan"):
        value = getattr(data, name)
        if isinstance(value, str) and names(value, data.korban.nama):
            return (
                f"{name}: names the victim; the sheet shows the victim by initials and "
                "case number only"
            )
    return ""


def _role(office: Office, role: str, field: str) -> Any:
    pejabat = office.pejabat.get(role)
    if pejabat is None:
        raise SuratError(
            f"{field}: '{role}' is not a role of the office profile "
            f"({', '.join(office.pejabat)} expected)"
        )
    return pejabat


def context(
    data: Disposisi, office: Office, surat: dict[str, Any], tanggal: date
) -> dict[str, Any]:
    """What the sheet may print: the victim's initials and case number, never the name."""
    for i, role in enumerate(data.diteruskan):
        _role(office, role, f"diteruskan.{i}")
    pendisposisi = _role(office, data.oleh, "oleh")
    problem = _names_the_victim(data)  # again: a model built without validation
    if problem:
        raise SuratError(problem)
    if tanggal < data.diterima:
        raise SuratError("tanggal: the disposition cannot precede diterima")
    ticked = set(data.diteruskan)
    surat.update(sifat=data.sifat, hal=data.perihal)
    return {
        "dari": data.dari,
        "nomor_surat": data.nomor_surat,
        "tanggal_surat": data.tanggal_surat or "-",
        "diterima": data.diterima,
        "nomor_agenda": data.nomor_agenda,
        "sifat": [{"tanda": TANDA if s == data.sifat else "", "teks": s} for s in SIFAT],
        "perihal": data.perihal,
        "korban": None
        if data.korban is None
        else {
            "inisial": initials(data.korban.nama),
            "nomor_registrasi": data.korban.nomor_registrasi,
        },
        "diteruskan": [
            {"tanda": TANDA if role in ticked else "", "jabatan": p.singkatan or p.jabatan}
            for role, p in office.pejabat.items()
            if role != data.oleh or role in ticked
        ],
        "harap": [{"tanda": TANDA if h in data.harap else "", "teks": h} for h in HARAP],
        "catatan": data.catatan or "",
        "pendisposisi": pejabat_context(pendisposisi),
    }


def example() -> dict[str, Any]:
    """Complete, realistic and entirely fictional data: the request of the example case."""
    return {
        "tanggal": "2026-11-16",
        "dari": "Sri Wahyuningsih (pelapor)",
        "nomor_surat": "-",
        "tanggal_surat": "2026-11-16",
        "diterima": "2026-11-16",
        "nomor_agenda": "014/SM/2026",
        "sifat": "Rahasia",
        "perihal": "Permohonan Pendampingan Kasus",
        "korban": EXAMPLE_KORBAN_KASUS,
        "diteruskan": ["ketua_p2tp2a"],
        "harap": ["Proses lebih lanjut", "Koordinasikan"],
        "catatan": "Setuju didampingi. Buatkan surat persetujuan pendampingan dan "
        "koordinasikan dengan Unit PPA Polresta Barelang.",
        "oleh": "kasi_pha",
    }


KIND = Kind(
    id="disposisi",
    judul="Lembar Disposisi",
    model=Disposisi,
    numbered=False,
    privasi="internal",
    signable=False,
    context=context,
    example=example,
)
