"""What the converter hands a worker, and what every backend's worker can do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

#: Import as Word 2007+ only: without it LibreOffice reads a corrupt .docx as plain text.
DOCX_FILTER = "MS Word 2007 XML"
PDF_FILTER = "writer_pdf_Export"
#: PDF/A-2b through the export filter's SelectPdfVersion (LibreOffice >= 7.4 JSON options).
PDFA_OPTIONS = '{"SelectPdfVersion":{"type":"long","value":"2"}}'


@dataclass
class Job:
    """One document: its place in the call, its label, its (offline, slimmed) .docx."""

    index: int
    name: str
    docx: bytes
    pdfa: bool
    tries: int = 0


class Failure(Exception):
    """A worker could not convert a job; ``crash`` says the worker died doing it."""

    def __init__(self, reason: str, *, crash: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.crash = crash


class Worker(Protocol):
    """One LibreOffice (or one connection to a server) and its lifecycle.

    ``launch`` starts its processes without waiting for them (quick, in the
    caller's thread; a failure is left for ``start`` to report); ``start``
    makes it ready; ``run`` converts up to ``chunk`` jobs (restarting
    a dead process first); ``kill`` stops it at once and leaves nothing behind
    (processes, profile, pipes) but may be started again; ``close`` stops it
    for good. ``kill`` and ``close`` may be called from another thread than
    ``run`` and more than once.
    """

    chunk: int

    @property
    def ready(self) -> bool: ...

    def launch(self) -> None: ...
    def start(self) -> None: ...
    def run(self, jobs: list[Job], folder: Path) -> list[bytes | Failure]: ...
    def kill(self) -> None: ...
    def close(self) -> None: ...
