"""Number patterns: formatting and parsing are exact inverses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surat import SuratError
from surat.numbering import NomorParts, format_nomor, parse, sisipan_suffix

PATTERNS = [
    "{urut:03d}/{kode}/{klasifikasi}/{bulan_romawi}/{tahun}",
    "{urut}/{kode}/{klasifikasi}/{bulan_romawi}/{tahun}",
    "{klasifikasi}/{urut:04d}/{kode}/{bulan:02d}.{tahun}",
    "{urut}/{kode}/{bulan_romawi}/{tahun}/{klasifikasi}",
    "No. {urut:03d}-{kode}/{tahun}",
    "{urut:03d}/SM/{tahun}",
    "{urut:03d}/REG-PPA/{bulan_romawi}/{tahun}",
]

code = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd"), whitelist_characters="-._"),
    min_size=1,
    max_size=12,
)


@st.composite
def numbers(draw: st.DrawFn) -> tuple[str, NomorParts]:
    pattern = draw(st.sampled_from(PATTERNS))
    fields = {f for f in ("kode", "klasifikasi", "bulan", "bulan_romawi") if f"{{{f}" in pattern}
    parts = NomorParts(
        urut=draw(st.integers(1, 99_999)),
        tahun=draw(st.integers(1000, 9999)),
        bulan=draw(st.integers(1, 12)) if fields & {"bulan", "bulan_romawi"} else None,
        kode=draw(code) if "kode" in fields else None,
        klasifikasi=draw(st.one_of(st.just(""), code)) if "klasifikasi" in fields else "",
        sisipan=draw(st.one_of(st.just(""), st.integers(1, 800).map(sisipan_suffix))),
    )
    return pattern, parts


def _format(pattern: str, p: NomorParts) -> str:
    return format_nomor(
        pattern,
        urut=p.urut,
        tahun=p.tahun,
        bulan=p.bulan,
        kode=p.kode,
        klasifikasi=p.klasifikasi,
        sisipan=p.sisipan,
    )


@settings(max_examples=400, deadline=None)
@given(numbers())
def test_parse_inverts_format(case: tuple[str, NomorParts]) -> None:
    pattern, parts = case
    text = _format(pattern, parts)
    assert parse(text, pattern) == parts
    assert _format(pattern, parse(text, pattern)) == text


@pytest.mark.parametrize(
    ("nomor", "pattern", "urut", "bulan", "tahun"),
    [
        (
            "34/DP3A-PP-KB/SOP/II/2020",
            "{urut}/{kode}/{klasifikasi}/{bulan_romawi}/{tahun}",
            34,
            2,
            2020,
        ),
        (
            "32/DP3A-PP-KB/SOP/VI/2020",
            "{urut}/{kode}/{klasifikasi}/{bulan_romawi}/{tahun}",
            32,
            6,
            2020,
        ),
    ],
)
def test_the_seeds_numbers_parse_and_format_back(
    nomor: str, pattern: str, urut: int, bulan: int, tahun: int
) -> None:
    parts = parse(nomor, pattern=pattern)
    assert (parts.urut, parts.bulan, parts.tahun, parts.kode, parts.klasifikasi) == (
        urut,
        bulan,
        tahun,
        "DP3A-PP-KB",
        "SOP",
    )
    assert _format(pattern, parts) == nomor


def test_empty_klasifikasi_in_every_position() -> None:
    assert format_nomor("{klasifikasi}/{urut}/{tahun}", urut=1, tahun=2026) == "1/2026"
    assert format_nomor("{urut}/{tahun}/{klasifikasi}", urut=1, tahun=2026) == "1/2026"
    assert parse("1/2026", "{urut}/{tahun}/{klasifikasi}") == NomorParts(urut=1, tahun=2026)


@pytest.mark.parametrize(
    "nomor",
    [
        "001/DP3A-PP-KB/PPA/XIII/2026",  # no 13th month
        "000/DP3A-PP-KB/PPA/XI/2026",  # numbers start at 1
        "001/DP3A PP/PPA/XI/2026",  # a code with a space
        "001/DP3A-PP-KB/PPA/XI/26",  # a two-digit year
        "001.A/DP3A-PP-KB/PPA/XI/2026",  # suffixes are lowercase
        "",
    ],
)
def test_parse_refuses_what_no_pattern_produces(nomor: str) -> None:
    with pytest.raises(SuratError, match="tidak sesuai dengan pola"):
        parse(nomor)


def test_parse_checks_two_month_fields_agree() -> None:
    with pytest.raises(SuratError, match="dua bulan yang berbeda"):
        parse("1/11/XII/2026", "{urut}/{bulan}/{bulan_romawi}/{tahun}")


def test_format_refuses_codes_with_slash_or_space() -> None:
    for kode, klasifikasi in (("DP3A/PP", ""), ("DP3A PP", ""), ("K", "P/A")):
        with pytest.raises(SuratError, match="kode tanpa"):
            format_nomor(
                "{urut}/{kode}/{klasifikasi}/{tahun}",
                urut=1,
                tahun=2026,
                kode=kode,
                klasifikasi=klasifikasi,
            )


def test_format_needs_what_the_pattern_uses() -> None:
    with pytest.raises(SuratError, match="bulan: pola memerlukan bulan"):
        format_nomor("{urut}/{bulan_romawi}/{tahun}", urut=1, tahun=2026)
    with pytest.raises(SuratError, match="urut: bilangan bulat positif"):
        format_nomor("{urut}/{tahun}", urut=0, tahun=2026)
    with pytest.raises(SuratError, match="sisipan: huruf kecil"):
        format_nomor("{urut}/{tahun}", urut=1, tahun=2026, sisipan="A")
