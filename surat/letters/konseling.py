"""Laporan hasil konseling kasus: the counselor's report of a session.

Internal and restricted: the client is named by initials unless
``tampilkan_nama_lengkap`` is set. SOP 34's rules are written into the plan:
an unstable client sees a psychologist first; a client at risk goes to the
shelter (rumah aman).
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from pydantic import Field, field_validator, model_validator

from ..dates import format_tanggal, hari
from ..identitas import format_nip
from ..office import Office
from .fields import (
    Baris,
    JenisKelamin,
    Nama,
    NomorTeks,
    Tanggal,
    TanggalLahir,
    Teks,
    bagian,
    check_nip,
    format_jam,
    initials,
    umur,
)
from .penandatangan import Ditandatangani, Penandatangan, signer_context
from .shared import DataSurat, Kind, LahirAtauUmur, paraf_context, tembusan_for

__all__ = [
    "KIND",
    "RUJUKAN_PSIKOLOG",
    "RUJUKAN_RUMAH_AMAN",
    "Asesmen",
    "HasilKonseling",
    "Konseling",
    "Konselor",
    "KorbanKonseling",
    "Sesi",
]

RUJUKAN_PSIKOLOG = (
    "Kondisi psikis klien belum stabil: sebelum pendampingan dilakukan, klien "
    "dikonsultasikan terlebih dahulu kepada psikolog."
)
RUJUKAN_RUMAH_AMAN = (
    "Demi keamanan klien, klien ditempatkan sementara di rumah aman (shelter) "
    "selama proses pendampingan."
)


class KorbanKonseling(LahirAtauUmur):
    """The client of a counseling session."""

    nama: Nama
    nomor_registrasi: NomorTeks
    tanggal_lahir: TanggalLahir | None = None
    umur: int | None = Field(default=None, ge=0, le=120)
    jenis_kelamin: JenisKelamin


class Sesi(DataSurat):
    """When and where the counseling took place."""

    tanggal: Tanggal
    jam_mulai: time
    jam_selesai: time | None = None
    tempat: Baris


class Konselor(DataSurat):
    """The counselor who writes and signs the report."""

    nama: Nama
    nip: str | None = None
    jabatan: Baris = "Konselor"

    @field_validator("nip")
    @classmethod
    def _nip(cls, v: str | None) -> str | None:
        return check_nip(v)


class Asesmen(DataSurat):
    """Observation of the client's condition."""

    biologis: Teks
    psikologis: Teks
    sosial: Teks
    spiritual: Teks


class HasilKonseling(DataSurat):
    """What a counseling session found: shared by the report (:class:`Konseling`)
    and the case file (:class:`surat.kasus.KasusKonseling`)."""

    tanggal: Tanggal | None = None
    """The report's date; today (WIB) when empty."""
    tampilkan_nama_lengkap: bool = False
    """Print the client's full name instead of the initials (internal file only)."""
    sumber_rujukan: Baris
    """Referral source, e.g. 'Datang langsung', 'Rujukan Unit PPA Polresta Barelang'."""
    sesi: Sesi
    konselor: Konselor
    keluhan: Teks
    frekuensi: Baris | None = None
    """How often it happened."""
    asesmen: Asesmen
    kondisi_psikis_stabil: bool
    """False adds the SOP's rule: consult a psychologist before any assistance."""
    perlu_rumah_aman: bool = False
    """True adds the SOP's rule: temporary stay in the shelter (rumah aman)."""
    hipotesis: Teks | None = None
    """A working hypothesis; a diagnosis only when a licensed psychologist writes it."""
    intervensi: Teks
    rencana_tindak_lanjut: list[Teks] = Field(default_factory=list, max_length=10)
    rekomendasi: Teks
    """What the counselor recommends (printed after "Konselor merekomendasikan:"): the
    counselor recommends, the Kabid decides (SOP 34 step 5), so never "disetujui"."""

    @model_validator(mode="after")
    def _session(self) -> HasilKonseling:
        s = self.sesi
        if s.jam_selesai is not None and s.jam_selesai <= s.jam_mulai:
            raise ValueError("sesi.jam_selesai harus sesudah sesi.jam_mulai")
        if self.tanggal is not None and self.tanggal < s.tanggal:
            raise ValueError("tanggal: laporan tidak boleh bertanggal sebelum sesinya")
        return self


class Konseling(HasilKonseling, Ditandatangani):
    """Laporan hasil konseling kasus (internal, restricted: initials unless asked)."""

    korban: KorbanKonseling
    riwayat: Teks
    """Case history: 5W1H, chronology from the first to the last incident."""
    penandatangan: Penandatangan | None = None
    """Who signs "Mengetahui", when not the profile's signer (Plt., Plh., a.n., u.b.)."""


def _umur_teks(lahir: date | None, years: int | None, pada: date) -> str:
    if lahir is not None:
        return f"{umur(lahir, pada)} tahun"
    return f"{years} tahun"


def context(d: Konseling, office: Office, surat: dict[str, Any], tanggal: date) -> dict[str, Any]:
    """What the report prints: initials, unless the full name is asked for (internal file)."""
    k, s = d.korban, d.sesi
    rencana = []
    if not d.kondisi_psikis_stabil:
        rencana.append(RUJUKAN_PSIKOLOG)
    if d.perlu_rumah_aman:
        rencana.append(RUJUKAN_RUMAH_AMAN)
    rencana += list(d.rencana_tindak_lanjut)
    signer = signer_context("konseling", office, tanggal, d.penandatangan)
    surat.update(sifat="Rahasia")
    jam = format_jam(s.jam_mulai)
    if s.jam_selesai:
        jam = f"{s.jam_mulai.hour:02d}.{s.jam_mulai.minute:02d} – {format_jam(s.jam_selesai)}"
    identitas = {
        "nomor_registrasi": k.nomor_registrasi,
        "umur": _umur_teks(k.tanggal_lahir, k.umur, s.tanggal),
        "jenis_kelamin": k.jenis_kelamin,
        "inisial": initials(k.nama),
        # The full name reaches the template only when asked for (internal file).
        "nama": k.nama if d.tampilkan_nama_lengkap else None,
    }
    return {
        "klien": identitas,
        "sumber_rujukan": d.sumber_rujukan,
        "sesi": {
            "tanggal": s.tanggal,
            "hari_tanggal": f"{hari(s.tanggal)}, {format_tanggal(s.tanggal)}",
            "jam": jam,
            "tempat": s.tempat,
        },
        "konselor": {
            "nama": d.konselor.nama,
            "nip": format_nip(d.konselor.nip) if d.konselor.nip else "",
            "jabatan": d.konselor.jabatan,
        },
        "keluhan": d.keluhan,
        "riwayat": d.riwayat,
        "frekuensi": d.frekuensi or "",
        "asesmen": {
            "biologis": d.asesmen.biologis,
            "psikologis": d.asesmen.psikologis,
            "sosial": d.asesmen.sosial,
            "spiritual": d.asesmen.spiritual,
        },
        "kondisi_psikis": "Stabil" if d.kondisi_psikis_stabil else "Belum stabil",
        "hipotesis": d.hipotesis or "",
        "intervensi": d.intervensi,
        "rencana_tindak_lanjut": rencana or ["-"],
        "rencana_bagian": [bagian(x) for x in rencana or ["-"]],  # 'shelter' in italics
        "rekomendasi": d.rekomendasi,
        "penandatangan": signer,
        "paraf": paraf_context("konseling", office, signer),
        "tembusan": tembusan_for("konseling", office),
    }


def example() -> dict[str, Any]:
    """Complete, realistic and entirely fictional data."""
    return {
        "tanggal": "2026-11-18",
        "korban": {
            "nama": "Putri Ayu Lestari",
            "nomor_registrasi": "001/REG-PPA/XI/2026",
            "tanggal_lahir": "2017-03-14",
            "jenis_kelamin": "Perempuan",
        },
        "sumber_rujukan": "Datang langsung bersama ibu kandung (pelapor)",
        "sesi": {
            "tanggal": "2026-11-17",
            "jam_mulai": "10:00",
            "jam_selesai": "11:00",
            "tempat": "Ruang Konseling UPTD PPA Kota Batam",
        },
        "konselor": {"nama": "Dewi Kartika, S.Psi.", "nip": None, "jabatan": "Konselor"},
        "keluhan": "Klien takut keluar rumah, sulit tidur dan menolak berangkat mengaji.",
        "riwayat": (
            "Oktober 2026: klien didorong oleh tetangga di lapangan dekat rumah.\n"
            "14 November 2026: klien didorong hingga jatuh dan dipukul di tempat yang "
            "sama; memar di lengan kiri."
        ),
        "frekuensi": "Dua kali dalam dua bulan terakhir",
        "asesmen": {
            "biologis": "Memar di lengan kiri, mulai pulih; nafsu makan berkurang.",
            "psikologis": "Cemas dan mudah terkejut; menangis ketika menceritakan kejadian.",
            "sosial": "Menarik diri dari teman sebaya; dekat dengan ibu.",
            "spiritual": "Rutin mengaji sebelum kejadian; kini menolak berangkat.",
        },
        "kondisi_psikis_stabil": False,
        "perlu_rumah_aman": False,
        "hipotesis": "Gejala kecemasan setelah kejadian kekerasan (bukan diagnosis).",
        "intervensi": "Konseling suportif, psikoedukasi kepada ibu tentang tanda trauma.",
        "rencana_tindak_lanjut": [
            "Pendampingan pemeriksaan di Unit PPA Polresta Barelang.",
            "Konseling lanjutan satu minggu kemudian.",
        ],
        "rekomendasi": (
            "Pendampingan psikologis dan bantuan hukum bagi klien, didahului konsultasi "
            "dengan psikolog."
        ),
    }


KIND = Kind(
    id="konseling",
    judul="Laporan Hasil Konseling Kasus",
    model=Konseling,
    numbered=False,
    privasi="internal",
    signable=True,
    context=context,
    example=example,
)
