"""Build the four shipped letter templates (and the placeholder emblem) as code.

Run ``python -m surat.templates.build`` (or ``make templates``) after editing
this file; the committed .docx files must match its output (a test compares
their text and structure). A reviewer reads the letters here, not in Word.

Layout follows the regional Tata Naskah Dinas (Permendagri 1/2023; see
FORMS.md): Arial 12 (LibreOffice prints it with Liberation Sans, same
metrics), margins 3 cm left, 2 cm right and bottom, 1.5 cm top under which the
kop sits; A4 here, F4 set by :func:`surat.render` when the office asks for it.

Placeholders are docxtpl/Jinja: ``{{ field }}`` prints, ``{%p ... %}`` is a
paragraph-level tag, ``{%tr ... %}`` a table-row-level tag. The fields each
template may use are the context of :func:`surat.letters.build_context`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).parent

FONT = "Arial"
SIZE = 12
TEXT_WIDTH = 16.0  # cm: A4 210 mm - 30 mm left - 20 mm right
LABEL_KONSELING = 4.0  # cm: the longest label, "Kondisi Psikologis", takes 3.4
SIGN_SPACE = 4  # empty lines between jabatan and name: room to sign and stamp

LEFT, CENTER, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)

Container = Any  # a python-docx Document or table cell


# -- building blocks -------------------------------------------------------------


def new_document(title: str) -> Any:
    """An empty A4 letter: margins, Arial 12 single-spaced, no author metadata."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(2.0)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)
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
    p = section.footer.paragraphs[0]
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
    else:
        t = container.add_table(rows, len(widths))
    t.style = container.part.document.styles["Table Grid"] if grid else None
    t.alignment = align
    t.autofit = False
    tbl_pr = t._tbl.tblPr  # autofit = False above wrote <w:tblLayout w:type="fixed"/>
    if not grid:
        borders = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            b = OxmlElement(f"w:{side}")
            b.set(qn("w:val"), "nil")
            borders.append(b)
        tbl_pr.append(borders)
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


def repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    tr_pr.append(el)


def bottom_rule(p: Any) -> None:
    """The kop's double rule: thick over thin, full width."""
    p_pr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "thickThinSmallGap")
    bottom.set(qn("w:sz"), "18")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    p_pr.append(borders)


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
    """Letterhead: emblem left, government and office name centred, contacts, double rule."""
    t = table(doc, 1, [2.4, 11.2, 2.4])
    logo, text, _ = t.rows[0].cells
    logo.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    text.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    cell_text(logo, "{{ kop.logo }}", align=CENTER)
    cell_text(text, "{{ kop.pemerintah }}", bold=True, size=14, align=CENTER)
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
    para(cell, "{{ penandatangan.an }}", align=CENTER)
    tag(cell, "{%p endif %}")
    para(cell, "{{ penandatangan.jabatan }},", align=CENTER)
    for _ in range(SIGN_SPACE):
        para(cell, "", align=CENTER)
    para(cell, "{{ penandatangan.nama }}", bold=True, underline=True, align=CENTER)
    tag(cell, "{%p if penandatangan.pangkat %}")
    para(cell, "{{ penandatangan.pangkat }}", align=CENTER)
    tag(cell, "{%p endif %}")
    tag(cell, "{%p if penandatangan.nip %}")
    para(cell, "NIP. {{ penandatangan.nip }}", align=CENTER)
    tag(cell, "{%p endif %}")


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
    # the loop's repeated row: room to initial
    t.rows[2].height = Cm(0.8)
    cell.paragraphs[-1].add_run("{%p endif %}").font.size = Pt(2)
    para(cell, "", size=2)


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


def numbered(doc: Any, loop: str, item: str, *, left: float = 0.0) -> None:
    """A numbered list from a paragraph loop, hanging indent after the number."""
    tag(doc, "{%p " + loop + " %}")
    para(
        doc,
        "{{ loop.index }}.\t" + item,
        align=JUSTIFY,
        left=left + 0.7,
        hanging=0.7,
        tabs=[left + 0.7],
    )
    tag(doc, "{%p endfor %}")


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


def address(doc: Any, prefix: str, text: str) -> Any:
    """'Yth. ' or 'c.q. ' and an addressee; a long one wraps under its own first word."""
    indent = PREFIX_WIDTH[prefix]
    return para(doc, f"{prefix} {text}", left=indent, hanging=indent)


def body(doc: Any, text: str, **kw: Any) -> Any:
    kw.setdefault("after", 6)
    return para(doc, text, align=JUSTIFY, first=1.25, **kw)


# -- the letters -----------------------------------------------------------------


def persetujuan() -> Any:
    doc = new_document("Surat Persetujuan Pendampingan")
    kop(doc)
    t = table(doc, 4, [2.6, 0.4, 7.5, 5.5])
    for row, (label, value) in zip(
        t.rows,
        [
            ("Nomor", "{{ surat.nomor }}"),
            ("Sifat", "{{ surat.sifat }}"),
            ("Lampiran", "{{ surat.lampiran }}"),
            ("Hal", "{{ surat.hal }}"),
        ],
        strict=True,
    ):
        cell_text(row.cells[0], label)
        cell_text(row.cells[1], ":")
        cell_text(row.cells[2], value)
    cell_text(t.rows[0].cells[3], "{{ surat.tanggal_teks }}", align=RIGHT)
    para(doc, "")
    address(doc, "Yth.", "{{ kepada }}")
    para(doc, "di -")
    para(doc, "{{ di }}", left=1.0, after=12)
    body(
        doc,
        "Menindaklanjuti surat permohonan pendampingan kasus tanggal "
        "{{ permohonan.tanggal|tanggal }} yang tercatat dalam agenda surat masuk "
        "Nomor {{ permohonan.nomor_agenda }}, atas kasus dengan korban berinisial "
        "{{ korban.inisial }} (Nomor Registrasi {{ korban.nomor_registrasi|utuh }}), "
        "dengan ini kami sampaikan bahwa permohonan pendampingan tersebut disetujui.",
    )
    body(doc, "Pendampingan yang diberikan meliputi:", after=0, keep_next=True)
    numbered(doc, "for x in layanan", "{{ x }}", left=1.25)
    body(
        doc,
        "Pendampingan dilaksanakan oleh pendamping sebagai berikut, yang akan ditugaskan "
        "dengan Surat Tugas tersendiri:",
        before=6,
        after=0,
        keep_next=True,
    )
    numbered(doc, "for p in pendamping", "{{ p.nama }} ({{ p.jabatan }})", left=1.25)
    body(
        doc,
        "Identitas korban dan seluruh keterangan mengenai kasus ini bersifat rahasia dan hanya "
        "dipergunakan untuk kepentingan pendampingan, sesuai dengan Undang-Undang Nomor 35 "
        "Tahun 2014 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2002 tentang "
        "Perlindungan Anak dan Undang-Undang Nomor 12 Tahun 2022 tentang Tindak Pidana "
        "Kekerasan Seksual.",
        before=6,
    )
    body(
        doc,
        "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
        after=12,
        keep_next=True,
    )
    closing(doc)
    return doc


def tugas() -> Any:
    doc = new_document("Surat Tugas Pendampingan")
    kop(doc)
    para(doc, "SURAT TUGAS", bold=True, underline=True, size=14, align=CENTER)
    para(doc, "NOMOR: {{ surat.nomor }}", align=CENTER, after=6)
    # Label, colon, then the items with their numbers hanging: a text column wide
    # enough that each standard ground takes two lines, and room for '10.'.
    widths = [1.75, 0.35, 13.9]
    num = 0.7  # the hanging number: '1.' ... '10.'
    sub = 0.6  # the hanging letter of a task: 'a.' ... 'h.'

    def item(cell: Any, text: str, *, left: float = 0.0, hang: float = num) -> None:
        p = cell_text(cell, text)
        fmt = p.paragraph_format
        fmt.left_indent, fmt.first_line_indent = Cm(left + hang), Cm(-hang)
        fmt.tab_stops.add_tab_stop(Cm(left + hang))

    t = table(doc, 0, widths)
    row_loop(
        t,
        "for d in dasar",
        ["{% if loop.first %}Dasar{% endif %}", "{% if loop.first %}:{% endif %}", ""],
    )
    item(t.rows[1].cells[2], "{{ loop.index }}.\t{{ d }}")
    para(doc, "{{ diktum }}", bold=True, align=CENTER, before=6, after=6, keep_next=True)
    para(doc, "Kepada\t:", tabs=[widths[0]], after=3, keep_next=True)
    # NIP never wraps (18 digits at 11 pt take 4.2 cm); the rest goes to the name.
    widths_k = [0.8, 4.4, 4.6, 2.6, 3.6]
    k = table(doc, 1, widths_k, grid=True)
    repeat_header(k.rows[0])
    for c, text in zip(
        k.rows[0].cells, ("No", "Nama", "NIP", "Pangkat/Gol.", "Jabatan"), strict=True
    ):
        cell_text(c, text, bold=True, size=11, align=CENTER)
    row_loop(
        k,
        "for p in pendamping",
        ["{{ p.no }}", "{{ p.nama }}", "{{ p.nip }}", "{{ p.pangkat }}", "{{ p.jabatan }}"],
        size=11,
    )
    for row in k.rows:
        cant_split(row)
        for c, w in zip(row.cells, widths_k, strict=True):
            c.width = Cm(w)
    k.rows[2].cells[0].paragraphs[0].alignment = CENTER
    para(doc, "", size=4)
    u = table(doc, 1, widths)
    cell_text(u.rows[0].cells[0], "Untuk")
    cell_text(u.rows[0].cells[1], ":")
    item(
        u.rows[0].cells[2],
        "1.\tMendampingi korban berinisial {{ korban.inisial }} (Nomor Registrasi "
        "{{ korban.nomor_registrasi|utuh }}) dalam kegiatan berikut:",
    )
    row_loop(u, "for x in tugas", ["", "", ""])
    item(u.rows[2].cells[2], "{{ x.huruf }}.\t{{ x.teks }}", left=num, hang=sub)
    last = u.add_row()
    cell_text(last.cells[0], "")
    item(
        last.cells[2],
        "2.\tMelaporkan hasil pelaksanaan tugas secara tertulis kepada {{ lapor_kepada }}.",
    )
    for tbl in (t, u):  # an item never splits over two pages (no lone last line)
        for row in tbl.rows:
            cant_split(row)
    for row in u.rows:
        for c, w in zip(row.cells, widths, strict=True):
            c.width = Cm(w)
    body(
        doc,
        "Demikian surat tugas ini dibuat untuk dilaksanakan dengan penuh tanggung jawab.",
        before=6,
        after=6,
        keep_next=True,
    )
    closing(doc, dated=True)
    return doc


def konseling() -> Any:
    doc = new_document("Laporan Hasil Konseling Kasus")
    kop(doc)
    para(doc, "RAHASIA", bold=True, size=11, align=RIGHT)
    para(doc, "LAPORAN HASIL KONSELING KASUS", bold=True, underline=True, size=13, align=CENTER)
    para(
        doc,
        "Nomor Registrasi Kasus: {{ klien.nomor_registrasi }}",
        align=CENTER,
        after=12,
    )

    def heading(text: str) -> None:
        para(
            doc,
            text,
            bold=True,
            before=8,
            after=3,
            keep_next=True,
            hanging=0.6,
            left=0.6,
            tabs=[0.6],
        )

    def text(value: str) -> None:
        para(doc, value, align=JUSTIFY, left=0.6, after=3)

    heading("1.\tIdentitas Klien")
    fields_table(
        doc,
        [
            ("Nomor Registrasi", "{{ klien.nomor_registrasi }}"),
            (
                "{% if klien.nama %}Nama{% else %}Inisial{% endif %}",
                "{% if klien.nama %}{{ klien.nama }}{% else %}{{ klien.inisial }}{% endif %}",
            ),
            ("Umur", "{{ klien.umur }}"),
            ("Jenis Kelamin", "{{ klien.jenis_kelamin }}"),
        ],
        left=0.6,
        label_w=LABEL_KONSELING,
    )
    heading("2.\tSumber Rujukan dan Pelaksanaan Konseling")
    fields_table(
        doc,
        [
            ("Sumber Rujukan", "{{ sumber_rujukan }}"),
            ("Hari/Tanggal", "{{ sesi.hari_tanggal }}"),
            ("Waktu", "{{ sesi.jam }}"),
            ("Tempat", "{{ sesi.tempat }}"),
            ("Konselor", "{{ konselor.nama }}"),
        ],
        left=0.6,
        label_w=LABEL_KONSELING,
    )
    heading("3.\tKeluhan")
    text("{{ keluhan }}")
    heading("4.\tRiwayat Kasus")
    text("{{ riwayat }}")
    tag(doc, "{%p if frekuensi %}")
    text("Frekuensi kejadian: {{ frekuensi }}")
    tag(doc, "{%p endif %}")
    heading("5.\tAsesmen/Observasi")
    fields_table(
        doc,
        [
            ("Kondisi Biologis", "{{ asesmen.biologis }}"),
            ("Kondisi Psikologis", "{{ asesmen.psikologis }}"),
            ("Kondisi Sosial", "{{ asesmen.sosial }}"),
            ("Kondisi Spiritual", "{{ asesmen.spiritual }}"),
            ("Kondisi Psikis", "{{ kondisi_psikis }}"),
        ],
        left=0.6,
        label_w=LABEL_KONSELING,
    )
    heading("6.\tHipotesis")
    text("{% if hipotesis %}{{ hipotesis }}{% else %}-{% endif %}")
    para(
        doc,
        "Diagnosis hanya ditetapkan oleh psikolog yang berwenang.",
        italic=True,
        size=10,
        left=0.6,
        after=3,
    )
    heading("7.\tIntervensi yang Diberikan")
    text("{{ intervensi }}")
    heading("8.\tRencana Tindak Lanjut/Rujukan")
    numbered(doc, "for x in rencana_tindak_lanjut", "{{ x }}", left=0.6)
    heading("9.\tRekomendasi")
    para(doc, "{{ rekomendasi }}", align=JUSTIFY, left=0.6, after=3, keep_next=True)
    para(doc, "", after=6, keep_next=True)

    # Two signature blocks side by side in one row that never splits (a page
    # break never parts a jabatan from its name). Both cells are bottom-aligned
    # and hold as many lines under the name (a blank for the konselor when the
    # signer has a pangkat, a NIP line or an empty one on each side), so both
    # names sit on one line.
    t = table(doc, 1, [8.0, 8.0])
    cant_split(t.rows[0])
    left, right = t.rows[0].cells
    for c in (left, right):
        c.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    cell_text(left, "Mengetahui,", align=CENTER)
    tag(left, "{%p if penandatangan.an %}")
    para(left, "{{ penandatangan.an }}", align=CENTER)
    tag(left, "{%p endif %}")
    para(left, "{{ penandatangan.jabatan }},", align=CENTER)
    cell_text(right, "{{ surat.tanggal_teks }}", align=CENTER)
    para(right, "{{ konselor.jabatan }},", align=CENTER)
    for c in (left, right):
        for _ in range(SIGN_SPACE):
            para(c, "", align=CENTER)
    para(left, "{{ penandatangan.nama }}", bold=True, underline=True, align=CENTER)
    para(right, "{{ konselor.nama }}", bold=True, underline=True, align=CENTER)
    tag(left, "{%p if penandatangan.pangkat %}")
    para(left, "{{ penandatangan.pangkat }}", align=CENTER)
    tag(left, "{%p endif %}")
    tag(right, "{%p if penandatangan.pangkat %}")
    para(right, "", align=CENTER)
    tag(right, "{%p endif %}")
    para(
        left,
        "{% if penandatangan.nip %}NIP. {{ penandatangan.nip }}{% endif %}",
        align=CENTER,
    )
    para(right, "{% if konselor.nip %}NIP. {{ konselor.nip }}{% endif %}", align=CENTER)
    para(doc, "", size=8)
    p = table(doc, 1, [7.0, 9.0])
    cant_split(p.rows[0])
    paraf_table(p.rows[0].cells[0], title="Paraf")
    return doc


def permohonan() -> Any:
    doc = new_document("Surat Permohonan Pendampingan Kasus")
    top = table(doc, 1, [7.0, 9.0])
    left, right = top.rows[0].cells
    cell_text(left, "{%p if surat.nomor_agenda %}", size=2)
    para(left, "Diterima, No. Agenda: {{ surat.nomor_agenda }}", size=9)
    tag(left, "{%p endif %}")
    para(left, "", size=2)  # a cell must end with a paragraph, even when the if is false
    cell_text(right, "{{ surat.tanggal_teks }}", align=RIGHT)
    para(doc, "", after=6)
    fields = table(doc, 2, [2.6, 0.4, 13.0])
    for row, (label, value) in zip(
        fields.rows,
        [("Lampiran", "{{ surat.lampiran }}"), ("Perihal", "{{ surat.hal }}")],
        strict=True,
    ):
        cell_text(row.cells[0], label)
        cell_text(row.cells[1], ":")
        cell_text(row.cells[2], value)
    para(doc, "")
    address(doc, "Yth.", "{{ kepada }}")
    tag(doc, "{%p if cq %}")
    address(doc, "c.q.", "{{ cq }}")
    tag(doc, "{%p endif %}")
    para(doc, "di -")
    para(doc, "{{ di }}", left=1.0, after=12)
    para(doc, "Dengan hormat,", after=6)
    para(doc, "Saya yang bertanda tangan di bawah ini:", after=3)
    fields_table(
        doc,
        [
            ("Nama", "{{ pelapor.nama }}"),
            ("NIK", "{{ pelapor.nik }}"),
            ("Tempat/Tanggal Lahir", "{{ pelapor.ttl }}"),
            ("Jenis Kelamin", "{{ pelapor.jenis_kelamin }}"),
            ("Alamat (sesuai KTP)", "{{ pelapor.alamat }}"),
            ("Alamat Domisili", "{{ pelapor.alamat_domisili }}"),
            ("Nomor Telepon/HP", "{{ pelapor.telepon }}"),
            ("Hubungan dengan Korban", "{{ pelapor.hubungan }}"),
        ],
        left=0.6,
    )
    para(
        doc,
        "dengan ini mengajukan permohonan pendampingan kasus bagi korban:",
        before=6,
        after=3,
        keep_next=True,
    )
    fields_table(
        doc,
        [
            ("Nama", "{{ korban.nama }}"),
            ("Tanggal Lahir/Umur", "{{ korban.lahir_umur }}"),
            ("Jenis Kelamin", "{{ korban.jenis_kelamin }}"),
            ("Pendidikan Terakhir", "{{ korban.pendidikan }}"),
            ("Alamat", "{{ korban.alamat }}"),
        ],
        left=0.6,
    )
    tag(doc, "{%p if terlapor %}")
    para(doc, "Terduga pelaku (bila diketahui):", before=6, after=3, keep_next=True)
    fields_table(
        doc,
        [
            ("Nama", "{{ terlapor.nama }}"),
            ("Hubungan dengan Korban", "{{ terlapor.hubungan }}"),
        ],
        left=0.6,
    )
    tag(doc, "{%p endif %}")
    para(doc, "Keterangan kejadian:", before=6, after=3, keep_next=True)
    fields_table(
        doc,
        [
            ("Jenis Kekerasan", "{{ jenis_kekerasan }}"),
            ("Waktu Kejadian", "{{ waktu_kejadian }}"),
            ("Tempat Kejadian", "{{ tempat_kejadian }}"),
        ],
        left=0.6,
    )
    para(doc, "Kronologi singkat:", before=6, after=3, keep_next=True)
    para(doc, "{{ kronologi }}", align=JUSTIFY, left=0.6, after=6)
    para(doc, "Layanan yang saya butuhkan:", after=3, keep_next=True)
    numbered(doc, "for x in layanan", "{{ x }}", left=0.6)
    para(doc, "Sebagai kelengkapan, saya lampirkan:", before=6, after=3, keep_next=True)
    tag(doc, "{%p for x in lampiran %}")
    para(
        doc,
        "{% if x.ada %}[√]{% else %}[  ]{% endif %}\t{{ x.nama }}",
        left=1.6,
        hanging=1.0,
        tabs=[1.6],
        keep_next=True,  # the checklist stays with the statement and the signature
    )
    tag(doc, "{%p endfor %}")
    body(
        doc,
        "Demikian permohonan ini saya buat dengan sebenar-benarnya. Saya bertanggung jawab "
        "atas kebenaran keterangan di atas.",
        before=6,
        after=12,
        keep_next=True,
    )
    sig = table(doc, 1, [8.0, 8.0])
    cant_split(sig.rows[0])
    left, right = sig.rows[0].cells
    cell_text(left, "{%p if wali %}", size=2)
    para(left, "Mengetahui,", align=CENTER)
    para(left, "{{ wali.hubungan }},", align=CENTER)
    for _ in range(SIGN_SPACE):
        para(left, "", align=CENTER)
    para(left, "{{ wali.nama }}", bold=True, underline=True, align=CENTER)
    tag(left, "{%p endif %}")
    para(left, "", size=2)  # a cell must end with a paragraph, even when the if is false
    cell_text(right, "Hormat saya,", align=CENTER)
    para(right, "Pelapor,", align=CENTER)
    for _ in range(SIGN_SPACE):
        para(right, "", align=CENTER)
    para(right, "{{ pelapor.nama }}", bold=True, underline=True, align=CENTER)
    return doc


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


BUILDERS = {
    "permohonan": permohonan,
    "persetujuan": persetujuan,
    "tugas": tugas,
    "konseling": konseling,
}


# -- the placeholder emblem ------------------------------------------------------


def emblem(path: Path) -> None:
    """A neutral placeholder emblem: a plain grey shield with a ring. No real crest."""
    from PIL import Image, ImageDraw

    w, h = 240, 280
    # RGB on white, no alpha: some PDF renderers drop soft-masked images at low zoom.
    img = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    shield = [(20, 20), (220, 20), (220, 150), (120, 262), (20, 150)]
    d.polygon(shield, fill=(236, 239, 243), outline=(70, 80, 95))
    inner = [(34, 34), (206, 34), (206, 146), (120, 242), (34, 146)]
    d.line([*inner, inner[0]], fill=(70, 80, 95), width=4)
    d.line([*shield, shield[0]], fill=(70, 80, 95), width=8)
    d.ellipse((72, 62, 168, 158), outline=(70, 80, 95), width=8)
    img.save(path, format="PNG", optimize=True)


def build(folder: Path = HERE, *, with_emblem: bool = True) -> list[Path]:
    """Write the four templates (and the emblem) into *folder*; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for kind, builder in BUILDERS.items():
        path = folder / f"{kind}.docx"
        doc = builder()
        schema_order(doc)
        doc.save(str(path))
        out.append(path)
    if with_emblem:
        logo = folder / "lambang.png"
        emblem(logo)
        out.append(logo)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else HERE
    for path in build(folder):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
