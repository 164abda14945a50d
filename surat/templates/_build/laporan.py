"""The template of the monthly report (:mod:`surat.laporan`)."""

from __future__ import annotations

from typing import Any

from docx.shared import Pt

from ...reports.laporan import JUDUL
from .docx import (
    CENTER,
    RIGHT,
    cell_text,
    kop,
    new_document,
    para,
    repeat_header,
    report_signatures,
    row_loop,
    settle,
    small_mark,
    table,
)


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document(JUDUL)
    kop(doc)
    para(doc, "LAPORAN BULANAN PENANGANAN KASUS", bold=True, size=14, align=CENTER)
    para(doc, "Bulan {{ periode }}", size=12, align=CENTER, after=4)
    para(
        doc,
        "Hanya jumlah: laporan ini tidak memuat nama, NIK, alamat atau kronologi.",
        size=9,
        italic=True,
        align=CENTER,
        after=8,
    )

    def counts(
        where: Any,
        title: str,
        loop: str,
        widths: list[float],
        heads: list[str],
        cells: list[str],
        text_cols: int = 1,
    ) -> Any:
        """A titled grid table of counts; columns after the first *text_cols* are numbers."""
        if title:
            para(where, title, bold=True, size=11, before=6, after=3, keep_next=True)
        t = table(where, 1, widths, grid=True)
        repeat_header(t.rows[0])
        for c, text in zip(t.rows[0].cells, heads, strict=True):
            cell_text(c, text, bold=True, size=9, align=CENTER)
        row_loop(t, loop, cells, size=9)
        for i in range(text_cols, len(widths)):
            t.rows[2].cells[i].paragraphs[0].alignment = RIGHT
        settle(t, widths)
        return t

    # page 1: the month's cases, two columns of tables
    half = [7.8, 0.4, 7.8]
    cols = table(doc, 1, half)
    left, _, right = cols.rows[0].cells
    counts(left, "1. Ringkasan", "for x in ringkasan", [6.0, 1.7], ["Uraian", "Jumlah"],
           ["{{ x.uraian }}", "{{ x.jumlah }}"])  # fmt: skip
    counts(left, "2. Jenis kekerasan", "for x in jenis_kekerasan", [6.0, 1.7],
           ["Jenis kekerasan", "Kasus"], ["{{ x.nama }}", "{{ x.jumlah }}"])  # fmt: skip
    counts(left, "3. Tempat kejadian", "for x in tempat_kejadian", [6.0, 1.7],
           ["Tempat kejadian", "Kasus"], ["{{ x.nama }}", "{{ x.jumlah }}"])  # fmt: skip
    para(left, "", size=2)
    cell_text(right, "", size=2)
    counts(right, "4. Hubungan pelaku dengan korban", "for x in hubungan_pelaku", [6.0, 1.7],
           ["Hubungan pelaku", "Kasus"], ["{{ x.nama }}", "{{ x.jumlah }}"])  # fmt: skip
    counts(right, "5. Korban menurut umur dan jenis kelamin", "for x in umur",
           [1.9, 1.9, 2.2, 1.7], ["Umur (tahun)", "Laki-laki", "Perempuan", "Jumlah"],
           ["{{ x.kelompok }}", "{{ x.laki }}", "{{ x.perempuan }}", "{{ x.jumlah }}"])  # fmt: skip
    para(right, "", size=2)
    para(
        doc,
        "Satu kasus dengan beberapa jenis kekerasan dihitung pada setiap jenisnya.",
        size=9,
        italic=True,
        before=4,
    )
    para(doc, "6. Langkah tanpa dokumen", bold=True, size=11, before=8, after=1, keep_next=True)
    para(
        doc,
        "Kasus yang menjalani langkah itu bulan ini tanpa satu pun dokumen buktinya "
        "(tabel mutu baku SOP; surat bernomor batal tidak dihitung).",
        size=9,
        italic=True,
        after=3,
        keep_next=True,
    )
    para(doc, "{%p if tanpa_dokumen %}", size=2)
    counts(
        doc,
        "",
        "for x in tanpa_dokumen",
        [1.0, 1.6, 9.4, 1.6, 2.4],
        ["SOP", "Langkah", "Dokumen bukti (salah satu)", "Kasus", "Tanpa dokumen"],
        ["{{ x.sop }}", "{{ x.no }}", "{{ x.dokumen }}", "{{ x.kasus }}", "{{ x.tanpa }}"],
        text_cols=3,
    )  # fmt: skip
    para(doc, "{%p else %}", size=2)
    para(
        doc,
        "Tidak ada: setiap langkah yang dijalankan bulan ini mempunyai dokumen buktinya.",
        size=10,
    )
    para(doc, "{%p endif %}", size=2)
    # page 2: the chart, and the SOP steps against their mutu baku
    head = para(doc, "7. Grafik", bold=True, size=11, after=3, keep_next=True)
    head.paragraph_format.page_break_before = True
    para(doc, "{{ grafik }}", align=CENTER, after=4)
    counts(
        doc,
        "8. Waktu tiap langkah SOP terhadap mutu baku",
        "for x in langkah",
        [1.1, 0.9, 5.4, 2.0, 1.5, 2.0, 1.4, 1.7],
        ["SOP", "No", "Kegiatan", "Mutu baku", "Dicatat", "Median", "Lewat", "Kembali"],
        ["{{ x.sop }}", "{{ x.no }}", "{{ x.kegiatan }}", "{{ x.mutu_baku }}", "{{ x.jumlah }}",
         "{{ x.median }}", "{{ x.terlambat }}", "{{ x.dikembalikan }}"],
        text_cols=3,
    )  # fmt: skip
    # the signatures never stand alone on a page
    small_mark(para(doc, "", before=6, keep_next=True), 4).paragraph_format.space_before = Pt(6)
    report_signatures(doc)
    return doc
