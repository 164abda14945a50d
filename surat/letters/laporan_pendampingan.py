"""Laporan pelaksanaan tugas pendampingan: the companion's written report.

Every surat tugas ends with "melaporkan hasil pelaksanaan tugas secara
tertulis": this is that report. It cites the surat tugas by its number and
date, says who went, when and where, what was done, the outcome, the
obstacles and the follow-up; the companion signs it, the Kasi signs
"Mengetahui".

Internal, kept in the case file, not numbered by the outgoing register; the
client appears by initials and case registration number. Written with a
register (``surat buat laporan_pendampingan ... --db``), the assistance it
reports is recorded as the SOP's step (:meth:`LaporanPendampingan.langkah`,
:meth:`surat.Register.record_step`): SOP 34 step 6, SOP 32 step 9.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, Literal

from pydantic import Field, model_validator

from ..dates import WIB, format_tanggal, hari
from ..errors import SuratError
from ..identitas import format_nip
from ..office import Office
from .fields import Baris, Tanggal, Teks, bagian, format_jam, initials
from .penandatangan import Ditandatangani, Penandatangan, signer_context
from .shared import (
    EXAMPLE_KORBAN_KASUS,
    EXAMPLE_PENDAMPING,
    DataSurat,
    Kind,
    KorbanKasus,
    Pendamping,
)
from .tugas import RujukanSurat

__all__ = ["KIND", "LANGKAH", "LaporanPendampingan", "Pelaksanaan"]

LANGKAH: dict[str, tuple[int, str]] = {"34": (6, "p2tp2a"), "32": (9, "p2tp2a")}
"""The SOP step an assistance is, and its actor: SOP 34 step 6 (coordination with the
police, the P2TP2A, the community, carrying the surat tugas), SOP 32 step 9
(accompanying to mediation, the religious court or the police)."""


class Pelaksanaan(DataSurat):
    """When and where the assistance took place (one day)."""

    tanggal: Tanggal
    jam_mulai: time
    jam_selesai: time
    tempat: Baris
    """e.g. 'Unit PPA Satreskrim Polresta Barelang'."""

    @model_validator(mode="after")
    def _order(self) -> Pelaksanaan:
        if self.jam_selesai <= self.jam_mulai:
            raise ValueError("jam_selesai: jam sesudah jam_mulai diharapkan")
        return self


class LaporanPendampingan(Ditandatangani):
    """The companion's report of one assignment (internal: initials and case number)."""

    tanggal: Tanggal | None = None
    """The report's date; today (WIB) when empty. Never before the assistance."""
    tugas: RujukanSurat
    """The surat tugas reported on: its number and date."""
    korban: KorbanKasus
    pendamping: list[Pendamping] = Field(min_length=1, max_length=10)
    """Who went, in the order given; the first writes and signs the report."""
    pelaksanaan: Pelaksanaan
    kegiatan: Teks
    """What was done."""
    hasil: Teks
    """The outcome."""
    hambatan: Teks | None = None
    tindak_lanjut: list[Teks] = Field(default_factory=list, max_length=10)
    sop: Literal["34", "32"] = "34"
    """The SOP the case follows: the step recorded is :data:`LANGKAH` of it."""
    penandatangan: Penandatangan | None = None
    """Who signs "Mengetahui", when not the profile's (Plt., Plh., a.n., u.b.)."""

    @model_validator(mode="after")
    def _dates(self) -> LaporanPendampingan:
        if self.tugas.tanggal > self.pelaksanaan.tanggal:
            raise ValueError(
                "pelaksanaan.tanggal: pendampingan tidak boleh mendahului surat tugasnya"
            )
        if self.tanggal is not None and self.tanggal < self.pelaksanaan.tanggal:
            raise ValueError("tanggal: laporan tidak boleh bertanggal sebelum pendampingannya")
        return self

    def langkah(self) -> dict[str, Any]:
        """The SOP step this report records, as :meth:`surat.Register.record_step`
        takes it: the case, the SOP and step, its times (WIB), its actor. The note
        names the surat tugas only: no person, no case text.

        >>> step = LaporanPendampingan.model_validate(example()).langkah()
        >>> step["sop"], step["langkah"], step["oleh"], str(step["mulai"])
        ('34', 6, 'p2tp2a', '2026-11-25 09:00:00+07:00')
        >>> step["catatan"]
        'Laporan pendampingan, Surat Tugas Nomor 002/DP3A-PP-KB/PPA/XI/2026'
        """
        p = self.pelaksanaan
        nomor, oleh = LANGKAH[self.sop]
        return {
            "nomor_registrasi": self.korban.nomor_registrasi,
            "sop": self.sop,
            "langkah": nomor,
            "mulai": datetime.combine(p.tanggal, p.jam_mulai, tzinfo=WIB),
            "selesai": datetime.combine(p.tanggal, p.jam_selesai, tzinfo=WIB),
            "oleh": oleh,
            "catatan": f"Laporan pendampingan, Surat Tugas Nomor {self.tugas.nomor}",
        }


def context(
    data: LaporanPendampingan, office: Office, surat: dict[str, Any], tanggal: date
) -> dict[str, Any]:
    """What the report prints: initials and case number, the assignment, the outcome."""
    p = data.pelaksanaan
    if tanggal < p.tanggal:  # dated today: the model could not check it
        raise SuratError("tanggal: laporan tidak boleh bertanggal sebelum pendampingannya")
    signer = signer_context("laporan_pendampingan", office, tanggal, data.penandatangan)
    surat.update(sifat="Rahasia", hal="Laporan Pelaksanaan Tugas Pendampingan")
    pembuat = data.pendamping[0]
    tindak_lanjut = list(data.tindak_lanjut) or ["-"]
    mulai = f"{p.jam_mulai.hour:02d}.{p.jam_mulai.minute:02d}"
    return {
        "tugas": {"nomor": data.tugas.nomor, "tanggal": data.tugas.tanggal},
        "korban": {
            "inisial": initials(data.korban.nama),
            "nomor_registrasi": data.korban.nomor_registrasi,
        },
        "pendamping": [
            {"no": i, "nama": x.nama, "jabatan": x.jabatan}
            for i, x in enumerate(data.pendamping, 1)
        ],
        "pelaksanaan": {
            "hari_tanggal": f"{hari(p.tanggal)}, {format_tanggal(p.tanggal)}",
            "jam": f"{mulai} \u2013 {format_jam(p.jam_selesai)}",
            "tempat": p.tempat,
        },
        "kegiatan_bagian": bagian(data.kegiatan),  # 'visum et repertum' in italics
        "hasil_bagian": bagian(data.hasil),
        "hambatan_bagian": bagian(data.hambatan or "-"),
        "tindak_lanjut_bagian": [bagian(x) for x in tindak_lanjut],
        "dibuat": {
            "jabatan": "Pendamping",
            "nama": pembuat.nama,
            "pangkat": pembuat.pangkat or "",
            "nip": format_nip(pembuat.nip) if pembuat.nip else "",
        },
        "penandatangan": signer,
    }


def example() -> dict[str, Any]:
    """Complete, realistic and entirely fictional data: the first task of the example
    surat tugas."""
    return {
        "tanggal": "2026-11-25",
        "tugas": {"nomor": "002/DP3A-PP-KB/PPA/XI/2026", "tanggal": "2026-11-23"},
        "korban": EXAMPLE_KORBAN_KASUS,
        "pendamping": EXAMPLE_PENDAMPING,
        "pelaksanaan": {
            "tanggal": "2026-11-25",
            "jam_mulai": "09:00",
            "jam_selesai": "11:30",
            "tempat": "Unit PPA Satreskrim Polresta Barelang",
        },
        "kegiatan": (
            "Mendampingi klien dan ibu kandungnya dalam pemeriksaan (BAP) oleh penyidik "
            "Unit PPA. Pendamping menjelaskan jalannya pemeriksaan kepada klien dan "
            "meminta agar klien diperiksa di ruang ramah anak."
        ),
        "hasil": (
            "Pemeriksaan selesai dalam satu sesi; klien dapat menjawab pertanyaan dengan "
            "tenang. Penyidik meminta pemeriksaan visum et repertum di RSUD."
        ),
        "hambatan": "Klien sempat menangis di awal pemeriksaan; pemeriksaan dijeda 15 menit.",
        "tindak_lanjut": [
            "Pendampingan pemeriksaan visum et repertum di RSUD Embung Fatimah Kota Batam.",
            "Konseling lanjutan bagi klien satu minggu kemudian.",
        ],
    }


KIND = Kind(
    id="laporan_pendampingan",
    judul="Laporan Pelaksanaan Tugas Pendampingan",
    model=LaporanPendampingan,
    numbered=False,
    privasi="internal",
    signable=True,
    context=context,
    example=example,
)
