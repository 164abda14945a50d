"""The surat rujukan (surat.letters.rujukan): its checks, its number, its page."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from referensi_support import seed_books

import surat
from surat import SuratError
from surat.cli import main
from surat.letters import build_context, example_data, validate
from surat.letters.rujukan import KEPERLUAN
from surat.privacy import find_personal

NOMOR = "005/DP3A-PP-KB/PPA/XI/2026"
OFFICE = surat.Office.default()


def lines(pdf: bytes) -> list[list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [
        [x.strip() for x in (p.extract_text() or "").splitlines() if x.strip()]
        for p in reader.pages
    ]


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return surat.render("rujukan", example_data("rujukan"), nomor=NOMOR).pdf()


def test_the_kind_leaves_the_office_numbered_and_signed() -> None:
    spec = surat.letters.kind("rujukan")
    assert (spec.numbered, spec.privasi, spec.signable) == (True, "keluar", True)
    assert "rujukan" in surat.letters.KELUAR


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"keperluan": ["Pijat Refleksi"]}, "keperluan.0"),
        ({"keperluan": []}, "keperluan"),
        (
            {"keperluan": ["Bantuan Hukum", "Bantuan Hukum"]},
            "keperluan: setiap keperluan sekali saja",
        ),
        ({"kepada": None}, "kepada"),
        ({"jadwal": None}, "jam: jam memerlukan harinya"),
        ({"keterangan": "x" * 601}, "keterangan"),
        ({"narahubung": {"nama": "Rina", "telepon": "satu dua"}}, "narahubung.telepon"),
        ({"tugas": {"nomor": "002/X/XI/2026", "tanggal": "2026-11-25"}}, "tugas.tanggal"),
        ({"korban": {"nama": "Putri Ayu Lestari"}}, "korban.nomor_registrasi"),
    ],
)
def test_bad_data_names_the_field_never_the_value(change: dict[str, object], field: str) -> None:
    data = {**example_data("rujukan"), **change}
    with pytest.raises(SuratError, match=field) as err:
        validate("rujukan", data)
    assert find_personal(str(err.value), example_data("rujukan")) == []
    assert "Pijat" not in str(err.value) and "satu dua" not in str(err.value)


def test_a_referral_needs_a_number() -> None:
    with pytest.raises(SuratError, match="nomor: surat rujukan memerlukan nomor"):
        surat.render("rujukan", example_data("rujukan"))


def test_several_referrals_of_one_case_each_take_the_next_number(register_db: str) -> None:
    """Police, hospital, psychologist: one case, three numbers in the outgoing book,
    each tied to the case, none naming the victim."""
    data = example_data("rujukan")
    del data["tanggal"], data["tugas"]
    targets = [
        ("Kanit PPA Satreskrim Polresta Barelang", ["Pemeriksaan (BAP)"]),
        ("Direktur RSUD Embung Fatimah Kota Batam", ["Visum et Repertum"]),
        ("Psikolog Klinis Biro Psikologi Harapan", ["Konsultasi Psikologis"]),
    ]
    with surat.Register(register_db, office=OFFICE) as reg:
        numbers = []
        for kepada, keperluan in targets:
            model = validate("rujukan", {**data, "kepada": kepada, "keperluan": keperluan})
            n = reg.issue(**model.agenda(OFFICE))
            doc = surat.render("rujukan", model, nomor=n)
            assert doc.nomor == str(n)
            numbers.append(n)
        entries = reg.entries(tahun=None, nomor_registrasi="001/REG-PPA/XI/2026")
    assert [n.urut for n in numbers] == [1, 2, 3]
    assert [e.nomor for e in entries] == [str(n) for n in numbers]
    assert all("/PPA/" in e.nomor for e in entries)
    assert [e.perihal for e in entries] == [
        "Rujukan Pemeriksaan (BAP)",
        "Rujukan Visum et Repertum",
        "Rujukan Konsultasi Psikologis",
    ]
    assert [e.tujuan for e in entries] == [t for t, _ in targets]
    every = [(e.nomor, e.perihal, e.tujuan, e.nomor_registrasi) for e in entries]
    assert find_personal(repr(entries) + str(every), data) == []


def test_the_page_read_back_from_the_pdf(pdf: bytes) -> None:
    pages = lines(pdf)
    assert len(pages) == 1
    text = " ".join(" ".join(" ".join(p) for p in pages).split())
    for expected in (
        f"Nomor : {NOMOR}",
        "Sifat : Rahasia",
        "Lampiran : -",
        "Hal : Rujukan Visum et Repertum",
        "Batam, 24 November 2026",
        "Yth. Direktur RSUD Embung Fatimah Kota Batam",
        "klien dengan inisial P.A.L. (Nomor Registrasi 001/REG-PPA/XI/2026)",
        "1. pemeriksaan kesehatan dan pembuatan visum et repertum",
        "2. pemeriksaan dan perawatan kesehatan",
        "Kamis, 26 November 2026 pukul 09.00 WIB",
        "Surat Tugas Nomor 002/DP3A-PP-KB/PPA/XI/2026 tanggal 23 November 2026",
        "1. Rina Marlina, S.Psi. (Analis Perlindungan Anak)",
        "disampaikan secara langsung oleh pendamping",
        "telepon 0812-7000-5678",
        "Kepala Dinas Pemberdayaan Perempuan",
        "UMIYATI, SE",
        "Kabid",  # the paraf table
        "Tembusan: Arsip",
    ):
        assert expected in text, expected
    for page in pages:  # RAHASIA at the top and the bottom of every page
        assert page[0] == "RAHASIA" and page[-1] == "RAHASIA Paraf"


def test_no_identity_in_the_letter_its_copies_or_its_metadata(tmp_path: Path) -> None:
    data = example_data("rujukan")
    data["tembusan"] = ["Kanit PPA Satreskrim Polresta Barelang"]
    doc = surat.render("rujukan", data, nomor=NOMOR)
    assert "P.A.L." in doc.text()
    assert find_personal(doc.text(), data) == []
    ctx = build_context("rujukan", validate("rujukan", data), OFFICE, tanggal=doc.tanggal)
    assert "Lestari" not in repr(ctx) and "Putri Ayu" not in repr(ctx)
    pack = tmp_path / "rujukan.pdf"
    surat.print_pack([doc], pack)
    reader = PdfReader(pack)
    assert len(reader.pages) == 3  # the original, the Kanit's copy, the Arsip copy
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    assert text.count("P.A.L.") == 3 and "TEMBUSAN" in text
    assert find_personal(text, data) == []
    assert find_personal(str(reader.metadata), data) == []
    single = PdfReader(io.BytesIO(doc.pdf()))
    assert find_personal(str(single.metadata), data) == []


def test_surat_buat_rujukan_takes_its_number(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "rujukan.json"
    assert main(["contoh", "rujukan", "-o", str(src)]) == 0
    db = str(tmp_path / "agenda.db")
    out_pdf = tmp_path / "r.pdf"
    capsys.readouterr()
    with surat.Register(db) as reg:  # the case the referral cites
        seed_books(reg, kasus=1)
    code = main(["buat", "rujukan", str(src), "-o", str(out_pdf), "--db", db])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.strip() == "001/DP3A-PP-KB/PPA/XI/2026"
    text = " ".join(" ".join(p) for p in lines(out_pdf.read_bytes()))
    assert "Nomor : 001/DP3A-PP-KB/PPA/XI/2026" in text and "P.A.L." in text
    assert find_personal(text + out + err, json.loads(src.read_text())) == []


def test_foreign_terms_in_italics_in_the_subject_the_list_and_the_note() -> None:
    data = example_data("rujukan")
    data["keperluan"] = ["Visum et Repertum", "Penempatan di Rumah Aman"]
    data["keterangan"] = "Mohon pemeriksaan visum et repertum atas memar di lengan kiri."
    document = docx.Document(io.BytesIO(surat.render("rujukan", data, nomor=NOMOR).docx))
    runs = [
        (r.text, bool(r.italic))
        for p in [*document.paragraphs, *(p for t in document.tables for c in t._cells
                                          for p in c.paragraphs)]
        for r in p.runs
        if r.text.strip()
    ]  # fmt: skip
    assert ("Visum et Repertum", True) in runs  # Hal
    assert runs.count(("visum et repertum", True)) == 2  # the list and the note
    assert ("shelter", True) in runs and ("Mohon pemeriksaan ", False) in runs


def test_a_long_referral_carries_rahasia_on_every_page() -> None:
    data = example_data("rujukan")
    data["keterangan"] = ("Pemeriksaan memar pada lengan kiri akibat kejadian. " * 12)[:600]
    data["keperluan"] = list(KEPERLUAN)
    data["pendamping"] = data["pendamping"] * 4
    data["tembusan"] = ["Kapolresta Barelang", "Kanit PPA Satreskrim Polresta Barelang"]
    pages = lines(surat.render("rujukan", data, nomor=NOMOR).pdf())
    assert len(pages) == 2
    for i, page in enumerate(pages):
        assert page[0] == "RAHASIA", i
        assert page[-1] == ("RAHASIA Paraf" if i == 0 else "RAHASIA - 2 - Paraf"), i
    text = " ".join(" ".join(p) for p in pages)
    assert "UMIYATI, SE" in " ".join(pages[-1])  # the signature never alone on a page
    assert "3. Arsip" in text and "P.A.L." in text and "Lestari" not in text
