"""The TEMBUSAN stamp of a copy page: a one-line box, and a light diagonal band.

The stamp box is a tiny Word document (:func:`stamp_docx`) converted by
LibreOffice in the same run as the letters, so its font is embedded like
theirs and a PDF/A pack stays PDF/A; the band (:func:`band`) is pure vector
graphics, drawn under the page's content so it never hides the letter's text,
number or signature. A recipient whose name would not fit the box on one line
is refused before anything is converted (:func:`check_recipient`).
"""

from __future__ import annotations

import io
import math
import unicodedata

from ..errors import SuratError
from ..letters.fields import unprintable

__all__ = [
    "PRODUCER",
    "STAMP_TITLE",
    "band",
    "check_recipient",
    "stamp_docx",
    "stamp_size",
]

#: Who the pack and its stamp documents say made them (no person: the office's letters do).
PRODUCER = "surat"
#: What the stamp box says above the recipient's name.
STAMP_TITLE = "TEMBUSAN"
#: The stamp document's page, a strip laid over the top of each copy page (centred):
#: the box starts 4.5 mm below the edge, where printers print, and ends above a
#: kop that starts at a 15 mm top margin.
STAMP_WIDTH_MM = 210.0
STAMP_HEIGHT_MM = 14.0
STAMP_TOP_MM = 4.5
STAMP_SIDE_MM = 20.0
#: The band's grey (1 = white) and width in points.
BAND_GREY = 0.93
BAND_WIDTH = 34.0

#: The stamp's font sizes for the recipient, largest first: the largest that
#: keeps the box on one line is used; a name that fits at none is refused.
STAMP_SIZES = (8.0, 7.0, 6.5, 6.0)
#: The room for the box's text: the strip between its side margins, less the
#: box's border and padding, less a margin for how LibreOffice sets the line.
_STAMP_LINE_PT = (STAMP_WIDTH_MM - 2 * STAMP_SIDE_MM) * 72 / 25.4 - 12
#: Advance widths of Liberation Sans, the stamp's font, for U+0020..U+007E in
#: 1/1000 em (the font is metric-compatible with Arial, whose table this is).
_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
#: "TEMBUSAN" in bold at 9 pt, in points.
_TITLE_PT = 51.0


def _em(text: str) -> float:
    """The width of *text* in ems of Liberation Sans: an accented letter as its
    base letter, any other character as wide as the widest (1 em)."""
    total = 0
    for ch in text:
        code = ord(unicodedata.normalize("NFD", ch)[0])
        total += _WIDTHS[code - 32] if 32 <= code < 127 else 1000
    return total / 1000


def stamp_size(recipient: str) -> float:
    """The font size of *recipient* on the stamp, in points: the largest of
    :data:`STAMP_SIZES` that keeps the box on one line (the smallest, when
    none does: :func:`check_recipient` refuses such a name).

    >>> stamp_size("Arsip"), stamp_size("Inspektorat " * 10), stamp_size("Inspektorat " * 12)
    (8.0, 7.0, 6.5)
    """
    for size in STAMP_SIZES:
        if _TITLE_PT + size * _em(f" — {recipient}") <= _STAMP_LINE_PT:
            return size
    return STAMP_SIZES[-1]


#: Characters never printed in a recipient's name: controls, line and paragraph
#: separators, and the bidirectional overrides that make text read backwards.
def check_recipient(name: object, where: str = "tembusan") -> str:
    """A copy recipient as the stamp prints it, or a :class:`SuratError` naming *where*.

    One line of printable text that fits the stamp's one-line box at its
    smallest size (about 100 characters of capitals, 130 of ordinary text).

    >>> check_recipient("  Inspektorat Kota Batam ")
    'Inspektorat Kota Batam'
    >>> check_recipient("Arsip\x1b[2J", "copies 2")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: copies 2: satu baris teks yang dapat dicetak diharapkan \
(ada karakter kendali)
    >>> check_recipient("KEPALA DINAS " * 12)
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: tembusan: terlalu panjang untuk cap (155 karakter); persingkat
    """
    if not isinstance(name, str) or not name.strip():
        raise SuratError(f"{where}: nama penerima diharapkan")
    text = name.strip()
    if unprintable(text):
        raise SuratError(
            f"{where}: satu baris teks yang dapat dicetak diharapkan (ada karakter kendali)"
        )
    if _TITLE_PT + STAMP_SIZES[-1] * _em(f" — {text}") > _STAMP_LINE_PT:
        raise SuratError(f"{where}: terlalu panjang untuk cap ({len(text)} karakter); persingkat")
    return text


def stamp_docx(recipient: str) -> bytes:
    """A small .docx with the boxed stamp for *recipient*, for LibreOffice to convert.

    Its page is a strip as wide as A4 and :data:`STAMP_HEIGHT_MM` high; the box
    is one line in the strip's middle, inside the top margin of a letter, above
    its kop.
    """
    from docx import Document as _Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    d = _Docx()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(STAMP_WIDTH_MM), Mm(STAMP_HEIGHT_MM)
    sec.top_margin, sec.bottom_margin = Mm(STAMP_TOP_MM), Mm(0)
    sec.left_margin = sec.right_margin = Mm(STAMP_SIDE_MM)
    sec.header_distance = sec.footer_distance = Mm(0)
    p = d.paragraphs[0] if d.paragraphs else d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = p.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "single")
        b.set(qn("w:sz"), "8")
        b.set(qn("w:space"), "2")
        b.set(qn("w:color"), "303030")
        borders.append(b)
    p._p.get_or_add_pPr().append(borders)
    size = stamp_size(recipient)
    for text, bold, pt in ((STAMP_TITLE, True, 9.0), (f" — {recipient}", False, size)):
        run = p.add_run(text)
        run.font.name = "Liberation Sans"
        run.font.size = Pt(pt)
        run.font.bold = bold
        run.font.color.rgb = RGBColor(0x30, 0x30, 0x30)
    props = d.core_properties
    props.author = props.last_modified_by = PRODUCER
    props.title = props.comments = ""
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def band(width: float, height: float) -> bytes:
    """Content that paints the light diagonal band, lower left to upper right."""
    angle = math.atan2(height, width)
    c, s = math.cos(angle), math.sin(angle)
    diag = math.hypot(width, height)
    half = BAND_WIDTH / 2
    return (
        f"q {BAND_GREY} g {c:.5f} {s:.5f} {-s:.5f} {c:.5f} 0 0 cm "
        f"0 {-half:.2f} {diag:.2f} {BAND_WIDTH:.2f} re f "
        f"0.75 G 0.6 w 0 {-half - 3:.2f} m {diag:.2f} {-half - 3:.2f} l S "
        f"0 {half + 3:.2f} m {diag:.2f} {half + 3:.2f} l S Q\n"
    ).encode()
