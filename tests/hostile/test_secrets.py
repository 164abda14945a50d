"""Passwords stay where they were given: never in the environment of a process
that reads documents.

LibreOffice reads documents that may be hostile; whatever its processes hold
(``/proc/PID/environ``) is one exploit away from the author of a document.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path

import pytest
from pdf_support import first_line, make_docx

from surat.pdf import Converter

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

#: What a clerk's shell may hold while surat runs: surat's own two passwords and
#: any other secret (a cloud token) that LibreOffice has no business seeing.
SECRETS = {
    "SURAT_SANDI": "pdf-kata-rahasia-41",
    "SURAT_TTE_SANDI": "tte-kata-rahasia-42",
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
    import surat.limits
    from surat.render import render

    from .template_files import office_template

    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    surat.limits._stop()  # the next template starts a helper with this environment
    path = office_template(tmp_path, "{{ 6 * 7 }}")
    assert "42" in render(path, {}).text()
    (helper, _, _) = surat.limits._HELPER[0]
    environ = Path(f"/proc/{helper.pid}/environ").read_bytes()
    for secret, value in SECRETS.items():
        assert secret.encode() not in environ and value.encode() not in environ, secret
    assert f"PATH={os.environ['PATH']}".encode() in environ.split(b"\0")
