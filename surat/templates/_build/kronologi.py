"""The template of the buku kronologi kasus (:mod:`surat.kronologi`)."""

from __future__ import annotations

from typing import Any

from ...reports.kronologi import JUDUL
from .docx import (
    CENTER,
    cell_text,
    fields_table,
    kop,
    new_document,
    para,
    repeat_header,
    report_signatures,
    row_loop,
    settle,
    table,
    tag,
)


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document(JUDUL, rahasia=True)
    kop(doc)
    para(doc, "BUKU KRONOLOGI KASUS", bold=True, size=14, align=CENTER)
    para(doc, "RAHASIA — dokumen internal", size=10, italic=True, align=CENTER, after=8)
    fields_table(
        doc,
        [
            ("Nomor Registrasi", "{{ kasus.nomor_registrasi|utuh }}"),
            ("Tanggal registrasi", "{{ kasus.tanggal }}"),
            ("Korban (inisial)", "{{ kasus.inisial }}"),
            ("Jenis kekerasan", "{{ kasus.jenis_kekerasan }}"),
        ],
        label_w=4.2,
    )
    para(doc, "A. Langkah penanganan", bold=True, before=10, after=4, keep_next=True)
    widths = [0.75, 1.95, 2.0, 5.1, 2.0, 2.0, 2.2]
    heads = ("No", "Tanggal", "Waktu (WIB)", "Kegiatan", "Pelaksana", "Lama", "Hasil")
    t = table(doc, 1, widths, grid=True)
    repeat_header(t.rows[0])
    for c, text in zip(t.rows[0].cells, heads, strict=True):
        cell_text(c, text, bold=True, size=9, align=CENTER)
    row_loop(
        t,
        "for x in langkah",
        [
            "{{ x.no }}",
            "{{ x.tanggal|utuh }}",
            "{{ x.jam }}",
            "{{ x.kegiatan }}",
            "{{ x.pelaksana }}",
            "{{ x.lama }}",
            "{{ x.hasil }}",
        ],
        size=9,
    )
    kegiatan = t.rows[2].cells[3]
    tag(kegiatan, "{%p if x.dokumen %}")
    para(kegiatan, "Dokumen: {{ x.dokumen }}", size=8, italic=True)
    tag(kegiatan, "{%p endif %}")
    para(t.rows[2].cells[5], "baku {{ x.mutu_baku }}", size=8)
    hasil = t.rows[2].cells[6]
    tag(hasil, "{%p if x.terlambat %}")
    para(hasil, "terlambat", bold=True, size=9)
    para(hasil, "{{ x.terlambat }}", size=9)
    tag(hasil, "{%p endif %}")
    t.rows[2].cells[0].paragraphs[0].alignment = CENTER
    settle(t, widths)
    para(
        doc,
        "{{ ringkasan.jumlah }} langkah tercatat; {{ ringkasan.terlambat }} melewati mutu baku; "
        "{{ ringkasan.dikembalikan }} dikembalikan untuk diperbaiki.",
        size=10,
        before=4,
    )
    para(doc, "B. Dokumen kasus", bold=True, before=10, after=4, keep_next=True)
    widths_s = [0.7, 4.5, 5.0, 2.0, 2.4, 1.4]
    s = table(doc, 1, widths_s, grid=True)
    repeat_header(s.rows[0])
    for c, text in zip(
        s.rows[0].cells, ("No", "Dokumen", "Nomor", "Tanggal", "Tahap", "Status"), strict=True
    ):
        cell_text(c, text, bold=True, size=9, align=CENTER)
    row_loop(
        s,
        "for x in surat_kasus",
        [
            "{{ x.no }}",
            "{{ x.dokumen }}",
            "{{ x.nomor|utuh }}",
            "{{ x.tanggal|utuh }}",
            "{{ x.tahap }}",
            "{{ x.status }}",
        ],
        size=9,
    )
    para(s.rows[2].cells[1], "{{ x.buku }}", size=8, italic=True)
    s.rows[2].cells[0].paragraphs[0].alignment = CENTER
    settle(s, widths_s)
    # the note stays with the signatures: they never stand alone on a page
    para(
        doc,
        "Catatan langkah tidak dicetak. Korban hanya disebut dengan inisial dan nomor "
        "registrasi.",
        size=9,
        italic=True,
        before=6,
        after=10,
        keep_next=True,
    )
    report_signatures(doc)
    return doc

