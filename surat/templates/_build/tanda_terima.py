"""The template of the tanda terima berkas (:mod:`surat.letters.tanda_terima`)."""

from __future__ import annotations

from typing import Any

from .docx import (
    CENTER,
    JUSTIFY,
    cell_text,
    fields_table,
    kop,
    new_document,
    para,
    row_loop,
    settle,
    sign_space,
    signature_row,
    table,
    tag,
)

LABEL = 6.0  # cm: "Nomor Agenda Surat Masuk" on one line


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Tanda Terima Berkas")
    kop(doc)
    para(doc, "TANDA TERIMA BERKAS", bold=True, underline=True, size=14, align=CENTER, after=12)
    para(doc, "Telah terima dari:", after=3)
    fields_table(
        doc,
        [
            ("Nama", "{{ pelapor.nama }}"),
            ("Hal", "{{ hal }}"),
            ("Nomor Agenda Surat Masuk", "{{ nomor_agenda|utuh }}"),
            ("Nomor Registrasi Kasus", "{{ nomor_registrasi|utuh }}"),
            ("Diterima", "{{ diterima }}"),
        ],
        label_w=LABEL,
    )
    para(doc, "berkas sebagai berikut:", before=8, after=3, keep_next=True)
    widths = [1.0, 12.6, 2.4]
    t = table(doc, 1, widths, grid=True)
    for c, text in zip(t.rows[0].cells, ("No", "Berkas", "Diterima"), strict=True):
        cell_text(c, text, bold=True, size=11, align=CENTER)
    row_loop(t, "for x in berkas", ["{{ loop.index }}", "{{ x.nama }}", "{{ x.tanda }}"], size=11)
    settle(t, widths)
    for i in (0, 2):
        t.rows[2].cells[i].paragraphs[0].alignment = CENTER
    para(doc, "Jumlah berkas yang diterima: {{ jumlah }}.", before=6)
    tag(doc, "{%p if catatan %}")
    para(doc, "Catatan: {{ catatan }}", align=JUSTIFY, before=6)
    tag(doc, "{%p endif %}")
    para(
        doc,
        "Simpan tanda terima ini. Sebutkan Nomor Agenda atau Nomor Registrasi Kasus di atas "
        "setiap kali menanyakan perkembangan permohonan atau datang untuk layanan berikutnya.",
        align=JUSTIFY,
        before=6,
        after=12,
        keep_next=True,
    )
    left, right = signature_row(doc)
    cell_text(left, "Yang menyerahkan,", align=CENTER)
    cell_text(right, "{{ surat.tanggal_teks }}", align=CENTER)
    para(right, "Yang menerima,", align=CENTER)
    para(right, "{{ penandatangan.jabatan }},", align=CENTER)
    sign_space(left, right)
    para(left, "{{ pelapor.nama }}", bold=True, underline=True, align=CENTER)
    para(right, "{{ penandatangan.nama }}", bold=True, underline=True, align=CENTER)
    tag(left, "{%p if penandatangan.nip %}")
    para(left, "", align=CENTER)
    tag(left, "{%p endif %}")
    tag(right, "{%p if penandatangan.nip %}")
    para(right, "NIP. {{ penandatangan.nip }}", align=CENTER)
    tag(right, "{%p endif %}")
    return doc
