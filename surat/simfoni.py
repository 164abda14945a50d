"""The Simfoni-PPA choice lists: how the national case system files a case.

Simfoni-PPA (Sistem Informasi Online Perlindungan Perempuan dan Anak) counts
cases by these categories; the request form and the case register use the
same words, so a month's cases can be counted the way the ministry asks.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["HubunganPelaku", "JenisKekerasan", "Layanan", "TempatKejadian"]

JenisKekerasan = Literal[
    "Fisik", "Psikis", "Seksual", "Eksploitasi", "Trafficking", "Penelantaran", "Lainnya"
]
TempatKejadian = Literal[
    "Rumah Tangga",
    "Tempat Kerja",
    "Sekolah",
    "Fasilitas Umum",
    "Lembaga Pendidikan Kilat",
    "Lainnya",
]
HubunganPelaku = Literal[
    "Orang Tua",
    "Keluarga/Saudara",
    "Suami/Istri",
    "Tetangga",
    "Pacar/Teman",
    "Guru",
    "Majikan",
    "Rekan Kerja",
    "Lainnya",
    "Tidak Diketahui",
]
Layanan = Literal[
    "Pengaduan",
    "Kesehatan",
    "Bantuan Hukum",
    "Penegakan Hukum",
    "Rehabilitasi Sosial",
    "Reintegrasi Sosial",
    "Pemulangan",
    "Pendampingan Tokoh Agama",
    "Pendampingan Psikologis",
    "Mediasi",
    "Rumah Aman (Shelter)",
]
