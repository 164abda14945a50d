"""Dates are Indonesian and always on the clock of Asia/Jakarta."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

import surat
from surat import SuratError, bulan_romawi, format_tanggal, hari, tanggal_terbilang
from surat.dates import WIB, to_wib_date

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
         "Agustus", "September", "Oktober", "November", "Desember"]  # fmt: skip


def test_contract_examples() -> None:
    assert format_tanggal(date(2026, 11, 22)) == "22 November 2026"
    assert format_tanggal(date(2026, 11, 22), "full") == "Minggu, 22 November 2026"
    assert format_tanggal(date(2020, 1, 7), "full") == "Selasa, 7 Januari 2020"
    assert bulan_romawi(11) == "XI"


def test_every_month_name() -> None:
    for m, name in enumerate(BULAN, start=1):
        assert format_tanggal(date(2026, m, 3)) == f"3 {name} 2026"


def test_aware_datetime_counts_in_wib() -> None:
    late = datetime(2026, 12, 31, 17, 30, tzinfo=UTC)
    assert format_tanggal(late) == "1 Januari 2027"
    assert format_tanggal(datetime(2026, 12, 31, 16, 59, tzinfo=UTC)) == "31 Desember 2026"
    # another zone: 23:00 in New York is 11:00 next day in Jakarta
    ny = timezone(timedelta(hours=-5))
    assert to_wib_date(datetime(2026, 3, 1, 23, 0, tzinfo=ny)) == date(2026, 3, 2)
    # a naive datetime is taken as WIB already
    assert format_tanggal(datetime(2026, 12, 31, 23, 59)) == "31 Desember 2026"
    assert hari(late) == "Jumat"


def test_now_and_today_are_wib() -> None:
    n = surat.now()
    assert n.tzinfo is not None and n.utcoffset() == timedelta(hours=7)
    assert surat.today() == datetime.now(WIB).date()


def test_today_ignores_machine_zone() -> None:
    # a process in a zone far from Jakarta still gets Jakarta's date
    code = (
        "import surat, datetime, zoneinfo;"
        "print(surat.today() == datetime.datetime.now(zoneinfo.ZoneInfo('Asia/Jakarta')).date())"
    )
    env = dict(os.environ, TZ="Pacific/Kiritimati")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "True", out.stderr


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_long_format_is_day_month_year(d: date) -> None:
    assert format_tanggal(d) == f"{d.day} {BULAN[d.month - 1]} {d.year}"
    assert format_tanggal(d, "full").endswith(f", {d.day} {BULAN[d.month - 1]} {d.year}")


@pytest.mark.parametrize("m", [0, 13, -1, True, "11"])
def test_bulan_romawi_refuses(m: object) -> None:
    with pytest.raises(SuratError, match="bulan"):
        bulan_romawi(m)  # type: ignore[arg-type]


def test_hari_whole_week() -> None:
    names = [hari(date(2026, 11, 22) + timedelta(days=i)) for i in range(7)]
    assert names == ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]


def test_tanggal_terbilang() -> None:
    assert tanggal_terbilang(date(2026, 11, 22)) == "dua puluh dua November dua ribu dua puluh enam"
    assert tanggal_terbilang(date(2000, 5, 11)) == "sebelas Mei dua ribu"


def test_cldr_pattern_and_bad_style() -> None:
    assert format_tanggal(date(2026, 11, 22), "MMMM y") == "November 2026"
    with pytest.raises(SuratError, match="style"):
        format_tanggal(date(2026, 11, 22), "")
    with pytest.raises(SuratError, match="tanggal"):
        format_tanggal("2026-11-22")  # type: ignore[arg-type]
