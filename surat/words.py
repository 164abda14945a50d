"""Numbers in Indonesian words (terbilang) and rupiah amounts.

num2words does the counting; this module mends what it gets wrong in
Indonesian and refuses what money must never be:

- a thousands group of exactly one after a larger scale is 'seribu'
  (num2words: 1001000 -> 'satu juta satu ribu'; correct: 'satu juta seribu');
- negatives are 'minus ...' (num2words: 'min ...');
- decimals are read digit by digit after 'koma', from a ``Decimal``;
- a ``float`` is refused: 0.1 + 0.2 is not a sum of money.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from babel.numbers import format_currency
from num2words import num2words

from .errors import SuratError

__all__ = ["format_rupiah", "terbilang", "terbilang_rupiah"]

#: Scales num2words names correctly in Indonesian; beyond them it is wrong.
LIMIT = 10**18

_DIGITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_SATU_RIBU = re.compile(r"(^|\b(?:juta|miliar|triliun|kuadriliun) )satu ribu\b")
_DIGIT_STRING = re.compile(r"-?[0-9]+")


def _as_decimal(n: int | Decimal | str, field: str) -> Decimal:
    if isinstance(n, bool):
        raise SuratError(f"{field}: bilangan diharapkan, bukan bool")
    if isinstance(n, float):
        raise SuratError(
            f"{field}: float tidak diterima (uang tidak pernah float); "
            "berikan int, Decimal atau teks angka"
        )
    if isinstance(n, int):
        return Decimal(n)
    if isinstance(n, Decimal):
        if not n.is_finite():
            raise SuratError(f"{field}: bilangan terhingga diharapkan")
        return n
    if isinstance(n, str):
        s = n.strip().replace("_", "")
        if not _DIGIT_STRING.fullmatch(s):
            raise SuratError(f"{field}: teks berisi angka diharapkan (seperti '1500000')")
        return Decimal(s)
    raise SuratError(f"{field}: int, Decimal atau teks angka diharapkan, bukan {type(n).__name__}")


def _whole(n: int) -> str:
    words = str(num2words(n, lang="id"))
    return _SATU_RIBU.sub(r"\1seribu", words)


def terbilang(n: int | Decimal | str) -> str:
    """Spell a number in Indonesian words.

    >>> terbilang(1500000)
    'satu juta lima ratus ribu'
    >>> terbilang(0), terbilang(11), terbilang(100), terbilang(1000)
    ('nol', 'sebelas', 'seratus', 'seribu')
    >>> terbilang(1001000)
    'satu juta seribu'
    >>> terbilang(21000)
    'dua puluh satu ribu'
    >>> terbilang(1_000_000_000)
    'satu miliar'
    >>> terbilang(-250)
    'minus dua ratus lima puluh'
    >>> terbilang(Decimal("12.05"))
    'dua belas koma nol lima'
    >>> terbilang("2026")
    'dua ribu dua puluh enam'
    >>> terbilang(0.5)
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: angka: float tidak diterima (uang tidak pernah float); ...
    """
    d = _as_decimal(n, "angka")
    if abs(d) >= LIMIT:
        raise SuratError("angka: bilangan di bawah 10^18 diharapkan")
    text = format(abs(d), "f")
    whole, _, fraction = text.partition(".")
    words = _whole(int(whole))
    if fraction:
        words += " koma " + " ".join(_DIGITS[int(c)] for c in fraction)
    if d < 0:
        words = "minus " + words
    return words


def terbilang_rupiah(n: int | Decimal | str) -> str:
    """An amount of rupiah in words, as written on receipts and letters.

    >>> terbilang_rupiah(1500000)
    'satu juta lima ratus ribu rupiah'
    >>> terbilang_rupiah(Decimal("1000.50"))
    'seribu rupiah lima puluh sen'
    """
    d = _as_decimal(n, "jumlah")
    try:
        rupiah = d.quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise SuratError("jumlah: bilangan di bawah 10^18 diharapkan") from exc
    if rupiah != d:
        raise SuratError("jumlah: paling banyak dua angka desimal (sen)")
    whole = int(rupiah)
    sen = int((abs(rupiah) - abs(whole)) * 100)
    words = terbilang(whole) + " rupiah"
    if sen:
        words += f" {terbilang(sen)} sen"
    return words


def format_rupiah(n: int | Decimal | str, *, sen: bool = True) -> str:
    """An amount of rupiah in figures, as babel's Indonesian locale writes it.

    The CLDR form for ``id`` is ``Rp1.500.000,00``: no space after ``Rp``, a
    dot between thousands, a comma before two decimals. ``sen=False`` drops
    the decimals, as many letters print whole rupiah.

    >>> format_rupiah(1500000)
    'Rp1.500.000,00'
    >>> format_rupiah(1500000, sen=False)
    'Rp1.500.000'
    >>> format_rupiah(Decimal("2500.5"))
    'Rp2.500,50'
    """
    d = _as_decimal(n, "jumlah")
    pattern = "¤#,##0.00" if sen else "¤#,##0"
    return str(format_currency(d, "IDR", format=pattern, locale="id", currency_digits=False))
