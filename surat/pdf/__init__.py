"""DOCX -> PDF through LibreOffice, kept warm and run in parallel.

Starting LibreOffice costs about 1.4 s; converting a one-page letter in a
running one costs well under 0.1 s. So a :class:`Converter` keeps N LibreOffice
processes running (default: one per core), feeds them documents while earlier
ones convert, and reuses them across calls until :meth:`Converter.close`.

Letters of one template and page setup may be converted as one document
(``Converter.imap(..., join=N)``, :mod:`surat.pdf.join`): LibreOffice lays
out a one-page letter in a few tens of milliseconds but spends about as much
again opening a document; the joined PDF is split back into each letter's own
pages at hidden markers, never by counting pages.

Every document first loses whatever would reach outside it
(:mod:`surat.pdf.offline`: external relationships, linked images, attached
templates, include and DDE fields) and the styles it does not use
(:mod:`surat.pdf.slim`). Every output is checked (exists, starts with
``%PDF``, has pages), because soffice exits 0 even when every input failed; a
failure names the document by its label, never by its content.

The backends, one module each, each owning its processes' whole lifecycle:

``"uno"`` (:mod:`surat.pdf.uno_worker`, the default when the system has
LibreOffice's Python bridge)
    each worker is a small process under the system Python (Debian:
    ``/usr/bin/python3`` with ``python3-uno``) that drives its own
    ``soffice`` through a private UNO pipe; no network port is opened.
``"soffice"`` (:mod:`surat.pdf.soffice_worker`, without the bridge)
    one ``soffice --convert-to`` call per chunk of waiting documents; slower,
    as each call starts LibreOffice again.
``url="unoserver://host:port"`` (:mod:`surat.pdf.unoserver_worker`)
    a running `unoserver <https://github.com/unoconv/unoserver>`_ (API 3)
    converts, so several machines can share converters. Its server needs the
    Python that has ``uno`` (Debian: ``/usr/bin/python3 -m unoserver.server``
    with the unoserver package on its path). unoserver also converts any file
    its machine can read when asked by path: run it only where every client
    may read that machine's files.

Every LibreOffice that surat starts has its own folder, profile and HOME
(:mod:`surat.pdf.profile`), configured never to update links, run macros or
start Java, and runs in a process group of its own: a timeout, a crash or
:meth:`Converter.close` kills the group, waits for it, and removes the folder
and its pipe sockets; folders left by a converter killed with SIGKILL are
removed by the next one. Temporary files live in 0700 folders that are
always removed.

:func:`convert` is the one-call form. It uses one process-wide converter,
created lazily on first use (thread-safe, re-created after ``fork``) and
closed at interpreter exit; call :func:`close_shared` to stop it earlier.
Use an explicit ``Converter`` (a context manager) to control its lifetime.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what a type checker sees; at run time __getattr__ imports them
    from ..files import private_tempdir
    from .converter import TIMEOUT, Backend, Converter, check_pdf
    from .offline import offline_docx
    from .package import SHARED_PARTS
    from .shared import close_shared, convert, shared_converter
    from .slim import slim_docx
    from .soffice_worker import CHUNK
    from .system import find_uno_python, soffice_path, usable_cpus
    from .worker import DOCX_FILTER, PDF_FILTER, PDFA_OPTIONS

#: Where each public name lives: importing ``surat.pdf.system`` (to look for
#: LibreOffice while the rest loads) does not import the converter.
_LAZY: dict[str, str] = {
    "private_tempdir": "..files",
    "TIMEOUT": ".converter",
    "Backend": ".converter",
    "Converter": ".converter",
    "check_pdf": ".converter",
    "offline_docx": ".offline",
    "SHARED_PARTS": ".package",
    "close_shared": ".shared",
    "convert": ".shared",
    "shared_converter": ".shared",
    "slim_docx": ".slim",
    "CHUNK": ".soffice_worker",
    "find_uno_python": ".system",
    "soffice_path": ".system",
    "usable_cpus": ".system",
    "DOCX_FILTER": ".worker",
    "PDF_FILTER": ".worker",
    "PDFA_OPTIONS": ".worker",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'surat.pdf' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # imported once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "CHUNK",
    "DOCX_FILTER",
    "PDFA_OPTIONS",
    "PDF_FILTER",
    "SHARED_PARTS",
    "TIMEOUT",
    "Backend",
    "Converter",
    "check_pdf",
    "close_shared",
    "convert",
    "find_uno_python",
    "offline_docx",
    "private_tempdir",
    "shared_converter",
    "slim_docx",
    "soffice_path",
    "usable_cpus",
]
