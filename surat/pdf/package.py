"""A .docx as a dict of parts: read once with checks, changed, written once.

Everything the converter does to a document before LibreOffice reads it
(:mod:`surat.pdf.offline`, :mod:`surat.pdf.slim`) works on these parts, so
the zip is inflated and deflated once. Reading refuses archives that
:func:`surat.archive.check_archive` takes for zip bombs (before anything is
inflated), and what LibreOffice and Python might read differently (two parts
whose names differ only in case, a name with ``..`` or a backslash).
"""

from __future__ import annotations

import io
import threading
import zipfile

from ..archive import check_archive
from ..errors import SuratError

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

Parts = dict[str, bytes]


class _Cache:
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


_cache = _Cache()


def read_parts(docx: bytes, name: str) -> Parts:
    """Every part of *docx* by name, in archive order; a :class:`SuratError` naming
    *name* if it is no .docx or one that surat will not hand to LibreOffice."""
    bad = f"{name}: bukan .docx yang sah (berkas Word 2007+ diharapkan)"
    check_archive(docx, name)
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as z:
            infos = z.infolist()
            seen: set[str] = set()
            for info in infos:
                key = info.filename.casefold()
                if key in seen or "\\" in key or ".." in key.split("/") or key.startswith("/"):
                    raise SuratError(f"{name}: .docx memuat nama bagian yang ambigu")
                seen.add(key)
            if "[content_types].xml" not in seen:
                raise SuratError(bad)
            return {i.filename: _cache.read(z, i) for i in infos if not i.is_dir()}
    except SuratError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise SuratError(bad) from None
    except (RuntimeError, NotImplementedError):  # encrypted, or an unknown compression
        raise SuratError(bad) from None


def write_parts(parts: Parts, *, compress: bool = False) -> bytes:
    """The parts as a .docx: stored (cheap to a local disk) or deflated (for a network)."""
    buf = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buf, "w", method, compresslevel=1) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()
