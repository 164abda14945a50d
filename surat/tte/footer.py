"""The footer of a signed letter: the TTE statement, the UU ITE reference and a QR code.

Drawn on every page, in the strip under the letter's text, as vector
graphics and text with a standard PDF font (Helvetica): the QR code's
modules are filled squares, crisp at any printer resolution.

The footer is added as an incremental update of the converted letter: the
file keeps the letter exactly as LibreOffice wrote it as its first revision,
then the footer, then (:mod:`surat.tte.sign`) the signature, which covers
all of it. So what the QR code states about the document can be checked on
the signed file:

- with ``[tte] url_verifikasi``, the QR code holds that address with
  ``{kode}`` replaced by :func:`kode` (a hash of the letter's number and
  date: never a name);
- without it, the QR code holds the letter's number and the SHA-256 of the
  letter as converted: the signed file's first revision, from byte 0 to the
  end of its first ``%%EOF`` line (:func:`first_revision`).
  ``surat tte periksa`` recomputes it.

The QR text is also kept, readable, as ``/SuratQR`` in the footer's form
object, for the verifier to compare.
"""

from __future__ import annotations

import hashlib
import io
import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..errors import SuratError
from .place import Piece, text_pieces

if TYPE_CHECKING:
    from .profil import TteProfil

__all__ = [
    "FOOTER_TOP_MM",
    "check_room",
    "first_revision",
    "kode",
    "qr_text",
    "stamp_footer",
]

_MM = 72 / 25.4
#: The footer takes no room from the letter: the letter is signed as it is
#: converted unsigned, with the same pages and page breaks. The footer uses
#: the bottom margin under the letter's own page footer (RAHASIA, the paraf
#: box) and the left margin beside the text column (which begins 30 mm from
#: the left edge): the statement and the UU ITE reference run in two lines of
#: small print across the page's foot, the QR code stands in the left margin
#: above them, with a quiet zone of more than four modules between (a reader
#: needs it).
TEXT_LEFT_MM = 7.0
RIGHT_MM = 20.0
FONT_SIZE = 6.0
LEADING = 7.0
#: The statement's lowest baseline, above the printers' unprintable edge.
TEXT_BOTTOM_MM = 5.5
#: At most this many lines of small print (statement and reference together).
MAX_LINES = 2
#: The gap between the statement's first line and the lowest text above it.
GAP_MM = 1.5
QR_MM = 20.0
QR_LEFT_MM = TEXT_LEFT_MM
QR_BOTTOM_MM = 13.0
#: How high the footer's drawing reaches (mm from the bottom edge): the QR
#: code's top and a margin, so that the drawing's box never clips its top row.
FOOTER_TOP_MM = QR_BOTTOM_MM + QR_MM + 2.0
#: The footer form object's name in page resources, and its QR text key.
FORM_NAME = "/SuratTTE"
QR_KEY = "/SuratQR"


def kode(nomor: str | None, tanggal: date | None, sha256: str) -> str:
    """The code a verification address identifies a letter by: 20 hex digits.

    A hash of the letter's number and date when it has a number (the same
    letter always gets the same code, and the code names nobody), else of the
    letter as converted.

    >>> kode("001/DP3A-PP-KB/PPA/XI/2026", date(2026, 11, 22), "ab" * 32)
    '597886dd840c52f8b1a8'
    >>> kode(None, None, "ab" * 32) == ("ab" * 32)[:20]
    True
    """
    if not nomor:
        return sha256[:20]
    key = f"{nomor.strip()}|{tanggal.isoformat() if tanggal else ''}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def qr_text(profil: TteProfil, nomor: str | None, tanggal: date | None, sha256: str) -> str:
    """What the QR code says: the verification address, or the number and the hash.

    >>> from surat.tte.profil import TteProfil
    >>> print(qr_text(TteProfil(), "001/X/2026", None, "0" * 64))
    Nomor: 001/X/2026
    SHA-256: 0000000000000000000000000000000000000000000000000000000000000000
    >>> qr_text(TteProfil(url_verifikasi="https://v.example.go.id/{kode}"), "001/X/2026",
    ...         None, "0" * 64)
    'https://v.example.go.id/7e448a1004a97dbe1139'
    """
    if profil.url_verifikasi:
        return profil.url_verifikasi.replace("{kode}", kode(nomor, tanggal, sha256))
    return f"Nomor: {nomor or '-'}\nSHA-256: {sha256}"


def first_revision(pdf: bytes) -> bytes:
    """The file's first revision: bytes 0 to the end of the first ``%%EOF`` line
    after its first cross-reference section."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    start = reader.xrefs.get_xref_container_info(0).start_location
    end = pdf.find(b"%%EOF", start)
    if end < 0:
        raise SuratError("pdf: akhir revisi pertama (%%EOF) tidak ditemukan")
    end += 5
    if pdf[end : end + 2] == b"\r\n":
        end += 2
    elif pdf[end : end + 1] in (b"\r", b"\n"):
        end += 1
    return pdf[:end]


# -- drawing -------------------------------------------------------------------


def _widths() -> dict[str, float]:
    try:  # Adobe's Helvetica metrics, as pypdf ships them
        from pypdf._codecs.core_font_metrics import CORE_FONT_METRICS

        return dict(CORE_FONT_METRICS["Helvetica"].character_widths)
    except (ImportError, KeyError, AttributeError):  # pragma: no cover - older pypdf
        return {}


def text_width(text: str, size: float, widths: dict[str, float]) -> float:
    default = widths.get("default", 0) or 600  # wider than most letters: lines stay inside
    return sum(widths.get(c, default) for c in text) * size / 1000


def wrap(text: str, width: float, size: float, widths: dict[str, float]) -> list[str]:
    """Break *text* into lines no wider than *width* points (words never split)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size, widths) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _pdf_string(text: str) -> str:
    raw = text.encode("cp1252", errors="replace")
    out = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return "(" + out.decode("latin-1") + ")"


def _qr_path(text: str, size: float) -> tuple[str, int]:
    """The QR code as filled squares in a *size* x *size* square (one per run of dark modules)."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    qr.add_data(text.encode("utf-8"))
    qr.make(fit=True)
    matrix = qr.get_matrix()
    n = len(matrix)
    m = size / n
    parts = []
    for r, row in enumerate(matrix):
        y = size - (r + 1) * m
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                parts.append(f"{start * m:.3f} {y:.3f} {(c - start) * m:.3f} {m:.3f} re")
            else:
                c += 1
    return "0 g\n" + "\n".join(parts) + "\nf\n", n


@dataclass(frozen=True)
class Footer:
    """The footer's drawing for one page width: a Form XObject's content."""

    content: bytes
    width: float
    height: float
    modules: int


def statement_lines(profil: TteProfil, page_width: float) -> list[str]:
    """The statement and the UU ITE reference, wrapped for a page *page_width* points wide."""
    widths = _widths()
    width = page_width - (TEXT_LEFT_MM + RIGHT_MM) * _MM
    if width < 300:
        raise SuratError("tte: halaman terlalu sempit untuk kaki tanda tangan elektronik")
    lines = wrap(f"{profil.pernyataan} {profil.dasar_hukum}", width, FONT_SIZE, widths)
    if len(lines) > MAX_LINES:
        raise SuratError(
            "[tte] pernyataan, dasar_hukum: terlalu panjang untuk kaki halaman "
            f"(bersama-sama paling banyak {MAX_LINES} baris huruf kecil)"
        )
    return lines


def text_top(lines: int) -> float:
    """How high (mm from the bottom edge) the statement of *lines* lines reaches."""
    return TEXT_BOTTOM_MM + ((lines - 1) * LEADING + FONT_SIZE) / _MM


def footer_content(profil: TteProfil, qr: str, page_width: float) -> Footer:
    """The footer for a page *page_width* points wide, origin at the page's bottom-left."""
    lines = statement_lines(profil, page_width)
    qr_size = QR_MM * _MM
    qr_ops, modules = _qr_path(qr, qr_size)
    out = [
        f"q 1 0 0 1 {QR_LEFT_MM * _MM:.2f} {QR_BOTTOM_MM * _MM:.2f} cm",
        qr_ops + "Q",
        f"q 0.15 g BT /SuratF {FONT_SIZE:g} Tf",
    ]
    y = TEXT_BOTTOM_MM * _MM + (len(lines) - 1) * LEADING
    for line in lines:
        out.append(f"1 0 0 1 {TEXT_LEFT_MM * _MM:.2f} {y:.2f} Tm {_pdf_string(line)} Tj")
        y -= LEADING
    out.append("ET Q")
    return Footer("\n".join(out).encode("latin-1"), page_width, FOOTER_TOP_MM * _MM, modules)


def _ref_key(ref: object) -> object:
    """Which resource dictionary: an indirect one by its number, an inline one by its page."""
    idnum = getattr(ref, "idnum", None)
    return (idnum, getattr(ref, "generation", 0)) if idnum is not None else id(ref)


def check_room(
    page: int, pieces: list[Piece], lines: list[str], left: float = 0.0, bottom: float = 0.0
) -> None:
    """Refuse a page whose text reaches where the footer goes: the footer would
    hide part of the letter. The statement needs its *lines* under the page's
    lowest text; the QR code needs the left margin's foot free of text."""
    need = text_top(len(lines)) + GAP_MM
    low = min((y for y, _, _, _ in pieces), default=math.inf) - bottom
    if low < need * _MM:
        raise SuratError(
            f"tte: halaman {page}: teks surat sampai {low / _MM:.0f} mm dari tepi bawah, "
            f"masuk ke kaki tanda tangan elektronik (yang memerlukan {need:.0f} mm)"
        )
    qr_right = (QR_LEFT_MM + QR_MM + 1) * _MM
    qr_top = (QR_BOTTOM_MM + QR_MM + 1) * _MM
    if any(x - left < qr_right and y - bottom < qr_top for y, x, _, _ in pieces):
        raise SuratError(
            f"tte: halaman {page}: surat mencetak teks di margin kiri bagian bawah "
            "halaman, tempat kode QR"
        )


def stamp_footer(
    pdf: bytes, profil: TteProfil, qr: str, pieces: list[list[Piece]] | None = None
) -> bytes:
    """*pdf* with the footer on every page, as an incremental update.

    Refuses a page whose text reaches where the footer goes
    (:func:`check_room`). *pieces* are each page's text pieces
    (:func:`surat.tte.place.text_pieces`) when the caller has read them already.
    """
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pypdf import PdfReader

    check = PdfReader(io.BytesIO(pdf))
    for i, page in enumerate(check.pages, 1):
        box = page.mediabox
        found = text_pieces(page) if pieces is None else pieces[i - 1]
        check_room(i, found, statement_lines(profil, float(box.width)), float(box.left),
                   float(box.bottom))  # fmt: skip

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    font = writer.add_object(
        generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Font"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/Type1"),
                generic.pdf_name("/BaseFont"): generic.pdf_name("/Helvetica"),
                generic.pdf_name("/Encoding"): generic.pdf_name("/WinAnsiEncoding"),
            }
        )
    )
    opening = writer.add_object(generic.StreamObject(stream_data=b"q\n"))
    forms: dict[float, tuple[str, generic.IndirectObject]] = {}
    # pages often share one resource dictionary: the form is added to it once
    given: set[tuple[object, str]] = set()
    for i, page in enumerate(check.pages):
        box = page.mediabox
        width = round(float(box.width), 2)
        if width not in forms:
            footer = footer_content(profil, qr, width)
            form = generic.StreamObject(
                {
                    generic.pdf_name("/Type"): generic.pdf_name("/XObject"),
                    generic.pdf_name("/Subtype"): generic.pdf_name("/Form"),
                    generic.pdf_name("/BBox"): generic.ArrayObject(
                        [generic.FloatObject(v) for v in (0, 0, footer.width, footer.height)]
                    ),
                    generic.pdf_name("/Resources"): generic.DictionaryObject(
                        {
                            generic.pdf_name("/Font"): generic.DictionaryObject(
                                {generic.pdf_name("/SuratF"): font}
                            )
                        }
                    ),
                    generic.pdf_name(QR_KEY): generic.TextStringObject(qr),
                },
                stream_data=footer.content,
            )
            name = FORM_NAME if not forms else f"{FORM_NAME}{len(forms)}"
            forms[width] = (name, writer.add_object(form))
        name, ref = forms[width]
        # the letter's content is wrapped in q ... Q so its graphics state
        # cannot move or recolour the footer
        draw = writer.add_object(
            generic.StreamObject(
                stream_data=(
                    f"Q\nq 1 0 0 1 {float(box.left):.2f} {float(box.bottom):.2f} cm {name} Do Q\n"
                ).encode()
            )
        )
        _, res_ref = writer.find_page_for_modification(i)
        key = (_ref_key(res_ref), name)
        resources = None
        if key not in given:
            given.add(key)
            resources = generic.DictionaryObject(
                {
                    generic.pdf_name("/XObject"): generic.DictionaryObject(
                        {generic.pdf_name(name): ref}
                    )
                }
            )
        writer.add_stream_to_page(i, opening, prepend=True)
        writer.add_stream_to_page(i, draw, resources=resources)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
