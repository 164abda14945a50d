"""A rendered letter: its .docx bytes and what the print pack needs to know."""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple, overload

from .errors import SuratError
from .files import Target, write_target

if TYPE_CHECKING:
    from collections.abc import Iterable

    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from PIL.Image import Image

    from .office import Office
    from .pdf import Converter
    from .tte import TTE

__all__ = ["Document", "ParafTabel"]


class ParafTabel(NamedTuple):
    """One row of a letter's paraf table, as printed."""

    pejabat: str
    """The official's role key in the office profile, e.g. 'kasi_pha'."""
    jabatan: str
    """The title the table prints (the profile's ``singkatan``), e.g. 'Kasi PHA'."""
    waktu: datetime | None = None
    """When the official initialled the letter electronically (the register's
    record); None: the box is left to initial by hand."""


@dataclass(frozen=True, eq=False, repr=False)
class Document:
    """One rendered letter.

    ``docx`` holds the Word file; ``kind`` is the letter kind id (or the
    template's file name for an office's own template); ``nomor`` is the
    printed register number, if any; ``tembusan`` the copy recipients that
    :func:`surat.print_pack` stamps a copy for. ``repr()`` never shows the
    letter's content: it may name a child victim.

    >>> import io, surat
    >>> doc = surat.render("permohonan", surat.example_data("permohonan"))
    >>> doc.text().splitlines()[2]
    'Yth. Kepala Dinas Pemberdayaan Perempuan, ... Kota Batam'
    >>> buf = io.BytesIO()
    >>> pdf = doc.to_pdf(buf)    # LibreOffice, the process-wide converter
    >>> pdf[:5], buf.getvalue() == pdf
    (b'%PDF-', True)

    ``doc.save("surat.docx")`` writes the Word file (mode 0600); in a notebook
    the document shows its first page.
    """

    docx: bytes
    kind: str
    nomor: str | None = None
    tembusan: tuple[str, ...] = ()
    judul: str = ""
    """Title for the print pack's outline, e.g. 'Surat Persetujuan Pendampingan'."""
    office: Office | None = None
    tanggal: date | None = None
    """The letter's date (for the code a signed letter's QR code carries)."""
    penandatangan: str = ""
    """The signer's name as the letter prints it (empty: none, or a dotted line)."""
    penandatangan_nip: str = ""
    """The NIP printed under the signer, digits only (empty: none)."""
    peringatan: tuple[str, ...] = ()
    """Warnings about the letter, each naming its field (a task on a Saturday or
    Sunday: ``tugas.1.tanggal: hari Sabtu, ... (akhir pekan)``): the letter is
    made, but the office should look before it signs. Never a person's data."""
    paraf: tuple[ParafTabel, ...] = ()
    """The letter's paraf table: the officials who initial it, in rank order,
    with their electronic paraf where one was recorded."""
    _cache: dict[str, Any] = field(default_factory=dict, compare=False)

    def __repr__(self) -> str:
        return f"Document(kind={self.kind!r}, nomor={self.nomor!r}, {len(self.docx)} bytes)"

    @property
    def label(self) -> str:
        """What the outline shows for this letter: its number and kind."""
        title = self.judul or self.kind
        return f"{self.nomor} — {title}" if self.nomor else title

    @overload
    def save(self, target: str | os.PathLike[str]) -> Path: ...
    @overload
    def save(self, target: BinaryIO) -> None: ...
    def save(self, target: Target) -> Path | None:
        """Write the .docx to a path (atomically, owner-only 0600; returns the path)
        or to a binary stream such as ``io.BytesIO`` (returns None)."""
        return write_target(target, self.docx, "simpan")

    def pdf(self, *, converter: Converter | None = None) -> bytes:
        """The letter as PDF bytes (converted once, then cached), by *converter*
        or the process-wide one (:func:`surat.pdf.convert`)."""
        if "pdf" not in self._cache:
            from .pdf import convert

            self._cache["pdf"] = (
                converter.convert(self.docx, self.label)
                if converter is not None
                else convert(self.docx, name=self.label)
            )
        data: bytes = self._cache["pdf"]
        return data

    def to_pdf(
        self,
        target: Target | None = None,
        *,
        tte: TTE | None = None,
        converter: Converter | None = None,
    ) -> bytes:
        """Convert with LibreOffice and return the PDF bytes; also write them to
        *target* when given: a path (atomic, 0600) or a binary stream.

        *converter* is a :class:`surat.pdf.Converter` the application keeps (a
        web application's, started at its start-up); by default the
        process-wide one converts. With *tte* (a :class:`surat.TTE`) the letter
        is signed electronically: footer and QR code on every page, PAdES
        signature in its signature block (:mod:`surat.tte`). Signing fails with
        a :class:`SuratError` before anything is written: a letter is signed
        on its own date (``tanggal``), and each official of its paraf table
        has initialled it electronically (:meth:`surat.Register.record_paraf`,
        passed to :func:`surat.render` as ``paraf=``) unless the signer
        declares the parafs were given on paper (:meth:`surat.TTE.with_paraf_kertas`).
        """
        data = (
            self.pdf(converter=converter)
            if tte is None
            else self.signed_pdf(tte, converter=converter)
        )
        if target is not None:
            write_target(target, data, "to_pdf")
        return data

    def signed_pdf(self, tte: TTE, *, converter: Converter | None = None) -> bytes:
        """The letter as a signed PDF (see :meth:`to_pdf`); signed anew on each call."""
        from .office import Office as _Office
        from .tte.sign import check_holder, check_paraf, check_tanggal, sign_letter

        office = self.office or _Office.default()
        # before converting: the certificate's holder is the signer the letter prints,
        # today is the letter's date, and its parafs are there
        check_holder(
            tte, office, self.kind, self.penandatangan or None, self.penandatangan_nip or None
        )
        check_tanggal(self.kind, self.tanggal)
        check_paraf(self.kind, self.paraf, tte.paraf_kertas)
        # the letter as converted unsigned: the footer takes no room from it
        # (surat.tte.footer), so what the officials initialled is what is signed
        signed = sign_letter(
            self.pdf(converter=converter),
            tte,
            office=office,
            kind=self.kind,
            nomor=self.nomor,
            tanggal=self.tanggal,
            nama=self.penandatangan or None,
            nip=self.penandatangan_nip or None,
        )
        return signed.pdf

    def preview(self, page: int = 1, *, scale: float = 1.0) -> Image:
        """The page (1-based) as a ``PIL.Image``, from the converted PDF.

        Needs the ``preview`` extra (``pip install 'surat[preview]'``).
        """
        key = f"png:{page}:{scale}"
        if key not in self._cache:
            try:
                import pypdfium2
            except ImportError:
                raise SuratError(
                    "preview: tambahan 'preview' belum terpasang "
                    "(pip install 'surat[preview]': pypdfium2 dan pillow)"
                ) from None
            pdf = pypdfium2.PdfDocument(self.pdf())
            try:
                if not 1 <= page <= len(pdf):
                    raise SuratError(f"page: 1..{len(pdf)} diharapkan, bukan {page}")
                self._cache[key] = pdf[page - 1].render(scale=scale).to_pil()
            finally:
                pdf.close()
        image: Image = self._cache[key]
        return image

    def _repr_png_(self) -> bytes | None:
        """Jupyter shows the first page; without the extra it says what to install."""
        try:
            image = self.preview(1)
        except SuratError as exc:
            warnings.warn(str(exc), stacklevel=2)
            return None
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        return buf.getvalue()

    def _repr_html_(self) -> str | None:
        """Jupyter shows the warnings above the first page; a letter without
        warnings is shown as its page alone (:meth:`_repr_png_`)."""
        if not self.peringatan:
            return None
        import base64
        import html

        items = "".join(f"<li>{html.escape(w)}</li>" for w in self.peringatan)
        box = (
            '<div class="surat-peringatan" style="border:1px solid #b45309;'
            'background:#fffbeb;color:#78350f;padding:6px 10px;margin-bottom:6px">'
            f'<strong>Peringatan</strong><ul style="margin:4px 0">{items}</ul></div>'
        )
        png = self._repr_png_()
        page = (
            f'<img alt="{html.escape(self.label)}" src="data:image/png;base64,'
            f'{base64.b64encode(png).decode("ascii")}"/>'
            if png
            else ""
        )
        return f"<div>{box}{page}</div>"

    def text(self) -> str:
        """The letter's text, one paragraph a line: the body (paragraphs, then
        tables, nested ones too), then each section's headers and footers (the
        first-page and even-page ones too), then the footnotes and endnotes.

        For checks and search: a name that must not be in the letter is nowhere
        in this text, wherever in the file it would print. The PDF is the
        printed truth.
        """
        from docx import Document as _Docx
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import parse_xml
        from docx.oxml.ns import qn
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        d = _Docx(io.BytesIO(self.docx))
        parts = _story_text(d.paragraphs, d.tables)
        seen: set[int] = set()
        for section in d.sections:
            for story in (
                section.header,
                section.first_page_header,
                section.even_page_header,
                section.footer,
                section.first_page_footer,
                section.even_page_footer,
            ):
                # a linked one has no part of its own: it prints the previous section's
                if story.is_linked_to_previous or id(story.part) in seen:
                    continue
                seen.add(id(story.part))
                parts += _story_text(story.paragraphs, story.tables)
        for rel in d.part.rels.values():
            if rel.is_external or rel.reltype not in (RT.FOOTNOTES, RT.ENDNOTES):
                continue
            notes = parse_xml(rel.target_part.blob)
            for note in notes.iterchildren(qn("w:footnote"), qn("w:endnote")):
                if note.get(qn("w:type")) not in (None, "normal"):
                    continue  # the separator line above the notes, not a note
                paragraphs = [Paragraph(e, d) for e in note.iterchildren(qn("w:p"))]
                tables = [Table(e, d) for e in note.iterchildren(qn("w:tbl"))]
                parts += _story_text(paragraphs, tables)
        return "\n".join(parts)


def _story_text(paragraphs: Iterable[Paragraph], tables: Iterable[Table]) -> list[str]:
    """The text of a story's paragraphs, then of its tables' cells (nested tables too)."""
    parts = [p.text for p in paragraphs]
    queue = list(tables)
    while queue:
        table = queue.pop(0)
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
                queue.extend(cell.tables)
    return parts
