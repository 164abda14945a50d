"""What a caseworker types, checked: text fields, names, dates, initials.

Text typed by people passes :func:`clean_text`: characters XML 1.0 forbids
are removed (they come pasted from spreadsheets and would corrupt the .docx),
tabs stay tabs, and line breaks become line breaks inside the same paragraph
of the printed letter. One-line fields (names, places, numbers) refuse line
breaks and have a maximum length; a ``SuratError`` names the field.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, StringConstraints
from pydantic_core import PydanticCustomError

from ..dates import parse_tanggal, today
from ..errors import SuratError
from ..identitas import check_nip, validate_nik
from ..teks import clean_text, unprintable

__all__ = [
    "ISTILAH_ASING",
    "Alamat",
    "Baris",
    "JenisKelamin",
    "Kunci",
    "Nama",
    "NomorTeks",
    "Tanggal",
    "TanggalLahir",
    "Teks",
    "Telepon",
    "bagian",
    "check_nik",
    "check_nip",
    "clean_text",
    "format_jam",
    "initials",
    "umur",
    "unprintable",
]


def _one_line(value: Any) -> Any:
    if isinstance(value, str):
        value = clean_text(value)
        if "\n" in value.strip():
            raise ValueError("satu baris diharapkan (tanpa ganti baris)")
        if unprintable(value.strip(), allow="\t"):  # a tab prints as a tab
            raise ValueError("satu baris teks yang dapat dicetak diharapkan (ada karakter kendali)")
    return value


def _many_lines(value: Any) -> Any:
    if isinstance(value, str):
        value = clean_text(value)
        if unprintable(value, allow="\n\t"):
            raise ValueError("teks yang dapat dicetak diharapkan (ada karakter kendali)")
    return value


Nama = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    BeforeValidator(_one_line),
]
"""A person's name as printed: one line, at most 100 characters."""
Baris = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    BeforeValidator(_one_line),
]
"""A one-line field (place, relation, number...): at most 200 characters."""
Alamat = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    BeforeValidator(_one_line),
]
NomorTeks = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=60),
    BeforeValidator(_one_line),
]
"""A letter, agenda or case number as typed, such as '001/REG-PPA/XI/2026' (text;
the register's own number is :class:`surat.Nomor`)."""
Telepon = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=6, max_length=20, pattern=r"^\+?[0-9][0-9 \-]*$"
    ),
    BeforeValidator(_one_line),
]
Teks = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000),
    BeforeValidator(_many_lines),
]
"""Free text of one or more paragraphs (chronology, assessment): at most 10,000 characters."""


def _tanggal(value: Any) -> Any:
    """A typed date read by :func:`surat.dates.parse_tanggal`; a date stays a date.

    A number is refused, not taken as a count of seconds since 1970 as pydantic
    would: a date in a JSON file or a sheet is text, or the sheet's own date.
    """
    if isinstance(value, str):
        try:
            return parse_tanggal(value, "tanggal")
        except SuratError as exc:
            problem = exc.errors[0]
            raise PydanticCustomError(problem.type or "tanggal_format", problem.message) from None
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second, value.microsecond) != (0, 0, 0, 0):
            raise PydanticCustomError("date_from_datetime_inexact", "tanggal saja, tanpa jam")
        return value.date()
    if isinstance(value, date):
        return value
    raise PydanticCustomError("date_type", "tanggal diharapkan")


Tanggal = Annotated[date, BeforeValidator(_tanggal)]
"""A date as a clerk types it: ``22/11/2026``, ``22-11-2026``, ``22 November 2026``,
``22 Nov 2026`` or ``2026-11-22`` (day first, always); every date of the letters'
data is one, in the API, a batch's rows and a data file alike."""


def _born(value: date) -> date:
    if value > today():
        raise ValueError("tanggal lahir tidak boleh sesudah hari ini")
    return value


TanggalLahir = Annotated[Tanggal, AfterValidator(_born)]
"""A birth date: never after today (WIB)."""

JenisKelamin = Literal["Laki-laki", "Perempuan"]

Kunci = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=60, pattern=r"^[A-Za-z0-9_\-]+$"
    ),
]
"""A key of the office profile, e.g. the role 'kepala_dinas'."""

ISTILAH_ASING: tuple[str, ...] = ("visum et repertum", "shelter")
"""Foreign terms a letter prints in italics (Pedoman Umum Ejaan Bahasa Indonesia)."""
_ASING = re.compile(r"\b(" + "|".join(ISTILAH_ASING) + r")\b", re.IGNORECASE)


def bagian(teks: str) -> list[dict[str, Any]]:
    """*teks* in pieces for a template to print, each foreign term its own, in italics.

    >>> bagian("Rumah Aman (Shelter)")
    [{'teks': 'Rumah Aman (', 'miring': False}, {'teks': 'Shelter', 'miring': True}, \
{'teks': ')', 'miring': False}]
    >>> bagian("Bantuan Hukum")
    [{'teks': 'Bantuan Hukum', 'miring': False}]
    """
    out = []
    for i, piece in enumerate(_ASING.split(teks)):
        if piece:
            out.append({"teks": piece, "miring": i % 2 == 1})
    return out


_PARTIKEL = frozenset({"bin", "binti", "bt", "bt.", "b.", "van", "von", "de"})
_KATA = re.compile(r"[^\s\-]+")


def initials(nama: str) -> str:
    """The initials that stand for a person in letters that leave the office.

    >>> initials("Putri Ayu Lestari")
    'P.A.L.'
    >>> initials("siti nurhaliza binti ahmad")
    'S.N.A.'
    >>> initials("Rahmat")
    'R.'
    >>> initials("Nur'aini Siti-Aminah")
    'N.S.A.'
    >>> initials("  ")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: nama: nama diperlukan untuk menulis inisialnya
    """
    letters = []
    for word in _KATA.findall(nama):
        if word.lower() in _PARTIKEL:
            continue
        first = next((c for c in word if c.isalnum()), "")
        if first:
            letters.append(first.upper())
    if not letters:
        raise SuratError("nama: nama diperlukan untuk menulis inisialnya")
    return "".join(f"{c}." for c in letters)


def umur(lahir: date, pada: date) -> int:
    """Age in whole years on a date.

    >>> umur(date(2017, 3, 14), date(2026, 11, 22))
    9
    >>> umur(date(2008, 11, 23), date(2026, 11, 22))
    17
    """
    years = pada.year - lahir.year
    if (pada.month, pada.day) < (lahir.month, lahir.day):
        years -= 1
    return years


def format_jam(t: time) -> str:
    """A time as Indonesian letters print it.

    >>> format_jam(time(9, 0))
    '09.00 WIB'
    """
    return f"{t.hour:02d}.{t.minute:02d} WIB"


def check_nik(v: str) -> str:
    try:
        return validate_nik(v)
    except SuratError as exc:
        raise ValueError(str(exc).removeprefix("nik: ")) from None
