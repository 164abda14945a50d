"""Laporan penutupan kasus (terminasi): the report that ends a case.

Permen PPPA 2/2022: case management ends with a termination. The report
gives the case (initials and registration number), the services given with
their dates, the outcome, the reason for closing (the closed list
:data:`surat.vocab.ALASAN_PENUTUPAN`: selesai, dirujuk, dicabut, tidak dapat
dihubungi), the monitoring after closing; signed by the case manager
("Dibuat oleh") and acknowledged ("Mengetahui") by an official of the
profile (``mengetahui``, default the Kabid; the head of the UPTD PPA where
the office has one).

It is internal and not numbered by the outgoing register. It closes the case
in the register: ``surat buat penutupan DATA -o OUT --db REGISTER`` calls
:meth:`surat.Register.close_case` once the report is written (a library user
calls it after :func:`surat.render`); from then on the case takes no new
letter until it is reopened.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import Field, StringConstraints, model_validator

from ..dates import format_tanggal
from ..errors import SuratError
from ..office import Office
from ..simfoni import Layanan
from ..vocab import AlasanPenutupan
from .fields import Baris, Kunci, Tanggal, Teks, bagian, initials
from .nota_dinas import pengirim
from .shared import (
    EXAMPLE_KORBAN_KASUS,
    EXAMPLE_PENDAMPING,
    DataSurat,
    Kind,
    KorbanKasus,
    Pendamping,
    pendamping_context,
)

__all__ = ["ALASAN_TEKS", "KIND", "LaporanPenutupan", "LayananDiberikan"]

ALASAN_TEKS: dict[str, str] = {
    "selesai": "Layanan telah selesai diberikan sesuai kebutuhan korban",
    "dirujuk": "Dirujuk kepada lembaga lain",
    "dicabut": "Pengaduan dicabut / korban mengundurkan diri",
    "tidak dapat dihubungi": "Korban/pelapor tidak dapat dihubungi",
}
"""How the report prints each reason for closing."""

Uraian = Annotated[Teks, StringConstraints(max_length=3000)]


class LayananDiberikan(DataSurat):
    """One service given: what (Simfoni-PPA), from when (to when), a short note."""

    layanan: Layanan
    tanggal: Tanggal
    tanggal_selesai: Tanggal | None = None
    keterangan: Baris | None = None
    """e.g. 'visum et repertum di RSUD Embung Fatimah', 'konseling 4 sesi'."""

    @model_validator(mode="after")
    def _order(self) -> LayananDiberikan:
        if self.tanggal_selesai is not None and self.tanggal_selesai < self.tanggal:
            raise ValueError("tanggal_selesai: tanggal pada atau sesudah tanggal diharapkan")
        return self


class LaporanPenutupan(DataSurat):
    """The data of a laporan penutupan kasus."""

    tanggal: Tanggal | None = None
    """The report's date (the case's closing date); today (WIB) when empty."""
    korban: KorbanKasus
    tanggal_registrasi: Tanggal
    """The day the case was registered (Buku Register Penanganan Kasus)."""
    layanan: list[LayananDiberikan] = Field(min_length=1, max_length=20)
    hasil: Uraian
    """The outcome of the case handling."""
    alasan: AlasanPenutupan
    dirujuk_ke: Baris | None = None
    """Where the case was referred: required when ``alasan`` is 'dirujuk', else empty."""
    keterangan: Uraian | None = None
    """More on the reason for closing."""
    pemantauan: Uraian | None = None
    """Monitoring after closing (who, how, until when)."""
    pengelola: Pendamping
    """The case manager, who makes the report ("Dibuat oleh")."""
    mengetahui: Kunci = "kabid"
    """The role key of the official who acknowledges it ("Mengetahui")."""

    @model_validator(mode="after")
    def _check(self) -> LaporanPenutupan:
        problem = _problem(self, self.tanggal)
        if problem:
            raise ValueError(problem)
        return self


def _problem(data: LaporanPenutupan, tanggal: date | None) -> str:
    if data.alasan == "dirujuk" and not data.dirujuk_ke:
        return "dirujuk_ke: kasus yang ditutup karena 'dirujuk' menyebut ke mana dirujuk"
    if data.alasan != "dirujuk" and data.dirujuk_ke:
        return "dirujuk_ke: hanya untuk kasus yang ditutup karena 'dirujuk'"
    for i, x in enumerate(data.layanan):
        if x.tanggal < data.tanggal_registrasi:
            return f"layanan.{i}.tanggal: layanan diberikan sebelum kasus terdaftar"
        if tanggal is not None and max(x.tanggal, x.tanggal_selesai or x.tanggal) > tanggal:
            return f"layanan.{i}: layanan sesudah tanggal laporan (tanggal)"
    if tanggal is not None and tanggal < data.tanggal_registrasi:
        return "tanggal: kasus ditutup sebelum terdaftar (tanggal_registrasi)"
    return ""


def context(
    data: LaporanPenutupan, office: Office, surat: dict[str, Any], tanggal: date
) -> dict[str, Any]:
    """What the report may print: the victim's initials and case number, the services,
    the outcome and the reason; the case manager and the acknowledging official."""
    problem = _problem(data, tanggal)  # with the report's date, also when dated today
    if problem:
        raise SuratError(problem)
    if data.mengetahui not in office.pejabat:
        raise SuratError(
            f"mengetahui: '{data.mengetahui}' bukan peran dalam profil kantor "
            f"(diharapkan salah satu dari {', '.join(office.pejabat)})"
        )
    surat.update(sifat="Rahasia")
    lama = (tanggal - data.tanggal_registrasi).days
    layanan = []
    by_date = sorted(data.layanan, key=lambda x: (x.tanggal, x.tanggal_selesai or x.tanggal))
    for i, x in enumerate(by_date, 1):
        when = format_tanggal(x.tanggal)
        if x.tanggal_selesai is not None and x.tanggal_selesai != x.tanggal:
            when += f" s.d. {format_tanggal(x.tanggal_selesai)}"
        layanan.append(
            {
                "no": i,
                "layanan": x.layanan,
                "tanggal": when,
                "keterangan": x.keterangan or "-",
                "keterangan_bagian": bagian(x.keterangan or "-"),
            }
        )
    alasan = ALASAN_TEKS[data.alasan]
    if data.dirujuk_ke:
        alasan += f": {data.dirujuk_ke}"
    (dibuat,) = pendamping_context([data.pengelola])
    # a signature block prints no '-' for a contract staff's missing NIP or pangkat
    dibuat = {k: ("" if v == "-" else v) for k, v in dibuat.items()}
    return {
        "korban": {
            "inisial": initials(data.korban.nama),
            "nomor_registrasi": data.korban.nomor_registrasi,
        },
        "tanggal_registrasi": data.tanggal_registrasi,
        "tanggal_penutupan": tanggal,
        "lama": f"{lama} hari",
        "layanan": layanan,
        "hasil": data.hasil,
        "alasan": alasan,
        "alasan_kode": data.alasan,
        "keterangan": data.keterangan or "",
        "pemantauan": data.pemantauan or "-",
        "dibuat": dibuat,
        "penandatangan": pengirim(office, data.mengetahui, tanggal),
    }


def example() -> dict[str, Any]:
    """Complete, realistic and entirely fictional data: the example case, ended."""
    return {
        "tanggal": "2027-01-15",
        "korban": EXAMPLE_KORBAN_KASUS,
        "tanggal_registrasi": "2026-11-16",
        "layanan": [
            {"layanan": "Pengaduan", "tanggal": "2026-11-16", "keterangan": "konseling awal"},
            {
                "layanan": "Kesehatan",
                "tanggal": "2026-11-26",
                "keterangan": "visum et repertum di RSUD Embung Fatimah",
            },
            {
                "layanan": "Rehabilitasi Sosial",
                "tanggal": "2026-11-27",
                "tanggal_selesai": "2026-12-18",
                "keterangan": "pendampingan psikologis, 4 sesi",
            },
            {
                "layanan": "Bantuan Hukum",
                "tanggal": "2026-11-25",
                "tanggal_selesai": "2027-01-08",
                "keterangan": "pendampingan pemeriksaan dan persidangan",
            },
        ],
        "hasil": "Korban telah mendapatkan layanan kesehatan, pendampingan psikologis dan "
        "pendampingan hukum sampai putusan pengadilan. Kondisi psikologis korban stabil dan "
        "korban telah kembali bersekolah.",
        "alasan": "selesai",
        "pemantauan": "Pemantauan oleh pendamping P2TP2A melalui kunjungan rumah satu kali "
        "sebulan selama tiga bulan.",
        "pengelola": EXAMPLE_PENDAMPING[0],
        "mengetahui": "kabid",
    }


KIND = Kind(
    id="penutupan",
    judul="Laporan Penutupan Kasus",
    model=LaporanPenutupan,
    numbered=False,
    privasi="internal",
    signable=False,
    context=context,
    example=example,
)
