"""The process-wide converter behind :func:`convert`.

Created lazily on first use (thread-safe, re-created after ``fork``) and
closed at interpreter exit; :func:`close_shared` stops it earlier.
"""

from __future__ import annotations

import atexit
import threading

from ..errors import SuratError
from .converter import Converter

_shared: Converter | None = None
_shared_lock = threading.Lock()


def shared_converter() -> Converter:
    """The process-wide converter behind :func:`convert`, started on first use."""
    global _shared
    with _shared_lock:
        if _shared is None or not _shared.usable:
            _shared = Converter()
        return _shared


def close_shared() -> None:
    """Stop the process-wide converter that :func:`convert` started, if any."""
    global _shared
    with _shared_lock:
        conv, _shared = _shared, None
    if conv is not None:
        conv.close()


atexit.register(close_shared)


def convert(docx: bytes, name: str = "document", *, pdfa: bool = False) -> bytes:
    """Convert one .docx (bytes) to PDF bytes.

    *name* identifies the document in errors (a label, never its content).
    ``pdfa=True`` exports PDF/A-2b. Uses the process-wide warm converter
    (see the module's notes); for many documents use :class:`Converter`.
    """
    if not docx:
        raise SuratError(f"{name}: .docx kosong")
    return shared_converter().convert(docx, name, pdfa=pdfa)
