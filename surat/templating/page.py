"""The page of every letter: paper size, the profile's page options, document properties.

- **Paper** (:func:`set_paper`): A4, or F4 (215 x 330 mm) when the profile
  says ``kertas = "F4"``, on every section. A wider sheet widens the right
  margin, so the text keeps the width the template was laid out for.
- **Properties** (:func:`set_office_properties`): office-level only.

Page options an office profile may set (:func:`page_layout`):

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
from docx.shared import Cm, Mm, Twips

from ..office import Office

__all__ = ["PAPER", "page_layout", "set_bottom_margin", "set_office_properties", "set_paper"]

#: Page sizes in twips (1/1440 inch), as Word stores them.
PAPER: dict[str, tuple[int, int]] = {
    "A4": (11906, 16838),  # 210 x 297 mm
    "F4": (12189, 18709),  # 215 x 330 mm
}

#: Where a page number at the top sits: below the print pack's stamp.
HEADER_DISTANCE_CM = 1.6


def set_paper(document: Any, kertas: str) -> None:
    """Set the paper of every section of a python-docx *document* (``'A4'``, ``'F4'``).

    The text keeps the width the template was laid out for (its tables and
    kop are fixed): a wider sheet (F4 is 5 mm wider than A4) widens the right
    margin instead of leaving body text wider than the tables.
    """
    width, height = PAPER[kertas]
    for section in document.sections:
        extra = width - (section.page_width.twips if section.page_width else width)
        right = section.right_margin
        if right is not None and right.twips + extra >= Mm(10).twips:
            section.right_margin = Twips(right.twips + extra)
        section.page_width = Twips(width)
        section.page_height = Twips(height)


_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>surat</Application></Properties>"
)


def set_office_properties(document: Any, judul: str, office: Office | None) -> None:
    """Give a python-docx *document* office-level properties only.

    A template's own properties may hold anything its author typed, or a
    name left by the last person who saved it (``lastModifiedBy``), and
    docxtpl would fill ``{{ korban.nama }}`` typed into a title. So the core
    properties are made anew (title = the letter's kind, author = the
    office, nothing else), the application properties say only ``surat``, and
    custom properties and the template's thumbnail are dropped. LibreOffice
    copies these into the PDF's /Info.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.coreprops import CT_CoreProperties

    package = document.part.package
    core = package._core_properties_part
    core._element = CT_CoreProperties.new()
    props = core.core_properties
    props.title = judul
    props.author = office.nama if office is not None else ""
    props.language = "id-ID"
    for rid, rel in list(package.rels.items()):
        if rel.reltype in (RT.CUSTOM_PROPERTIES, RT.THUMBNAIL):
            del package.rels[rid]
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _APP_XML


def page_layout(docx: bytes, office: Office) -> bytes:
    """*docx* with the profile's page options applied (the same bytes when none is set)."""
    if office.margin_bawah is None and office.nomor_halaman == "bawah":
        return docx
    from docx import Document

    doc = Document(io.BytesIO(docx))
    set_bottom_margin(doc, office)
    if office.nomor_halaman == "atas":
        for section in doc.sections:
            _number_on_top(section)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def set_bottom_margin(doc: Any, office: Office) -> None:
    """The profile's bottom margin on every section of an open python-docx document."""
    if office.margin_bawah is not None:
        for section in doc.sections:
            section.bottom_margin = Cm(office.margin_bawah)


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
