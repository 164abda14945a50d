"""The monthly report: its counts equal what the register holds, as XLSX and as PDF."""

from __future__ import annotations

import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from sop_case import month

from surat import Register, SuratError
from surat.cli import main as cli
from surat.reports.laporan import bulan, laporan_bulanan


@pytest.fixture
def reg(register_db: str) -> Iterator[Register]:
    with Register(register_db) as r:
        yield r


def test_the_counts_equal_the_cases_registered(reg: Register) -> None:
    cases = month(reg)
    lap = laporan_bulanan(reg, "2026-11")
    registered = [e for e in reg.cases(tahun=2026) if e.status == "aktif" and e.tanggal.month == 11]
    assert lap.kasus == len(registered) == 2  # the example case and the second one
    assert lap.kasus_batal == 1 and lap.tanpa_kategori == 0
    assert sum(sum(s.values()) for s in lap.jenis_kelamin_umur.values()) == lap.kasus
    assert sum(lap.tempat_kejadian.values()) == lap.kasus
    assert sum(lap.hubungan_pelaku.values()) == lap.kasus
    # a case of two kinds of violence counts under each
    assert lap.jenis_kekerasan == {"Fisik": 1, "Psikis": 1, "Seksual": 1, "Eksploitasi": 0,
                                   "Trafficking": 0, "Penelantaran": 0, "Lainnya": 0}  # fmt: skip
    assert lap.jenis_kelamin_umur["6-12"]["Perempuan"] == 1
    assert lap.jenis_kelamin_umur["13-17"]["Laki-laki"] == 1
    assert lap.tempat_kejadian["Fasilitas Umum"] == 1 and lap.tempat_kejadian["Sekolah"] == 1
    assert lap.hubungan_pelaku["Tetangga"] == 1 and lap.hubungan_pelaku["Guru"] == 1
    # letters of November in the books
    assert (lap.surat_keluar, lap.surat_keluar_batal) == (2, 1)
    assert (lap.surat_masuk, lap.surat_masuk_batal) == (1, 0)
    assert cases["oktober"] not in {e.nomor for e in registered}


def test_each_step_median_against_its_mutu_baku(reg: Register) -> None:
    month(reg)
    lap = laporan_bulanan(reg, "2026-11")
    steps = {(s.sop, s.langkah): s for s in lap.langkah}
    assert [s.langkah for s in lap.langkah] == [1, 2, 3, 4, 5, 6]  # every step of SOP 34
    two = steps[("34", 2)]  # 75 minutes (late) and 40 minutes
    assert two.jumlah == 2 and two.median == timedelta(minutes=57, seconds=30)
    assert two.terlambat == 1 and two.mutu_baku == timedelta(minutes=60)
    four = steps[("34", 4)]
    assert four.jumlah == 2 and four.dikembalikan == 1 and four.terlambat == 0
    six = steps[("34", 6)]  # the October case's step ran in November: 150 minutes, late
    assert six.jumlah == 2 and six.terlambat == 1
    assert steps[("34", 3)].median == timedelta(minutes=22, seconds=30)


def _papers(reg: Register, nr: str) -> dict[str, str]:
    """The example case's request, counseling report, approval and assignment as its
    documents; returns the numbers of the approval and the assignment."""
    numbers = {e.perihal: e.nomor for e in reg.entries() if e.nomor_registrasi == nr}
    reg.record_document(nr, jenis="permohonan", tanggal="2026-11-16",
                        nomor=reg.received()[0].nomor, buku="masuk")  # fmt: skip
    reg.record_document(nr, jenis="konseling", tanggal="2026-11-17")
    for jenis, perihal, day in (("persetujuan", "Persetujuan Pendampingan", "2026-11-20"),
                                ("tugas", "Surat Tugas Pendampingan", "2026-11-23")):  # fmt: skip
        reg.record_document(nr, jenis=jenis, tanggal=day, nomor=numbers[perihal], buku="keluar")
    return {"persetujuan": numbers["Persetujuan Pendampingan"],
            "tugas": numbers["Surat Tugas Pendampingan"]}  # fmt: skip


def test_steps_run_without_their_paper_counted_per_step(reg: Register) -> None:
    """For each step run this month: of the cases it ran for, those with no document of
    a kind the SOP's mutu baku table names for it; a document whose number is void does
    not count."""
    cases = month(reg)
    lap = laporan_bulanan(reg, "2026-11")
    # no document recorded yet: every case a step ran for lacks its paper
    assert [(s.langkah, s.kasus, s.tanpa_dokumen) for s in lap.langkah] == [
        (1, 1, 1), (2, 2, 2), (3, 1, 1), (4, 1, 1), (5, 1, 1), (6, 2, 2),
    ]  # fmt: skip
    numbers = _papers(reg, cases["contoh"])
    lap = laporan_bulanan(reg, "2026-11")
    # step 2 ran for the example case (its request is recorded) and the second case
    # (nothing recorded); step 4 asks for a nota dinas; step 6 for a report, a referral...
    assert [(s.sop, s.langkah, s.kasus, s.tanpa_dokumen) for s in lap.tanpa_dokumen] == [
        ("34", 2, 2, 1), ("34", 4, 1, 1), ("34", 6, 2, 2),
    ]  # fmt: skip
    assert lap.tanpa_dokumen[0].dokumen == ("permohonan", "tanda_terima")
    header, rows = lap.tables()["Langkah tanpa dokumen"]
    assert header == ["SOP", "Langkah", "Kegiatan", "Dokumen bukti", "Kasus", "Tanpa dokumen"]
    assert rows[0][3:] == ["permohonan, tanda terima", 2, 1]
    # the approval and the assignment voided: step 5 has no paper left
    reg.void(numbers["persetujuan"], alasan="salah ketik")
    assert [s.langkah for s in laporan_bulanan(reg, "2026-11").tanpa_dokumen] == [2, 4, 6]
    reg.void(numbers["tugas"], alasan="salah ketik")
    assert [s.langkah for s in laporan_bulanan(reg, "2026-11").tanpa_dokumen] == [2, 4, 5, 6]
    # October: no step ran, nothing lacks
    assert laporan_bulanan(reg, "2026-10").tanpa_dokumen == []
    # a psychologist's consultation, recorded under SOP 32 step 9, asks for no paper
    reg.record_step(cases["remaja"], sop="32", langkah=9, mulai="2026-11-21 09:00",
                    selesai="2026-11-21 09:45", oleh="psikolog")  # fmt: skip
    nine = [s for s in laporan_bulanan(reg, "2026-11").langkah if s.sop == "32"][-1]
    assert (nine.langkah, nine.jumlah, nine.kasus, nine.tanpa_dokumen) == (9, 1, 0, 0)


def test_the_report_prints_the_steps_without_their_paper(reg: Register) -> None:
    cases = month(reg)
    _papers(reg, cases["contoh"])
    text = laporan_bulanan(reg, "2026-11", dibuat=date(2026, 12, 1)).document().text()
    assert "6. Langkah tanpa dokumen" in text
    assert "laporan pendampingan, rujukan, undangan, berita acara" in text
    assert "Tidak ada:" not in text
    assert cases["contoh"] not in text and "Lestari" not in text  # counts only
    # every step's paper there: the section says so
    for nr, day in ((cases["contoh"], "2026-11-18"), (cases["oktober"], "2026-11-02")):
        reg.record_document(nr, jenis="nota_dinas", tanggal=day)
        reg.record_document(nr, jenis="laporan_pendampingan", tanggal="2026-11-25")
    reg.record_document(cases["remaja"], jenis="tanda_terima", tanggal="2026-11-20")
    quiet = laporan_bulanan(reg, "2026-11", dibuat=date(2026, 12, 1))
    assert quiet.tanpa_dokumen == []
    assert "Tidak ada: setiap langkah yang dijalankan bulan ini mempunyai dokumen buktinya." in (
        quiet.document().text()
    )


def test_another_month_counts_its_own(reg: Register) -> None:
    month(reg)
    okt = laporan_bulanan(reg, "2026-10")
    assert okt.kasus == 1 and okt.jenis_kekerasan["Seksual"] == 1
    assert okt.langkah == [] and okt.surat_keluar == 0
    des = laporan_bulanan(reg, date(2026, 12, 5))
    assert des.kasus == 0 and des.periode == "Desember 2026"


def test_xlsx_one_sheet_per_table(reg: Register, tmp_path: Path) -> None:
    month(reg)
    out = laporan_bulanan(reg, "2026-11").to_xlsx(tmp_path / "laporan.xlsx")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "Ringkasan", "Jenis kekerasan", "Jenis kelamin dan umur", "Tempat kejadian",
        "Hubungan pelaku", "Layanan", "Langkah SOP", "Langkah tanpa dokumen",
    ]  # fmt: skip
    ws = wb["Ringkasan"]
    assert ws["A1"].value == "Laporan Bulanan Penanganan Kasus — November 2026"
    assert [c.value for c in ws[3]] == ["Kasus terdaftar", 2]
    umur = wb["Jenis kelamin dan umur"]
    assert [c.value for c in umur[2]] == ["Kelompok umur", "Laki-laki", "Perempuan", "Jumlah"]
    assert [c.value for c in umur[umur.max_row]] == ["Jumlah", 1, 1, 2]
    steps = wb["Langkah SOP"]
    assert [c.value for c in steps[4]][:8] == [
        "34", 2, "Staf menerima berkas, menerima surat pengaduan, dan melakukan konseling kasus",
        60, 2, 57.5, 1, 0,
    ]  # fmt: skip


@pytest.mark.parametrize("bad", ["2026-13", "11-2026", "2026/11", "", "2026-11; DROP TABLE"])
def test_a_month_is_yyyy_mm(bad: str) -> None:
    with pytest.raises(SuratError, match="bulan: bulan YYYY-MM diharapkan"):
        bulan(bad)


def test_command_writes_the_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "agenda.db"
    with Register(db) as reg:
        month(reg)
    out = tmp_path / "laporan.xlsx"
    assert cli(["laporan", "--db", str(db), "--bulan", "2026-11", "-o", str(out)]) == 0
    assert openpyxl.load_workbook(out)["Ringkasan"]["B3"].value == 2
    assert (
        cli(["laporan", "--db", str(db), "--bulan", "2026-11", "-o", str(tmp_path / "x.csv")]) == 1
    )
    assert cli(["laporan", "--db", str(db), "--bulan", "November", "-o", str(out)]) == 1
    assert "bulan" in capsys.readouterr().err


def test_matplotlib_is_imported_only_to_draw() -> None:
    code = (
        "import sys, surat; surat.laporan_bulanan; import surat.cli.laporan; "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "False\n"


def test_made_by_the_staff_acknowledged_by_the_head(tmp_path: Path) -> None:
    """The report's last page carries its signatures with its last table: "Mengetahui,"
    the head (the profile's [penandatangan] laporan, else the Kepala), "Dibuat oleh,"
    the staff; name, pangkat and NIP as every signature block prints them."""
    import io

    from pypdf import PdfReader
    from sop_case import EXAMPLES

    import surat

    office = surat.Office.from_toml(EXAMPLES / "kantor.toml")
    with Register(tmp_path / "agenda.db", office=office) as reg:
        month(reg)
        lap = laporan_bulanan(reg, "2026-11", dibuat=date(2026, 12, 1))
    pdf = lap.to_pdf(tmp_path / "laporan.pdf", office)
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == 2  # the counts; the chart, the steps and the signatures
    last = pages[-1]
    for expected in (
        "8. Waktu tiap langkah SOP terhadap mutu baku",
        "Mengetahui, Kepala Dinas Pemberdayaan Perempuan",
        "UMIYATI, SE",
        "Pembina Utama Muda (IV/c)",
        "NIP. 19621027 198503 2 006",
        "Batam, 1 Desember 2026",
        "Dibuat oleh, Staf Seksi Perlindungan Anak,",
    ):
        assert expected in last, expected
    kabid = office.model_copy(
        update={"penandatangan": {**office.penandatangan, "laporan": "kabid"}}
    )
    text = lap.document(kabid).text().splitlines()
    assert "Kepala Bidang Pencegahan dan Penanganan Korban Kekerasan," in text
    assert "Dra. SITI RAHAYU, M.Si" in text and "UMIYATI, SE" not in text
