"""The ``"soffice"`` backend (no ``uno`` in the system Python): one call per chunk.

Each worker keeps one :class:`~surat.pdf.profile.Profile` and runs one
``soffice --convert-to`` per chunk of waiting documents, in a process group of
its own. ``kill`` kills that group, waits for it and removes the profile;
``close`` does the same once no call runs, keeping the profile first as the
installation's :mod:`~surat.pdf.seed` if there is none yet and the last
call ended cleanly. Slower than ``"uno"``: each call
starts LibreOffice again.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from .profile import Profile, kill_group
from .worker import DOCX_FILTER, PDF_FILTER, PDFA_OPTIONS, Failure, Job

#: How many waiting documents one ``soffice --convert-to`` call takes.
CHUNK = 25


class SofficeWorker:
    """One ``soffice --convert-to`` call per chunk of documents, own profile."""

    chunk = CHUNK

    def __init__(self, soffice: str) -> None:
        self.soffice = soffice
        self.profile: Profile | None = None
        self.proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()  # kill() comes from another thread than run()
        self._clean = False  # the last call's soffice exited 0

    @property
    def ready(self) -> bool:
        return self.profile is not None

    def launch(self) -> None:
        """Make the profile now: each call starts its own soffice."""
        self.start()

    def start(self) -> None:
        with self._lock:
            if self.profile is None:
                self.profile = Profile(self.soffice)

    def run(self, jobs: list[Job], folder: Path) -> list[bytes | Failure]:
        self.start()
        sub = Path(tempfile.mkdtemp(prefix="chunk-", dir=folder))
        try:
            srcs = []
            for job in jobs:
                src = sub / f"{job.index}.docx"
                src.write_bytes(job.docx)
                srcs.append(str(src))
            target = f"pdf:{PDF_FILTER}:{PDFA_OPTIONS}" if jobs[0].pdfa else f"pdf:{PDF_FILTER}"
            with self._lock:
                profile = self.profile
                if profile is None:  # killed meanwhile
                    return [Failure("LibreOffice berhenti", crash=True) for _ in jobs]
                proc = self.proc = subprocess.Popen(
                    [
                        *profile.soffice_args(self.soffice),
                        f"--infilter={DOCX_FILTER}",
                        "--convert-to",
                        target,
                        "--outdir",
                        str(sub),
                        *srcs,
                    ],
                    env=profile.env(tmp=sub),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            rc = proc.wait()
            with self._lock:
                if self.proc is proc:
                    self.proc = None
                self._clean = rc == 0
            kill_group(proc.pid, wait=5)  # a soffice.bin that outlived its wrapper
            crash = rc < 0 or rc > 1
            if crash and profile.seeded:
                profile.discard_seed()  # the next profile starts afresh: the seed may be to blame
            out: list[bytes | Failure] = []
            for job in jobs:
                pdf = sub / f"{job.index}.pdf"
                if pdf.exists():
                    out.append(pdf.read_bytes())
                elif crash or len(jobs) > 1:
                    # alone, it gets a second try: another document may have crashed soffice
                    out.append(Failure("LibreOffice berhenti", crash=True))
                else:
                    out.append(
                        Failure(
                            "LibreOffice tidak dapat membacanya (apakah .docx-nya sah?)",
                            crash=False,
                        )
                    )
            return out
        finally:
            shutil.rmtree(sub, ignore_errors=True)

    def kill(self) -> None:
        """Stop the running call at once, wait for it, remove the profile."""
        with self._lock:
            proc, profile = self.proc, self.profile
            self.proc = self.profile = None
        if proc is not None:
            kill_group(proc.pid)
            proc.wait()
        if profile is not None:
            profile.remove()

    def close(self) -> None:
        with self._lock:
            profile = self.profile if self.proc is None and self._clean else None
        if profile is not None and profile.wants_seed:
            profile.keep_as_seed()
        self.kill()
