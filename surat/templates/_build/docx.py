"""The python-docx building blocks of the shipped letter templates.

Each builder of this package builds its template from these (see
``template()`` in :mod:`surat.templates._build.persetujuan` and the others);
``python tools/build_templates.py`` in the source tree writes them all. A
reviewer reads the letters there, not in Word.

Layout follows the regional Tata Naskah Dinas (Permendagri 1/2023; see
FORMS.md): Arial 12 (LibreOffice prints it with Liberation Sans, same
metrics), margins 3 cm left, 2 cm right and bottom, 1.5 cm top under which the
kop sits; A4 here, F4 set by :func:`surat.render` when the office asks for it.

Placeholders are docxtpl/Jinja: ``{{ field }}`` prints, ``{%p ... %}`` is a
paragraph-level tag, ``{%tr ... %}`` a table-row-level tag. The fields each
template may use are the context of :func:`surat.letters.build_context`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

__all__ = [
    "BOX",
    "CELL_BOTTOM",
    "CELL_CENTER",
    "CENTER",
    "JUSTIFY",
    "LEFT",
    "RAHASIA",
    "RIGHT",
    "SIGN_SPACE",
    "mengetahui_row",
    "sign_space",
    "signature_row",
    "TEXT_WIDTH",
    "address",
    "body",
    "borders",
    "box_borders",
    "cant_split",
    "cell_text",
    "classified_footer",
    "classified_header",
    "closing",
    "confidential_footer",
    "fields_table",
    "italic_terms",
    "kop",
    "lampiran_head",
    "lampiran_page",
    "mark_size",
    "new_document",
    "nomor_hal",
    "numbered",
    "page_number",
    "para",
    "paraf_table",
    "pendamping_table",
    "repeat_header",
    "report_signatures",
    "row_loop",
    "schema_order",
    "signature",
    "signer_lines",
    "small_mark",
    "table",
    "tag",
]

FONT = "Arial"
SIZE = 12
TEXT_WIDTH = 16.0  # cm: A4 210 mm - 30 mm left - 20 mm right
SIGN_SPACE = 4  # empty lines between jabatan and name: room to sign and stamp

LEFT, CENTER, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)
CELL_CENTER, CELL_BOTTOM = WD_CELL_VERTICAL_ALIGNMENT.CENTER, WD_CELL_VERTICAL_ALIGNMENT.BOTTOM

Container = Any  # a python-docx Document or table cell


# -- building blocks -------------------------------------------------------------


RAHASIA = "RAHASIA"
"""The classification every page of a secret document carries at its top and bottom."""


def new_document(title: str, *, rahasia: bool | str = False, paraf: bool = False) -> Any:
    """An empty A4 letter: margins, Arial 12 single-spaced, no author metadata.

    *rahasia*: a secret document, whose every page carries RAHASIA at the top
    (:func:`classified_header`) and at the bottom: True for a kind that is
    always secret, or a template condition (``"surat.sifat == 'Rahasia'"``)
    for one whose data decide. *paraf*: the bottom line of a secret letter
    also holds the drafter's paraf box (:func:`confidential_footer`).
    """
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(2.0)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)
    if rahasia:
        condition = None if rahasia is True else rahasia
        classified_header(section, condition)
        if paraf:
            confidential_footer(section)
        else:
            classified_footer(section, condition)
    else:
        page_numbers(section)
    for name in ("Normal", "Table Grid"):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(SIZE)
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
    fmt = doc.styles["Normal"].paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
    props = doc.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.title = title
    props.subject = ""
    props.keywords = ""
    props.revision = 1
    # A line ending in a manual break (a new line typed inside a field) is not
    # stretched across the page in a justified paragraph.
    settings = doc.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        settings.append(compat)
    compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))
    # Drop the default empty paragraph.
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    return doc


def page_numbers(section: Any) -> None:
    """'- 2 -' centred at the foot of every page after the first (none on page 1)."""
    section.different_first_page_header_footer = True
    page_number(section.footer.paragraphs[0])


#: Where the RAHASIA line of a secret document's header sits: below the TEMBUSAN
#: stamp a print pack lays over the top of each copy (it ends 14 mm below the edge).
CLASSIFIED_HEADER_CM = 1.5
#: The top margin of a secret document: the kop starts under its RAHASIA line.
CLASSIFIED_TOP_CM = 2.0


def _conditional(container: Any, condition: str | None, fill: Any) -> None:
    """*fill* (a function of the container) inside ``{%p if condition %}`` tags, or bare."""
    if condition is not None:
        tag(container, "{%p if " + condition + " %}")
    fill(container)
    if condition is not None:
        tag(container, "{%p endif %}")


def _only_paragraph(part: Any) -> None:
    """Move a header's or footer's own first (empty) paragraph to its end, made tiny:
    a part must end with a paragraph, and this one must not add a line."""
    p = part.paragraphs[0]
    p.paragraph_format.space_after = Pt(0)
    p.add_run("").font.size = Pt(2)
    part._element.remove(p._p)
    part._element.append(p._p)


def classified_header(section: Any, condition: str | None = None) -> None:
    """RAHASIA, bold and centred, at the top of every page (the first one too).

    It sits below the TEMBUSAN stamp of a print pack's copies
    (:data:`CLASSIFIED_HEADER_CM`), the kop under it (:data:`CLASSIFIED_TOP_CM`).
    With *condition* (a template expression) it is printed only when that holds.
    """
    section.different_first_page_header_footer = True
    section.top_margin = Cm(CLASSIFIED_TOP_CM)
    section.header_distance = Cm(CLASSIFIED_HEADER_CM)
    for header in (section.first_page_header, section.header):
        header.is_linked_to_previous = False
        _conditional(
            header,
            condition,
            lambda h: para(h, RAHASIA, bold=True, size=10, align=CENTER),
        )
        _only_paragraph(header)


def classified_footer(section: Any, condition: str | None = None) -> None:
    """RAHASIA, bold and centred, at the bottom of every page; from page 2 on the
    page number under it (with *condition*, RAHASIA only when that holds)."""
    section.different_first_page_header_footer = True
    for footer, numbered_ in ((section.first_page_footer, False), (section.footer, True)):
        footer.is_linked_to_previous = False
        _conditional(
            footer,
            condition,
            lambda f: para(f, RAHASIA, bold=True, size=10, align=CENTER),
        )
        if numbered_:
            page_number(para(footer, ""))
        _only_paragraph(footer)


def confidential_footer(section: Any) -> None:
    """Every page: RAHASIA at the left, the drafter's paraf box at the right; from
    page 2 on the page number between them.

    Copies in a print pack are these pages stamped, so they carry it too. The
    paraf box is the one FORMS.md asks for on each page of a multi-page
    document (paraf hierarki): whoever drafted it initials every page.
    """
    section.different_first_page_header_footer = True
    for footer, numbered_ in ((section.first_page_footer, False), (section.footer, True)):
        footer.is_linked_to_previous = False
        widths = [4.6, 6.8, 3.0, 1.6]
        t = table(footer, 5, widths)
        # a letter with a paraf table gets the labelled box; one without, no box at all
        cell_text(t.rows[0].cells[0], "{%tr if paraf %}", size=2)
        cell_text(t.rows[2].cells[0], "{%tr else %}", size=2)
        cell_text(t.rows[4].cells[0], "{%tr endif %}", size=2)
        for row, boxed in ((t.rows[1], True), (t.rows[3], False)):
            left, mid, label, box = row.cells
            cell_text(left, RAHASIA, bold=True, size=10)
            for c in (left, mid, label):
                c.vertical_alignment = CELL_CENTER
            if numbered_:
                page_number(mid.paragraphs[0])
            if boxed:
                cell_text(label, "Paraf", size=8, align=RIGHT)
                box_borders(box)
            row.height = Cm(0.7)
        _only_paragraph(footer)


BOX = ("top", "left", "bottom", "right")
"""The four sides of a box."""


def borders(tag: str, sides: tuple[str, ...], **line: str) -> Any:
    """A borders element (``w:tcBorders``, ``w:tblBorders``...): each side with *line*'s
    attributes (``val="single", sz="4", color="000000"``, or ``val="nil"``)."""
    element = OxmlElement(tag)
    for side in sides:
        b = OxmlElement(f"w:{side}")
        for name, value in line.items():
            b.set(qn(f"w:{name}"), value)
        element.append(b)
    return element


def box_borders(cell: Any, size: str = "4") -> Any:
    """A single-line box around one cell of a borderless table; returns the borders."""
    box = borders("w:tcBorders", BOX, val="single", sz=size, color="000000")
    cell._tc.get_or_add_tcPr().append(box)
    return box


def page_number(p: Any) -> None:
    """'- N -' in paragraph *p*, centred, 10 pt."""
    p.alignment = CENTER
    p.add_run("- ").font.size = Pt(10)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "20")
    rpr.append(size)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    p._p.append(field)
    p.add_run(" -").font.size = Pt(10)


def para(
    container: Container,
    text: str = "",
    *,
    bold: bool = False,
    underline: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: Any = None,
    before: float = 0,
    after: float = 0,
    left: float | None = None,
    right: float | None = None,
    first: float | None = None,
    hanging: float | None = None,
    tabs: Iterable[float] = (),
    keep_next: bool = False,
) -> Any:
    """One paragraph with one run; sizes in pt, indents and tabs in cm."""
    p = container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.underline, run.italic = bold or None, underline or None, italic or None
        if size:
            run.font.size = Pt(size)
    fmt = p.paragraph_format
    if align is not None:
        p.alignment = align
    if before:
        fmt.space_before = Pt(before)
    if after:
        fmt.space_after = Pt(after)
    if left is not None:
        fmt.left_indent = Cm(left)
    if right is not None:
        fmt.right_indent = Cm(right)
    if first is not None:
        fmt.first_line_indent = Cm(first)
    if hanging is not None:
        fmt.first_line_indent = Cm(-hanging)
    for pos in tabs:
        fmt.tab_stops.add_tab_stop(Cm(pos), WD_TAB_ALIGNMENT.LEFT)
    if keep_next:
        fmt.keep_with_next = True
    return p


def mark_size(p: Any, size: float) -> Any:
    """Give paragraph *p*'s mark *size* pt: the height of the line when the paragraph
    is empty (a run's size does not count then), e.g. a NIP line left blank."""
    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size * 2)))
    rpr.append(sz)
    return p


def small_mark(p: Any, size: float) -> Any:
    """Make an empty paragraph *size* pt high, with no space before or after."""
    mark_size(p, size)
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
    return p


def tag(container: Container, text: str) -> Any:
    """A paragraph holding only a docxtpl paragraph tag ({%p ... %}); it vanishes on render."""
    return para(container, text, size=2)


def table(
    container: Container,
    rows: int,
    widths: list[float],
    *,
    grid: bool = False,
    align: Any = WD_TABLE_ALIGNMENT.LEFT,
) -> Any:
    """A fixed-layout table with column widths in cm; borderless unless *grid*."""
    if hasattr(container, "add_table") and hasattr(container, "sections"):
        t = container.add_table(rows=rows, cols=len(widths))
    elif hasattr(container, "is_linked_to_previous"):  # a header or footer
        t = container.add_table(rows, len(widths), Cm(sum(widths)))
    else:
        t = container.add_table(rows, len(widths))
    t.style = container.part.document.styles["Table Grid"] if grid else None
    t.alignment = align
    t.autofit = False
    tbl_pr = t._tbl.tblPr  # autofit = False above wrote <w:tblLayout w:type="fixed"/>
    if not grid:
        tbl_pr.append(borders("w:tblBorders", (*BOX, "insideH", "insideV"), val="nil"))
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), "57")  # 1 mm
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    tbl_pr.append(margins)
    grid_el = t._tbl.tblGrid
    for col, width in zip(grid_el.iterchildren(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in t.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    return t


def cell_text(
    cell: Any,
    text: str,
    *,
    bold: bool = False,
    underline: bool = False,
    size: float | None = None,
    align: Any = None,
    after: float = 0,
) -> Any:
    """Put *text* into a cell's first paragraph."""
    p = cell.paragraphs[0]
    if text:
        run = p.add_run(text)
        run.bold, run.underline = bold or None, underline or None
        if size:
            run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    if after:
        p.paragraph_format.space_after = Pt(after)
    return p


def cant_split(row: Any) -> None:
    """Keep a table row on one page (the signature block never splits from its name)."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    tr_pr.append(el)


def settle(t: Any, widths: list[float]) -> None:
    """Every row of *t*, those :func:`row_loop` added included, kept on one page
    (:func:`cant_split`) and given the column *widths* (cm); :func:`table` sets
    them only on the rows it makes."""
    for row in t.rows:
        cant_split(row)
        for c, w in zip(row.cells, widths, strict=True):
            c.width = Cm(w)


def repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    tr_pr.append(el)


def bottom_rule(p: Any) -> None:
    """The kop's double rule: thick over thin, full width."""
    rule = borders(
        "w:pBdr", ("bottom",), val="thickThinSmallGap", sz="18", space="1", color="000000"
    )
    p._p.get_or_add_pPr().append(rule)


def row_loop(t: Any, loop: str, cells: list[str], **fmt: Any) -> None:
    """Three rows: '{%tr for ... %}', the repeated row, '{%tr endfor %}'."""
    first = t.add_row()
    cell_text(first.cells[0], "{%tr " + loop + " %}", size=2)
    row = t.add_row()
    for cell, text in zip(row.cells, cells, strict=True):
        cell_text(cell, text, **fmt)
    last = t.add_row()
    cell_text(last.cells[0], "{%tr endfor %}", size=2)


# -- shared parts ----------------------------------------------------------------


def kop(doc: Any) -> None:
    """Letterhead: emblem left, government and office name centred, contacts, double rule.

    A unit's letterhead (a UPTD of the Dinas) prints the lines of what it
    belongs to (``kop.induk``, from the top down) between the government line
    and its own name.
    """
    t = table(doc, 1, [2.4, 11.2, 2.4])
    logo, text, _ = t.rows[0].cells
    logo.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    text.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    cell_text(logo, "{{ kop.logo }}", align=CENTER)
    cell_text(text, "{{ kop.pemerintah }}", bold=True, size=14, align=CENTER)
    tag(text, "{%p for baris in kop.induk %}")
    para(text, "{{ baris }}", bold=True, size=10, align=CENTER)
    tag(text, "{%p endfor %}")
    para(text, "{{ kop.nama }}", bold=True, size=12, align=CENTER)
    para(text, "{{ kop.alamat }}", size=10, align=CENTER)
    # Telephone, e-mail and site run the full width under the emblem's row: in the
    # centre column they wrapped onto a second line and pushed letters onto a new page.
    tag(doc, "{%p if kop.kontak %}")
    para(doc, "{{ kop.kontak }}", size=10, align=CENTER)
    tag(doc, "{%p endif %}")
    rule = para(doc, "", size=4)
    bottom_rule(rule)
    para(doc, "", size=6)


def signature(cell: Any, *, dated: bool = False, mengetahui: bool = False) -> None:
    """The signature block in a cell: (date), a.n., JABATAN, space, NAME, pangkat, NIP."""
    first = True

    def line(text: str, **kw: Any) -> Any:
        nonlocal first
        if first:
            first = False
            return cell_text(cell, text, align=CENTER, **kw)
        return para(cell, text, align=CENTER, **kw)

    if dated:
        line("{{ surat.tanggal_teks }}")
    if mengetahui:
        line("Mengetahui,")
    if first:
        line("{%p if penandatangan.an %}", size=2)
    else:
        tag(cell, "{%p if penandatangan.an %}").alignment = CENTER
    signer_lines(cell)
    sign_space(cell)
    para(cell, "{{ penandatangan.nama }}", bold=True, underline=True, align=CENTER)
    tag(cell, "{%p if penandatangan.pangkat %}")
    para(cell, "{{ penandatangan.pangkat }}", align=CENTER)
    tag(cell, "{%p endif %}")
    tag(cell, "{%p if penandatangan.nip %}")
    para(cell, "NIP. {{ penandatangan.nip }}", align=CENTER)
    tag(cell, "{%p endif %}")


def signature_row(doc: Any, widths: tuple[float, float] = (8.0, 8.0)) -> tuple[Any, Any]:
    """Two signature cells side by side in one row that never splits (a page break
    never parts a jabatan from its name). Both cells are bottom-aligned: given as
    many lines under each name, both names sit on one line."""
    t = table(doc, 1, list(widths))
    cant_split(t.rows[0])
    left, right = t.rows[0].cells
    for c in (left, right):
        c.vertical_alignment = CELL_BOTTOM
    return left, right


def sign_space(*cells: Any) -> None:
    """The empty lines between the jabatan and the name in each cell: room to sign."""
    for c in cells:
        for _ in range(SIGN_SPACE):
            para(c, "", align=CENTER)


def mengetahui_row(doc: Any, who: str) -> tuple[Any, Any]:
    """ "Mengetahui," and the head (``penandatangan``: a.n./u.b./Plt./Plh. lines,
    jabatan) at the left, the date and *who*'s jabatan at the right, then room to
    sign in both: the cells, for the names and NIP lines that follow."""
    left, right = signature_row(doc)
    cell_text(left, "Mengetahui,", align=CENTER)
    tag(left, "{%p if penandatangan.an %}")
    signer_lines(left)
    cell_text(right, "{{ surat.tanggal_teks }}", align=CENTER)
    para(right, "{{ " + who + ".jabatan }},", align=CENTER)
    sign_space(left, right)
    return left, right


def signer_lines(cell: Any) -> None:
    """After an open ``{%p if penandatangan.an %}`` tag: the a.n. line, the u.b.
    lines and the jabatan (with Plt./Plh.) ending in a comma."""
    para(cell, "{{ penandatangan.an }}", align=CENTER)
    tag(cell, "{%p endif %}")
    tag(cell, "{%p if penandatangan.ub %}")
    para(cell, "{{ penandatangan.melalui }}", align=CENTER)
    para(cell, "{{ penandatangan.ub }}", align=CENTER)
    tag(cell, "{%p endif %}")
    para(cell, "{{ penandatangan.jabatan }},", align=CENTER)


def report_signatures(doc: Any, *, size: float = 10, space: int = 3) -> None:
    """A report's two signature blocks in one row that never splits: "Mengetahui," and
    the head (``penandatangan``: a.n./u.b./Plt./Plh. lines, jabatan) at the left, the
    date and "Dibuat oleh," the staff (``dibuat``) at the right; each with *space*
    empty lines to sign, NAME, pangkat, NIP, at *size* pt (a report's tables are
    small type; its signatures follow them). Both cells are bottom-aligned and hold
    as many lines under the name, so both names sit on one line."""
    # the head's jabatan is the long one: two lines, not three
    left, right = signature_row(doc, (10.5, 5.5))

    def line(cell: Any, text: str, **kw: Any) -> Any:
        return mark_size(para(cell, text, size=size, align=CENTER, **kw), size)

    cell_text(left, "{%p if penandatangan %}", size=2)
    line(left, "Mengetahui,")
    tag(left, "{%p if penandatangan.an %}")
    line(left, "{{ penandatangan.an }}")
    tag(left, "{%p endif %}")
    tag(left, "{%p if penandatangan.ub %}")
    line(left, "{{ penandatangan.melalui }}")
    line(left, "{{ penandatangan.ub }}")
    tag(left, "{%p endif %}")
    line(left, "{{ penandatangan.jabatan }},")
    mark_size(cell_text(right, "{{ surat.tanggal_teks }}", size=size, align=CENTER), size)
    line(right, "Dibuat oleh,")
    line(right, "{{ dibuat.jabatan }},")
    for c, who in ((left, "penandatangan"), (right, "dibuat")):
        for _ in range(space):
            line(c, "")
        line(c, "{{ " + who + ".nama }}", bold=True, underline=True)
        tag(c, "{%p if (penandatangan and penandatangan.pangkat) or dibuat.pangkat %}")
        line(c, "{{ " + who + ".pangkat }}")
        tag(c, "{%p endif %}")
        line(c, "{% if " + who + ".nip %}NIP. {{ " + who + ".nip }}{% endif %}")
    tag(left, "{%p endif %}")
    small_mark(para(left, ""), 1)  # a cell must end with a paragraph, even when the if is false


#: The size of an electronic paraf's lines in the paraf table (pt).
PARAF_PT = 6


def paraf_table(cell: Any, title: str = "Paraf") -> None:
    """The paraf hierarchy: a small table, officials in rank order, a column to initial."""
    cell_text(cell, "{%p if paraf %}", size=2)
    t = cell.add_table(1, 3)
    t.style = cell.part.document.styles["Table Grid"]
    t.autofit = False
    widths = [1.0, 3.0, 2.0]
    for col, w in zip(t._tbl.tblGrid.iterchildren(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(w).twips)))
    head = t.rows[0].cells
    for c, text, w in zip(head, ("No", "Jabatan", title), widths, strict=True):
        c.width = Cm(w)
        cell_text(c, text, bold=True, size=9, align=CENTER)
    row_loop(t, "for x in paraf", ["{{ x.no }}", "{{ x.jabatan }}", ""], size=9)
    for row in t.rows:
        for c, w in zip(row.cells, widths, strict=True):
            c.width = Cm(w)
    # the loop's repeated row: room to initial, by hand or electronically; an
    # electronic paraf prints its mark, date and time there in three small lines
    # that fit the row's height, so a letter with them keeps its pages
    t.rows[2].height = Cm(0.8)
    box = t.rows[2].cells[2]
    for i, field in enumerate(("paraf_tanda", "paraf_tanggal", "paraf_jam")):
        p = box.paragraphs[0] if i == 0 else box.add_paragraph()
        p.add_run("{{ x." + field + " }}").font.size = Pt(PARAF_PT)
        small_mark(p, PARAF_PT)
        p.alignment = CENTER
    cell.paragraphs[-1].add_run("{%p endif %}").font.size = Pt(2)
    para(cell, "", size=2)


def pendamping_table(doc: Any) -> Any:
    """The companions, one row each: No, Nama/NIP, Pangkat/Gol., Jabatan.

    Name and NIP share a column (the NIP under the name, none for contract
    staff), so a long jabatan has room instead of wrapping line after line
    beside a half-empty NIP column. The header repeats on each page and no
    row splits.
    """
    widths = [0.8, 5.6, 3.6, 6.0]
    k = table(doc, 1, widths, grid=True)
    repeat_header(k.rows[0])
    for c, text in zip(k.rows[0].cells, ("No", "Nama/NIP", "Pangkat/Gol.", "Jabatan"), strict=True):
        cell_text(c, text, bold=True, size=11, align=CENTER)
    row_loop(
        k,
        "for p in pendamping",
        ["{{ p.no }}", "{{ p.nama }}", "{{ p.pangkat }}", "{{ p.jabatan }}"],
        size=11,
    )
    name_cell = k.rows[2].cells[1]
    tag(name_cell, "{%p if p.nip != '-' %}")
    para(name_cell, "NIP. {{ p.nip }}", size=11)
    tag(name_cell, "{%p endif %}")
    settle(k, widths)
    k.rows[2].cells[0].paragraphs[0].alignment = CENTER
    return k


def lampiran_head(doc: Any, judul: str) -> None:
    """A Lampiran (appendix) page's head: a new page, 'LAMPIRAN <judul>' with the
    letter's number and date at the right, an empty line."""
    p = para(doc, "")
    p.add_run().add_break(WD_BREAK.PAGE)
    t = table(doc, 3, [7.0, 2.4, 0.4, 6.2])
    cell_text(t.rows[0].cells[1], f"LAMPIRAN {judul}")
    t.rows[0].cells[1].merge(t.rows[0].cells[3])
    for row, (label, value) in zip(
        t.rows[1:],
        [("NOMOR", "{{ surat.nomor }}"), ("TANGGAL", "{{ surat.tanggal|tanggal }}")],
        strict=True,
    ):
        cell_text(row.cells[1], label)
        cell_text(row.cells[2], ":")
        cell_text(row.cells[3], value)
    para(doc, "")


def lampiran_page(doc: Any, judul: str) -> None:
    """The Lampiran (appendix) page listing the companions, when the letter has one:
    a new page headed 'LAMPIRAN <judul>', its number and date, the table, the signature."""
    tag(doc, "{%p if lampiran_pendamping %}")
    lampiran_head(doc, judul)
    para(doc, "DAFTAR PENDAMPING", bold=True, align=CENTER, after=6)
    pendamping_table(doc)
    para(doc, "", after=6)
    s = table(doc, 1, [7.0, 9.0])
    cant_split(s.rows[0])
    signature(s.rows[0].cells[1])
    tag(doc, "{%p endif %}")


def closing(doc: Any, *, dated: bool = False) -> None:
    """Paraf table and signature side by side, the tembusan under them: one row.

    The row never splits, so a page break never parts a jabatan from its name
    nor leaves the tembusan alone on a page (LibreOffice keeps no table with
    the paragraph after it). The tembusan closes the left cell, its lines
    running on under the signature (a negative right indent). Below the
    signature the right cell keeps a blank line for each line the tembusan may
    take (75 characters a line, a little more than a line holds), so the two
    never overlap and the paraf table stays beside the name.
    """
    widths = [7.0, 9.0]
    t = table(doc, 1, widths)
    cant_split(t.rows[0])
    left, right = t.rows[0].cells
    left.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    paraf_table(left)
    signature(right, dated=dated)
    wide = -widths[1]  # right indent: the tembusan runs the full width
    tag(left, "{%p if tembusan %}")
    para(left, "Tembusan:", size=11, before=6, right=wide)
    # one recipient is not numbered; two or more are (Arsip last: tembusan_for)
    tag(left, "{%p if tembusan|length == 1 %}")
    para(left, "{{ tembusan[0] }}", size=11, right=wide)
    tag(left, "{%p else %}")
    tag(left, "{%p for t in tembusan %}")
    para(
        left,
        "{{ loop.index }}.\t{{ t }}",
        size=11,
        left=0.6,
        right=wide,
        hanging=0.6,
        tabs=[0.6],
    )
    tag(left, "{%p endfor %}")
    tag(left, "{%p endif %}")
    tag(left, "{%p endif %}")
    para(left, "", size=2)  # a cell must end with a paragraph, even when the if is false
    tag(right, "{%p if tembusan %}")
    para(right, "", before=6)
    tag(right, "{%p for t in tembusan %}")
    para(right, "")
    for chars in (75, 150):
        tag(right, "{%p if t|length > " + str(chars) + " %}")
        para(right, "")
        tag(right, "{%p endif %}")
    tag(right, "{%p endfor %}")
    tag(right, "{%p endif %}")


def numbered(
    doc: Any, loop: str, item: str = "", *, left: float = 0.0, pieces: str | None = None
) -> None:
    """A numbered list from a paragraph loop, hanging indent after the number; each
    item *item*, or the pieces of text *pieces* names (:func:`italic_terms`)."""
    tag(doc, "{%p " + loop + " %}")
    p = para(
        doc,
        "{{ loop.index }}.\t" + item,
        align=JUSTIFY,
        left=left + 0.7,
        hanging=0.7,
        tabs=[left + 0.7],
    )
    if pieces is not None:
        italic_terms(p, pieces)
    tag(doc, "{%p endfor %}")


def italic_terms(p: Any, pieces: str, *, size: float | None = None) -> None:
    """Runs in paragraph *p* printing *pieces*, a list of ``{teks, miring}`` (see
    :func:`surat.letters.fields.bagian`): a foreign term in italics, the rest upright."""
    for text, italic in (
        ("{%r for b in " + pieces + " %}", False),
        ("{%r if b.miring %}", False),
        ("{{ b.teks }}", True),
        ("{%r else %}", False),
        ("{{ b.teks }}", False),
        ("{%r endif %}", False),
        ("{%r endfor %}", False),
    ):
        run = p.add_run(text)
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)


def fields_table(
    doc: Any, rows: list[tuple[str, str]], *, left: float = 0.0, label_w: float = 5.4
) -> Any:
    """'Label : value' rows (identity blocks)."""
    colon_w = 0.5
    widths = [label_w, colon_w, TEXT_WIDTH - left - label_w - colon_w]
    if left:
        widths = [left, *widths]
    t = table(doc, len(rows), widths)
    for row, (label, value) in zip(t.rows, rows, strict=True):
        cells = row.cells[1:] if left else row.cells
        cell_text(cells[0], label)
        cell_text(cells[1], ":")
        cell_text(cells[2], value)
    return t


PREFIX_WIDTH = {"Yth.": 0.87, "c.q.": 0.8}  # cm at 12 pt, with the space after


def nomor_hal(doc: Any, hal: str = "{{ surat.hal }}") -> Any:
    """A letter's Nomor / Sifat / Lampiran / Hal block, with its place and date at
    the right of the first row (Permendagri 1/2023); returns the table."""
    t = table(doc, 4, [2.6, 0.4, 7.5, 5.5])
    for row, (label, value) in zip(
        t.rows,
        [
            ("Nomor", "{{ surat.nomor }}"),
            ("Sifat", "{{ surat.sifat }}"),
            ("Lampiran", "{{ surat.lampiran }}"),
            ("Hal", hal),
        ],
        strict=True,
    ):
        cell_text(row.cells[0], label)
        cell_text(row.cells[1], ":")
        cell_text(row.cells[2], value)
    cell_text(t.rows[0].cells[3], "{{ surat.tanggal_teks }}", align=RIGHT)
    return t


def address(doc: Any, prefix: str, text: str) -> Any:
    """'Yth. ' or 'c.q. ' and an addressee; a long one wraps under its own first word."""
    indent = PREFIX_WIDTH[prefix]
    return para(doc, f"{prefix} {text}", left=indent, hanging=indent)


def body(doc: Any, text: str, **kw: Any) -> Any:
    kw.setdefault("after", 6)
    return para(doc, text, align=JUSTIFY, first=1.25, **kw)


# Word checks the order of property elements against the schema (LibreOffice
# does not); elements added by hand above are put in schema order at the end.
_ORDER = {
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
    "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook",
    "trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader "
    "tblCellSpacing jc hidden",
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
}


def schema_order(doc: Any) -> None:
    """Sort the children of every tblPr, trPr and pPr into the schema's order."""
    for tag_name, names in _ORDER.items():
        rank = {qn(f"w:{n}"): i for i, n in enumerate(names.split())}
        for el in doc.element.body.iter(qn(f"w:{tag_name}")):
            children = list(el)
            ordered = sorted(children, key=lambda c: rank.get(c.tag, len(rank)))
            if ordered != children:
                for c in children:
                    el.remove(c)
                el.extend(ordered)
