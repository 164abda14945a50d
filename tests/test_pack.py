"""Print packs read back with pypdf: pages, stamps, outline, duplex, encryption, metadata."""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document as _Docx
from docx.enum.text import WD_BREAK
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

import surat
from surat.pack import STAMP_TITLE
from surat.pdf import Converter

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")

KEPALA = "Kepala DP3A-PP-KB Kota Batam"
OFFICE = surat.Office.default()


def make_docx(text: str, pages: int = 1) -> bytes:
    d = _Docx()
    d.core_properties.author = "python-docx"  # what an unconfigured template carries
    for page in range(pages):
        p = d.add_paragraph(f"{text} halaman {page + 1}")
        if page < pages - 1:
            p.add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph("Ketua P2TP2A Kota Batam")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def letter(i: int, pages: int = 1, tembusan: tuple[str, ...] = (KEPALA, "Arsip")) -> surat.Document:
    return surat.Document(
        docx=make_docx(f"Surat {i}", pages),
        kind="persetujuan",
        nomor=f"{i:03d}/DP3A-PP-KB/PPA/XI/2026",
        tembusan=tembusan,
        judul="Surat Persetujuan Pendampingan",
        office=OFFICE,
    )


def texts(path: Path, password: str | None = None) -> list[str]:
    reader = PdfReader(path)
    if password is not None:
        reader.decrypt(password)
    return [p.extract_text() for p in reader.pages]


@pytest.fixture(scope="module")
def conv() -> Iterator[Converter]:
    with Converter(workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def pack(conv: Converter, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """Three letters (1, 2 and 1 pages), each with two tembusan."""
    out = tmp_path_factory.mktemp("pack") / "cetak.pdf"
    docs = [letter(1), letter(2, pages=2), letter(3)]
    return out, surat.print_pack(docs, out, converter=conv)


def test_pages_are_originals_then_one_copy_per_recipient(pack: tuple[Path, Any]) -> None:
    out, result = pack
    pages = texts(out)
    assert len(pages) == result.pages == (1 + 2 + 1) * (1 + 2)
    assert (result.letters, result.copies) == (3, 6)
    expected = []
    for i, n in ((1, 1), (2, 2), (3, 1)):
        for copy in (None, KEPALA, "Arsip"):
            expected += [(f"Surat {i} halaman {k + 1}", copy) for k in range(n)]
    for text, (body, copy) in zip(pages, expected, strict=True):
        assert body in text
        assert "Ketua P2TP2A" in text or "halaman 1" in text
        if copy is None:  # the original carries no stamp
            assert STAMP_TITLE not in text and KEPALA not in text
        else:
            assert STAMP_TITLE in text and copy in text


def test_outline_has_one_entry_per_letter_with_its_copies(pack: tuple[Path, Any]) -> None:
    out, _ = pack
    reader = PdfReader(out)
    outline = reader.outline
    tops = [o for o in outline if not isinstance(o, list)]
    kids = [o for o in outline if isinstance(o, list)]
    assert [t.title for t in tops] == [
        f"{i:03d}/DP3A-PP-KB/PPA/XI/2026 — Surat Persetujuan Pendampingan" for i in (1, 2, 3)
    ]
    assert [[k.title for k in group] for group in kids] == [
        [f"TEMBUSAN: {KEPALA}", "TEMBUSAN: Arsip"]
    ] * 3
    starts = [reader.get_destination_page_number(t) for t in tops]
    assert starts == [0, 3, 9]
    assert [reader.get_destination_page_number(k) for k in kids[1]] == [5, 7]


def test_metadata_names_the_office_and_surat_only(pack: tuple[Path, Any]) -> None:
    out, _ = pack
    meta = PdfReader(out).metadata
    assert meta is not None
    assert meta.author == OFFICE.nama
    assert meta.producer == "surat" and meta.creator == "surat"
    values = " ".join(str(v) for v in meta.values())
    for leak in ("python-docx", "LibreOffice", "Writer", os.environ.get("USER") or "root"):
        assert leak not in values
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_the_stamp_lives_only_on_the_copies(pack: tuple[Path, Any]) -> None:
    out, _ = pack
    reader = PdfReader(out)

    def contents(i: int) -> list[bytes]:
        c = reader.pages[i]["/Contents"].get_object()
        items = c if isinstance(c, list) else [c]
        return [x.get_object().get_data() for x in items]

    def xobjects(i: int) -> set[str]:
        res = reader.pages[i]["/Resources"].get_object()
        return set(res.get("/XObject", {}))

    # originals: their own content, no stamp resource, no band
    for i in (0, 3, 4, 9):
        assert "/SuratTembusan" not in xobjects(i)
        assert not any(b"SuratTembusan" in c for c in contents(i))
    for i in (1, 2, 5, 6, 7, 8, 10, 11):
        assert "/SuratTembusan" in xobjects(i)
        assert any(b"/SuratTembusan Do" in c for c in contents(i))
    # byte-identical letter content may be stored once (read only); the stamp is apart
    assert contents(1)[1:-1] == contents(0)


def test_copies_override_and_no_copies(conv: Converter, tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    r = surat.print_pack([letter(1), letter(2)], out, copies=["Inspektorat"], converter=conv)
    pages = texts(out)
    assert r.pages == len(pages) == 2 * 2
    assert ["Inspektorat" in t for t in pages] == [False, True, False, True]
    assert not any(KEPALA in t for t in pages)
    r = surat.print_pack([letter(1)], out, copies=[], converter=conv)
    assert r.pages == 1 and STAMP_TITLE not in texts(out)[0]


def test_duplex_pads_each_original_and_copy(conv: Converter, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    docs = [letter(1, tembusan=(KEPALA,)), letter(2, pages=2, tembusan=(KEPALA,))]
    r = surat.print_pack(docs, out, duplex=True, converter=conv)
    pages = texts(out)
    # 1 page -> padded to 2, twice; 2 pages stay 2, twice
    assert r.pages == len(pages) == 2 + 2 + 2 + 2
    assert [bool(t.strip()) for t in pages] == [True, False, True, False, True, True, True, True]


def test_encrypted_pack_opens_only_with_the_password(conv: Converter, tmp_path: Path) -> None:
    out = tmp_path / "rahasia.pdf"
    surat.print_pack([letter(1)], out, encrypt="s3rahasia", converter=conv)
    reader = PdfReader(out)
    assert reader.is_encrypted
    assert reader.trailer["/Encrypt"]["/V"] == 5  # AES-256
    with pytest.raises(FileNotDecryptedError):
        _ = reader.pages[0].extract_text()
    wrong = PdfReader(out)
    assert not wrong.decrypt("salah")
    assert "Surat 1" in texts(out, "s3rahasia")[0]
    assert b"Surat 1" not in out.read_bytes()


def test_a_failing_letter_names_itself_and_leaves_no_file(conv: Converter, tmp_path: Path) -> None:
    out = tmp_path / "cetak.pdf"
    bad = surat.Document(
        docx=b"PK\x03\x04 broken", kind="persetujuan", nomor="002/DP3A-PP-KB/PPA/XI/2026"
    )
    with pytest.raises(surat.SuratError, match="002/DP3A-PP-KB/PPA/XI/2026 — persetujuan"):
        surat.print_pack([letter(1), bad, letter(3)], out, converter=conv)
    assert list(tmp_path.iterdir()) == []


def test_bad_arguments_are_refused_before_any_work(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    with pytest.raises(surat.SuratError, match="copies: daftar penerima"):
        surat.print_pack([letter(1)], out, copies="Arsip")  # type: ignore[arg-type]
    with pytest.raises(surat.SuratError, match="PDF/A tidak mengizinkan enkripsi"):
        surat.print_pack([letter(1)], out, encrypt="x", pdfa=True)
    with pytest.raises(surat.SuratError, match="tidak ada"):
        surat.print_pack([letter(1)], tmp_path / "nope" / "x.pdf")
    assert not out.exists()


def _fonts(reader: PdfReader) -> Iterator[Any]:
    seen: set[int] = set()

    def walk(res: Any) -> Iterator[Any]:
        res = res.get_object() if res is not None else None
        if not res:
            return
        for font in (res.get("/Font") or {}).values():
            font = font.get_object()
            if id(font) not in seen:
                seen.add(id(font))
                yield font
        for xo in (res.get("/XObject") or {}).values():
            xo = xo.get_object()
            if xo.get("/Subtype") == "/Form":
                yield from walk(xo.get("/Resources"))

    for page in reader.pages:
        yield from walk(page.get("/Resources"))


def test_pdfa_pack_embeds_every_font_including_the_stamp(conv: Converter, tmp_path: Path) -> None:
    out = tmp_path / "arsip.pdf"
    surat.print_pack([letter(1), letter(2)], out, pdfa=True, duplex=True, converter=conv)
    reader = PdfReader(out, strict=True)
    check = subprocess.run(["pdffonts", str(out)], capture_output=True, check=False)
    assert check.returncode == 0 and check.stderr == b""  # poppler finds nothing broken
    fonts = list(_fonts(reader))
    assert fonts
    for font in fonts:
        descendants = font.get("/DescendantFonts")
        target = descendants[0].get_object() if descendants else font
        desc = target["/FontDescriptor"].get_object()
        assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
    xmp = reader.root_object["/Metadata"].get_object()
    assert "/Filter" not in xmp
    data = xmp.get_data()
    assert b"<pdfaid:part>2</pdfaid:part>" in data and b"<pdfaid:conformance>B" in data
    assert b"LibreOffice" not in data
    assert "/OutputIntents" in reader.root_object
    assert len(reader.trailer["/ID"]) == 2  # PDF/A wants the file identifier
    assert "/Encrypt" not in reader.trailer
    pages = [p.extract_text() for p in reader.pages]
    assert sum(STAMP_TITLE in t for t in pages) == 4  # two letters x two copies, padded
    assert len(pages) == 2 * 3 + 2 * 3
