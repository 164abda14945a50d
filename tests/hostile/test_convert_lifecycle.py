"""A converter that times out, loses a worker or is killed leaves nothing behind.

Nothing means: no LibreOffice process (nor the worker driving it), no
``$TMPDIR/surat-lo-*`` profile, no ``/tmp/OSL_PIPE_*`` socket; and the error
says how many of the documents submitted were done.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pdf_support import first_line, make_docx

import surat
from surat.pdf import Converter
from surat.pdf.profile import PREFIX, pipe_files


def running(mark: str) -> list[int]:
    """Processes (not zombies) whose command line contains *mark*."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError, IndexError):
            if mark.encode() not in (proc / "cmdline").read_bytes():
                continue
            if (proc / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                found.append(int(proc.name))
    return found


def mine() -> set[Path]:
    """The LibreOffice folders of this test process."""
    return set(Path(tempfile.gettempdir()).glob(f"{PREFIX}{os.getpid()}-*"))


def docs(n: int) -> list[tuple[str, bytes]]:
    return [(f"d{i}", make_docx(f"Surat {i}")) for i in range(n)]


def test_a_timeout_kills_the_group_removes_profile_and_pipes_and_counts() -> None:
    with Converter(workers=1) as conv:
        conv.start()
        (worker,) = conv._pool  # type: ignore[attr-defined]
        folder, pipe = worker.profile.path, worker.profile.pipe
        sockets = pipe_files(folder / "profile", pipe)
        assert all(s.exists() for s in sockets)  # the running LibreOffice's pipes
        assert len(running(str(folder))) >= 3  # worker, soffice, soffice.bin
        conv.timeout = 0.05
        with pytest.raises(surat.SuratError, match=r"dalam 0\.05 s \(\d dari 10 dokumen selesai\)"):
            conv.convert_many(docs(10))
        assert running(str(folder)) == []
        assert not folder.exists()
        assert not any(s.exists() for s in sockets)
        conv.timeout = 120  # and the converter starts afresh
        assert first_line(conv.convert(make_docx("pulih"), "pulih")) == "pulih"


def test_the_sockets_are_found_whatever_the_folder_is_called(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # LibreOffice names its socket after its own spelling of the profile's URL, which
    # leaves "+@,=!$&'()*:" unescaped where Path.as_uri() escapes them: in such a
    # $TMPDIR the socket of every soffice that was killed stayed in /tmp
    tmp = tmp_path / "a+b@c,d=e!f$g&h'i(j)k*l:m"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    with Converter(workers=1) as conv:
        conv.start()
        (worker,) = conv._pool  # type: ignore[attr-defined]
        sockets = pipe_files(worker.profile.path / "profile", worker.profile.pipe)
        assert [s.exists() for s in sockets] == [True, True]
    assert [s for s in sockets if s.exists()] == []


def test_a_timeout_while_libreoffice_starts_leaves_nothing() -> None:
    before = mine()
    with Converter(workers=2, timeout=0.05) as conv:
        with pytest.raises(surat.SuratError, match=r"\(0 dari 10 dokumen selesai\)"):
            conv.convert_many(docs(10))
        assert mine() - before == set()  # killed while starting: their folders are gone
        for pid in running(f"{PREFIX}{os.getpid()}-"):  # only other converters' processes
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            assert any(os.fsencode(f) in cmdline for f in before)
    for folder in before:  # other converters of this process are untouched
        assert folder.exists()


def test_a_generator_input_counts_what_was_done() -> None:
    def gen() -> Iterator[tuple[str, bytes]]:
        yield from docs(6)

    with (
        Converter(workers=1, timeout=0.05) as conv,
        pytest.raises(surat.SuratError, match=r"\(0 dokumen selesai\)"),
    ):
        conv.convert_many(gen())


def test_a_worker_killed_mid_run_is_replaced_and_leaves_nothing() -> None:
    with Converter(workers=1) as conv:
        conv.start()
        (worker,) = conv._pool  # type: ignore[attr-defined]
        folder = worker.profile.path
        victims: list[int] = []

        def gen() -> Iterator[tuple[str, bytes]]:
            yield ("d0", make_docx("Surat 0"))
            victims.extend(running(str(folder)))
            os.kill(worker.proc.pid, signal.SIGKILL)  # the worker, not its LibreOffice
            yield from docs(3)[1:]

        pdfs = conv.convert_many(gen())
        assert [first_line(p) for p in pdfs] == ["Surat 0", "Surat 1", "Surat 2"]
        assert len(victims) >= 3
        time.sleep(0.2)
        assert running(str(folder)) == []  # its soffice went with it: no orphan
        assert not folder.exists()


KILLED_OWNER = textwrap.dedent(
    """
    import os, signal, sys
    from surat.pdf import Converter
    conv = Converter(workers=1, backend=sys.argv[1]).start()
    print(conv._pool[0].profile.path, flush=True)
    if sys.argv[1] == "soffice":
        conv.convert(open(sys.argv[2], "rb").read(), "x")
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.mark.parametrize("backend", ["uno", "soffice"])
def test_the_next_converter_removes_what_a_killed_owner_left(backend: str, tmp_path: Path) -> None:
    letter = tmp_path / "a.docx"
    letter.write_bytes(make_docx("a"))
    owner = subprocess.run(
        [sys.executable, "-c", KILLED_OWNER, backend, str(letter)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert owner.returncode == -signal.SIGKILL
    folder = Path(owner.stdout.strip())
    assert folder.exists()  # SIGKILL gave it no chance to clean up
    deadline = time.monotonic() + 10
    while running(str(folder)) and time.monotonic() < deadline:
        time.sleep(0.1)  # the UNO worker sees its parent die and stops its LibreOffice
    # a stray process still on the dead owner's profile is stopped too
    stray = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(120)", str(folder / "profile")],
        start_new_session=True,
    )
    live = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))  # a live owner's folder
    # a folder whose pid looks dead (another pid namespace) but whose lock is held
    gone = subprocess.Popen(["true"])
    gone.wait()
    locked = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{gone.pid}-"))
    lock = os.open(locked / "lock", os.O_CREAT | os.O_WRONLY, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        with Converter(workers=1, backend="soffice") as conv:
            conv.start()
        assert not folder.exists()
        assert stray.wait(10) == -signal.SIGKILL
        assert live.exists()
        assert locked.exists()
        assert not any(s.exists() for s in pipe_files(folder / "profile"))
    finally:
        stray.kill()
        stray.wait()
        live.rmdir()
        os.close(lock)
        shutil.rmtree(locked)


def strays(before: set[Path]) -> list[int]:
    """Processes on a LibreOffice folder of this process made after *before*."""
    found = []
    for pid in running(f"{PREFIX}{os.getpid()}-"):
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        if not any(os.fsencode(f) in cmdline for f in before):
            found.append(pid)
    return found


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.5, 1.5])
def test_closing_while_libreoffice_starts_in_the_background_leaves_nothing(delay: float) -> None:
    """Closed at any moment of a start in the background (before the process,
    while LibreOffice starts, once it runs): nothing is left."""
    before = mine()
    conv = Converter(workers=1, backend="uno").start(wait=False)
    time.sleep(delay)
    conv.close()
    assert mine() - before == set()
    assert strays(before) == []
    with pytest.raises(surat.SuratError, match="ditutup"):
        conv.convert(make_docx("a"), "a")


def test_a_background_start_that_fails_is_reported_by_the_conversion(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from surat.pdf import uno_worker

    real = uno_worker.UnoWorker.__init__

    def broken(self: uno_worker.UnoWorker, python: str, soffice: str) -> None:
        real(self, python, "/bin/false")  # a "LibreOffice" that exits at once

    monkeypatch.setattr(uno_worker.UnoWorker, "__init__", broken)
    before = mine()
    with Converter(workers=1, backend="uno") as conv:
        conv.start(wait=False)
        with pytest.raises(surat.SuratError, match="tidak berjalan"):
            conv.convert(make_docx("a"), "a")
    assert mine() - before == set()
    assert strays(before) == []


def test_a_closed_worker_never_starts_again() -> None:
    """A start that comes after close (a thread that was slow to get going) is
    refused instead of leaving a LibreOffice no one will stop."""
    from surat.pdf import find_uno_python, soffice_path
    from surat.pdf.uno_worker import UnoWorker

    python = find_uno_python()
    assert python is not None
    before = mine()
    worker = UnoWorker(python, soffice_path())
    worker.close()
    with pytest.raises(surat.SuratError, match="ditutup"):
        worker.start()
    assert mine() - before == set()
    assert strays(before) == []


def uno_worker() -> Any:
    from surat.pdf import find_uno_python, soffice_path
    from surat.pdf.uno_worker import UnoWorker

    python = find_uno_python()
    assert python is not None
    return UnoWorker(python, soffice_path())


def test_a_background_start_has_started_libreoffice_when_it_returns() -> None:
    """``start(wait=False)`` starts the process itself before returning (a thread
    would wait for the interpreter while the letter renders); only the wait
    for it to be ready runs in the background, and it is not started twice."""
    before = mine()
    with Converter(workers=1, backend="uno") as conv:
        conv.start(wait=False)
        (worker,) = conv._pool  # type: ignore[attr-defined]
        proc = worker.proc
        assert proc is not None and proc.poll() is None
        assert running(str(worker.profile.path))
        assert first_line(conv.convert(make_docx("segera"), "a")) == "segera"
        assert worker.proc is proc and len(mine() - before) == 1
    assert mine() - before == set()
    assert strays(before) == []


def test_a_launched_worker_is_waited_for_not_launched_again() -> None:
    before = mine()
    worker = uno_worker()
    try:
        worker.launch()
        proc = worker.proc
        assert proc is not None and not worker.ready  # running, not known to be ready
        worker.launch()  # a second launch changes nothing
        worker.start()
        assert worker.ready and worker.proc is proc
        assert len(mine() - before) == 1
    finally:
        worker.close()
    assert mine() - before == set()
    assert strays(before) == []


def test_a_worker_killed_while_it_starts_says_so_keeps_the_seed_and_starts_again() -> None:
    """A kill (timeout, interrupt) during the start is not LibreOffice's failing
    to start: the error says it was stopped, the seed stays, and the worker may
    be started again."""
    from surat.pdf import seed, soffice_path

    with Converter(workers=1) as conv:  # a seed exists from here on
        conv.convert(make_docx("benih"), "a")
    saved = seed.folder(soffice_path())
    assert saved is not None and saved.exists()
    before = mine()
    worker = uno_worker()
    try:
        worker.launch()
        # held still until the kill, so the kill lands while it starts however fast
        # this machine starts LibreOffice (0.4 s with a seed)
        assert worker.proc is not None
        os.killpg(worker.proc.pid, signal.SIGSTOP)
        killer = threading.Timer(0.2, worker.kill)
        killer.start()
        with pytest.raises(surat.SuratError, match="berhenti saat dijalankan"):
            worker.start()
        killer.join()
        assert saved.exists()
        assert mine() - before == set()
        worker.start()
        assert worker.ready
    finally:
        worker.close()
    assert mine() - before == set()
    assert strays(before) == []


def test_a_bridge_that_cannot_run_is_named_by_the_start_not_the_launch() -> None:
    from surat.pdf import soffice_path
    from surat.pdf.uno_worker import UnoWorker

    before = mine()
    worker = UnoWorker("/nonexistent/python3", soffice_path())
    worker.launch()  # quietly: the start reports it
    with pytest.raises(surat.SuratError, match="/nonexistent/python3 tidak dapat dijalankan"):
        worker.start()
    worker.close()
    assert mine() - before == set()


def test_a_call_starts_its_first_libreoffice_before_it_reads_a_document() -> None:
    """The first LibreOffice starts as the call begins, so that its start overlaps
    the making of the first documents; a second one only when work waits for it."""
    before = mine()
    seen: list[bool] = []
    with Converter(workers=2, backend="uno") as conv:

        def items() -> Iterator[tuple[str, bytes]]:
            first, second = conv._pool  # type: ignore[attr-defined]
            seen.append(first.proc is not None and bool(running(str(first.profile.path))))
            seen.append(second.proc is None)
            yield ("a", make_docx("pertama"))

        (pdf,) = conv.convert_many(items())
        assert first_line(pdf) == "pertama"
        assert seen == [True, True]
        assert len(mine() - before) == 1  # one LibreOffice for one document
    assert mine() - before == set()
    assert strays(before) == []


@pytest.mark.parametrize("join", [0, 25])
def test_a_call_whose_documents_fail_at_once_leaves_nothing_after_close(join: int) -> None:
    """The LibreOffice started at the beginning of a call whose input fails before
    its first document is stopped with the call (an exception of the caller's
    own may come from anywhere: a job may hang), and close finds nothing."""
    before = mine()

    def items() -> Iterator[tuple[str, bytes]]:
        raise ValueError("rusak")
        yield ("a", b"")  # pragma: no cover

    with Converter(workers=2, backend="uno") as conv:
        with pytest.raises(ValueError, match="rusak"):
            conv.convert_many(items(), join=join)
        assert mine() - before == set() and strays(before) == []
    assert mine() - before == set()
    assert strays(before) == []


def test_a_converter_never_used_starts_nothing() -> None:
    before = mine()
    conv = Converter(workers=2, backend="uno")
    calls = conv.imap([("a", make_docx("a"))])  # a call never iterated
    assert mine() - before == set() and strays(before) == []
    conv.close()
    calls.close()
    assert mine() - before == set() and strays(before) == []


def test_a_forked_child_starts_nothing_for_its_parents_converter() -> None:
    """A converter belongs to the process that made it: a call in a forked child
    is refused before it starts a LibreOffice; the parent's keeps working."""
    before = mine()
    with Converter(workers=1, backend="uno") as conv:
        pid = os.fork()
        if pid == 0:  # the child: refused, and no LibreOffice folder of its own
            code = 1
            try:
                conv.convert(make_docx("anak"), "a")
            except surat.SuratError as exc:
                mark = f"{PREFIX}{os.getpid()}-"
                made = list(Path(tempfile.gettempdir()).glob(f"{mark}*"))
                code = 0 if "proses lain" in str(exc) and not made and not running(mark) else 2
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert first_line(conv.convert(make_docx("induk"), "b")) == "induk"
    assert mine() - before == set()
    assert strays(before) == []
