"""``surat completion bash``: a valid script that completes commands, actions, options
and choices in a real bash, without running any program when TAB is pressed."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from surat.cli import COMMANDS


@pytest.fixture(scope="module")
def script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    done = subprocess.run(
        [sys.executable, "-m", "surat", "completion", "bash"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stderr == ""
    path = tmp_path_factory.mktemp("completion") / "surat.bash"
    path.write_text(done.stdout, encoding="utf-8")
    return path


def complete(script: Path, line: str, cwd: Path | None = None) -> list[str]:
    """What bash offers for TAB at the end of *line*, the script sourced; PATH leads
    nowhere, so the completion can run no program (no Python, no `surat`)."""
    words = shlex.split(line) + ([""] if line.endswith(" ") else [])
    array = " ".join(shlex.quote(w) for w in words)
    code = (
        f"source {shlex.quote(str(script))}\n"
        f"COMP_WORDS=({array}); COMP_CWORD={len(words) - 1}\n"
        f"COMP_LINE={shlex.quote(line)}; COMP_POINT=${{#COMP_LINE}}\n"
        '_shtab_surat; printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["/bin/bash", "--norc", "--noprofile", "-c", code],
        env={"PATH": "/nonexistent"},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return sorted(done.stdout.split())


def test_the_script_is_valid_bash(script: Path) -> None:
    subprocess.run(["/bin/bash", "-n", str(script)], check=True, timeout=30)


def test_it_completes_commands_actions_options_and_choices(script: Path, tmp_path: Path) -> None:
    assert complete(script, "surat bu") == ["buat"]
    assert complete(script, "surat ") == sorted(COMMANDS)
    assert complete(script, "surat nomor a") == ["ambil"]
    assert complete(script, "surat tte ") == ["periksa"]
    assert complete(script, "surat buat per") == ["permohonan", "pernyataan", "persetujuan"]
    assert complete(script, "surat buat persetujuan data.json --for") == ["--format"]
    assert complete(script, "surat buat persetujuan - -o - --format ") == ["docx", "pdf"]
    assert complete(script, "surat cetak - --format ") == ["csv", "json"]
    assert complete(script, "surat agenda --buku ") == ["kasus", "keluar", "masuk"]
    assert "--json" in complete(script, "surat terbilang --")
    assert complete(script, "surat --js") == ["--json"]
    # a file argument offers the files there
    (tmp_path / "data.json").write_text("{}", encoding="utf-8")
    assert complete(script, "surat buat persetujuan da", cwd=tmp_path) == ["data.json"]
