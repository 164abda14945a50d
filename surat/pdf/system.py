"""Where LibreOffice and its Python bridge are."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import threading
from pathlib import Path

from ..errors import SuratError


def soffice_path() -> str:
    """The LibreOffice executable, or a clear error."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    fallback = Path("/usr/lib/libreoffice/program/soffice")
    if fallback.exists():
        return str(fallback)
    raise SuratError("soffice: LibreOffice is not installed (expected 'soffice' on PATH)")


_probing = threading.Lock()


def find_uno_python() -> str | None:
    """A Python interpreter that can ``import uno``, or None.

    ``$SURAT_UNO_PYTHON`` first, then Debian's ``/usr/bin/python3`` (with
    ``python3-uno``), then the Python bundled with LibreOffice. Asked once per
    process (it starts that Python): a call from a second thread waits for the
    first one's answer, so the search can start early, in a thread of its own.
    """
    with _probing:
        return _find_uno_python()


@functools.cache
def _find_uno_python() -> str | None:
    candidates = [
        os.environ.get("SURAT_UNO_PYTHON", ""),
        "/usr/bin/python3",
        "/usr/lib/libreoffice/program/python",
        "/opt/libreoffice/program/python",
    ]
    for exe in candidates:
        if not exe or not os.access(exe, os.X_OK):
            continue
        try:
            ok = subprocess.run(
                [exe, "-c", "import uno"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=30,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if ok.returncode == 0:
            return exe
    return None
