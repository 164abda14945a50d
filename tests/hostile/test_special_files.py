"""Files that are not files: a FIFO, a device, a folder, a file too large.

``logo = "/dev/zero"`` in a profile ended in a MemoryError traceback, and a
FIFO hung the profile's load forever. Every file surat reads by a name it was
given (a profile, its emblem and templates, letter data, a template) is
opened without waiting, checked to be a regular file, and read no further
than a limit: the answer is a SuratError naming the file, at once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import surat
from surat import files
from surat.cli import main
from surat.files import read_data
from surat.office import Office

EXAMPLES = Path(__file__).parent.parent.parent / "examples"


def _fifo(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def _profile(folder: Path, extra: str) -> Path:
    text = (EXAMPLES / "kantor.toml").read_text(encoding="utf-8")
    path = folder / "kantor.toml"
    lines = text.splitlines()
    # the extra keys go in the top table, before the first [table]
    first = next(i for i, line in enumerate(lines) if line.startswith("["))
    path.write_text("\n".join([*lines[:first], extra, *lines[first:]]), encoding="utf-8")
    return path


def _in_time(code: str, seconds: float = 60) -> subprocess.CompletedProcess[str]:
    """Run *code* in a child that is killed if it waits: a hang fails, it never blocks."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=seconds
    )


@pytest.mark.parametrize("logo", ["/dev/zero", "FIFO", "FOLDER"])
def test_an_emblem_that_is_no_file_is_refused_at_once(tmp_path: Path, logo: str) -> None:
    if logo == "FIFO":
        logo = str(_fifo(tmp_path, "lambang.png"))
    elif logo == "FOLDER":
        (tmp_path / "lambang").mkdir()
        logo = str(tmp_path / "lambang")
    path = _profile(tmp_path, f'logo = "{logo}"')
    out = _in_time(
        "import sys, surat\n"
        "try:\n"
        f"    surat.Office.from_toml({str(path)!r})\n"
        "except surat.SuratError as e:\n"
        "    print('REFUSED', e)\n"
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("REFUSED"), out.stdout
    assert "logo" in out.stdout and "bukan berkas biasa" in out.stdout
    assert "Traceback" not in out.stderr


def test_an_emblem_too_large_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "lambang.png"
    with big.open("wb") as f:  # sparse: no disk used
        f.truncate(64 * 2**20)
    path = _profile(tmp_path, f'logo = "{big}"')
    with pytest.raises(surat.SuratError, match=r"logo.*lebih besar dari 8 MB"):
        Office.from_toml(path)


def test_an_office_template_that_is_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path, "persetujuan.docx")
    path = _profile(tmp_path, "")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[templat]\n", f'[templat]\npersetujuan = "{fifo}"\n'))
    out = _in_time(
        "import surat\n"
        "try:\n"
        f"    surat.Office.from_toml({str(path)!r})\n"
        "except surat.SuratError as e:\n"
        "    print('REFUSED', e)\n"
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "REFUSED" in out.stdout and "templat.persetujuan" in out.stdout


READERS: dict[str, tuple[str, Callable[[Path], object]]] = {
    "data": ("data.json", read_data),
    "profile": ("kantor.toml", Office.from_toml),
    "template": ("ours.docx", lambda p: surat.render(p, {})),
}


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_fifo_given_as_a_file_is_refused_without_waiting(tmp_path: Path, reader: str) -> None:
    """In this process: opening a FIFO that has no writer would block; it must not."""
    name, read = READERS[reader]
    with pytest.raises(surat.SuratError, match="bukan berkas biasa"):
        read(_fifo(tmp_path, name))


def test_the_command_line_refuses_a_fifo_as_letter_data(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path, "data.json")
    out = tmp_path / "x.docx"
    assert main(["buat", "konseling", str(fifo), "-o", str(out)]) == 1
    assert not out.exists()


def test_a_file_that_grows_while_it_is_read_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"a" * 100)
    assert files.read_regular(path, "x", 100) == b"a" * 100
    with pytest.raises(surat.SuratError, match="lebih besar dari"):
        files.read_regular(path, "x", 99)
