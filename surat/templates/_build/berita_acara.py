"""The template of the berita acara (:mod:`surat.letters.berita_acara`).

"BERITA ACARA <WHAT>" centred with its number; the opening with the date in
words; the two parties; what happened and what was agreed, numbered; the
closing sentence; the parties' signatures side by side; the witnesses under
"Mengetahui", two to a row.
"""

from __future__ import annotations

from typing import Any

from .docx import (
    CENTER,
    SIGN_SPACE,
    body,
    cant_split,
    cell_text,
    italic_terms,
    kop,
    new_document,
    numbered,
    para,
    settle,
    sign_space,
    small_mark,
    table,
    tag,
)

PARTY_W = [8.0, 8.0]


def _party(doc: Any, no: str, who: str, sebutan: str) -> None:
    """'1.  Nama : ... / Peran : ... / selanjutnya disebut PIHAK ...', rows that never split."""
    widths = [0.7, 2.5, 0.5, 12.3]
    t = table(doc, 3, widths)
    cell_text(t.rows[0].cells[0], f"{no}.")
    for row, (label, value) in zip(
        t.rows, [("Nama", who + ".nama"), ("Peran", who + ".peran")], strict=False
    ):
        cell_text(row.cells[1], label)
        cell_text(row.cells[2], ":")
        cell_text(row.cells[3], "{{ " + value + " }}")
    last = t.rows[2].cells[1].merge(t.rows[2].cells[3])
    cell_text(last, f"selanjutnya disebut {sebutan}.", after=6)
    settle(t, widths)


def _sign(cell: Any, label: str, who: str) -> None:
    """A signature in a cell: the label, the role, room to sign, the name."""
    cell_text(cell, label, bold=True, align=CENTER)
    para(cell, "{{ " + who + ".peran }},", align=CENTER)
    sign_space(cell)
    para(cell, "{{ " + who + ".nama }}", bold=True, underline=True, align=CENTER)


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Berita Acara", rahasia=True)
    kop(doc)
    para(doc, "{{ judul }}", bold=True, underline=True, align=CENTER)
    para(doc, "Nomor: {{ surat.nomor }}", align=CENTER, after=12)
    body(doc, "{{ pembuka }}", keep_next=True)
    _party(doc, "1", "pihak_pertama", "PIHAK PERTAMA")
    _party(doc, "2", "pihak_kedua", "PIHAK KEDUA")
    p = body(doc, "", after=0, keep_next=True)
    italic_terms(p, "isi_bagian")
    numbered(doc, "for x in uraian", "{{ x }}", left=0.0)
    tag(doc, "{%p if kesepakatan %}")
    body(
        doc, "PIHAK PERTAMA dan PIHAK KEDUA menyepakati hal-hal sebagai berikut:",
        before=6, after=0, keep_next=True,
    )  # fmt: skip
    numbered(doc, "for x in kesepakatan", "{{ x }}", left=0.0)
    tag(doc, "{%p endif %}")
    body(
        doc,
        "Demikian berita acara ini dibuat dengan sebenarnya untuk dapat dipergunakan "
        "sebagaimana mestinya.",
        before=6,
        after=12,
        keep_next=True,
    )
    s = table(doc, 1, PARTY_W)
    cant_split(s.rows[0])
    _sign(s.rows[0].cells[0], "PIHAK PERTAMA", "pihak_pertama")
    _sign(s.rows[0].cells[1], "PIHAK KEDUA", "pihak_kedua")
    tag(doc, "{%p if saksi_baris %}")
    para(doc, "Mengetahui, Saksi-saksi:", bold=True, align=CENTER, before=6, keep_next=True)
    w = table(doc, 0, PARTY_W)
    first = w.add_row()
    cell_text(first.cells[0], "{%tr for pair in saksi_baris %}", size=2)
    row = w.add_row()
    for i, cell in enumerate(row.cells):
        cell_text(cell, "{%p if pair[" + str(i) + "] %}", size=2)
        para(cell, "", after=6)
        para(cell, "{{ pair[" + str(i) + "].peran }},", align=CENTER)
        for _ in range(SIGN_SPACE - 1):
            para(cell, "", align=CENTER)
        para(cell, "{{ pair[" + str(i) + "].nama }}", bold=True, underline=True, align=CENTER)
        tag(cell, "{%p endif %}")
        small_mark(para(cell, ""), 1)  # a cell ends with a paragraph, even when the if is false
    last = w.add_row()
    cell_text(last.cells[0], "{%tr endfor %}", size=2)
    settle(w, PARTY_W)
    tag(doc, "{%p endif %}")
    return doc
