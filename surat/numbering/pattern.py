"""Letter numbers as text: formatting them from a pattern and parsing them back.

A pattern is a Python format string over six fields: ``urut`` (the running
number), ``kode`` (the office code), ``klasifikasi``, ``bulan``,
``bulan_romawi`` and ``tahun``. The default is the office profile's
``{urut:03d}/{kode}/{klasifikasi}/{bulan_romawi}/{tahun}``; the SOPs' own
numbers use an unpadded ``{urut}``.

Two rules make numbers certain to parse back:

* an empty ``klasifikasi`` drops its segment together with one ``/`` beside it;
* a backdated (inserted) number carries its suffix right after ``urut``:
  ``002.a``, ``002.b``, ... ``002.z``, ``002.aa``.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache

from ..dates import bulan_romawi
from ..errors import SuratError

__all__ = [
    "NomorParts",
    "baku",
    "check_pattern",
    "format_nomor",
    "nomor_template",
    "parse",
    "sisipan_suffix",
]

FIELDS = ("urut", "kode", "klasifikasi", "bulan", "bulan_romawi", "tahun")
_INT_FIELDS = {"urut", "bulan", "tahun"}
_INT_SPEC = re.compile(r"(0[1-9])?d?")
_CODE = re.compile(r"[^\s/]+")
_ROMAWI = "|".join(sorted((bulan_romawi(m) for m in range(1, 13)), key=len, reverse=True))
_REGEX = {
    "urut": r"(?P<urut>\d+)(?:\.(?P<sisipan>[a-z]+))?",
    "kode": r"(?P<kode>[^\s/]+?)",
    "klasifikasi": r"(?P<klasifikasi>[^\s/]+?)",
    "bulan": r"(?P<bulan>\d{1,2})",
    "bulan_romawi": f"(?P<bulan_romawi>{_ROMAWI})",
    "tahun": r"(?P<tahun>\d{4})",
}


@dataclass(frozen=True, slots=True)
class NomorParts:
    """What a letter number says, as :func:`parse` reads it.

    Fields the pattern does not contain are ``None`` (``klasifikasi`` and
    ``sisipan`` are ``''`` when absent).
    """

    urut: int
    tahun: int | None = None
    bulan: int | None = None
    kode: str | None = None
    klasifikasi: str = ""
    sisipan: str = ""


# A piece of a compiled pattern: (literal text before the field, field, spec).
_Piece = tuple[str, str | None, str]


@lru_cache(maxsize=64)
def _pieces(pattern: str) -> tuple[_Piece, ...]:
    if not isinstance(pattern, str) or not pattern.strip():
        raise SuratError("pattern: pola seperti '{urut:03d}/{kode}/{tahun}' diharapkan")
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise SuratError(f"pattern: bukan pola yang sah ({exc})") from None
    pieces: list[_Piece] = []
    seen: set[str] = set()
    for i, (literal, field, spec, conversion) in enumerate(parsed):
        if field is not None:
            if field not in FIELDS:
                raise SuratError(
                    f"pattern: isian {{{field}}} tidak dikenal; salah satu dari {', '.join(FIELDS)}"
                )
            if field in seen:
                raise SuratError(f"pattern: isian {{{field}}} muncul dua kali")
            if conversion:
                raise SuratError(f"pattern: {{{field}}} tidak menerima konversi !{conversion}")
            spec = spec or ""
            if field in _INT_FIELDS:
                if not _INT_SPEC.fullmatch(spec):
                    raise SuratError(
                        f"pattern: {{{field}:{spec}}} - hanya '' , 'd' atau isian nol "
                        "seperti '03d' yang diterima"
                    )
            elif spec:
                raise SuratError(f"pattern: {{{field}}} tidak menerima format")
            if i > 0 and not literal and parsed[i - 1][1] is not None:
                raise SuratError(
                    f"pattern: {{{parsed[i - 1][1]}}} dan {{{field}}} memerlukan pemisah "
                    "di antaranya agar dapat dibaca kembali"
                )
            seen.add(field)
        if i > 0 and parsed[i - 1][1] == "urut" and _suffix_like(literal, field):
            raise SuratError(
                "pattern: '.' lalu huruf atau kode tepat sesudah {urut} akan terbaca sebagai "
                "akhiran nomor sisipan ('002.a'); pakai pemisah lain"
            )
        pieces.append((literal, field, spec or ""))
    return tuple(pieces)


def _suffix_like(literal: str, field: str | None) -> bool:
    # What follows {urut}: '.a...' or '.' + a code could be taken for a sisipan suffix.
    if not literal.startswith("."):
        return False
    return literal[1:2].islower() or (literal == "." and field in ("kode", "klasifikasi"))


def check_pattern(pattern: str, required: tuple[str, ...] = ("urut", "tahun")) -> str:
    """Validate *pattern* and that it contains the *required* fields.

    >>> check_pattern("{urut}/{kode}/SOP/{bulan_romawi}/{tahun}")
    '{urut}/{kode}/SOP/{bulan_romawi}/{tahun}'
    >>> check_pattern("{urut}/{kode}")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: pattern: '{urut}/{kode}' tidak memuat {tahun}, yang menjaga nomor \
tetap unik
    """
    fields = {f for _, f, _ in _pieces(pattern)}
    for name in required:
        if name not in fields:
            raise SuratError(
                f"pattern: '{pattern}' tidak memuat {{{name}}}, yang menjaga nomor tetap unik"
            )
    return pattern


def sisipan_suffix(n: int) -> str:
    """The *n*-th insertion suffix (1-based): a..z, then aa, ab, ...

    >>> [sisipan_suffix(n) for n in (1, 2, 26, 27, 28, 702, 703)]
    ['a', 'b', 'z', 'aa', 'ab', 'zz', 'aaa']
    """
    if n < 1:
        raise SuratError(f"sisipan: bilangan positif diharapkan, bukan {n}")
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _code(name: str, value: str | None) -> str:
    if value is None or not _CODE.fullmatch(value):
        raise SuratError(f"{name}: kode tanpa '/' dan tanpa spasi diharapkan")
    return value


def format_nomor(
    pattern: str,
    *,
    urut: int,
    tahun: int | None = None,
    bulan: int | None = None,
    kode: str | None = None,
    klasifikasi: str = "",
    sisipan: str = "",
) -> str:
    """Format a letter number.

    >>> P = "{urut:03d}/{kode}/{klasifikasi}/{bulan_romawi}/{tahun}"
    >>> format_nomor(P, urut=1, kode="DP3A-PP-KB", klasifikasi="PPA", bulan=11, tahun=2026)
    '001/DP3A-PP-KB/PPA/XI/2026'

    An empty klasifikasi takes its slash with it:

    >>> format_nomor(P, urut=1, kode="DP3A-PP-KB", bulan=11, tahun=2026)
    '001/DP3A-PP-KB/XI/2026'

    An inserted (backdated) number carries its suffix after the running number:

    >>> format_nomor(P, urut=2, sisipan="a", kode="DP3A-PP-KB", klasifikasi="PPA",
    ...              bulan=3, tahun=2026)
    '002.a/DP3A-PP-KB/PPA/III/2026'

    The SOPs' own numbers are unpadded:

    >>> format_nomor("{urut}/{kode}/{klasifikasi}/{bulan_romawi}/{tahun}",
    ...              urut=34, kode="DP3A-PP-KB", klasifikasi="SOP", bulan=2, tahun=2020)
    '34/DP3A-PP-KB/SOP/II/2020'
    """
    if isinstance(urut, bool) or not isinstance(urut, int) or urut < 1:
        raise SuratError(f"urut: bilangan bulat positif diharapkan, bukan {urut!r}")
    if sisipan and not re.fullmatch(r"[a-z]+", sisipan):
        raise SuratError("sisipan: huruf kecil a-z diharapkan")
    prefix, width, suffix = nomor_template(
        pattern, tahun=tahun, bulan=bulan, kode=kode, klasifikasi=klasifikasi
    )
    return f"{prefix}{urut:0{width}d}{'.' + sisipan if sisipan else ''}{suffix}"


def nomor_template(
    pattern: str,
    *,
    tahun: int | None = None,
    bulan: int | None = None,
    kode: str | None = None,
    klasifikasi: str = "",
) -> tuple[str, int, str]:
    """Everything of a number but its running number: (prefix, zero-pad width, suffix).

    The number is ``prefix + urut padded with zeros to width + suffix``; a
    database can so build it from the counter's value in the same statement.

    >>> nomor_template("{urut:03d}/{kode}/{klasifikasi}/{bulan_romawi}/{tahun}",
    ...                kode="DP3A-PP-KB", klasifikasi="PPA", bulan=11, tahun=2026)
    ('', 3, '/DP3A-PP-KB/PPA/XI/2026')
    >>> nomor_template("No. {urut}/{tahun}", tahun=2026)
    ('No. ', 0, '/2026')
    """
    if klasifikasi:
        _code("klasifikasi", klasifikasi)
    pieces = _pieces(pattern)
    out: list[str] = []
    width, at = 0, -1
    drop_slash = False  # an empty klasifikasi removes the next literal's leading '/'
    for i, (literal, field, spec) in enumerate(pieces):
        if drop_slash:
            literal = literal[1:]
        drop_slash = False
        out.append(literal)
        if field is None:
            continue
        if field == "urut":
            width, at = int(spec.rstrip("d") or 0), len(out)
            out.append("")
        elif field == "kode":
            out.append(_code("kode", kode))
        elif field == "klasifikasi":
            if klasifikasi:
                out.append(klasifikasi)
            elif i + 1 < len(pieces) and pieces[i + 1][0].startswith("/"):
                drop_slash = True
            elif literal.endswith("/"):
                out[-1] = literal[:-1]
        elif field in ("bulan", "bulan_romawi"):
            if bulan is None:
                raise SuratError("bulan: pola memerlukan bulan 1..12")
            roman = bulan_romawi(bulan)  # also validates 1..12
            out.append(roman if field == "bulan_romawi" else format(bulan, spec))
        else:  # tahun
            if isinstance(tahun, bool) or not isinstance(tahun, int) or not 1000 <= tahun <= 9999:
                raise SuratError(f"tahun: tahun empat angka diharapkan, bukan {tahun!r}")
            out.append(format(tahun, spec))
    if at < 0:
        raise SuratError(f"pattern: '{pattern}' tidak memuat {{urut}}")
    return "".join(out[:at]), width, "".join(out[at + 1 :])


@lru_cache(maxsize=64)
def _regex(pattern: str) -> re.Pattern[str]:
    pieces = _pieces(pattern)
    literals = [literal for literal, _, _ in pieces]
    fields = [field for _, field, _ in pieces]
    out: list[str] = []
    for i, field in enumerate(fields):
        literal = literals[i]
        if field == "klasifikasi":
            nxt = literals[i + 1] if i + 1 < len(literals) else ""
            if nxt.startswith("/"):
                out.append(re.escape(literal))
                out.append(f"(?:{_REGEX[field]}/)?")
                literals[i + 1] = nxt[1:]
            elif literal.endswith("/"):
                out.append(re.escape(literal[:-1]))
                out.append(f"(?:/{_REGEX[field]})?")
            else:
                out.append(re.escape(literal))
                out.append(_REGEX[field].replace("+?", "*?"))
            continue
        out.append(re.escape(literal))
        if field is not None:
            out.append(_REGEX[field])
    return re.compile("".join(out))


def parse(
    nomor: str, pattern: str = "{urut:03d}/{kode}/{klasifikasi}/{bulan_romawi}/{tahun}"
) -> NomorParts:
    """Read a letter number back into its parts: the inverse of :func:`format_nomor`.

    >>> parse("34/DP3A-PP-KB/SOP/II/2020", "{urut}/{kode}/{klasifikasi}/{bulan_romawi}/{tahun}")
    NomorParts(urut=34, tahun=2020, bulan=2, kode='DP3A-PP-KB', klasifikasi='SOP', sisipan='')
    >>> parse("002.a/DP3A-PP-KB/III/2026")
    NomorParts(urut=2, tahun=2026, bulan=3, kode='DP3A-PP-KB', klasifikasi='', sisipan='a')
    >>> parse("001/DP3A-PP-KB/PPA/XIII/2026")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: nomor: '001/DP3A-PP-KB/PPA/XIII/2026' tidak sesuai dengan pola ...
    """
    if not isinstance(nomor, str):
        raise SuratError(f"nomor: teks diharapkan, bukan {type(nomor).__name__}")
    m = _regex(pattern).fullmatch(nomor.strip())
    urut = int(m["urut"]) if m else 0
    if m is None or urut < 1:
        raise SuratError(f"nomor: '{nomor}' tidak sesuai dengan pola '{pattern}'")
    g = m.groupdict()
    bulan = int(g["bulan"]) if g.get("bulan") else None
    if g.get("bulan_romawi"):
        roman = 1 + [bulan_romawi(k) for k in range(1, 13)].index(g["bulan_romawi"])
        if bulan is not None and bulan != roman:
            raise SuratError(f"nomor: '{nomor}' menyebut dua bulan yang berbeda")
        bulan = roman
    if bulan is not None and not 1 <= bulan <= 12:
        raise SuratError(f"nomor: '{nomor}' tidak memuat bulan 1..12")
    return NomorParts(
        urut=urut,
        tahun=int(g["tahun"]) if g.get("tahun") else None,
        bulan=bulan,
        kode=g.get("kode"),
        klasifikasi=g.get("klasifikasi") or "",
        sisipan=g.get("sisipan") or "",
    )


def baku(nomor: str, pattern: str) -> str | None:
    """*nomor* as *pattern* prints it (``001/...`` for ``1/...``), or None when it
    does not read as that pattern: the form the agenda holds a number in.

    >>> P = "{urut:03d}/{kode}/{klasifikasi}/{bulan_romawi}/{tahun}"
    >>> baku(" 1/DP3A-PP-KB/PPA/XI/2026", P)
    '001/DP3A-PP-KB/PPA/XI/2026'
    >>> baku("001/DP3A-PP-KB/PPA/XIII/2026", P) is None
    True
    """
    try:
        p = parse(nomor, pattern)
        return format_nomor(pattern, urut=p.urut, tahun=p.tahun, bulan=p.bulan, kode=p.kode,
                            klasifikasi=p.klasifikasi, sisipan=p.sisipan)  # fmt: skip
    except SuratError:
        return None
