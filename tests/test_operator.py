"""What an operator sees: log events under 'surat', and progress bars only on a terminal."""

from __future__ import annotations

import csv
import logging
from pathlib import Path

import pytest

import surat
from surat.cli import main
from surat.pdf import Converter
from surat.privacy import find_personal

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_the_surat_logger_is_silent_by_default() -> None:
    handlers = logging.getLogger("surat").handlers
    assert any(isinstance(h, logging.NullHandler) for h in handlers)


def test_a_converter_logs_its_workers_and_nothing_of_the_letter(
    caplog: pytest.LogCaptureFixture,
) -> None:
    data = surat.example_data("persetujuan")
    doc = surat.render("persetujuan", data, nomor="001/DP3A-PP-KB/PPA/XI/2026")
    caplog.set_level(logging.DEBUG, logger="surat")
    with Converter(workers=1) as conv:
        conv.convert(doc.docx, doc.label)
    events = [r.getMessage() for r in caplog.records if r.name.startswith("surat.")]
    assert any(e.startswith("converter: 1 ") for e in events), events
    assert find_personal(caplog.text, data) == []


def test_no_progress_bar_in_a_log(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """stderr is not a terminal here (a log, a cron mail): no '\\r' or escape codes."""
    with (EXAMPLES / "batch.csv").open(encoding="utf-8", newline="") as f:
        row = next(csv.DictReader(f))
    src = tmp_path / "batch.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=[*row, "nomor"])
        w.writeheader()
        w.writerow({**row, "nomor": "045/DP3A-PP-KB/PPA/XI/2026"})
    out = tmp_path / "cetak.pdf"
    assert main(["cetak", str(src), "--jenis", "persetujuan", "-o", str(out)]) == 0  # no --diam
    err = capsys.readouterr().err
    assert "\r" not in err and "\x1b" not in err and "surat/s" not in err
