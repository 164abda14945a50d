"""Surat persetujuan pendampingan: the office approves a request.

It leaves the office: its context holds the victim's initials and case
registration number only, so no template edit can print the name.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from ..office import Office
from ..simfoni import Layanan
from ._docx import (
    RIGHT,
    address,
    body,
    cell_text,
    closing,
    kop,
    lampiran_page,
    new_document,
    numbered,
    para,
    table,
    tag,
)
from .fields import Baris, Nomor, initials
from .penandatangan import Ditandatangani, Penandatangan, agenda_tanggal, signer_context
from .shared import (
    EXAMPLE_KORBAN_KASUS,
    EXAMPLE_PENDAMPING,
    MAX_PENDAMPING,
    DataSurat,
    Kind,
    KorbanKasus,
    Pendamping,
    agenda_kode,
    lampiran_pendamping,
    paraf_context,
    pendamping_context,
    tembusan_for,
)

__all__ = ["KIND", "Persetujuan", "RujukanPermohonan"]


class RujukanPermohonan(DataSurat):
    """The request an approval answers: its date and incoming agenda number."""

    tanggal: date
    nomor_agenda: Nomor


class Persetujuan(Ditandatangani):
    """Surat persetujuan pendampingan: approves a request (leaves the office: initials only)."""

    tanggal: date | None = None
    """The letter's date; the register number's date, else today (WIB)."""
    kepada: Baris = "Sdr. Pelapor"
    di: Baris | None = None
    lampiran: Baris = "-"
    permohonan: RujukanPermohonan
    korban: KorbanKasus
    layanan: list[Layanan] = Field(min_length=1, max_length=11)
    pendamping: list[Pendamping] = Field(min_length=1, max_length=MAX_PENDAMPING)
    """More than ten are listed on a Lampiran page."""
    tembusan: list[Baris] = Field(default_factory=list, max_length=10)
    """Copy recipients added to the office's defaults."""
    penandatangan: Penandatangan | None = None
    """Who signs, when not the profile's signer (Plt., Plh., a.n., u.b.)."""

    def agenda(self, office: Office) -> dict[str, Any]:
        tanggal = agenda_tanggal("persetujuan", office, self.tanggal, self.penandatangan)
        return {
            "klasifikasi": office.klasifikasi("persetujuan"),
            "tanggal": tanggal,
            "perihal": "Persetujuan Pendampingan",
            # the reporter, by the case's number: never a name in the agenda
            "tujuan": f"Pelapor kasus {self.korban.nomor_registrasi}",
            "nomor_registrasi": self.korban.nomor_registrasi,
            **agenda_kode("persetujuan", office),
        }


def context(
    data: Persetujuan, office: Office, surat: dict[str, Any], tanggal: date
) -> dict[str, Any]:
    """What the approval may print: the victim's initials and case number, never the name."""
    signer = signer_context("persetujuan", office, tanggal, data.penandatangan)
    lampiran = lampiran_pendamping(data.pendamping, data.lampiran)
    surat.update(sifat="Rahasia", lampiran=lampiran["surat"], hal="Persetujuan Pendampingan")
    return {
        "kepada": data.kepada,
        "di": data.di or office.kota,
        "permohonan": {
            "tanggal": data.permohonan.tanggal,
            "nomor_agenda": data.permohonan.nomor_agenda,
        },
        "korban": {
            "inisial": initials(data.korban.nama),
            "nomor_registrasi": data.korban.nomor_registrasi,
        },
        "layanan": list(data.layanan),
        "pendamping": pendamping_context(data.pendamping),
        "lampiran_pendamping": lampiran["ada"],
        "penandatangan": signer,
        "paraf": paraf_context("persetujuan", office, signer),
        "tembusan": tembusan_for("persetujuan", office, data.tembusan),
    }


def example() -> dict[str, Any]:
    """Complete, realistic and entirely fictional data."""
    return {
        "tanggal": "2026-11-22",
        "kepada": "Sdr. Pelapor",
        "permohonan": {"tanggal": "2026-11-16", "nomor_agenda": "014/SM/2026"},
        "korban": EXAMPLE_KORBAN_KASUS,
        "layanan": ["Kesehatan", "Pendampingan Psikologis", "Bantuan Hukum"],
        "pendamping": EXAMPLE_PENDAMPING,
        "tembusan": [],
    }


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Surat Persetujuan Pendampingan", rahasia=True)
    kop(doc)
    t = table(doc, 4, [2.6, 0.4, 7.5, 5.5])
    for row, (label, value) in zip(
        t.rows,
        [
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
    cell_text(t.rows[0].cells[3], "{{ surat.tanggal_teks }}", align=RIGHT)
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
    numbered(doc, "for x in layanan", "{{ x }}", left=1.25)
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
    body(
        doc,
        "Identitas korban dan seluruh keterangan mengenai kasus ini bersifat rahasia dan hanya "
        "dipergunakan untuk kepentingan pendampingan, sesuai dengan Undang-Undang Nomor 35 "
        "Tahun 2014 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2002 tentang "
        "Perlindungan Anak dan Undang-Undang Nomor 12 Tahun 2022 tentang Tindak Pidana "
        "Kekerasan Seksual.",
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


KIND = Kind(
    id="persetujuan",
    judul="Surat Persetujuan Pendampingan",
    model=Persetujuan,
    numbered=True,
    privasi="keluar",
    signable=True,
    context=context,
    example=example,
    template=template,
)
