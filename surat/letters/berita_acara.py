"""Berita acara: the minutes of what happened in a case, signed by its parties.

One kind, four variants (``jenis``): the minutes of a mediation with the
agreement reached (``mediasi``, SOP 32 step 9), the handover of the victim
into the safe house (``serah_terima_masuk``) and out of it
(``serah_terima_keluar``), and her return to the family (``pemulangan``).

"BERITA ACARA <WHAT>" centred, its number under it; "Pada hari ini <Hari>
tanggal <terbilang> bulan <Bulan> tahun <terbilang>, bertempat di ..., kami
yang bertanda tangan di bawah ini:" the two parties (Pihak Pertama, Pihak
Kedua: name and role); numbered points of what happened and of what was
agreed (kesepakatan); "Demikian berita acara ini dibuat dengan sebenarnya
..."; the parties' signatures side by side, the witnesses under
"Mengetahui".

It is internal: it holds the parties' names and stays in the case file. The
victim still appears by initials and case number (the parties and witnesses
are named: they sign it). The outgoing register numbers it, klasifikasi
``[penomoran] klasifikasi.berita_acara`` of the profile, else
:data:`KLASIFIKASI` ('BA'); its agenda line names the variant and "Para
pihak", never a person. The office does not sign it: its parties do, by hand.
"""

from __future__ import annotations

from datetime import date, time
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from ..dates import format_tanggal, hari
from ..errors import SuratError
from ..office import Office
from ..words import terbilang
from .fields import Baris, Nama, Tanggal, Teks, bagian, format_jam, initials
from .shared import EXAMPLE_KORBAN_KASUS, DataSurat, Kind, KorbanKasus, agenda_kop

__all__ = ["JENIS", "JUDUL", "KIND", "KLASIFIKASI", "BeritaAcara", "Pihak", "Saksi"]

KLASIFIKASI = "BA"
"""The klasifikasi of a berita acara's number when the profile names none."""

Jenis = Literal["mediasi", "serah_terima_masuk", "serah_terima_keluar", "pemulangan"]
JENIS: tuple[str, ...] = ("mediasi", "serah_terima_masuk", "serah_terima_keluar", "pemulangan")

JUDUL: dict[str, str] = {
    "mediasi": "Berita Acara Mediasi",
    "serah_terima_masuk": "Berita Acara Serah Terima Korban ke Rumah Aman",
    "serah_terima_keluar": "Berita Acara Serah Terima Korban dari Rumah Aman",
    "pemulangan": "Berita Acara Pemulangan Korban",
}
"""The title of each variant, as the agenda records it (the page prints it in capitals)."""

_PEMBUKA: dict[str, str] = {
    "mediasi": "PIHAK PERTAMA dan PIHAK KEDUA telah melaksanakan mediasi atas kasus dengan "
    "korban berinisial {inisial} (Nomor Registrasi {nr}), dengan uraian sebagai berikut:",
    "serah_terima_masuk": "PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA, dan PIHAK KEDUA "
    "menerima, korban berinisial {inisial} (Nomor Registrasi {nr}) untuk ditempatkan "
    "sementara di rumah aman (shelter), dengan keterangan sebagai berikut:",
    "serah_terima_keluar": "PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA, dan PIHAK KEDUA "
    "menerima, korban berinisial {inisial} (Nomor Registrasi {nr}) yang keluar dari rumah "
    "aman (shelter), dengan keterangan sebagai berikut:",
    "pemulangan": "PIHAK PERTAMA memulangkan korban berinisial {inisial} (Nomor Registrasi "
    "{nr}) kepada keluarganya, dan PIHAK KEDUA menerimanya, dengan keterangan sebagai berikut:",
}

Butir = Annotated[Teks, StringConstraints(max_length=1500)]
"""One numbered point: at most 1,500 characters."""

MAX_SAKSI = 4


class Pihak(DataSurat):
    """A party who signs: name, role (and office, when they act for one)."""

    nama: Nama
    peran: Baris
    """e.g. 'Ibu kandung korban', 'Pengelola Rumah Aman UPTD PPA Kota Batam'."""


class Saksi(DataSurat):
    """A witness, who signs under "Mengetahui"."""

    nama: Nama
    peran: Baris


class BeritaAcara(DataSurat):
    """A berita acara of one of :data:`JENIS`, between two parties, with witnesses."""

    tanggal: Tanggal | None = None
    """The day it happened and the minutes were made; the number's date, else today."""
    jam: time | None = None
    jenis: Jenis
    tempat: Baris
    """Where: 'Ruang Rapat DP3A-PP-KB Kota Batam', 'Rumah Aman UPTD PPA Kota Batam'."""
    korban: KorbanKasus
    pihak_pertama: Pihak
    pihak_kedua: Pihak
    uraian: list[Butir] = Field(min_length=1, max_length=10)
    """What happened, one numbered point each."""
    kesepakatan: list[Butir] = Field(default_factory=list, max_length=10)
    """What the parties agreed, one numbered point each: a mediation needs one at least."""
    saksi: list[Saksi] = Field(default_factory=list, max_length=MAX_SAKSI)

    @model_validator(mode="after")
    def _check(self) -> BeritaAcara:
        problem = _problem(self)
        if problem:
            raise ValueError(problem)
        return self

    def agenda(self, office: Office) -> dict[str, Any]:
        from ..dates import today

        problem = _problem(self)
        if problem:
            raise SuratError(problem)
        return {
            "klasifikasi": office.klasifikasi(KIND.id) or KLASIFIKASI,
            "tanggal": self.tanggal or today(),
            "perihal": JUDUL[self.jenis],
            "tujuan": "Para pihak",  # its parties sign it; their names stay on the page
            "nomor_registrasi": self.korban.nomor_registrasi,
            **agenda_kop(KIND.id, office),
        }


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _problem(data: BeritaAcara) -> str:
    """What makes the minutes wrong, as a message naming the field; '' when nothing."""
    if data.jenis == "mediasi" and not data.kesepakatan:
        return (
            "kesepakatan: berita acara mediasi mencatat kesepakatannya (paling sedikit satu butir)"
        )
    if _same(data.pihak_pertama.nama, data.pihak_kedua.nama):
        return "pihak_kedua.nama: pihak kedua harus orang lain daripada pihak pertama"
    for i, s in enumerate(data.saksi):
        if any(_same(s.nama, p.nama) for p in (data.pihak_pertama, data.pihak_kedua)):
            return f"saksi.{i}.nama: saksi bukan salah satu pihak"
    return ""


def hari_ini(tanggal: date, jam: time | None = None) -> str:
    """How the minutes open, the date in words.

    >>> hari_ini(date(2026, 12, 1), time(10))
    'Pada hari ini Selasa tanggal satu bulan Desember tahun dua ribu dua puluh enam \
(1 Desember 2026), pukul 10.00 WIB'
    """
    bulan = format_tanggal(tanggal).split(" ")[1]
    return (
        f"Pada hari ini {hari(tanggal)} tanggal {terbilang(tanggal.day)} bulan {bulan} "
        f"tahun {terbilang(tanggal.year)} ({format_tanggal(tanggal)})"
        + (f", pukul {format_jam(jam)}" if jam else "")
    )


def context(
    data: BeritaAcara, office: Office, surat: dict[str, Any], tanggal: date
) -> dict[str, Any]:
    """What the minutes may print: the parties and witnesses, the victim's initials."""
    problem = _problem(data)  # again: a model built without validation
    if problem:
        raise SuratError(problem)
    inisial = initials(data.korban.nama)
    nr = data.korban.nomor_registrasi
    surat.update(sifat="Rahasia", hal=JUDUL[data.jenis])
    saksi = [{"nama": s.nama, "peran": s.peran} for s in data.saksi]
    return {
        "judul": JUDUL[data.jenis].upper(),
        "jenis": data.jenis,
        "pembuka": hari_ini(tanggal, data.jam) + f", bertempat di {data.tempat}, kami yang "
        "bertanda tangan di bawah ini:",
        "korban": {"inisial": inisial, "nomor_registrasi": nr},
        "pihak_pertama": {"nama": data.pihak_pertama.nama, "peran": data.pihak_pertama.peran},
        "pihak_kedua": {"nama": data.pihak_kedua.nama, "peran": data.pihak_kedua.peran},
        # the same sentence in pieces: 'shelter' in italics
        "isi_bagian": bagian(_PEMBUKA[data.jenis].format(inisial=inisial, nr=nr)),
        "uraian": list(data.uraian),
        "kesepakatan": list(data.kesepakatan),
        # the witnesses two by two: one table row each pair
        "saksi_baris": [
            saksi[i : i + 2] + [None] * (2 - len(saksi[i : i + 2])) for i in range(0, len(saksi), 2)
        ],
    }


def example() -> dict[str, Any]:
    """Complete, realistic and entirely fictional data: a mediation (SOP 32 step 9)."""
    return {
        "tanggal": "2026-12-01",
        "jam": "10:00",
        "jenis": "mediasi",
        "tempat": "Ruang Rapat DP3A-PP-KB Kota Batam",
        "korban": EXAMPLE_KORBAN_KASUS,
        "pihak_pertama": {"nama": "Sri Wahyuningsih", "peran": "Ibu kandung korban"},
        "pihak_kedua": {"nama": "Bambang Sutrisno", "peran": "Orang tua terlapor"},
        "uraian": [
            "Mediasi difasilitasi oleh Pendamping P2TP2A Kota Batam dan dihadiri penyidik "
            "Unit PPA Polresta Barelang.",
            "Para pihak telah menyampaikan keterangan dan permintaannya masing-masing.",
        ],
        "kesepakatan": [
            "PIHAK KEDUA menanggung biaya pemulihan kesehatan dan psikologis korban.",
            "PIHAK KEDUA menjamin terlapor tidak mendekati korban dan rumah korban.",
            "Proses hukum di Unit PPA Polresta Barelang tetap berjalan sesuai ketentuan.",
        ],
        "saksi": [
            {"nama": "Rina Marlina, S.Psi.", "peran": "Pendamping P2TP2A Kota Batam"},
            {"nama": "Hendra Gunawan, S.H.", "peran": "Pendamping Hukum P2TP2A"},
        ],
    }


KIND = Kind(
    id="berita_acara",
    judul="Berita Acara",
    model=BeritaAcara,
    numbered=True,
    privasi="internal",
    signable=False,
    context=context,
    example=example,
)
