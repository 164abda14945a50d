"""What callers hand the register, checked and cleaned before any transaction.

Agenda text is cleaned as the text of letters is (:mod:`surat.teks`:
characters XML 1.0 forbids are removed, a spreadsheet export could not hold
them; other line ends become ``\\n``; a control or format character such as
U+202E is refused), without loading the letters' models.
"""

from __future__ import annotations

from datetime import date

from ..dates import parse_tanggal, to_wib_date, today
from ..errors import SuratError
from ..teks import clean_text, unprintable

__all__ = [
    "MAX_REGISTRASI",
    "MAX_TEXT",
    "POLICIES",
    "clean",
    "klasifikasi",
    "registrasi",
    "tahun",
    "tanggal",
    "text",
]

#: The office's choices for a backdated outgoing letter (``penomoran.sisipan``).
POLICIES = ("sisipan", "urut", "tolak")
MAX_TEXT = 2000
MAX_REGISTRASI = 60


def clean(value: str) -> str:
    """Text as a spreadsheet and a letter can hold it (:func:`surat.teks.clean_text`).

    >>> clean("Sdr.\\x07 Pelapor\\r\\nBatam\\u2028Kepri")
    'Sdr. Pelapor\\nBatam\\nKepri'
    """
    return clean_text(value)


def text(name: str, value: object, required: bool = False, one_line: bool = True) -> str:
    """Agenda text, cleaned; one-line fields refuse line breaks.

    >>> text("tujuan", "Sdr.\\x07 Pelapor ")
    'Sdr. Pelapor'
    >>> text("perihal", "Persetujuan\\u2028Pendampingan")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: perihal: satu baris diharapkan (tanpa ganti baris)
    """
    if value is None or value == "":
        if required:
            raise SuratError(f"{name}: tidak boleh kosong")
        return ""
    if not isinstance(value, str):
        raise SuratError(f"{name}: teks diharapkan, bukan {type(value).__name__}")
    value = clean(value).strip()
    if one_line and "\n" in value:
        raise SuratError(f"{name}: satu baris diharapkan (tanpa ganti baris)")
    if unprintable(value, allow="\t" if one_line else "\n\t"):
        raise SuratError(f"{name}: teks yang dapat dicetak diharapkan (ada karakter kendali)")
    if required and not value:
        raise SuratError(f"{name}: tidak boleh kosong")
    if len(value) > MAX_TEXT:
        raise SuratError(f"{name}: paling banyak {MAX_TEXT} karakter")
    return value


def klasifikasi(value: object) -> str:
    """A classification code: one word without '/'."""
    code = text("klasifikasi", value)
    if any(c.isspace() or c == "/" for c in code):
        raise SuratError("klasifikasi: kode tanpa '/' dan tanpa spasi diharapkan")
    return code


def registrasi(value: object) -> str:
    """A letter's link to its case: '' or a registration number (one line).

    The case may be in a book kept elsewhere (on paper, another system), so
    the number is not looked up; :meth:`surat.Register.record_step` needs the case here.
    """
    number = text("nomor_registrasi", value)
    if len(number) > MAX_REGISTRASI or any(not c.isprintable() for c in number):
        raise SuratError(f"nomor_registrasi: satu baris, paling banyak {MAX_REGISTRASI} karakter")
    return number


def tanggal(value: object, name: str = "tanggal") -> date:
    """A letter's date: a date, a datetime (its day in WIB), ISO text, or None for today."""
    if value is None:
        return today()
    if isinstance(value, str):
        return parse_tanggal(value, name)
    if isinstance(value, date):  # datetime included: converted to WIB
        return to_wib_date(value)
    raise SuratError(f"{name}: tanggal diharapkan, bukan {type(value).__name__}")


def tahun(value: object) -> int:
    """A year filter."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise SuratError(f"tahun: tahun seperti 2026 diharapkan, bukan {type(value).__name__}")
    return value
