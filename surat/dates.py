"""Indonesian dates on the clock of Asia/Jakarta (WIB).

Every date function here follows one rule: an aware ``datetime`` is first
converted to WIB and then its date is taken; a naive ``datetime`` is taken as
WIB already. Never UTC, never the machine's own zone. A letter written at
00:30 WIB on 1 January belongs to the new year even though UTC still says
31 December.
"""

from __future__ import annotations

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
    raise SuratError(f"tanggal: a date or datetime expected, got {type(d).__name__}")


def parse_tanggal(text: str, name: str = "tanggal") -> date:
    """A date as written in data or on a command line (``YYYY-MM-DD``).

    The one parser of typed dates: the register, the templates' date filters
    and the command line all read dates through it, so they accept the same.

    >>> parse_tanggal(" 2026-11-22 ")
    datetime.date(2026, 11, 22)
    >>> parse_tanggal("31-11-2026", "surat.tanggal")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: surat.tanggal: a date YYYY-MM-DD expected
    """
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise SuratError(f"{name}: a date YYYY-MM-DD expected") from None


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
        raise SuratError("style: 'long', 'full', 'medium', 'short' or a CLDR pattern expected")
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
    surat.errors.SuratError: bulan: a month 1..12 expected, got 13
    """
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise SuratError(f"bulan: a month 1..12 expected, got {month!r}")
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
