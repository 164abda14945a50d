"""Where the signature goes: the empty space of the signature block, found on the PDF.

A signature block prints, top to bottom, the jabatan line(s) ending in a
comma, a blank space to sign, and the signer's name (or a dotted line). The
converted letter's last page is read with pypdf (each piece of text with its
position); the signer's name line is found by its text, the nearest line above
it in the same column ends the space. The signature's appearance fills that
space. When the name is not on the last page, is printed more than once in
that column, or the space is too small, this fails with a clear error rather
than sign in a wrong place.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from ..errors import SuratError

__all__ = ["MIN_HEIGHT", "Piece", "Space", "find_space", "text_pieces"]

#: The signature's appearance needs at least this much height (points; 13 mm).
MIN_HEIGHT = 36.0
#: How wide the signature's appearance is at most (points; 70 mm).
MAX_WIDTH = 200.0


@dataclass(frozen=True)
class Space:
    """The signature's place: a page (0-based) and a box in page coordinates."""

    page: int
    box: tuple[float, float, float, float]


@dataclass
class _Line:
    y: float
    x: float
    size: float
    text: str
    end: float


def _width(text: str, size: float) -> float:
    """A generous estimate of a piece's width (Arial/Liberation Sans average)."""
    return len(text) * size * 0.6


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


Piece = tuple[float, float, float, str]
"""A piece of text on a page: baseline y, x, font size (points), text."""


def text_pieces(page: object) -> list[Piece]:
    """Every non-blank piece of text on a pypdf page, with its position."""
    pieces: list[Piece] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = abs(tm[3] * cm[3]) or 1.0
            pieces.append((round(y, 1), x, size * scale, text))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return pieces


def _lines(pieces: list[Piece]) -> list[_Line]:
    """Text pieces on one baseline joined into lines, left to right, per column."""
    lines: list[_Line] = []
    for y, x, size, text in sorted(pieces, key=lambda p: (-p[0], p[1])):
        last = lines[-1] if lines else None
        # same baseline and right after the previous piece: the same line (two
        # signature blocks side by side stay two lines)
        if last is not None and abs(last.y - y) < 1.0 and x <= last.end + 3 * size:
            last.text += text
            last.end = max(last.end, x + _width(text, size))
            continue
        lines.append(_Line(y, x, size, text, x + _width(text, size)))
    return lines


def find_space(pdf: bytes, name: str, pieces: list[Piece] | None = None) -> Space:
    """The signature space above the line that prints *name*, on the last page.

    *pieces* are the last page's :func:`text_pieces` when the caller has them.
    """
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    index = len(reader.pages) - 1
    page = reader.pages[index]
    box = page.mediabox
    right_edge = float(box.right) - 20 * 72 / 25.4
    lines = _lines(text_pieces(page) if pieces is None else pieces)
    want = _norm(name)
    found = [ln for ln in lines if want and _norm(ln.text).endswith(want)]
    if not found:
        raise SuratError(
            "tte: nama penanda tangan tidak ada di halaman terakhir surat; "
            "tanda tangan tidak dapat ditempatkan (periksa blok tanda tangan templatnya)"
        )
    if len(found) > 1:
        raise SuratError(
            "tte: nama penanda tangan tercetak lebih dari sekali di halaman terakhir; "
            "tidak jelas blok mana yang ditandatangani"
        )
    name_line = found[0]
    # the block's column: lines starting near the name (a block beside it is another column)
    above = [ln for ln in lines if ln.y > name_line.y + 1 and abs(ln.x - name_line.x) < 120]
    if not above:
        raise SuratError(
            "tte: tidak ada apa pun di atas nama penanda tangan: blok tanda tangan tidak ditemukan"
        )
    jabatan = min(above, key=lambda ln: ln.y)
    bottom = name_line.y + name_line.size * 0.95 + 2
    top = jabatan.y - jabatan.size * 0.25 - 2
    if top - bottom < MIN_HEIGHT:
        raise SuratError(
            f"tte: ruang tanda tangan setinggi {(top - bottom) * 25.4 / 72:.0f} mm; "
            f"paling sedikit {MIN_HEIGHT * 25.4 / 72:.0f} mm diharapkan"
        )
    left = min(jabatan.x, name_line.x)
    right = min(right_edge, left + MAX_WIDTH)
    beside = [
        ln.x
        for ln in lines
        if ln.x >= name_line.x + 120 and name_line.y - 2 <= ln.y <= jabatan.y + 2
    ]
    if beside:
        right = min(right, min(beside) - 6)
    if right - left < 120:
        raise SuratError("tte: ruang tanda tangan terlalu sempit (paling sedikit 42 mm diharapkan)")
    return Space(index, (left, bottom, right, top))
