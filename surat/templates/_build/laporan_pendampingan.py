"""The template of the laporan pelaksanaan tugas pendampingan
(:mod:`surat.letters.laporan_pendampingan`)."""

from __future__ import annotations

from typing import Any

from .docx import (
    CENTER,
    JUSTIFY,
    fields_table,
    italic_terms,
    kop,
    mengetahui_row,
    new_document,
    numbered,
    para,
    tag,
)

LABEL = 3.4  # cm: "Hari/Tanggal", "Pendamping"


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Laporan Pelaksanaan Tugas Pendampingan", rahasia=True)
    kop(doc)
    para(doc, "LAPORAN PELAKSANAAN TUGAS PENDAMPINGAN", bold=True, underline=True, size=13,
         align=CENTER)  # fmt: skip
    para(doc, "Nomor Registrasi Kasus: {{ korban.nomor_registrasi|utuh }}", align=CENTER, after=12)

    def heading(text: str) -> None:
        para(doc, text, bold=True, before=8, after=3, keep_next=True, hanging=0.6, left=0.6,
             tabs=[0.6])  # fmt: skip

    heading("1.\tDasar dan Pelaksanaan")
    fields_table(
        doc,
        [
            (
                "Dasar",
                "Surat Tugas Nomor {{ tugas.nomor|utuh }} tanggal {{ tugas.tanggal|tanggal }}",
            ),
            ("Klien", "{{ korban.inisial }} (Nomor Registrasi {{ korban.nomor_registrasi|utuh }})"),
            ("Hari/Tanggal", "{{ pelaksanaan.hari_tanggal }}"),
            ("Waktu", "{{ pelaksanaan.jam }}"),
            ("Tempat", "{{ pelaksanaan.tempat }}"),
        ],
        left=0.6,
        label_w=LABEL,
    )
    heading("2.\tPendamping")
    numbered(doc, "for p in pendamping", "{{ p.nama }} ({{ p.jabatan }})", left=0.6)
    heading("3.\tKegiatan yang Dilaksanakan")
    p = para(doc, "", align=JUSTIFY, left=0.6, after=3)
    italic_terms(p, "kegiatan_bagian")
    heading("4.\tHasil Pendampingan")
    italic_terms(para(doc, "", align=JUSTIFY, left=0.6, after=3), "hasil_bagian")
    heading("5.\tHambatan")
    italic_terms(para(doc, "", align=JUSTIFY, left=0.6, after=3), "hambatan_bagian")
    heading("6.\tTindak Lanjut")
    numbered(doc, "for x in tindak_lanjut_bagian", left=0.6, pieces="x")
    para(
        doc,
        "Demikian laporan ini dibuat sebagai pertanggungjawaban pelaksanaan tugas.",
        align=JUSTIFY,
        first=1.25,
        before=8,
        after=12,
        keep_next=True,
    )
    # "Mengetahui" and the companion side by side, both names on one line.
    left, right = mengetahui_row(doc, "dibuat")
    for c, who in ((left, "penandatangan"), (right, "dibuat")):
        para(c, "{{ " + who + ".nama }}", bold=True, underline=True, align=CENTER)
        tag(c, "{%p if penandatangan.pangkat or dibuat.pangkat %}")
        para(c, "{{ " + who + ".pangkat }}", align=CENTER)
        tag(c, "{%p endif %}")
        para(c, "{% if " + who + ".nip %}NIP. {{ " + who + ".nip }}{% endif %}", align=CENTER)
    return doc
