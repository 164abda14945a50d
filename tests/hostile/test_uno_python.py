"""The remembered answer to "which Python has uno" is used only while it is
exactly what surat wrote: among the same candidates, with the same files.
Anything else, and the candidates are tried again (a process each)."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from surat.pdf import system


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[str]]]:
    """An empty cache folder, a forgotten answer; yields the commands each search ran."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SURAT_UNO_PYTHON", raising=False)
    system._find_uno_python.cache_clear()
    ran: list[list[str]] = []
    real = subprocess.run

    def counted(cmd: list[str], *args: object, **kwargs: object) -> object:
        ran.append(cmd)
        return real(cmd, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(system.subprocess, "run", counted)
    yield ran
    system._find_uno_python.cache_clear()


def search_again() -> str | None:
    system._find_uno_python.cache_clear()  # as a new process would
    return system.find_uno_python()


def memo(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "surat" / system.REMEMBERED


def test_the_answer_is_kept_and_used_while_nothing_changed(
    fresh: list[list[str]], tmp_path: Path
) -> None:
    found = system.find_uno_python()
    assert found is not None and fresh  # tried by starting it
    kept = memo(tmp_path)
    assert kept.stat().st_mode & 0o777 == 0o600
    assert json.loads(kept.read_text())["python"] == found
    fresh.clear()
    assert search_again() == found
    assert fresh == []  # no Python started


def planted(tmp_path: Path, fresh: list[list[str]], **change: object) -> None:
    system.find_uno_python()
    data = json.loads(memo(tmp_path).read_text())
    data.update(change)
    memo(tmp_path).write_text(json.dumps(data))
    fresh.clear()


def test_a_changed_file_asks_again(fresh: list[list[str]], tmp_path: Path) -> None:
    system.find_uno_python()
    data = json.loads(memo(tmp_path).read_text())
    first = next(iter(data["files"]))
    data["files"][first][0] += 1  # as after an upgrade
    memo(tmp_path).write_text(json.dumps(data))
    fresh.clear()
    assert search_again() is not None
    assert fresh  # tried again


def test_a_planted_interpreter_is_never_run(fresh: list[list[str]], tmp_path: Path) -> None:
    evil = tmp_path / "python"
    evil.write_text("#!/bin/sh\ntouch " + str(tmp_path / "ran") + "\n")
    evil.chmod(0o700)
    st = evil.stat()  # its true size and time: only "not a candidate" stops it
    planted(tmp_path, fresh, python=str(evil), files={str(evil): [st.st_size, st.st_mtime_ns]})
    assert search_again() != str(evil)
    assert not (tmp_path / "ran").exists()
    assert all(cmd[0] != str(evil) for cmd in fresh)


def test_an_answer_among_other_candidates_asks_again(
    fresh: list[list[str]], tmp_path: Path
) -> None:
    planted(tmp_path, fresh, candidates=["/usr/bin/python3"])
    assert search_again() is not None
    assert fresh


@pytest.mark.parametrize("body", ["not json", "[]", '{"python": 1}', "x" * 5000])
def test_a_broken_answer_asks_again(fresh: list[list[str]], tmp_path: Path, body: str) -> None:
    system.find_uno_python()
    memo(tmp_path).write_text(body)
    fresh.clear()
    assert search_again() is not None
    assert fresh


def test_a_linked_answer_asks_again(fresh: list[list[str]], tmp_path: Path) -> None:
    system.find_uno_python()
    kept = memo(tmp_path)
    elsewhere = tmp_path / "elsewhere.json"
    kept.rename(elsewhere)
    kept.symlink_to(elsewhere)
    fresh.clear()
    assert search_again() is not None
    assert fresh


def test_a_cache_folder_others_may_write_is_not_used(
    fresh: list[list[str]], tmp_path: Path
) -> None:
    system.find_uno_python()
    memo(tmp_path).parent.chmod(0o777)
    fresh.clear()
    assert search_again() is not None
    assert fresh
    os.chmod(memo(tmp_path).parent, 0o700)
