"""The template of the laporan penutupan kasus (:mod:`surat.letters.penutupan`).

The case (initials, registration number, dates, how long it ran); the
services given with their dates, a table; the outcome; the reason for
closing; the monitoring after closing; "Mengetahui" and "Dibuat oleh".
"""

from __future__ import annotations

from typing import Any

from .docx import (
    CENTER,
    JUSTIFY,
    cell_text,
    fields_table,
    italic_terms,
    kop,
    new_document,
    para,
    repeat_header,
    report_signatures,
    row_loop,
    settle,
    table,
)

WIDTHS = [0.9, 3.8, 5.0, 5.7]


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Laporan Penutupan Kasus", rahasia=True)
    kop(doc)
    para(doc, "LAPORAN PENUTUPAN KASUS", bold=True, underline=True, size=13, align=CENTER)
    para(doc, "(Terminasi)", align=CENTER, after=12)

    def heading(text: str) -> None:
        para(doc, text, bold=True, before=8, after=3, keep_next=True, hanging=0.6, left=0.6,
             tabs=[0.6])  # fmt: skip

    def text(value: str) -> None:
        para(doc, value, align=JUSTIFY, left=0.6, after=3)

    heading("1.\tIdentitas Kasus")
    fields_table(
        doc,
        [
            ("Nomor Registrasi", "{{ korban.nomor_registrasi }}"),
            ("Inisial Korban", "{{ korban.inisial }}"),
            ("Tanggal Registrasi", "{{ tanggal_registrasi|tanggal }}"),
            ("Tanggal Penutupan", "{{ tanggal_penutupan|tanggal }}"),
            ("Lama Penanganan", "{{ lama }}"),
        ],
        left=0.6,
        label_w=4.4,
    )
    heading("2.\tLayanan yang Diberikan")
    t = table(doc, 1, WIDTHS, grid=True)
    repeat_header(t.rows[0])
    for c, label in zip(t.rows[0].cells, ("No", "Layanan", "Tanggal", "Keterangan"), strict=True):
        cell_text(c, label, bold=True, size=10, align=CENTER)
    row_loop(
        t,
        "for x in layanan",
        ["{{ x.no }}", "{{ x.layanan }}", "{{ x.tanggal }}", ""],
        size=10,
    )
    italic_terms(t.rows[2].cells[3].paragraphs[0], "x.keterangan_bagian", size=10)
    settle(t, WIDTHS)
    t.rows[2].cells[0].paragraphs[0].alignment = CENTER
    heading("3.\tHasil Penanganan")
    text("{{ hasil }}")
    heading("4.\tAlasan Penutupan")
    text("{{ alasan }}.")
    para(doc, "{%p if keterangan %}", size=2)
    text("{{ keterangan }}")
    para(doc, "{%p endif %}", size=2)
    heading("5.\tPemantauan Setelah Penutupan")
    text("{{ pemantauan }}")
    para(doc, "", after=6)
    report_signatures(doc)
    return doc
