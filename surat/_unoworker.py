"""One warm LibreOffice, driven through UNO: the worker process of surat.pdf.Converter.

This file runs under the system Python that has LibreOffice's ``uno`` module
(Debian: ``/usr/bin/python3`` with ``python3-uno``), not inside surat's own
interpreter, so it imports only the standard library and ``uno``.

    python3 _unoworker.py SOFFICE WORKDIR

It starts ``soffice`` with its own profile and HOME inside WORKDIR, listening
on a UNO pipe with a random name, then reads one JSON request per line on
stdin: ``{"in": "/path/doc.docx", "out": "/path/doc.pdf", "pdfa": false}`` and
answers one JSON line on stdout: ``{"ok": true}`` or ``{"ok": false,
"error": "...", "crash": bool}``. The first line it writes is
``{"ready": true}``. End of stdin (the parent is gone) stops LibreOffice and
the worker. Nothing here ever reads or prints a document's content.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

IMPORT_FILTER = "MS Word 2007 XML"
EXPORT_FILTER = "writer_pdf_Export"
STARTUP = 60.0


def _props(**values: Any) -> tuple[Any, ...]:
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    return tuple(PropertyValue(Name=k, Value=v) for k, v in values.items())


def _send(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _start(soffice: str, work: Path, pipe: str) -> tuple[subprocess.Popen[bytes], Any]:
    home = work / "home"
    home.mkdir(mode=0o700, exist_ok=True)
    proc = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        env={**os.environ, "HOME": str(home), "TMPDIR": str(work)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    import uno  # type: ignore[import-not-found]

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + STARTUP
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if proc.poll() is not None or time.monotonic() > deadline:
                with contextlib.suppress(OSError):
                    os.killpg(proc.pid, signal.SIGKILL)
                raise
            time.sleep(0.05)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return proc, desktop


def _convert(desktop: Any, src: str, dst: str, pdfa: bool) -> None:
    import uno

    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(src),
        "_blank",
        0,
        _props(Hidden=True, ReadOnly=True, FilterName=IMPORT_FILTER),
    )
    if doc is None:
        raise RuntimeError("could not load the .docx")
    try:
        data = _props(SelectPdfVersion=2) if pdfa else ()
        doc.storeToURL(
            uno.systemPathToFileUrl(dst),
            _props(
                FilterName=EXPORT_FILTER,
                Overwrite=True,
                FilterData=uno.Any("[]com.sun.star.beans.PropertyValue", data),
            ),
        )
    finally:
        doc.close(True)


def _crashed(exc: BaseException) -> bool:
    name = type(exc).__name__
    return name in ("DisposedException", "RuntimeException") or "Binary URP bridge" in str(exc)


def _watch_parent(parent: int, soffice: subprocess.Popen[bytes]) -> None:
    """If the parent dies without closing our stdin (killed while we started),
    stop soffice and exit: a LibreOffice must never outlive its converter."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            with contextlib.suppress(OSError):
                os.killpg(soffice.pid, signal.SIGKILL)
            os._exit(4)


def main() -> int:
    soffice, work = sys.argv[1], Path(sys.argv[2])
    parent = os.getppid()
    pipe = "surat-" + secrets.token_hex(16)
    proc, desktop = _start(soffice, work, pipe)
    threading.Thread(target=_watch_parent, args=(parent, proc), daemon=True).start()
    try:
        _send({"ready": True, "pid": proc.pid, "pipe": pipe})
        for line in sys.stdin:
            req = json.loads(line)
            try:
                _convert(desktop, req["in"], req["out"], bool(req.get("pdfa")))
            except Exception as exc:
                crash = _crashed(exc) or proc.poll() is not None
                _send({"ok": False, "error": type(exc).__name__, "crash": crash})
                if crash:
                    return 3
            else:
                _send({"ok": True})
    finally:
        with contextlib.suppress(Exception):
            desktop.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, signal.SIGKILL)  # soffice and its soffice.bin
            proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
