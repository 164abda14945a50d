"""The template of the surat persetujuan pendampingan (:mod:`surat.letters.persetujuan`)."""

from __future__ import annotations

from typing import Any

from .docx import (
    address,
    body,
    closing,
    kop,
    lampiran_page,
    new_document,
    nomor_hal,
    numbered,
    para,
    tag,
)


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Surat Persetujuan Pendampingan", rahasia=True, paraf=True)
    kop(doc)
    nomor_hal(doc)
    para(doc, "")
    address(doc, "Yth.", "{{ kepada }}")
    para(doc, "di -")
    para(doc, "{{ di }}", left=1.0, after=12)
    body(
        doc,
        "Menindaklanjuti surat permohonan pendampingan kasus tanggal "
        "{{ permohonan.tanggal|tanggal }} yang tercatat dalam agenda surat masuk "
        "Nomor {{ permohonan.nomor_agenda }}, atas kasus dengan korban berinisial "
        "{{ korban.inisial }} (Nomor Registrasi {{ korban.nomor_registrasi|utuh }}), "
        "dengan ini kami sampaikan bahwa permohonan pendampingan tersebut disetujui.",
    )
    body(doc, "Pendampingan yang diberikan meliputi:", after=0, keep_next=True)
    numbered(doc, "for x in layanan_bagian", left=1.25, pieces="x")
    tag(doc, "{%p if lampiran_pendamping %}")
    body(
        doc,
        "Pendampingan dilaksanakan oleh {{ pendamping|length }} orang pendamping sebagaimana "
        "tercantum dalam daftar terlampir, yang akan ditugaskan dengan Surat Tugas tersendiri.",
        before=6,
        after=0,
    )
    tag(doc, "{%p else %}")
    body(
        doc,
        "Pendampingan dilaksanakan oleh pendamping sebagai berikut, yang akan ditugaskan "
        "dengan Surat Tugas tersendiri:",
        before=6,
        after=0,
        keep_next=True,
    )
    numbered(doc, "for p in pendamping", "{{ p.nama }} ({{ p.jabatan }})", left=1.25)
    tag(doc, "{%p endif %}")
    # the laws cited are the case's: UU 11/2012 Pasal 19 for a child victim, UU 12/2022
    # for sexual violence only (surat.letters.persetujuan.kerahasiaan)
    body(
        doc,
        "Identitas korban dan seluruh keterangan mengenai kasus ini bersifat rahasia dan hanya "
        "dipergunakan untuk kepentingan pendampingan{% if dasar_kerahasiaan %}, sesuai dengan "
        "{{ dasar_kerahasiaan }}{% endif %}.",
        before=6,
    )
    body(
        doc,
        "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
        after=12,
        keep_next=True,
    )
    closing(doc)
    lampiran_page(doc, "SURAT PERSETUJUAN PENDAMPINGAN")
    return doc
