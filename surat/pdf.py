"""DOCX -> PDF through LibreOffice.

``convert(docx)`` turns one letter into PDF bytes. It runs LibreOffice
headless with a private, temporary profile (two soffice processes on one
profile at once make one of them exit without converting anything) and checks
what comes back: soffice exits 0 even when every input failed.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import SuratError

__all__ = ["convert", "soffice_path"]

#: The export filter; PDF/A-2b adds SelectPdfVersion=2 (LibreOffice >= 7.4 JSON options).
PDF_FILTER = "pdf:writer_pdf_Export"
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'

#: Import as Word 2007+ only: without it LibreOffice reads a corrupt .docx as plain text.
DOCX_FILTER = "MS Word 2007 XML"

TIMEOUT = 120.0


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


@contextlib.contextmanager
def private_tempdir(prefix: str = "surat-") -> Iterator[Path]:
    """A temporary folder only the owner can enter (0700), always removed."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        os.chmod(path, 0o700)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


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


def convert(docx: bytes, name: str = "document", *, pdfa: bool = False) -> bytes:
    """Convert one .docx (bytes) to PDF bytes with a one-off LibreOffice run.

    *name* identifies the document in errors (a label, never its content).
    ``pdfa=True`` exports PDF/A-2b.
    """
    if not docx:
        raise SuratError(f"{name}: empty .docx")
    with private_tempdir() as work:
        src = work / "in" / "doc.docx"
        src.parent.mkdir(mode=0o700)
        src.write_bytes(docx)
        out = work / "out"
        out.mkdir(mode=0o700)
        home = work / "home"
        home.mkdir(mode=0o700)
        cmd = [
            soffice_path(),
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nolockcheck",
            f"--infilter={DOCX_FILTER}",
            "--convert-to",
            PDFA_FILTER if pdfa else PDF_FILTER,
            "--outdir",
            str(out),
            str(src),
        ]
        env = {**os.environ, "HOME": str(home), "TMPDIR": str(work)}
        try:
            subprocess.run(
                cmd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise SuratError(f"{name}: LibreOffice did not finish within {TIMEOUT:.0f} s") from None
        result = out / "doc.pdf"
        if not result.exists():
            raise SuratError(f"{name}: LibreOffice could not convert it (is the .docx valid?)")
        return check_pdf(result.read_bytes(), name)
