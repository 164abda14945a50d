"""Identity numbers printed on letters: NIP (civil servants) and NIK (citizens).

Both are personal data. An error says what is wrong with a number, never the
number itself.
"""

from __future__ import annotations

from datetime import date

from .errors import SuratError

__all__ = ["check_nip", "check_required_nip", "format_nip", "validate_nik", "validate_nip"]


def _digits(value: object, field: str, length: int) -> str:
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise SuratError(f"{field}: teks {length} angka diharapkan")
    s = str(value).replace(" ", "").replace(".", "")
    if not s.isascii() or not s.isdigit():
        raise SuratError(f"{field}: {length} angka diharapkan, ada karakter lain")
    if len(s) != length:
        raise SuratError(f"{field}: {length} angka diharapkan, terisi {len(s)}")
    return s


def validate_nip(nip: str, field: str = "nip") -> str:
    """Check an 18-digit NIP and return it without spaces.

    The NIP is the birth date (YYYYMMDD), the TMT as a civil servant (YYYYMM),
    the gender (1 man, 2 woman) and a three-digit sequence.

    >>> validate_nip("19621027 198503 2 006")
    '196210271985032006'
    >>> validate_nip("196213271985032006")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: nip: angka ke-1 sampai ke-8 harus tanggal lahir yang sah (YYYYMMDD)
    """
    s = _digits(nip, field, 18)
    try:
        born = date(int(s[0:4]), int(s[4:6]), int(s[6:8]))
    except ValueError:
        raise SuratError(
            f"{field}: angka ke-1 sampai ke-8 harus tanggal lahir yang sah (YYYYMMDD)"
        ) from None
    tmt_year, tmt_month = int(s[8:12]), int(s[12:14])
    if not 1 <= tmt_month <= 12 or tmt_year < born.year:
        raise SuratError(f"{field}: angka ke-9 sampai ke-14 harus tahun dan bulan TMT (YYYYMM)")
    if s[14] not in "12":
        raise SuratError(f"{field}: angka ke-15 harus jenis kelamin, 1 atau 2")
    return s


def check_required_nip(v: str) -> str:
    """:func:`validate_nip` for a model's field validator: its problem becomes
    the ``ValueError`` pydantic reports under the field's own path.

    >>> check_required_nip("19621027 198503 2 006")
    '196210271985032006'
    >>> check_required_nip("1962")
    Traceback (most recent call last):
    ...
    ValueError: 18 angka diharapkan, terisi 4
    """
    try:
        return validate_nip(v)
    except SuratError as exc:
        raise ValueError(str(exc).removeprefix("nip: ")) from None


def check_nip(v: str | None) -> str | None:
    """:func:`check_required_nip` for an NIP that may be absent: ``None``, blank
    or ``-`` is no NIP (a regional head, contract staff).

    >>> check_nip("19621027 198503 2 006"), check_nip(" - "), check_nip(None)
    ('196210271985032006', None, None)
    """
    if v is None or v.strip() in ("", "-"):
        return None
    return check_required_nip(v)


def format_nip(nip: str) -> str:
    """Group an NIP as letters print it.

    >>> format_nip("196210271985032006")
    '19621027 198503 2 006'
    >>> format_nip("19621027 198503 2 006")
    '19621027 198503 2 006'
    >>> format_nip("12345")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: nip: 18 angka diharapkan, terisi 5
    """
    s = validate_nip(nip)
    return f"{s[0:8]} {s[8:14]} {s[14]} {s[15:18]}"


def validate_nik(nik: str, field: str = "nik") -> str:
    """Check a 16-digit NIK (Nomor Induk Kependudukan) and return its digits.

    Digits 7-12 are the birth date as DDMMYY, with 40 added to the day for
    women.

    >>> validate_nik("2171015708900001")
    '2171015708900001'
    >>> validate_nik("21710157089000")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: nik: 16 angka diharapkan, terisi 14
    >>> validate_nik("2171019913900001")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: nik: angka ke-7 sampai ke-12 harus tanggal lahir (DDMMYY, \
tanggal + 40 untuk perempuan)
    """
    s = _digits(nik, field, 16)
    day, month = int(s[6:8]), int(s[8:10])
    if day > 40:
        day -= 40
    if not (1 <= day <= 31 and 1 <= month <= 12):
        raise SuratError(
            f"{field}: angka ke-7 sampai ke-12 harus tanggal lahir "
            "(DDMMYY, tanggal + 40 untuk perempuan)"
        )
    if s[0:2] == "00":
        raise SuratError(f"{field}: angka ke-1 dan ke-2 harus kode provinsi")
    return s
