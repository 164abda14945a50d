"""The template of the lembar disposisi (:mod:`surat.letters.disposisi`).

One page at A4 and at F4 with the longest data the model allows: the
letter's fields run the full width, the sifat's four boxes sit on one line,
the note's room to write by hand goes as its text grows, and the completion
date shares the row of the paraf. ``tests/test_disposisi.py`` converts the
longest sheet and counts its pages.
"""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from ...letters.disposisi import SIFAT
from .docx import (
    BOX,
    CELL_CENTER,
    CENTER,
    borders,
    cant_split,
    cell_text,
    kop,
    new_document,
    para,
    row_loop,
    small_mark,
    table,
    tag,
)

SIZE = 10  # pt: every line of the sheet but its title


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
    widths = [0.5, 0.25, width - 0.75]
    t = table(cell, 0, widths)
    # cell spacing keeps each box apart from the next one's
    spacing = OxmlElement("w:tblCellSpacing")
    spacing.set(qn("w:w"), "40")
    spacing.set(qn("w:type"), "dxa")
    t._tbl.tblPr.append(spacing)
    row_loop(t, loop, ["{{ x.tanda }}", "", label], size=SIZE)
    row = t.rows[1]
    row.height = Cm(0.52)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    cant_split(row)
    box = row.cells[0]
    box.paragraphs[0].alignment = CENTER
    _box(box)
    row.cells[2].vertical_alignment = CELL_CENTER
    for r in t.rows:
        for c, w in zip(r.cells, widths, strict=True):
            c.width = Cm(w)
    small_mark(cell.paragraphs[-1], 3)


def _fields(cell: Any, rows: list[tuple[str, ...]], widths: list[float]) -> None:
    """'Label : value' lines in a cell of six columns: two pairs a row, or one pair
    whose value runs the full width; a row of one string is a ``{%tr %}`` tag."""
    t = table(cell, len(rows), widths)
    for row, texts in zip(t.rows, rows, strict=True):
        cells = row.cells
        if len(texts) == 1:
            cell_text(cells[0], texts[0], size=2)
            continue
        if len(texts) == 2:
            value = cells[2].merge(cells[5])
            pairs = [(cells[0], texts[0]), (cells[1], ":"), (value, texts[1])]
        else:
            pairs = [
                (cells[0], texts[0]),
                (cells[1], ":"),
                (cells[2], texts[1]),
                (cells[3], texts[2]),
                (cells[4], ":"),
                (cells[5], texts[3]),
            ]
        for c, text in pairs:
            cell_text(c, text, size=SIZE, after=2)
        cant_split(row)


def _sifat(cell: Any) -> None:
    """'Sifat' and its four boxes on one line, the chosen one ticked."""
    labels = [2.85, 1.45, 1.6, 1.2]  # each label at 10 pt, and the cell's margins
    widths = [3.0, 0.3]  # under the labels and colons of the fields above
    for w in labels:
        widths += [0.5, 0.15, w]
    t = table(cell, 1, widths)
    cells = t.rows[0].cells
    cell_text(cells[0], "Sifat", size=SIZE)
    cell_text(cells[1], ":", size=SIZE)
    for c in cells[:2]:
        c.vertical_alignment = CELL_CENTER
    for i, label in enumerate(SIFAT):
        box, _, text = cells[2 + 3 * i : 5 + 3 * i]
        cell_text(box, f"{{{{ sifat[{i}].tanda }}}}", size=SIZE, align=CENTER)
        _box(box)
        cell_text(text, label, size=SIZE)
        text.vertical_alignment = CELL_CENTER
    t.rows[0].height = Cm(0.52)
    t.rows[0].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Lembar Disposisi", rahasia="surat.sifat == 'Rahasia'")
    kop(doc)
    para(doc, "LEMBAR DISPOSISI", bold=True, size=14, align=CENTER, after=6)
    half = 8.0
    inner = half - 0.2  # the cell's own margins
    full = 2 * half - 0.2
    t = table(doc, 4, [half, half], grid=True)
    for row in t.rows:
        cant_split(row)
    # 1: the letter, its receipt, the case it concerns, its sifat
    head = t.rows[0].cells[0].merge(t.rows[0].cells[1])
    cell_text(head, "", size=3)
    _fields(
        head,
        [
            ("Surat dari", "{{ dari }}"),
            ("Nomor surat", "{{ nomor_surat|utuh }}"),
            ("Tanggal surat", "{{ tanggal_surat }}", "Diterima tanggal", "{{ diterima }}"),
            ("Nomor agenda", "{{ nomor_agenda|utuh }}"),
            ("Hal", "{{ perihal }}"),
            ("{%tr if korban %}",),
            (
                "Kasus",
                "Nomor Registrasi {{ korban.nomor_registrasi|utuh }}, korban {{ korban.inisial }}",
            ),
            ("{%tr endif %}",),
        ],
        [3.0, 0.3, 4.2, 3.0, 0.3, full - 10.8],
    )
    _sifat(head)
    para(head, "", size=3)
    for p in head.paragraphs:  # those python-docx put after each nested table
        if not p.text:
            small_mark(p, 3)
    # 2: where it goes on, and what to do
    to, do = t.rows[1].cells
    cell_text(to, "Diteruskan kepada Sdr.:", bold=True, size=SIZE, after=2)
    _checklist(to, "for x in diteruskan", "{{ x.jabatan }}", inner)
    cell_text(do, "Dengan hormat harap:", bold=True, size=SIZE, after=2)
    _checklist(do, "for x in harap", "{{ x.teks }}", inner)
    # 3: the note, with room to write by hand while the text leaves it
    note = t.rows[2].cells[0].merge(t.rows[2].cells[1])
    cell_text(note, "Catatan:", bold=True, size=SIZE, after=2)
    para(note, "{{ catatan }}", size=SIZE, after=2)
    for chars in (60, 120, 180, 240):
        tag(note, "{%p if catatan|length <= " + str(chars) + " %}")
        para(note, "", size=SIZE)
        tag(note, "{%p endif %}")
    # 4: the completion date, and the date and paraf of the official who disposes
    done, sign = t.rows[3].cells
    cell_text(done, "Diselesaikan tanggal:", bold=True, size=SIZE, after=6)
    para(
        done,
        "{% if tanggal_penyelesaian %}{{ tanggal_penyelesaian }}{% else %}"
        + "." * 36
        + "{% endif %}",
        size=SIZE,
    )
    cell_text(sign, "{{ surat.tanggal_teks }}", size=SIZE, align=CENTER, after=2)
    para(sign, "{{ pendisposisi.singkatan }},", size=SIZE, align=CENTER)
    para(sign, "Paraf", size=8, italic=True, align=CENTER, before=2)
    for _ in range(2):
        para(sign, "", size=SIZE)
    para(sign, "{{ pendisposisi.nama }}", size=SIZE, bold=True, underline=True, align=CENTER)
    tag(sign, "{%p if pendisposisi.nip %}")
    para(sign, "NIP. {{ pendisposisi.nip }}", size=SIZE, align=CENTER)
    tag(sign, "{%p endif %}")
    para(sign, "", size=3)
    para(
        doc,
        "Lembar ini dilampirkan pada surat masuk dan tidak dikirim ke luar kantor.",
        size=8,
        italic=True,
        before=3,
    )
    return doc
