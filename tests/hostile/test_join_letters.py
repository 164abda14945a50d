"""Letters that would come out differently inside a joined document are never joined.

A batch converts letters of one template as one document and splits it back
at hidden outline markers (:mod:`surat.pdf.join`). Each letter here is built
to break that if it were joined: a footer that counts every page of the
document ("dari N"), a numbered list whose numbers would run on from the
letter before, a letter that starts with a page break (its marker would land
on its second page), headings of its own in the outline, one of them dressed
as a marker. Each must come out exactly as when it is converted alone.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Iterator

import pytest
from docx import Document as _Docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from pypdf import PdfReader

from surat.pdf import Converter, converter
from surat.pdf.join import Pages, prepare
from surat.pdf.offline import offline_parts
from surat.pdf.package import read_parts

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")


def save(d: object) -> bytes:
    buf = io.BytesIO()
    d.save(buf)  # type: ignore[attr-defined]
    return buf.getvalue()


def plain(i: int, pages: int = 1) -> bytes:
    d = _Docx()
    for page in range(pages):
        p = d.add_paragraph(f"Surat {i} halaman {page + 1}")
        if page < pages - 1:
            p.add_run().add_break(WD_BREAK.PAGE)
    return save(d)


def counting_footer(i: int) -> bytes:
    """Two pages whose footer says "Halaman X dari Y" (PAGE and NUMPAGES fields)."""
    d = _Docx()
    p = d.add_paragraph(f"Surat {i} halaman 1")
    p.add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph(f"Surat {i} halaman 2")
    foot = d.sections[0].footer.paragraphs[0]
    foot.add_run("Halaman ")
    for field, after in (("PAGE", " dari "), ("NUMPAGES", "")):
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), f" {field} ")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        simple.append(run)
        foot._p.append(simple)
        foot.add_run(after)
    return save(d)


def hidden_count(i: int, how: str) -> bytes:
    """The counting footer with NUMPAGES written as a text scan would miss it:
    in a complex field whose instruction is a CDATA section, or with the
    WordprocessingML namespace under another prefix."""
    from lxml import etree

    d = _Docx()
    p = d.add_paragraph(f"Surat {i} halaman 1")
    p.add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph(f"Surat {i} halaman 2")
    foot = d.sections[0].footer.paragraphs[0]
    foot.add_run("Halaman ")
    for kind, text in (("begin", None), (None, " NUMPAGES "), ("separate", None), (None, "1")):
        run = foot.add_run()
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == "1":
            run.text = "1"
        else:
            instr = OxmlElement("w:instrText")
            instr.text = etree.CDATA(text) if how == "cdata" else text
            run._r.append(instr)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    foot.add_run()._r.append(end)
    docx = save(d)
    if how != "prefix":
        return docx
    src = zipfile.ZipFile(io.BytesIO(docx))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("word/footer"):
                data = re.sub(rb"(</?|\s)w:", rb"\1x:", data).replace(b"xmlns:w=", b"xmlns:x=")
            z.writestr(info.filename, data)
    return buf.getvalue()


def numbered(i: int) -> bytes:
    d = _Docx()
    d.add_paragraph(f"Surat {i}: langkah yang diambil")
    for step in ("Pendampingan", "Visum", "Konseling"):
        d.add_paragraph(step, style="List Number")
    return save(d)


def page_break_first(i: int) -> bytes:
    d = _Docx()
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph(f"Surat {i} sesudah halaman kosong")
    return save(d)


def headings(i: int) -> bytes:
    """Headings of its own in the outline, one of them written like a marker."""
    d = _Docx()
    d.add_paragraph(f"Surat {i} halaman 1")
    d.add_heading(f"SJ000000000000-0- Bagian {i}", level=1).runs[0].add_break(WD_BREAK.PAGE)
    d.add_heading("SJ000000000000-1-", level=1)
    d.add_paragraph(f"Surat {i} halaman akhir")
    return save(d)


def texts(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def conv() -> Iterator[Converter]:
    with Converter(workers=2) as c:
        yield c


@pytest.fixture(autouse=True)
def whole_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(converter, "JOIN_IDLE", 1000)


def joined_and_alone(conv: Converter, docs: list[bytes]) -> tuple[list[bytes | Pages], list[bytes]]:
    items = [(f"surat {i}", d) for i, d in enumerate(docs, start=1)]
    return list(conv.imap_pages(items, join=len(items))), conv.convert_many(items)


def own(out: bytes | Pages) -> bytes:
    return out.pdf if isinstance(out, Pages) else out


def test_a_footer_that_counts_every_page_is_never_joined(conv: Converter) -> None:
    """Joined, NUMPAGES would count the pages of the whole group ("dari 6")."""
    docs = [counting_footer(1), counting_footer(2), counting_footer(3)]
    assert prepare(offline_parts(read_parts(docs[0], "x"))) is None
    outs, alone = joined_and_alone(conv, docs)
    for out, pdf in zip(outs, alone, strict=True):
        pages = texts(own(out))
        assert pages == texts(pdf)
        assert ["Halaman 1 dari 2" in pages[0], "Halaman 2 dari 2" in pages[1]] == [True, True]


@pytest.mark.parametrize("how", ["cdata", "prefix"])
def test_a_page_count_hidden_from_a_text_scan_is_found(conv: Converter, how: str) -> None:
    """NUMPAGES in a CDATA instruction or under another namespace prefix: the
    parts are read as XML, as LibreOffice reads them, not scanned as text."""
    docs = [hidden_count(i, how) for i in (1, 2, 3)]
    assert prepare(offline_parts(read_parts(docs[0], "x"))) is None
    outs, alone = joined_and_alone(conv, docs)
    for out, pdf in zip(outs, alone, strict=True):
        pages = texts(own(out))
        assert pages == texts(pdf)
        # the field is read: it counts this letter's 2 pages, not the group's 6
        assert [page.splitlines()[-1] for page in pages] == ["Halaman 2", "Halaman 2"]


def test_numbered_lists_start_at_one_in_every_letter(conv: Converter) -> None:
    docs = [numbered(1), numbered(2), numbered(3)]
    outs, alone = joined_and_alone(conv, docs)
    for out, pdf in zip(outs, alone, strict=True):
        text = texts(own(out))
        assert text == texts(pdf)
        assert "1." in text[0] and "3." in text[0] and "4." not in text[0]


def test_a_letter_that_starts_with_a_page_break_keeps_its_blank_page(conv: Converter) -> None:
    docs = [plain(1), page_break_first(2), plain(3)]
    outs, alone = joined_and_alone(conv, docs)
    assert [len(texts(own(o))) for o in outs] == [len(texts(a)) for a in alone] == [1, 2, 1]
    assert [texts(own(o)) for o in outs] == [texts(a) for a in alone]


def test_headings_and_false_markers_do_not_move_a_letters_pages(conv: Converter) -> None:
    docs = [plain(1), headings(2), plain(3, 2), headings(4)]
    outs, alone = joined_and_alone(conv, docs)
    assert all(isinstance(o, Pages) for o in outs)  # joined: the headings stay in their letter
    assert [texts(own(o)) for o in outs] == [texts(a) for a in alone]
    assert [len(o) for o in outs if isinstance(o, Pages)] == [1, 2, 2, 2]
