"""The template of the laporan hasil konseling kasus (:mod:`surat.letters.konseling`)."""

from __future__ import annotations

from typing import Any

from .docx import (
    CENTER,
    JUSTIFY,
    cant_split,
    fields_table,
    kop,
    mengetahui_row,
    new_document,
    numbered,
    para,
    paraf_table,
    table,
    tag,
)

LABEL_KONSELING = 4.0  # cm: the longest label, "Kondisi Psikologis", takes 3.4


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Laporan Hasil Konseling Kasus", rahasia=True, paraf=True)
    kop(doc)
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
    numbered(doc, "for x in rencana_bagian", left=0.6, pieces="x")
    heading("9.\tRekomendasi")
    # the counselor recommends; the Kabid decides (SOP 34 step 5)
    para(doc, "Konselor merekomendasikan:", left=0.6, after=2, keep_next=True)
    para(doc, "{{ rekomendasi }}", align=JUSTIFY, left=0.6, after=3, keep_next=True)
    para(doc, "", after=6, keep_next=True)

    # Two signature blocks side by side, both names on one line (a blank for the
    # konselor when the signer has a pangkat, a NIP line or an empty one on each side).
    left, right = mengetahui_row(doc, "konselor")
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
