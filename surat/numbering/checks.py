"""What callers hand the register, checked and cleaned before any transaction.

Agenda text is cleaned as the text of letters is (:mod:`surat.teks`:
characters XML 1.0 forbids are removed, a spreadsheet export could not hold
them; other line ends become ``\\n``; a control or format character such as
U+202E is refused), without loading the letters' models.
"""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

from ..dates import parse_tanggal, to_wib_date, today
from ..errors import SuratError
from ..teks import clean_text, unprintable
from .base import Refused

__all__ = [
    "MAX_REGISTRASI",
    "MAX_TEXT",
    "POLICIES",
    "ahead",
    "clean",
    "klasifikasi",
    "private_file",
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


def ahead(day: date, limit: int, alasan: str | None, name: str = "tanggal") -> None:
    """Refuse a letter dated more than *limit* days after today (WIB) without an *alasan*.

    The register's numbers never go back in date: one dated ahead makes every
    letter of the days before it a backdated one (``penomoran.maks_hari_ke_depan``).
    The message names the rule, never the date.

    >>> from datetime import timedelta
    >>> ahead(today() + timedelta(days=7), 7, None)
    >>> ahead(today() + timedelta(days=200), 7, "SK berlaku mulai tahun depan")
    >>> ahead(date(9999, 12, 31), 7, None)
    Traceback (most recent call last):
    ...
    surat.numbering.base.Refused: tanggal: lebih dari 7 hari sesudah hari ini (WIB); surat \
bertanggal ke depan mendapat nomor hanya dengan alasan (penomoran.maks_hari_ke_depan)
    """
    if alasan is None and (day - today()).days > limit:
        raise Refused(
            f"{name}: lebih dari {limit} hari sesudah hari ini (WIB); surat bertanggal ke depan "
            "mendapat nomor hanya dengan alasan (penomoran.maks_hari_ke_depan)"
        )


def tahun(value: object) -> int:
    """A year filter."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise SuratError(f"tahun: tahun seperti 2026 diharapkan, bukan {type(value).__name__}")
    return value


def _others_may_change(st: os.stat_result, folder: bool = False) -> str:
    """Why another user could change a file (or, *folder*, replace what it holds); ''.

    >>> from types import SimpleNamespace as St
    >>> _others_may_change(St(st_mode=0o100666, st_uid=os.geteuid()))
    'mode 0666: setiap pengguna dapat menulisnya'
    >>> _others_may_change(St(st_mode=0o41777, st_uid=0), folder=True)  # /tmp: sticky
    ''
    """
    mode = stat.S_IMODE(st.st_mode)
    if folder:
        if mode & stat.S_IWOTH and not mode & stat.S_ISVTX:
            return f"mode {mode:04o}: setiap pengguna dapat mengganti berkas di dalamnya"
        return ""
    if st.st_uid != os.geteuid():
        return f"mode {mode:04o}: milik pengguna lain"
    if mode & stat.S_IWOTH:
        return f"mode {mode:04o}: setiap pengguna dapat menulisnya"
    return ""


def private_file(path: Path, what: str = "register") -> None:
    """Refuse a *what* file that someone else could change under this user's hands:
    another user's, writable by every user, or in a folder where every user may
    replace files (without the sticky bit of /tmp). For a SQLite file, its
    ``-wal`` and ``-shm`` files too, when present. The message names the file
    and its mode, never what it holds.
    """
    folders = {path.parent, path.resolve().parent}
    for folder in sorted(folders):
        try:
            why = _others_may_change(folder.stat(), folder=True)
        except OSError:
            continue  # a missing folder is reported by the caller
        if why:
            raise SuratError(
                f"{folder}: {why}; simpan {what} di folder yang hanya dapat ditulis penggunanya"
            )
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            st = name.stat()
        except FileNotFoundError:
            continue
        except OSError:
            continue  # unreadable: opening it reports why
        why = _others_may_change(st)
        if why:
            raise SuratError(
                f"{name}: {why}; surat hanya memakai {what} milik pengguna ini yang tidak dapat "
                "ditulis pengguna lain (chmod 600, dan chown ke pengguna pemegang agenda)"
            )
