"""The staff notebook runs from the examples folder, as staff would run it."""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

import nbformat
from nbclient import NotebookClient

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_notebook_is_stripped() -> None:
    nb = nbformat.read(EXAMPLES / "panduan.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_notebook_runs_and_shows_the_letter(tmp_path: Path) -> None:
    work = tmp_path / "examples"
    work.mkdir()
    for name in ("panduan.ipynb", "kantor.toml"):
        shutil.copy(EXAMPLES / name, work / name)
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
    # the case's books: the kronologi shown as a page, the report's counts and chart
    assert len(images) >= 3
    assert "Laporan November 2026: 1 kasus terdaftar" in text
    assert (work / "out" / "kronologi-panduan.pdf").stat().st_size > 10_000
    assert "langkah 2  09.10-10.25   75/60 menit  TERLAMBAT" in text  # the case through SOP 34
    assert (work / "out" / "cetak-panduan.pdf").stat().st_size > 0
