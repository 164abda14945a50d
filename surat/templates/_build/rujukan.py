"""The template of the surat rujukan (:mod:`surat.letters.rujukan`)."""

from __future__ import annotations

from typing import Any

from .docx import (
    address,
    body,
    closing,
    italic_terms,
    kop,
    new_document,
    nomor_hal,
    numbered,
    para,
    tag,
)


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Surat Rujukan", rahasia=True, paraf=True)
    kop(doc)
    t = nomor_hal(doc, hal="")
    italic_terms(t.rows[3].cells[2].paragraphs[0], "hal_bagian")  # Visum et Repertum
    para(doc, "")
    address(doc, "Yth.", "{{ kepada }}")
    para(doc, "di -")
    para(doc, "{{ di }}", left=1.0, after=12)
    body(
        doc,
        "Bersama ini kami rujuk klien dengan inisial {{ korban.inisial }} (Nomor Registrasi "
        "{{ korban.nomor_registrasi|utuh }}) untuk mendapatkan layanan sebagai berikut:",
        after=0,
        keep_next=True,
    )
    numbered(doc, "for x in layanan_bagian", left=1.25, pieces="x")
    tag(doc, "{%p if keterangan %}")
    italic_terms(body(doc, "", before=6, after=0), "keterangan_bagian")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if jadwal %}")
    body(
        doc,
        "Klien direncanakan datang pada {{ jadwal }}, atau pada waktu lain yang Bapak/Ibu "
        "tentukan.",
        before=6,
        after=0,
    )
    tag(doc, "{%p else %}")
    body(
        doc,
        "Waktu kedatangan klien kami sesuaikan dengan jadwal layanan yang Bapak/Ibu tentukan.",
        before=6,
        after=0,
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if pendamping %}")
    body(
        doc,
        "Klien didampingi oleh pendamping berikut{% if tugas %} berdasarkan Surat Tugas "
        "Nomor {{ tugas.nomor|utuh }} tanggal {{ tugas.tanggal|tanggal }}{% endif %}:",
        before=6,
        after=0,
        keep_next=True,
    )
    numbered(doc, "for p in pendamping", "{{ p.nama }} ({{ p.jabatan }})", left=1.25)
    tag(doc, "{%p endif %}")
    body(
        doc,
        "Identitas lengkap klien tidak dicantumkan dalam surat ini dan disampaikan secara "
        "langsung oleh pendamping. Kami mohon identitas klien dan seluruh keterangan "
        "mengenai kasus ini dijaga kerahasiaannya dan hanya dipergunakan untuk kepentingan "
        "layanan yang dirujuk.",
        before=6,
        after=0,
    )
    tag(doc, "{%p if narahubung %}")
    body(
        doc,
        "Untuk koordinasi lebih lanjut, Bapak/Ibu dapat menghubungi {{ narahubung.nama }}"
        "{% if narahubung.jabatan %} ({{ narahubung.jabatan }}){% endif %}, telepon "
        "{{ narahubung.telepon }}.",
        before=6,
        after=0,
    )
    tag(doc, "{%p endif %}")
    body(
        doc,
        "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
        before=6,
        after=12,
        keep_next=True,
    )
    closing(doc)
    return doc
