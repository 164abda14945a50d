"""Lembar disposisi: the sheet clipped to an incoming letter (SOP 32 step 3).

The official who receives the letter (the Kasi, in SOP 32) ticks to whom it
goes on ("Diteruskan kepada Sdr.:"), what they are asked to do ("Dengan
hormat harap:"), writes a note and the date it is to be done by, dates and
initials it. The letter's data (sender, number, dates, subject) and its
incoming agenda number (from :meth:`surat.Register.receive`) head the sheet.

A disposition flows downward: the choices are the roles of the office
profile below the official who disposes, officials then staff
(:func:`surat.letters.hierarki.bawahan`); a superior, a peer or a role
outside the office's line (the Ketua P2TP2A) is refused, naming the field.
In SOP 32 step 3 the Kasi sends the request to the staff who drafts the
approval letter, not to the one who signs it.

The sheet is one page, A4 or F4, whatever the data: each text field's
maximum (:data:`BARIS_MAX`, :data:`CATATAN_MAX`, :data:`CATATAN_BARIS`,
:data:`MAX_DITERUSKAN`, the numbers' 60 characters) is what that page holds.

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

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from ..errors import SuratError, field_errors
from ..office import Office
from .fields import NomorTeks, Tanggal, clean_text, initials
from .hierarki import bawahan, tingkat
from .shared import EXAMPLE_KORBAN_KASUS, DataSurat, Kind, KorbanKasus, pejabat_context

__all__ = [
    "BARIS_MAX",
    "CATATAN_BARIS",
    "CATATAN_MAX",
    "HARAP",
    "KIND",
    "MAX_DITERUSKAN",
    "SIFAT",
    "Disposisi",
    "pilihan",
]

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

MAX_DITERUSKAN = 6
"""The roles "Diteruskan kepada" lists at most (the ticked ones always among them)."""
BARIS_MAX = 150
"""Characters of the sender (``dari``) and the subject (``perihal``): four lines each."""
CATATAN_MAX = 300
"""Characters of the note: what the sheet's one page holds beside the rest."""
CATATAN_BARIS = 6
"""Lines of the note at most (line breaks typed inside it, plus one)."""


def _catatan(value: str) -> str:
    if value.count("\n") >= CATATAN_BARIS:
        raise ValueError(f"paling banyak {CATATAN_BARIS} baris (lembar disposisi satu halaman)")
    return value


def _text(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


def _line(value: Any) -> Any:
    value = _text(value)
    if isinstance(value, str) and "\n" in value.strip():
        raise ValueError("satu baris diharapkan (tanpa ganti baris)")
    return value


Isi = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=BARIS_MAX),
    BeforeValidator(_line),
]
"""A one-line field of the sheet: at most :data:`BARIS_MAX` characters."""


Catatan = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=CATATAN_MAX),
    BeforeValidator(_text),
    AfterValidator(_catatan),
]
"""The note of a disposition: at most :data:`CATATAN_MAX` characters in
:data:`CATATAN_BARIS` lines."""

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

    tanggal: Tanggal | None = None
    """The day of the disposition; today (WIB) when empty."""
    dari: Isi
    """Surat dari: the sender as the letter names it (the reporter, an agency)."""
    nomor_surat: NomorTeks = "-"
    """The letter's own number; '-' for a citizen's letter without one."""
    tanggal_surat: Tanggal | None = None
    diterima: Tanggal
    """Diterima tanggal: the day the office received the letter."""
    nomor_agenda: NomorTeks
    """The incoming agenda number (Register.receive)."""
    sifat: Sifat = "Biasa"
    perihal: Isi
    """Hal: the letter's subject."""
    korban: KorbanKasus | None = None
    """The case the letter concerns: printed as its registration number and initials."""
    diteruskan: list[Peran] = Field(min_length=1, max_length=MAX_DITERUSKAN)
    """Diteruskan kepada: role keys of the office profile below the one who disposes
    (officials, staff), ticked on the sheet."""
    harap: list[Harap] = Field(min_length=1, max_length=len(HARAP))
    """Dengan hormat harap: the instructions ticked."""
    catatan: Catatan | None = None
    """Written under "Catatan"; never the victim's name."""
    tanggal_penyelesaian: Tanggal | None = None
    """Diselesaikan tanggal: the day it is to be done by; a line to fill by hand when empty."""
    oleh: Peran = "kasi_pha"
    """The role key of the official who disposes (SOP 32 step 3: the Kasi)."""

    @field_validator("diteruskan", "harap")
    @classmethod
    def _once(cls, v: list[str]) -> list[str]:
        if len(set(v)) != len(v):
            raise ValueError("setiap pilihan hanya sekali")
        return v

    @model_validator(mode="after")
    def _check(self) -> Disposisi:
        if self.tanggal_surat is not None and self.tanggal_surat > self.diterima:
            raise ValueError("tanggal_surat: tidak boleh sesudah tanggal diterima")
        if self.tanggal is not None and self.tanggal < self.diterima:
            raise ValueError("tanggal: disposisi tidak boleh sebelum tanggal diterima")
        if self.tanggal_penyelesaian is not None and self.tanggal_penyelesaian < max(
            self.diterima, self.tanggal or self.diterima
        ):
            raise ValueError(
                "tanggal_penyelesaian: tidak boleh sebelum tanggal disposisi (dan diterima)"
            )
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
                f"{name}: menyebut nama korban; lembar disposisi hanya memuat inisial dan "
                "nomor registrasi korban"
            )
    return ""


def _role(office: Office, role: str, field: str) -> Any:
    pejabat = office.pejabat.get(role)
    if pejabat is None:
        raise SuratError(
            f"{field}: '{role}' bukan peran dalam profil kantor "
            f"(salah satu dari {', '.join(office.pejabat)})"
        )
    return pejabat


def pilihan(office: Office, oleh: str) -> list[str]:
    """The roles a disposition by *oleh* may go to: the officials below, then the staff.

    >>> pilihan(Office.default(), "kasi_pha")
    ['staf_pha', 'staf_ppktp']
    >>> pilihan(Office.default(), "kepala_dinas")[:3]
    ['kabid', 'kasi_pha', 'kasi_ppktp']
    >>> pilihan(Office.default(), "ketua_p2tp2a")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: oleh: 'ketua_p2tp2a' bukan pejabat struktural kantor ...
    """
    rank = tingkat(_role(office, oleh, "oleh"))
    if rank is None or not bawahan(office, oleh):
        raise SuratError(
            f"oleh: '{oleh}' bukan pejabat struktural kantor (Kepala, Sekretaris, "
            "Kepala Bidang, Kepala Seksi...): hanya mereka yang mendisposisi"
        )
    return bawahan(office, oleh)


def _recipients(data: Disposisi, office: Office) -> list[str]:
    """The roles the sheet lists: every ticked one, then the other choices up to
    :data:`MAX_DITERUSKAN`, in the order of :func:`pilihan`; a ticked role that is
    not below the one who disposes is refused, naming its place in ``diteruskan``."""
    choices = pilihan(office, data.oleh)
    for i, role in enumerate(data.diteruskan):
        _role(office, role, f"diteruskan.{i}")
        if role not in choices:
            raise SuratError(
                f"diteruskan.{i}: '{role}' bukan bawahan pejabat yang mendisposisi "
                f"('{data.oleh}'): disposisi turun ke pejabat di bawahnya dan "
                f"staf ({', '.join(choices)})"
            )
    if len(data.diteruskan) > MAX_DITERUSKAN:  # a model built without validation
        raise SuratError(f"diteruskan: paling banyak {MAX_DITERUSKAN} peran")
    room = MAX_DITERUSKAN - len(data.diteruskan)
    shown = set(data.diteruskan)
    for role in choices:
        if room == 0:
            break
        if role not in shown:
            shown.add(role)
            room -= 1
    return [r for r in choices if r in shown]


def context(
    data: Disposisi, office: Office, surat: dict[str, Any], tanggal: date
) -> dict[str, Any]:
    """What the sheet may print: the victim's initials and case number, never the name."""
    try:  # again: a model built without validation would not fit its one page
        Disposisi.model_validate(data.model_dump())
    except ValidationError as exc:
        raise field_errors(exc, "disposisi") from None
    pendisposisi = _role(office, data.oleh, "oleh")
    listed = _recipients(data, office)
    problem = _names_the_victim(data)  # again: a model built without validation
    if problem:
        raise SuratError(problem)
    if tanggal < data.diterima:
        raise SuratError("tanggal: disposisi tidak boleh sebelum tanggal diterima")
    undated = data.tanggal is None  # dated today: the model could not check it
    if undated and data.tanggal_penyelesaian is not None and data.tanggal_penyelesaian < tanggal:
        raise SuratError("tanggal_penyelesaian: tidak boleh sebelum tanggal disposisi")
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
            {
                "tanda": TANDA if role in ticked else "",
                "jabatan": office.pejabat[role].singkatan or office.pejabat[role].jabatan,
            }
            for role in listed
        ],
        "harap": [{"tanda": TANDA if h in data.harap else "", "teks": h} for h in HARAP],
        "catatan": data.catatan or "",
        "tanggal_penyelesaian": data.tanggal_penyelesaian or "",
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
        # SOP 32 step 3: the Kasi approves assistance and sends the request to the
        # staff who drafts the approval letter (its signer, the Ketua P2TP2A, is
        # outside the Kasi's line: the approval reaches her to be signed)
        "diteruskan": ["staf_pha"],
        "harap": ["Proses lebih lanjut", "Koordinasikan"],
        "catatan": "Setuju didampingi. Buatkan surat persetujuan pendampingan dan "
        "koordinasikan dengan Unit PPA Polresta Barelang.",
        "tanggal_penyelesaian": "2026-11-20",
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
