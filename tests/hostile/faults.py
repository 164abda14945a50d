"""Faults the hostile tests make happen in the middle of a real run."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from surat.pdf import Converter
from surat.pdf.profile import remove_stale


def docx_under(folder: Path) -> list[Path]:
    """The .docx files below *folder*; LibreOffice's own folders come and go meanwhile."""
    return [Path(d, f) for d, _, files in os.walk(folder) for f in files if f.endswith(".docx")]


def kill_all_under(folder: Path) -> None:
    """SIGKILL every process whose command line names *folder* (a killed run's
    LibreOffice, which runs in its own session), then remove the LibreOffice
    profiles its dead owner left in *folder* (its $TMPDIR) with the sockets
    their soffice made in /tmp, as the next converter started there would."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if str(folder).encode() in cmd:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(int(pid), signal.SIGKILL)
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid), signal.SIGKILL)
    remove_stale(folder)


class MidwayConverter:
    """The real converter; once its first document is converted, *fault* runs
    (a clerk voids a number, the database server stops) and the run goes on."""

    def __init__(self, conv: Converter, fault: Callable[[], None]) -> None:
        self.conv = conv
        self.fault = fault

    def start(self) -> None:
        self.conv.start()

    def imap(self, items: Any, **kw: Any) -> Iterator[bytes]:
        for i, pdf in enumerate(self.conv.imap(items, **kw)):
            if i == 1:
                self.fault()
            yield pdf

    def imap_pages(self, items: Any, **kw: Any) -> Iterator[Any]:
        for i, out in enumerate(self.conv.imap_pages(items, **kw)):
            if i == 1:
                self.fault()
            yield out

    def close(self) -> None:
        pass
