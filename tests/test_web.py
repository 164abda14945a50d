"""The web guide's example under a real server: gunicorn, two workers, concurrent requests.

Numbers stay unique and gapless across the worker processes, every answer is
the letter with its own number, a wrong field is a 422 naming the field, and
no LibreOffice outlives the server.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pypdf import PdfReader

import surat

ROOT = Path(__file__).parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> set[int]:
    """Every descendant of *pid*, from /proc."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _is_libreoffice(pid: int) -> bool:
    """A LibreOffice process itself (soffice.bin), not the Python that drives it."""
    try:
        program = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
    except OSError:
        return False
    return Path(os.fsdecode(program)).name.startswith("soffice")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _post(url: str, body: object) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req, timeout=300) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


@pytest.fixture()
def server(tmp_path: Path) -> object:
    if not GUNICORN.exists():
        pytest.fail("gunicorn is not installed in the test environment (the dev extra)")
    port = _port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONWARNINGS", "SURAT_"))}
    env |= {
        "SURAT_KANTOR": str(ROOT / "examples" / "kantor.toml"),
        "SURAT_DB": str(tmp_path / "agenda.db"),
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.Popen(
        [str(GUNICORN), "-c", "examples/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
         "examples.web_flask:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            time.sleep(0.2)
    yield proc, f"http://127.0.0.1:{port}", tmp_path / "agenda.db"
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")
def test_concurrent_requests_get_unique_gapless_numbers_and_no_libreoffice_stays(
    server: tuple[subprocess.Popen[bytes], str, Path],
) -> None:
    proc, url, db = server
    data = surat.example_data("persetujuan")
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: _post(f"{url}/surat/persetujuan", data), range(20)))
    descendants = _children(proc.pid)
    seen_libreoffice = {p for p in descendants if _is_libreoffice(p)}

    assert [status for status, _, _ in answers] == [200] * 20
    numbers = [headers["X-Nomor"] for _, headers, _ in answers]
    assert sorted(int(n.split("/")[0]) for n in numbers) == list(range(1, 21))
    for nomor, (_, _, pdf) in zip(numbers, answers, strict=True):
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        assert nomor in text  # each answer is the letter with its own number

    # a wrong field: 422, the field named, the value not quoted
    status, _, body = _post(f"{url}/surat/persetujuan", data | {"tanggal": "31/02/2026"})
    problems = json.loads(body)["problems"]
    assert status == 422 and [p["path"] for p in problems] == ["tanggal"]
    assert b"31/02/2026" not in body

    # two workers, letters one per request: at most one LibreOffice each
    assert 1 <= len(seen_libreoffice) <= 2
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(p) for p in descendants):
        time.sleep(0.2)
    assert not [p for p in seen_libreoffice if _alive(p)], "a LibreOffice outlived the server"
    assert not [p for p in descendants if _alive(p)], "a process of the server outlived it"

    with surat.Register(db) as reg:
        entries = reg.entries()
    assert sorted(e.nomor for e in entries) == sorted(numbers)
    assert all(e.status == "aktif" for e in entries)
