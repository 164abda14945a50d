"""Surat tugas pendampingan: the office assigns companions to a case.

It leaves the office: its context holds the victim's initials and case
registration number only, and it cites the approval letter by its number.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any, Literal

from docx.shared import Cm
from pydantic import Field, model_validator

from ..dates import format_tanggal, hari
from ..office import Office
from ._docx import (
    CENTER,
    body,
    cant_split,
    cell_text,
    closing,
    kop,
    lampiran_page,
    new_document,
    para,
    pendamping_table,
    row_loop,
    settle,
    table,
    tag,
)
from .fields import Baris, Nomor, format_jam, initials
from .penandatangan import Ditandatangani, Penandatangan, agenda_tanggal, signer_context
from .shared import (
    EXAMPLE_KORBAN_KASUS,
    EXAMPLE_PENDAMPING,
    KEPADA_MAX,
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

__all__ = ["DASAR_TUGAS", "KIND", "Penugasan", "RujukanSurat", "Tugas"]

DASAR_TUGAS: tuple[str, ...] = (
    "Undang-Undang Nomor 23 Tahun 2004 tentang Penghapusan Kekerasan dalam Rumah Tangga",
    "Undang-Undang Nomor 35 Tahun 2014 tentang Perubahan atas Undang-Undang Nomor 23 "
    "Tahun 2002 tentang Perlindungan Anak",
    "Peraturan Daerah Kota Batam Nomor 2 Tahun 2016 tentang Perlindungan Anak",
)
"""The standard grounds of a surat tugas (SOP 34 and 32)."""


class RujukanSurat(DataSurat):
    """Another letter referred to: its number and date."""

    nomor: Nomor
    tanggal: date


class Penugasan(DataSurat):
    """One task of a surat tugas: accompany the victim to a place on a date."""

    kegiatan: Baris
    """What happens there, e.g. 'pemeriksaan (BAP) di Unit PPA'."""
    tempat: Baris
    """e.g. 'Unit PPA Polresta Barelang'."""
    tanggal: date
    tanggal_selesai: date | None = None
    jam: time | None = None

    @model_validator(mode="after")
    def _order(self) -> Penugasan:
        if self.tanggal_selesai is not None and self.tanggal_selesai < self.tanggal:
            raise ValueError("tanggal_selesai is before tanggal")
        return self


class Tugas(Ditandatangani):
    """Surat tugas pendampingan: assigns companions (leaves the office: initials only)."""

    tanggal: date | None = None
    """The letter's date; the register number's date, else today (WIB)."""
    korban: KorbanKasus
    persetujuan: RujukanSurat
    """The approval letter this assignment follows."""
    dasar: list[Baris] = Field(default_factory=list, max_length=6)
    """Further grounds after the standard laws, e.g. 'Undang-Undang Nomor 12 Tahun 2022 ...'."""
    diktum: Literal["MENUGASKAN", "MEMERINTAHKAN"] = "MENUGASKAN"
    pendamping: list[Pendamping] = Field(min_length=1, max_length=MAX_PENDAMPING)
    """More than ten are listed on a Lampiran page ("daftar terlampir")."""
    tugas: list[Penugasan] = Field(min_length=1, max_length=8)
    tembusan: list[Baris] = Field(default_factory=list, max_length=10)
    penandatangan: Penandatangan | None = None
    """Who signs, when not the profile's signer (Plt., Plh., a.n., u.b.)."""

    def agenda(self, office: Office) -> dict[str, Any]:
        tanggal = agenda_tanggal("tugas", office, self.tanggal, self.penandatangan)
        names = [p.nama for p in self.pendamping]
        tujuan = (
            ", ".join(names)
            if len(names) <= KEPADA_MAX
            else f"{names[0]} dkk. ({len(names)} orang, daftar terlampir)"
        )
        return {
            "klasifikasi": office.klasifikasi("tugas"),
            "tanggal": tanggal,
            "perihal": "Surat Tugas Pendampingan",
            "tujuan": tujuan,
            "nomor_registrasi": self.korban.nomor_registrasi,
            **agenda_kode("tugas", office),
        }


def _rentang(mulai: date, selesai: date | None) -> str:
    if selesai is None or selesai == mulai:
        return f"{hari(mulai)}, {format_tanggal(mulai)}"
    return f"{format_tanggal(mulai)} s.d. {format_tanggal(selesai)}"


def context(data: Tugas, office: Office, surat: dict[str, Any], tanggal: date) -> dict[str, Any]:
    """What the assignment may print: initials, case number, the approval's number, the tasks."""
    kind = "tugas"
    signer = signer_context(kind, office, tanggal, data.penandatangan)
    surat.update(sifat="Rahasia")
    inisial = initials(data.korban.nama)
    nr = data.korban.nomor_registrasi
    dasar = [
        *DASAR_TUGAS,
        *data.dasar,
        f"Surat Persetujuan Pendampingan Nomor {data.persetujuan.nomor} "
        f"tanggal {format_tanggal(data.persetujuan.tanggal)}",
    ]
    tugas = [
        {
            "huruf": "abcdefghij"[i],
            "teks": f"{t.kegiatan} di {t.tempat}, {_rentang(t.tanggal, t.tanggal_selesai)}"
            + (f" pukul {format_jam(t.jam)}" if t.jam else "")
            + (";" if i < len(data.tugas) - 1 else "."),
        }
        for i, t in enumerate(data.tugas)
    ]
    # The report goes to the head on whose behalf the letter is signed, else the
    # signer's office (under a Plt./Plh. the office, not the absent holder).
    given = data.penandatangan
    head = (given.atas_nama if given else None) or (
        office.atas_nama.get(kind) if given is None else None
    )
    lapor = office.official(head or signer["peran"])
    return {
        "korban": {"inisial": inisial, "nomor_registrasi": nr},
        "persetujuan": {"nomor": data.persetujuan.nomor, "tanggal": data.persetujuan.tanggal},
        "dasar": [
            d.rstrip(";.") + (";" if i < len(dasar) else ".") for i, d in enumerate(dasar, 1)
        ],
        "diktum": " ".join(data.diktum),
        "pendamping": pendamping_context(data.pendamping),
        "lampiran_pendamping": lampiran_pendamping(data.pendamping)["ada"],
        "tugas": tugas,
        "lapor_kepada": lapor.jabatan,
        "penandatangan": signer,
        "paraf": paraf_context(kind, office, signer),
        "tembusan": tembusan_for(kind, office, data.tembusan),
    }


def example() -> dict[str, Any]:
    """Complete, realistic and entirely fictional data."""
    return {
        "tanggal": "2026-11-23",
        "korban": EXAMPLE_KORBAN_KASUS,
        "persetujuan": {"nomor": "001/DP3A-PP-KB/PPA/XI/2026", "tanggal": "2026-11-22"},
        "pendamping": EXAMPLE_PENDAMPING,
        "tugas": [
            {
                "kegiatan": "pemeriksaan (BAP)",
                "tempat": "Unit PPA Polresta Barelang",
                "tanggal": "2026-11-25",
                "jam": "09:00",
            },
            {
                "kegiatan": "pemeriksaan kesehatan (visum et repertum)",
                "tempat": "RSUD Embung Fatimah Kota Batam",
                "tanggal": "2026-11-26",
            },
        ],
    }


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Surat Tugas Pendampingan", rahasia=True)
    kop(doc)
    para(doc, "SURAT TUGAS", bold=True, underline=True, size=14, align=CENTER)
    para(doc, "NOMOR: {{ surat.nomor }}", align=CENTER)
    para(doc, "Sifat: Rahasia", align=CENTER, after=6)
    # Label, colon, then the items with their numbers hanging: a text column wide
    # enough that each standard ground takes two lines, and room for '10.'.
    widths = [1.75, 0.35, 13.9]
    num = 0.7  # the hanging number: '1.' ... '10.'
    sub = 0.6  # the hanging letter of a task: 'a.' ... 'h.'

    def item(cell: Any, text: str, *, left: float = 0.0, hang: float = num) -> None:
        p = cell_text(cell, text)
        fmt = p.paragraph_format
        fmt.left_indent, fmt.first_line_indent = Cm(left + hang), Cm(-hang)
        fmt.tab_stops.add_tab_stop(Cm(left + hang))

    t = table(doc, 0, widths)
    row_loop(
        t,
        "for d in dasar",
        ["{% if loop.first %}Dasar{% endif %}", "{% if loop.first %}:{% endif %}", ""],
    )
    item(t.rows[1].cells[2], "{{ loop.index }}.\t{{ d }}")
    para(doc, "{{ diktum }}", bold=True, align=CENTER, before=6, after=6, keep_next=True)
    tag(doc, "{%p if lampiran_pendamping %}")
    k = table(doc, 1, widths)
    cell_text(k.rows[0].cells[0], "Kepada")
    cell_text(k.rows[0].cells[1], ":")
    item(
        k.rows[0].cells[2],
        "{{ pendamping|length }} (" + "{{ pendamping|length|terbilang }}) orang pendamping "
        "sebagaimana tercantum dalam Lampiran Surat Tugas ini (daftar terlampir).",
        hang=0,
    )
    tag(doc, "{%p else %}")
    para(doc, "Kepada\t:", tabs=[widths[0]], after=3, keep_next=True)
    pendamping_table(doc)
    tag(doc, "{%p endif %}")
    para(doc, "", size=4)
    u = table(doc, 1, widths)
    cell_text(u.rows[0].cells[0], "Untuk")
    cell_text(u.rows[0].cells[1], ":")
    item(
        u.rows[0].cells[2],
        "1.\tMendampingi korban berinisial {{ korban.inisial }} (Nomor Registrasi "
        "{{ korban.nomor_registrasi|utuh }}) dalam kegiatan berikut:",
    )
    row_loop(u, "for x in tugas", ["", "", ""])
    item(u.rows[2].cells[2], "{{ x.huruf }}.\t{{ x.teks }}", left=num, hang=sub)
    last = u.add_row()
    cell_text(last.cells[0], "")
    item(
        last.cells[2],
        "2.\tMelaporkan hasil pelaksanaan tugas secara tertulis kepada {{ lapor_kepada }}.",
    )
    # an item never splits over two pages (no lone last line)
    for row in t.rows:
        cant_split(row)
    settle(u, widths)
    body(
        doc,
        "Demikian surat tugas ini dibuat untuk dilaksanakan dengan penuh tanggung jawab.",
        before=6,
        after=6,
        keep_next=True,
    )
    closing(doc, dated=True)
    lampiran_page(doc, "SURAT TUGAS")
    return doc


KIND = Kind(
    id="tugas",
    judul="Surat Tugas Pendampingan",
    model=Tugas,
    numbered=True,
    privasi="keluar",
    signable=True,
    context=context,
    example=example,
    template=template,
)
