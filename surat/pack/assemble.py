"""The pack built in a pypdf writer, letter by letter: originals, copy pages, outline.

A copy page is a new page object with its own contents array and resources:
its contents are ``[under, q <the letter's streams> Q, over]``, where *under*
paints the band and *over* shows the stamp as a Form XObject. The letter's own
streams are wrapped, never rewritten (pypdf's merge_page rewrites the page it
stamps, which is how appending one reader twice ends with the original stamped
too); so the copy may share them with the original, the file holds them once,
and no content stream is parsed. Identical objects (fonts, the kop's emblem)
are merged before writing.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..dates import now
from ..errors import SuratError
from ..files import atomic_path
from .stamp import (
    PRODUCER,
    STAMP_HEIGHT_MM,
    STAMP_TITLE,
    STAMP_WIDTH_MM,
    band,
)

if TYPE_CHECKING:
    from pypdf import PdfWriter
    from pypdf.generic import IndirectObject

    from ..pdf.join import Pages

__all__ = ["Assembler"]

TITLE = "Cetak Surat"
#: Joined PDFs the writer remembers at once (letters of a few groups interleave).
KEEP_READERS = 4

_MM = 72 / 25.4


class Assembler:
    """Builds the pack in a pypdf writer, letter by letter."""

    def __init__(self, *, duplex: bool, pdfa: bool) -> None:
        from pypdf import PdfWriter

        self.writer: PdfWriter = PdfWriter()
        self.duplex = duplex
        self.pdfa = pdfa
        self.stamps: dict[str, IndirectObject] = {}
        self.streams: dict[Any, IndirectObject] = {}
        self.output_intents: Any = None
        self.readers: list[Any] = []  # joined PDFs whose letters may still come
        self.copies = 0
        self.letters = 0

    def _stream(self, key: Any, data: bytes) -> IndirectObject:
        from pypdf.generic import StreamObject

        if key not in self.streams:
            s = StreamObject()
            s.set_data(data)
            self.streams[key] = self.writer._add_object(s)
        return self.streams[key]

    def add_stamp(self, key: str, pdf: bytes) -> None:
        """Turn the stamp document's first page into a Form XObject of the pack."""
        from pypdf import PdfReader
        from pypdf.generic import ArrayObject, FloatObject, NameObject, StreamObject

        reader = PdfReader(io.BytesIO(pdf))
        page = reader.pages[0]
        form = StreamObject()
        form[NameObject("/Type")] = NameObject("/XObject")
        form[NameObject("/Subtype")] = NameObject("/Form")
        box = page.mediabox
        form[NameObject("/BBox")] = ArrayObject(
            [FloatObject(v) for v in (box.left, box.bottom, box.right, box.top)]
        )
        form[NameObject("/Resources")] = page["/Resources"].clone(self.writer)
        content = page.get_contents()
        form.set_data(content.get_data() if content is not None else b"")
        self.stamps[key] = self.writer._add_object(form)
        self.writer.reset_translation(reader)

    def _pages(self, pdf: bytes | Pages) -> list[Any]:
        from pypdf import PdfReader

        if isinstance(pdf, bytes):
            reader = PdfReader(io.BytesIO(pdf))
            pages = range(len(reader.pages))
        else:  # a letter's pages in a joined PDF: what they share is read once
            reader = pdf.reader
            pages = range(pdf.start, pdf.stop)
        if self.pdfa and self.output_intents is None:
            intents = reader.root_object.get("/OutputIntents")
            if intents is not None:
                self.output_intents = intents.clone(self.writer)
        added = [self.writer.add_page(reader.pages[n]) for n in pages]
        self._done_with(reader, shared=not isinstance(pdf, bytes))
        return added

    def _done_with(self, reader: Any, *, shared: bool) -> None:
        """Let the writer forget *reader* (it keeps every reader it cloned from,
        and so every converted PDF, for the whole pack): at once for a PDF of
        one letter, after a few others for a joined PDF whose next letters may
        still come and share its fonts."""
        if not shared:
            self.writer.reset_translation(reader)
            return
        if reader in self.readers:
            self.readers.remove(reader)
        self.readers.append(reader)
        while len(self.readers) > KEEP_READERS:
            self.writer.reset_translation(self.readers.pop(0))

    def _pad(self, pages: list[Any]) -> None:
        if self.duplex and len(pages) % 2:
            last = pages[-1].mediabox
            self.writer.add_blank_page(float(last.width), float(last.height))

    def add_letter(self, label: str, pdf: bytes | Pages, copies: list[tuple[str, str]]) -> None:
        start = len(self.writer.pages)
        pages = self._pages(pdf)
        self._pad(pages)
        parent = self.writer.add_outline_item(title=label, page_number=start)
        self.letters += 1
        for recipient, key in copies:
            start = len(self.writer.pages)
            copy = [self.writer.add_page(self._stamped(p, self.stamps[key])) for p in pages]
            self._pad(copy)
            self.writer.add_outline_item(
                title=f"{STAMP_TITLE}: {recipient}", page_number=start, parent=parent
            )
            self.copies += 1

    def _stamped(self, page: Any, form: IndirectObject) -> Any:
        """A new page object for a copy of *page*, with the band and the stamp.

        The copy has its own page dictionary, contents array and resources;
        the letter's content streams, fonts and images it only refers to and
        never changes, so the original stays as it was (and the file keeps
        one copy of them, as compress_identical_objects would make it anyway).
        """
        from pypdf import PageObject
        from pypdf.generic import ArrayObject, DictionaryObject, NameObject

        box = page.mediabox
        w, h = float(box.width), float(box.height)
        x0, y0 = float(box.left), float(box.bottom)
        under = self._stream(
            ("band", round(w, 1), round(h, 1), round(x0, 1), round(y0, 1)),
            f"q 1 0 0 1 {x0:.2f} {y0:.2f} cm\n".encode() + band(w, h) + b"Q\nq\n",
        )
        sw, sh = STAMP_WIDTH_MM * _MM, STAMP_HEIGHT_MM * _MM
        sx, sy = x0 + (w - sw) / 2, y0 + h - sh
        over = self._stream(
            ("over", round(sx, 1), round(sy, 1)),
            f"Q\nq 1 0 0 1 {sx:.2f} {sy:.2f} cm /SuratTembusan Do Q\n".encode(),
        )
        new = PageObject(self.writer)
        for k, v in page.items():
            # links (annotations) belong to one page; a printed copy needs none
            if k not in ("/Parent", "/Contents", "/Resources", "/Annots"):
                new[NameObject(k)] = v
        contents = page.get("/Contents")
        own = contents.get_object() if contents is not None else None
        if own is None:
            parts: list[Any] = []
        elif isinstance(own, ArrayObject):
            parts = list(own)
        elif hasattr(contents, "idnum"):
            parts = [contents]
        else:  # a stream inside an array must be an indirect object
            parts = [self.writer._add_object(own)]
        new[NameObject("/Contents")] = ArrayObject([under, *parts, over])
        res = page.get("/Resources")
        res_obj: Any = res.get_object() if res is not None else DictionaryObject()
        new_res = DictionaryObject(res_obj)
        xobj = new_res.get("/XObject")
        new_x = DictionaryObject(xobj.get_object()) if xobj is not None else DictionaryObject()
        new_x[NameObject("/SuratTembusan")] = form
        new_res[NameObject("/XObject")] = new_x
        new[NameObject("/Resources")] = new_res
        self.writer._add_object(new)  # so add_page takes this very object, not a clone
        return new

    def finish(
        self,
        path: Path | io.BytesIO,
        *,
        author: str | None,
        encrypt: str | None,
        sign: Callable[[bytes], bytes] | None = None,
        on_written: Callable[[], None] | None = None,
    ) -> int:
        from pypdf.generic import NameObject

        w = self.writer
        when = now().replace(microsecond=0)
        info = {"/Producer": PRODUCER, "/Creator": PRODUCER, "/Title": TITLE}
        if author:
            info["/Author"] = author
        stamp = _pdf_date(when)
        info["/CreationDate"] = info["/ModDate"] = stamp
        # replace, not merge: LibreOffice's Creator/Producer must not survive
        from pypdf.generic import DictionaryObject, StreamObject, TextStringObject

        w._info = w._add_object(
            DictionaryObject({NameObject(k): TextStringObject(v) for k, v in info.items()})
        )
        if self.pdfa:
            if self.output_intents is not None:
                w._root_object[NameObject("/OutputIntents")] = self.output_intents
            s = StreamObject()
            s[NameObject("/Type")] = NameObject("/Metadata")
            s[NameObject("/Subtype")] = NameObject("/XML")
            s.set_data(_xmp(when, author))  # unfiltered, as PDF/A requires
            w._root_object[NameObject("/Metadata")] = w._add_object(s)
        # after everything is attached: what is not referenced then is dropped
        w.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
        w.generate_file_identifiers()  # the trailer's /ID, which PDF/A requires
        if encrypt:
            w.encrypt(user_password=encrypt, owner_password=encrypt, algorithm="AES-256")
        w.page_mode = "/UseOutlines"
        if not isinstance(path, Path):  # a stream: the caller writes it when all is well
            w.write(path)
            if sign is not None:  # signed as a whole: the signature is the last revision
                signed = sign(path.getvalue())
                path.seek(0)
                path.truncate()
                path.write(signed)
            if on_written is not None:
                on_written()  # complete, not yet given to the caller's stream
            return len(w.pages)
        with atomic_path(path) as tmp:
            try:
                with open(tmp, "wb") as f:
                    if sign is None:
                        w.write(f)
                    else:  # signed as a whole: the signature is the file's last revision
                        buf = io.BytesIO()
                        w.write(buf)
                        f.write(sign(buf.getvalue()))
                    f.flush()
                    os.fsync(f.fileno())
            except OSError as exc:  # a full disk, a quota, a removed folder
                raise SuratError(
                    f"{path}: paket tidak dapat ditulis ({exc.strerror}); tidak ada yang ditulis"
                ) from None
            if on_written is not None:
                on_written()  # complete on disk, not yet under its name
        return len(w.pages)


def _pdf_date(when: datetime) -> str:
    """A PDF date string. ``D:20261122093000+07'00'``"""
    off = when.strftime("%z")
    return when.strftime("D:%Y%m%d%H%M%S") + f"{off[:3]}'{off[3:]}'"


def _xmp(when: datetime, author: str | None) -> bytes:
    """The XMP packet of a PDF/A-2b pack, consistent with its document info."""
    from xml.sax.saxutils import escape

    iso = when.isoformat()
    creator = (
        f"<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>"
        if author
        else ""
    )
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" '
        'xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/">\n'
        "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>\n"
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{TITLE}</rdf:li></rdf:Alt></dc:title>\n'
        f"{creator}\n"
        f"<pdf:Producer>{PRODUCER}</pdf:Producer>\n"
        f"<xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>\n"
        f"<xmp:CreateDate>{iso}</xmp:CreateDate><xmp:ModifyDate>{iso}</xmp:ModifyDate>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    ).encode()
