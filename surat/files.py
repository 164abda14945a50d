"""Owner-only, all-or-nothing file writes.

Letters name child victims, so every file surat writes is created with mode
0600, and it appears under its name only when it is complete: the bytes go to
a temporary file in the same folder, are flushed to disk and then renamed over
the target. A crash leaves the old file or none, never half of a new one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import SuratError

__all__ = ["atomic_path", "write_private"]


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
