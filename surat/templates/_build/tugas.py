"""The template of the surat tugas pendampingan (:mod:`surat.letters.tugas`)."""

from __future__ import annotations

from typing import Any

from docx.shared import Cm

from .docx import (
    CENTER,
    body,
    cant_split,
    cell_text,
    closing,
    italic_terms,
    kop,
    lampiran_page,
    new_document,
    para,
    pendamping_table,
    row_loop,
    settle,
    table,
    tag,
)


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Surat Tugas Pendampingan", rahasia=True, paraf=True)
    kop(doc)
    para(doc, "SURAT TUGAS", bold=True, underline=True, size=14, align=CENTER)
    para(doc, "NOMOR: {{ surat.nomor }}", align=CENTER)
    para(doc, "Sifat: Rahasia", align=CENTER, after=6)
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
    tag(doc, "{%p if lampiran_pendamping %}")
    k = table(doc, 1, widths)
    cell_text(k.rows[0].cells[0], "Kepada")
    cell_text(k.rows[0].cells[1], ":")
    item(
        k.rows[0].cells[2],
        "{{ pendamping|length }} (" + "{{ pendamping|length|terbilang }}) orang pendamping "
        "sebagaimana tercantum dalam Lampiran Surat Tugas ini (daftar terlampir).",
        hang=0,
    )
    tag(doc, "{%p else %}")
    para(doc, "Kepada\t:", tabs=[widths[0]], after=3, keep_next=True)
    pendamping_table(doc)
    tag(doc, "{%p endif %}")
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
    item(u.rows[2].cells[2], "{{ x.huruf }}.\t", left=num, hang=sub)
    italic_terms(u.rows[2].cells[2].paragraphs[0], "x.bagian")
    last = u.add_row()
    cell_text(last.cells[0], "")
    item(
        last.cells[2],
        "2.\tMelaporkan hasil pelaksanaan tugas secara tertulis kepada {{ lapor_kepada }}.",
    )
    # an item never splits over two pages (no lone last line)
    for row in t.rows:
        cant_split(row)
    settle(u, widths)
    body(
        doc,
        "Demikian surat tugas ini dibuat untuk dilaksanakan dengan penuh tanggung jawab.",
        before=6,
        after=6,
        keep_next=True,
    )
    closing(doc, dated=True)
    lampiran_page(doc, "SURAT TUGAS")
    return doc

