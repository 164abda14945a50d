"""Document.text(): everything the letter prints, so that a name is found wherever it is.

A check such as ``name not in doc.text()`` proves nothing if the text leaves out
a part of the file: each test plants a name in one part only (a header, a
footer, a footnote) and reads it back.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hostile.template_files import office_template

import surat

NAMA = "Putri Ayu Lestari"


def as_document(d: docx.document.Document) -> surat.Document:
    buf = io.BytesIO()
    d.save(buf)
    return surat.Document(buf.getvalue(), "uji")


def letter() -> docx.document.Document:
    d = docx.Document()
    d.add_paragraph("Isi surat.")
    return d


def test_a_name_only_in_the_header_is_found() -> None:
    d = letter()
    d.sections[0].header.paragraphs[0].text = f"Korban: {NAMA}"
    text = as_document(d).text()
    assert NAMA in text
    assert text.index("Isi surat.") < text.index(NAMA)  # the body first, as before


def test_a_name_only_in_the_footer_is_found() -> None:
    d = letter()
    d.sections[0].footer.paragraphs[0].text = f"Korban: {NAMA}"
    assert NAMA in as_document(d).text()


def test_a_name_in_a_header_or_footer_table_is_found() -> None:
    d = letter()
    section = d.sections[0]
    table = section.footer.add_table(1, 2, section.page_width or docx.shared.Mm(210))
    table.cell(0, 1).add_table(1, 1).cell(0, 0).text = NAMA  # nested, too
    assert NAMA in as_document(d).text()


def test_first_page_and_even_page_headers_and_footers_are_read() -> None:
    for story in ("first_page_header", "even_page_header", "first_page_footer", "even_page_footer"):
        d = letter()
        getattr(d.sections[0], story).paragraphs[0].text = NAMA
        assert NAMA in as_document(d).text(), story


def test_every_section_is_read_and_a_linked_header_once() -> None:
    d = letter()
    d.sections[0].header.paragraphs[0].text = "Kop bagian satu"
    d.add_section()
    d.add_paragraph("Lampiran.")
    second = d.add_section()
    second.footer.is_linked_to_previous = False
    second.footer.paragraphs[0].text = NAMA
    text = as_document(d).text()
    assert NAMA in text
    assert text.count("Kop bagian satu") == 1  # linked sections print the first one's


def test_a_name_only_in_a_footnote_is_found() -> None:
    d = letter()
    notes = (
        f"<w:footnotes {nsdecls('w')}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        f'<w:footnote w:id="1"><w:p><w:r><w:t>Keterangan: {NAMA}</w:t></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    ).encode()
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, notes, d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    run = d.paragraphs[0].add_run()
    run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="1"/>'))
    # the note after the body; the separator line above the notes adds nothing
    assert as_document(d).text().splitlines() == ["Isi surat.", f"Keterangan: {NAMA}"]


def test_a_template_printing_a_name_in_its_header_is_caught(tmp_path: Path) -> None:
    path = office_template(tmp_path, "Isi surat untuk {{ inisial }}.")
    d = docx.Document(str(path))
    d.sections[0].header.paragraphs[0].text = "{{ nama }}"
    d.save(str(path))
    text = surat.render(path, {"inisial": "P.A.L.", "nama": NAMA}).text()
    assert "Isi surat untuk P.A.L." in text and NAMA in text
