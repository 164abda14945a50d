"""Surat pernyataan persetujuan: consent to the assistance and to sharing data.

The victim, or for a child the parent or guardian, agrees to the assistance
and names the services that may receive the data (UU 27/2022 tentang
Pelindungan Data Pribadi: a child's data and health data are specific
personal data; processing a child's data needs the consent of a parent or
guardian, Pasal 25). The statement can be withdrawn. It is signed by hand
on paper, over a Meterai Rp10.000 where the office asks for one (UU 10/2020;
the profile's ``meterai`` list, or the data's own ``meterai``).

Internal: it holds the full identity of the one who consents and of the
victim, and stays in the case file; every page says RAHASIA. Not numbered,
not signed by the office (only witnessed by its staff).
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ..dates import format_tanggal, today
from ..office import Office
from ..simfoni import Layanan
from .fields import (
    Alamat,
    Baris,
    Nama,
    NomorTeks,
    Tanggal,
    TanggalLahir,
    Telepon,
    bagian,
    check_nik,
    umur,
)
from .shared import DOTTED_NAME, DataSurat, Kind, LahirAtauUmur

__all__ = ["DATA", "DIRI_SENDIRI", "KIND", "KorbanPernyataan", "Pernyataan", "YangMenyatakan"]

DIRI_SENDIRI = "Diri sendiri"
"""``hubungan`` of a victim who consents for herself."""

DataDibagikan = Literal[
    "Identitas diri",
    "Dokumen kependudukan (KTP, KK, Akta Kelahiran/KIA)",
    "Keterangan dan kronologi kejadian",
    "Hasil asesmen dan konseling",
    "Data kesehatan",
]
DATA: tuple[str, ...] = (
    "Identitas diri",
    "Dokumen kependudukan (KTP, KK, Akta Kelahiran/KIA)",
    "Keterangan dan kronologi kejadian",
    "Hasil asesmen dan konseling",
    "Data kesehatan",
)
"""The data a statement may let the named services receive, each ticked."""


class YangMenyatakan(DataSurat):
    """The one who consents and signs: the victim, or a child's parent or guardian."""

    nama: Nama
    nik: str
    tempat_lahir: Baris
    tanggal_lahir: TanggalLahir
    alamat: Alamat
    telepon: Telepon | None = None
    hubungan: Baris = DIRI_SENDIRI
    """Relation to the victim: 'Diri sendiri', 'Ibu kandung', 'Wali'..."""

    @field_validator("nik")
    @classmethod
    def _nik(cls, v: str) -> str:
        return check_nik(v)


class KorbanPernyataan(LahirAtauUmur):
    """The victim the statement is about."""

    nama: Nama
    nomor_registrasi: NomorTeks
    tanggal_lahir: TanggalLahir | None = None
    umur: int | None = Field(default=None, ge=0, le=120)


class Pernyataan(DataSurat):
    """Surat pernyataan persetujuan pendampingan dan pembagian data (internal)."""

    tanggal: Tanggal | None = None
    """The statement's date; today (WIB) when empty."""
    tempat: Baris | None = None
    """Where it is signed; the office's city when empty."""
    yang_menyatakan: YangMenyatakan
    korban: KorbanPernyataan
    layanan: list[Layanan] = Field(min_length=1, max_length=11)
    """The assistance agreed to (Simfoni-PPA services)."""
    penerima_data: list[Baris] = Field(min_length=1, max_length=8)
    """The services that may receive the data, by name, e.g. 'Unit PPA Satreskrim
    Polresta Barelang'."""
    data: list[DataDibagikan] = Field(min_length=1, max_length=len(DATA))
    """Which data they may receive (:data:`DATA`)."""
    meterai: bool | None = None
    """A box for the Meterai Rp10.000 at the signature; None: as the profile says."""
    saksi: Nama | None = None
    """The office's staff who witnesses the signature; a dotted line when empty."""

    @field_validator("layanan", "data", "penerima_data")
    @classmethod
    def _once(cls, v: list[str]) -> list[str]:
        if len({" ".join(x.split()).casefold() for x in v}) != len(v):
            raise ValueError("masing-masing sekali saja diharapkan")
        return v

    @model_validator(mode="after")
    def _who_consents(self) -> Pernyataan:
        pada = self.tanggal or today()
        if umur(self.yang_menyatakan.tanggal_lahir, pada) < 18:
            raise ValueError(
                "yang_menyatakan.tanggal_lahir: yang menyatakan persetujuan berumur 18 tahun atau "
                "lebih (untuk anak, orang tua atau walinya yang menyatakan)"
            )
        diri = _same(self.yang_menyatakan.hubungan, DIRI_SENDIRI)
        if diri and _anak(self.korban, pada):
            raise ValueError(
                "yang_menyatakan.hubungan: persetujuan anak dinyatakan orang tua atau walinya "
                "(UU 27/2022 Pasal 25), bukan 'Diri sendiri'"
            )
        return self


def _same(a: str, b: str) -> bool:
    """Whether two relations read the same: width variants folded, any case or spacing.

    >>> _same("Ｄｉｒｉ\u00a0SENDIRI", DIRI_SENDIRI), _same("Ibu kandung", DIRI_SENDIRI)
    (True, False)
    """

    def read(x: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", x).split()).casefold()

    return read(a) == read(b)


def _anak(k: KorbanPernyataan, pada: date) -> bool:
    years = umur(k.tanggal_lahir, pada) if k.tanggal_lahir else (k.umur or 0)
    return years < 18


def context(
    data: Pernyataan, office: Office, surat: dict[str, Any], tanggal: date
) -> dict[str, Any]:
    """What the statement prints: the full identity (internal, kept in the case file)."""
    tempat = data.tempat or office.kota
    surat.update(
        tempat=tempat, tanggal_teks=f"{tempat}, {format_tanggal(tanggal)}", sifat="Rahasia"
    )
    y, k = data.yang_menyatakan, data.korban
    years = umur(k.tanggal_lahir, tanggal) if k.tanggal_lahir else (k.umur or 0)
    meterai = data.meterai if data.meterai is not None else "pernyataan" in office.meterai
    return {
        "kantor": office.singkatan,
        "yang_menyatakan": {
            "nama": y.nama,
            "nik": y.nik,
            "ttl": f"{y.tempat_lahir}, {format_tanggal(y.tanggal_lahir)}",
            "alamat": y.alamat,
            "telepon": y.telepon or "-",
            "hubungan": y.hubungan,
        },
        "diri_sendiri": _same(y.hubungan, DIRI_SENDIRI),
        "korban": {
            "nama": k.nama,
            "umur": f"{years} tahun",
            "nomor_registrasi": k.nomor_registrasi,
        },
        "anak": years < 18,
        "layanan_bagian": [bagian(x) for x in data.layanan],  # 'Shelter' in italics
        "data": list(data.data),
        "penerima_data": list(data.penerima_data),
        "meterai": meterai,
        "saksi": data.saksi or DOTTED_NAME,
    }


def example() -> dict[str, Any]:
    """Complete, realistic and entirely fictional data; the NIK has the right shape only."""
    return {
        "tanggal": "2026-11-17",
        "yang_menyatakan": {
            "nama": "Sri Wahyuningsih",
            "nik": "2171015708900001",
            "tempat_lahir": "Tanjungpinang",
            "tanggal_lahir": "1990-08-17",
            "alamat": "Perumahan Griya Permata Blok C No. 12, RT 003/RW 007, Kel. Belian, "
            "Kec. Batam Kota",
            "telepon": "0812-7000-1234",
            "hubungan": "Ibu kandung",
        },
        "korban": {
            "nama": "Putri Ayu Lestari",
            "nomor_registrasi": "001/REG-PPA/XI/2026",
            "tanggal_lahir": "2017-03-14",
        },
        "layanan": ["Kesehatan", "Pendampingan Psikologis", "Bantuan Hukum"],
        "penerima_data": [
            "Unit PPA Satreskrim Polresta Barelang",
            "RSUD Embung Fatimah Kota Batam",
            "Psikolog Klinis Biro Psikologi Harapan",
        ],
        "data": [
            "Identitas diri",
            "Keterangan dan kronologi kejadian",
            "Data kesehatan",
        ],
        "meterai": True,
        "saksi": "Dewi Kartika, S.Psi.",
    }


KIND = Kind(
    id="pernyataan",
    judul="Surat Pernyataan Persetujuan",
    model=Pernyataan,
    numbered=False,
    privasi="internal",
    signable=False,
    context=context,
    example=example,
)
