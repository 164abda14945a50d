"""The Simfoni-PPA choice lists: how the national case system files a case.

Simfoni-PPA (Sistem Informasi Online Perlindungan Perempuan dan Anak) counts
cases by these categories; the request form and the case register use the
same words, so a month's cases can be counted the way the ministry asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from .errors import SuratError

__all__ = [
    "HUBUNGAN_PELAKU",
    "JENIS_KEKERASAN",
    "JENIS_KELAMIN",
    "KELOMPOK_UMUR",
    "LAYANAN",
    "TEMPAT_KEJADIAN",
    "HubunganPelaku",
    "JenisKekerasan",
    "JenisKelamin",
    "KategoriKasus",
    "KelompokUmur",
    "Layanan",
    "TempatKejadian",
    "kelompok_umur",
]

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
JenisKelamin = Literal["Laki-laki", "Perempuan"]
KelompokUmur = Literal["0-5", "6-12", "13-17", "18-24", "25-44", "45-59", "60+"]
"""Simfoni-PPA's age groups of a victim, in years on the day the case is registered."""

JENIS_KEKERASAN: tuple[str, ...] = get_args(JenisKekerasan)
TEMPAT_KEJADIAN: tuple[str, ...] = get_args(TempatKejadian)
HUBUNGAN_PELAKU: tuple[str, ...] = get_args(HubunganPelaku)
LAYANAN: tuple[str, ...] = get_args(Layanan)
JENIS_KELAMIN: tuple[str, ...] = get_args(JenisKelamin)
KELOMPOK_UMUR: tuple[str, ...] = get_args(KelompokUmur)

_BATAS_UMUR = ((5, "0-5"), (12, "6-12"), (17, "13-17"), (24, "18-24"), (44, "25-44"), (59, "45-59"))


def kelompok_umur(umur: int) -> KelompokUmur:
    """The Simfoni-PPA age group of an age in whole years.

    >>> kelompok_umur(9), kelompok_umur(17), kelompok_umur(18), kelompok_umur(75)
    ('6-12', '13-17', '18-24', '60+')
    """
    if isinstance(umur, bool) or not isinstance(umur, int) or not 0 <= umur <= 150:
        raise SuratError("umur: umur dalam tahun penuh (0 sampai 150) diharapkan")
    for batas, kelompok in _BATAS_UMUR:
        if umur <= batas:
            return kelompok  # type: ignore[return-value]
    return "60+"


@dataclass(frozen=True, slots=True)
class KategoriKasus:
    """How the case register files a case for Simfoni-PPA: categories only, never a name.

    >>> k = KategoriKasus(jenis_kekerasan=("Fisik", "Psikis"), tempat_kejadian="Fasilitas Umum",
    ...     hubungan_pelaku="Tetangga", layanan=("Kesehatan",), jenis_kelamin="Perempuan",
    ...     kelompok_umur="6-12")
    >>> k.jenis_kekerasan
    ('Fisik', 'Psikis')
    >>> KategoriKasus(jenis_kekerasan=("Pukulan",), tempat_kejadian="Sekolah",
    ...     hubungan_pelaku="Guru", layanan=(), jenis_kelamin="Perempuan", kelompok_umur="6-12")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: jenis_kekerasan: masing-masing salah satu dari Fisik, Psikis, ...
    """

    jenis_kekerasan: tuple[JenisKekerasan, ...]
    tempat_kejadian: TempatKejadian
    hubungan_pelaku: HubunganPelaku
    layanan: tuple[Layanan, ...]
    jenis_kelamin: JenisKelamin
    kelompok_umur: KelompokUmur

    def __post_init__(self) -> None:
        for name, allowed in (
            ("jenis_kekerasan", JENIS_KEKERASAN),
            ("layanan", LAYANAN),
        ):
            values = getattr(self, name)
            if isinstance(values, str) or not isinstance(values, tuple | list):
                raise SuratError(f"{name}: daftar pilihan Simfoni-PPA diharapkan")
            if any(v not in allowed for v in values) or len(set(values)) != len(values):
                raise SuratError(f"{name}: masing-masing salah satu dari {', '.join(allowed)}")
            object.__setattr__(self, name, tuple(values))
        if not self.jenis_kekerasan:
            raise SuratError("jenis_kekerasan: paling sedikit satu")
        for name, allowed in (
            ("tempat_kejadian", TEMPAT_KEJADIAN),
            ("hubungan_pelaku", HUBUNGAN_PELAKU),
            ("jenis_kelamin", JENIS_KELAMIN),
            ("kelompok_umur", KELOMPOK_UMUR),
        ):
            if getattr(self, name) not in allowed:
                raise SuratError(f"{name}: salah satu dari {', '.join(allowed)} diharapkan")
