"""The README's Python blocks run as written, in order, from a fresh folder;
so does the consumer example (which mypy --strict checks in make test)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from surat.cli import main

ROOT = Path(__file__).parent.parent
BLOCK = re.compile(r"^(<!-- not run[^\n]*-->\n)?```python\n(.*?)^```", re.S | re.M)


def blocks() -> list[str]:
    """The Python blocks, except doctests ('>>>', run by pytest's doctest collection)
    and those marked ``<!-- not run ... -->`` (saying why)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [
        code
        for marker, code in BLOCK.findall(text)
        if not marker and not code.lstrip().startswith(">>>")
    ]


def test_readme_python_blocks_run_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # as a pip user: no examples/, the starter files instead
    assert main(["contoh", "kantor", "-o", "kantor.toml"]) == 0
    assert main(["contoh", "kasus", "-o", "kasus.json"]) == 0
    found = blocks()
    assert len(found) >= 4
    namespace: dict[str, object] = {}
    for i, code in enumerate(found):
        exec(compile(code, f"README.md block {i + 1}", "exec"), namespace)
    assert len(PdfReader("cetak.pdf").pages) == 3  # the letter and two stamped copies
    assert namespace["pdf"].getvalue().startswith(b"%PDF")  # type: ignore[attr-defined]
    assert sorted(os.listdir(tmp_path)) == [
        "agenda.db",
        "cetak.pdf",
        "kantor.toml",
        "kasus.db",
        "kasus.json",
        "persetujuan.docx",
    ]


def test_the_consumer_example_runs(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "consumer.py"), str(tmp_path / "agenda.db")],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    assert "form errors: {'kepada':" in out.stdout
    assert "letter:" in out.stdout and "numbers: ['aktif']" in out.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.db"]
