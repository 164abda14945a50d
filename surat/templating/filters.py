"""What a template prints: every value made safe, and surat's Indonesian filters.

- **Values stay values** (:func:`finalize`). Every printed value is escaped
  for XML (``'PT Maju & Jaya'`` prints whole), text XML 1.0 forbids is
  removed, and braces are written as character references, so ``{{ x }}``
  typed into a field is printed as typed, never run. A date printed without
  a filter is written like ``tanggal``; a template object (``self``,
  ``loop``, a macro) is refused rather than shown.
- **Filters** (:data:`FILTERS`): ``tanggal`` ('22 November 2026'),
  ``tanggal_full`` ('Minggu, 22 November 2026'), ``hari``, ``terbilang``,
  ``rupiah``, ``romawi``, ``nip`` ('19621027 198503 2 006', '-' when empty),
  ``inisial`` and ``utuh`` (a number no line break splits at its hyphens).

>>> FILTERS["tanggal"]("2026-11-22"), FILTERS["romawi"](11), FILTERS["inisial"]("Putri Ayu")
('22 November 2026', 'XI', 'P.A.')
>>> str(finalize("PT Maju & Jaya {{ x }}"))
'PT Maju &amp; Jaya &#123;&#123; x &#125;&#125;'
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from typing import Any

from jinja2 import Undefined
from markupsafe import Markup, escape

from ..dates import bulan_romawi, format_tanggal, hari, parse_tanggal, to_wib_date
from ..errors import SuratError
from ..identitas import format_nip
from ..letters.fields import clean_text, initials
from ..words import format_rupiah, terbilang
from .sandbox import Empty, TemplateLimit

__all__ = ["FILTERS", "as_date", "finalize"]

# -- values in templates -------------------------------------------------------


_PRINTABLE = (str, int, float, Decimal, date, time, list, tuple, dict, type(None))


def finalize(value: Any) -> Any:
    """Every printed value: dates in Indonesian, XML-safe text, braces inert.

    Only data is printed: a template object (``self``, ``loop``, a macro) is
    refused rather than shown.
    """
    if type(value) is Markup:
        return value  # already XML (the emblem, the caller's RichText)
    if isinstance(value, Empty):
        value.fail()
    if isinstance(value, Undefined):
        return str(value)  # raises, naming the missing field
    if not isinstance(value, _PRINTABLE):
        raise TemplateLimit(f"templat mencetak {type(value).__name__}, yang bukan data")
    if isinstance(value, date):
        text = format_tanggal(value)
    elif isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "Ya" if value else "Tidak"
    else:
        text = str(value)
    text = clean_text(text)
    return Markup(str(escape(text)).replace("{", "&#123;").replace("}", "&#125;"))


# -- filters -------------------------------------------------------------------


def _present(value: Any) -> Any:
    if isinstance(value, Empty):
        value.fail()
    return value


def as_date(value: Any) -> date:
    value = _present(value)
    if isinstance(value, date):
        return to_wib_date(value)
    if isinstance(value, str):
        text = value.strip()
        if len(text) > 10 and text[10] in "T " and text[4:5] == "-":  # an ISO date and time
            text = text[:10]
        return parse_tanggal(text, "tanggal")
    raise SuratError(
        "tanggal: filter tanggal templat memerlukan tanggal (22/11/2026 atau 2026-11-22)"
    )


def _f_tanggal(value: Any, style: str = "long") -> str:
    return format_tanggal(as_date(value), style)


def _f_tanggal_full(value: Any) -> str:
    return format_tanggal(as_date(value), "full")


def _f_hari(value: Any) -> str:
    return hari(as_date(value))


def _f_terbilang(value: Any) -> str:
    return terbilang(_present(value))


def _f_rupiah(value: Any, sen: bool = True) -> str:
    return format_rupiah(_present(value), sen=sen)


def _f_romawi(value: Any) -> str:
    value = _present(value)
    if isinstance(value, date):
        return bulan_romawi(value.month)
    return bulan_romawi(int(value) if isinstance(value, str | Decimal) else value)


def _f_nip(value: Any) -> str:
    if isinstance(value, Empty) or value is None or str(value).strip() in ("", "-"):
        return "-"
    return format_nip(str(value))


def _f_inisial(value: Any) -> str:
    return initials(str(_present(value)))


_NO_BREAK_HYPHEN = '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'


def _f_utuh(value: Any) -> Any:
    """A number kept whole: a line never breaks at its hyphens ('001/REG-PPA/XI/2026').

    Each hyphen becomes Word's non-breaking hyphen, which prints (and copies) as '-'.
    """
    value = _present(value)
    if hasattr(value, "__html__"):
        return value  # already XML (RichText...): left as it is
    return Markup(str(finalize(value)).replace("-", _NO_BREAK_HYPHEN))


FILTERS = {
    "tanggal": _f_tanggal,
    "tanggal_full": _f_tanggal_full,
    "hari": _f_hari,
    "terbilang": _f_terbilang,
    "rupiah": _f_rupiah,
    "romawi": _f_romawi,
    "nip": _f_nip,
    "inisial": _f_inisial,
    "utuh": _f_utuh,
}
