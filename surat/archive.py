"""Refuse a zip bomb before anything is inflated.

A .docx (or .xlsx) is a zip archive. Its central directory declares every
member's packed and unpacked size; Python's ``zipfile``, which python-docx,
docxtpl and openpyxl read with, never gives more of a member than its
declared size. So reading the directory, which inflates nothing, is enough to
refuse an archive that would unpack to gigabytes: a 1.5 MB file that
declares 3 GB, or a member packed more tightly than any document is.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .errors import SuratError

__all__ = ["MAX_MEMBERS", "MAX_RATIO", "MAX_UNPACKED", "check_archive"]

MAX_UNPACKED = 256 * 2**20
"""Most bytes an archive may unpack to (a letter template with photos is a few MB)."""
MAX_MEMBERS = 2_000
"""Most members (a .docx has some 10 to 50)."""
MAX_RATIO = 200
"""Tightest packing of a member over 1 MB (Word's XML packs about 5 to 20 to 1)."""
_RATIO_FROM = 2**20


def check_archive(data: bytes | Path, name: str | Path) -> None:
    """Raise ``SuratError`` naming *name* when the archive would unpack absurdly.

    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("word/document.xml", b"0" * 50 * 2**20)
    >>> check_archive(buf.getvalue(), "bom.docx")
    Traceback (most recent call last):
    surat.errors.SuratError: bom.docx: word/document.xml dimampatkan lebih dari 200 banding 1 \
(50 MB dari 0.0 MB); ditolak karena kemungkinan bom zip
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SuratError(f"{name}: bukan .docx yang terbaca (arsip zip diharapkan)") from None
    if len(members) > MAX_MEMBERS:
        raise SuratError(
            f"{name}: {len(members)} anggota dalam arsip (paling banyak {MAX_MEMBERS}); "
            "ditolak karena kemungkinan bom zip"
        )
    total = 0
    for m in members:
        total += m.file_size
        if total > MAX_UNPACKED:
            raise SuratError(
                f"{name}: terurai menjadi lebih dari {MAX_UNPACKED // 2**20} MB; "
                "ditolak karena kemungkinan bom zip"
            )
        if m.file_size > _RATIO_FROM and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise SuratError(
                f"{name}: {m.filename} dimampatkan lebih dari {MAX_RATIO} banding 1 "
                f"({m.file_size / 2**20:.0f} MB dari {m.compress_size / 2**20:.1f} MB); "
                "ditolak karena kemungkinan bom zip"
            )
