"""Dates typed by someone careless or hostile: each is refused by its field, in
Indonesian, with a code, and never quoted back; nothing is numbered.

Digits of other scripts (full-width from an IME, Arabic-Indic) would be taken
by Python's ``int()``; a bidi control can make ``22/11/2026`` display as
another date; a year of a thousand digits must not cost a thousand digits of
work or of message.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

import surat
from surat import SuratError
from surat.batch import load_rows, validate_rows
from surat.cli import main
from surat.dates import parse_tanggal
from surat.letters import example_data, validate

HOSTILE = [
    "22/11/99999999",
    "22/11/" + "9" * 5000,
    "9" * 100_000,
    "0/11/2026",
    "00/00/0000",
    "22/0/2026",
    "-22/11/2026",
    "+22/11/2026",
    "２２/１１/２０２６",  # full-width digits
    "٢٢/١١/٢٠٢٦",  # Arabic-Indic digits
    "22/11/2026\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "\u200f22/11/2026",  # RIGHT-TO-LEFT MARK
    "22\u200b/11/2026",  # ZERO WIDTH SPACE
    "22/11/2026\x00",
    "22/11/2026\n2026-11-23",
    "22 Nov\u0435mber 2026",  # a Cyrillic e
    "22 November 2026 2027",
    "1e3",
]


def _message(text: str) -> str:
    with pytest.raises(SuratError) as err:
        parse_tanggal(text)
    return err.value.errors[0].message


#: A refused date's messages, each got from a harmless text of its own.
FIXED = {_message(t) for t in ("31/04/1999", "1999/01/02", "x", "٢")}


@pytest.mark.parametrize("text", HOSTILE)
def test_a_hostile_date_is_refused_with_a_code_and_never_quoted(text: str) -> None:
    with pytest.raises(SuratError) as err:
        parse_tanggal(text, "korban.tanggal_lahir")
    (problem,) = err.value.errors
    assert problem.path == "korban.tanggal_lahir"
    assert problem.type in {"tanggal_format", "tanggal_mustahil", "tanggal_ambigu"}
    assert len(str(err.value)) < 200
    assert problem.message in FIXED  # the same words whatever was typed: never the value


@pytest.mark.parametrize("text", ["２２/１１/２０２６", "٢٢/١١/٢٠٢٦"])
def test_digits_of_another_script_are_named_as_such(text: str) -> None:
    with pytest.raises(SuratError, match="angka 0-9 biasa"):
        parse_tanggal(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_a_hostile_date_in_a_letter_is_refused_by_its_path(text: str) -> None:
    data = example_data("permohonan")
    data["korban"]["tanggal_lahir"] = text
    with pytest.raises(SuratError) as err:
        validate("permohonan", data)
    (problem,) = err.value.errors
    assert problem.path == "korban.tanggal_lahir" and problem.type is not None
    assert problem.type.startswith("tanggal_")
    assert "Putri" not in str(err.value)


def test_a_hostile_date_on_the_command_line_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "agenda.db"
    for text in ("２２/１１/２０２６", "22/11/2026\u202e", "31/02/2026", "22/11/" + "9" * 5000):
        with pytest.raises(SystemExit) as stop:
            main(["nomor", "ambil", "--db", str(db), "--baru", "--perihal", "x", "--tanggal", text])
        assert stop.value.code == 2
        err = capsys.readouterr().err
        assert "--tanggal:" in err and text not in err and "9999" not in err
    assert not db.exists()  # nothing was opened, nothing numbered


def _batch(tmp_path: Path, dates: list[str]) -> Path:
    d: dict[str, Any] = example_data("persetujuan")
    header = ["permohonan.tanggal", "permohonan.nomor_agenda", "korban.nama",
              "korban.nomor_registrasi", "layanan", "pendamping.1.nama",
              "pendamping.1.jabatan"]  # fmt: skip
    path = tmp_path / "b.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for i, typed in enumerate(dates, start=1):
            w.writerow([typed, d["permohonan"]["nomor_agenda"], d["korban"]["nama"],
                        f"{i:03d}/REG-PPA/XI/2026", "; ".join(d["layanan"]),
                        d["pendamping"][0]["nama"], d["pendamping"][0]["jabatan"]])  # fmt: skip
    return path


def test_a_batch_refuses_each_hostile_date_by_row_and_column(tmp_path: Path) -> None:
    path = _batch(tmp_path, ["22/11/2026", "31/02/2026", "11/22/2026", "２２/１１/２０２６"])
    with pytest.raises(SuratError) as err:
        validate_rows("persetujuan", load_rows(path))
    message = str(err.value)
    assert "3 dari 4 baris bermasalah" in message
    assert [(p.path, p.type) for p in err.value.errors] == [
        ("baris.3.permohonan.tanggal", "tanggal_mustahil"),
        ("baris.4.permohonan.tanggal", "tanggal_urutan"),
        ("baris.5.permohonan.tanggal", "tanggal_format"),
    ]
    for typed in ("31/02/2026", "11/22/2026", "２２/１１/２０２６", "Aisyah", "Putri"):
        assert typed not in message


def test_a_batch_refuses_before_any_number(tmp_path: Path) -> None:
    from surat.batch import print_batch

    path = _batch(tmp_path, ["22/11/2026", "2026/11/22"])
    with surat.Register(tmp_path / "agenda.db") as reg:
        with pytest.raises(SuratError, match=r"permohonan\.tanggal"):
            print_batch("persetujuan", path, tmp_path / "c.pdf", register=reg, progress=False)
        assert reg.entries() == []
