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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from ..errors import SuratError
from ..files import private_tempdir
from .join import Pages
from .profile import remove_stale
from .soffice_worker import SofficeWorker
from .system import find_uno_python, soffice_path, usable_cpus
from .uno_worker import UnoWorker
from .worker import Failure, Job, Worker

if TYPE_CHECKING:
    from .join import Member, Piece
    from .package import Parts


class Convertible(Protocol):
    """What the converter reads of a letter: its .docx and the name errors give it
    (a :class:`surat.Document` is one; the converter need not know the class)."""

    @property
    def docx(self) -> bytes: ...

    @property
    def label(self) -> str: ...


#: Seconds one call (one batch) may take before its LibreOffice processes are killed.
TIMEOUT = 600.0
#: Documents one call reads ahead of the one it yields next (at least).
WINDOW = 32
_END = object()
#: With ``join=``: a worker that waits gets a group of at least this many documents
#: before the group is full (the last letters of a batch do not wait for each other).
JOIN_IDLE = 4

Backend = Literal["auto", "uno", "soffice"]

log = logging.getLogger(__name__)
"""Operator events: workers made, crashed and restarted. Never a document's text or name."""


def check_pdf(data: bytes, name: str) -> bytes:
    """Return *data* if it is a PDF with at least one page; else name the document."""
    if not data.startswith(b"%PDF"):
        raise SuratError(f"{name}: LibreOffice tidak menghasilkan PDF (apakah .docx-nya sah?)")
    from pypdf import PdfReader

    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except Exception as exc:  # pypdf raises many kinds on a broken file
        raise SuratError(
            f"{name}: LibreOffice menghasilkan PDF yang tidak terbaca ({type(exc).__name__})"
        ) from None
    if pages < 1:
        raise SuratError(f"{name}: LibreOffice menghasilkan PDF tanpa halaman")
    return data


def _read(item: Any) -> tuple[str, Parts]:
    """The item's name and its parts, nothing in them reaching outside the file."""
    if isinstance(item, tuple):
        name, docx = item
    else:
        name, docx = item.label, item.docx
    if not isinstance(docx, bytes | bytearray) or not docx:
        raise SuratError(f"{name}: bait .docx diharapkan")
    # imported here, in the feeding thread: not before LibreOffice is started
    from .offline import offline_parts
    from .package import read_parts

    return str(name), offline_parts(read_parts(bytes(docx), str(name)))


def _docx(parts: Parts, compress: bool) -> bytes:
    from .package import write_parts
    from .slim import slim_parts

    return write_parts(slim_parts(parts), compress=compress)


def _as_job(index: int, item: Any, pdfa: bool, compress: bool = False) -> Job:
    name, parts = _read(item)
    return Job(index, name, _docx(parts, compress), pdfa)


@dataclass
class _Group(Job):
    """Letters converted as one document (:mod:`surat.pdf.join`): its members, and
    the marker that finds their pages."""

    members: list[Member] = field(default_factory=list)
    nonce: str = ""


def _prepare(parts: Parts) -> Piece | None:
    """The letter ready to be joined, or None: converted alone (also when it
    holds something :func:`~surat.pdf.join.prepare` did not expect)."""
    from .join import prepare

    try:
        return prepare(parts)
    except Exception as exc:
        log.warning("converter: a document is converted alone (%s)", type(exc).__name__)
        return None


def _size(job: Job | None) -> int:
    """How many documents a job converts."""
    if job is None:
        return 0
    return len(job.members) if isinstance(job, _Group) else 1


def _as_group(members: list[Member], pdfa: bool, compress: bool) -> list[Job]:
    """The jobs for *members*: one joined document, or each letter as it is (one
    letter, or letters that could not be joined)."""
    from .join import join, new_nonce
    from .offline import offline_parts

    if len(members) > 1:
        nonce = new_nonce()
        try:
            parts = offline_parts(join([m.piece for m in members], nonce))
        except Exception as exc:  # joining is a shortcut: never a reason to fail
            log.warning(
                "converter: could not join %d documents (%s)", len(members), type(exc).__name__
            )
        else:
            first = members[0]
            name = f"{len(members)} dokumen mulai {first.name}"
            docx = _docx(parts, compress)
            return [_Group(first.index, name, docx, pdfa, members=members, nonce=nonce)]
    return [Job(m.index, m.name, _docx(m.piece.parts, compress), pdfa) for m in members]


class Converter:
    """Convert many .docx to PDF with warm LibreOffice workers.

    ``workers``: at most how many LibreOffice processes (default: the CPUs
    this process may use, :func:`~surat.pdf.system.usable_cpus`: its affinity
    and its container's quota). Each starts only when documents wait for
    it: a web worker converting one letter at a time runs one LibreOffice.
    ``url``: one or more ``unoserver://host:port`` to use instead of local
    processes (one request at a time each). ``backend``: ``"uno"``,
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
                raise SuratError("url: paling sedikit satu alamat unoserver diharapkan")
            for u in urls:
                UnoserverWorker(u)  # check each address now, not at the first document
            self.backend = "unoserver"
            self._factory = [
                functools.partial(UnoserverWorker, u, min(self.timeout, 120.0)) for u in urls
            ]
            return
        n = workers if workers is not None else usable_cpus()
        if n < 1:
            raise SuratError(f"workers: paling sedikit 1, bukan {n}")
        soffice = soffice_path()
        python = find_uno_python() if backend in ("auto", "uno") else None
        if backend == "uno" and python is None:
            raise SuratError("backend 'uno': tidak ditemukan Python dengan modul uno LibreOffice")
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
            raise SuratError("Converter: sudah ditutup")
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
            raise SuratError(f"LibreOffice: tidak dapat dijalankan ({type(errors[0]).__name__})")

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
        self,
        items: Iterable[Convertible | tuple[str, bytes]],
        *,
        pdfa: bool = False,
        join: int = 0,
    ) -> list[bytes]:
        """Every item to PDF bytes, in order. See :meth:`imap`."""
        return list(self.imap(items, pdfa=pdfa, join=join))

    def imap(
        self,
        items: Iterable[Convertible | tuple[str, bytes]],
        *,
        pdfa: bool = False,
        join: int = 0,
    ) -> Iterator[bytes]:
        """Yield each item's PDF in input order while later items convert.

        *items* (:class:`Convertible`, such as a ``Document``, or
        ``(name, docx_bytes)``) is read in a thread as the workers take
        documents, so a generator that renders letters renders while
        earlier ones convert. The first failure stops the call
        with a :class:`SuratError` naming that document; an exception raised
        by *items* itself is passed on unchanged. Calls from several threads
        take turns; a call from inside another's loop is refused.

        ``join=N`` (N > 1) converts up to N documents that would be laid out
        alike (letters of one template and page setup) as one document and
        splits its PDF back into theirs (:mod:`surat.pdf.join`): each PDF is
        still the document's own pages, with its own page numbers. A joined
        document that fails is converted again one document at a time, so a
        failure still names its document.
        """
        for out in self.imap_pages(items, pdfa=pdfa, join=join):
            yield out.pdf if isinstance(out, Pages) else out

    def imap_pages(
        self,
        items: Iterable[Convertible | tuple[str, bytes]],
        *,
        pdfa: bool = False,
        join: int = 0,
    ) -> Iterator[bytes | Pages]:
        """:meth:`imap`, with the documents of a joined conversion given as their
        :class:`~surat.pdf.join.Pages` in the joined PDF (a print pack copies
        them from there) instead of PDFs of their own."""
        if self._owner == threading.get_ident():
            raise SuratError(
                "Converter: sedang mengonversi di thread ini; selesaikan panggilan itu dulu "
                "(atau pakai Converter kedua)"
            )
        if not isinstance(join, int) or join < 0:
            raise SuratError(f"join: jumlah dokumen diharapkan, bukan {join!r}")
        with self._lock:
            if os.getpid() != self._pid:
                raise SuratError("Converter: dibuat di proses lain; buat yang baru")
            self._start("lazy")
            self._owner = threading.get_ident()
            try:
                size = len(items) if isinstance(items, Sized) else None
                yield from self._imap(iter(items), pdfa, size, join)
            finally:
                self._owner = None

    def _imap(
        self, items: Iterator[Any], pdfa: bool, size: int | None, join: int = 0
    ) -> Iterator[bytes | Pages]:
        deadline = time.monotonic() + self.timeout
        todo: queue.Queue[Job | None] = queue.Queue(maxsize=4 * len(self._pool))
        results: queue.Queue[tuple[str, Any]] = queue.Queue()
        stop = threading.Event()
        fed = [0]
        compress = self.backend == "unoserver"
        idle = [0]  # workers waiting for a job
        waiting = [0]  # documents queued, not yet taken by a worker
        fed_all = threading.Event()  # every job is queued
        idle_lock = threading.Lock()
        # documents read but not yet yielded: the feeder waits rather than
        # run ahead of a slow consumer (memory stays bounded by this)
        window = threading.Semaphore(max(WINDOW, 2 * join + 4 * len(self._pool)))

        def put(job: Job | None) -> bool:
            """Queue *job* unless the call stops first; whether it was queued."""
            with idle_lock:
                waiting[0] += _size(job)
            while not stop.is_set():
                try:
                    todo.put(job, timeout=0.1)
                    return True
                except queue.Full:
                    continue
            return False

        def taken(jobs: list[Job]) -> None:
            with idle_lock:
                waiting[0] -= sum(_size(j) for j in jobs)

        def room() -> bool:
            """Wait for a place in the window unless the call stops first."""
            while not stop.is_set():
                if window.acquire(timeout=0.1):
                    return True
            return False

        def feed() -> None:
            try:
                from pypdf import PdfReader  # noqa: F401  imported now, not after the first PDF

                grouper = None
                if join > 1:
                    from .join import Grouper, Member

                    grouper = Grouper(join)
                i = -1
                while room():  # a place in the window before the next item is made
                    item = next(items, _END)
                    if item is _END:
                        break
                    i += 1
                    if grouper is None:
                        if not put(_as_job(i, item, pdfa, compress)):
                            return
                    else:
                        name, parts = _read(item)
                        piece = _prepare(parts)
                        if piece is None:
                            jobs: list[Job] = [Job(i, name, _docx(parts, compress), pdfa)]
                        else:
                            groups = grouper.add(Member(i, name, piece))
                            if not groups and idle[0] and todo.empty():
                                # a worker waits: give it what there is rather than nothing
                                groups = grouper.early(JOIN_IDLE)
                            jobs = [j for g in groups for j in _as_group(g, pdfa, compress)]
                        for job in jobs:
                            if not put(job):
                                return
                    fed[0] = i + 1
                else:
                    return  # the call stopped
                if grouper is not None:
                    # the last letters: shared between the workers, none waits for another
                    running = sum(1 for w in self._pool if w.ready) or 1
                    for g in grouper.rest():
                        ways = min(running, max(1, len(g) // JOIN_IDLE))
                        share = -(-len(g) // ways)
                        for k in range(0, len(g), share):
                            for job in _as_group(g[k : k + share], pdfa, compress):
                                if not put(job):
                                    return
                results.put(("fed", fed[0]))
                fed_all.set()
                for _ in self._pool:  # one "no more" each: no worker waits on an empty queue
                    put(None)
            except BaseException as exc:
                results.put(("feed-error", exc))

        def settle(worker: Worker, folder: Path, job: Job, out: bytes | Failure) -> bool:
            """Report *job*'s outcome (retrying it once after a crash); False when
            this worker must stop."""
            if isinstance(out, Failure):
                if out.crash and job.tries == 0:
                    if stop.is_set():
                        return False
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
                        out = worker.run([retry], folder)[0]
                    except SuratError as exc:
                        results.put(("error", exc))
                        return False
                if isinstance(out, Failure):
                    why = out.reason + (" dua kali" if out.crash else "")
                    results.put(("error", SuratError(f"{job.name}: {why}")))
                    return True
            try:
                results.put(("ok", (job.index, check_pdf(out, job.name))))
            except SuratError as exc:
                results.put(("error", exc))
            return True

        def settle_group(worker: Worker, folder: Path, group: _Group, out: bytes | Failure) -> bool:
            """Each member's pages of the joined PDF; else each member on its own."""
            from .join import split

            pdfs = None
            if not isinstance(out, Failure):
                pdfs = split(out, len(group.members), group.nonce)
            if pdfs is not None:
                for member, pdf in zip(group.members, pdfs, strict=True):
                    results.put(("ok", (member.index, pdf)))
                return True
            log.warning(
                "converter: %d documents converted as one failed (%s); "
                "converting them one at a time",
                len(group.members),
                out.reason if isinstance(out, Failure) else "their pages were not found",
            )
            for member in group.members:
                if stop.is_set():
                    return False
                job = Job(member.index, member.name, _docx(member.piece.parts, compress), pdfa)
                try:
                    (alone,) = worker.run([job], folder)
                except SuratError as exc:
                    results.put(("error", exc))
                    return False
                except Exception as exc:
                    alone = Failure(type(exc).__name__, crash=True)
                if not settle(worker, folder, job, alone):
                    return False
            return True

        def wanted(worker: Worker) -> bool:
            """Whether a worker whose LibreOffice is not running yet starts it: only
            for work that waits (one document a call, as a web request converts,
            never starts a second LibreOffice); with ``join=``, only for work that
            waits while another converts (letters rendered one by one rarely make
            more than one LibreOffice busy, and a start costs more than a group);
            False when there is no more work."""
            while not stop.is_set():
                if worker.ready:
                    return True
                if join > 1:
                    # more work waits than a running LibreOffice soon catches up with
                    if waiting[0] >= 2 * join and any(w.ready for w in self._pool):
                        return True
                elif waiting[0] >= 2:
                    return True
                if fed_all.wait(0.05):
                    return False
            return False

        def work(worker: Worker, folder: Path, first_one: bool = True) -> None:
            if not first_one and not wanted(worker):
                return
            last = False
            while not stop.is_set() and not last:
                try:
                    first = todo.get_nowait()
                except queue.Empty:
                    with idle_lock:
                        idle[0] += 1
                    try:
                        first = todo.get(timeout=0.1)
                    except queue.Empty:
                        continue
                    finally:
                        with idle_lock:
                            idle[0] -= 1
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
                taken(batch)
                try:
                    outcome = worker.run(batch, folder)
                except SuratError as exc:
                    results.put(("error", exc))
                    return
                except Exception as exc:
                    outcome = [Failure(type(exc).__name__, crash=True) for _ in batch]
                for job, out in zip(batch, outcome, strict=True):
                    if isinstance(job, _Group):
                        going = settle_group(worker, folder, job, out)
                    else:
                        going = settle(worker, folder, job, out)
                    if not going:
                        return

        if not any(w.ready for w in self._pool):
            # the first LibreOffice starts now, while the first documents are read
            # and made, not once the first of them waits for it: its start (about
            # 0.4 s) is over by the time a group is ready
            self._pool[0].launch()
        with private_tempdir("surat-batch-") as folder:
            feeder = threading.Thread(target=feed, daemon=True, name="surat-feed")
            threads = [
                threading.Thread(
                    target=work, args=(w, folder, n == 0), daemon=True, name="surat-lo"
                )
                for n, w in enumerate(self._pool)
            ]
            feeder.start()
            for t in threads:
                t.start()
            done: dict[int, bytes | Pages] = {}
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
                        of = f"{nxt} dari {total}" if total is not None else f"{nxt}"
                        raise SuratError(
                            f"LibreOffice tidak selesai dalam {self.timeout:g} s "
                            f"({of} dokumen selesai)"
                        )
                    try:
                        kind, value = results.get(timeout=min(left, 0.5))
                    except queue.Empty:
                        continue
                    if kind == "ok":
                        index, data = value
                        done[index] = data
                        while nxt in done:
                            window.release()
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
