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
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import SuratError

__all__ = ["atomic_path", "read_data", "write_private"]


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a private temporary path; on success it is renamed to *path*.

    On an exception the temporary file is removed and the target is untouched.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise SuratError(f"{target}: the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SuratError(f"{target}: cannot write in {folder} ({exc.strerror})") from None
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


def write_private(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write *data* to *path* atomically with mode 0600 and return the path."""
    target = Path(path)
    with atomic_path(target) as tmp:
        try:
            tmp.write_bytes(data)
        except OSError as exc:
            raise SuratError(f"{target}: cannot write ({exc.strerror})") from None
    return target


def read_data(path: str | os.PathLike[str], what: str = "data file") -> dict[str, Any]:
    """An object (key: value) from a .json or .toml file.

    Errors name the file, and the line where the parser could tell, but never
    quote the text: it may be a victim's chronology.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".json", ".toml"):
        raise SuratError(f"{p}: a .json or .toml {what} expected")
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise SuratError(f"{p}: cannot read the {what} ({exc.strerror})") from None
    try:
        data = json.loads(raw) if suffix == ".json" else tomllib.loads(raw.decode("utf-8"))
    except (json.JSONDecodeError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        where = f" near line {line}" if line else ""
        raise SuratError(f"{p}: not valid {suffix[1:].upper()}{where}") from None
    if not isinstance(data, dict):
        raise SuratError(f"{p}: an object (key: value) expected at the top level")
    return data
