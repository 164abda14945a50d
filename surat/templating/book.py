"""Fill surat's own book and report templates: the buku kronologi, the monthly report.

Their context is built by surat, never by a user, so they are filled in
in-process like the built-in letter kinds.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from docx.shared import Mm

from ..document import Document
from ..errors import SuratError
from ..office import Office
from . import emblem
from .engine import TEMPLATES, fill, read_template
from .sandbox import plain

__all__ = ["BOOKS_TEMPLATES", "GRAFIK", "render_book"]

BOOKS_TEMPLATES = ("kronologi", "laporan")
"""surat's own templates that are not letter kinds: the buku kronologi, the monthly report."""

GRAFIK = "rIdSuratGrafik"
"""The relationship id of a report's chart until it is placed."""


def render_book(
    name: str,
    context: dict[str, Any],
    office: Office,
    *,
    judul: str,
    tanggal: date,
    grafik: bytes | None = None,
) -> Document:
    """Fill one of surat's own book or report templates (:data:`BOOKS_TEMPLATES`).

    *context* is built by surat (:mod:`surat.reports.kronologi`, :mod:`surat.reports.laporan`),
    never by a user; *grafik* is a PNG the template places where it prints
    ``{{ grafik }}``.
    """
    if name not in BOOKS_TEMPLATES:
        raise SuratError(f"template: salah satu dari {', '.join(BOOKS_TEMPLATES)} diharapkan")
    if grafik is not None:
        context = {**context, "grafik": emblem.picture(grafik, Mm(160), GRAFIK)}
    source = read_template(TEMPLATES / f"{name}.docx")
    docx = fill(source, plain(context, "", check=False), office, name, judul)
    if grafik is not None:
        import docx as _docx

        d = _docx.Document(io.BytesIO(docx))
        if emblem.place(d, io.BytesIO(grafik), GRAFIK) == 0:  # pragma: no cover - template bug
            raise SuratError(f"{name}: templat tidak punya tempat untuk grafiknya")
        out = io.BytesIO()
        d.save(out)
        docx = out.getvalue()
    return Document(docx=docx, kind=name, judul=judul, office=office, tanggal=tanggal)
