"""Surat permohonan pendampingan kasus: the reporter's own request.

Internal: it carries the full identity of the reporter and the victim, and it
is recorded in the incoming agenda (surat masuk), never numbered as outgoing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field, field_validator, model_validator

from ..dates import format_tanggal, today
from ..office import Office
from ..simfoni import HubunganPelaku, JenisKekerasan, Layanan, TempatKejadian
from ..words import terbilang
from .fields import (
    Alamat,
    Baris,
    JenisKelamin,
    Nama,
    NomorTeks,
    Tanggal,
    TanggalLahir,
    Teks,
    Telepon,
    bagian,
    check_nik,
    umur,
)
from .shared import DataSurat, Kind, LahirAtauUmur

__all__ = ["KIND", "Korban", "Lampiran", "Pelapor", "Pengaduan", "Permohonan", "Terlapor", "Wali"]


class Pelapor(DataSurat):
    """The reporter who signs the request (permohonan)."""

    nama: Nama
    nik: str
    tempat_lahir: Baris
    tanggal_lahir: TanggalLahir
    jenis_kelamin: JenisKelamin
    alamat: Alamat
    """Address on the KTP."""
    alamat_domisili: Alamat | None = None
    """Where the reporter lives, when not the KTP address."""
    telepon: Telepon
    hubungan: Baris
    """Relation to the victim, e.g. 'Ibu kandung', 'Guru', 'Diri sendiri'."""

    @field_validator("nik")
    @classmethod
    def _nik(cls, v: str) -> str:
        return check_nik(v)


class Korban(LahirAtauUmur):
    """The victim with full identity: only in the request (permohonan)."""

    nama: Nama
    tanggal_lahir: TanggalLahir | None = None
    umur: int | None = Field(default=None, ge=0, le=120)
    """Age in years when the birth date is unknown."""
    jenis_kelamin: JenisKelamin
    pendidikan: Baris | None = None
    """Last education, e.g. 'SD kelas 3'."""
    alamat: Alamat | None = None


class Wali(DataSurat):
    """A parent or guardian who co-signs the request of a child."""

    nama: Nama
    hubungan: Baris


class Terlapor(DataSurat):
    """The alleged perpetrator, when known."""

    nama: Nama | None = None
    hubungan: HubunganPelaku = "Tidak Diketahui"


class Lampiran(DataSurat):
    """The attachments checklist of the SOP (KTP; birth certificate for a child reporter; KK)."""

    ktp: bool = False
    akta_kelahiran: bool = False
    """Akta Kelahiran / KIA, for a child reporter."""
    kartu_keluarga: bool = False


class Pengaduan(DataSurat):
    """What a reporter brings: who, to whom, what happened, what help is asked.

    Shared by the request letter (:class:`Permohonan`) and the case file
    (:class:`surat.Kasus`), so both check the same facts the same way.
    """

    tanggal: Tanggal | None = None
    """The request's date; today (WIB) when empty."""
    pelapor: Pelapor
    korban: Korban
    wali: Wali | None = None
    terlapor: Terlapor | None = None
    jenis_kekerasan: list[JenisKekerasan] = Field(min_length=1, max_length=7)
    waktu_kejadian: Baris
    """When, as the reporter says it, e.g. 'Sabtu, 14 November 2026 sekitar pukul 20.00'."""
    tempat_kejadian: TempatKejadian
    kronologi: Teks
    layanan: list[Layanan] = Field(min_length=1, max_length=11)
    lampiran: Lampiran = Field(default_factory=Lampiran)
    kepada: Baris | None = None
    """Addressee; the office's Kepala Dinas when empty."""
    cq: Baris | None = None
    """'c.q.' line, e.g. 'Kepala UPTD PPA Kota Batam'."""

    @model_validator(mode="after")
    def _child_reporter(self) -> Pengaduan:
        if self.wali is None and umur(self.pelapor.tanggal_lahir, self.tanggal or today()) < 18:
            raise ValueError(
                "wali harus diisi: orang tua atau wali ikut menandatangani permohonan anak"
            )
        return self


class Permohonan(Pengaduan):
    """Surat permohonan pendampingan kasus: the reporter's own letter (internal, full identity)."""

    tempat: Baris | None = None
    """Where the reporter writes; the office's city when empty."""
    nomor_agenda: NomorTeks | None = None
    """Incoming agenda number (surat masuk), once the office has recorded it."""
    tanggal_diterima: Tanggal | None = None
    """The day the office received the request (the receipt's date)."""
    di: Baris | None = None

    @model_validator(mode="after")
    def _received(self) -> Permohonan:
        if (
            self.tanggal_diterima is not None
            and self.tanggal is not None
            and self.tanggal_diterima < self.tanggal
        ):
            raise ValueError("tanggal_diterima: tidak boleh sebelum tanggal permohonan")
        return self


def context(d: Permohonan, office: Office, surat: dict[str, Any], tanggal: date) -> dict[str, Any]:
    """What the request prints: the full identity of reporter and victim (internal letter)."""
    tempat = d.tempat or office.kota
    surat.update(
        tempat=tempat,
        tanggal_teks=f"{tempat}, {format_tanggal(tanggal)}",
        hal="Permohonan Pendampingan Kasus",
        nomor_agenda=d.nomor_agenda or "",
        diterima=format_tanggal(d.tanggal_diterima) if d.tanggal_diterima else "",
    )
    kepada = d.kepada
    if kepada is None:
        kepada = (
            office.official("kepala_dinas").jabatan
            if "kepala_dinas" in office.pejabat
            else office.nama
        )
    p, k = d.pelapor, d.korban
    age = umur(k.tanggal_lahir, tanggal) if k.tanggal_lahir else (k.umur or 0)
    lampiran = [
        {"nama": "Fotokopi KTP Pelapor", "ada": d.lampiran.ktp},
        {
            "nama": "Fotokopi Akta Kelahiran/KIA (bagi pelapor anak)",
            "ada": d.lampiran.akta_kelahiran,
        },
        {"nama": "Fotokopi Kartu Keluarga", "ada": d.lampiran.kartu_keluarga},
    ]
    jumlah = sum(1 for x in lampiran if x["ada"])
    surat["lampiran"] = f"{jumlah} ({terbilang(jumlah)}) berkas" if jumlah else "-"
    return {
        "kepada": kepada,
        "cq": d.cq or "",
        "di": d.di or office.kota,
        "pelapor": {
            "nama": p.nama,
            "nik": p.nik,
            "ttl": f"{p.tempat_lahir}, {format_tanggal(p.tanggal_lahir)}",
            "jenis_kelamin": p.jenis_kelamin,
            "alamat": p.alamat,
            "alamat_domisili": p.alamat_domisili or "Sesuai KTP",
            "telepon": p.telepon,
            "hubungan": p.hubungan,
        },
        "korban": {
            "nama": k.nama,
            "lahir_umur": (
                f"{format_tanggal(k.tanggal_lahir)} ({age} tahun)"
                if k.tanggal_lahir
                else f"{age} tahun"
            ),
            "anak": age < 18,
            "jenis_kelamin": k.jenis_kelamin,
            "pendidikan": k.pendidikan or "-",
            "alamat": k.alamat or "-",
        },
        "wali": {"nama": d.wali.nama, "hubungan": d.wali.hubungan} if d.wali else None,
        "terlapor": (
            {"nama": d.terlapor.nama or "Tidak diketahui", "hubungan": d.terlapor.hubungan}
            if d.terlapor
            else None
        ),
        "jenis_kekerasan": ", ".join(d.jenis_kekerasan),
        "waktu_kejadian": d.waktu_kejadian,
        "tempat_kejadian": d.tempat_kejadian,
        "kronologi": d.kronologi,
        "layanan": list(d.layanan),
        "layanan_bagian": [bagian(x) for x in d.layanan],  # 'Shelter' in italics
        "lampiran": lampiran,
    }


def example() -> dict[str, Any]:
    """Complete, realistic and entirely fictional data; the NIK has the right shape only."""
    return {
        "tanggal": "2026-11-16",
        "nomor_agenda": "014/SM/2026",
        "tanggal_diterima": "2026-11-16",
        "cq": "Kepala UPTD PPA Kota Batam",
        "pelapor": {
            "nama": "Sri Wahyuningsih",
            "nik": "2171015708900001",
            "tempat_lahir": "Tanjungpinang",
            "tanggal_lahir": "1990-08-17",
            "jenis_kelamin": "Perempuan",
            "alamat": "Perumahan Griya Permata Blok C No. 12, RT 003/RW 007, Kel. Belian, "
            "Kec. Batam Kota",
            "alamat_domisili": None,
            "telepon": "0812-7000-1234",
            "hubungan": "Ibu kandung",
        },
        "korban": {
            "nama": "Putri Ayu Lestari",
            "tanggal_lahir": "2017-03-14",
            "jenis_kelamin": "Perempuan",
            "pendidikan": "SD kelas 3",
            "alamat": "Sama dengan pelapor",
        },
        "terlapor": {"nama": None, "hubungan": "Tetangga"},
        "jenis_kekerasan": ["Fisik", "Psikis"],
        "waktu_kejadian": "Sabtu, 14 November 2026, sekitar pukul 16.00 WIB",
        "tempat_kejadian": "Fasilitas Umum",
        "kronologi": (
            "Sepulang mengaji, anak saya didorong hingga jatuh dan dipukul di lapangan "
            "dekat rumah oleh seorang tetangga.\n"
            "Anak saya mengalami memar di lengan kiri dan sejak itu takut keluar rumah.\n"
            "Kejadian serupa pernah terjadi satu kali pada bulan Oktober 2026."
        ),
        "layanan": ["Kesehatan", "Pendampingan Psikologis", "Bantuan Hukum"],
        "lampiran": {"ktp": True, "akta_kelahiran": False, "kartu_keluarga": True},
    }


KIND = Kind(
    id="permohonan",
    judul="Surat Permohonan Pendampingan Kasus",
    model=Permohonan,
    numbered=False,
    privasi="internal",
    signable=False,
    context=context,
    example=example,
)
