"""The template of the surat undangan (:mod:`surat.letters.undangan`).

Surat dinas layout: Nomor, Sifat, Lampiran, Hal with the place and date on
the Nomor line; Yth. and "di -"; the body; Hari/tanggal, Waktu, Tempat, Acara
in a small aligned block; the parties by role; the closing; a "daftar
terlampir" page when the addressees are many.
"""

from __future__ import annotations

from typing import Any

from .docx import (
    CENTER,
    address,
    body,
    cant_split,
    closing,
    fields_table,
    kop,
    lampiran_head,
    new_document,
    nomor_hal,
    numbered,
    para,
    signature,
    small_mark,
    table,
    tag,
)


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Surat Undangan", rahasia="surat.sifat == 'Rahasia'")
    kop(doc)
    nomor_hal(doc)
    para(doc, "")
    tag(doc, "{%p if kepada_terlampir %}")
    address(doc, "Yth.", "Bapak/Ibu/Saudara (daftar terlampir)")
    tag(doc, "{%p elif kepada|length == 1 %}")
    address(doc, "Yth.", "{{ kepada[0] }}")
    tag(doc, "{%p else %}")
    para(doc, "Yth.")
    tag(doc, "{%p for x in kepada %}")
    para(doc, "{{ loop.index }}.\t{{ x }}", left=1.5, hanging=0.6, tabs=[1.5])
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    para(doc, "di -")
    para(doc, "{{ di }}", left=1.0, after=12)
    body(
        doc,
        "Dalam rangka penanganan kasus dengan korban berinisial {{ korban.inisial }} "
        "(Nomor Registrasi {{ korban.nomor_registrasi|utuh }}), dengan hormat kami "
        "mengundang Bapak/Ibu/Saudara untuk menghadiri {{ acara_jenis }} yang akan "
        "dilaksanakan pada:",
        keep_next=True,
    )
    fields_table(
        doc,
        [
            ("Hari/tanggal", "{{ pertemuan.hari_tanggal }}"),
            ("Waktu", "{{ pertemuan.waktu }}"),
            ("Tempat", "{{ pertemuan.tempat }}"),
            ("Acara", "{{ pertemuan.acara }}"),
        ],
        left=1.25,
        label_w=3.0,
    )
    small_mark(para(doc, ""), 6)
    tag(doc, "{%p if pihak %}")
    body(doc, "Pihak yang diharapkan hadir:", after=0, keep_next=True)
    numbered(doc, "for x in pihak", "{{ x }}", left=1.25)
    small_mark(para(doc, ""), 6)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if catatan %}")
    body(doc, "{{ catatan }}")
    tag(doc, "{%p endif %}")
    body(
        doc,
        "Mengingat pentingnya acara tersebut, kehadiran Bapak/Ibu/Saudara tepat pada "
        "waktunya sangat kami harapkan. Demikian disampaikan, atas perhatian dan "
        "kehadirannya diucapkan terima kasih.",
        after=12,
        keep_next=True,
    )
    closing(doc)
    _daftar(doc)
    return doc


def _daftar(doc: Any) -> None:
    """The "daftar terlampir" page: the addressees, numbered, and the signature."""
    tag(doc, "{%p if kepada_terlampir %}")
    lampiran_head(doc, "SURAT UNDANGAN")
    para(doc, "DAFTAR UNDANGAN", bold=True, align=CENTER, after=6)
    numbered(doc, "for x in kepada", "{{ x }}")
    para(doc, "", after=6)
    s = table(doc, 1, [7.0, 9.0])
    cant_split(s.rows[0])
    signature(s.rows[0].cells[1])
    tag(doc, "{%p endif %}")
