"""Batch printing with a real register, real templates and real LibreOffice."""

from __future__ import annotations

import csv
import json
import shutil
import socket
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from referensi_support import seed_books

import surat
from surat import batch
from surat.batch import BatchError, load_rows, print_batch
from surat.letters import example_data
from surat.pdf import Converter

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")

OFFICE = surat.Office.default()


def flatten(d: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Letter data as one spreadsheet row (the column convention of surat.batch)."""
    out: dict[str, str] = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flatten(v, key + "."))
        elif isinstance(v, list) and v and isinstance(v[0], dict):
            for i, item in enumerate(v, 1):
                out.update(flatten(item, f"{key}.{i}."))
        elif isinstance(v, list):
            out[key] = "; ".join(v)
        else:
            out[key] = "" if v is None else str(v)
    return out


def persetujuan_row(i: int) -> dict[str, str]:
    row = flatten(example_data("persetujuan"))
    row.pop("tanggal")  # the number's date (today, WIB)
    row["korban.nomor_registrasi"] = f"{i:03d}/REG-PPA/XI/2026"
    return row


def write_csv(path: Path, rows: list[dict[str, str]], delimiter: str = ",") -> Path:
    cols = list(dict.fromkeys(k for r in rows for k in r))
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, cols, delimiter=delimiter)
        w.writeheader()
        w.writerows(rows)
    return path


@pytest.fixture(scope="module")
def conv() -> Iterator[Converter]:
    with Converter(workers=2) as c:
        yield c


@pytest.fixture
def reg(tmp_path: Path) -> Iterator[surat.Register]:
    """A register holding the cases (001-040) and the request (014/SM) the rows cite."""
    with surat.Register(tmp_path / "agenda.db", office=OFFICE) as r:
        seed_books(r, kasus=40, masuk=14)
        yield r


def test_bad_rows_stop_everything_before_any_number(
    tmp_path: Path, reg: surat.Register, conv: Converter
) -> None:
    rows = [persetujuan_row(i) for i in range(1, 6)]
    rows[1]["korban.nomor_registrasi"] = ""
    rows[3]["layanan"] = "Sulap"
    rows[3]["pendamping.1.nama"] = ""
    data = write_csv(tmp_path / "data.csv", rows, delimiter=";")
    out = tmp_path / "out" / "cetak.pdf"
    out.parent.mkdir()
    with pytest.raises(surat.SuratError) as err:
        print_batch("persetujuan", data, out, register=reg, converter=conv, progress=False)
    msg = str(err.value)
    assert "2 dari 5 baris bermasalah" in msg
    assert "baris 3: korban.nomor_registrasi: isian wajib belum diisi" in msg
    # columns as the sheet names them, list items counted from 1 as in the column names
    assert "baris 5: kolom G 'layanan' (butir 1):" in msg  # after korban.anak
    assert "baris 5: pendamping.1.nama: isian wajib belum diisi" in msg
    assert "Putri" not in msg  # no personal data in errors
    assert reg.entries() == []
    assert list(out.parent.iterdir()) == []


def test_a_batch_from_csv_numbers_and_packs_every_letter(
    tmp_path: Path, reg: surat.Register, conv: Converter
) -> None:
    data = write_csv(tmp_path / "data.csv", [persetujuan_row(i) for i in range(1, 4)])
    out = tmp_path / "cetak.pdf"
    summary = print_batch(
        "persetujuan", data, out, register=reg, converter=conv, duplex=True, progress=False
    )
    reader = PdfReader(out)
    entries = reg.entries()
    assert [e.status for e in entries] == ["aktif"] * 3
    assert summary.numbers == tuple(e.nomor for e in entries)
    # each one-page letter and its two tembusan, padded to two pages each
    assert summary.letters == 3 and summary.copies == 6
    assert summary.pages == len(reader.pages) == 3 * 3 * 2
    assert [o.title for o in reader.outline if not isinstance(o, list)] == [
        f"{n} — Surat Persetujuan Pendampingan" for n in summary.numbers
    ]
    text = str(summary)
    assert f"{summary.numbers[0]} s.d. {summary.numbers[-1]}" in text
    assert "Halaman  : 18" in text and len(text.splitlines()) <= 24


def test_a_csv_batch_reads_dates_as_the_clerk_typed_them(
    tmp_path: Path, reg: surat.Register, conv: Converter
) -> None:
    """22/11/2026, 22-11-2026 and 22 November 2026 in one sheet: each letter prints
    the date of the request in words, the same for all three."""
    rows = [persetujuan_row(i) for i in range(1, 4)]
    # the day the register's books received the requests (16 November)
    for row, typed in zip(rows, ["16/11/2026", "16-11-2026", "16 November 2026"], strict=True):
        row["permohonan.tanggal"] = typed
    data = write_csv(tmp_path / "data.csv", rows)
    models = batch.validate_rows("persetujuan", load_rows(data))
    assert {m.permohonan.tanggal for m in models} == {date(2026, 11, 16)}
    out = tmp_path / "cetak.pdf"
    s = print_batch(
        "persetujuan", data, out, register=reg, converter=conv, copies=[], progress=False
    )
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages]
    assert s.letters == len(pages) == 3
    assert all("16 November 2026" in page for page in pages)


def test_xlsx_and_json_rows(tmp_path: Path, reg: surat.Register, conv: Converter) -> None:
    from openpyxl import Workbook

    row = persetujuan_row(7)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(list(row))
    ws.append(list(row.values()))
    ws.append([None] * len(row))  # an empty row is skipped
    wb.save(tmp_path / "data.xlsx")
    (xlsx,) = load_rows(tmp_path / "data.xlsx")
    assert xlsx.baris == 2
    assert xlsx.data["korban"]["nomor_registrasi"] == "007/REG-PPA/XI/2026"
    assert xlsx.data["pendamping"][1]["jabatan"] == "Pendamping Hukum P2TP2A"
    assert "Putri" not in repr(xlsx)

    data = example_data("persetujuan")
    data.pop("tanggal")
    (tmp_path / "data.json").write_text(json.dumps([data, data]), encoding="utf-8")
    rows = load_rows(tmp_path / "data.json")
    assert [r.baris for r in rows] == [1, 2]
    out = tmp_path / "cetak.pdf"
    s = print_batch(
        "persetujuan",
        tmp_path / "data.xlsx",
        out,
        register=reg,
        converter=conv,
        copies=["Inspektorat Kota Batam"],
        progress=False,
    )
    pages = [p.extract_text() for p in PdfReader(out).pages]
    assert s.pages == len(pages) == 2
    assert "Inspektorat Kota Batam" in pages[1] and "TEMBUSAN" not in pages[0]


def test_numbered_letters_need_the_register(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "data.csv", [persetujuan_row(1)])
    with pytest.raises(surat.SuratError, match=r"buku agenda \(--db\); baris tanpa nomor: 2"):
        print_batch("persetujuan", data, tmp_path / "x.pdf", progress=False)
    with pytest.raises(surat.SuratError, match="jenis: salah satu dari"):
        print_batch("memo", data, tmp_path / "x.pdf", progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.csv"]


def test_a_failing_conversion_mid_batch_voids_the_numbers_and_leaves_no_file(
    tmp_path: Path, reg: surat.Register
) -> None:
    rows = [persetujuan_row(i) for i in range(1, 41)]
    data = write_csv(tmp_path / "data.csv", rows)
    out = tmp_path / "cetak.pdf"
    with Converter(workers=1) as c:
        # how long one warm conversion takes here; the batch gets a few of those
        docx = surat.render("persetujuan", rows_data(), office=OFFICE, nomor="1/X/2026").docx
        c.convert(docx, "warm")
        t = time.monotonic()
        c.convert(docx, "warm")
        c.timeout = max(4 * (time.monotonic() - t), 0.1)
        with pytest.raises(BatchError) as err:
            print_batch("persetujuan", data, out, register=reg, converter=c, progress=False)
    msg = str(err.value)
    assert "tidak selesai dalam" in msg and "tidak ada yang ditulis" in msg
    entries = reg.entries()
    assert len(entries) == 40
    assert [e.status for e in entries] == ["batal"] * 40
    assert all((e.alasan or "").startswith("cetak massal gagal: ") for e in entries)
    assert err.value.voided == tuple(e.nomor for e in entries)
    assert entries[0].nomor in msg and entries[-1].nomor in msg
    assert [p.name for p in tmp_path.iterdir() if "cetak" in p.name] == []  # nor a temp file


def rows_data() -> dict[str, Any]:
    data = example_data("persetujuan")
    data.pop("tanggal")
    return data


def test_an_unreachable_converter_voids_the_numbers(tmp_path: Path, reg: surat.Register) -> None:
    """The conversion service fails after the numbers were taken."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = write_csv(tmp_path / "data.csv", [persetujuan_row(1), persetujuan_row(2)])
    with (
        Converter(url=f"unoserver://127.0.0.1:{port}") as c,
        pytest.raises(surat.SuratError, match="tidak ada unoserver yang menjawab"),
    ):
        print_batch("persetujuan", data, tmp_path / "x.pdf", register=reg, converter=c)
    # LibreOffice is checked before any number is taken
    assert reg.entries() == []


def test_rows_given_as_dicts_and_preset_numbers(tmp_path: Path, conv: Converter) -> None:
    data = rows_data()
    rows = [{**data, "nomor": "045/DP3A-PP-KB/PPA/XI/2026"}]
    out = tmp_path / "cetak.pdf"
    s = print_batch("persetujuan", rows, out, converter=conv, copies=[], progress=False)
    assert s.numbers == () and s.pages == 1
    assert "045/DP3A-PP-KB/PPA/XI/2026" in PdfReader(out).pages[0].extract_text()


def test_the_cli_prints_a_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from surat.cli import main

    data = write_csv(tmp_path / "data.csv", [persetujuan_row(1), persetujuan_row(2)])
    bad = write_csv(tmp_path / "bad.csv", [{**persetujuan_row(1), "korban.nama": ""}])
    db = str(tmp_path / "agenda.db")
    with surat.Register(db, office=OFFICE) as r:  # the cases and the request the rows cite
        seed_books(r, kasus=2, masuk=14)
    out = str(tmp_path / "cetak.pdf")
    args = ["cetak", "--jenis", "persetujuan", "--db", db, "--baru", "-o", out, "--diam"]
    assert main([*args[:-1], str(bad), "--diam"]) == 1
    assert "baris 2: korban.nama" in capsys.readouterr().err
    monkeypatch.setenv("SURAT_SANDI", "rahasia")
    assert main([*args, str(data), "--salinan", "Arsip", "--sandi"]) == 0
    printed = capsys.readouterr().out
    assert "Surat    : 2 asli + 2 tembusan" in printed
    reader = PdfReader(out)
    assert reader.is_encrypted and reader.decrypt("rahasia")
    assert len(reader.pages) == 4


def test_nest_refuses_clashing_columns() -> None:
    with pytest.raises(surat.SuratError, match=r"baris 4: kolom 'korban\.nama'"):
        batch.nest({"korban": "x", "korban.nama": "y"}, 4)


# -- dates the register would not number as they are ----------------------------


def dated_rows(*dates: tuple[str, str]) -> list[dict[str, str]]:
    """persetujuan rows with their own tanggal and alasan ('' for none)."""
    return [
        {**persetujuan_row(i), "tanggal": day, "alasan": why}
        for i, (day, why) in enumerate(dates, start=1)
    ]


def test_a_backdated_or_far_ahead_row_is_a_row_problem_before_any_number(
    tmp_path: Path, reg: surat.Register
) -> None:
    # A backdated row was found while numbering, reported as "the register failed
    # while giving a number" with a --tertunda list that was empty.
    for day in ("2026-11-17", "2026-11-25"):
        reg.issue(perihal="Surat Tugas", klasifikasi="PPA", tanggal=day)
    far = (surat.today() + timedelta(days=200)).isoformat()
    rows = dated_rows(
        ("2026-11-26", ""),
        ("2026-11-20", ""),  # backdated, without a reason
        (far, ""),  # 200 days ahead, without a reason
        # before the book's first letter (on the day the request it answers came)
        ("2026-11-16", "dicatat terlambat"),
        ("2026-11-21", "dicatat terlambat"),
    )
    data = write_csv(tmp_path / "data.csv", rows)
    out = tmp_path / "cetak.pdf"
    with pytest.raises(surat.SuratError) as err:
        print_batch("persetujuan", data, out, register=reg, progress=False)
    assert not isinstance(err.value, BatchError)
    msg = str(err.value)
    assert msg.startswith("persetujuan: 3 dari 5 baris bermasalah; tidak ada yang diberi nomor")
    assert "baris 3: tanggal: lebih awal dari surat terakhir di buku agendanya" in msg
    assert "berikan alasannya" in msg
    assert "baris 4: tanggal: lebih dari 7 hari sesudah hari ini" in msg and far not in msg
    assert "baris 5: tanggal: tidak ada surat di buku agendanya bertanggal itu" in msg
    assert "baris 2" not in msg and "baris 6" not in msg
    assert "tertunda" not in msg and "failed while giving" not in msg
    assert [p.path for p in err.value.errors] == [f"baris.{i}.tanggal" for i in (3, 4, 5)]
    assert len(reg.entries()) == 2 and reg.pending() == []  # nothing taken
    assert not out.exists()
    # the same rows as dicts: the same problems, rows counted from 1
    with pytest.raises(surat.SuratError) as as_dicts:
        print_batch("persetujuan", rows, out, register=reg, progress=False)
    assert [p.path for p in as_dicts.value.errors] == [f"baris.{i}.tanggal" for i in (2, 3, 4)]


def test_a_backdated_row_with_its_alasan_takes_an_inserted_number_that_is_announced(
    tmp_path: Path, reg: surat.Register, conv: Converter, capsys: pytest.CaptureFixture[str]
) -> None:
    from surat.cli import main

    for day in ("2026-11-10", "2026-11-25"):
        reg.issue(perihal="Surat Tugas", klasifikasi="PPA", tanggal=day)
    rows = dated_rows(("2026-11-20", "dicatat terlambat"), ("2026-11-26", ""))
    out = tmp_path / "cetak.pdf"
    s = print_batch("persetujuan", rows, out, register=reg, converter=conv, progress=False)
    assert s.numbers == ("001.a/DP3A-PP-KB/PPA/XI/2026", "003/DP3A-PP-KB/PPA/XI/2026")
    assert s.sisipan == ("001.a/DP3A-PP-KB/PPA/XI/2026",)
    assert "Sisipan  : 001.a/DP3A-PP-KB/PPA/XI/2026 (bertanggal mundur" in str(s)
    inserted = [e for e in reg.entries() if e.sisipan]
    assert [(e.nomor, e.alasan_terbit) for e in inserted] == [
        ("001.a/DP3A-PP-KB/PPA/XI/2026", "dicatat terlambat")
    ]
    # the command line: the summary, its JSON, and the agenda's row
    data = write_csv(tmp_path / "data.csv", dated_rows(("2026-11-21", "dicatat terlambat")))
    db = str(tmp_path / "agenda.db")
    argv = ["cetak", str(data), "--jenis", "persetujuan", "--db", db, "--diam"]
    assert main([*argv, "-o", str(tmp_path / "a.pdf")]) == 0
    assert "Sisipan  : 001.b/DP3A-PP-KB/PPA/XI/2026" in capsys.readouterr().out
    assert main(["--json", *argv, "-o", str(tmp_path / "b.pdf")]) == 0
    assert json.loads(capsys.readouterr().out)["sisipan"] == ["001.c/DP3A-PP-KB/PPA/XI/2026"]
    assert main(["agenda", "--db", db]) == 0
    listing = capsys.readouterr().out
    assert "001.a/DP3A-PP-KB/PPA/XI/2026" in listing
    assert [ln.rstrip().endswith("aktif (sisipan)") for ln in listing.splitlines()[2:7]] == [
        False, True, True, True, False,
    ]  # fmt: skip
