"""Passwords stay where they were given: never in the environment of a process
that reads documents, nor in the process list.

LibreOffice reads documents that may be hostile; whatever its processes hold
(``/proc/PID/environ``) is one exploit away from the author of a document.
A command-line argument is in ``ps`` for every user of the machine.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pdf_support import first_line, make_docx
from pypdf import PasswordType, PdfReader

import surat
from surat.cli import main
from surat.pdf import Converter

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

#: What a clerk's shell may hold while surat runs: surat's own two passwords and
#: any other secret (a cloud token) that LibreOffice has no business seeing.
SECRETS = {
    "SURAT_SANDI": "pdf-kata-rahasia-41",
    "SURAT_TTE_SANDI": "tte-kata-rahasia-42",
    "SURAT_SANDI_INTERNAL": "internal-kata-rahasia-44",
    "SECRET_TOKEN": "token-kata-rahasia-43",
}


# -- LibreOffice's environment ---------------------------------------------------


class GroupWatch(threading.Thread):
    """Reads, while a converter runs, the command and the environment of every
    process in the process group of each of its workers (the worker started it
    in a group of its own: the UNO child, oosplash, soffice.bin, and theirs)."""

    def __init__(self, conv: Converter) -> None:
        super().__init__(name="group-watch", daemon=True)
        self.conv = conv
        self.seen: dict[int, tuple[str, bytes]] = {}
        self._done = threading.Event()

    def groups(self) -> set[int]:
        found = set()
        for worker in list(getattr(self.conv, "_pool", [])):
            proc = getattr(worker, "proc", None)
            if proc is not None:
                found.add(proc.pid)  # start_new_session: the group is named after it
        return found

    def run(self) -> None:
        while not self._done.is_set():
            groups = self.groups()
            for proc in Path("/proc").glob("[0-9]*") if groups else ():
                with contextlib.suppress(OSError, IndexError, ValueError):
                    fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
                    if int(fields[2]) not in groups or fields[0] == "Z":
                        continue
                    argv0 = (proc / "cmdline").read_bytes().split(b"\0")[0]
                    environ = (proc / "environ").read_bytes()
                    if argv0:  # not between fork and exec, nor exiting
                        self.seen[int(proc.name)] = (Path(os.fsdecode(argv0)).name, environ)
            time.sleep(0.02)

    def stop(self) -> dict[int, tuple[str, bytes]]:
        self._done.set()
        self.join()
        return self.seen


@pytest.mark.parametrize("backend", ["uno", "soffice"])
def test_libreoffice_never_holds_a_secret_of_the_callers_environment(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # LibreOffice's environment was a copy of os.environ: SURAT_TTE_SANDI and
    # SURAT_SANDI were in /proc/PID/environ of the UNO child, oosplash and soffice.bin
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    with Converter(workers=1, backend=backend) as conv:
        watch = GroupWatch(conv)
        watch.start()
        try:
            pdfs = conv.convert_many([(f"d{i}", make_docx(f"Surat {i}")) for i in range(3)])
        finally:
            seen = watch.stop()
    assert [first_line(p) for p in pdfs] == ["Surat 0", "Surat 1", "Surat 2"]
    names = {name for name, _ in seen.values()}
    assert {"oosplash", "soffice.bin"} <= names  # LibreOffice itself was read while it ran
    if backend == "uno":
        assert any(name.startswith("python") for name in names)  # and the UNO child
    for pid, (name, environ) in seen.items():
        variables = dict(v.split(b"=", 1) for v in environ.split(b"\0") if b"=" in v)
        for secret, value in SECRETS.items():
            assert secret.encode() not in variables, f"{name} ({pid}) holds {secret}"
            assert value.encode() not in environ, f"{name} ({pid}) holds the value of {secret}"
        if name in ("oosplash", "soffice.bin"):  # its own HOME, in its private folder
            assert b"/surat-lo-" in variables[b"HOME"]


def test_the_template_helper_holds_no_secret_either(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an office's own template is filled in by a helper process: a template that
    # got out of the sandbox would find there whatever the caller's environment held
    from surat import render
    from surat.templating import isolation

    from .template_files import office_template

    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    isolation._stop()  # the next template starts a helper with this environment
    path = office_template(tmp_path, "{{ 6 * 7 }}")
    assert "42" in render(path, {}).text()
    (helper, _, _) = isolation._HELPER[0]
    environ = Path(f"/proc/{helper.pid}/environ").read_bytes()
    for secret, value in SECRETS.items():
        assert secret.encode() not in environ and value.encode() not in environ, secret
    assert f"PATH={os.environ['PATH']}".encode() in environ.split(b"\0")


# -- SURAT_SANDI and --sandi ---------------------------------------------------------


PASSWORD = "Kata Rahasia 7%q"  # a space and a % sign: passed as typed


def _batch(tmp_path: Path) -> list[str]:
    """``surat cetak`` of one approval letter whose number was taken elsewhere."""
    with (EXAMPLES / "batch.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    src = tmp_path / "batch.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=[*rows[0], "nomor"])
        w.writeheader()
        w.writerow({**rows[0], "nomor": "045/DP3A-PP-KB/PPA/XI/2026"})
    return ["cetak", str(src), "--jenis", "persetujuan", "--diam"]


def _locked_with(path: Path, password: str) -> bool:
    """Whether the PDF is encrypted, opens with *password* and not without it."""
    data = path.read_bytes()
    if not PdfReader(io.BytesIO(data)).is_encrypted:
        return False
    if PdfReader(io.BytesIO(data)).decrypt("salah") != PasswordType.NOT_DECRYPTED:
        return False
    reader = PdfReader(io.BytesIO(data))
    if reader.decrypt(password) == PasswordType.NOT_DECRYPTED:
        return False
    return "045/DP3A-PP-KB/PPA/XI/2026" in reader.pages[0].extract_text()


@pytest.mark.parametrize(
    "given",
    [["--sandi", PASSWORD], [f"--sandi={PASSWORD}"], ["--san", PASSWORD]],
    ids=["separate", "equals", "prefix"],
)
@pytest.mark.parametrize("env", [False, True], ids=["alone", "with-SURAT_SANDI"])
def test_a_password_on_the_command_line_is_refused_never_used(
    given: list[str],
    env: bool,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # `surat cetak --sandi SANDI` put the PDF's password in argv: in `ps` for every
    # user of the machine, and in the shell's history
    monkeypatch.delenv("SURAT_SANDI", raising=False)
    if env:
        monkeypatch.setenv("SURAT_SANDI", "dari-lingkungan")
    out = tmp_path / "cetak.pdf"
    assert main([*_batch(tmp_path), "-o", str(out), *given]) == 1
    printed = capsys.readouterr()
    assert "--sandi: opsi ini tanpa nilai" in printed.err and printed.err.count("\n") == 1
    assert PASSWORD not in printed.out + printed.err
    assert "Rahasia" not in printed.out + printed.err
    assert not out.exists()


def test_kasus_refuses_a_password_on_the_command_line_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SURAT_SANDI", raising=False)
    out, db = tmp_path / "kasus.pdf", tmp_path / "kasus.db"
    argv = ["kasus", str(EXAMPLES / "kasus.json"), "-o", str(out), "--db", str(db), "--baru"]
    assert main([*argv, "--sandi", PASSWORD]) == 1
    err = capsys.readouterr().err
    assert "--sandi: opsi ini tanpa nilai" in err and PASSWORD not in err
    assert not out.exists() and not db.exists()  # refused before the register is made


def test_a_stray_value_is_not_echoed_by_the_parser(tmp_path: Path) -> None:
    # the command as a clerk runs it: argparse's own error for a stray word quotes
    # it; a word right after --sandi must be caught before that
    args = _batch(tmp_path)
    out = tmp_path / "cetak.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "surat", *args, "-o", str(out), "--sandi", PASSWORD, "--dupleks"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert "--sandi: opsi ini tanpa nilai" in proc.stderr
    assert PASSWORD not in proc.stdout + proc.stderr
    assert not out.exists()


@pytest.mark.parametrize("flag", [[], ["--sandi"]], ids=["env-only", "flag-and-env"])
def test_surat_sandi_locks_the_pack_and_leaves_the_environment(
    flag: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SURAT_SANDI", PASSWORD)
    out = tmp_path / "cetak.pdf"
    assert main([*_batch(tmp_path), "-o", str(out), *flag]) == 0
    assert "SURAT_SANDI" not in os.environ  # no process started afterwards inherits it
    assert _locked_with(out, PASSWORD)
    printed = capsys.readouterr()
    assert PASSWORD not in printed.out + printed.err


def test_sandi_without_a_terminal_or_surat_sandi_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SURAT_SANDI", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n{PASSWORD}\n"))  # not a terminal
    out = tmp_path / "cetak.pdf"
    assert main([*_batch(tmp_path), "-o", str(out), "--sandi"]) == 1
    err = capsys.readouterr().err
    assert "SURAT_SANDI" in err and "terminal" in err
    assert not out.exists()


def _typed(argv: list[str], answers: list[tuple[str, str]]) -> tuple[int, str]:
    """Run ``python -m surat ARGV`` on a terminal of its own (a pty), typing each
    answer once its prompt shows; its exit status and all the terminal showed."""
    master, slave = os.openpty()
    env = {k: v for k, v in os.environ.items() if k != "SURAT_SANDI"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "surat", *argv],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    shown = b""
    pending = list(answers)
    deadline = time.monotonic() + 180
    try:
        while time.monotonic() < deadline:
            if pending and pending[0][0].encode() in shown:
                prompt, answer = pending.pop(0)
                shown = shown.replace(prompt.encode(), b"[" + prompt.encode() + b"]", 1)
                os.write(master, answer.encode() + b"\n")
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # the command ended: its terminal is gone
                    break
                if not chunk:
                    break
                shown += chunk
            elif proc.poll() is not None:
                break
        status = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    return status, shown.decode(errors="replace")


def test_sandi_asks_for_the_password_twice_without_echo(tmp_path: Path) -> None:
    out = tmp_path / "cetak.pdf"
    argv = [*_batch(tmp_path), "-o", str(out), "--sandi"]
    status, shown = _typed(
        argv, [("Sandi PDF (tidak ditampilkan): ", PASSWORD), ("Ulangi sandi PDF: ", PASSWORD)]
    )
    assert status == 0, shown
    assert "[Sandi PDF" in shown and "[Ulangi sandi PDF" in shown  # both prompts were answered
    assert PASSWORD not in shown  # never echoed
    assert _locked_with(out, PASSWORD)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ([("Sandi PDF", PASSWORD), ("Ulangi", PASSWORD + "x")], "kedua sandi yang diketik berbeda"),
        ([("Sandi PDF", "  ")], "sandi kosong membuat PDF tidak terkunci"),
    ],
    ids=["differ", "empty"],
)
def test_a_mistyped_or_empty_password_writes_nothing(
    answers: list[tuple[str, str]], expected: str, tmp_path: Path
) -> None:
    out = tmp_path / "cetak.pdf"
    status, shown = _typed([*_batch(tmp_path), "-o", str(out), "--sandi"], answers)
    assert status == 1, shown
    assert expected in shown and PASSWORD not in shown
    assert not out.exists()


# -- SURAT_TTE_SANDI ---------------------------------------------------------------


def test_surat_tte_sandi_leaves_the_environment_once_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyhanko")
    import json

    import tte_support as ts

    ca = ts.make_ca()
    p12 = ts.p12(tmp_path, ca, "ROSMAWATI")
    data = surat.example_data("persetujuan")
    data.pop("tanggal")
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    monkeypatch.setenv("SURAT_TTE_SANDI", ts.SANDI)
    out = tmp_path / "x.pdf"
    argv = ["buat", "persetujuan", str(path), "--kantor", str(EXAMPLES / "kantor.toml")]
    argv += ["--nomor", "045/DP3A-PP-KB/PPA/XI/2026", "-o", str(out), "--tte", str(p12)]
    argv += ["--paraf-kertas"]
    assert main(argv) == 0
    assert "SURAT_TTE_SANDI" not in os.environ
    assert main(["tte", "periksa", str(out), "--ca", str(ca.pem(tmp_path))]) == 0
    printed = capsys.readouterr()
    assert printed.out.rstrip().endswith("HASIL: SAH")
    assert ts.SANDI not in printed.out + printed.err
