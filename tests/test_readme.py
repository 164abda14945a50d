"""The README's quick start runs as written, in order, from a fresh folder: its
command lines and its Python blocks; so does the consumer example (which
mypy --strict checks in make test)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from surat.cli import main

ROOT = Path(__file__).parent.parent
BLOCK = re.compile(r"^(<!-- not run[^\n]*-->\n)?```python\n(.*?)^```", re.S | re.M)
SH_BLOCK = re.compile(r"^(<!-- not run[^\n]*-->\n)?```sh\n(.*?)^```", re.S | re.M)


def blocks() -> list[str]:
    """The Python blocks, except doctests ('>>>', run by pytest's doctest collection)
    and those marked ``<!-- not run ... -->`` (saying why)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [
        code
        for marker, code in BLOCK.findall(text)
        if not marker and not code.lstrip().startswith(">>>")
    ]


def quick_start_commands() -> list[list[str]]:
    """The ``surat`` command lines of the quick start's shell blocks, each block in
    order, except those marked ``<!-- not run ... -->``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Quick start") : text.index("\n## ", text.index("## Quick start"))]
    return [
        [shlex.split(line, comments=True) for line in code.splitlines() if line.strip()]
        for marker, code in SH_BLOCK.findall(section)
        if not marker
    ]


def run(argv: list[str]) -> None:
    assert argv[0] == "surat", argv
    assert main(argv[1:]) == 0, argv


def test_readme_quick_start_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # as a pip user: no examples/, the starter files instead
    starters, batch = quick_start_commands()
    for argv in starters:  # surat contoh kantor ..., surat contoh kasus ...
        run(argv)
    found = blocks()
    assert len(found) >= 4
    namespace: dict[str, object] = {}
    for i, code in enumerate(found):
        exec(compile(code, f"README.md block {i + 1}", "exec"), namespace)
    assert len(PdfReader("cetak.pdf").pages) == 3  # the letter and two stamped copies
    assert namespace["pdf"].getvalue().startswith(b"%PDF")  # type: ignore[attr-defined]
    for argv in batch:  # surat contoh batch ..., surat cetak batch.csv ...
        run(argv)
    assert len(PdfReader("batch.pdf").pages) == 33  # ten letters and their 23 stamped copies
    assert sorted(os.listdir(tmp_path)) == [
        "agenda.db",
        "batch.csv",
        "batch.db",
        "batch.pdf",
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
