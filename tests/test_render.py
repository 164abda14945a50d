"""Rendering: every kind to PDF, hostile values, strict fields, the shipped templates
(they match their build script) and an office's own ones (they work safely).

LibreOffice starts once for the whole module: every document that needs a PDF
is rendered first and converted by one warm surat.pdf.Converter.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from docxtpl import DocxTemplate
from hostile.template_files import office_template
from jinja2 import Environment
from lxml import etree
from pypdf import PdfReader

import surat
from surat import letters, render
from surat.errors import SuratError
from surat.letters import KINDS, example_data
from surat.pdf import Converter
from surat.templating.engine import TEMPLATES
from surat.templating.filters import FILTERS
from surat.templating.inspect import check_template, copy_template, template_fields
from tools import build_templates as build

NOMOR = "001/DP3A-PP-KB/PPA/XI/2026"
OFFICE = surat.Office.default()

HOSTILE = {
    "amp": "PT Maju & Jaya <Tbk> \"Ibu\" 'Bapak'",
    "tag": "Tom & Jerry <b>",
    "jinja": "{{ x }} {% if %} {# c #}",
    "docxtpl": "{_{ a }_} {_% b %_}",
    "arab": "مرحبا بالعالم",
    "emoji": "Pendamping 👩‍⚕️🧒",
}


def to_pdfs(docs: dict[str, bytes]) -> dict[str, bytes]:
    """Convert several .docx with one warm LibreOffice (surat.pdf checks every output)."""
    with Converter(workers=1) as conv:
        pdfs = conv.convert_many(list(docs.items()))
    return dict(zip(docs, pdfs, strict=True))


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def page_size(pdf: bytes) -> tuple[int, int]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return round(float(page.mediabox.width)), round(float(page.mediabox.height))


def all_xml(docx_bytes: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        return " ".join(
            z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")
        )


def structure(path_or_bytes: Path | bytes) -> bytes:
    source = path_or_bytes if isinstance(path_or_bytes, bytes) else path_or_bytes.read_bytes()
    d = docx.Document(io.BytesIO(source))
    parts = [d.element.body]
    for section in d.sections:
        parts += [section.footer._element, section.first_page_footer._element]
        parts += [section.header._element, section.first_page_header._element]
    return b"".join(bytes(etree.tostring(p, method="c14n")) for p in parts)


def hostile_persetujuan() -> dict[str, Any]:
    data = example_data("persetujuan")
    data["kepada"] = HOSTILE["amp"]
    data["di"] = HOSTILE["tag"]
    data["permohonan"]["nomor_agenda"] = HOSTILE["docxtpl"]
    data["pendamping"][0]["nama"] = HOSTILE["jinja"]
    data["pendamping"][0]["jabatan"] = HOSTILE["arab"]
    data["pendamping"][1]["jabatan"] = HOSTILE["emoji"]
    data["tembusan"] = ["Kapolresta\x01 Barelang\x0c", "Unit\tPPA"]
    return data


def example_doc(kind: str, office: surat.Office | None = None) -> surat.Document:
    nomor = NOMOR if kind in letters.NUMBERED else None
    return render(kind, example_data(kind), office=office, nomor=nomor)


@pytest.fixture(scope="module")
def docs() -> dict[str, surat.Document]:
    out = {kind: example_doc(kind) for kind in KINDS}
    f4 = OFFICE.model_copy(
        update={
            "kertas": "F4",
            "telepon": "(0778) 000000",
            "email": "dp3appkb@batam.go.id",
            "laman": "dp3appkb.batam.go.id",
        }
    )
    out["tugas-f4"] = example_doc("tugas", f4)  # on the office's own letterhead
    out["hostile"] = render("persetujuan", hostile_persetujuan(), nomor=NOMOR)
    bare = example_data("permohonan")  # no agenda number yet, no perpetrator
    del bare["nomor_agenda"], bare["terlapor"], bare["tanggal_diterima"]
    bare["pelapor"]["tanggal_lahir"] = "2010-01-05"  # a child reporter: a guardian co-signs
    bare["wali"] = {"nama": "Slamet Riyadi", "hubungan": "Paman"}
    out["permohonan-bare"] = render("permohonan", bare)
    many = example_data("tugas")  # fourteen companions: a Lampiran page, so two pages
    many["pendamping"] = [
        {"nama": f"Pendamping {i:02d}", "jabatan": "Pendamping P2TP2A"} for i in range(14)
    ]
    out["tugas-lampiran"] = render("tugas", many, nomor=NOMOR)
    return out


@pytest.fixture(scope="module")
def pdfs(docs: dict[str, surat.Document]) -> dict[str, bytes]:
    return to_pdfs({name: d.docx for name, d in docs.items()})


def text_of(pdfs: dict[str, bytes], name: str) -> str:
    return pdf_text(pdfs[name])


# -- every kind through LibreOffice ------------------------------------------------


def test_persetujuan_pdf(pdfs: dict[str, bytes]) -> None:
    text = text_of(pdfs, "persetujuan")
    for expected in (
        "PEMERINTAH KOTA BATAM",
        f"Nomor : {NOMOR}",
        "Batam, 22 November 2026",
        "Sifat : Rahasia",
        "Hal : Persetujuan Pendampingan",
        "Yth. Sdr. Pelapor",
        "tanggal 16 November 2026",
        "014/SM/2026",
        "berinisial P.A.L.",
        "001/REG-PPA/XI/2026",
        "Rina Marlina, S.Psi.",
        "Hendra Gunawan, S.H.",
        "Pendampingan Psikologis",
        "Ketua P2TP2A Kota Batam,",
        "Kasi PHA",
        "Tembusan:",
        "1. Kepala Dinas Pemberdayaan Perempuan",
        "2. Arsip",
    ):
        assert expected in text, expected
    assert "Lestari" not in text and "Putri Ayu" not in text
    assert page_size(pdfs["persetujuan"]) == (595, 842)


def test_tugas_pdf(pdfs: dict[str, bytes]) -> None:
    text = text_of(pdfs, "tugas")
    for expected in (
        "SURAT TUGAS",
        f"NOMOR: {NOMOR}",
        "Undang-Undang Nomor 35 Tahun 2014",
        "Peraturan Daerah Kota Batam Nomor 2 Tahun 2016",
        "Surat Persetujuan Pendampingan Nomor 001/DP3A-PP-KB/PPA/XI/2026",
        "M E N U G A S K A N",
        "Rina Marlina, S.Psi. NIP. 19870512 201001 2 003 Penata (III/c)",
        "Sifat: Rahasia",
        "Hendra Gunawan",
        "berinisial P.A.L.",
        "Unit PPA Polresta Barelang, Rabu, 25 November 2026 pukul 09.00 WIB",
        "Batam, 23 November 2026",
        "UMIYATI, SE",
        "NIP. 19621027 198503 2 006",
        "Kabid",
        "Tembusan: Arsip",  # one copy: tidak bernomor
    ):
        assert expected in text, expected
    assert "1. Arsip" not in text
    assert "Nomor 23 Tahun 2004" not in text  # the perpetrator is a neighbour: no PKDRT
    assert "Lestari" not in text and "Putri Ayu" not in text
    assert page_size(pdfs["tugas"]) == (595, 842)
    assert len(PdfReader(io.BytesIO(pdfs["tugas"])).pages) == 1


def test_konseling_pdf(pdfs: dict[str, bytes]) -> None:
    text = text_of(pdfs, "konseling")
    for expected in (
        "LAPORAN HASIL KONSELING KASUS",
        "RAHASIA",
        "Inisial : P.A.L.",
        "001/REG-PPA/XI/2026",
        "Umur : 9 tahun",  # on the session date, 17 November 2026
        "Selasa, 17 November 2026",
        "10.00 – 11.00 WIB",
        "Dewi Kartika, S.Psi.",
        "dikonsultasikan terlebih dahulu kepada psikolog",
        "Mengetahui,",
        "Kepala Bidang Pencegahan dan Penanganan Korban Kekerasan,",
        "Batam, 18 November 2026",
        "Kasi PHA",
    ):
        assert expected in text, expected
    assert "Kabid" not in text  # signs "Mengetahui": never in the paraf table as well
    assert "Lestari" not in text and "Putri Ayu" not in text
    assert page_size(pdfs["konseling"]) == (595, 842)
    pages = PdfReader(io.BytesIO(pdfs["konseling"])).pages
    assert len(pages) == 2
    assert "- 1 -" not in (pages[0].extract_text() or "")  # no number on the first page
    # every page: RAHASIA and the drafter's paraf box in the footer, the number from page 2
    assert (pages[0].extract_text() or "").rstrip().endswith("RAHASIA Paraf")
    assert (pages[1].extract_text() or "").rstrip().endswith("RAHASIA - 2 - Paraf")


def test_disposisi_pdf(pdfs: dict[str, bytes]) -> None:
    text = text_of(pdfs, "disposisi")
    for expected in (
        "PEMERINTAH KOTA BATAM",
        "LEMBAR DISPOSISI",
        "Surat dari : Sri Wahyuningsih (pelapor)",
        "Diterima tanggal : 16 November 2026",
        "Nomor agenda : 014/SM/2026",
        "Hal : Permohonan Pendampingan Kasus",
        "Nomor Registrasi 001/REG-PPA/XI/2026, korban P.A.L.",
        "Diteruskan kepada Sdr.:",
        "Dengan hormat harap:",
        "√ Rahasia",
        "√ Staf Seksi PHA",
        "√ Proses lebih lanjut",
        "√ Koordinasikan",
        "Catatan:",
        "Diselesaikan tanggal: 20 November 2026",
        "Batam, 16 November 2026",
        "Kasi PHA,",
        "Paraf",
    ):
        assert expected in text, expected
    assert "√ Biasa" not in text and "√ Arsip" not in text
    assert "Ketua P2TP2A" not in text and "Kabid" not in text  # never up
    assert "Lestari" not in text and "Putri Ayu" not in text
    assert len(PdfReader(io.BytesIO(pdfs["disposisi"])).pages) == 1


def page_lines(pdf: bytes) -> list[list[str]]:
    """The non-empty lines of each page."""
    reader = PdfReader(io.BytesIO(pdf))
    return [[x.strip() for x in (p.extract_text() or "").splitlines() if x.strip()]
            for p in reader.pages]  # fmt: skip


@pytest.mark.parametrize("name", ["persetujuan", "tugas", "konseling", "tugas-lampiran"])
def test_rahasia_at_the_top_and_bottom_of_every_page(pdfs: dict[str, bytes], name: str) -> None:
    pages = page_lines(pdfs[name])
    assert len(pages) >= (2 if name in ("konseling", "tugas-lampiran") else 1)
    for i, lines in enumerate(pages):
        assert lines[0] == "RAHASIA", (name, i)  # the header, above the kop on page 1
        assert lines[-1].startswith("RAHASIA"), (name, i)  # the footer
        assert lines[-1] == ("RAHASIA Paraf" if i == 0 else f"RAHASIA - {i + 1} - Paraf")


def test_the_rahasia_line_sits_below_the_copy_stamp(
    docs: dict[str, surat.Document], tmp_path: Path
) -> None:
    """On a copy of a print pack the TEMBUSAN stamp takes the top 14 mm: the header's
    RAHASIA is printed under it, never across it."""
    import subprocess

    from surat.pack.stamp import STAMP_HEIGHT_MM

    with Converter(workers=1) as conv:
        surat.print_pack([docs["persetujuan"]], tmp_path / "cetak.pdf", converter=conv)
    assert len(PdfReader(tmp_path / "cetak.pdf").pages) == 3  # the letter, two copies
    # poppler's word boxes, in points from the top of each page
    boxes = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "cetak.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout  # fmt: skip
    mm = 25.4 / 72
    for n, page in enumerate(boxes.split("<page ")[1:]):
        words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(\w+)<', page)
        rahasia = [(float(a) * mm, float(b) * mm) for a, b, w in words if w == "RAHASIA"]
        stamp = [(float(a) * mm, float(b) * mm) for a, b, w in words if w == "TEMBUSAN"]
        top = min(rahasia)  # the header's, above the kop
        assert top[0] >= STAMP_HEIGHT_MM, (n, top)  # under the stamp's strip
        assert bool(stamp) == (n > 0), n  # the copies are stamped
        for s in stamp:
            assert s[1] < top[0], (n, s, top)


def test_permohonan_pdf(pdfs: dict[str, bytes]) -> None:
    text = text_of(pdfs, "permohonan")
    for expected in (
        "Batam, 16 November 2026",
        "Diterima tgl. 16 November 2026 No. Agenda 014/SM/2026 Paraf penerima",
        "Perihal : Permohonan Pendampingan Kasus",
        "c.q. Kepala UPTD PPA Kota Batam",
        "Sri Wahyuningsih",
        "2171015708900001",
        "Tanjungpinang, 17 Agustus 1990",
        "Putri Ayu Lestari",  # the reporter's own letter: full identity
        "14 Maret 2017 (9 tahun)",
        "Fisik, Psikis",
        "dekat rumah oleh seorang tetangga.",
        "Kejadian serupa pernah terjadi",
        "Fotokopi Kartu Keluarga",
        "Hormat saya,",
    ):
        assert expected in text, expected
    assert "PEMERINTAH KOTA BATAM" not in text  # no office kop on a citizen's letter
    assert page_size(pdfs["permohonan"]) == (595, 842)


def test_permohonan_without_agenda_number_with_guardian(pdfs: dict[str, bytes]) -> None:
    text = text_of(pdfs, "permohonan-bare")
    assert "SM/2026" not in text and "Terduga pelaku" not in text
    assert "Diterima tgl. No. Agenda Paraf penerima" in text  # blanks, filled by hand
    assert "Mengetahui, Paman, Slamet Riyadi" in text
    assert "Hormat saya, Pelapor, Sri Wahyuningsih" in text


def test_every_table_cell_ends_with_a_paragraph(docs: dict[str, surat.Document]) -> None:
    """Word refuses a file whose table cell ends without a paragraph (an if that was false)."""
    for name, d in docs.items():
        with zipfile.ZipFile(io.BytesIO(d.docx)) as z:
            root = etree.fromstring(z.read("word/document.xml"))
        ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
        for tc in root.iterfind(".//w:tc", ns):
            assert tc[-1].tag == f"{{{ns['w']}}}p", name


def test_f4_paper_and_kop_contacts(pdfs: dict[str, bytes]) -> None:
    text = text_of(pdfs, "tugas-f4")
    assert (
        "Telepon (0778) 000000 · Pos-el dp3appkb@batam.go.id · Laman dp3appkb.batam.go.id" in text
    )
    assert "Telepon" not in text_of(pdfs, "tugas")  # no empty contact line
    page = PdfReader(io.BytesIO(pdfs["tugas-f4"])).pages[0]
    mm = 25.4 / 72
    assert float(page.mediabox.width) * mm == pytest.approx(215, abs=0.5)
    assert float(page.mediabox.height) * mm == pytest.approx(330, abs=0.5)


def test_hostile_values_print_exactly_as_typed(
    docs: dict[str, surat.Document], pdfs: dict[str, bytes]
) -> None:
    text = docs["hostile"].text()
    for value in HOSTILE.values():
        assert value in text, value
    assert "Kapolresta Barelang" in text  # control characters removed, nothing else
    assert "Unit\tPPA" in text  # a tab stays a tab
    pdf = text_of(pdfs, "hostile")
    for key in ("amp", "tag", "jinja", "docxtpl"):
        assert HOSTILE[key] in pdf, key
    # pypdf reads Arabic without its word space and emoji sequences in pieces:
    # the letters and the emoji are there (the PNG shows them drawn correctly)
    squeezed = "".join(pdf.split())
    assert "".join(HOSTILE["arab"].split()) in squeezed
    assert "🧒" in pdf
    # nothing after the hostile values was lost
    for expected in ("Ketua P2TP2A Kota Batam,", "3. Unit", "4. Arsip", "Kasi PHA"):
        assert expected in pdf, expected
    assert page_size(pdfs["hostile"]) == (595, 842)


def test_line_breaks_stay_in_their_paragraph(docs: dict[str, surat.Document]) -> None:
    d = docx.Document(io.BytesIO(docs["permohonan"].docx))
    paras = [p for p in d.paragraphs if "Sepulang mengaji" in p.text]
    assert len(paras) == 1
    assert paras[0].text.count("\n") == 2  # three lines, one paragraph
    assert paras[0]._p.xml.count("<w:br/>") == 2


# -- the autoescape regression -----------------------------------------------------


def test_autoescape_regression() -> None:
    """Plain docxtpl without autoescape loses text silently; surat.render never does."""
    data = example_data("persetujuan")
    data["kepada"] = "PT Maju & Jaya"
    data["di"] = "Tom & Jerry <b>"
    model = letters.validate("persetujuan", data)
    ctx = letters.build_context(
        "persetujuan", model, OFFICE, tanggal=date(2026, 11, 22), nomor=NOMOR
    )
    ctx["kop"]["logo"] = ""
    env = Environment()
    env.filters.update(FILTERS)
    tpl = DocxTemplate(str(TEMPLATES / "persetujuan.docx"))
    tpl.render(ctx, jinja_env=env)  # no autoescape: the hazard this module exists for
    out = io.BytesIO()
    tpl.save(out)
    broken = docx.Document(io.BytesIO(out.getvalue()))
    broken_text = "\n".join(p.text for p in broken.paragraphs)
    assert "PT Maju  Jaya" in broken_text  # '&' vanished
    assert "Tembusan" not in broken_text  # everything after '<b>' vanished
    assert len(broken.sections) == 0  # even the page setup

    good = render("persetujuan", data, nomor=NOMOR)
    text = good.text()
    assert "Yth. PT Maju & Jaya" in text
    assert "Tom & Jerry <b>" in text
    assert "Tembusan:" in text and "Ketua P2TP2A Kota Batam," in text
    sections = docx.Document(io.BytesIO(good.docx)).sections
    assert len(sections) == 1 and sections[0].page_width.mm == pytest.approx(210, abs=0.1)


# -- the contract --------------------------------------------------------------


def test_document_fields(docs: dict[str, surat.Document]) -> None:
    d = docs["persetujuan"]
    assert d.kind == "persetujuan" and d.nomor == NOMOR
    assert d.judul == "Surat Persetujuan Pendampingan"
    assert d.tembusan == (OFFICE.tembusan["persetujuan"][0], "Arsip")
    assert d.office == OFFICE
    assert docs["tugas"].tembusan == ("Arsip",)
    assert docs["permohonan"].nomor is None and docs["permohonan"].tembusan == ()
    assert docs["konseling"].judul == "Laporan Hasil Konseling Kasus"


@pytest.mark.parametrize("kind", ["persetujuan", "tugas", "disposisi"])
def test_full_name_is_nowhere_in_letters_that_leave(
    docs: dict[str, surat.Document], kind: str
) -> None:
    xml = all_xml(docs[kind].docx)
    assert "Lestari" not in xml and "Putri Ayu" not in xml
    assert "P.A.L." in xml


def test_konseling_full_name_only_when_asked() -> None:
    data = example_data("konseling")
    assert "Lestari" not in all_xml(render("konseling", data).docx)
    data["tampilkan_nama_lengkap"] = True
    text = render("konseling", data).text()
    assert "Putri Ayu Lestari" in text and "Inisial" not in text


@pytest.mark.parametrize("kind", ["persetujuan", "tugas"])
def test_numbered_kind_needs_a_number(kind: str) -> None:
    with pytest.raises(SuratError, match=f"nomor: surat {kind} memerlukan nomor"):
        render(kind, example_data(kind))
    with pytest.raises(SuratError, match="nomor: nomor surat kosong"):
        render(kind, example_data(kind), nomor="  ")


def test_unnumbered_kind_refuses_a_number() -> None:
    with pytest.raises(SuratError, match="tidak bernomor"):
        render("konseling", example_data("konseling"), nomor=NOMOR)


def test_date_comes_from_the_register_number() -> None:
    data = example_data("persetujuan")
    del data["tanggal"]
    n = surat.Nomor(nomor=NOMOR, urut=1, tanggal=date(2026, 12, 1))
    d = render("persetujuan", data, nomor=n)
    assert d.nomor == NOMOR
    assert "Batam, 1 Desember 2026" in d.text()
    data["tanggal"] = "2026-11-30"
    with pytest.raises(SuratError, match="tanggal: berbeda dengan tanggal nomor di buku agenda"):
        render("persetujuan", data, nomor=n)


def test_model_or_dict(docs: dict[str, surat.Document]) -> None:
    model = letters.validate("tugas", example_data("tugas"))
    assert render("tugas", model, nomor=NOMOR).text() == docs["tugas"].text()
    with pytest.raises(SuratError, match="Tugas atau dict diharapkan"):
        render("tugas", letters.validate("persetujuan", example_data("persetujuan")), nomor="1")


def test_invalid_data_lists_every_problem_without_values() -> None:
    data = example_data("persetujuan")
    data["korban"]["nomor_registrasi"] = ""
    data["pendamping"][1]["nip"] = "1234"
    data["layanan"] = ["Sihir"]
    with pytest.raises(SuratError) as err:
        render("persetujuan", data, nomor=NOMOR)
    msg = str(err.value)
    assert msg.startswith("persetujuan: 3 masalah")
    for path in ("korban.nomor_registrasi:", "pendamping.1.nip:", "layanan.0:"):
        assert path in msg
    assert "Sihir" not in msg and "1234" not in msg


def test_unknown_kind_or_path() -> None:
    with pytest.raises(SuratError, match=r"jenis surat .* atau jalur templat \.docx"):
        render("memo", {})
    with pytest.raises(SuratError, match="templat tidak ditemukan"):
        render("tidak-ada.docx", {})


def test_office_logo_replaces_the_placeholder(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "lambang.png"
    Image.new("RGB", (40, 50), (200, 30, 30)).save(logo)
    office = OFFICE.model_copy(update={"logo": logo})
    d = render("persetujuan", example_data("persetujuan"), office=office, nomor=NOMOR)
    with zipfile.ZipFile(io.BytesIO(d.docx)) as z:
        media = [z.read(n) for n in z.namelist() if n.startswith("word/media/")]
    assert media == [logo.read_bytes()]
    default = example_doc("persetujuan")
    with zipfile.ZipFile(io.BytesIO(default.docx)) as z:
        media = [z.read(n) for n in z.namelist() if n.startswith("word/media/")]
    assert media == [(TEMPLATES / "lambang.png").read_bytes()]
    with pytest.raises(SuratError, match=r"logo: .* tidak ditemukan"):
        render(
            "persetujuan",
            example_data("persetujuan"),
            office=OFFICE.model_copy(update={"logo": tmp_path / "none.png"}),
            nomor=NOMOR,
        )


def test_only_office_level_metadata(docs: dict[str, surat.Document]) -> None:
    props = docx.Document(io.BytesIO(docs["persetujuan"].docx)).core_properties
    assert props.author == OFFICE.nama and props.last_modified_by == ""
    assert props.title == "Surat Persetujuan Pendampingan"


def test_saved_file_is_private(tmp_path: Path, docs: dict[str, surat.Document]) -> None:
    path = docs["persetujuan"].save(tmp_path / "p.docx")
    assert path.stat().st_mode & 0o777 == 0o600
    assert re.search(rb"^PK", path.read_bytes())


# -- the shipped templates ------------------------------------------------------


def test_committed_templates_match_the_build_script(tmp_path: Path) -> None:
    assert set(build.BUILDERS) == {*KINDS, "kronologi", "laporan"}  # one builder each
    build.build(tmp_path, with_emblem=False)
    for kind in (*KINDS, "kronologi", "laporan"):
        committed = TEMPLATES / f"{kind}.docx"
        fresh = tmp_path / f"{kind}.docx"
        assert structure(committed) == structure(fresh), (
            f"{kind}.docx differs from its build script: run python tools/build_templates.py"
        )
        assert (
            docx.Document(str(committed)).core_properties.title
            == docx.Document(str(fresh)).core_properties.title
        )
    assert (TEMPLATES / "lambang.png").read_bytes().startswith(b"\x89PNG")


def test_fields_of_the_shipped_templates() -> None:
    fields = check_template(TEMPLATES / "persetujuan.docx")
    for f in (
        "korban.inisial",
        "korban.nomor_registrasi",
        "surat.nomor",
        "surat.tanggal_teks",
        "pendamping[].nama",
        "penandatangan.nama",
        "paraf[].jabatan",
        "kop.logo",
    ):
        assert f in fields
    assert not any(f.startswith("korban.nama") for f in fields)
    assert "loop.index" not in fields and "loop" not in fields
    assert "klien.inisial" in template_fields(TEMPLATES / "konseling.docx")


# -- an office's own template ---------------------------------------------------


def test_custom_template(tmp_path: Path) -> None:
    path = office_template(
        tmp_path,
        "Nomor {{ surat.nomor }}, {{ surat.tanggal_teks }}",
        "Kepada {{ penerima.nama }} & {{ penerima.alamat }}",
        "Dibayar {{ jumlah|rupiah }} ({{ jumlah|terbilang }} rupiah)"
        " pada {{ hari_h|tanggal_full }}",
        "{{ kop.pemerintah }} / {{ pejabat.kepala_dinas.nama }} / {{ pejabat.kepala_dinas.nip }}",
        "{%p for o in orang %}",
        "{{ loop.index }}. {{ o.nama }}",
        "{%p endfor %}",
    )
    d = render(
        path,
        {
            "tanggal": "2026-11-22",
            "penerima": {"nama": "PT Maju & Jaya", "alamat": "{{ x }}"},
            "jumlah": 1_500_000,
            "hari_h": "2026-11-23",
            "orang": [{"nama": "A <b>"}, {"nama": "B"}],
            "tembusan": ["Arsip"],
        },
        nomor="007/X/2026",
    )
    text = d.text()
    assert "Nomor 007/X/2026, Batam, 22 November 2026" in text
    assert "Kepada PT Maju & Jaya & {{ x }}" in text
    assert (
        "Dibayar Rp1.500.000,00 (satu juta lima ratus ribu rupiah) pada Senin, 23 November" in text
    )
    assert "PEMERINTAH KOTA BATAM / UMIYATI, SE / 19621027 198503 2 006" in text
    assert "1. A <b>" in text and "2. B" in text
    assert d.kind == "ours" and d.nomor == "007/X/2026" and d.tembusan == ("Arsip",)
    assert check_template(path) == [
        "hari_h",
        "jumlah",
        "kop.pemerintah",
        "orang[].nama",
        "pejabat.kepala_dinas.nama",
        "pejabat.kepala_dinas.nip",
        "penerima.alamat",
        "penerima.nama",
        "surat.nomor",
        "surat.tanggal_teks",
    ]


def test_missing_field_is_named(tmp_path: Path) -> None:
    path = office_template(tmp_path, "Kepada {{ penerima.nama }} di {{ penerima.kota }}")
    with pytest.raises(SuratError, match=r"ours\.docx: penerima\.kota: templat memerlukan"):
        render(path, {"penerima": {"nama": "Rahasia Sekali"}})
    with pytest.raises(SuratError, match=r"ours\.docx: penerima: templat memerlukan"):
        render(path, {})


def test_printing_an_empty_field_is_an_error_not_a_blank(tmp_path: Path) -> None:
    path = office_template(tmp_path, "Nama: {{ korban.nama }}", "{{ surat.nomor }}")
    with pytest.raises(SuratError, match=r"korban\.nama: templat mencetak isian ini tetapi"):
        render(path, {"korban": {"nama": None}}, nomor="1")
    with pytest.raises(SuratError, match=r"surat\.nomor: templat mencetak isian ini"):
        render(path, {"korban": {"nama": "X"}})
    guarded = office_template(tmp_path, "{% if catatan %}{{ catatan }}{% endif %}.", name="g.docx")
    assert render(guarded, {"catatan": None}).text().strip() == "."


def test_over_long_one_line_value_is_refused(tmp_path: Path) -> None:
    path = office_template(tmp_path, "{{ a.b }}")
    with pytest.raises(SuratError, match=r"a\.b: terlalu panjang untuk satu baris"):
        render(path, {"a": {"b": "x" * 10_000}})
    assert "x\nx" in render(path, {"a": {"b": "x\n" * 5}}).text()


def test_sandbox(tmp_path: Path) -> None:
    path = office_template(tmp_path, "{{ nama.__class__.__mro__ }}")
    with pytest.raises(SuratError, match=r"ours\.docx: templat tidak aman"):
        render(path, {"nama": "x"})
    path = office_template(tmp_path, "{{ daftar.append(1) }}", name="m.docx")
    with pytest.raises(SuratError, match=r"m\.docx: templat tidak aman"):
        render(path, {"daftar": []})


def test_error_messages_never_quote_values(tmp_path: Path) -> None:
    path = office_template(tmp_path, "{{ umur|terbilang }} {{ nik|nip }}")
    with pytest.raises(SuratError) as err:
        render(path, {"umur": "sembilan-RAHASIA", "nik": "2171015708900001"})
    assert "RAHASIA" not in str(err.value) and "2171" not in str(err.value)


def test_syntax_error_is_reported_with_nearby_text(tmp_path: Path) -> None:
    path = office_template(
        tmp_path,
        "Paragraf pembuka yang benar.",
        "Hal: {{ surat.hal }",
        "Paragraf penutup.",
    )
    with pytest.raises(SuratError, match=r"ours\.docx: galat sintaksis templat: .* near: «.*Hal:"):
        check_template(path)
    with pytest.raises(SuratError, match=r"ours\.docx: galat sintaksis templat"):
        render(path, {"surat": {"hal": "x"}})


def test_unknown_filter_is_reported(tmp_path: Path) -> None:
    path = office_template(tmp_path, "Tanggal {{ tgl|tanggalan }}")
    with pytest.raises(SuratError, match=r"No filter named 'tanggalan'.* near: «Tanggal"):
        check_template(path)


def test_not_a_docx(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(SuratError, match=r"bad\.docx: bukan berkas \.docx"):
        check_template(bad)
    with pytest.raises(SuratError, match=r"templat \.docx diharapkan"):
        check_template(tmp_path / "x.odt")


def test_copy_template(tmp_path: Path) -> None:
    target = copy_template("tugas", tmp_path)
    assert target == tmp_path / "tugas.docx"
    assert target.read_bytes() == (TEMPLATES / "tugas.docx").read_bytes()
    with pytest.raises(SuratError, match="sudah ada"):
        copy_template("tugas", tmp_path)
    assert copy_template("tugas", tmp_path, overwrite=True) == target
    with pytest.raises(SuratError, match="jenis: salah satu dari"):
        copy_template("memo", tmp_path)
    # a missing folder is made, owner-only
    made = copy_template("tugas", tmp_path / "kantor" / "templat")
    assert made.is_file() and (tmp_path / "kantor" / "templat").stat().st_mode & 0o077 == 0
    (tmp_path / "berkas").write_text("x", encoding="utf-8")
    with pytest.raises(SuratError, match="folder tidak dapat dibuat"):
        copy_template("tugas", tmp_path / "berkas" / "templat")
    # the copy renders like the original, as an office template
    d = render(target, {"tanggal": "2026-11-23"} | _tugas_context(), nomor="1")
    assert "SURAT TUGAS" in d.text()


def _tugas_context() -> dict[str, object]:
    model = letters.validate("tugas", example_data("tugas"))
    ctx = letters.build_context(
        "tugas", model, surat.Office.default(), tanggal=date(2026, 11, 23), nomor="1"
    )
    del ctx["kop"], ctx["surat"]
    return ctx


# -- the permohonan's attachments stay with its signature -------------------------------


def test_the_attachment_list_and_the_signature_are_one_unsplittable_row() -> None:
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(render("permohonan", example_data("permohonan")).docx)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    rows = [
        tr
        for tr in root.iterfind(".//w:tr", ns)
        if "Sebagai kelengkapan" in "".join(tr.itertext())
        and tr.getparent().getparent().tag != f"{{{ns['w']}}}tc"  # the outermost row
    ]
    assert len(rows) == 1
    text = "".join(rows[0].itertext())
    for part in ("Fotokopi KTP Pelapor", "Fotokopi Kartu Keluarga", "Demikian permohonan",
                 "Hormat saya,", "Sri Wahyuningsih"):  # fmt: skip
        assert part in text, part
    assert rows[0].find("w:trPr/w:cantSplit", ns) is not None


def test_the_attachment_list_never_sits_on_a_page_apart_from_the_signature() -> None:
    """Wherever the page breaks (the chronology one line longer each time), the list,
    the statement and the signatures are on one page."""
    docs = {}
    for n in range(0, 16, 2):
        data = example_data("permohonan")
        data["layanan"] = ["Kesehatan"]
        data["kronologi"] = "Kejadian singkat." + "".join(f"\nBaris {i}." for i in range(n))
        docs[f"n{n}"] = render("permohonan", data).docx
    for name, pdf in to_pdfs(docs).items():
        pages = [" ".join(p.split()) for p in (pg.extract_text() or "" for pg in
                                               PdfReader(io.BytesIO(pdf)).pages)]  # fmt: skip
        marks = ("Sebagai kelengkapan", "Fotokopi Kartu Keluarga", "Demikian permohonan",
                 "Hormat saya")  # fmt: skip
        where = {s: [i for i, p in enumerate(pages) if s in p] for s in marks}
        assert len({tuple(v) for v in where.values()}) == 1, (name, where)
