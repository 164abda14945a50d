"""Letters converted as one document and split back: the same pages as each alone.

Real LibreOffice, real letters (the shipped templates), PDFs read back with
pypdf: page count, text and the position of every piece of text (the
signature block, the page number "- 2 -") of each letter from a joined
conversion against the same letter converted on its own.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import surat
from surat import letters
from surat.letters import example_data
from surat.pdf import Converter, converter
from surat.pdf.converter import WINDOW
from surat.pdf.join import Pages, prepare, split
from surat.pdf.offline import offline_parts
from surat.pdf.package import read_parts

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")

OFFICE = surat.Office.default()
F4 = OFFICE.model_copy(update={"kertas": "F4"})
#: Points two positions of one piece of text may differ by.
TOLERANCE = 0.5


def persetujuan(i: int, pendamping: int = 2, office: surat.Office = OFFICE) -> surat.Document:
    """A letter of 1 page (2 pendamping), 2 pages (14) or 3 (30)."""
    data = example_data("persetujuan")
    one = data["pendamping"][0]
    data["pendamping"] = [dict(one, nama=f"Pendamping {k} surat {i}") for k in range(pendamping)]
    return surat.render("persetujuan", data, office=office, nomor=f"{i:03d}/DP3A-PP-KB/PPA/XI/2026")


def tugas(i: int, office: surat.Office = OFFICE) -> surat.Document:
    return surat.render(
        "tugas", example_data("tugas"), office=office, nomor=f"{i:03d}/DP3A-PP-KB/ST/XI/2026"
    )


Item = tuple[str, float, float]


def layout(pdf: bytes) -> list[list[Item]]:
    """Every piece of text on each page with where it starts (points)."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        items: list[Item] = []

        def visit(
            text: str, cm: Any, tm: Any, font: Any, size: Any, into: list[Item] = items
        ) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                into.append((text, x, y))

        page.extract_text(visitor_text=visit)
        pages.append(items)
    return pages


def texts(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def page_number(items: list[Item]) -> tuple[str, float, float] | None:
    """The footer's page number ("- N -" around a PAGE field): the number and
    where it is, if the page has one."""
    for (a, _, _), (number, x, y), (b, _, _) in zip(items, items[1:], items[2:], strict=False):
        if a.strip() == "-" and number.isdigit() and b.strip() == "-":
            return (number, x, y)
    return None


def assert_same_pages(joined: bytes, alone: bytes, name: str) -> None:
    a, b = layout(alone), layout(joined)
    assert len(b) == len(a), f"{name}: {len(b)} pages joined, {len(a)} alone"
    assert texts(joined) == texts(alone), name
    for n, (pa, pb) in enumerate(zip(a, b, strict=True), start=1):
        assert [t for t, _, _ in pb] == [t for t, _, _ in pa], f"{name} page {n}"
        for (t, xa, ya), (_, xb, yb) in zip(pa, pb, strict=True):
            assert abs(xa - xb) <= TOLERANCE and abs(ya - yb) <= TOLERANCE, (
                f"{name} page {n}: {t!r} at ({xb:.1f}, {yb:.1f}) joined, ({xa:.1f}, {ya:.1f}) alone"
            )


@pytest.fixture(scope="module")
def conv() -> Iterator[Converter]:
    with Converter(workers=2) as c:
        yield c


@pytest.fixture
def whole_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    """Groups as asked for: no worker waiting for work takes a group early."""
    monkeypatch.setattr(converter, "JOIN_IDLE", 1000)


def test_joined_letters_have_the_pages_they_have_alone(conv: Converter, whole_groups: None) -> None:
    docs = [persetujuan(1), persetujuan(2, 14), persetujuan(3), persetujuan(4, 30), persetujuan(5)]
    docs += [persetujuan(6, 14)]
    outs = list(conv.imap_pages(docs, join=len(docs)))
    assert all(isinstance(o, Pages) for o in outs)  # they were converted as one
    assert len({id(o.reader) for o in outs if isinstance(o, Pages)}) == 1
    alone = conv.convert_many(docs)
    assert [len(PdfReader(io.BytesIO(a)).pages) for a in alone] == [1, 2, 1, 3, 1, 2]
    for doc, out, pdf in zip(docs, outs, alone, strict=True):
        assert isinstance(out, Pages)
        assert_same_pages(out.pdf, pdf, doc.label)
    # imap gives the same letters as PDFs of their own, in smaller groups too
    assert [texts(p) for p in conv.convert_many(docs, join=4)] == [texts(a) for a in alone]


@pytest.mark.parametrize("kind", sorted(letters.KINDS))
def test_every_kind_is_joined_and_comes_out_as_alone(
    conv: Converter, whole_groups: None, kind: str
) -> None:
    numbered = kind in letters.NUMBERED
    docs = [
        surat.render(kind, example_data(kind), nomor=f"{i:03d}/X/PPA/XI/2026" if numbered else None)
        for i in range(1, 4)
    ]
    assert all(prepare(offline_parts(read_parts(d.docx, d.label))) is not None for d in docs)
    outs = list(conv.imap_pages(docs, join=3))
    assert all(isinstance(o, Pages) for o in outs)
    for doc, out, pdf in zip(docs, outs, conv.convert_many(docs), strict=True):
        assert isinstance(out, Pages)
        assert_same_pages(out.pdf, pdf, doc.label)


def test_a_letter_that_fills_its_page_to_the_margin_keeps_its_page_count(
    conv: Converter, whole_groups: None
) -> None:
    """A letter ending in a table (the signature block) whose page is full: the
    break after it in the joined document takes no line of its own. With a
    3.8 cm bottom margin, the office's example letter is such a page."""

    from docx import Document as Docx
    from docx.shared import Cm

    def full_page(docx: bytes) -> bytes:
        d = Docx(io.BytesIO(docx))
        for section in d.sections:
            section.bottom_margin, section.footer_distance = Cm(3.8), Cm(2.9)
        buf = io.BytesIO()
        d.save(buf)
        return buf.getvalue()

    office = surat.Office.from_toml(Path(__file__).parent.parent / "examples" / "kantor.toml")
    docs = [persetujuan(i, office=office) for i in (1, 2, 3)]
    items = [(d.label, full_page(d.docx)) for d in docs]
    outs = list(conv.imap_pages(items, join=3))
    for (name, _), out, pdf in zip(items, outs, conv.convert_many(items), strict=True):
        assert isinstance(out, Pages)
        assert len(out) == 1
        assert_same_pages(out.pdf, pdf, name)


def test_each_letter_numbers_its_own_pages(conv: Converter, whole_groups: None) -> None:
    """The footer's "- 2 -" is on each letter's second page, where it is alone;
    a first page shows no number (its own first-page footer)."""
    docs = [persetujuan(1, 14), persetujuan(2, 30), persetujuan(3, 14)]
    outs = list(conv.imap_pages(docs, join=3))
    alone = conv.convert_many(docs)
    for doc, out, pdf in zip(docs, outs, alone, strict=True):
        assert isinstance(out, Pages)
        joined, own = layout(out.pdf), layout(pdf)
        assert len(joined) == len(own) >= 2
        assert page_number(joined[0]) is None is page_number(own[0])
        for n in range(1, len(own)):
            number, x, y = page_number(joined[n]) or ("", 0, 0)
            assert number == str(n + 1), f"{doc.label} page {n + 1}"
            assert (number, x, y) == pytest.approx(page_number(own[n]), abs=TOLERANCE)
            assert "RAHASIA" in texts(out.pdf)[n]


def test_a_mixed_batch_is_grouped_by_template_and_paper(
    conv: Converter, whole_groups: None
) -> None:
    batch: list[tuple[str, surat.Document]] = []
    for i in range(1, 4):
        batch += [
            ("persetujuan A4", persetujuan(10 * i)),
            ("persetujuan F4", persetujuan(10 * i + 1, office=F4)),
            ("tugas A4", tugas(10 * i + 2)),
        ]
    docs = [doc for _, doc in batch]
    outs = list(conv.imap_pages(docs, join=8))
    groups: dict[int, list[str]] = {}
    for (what, _), out in zip(batch, outs, strict=True):
        assert isinstance(out, Pages)
        groups.setdefault(id(out.reader), []).append(what)
    # one group each, never mixed: a different template or paper is its own group
    assert sorted(groups.values()) == [
        ["persetujuan A4"] * 3,
        ["persetujuan F4"] * 3,
        ["tugas A4"] * 3,
    ]
    alone = conv.convert_many(docs)
    for (what, doc), out, pdf in zip(batch, outs, alone, strict=True):
        assert isinstance(out, Pages)
        box = PdfReader(io.BytesIO(out.pdf)).pages[0].mediabox
        height = 330 if what.endswith("F4") else 297
        assert round(float(box.height) * 25.4 / 72) == height
        assert_same_pages(out.pdf, pdf, doc.label)


def broken_footer(doc: surat.Document) -> surat.Document:
    """*doc* whose page footer is not XML: LibreOffice cannot open it."""
    src = zipfile.ZipFile(io.BytesIO(doc.docx))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for info in src.infolist():
            body = b"garbage <<<" if info.filename == "word/footer2.xml" else src.read(info)
            z.writestr(info.filename, body)
    return surat.Document(buf.getvalue(), doc.kind, nomor=doc.nomor, judul=doc.judul)


def test_a_failing_letter_in_a_group_is_named_as_when_alone(
    conv: Converter, whole_groups: None
) -> None:
    docs = [persetujuan(i) for i in range(1, 6)]
    docs[2] = broken_footer(docs[2])
    # it would be joined with the others: the joined document fails as a whole
    assert prepare(offline_parts(read_parts(docs[2].docx, "x"))) is not None
    expected = f"{docs[2].label}: LibreOffice tidak dapat membacanya (apakah .docx-nya sah?)"
    with pytest.raises(surat.SuratError) as alone:
        conv.convert_many(docs)
    with pytest.raises(surat.SuratError) as joined:
        conv.convert_many(docs, join=5)
    assert str(joined.value) == str(alone.value) == expected
    # and the converter goes on
    assert len(conv.convert_many([persetujuan(7), persetujuan(8)], join=2)) == 2


def test_split_never_guesses_where_a_letter_starts(conv: Converter, whole_groups: None) -> None:
    outs = list(conv.imap_pages([persetujuan(1), persetujuan(2, 14)], join=2))
    assert isinstance(outs[0], Pages)
    reader = outs[0].reader
    whole = reader.stream.getvalue()  # the joined PDF, as LibreOffice wrote it
    titles = [str(item.title) for item in reader.outline if not isinstance(item, list)]
    found = [re.search(r"(SJ[0-9a-f]{12})-(\d)-", t) for t in titles]
    # one outline entry per letter, its first line led by the hidden marker
    assert [(m.group(2) if m else None) for m in found] == ["0", "1"]
    assert found[0] is not None
    nonce = found[0].group(1)
    assert all(nonce not in text for text in texts(whole))  # hidden: never printed
    assert [(p.start, p.stop) for p in split(whole, 2, nonce) or []] == [(0, 1), (1, 3)]
    assert split(whole, 3, nonce) is None  # a letter without its marker
    assert split(whole, 2, "SJ000000000000") is None  # another conversion's markers
    assert split(conv.convert(persetujuan(3).docx, "x"), 1, nonce) is None  # no outline
    assert split(b"not a pdf", 1, nonce) is None


def test_the_feeder_stays_a_bounded_window_ahead(conv: Converter) -> None:
    """A 150-letter run never holds more than a window of letters read but not yet
    handed back: the generator is not drained ahead of the consumer."""
    doc = persetujuan(1)
    made = [0]

    def gen() -> Iterator[tuple[str, bytes]]:
        for i in range(150):
            made[0] += 1
            yield (f"surat {i}", doc.docx)

    ahead = []
    for got, _ in enumerate(conv.imap_pages(gen(), join=25), start=1):
        ahead.append(made[0] - got)
    assert made[0] == 150
    assert max(ahead) <= max(WINDOW, 2 * 25 + 4 * conv.workers)


def test_a_pack_keeps_each_letter_with_its_outline_entry_and_copies(
    conv: Converter, tmp_path: Path
) -> None:
    """20 letters of 1 to 3 pages and two copies each, through print_pack as a
    batch prints them: each letter's pages are its own, in the outline once,
    and each copy repeats exactly its letter's pages under the stamp."""
    sizes = [2, 14, 2, 30, 2] * 4
    docs = [persetujuan(i, n) for i, n in enumerate(sizes, start=1)]
    out = tmp_path / "cetak.pdf"
    result = surat.print_pack(docs, out, converter=conv)
    alone = conv.convert_many(docs)
    reader = PdfReader(out)
    outline = reader.outline
    entries = [e for e in outline if not isinstance(e, list)]
    assert [str(e.title) for e in entries] == [d.label for d in docs]
    pages = [p.extract_text() for p in reader.pages]
    for n, (doc, pdf) in enumerate(zip(docs, alone, strict=True)):
        own = texts(pdf)
        start = reader.get_destination_page_number(entries[n])
        assert pages[start : start + len(own)] == own, doc.label
        copies = outline[outline.index(entries[n]) + 1]
        assert isinstance(copies, list) and len(copies) == len(doc.tembusan) == 2
        for copy, recipient in zip(copies, doc.tembusan, strict=True):
            assert str(copy.title) == f"TEMBUSAN: {recipient}"
            first = reader.get_destination_page_number(copy)
            for k, text in enumerate(own):
                stamped = pages[first + k]
                assert "TEMBUSAN" in stamped and recipient[:20] in stamped
                assert all(line in stamped for line in text.splitlines()), doc.label
    assert result.letters == 20 and result.copies == 40
    assert result.pages == 3 * sum(len(texts(p)) for p in alone)


def test_a_prepared_letter_shows_nothing_of_its_text() -> None:
    doc = persetujuan(1)
    piece = prepare(offline_parts(read_parts(doc.docx, doc.label)))
    assert piece is not None
    name = "Pendamping 0 surat 1"  # a person's name the letter prints
    assert name.encode() in piece.parts["word/document.xml"]
    assert name not in repr(piece) and "document.xml" not in repr(piece)
