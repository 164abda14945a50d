"""Surat tugas pendampingan: the office assigns companions to a case.

It leaves the office: its context holds the victim's initials and case
registration number only, and it cites the approval letter by its number.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time
from typing import Any, Literal

from pydantic import Field, model_validator

from ..dates import format_tanggal, hari
from ..errors import SuratError
from ..office import Office
from ..simfoni import HubunganPelaku
from .fields import Baris, NomorTeks, Tanggal, bagian, format_jam, initials
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
    agenda_kop,
    lampiran_pendamping,
    paraf_context,
    pendamping_context,
    tembusan_for,
)

__all__ = [
    "AKHIR_PEKAN",
    "DASAR_PKDRT",
    "DASAR_TUGAS",
    "KIND",
    "PENEGAK_HUKUM",
    "RUMAH_TANGGA",
    "Penugasan",
    "RujukanSurat",
    "Tugas",
    "check_dates",
    "ke_penegak_hukum",
    "peringatan",
    "urut_dasar",
]

DASAR_PKDRT = "Undang-Undang Nomor 23 Tahun 2004 tentang Penghapusan Kekerasan dalam Rumah Tangga"
"""UU 23/2004 (PKDRT): a ground only when the perpetrator is in the victim's household."""

DASAR_TUGAS: tuple[str, ...] = (
    "Undang-Undang Nomor 35 Tahun 2014 tentang Perubahan atas Undang-Undang Nomor 23 "
    "Tahun 2002 tentang Perlindungan Anak",
    "Peraturan Daerah Kota Batam Nomor 2 Tahun 2016 tentang Perlindungan Anak",
)
"""The standard grounds of every surat tugas (SOP 34 and 32); :data:`DASAR_PKDRT`
joins them when the perpetrator is in the household (:data:`RUMAH_TANGGA`)."""

RUMAH_TANGGA: frozenset[HubunganPelaku] = frozenset(
    {"Suami/Istri", "Orang Tua", "Keluarga/Saudara"}
)
"""The Simfoni-PPA relations of a perpetrator in the victim's household (UU 23/2004
Pasal 2: spouse, parents, family by blood, marriage or care). A neighbour, a
teacher, an employer, a partner outside marriage, a friend are not; nor is an
unknown perpetrator."""

#: UU 12/2011 Pasal 7 (and Pasal 8 for the ministers' regulations): the rank of
#: each kind of regulation, highest first; what is not a regulation (the request,
#: the approval letter) follows them all in its own order.
_JENIS_PERATURAN: tuple[tuple[int, re.Pattern[str]], ...] = tuple(
    (rank, re.compile(pattern, re.IGNORECASE))
    for rank, pattern in (
        (0, r"^undang[- ]?undang dasar\b|^uud\b"),
        (2, r"^peraturan pemerintah pengganti undang[- ]?undang\b|^perppu\b"),
        (1, r"^undang[- ]?undang\b|^u\.?u\.?(?=\W|\d|$)"),
        (3, r"^peraturan pemerintah\b|^pp\b"),
        (4, r"^peraturan presiden\b|^perpres\b"),
        (5, r"^peraturan (menteri|badan|lembaga|kepala badan)\b|^permen\w*\b"),
        (6, r"^peraturan daerah provinsi\b|^perda provinsi\b"),
        (7, r"^peraturan daerah\b|^perda\b"),
        (8, r"^peraturan gubernur\b|^pergub\b"),
        (9, r"^peraturan (wali ?kota|bupati)\b|^(perwako|perwali|perbup)\b"),
        (10, r"^keputusan\b|^kepmen\w*\b"),
    )
)
_SURAT = 11
_NOMOR_TAHUN = re.compile(
    r"(?:nomor|no\.?)\s*(\d+)\s+tahun\s+(\d{4})|\b(\d+)\s*/\s*(\d{4})\b", re.IGNORECASE
)


def _baca(teks: str) -> str:
    """*teks* as a reader reads it: width variants folded (NFKC), invisible format
    characters dropped, one space between words."""
    folded = unicodedata.normalize("NFKC", teks)
    return " ".join("".join(c for c in folded if unicodedata.category(c) != "Cf").split())


def _jenis(teks: str) -> int:
    for rank, pattern in _JENIS_PERATURAN:
        if pattern.match(_baca(teks)):
            return 1 if rank == 2 else rank  # a Perppu ranks with the Undang-Undang
    return _SURAT


def urut_dasar(items: list[str]) -> list[str]:
    """Grounds in the order of UU 12/2011 Pasal 7 (UU, PP, Perpres, Peraturan Menteri,
    Perda...), each kind by year and number, once each (the same kind, number and year
    written twice, or the same words); letters after them, in the order given.

    >>> urut_dasar(["Perda Kota Batam Nomor 2 Tahun 2016", "Surat Persetujuan 001",
    ...     "Permen PPPA Nomor 4 Tahun 2018", "UU 12/2022", "Undang-Undang Nomor 35 Tahun 2014",
    ...     "PP Nomor 78 Tahun 2021", "UU No. 35 Tahun 2014 tentang Perlindungan Anak"])
    ['Undang-Undang Nomor 35 Tahun 2014', 'UU 12/2022', 'PP Nomor 78 Tahun 2021', \
'Permen PPPA Nomor 4 Tahun 2018', 'Perda Kota Batam Nomor 2 Tahun 2016', 'Surat Persetujuan 001']
    """
    seen: set[object] = set()
    keyed: list[tuple[int, int, int, int, str]] = []
    for order, item in enumerate(items):
        teks = " ".join(item.split()).rstrip(";.")
        rank = _jenis(teks)
        m = _NOMOR_TAHUN.search(_baca(teks)) if rank != _SURAT else None
        nomor, tahun = (
            (int(m.group(1) or m.group(3)), int(m.group(2) or m.group(4))) if m else (0, 0)
        )
        key: object = (rank, nomor, tahun) if m else _baca(teks).casefold()
        if key in seen:
            continue
        seen.add(key)
        if rank == _SURAT:
            tahun = nomor = 0  # letters keep the order they were given
        keyed.append((rank, tahun, nomor, order, teks))
    return [k[-1] for k in sorted(keyed)]


class RujukanSurat(DataSurat):
    """Another letter referred to: its number and date."""

    nomor: NomorTeks
    tanggal: Tanggal


class Penugasan(DataSurat):
    """One task of a surat tugas: accompany the victim to a place on a date."""

    kegiatan: Baris
    """What happens there, e.g. 'pemeriksaan (BAP) di Unit PPA'."""
    tempat: Baris
    """e.g. 'Unit PPA Polresta Barelang'."""
    tanggal: Tanggal
    tanggal_selesai: Tanggal | None = None
    jam: time | None = None

    @model_validator(mode="after")
    def _order(self) -> Penugasan:
        if self.tanggal_selesai is not None and self.tanggal_selesai < self.tanggal:
            raise ValueError("tanggal_selesai tidak boleh sebelum tanggal")
        return self


class Tugas(Ditandatangani):
    """Surat tugas pendampingan: assigns companions (leaves the office: initials only)."""

    tanggal: Tanggal | None = None
    """The letter's date; the register number's date, else today (WIB)."""
    korban: KorbanKasus
    persetujuan: RujukanSurat
    """The approval letter this assignment follows."""
    dasar: list[Baris] = Field(default_factory=list, max_length=6)
    """Further grounds besides the standard laws, e.g. 'Undang-Undang Nomor 12 Tahun 2022
    ...'; printed in the order of UU 12/2011 Pasal 7 whatever order they come in."""
    hubungan_pelaku: HubunganPelaku | None = None
    """The perpetrator's relation to the victim (Simfoni-PPA): UU 23/2004 (PKDRT) is a
    ground only for one in the household (:data:`RUMAH_TANGGA`)."""
    diktum: Literal["MENUGASKAN", "MEMERINTAHKAN"] = "MENUGASKAN"
    pendamping: list[Pendamping] = Field(min_length=1, max_length=MAX_PENDAMPING)
    """More than ten are listed on a Lampiran page ("daftar terlampir")."""
    tugas: list[Penugasan] = Field(min_length=1, max_length=8)
    tembusan: list[Baris] = Field(default_factory=list, max_length=10)
    penandatangan: Penandatangan | None = None
    """Who signs, when not the profile's signer (Plt., Plh., a.n., u.b.)."""

    @model_validator(mode="after")
    def _dates(self) -> Tugas:
        if self.tanggal is not None:
            check_dates(self, self.tanggal)
        return self

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
            **agenda_kop("tugas", office),
        }


def check_dates(data: Tugas, tanggal: date) -> None:
    """A surat tugas follows the approval it cites, and its tasks follow it.

    >>> t = Tugas.model_validate(example())
    >>> check_dates(t, date(2026, 11, 21))
    Traceback (most recent call last):
    ...
    ValueError: tanggal: surat tugas bertanggal sebelum surat persetujuan yang dikutipnya ...
    >>> check_dates(t, date(2026, 11, 27))
    Traceback (most recent call last):
    ...
    ValueError: tugas.0.tanggal: tugas bertanggal sebelum suratnya (tanggal)
    """
    if tanggal < data.persetujuan.tanggal:
        raise ValueError(
            "tanggal: surat tugas bertanggal sebelum surat persetujuan yang dikutipnya "
            "(persetujuan.tanggal)"
        )
    for i, t in enumerate(data.tugas):
        if t.tanggal < tanggal:
            raise ValueError(f"tugas.{i}.tanggal: tugas bertanggal sebelum suratnya (tanggal)")


AKHIR_PEKAN = "akhir pekan"


def peringatan(data: Tugas) -> list[str]:
    """What the office should know before it signs: a task on a Saturday or Sunday
    (allowed: a hearing or a visit may fall then), one line per task, naming the field.

    >>> t = Tugas.model_validate(example())
    >>> peringatan(t)
    []
    >>> t.tugas[1].tanggal = date(2026, 11, 28)
    >>> peringatan(t)
    ['tugas.1.tanggal: hari Sabtu, 28 November 2026 (akhir pekan)']
    """
    out = []
    for i, t in enumerate(data.tugas):
        for name, day in (("tanggal", t.tanggal), ("tanggal_selesai", t.tanggal_selesai)):
            if day is not None and day.weekday() >= 5:
                out.append(
                    f"tugas.{i}.{name}: hari {hari(day)}, {format_tanggal(day)} ({AKHIR_PEKAN})"
                )
    return out


#: Words of a task's place or activity that send the victim to the police or a
#: court (SOP 32 step 9: "Pendampingan untuk ... Pengadilan Agama atau
#: Kepolisian"), matched on whole words of the text as a reader reads it.
PENEGAK_HUKUM = re.compile(
    r"\b(kepolisian|polisi|polri|polda|polres|polresta|polrestabes|polsek|reskrim|"
    r"penyidik(an)?|bap|berita acara pemeriksaan|pengadilan|persidangan|sidang)\b",
    re.IGNORECASE,
)


def ke_penegak_hukum(t: Penugasan) -> bool:
    """True when the task takes the victim to the police or a court.

    >>> ke_penegak_hukum(Penugasan(kegiatan="pemeriksaan (BAP)", tempat="Unit PPA Polresta",
    ...     tanggal=date(2026, 11, 25)))
    True
    >>> ke_penegak_hukum(Penugasan(kegiatan="visum", tempat="RSUD Embung Fatimah",
    ...     tanggal=date(2026, 11, 25)))
    False
    """
    return PENEGAK_HUKUM.search(_baca(f"{t.kegiatan} {t.tempat}")) is not None


def _pkdrt(teks: str) -> bool:
    """True when a ground cites UU 23/2004."""
    m = _NOMOR_TAHUN.search(_baca(teks))
    return (
        _jenis(teks) == 1
        and m is not None
        and (
            (m.group(1) or m.group(3)),
            (m.group(2) or m.group(4)),
        )
        == ("23", "2004")
    )


def _rentang(mulai: date, selesai: date | None) -> str:
    if selesai is None or selesai == mulai:
        return f"{hari(mulai)}, {format_tanggal(mulai)}"
    return f"{format_tanggal(mulai)} s.d. {format_tanggal(selesai)}"


def context(data: Tugas, office: Office, surat: dict[str, Any], tanggal: date) -> dict[str, Any]:
    """What the assignment may print: initials, case number, the approval's number, the tasks."""
    kind = "tugas"
    if data.tanggal is None:  # dated by its number or today: the model could not check it
        try:
            check_dates(data, tanggal)
        except ValueError as exc:
            raise SuratError(str(exc)) from None
    signer = signer_context(kind, office, tanggal, data.penandatangan)
    surat.update(sifat="Rahasia")
    inisial = initials(data.korban.nama)
    nr = data.korban.nomor_registrasi
    rumah_tangga = data.hubungan_pelaku in RUMAH_TANGGA
    for i, d in enumerate(data.dasar):
        if not rumah_tangga and _pkdrt(d):
            raise SuratError(
                f"dasar.{i}: UU 23/2004 (PKDRT) menjadi dasar hanya bila pelaku berada dalam "
                f"rumah tangga (hubungan_pelaku: {', '.join(sorted(RUMAH_TANGGA))})"
            )
    dasar = urut_dasar(
        [
            *([DASAR_PKDRT] if rumah_tangga else []),
            *DASAR_TUGAS,
            *data.dasar,
            f"Surat Persetujuan Pendampingan Nomor {data.persetujuan.nomor} "
            f"tanggal {format_tanggal(data.persetujuan.tanggal)}",
        ]
    )
    teks = [
        f"{t.kegiatan} di {t.tempat}, {_rentang(t.tanggal, t.tanggal_selesai)}"
        + (f" pukul {format_jam(t.jam)}" if t.jam else "")
        + (";" if i < len(data.tugas) - 1 else ".")
        for i, t in enumerate(data.tugas)
    ]
    # 'bagian': the same text in pieces, 'visum et repertum' in italics
    tugas = [{"huruf": "abcdefghij"[i], "teks": x, "bagian": bagian(x)} for i, x in enumerate(teks)]
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
        "dasar": [d + (";" if i < len(dasar) else ".") for i, d in enumerate(dasar, 1)],
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
        "hubungan_pelaku": "Tetangga",
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


KIND = Kind(
    id="tugas",
    judul="Surat Tugas Pendampingan",
    model=Tugas,
    numbered=True,
    privasi="keluar",
    signable=True,
    context=context,
    example=example,
)
