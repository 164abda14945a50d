"""The template of the surat permohonan pendampingan kasus (:mod:`surat.letters.permohonan`)."""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .docx import (
    CENTER,
    JUSTIFY,
    RIGHT,
    TEXT_WIDTH,
    address,
    body,
    cant_split,
    cell_text,
    fields_table,
    new_document,
    numbered,
    para,
    sign_space,
    small_mark,
    table,
    tag,
)


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Surat Permohonan Pendampingan Kasus")
    top = table(doc, 1, [7.0, 9.0])
    left, right = top.rows[0].cells
    # The receipt (tanda terima) the office fills in: the day it received the
    # request, its incoming agenda number and the receiving staff's paraf;
    # blanks to write by hand when they are not known yet.
    r = left.add_table(3, 2)
    r.style = left.part.document.styles["Table Grid"]
    r.autofit = False
    receipt_w = [2.6, 3.4]
    for row, (label, value) in zip(
        r.rows,
        [
            ("Diterima tgl.", "{{ surat.diterima }}"),
            ("No. Agenda", "{{ surat.nomor_agenda }}"),
            ("Paraf penerima", ""),
        ],
        strict=True,
    ):
        cell_text(row.cells[0], label, size=8)
        cell_text(row.cells[1], value, size=9)
        for c, w in zip(row.cells, receipt_w, strict=True):
            c.width = Cm(w)
    for col, w in zip(r._tbl.tblGrid.iterchildren(qn("w:gridCol")), receipt_w, strict=True):
        col.set(qn("w:w"), str(int(Cm(w).twips)))
    r.rows[2].height = Cm(0.9)
    para(left, "", size=2)  # a cell must end with a paragraph
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
    numbered(doc, "for x in layanan_bagian", left=0.6, pieces="x")
    # The attachments, the statement and the signatures are one table row that never
    # splits: the list cannot sit on a page apart from the signature, whatever the
    # word processor makes of keep-with-next before a table.
    block = table(doc, 1, [TEXT_WIDTH])
    cant_split(block.rows[0])
    cell = block.rows[0].cells[0]
    heading = cell_text(cell, "Sebagai kelengkapan, saya lampirkan:", after=3)
    heading.paragraph_format.space_before = Pt(6)
    heading.paragraph_format.keep_with_next = True
    tag(cell, "{%p for x in lampiran %}")
    para(
        cell,
        "{% if x.ada %}[√]{% else %}[  ]{% endif %}\t{{ x.nama }}",
        left=1.6,
        hanging=1.0,
        tabs=[1.6],
        keep_next=True,
    )
    tag(cell, "{%p endfor %}")
    body(
        cell,
        "Demikian permohonan ini saya buat dengan sebenar-benarnya. Saya bertanggung jawab "
        "atas kebenaran keterangan di atas.",
        before=6,
        after=12,
        keep_next=True,
    )
    half = (TEXT_WIDTH - 0.2) / 2
    sig = table(cell, 1, [half, half])
    cant_split(sig.rows[0])
    left, right = sig.rows[0].cells
    cell_text(left, "{%p if wali %}", size=2)
    para(left, "Mengetahui,", align=CENTER)
    para(left, "{{ wali.hubungan }},", align=CENTER)
    sign_space(left)
    para(left, "{{ wali.nama }}", bold=True, underline=True, align=CENTER)
    tag(left, "{%p endif %}")
    para(left, "", size=2)  # a cell must end with a paragraph, even when the if is false
    cell_text(right, "Hormat saya,", align=CENTER)
    para(right, "Pelapor,", align=CENTER)
    sign_space(right)
    para(right, "{{ pelapor.nama }}", bold=True, underline=True, align=CENTER)
    small_mark(cell.paragraphs[-1], 2)  # the paragraph after the nested table
    return doc
