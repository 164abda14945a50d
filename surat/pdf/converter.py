"""The converter: documents in, PDFs out in order, with warm workers in parallel.

A :class:`Converter` owns its workers (see :mod:`surat.pdf.worker` for what
one is). One call feeds documents from a thread while the workers convert,
and yields each PDF in input order. Every document first goes through
:func:`~surat.pdf.offline.offline_docx` (nothing in it reaches outside the
file) and :func:`~surat.pdf.slim.slim_docx`; every PDF is checked. A worker
that crashes is restarted and its document tried once more. When a call runs
out of time, every worker is killed (processes, profile, pipes) and the
error says how many documents were done out of how many.
"""

from __future__ import annotations

import functools
import io
import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from pathlib import Path
from typing import Any, Literal, Protocol

from ..errors import SuratError
from ..files import private_tempdir
from .profile import remove_stale
from .soffice_worker import SofficeWorker
from .system import find_uno_python, soffice_path
from .uno_worker import UnoWorker
from .worker import Failure, Job, Worker


class Convertible(Protocol):
    """What the converter reads of a letter: its .docx and the name errors give it
    (a :class:`surat.Document` is one; the converter need not know the class)."""

    @property
    def docx(self) -> bytes: ...

    @property
    def label(self) -> str: ...


#: Seconds one call (one batch) may take before its LibreOffice processes are killed.
TIMEOUT = 600.0

Backend = Literal["auto", "uno", "soffice"]

log = logging.getLogger(__name__)
"""Operator events: workers made, crashed and restarted. Never a document's text or name."""


def check_pdf(data: bytes, name: str) -> bytes:
    """Return *data* if it is a PDF with at least one page; else name the document."""
    if not data.startswith(b"%PDF"):
        raise SuratError(f"{name}: LibreOffice did not produce a PDF (is the .docx valid?)")
    from pypdf import PdfReader

    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except Exception as exc:  # pypdf raises many kinds on a broken file
        raise SuratError(
            f"{name}: LibreOffice produced an unreadable PDF ({type(exc).__name__})"
        ) from None
    if pages < 1:
        raise SuratError(f"{name}: LibreOffice produced a PDF without pages")
    return data


def _as_job(index: int, item: Any, pdfa: bool, compress: bool = False) -> Job:
    if isinstance(item, tuple):
        name, docx = item
    else:
        name, docx = item.label, item.docx
    if not isinstance(docx, bytes | bytearray) or not docx:
        raise SuratError(f"{name}: .docx bytes expected")
    # imported here, in the feeding thread: not before LibreOffice is started
    from .offline import offline_parts
    from .package import read_parts, write_parts
    from .slim import slim_parts

    parts = slim_parts(offline_parts(read_parts(bytes(docx), str(name))))
    return Job(index, str(name), write_parts(parts, compress=compress), pdfa)


class Converter:
    """Convert many .docx to PDF with warm LibreOffice workers.

    ``workers``: how many LibreOffice processes (default: the machine's
    cores). ``url``: one or more ``unoserver://host:port`` to use instead of
    local processes (one request at a time each). ``backend``: ``"uno"``,
    ``"soffice"`` or ``"auto"`` (uno when the system Python has it).
    ``timeout``: seconds one call may take. ::

        with Converter() as conv:
            pdfs = conv.convert_many(docs)          # one PDF per Document, in order
    """

    def __init__(
        self,
        workers: int | None = None,
        *,
        url: str | Sequence[str] | None = None,
        backend: Backend = "auto",
        timeout: float = TIMEOUT,
    ) -> None:
        self.timeout = float(timeout)
        self._lock = threading.Lock()
        self._pool: list[Worker] = []
        self._starting: list[threading.Thread] = []  # starts in the background
        self._factory: list[Callable[[], Worker]]
        self._closed = False
        self._pid = os.getpid()
        self._owner: int | None = None  # the thread inside imap(), if any
        if url is not None:
            from .unoserver_worker import UnoserverWorker  # and xmlrpc: only for a server

            urls = [url] if isinstance(url, str) else list(url)
            if not urls:
                raise SuratError("url: at least one unoserver address expected")
            for u in urls:
                UnoserverWorker(u)  # check each address now, not at the first document
            self.backend = "unoserver"
            self._factory = [
                functools.partial(UnoserverWorker, u, min(self.timeout, 120.0)) for u in urls
            ]
            return
        n = workers if workers is not None else (os.cpu_count() or 1)
        if n < 1:
            raise SuratError(f"workers: at least 1 expected, got {n}")
        soffice = soffice_path()
        python = find_uno_python() if backend in ("auto", "uno") else None
        if backend == "uno" and python is None:
            raise SuratError("backend 'uno': no Python with LibreOffice's uno module found")
        if python is not None:
            self.backend = "uno"
            self._factory = [functools.partial(UnoWorker, python, soffice)] * n
        else:
            self.backend = "soffice"
            self._factory = [functools.partial(SofficeWorker, soffice)] * n

    @property
    def workers(self) -> int:
        return len(self._factory)

    def __repr__(self) -> str:
        return f"Converter(backend={self.backend!r}, workers={self.workers})"

    def __enter__(self) -> Converter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self, how: Literal["now", "background", "lazy"] = "now") -> None:
        """Make the workers, and start their LibreOffice: ``"now"`` in parallel,
        returning when all run; ``"background"`` in threads, returning at once;
        ``"lazy"`` not at all (each worker starts on its first document).

        In the background, or lazily, the first letters render while
        LibreOffice starts; a worker's conversion waits for its start.
        """
        if self._closed:
            raise SuratError("Converter: already closed")
        if not self._pool:
            if self.backend != "unoserver":
                remove_stale()  # what converters killed by SIGKILL left behind
            self._pool = [make() for make in self._factory]
            log.info("converter: %d %s worker(s) ready to start", len(self._pool), self.backend)
        if how == "lazy":
            return
        errors: list[BaseException] = []

        def start(w: Worker) -> None:
            try:
                w.start()
            except BaseException as exc:
                errors.append(exc)

        idle = [w for w in self._pool if not w.ready]
        if how == "background":
            # the processes start here, in this thread: in a thread of their own they
            # would wait for the interpreter's lock while this one imports and renders
            for w in idle:
                w.launch()
        threads = [threading.Thread(target=start, args=(w,), daemon=True) for w in idle]
        for t in threads:
            t.start()
        if how == "background":
            self._starting.extend(threads)  # a failure shows again at the first conversion
            return
        for t in threads:
            t.join()
        if errors:
            for w in self._pool:
                w.close()
            if isinstance(errors[0], SuratError):
                raise errors[0]
            raise SuratError(f"LibreOffice: could not start ({type(errors[0]).__name__})")

    def start(self, *, wait: bool = True) -> Converter:
        """Start the workers now rather than at the first document. Returns the converter.

        With *wait* (the default) it returns once LibreOffice runs, or raises a
        clear error if it cannot. ``wait=False`` returns at once and lets
        LibreOffice start while the caller makes its documents (a few seconds
        it need not wait for); an error is then raised by the first conversion.
        """
        with self._lock:
            self._start("now" if wait else "background")
        return self

    def close(self) -> None:
        """Stop every LibreOffice this converter started; remove their folders."""
        with self._lock:
            self._closed = True
            if os.getpid() != self._pid:  # a forked child does not own the parent's workers
                self._pool = []
                return
            for w in self._pool:
                w.close()  # a start in the background stops at once: its worker is closed
            for t in self._starting:
                t.join(15)
            self._pool = []
            self._starting = []

    @property
    def usable(self) -> bool:
        """Open, and made in this process (a forked child must make its own)."""
        return not self._closed and os.getpid() == self._pid

    # -- converting ----------------------------------------------------------

    def convert(self, docx: bytes, name: str = "document", *, pdfa: bool = False) -> bytes:
        """One .docx to PDF bytes; *name* identifies it in errors."""
        return self.convert_many([(name, docx)], pdfa=pdfa)[0]

    def convert_many(
        self, items: Iterable[Convertible | tuple[str, bytes]], *, pdfa: bool = False
    ) -> list[bytes]:
        """Every item to PDF bytes, in order. See :meth:`imap`."""
        return list(self.imap(items, pdfa=pdfa))

    def imap(
        self, items: Iterable[Convertible | tuple[str, bytes]], *, pdfa: bool = False
    ) -> Iterator[bytes]:
        """Yield each item's PDF in input order while later items convert.

        *items* (:class:`Convertible`, such as a ``Document``, or
        ``(name, docx_bytes)``) is read in a thread as the workers take
        documents, so a generator that renders letters renders while
        earlier ones convert. The first failure stops the call
        with a :class:`SuratError` naming that document; an exception raised
        by *items* itself is passed on unchanged. Calls from several threads
        take turns; a call from inside another's loop is refused.
        """
        if self._owner == threading.get_ident():
            raise SuratError(
                "Converter: already converting in this thread; finish that call first "
                "(or use a second Converter)"
            )
        with self._lock:
            if os.getpid() != self._pid:
                raise SuratError("Converter: made in another process; make a new one")
            self._start("lazy")
            self._owner = threading.get_ident()
            try:
                size = len(items) if isinstance(items, Sized) else None
                yield from self._imap(iter(items), pdfa, size)
            finally:
                self._owner = None

    def _imap(self, items: Iterator[Any], pdfa: bool, size: int | None) -> Iterator[bytes]:
        deadline = time.monotonic() + self.timeout
        todo: queue.Queue[Job | None] = queue.Queue(maxsize=4 * len(self._pool))
        results: queue.Queue[tuple[str, Any]] = queue.Queue()
        stop = threading.Event()
        fed = [0]

        def put(job: Job | None) -> bool:
            """Queue *job* unless the call stops first; whether it was queued."""
            while not stop.is_set():
                try:
                    todo.put(job, timeout=0.1)
                    return True
                except queue.Full:
                    continue
            return False

        def feed() -> None:
            try:
                from pypdf import PdfReader  # noqa: F401  imported now, not after the first PDF

                for i, item in enumerate(items):
                    if not put(_as_job(i, item, pdfa, compress=self.backend == "unoserver")):
                        return
                    fed[0] = i + 1
                results.put(("fed", fed[0]))
                for _ in self._pool:  # one "no more" each: no worker waits on an empty queue
                    put(None)
            except BaseException as exc:
                results.put(("feed-error", exc))

        def work(worker: Worker, folder: Path) -> None:
            last = False
            while not stop.is_set() and not last:
                try:
                    first = todo.get(timeout=0.1)
                except queue.Empty:
                    continue
                if first is None:
                    return
                batch = [first]
                while len(batch) < worker.chunk:
                    try:
                        more = todo.get_nowait()
                    except queue.Empty:
                        break
                    if more is None:
                        last = True  # this batch, then no more
                        break
                    batch.append(more)
                try:
                    outcome = worker.run(batch, folder)
                except SuratError as exc:
                    results.put(("error", exc))
                    return
                except Exception as exc:
                    outcome = [Failure(type(exc).__name__, crash=True) for _ in batch]
                for job, out in zip(batch, outcome, strict=True):
                    if isinstance(out, Failure):
                        if out.crash and job.tries == 0:
                            if stop.is_set():
                                return
                            job.tries += 1
                            log.warning(
                                "converter: a %s worker failed (%s); restarting it for "
                                "one more try of document %d",
                                self.backend,
                                out.reason,
                                job.index + 1,
                            )
                            retry = Job(job.index, job.name, job.docx, job.pdfa, 1)
                            # a retried job runs alone on this (restarted) worker
                            try:
                                again = worker.run([retry], folder)[0]
                            except SuratError as exc:
                                results.put(("error", exc))
                                return
                            out = again
                        if isinstance(out, Failure):
                            why = out.reason + (" twice" if out.crash else "")
                            results.put(("error", SuratError(f"{job.name}: {why}")))
                            continue
                    try:
                        results.put(("ok", (job.index, check_pdf(out, job.name))))
                    except SuratError as exc:
                        results.put(("error", exc))

        with private_tempdir("surat-batch-") as folder:
            feeder = threading.Thread(target=feed, daemon=True, name="surat-feed")
            threads = [
                threading.Thread(target=work, args=(w, folder), daemon=True, name="surat-lo")
                for w in self._pool
            ]
            feeder.start()
            for t in threads:
                t.start()
            done: dict[int, bytes] = {}
            total: int | None = size
            nxt = 0
            killed = False
            try:
                while total is None or nxt < total:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        stop.set()
                        killed = True
                        for w in self._pool:
                            w.kill()
                        of = f"{nxt} of {total}" if total is not None else f"{nxt}"
                        raise SuratError(
                            f"LibreOffice did not finish within {self.timeout:g} s "
                            f"({of} documents done)"
                        )
                    try:
                        kind, value = results.get(timeout=min(left, 0.5))
                    except queue.Empty:
                        continue
                    if kind == "ok":
                        index, data = value
                        done[index] = data
                        while nxt in done:
                            yield done.pop(nxt)
                            nxt += 1
                    elif kind == "fed":
                        total = value
                    else:  # "feed-error" (passed on unchanged) or "error"
                        raise value
            except (SuratError, GeneratorExit):
                raise  # a document failed or the caller stopped: workers finish their job
            except BaseException:
                # an interrupt: a job may hang, so stop LibreOffice at once
                stop.set()
                killed = True
                for w in self._pool:
                    w.kill()
                raise
            finally:
                stop.set()
                feeder.join(5)
                for t in threads:
                    t.join(30)
                if killed:  # a worker may have restarted while being killed
                    for w in self._pool:
                        w.kill()
