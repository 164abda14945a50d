"""Command lines that would leave a letter unprotected or destroy a clerk's work."""

from __future__ import annotations

import csv
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import surat
from surat.cli import main

EXAMPLES = Path(__file__).parent.parent.parent / "examples"


def _batch(tmp_path: Path) -> list[str]:
    """A one-letter batch whose number was taken elsewhere: no register, no number at stake."""
    with (EXAMPLES / "batch.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    src = tmp_path / "batch.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=[*rows[0], "nomor"])
        w.writeheader()
        w.writerow({**rows[0], "nomor": "045/DP3A-PP-KB/PPA/XI/2026"})
    return ["cetak", str(src), "--jenis", "persetujuan", "--diam"]


@pytest.mark.parametrize("how", ["flag", "env"])
def test_an_empty_password_is_refused_not_ignored(
    how: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # An empty password once wrote an unencrypted pack and exited 0: the clerk believed
    # the victims' letters were protected.
    out = tmp_path / "cetak.pdf"
    argv = [*_batch(tmp_path), "-o", str(out)]
    monkeypatch.delenv("SURAT_SANDI", raising=False)
    if how == "flag":
        argv += ["--sandi", ""]
    else:
        monkeypatch.setenv("SURAT_SANDI", "")
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "sandi" in err.lower() and err.count("\n") == 1
    assert not out.exists()


def test_contoh_does_not_overwrite_without_timpa(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A clerk's edited data file was silently replaced by the example.
    data = tmp_path / "data.json"
    data.write_text('{"edited": "by the clerk"}', encoding="utf-8")
    assert main(["contoh", "persetujuan", "-o", str(data)]) == 1
    err = capsys.readouterr().err
    assert "--timpa" in err and err.count("\n") == 1
    assert data.read_text(encoding="utf-8") == '{"edited": "by the clerk"}'
    assert main(["contoh", "persetujuan", "-o", str(data), "--timpa"]) == 0
    assert "korban" in data.read_text(encoding="utf-8")


@pytest.mark.parametrize("where", ["userinfo", "query"])
def test_the_void_command_for_a_stopped_batch_prints_no_password(
    where: str, postgres_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # `agenda --tertunda` prints a command to copy, with --db: a URL's password
    # would land on the screen, in a terminal's scrollback and in a pasted ticket
    scheme, _, rest = postgres_db.partition("://")
    user, _, server = rest.partition("@")
    if where == "userinfo":
        url = f"{scheme}://{user}:kata-rahasia@{server}"
    else:
        url = f"{scheme}://{server}?user={user}&password=kata-rahasia"
    proc = subprocess.Popen([sys.executable, "-c", "pass"])  # a batch that is gone
    proc.wait()
    with surat.Register(url) as reg:
        reg.issue(
            perihal="Persetujuan",
            tanggal="2026-11-23",
            batch=f"{socket.gethostname()}:{proc.pid}:x",
        )
    assert main(["agenda", "--db", url, "--tertunda"]) == 0
    out, err = capsys.readouterr()
    assert "batalkan: surat nomor batal --db " in out and "SANDI" in out
    assert "kata-rahasia" not in out + err
