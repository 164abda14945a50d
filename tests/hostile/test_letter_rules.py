"""Attacks on the letters' small rules: a law slipped into the grounds in disguise,
template syntax inside a foreign term's text."""

from __future__ import annotations

from datetime import date

import pytest

import surat
from surat import SuratError
from surat.letters import build_context, example_data, validate

OFFICE = surat.Office.default()


@pytest.mark.parametrize(
    "disguised",
    [
        "ＵＵ 23/2004",  # full-width letters
        "Undang Undang Nomor 23 Tahun 2004",  # no hyphen
        "U.U. No. 23 Tahun 2004",
        "undang-undang  nomor 23   tahun 2004",  # any case, any spacing
    ],
)
def test_pkdrt_in_disguise_is_still_refused_for_a_neighbour(disguised: str) -> None:
    data = example_data("tugas") | {"hubungan_pelaku": "Tetangga", "dasar": [disguised]}
    with pytest.raises(SuratError, match=r"dasar\.0: UU 23/2004 \(PKDRT\)"):
        surat.render("tugas", data, nomor="001/X/2026")


def test_a_zero_width_space_in_a_ground_is_refused_before_any_rule() -> None:
    """'UU\u200b 23/2004' reads as UU 23/2004 and compares as something else: a
    format character is refused in every one-line field (letters.fields.unprintable)."""
    data = example_data("tugas") | {"hubungan_pelaku": "Tetangga"}
    data["dasar"] = ["UU\u200b 23/2004 tentang PKDRT"]
    with pytest.raises(SuratError, match=r"dasar\.0: satu baris teks yang dapat dicetak"):
        surat.render("tugas", data, nomor="001/X/2026")


def test_a_law_written_twice_in_disguise_is_printed_once() -> None:
    data = example_data("tugas") | {
        "hubungan_pelaku": "Suami/Istri",
        "dasar": ["ＵＵ 23/2004", "U.U. No. 35 Tahun 2014", "Perda Kota Batam No. 2 Tahun 2016"],
    }
    model = validate("tugas", data)
    dasar = build_context("tugas", model, OFFICE, tanggal=date(2026, 11, 23))["dasar"]
    assert len(dasar) == 4  # UU 23/2004, UU 35/2014, the Perda, the approval letter
    assert sum("23" in d and "2004" in d for d in dasar) == 1


def test_template_syntax_around_a_foreign_term_is_printed_not_run() -> None:
    data = example_data("tugas")
    data["tugas"][1]["kegiatan"] = "visum et repertum {%r endfor %} {{ b.teks }} {%p if x %}"
    text = surat.render("tugas", data, nomor="001/X/2026").text()
    assert "visum et repertum {%r endfor %} {{ b.teks }} {%p if x %} di RSUD" in text
