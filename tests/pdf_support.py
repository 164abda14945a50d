"""Small documents for the converter's tests, and reading their PDFs back."""

from __future__ import annotations

import io

from docx import Document as _Docx
from pypdf import PdfReader


def make_docx(text: str) -> bytes:
    """A .docx of one paragraph, *text*."""
    d = _Docx()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def first_line(pdf: bytes) -> str:
    """The first line of text on the PDF's first page."""
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text().splitlines()[0]
