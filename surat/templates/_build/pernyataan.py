"""The template of the surat pernyataan persetujuan (:mod:`surat.letters.pernyataan`)."""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm

from .docx import (
    CELL_CENTER,
    CENTER,
    JUSTIFY,
    box_borders,
    cell_text,
    fields_table,
    italic_terms,
    new_document,
    para,
    sign_space,
    signature_row,
    small_mark,
    table,
    tag,
)

LABEL = 5.0  # cm: "Tempat/Tanggal Lahir", "Hubungan dengan Korban"
POINT = 0.7  # the hanging number of a point: '1.'
SUB = 0.7  # the hanging number of an item under a point: '1)'


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Surat Pernyataan Persetujuan", rahasia=True)
    para(doc, "SURAT PERNYATAAN", bold=True, underline=True, size=14, align=CENTER)
    para(doc, "PERSETUJUAN PENDAMPINGAN DAN PEMBAGIAN DATA", bold=True, align=CENTER, after=12)
    para(doc, "Yang bertanda tangan di bawah ini:", after=3)
    fields_table(
        doc,
        [
            ("Nama", "{{ yang_menyatakan.nama }}"),
            ("NIK", "{{ yang_menyatakan.nik }}"),
            ("Tempat/Tanggal Lahir", "{{ yang_menyatakan.ttl }}"),
            ("Alamat", "{{ yang_menyatakan.alamat }}"),
            ("Telepon", "{{ yang_menyatakan.telepon }}"),
        ],
        label_w=LABEL,
    )
    tag(doc, "{%p if diri_sendiri %}")
    para(
        doc,
        "selaku korban dalam kasus dengan Nomor Registrasi {{ korban.nomor_registrasi|utuh }},",
        before=6,
        after=3,
    )
    tag(doc, "{%p else %}")
    para(
        doc,
        "selaku {{ yang_menyatakan.hubungan }} dari {% if anak %}anak{% else %}korban{% endif %}:",
        before=6,
        after=3,
        keep_next=True,
    )
    fields_table(
        doc,
        [
            ("Nama", "{{ korban.nama }}"),
            ("Umur", "{{ korban.umur }}"),
            ("Nomor Registrasi", "{{ korban.nomor_registrasi|utuh }}"),
        ],
        label_w=LABEL,
    )
    tag(doc, "{%p endif %}")
    para(doc, "dengan ini menyatakan:", before=6, after=3, keep_next=True)

    def point(text: str, **kw: Any) -> Any:
        return para(doc, text, align=JUSTIFY, left=POINT, hanging=POINT, tabs=[POINT], **kw)

    def items(loop: str, item: str = "", pieces: str | None = None) -> None:
        tag(doc, "{%p " + loop + " %}")
        p = para(
            doc,
            "{{ loop.index }})\t" + item,
            align=JUSTIFY,
            left=POINT + SUB,
            hanging=SUB,
            tabs=[POINT + SUB],
        )
        if pieces is not None:
            italic_terms(p, pieces)
        tag(doc, "{%p endfor %}")

    dia = (
        "{% if diri_sendiri %}saya{% elif anak %}anak tersebut{% else %}korban tersebut{% endif %}"
    )
    point(
        "1.\tMenyetujui pendampingan oleh {{ kantor }} bagi " + dia + ", berupa:",
        keep_next=True,
    )
    items("for x in layanan_bagian", pieces="x")
    point(
        "2.\tMenyetujui data " + dia + " berikut:",
        before=4,
        keep_next=True,
    )
    items("for x in data", "{{ x }}")
    para(
        doc,
        "disampaikan kepada pihak berikut, hanya untuk keperluan layanan tersebut:",
        align=JUSTIFY,
        left=POINT,
        keep_next=True,
    )
    items("for x in penerima_data", "{{ x }}")
    point(
        "3.\tData tersebut tidak boleh disampaikan kepada pihak lain tanpa persetujuan saya. "
        "{% if anak %}Identitas anak wajib dirahasiakan sesuai dengan Pasal 19 "
        "Undang-Undang Nomor 11 Tahun 2012 tentang Sistem Peradilan Pidana Anak, dan data "
        "anak merupakan data pribadi yang bersifat spesifik{% else %}Data tersebut "
        "merupakan data pribadi{% endif %} yang dilindungi berdasarkan Undang-Undang Nomor "
        "27 Tahun 2022 tentang Pelindungan Data Pribadi.",
        before=4,
    )
    point(
        "4.\tSaya dapat menarik kembali persetujuan ini sewaktu-waktu dengan pemberitahuan "
        "tertulis kepada {{ kantor }}; penarikan tersebut tidak membatalkan pendampingan dan "
        "penyampaian data yang telah dilakukan sebelumnya.",
        before=4,
    )
    para(
        doc,
        "Demikian surat pernyataan ini saya buat dengan sebenarnya, dalam keadaan sadar dan "
        "tanpa paksaan dari pihak mana pun.",
        align=JUSTIFY,
        first=1.25,
        before=6,
        after=6,
        keep_next=True,
    )
    # The witness and the one who consents side by side in one row that never
    # splits; the Meterai box, when asked for, is where the signature goes.
    left, right = signature_row(doc)
    cell_text(left, "Saksi,", align=CENTER)
    para(left, "Petugas {{ kantor }}", align=CENTER)
    cell_text(right, "{{ surat.tanggal_teks }}", align=CENTER)
    para(right, "Yang menyatakan,", align=CENTER)
    sign_space(left)
    tag(right, "{%p if meterai %}")
    box = table(right, 1, [2.6], align=WD_TABLE_ALIGNMENT.CENTER)
    m = box.rows[0].cells[0]
    box.rows[0].height = Cm(1.9)
    m.vertical_alignment = CELL_CENTER
    box_borders(m)
    cell_text(m, "METERAI", size=7, align=CENTER)
    para(m, "Rp10.000", size=7, align=CENTER)
    small_mark(para(right, ""), 2)
    tag(right, "{%p else %}")
    sign_space(right)
    tag(right, "{%p endif %}")
    para(left, "{{ saksi }}", bold=True, underline=True, align=CENTER)
    para(right, "{{ yang_menyatakan.nama }}", bold=True, underline=True, align=CENTER)
    return doc
