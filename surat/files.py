"""Owner-only, all-or-nothing file writes, and reading the data files people type.

Letters name child victims, so every file surat writes is created with mode
0600, and it appears under its name only when it is complete: the bytes go to
a temporary file in the same folder, are flushed to disk and then renamed over
the target. A crash leaves the old file or none, never half of a new one.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TypeAlias, TypeGuard

from .errors import SuratError

__all__ = [
    "MAX_DATA_BYTES",
    "MAX_DEPTH",
    "Source",
    "Target",
    "atomic_path",
    "decode_text",
    "is_stream",
    "parse_text",
    "private_tempdir",
    "process_alive",
    "read_data",
    "read_source",
    "read_text",
    "remove_stale",
    "write_private",
    "write_target",
]

Target: TypeAlias = str | os.PathLike[str] | BinaryIO
"""Where surat writes a file: a path, or a binary file object (``io.BytesIO``,
an HTTP response) that receives the bytes in one ``write`` and stays open."""

Source: TypeAlias = str | os.PathLike[str] | BinaryIO
"""What surat reads a file from: a path, or a binary file object read to its end."""


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a private temporary path; on success it is renamed to *path*.

    On an exception the temporary file is removed and the target is untouched.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise SuratError(f"{target}: folder {folder} tidak ada")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SuratError(f"{target}: tidak dapat menulis di {folder} ({exc.strerror})") from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        os.chmod(tmp_path, 0o600)
        yield tmp_path
        with open(tmp_path, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        raise


@contextlib.contextmanager
def private_tempdir(prefix: str = "surat-") -> Iterator[Path]:
    """``$TMPDIR/<prefix><pid>-<random>``, a folder only the owner can enter (0700).

    It is removed when the block ends. A process killed with SIGKILL cannot
    remove it, and it may hold letters with full names: so the folder's name
    records its owner, and every new one first removes those of owners that are
    gone (:func:`remove_stale`).
    """
    remove_stale(prefix)
    path = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-"))
    try:
        os.chmod(path, 0o700)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def remove_stale(prefix: str) -> list[Path]:
    """Remove this user's ``<prefix><pid>-*`` folders in ``$TMPDIR`` whose process is
    gone; return them. A folder of a live process (or another user's) stays."""
    pattern = re.compile(re.escape(prefix) + r"(\d+)-[A-Za-z0-9_]+")
    removed: list[Path] = []
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return removed
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None:
            continue
        try:
            if not entry.is_dir(follow_symlinks=False) or entry.stat().st_uid != os.getuid():
                continue
        except OSError:
            continue
        if process_alive(int(match.group(1))):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed


def process_alive(pid: int) -> bool:
    """Whether process *pid* of this machine still runs (another user's counts)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    except OSError:
        return True
    return True


def write_private(
    path: str | os.PathLike[str], data: bytes, *, on_written: Callable[[], None] | None = None
) -> Path:
    """Write *data* to *path* atomically with mode 0600 and return the path.

    *on_written* is called once the data is on disk, before the file takes its
    name; if it raises, no file is left (a letter confirms its number there).
    """
    target = Path(path)
    with atomic_path(target) as tmp:
        try:
            tmp.write_bytes(data)
        except OSError as exc:
            raise SuratError(f"{target}: tidak dapat ditulis ({exc.strerror})") from None
        if on_written is not None:
            on_written()
    return target


#: A data file larger than this is refused before it is read: no letter needs it,
#: and parsing a huge file would only exhaust the machine.
MAX_DATA_BYTES = 64 * 1024 * 1024

#: A Word template larger than this is refused before it is read (a letter's is ~50 kB).
MAX_TEMPLATE_BYTES = 32 * 1024 * 1024

#: Most lists and tables inside each other in a data file, an office profile or an
#: SOP, and in the data a template is given (:mod:`surat.templating.sandbox`). No letter needs
#: more than a few; a deeper document is refused by this limit, not by Python's.
MAX_DEPTH = 32


def read_regular(path: str | os.PathLike[str], what: str, limit: int) -> bytes:
    """The bytes of a regular file of at most *limit* bytes, else a ``SuratError``.

    A file named in a profile or on a command line may be anything: a FIFO
    (reading it would wait forever), ``/dev/zero`` (it never ends), a folder.
    The file is opened without waiting, checked to be a regular file, and
    read no further than the limit, however it grows meanwhile.

    >>> read_regular("/dev/zero", "logo", 1 << 20)
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: /dev/zero: logo bukan berkas biasa
    """
    p = Path(path)
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # a FIFO: no wait
    except OSError as exc:
        raise SuratError(f"{p}: {what} tidak dapat dibaca ({exc.strerror})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise SuratError(f"{p}: {what} bukan berkas biasa")
        too_big = SuratError(f"{p}: {what} lebih besar dari {_size(limit)}")
        if st.st_size > limit:
            raise too_big
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise SuratError(f"{p}: {what} tidak dapat dibaca ({exc.strerror})") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise too_big
    return data


def _size(limit: int) -> str:
    return f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 2**10} kB"


def read_text(path: str | os.PathLike[str], what: str = "berkas data") -> str:
    """A data file's text: UTF-8 (a byte order mark is allowed), no NUL byte.

    Errors name the file and the line, never the text.
    """
    p = Path(path)
    return decode_text(read_regular(p, what, MAX_DATA_BYTES), str(p), what)


def decode_text(raw: bytes, where: str, what: str = "berkas data") -> str:
    """The text of *raw*, read from *where* (a file, ``stdin``), as :func:`read_text` takes it.

    >>> decode_text(b"nama = 1\\n\\xff", "stdin")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: stdin: baris 2: bukan teks UTF-8 (simpan berkas data sebagai UTF-8)
    """
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise SuratError(
            f"{where}: baris {line}: ada bait NUL, jadi ini bukan berkas teks "
            f"(simpan {what} sebagai teks UTF-8)"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SuratError(
            f"{where}: baris {line}: bukan teks UTF-8 (simpan {what} sebagai UTF-8)"
        ) from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            # the last one would win silently, and a letter would print the other value
            raise _DuplicateKey(key)
        out[key] = value
    return out


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def parse_text(text: str, suffix: str, where: str) -> Any:
    """Parse JSON or TOML text; every way it can fail is a :class:`SuratError`.

    A key given twice in one object, a number too long for Python to read
    (over 4300 digits) and more than :data:`MAX_DEPTH` lists and tables
    inside each other are refused like a syntax error, naming *where* (a
    file) and the line, never quoting the text.

    >>> parse_text('{"nik": "1", "nik": "2"}', ".json", "data.json")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: data.json: kunci 'nik' muncul dua kali dalam satu objek
    >>> parse_text("a = " + "[" * 5000 + "]" * 5000, ".toml", "x.toml")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: x.toml: bersarang terlalu dalam (paling banyak 32 tingkat daftar \
dan tabel)
    >>> parse_text('kode = "A"\\nnama = \\n', ".toml", "kantor.toml")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: kantor.toml: bukan TOML yang sah dekat baris 2
    """
    kind = suffix.lstrip(".").upper()
    too_deep = (
        f"{where}: bersarang terlalu dalam (paling banyak {MAX_DEPTH} tingkat daftar dan tabel)"
    )
    try:
        if suffix == ".json":
            data = json.loads(text, object_pairs_hook=_unique_keys)
        else:
            data = tomllib.loads(text)
    except _DuplicateKey as exc:
        name = exc.key if len(exc.key) <= 60 and exc.key.isprintable() else "(kunci yang panjang)"
        raise SuratError(f"{where}: kunci {name!r} muncul dua kali dalam satu objek") from None
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        # tomllib before Python 3.14 puts the line only in its message
        line = getattr(exc, "lineno", None) or _line_in(str(exc))
        near = f" dekat baris {line}" if line else ""
        raise SuratError(f"{where}: bukan {kind} yang sah{near}") from None
    except RecursionError:  # deeper than Python itself can parse
        raise SuratError(too_deep) from None
    except ValueError:  # int() refusing more than sys.get_int_max_str_digits() digits
        raise SuratError(
            f"{where}: bilangan dengan terlalu banyak angka (lebih dari 4300)"
        ) from None
    if _depth(data) > MAX_DEPTH:
        raise SuratError(too_deep)
    return data


def _line_in(message: str) -> int | None:
    found = re.search(r"\(at line (\d+), column \d+\)$", message)
    return int(found[1]) if found else None


def _depth(value: Any) -> int:
    """How many lists and tables *value* holds inside each other, level by level
    (a walk that cannot itself run out of stack)."""
    depth = 0
    level = [value] if isinstance(value, dict | list) else []
    while level and depth <= MAX_DEPTH:
        depth += 1
        level = [
            child
            for item in level
            for child in (item.values() if isinstance(item, dict) else item)
            if isinstance(child, dict | list)
        ]
    return depth


def read_data(path: str | os.PathLike[str], what: str = "berkas data") -> dict[str, Any]:
    """An object (key: value) from a .json or .toml file.

    Errors name the file, and the line where the parser could tell, but never
    quote the text: it may be a victim's chronology.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".json", ".toml"):
        raise SuratError(f"{p}: {what} .json atau .toml diharapkan")
    data = parse_text(read_text(p, what), suffix, str(p))
    if not isinstance(data, dict):
        raise SuratError(f"{p}: objek (kunci: nilai) diharapkan di tingkat teratas")
    return data


def is_stream(target: object) -> TypeGuard[BinaryIO]:
    """True for a file object (it has ``write`` or ``read``), False for a path."""
    return not isinstance(target, str | os.PathLike) and (
        hasattr(target, "write") or hasattr(target, "read")
    )


def write_target(target: Target, data: bytes, what: str = "berkas") -> Path | None:
    """Write *data* to a path (atomically, 0600: :func:`write_private`) and return
    it, or to a binary stream in one ``write`` and return None.

    >>> import io
    >>> buf = io.BytesIO()
    >>> write_target(buf, b"%PDF-1.7"), buf.getvalue()
    (None, b'%PDF-1.7')
    """
    if isinstance(target, str | os.PathLike):
        return write_private(target, data)
    try:
        target.write(data)
    except (OSError, ValueError, TypeError) as exc:
        # a closed stream, or one opened in text mode
        raise SuratError(f"{what}: tidak dapat menulis ke aliran ({type(exc).__name__})") from None
    return None


def read_source(source: Source, what: str = "berkas", limit: int = MAX_DATA_BYTES) -> bytes:
    """The bytes of a path or of a binary stream (read to its end, at most *limit*)."""
    if isinstance(source, str | os.PathLike):
        p = Path(source)
        try:
            if p.stat().st_size > limit:
                raise SuratError(f"{p}: {what} lebih besar dari {limit // 2**20} MB")
            return p.read_bytes()
        except OSError as exc:
            raise SuratError(f"{p}: {what} tidak dapat dibaca ({exc.strerror})") from None
    try:
        data = source.read(limit + 1)
    except (OSError, ValueError) as exc:
        raise SuratError(f"{what}: aliran tidak dapat dibaca ({type(exc).__name__})") from None
    if not isinstance(data, bytes | bytearray):
        raise SuratError(f"{what}: aliran biner diharapkan (buka berkas dengan 'rb')")
    if len(data) > limit:
        raise SuratError(f"{what}: lebih besar dari {limit // 2**20} MB")
    return bytes(data)
