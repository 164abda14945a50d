"""The template of the lembar disposisi (:mod:`surat.letters.disposisi`)."""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .docx import (
    BOX,
    borders,
    CELL_CENTER,
    CENTER,
    cant_split,
    cell_text,
    kop,
    new_document,
    para,
    row_loop,
    table,
    tag,
)


def _box(cell: Any) -> None:
    """A small bordered box (the tick goes in it): borders on this cell only."""
    tc_pr = cell._tc.get_or_add_tcPr()
    box = borders("w:tcBorders", BOX, val="single", sz="6", color="000000")
    # tcBorders follows tcW (and gridSpan, vMerge) in the schema's order
    anchor = None
    for name in ("w:tcW", "w:gridSpan", "w:vMerge"):
        found = tc_pr.find(qn(name))
        if found is not None:
            anchor = found
    if anchor is None:
        tc_pr.insert(0, box)
    else:
        anchor.addnext(box)
    cell.vertical_alignment = CELL_CENTER


def _checklist(cell: Any, loop: str, label: str, width: float) -> None:
    """A ticked list in a cell: one row per choice, a box and its label."""
    widths = [0.55, 0.25, width - 0.8]
    t = table(cell, 0, widths)
    # cell spacing keeps each box apart from the next one's
    spacing = OxmlElement("w:tblCellSpacing")
    spacing.set(qn("w:w"), "45")
    spacing.set(qn("w:type"), "dxa")
    t._tbl.tblPr.append(spacing)
    row_loop(t, loop, ["{{ x.tanda }}", "", label], size=11)
    row = t.rows[1]
    row.height = Cm(0.6)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    cant_split(row)
    box = row.cells[0]
    box.paragraphs[0].alignment = CENTER
    _box(box)
    row.cells[2].vertical_alignment = CELL_CENTER
    for r in t.rows:
        for c, w in zip(r.cells, widths, strict=True):
            c.width = Cm(w)
    # a little air between the rows' boxes
    for p in row.cells[2].paragraphs + row.cells[0].paragraphs:
        p.paragraph_format.space_before = Pt(1)
        p.paragraph_format.space_after = Pt(1)
    para(cell, "", size=4)


def _fields(cell: Any, rows: list[tuple[str, str]], width: float, label_w: float) -> None:
    """'Label : value' lines in a cell."""
    widths = [label_w, 0.4, width - label_w - 0.4]
    t = table(cell, len(rows), widths)
    for row, (label, value) in zip(t.rows, rows, strict=True):
        if label.startswith("{%tr"):
            cell_text(row.cells[0], label, size=2)
            continue
        cell_text(row.cells[0], label, size=11, after=3)
        cell_text(row.cells[1], ":", size=11, after=3)
        cell_text(row.cells[2], value, size=11, after=3)


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Lembar Disposisi")
    kop(doc)
    para(doc, "LEMBAR DISPOSISI", bold=True, size=14, align=CENTER, after=8)
    half = 8.0
    inner = half - 0.3  # the cell's own margins
    t = table(doc, 5, [half, half], grid=True)
    for row in t.rows:
        cant_split(row)
    # 1: the letter, and its receipt
    left, right = t.rows[0].cells
    cell_text(left, "", size=4)
    _fields(
        left,
        [
            ("Surat dari", "{{ dari }}"),
            ("Nomor surat", "{{ nomor_surat }}"),
            ("Tanggal surat", "{{ tanggal_surat }}"),
        ],
        inner,
        2.75,
    )
    cell_text(right, "", size=4)
    _fields(
        right,
        [
            ("Diterima tanggal", "{{ diterima }}"),
            ("Nomor agenda", "{{ nomor_agenda|utuh }}"),
        ],
        inner,
        3.3,
    )
    para(right, "Sifat:", size=11, before=2, after=2)
    _checklist(right, "for x in sifat", "{{ x.teks }}", inner)
    # 2: the subject, and the case it concerns
    hal = t.rows[1].cells[0].merge(t.rows[1].cells[1])
    cell_text(hal, "", size=4)
    _fields(
        hal,
        [
            ("Hal", "{{ perihal }}"),
            ("{%tr if korban %}", ""),
            (
                "Kasus",
                "Nomor Registrasi {{ korban.nomor_registrasi|utuh }}, korban {{ korban.inisial }}",
            ),
            ("{%tr endif %}", ""),
        ],
        2 * half - 0.3,
        2.7,
    )
    para(hal, "", size=4)
    # 3: where it goes on, and what to do
    to, do = t.rows[2].cells
    cell_text(to, "Diteruskan kepada Sdr.:", bold=True, size=11, after=3)
    _checklist(to, "for x in diteruskan", "{{ x.jabatan }}", inner)
    cell_text(do, "Dengan hormat harap:", bold=True, size=11, after=3)
    _checklist(do, "for x in harap", "{{ x.teks }}", inner)
    # 4: the note, with room to write by hand
    note = t.rows[3].cells[0].merge(t.rows[3].cells[1])
    cell_text(note, "Catatan:", bold=True, size=11, after=3)
    para(note, "{{ catatan }}", size=11, after=3)
    for _ in range(3):
        para(note, "", size=11)
    # 5: date and paraf of the official who disposes
    sign = t.rows[4].cells[0].merge(t.rows[4].cells[1])
    s = table(sign, 1, [half - 0.3, half])
    _, right_s = s.rows[0].cells
    cell_text(right_s, "{{ surat.tanggal_teks }}", size=11, align=CENTER, after=2)
    para(right_s, "{{ pendisposisi.singkatan }},", size=11, align=CENTER)
    para(right_s, "Paraf", size=9, italic=True, align=CENTER, before=2)
    for _ in range(2):
        para(right_s, "", size=11)
    para(
        right_s,
        "{{ pendisposisi.nama }}",
        size=11,
        bold=True,
        underline=True,
        align=CENTER,
    )
    tag(right_s, "{%p if pendisposisi.nip %}")
    para(right_s, "NIP. {{ pendisposisi.nip }}", size=11, align=CENTER)
    tag(right_s, "{%p endif %}")
    para(sign, "", size=4)
    para(
        doc,
        "Lembar ini dilampirkan pada surat masuk dan tidak dikirim ke luar kantor.",
        size=9,
        italic=True,
        before=4,
    )
    return doc

