"""Time and memory limits on filling in an office's own template.

Why a child process: a Jinja template is a small program. The sandbox
(:mod:`surat.templating.sandbox`) refuses the obvious ways to exhaust the machine at
once (a huge ``range``, ``'a' * 10**9``, doubling text in a loop), but
counting every step of every loop inside Jinja is not possible without
patching it, and a list of slow things is never complete. An operating-system
limit is: the template is filled in by a child process that gets
``RLIMIT_AS`` (its size when it starts plus the allowed growth) and is killed
when its time is up. Whatever the template does, the caller gets a
``SuratError`` naming the template within the time limit, and its own memory
is untouched.

How the child is made: one helper process (started on first use, with
the module of the functions it runs imported) forks a fresh child for each template and
waits for it. Forking the helper is safe because it runs no threads, unlike
the caller (a converter, a progress bar); and it is cheap, since nothing is
imported again. ``multiprocessing``'s ``forkserver`` would do the same but
re-runs the caller's main script in each child, which a library may not
impose on its users. The helper exits when the caller does (its input
closes).

The built-in letter kinds are not filled in this way: their templates are
surat's own, their data is validated to bounded sizes, and a batch of them
must stay as fast as plain docxtpl (``benchmarks/render.py``).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from ..childenv import child_env
from ..errors import SuratError

__all__ = ["run_limited"]

T = TypeVar("T")

_MARGIN = 30.0
"""Seconds the caller waits beyond the limit before it gives up on the helper itself."""


# -- the helper process (runs `serve`) -----------------------------------------


def _address_space() -> int | None:
    """This process's virtual size in bytes (Linux), or None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            pages = int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _run_child(
    out: Connection, fn: Callable[..., bytes], args: tuple[Any, ...], memory: int
) -> None:
    """In the forked child: limit memory, run, send ('ok', bytes) or what went wrong."""
    try:
        import resource

        now = _address_space()
        if now is not None and memory > 0:
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            soft = now + memory if hard == resource.RLIM_INFINITY else min(now + memory, hard)
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        result: tuple[str, Any] = ("ok", fn(*args))
    except SuratError as exc:
        result = ("error", str(exc))
    except MemoryError:
        result = ("memory", None)
    except BaseException as exc:  # its message may quote a value: its type only
        result = ("error", f"templat tidak dapat diisi ({type(exc).__name__})")
    try:
        out.send(result)
    except MemoryError:
        out.send(("memory", None))


def serve(preload: str) -> None:
    """The helper's loop: one job (fn, args, seconds, memory) in, one result out.

    *preload* (the module of the functions it runs) is imported once, before
    the first job, and shared by every child.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the caller
    jobs = Connection(os.dup(0), writable=False)
    results = Connection(os.dup(1), readable=False)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(2, 1)  # a stray print must not corrupt the results
    importlib.import_module(preload)

    while True:
        try:
            fn, args, seconds, memory = jobs.recv()
        except (EOFError, OSError):
            return
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            jobs.close()
            results.close()
            os.close(read_fd)
            try:
                _run_child(Connection(write_fd, readable=False), fn, args, memory)
            finally:
                os._exit(0)
        os.close(write_fd)
        child = Connection(read_fd, writable=False)
        result: tuple[str, Any]
        if child.poll(seconds):
            try:
                result = child.recv()
            except (EOFError, OSError):
                result = ("died", None)
        else:
            result = ("timeout", None)
        child.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        results.send((*result, os.waitstatus_to_exitcode(status)))


# -- the caller's side ------------------------------------------------------------

_LOCK = threading.Lock()
_HELPER: list[tuple[subprocess.Popen[bytes], Connection, Connection]] = []


def _helper(preload: str) -> tuple[subprocess.Popen[bytes], Connection, Connection]:
    if _HELPER and _HELPER[0][0].poll() is None:
        return _HELPER[0]
    _stop()
    code = (
        f"import sys; sys.path[:0] = {json.dumps(sys.path)}; "
        f"import surat.templating.isolation as l; l.serve({preload!r})"
    )
    # a template is no place for the caller's passwords or tokens: the few variables
    # any child of surat gets, and the library path this interpreter may need to start
    libs = os.environ.get("LD_LIBRARY_PATH")
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        start_new_session=True,  # not in the terminal's process group: Ctrl-C is ours
        env=child_env(**({"LD_LIBRARY_PATH": libs} if libs else {})),
    )
    assert proc.stdin is not None and proc.stdout is not None
    jobs = Connection(os.dup(proc.stdin.fileno()), readable=False)
    results = Connection(os.dup(proc.stdout.fileno()), writable=False)
    proc.stdin.close()
    proc.stdout.close()
    _HELPER.append((proc, jobs, results))
    return _HELPER[0]


def _stop() -> None:
    while _HELPER:
        proc, jobs, results = _HELPER.pop()
        jobs.close()
        results.close()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


atexit.register(_stop)


def run_limited(
    fn: Callable[..., T], args: tuple[Any, ...], *, name: str, seconds: float, memory_mb: int
) -> T:
    """``fn(*args)`` in a child process with a time and a memory limit.

    *fn* must be a module-level function (it is sent by name). A
    ``SuratError`` raised in the child is raised here with the same message;
    passing a limit is a ``SuratError`` naming *name* and the profile setting.
    """
    with _LOCK:
        proc, jobs, results = _helper(fn.__module__)
        try:
            jobs.send((fn, args, seconds, memory_mb * 2**20))
            if not results.poll(seconds + _MARGIN):
                raise OSError("no answer")
            status, value, exitcode = results.recv()
        except (OSError, EOFError):
            proc.kill()
            _stop()
            raise SuratError(
                f"{name}: proses pengisi templat berhenti menjawab; coba lagi"
            ) from None
    if status == "ok":
        result: T = value
        return result
    if status == "error":
        raise SuratError(value if value.startswith(f"{name}: ") else f"{name}: {value}")
    if status == "timeout":
        raise SuratError(
            f"{name}: pengisian templat lebih lama dari {seconds:g} s dan dihentikan "
            "(batasnya waktu_render di bagian [batas] profil kantor)"
        )
    if status == "memory" or exitcode in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGABRT):
        raise SuratError(
            f"{name}: pengisian templat memerlukan lebih dari {memory_mb} MB dan dihentikan "
            "(batasnya memori_render_mb di bagian [batas] profil kantor)"
        )
    raise SuratError(
        f"{name}: proses pengisi templat berhenti tak terduga (kode keluar {exitcode})"
    )
