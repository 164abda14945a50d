"""The ``"uno"`` backend: one warm soffice per worker, driven through a private UNO pipe.

The worker is :mod:`surat.pdf.uno_child` running under the system Python that
has ``uno``, started in a process group of its own; the soffice it starts
stays in that group. Requests travel over the child's stdin/stdout, so no
network port is ever opened. Lifecycle:

- ``launch``: a new :class:`~surat.pdf.profile.Profile` (a copy of the
  seed, when there is one) and the child, started at once in the caller's
  thread. ``start`` (launching first if need be) waits for the child's
  ``{"ready": true}`` line; it may run in a thread of its own while the
  documents are made, ``run`` waits for it, and a worker closed meanwhile
  refuses to start.
- ``close`` (the converter is done): the whole group is killed and the
  profile removed; the PDFs are written, and nothing in the profile is kept.
  Only when this installation has no :mod:`~surat.pdf.seed` yet does
  LibreOffice end cleanly (end of stdin: the child terminates it), so that
  its profile can become the seed.
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
        self._starting = threading.Lock()  # run() waits for a start in another thread
        self._closed = False
        self._pending = False  # spawned, its ready line not read yet

    @property
    def ready(self) -> bool:
        proc = self.proc
        return proc is not None and proc.poll() is None and not self._pending

    def launch(self) -> None:
        """Start the child and its LibreOffice now, without waiting for them.

        Quick (a profile copied, a process started): called in the caller's
        own thread, so that no other work in this interpreter delays the
        process. :meth:`start` waits for it to be ready. A failure is left
        for :meth:`start`, which reports it.
        """
        with self._starting:
            if not self._pending and not self.ready:
                self.kill()  # whatever is left of an earlier process
                with contextlib.suppress(SuratError):
                    self._spawn()

    def start(self) -> None:
        """Start LibreOffice (a clear error if it cannot); a no-op if it runs.

        May run in a thread of its own while the documents are made:
        :meth:`run` waits for it.
        """
        with self._starting:
            if self.ready:
                return
            if not self._pending:
                self.kill()  # whatever is left of an earlier process
                self._spawn()
            failed = self._wait()
            if failed is not None and failed.seeded and not self._closed:
                failed.discard_seed()  # a seed that broke: once more, from a fresh profile
                self._spawn()
                failed = self._wait()
            if failed is not None:
                raise SuratError(
                    "LibreOffice: pekerja UNO tidak berjalan (apakah python3-uno terpasang?)"
                )

    def _spawn(self) -> None:
        """Start the child on a new profile; :meth:`_wait` reads its first line."""
        with self._lock:
            if self._closed:
                raise SuratError("LibreOffice: pengonversi sudah ditutup")
            profile = self.profile = Profile(self.soffice)
            command = [
                *profile.soffice_args(self.soffice),
                "--nodefault",
                f"--accept=pipe,name={profile.pipe};urp;StarOffice.ComponentContext",
            ]
            try:
                self.proc = subprocess.Popen(
                    [self.python, "-I", str(Path(__file__).with_name("uno_child.py")),
                     profile.pipe, *command],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    text=True,
                    start_new_session=True,
                    env=profile.env(),  # the child passes it on to LibreOffice unchanged
                )  # fmt: skip
            except OSError as exc:
                self.profile = None
                profile.remove()
                raise SuratError(
                    f"LibreOffice: {self.python} tidak dapat dijalankan ({exc.strerror or exc})"
                ) from None
            self._pending = True

    def _wait(self) -> Profile | None:
        """Wait for the spawned child's ``ready`` line: None once it is ready,
        else the profile it failed on (already removed, with everything else)."""
        with self._lock:
            proc, profile = self.proc, self.profile
        if proc is None or profile is None:  # killed while it started (closed, timed out)
            raise SuratError("LibreOffice: berhenti saat dijalankan")
        line = _read(proc)
        with self._lock:
            killed = self.proc is not proc
            if not killed:
                self._pending = False
        if killed:  # stopped from outside: not the seed's fault
            raise SuratError("LibreOffice: berhenti saat dijalankan")
        if not line.get("ready"):
            self.kill()
            return profile
        self.soffice_pid = int(line.get("pid", 0)) or None
        return None

    def run(self, jobs: list[Job], folder: Path) -> list[bytes | Failure]:
        (job,) = jobs
        self.start()
        proc = self.proc
        if proc is None or proc.stdin is None:  # killed meanwhile
            return [Failure("LibreOffice berhenti", crash=True)]
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
                return [Failure("LibreOffice berhenti", crash=True)]
            reply = _read(proc)
            if not reply:
                self.kill()
                return [Failure("LibreOffice berhenti", crash=True)]
            if not reply.get("ok"):
                if reply.get("crash"):
                    self.kill()
                    return [Failure("LibreOffice mogok", crash=True)]
                return [
                    Failure(
                        "LibreOffice tidak dapat membacanya (apakah .docx-nya sah?)", crash=False
                    )
                ]
            if not dst.exists():
                return [Failure("LibreOffice tidak menghasilkan PDF", crash=False)]
            return [dst.read_bytes()]
        finally:
            src.unlink(missing_ok=True)
            dst.unlink(missing_ok=True)

    def _take(self) -> tuple[subprocess.Popen[str] | None, Profile | None]:
        with self._lock:
            proc, profile = self.proc, self.profile
            self.proc = self.profile = None
            self.soffice_pid = None
            self._pending = False
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
        """Stop for good and leave nothing behind: at once, or, while this
        installation has no seed yet, cleanly (15 s at most) to keep one."""
        with self._lock:
            self._closed = True
        proc, profile = self._take()
        if proc is not None:
            if profile is not None and profile.wants_seed:
                with contextlib.suppress(OSError, ValueError):
                    if proc.stdin is not None:
                        proc.stdin.close()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    if proc.wait(15) == 0:  # the child stopped its soffice, which exited cleanly
                        profile.keep_as_seed()
            kill_group(proc.pid)  # whatever did not stop in time, or all of it
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
