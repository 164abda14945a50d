"""A custom template cannot exhaust the machine: time, memory and archive size are bounded.

The profile here sets small limits (1 s, 64 MB) so that each attack ends in a
second or two; the defaults are 10 s and 256 MB (``[batas]`` in the profile).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import surat
from surat import render
from surat.errors import SuratError
from surat.office import Batas
from surat.templating.inspect import check_template

from .template_files import add_members, office_template

TIGHT = surat.Office.default().model_copy(
    update={"batas": Batas(waktu_render=1, memori_render_mb=64)}
)
SMALL = surat.Office.default().model_copy(
    update={"batas": Batas(waktu_render=30, memori_render_mb=64)}
)


def test_limits_are_set_in_the_profile(tmp_path: Path) -> None:
    default = surat.Office.default().batas
    assert (default.waktu_render, default.memori_render_mb) == (10, 256)
    text = (Path(surat.__file__).parent / "kantor.toml").read_text(encoding="utf-8")
    profile = tmp_path / "kantor.toml"
    profile.write_text(text + "\n[batas]\nwaktu_render = 2.5\nmemori_render_mb = 128\n")
    office = surat.Office.from_toml(profile)
    assert (office.batas.waktu_render, office.batas.memori_render_mb) == (2.5, 128)
    profile.write_text(text + "\n[batas]\nwaktu_render = 0\n")
    with pytest.raises(SuratError, match=r"batas\.waktu_render"):
        surat.Office.from_toml(profile)


def test_nested_range_loops_stop_at_the_time_limit(tmp_path: Path) -> None:
    path = office_template(
        tmp_path,
        "{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}",
        name="putar.docx",
    )
    with pytest.raises(SuratError, match=r"putar\.docx: .*lebih lama dari 1 s .*waktu_render"):
        render(path, {}, office=TIGHT)


def test_one_huge_range_is_refused_at_once(tmp_path: Path) -> None:
    path = office_template(tmp_path, "{% for i in range(99999) %}.{% endfor %}")
    with pytest.raises(SuratError, match=r"ours\.docx: range\(\) lebih dari 10,000"):
        render(path, {}, office=TIGHT)


def test_huge_string_multiplication_is_refused_before_it_is_made(tmp_path: Path) -> None:
    path = office_template(tmp_path, "{{ 'a' * 6*10**8 }}")
    with pytest.raises(SuratError, match=r"ours\.docx: .*lebih panjang dari 1,000,000 karakter"):
        render(path, {}, office=TIGHT)
    with pytest.raises(SuratError, match=r"lebih besar dari 100,000 bit"):
        render(office_template(tmp_path, "{{ 10 ** (10 ** 8) }}", name="p.docx"), {}, office=TIGHT)


@pytest.mark.parametrize("op", ["ns.s ~ ns.s", "ns.s + ns.s", "ns.s * 2", "[ns.s, ns.s]|join"])
def test_doubling_a_string_in_a_namespace_is_refused(tmp_path: Path, op: str) -> None:
    path = office_template(
        tmp_path,
        "{% set ns = namespace(s='a') %}"
        "{% for i in range(40) %}{% set ns.s = " + op + " %}{% endfor %}{{ ns.s|length }}",
    )
    with pytest.raises(SuratError, match=r"ours\.docx: .*lebih panjang dari 1,000,000 karakter"):
        render(path, {}, office=TIGHT)


def test_growing_output_stops_at_the_memory_limit(tmp_path: Path) -> None:
    """Each step is small and allowed; what they add up to is stopped by RLIMIT_AS."""
    path = office_template(
        tmp_path,
        "{% for i in range(9999) %}{% for j in range(9999) %}{{ isi }}{% endfor %}{% endfor %}",
        name="banjir.docx",
    )
    with pytest.raises(SuratError, match=r"banjir\.docx: .*lebih dari 64 MB .*memori_render_mb"):
        render(path, {"isi": "x" * 1_999}, office=SMALL)
    # the next letter is filled in as usual
    ok = office_template(tmp_path, "Yth. {{ nama }}", name="ok.docx")
    assert "Yth. Budi" in render(ok, {"nama": "Budi"}, office=SMALL).text()


def test_zip_bomb_is_refused_before_inflation(tmp_path: Path) -> None:
    path = office_template(tmp_path, "Yth. {{ nama }}", name="bom.docx")
    add_members(path, {"word/media/image9.png": bytes(8 * 2**20)})
    assert path.stat().st_size < 200_000
    with pytest.raises(SuratError, match=r"bom\.docx: word/media/image9\.png dimampatkan lebih"):
        render(path, {"nama": "Budi"})
    with pytest.raises(SuratError, match=r"bom\.docx: .*bom zip"):
        check_template(path)


def test_archive_of_too_many_members_is_refused(tmp_path: Path) -> None:
    path = office_template(tmp_path, "Yth. {{ nama }}", name="banyak.docx")
    add_members(path, {f"customXml/item{i}.xml": b"<a/>" for i in range(2_500)})
    with pytest.raises(SuratError, match=r"banyak\.docx: 25\d\d anggota dalam arsip"):
        render(path, {"nama": "Budi"})


def test_declared_size_over_the_limit_is_refused(tmp_path: Path) -> None:
    """The central directory says how big members unpack: it is read, nothing inflated."""
    path = office_template(tmp_path, "Yth. {{ nama }}", name="besar.docx")
    add_members(path, {"word/media/a.bin": bytes(2**20)})
    data = bytearray(path.read_bytes())
    entry = data.find(b"PK\x01\x02")  # the central directory entry of the member
    while data[entry + 46 : entry + 46 + 16] != b"word/media/a.bin":
        entry = data.find(b"PK\x01\x02", entry + 4)
    assert int.from_bytes(data[entry + 24 : entry + 28], "little") == 2**20
    data[entry + 24 : entry + 28] = (3 * 2**30).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(SuratError, match=r"besar\.docx: terurai menjadi lebih dari 256 MB"):
        render(path, {"nama": "Budi"})


def test_xlsx_bomb_is_refused_before_inflation(tmp_path: Path) -> None:
    """A spreadsheet is a zip archive too: its sheet may not unpack to gigabytes."""
    from openpyxl import Workbook

    from surat.batch import load_rows

    path = tmp_path / "data.xlsx"
    wb = Workbook()
    wb.active.append(["korban.nama"])
    wb.active.append(["Budi"])
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    padded = sheet.replace(b"<sheetData>", b"<sheetData>" + b" " * (8 * 2**20))
    add_members(path, {"xl/worksheets/sheet1.xml": padded}, replace=True)
    with pytest.raises(
        SuratError, match=r"data\.xlsx: xl/worksheets/sheet1\.xml dimampatkan lebih"
    ):
        load_rows(path)
