"""Print packs: every letter once as the original, then a stamped copy per tembusan.

One PDF goes to the printer: for each letter its original pages, then for each
copy recipient the same pages again with a stamp — a one-line box at the top
saying TEMBUSAN and the recipient, as real (searchable) text, in the top
margin above the kop, and a light diagonal band drawn under the page's content
so it never hides the letter's text, number or signature.

How it is put together, and why:

- A copy page is a new page object with its own contents array and resources:
  its contents are ``[under, q <the letter's streams> Q, over]``, where
  *under* paints the band and *over* shows the stamp as a Form XObject. The
  letter's own streams are wrapped, never rewritten (pypdf's merge_page rewrites
  the page it stamps, which is how appending one reader twice ends with the
  original stamped too); so the copy may share them with the original, the
  file holds them once, and no content stream is parsed.
- The stamp box is a tiny Word document converted by LibreOffice in the same
  run as the letters, so its font is embedded like theirs and a PDF/A pack
  stays PDF/A; the band is pure vector graphics.
- Identical objects (fonts, the kop's emblem) are merged before writing.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .dates import now
from .errors import SuratError
from .files import Target, atomic_path, is_stream, write_target

if TYPE_CHECKING:
    from pypdf import PdfWriter
    from pypdf.generic import IndirectObject

    from .document import Document
    from .pdf import Converter
    from .tte import TTE

__all__ = ["PackResult", "check_recipient", "print_pack", "stamp_docx", "stamp_size"]

#: What the stamp box says above the recipient's name.
STAMP_TITLE = "TEMBUSAN"
#: The stamp document's page, a strip laid over the top of each copy page (centred):
#: the box starts 4.5 mm below the edge, where printers print, and ends above a
#: kop that starts at a 15 mm top margin.
STAMP_WIDTH_MM = 210.0
STAMP_HEIGHT_MM = 14.0
STAMP_TOP_MM = 4.5
STAMP_SIDE_MM = 20.0
#: The band's grey (1 = white) and width in points.
BAND_GREY = 0.93
BAND_WIDTH = 34.0

PRODUCER = "surat"
TITLE = "Cetak Surat"

_MM = 72 / 25.4


@dataclass(frozen=True)
class PackResult:
    """What :func:`print_pack` wrote."""

    path: Path | None
    """The file written; None when the pack went to a stream."""
    letters: int
    copies: int
    pages: int
    seconds: float
    labels: tuple[str, ...] = field(default=(), repr=False)
    signed: tuple[str, ...] = field(default=(), repr=False)
    """Labels of the letters signed electronically (``tte=``)."""
    arsip: tuple[Path, ...] = field(default=(), repr=False)
    """The signed originals written one per file (``arsip=``)."""

    def __str__(self) -> str:
        tte = f", {len(self.signed)} ditandatangani elektronik" if self.signed else ""
        return (
            f"{self.path or '(stream)'}: {self.letters} surat, {self.copies} tembusan{tte}, "
            f"{self.pages} halaman ({self.seconds:.1f} s)"
        )


# -- the stamp ---------------------------------------------------------------


#: The stamp's font sizes for the recipient, largest first: the largest that
#: keeps the box on one line is used; a name that fits at none is refused.
STAMP_SIZES = (8.0, 7.0, 6.5, 6.0)
#: The room for the box's text: the strip between its side margins, less the
#: box's border and padding, less a margin for how LibreOffice sets the line.
_STAMP_LINE_PT = (STAMP_WIDTH_MM - 2 * STAMP_SIDE_MM) * 72 / 25.4 - 12
#: Advance widths of Liberation Sans, the stamp's font, for U+0020..U+007E in
#: 1/1000 em (the font is metric-compatible with Arial, whose table this is).
_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
#: "TEMBUSAN" in bold at 9 pt, in points.
_TITLE_PT = 51.0


def _em(text: str) -> float:
    """The width of *text* in ems of Liberation Sans: an accented letter as its
    base letter, any other character as wide as the widest (1 em)."""
    total = 0
    for ch in text:
        code = ord(unicodedata.normalize("NFD", ch)[0])
        total += _WIDTHS[code - 32] if 32 <= code < 127 else 1000
    return total / 1000


def stamp_size(recipient: str) -> float:
    """The font size of *recipient* on the stamp, in points: the largest of
    :data:`STAMP_SIZES` that keeps the box on one line (the smallest, when
    none does: :func:`check_recipient` refuses such a name).

    >>> stamp_size("Arsip"), stamp_size("Inspektorat " * 10), stamp_size("Inspektorat " * 12)
    (8.0, 7.0, 6.5)
    """
    for size in STAMP_SIZES:
        if _TITLE_PT + size * _em(f" — {recipient}") <= _STAMP_LINE_PT:
            return size
    return STAMP_SIZES[-1]


#: Characters never printed in a recipient's name: controls, line and paragraph
#: separators, and the bidirectional overrides that make text read backwards.
_NOT_PRINTED = frozenset(
    "\u2028\u2029\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def check_recipient(name: object, where: str = "tembusan") -> str:
    """A copy recipient as the stamp prints it, or a :class:`SuratError` naming *where*.

    One line of printable text that fits the stamp's one-line box at its
    smallest size (about 100 characters of capitals, 130 of ordinary text).

    >>> check_recipient("  Inspektorat Kota Batam ")
    'Inspektorat Kota Batam'
    >>> check_recipient("Arsip\x1b[2J", "copies 2")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: copies 2: one line of printable text expected (a control character)
    >>> check_recipient("KEPALA DINAS " * 12)
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: tembusan: too long for the stamp (155 characters); shorten it
    """
    if not isinstance(name, str) or not name.strip():
        raise SuratError(f"{where}: a recipient's name expected")
    text = name.strip()
    if any(unicodedata.category(c)[0] == "C" and c not in _NOT_PRINTED for c in text) or any(
        c in _NOT_PRINTED for c in text
    ):
        raise SuratError(f"{where}: one line of printable text expected (a control character)")
    if _TITLE_PT + STAMP_SIZES[-1] * _em(f" — {text}") > _STAMP_LINE_PT:
        raise SuratError(f"{where}: too long for the stamp ({len(text)} characters); shorten it")
    return text


def stamp_docx(recipient: str) -> bytes:
    """A small .docx with the boxed stamp for *recipient*, for LibreOffice to convert.

    Its page is a strip as wide as A4 and :data:`STAMP_HEIGHT_MM` high; the box
    is one line in the strip's middle, inside the top margin of a letter, above
    its kop.
    """
    from docx import Document as _Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    d = _Docx()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(STAMP_WIDTH_MM), Mm(STAMP_HEIGHT_MM)
    sec.top_margin, sec.bottom_margin = Mm(STAMP_TOP_MM), Mm(0)
    sec.left_margin = sec.right_margin = Mm(STAMP_SIDE_MM)
    sec.header_distance = sec.footer_distance = Mm(0)
    p = d.paragraphs[0] if d.paragraphs else d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = p.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "single")
        b.set(qn("w:sz"), "8")
        b.set(qn("w:space"), "2")
        b.set(qn("w:color"), "303030")
        borders.append(b)
    p._p.get_or_add_pPr().append(borders)
    size = stamp_size(recipient)
    for text, bold, pt in ((STAMP_TITLE, True, 9.0), (f" — {recipient}", False, size)):
        run = p.add_run(text)
        run.font.name = "Liberation Sans"
        run.font.size = Pt(pt)
        run.font.bold = bold
        run.font.color.rgb = RGBColor(0x30, 0x30, 0x30)
    props = d.core_properties
    props.author = props.last_modified_by = PRODUCER
    props.title = props.comments = ""
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _band(width: float, height: float) -> bytes:
    """Content that paints the light diagonal band, lower left to upper right."""
    angle = math.atan2(height, width)
    c, s = math.cos(angle), math.sin(angle)
    diag = math.hypot(width, height)
    half = BAND_WIDTH / 2
    return (
        f"q {BAND_GREY} g {c:.5f} {s:.5f} {-s:.5f} {c:.5f} 0 0 cm "
        f"0 {-half:.2f} {diag:.2f} {BAND_WIDTH:.2f} re f "
        f"0.75 G 0.6 w 0 {-half - 3:.2f} m {diag:.2f} {-half - 3:.2f} l S "
        f"0 {half + 3:.2f} m {diag:.2f} {half + 3:.2f} l S Q\n"
    ).encode()


class _Assembler:
    """Builds the pack in a pypdf writer, letter by letter."""

    def __init__(self, *, duplex: bool, pdfa: bool) -> None:
        from pypdf import PdfWriter

        self.writer: PdfWriter = PdfWriter()
        self.duplex = duplex
        self.pdfa = pdfa
        self.stamps: dict[str, IndirectObject] = {}
        self.streams: dict[Any, IndirectObject] = {}
        self.output_intents: Any = None
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

        page = PdfReader(io.BytesIO(pdf)).pages[0]
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

    def _pages(self, pdf: bytes) -> list[Any]:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(pdf))
        if self.pdfa and self.output_intents is None:
            intents = reader.root_object.get("/OutputIntents")
            if intents is not None:
                self.output_intents = intents.clone(self.writer)
        return [self.writer.add_page(p) for p in reader.pages]

    def _pad(self, pages: list[Any]) -> None:
        if self.duplex and len(pages) % 2:
            last = pages[-1].mediabox
            self.writer.add_blank_page(float(last.width), float(last.height))

    def add_letter(self, label: str, pdf: bytes, copies: list[tuple[str, str]]) -> None:
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
            f"q 1 0 0 1 {x0:.2f} {y0:.2f} cm\n".encode() + _band(w, h) + b"Q\nq\n",
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
                    f"{path}: cannot write the pack ({exc.strerror}); nothing was written"
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


# -- the pack ----------------------------------------------------------------


def _recipients(doc: Document, copies: Sequence[str] | None) -> list[str]:
    if copies is not None:
        return [check_recipient(n, f"copies {i}") for i, n in enumerate(copies, start=1)]
    return [check_recipient(n, f"{doc.label}: tembusan {i}") for i, n in enumerate(doc.tembusan, 1)]


def print_pack(
    docs: Iterable[Document],
    output: Target,
    *,
    copies: Sequence[str] | None = None,
    duplex: bool = False,
    encrypt: str | None = None,
    pdfa: bool = False,
    converter: Converter | None = None,
    on_letter: Callable[[], None] | None = None,
    on_written: Callable[[], None] | None = None,
    tte: TTE | None = None,
    arsip: str | os.PathLike[str] | None = None,
) -> PackResult:
    """Write one print-ready PDF: each letter, then one stamped copy per recipient.

    *docs* may be a generator: letters are converted while later ones are
    still being rendered. ``copies`` (a list of recipients) replaces every
    letter's own ``tembusan``; ``copies=[]`` prints originals only.
    ``duplex`` pads each original and each copy to an even page count;
    ``encrypt`` is a password (AES-256); ``pdfa`` makes the pack PDF/A-2b.
    ``converter`` defaults to the process-wide one of :func:`surat.pdf.convert`;
    ``on_letter`` is called after each letter is in the pack (progress bars);
    ``on_written`` once the whole pack is complete, just before it takes its
    name or goes to the stream (if it raises, nothing is left: a batch
    confirms its numbers there). *output* is a path, written atomically with
    mode 0600 (on any error none is left), or a binary stream (``io.BytesIO``,
    an HTTP response) that gets the whole PDF in one ``write`` once it is
    complete, or nothing.

    ``tte`` (a :class:`surat.TTE`) signs electronically every letter that its
    holder signs (:mod:`surat.tte.pack` says which, and how the pack is
    signed); ``arsip`` is a folder where each signed original is also written
    as its own file.
    """
    from .pdf import shared_converter

    if isinstance(copies, str):
        raise SuratError("copies: a list of recipients expected, not one string")
    if copies is not None:
        copies = [check_recipient(n, f"copies {i}") for i, n in enumerate(copies, start=1)]
    if encrypt is not None and (not isinstance(encrypt, str) or not encrypt):
        raise SuratError("encrypt: a non-empty password expected")
    if encrypt and pdfa:
        raise SuratError("encrypt: PDF/A does not allow encryption; choose one")
    stream = output if is_stream(output) else None
    target = Path("(stream)") if stream is not None else Path(output)  # type: ignore[arg-type]
    if stream is None and not target.parent.is_dir() and str(target.parent):
        raise SuratError(f"{target}: the folder {target.parent} does not exist")
    started = time.monotonic()
    signing = None
    if tte is not None:
        from .tte.pack import Signing

        signing = Signing(tte, arsip, pdfa=pdfa, encrypt=encrypt)
    elif arsip is not None:
        raise SuratError("arsip: signed originals need a certificate (tte=)")
    conv = converter if converter is not None else shared_converter()

    # what each converted item is, in the order the converter returns them
    plan: list[tuple[str, Any]] = []
    authors: list[str] = []

    def items() -> Iterator[tuple[str, bytes]]:
        seen: set[str] = set()
        for doc in docs:
            names = _recipients(doc, copies)
            keys = []
            for name in names:
                key = hashlib.sha256(name.encode()).hexdigest()[:16]
                keys.append((name, key))
                if key not in seen:
                    seen.add(key)
                    plan.append(("stamp", key))
                    yield (f"{STAMP_TITLE} stamp", stamp_docx(name))
            if doc.office is not None and not authors:
                authors.append(doc.office.nama or doc.office.singkatan)
            plan.append(("letter", (doc, keys)))
            yield (doc.label, doc.docx if signing is None else signing.docx(doc))

    pack = _Assembler(duplex=duplex, pdfa=pdfa)
    labels: list[str] = []
    for i, pdf in enumerate(conv.imap(items(), pdfa=pdfa)):
        kind, what = plan[i]
        if kind == "stamp":
            pack.add_stamp(what, pdf)
        else:
            doc, keys = what
            if signing is not None:
                pdf = signing.letter(doc, pdf)
            pack.add_letter(doc.label, pdf, keys)
            labels.append(doc.label)
            if on_letter is not None:
                on_letter()
    if not labels:
        raise SuratError(f"{target}: no letters to print")
    buffer = io.BytesIO() if stream is not None else None
    pages = pack.finish(
        buffer if buffer is not None else target,
        author=authors[0] if authors else None,
        encrypt=encrypt,
        sign=None if signing is None else signing.pack(),
        on_written=on_written,
    )
    written = (
        signing.write_originals(target if buffer is None else None) if signing is not None else ()
    )
    if stream is not None and buffer is not None:
        write_target(stream, buffer.getvalue(), "print_pack")
    return PackResult(
        path=target if stream is None else None,
        letters=pack.letters,
        copies=pack.copies,
        pages=pages,
        seconds=time.monotonic() - started,
        labels=tuple(labels),
        signed=signing.signed_labels() if signing is not None else (),
        arsip=written,
    )
