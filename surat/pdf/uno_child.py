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

import os
import sys


def _spawn(command: list[str]) -> int:
    """Start LibreOffice at once, stdin/stdout/stderr on /dev/null; its pid.

    It gets this process's environment, which the parent reduced to what
    LibreOffice needs (``surat.pdf.system.child_env``) before starting it.
    """
    null = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)]
    return os.posix_spawnp(command[0], command, os.environ, file_actions=null)


if __name__ == "__main__":
    # LibreOffice's start is what the parent waits for: it begins before this
    # module imports anything more (a third of this interpreter's start)
    SOFFICE = _spawn(sys.argv[2:])

import contextlib  # noqa: E402
import json  # noqa: E402
import signal  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

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


class Soffice:
    """The LibreOffice this worker started: is it running, and its exit status."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.status: int | None = None

    def poll(self) -> int | None:
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def wait(self, timeout: float) -> int | None:
        deadline = time.monotonic() + timeout
        while self.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.status


def _connect(pipe: str, proc: Soffice) -> Any:
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
    return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


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


def main(soffice: int) -> int:
    pipe = sys.argv[1]
    parent = os.getppid()
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    proc = Soffice(soffice)
    desktop = _connect(pipe, proc)
    status: int | None = -1
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
        status = proc.wait(10)
        if status is None:
            _stop_all()
    return 0 if status == 0 else 4


if __name__ == "__main__":
    sys.exit(main(SOFFICE))
