"""Page options an office profile may set on every letter it renders.

- ``nomor_halaman = "atas"``: the page number ('- 2 -', from page 2 on)
  moves from the bottom centre to the top centre. Permendagri 1/2023 leaves
  the place to the office; the default stays at the bottom. At the top it
  sits 16 mm below the edge, under the TEMBUSAN stamp of a print pack's
  copies (which ends 15 mm below it).
- ``margin_bawah``: the bottom margin in cm where a local rule asks (some
  regents' rules ask 2.5 cm); unset, the template keeps its own (2 cm).
"""

from __future__ import annotations

import io
from typing import Any

from docx.oxml.ns import qn
from docx.shared import Cm

from .office import Office

__all__ = ["page_layout"]

#: Where a page number at the top sits: below the print pack's stamp.
HEADER_DISTANCE_CM = 1.6


def page_layout(docx: bytes, office: Office) -> bytes:
    """*docx* with the profile's page options applied (the same bytes when none is set)."""
    if office.margin_bawah is None and office.nomor_halaman == "bawah":
        return docx
    from docx import Document

    doc = Document(io.BytesIO(docx))
    for section in doc.sections:
        if office.margin_bawah is not None:
            section.bottom_margin = Cm(office.margin_bawah)
        if office.nomor_halaman == "atas":
            _number_on_top(section)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page_field(p: Any) -> bool:
    for f in p.iter(qn("w:fldSimple")):
        if "PAGE" in (f.get(qn("w:instr")) or "").split():
            return True
    return any("PAGE" in (t.text or "").split() for t in p.iter(qn("w:instrText")))


def _number_on_top(section: Any) -> None:
    """Move the paragraph holding the PAGE field from the footer to the header."""
    footer = section.footer
    if footer.is_linked_to_previous:
        return
    found = [p for p in footer._element.iter(qn("w:p")) if _page_field(p)]
    if not found:
        return
    p = found[0]
    parent = p.getparent()
    index = parent.index(p)
    parent.remove(p)
    if parent.tag == qn("w:tc") and not parent.findall(qn("w:p")):
        # a table cell must hold a paragraph
        empty = p.makeelement(qn("w:p"), {})
        parent.insert(index, empty)
    header = section.header
    header.is_linked_to_previous = False
    body = header._element
    for old in body.findall(qn("w:p")):
        if not "".join(old.itertext()).strip():
            body.remove(old)
    body.insert(0, p)
    section.header_distance = Cm(HEADER_DISTANCE_CM)
