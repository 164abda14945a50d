"""The staff notebook, shipped in the wheel, runs where a clerk puts it, as staff would run it."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).parent.parent / "surat" / "starter" / "panduan.ipynb"


def test_notebook_is_stripped() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_notebook_runs_and_shows_the_letter(tmp_path: Path) -> None:
    work = tmp_path / "kantor"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}
    for kind, name in (("notebook", "panduan.ipynb"), ("kantor", "kantor.toml")):
        # as a clerk gets them: from the installed package, with the command line
        subprocess.run(
            [sys.executable, "-m", "surat", "contoh", kind, "-o", name],
            cwd=work,
            check=True,
            env=env,
            capture_output=True,
        )
    nb = nbformat.read(work / "panduan.ipynb", as_version=4)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": work}}
    ).execute()

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert images, "the letter's preview is shown as an image"
    png = base64.b64decode(images[0]["data"]["image/png"])
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    text = "".join(o.get("text", "") for o in outputs)
    assert "Nomor surat: 001/" in text
    assert "batal" in text
    # the cell of a wrong field names each field, never its value
    assert "\ntanggal " in "\n" + text and "pendamping.0.nip" in text
    assert "31/02/2026" not in text
    # the case's books: the kronologi shown as a page, the report's counts and chart
    assert len(images) >= 3
    assert "Laporan November 2026: 1 kasus terdaftar" in text
    assert (work / "out" / "kronologi-panduan.pdf").stat().st_size > 10_000
    assert "langkah 2  09.10-10.25   75/60 menit  TERLAMBAT" in text  # the case through SOP 34
    assert (work / "out" / "cetak-panduan.pdf").stat().st_size > 0
    # one case file through its stages: the second print numbers only what is new
    assert "16 dokumen, 10 baru; yang lain dicetak ulang:" in text
    assert "cetak ulang" in text and "Kasus ditutup: [datetime.date(2026, 11, 30)]" in text
    assert (work / "out" / "kasus-panduan-internal.pdf").stat().st_size > 10_000
