"""The buku kronologi of a case: its steps timed, a returned and a late one, its letters."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from sop_case import EXAMPLES, example_case

import surat
from surat import Register, SuratError
from surat.cli import main as cli
from surat.office import Penjabat
from surat.reports.kronologi import buku_kronologi


@pytest.fixture
def reg(register_db: str) -> Iterator[Register]:
    with Register(register_db) as r:
        yield r


def test_the_book_shows_every_step_its_times_role_and_outcome(reg: Register) -> None:
    nomor = example_case(reg)
    doc = buku_kronologi(reg, nomor, inisial="P.A.L.", tanggal=date(2026, 11, 30))
    text = doc.text()
    assert "BUKU KRONOLOGI KASUS" in text and nomor in text and "P.A.L." in text
    assert "Fisik, Psikis" in text
    assert "16-11-2026" in text and "09.10–10.25" in text  # step 2
    assert "[SOP 34/2] Staf menerima berkas" in text
    assert "Staf Penerima" in text and "Kasi PHA" in text and "Kabid" in text
    assert text.count("dikembalikan") >= 2  # the returned step 4 (and the SOP's own words)
    assert "75 menit" in text and "baku 60 menit" in text and "terlambat" in text
    assert "+15 menit" in text
    assert "8 langkah tercatat; 1 melewati mutu baku; 1 dikembalikan untuk diperbaiki." in text
    # the case's letters, in date order, with their numbers
    for n in ("001/SM/2026", "001/DP3A-PP-KB/PPA/XI/2026", "002/DP3A-PP-KB/PPA/XI/2026"):
        assert n in text
    assert text.index("001/SM/2026") < text.index("002/DP3A-PP-KB/PPA/XI/2026")
    assert "Lestari" not in text and "Wahyuningsih" not in text
    assert doc.kind == "kronologi" and doc.nomor is None


def test_the_steps_are_read_from_the_register_in_order(reg: Register) -> None:
    nomor = example_case(reg)
    steps = reg.steps(nomor)
    assert [s.langkah for s in steps] == [1, 2, 3, 4, 3, 4, 5, 6]
    late = [s for s in steps if s.terlambat]
    assert [s.langkah for s in late] == [2]
    assert [s.langkah for s in steps if s.hasil == "dikembalikan"] == [4]


def test_without_initials_a_line_to_fill_by_hand(reg: Register) -> None:
    nomor = example_case(reg)
    assert "." * 20 in buku_kronologi(reg, nomor).text()


@pytest.mark.parametrize("bad", ["Putri Ayu Lestari", "Putri", "P.A.L", "P.A.L.\nX", "1.2."])
def test_initials_only_never_a_name(reg: Register, bad: str) -> None:
    nomor = example_case(reg)
    with pytest.raises(SuratError, match=r"inisial: inisial seperti 'P\.A\.L\.' diharapkan") as err:
        buku_kronologi(reg, nomor, inisial=bad)
    assert "Putri" not in str(err.value)


def test_an_unknown_or_void_case_is_refused(reg: Register) -> None:
    with pytest.raises(SuratError, match="nomor_registrasi"):
        buku_kronologi(reg, "009/REG-PPA/XI/2026")
    n = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16").nomor
    reg.void(n, alasan="salah", buku="kasus")
    with pytest.raises(SuratError, match="batal"):
        buku_kronologi(reg, n)


def test_a_case_without_steps_prints_an_empty_book(reg: Register) -> None:
    n = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16").nomor
    text = buku_kronologi(reg, n).text()
    assert "0 langkah tercatat" in text and n in text


def test_catatan_is_never_printed(reg: Register) -> None:
    nomor = example_case(reg)
    reg.record_step(nomor, sop="34", langkah=6, mulai="2026-11-24 09:00",
                    selesai="2026-11-24 09:30", oleh="p2tp2a",
                    catatan="Ibu Sri Wahyuningsih menelepon")  # fmt: skip
    text = buku_kronologi(reg, nomor).text()
    assert "Wahyuningsih" not in text
    # the step itself is in the book (its date, its times, the count): only its note is left out
    assert "24-11-2026" in text and "09.00–09.30" in text
    assert "9 langkah tercatat" in text


def test_command(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert isinstance(tmp_path, Path)
    db = tmp_path / "agenda.db"
    with Register(db) as reg:
        nomor = example_case(reg)
    out = tmp_path / "kronologi.docx"
    code = cli(["kronologi", nomor, "--db", str(db), "-o", str(out), "--inisial", "P.A.L."])
    assert code == 0 and (out.stat().st_mode & 0o777) == 0o600
    assert capsys.readouterr().err.strip() == str(out)
    text = surat.Document(out.read_bytes(), "kronologi").text()
    assert "09.10–10.25" in text
    assert cli(["kronologi", nomor, "--db", str(db), "-o", str(tmp_path / "k.txt")]) == 1
    assert "-o" in capsys.readouterr().err
    assert cli(["kronologi", nomor, "--db", str(db), "-o", str(out),
                "--inisial", "Putri Ayu Lestari"]) == 1  # fmt: skip
    err = capsys.readouterr().err
    assert "inisial" in err and "Putri" not in err


def test_made_by_the_staff_acknowledged_by_the_head(tmp_path: Path) -> None:
    """The book is signed like the office's reports: "Dibuat oleh" its staff (the profile's
    first staff role), "Mengetahui" its head; name, pangkat and NIP as every signature
    block prints them, the head's Plt. in her stead while one stands."""
    office = surat.Office.from_toml(EXAMPLES / "kantor.toml")
    with Register(tmp_path / "agenda.db", office=office) as reg:
        nomor = example_case(reg)
        doc = buku_kronologi(reg, nomor, inisial="P.A.L.", tanggal=date(2026, 11, 30))
        lines = doc.text().splitlines()
        for expected in (
            "Mengetahui,",
            f"{office.pejabat['kepala_dinas'].jabatan},",
            "UMIYATI, SE",
            "Pembina Utama Muda (IV/c)",
            "NIP. 19621027 198503 2 006",
            "Batam, 30 November 2026",
            "Dibuat oleh,",
            "Staf Seksi Perlindungan Anak,",
            "." * 36,  # the staff's name is not in the profile: written by hand
        ):
            assert expected in lines, expected
        plt = office.model_copy(update={"plt": {"kepala_dinas": [Penjabat(
            status="Plt.", nama="Drs. BUDI SANTOSO, M.Si", nip="19700101 199503 1 004",
            pangkat="Pembina Tingkat I (IV/b)", mulai=date(2026, 11, 1), sampai=date(2026, 12, 31),
        )]}})  # fmt: skip
        acting = buku_kronologi(reg, nomor, office=plt, tanggal=date(2026, 11, 30)).text()
    assert f"Plt. {office.pejabat['kepala_dinas'].jabatan}," in acting.splitlines()
    assert "Drs. BUDI SANTOSO, M.Si" in acting and "UMIYATI" not in acting
    assert "NIP. 19700101 199503 1 004" in acting
    pdf = doc.to_pdf(tmp_path / "kronologi.pdf")
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    signed = [p for p in pages if "Mengetahui," in p]
    assert len(signed) == 1 and "Dibuat oleh," in signed[0] and "UMIYATI, SE" in signed[0]
    assert "Catatan langkah tidak dicetak" in signed[0]  # never alone on its page
    for page in pages:  # a secret book: RAHASIA at the top and bottom of every page
        assert page.startswith("RAHASIA") and "RAHASIA" in page[-20:]


def test_the_book_lists_every_document_of_the_case(reg: Register) -> None:
    """Every document the register records for the case, the disposition and the
    counseling report (unnumbered: "—") included, each once; a letter of the case's
    agenda recorded as no document still listed; a step shows its documents."""
    nomor = example_case(reg)
    persetujuan = reg.entries()[0].nomor
    reg.record_document(nomor, jenis="disposisi", tanggal="2026-11-16", tahap="penerimaan")
    reg.record_document(nomor, jenis="konseling", tanggal="2026-11-17", tahap="konseling",
                        sop="34", langkah=3)  # fmt: skip
    reg.record_document(nomor, jenis="persetujuan", tanggal="2026-11-20", nomor=persetujuan,
                        buku="keluar", tahap="persetujuan", sop="34", langkah=5)  # fmt: skip
    book = buku_kronologi(reg, nomor, inisial="P.A.L.", tanggal=date(2026, 11, 30))
    tables = {
        t.rows[0].cells[1].text: [[c.text for c in r.cells] for r in t.rows[1:]]
        for t in docx.Document(io.BytesIO(book.docx)).tables
        if len(t.rows[0].cells) > 1
    }
    listed = tables["Dokumen"]
    assert [(r[1], r[2], r[3], r[4], r[5]) for r in listed] == [
        ("Permohonan Pendampingan Kasus\nSurat masuk", "001/SM/2026", "16-11-2026", "—", "aktif"),
        ("Lembar Disposisi\nInternal (tanpa nomor)", "—", "16-11-2026", "penerimaan", "—"),
        ("Laporan Hasil Konseling Kasus\nInternal (tanpa nomor)", "—", "17-11-2026",
         "konseling (SOP 34/3)", "—"),
        ("Surat Persetujuan Pendampingan\nSurat keluar", persetujuan, "20-11-2026",
         "persetujuan (SOP 34/5)", "aktif"),
        ("Surat Tugas Pendampingan\nSurat keluar", "002/DP3A-PP-KB/PPA/XI/2026", "23-11-2026",
         "—", "aktif"),
    ]  # fmt: skip
    steps = {r[0]: r[3] for r in tables["Tanggal"]}
    assert "Dokumen: Laporan Hasil Konseling Kasus" in steps["3"]
    assert f"Dokumen: Surat Persetujuan Pendampingan {persetujuan}" in steps["7"]
    assert "Dokumen" not in steps["1"]
    assert "Lestari" not in book.text()
