"""Command lines that would leave a letter unprotected or destroy a clerk's work."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import surat
from surat.cli import main
from surat.files import MAX_DATA_BYTES

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


# -- --json and stdin: what a script's logs would keep ------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["buat", "Putri Ayu Lestari", "data.json", "-o", "x.pdf"],  # a name where a kind goes
        ["terbilang", "5", "Putri", "Ayu", "Lestari"],  # stray words
        ["agenda", "--db", "a.db", "--tahun", "2171015708900001x"],  # a NIK-like typo
        ["buat", "persetujuan", "d.json", "-o", "x.pdf", "--nomor=1/X", "--putri=Ayu"],
    ],
)
def test_a_json_usage_error_quotes_no_word_typed(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # an application logs the JSON error; argparse's own message quotes what was typed
    with pytest.raises(SystemExit) as exc:
        main([*argv, "--json"])
    out, err = capsys.readouterr()
    assert exc.value.code == 2 and out == ""
    obj = json.loads(err)
    assert obj["exit"] == 2
    for secret in ("Putri", "Ayu", "Lestari", "2171015708900001"):
        assert secret not in err
    # without --json, at a terminal, argparse says it as it always has
    with pytest.raises(SystemExit):
        main(argv)
    assert capsys.readouterr().err.startswith("pemakaian:")


def test_an_unexpected_error_under_json_names_only_its_type(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # a bug's message may quote anything it was given; the JSON error goes to logs
    def broken(angka: object) -> str:
        raise KeyError("Putri Ayu Lestari")

    monkeypatch.setattr("surat.words.terbilang", broken)
    assert main(["terbilang", "5", "--json"]) == 70
    out, err = capsys.readouterr()
    assert out == "" and "Putri" not in err
    obj = json.loads(err)
    assert obj["exit"] == 70 and obj["error"].startswith("galat internal (KeyError)")
    # without --json: Python's traceback, for the one who runs it, and the same code
    assert main(["terbilang", "5"]) == 70
    assert "Traceback" in capsys.readouterr().err


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_data_is_checked_as_a_file_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["buat", "permohonan", "-", "-o", str(tmp_path / "p.docx"), "--json"]
    # endless data on stdin stops at the data file's limit, not at the memory's
    _stdin(monkeypatch, b'{"a": "' + b"x" * MAX_DATA_BYTES + b'"}')
    assert main(argv) == 1
    assert json.loads(capsys.readouterr().err)["error"] == "stdin: data lebih besar dari 64 MB"
    _stdin(monkeypatch, b'{"pelapor": {"nama": "Sri\x00"}}')
    assert main(argv) == 1
    assert json.loads(capsys.readouterr().err)["error"].startswith("stdin: baris 1: ada bait NUL")
    _stdin(monkeypatch, b'{"nik": "1", "nik": "2171015708900001"}')
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "muncul dua kali" in err and "2171015708900001" not in err
    _stdin(monkeypatch, b"[1, 2]")  # JSON that is no object: read as TOML, refused as such
    assert main(argv) == 1
    assert "stdin: bukan TOML yang sah" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_signed_letter_to_stdout_is_a_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the format of -o - decides, as the suffix of a file does: a signed .docx would
    # leave the number taken for a letter without its signature
    db = tmp_path / "agenda.db"
    _stdin(monkeypatch, b"{}")
    argv = ["buat", "persetujuan", "-", "-o", "-", "--format", "docx", "--db", str(db), "--baru",
            "--tte", str(tmp_path / "ttd.p12")]  # fmt: skip
    assert main(argv) == 1  # before the passphrase is asked for, before stdin is read
    assert "surat bertanda tangan adalah PDF" in capsys.readouterr().err
    assert sys.stdin.read() == "{}" and not db.exists()
