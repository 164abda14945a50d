"""Fill a Word template safely: docxtpl made safe for what caseworkers type.

What this adds to plain docxtpl, and why:

- **autoescape, always.** docxtpl pastes values into the document's XML.
  Unescaped, ``'PT Maju & Jaya'`` prints as ``'PT Maju  Jaya'`` and
  ``'Tom & Jerry <b>'`` silently swallows the rest of the letter (signature,
  tembusan, page setup) because docxtpl's XML repair drops what it cannot parse.
- **Values stay values** and **Indonesian filters**: :mod:`surat.templating.filters`.
- **An allow-listed sandbox with strict undefined**
  (:mod:`surat.templating.sandbox`). A template sees plain data only and can
  call only a few harmless methods; a field the template needs but the data
  lacks is an error naming its path (``korban.inisial``); so is printing a
  field that is empty (None); a failed lookup names the expression, never the
  key. Every part docxtpl fills in goes through the sandbox; docxtpl never
  renders the document properties (:mod:`surat.templating.page` sets them).
- **Text hygiene.** Characters XML 1.0 forbids are removed; tabs stay tabs;
  a line break inside a multi-line field becomes a line break in the same
  paragraph of the letter (docxtpl turns ``\\n`` into ``<w:br/>``).
- **Office settings**: the kop's emblem (``office.logo``, else the neutral
  placeholder ``surat/templates/lambang.png``; placed after filling by
  :mod:`surat.templating.emblem`, so the template holds only inert XML) and
  the paper size (:mod:`surat.templating.page`).

docxtpl is used through four of its internals, overridden in
:class:`_Template` (``render_xml_part``, ``render_properties``,
``fix_tables``) and :func:`surat.templating.inspect.template_source`
(``patch_xml``). They are not documented API: ``pyproject.toml`` pins the
docxtpl versions they were tested with, and ``tests/test_templating.py``
fails loudly when a new docxtpl changes one of them.
"""

from __future__ import annotations

import io
import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from .. import letters
from ..archive import check_archive
from ..errors import SuratError
from ..files import MAX_TEMPLATE_BYTES, read_regular
from ..office import Office
from . import emblem
from .filters import FILTERS, finalize
from .page import page_layout, set_bottom_margin, set_office_properties, set_paper
from .sandbox import Fields, Sandbox, TemplateLimit

__all__ = [
    "DEFAULT_LOGO",
    "ENV",
    "TEMPLATES",
    "default_office",
    "fill",
    "read_template",
    "template_error",
    "template_path",
]

TEMPLATES = Path(__file__).parent.parent / "templates"
"""Where the built-in templates live (built by ``python tools/build_templates.py``)."""

DEFAULT_LOGO = TEMPLATES / "lambang.png"
"""The neutral placeholder emblem; an office sets its own with ``logo = "lambang.png"``."""

LOGO_WIDTH = Mm(20)
"""Width of the emblem in the kop."""


ENV = Sandbox(FILTERS, finalize)
"""The one environment every template is filled in (and parsed, to be inspected)."""

_DEFAULT_OFFICE: list[Office] = []


def default_office() -> Office:
    """The shipped profile, read once."""
    if not _DEFAULT_OFFICE:
        _DEFAULT_OFFICE.append(Office.default())
    return _DEFAULT_OFFICE[0]


_SOURCES: OrderedDict[tuple[str, int, int], bytes] = OrderedDict()
_SOURCES_LOCK = threading.Lock()

_PATCHED: OrderedDict[str, str] = OrderedDict()
_PATCHED_LOCK = threading.Lock()
_PATCHED_MAX = 32
"""Parts of templates as docxtpl prepares them for Jinja, by their XML (a few kinds' parts)."""


def template_path(kind: str) -> Path:
    """The built-in template of a letter kind."""
    return TEMPLATES / f"{letters.kind(kind).id}.docx"


def read_template(path: Path) -> bytes:
    """The template's bytes, read once per file version."""
    try:
        st = path.stat()
    except OSError:
        raise SuratError(f"{path}: templat tidak ditemukan") from None
    key = (str(path), st.st_mtime_ns, st.st_size)
    with _SOURCES_LOCK:
        data = _SOURCES.get(key)
    if data is None:
        data = read_regular(path, "templat", MAX_TEMPLATE_BYTES)
        if not data.startswith(b"PK"):
            raise SuratError(f"{path}: bukan berkas .docx (Word 2007 atau lebih baru diharapkan)")
        check_archive(data, path)
        with _SOURCES_LOCK:
            _SOURCES[key] = data
            while len(_SOURCES) > 16:
                _SOURCES.popitem(last=False)
    return data


def logo_of(office: Office, kind: str | None = None) -> Path:
    """The emblem of the letterhead *kind* is printed on: its own, else that of the
    letterhead it belongs to (a unit's parent, nearest first), else the office's."""
    head = office.kop_for(kind) if kind else None
    chain = [head, *office.kop_induk(head)] if head is not None else []
    own = next((k.logo for k in chain if k.logo is not None), None)
    logo = own or office.logo or DEFAULT_LOGO
    if not logo.is_file():
        raise SuratError(f"logo: {logo} tidak ditemukan (berkas PNG atau JPEG diharapkan)")
    return logo


def near(source: str, lineno: int | None) -> str:
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


def template_error(name: str, exc: Exception, source: str = "") -> SuratError:
    """A template's failure as a message naming the template and where, never a value."""
    if isinstance(exc, TemplateSyntaxError):
        ctx = getattr(exc, "docx_context", None)
        where = ""
        if ctx is not None:
            text = re.sub(r"\s+", " ", " ".join(ctx)).strip()
            where = f" near: «{text[:160]}»" if text else ""
        return SuratError(f"{name}: galat sintaksis templat: {exc.message}{where}")
    if isinstance(exc, UndefinedError):
        return SuratError(f"{name}: {exc.message}")
    where = near(source, _template_line(exc))
    if isinstance(exc, TemplateLimit):
        return SuratError(f"{name}: {exc.message}{where}")
    if isinstance(exc, SecurityError):
        return SuratError(f"{name}: templat memakai sesuatu yang dilarang sandbox{where}")
    if isinstance(exc, RecursionError):
        return SuratError(f"{name}: templat memanggil dirinya terlalu dalam{where}")
    if isinstance(exc, TemplateError):
        return SuratError(f"{name}: galat templat ({type(exc).__name__}: {exc.message}){where}")
    # Other exceptions (KeyError, TypeError, ValueError...) may quote a value:
    # name only their type, and where in the template they happened.
    return SuratError(f"{name}: templat tidak dapat diisi ({type(exc).__name__}){where}")


class _Template(DocxTemplate):  # type: ignore[misc]
    """docxtpl that renders in the sandbox only, and repairs table grids correctly.

    Every part docxtpl fills in (body, headers, footers, footnotes) goes
    through :meth:`render_xml_part`, which always uses the sandbox whatever
    environment it is handed. Document properties are never rendered (docxtpl
    would fill them with a plain, unsandboxed Jinja when called without an
    environment): they are set to office-level values after rendering
    (:func:`surat.templating.page.set_office_properties`).

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
        return super().render_xml_part(src_xml, part, context, ENV)

    def render_properties(self, context: Any, jinja_env: Any = None) -> None:
        return None

    def patch_xml(self, src_xml: str) -> str:
        # docxtpl's regular-expression pass depends on the part's XML alone and
        # was a third of a letter's render; each template part is patched once.
        with _PATCHED_LOCK:
            patched = _PATCHED.get(src_xml)
            if patched is not None:
                _PATCHED.move_to_end(src_xml)
                return patched
        patched = str(super().patch_xml(src_xml))
        with _PATCHED_LOCK:
            _PATCHED[src_xml] = patched
            while len(_PATCHED) > _PATCHED_MAX:
                _PATCHED.popitem(last=False)
        return patched

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


def fill(source: bytes, context: Fields, office: Office, name: str, judul: str) -> bytes:
    """Fill one template; set the emblem, paper size and properties; return .docx bytes.

    *context* is already plain data (:func:`surat.templating.sandbox.plain`).
    """
    tpl = _Template(io.BytesIO(source))
    logo = logo_of(office, name)
    kop = context.get("kop")
    if isinstance(kop, Fields) and "logo" not in kop:
        kop["logo"] = emblem.placeholder(logo, LOGO_WIDTH)
    try:
        tpl.render(context, jinja_env=ENV, autoescape=True)
    except (SuratError, MemoryError):
        raise
    except Exception as exc:
        lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.source)
        raise template_error(name, exc, lines) from None
    emblem.place(tpl.docx, logo)
    set_paper(tpl.docx, office.kertas)
    set_office_properties(tpl.docx, judul, office)
    # The margin on the open document saves opening and saving it again. Moving
    # the page number to the header reads the footers docxtpl filled in, which
    # python-docx sees only once the document is saved and opened again.
    set_bottom_margin(tpl.docx, office)
    out = io.BytesIO()
    tpl.save(out)
    if office.nomor_halaman == "atas":
        return page_layout(out.getvalue(), office)
    return out.getvalue()
