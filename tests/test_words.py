"""terbilang: the rules of issue 'foundation', checked over 0..10^12."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from surat import SuratError, format_rupiah, terbilang, terbilang_rupiah

UNITS = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
    "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
}  # fmt: skip
SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "triliun": 10**12}


def parse_words(text: str) -> int:
    """Indonesian number words back to an int, written for this test only."""
    words = text.split()
    sign = 1
    if words and words[0] == "minus":
        sign, words = -1, words[1:]
    total = 0  # completed scale groups
    group = 0  # the current group below a thousand
    current = 0  # the current digit run
    for w in words:
        if w in UNITS:
            current += UNITS[w]
        elif w == "sepuluh":
            current += 10
        elif w == "sebelas":
            current += 11
        elif w == "seratus":
            group += 100
        elif w == "seribu":
            total += 1000
        elif w == "belas":
            current += 10
        elif w == "puluh":
            current *= 10
            group += current
            current = 0
        elif w == "ratus":
            group += current * 100
            current = 0
        elif w in SCALES:
            total += (group + current) * SCALES[w]
            group = current = 0
        else:
            raise ValueError(f"unknown word {w!r}")
    return sign * (total + group + current)


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (19, "sembilan belas"),
        (100, "seratus"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (21000, "dua puluh satu ribu"),
        (101000, "seratus satu ribu"),
        (1001000, "satu juta seribu"),
        (1_000_000_000, "satu miliar"),
        (1_000_001_000, "satu miliar seribu"),
        (2_000_001_000_000, "dua triliun satu juta"),
        (1_000_000_001_000, "satu triliun seribu"),
        (-1000, "minus seribu"),
    ],
)
def test_known_values(n: int, words: str) -> None:
    assert terbilang(n) == words


@given(st.integers(min_value=0, max_value=10**12))
def test_never_satu_ribu_and_round_trips(n: int) -> None:
    words = terbilang(n)
    assert not words.startswith("satu ribu")
    for scale in ("juta", "miliar", "triliun"):
        assert f"{scale} satu ribu" not in words
    assert parse_words(words) == n


@given(st.integers(min_value=-(10**12), max_value=-1))
def test_negative_round_trips(n: int) -> None:
    assert terbilang(n).startswith("minus ")
    assert parse_words(terbilang(n)) == n


def test_decimal_digit_by_digit() -> None:
    assert terbilang(Decimal("3.14")) == "tiga koma satu empat"
    assert terbilang(Decimal("0.05")) == "nol koma nol lima"
    assert terbilang(Decimal("-2.5")) == "minus dua koma lima"


def test_digit_strings() -> None:
    assert terbilang("1500000") == "satu juta lima ratus ribu"
    assert terbilang(" 42 ") == "empat puluh dua"


@pytest.mark.parametrize("bad", [0.5, 1.0, "1.500.000", "satu", "", True, None, Decimal("NaN")])
def test_refused(bad: object) -> None:
    with pytest.raises(SuratError, match="angka"):
        terbilang(bad)  # type: ignore[arg-type]


def test_too_large() -> None:
    with pytest.raises(SuratError, match="10\\^18"):
        terbilang(10**18)


def test_rupiah() -> None:
    assert terbilang_rupiah(1500000) == "satu juta lima ratus ribu rupiah"
    assert terbilang_rupiah(Decimal("1000.50")) == "seribu rupiah lima puluh sen"
    assert format_rupiah(1500000) == "Rp1.500.000,00"
    assert format_rupiah(0) == "Rp0,00"
    with pytest.raises(SuratError, match="dua angka desimal"):
        terbilang_rupiah(Decimal("1.005"))
    with pytest.raises(SuratError, match="float"):
        format_rupiah(1.5)  # type: ignore[arg-type]
