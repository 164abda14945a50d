"""Text that a letter cannot print as typed is refused or printed, never garbled.

- A line or paragraph separator (U+2028, U+2029, U+0085) breaks the line in a
  word processor: in a one-line field it is refused like a newline.
- Emoji: LibreOffice prints them with the Symbola font (``make system``). Without
  it they printed as empty boxes drawn over the next word.
"""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

import surat
from surat.letters import example_data, validate


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_line_separator_in_a_one_line_field_is_refused(separator: str) -> None:
    data = example_data("persetujuan")
    data["korban"]["nama"] = f"Ayu{separator}Lestari"
    with pytest.raises(surat.SuratError, match=r"korban\.nama: satu baris diharapkan"):
        validate("persetujuan", data)


def test_a_line_separator_in_a_multi_line_field_is_a_line_break() -> None:
    data = example_data("permohonan")
    data["kronologi"] = "Kejadian pertama.\u2028Kejadian kedua."
    assert validate("permohonan", data).kronologi == "Kejadian pertama.\nKejadian kedua."


EMOJI = "👩‍⚕️🧒"


def words_on_line(pdf: bytes, anchor: str) -> list[tuple[float, float, str]]:
    """(xMin, xMax, text) of each word on the line that holds *anchor*, left to right."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.pdf"
        path.write_bytes(pdf)
        html = subprocess.run(
            ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    words = [
        (float(x0), float(y0), float(x1), text)
        for x0, y0, x1, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            html,
        )
    ]
    y = next(y0 for _, y0, _, text in words if text == anchor)
    return [(x0, x1, text) for x0, y0, x1, text in words if abs(y0 - y) < 1]


def test_emoji_are_printed_with_a_font_that_has_them() -> None:
    data = example_data("persetujuan")
    data["pendamping"][0]["jabatan"] = f"Pendamping {EMOJI} Ayu ✅ ☎ 😀x"
    doc = surat.render("persetujuan", data, nomor="001/PPA/XI/2026")
    pdf = doc.pdf()
    line = words_on_line(pdf, "Ayu")
    # each glyph where it belongs: no word drawn over the one before it
    for (_, before, _), (start, _, word) in itertools.pairwise(line):
        assert start >= before - 0.5, (word, line)
    assert EMOJI in [text for _, _, text in line]
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any(name.endswith("+Symbola") for name in fonts), fonts


BIDI = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u200f", "\u061c", "\u2060"]
"""Right-to-left override and its kin: text that reads other than it prints."""


@pytest.mark.parametrize("control", BIDI)
def test_a_bidi_control_in_a_one_line_field_is_refused(control: str) -> None:
    """'Sdr. Pelapor' with U+202E shows a different addressee than the one typed;
    the tembusan refused it already, every one-line field does now."""
    data = example_data("persetujuan")
    data["kepada"] = f"Sdr. {control}ropaleP"
    with pytest.raises(surat.SuratError, match=r"kepada: satu baris teks yang dapat"):
        validate("persetujuan", data)


@pytest.mark.parametrize("control", BIDI)
def test_a_bidi_control_in_a_text_of_many_lines_is_refused(control: str) -> None:
    data = example_data("konseling")
    data["keluhan"] = f"baris satu\nbaris {control}dua"
    with pytest.raises(surat.SuratError, match=r"keluhan: teks yang dapat dicetak diharapkan"):
        validate("konseling", data)
    data["keluhan"] = "baris satu\nbaris\tdua"  # line breaks and tabs stay allowed
    validate("konseling", data)
