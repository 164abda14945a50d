"""DOCX -> PDF through LibreOffice, kept warm and run in parallel.

Starting LibreOffice costs about 1.4 s; converting a one-page letter in a
running one costs well under 0.1 s. So a :class:`Converter` keeps N LibreOffice
processes running (default: one per core), feeds them documents while earlier
ones convert, and reuses them across calls until :meth:`Converter.close`.

Three backends, chosen by :class:`Converter`:

``"uno"`` (the default when the system has LibreOffice's Python bridge)
    each worker is a small process under the system Python (Debian:
    ``/usr/bin/python3`` with ``python3-uno``) that drives its own
    ``soffice`` through a private UNO pipe; requests travel over the worker's
    stdin/stdout, so no network port is ever opened.
``"soffice"`` (fallback without the bridge)
    each worker runs one ``soffice --convert-to`` call per chunk of waiting
    documents; slower, as each call starts LibreOffice again.
``url="unoserver://host:port"``
    a running `unoserver <https://github.com/unoconv/unoserver>`_ (API 3)
    converts, so several machines can share converters. Its server needs the
    Python that has ``uno`` (Debian: ``/usr/bin/python3 -m unoserver.server``
    with the unoserver package on its path). unoserver also converts any file
    its machine can read when asked by path: run it only where every client
    may read that machine's files.

Every worker has its own profile (``-env:UserInstallation``) and HOME: two
soffice on one profile at once make one of them exit without converting. Every
output is checked (exists, starts with ``%PDF``, has pages), because soffice
exits 0 even when every input failed; a failure names the document by its
label, never by its content. A worker that crashes is restarted and the
document tried once more. Temporary files live in 0700 folders that are
always removed.

:func:`convert` is the one-call form. It uses one process-wide converter,
created lazily on first use (thread-safe, re-created after ``fork``) and
closed at interpreter exit; call :func:`close_shared` to stop it earlier.
Use an explicit ``Converter`` (a context manager) to control its lifetime.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import io
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import xmlrpc.client
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol
from urllib.parse import urlsplit

from .errors import SuratError

if TYPE_CHECKING:
    from .document import Document

__all__ = [
    "Converter",
    "check_pdf",
    "close_shared",
    "convert",
    "find_uno_python",
    "private_tempdir",
    "shared_converter",
    "slim_docx",
    "soffice_path",
]

#: Import as Word 2007+ only: without it LibreOffice reads a corrupt .docx as plain text.
DOCX_FILTER = "MS Word 2007 XML"
PDF_FILTER = "writer_pdf_Export"
#: PDF/A-2b through the export filter's SelectPdfVersion (LibreOffice >= 7.4 JSON options).
PDFA_OPTIONS = '{"SelectPdfVersion":{"type":"long","value":"2"}}'

#: Seconds one call (one batch) may take before its LibreOffice processes are killed.
TIMEOUT = 600.0
#: How many waiting documents one ``soffice --convert-to`` call takes (fallback backend).
CHUNK = 25

Backend = Literal["auto", "uno", "soffice"]


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


@functools.cache
def find_uno_python() -> str | None:
    """A Python interpreter that can ``import uno``, or None.

    ``$SURAT_UNO_PYTHON`` first, then Debian's ``/usr/bin/python3`` (with
    ``python3-uno``), then the Python bundled with LibreOffice.
    """
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


@contextlib.contextmanager
def private_tempdir(prefix: str = "surat-") -> Iterator[Path]:
    """A temporary folder only the owner can enter (0700), always removed."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        os.chmod(path, 0o700)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


_STYLE_REF = re.compile(
    rb"<w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink|clickAndTypeStyle|defaultTableStyle)"
    rb' w:val="([^"]+)"'
)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@functools.lru_cache(maxsize=16)
def _slim_styles(styles: bytes, used: frozenset[str]) -> bytes | None:
    """styles.xml with only the styles in use (and what they build on)."""
    from lxml import etree  # type: ignore[import-untyped]

    try:
        root = etree.fromstring(styles)
    except etree.XMLSyntaxError:
        return None
    table = {st.get(f"{_W}styleId"): st for st in root.findall(f"{_W}style")}
    keep = set(used) | {k for k, st in table.items() if st.get(f"{_W}default") == "1"}
    todo = list(keep)
    while todo:
        st = table.get(todo.pop())
        if st is None:
            continue
        for tag in ("basedOn", "next", "link"):
            ref = st.find(f"{_W}{tag}")
            val = ref.get(f"{_W}val") if ref is not None else None
            if val and val not in keep:
                keep.add(val)
                todo.append(val)
    for sid, st in table.items():
        if sid not in keep:
            root.remove(st)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


#: Parts that hold the template's settings, never a letter's text: safe to keep.
SHARED_PARTS = frozenset(
    {
        "word/styles.xml",
        "word/stylesWithEffects.xml",
        "word/numbering.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/theme/theme1.xml",
        "word/webSettings.xml",
    }
)


def _style_refs(part: bytes) -> frozenset[str]:
    return frozenset(m.decode() for m in _STYLE_REF.findall(part))


class _Parts:
    """Unchanged parts of the letters of one template, by (name, CRC, size).

    Letters rendered from one template share their settings parts (styles,
    theme, fonts): those are inflated once and reused. Only parts listed in
    :data:`SHARED_PARTS` are kept; a letter's text never is.
    """

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self.data: dict[tuple[str, int, int], bytes] = {}
        self.lock = threading.Lock()

    def read(self, z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
        if info.filename not in SHARED_PARTS:  # a letter's own text is never kept
            return z.read(info)
        key = (info.filename, info.CRC, info.file_size)
        with self.lock:
            hit = self.data.get(key)
        if hit is not None:
            return hit
        data = z.read(info)
        with self.lock:
            if len(self.data) >= self.size:
                self.data.pop(next(iter(self.data)))
            self.data[key] = data
        return data


_parts = _Parts()


def slim_docx(docx: bytes, *, compress: bool = False) -> bytes:
    """The same letter without the style definitions nobody uses.

    Templates made from python-docx's default carry about 160 styles (350 KB
    of XML) of which a letter uses ten; LibreOffice parses every one of them,
    which is most of its time for a one-page letter. Dropping the unused ones
    changes nothing on the page (the PDF renders pixel for pixel the same) and
    makes loading about a third faster. The parts are stored, not deflated
    (cheaper when the file goes to a local disk); ``compress=True`` deflates
    them for a trip over the network. Anything unexpected: the bytes as given.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as zin:
            infos = zin.infolist()
            if not any(i.filename == "word/styles.xml" for i in infos):
                return docx
            parts = {i.filename: _parts.read(zin, i) for i in infos}
            used: set[str] = set()
            for n, data in parts.items():
                if n.startswith("word/") and n.endswith(".xml") and "styles" not in n.lower():
                    used |= _style_refs(data)
            styles = _slim_styles(parts["word/styles.xml"], frozenset(used))
            if styles is None:
                return docx
            buf = io.BytesIO()
            method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            with zipfile.ZipFile(buf, "w", method, compresslevel=1) as zout:
                for info in infos:
                    name = info.filename
                    zout.writestr(name, styles if name == "word/styles.xml" else parts[name])
            return buf.getvalue()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return docx  # LibreOffice will say what is wrong with it


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


# -- jobs and workers -------------------------------------------------------


@dataclass
class _Job:
    index: int
    name: str
    docx: bytes
    pdfa: bool
    tries: int = 0


class _Failure(Exception):
    """A worker could not convert a job; ``crash`` says the worker died doing it."""

    def __init__(self, reason: str, *, crash: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.crash = crash


class _Worker(Protocol):
    chunk: int

    @property
    def ready(self) -> bool: ...

    def start(self) -> None: ...
    def run(self, jobs: list[_Job], folder: Path) -> list[bytes | _Failure]: ...
    def kill(self) -> None: ...
    def close(self) -> None: ...


def _kill_group(pid: int | None) -> None:
    """Kill a process started with ``start_new_session`` and all its children
    (``soffice`` is a wrapper whose child ``soffice.bin`` does the work)."""
    if pid:
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)


def _remove_pipes(profile: Path, pipe: str | None = None) -> None:
    """Remove the socket files a killed soffice leaves in /tmp (a clean exit removes them).

    LibreOffice names its single-instance pipe after the MD5 of the profile's
    URL in UTF-16, each byte in hex without padding; the UNO pipe is ours.
    """
    digest = hashlib.md5(profile.as_uri().encode("utf-16-le"), usedforsecurity=False).digest()
    names = ["SingleOfficeIPC_" + "".join(format(b, "x") for b in digest)]
    if pipe:
        names.append(pipe)
    for name in names:
        with contextlib.suppress(OSError):
            (Path("/tmp") / f"OSL_PIPE_{os.getuid()}_{name}").unlink()


class _UnoWorker:
    """One warm soffice driven by ``_unoworker.py`` under the system Python."""

    chunk = 1

    def __init__(self, python: str, soffice: str) -> None:
        self.python = python
        self.soffice = soffice
        self.proc: subprocess.Popen[str] | None = None
        self.soffice_pid: int | None = None
        self.pipe: str | None = None
        self.folder: Path | None = None

    @property
    def ready(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="surat-lo-"))
        os.chmod(self.folder, 0o700)
        script = Path(__file__).with_name("_unoworker.py")
        self.proc = subprocess.Popen(
            [self.python, "-I", str(script), self.soffice, str(self.folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
            env={k: v for k, v in os.environ.items() if not k.startswith("PYTHON")},
        )
        line = self._read()
        if not line.get("ready"):
            self.close()
            raise SuratError(
                "LibreOffice: the UNO worker did not start (is python3-uno installed?)"
            )
        self.soffice_pid = int(line.get("pid", 0)) or None
        self.pipe = str(line.get("pipe") or "") or None

    def _read(self) -> dict[str, Any]:
        assert self.proc is not None and self.proc.stdout is not None
        raw = self.proc.stdout.readline()
        if not raw:
            return {}
        try:
            msg: dict[str, Any] = json.loads(raw)
        except ValueError:
            return {}
        return msg

    def run(self, jobs: list[_Job], folder: Path) -> list[bytes | _Failure]:
        (job,) = jobs
        if self.proc is None or self.proc.poll() is not None:
            self.close()
            self.start()
        assert self.proc is not None and self.proc.stdin is not None
        src = folder / f"{job.index}.docx"
        dst = folder / f"{job.index}.pdf"
        src.write_bytes(job.docx)
        try:
            try:
                self.proc.stdin.write(
                    json.dumps({"in": str(src), "out": str(dst), "pdfa": job.pdfa}) + "\n"
                )
                self.proc.stdin.flush()
            except OSError:
                return [_Failure("LibreOffice stopped", crash=True)]
            reply = self._read()
            if not reply:
                self.kill()
                return [_Failure("LibreOffice stopped", crash=True)]
            if not reply.get("ok"):
                if reply.get("crash"):
                    self.kill()
                    return [_Failure("LibreOffice crashed", crash=True)]
                return [
                    _Failure("LibreOffice could not read it (is the .docx valid?)", crash=False)
                ]
            if not dst.exists():
                return [_Failure("LibreOffice wrote no PDF", crash=False)]
            return [dst.read_bytes()]
        finally:
            src.unlink(missing_ok=True)
            dst.unlink(missing_ok=True)

    def kill(self) -> None:
        """Stop at once (timeout, crash): both the worker and its soffice."""
        _kill_group(self.soffice_pid)
        if self.proc is not None:
            _kill_group(self.proc.pid)
        if self.folder is not None:
            _remove_pipes(self.folder / "profile", self.pipe)
        self.close()

    def close(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            with contextlib.suppress(OSError):
                if proc.stdin is not None:
                    proc.stdin.close()
            try:
                proc.wait(15)  # the worker stops its soffice itself
            except subprocess.TimeoutExpired:
                _kill_group(self.soffice_pid)
                _kill_group(proc.pid)
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
        self.soffice_pid = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


class _SofficeWorker:
    """One ``soffice --convert-to`` call per chunk of documents, own profile."""

    chunk = CHUNK

    def __init__(self, soffice: str) -> None:
        self.soffice = soffice
        self.folder: Path | None = None
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def ready(self) -> bool:
        return self.folder is not None

    def start(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="surat-lo-"))
        os.chmod(self.folder, 0o700)
        (self.folder / "home").mkdir(mode=0o700)

    def run(self, jobs: list[_Job], folder: Path) -> list[bytes | _Failure]:
        if self.folder is None:
            self.start()
        assert self.folder is not None
        sub = Path(tempfile.mkdtemp(prefix="chunk-", dir=folder))
        try:
            srcs = []
            for job in jobs:
                src = sub / f"{job.index}.docx"
                src.write_bytes(job.docx)
                srcs.append(str(src))
            pdfa = jobs[0].pdfa
            target = f"pdf:{PDF_FILTER}:{PDFA_OPTIONS}" if pdfa else f"pdf:{PDF_FILTER}"
            self.proc = subprocess.Popen(
                [
                    self.soffice,
                    f"-env:UserInstallation={(self.folder / 'profile').as_uri()}",
                    "--headless",
                    "--invisible",
                    "--nologo",
                    "--norestore",
                    "--nolockcheck",
                    f"--infilter={DOCX_FILTER}",
                    "--convert-to",
                    target,
                    "--outdir",
                    str(sub),
                    *srcs,
                ],
                env={**os.environ, "HOME": str(self.folder / "home"), "TMPDIR": str(sub)},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            rc = self.proc.wait()
            self.proc = None
            crash = rc < 0 or rc > 1
            out: list[bytes | _Failure] = []
            for job in jobs:
                pdf = sub / f"{job.index}.pdf"
                if pdf.exists():
                    out.append(pdf.read_bytes())
                elif crash or len(jobs) > 1:
                    # alone, it gets a second try: another document may have crashed soffice
                    out.append(_Failure("LibreOffice stopped", crash=True))
                else:
                    out.append(
                        _Failure("LibreOffice could not read it (is the .docx valid?)", crash=False)
                    )
            return out
        finally:
            shutil.rmtree(sub, ignore_errors=True)

    def kill(self) -> None:
        proc = self.proc
        if proc is not None:
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, signal.SIGKILL)
            if self.folder is not None:
                _remove_pipes(self.folder / "profile")

    def close(self) -> None:
        self.kill()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


class _Timeout:
    """XML-RPC with a socket timeout: a server that accepts and then never
    answers must not hang the batch. Mixed into both transports below."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host: Any) -> Any:
        conn = super().make_connection(host)  # type: ignore[misc]
        conn.timeout = self.timeout
        return conn


class _Transport(_Timeout, xmlrpc.client.Transport):
    pass


class _SafeTransport(_Timeout, xmlrpc.client.SafeTransport):
    pass


class _UnoserverWorker:
    """A running unoserver (XML-RPC, API 3): the document travels as bytes."""

    chunk = 1

    def __init__(self, url: str, timeout: float = TIMEOUT) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("unoserver", "http", "https") or not parts.hostname:
            raise SuratError(f"{url}: 'unoserver://HOST:PORT' expected")
        scheme = "https" if parts.scheme == "https" else "http"
        self.endpoint = f"{scheme}://{parts.hostname}:{parts.port or 2003}"
        self.url = url
        self.timeout = timeout
        self.proxy: xmlrpc.client.ServerProxy | None = None

    @property
    def ready(self) -> bool:
        return self.proxy is not None

    def start(self) -> None:
        transport: xmlrpc.client.Transport = (
            _SafeTransport(self.timeout)
            if self.endpoint.startswith("https")
            else _Transport(self.timeout)
        )
        proxy = xmlrpc.client.ServerProxy(self.endpoint, transport=transport, allow_none=True)
        try:
            info = proxy.info()
        except (OSError, xmlrpc.client.Error) as exc:
            raise SuratError(f"{self.url}: no unoserver answers ({type(exc).__name__})") from None
        if not isinstance(info, dict) or str(info.get("api")) != "3":
            raise SuratError(f"{self.url}: unoserver API 3 expected")
        self.proxy = proxy

    def run(self, jobs: list[_Job], folder: Path) -> list[bytes | _Failure]:
        (job,) = jobs
        if self.proxy is None:
            self.start()
        assert self.proxy is not None
        options = ["SelectPdfVersion=2"] if job.pdfa else []
        try:
            result = self.proxy.convert(
                None,
                xmlrpc.client.Binary(job.docx),
                None,
                "pdf",
                PDF_FILTER,
                options,
                False,
                DOCX_FILTER,
                None,
            )
        except xmlrpc.client.Fault:
            return [_Failure("unoserver could not read it (is the .docx valid?)", crash=False)]
        except (OSError, xmlrpc.client.Error):
            self.proxy = None
            return [_Failure("unoserver stopped answering", crash=True)]
        if not isinstance(result, xmlrpc.client.Binary):
            return [_Failure("unoserver returned no PDF", crash=False)]
        return [bytes(result.data)]

    def kill(self) -> None:
        self.proxy = None

    def close(self) -> None:
        self.proxy = None


# -- the converter ----------------------------------------------------------


def _as_job(index: int, item: Any, pdfa: bool, compress: bool = False) -> _Job:
    if isinstance(item, tuple):
        name, docx = item
    else:
        name, docx = item.label, item.docx
    if not isinstance(docx, bytes | bytearray) or not docx:
        raise SuratError(f"{name}: .docx bytes expected")
    return _Job(index, str(name), slim_docx(bytes(docx), compress=compress), pdfa)


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
        self._pool: list[_Worker] = []
        self._factory: list[Callable[[], _Worker]]
        self._closed = False
        self._pid = os.getpid()
        self._owner: int | None = None  # the thread inside imap(), if any
        if url is not None:
            urls = [url] if isinstance(url, str) else list(url)
            if not urls:
                raise SuratError("url: at least one unoserver address expected")
            for u in urls:
                _UnoserverWorker(u)  # check each address now, not at the first document
            self.backend = "unoserver"
            self._factory = [
                functools.partial(_UnoserverWorker, u, min(self.timeout, 120.0)) for u in urls
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
            self._factory = [functools.partial(_UnoWorker, python, soffice)] * n
        else:
            self.backend = "soffice"
            self._factory = [functools.partial(_SofficeWorker, soffice)] * n

    @property
    def workers(self) -> int:
        return len(self._factory)

    def __repr__(self) -> str:
        return f"Converter(backend={self.backend!r}, workers={self.workers})"

    def __enter__(self) -> Converter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self, wait: bool = True) -> None:
        """Make the workers; with *wait*, start their LibreOffice now, in parallel.

        Without it each worker starts on its first document, so the first
        letters render while LibreOffice starts.
        """
        if self._closed:
            raise SuratError("Converter: already closed")
        if not self._pool:
            self._pool = [make() for make in self._factory]
        if not wait:
            return
        errors: list[BaseException] = []

        def start(w: _Worker) -> None:
            try:
                w.start()
            except BaseException as exc:
                errors.append(exc)

        idle = [w for w in self._pool if not w.ready]
        threads = [threading.Thread(target=start, args=(w,), daemon=True) for w in idle]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            for w in self._pool:
                w.close()
            if isinstance(errors[0], SuratError):
                raise errors[0]
            raise SuratError(f"LibreOffice: could not start ({type(errors[0]).__name__})")

    def start(self) -> Converter:
        """Start the workers now rather than at the first document; a clear error
        if LibreOffice cannot run. Returns the converter."""
        with self._lock:
            self._start()
        return self

    def close(self) -> None:
        """Stop every LibreOffice this converter started; remove their folders."""
        with self._lock:
            self._closed = True
            if os.getpid() != self._pid:  # a forked child does not own the parent's workers
                self._pool = []
                return
            for w in self._pool:
                w.close()
            self._pool = []

    # -- converting ----------------------------------------------------------

    def convert(self, docx: bytes, name: str = "document", *, pdfa: bool = False) -> bytes:
        """One .docx to PDF bytes; *name* identifies it in errors."""
        return self.convert_many([(name, docx)], pdfa=pdfa)[0]

    def convert_many(
        self, items: Iterable[Document | tuple[str, bytes]], *, pdfa: bool = False
    ) -> list[bytes]:
        """Every item to PDF bytes, in order. See :meth:`imap`."""
        return list(self.imap(items, pdfa=pdfa))

    def imap(
        self, items: Iterable[Document | tuple[str, bytes]], *, pdfa: bool = False
    ) -> Iterator[bytes]:
        """Yield each item's PDF in input order while later items convert.

        *items* (``Document`` or ``(name, docx_bytes)``) is read in a thread
        as the workers take documents, so a generator that renders letters
        renders while earlier ones convert. The first failure stops the call
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
            self._start(wait=False)
            self._owner = threading.get_ident()
            try:
                yield from self._imap(iter(items), pdfa)
            finally:
                self._owner = None

    def _imap(self, items: Iterator[Any], pdfa: bool) -> Iterator[bytes]:
        deadline = time.monotonic() + self.timeout
        todo: queue.Queue[Any] = queue.Queue(maxsize=4 * len(self._pool))
        results: queue.Queue[tuple[str, Any]] = queue.Queue()
        stop = threading.Event()
        fed = [0]

        def feed() -> None:
            try:
                for i, item in enumerate(items):
                    job = _as_job(i, item, pdfa, compress=self.backend == "unoserver")
                    while not stop.is_set():
                        try:
                            todo.put(job, timeout=0.1)
                            fed[0] = i + 1
                            break
                        except queue.Full:
                            continue
                    if stop.is_set():
                        return
                results.put(("fed", fed[0]))
            except BaseException as exc:
                results.put(("feed-error", exc))

        def work(worker: _Worker, folder: Path) -> None:
            while not stop.is_set():
                try:
                    first = todo.get(timeout=0.1)
                except queue.Empty:
                    continue
                batch = [first]
                while len(batch) < worker.chunk:
                    try:
                        batch.append(todo.get_nowait())
                    except queue.Empty:
                        break
                try:
                    outcome = worker.run(batch, folder)
                except SuratError as exc:
                    results.put(("error", exc))
                    return
                except Exception as exc:
                    outcome = [_Failure(type(exc).__name__, crash=True) for _ in batch]
                for job, out in zip(batch, outcome, strict=True):
                    if isinstance(out, _Failure):
                        if out.crash and job.tries == 0:
                            if stop.is_set():
                                return
                            job.tries += 1
                            retry = _Job(job.index, job.name, job.docx, job.pdfa, 1)
                            # a retried job runs alone on this (restarted) worker
                            try:
                                again = worker.run([retry], folder)[0]
                            except SuratError as exc:
                                results.put(("error", exc))
                                return
                            out = again
                        if isinstance(out, _Failure):
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
            total: int | None = None
            nxt = 0
            try:
                while total is None or nxt < total:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        stop.set()
                        for w in self._pool:
                            w.kill()
                        raise SuratError(
                            f"LibreOffice did not finish within {self.timeout:.0f} s "
                            f"({nxt} of {total if total is not None else fed[0]} documents done)"
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
                    elif kind == "feed-error":
                        raise value
                    else:
                        raise value
            except (SuratError, GeneratorExit):
                raise  # a document failed or the caller stopped: workers finish their job
            except BaseException:
                # timeout or interrupt: a job may hang, so stop LibreOffice at once
                stop.set()
                for w in self._pool:
                    w.kill()
                raise
            finally:
                stop.set()
                feeder.join(5)
                for t in threads:
                    t.join(30)


# -- the process-wide converter behind convert() -----------------------------

_shared: Converter | None = None
_shared_lock = threading.Lock()


def shared_converter() -> Converter:
    """The process-wide converter behind :func:`convert`, started on first use."""
    global _shared
    with _shared_lock:
        if _shared is None or _shared._pid != os.getpid() or _shared._closed:
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
        raise SuratError(f"{name}: empty .docx")
    return shared_converter().convert(docx, name, pdfa=pdfa)
