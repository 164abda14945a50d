"""The kop's emblem: an image a template places but can neither call nor inspect.

A template prints ``{{ kop.logo }}``. What it receives is inert text
(:func:`placeholder`): the XML of a drawing whose picture points at a
relationship id that exists nowhere yet. After the template is filled in,
:func:`place` finds those drawings in the document, its headers and footers,
adds the image to the package once and points each drawing at it. Nothing the
template can reach knows about the package, so nothing it does can write,
read or render anything through it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.shared import Length
from markupsafe import Markup

__all__ = ["picture", "place", "placeholder"]

PENDING = "rIdSuratLambang"
"""The relationship id of an emblem not placed yet."""

_BLIP = qn("a:blip")
_EMBED = qn("r:embed")
_DOC_PR = qn("wp:docPr")
_STORIES = ("/word/document", "/word/header", "/word/footer", "/word/footnotes", "/word/endnotes")
"""The parts a template's text is in (not styles, settings, numbering, themes)."""


def placeholder(logo: Path, width: Length) -> Markup:
    """The run that ``{{ kop.logo }}`` prints: a drawing of *logo*, *width* wide."""
    st = logo.stat()
    return _placeholder(str(logo), st.st_mtime_ns, st.st_size, int(width))


@lru_cache(maxsize=8)
def _placeholder(path: str, mtime: int, size: int, width: int) -> Markup:
    image = Image.from_file(path)
    cx, cy = image.scaled_dimensions(Length(width), None)
    inline = CT_Inline.new_pic_inline(1, PENDING, Path(path).name, cx, cy).xml
    # Like docxtpl's InlineImage: close the text run, a run with the drawing, reopen.
    return Markup(
        f'</w:t></w:r><w:r><w:drawing>{inline}</w:drawing></w:r><w:r><w:t xml:space="preserve">'
    )


def picture(blob: bytes, width: Length, pending: str) -> Markup:
    """Like :func:`placeholder`, for an image surat made itself (a report's chart):
    a drawing of the PNG *blob*, *width* wide, pointing at the relationship id
    *pending* until :func:`place` is given the same image and id."""
    image = Image.from_blob(blob)
    cx, cy = image.scaled_dimensions(width, None)
    inline = CT_Inline.new_pic_inline(1, pending, "grafik.png", cx, cy).xml
    return Markup(
        f'</w:t></w:r><w:r><w:drawing>{inline}</w:drawing></w:r><w:r><w:t xml:space="preserve">'
    )


def place(document: Any, logo: Path | IO[bytes], pending: str = PENDING) -> int:
    """Point every pending emblem of a filled-in python-docx *document* at *logo*
    (or every drawing pending as *pending* at that image).

    Returns how many were placed. The image is stored once, however many
    parts show it.
    """
    package = document.part.package
    image_part = None
    placed = 0
    for part in list(package.iter_parts()):
        element = getattr(part, "_element", None)
        if element is None or not str(part.partname).startswith(_STORIES):
            continue
        waiting = [b for b in element.iter(_BLIP) if b.get(_EMBED) == pending]
        if not waiting:
            continue
        if image_part is None:
            image_part = package.get_or_add_image_part(
                str(logo) if isinstance(logo, Path) else logo
            )
        rid = part.relate_to(image_part, RT.IMAGE)
        ids = [int(i) for i in element.xpath("//@id") if str(i).isdigit()]
        next_id = max(ids, default=0) + 1
        for blip in waiting:
            blip.set(_EMBED, rid)
            for drawing in blip.iterancestors(qn("wp:inline")):
                for doc_pr in drawing.iter(_DOC_PR):
                    doc_pr.set("id", str(next_id))
                    doc_pr.set("name", f"Picture {next_id}")
                    next_id += 1
            placed += 1
    return placed
