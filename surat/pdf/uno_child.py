"""One warm LibreOffice, driven through UNO: the worker process of :mod:`surat.pdf.uno_worker`.

This file runs under the system Python that has LibreOffice's ``uno`` module
(Debian: ``/usr/bin/python3`` with ``python3-uno``), not inside surat's own
interpreter, so it imports only the standard library and ``uno``.

    python3 -I uno_child.py PIPE SOFFICE ARGS...

It starts ``SOFFICE ARGS...`` (the parent chose the profile and the UNO pipe
named PIPE) in its own process group, which the parent made for it: the
parent stops this process and every LibreOffice process with one signal.
Then it reads one JSON request per line on stdin: ``{"in": "/path/doc.docx",
"out": "/path/doc.pdf", "pdfa": false}`` and answers one JSON line on stdout:
``{"ok": true}`` or ``{"ok": false, "error": "...", "crash": bool}``. The
first line it writes is ``{"ready": true, "pid": SOFFICE_PID}``. End of stdin
(the parent is gone or done) stops LibreOffice and the worker, which exits 0
only if LibreOffice did. Nothing here
ever reads or prints a document's content.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from typing import Any

IMPORT_FILTER = "MS Word 2007 XML"
EXPORT_FILTER = "writer_pdf_Export"
STARTUP = 60.0
#: com.sun.star.document.UpdateDocMode.NO_UPDATE and MacroExecMode.NEVER_EXECUTE
NO_UPDATE = 0
NEVER_EXECUTE = 0


def _props(**values: Any) -> tuple[Any, ...]:
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    return tuple(PropertyValue(Name=k, Value=v) for k, v in values.items())


def _send(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _stop_all() -> None:
    """SIGKILL this process group: LibreOffice and this worker with it."""
    os.killpg(0, signal.SIGKILL)


def _start(pipe: str, command: list[str]) -> tuple[subprocess.Popen[bytes], Any]:
    proc = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
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
                _stop_all()
            time.sleep(0.01)  # LibreOffice opens the pipe once it is ready: notice it at once
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return proc, desktop


def _convert(desktop: Any, src: str, dst: str, pdfa: bool) -> None:
    import uno

    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(src),
        "_blank",
        0,
        _props(
            Hidden=True,
            ReadOnly=True,
            FilterName=IMPORT_FILTER,
            UpdateDocMode=NO_UPDATE,
            MacroExecutionMode=NEVER_EXECUTE,
        ),
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


def _watch_parent(parent: int) -> None:
    """If the parent dies without closing our stdin (killed while we started),
    stop LibreOffice and exit: a LibreOffice must never outlive its converter."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            _stop_all()


def main() -> int:
    pipe, command = sys.argv[1], sys.argv[2:]
    parent = os.getppid()
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    proc, desktop = _start(pipe, command)
    status = -1
    try:
        _send({"ready": True, "pid": proc.pid})
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
            status = proc.wait(10)
        except subprocess.TimeoutExpired:
            _stop_all()
    return 0 if status == 0 else 4


if __name__ == "__main__":
    sys.exit(main())
