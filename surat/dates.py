"""Indonesian dates on the clock of Asia/Jakarta (WIB).

Every date function here follows one rule: an aware ``datetime`` is first
converted to WIB and then its date is taken; a naive ``datetime`` is taken as
WIB already. Never UTC, never the machine's own zone. A letter written at
00:30 WIB on 1 January belongs to the new year even though UTC still says
31 December.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date

from .errors import SuratError
from .words import terbilang

__all__ = [
    "WIB",
    "bulan_romawi",
    "format_tanggal",
    "hari",
    "jam",
    "lama",
    "now",
    "parse_tanggal",
    "tanggal_terbilang",
    "to_wib_date",
    "today",
]

WIB = ZoneInfo("Asia/Jakarta")
LOCALE = "id"

#: Named styles. Explicit patterns: babel's own Indonesian "full" pattern
#: zero-pads the day ('Selasa, 07 Januari 2020'), which no letter prints.
STYLES = {
    "long": "d MMMM y",
    "full": "EEEE, d MMMM y",
    "medium": "d MMM y",
    "short": "dd/MM/y",
}

_ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def now() -> datetime:
    """The current moment as an aware datetime in Asia/Jakarta."""
    return datetime.now(WIB)


def today() -> date:
    """Today's date in Asia/Jakarta, whatever the machine's zone."""
    return now().date()


def to_wib_date(d: date | datetime) -> date:
    """The calendar date of *d* in WIB.

    >>> from datetime import timezone
    >>> to_wib_date(datetime(2026, 12, 31, 17, 30, tzinfo=timezone.utc))
    datetime.date(2027, 1, 1)
    >>> to_wib_date(datetime(2026, 12, 31, 23, 59))
    datetime.date(2026, 12, 31)
    >>> to_wib_date(date(2026, 11, 22))
    datetime.date(2026, 11, 22)
    """
    if isinstance(d, datetime):
        if d.tzinfo is not None and d.utcoffset() is not None:
            return d.astimezone(WIB).date()
        return d.date()
    if isinstance(d, date):
        return d
    raise SuratError(f"tanggal: date atau datetime diharapkan, bukan {type(d).__name__}")


#: How a typed date may be written, besides ISO ``2026-11-22``: day first, then
#: month, then a year of four digits. ASCII digits only (``re.ASCII``): Python's
#: ``\d`` and ``int()`` would take Arabic-Indic or full-width digits too.
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
_ANGKA = re.compile(r"([0-9]{1,2})([/-])([0-9]{1,2})\2([0-9]{4})", re.ASCII)
_NAMA = re.compile(r"([0-9]{1,2}) +([A-Za-z]+)\.? +([0-9]{4})", re.ASCII)
#: Forms refused because a reader cannot tell which number is the day: the year
#: first with slashes (``2026/11/22``), or a year of two digits (``22/11/26``).
_AMBIGU = re.compile(
    r"[0-9]{4}[/.][0-9]{1,2}[/.][0-9]{1,2}|[0-9]{1,2}([/.-])[0-9]{1,2}\1[0-9]{2}", re.ASCII
)
#: The longest date text worth reading ('30 September 2026' with some spaces).
_MAX_TEXT = 40

#: The codes of a refused date are listed in :data:`surat.errors.CODES`.
_CONTOH = "22/11/2026, 22-11-2026, 22 November 2026 atau 2026-11-22"


def _month_names() -> dict[str, int]:
    """Each Indonesian month name and abbreviation (babel's CLDR data), lower case."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale=LOCALE).items():
                names[name.lower().rstrip(".")] = number
    return names


_BULAN: dict[str, int] = {}


def _refuse(name: str, code: str, why: str) -> SuratError:
    return SuratError(f"{name}: {why}", code=code)


def parse_tanggal(text: str, name: str = "tanggal") -> date:
    """A date as people type it, in data or on a command line.

    The one parser of typed dates: the letters' models (:data:`surat.letters.fields.Tanggal`),
    the rows of a batch, the register, the templates' date filters and the
    command line all read dates through it, so they accept the same. The day
    comes first, always; the year has four digits.

    >>> parse_tanggal(" 2026-11-22 ")
    datetime.date(2026, 11, 22)
    >>> parse_tanggal("22/11/2026"), parse_tanggal("22-11-2026"), parse_tanggal("5/3/2026")
    (datetime.date(2026, 11, 22), datetime.date(2026, 11, 22), datetime.date(2026, 3, 5))
    >>> parse_tanggal("22 November 2026"), parse_tanggal("22 nov 2026")
    (datetime.date(2026, 11, 22), datetime.date(2026, 11, 22))
    >>> parse_tanggal("17 Agustus 2026") == parse_tanggal("17 Agu. 2026") == date(2026, 8, 17)
    True

    A refused date names the field and what is wrong, never the text typed
    (it may be a child's birth date); :attr:`SuratError.errors` gives a code:

    >>> parse_tanggal("31/02/2026", "surat.tanggal")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: surat.tanggal: tanggal ini tidak ada di kalender
    >>> parse_tanggal("11/22/2026")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: tanggal: bulan lebih dari 12; tulis hari dulu, lalu bulan dan tahun \
(22/11/2026)
    >>> parse_tanggal("2026/11/22")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: tanggal: urutan hari, bulan dan tahun tidak jelas; tulis 22/11/2026 \
atau 2026-11-22 (tahun 4 angka)
    >>> parse_tanggal("22 Novembre 2026")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: tanggal: nama bulan tidak dikenal (Januari sampai Desember, \
atau Jan sampai Des)
    >>> try:
    ...     parse_tanggal("kemarin")
    ... except SuratError as exc:
    ...     exc.errors[0].type
    'tanggal_format'
    """
    if not isinstance(text, str):
        raise _refuse(name, "tanggal_format", f"tanggal diharapkan seperti {_CONTOH}")
    typed = text.replace("\u00a0", " ").strip()  # a word processor's no-break space
    if len(typed) > _MAX_TEXT or not typed.isascii() or not typed.isprintable():
        if any(c.isdigit() and not c.isascii() for c in typed[: _MAX_TEXT * 4]):
            raise _refuse(name, "tanggal_format", "tanggal ditulis dengan angka 0-9 biasa")
        raise _refuse(name, "tanggal_format", f"tanggal diharapkan seperti {_CONTOH}")
    if m := _ISO.fullmatch(typed):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _ANGKA.fullmatch(typed):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
        if month > 12 and 1 <= day <= 12:
            raise _refuse(
                name,
                "tanggal_urutan",
                "bulan lebih dari 12; tulis hari dulu, lalu bulan dan tahun (22/11/2026)",
            )
    elif m := _NAMA.fullmatch(typed):
        if not _BULAN:
            _BULAN.update(_month_names())
        bulan = _BULAN.get(m[2].lower())
        if bulan is None:
            raise _refuse(
                name,
                "tanggal_bulan",
                "nama bulan tidak dikenal (Januari sampai Desember, atau Jan sampai Des)",
            )
        day, month, year = int(m[1]), bulan, int(m[3])
    elif _AMBIGU.fullmatch(typed):
        raise _refuse(
            name,
            "tanggal_ambigu",
            "urutan hari, bulan dan tahun tidak jelas; tulis 22/11/2026 atau 2026-11-22 "
            "(tahun 4 angka)",
        )
    else:
        raise _refuse(name, "tanggal_format", f"tanggal diharapkan seperti {_CONTOH}")
    try:
        return date(year, month, day)
    except ValueError:
        raise _refuse(name, "tanggal_mustahil", "tanggal ini tidak ada di kalender") from None


def format_tanggal(d: date | datetime, style: str = "long") -> str:
    """Format a date the way Indonesian letters print it.

    >>> format_tanggal(date(2026, 11, 22))
    '22 November 2026'
    >>> format_tanggal(date(2026, 11, 22), "full")
    'Minggu, 22 November 2026'
    >>> format_tanggal(date(2020, 1, 7), "full")
    'Selasa, 7 Januari 2020'
    >>> format_tanggal(date(2020, 1, 7), "short")
    '07/01/2020'
    >>> format_tanggal(date(2026, 8, 17), "medium")
    '17 Agu 2026'

    Any other style is a CLDR pattern:

    >>> format_tanggal(date(2026, 11, 22), "EEEE")
    'Minggu'

    An aware datetime counts in WIB:

    >>> from datetime import timezone
    >>> format_tanggal(datetime(2026, 12, 31, 17, 30, tzinfo=timezone.utc))
    '1 Januari 2027'
    """
    if not isinstance(style, str) or not style:
        raise SuratError("style: 'long', 'full', 'medium', 'short' atau pola CLDR diharapkan")
    pattern = STYLES.get(style, style)
    return format_date(to_wib_date(d), format=pattern, locale=LOCALE)


def bulan_romawi(month: int) -> str:
    """The month in Roman numerals, as in letter numbers.

    >>> bulan_romawi(11)
    'XI'
    >>> bulan_romawi(1), bulan_romawi(12)
    ('I', 'XII')
    >>> bulan_romawi(13)
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: bulan: bulan 1..12 diharapkan, bukan 13
    """
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise SuratError(f"bulan: bulan 1..12 diharapkan, bukan {month!r}")
    return _ROMAWI[month - 1]


def hari(d: date | datetime) -> str:
    """The Indonesian day name.

    >>> hari(date(2026, 11, 22))
    'Minggu'
    >>> hari(date(2026, 11, 23))
    'Senin'
    """
    return format_date(to_wib_date(d), format="EEEE", locale=LOCALE)


def tanggal_terbilang(d: date | datetime) -> str:
    """The date in words, as a berita acara writes it.

    >>> tanggal_terbilang(date(2026, 11, 22))
    'dua puluh dua November dua ribu dua puluh enam'
    >>> tanggal_terbilang(date(2020, 1, 1))
    'satu Januari dua ribu dua puluh'
    """
    day = to_wib_date(d)
    bulan = format_date(day, format="MMMM", locale=LOCALE)
    return f"{terbilang(day.day)} {bulan} {terbilang(day.year)}"


def jam(mulai: datetime, selesai: datetime) -> str:
    """The times of a step in WIB as Indonesian forms print them.

    >>> from surat.dates import WIB
    >>> jam(datetime(2026, 11, 16, 9, 10, tzinfo=WIB), datetime(2026, 11, 16, 10, 25, tzinfo=WIB))
    '09.10–10.25'
    >>> jam(datetime(2026, 11, 16, 23, 0, tzinfo=WIB), datetime(2026, 11, 17, 1, 5, tzinfo=WIB))
    '23.00–01.05 (17/11)'
    """
    a, b = mulai.astimezone(WIB), selesai.astimezone(WIB)
    text = f"{a:%H.%M}–{b:%H.%M}"
    if b.date() != a.date():
        text += f" ({b.day}/{b.month})"
    return text


def lama(durasi: timedelta) -> str:
    """A duration as the SOP counts it: minutes, then hours, then days.

    >>> lama(timedelta(minutes=75)), lama(timedelta(minutes=22.5)), lama(timedelta(0))
    ('75 menit', '23 menit', '0 menit')
    >>> lama(timedelta(hours=2, minutes=5)), lama(timedelta(days=1, hours=3))
    ('2 jam 5 menit', '1 hari 3 jam')
    """
    menit = int(durasi.total_seconds() / 60 + 0.5)  # a median may fall on the half minute
    if menit < 120:
        return f"{menit} menit"
    if menit < 24 * 60:
        h, m = divmod(menit, 60)
        return f"{h} jam" + (f" {m} menit" if m else "")
    d, rest = divmod(menit, 24 * 60)
    h = rest // 60
    return f"{d} hari" + (f" {h} jam" if h else "")
