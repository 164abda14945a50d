"""The template of the nota dinas (:mod:`surat.letters.nota_dinas`).

Permendagri 1/2023 (layout as in Permendagri 54/2009): the kop; "NOTA DINAS"
centred; Kepada, Dari, Tembusan, Tanggal, Nomor, Sifat, Lampiran, Hal, each
with a colon; a rule; the body; the sender's jabatan, space to sign, name.
"""

from __future__ import annotations

from typing import Any

from .docx import (
    CENTER,
    borders,
    body,
    cant_split,
    cell_text,
    kop,
    new_document,
    numbered,
    para,
    signature,
    table,
    tag,
)


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Nota Dinas", rahasia="surat.sifat == 'Rahasia'")
    kop(doc)
    para(doc, "NOTA DINAS", bold=True, underline=True, size=14, align=CENTER, after=12)
    t = table(doc, 8, [3.0, 0.5, 12.5])
    for row, (label, value) in zip(
        t.rows,
        [
            ("Kepada", "Yth. {{ kepada }}"),
            ("Dari", "{{ dari }}"),
            ("Tembusan", ""),
            ("Tanggal", "{{ surat.tanggal|tanggal }}"),
            ("Nomor", "{{ surat.nomor }}"),
            ("Sifat", "{{ surat.sifat }}"),
            ("Lampiran", "{{ surat.lampiran }}"),
            ("Hal", "{{ surat.hal }}"),
        ],
        strict=True,
    ):
        cell_text(row.cells[0], label)
        cell_text(row.cells[1], ":")
        cell_text(row.cells[2], value)
    # Tembusan: '-' when none, one line unnumbered, several numbered
    cell = t.rows[2].cells[2]
    cell_text(cell, "{%p if not tembusan %}", size=2)
    para(cell, "-")
    tag(cell, "{%p elif tembusan|length == 1 %}")
    para(cell, "{{ tembusan[0] }}")
    tag(cell, "{%p else %}")
    tag(cell, "{%p for x in tembusan %}")
    para(cell, "{{ loop.index }}.\t{{ x }}", left=0.6, hanging=0.6, tabs=[0.6])
    tag(cell, "{%p endfor %}")
    tag(cell, "{%p endif %}")
    rule = para(doc, "", size=4)  # one thin rule under the heading, full width
    rule._p.get_or_add_pPr().append(
        borders("w:pBdr", ("bottom",), val="single", sz="8", space="1", color="000000")
    )
    para(doc, "", after=6)
    tag(doc, "{%p if rujukan %}")
    body(
        doc,
        "Dengan hormat, menindaklanjuti {{ rujukan.jenis }}{% if rujukan.nomor %} Nomor "
        "{{ rujukan.nomor }}{% endif %} tanggal {{ rujukan.tanggal|tanggal }} atas kasus "
        "dengan korban berinisial {{ korban.inisial }} (Nomor Registrasi "
        "{{ korban.nomor_registrasi|utuh }}), bersama ini kami sampaikan hal-hal sebagai "
        "berikut.",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for p in isi %}")
    body(doc, "{{ p }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if layanan_bagian %}")
    body(doc, "Layanan yang diberikan kepada korban:", after=0, keep_next=True)
    numbered(doc, "for x in layanan_bagian", left=1.25, pieces="x")
    para(doc, "", after=6)
    tag(doc, "{%p endif %}")
    body(doc, "Demikian disampaikan, untuk menjadi periksa.", after=12, keep_next=True)
    s = table(doc, 1, [7.0, 9.0])
    cant_split(s.rows[0])
    signature(s.rows[0].cells[1])
    return doc
