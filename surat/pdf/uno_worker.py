"""The ``"uno"`` backend: one warm soffice per worker, driven through a private UNO pipe.

The worker is :mod:`surat.pdf.uno_child` running under the system Python that
has ``uno``, started in a process group of its own; the soffice it starts
stays in that group. Requests travel over the child's stdin/stdout, so no
network port is ever opened. Lifecycle:

- ``start``: a fresh :class:`~surat.pdf.profile.Profile`, the child, its
  ``{"ready": true}`` line.
- ``close`` (the converter is done): end of stdin; the child terminates
  LibreOffice and exits; then anything left of the group is killed and the
  profile removed.
- ``kill`` (timeout, crash, a dead pipe): the whole group at once, then the
  profile. The next ``run`` starts afresh.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import threading
from pathlib import Path
from typing import Any

from ..errors import SuratError
from .profile import Profile, kill_group
from .worker import Failure, Job


class UnoWorker:
    """One warm soffice driven by :mod:`surat.pdf.uno_child` under the system Python."""

    chunk = 1

    def __init__(self, python: str, soffice: str) -> None:
        self.python = python
        self.soffice = soffice
        self.proc: subprocess.Popen[str] | None = None
        self.profile: Profile | None = None
        self.soffice_pid: int | None = None
        self._lock = threading.Lock()  # kill() comes from another thread than run()

    @property
    def ready(self) -> bool:
        proc = self.proc
        return proc is not None and proc.poll() is None

    def start(self) -> None:
        with self._lock:
            profile = self.profile = Profile()
            command = [
                *profile.soffice_args(self.soffice),
                "--nodefault",
                f"--accept=pipe,name={profile.pipe};urp;StarOffice.ComponentContext",
            ]
            env = {k: v for k, v in profile.env().items() if not k.startswith("PYTHON")}
            proc = self.proc = subprocess.Popen(
                [self.python, "-I", str(Path(__file__).with_name("uno_child.py")),
                 profile.pipe, *command],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                start_new_session=True,
                env=env,
            )  # fmt: skip
        line = _read(proc)
        if not line.get("ready"):
            self.kill()
            raise SuratError(
                "LibreOffice: the UNO worker did not start (is python3-uno installed?)"
            )
        self.soffice_pid = int(line.get("pid", 0)) or None

    def run(self, jobs: list[Job], folder: Path) -> list[bytes | Failure]:
        (job,) = jobs
        if not self.ready:
            self.kill()
            self.start()
        proc = self.proc
        if proc is None or proc.stdin is None:  # killed meanwhile
            return [Failure("LibreOffice stopped", crash=True)]
        src = folder / f"{job.index}.docx"
        dst = folder / f"{job.index}.pdf"
        src.write_bytes(job.docx)
        try:
            try:
                proc.stdin.write(
                    json.dumps({"in": str(src), "out": str(dst), "pdfa": job.pdfa}) + "\n"
                )
                proc.stdin.flush()
            except (OSError, ValueError):
                self.kill()
                return [Failure("LibreOffice stopped", crash=True)]
            reply = _read(proc)
            if not reply:
                self.kill()
                return [Failure("LibreOffice stopped", crash=True)]
            if not reply.get("ok"):
                if reply.get("crash"):
                    self.kill()
                    return [Failure("LibreOffice crashed", crash=True)]
                return [Failure("LibreOffice could not read it (is the .docx valid?)", crash=False)]
            if not dst.exists():
                return [Failure("LibreOffice wrote no PDF", crash=False)]
            return [dst.read_bytes()]
        finally:
            src.unlink(missing_ok=True)
            dst.unlink(missing_ok=True)

    def _take(self) -> tuple[subprocess.Popen[str] | None, Profile | None]:
        with self._lock:
            proc, profile = self.proc, self.profile
            self.proc = self.profile = None
            self.soffice_pid = None
        return proc, profile

    def kill(self) -> None:
        """Stop at once (timeout, crash): the worker, its soffice, its profile."""
        proc, profile = self._take()
        if proc is not None:
            kill_group(proc.pid)
            _reap(proc)
        if profile is not None:
            profile.remove()

    def close(self) -> None:
        """Let LibreOffice end cleanly (15 s at most), then leave nothing behind."""
        proc, profile = self._take()
        if proc is not None:
            with contextlib.suppress(OSError, ValueError):
                if proc.stdin is not None:
                    proc.stdin.close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(15)  # the child stops its soffice itself
            kill_group(proc.pid)  # whatever did not stop in time
            _reap(proc)
        if profile is not None:
            profile.remove()


def _read(proc: subprocess.Popen[str]) -> dict[str, Any]:
    """The child's next JSON line; {} when it is gone or said something else."""
    try:
        raw = proc.stdout.readline() if proc.stdout is not None else ""
    except (OSError, ValueError):
        return {}
    try:
        msg = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return msg if isinstance(msg, dict) else {}


def _reap(proc: subprocess.Popen[str]) -> None:
    proc.wait()
    for stream in (proc.stdin, proc.stdout):
        with contextlib.suppress(OSError, ValueError):
            if stream is not None:
                stream.close()
