"""Batch input that would print a wrong letter, or crash, stops before any number.

Each file here is built as someone careless or hostile would hand it over: a
column given twice, a formula Excel never calculated, a NIP stored as a
number, a cell of half a megabyte, JSON nested past the recursion limit.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from referensi_support import seed_books

import surat
from surat.batch import load_rows, print_batch
from surat.cli import main
from surat.files import read_data
from surat.letters import example_data

NIP = "198705122010012003"  # a real-looking NIP: 18 angka, more than a float keeps


def flat_row() -> dict[str, Any]:
    """One persetujuan letter as a spreadsheet row."""
    d = example_data("persetujuan")
    return {
        "kepada": d["kepada"],
        "permohonan.tanggal": d["permohonan"]["tanggal"],
        "permohonan.nomor_agenda": d["permohonan"]["nomor_agenda"],
        "korban.nama": d["korban"]["nama"],
        "korban.nomor_registrasi": d["korban"]["nomor_registrasi"],
        "layanan": "; ".join(d["layanan"]),
        "pendamping.1.nama": d["pendamping"][0]["nama"],
        "pendamping.1.nip": NIP,
        "pendamping.1.jabatan": d["pendamping"][0]["jabatan"],
        "tembusan": "Inspektorat Kota Batam",
    }


def write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def write_xlsx(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def refused(tmp_path: Path, data: Path, match: str) -> str:
    """print_batch refuses *data* before the register hands out a number."""
    with surat.Register(tmp_path / "agenda.db") as reg:
        seed_books(reg, kasus=1, masuk=14)  # the case and the request the rows cite
        with pytest.raises(surat.SuratError, match=match) as err:
            print_batch("persetujuan", data, tmp_path / "cetak.pdf", register=reg, progress=False)
        assert reg.entries() == []
    assert not (tmp_path / "cetak.pdf").exists()
    message = str(err.value)
    assert "Putri" not in message and NIP not in message
    return message


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_column_given_twice_is_refused(tmp_path: Path, suffix: str) -> None:
    row = flat_row()
    header = [*row, " korban . nama"]  # the same field, typed a little differently
    values = [*row.values(), "Budi Santoso"]
    write = write_csv if suffix == ".csv" else write_xlsx
    data = write(tmp_path / f"data{suffix}", header, [values])
    msg = refused(tmp_path, data, "menamai isian yang sama")
    assert "kolom D 'korban.nama' dan kolom K 'korban . nama'" in msg


def _with_saved_value(path: Path, cell: str, value: str) -> None:
    """Give a formula the value a spreadsheet saves with it (openpyxl writes none)."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet, n = re.subn(
        rf'<c r="{cell}"><f>(.*?)</f><v></v></c>',
        rf'<c r="{cell}" t="str"><f>\1</f><v>{value}</v></c>',
        sheet,
    )
    assert n == 1
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_formulas_are_read_as_their_saved_value_and_never_as_empty(tmp_path: Path) -> None:
    row = flat_row()
    header = list(row)
    values = list(row.values())
    values[header.index("tembusan")] = '="Inspektorat "&"Kota Batam"'
    data = write_xlsx(tmp_path / "data.xlsx", header, [values])
    msg = refused(tmp_path, data, "rumus tanpa nilai tersimpan")
    assert "baris 2, kolom J 'tembusan'" in msg

    _with_saved_value(data, "J2", "Inspektorat Kota Batam")
    (read,) = load_rows(data)
    assert read.data["tembusan"] == "Inspektorat Kota Batam"


def test_an_identifier_stored_as_a_number_is_refused(tmp_path: Path) -> None:
    row = flat_row()
    header = list(row)
    values = list(row.values())
    values[header.index("pendamping.1.nip")] = int(NIP)  # Excel keeps 15 digits: ...2000
    data = write_xlsx(tmp_path / "data.xlsx", header, [values, list(row.values())])
    msg = refused(tmp_path, data, "nomor identitas tersimpan sebagai angka")
    assert "baris 2: kolom H 'pendamping.1.nip'" in msg and "format kolom sebagai Teks" in msg
    assert "baris 3" not in msg

    letter = example_data("persetujuan")
    letter.pop("tanggal")
    letter["pendamping"][0]["nip"] = int(NIP)
    (tmp_path / "data.json").write_text(json.dumps([letter]), encoding="utf-8")
    msg = refused(tmp_path, tmp_path / "data.json", "nomor identitas tersimpan sebagai angka")
    assert "baris 1: pendamping.1.nip" in msg


def test_errors_name_rows_and_columns_as_the_sheet_shows_them(tmp_path: Path) -> None:
    row = flat_row()
    good = list(row.values())
    bad = list(row.values())
    bad[list(row).index("pendamping.1.nama")] = ""
    data = write_csv(tmp_path / "data.csv", list(row), [good, good, bad])
    msg = refused(tmp_path, data, "1 dari 3 baris bermasalah")
    # row 4 counting the header; the list position counted from 1 as in the column name
    assert "baris 4: pendamping.1.nama: isian wajib belum diisi" in msg


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "big.csv",
            "perihal\n" + "a" * 140_000 + "\n",
            r"big\.csv: baris 2: tidak terbaca sebagai CSV",
        ),
        ("digits.json", '[{"kepada": ' + "7" * 5000 + "}]", r"digits\.json: bilangan dengan"),
        ("deep.json", "[" * 100_000 + "]" * 100_000, r"deep\.json: bersarang terlalu dalam"),
        ("dup.json", '[{"kepada": "A", "kepada": "B"}]', r"dup\.json: kunci 'kepada' muncul"),
        (b"bad.csv", b"perihal\nSurat\n\xff\xfe\n", r"bad\.csv: baris 3: bukan teks UTF-8"),
        (b"nul.csv", b"perihal\nab\x00c\n", r"nul\.csv: baris 2: ada bait NUL"),
    ],
    ids=["csv-cell-140k", "json-5000-digits", "json-deep", "json-duplicate-key", "utf8", "nul"],
)
def test_unreadable_batch_files_are_clear_errors(
    tmp_path: Path, name: str | bytes, content: str | bytes, expected: str
) -> None:
    path = tmp_path / (name.decode() if isinstance(name, bytes) else name)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(surat.SuratError, match=expected):
        load_rows(path)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("deep.toml", "a = " + "[" * 5000 + "]" * 5000, "bersarang terlalu dalam"),
        ("deep.json", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "bersarang terlalu dalam"),
        ("digits.json", '{"a": ' + "1" * 5000 + "}", "bilangan dengan terlalu banyak angka"),
    ],
)
def test_unreadable_data_files_are_clear_errors(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(surat.SuratError, match=f"{name}: {expected}"):
        read_data(path)


def test_a_byte_order_mark_is_read_as_nothing(tmp_path: Path) -> None:
    """Excel's "CSV UTF-8" starts with a BOM: it must not end up in the first column's name."""
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffkepada\nSdr. Pelapor\n".encode())
    assert load_rows(path)[0].data == {"kepada": "Sdr. Pelapor"}
    toml = tmp_path / "bom.toml"
    toml.write_bytes("\ufeffkepada = 'Sdr. Pelapor'\n".encode())
    assert read_data(toml) == {"kepada": "Sdr. Pelapor"}


def test_copy_recipients_are_checked_before_any_number(tmp_path: Path) -> None:
    row = flat_row()
    data = write_csv(tmp_path / "data.csv", list(row), [list(row.values())] * 5)
    with surat.Register(tmp_path / "agenda.db") as reg:
        seed_books(reg, kasus=1, masuk=14)
        for copies, match in [
            (["Arsip", "Inspektorat\x1b[2J"], "copies 2: satu baris teks yang dapat dicetak"),
            (["Arsip\u2028Kota"], "copies 1: satu baris teks yang dapat dicetak"),
            (["Inspektorat \u202eatamaB"], "copies 1: satu baris teks yang dapat dicetak"),
            (["Kepala Dinas " * 40], r"copies 1: terlalu panjang untuk cap \(519 karakter\)"),
        ]:
            with pytest.raises(surat.SuratError, match=match):
                print_batch("persetujuan", data, tmp_path / "x.pdf", register=reg, copies=copies)
        long_own = dict(row, tembusan="Kepala Dinas Pemberdayaan " * 7)  # valid data, 181 chars
        own = write_csv(tmp_path / "own.csv", list(long_own), [list(long_own.values())])
        with pytest.raises(
            surat.SuratError, match=r"baris 2: tembusan 2: terlalu panjang untuk cap"
        ):
            print_batch("persetujuan", own, tmp_path / "x.pdf", register=reg)
        assert reg.entries() == []
    db = str(tmp_path / "agenda.db")
    args = ["cetak", str(data), "--jenis", "persetujuan", "--db", db, "-o", "x.pdf"]
    assert main([*args, "--salinan", "Arsip\x07", "--diam"]) == 1
    with surat.Register(db) as reg:
        assert reg.entries() == []


def test_the_longest_recipient_allowed_is_printed_whole_on_one_line() -> None:
    """Read the stamp back from the PDF LibreOffice makes of it."""
    from io import BytesIO

    from pypdf import PdfReader

    from surat.pack import check_recipient, stamp_docx
    from surat.pdf import convert

    def longest(unit: str) -> str:
        text = unit
        while True:
            try:
                check_recipient(text + unit[len(text) % len(unit)])
            except surat.SuratError:
                return text
            text += unit[len(text) % len(unit)]

    mixed = longest("Kepala Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kota Batam, ")
    capitals = longest("WALIKOTA BATAM DAN KEPALA DINAS ")
    assert len(mixed) > 120 and len(capitals) > 80
    for text in (mixed, capitals):
        reader = PdfReader(BytesIO(convert(stamp_docx(text), "stamp")))
        assert len(reader.pages) == 1
        lines = reader.pages[0].extract_text().strip().splitlines()
        assert lines == [f"TEMBUSAN — {text.strip()}"]


# -- rows handed over as dicts ---------------------------------------------------


def _ten_rows() -> list[dict[str, str]]:
    """Ten persetujuan rows as a clerk's sheet holds them: empty cells, padded
    text, a second companion left blank; four rows with a real problem."""
    d = example_data("persetujuan")
    base = {
        "tanggal": "",
        "kepada": d["kepada"],
        "permohonan.tanggal": d["permohonan"]["tanggal"],
        "permohonan.nomor_agenda": d["permohonan"]["nomor_agenda"],
        "korban.nama": d["korban"]["nama"],
        "korban.nomor_registrasi": d["korban"]["nomor_registrasi"],
        "korban.anak": "true",
        "layanan": "; ".join(d["layanan"]),
        "jenis_kekerasan": "Fisik; Psikis",
        "pendamping.1.nama": d["pendamping"][0]["nama"],
        "pendamping.1.nip": NIP,
        "pendamping.1.jabatan": d["pendamping"][0]["jabatan"],
        "pendamping.2.nama": "Hendra Gunawan, S.H.",
        "pendamping.2.nip": "",
        "pendamping.2.jabatan": "Pendamping Hukum P2TP2A",
        "tembusan": "",
    }
    changes: list[dict[str, str]] = [
        {},
        {"pendamping.2.nama": "", "pendamping.2.jabatan": ""},  # one companion only
        {"korban.anak": "", "tembusan": ""},
        {"kepada": "  Sdr. Pelapor  ", "korban.nama": " Bagus Pratama "},
        {"tanggal": "2026-11-23"},
        {"pendamping.1.nip": "", "pendamping.2.nama": "", "pendamping.2.jabatan": ""},
        {"pendamping.1.nip": "1987"},  # a NIP cut short
        {"layanan": "Sulap"},
        {"korban.nomor_registrasi": ""},
        {"pendamping.2.nama": ""},  # the companion's jabatan without a name
    ]
    return [{**base, **c} for c in changes]


def test_rows_as_dicts_are_read_exactly_as_the_same_csv_file(tmp_path: Path) -> None:
    # print_batch("persetujuan", list(csv.DictReader(f))) refused 6 of these rows that
    # the file itself passes: an empty string was not an empty cell.
    from surat.batch import validate_rows
    from surat.batch.rows import as_rows

    path = tmp_path / "batch.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(_ten_rows()[0]))
        w.writeheader()
        w.writerows(_ten_rows())
    with path.open(encoding="utf-8", newline="") as f:
        dicts = list(csv.DictReader(f))
    out = tmp_path / "cetak.pdf"
    errors = []
    for source in (path, dicts):
        with pytest.raises(surat.SuratError) as err:
            print_batch("persetujuan", source, out, register=tmp_path / "agenda.db")
        errors.append(err.value)
    assert not (tmp_path / "agenda.db").exists() and not out.exists()
    from_file, from_dicts = errors
    # the same problems: the file's rows count from its header (row 1), dicts from 1
    shifted = [
        (re.sub(r"^baris\.(\d+)", lambda m: f"baris.{int(m[1]) + 1}", p.path), p.message)
        for p in from_dicts.errors
    ]
    assert shifted == [(p.path, p.message) for p in from_file.errors]
    paths = {p.path.split(".", 2)[2] for p in from_file.errors}
    assert paths == {
        "pendamping.1.nip",
        "layanan.1",
        "korban.nomor_registrasi",
        "pendamping.2.nama",
    }
    assert not any(".0." in p.path for p in from_dicts.errors)  # never a 0-based index

    def lines(exc: surat.SuratError, first: int) -> list[str]:
        text = re.sub(r"kolom [A-Z]+ '", "kolom '", str(exc))
        return [
            re.sub(r"^(\s*)baris (\d+)", lambda m: f"{m[1]}baris {int(m[2]) - first}", ln)
            for ln in text.splitlines()
        ]

    assert lines(from_file, 2) == lines(from_dicts, 1)
    assert str(from_file).startswith("persetujuan: 4 dari 10 baris bermasalah")
    assert "kolom 'pendamping.1.nip'" in str(from_dicts)
    # the same letters from the rows without a problem
    good = [r for i, r in enumerate(_ten_rows()) if i < 6]
    path.unlink()
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(good[0]))
        w.writeheader()
        w.writerows(good)
    with path.open(encoding="utf-8", newline="") as f:
        dicts = list(csv.DictReader(f))
    letters = [validate_rows("persetujuan", as_rows(s)) for s in (path, dicts)]
    assert [m.model_dump() for m in letters[0]] == [m.model_dump() for m in letters[1]]
    assert len(letters[0]) == 6 and len(letters[0][1].pendamping) == 1
    assert letters[0][3].kepada == "Sdr. Pelapor"


def test_dict_rows_with_more_cells_than_columns_are_refused_as_the_csv_is() -> None:
    from surat.batch.rows import as_rows

    with pytest.raises(surat.SuratError, match="baris 1: sel lebih banyak daripada kolom"):
        as_rows(csv.DictReader(io.StringIO("kepada,korban.nama\nSdr. Pelapor,A,B\n")))


def test_a_number_given_by_hand_prints_only_with_the_date_the_agenda_gave_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A clerk reuses yesterday's number for today's letter, on the command line or as
    a batch row: the letter would print a number and a date the agenda does not
    hold together. Refused before anything is written or taken, naming both dates
    and (in a batch) the row; the matching date prints."""
    kantor = str(Path(__file__).resolve().parents[2] / "examples" / "kantor.toml")
    office = surat.Office.from_toml(kantor)
    db = tmp_path / "agenda.db"
    data = example_data("persetujuan")
    with surat.Register(db, office=office) as reg:
        seed_books(reg, kasus=1, masuk=14)
        nomor = str(reg.issue(**surat.letters.validate("persetujuan", data).agenda(office)))
        books = reg.entries(tahun=None)
    other = {**data, "tanggal": "2026-11-28"}
    source = tmp_path / "data.json"
    source.write_text(json.dumps(other, default=str), encoding="utf-8")
    base = ["buat", "persetujuan", str(source), "--kantor", kantor, "--db", str(db),
            "--nomor", nomor]  # fmt: skip
    assert main([*base, "-o", str(tmp_path / "x.docx")]) == 1
    err = capsys.readouterr().err
    assert "surat bertanggal 2026-11-28, nomornya tercatat bertanggal 2026-11-22" in err
    with pytest.raises(surat.SuratError, match=r"baris 2: nomor .* bertanggal 2026-11-22"):
        print_batch("persetujuan", [data, {**other, "nomor": nomor}], tmp_path / "c.pdf",
                    register=db, office=office, progress=False)  # fmt: skip
    short = nomor.replace("001/", "1/", 1)  # as a clerk types it
    with pytest.raises(surat.SuratError, match=f"baris 1: nomor {short} tidak ada") as err:
        print_batch("persetujuan", [{**data, "nomor": short}], tmp_path / "c.pdf",
                    register=db, office=office, progress=False)  # fmt: skip
    assert f"tercatat {nomor}: tulis nomor persis seperti tercetak" in str(err.value)
    assert main([*base[:-1], short, "-o", str(tmp_path / "x.docx")]) == 1
    assert f"tercatat {nomor}" in capsys.readouterr().err
    assert not list(tmp_path.glob("x.*")) and not list(tmp_path.glob("c.*"))
    with surat.Register(db, office=office) as reg:
        assert reg.entries(tahun=None) == books
    source.write_text(json.dumps(data, default=str), encoding="utf-8")
    assert main([*base, "-o", str(tmp_path / "x.docx")]) == 0
