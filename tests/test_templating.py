"""The docxtpl internals surat overrides: a docxtpl that changes one fails here, loudly.

surat fills templates through four undocumented parts of docxtpl
(:mod:`surat.templating.engine`): ``render_xml_part`` (every part goes through
the sandbox), ``render_properties`` (never rendered), ``fix_tables`` (the grid
repair) and ``patch_xml`` (inspection reads a template as docxtpl would).
``pyproject.toml`` pins the docxtpl versions these were tested with; these
tests say what broke when the pin is moved.
"""

from __future__ import annotations

import inspect
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate

import surat
from surat import SuratError
from surat.templating import engine
from surat.templating.sandbox import plain

OVERRIDDEN = {
    "render_xml_part": ["self", "src_xml", "part", "context", "jinja_env"],
    "render_properties": ["self", "context", "jinja_env"],
    "fix_tables": ["self", "xml"],
    "patch_xml": ["self", "src_xml"],
}

FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


@pytest.mark.parametrize("name", sorted(OVERRIDDEN))
def test_overridden_internals_are_there_with_their_parameters(name: str) -> None:
    method = getattr(DocxTemplate, name, None)
    assert method is not None, f"docxtpl no longer has DocxTemplate.{name}"
    assert list(inspect.signature(method).parameters) == OVERRIDDEN[name]


def test_render_still_hands_every_part_to_render_xml_part() -> None:
    """Body, headers, footers and footnotes: if docxtpl fills one elsewhere, it is unsandboxed."""
    for caller in ("build_xml", "build_headers_footers_xml", "render_footnotes"):
        body = inspect.getsource(getattr(DocxTemplate, caller))
        assert "self.render_xml_part(" in body, caller
    render = inspect.getsource(DocxTemplate.render)
    for step in ("build_xml", "build_headers_footers_xml", "render_footnotes", "fix_tables"):
        assert f"self.{step}(" in render, step
    assert "self.render_properties(" in render


def _with_footnote(path: Path, text: str) -> Path:
    """A .docx whose footnotes part holds *text* (as Word stores a footnote)."""
    d = docx.Document()
    d.add_paragraph("{{ judul }}")
    d.sections[0].header.paragraphs[0].text = "{{ kepala }}"
    d.sections[0].footer.paragraphs[0].text = "{{ kaki }}"
    d.core_properties.title = "{{ 7 * 7 }}"
    d.save(str(path))
    with zipfile.ZipFile(path) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    members["word/footnotes.xml"] = FOOTNOTES.format(text=text).encode()
    rels = members["word/_rels/document.xml.rels"].decode()
    members["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>',
    ).encode()
    types = members["[Content_Types].xml"].decode()
    members["[Content_Types].xml"] = types.replace(
        "</Types>",
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footnotes+xml"/></Types>',
    ).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return path


def _fill(path: Path, **values: str) -> bytes:
    office = surat.Office.default()
    return engine.fill(path.read_bytes(), plain(values, "", check=False), office, "t", "Judul")


def test_every_part_is_filled_escaped_and_the_properties_are_not_rendered(
    tmp_path: Path,
) -> None:
    path = _with_footnote(tmp_path / "t.docx", "{{ catatan }}")
    out = _fill(path, judul="A & B", kepala="K & L", kaki="M & N", catatan="Tom & Jerry <b>")
    d = docx.Document(io.BytesIO(out))
    assert d.paragraphs[0].text == "A & B"
    assert d.sections[0].header.paragraphs[0].text == "K & L"
    assert d.sections[0].footer.paragraphs[0].text == "M & N"
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        footnotes = z.read("word/footnotes.xml").decode()
    assert "Tom &amp; Jerry &lt;b&gt;" in footnotes  # filled, escaped, nothing lost
    assert d.core_properties.title == "Judul"  # never the template's own, never rendered


def test_a_footnote_is_filled_in_the_sandbox(tmp_path: Path) -> None:
    path = _with_footnote(tmp_path / "t.docx", "{{ catatan.__class__ }}")
    with pytest.raises(SuratError, match=r"dilarang|tersembunyi|bukan data"):
        _fill(path, judul="", kepala="", kaki="", catatan="x")


NOMOR = "001/DP3A-PP-KB/PPA/XI/2026"


def test_a_prepared_part_is_what_docxtpl_itself_prepares() -> None:
    """The parts prepared once and kept are docxtpl's own preparation of the same XML."""
    with zipfile.ZipFile(engine.template_path("tugas")) as z:
        parts = [
            z.read(n).decode() for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")
        ]
    own = DocxTemplate.__new__(DocxTemplate)
    ours = engine._Template.__new__(engine._Template)
    for xml in parts:
        assert ours.patch_xml(xml) == own.patch_xml(xml)
        assert ours.patch_xml(xml) == own.patch_xml(xml)  # the kept one, too


def test_letters_of_several_kinds_in_turn_each_print_their_own_text() -> None:
    """Kept parts are keyed by their XML: one kind's part never stands in for another's."""
    first = {
        k: _body_text(surat.render(k, surat.letters.example_data(k), nomor=NOMOR).docx)
        for k in ("tugas", "persetujuan")
    }
    for _ in range(2):
        for kind, text in first.items():
            assert (
                _body_text(surat.render(kind, surat.letters.example_data(kind), nomor=NOMOR).docx)
                == text
            )
    assert first["tugas"] != first["persetujuan"]


def _body_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_the_bottom_margin_alone_is_set_with_the_page_number_left_at_the_bottom() -> None:
    office = engine.default_office().model_copy(update={"margin_bawah": 3.1})
    made = docx.Document(
        io.BytesIO(
            surat.render(
                "tugas", surat.letters.example_data("tugas"), nomor=NOMOR, office=office
            ).docx
        )
    )
    for section in made.sections:
        assert section.bottom_margin.cm == pytest.approx(3.1, abs=0.01)
    footers = "".join(s.footer._element.xml for s in made.sections)
    assert "PAGE" in footers
