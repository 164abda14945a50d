"""Word templates -> letters: docxtpl made safe for what caseworkers type.

``render(kind_or_path, data, office=None, nomor=None)`` validates the data of a
letter kind, builds its context (:mod:`surat.letters`) and fills the kind's
template in ``surat/templates/``; or fills an office's own template
(``render("ours.docx", data)``) with the data as it is.

What this adds to plain docxtpl, and why:

- **autoescape, always.** docxtpl pastes values into the document's XML.
  Unescaped, ``'PT Maju & Jaya'`` prints as ``'PT Maju  Jaya'`` and
  ``'Tom & Jerry <b>'`` silently swallows the rest of the letter (signature,
  tembusan, page setup) because docxtpl's XML repair drops what it cannot parse.
- **Values stay values.** ``{{ x }}`` or ``{% if %}`` typed into a field is
  printed as typed, never run: braces in values are written as XML character
  references, which docxtpl's own post-processing (``{_{`` -> ``{{``) cannot touch.
- **An allow-listed sandbox with strict undefined** (:mod:`surat.sandbox`).
  A template sees plain data only and can call only a few harmless methods;
  a field the template needs but the data lacks is an error naming its path
  (``korban.inisial``); so is printing a field that is empty (None); a
  failed lookup names the expression, never the key. docxtpl never renders
  the document properties; they are set to office-level values
  (:func:`surat.document.set_office_properties`).
- **Limits on an office's own template**: it is checked
  (:func:`check_template`) and filled in by a child process with the
  profile's time and memory limits (:mod:`surat.limits`); the built-in kinds
  are filled in in-process. An archive that would unpack absurdly is refused
  before anything is inflated (:mod:`surat.archive`).
- **Text hygiene.** Characters XML 1.0 forbids (``\\x00-\\x08``, ``\\x0b``,
  ``\\x0c``, ``\\x0e-\\x1f``, often pasted from spreadsheets) are removed; tabs
  stay tabs; a line break inside a multi-line field becomes a line break in the
  same paragraph of the letter (docxtpl turns ``\\n`` into ``<w:br/>``).
- **Indonesian filters**: ``tanggal`` ('22 November 2026'), ``tanggal_full``
  ('Minggu, 22 November 2026'), ``hari``, ``terbilang``, ``rupiah``,
  ``romawi``, ``nip`` ('19621027 198503 2 006', '-' when empty), ``inisial``
  and ``utuh`` (a number no line break splits at its hyphens).
  A date printed without a filter is written like ``tanggal``.
- **Office settings**: the kop's emblem (``office.logo``, else the neutral
  placeholder ``surat/templates/lambang.png``; placed after rendering by
  :mod:`surat.emblem`, so the template holds only inert XML) and the paper size (A4, or F4
  215 x 330 mm when ``office.kertas == "F4"``), set on every section; a wider
  sheet widens the right margin, so the text keeps the width the template has.

An office's own template sees its data as given, plus ``kop`` (office
letterhead and emblem), ``surat`` (``nomor``, ``tanggal``, ``tempat``,
``tanggal_teks``) and ``pejabat`` (every official of the profile by role),
unless the data has keys of those names. Nothing is validated or withheld
there. An office's edited copy of a kind's template is named in its profile
(``[templat] persetujuan = "templat/persetujuan.docx"``) and rendered as that
kind: the kind's validation, numbering rules and context (initials, never the
victim's name), with the office's template filled like any office template,
inspected and within the profile's limits.

Template tools for the ``surat templat`` command: :func:`check_template`
(the fields a template needs; a syntax error is reported with the text near
it; anything reaching beyond the data is refused, naming each expression)
and :func:`copy_template` (a built-in template to edit).
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Mapping
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from docx.shared import Mm, Twips
from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError, Undefined, UndefinedError, nodes
from jinja2.exceptions import SecurityError
from markupsafe import Markup, escape
from pydantic import BaseModel

from . import emblem, letters
from .archive import check_archive
from .dates import bulan_romawi, format_tanggal, hari, to_wib_date, today
from .document import Document, set_office_properties
from .errors import SuratError
from .files import is_stream, read_source, write_private
from .identitas import format_nip
from .layout import page_layout
from .letters.penandatangan import printed_name
from .limits import run_limited
from .office import Office
from .sandbox import Empty, Fields, Sandbox, TemplateLimit, plain, unsafe_expressions
from .words import format_rupiah, terbilang

if TYPE_CHECKING:
    from .numbering import Nomor
    from .vocab import Jenis

__all__ = [
    "DEFAULT_LOGO",
    "TEMPLATES",
    "check_template",
    "copy_template",
    "render",
    "render_book",
    "template_fields",
    "template_path",
]

TEMPLATES = Path(__file__).parent / "templates"
"""Where the built-in templates live (built by ``python tools/build_templates.py``)."""

DEFAULT_LOGO = TEMPLATES / "lambang.png"
"""The neutral placeholder emblem; an office sets its own with ``logo = "lambang.png"``."""

LOGO_WIDTH = Mm(20)
"""Width of the emblem in the kop."""

MAX_LINE = 2_000
"""A one-line value longer than this (custom templates) is refused, not printed off the page."""
MAX_TEXT = 20_000
"""Any value longer than this (custom templates) is refused."""

#: Page sizes in twips (1/1440 inch), as Word stores them.
PAPER: dict[str, tuple[int, int]] = {
    "A4": (11906, 16838),  # 210 x 297 mm
    "F4": (12189, 18709),  # 215 x 330 mm
}


# -- values in templates -------------------------------------------------------


_PRINTABLE = (str, int, float, Decimal, date, time, list, tuple, dict, type(None))


def _finalize(value: Any) -> Any:
    """Every printed value: dates in Indonesian, XML-safe text, braces inert.

    Only data is printed: a template object (``self``, ``loop``, a macro) is
    refused rather than shown.
    """
    if type(value) is Markup:
        return value  # already XML (the emblem, the caller's RichText)
    if isinstance(value, Empty):
        value.fail()
    if isinstance(value, Undefined):
        return str(value)  # raises, naming the missing field
    if not isinstance(value, _PRINTABLE):
        raise TemplateLimit(f"the template prints a {type(value).__name__}, which is not data")
    if isinstance(value, date):
        text = format_tanggal(value)
    elif isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "Ya" if value else "Tidak"
    else:
        text = str(value)
    text = letters.clean_text(text)
    return Markup(str(escape(text)).replace("{", "&#123;").replace("}", "&#125;"))


# -- filters -------------------------------------------------------------------


def _present(value: Any) -> Any:
    if isinstance(value, Empty):
        value.fail()
    return value


def _as_date(value: Any) -> date:
    value = _present(value)
    if isinstance(value, date):
        return to_wib_date(value)
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise SuratError("tanggal: a date (YYYY-MM-DD) expected by the template's date filter")


def _f_tanggal(value: Any, style: str = "long") -> str:
    return format_tanggal(_as_date(value), style)


def _f_tanggal_full(value: Any) -> str:
    return format_tanggal(_as_date(value), "full")


def _f_hari(value: Any) -> str:
    return hari(_as_date(value))


def _f_terbilang(value: Any) -> str:
    return terbilang(_present(value))


def _f_rupiah(value: Any, sen: bool = True) -> str:
    return format_rupiah(_present(value), sen=sen)


def _f_romawi(value: Any) -> str:
    value = _present(value)
    if isinstance(value, date):
        return bulan_romawi(value.month)
    return bulan_romawi(int(value) if isinstance(value, str | Decimal) else value)


def _f_nip(value: Any) -> str:
    if isinstance(value, Empty) or value is None or str(value).strip() in ("", "-"):
        return "-"
    return format_nip(str(value))


def _f_inisial(value: Any) -> str:
    return letters.initials(str(_present(value)))


_NO_BREAK_HYPHEN = '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'


def _f_utuh(value: Any) -> Any:
    """A number kept whole: a line never breaks at its hyphens ('001/REG-PPA/XI/2026').

    Each hyphen becomes Word's non-breaking hyphen, which prints (and copies) as '-'.
    """
    value = _present(value)
    if hasattr(value, "__html__"):
        return value  # already XML (RichText...): left as it is
    return Markup(str(_finalize(value)).replace("-", _NO_BREAK_HYPHEN))


FILTERS = {
    "tanggal": _f_tanggal,
    "tanggal_full": _f_tanggal_full,
    "hari": _f_hari,
    "terbilang": _f_terbilang,
    "rupiah": _f_rupiah,
    "romawi": _f_romawi,
    "nip": _f_nip,
    "inisial": _f_inisial,
    "utuh": _f_utuh,
}


_ENV = Sandbox(FILTERS, _finalize)


# -- templates -----------------------------------------------------------------

_SOURCES: OrderedDict[tuple[str, int, int], bytes] = OrderedDict()
_SOURCES_LOCK = threading.Lock()


def template_path(kind: str) -> Path:
    """The built-in template of a letter kind."""
    if kind not in letters.KINDS:
        raise SuratError(f"kind: one of {', '.join(letters.KINDS)} expected, got {kind!r}")
    return TEMPLATES / f"{kind}.docx"


def _read_template(path: Path) -> bytes:
    """The template's bytes, read once per file version."""
    try:
        st = path.stat()
    except OSError:
        raise SuratError(f"{path}: template not found") from None
    key = (str(path), st.st_mtime_ns, st.st_size)
    with _SOURCES_LOCK:
        data = _SOURCES.get(key)
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SuratError(f"{path}: cannot read the template ({exc.strerror})") from None
        if not data.startswith(b"PK"):
            raise SuratError(f"{path}: not a .docx file (Word 2007 or later expected)")
        check_archive(data, path)
        with _SOURCES_LOCK:
            _SOURCES[key] = data
            while len(_SOURCES) > 16:
                _SOURCES.popitem(last=False)
    return data


def _logo(office: Office, kind: str | None = None) -> Path:
    head = office.kop_for(kind) if kind else None
    logo = (head.logo if head is not None else None) or office.logo or DEFAULT_LOGO
    if not logo.is_file():
        raise SuratError(f"logo: {logo} not found (a PNG or JPEG file expected)")
    return logo


def _near(source: str, lineno: int | None) -> str:
    """The document text around a template line, for a syntax error message."""
    if not lineno:
        return ""
    lines = source.splitlines()
    chunk = lines[max(lineno - 2, 0) : lineno + 1]
    text = " ".join(re.sub(r"<[^>]+>", "", line) for line in chunk)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > 160:
        text = text[:160] + "…"
    return f" near: «{text}»" if text else ""


def _template_line(exc: BaseException) -> int | None:
    """The template line an error happened at (Jinja rewrites tracebacks to show it)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _template_error(name: str, exc: Exception, source: str = "") -> SuratError:
    """A template's failure as a message naming the template and where, never a value."""
    if isinstance(exc, TemplateSyntaxError):
        ctx = getattr(exc, "docx_context", None)
        near = ""
        if ctx is not None:
            text = re.sub(r"\s+", " ", " ".join(ctx)).strip()
            near = f" near: «{text[:160]}»" if text else ""
        return SuratError(f"{name}: template syntax error: {exc.message}{near}")
    if isinstance(exc, UndefinedError):
        return SuratError(f"{name}: {exc.message}")
    near = _near(source, _template_line(exc))
    if isinstance(exc, TemplateLimit):
        return SuratError(f"{name}: {exc.message}{near}")
    if isinstance(exc, SecurityError):
        return SuratError(f"{name}: the template uses something the sandbox forbids{near}")
    if isinstance(exc, RecursionError):
        return SuratError(f"{name}: the template calls itself too deeply{near}")
    if isinstance(exc, TemplateError):
        return SuratError(f"{name}: template error ({type(exc).__name__}: {exc.message}){near}")
    # Other exceptions (KeyError, TypeError, ValueError...) may quote a value:
    # name only their type, and where in the template they happened.
    return SuratError(f"{name}: the template could not be filled in ({type(exc).__name__}){near}")


class _Template(DocxTemplate):  # type: ignore[misc]
    """docxtpl that renders in the sandbox only, and repairs table grids correctly.

    Every part docxtpl fills in (body, headers, footers, footnotes) goes
    through :meth:`render_xml_part`, which always uses the sandbox whatever
    environment it is handed. Document properties are never rendered (docxtpl
    would fill them with a plain, unsandboxed Jinja when called without an
    environment): they are set to office-level values after rendering
    (:func:`surat.document.set_office_properties`).

    The table-grid repair counts a table's own rows only.

    After a ``{%tc %}`` column loop docxtpl fits each table's grid to its widest
    row, but it also counts the rows of tables nested inside: the letters' two-
    column signature row, which holds the three-column paraf table, got a third
    grid column and rescaled widths, so the signature column came out narrower
    than designed and a long jabatan wrapped onto an extra line.
    """

    source = ""
    """The XML of the part being filled in, as Jinja sees it (for error messages)."""

    def render_xml_part(self, src_xml: str, part: Any, context: Any, jinja_env: Any = None) -> Any:
        self.source = src_xml  # split into lines (as docxtpl does) only for a message
        return super().render_xml_part(src_xml, part, context, _ENV)

    def render_properties(self, context: Any, jinja_env: Any = None) -> None:
        return None

    def fix_tables(self, xml: str) -> Any:
        from lxml import etree  # type: ignore[import-untyped]

        tree = etree.fromstring(xml, parser=etree.XMLParser(recover=True))
        ns = {"w": tree.nsmap["w"]}
        w = "{" + ns["w"] + "}"
        for tbl in tree.iter(w + "tbl"):
            grid = tbl.find(w + "tblGrid")
            if grid is None:
                continue
            cols = grid.findall(w + "gridCol")
            need = max(
                (
                    sum(
                        int(tc.xpath("string(w:tcPr/w:gridSpan/@w:val)", namespaces=ns) or 1)
                        for tc in tr.findall(w + "tc")
                    )
                    for tr in tbl.findall(w + "tr")
                ),
                default=len(cols),
            )
            if not cols or need == len(cols):
                continue
            widths = [float(c.get(w + "w") or 0) for c in cols]
            total = sum(widths)
            if need > len(cols):  # columns added by a loop: same table width, in proportion
                widths = [x * len(cols) / need for x in widths]
                widths += [total / need] * (need - len(cols))
            else:  # columns removed: their width goes to the ones left
                spare = sum(widths[need:]) / need
                widths = [x + spare for x in widths[:need]]
            for c in cols:
                grid.remove(c)
            for x in widths:
                etree.SubElement(grid, w + "gridCol", {w + "w": str(int(x))})
        return tree


def _fill(source: bytes, context: Fields, office: Office, name: str, judul: str) -> bytes:
    """Fill one template; set the emblem, paper size and properties; return .docx bytes.

    *context* is already plain data (:func:`surat.sandbox.plain`).
    """
    tpl = _Template(io.BytesIO(source))
    logo = _logo(office, name)
    kop = context.get("kop")
    if isinstance(kop, Fields) and "logo" not in kop:
        kop["logo"] = emblem.placeholder(logo, LOGO_WIDTH)
    try:
        tpl.render(context, jinja_env=_ENV, autoescape=True)
    except (SuratError, MemoryError):
        raise
    except Exception as exc:
        lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.source)
        raise _template_error(name, exc, lines) from None
    emblem.place(tpl.docx, logo)
    width, height = PAPER[office.kertas]
    for section in tpl.docx.sections:
        # The text keeps the width the template was laid out for (its tables and
        # kop are fixed): a wider sheet (F4 is 5 mm wider than A4) widens the
        # right margin instead of leaving body text wider than the tables.
        extra = width - (section.page_width.twips if section.page_width else width)
        right = section.right_margin
        if right is not None and right.twips + extra >= Mm(10).twips:
            section.right_margin = Twips(right.twips + extra)
        section.page_width = Twips(width)
        section.page_height = Twips(height)
    set_office_properties(tpl.docx, judul, office)
    out = io.BytesIO()
    tpl.save(out)
    return page_layout(out.getvalue(), office)


def _fill_office_template(
    source: bytes, context: Fields, office: Office, name: str, judul: str
) -> bytes:
    """An office's own template, in the child process with limits: refuse it if
    it reaches beyond its data, else fill it in. Nothing a template holds is
    parsed outside the limits."""
    _inspect(source, name)
    return _fill(source, context, office, name, judul)


# -- render --------------------------------------------------------------------

_DEFAULT_OFFICE: list[Office] = []


def _default_office() -> Office:
    if not _DEFAULT_OFFICE:
        _DEFAULT_OFFICE.append(Office.default())
    return _DEFAULT_OFFICE[0]


def _nomor(nomor: object) -> tuple[str | None, date | None]:
    """A register number (:class:`surat.Nomor`, or its text) -> text, date.

    Anything else is refused: a date or an int would print as the number.
    """
    from .numbering import Nomor

    if nomor is None:
        return None, None
    if not isinstance(nomor, Nomor | str):
        raise SuratError(
            f"nomor: a surat.Nomor from the register or its text expected, "
            f"not {type(nomor).__name__}"
        )
    text = str(nomor).strip()
    if not text:
        raise SuratError("nomor: an empty letter number")
    if "\n" in text or len(text) > 60:
        raise SuratError("nomor: one line of at most 60 characters expected")
    when = getattr(nomor, "tanggal", None)
    if isinstance(when, date):
        return text, to_wib_date(when)
    return text, None


def render(
    kind_or_path: str | os.PathLike[str] | BinaryIO,
    data: Any,
    office: Office | None = None,
    nomor: Nomor | str | None = None,
) -> Document:
    """Render one letter.

    *kind_or_path* is a letter kind (``'persetujuan'``...), or an office's own
    .docx template: its path or a binary stream (an upload). A kind is filled
    with the office's edited copy of its template when the profile names one
    (``[templat]``), else with the built-in one. *data* is a dict or the kind's model
    (:mod:`surat.letters`); *nomor* a register number (or its text), required
    for the numbered kinds. The letter's date is ``data['tanggal']``, else the
    number's date, else today (WIB).
    """
    office = office or _default_office()
    number, number_date = _nomor(nomor)
    if isinstance(kind_or_path, str) and kind_or_path in letters.KINDS:
        kind = kind_or_path
        model = letters.validate(kind, data)
        if kind in letters.NUMBERED and number is None:
            raise SuratError(f"nomor: a {kind} letter needs a number from the register")
        if kind not in letters.NUMBERED and number is not None:
            raise SuratError(f"nomor: a {kind} letter is not numbered by the outgoing register")
        tanggal: date | None = getattr(model, "tanggal", None)
        if tanggal is not None and number_date is not None and tanggal != number_date:
            raise SuratError(
                "tanggal: differs from the date of the register number "
                f"({format_tanggal(number_date)}); leave it empty or make them agree"
            )
        tanggal = tanggal or number_date or today()
        ctx = letters.build_context(kind, model, office, tanggal=tanggal, nomor=number)
        context = plain(ctx, "", check=False)
        own = office.templat.get(cast("Jenis", kind))
        if own is None:
            source = _read_template(template_path(kind))
            # In this process: the template is surat's own and the data is validated
            # to bounded sizes (see surat.limits for why an office's template is not).
            docx = _fill(source, context, office, kind, letters.JUDUL[kind])
        else:  # the office's edited copy ([templat]): the kind's context, its own template
            docx = _fill_office(_read_template(own), context, office, own.name, letters.JUDUL[kind])
        return Document(
            docx=docx,
            kind=kind,
            nomor=number,
            tembusan=tuple(ctx.get("tembusan", ())),
            judul=letters.JUDUL[kind],
            office=office,
            tanggal=tanggal,
            penandatangan=printed_name(ctx),
        )
    if is_stream(kind_or_path):  # a template uploaded to a web application
        path = Path(Path(str(getattr(kind_or_path, "name", "") or "templat.docx")).name)
        source = _template_bytes(read_source(kind_or_path, "template"), path.name)
    else:
        path = Path(kind_or_path)  # type: ignore[arg-type]
        if path.suffix.lower() != ".docx":
            raise SuratError(
                f"{kind_or_path}: a letter kind ({', '.join(letters.KINDS)}) "
                "or the path of a .docx template expected"
            )
        source = _read_template(path)
    if isinstance(data, BaseModel):
        data = data.model_dump()
    if not isinstance(data, Mapping):
        raise SuratError(f"{path.name}: the data must be a dict")
    context = plain(
        _custom_context(data, office, number, number_date),
        "",
        check=True,
        limits=(MAX_TEXT, MAX_LINE),
    )
    docx = _fill_office(source, context, office, path.name, path.stem)
    tembusan = data.get("tembusan") or ()
    if not isinstance(tembusan, list | tuple) or not all(isinstance(t, str) for t in tembusan):
        raise SuratError(f"{path.name}: tembusan must be a list of recipients")
    return Document(
        docx=docx,
        kind=path.stem,
        nomor=number,
        tembusan=tuple(tembusan),
        judul=str(data.get("judul") or path.stem),
        office=office,
    )


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

    *context* is built by surat (:mod:`surat.kronologi`, :mod:`surat.laporan`),
    never by a user; *grafik* is a PNG the template places where it prints
    ``{{ grafik }}``.
    """
    if name not in BOOKS_TEMPLATES:
        raise SuratError(f"template: one of {', '.join(BOOKS_TEMPLATES)} expected")
    if grafik is not None:
        from .emblem import picture

        context = {**context, "grafik": picture(grafik, Mm(160), GRAFIK)}
    source = _read_template(TEMPLATES / f"{name}.docx")
    docx = _fill(source, plain(context, "", check=False), office, name, judul)
    if grafik is not None:
        import docx as _docx

        from .emblem import place

        d = _docx.Document(io.BytesIO(docx))
        if place(d, io.BytesIO(grafik), GRAFIK) == 0:  # pragma: no cover - template bug
            raise SuratError(f"{name}: the template has no place for its chart")
        out = io.BytesIO()
        d.save(out)
        docx = out.getvalue()
    return Document(docx=docx, kind=name, judul=judul, office=office, tanggal=tanggal)


def _fill_office(source: bytes, context: Fields, office: Office, name: str, judul: str) -> bytes:
    """Fill a template an office supplied (its own, or its edited copy of a kind's):
    inspected, then filled, in the child process within the profile's limits."""
    docx: bytes = run_limited(
        _fill_office_template,
        (source, context, office, name, judul),
        name=name,
        seconds=office.batas.waktu_render,
        memory_mb=office.batas.memori_render_mb,
    )
    return docx


def _template_bytes(data: bytes, name: str) -> bytes:
    if not data.startswith(b"PK"):
        raise SuratError(f"{name}: not a .docx file (Word 2007 or later expected)")
    check_archive(data, name)
    return data


def _custom_context(
    data: Mapping[str, Any], office: Office, nomor: str | None, number_date: date | None
) -> dict[str, Any]:
    """An office template sees its data, plus kop, surat and pejabat unless the data has them."""
    raw = data.get("tanggal")
    tanggal = _as_date(raw) if raw else (number_date or today())
    ctx: dict[str, Any] = {
        "kop": letters.kop_context(office),
        "surat": {
            "nomor": nomor,
            "tanggal": tanggal,
            "tempat": office.kota,
            "tanggal_teks": f"{office.kota}, {format_tanggal(tanggal)}",
        },
        "pejabat": {role: letters.pejabat_context(p) for role, p in office.pejabat.items()},
    }
    ctx.update(data)
    return ctx


# -- template tools (surat templat ...) -------------------------------------------


def _related(z: zipfile.ZipFile, rels: str, folder: str, kinds: tuple[str, ...]) -> list[str]:
    """The archive members that *rels* points to with a relationship of one of *kinds*."""
    from docx.oxml.parser import parse_xml

    if rels not in z.namelist():
        return []
    found = []
    for rel in parse_xml(z.read(rels)):
        kind = str(rel.get("Type", "")).rsplit("/", 1)[-1]
        target = str(rel.get("Target", ""))
        if kind in kinds and rel.get("TargetMode") != "External" and target:
            path = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"
            found.append(posixpath.normpath(path).lstrip("/"))
    return found


def _template_source(source: bytes, name: str | Path) -> str:
    """The template's XML as docxtpl hands it to Jinja (body, headers, footers,
    footnotes), read from the archive itself: no Word document is built for it."""
    try:
        with zipfile.ZipFile(io.BytesIO(source)) as z:
            main = _related(z, "_rels/.rels", "", ("officeDocument",))[0]
            folder, _, base = main.rpartition("/")
            rels = f"{folder}/_rels/{base}.rels"
            parts = [main, *_related(z, rels, folder, ("header", "footer", "footnotes"))]
            # patch_xml uses no state of its own; made here, not at module level,
            # where doctest's finder would recurse in docxtpl's __getattr__
            patcher = DocxTemplate.__new__(DocxTemplate)
            xml = [patcher.patch_xml(z.read(part).decode("utf-8")) for part in parts]
    except SuratError:
        raise
    except Exception as exc:
        raise SuratError(f"{name}: not a readable .docx ({type(exc).__name__})") from None
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", "".join(xml))


def _path_of(node: nodes.Node, aliases: dict[str, str | None]) -> str | None:
    """The dotted data path an expression reads, or None when it is not plain data."""
    if isinstance(node, nodes.Name):
        if node.name in aliases:
            return aliases[node.name]
        if node.name in _ENV.globals:
            return None
        return node.name
    if isinstance(node, nodes.Getattr):
        base = _path_of(node.node, aliases)
        return f"{base}.{node.attr}" if base else None
    if isinstance(node, nodes.Getitem):
        base = _path_of(node.node, aliases)
        if base is None:
            return None
        arg = node.arg
        if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
            return f"{base}.{arg.value}"
        return f"{base}[]"
    return None


def _names(target: nodes.Node) -> list[str]:
    if isinstance(target, nodes.Name):
        return [target.name]
    return [n.name for n in target.find_all(nodes.Name)]


def _collect(node: nodes.Node, aliases: dict[str, str | None], out: set[str]) -> None:
    if isinstance(node, nodes.For):
        _collect(node.iter, aliases, out)
        inner = dict(aliases)
        base = _path_of(node.iter, aliases)
        targets = _names(node.target)
        for t in targets:
            inner[t] = f"{base}[]" if base and len(targets) == 1 else None
        inner["loop"] = None
        for child in [*node.body, *node.else_]:
            _collect(child, inner, out)
        if node.test is not None:
            _collect(node.test, inner, out)
        return
    if isinstance(node, nodes.Assign | nodes.AssignBlock):
        for name in _names(node.target):
            aliases[name] = None
    if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
        path = _path_of(node, aliases)
        if path is not None:
            out.add(path)
            if isinstance(node, nodes.Getitem):
                _collect(node.arg, aliases, out)
            return
    for child in node.iter_child_nodes():
        _collect(child, aliases, out)


def _analyse(source: bytes, name: str) -> tuple[list[str], list[str]]:
    """A template's fields and its unsafe expressions, found without running it."""
    xml = _template_source(source, name)
    try:
        tree = _ENV.parse(xml)
        _ENV.compile(tree)  # unknown filters and tests are found here
    except TemplateSyntaxError as exc:
        raise SuratError(
            f"{name}: template syntax error: {exc.message}{_near(xml, exc.lineno)}"
        ) from None
    except RecursionError:
        raise SuratError(f"{name}: template syntax error: nested too deeply") from None
    out: set[str] = set()
    _collect(tree, {}, out)
    # A field whose sub-fields are listed is implied by them.
    fields = {f for f in out if not any(o.startswith((f + ".", f + "[")) for o in out)}
    return sorted(fields), unsafe_expressions(tree)


def _inspect(source: bytes, name: str) -> list[str]:
    """The fields of a template that is safe to fill in; else a ``SuratError`` listing why not."""
    fields, unsafe = _analyse(source, name)
    if unsafe:
        raise SuratError(
            f"{name}: unsafe template: it reaches beyond its data "
            f"({len(unsafe)} expression{'s' if len(unsafe) != 1 else ''}):\n  "
            + "\n  ".join(unsafe)
        )
    return list(fields)


def check_template(path: str | Path) -> list[str]:
    """Check an office template; return the fields it needs (``korban.inisial``,
    ``pendamping[].nama``...), sorted.

    A syntax error or an unknown filter raises ``SuratError`` naming the file,
    the problem and the document text near it. So does a template that reaches
    beyond its data (``kop.logo.tpl``, ``x.__class__``, ``{% include %}``, a
    call of anything but a few methods of text, tables and dates): the error
    lists each such expression (``surat templat periksa`` exits 1).

    The template is read in a child process under the default profile's
    limits, like a render: a template is not parsed anywhere else.
    """
    p = Path(path)
    if p.suffix.lower() != ".docx":
        raise SuratError(f"{p}: a .docx template expected")
    office = _default_office()
    return run_limited(
        _inspect,
        (_read_template(p), str(p)),
        name=str(p),
        seconds=office.batas.waktu_render,
        memory_mb=office.batas.memori_render_mb,
    )


template_fields = check_template
"""The fields a template needs (same as :func:`check_template`)."""


def copy_template(kind: str, folder: str | Path, *, overwrite: bool = False) -> Path:
    """Copy a built-in template into *folder* for an office to edit; return its path.

    The folder is created (owner-only) when missing; an existing file is kept
    unless *overwrite* (``surat templat salin --timpa``).
    """
    source = _read_template(template_path(kind))
    target_dir = Path(folder)
    try:
        target_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise SuratError(f"{target_dir}: cannot create the folder ({exc.strerror})") from None
    target = target_dir / f"{kind}.docx"
    if target.exists() and not overwrite:
        raise SuratError(f"{target}: already exists (choose another folder, or add --timpa)")
    return write_private(target, source)
