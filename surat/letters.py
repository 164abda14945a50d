"""The four letter kinds of the SOPs: their data models and their context.

Each kind has a pydantic model that checks what a caseworker typed, and a
context builder that turns a valid model plus the office profile into exactly
what its Word template may print. The context is where privacy is decided:

- ``permohonan`` (the reporter's own request) is internal and carries full
  identity;
- ``persetujuan`` and ``tugas`` leave the office: their context holds the
  victim's *initials* and case registration number only. The full name never
  reaches those templates, so no template edit can print it;
- ``konseling`` uses initials too, unless ``tampilkan_nama_lengkap`` is set.

Text typed by people passes :func:`clean_text`: characters XML 1.0 forbids
are removed (they come pasted from spreadsheets and would corrupt the .docx),
tabs stay tabs, and line breaks become line breaks inside the same paragraph
of the printed letter. One-line fields (names, places, numbers) refuse line
breaks and have a maximum length; a ``SuratError`` names the field.
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from .dates import bulan_romawi, format_tanggal, hari, today
from .errors import SuratError, field_errors
from .identitas import format_nip, validate_nik, validate_nip
from .office import Office, Pejabat
from .words import terbilang

__all__ = [
    "JUDUL",
    "KINDS",
    "MODELS",
    "NUMBERED",
    "Konseling",
    "Permohonan",
    "Persetujuan",
    "Tugas",
    "build_context",
    "clean_text",
    "example_data",
    "initials",
    "kop_context",
    "pejabat_context",
    "tembusan_for",
    "umur",
    "validate",
]

KINDS: tuple[str, ...] = ("permohonan", "persetujuan", "tugas", "konseling")
"""The letter kinds, in the order a case produces them."""

NUMBERED: frozenset[str] = frozenset({"persetujuan", "tugas"})
"""Kinds that carry a number from the outgoing register (agenda surat keluar)."""

JUDUL: dict[str, str] = {
    "permohonan": "Surat Permohonan Pendampingan Kasus",
    "persetujuan": "Surat Persetujuan Pendampingan",
    "tugas": "Surat Tugas Pendampingan",
    "konseling": "Laporan Hasil Konseling Kasus",
}
"""Titles for the print pack's outline."""

# -- text ----------------------------------------------------------------------

#: Characters XML 1.0 forbids (and U+FFFE/U+FFFF, lone surrogates). Tab (\x09),
#: line feed (\x0a) and carriage return (\x0d, folded into \n) are allowed.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """Remove what XML 1.0 forbids; fold Windows and old Mac line ends into ``\\n``.

    >>> clean_text("PT Maju\\x0b & Jaya\\x00")
    'PT Maju & Jaya'
    >>> clean_text("baris 1\\r\\nbaris 2\\rbaris 3")
    'baris 1\\nbaris 2\\nbaris 3'
    >>> clean_text("kolom\\tkolom")
    'kolom\\tkolom'
    """
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_ILLEGAL.sub("", value)


def _one_line(value: Any) -> Any:
    if isinstance(value, str):
        value = clean_text(value)
        if "\n" in value.strip():
            raise ValueError("one line expected (no line breaks)")
    return value


def _many_lines(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


Nama = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    BeforeValidator(_one_line),
]
"""A person's name as printed: one line, at most 100 characters."""
Baris = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    BeforeValidator(_one_line),
]
"""A one-line field (place, relation, number...): at most 200 characters."""
Alamat = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    BeforeValidator(_one_line),
]
Nomor = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=60),
    BeforeValidator(_one_line),
]
"""A letter, agenda or case number such as '001/REG-PPA/XI/2026'."""
Telepon = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=6, max_length=20, pattern=r"^\+?[0-9][0-9 \-]*$"
    ),
    BeforeValidator(_one_line),
]
Teks = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000),
    BeforeValidator(_many_lines),
]
"""Free text of one or more paragraphs (chronology, assessment): at most 10,000 characters."""


def _born(value: date) -> date:
    if value > today():
        raise ValueError("a birth date that is not in the future expected")
    return value


TanggalLahir = Annotated[date, AfterValidator(_born)]
"""A birth date: never after today (WIB)."""

JenisKelamin = Literal["Laki-laki", "Perempuan"]

#: Simfoni-PPA choice lists (the national case system), see FORMS.md.
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
StatusPenandatangan = Literal["", "Plt.", "Plh."]
"""'Plt.' (pelaksana tugas) or 'Plh.' (pelaksana harian) before the signer's jabatan."""

_PARTIKEL = frozenset({"bin", "binti", "bt", "bt.", "b.", "van", "von", "de"})
_KATA = re.compile(r"[^\s\-]+")


def initials(nama: str) -> str:
    """The initials that stand for a person in letters that leave the office.

    >>> initials("Putri Ayu Lestari")
    'P.A.L.'
    >>> initials("siti nurhaliza binti ahmad")
    'S.N.A.'
    >>> initials("Rahmat")
    'R.'
    >>> initials("Nur'aini Siti-Aminah")
    'N.S.A.'
    >>> initials("  ")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: nama: a name is needed to write its initials
    """
    letters = []
    for word in _KATA.findall(nama):
        if word.lower() in _PARTIKEL:
            continue
        first = next((c for c in word if c.isalnum()), "")
        if first:
            letters.append(first.upper())
    if not letters:
        raise SuratError("nama: a name is needed to write its initials")
    return "".join(f"{c}." for c in letters)


def umur(lahir: date, pada: date) -> int:
    """Age in whole years on a date.

    >>> umur(date(2017, 3, 14), date(2026, 11, 22))
    9
    >>> umur(date(2008, 11, 23), date(2026, 11, 22))
    17
    """
    years = pada.year - lahir.year
    if (pada.month, pada.day) < (lahir.month, lahir.day):
        years -= 1
    return years


def format_jam(t: time) -> str:
    """A time as Indonesian letters print it.

    >>> format_jam(time(9, 0))
    '09.00 WIB'
    """
    return f"{t.hour:02d}.{t.minute:02d} WIB"


# -- models ----------------------------------------------------------------------


class _Model(BaseModel):
    """A part of a letter's data. Its repr names the type only: it may hold a victim's data."""

    # hide_input_in_errors: even a ValidationError raised outside validate() never
    # quotes what was typed.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, hide_input_in_errors=True)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(...)"

    def __str__(self) -> str:
        return repr(self)

    def agenda(self, office: Office) -> dict[str, Any]:
        """The agenda entry (klasifikasi, tanggal, perihal, tujuan) for the register.

        Only numbered kinds have one; it never holds the victim's name.
        """
        raise SuratError(f"{type(self).__name__.lower()}: this letter is not numbered")


def _check_nik(v: str) -> str:
    try:
        return validate_nik(v)
    except SuratError as exc:
        raise ValueError(str(exc).removeprefix("nik: ")) from None


def _check_nip(v: str | None) -> str | None:
    if v is None or v.strip() in ("", "-"):
        return None
    try:
        return validate_nip(v)
    except SuratError as exc:
        raise ValueError(str(exc).removeprefix("nip: ")) from None


class Pelapor(_Model):
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
        return _check_nik(v)


class Korban(_Model):
    """The victim with full identity: only in the request (permohonan)."""

    nama: Nama
    tanggal_lahir: TanggalLahir | None = None
    umur: int | None = Field(default=None, ge=0, le=120)
    """Age in years when the birth date is unknown."""
    jenis_kelamin: JenisKelamin
    pendidikan: Baris | None = None
    """Last education, e.g. 'SD kelas 3'."""
    alamat: Alamat | None = None

    @model_validator(mode="after")
    def _age(self) -> Korban:
        if self.tanggal_lahir is None and self.umur is None:
            raise ValueError("tanggal_lahir or umur is needed")
        return self


class Wali(_Model):
    """A parent or guardian who co-signs the request of a child."""

    nama: Nama
    hubungan: Baris


class Terlapor(_Model):
    """The alleged perpetrator, when known."""

    nama: Nama | None = None
    hubungan: HubunganPelaku = "Tidak Diketahui"


class Lampiran(_Model):
    """The attachments checklist of the SOP (KTP; birth certificate for a child reporter; KK)."""

    ktp: bool = False
    akta_kelahiran: bool = False
    """Akta Kelahiran / KIA, for a child reporter."""
    kartu_keluarga: bool = False


class Pengaduan(_Model):
    """What a reporter brings: who, to whom, what happened, what help is asked.

    Shared by the request letter (:class:`Permohonan`) and the case file
    (:class:`surat.Kasus`), so both check the same facts the same way.
    """

    tanggal: date | None = None
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
            raise ValueError("wali is needed: a parent or guardian co-signs a child's request")
        return self


class Permohonan(Pengaduan):
    """Surat permohonan pendampingan kasus: the reporter's own letter (internal, full identity)."""

    tempat: Baris | None = None
    """Where the reporter writes; the office's city when empty."""
    nomor_agenda: Nomor | None = None
    """Incoming agenda number (surat masuk), once the office has recorded it."""
    di: Baris | None = None


class RujukanPermohonan(_Model):
    """The request an approval answers: its date and incoming agenda number."""

    tanggal: date
    nomor_agenda: Nomor


class KorbanKasus(_Model):
    """The victim as letters that leave the office know her: initials and case number.

    ``nama`` is needed to write the initials; it never reaches the template.
    """

    nama: Nama
    nomor_registrasi: Nomor
    """Case registration number from the Buku Register, e.g. '001/REG-PPA/XI/2026'."""


class Pendamping(_Model):
    """A companion (pendamping) who accompanies the victim."""

    nama: Nama
    nip: str | None = None
    """18 digits; None or '-' for contract staff and volunteers."""
    pangkat: Baris | None = None
    """Pangkat/golongan, e.g. 'Penata (III/c)'; None for contract staff."""
    jabatan: Baris

    @field_validator("nip")
    @classmethod
    def _nip(cls, v: str | None) -> str | None:
        return _check_nip(v)


class Persetujuan(_Model):
    """Surat persetujuan pendampingan: approves a request (leaves the office: initials only)."""

    tanggal: date | None = None
    """The letter's date; the register number's date, else today (WIB)."""
    kepada: Baris = "Sdr. Pelapor"
    di: Baris | None = None
    lampiran: Baris = "-"
    permohonan: RujukanPermohonan
    korban: KorbanKasus
    layanan: list[Layanan] = Field(min_length=1, max_length=11)
    pendamping: list[Pendamping] = Field(min_length=1, max_length=10)
    tembusan: list[Baris] = Field(default_factory=list, max_length=10)
    """Copy recipients added to the office's defaults."""
    status_penandatangan: StatusPenandatangan = ""

    def agenda(self, office: Office) -> dict[str, Any]:
        return {
            "klasifikasi": office.klasifikasi("persetujuan"),
            "tanggal": self.tanggal or today(),
            "perihal": "Persetujuan Pendampingan",
            "tujuan": self.kepada,
        }


class RujukanSurat(_Model):
    """Another letter referred to: its number and date."""

    nomor: Nomor
    tanggal: date


class Penugasan(_Model):
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


class Tugas(_Model):
    """Surat tugas pendampingan: assigns companions (leaves the office: initials only)."""

    tanggal: date | None = None
    """The letter's date; the register number's date, else today (WIB)."""
    korban: KorbanKasus
    persetujuan: RujukanSurat
    """The approval letter this assignment follows."""
    dasar: list[Baris] = Field(default_factory=list, max_length=6)
    """Further grounds after the standard laws, e.g. 'Undang-Undang Nomor 12 Tahun 2022 ...'."""
    diktum: Literal["MENUGASKAN", "MEMERINTAHKAN"] = "MENUGASKAN"
    pendamping: list[Pendamping] = Field(min_length=1, max_length=10)
    """At most ten: more belong in an appendix."""
    tugas: list[Penugasan] = Field(min_length=1, max_length=8)
    tembusan: list[Baris] = Field(default_factory=list, max_length=10)
    status_penandatangan: StatusPenandatangan = ""

    def agenda(self, office: Office) -> dict[str, Any]:
        return {
            "klasifikasi": office.klasifikasi("tugas"),
            "tanggal": self.tanggal or today(),
            "perihal": "Surat Tugas Pendampingan",
            "tujuan": ", ".join(p.nama for p in self.pendamping),
        }


class KorbanKonseling(_Model):
    """The client of a counseling session."""

    nama: Nama
    nomor_registrasi: Nomor
    tanggal_lahir: TanggalLahir | None = None
    umur: int | None = Field(default=None, ge=0, le=120)
    jenis_kelamin: JenisKelamin

    @model_validator(mode="after")
    def _age(self) -> KorbanKonseling:
        if self.tanggal_lahir is None and self.umur is None:
            raise ValueError("tanggal_lahir or umur is needed")
        return self


class Sesi(_Model):
    """When and where the counseling took place."""

    tanggal: date
    jam_mulai: time
    jam_selesai: time | None = None
    tempat: Baris


class Konselor(_Model):
    """The counselor who writes and signs the report."""

    nama: Nama
    nip: str | None = None
    jabatan: Baris = "Konselor"

    @field_validator("nip")
    @classmethod
    def _nip(cls, v: str | None) -> str | None:
        return _check_nip(v)


class Asesmen(_Model):
    """Observation of the client's condition."""

    biologis: Teks
    psikologis: Teks
    sosial: Teks
    spiritual: Teks


class HasilKonseling(_Model):
    """What a counseling session found: shared by the report (:class:`Konseling`)
    and the case file (:class:`surat.kasus.KasusKonseling`)."""

    tanggal: date | None = None
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

    @model_validator(mode="after")
    def _session(self) -> HasilKonseling:
        s = self.sesi
        if s.jam_selesai is not None and s.jam_selesai <= s.jam_mulai:
            raise ValueError("sesi.jam_selesai must be after sesi.jam_mulai")
        if self.tanggal is not None and self.tanggal < s.tanggal:
            raise ValueError("tanggal: the report cannot be dated before its session")
        return self


class Konseling(HasilKonseling):
    """Laporan hasil konseling kasus (internal, restricted: initials unless asked)."""

    korban: KorbanKonseling
    riwayat: Teks
    """Case history: 5W1H, chronology from the first to the last incident."""


MODELS: dict[str, type[_Model]] = {
    "permohonan": Permohonan,
    "persetujuan": Persetujuan,
    "tugas": Tugas,
    "konseling": Konseling,
}


def validate(kind: str, data: Any) -> _Model:
    """Check *data* (a dict or the kind's model) and return the kind's model.

    Every problem is listed with its field path; no value is ever quoted.
    """
    model = MODELS.get(kind)
    if model is None:
        raise SuratError(f"kind: one of {', '.join(KINDS)} expected, got {kind!r}")
    if isinstance(data, model):
        return data
    if isinstance(data, BaseModel):
        raise SuratError(
            f"{kind}: a {model.__name__} or a dict expected, got a {type(data).__name__}"
        )
    if not isinstance(data, dict):
        raise SuratError(f"{kind}: the data must be a dict or a {model.__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise field_errors(exc, kind) from None


# -- context --------------------------------------------------------------------

DOTTED_NAME = "." * 36
"""Printed where an official's name is not in the profile: written by hand."""

DASAR_TUGAS: tuple[str, ...] = (
    "Undang-Undang Nomor 23 Tahun 2004 tentang Penghapusan Kekerasan dalam Rumah Tangga",
    "Undang-Undang Nomor 35 Tahun 2014 tentang Perubahan atas Undang-Undang Nomor 23 "
    "Tahun 2002 tentang Perlindungan Anak",
    "Peraturan Daerah Kota Batam Nomor 2 Tahun 2016 tentang Perlindungan Anak",
)
"""The standard grounds of a surat tugas (SOP 34 and 32)."""

RUJUKAN_PSIKOLOG = (
    "Kondisi psikis klien belum stabil: sebelum pendampingan dilakukan, klien "
    "dikonsultasikan terlebih dahulu kepada psikolog."
)
RUJUKAN_RUMAH_AMAN = (
    "Demi keamanan klien, klien ditempatkan sementara di rumah aman (shelter) "
    "selama proses pendampingan."
)


def pejabat_context(p: Pejabat) -> dict[str, Any]:
    return {
        "jabatan": p.jabatan,
        "singkatan": p.singkatan or p.jabatan,
        "nama": p.nama or DOTTED_NAME,
        "pangkat": p.pangkat or "",
        "nip": format_nip(p.nip) if p.nip else "",
    }


def _signer(kind: str, office: Office, status: str = "") -> dict[str, Any]:
    """The signature block: a.n. line, jabatan (with Plt./Plh.), name, pangkat, NIP."""
    signer = office.signer(kind)
    block = pejabat_context(signer)
    on_behalf = office.atas_nama.get(kind)
    block["an"] = f"a.n. {office.official(on_behalf).jabatan}," if on_behalf else ""
    block["jabatan"] = f"{status} {signer.jabatan}".strip()
    return block


def _paraf(kind: str, office: Office, extra: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    roles = list(office.paraf.get(kind, []))
    roles += [r for r in extra if r not in roles]
    return [
        {"no": i, "jabatan": office.official(r).singkatan or office.official(r).jabatan}
        for i, r in enumerate(roles, 1)
    ]


def tembusan_for(kind: str, office: Office, extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The office's default copy recipients for *kind*, then *extra*, without repeats."""
    out: list[str] = []
    for name in [*office.tembusan.get(kind, []), *extra]:
        if name not in out:
            out.append(name)
    return out


def kop_context(office: Office) -> dict[str, Any]:
    kontak = []
    if office.telepon:
        kontak.append(f"Telepon {office.telepon}")
    if office.email:
        kontak.append(f"Pos-el {office.email}")
    if office.laman:
        kontak.append(f"Laman {office.laman}")
    return {
        "pemerintah": office.pemerintah,
        "nama": office.nama,
        "alamat": office.alamat,
        "kontak": " · ".join(kontak),
        "kota": office.kota,
    }


def _pendamping(items: list[Pendamping]) -> list[dict[str, Any]]:
    return [
        {
            "no": i,
            "nama": p.nama,
            "nip": format_nip(p.nip) if p.nip else "-",
            "pangkat": p.pangkat or "-",
            "jabatan": p.jabatan,
        }
        for i, p in enumerate(items, 1)
    ]


def _rentang(mulai: date, selesai: date | None) -> str:
    if selesai is None or selesai == mulai:
        return f"{hari(mulai)}, {format_tanggal(mulai)}"
    return f"{format_tanggal(mulai)} s.d. {format_tanggal(selesai)}"


def build_context(
    kind: str, data: _Model, office: Office, *, tanggal: date, nomor: str | None = None
) -> dict[str, Any]:
    """What the kind's template may print: office, letter header, signer, and the data.

    Letters that leave the office get the victim's initials, never the name.
    """
    surat: dict[str, Any] = {
        "nomor": nomor or "",
        "tanggal": tanggal,
        "tempat": office.kota,
        "tanggal_teks": f"{office.kota}, {format_tanggal(tanggal)}",
        "judul": JUDUL[kind],
        "tahun": tanggal.year,
        "bulan_romawi": bulan_romawi(tanggal.month),
    }
    ctx: dict[str, Any] = {"kop": kop_context(office), "surat": surat}
    if isinstance(data, Permohonan):
        ctx.update(_permohonan(data, office, surat, tanggal))
    elif isinstance(data, Persetujuan):
        surat.update(sifat="Rahasia", lampiran=data.lampiran, hal="Persetujuan Pendampingan")
        ctx.update(
            kepada=data.kepada,
            di=data.di or office.kota,
            permohonan={
                "tanggal": data.permohonan.tanggal,
                "nomor_agenda": data.permohonan.nomor_agenda,
            },
            korban={
                "inisial": initials(data.korban.nama),
                "nomor_registrasi": data.korban.nomor_registrasi,
            },
            layanan=list(data.layanan),
            pendamping=_pendamping(data.pendamping),
            penandatangan=_signer(kind, office, data.status_penandatangan),
            paraf=_paraf(kind, office),
            tembusan=tembusan_for(kind, office, data.tembusan),
        )
    elif isinstance(data, Tugas):
        signer = _signer(kind, office, data.status_penandatangan)
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
        # The report goes to the head on whose behalf the letter is signed, else the signer.
        lapor = office.official(
            office.atas_nama.get(kind) or office.penandatangan.get(kind, "kepala_dinas")
        )
        ctx.update(
            korban={"inisial": inisial, "nomor_registrasi": nr},
            persetujuan={"nomor": data.persetujuan.nomor, "tanggal": data.persetujuan.tanggal},
            dasar=[
                d.rstrip(";.") + (";" if i < len(dasar) else ".") for i, d in enumerate(dasar, 1)
            ],
            diktum=" ".join(data.diktum),
            pendamping=_pendamping(data.pendamping),
            tugas=tugas,
            lapor_kepada=lapor.jabatan,
            penandatangan=signer,
            paraf=_paraf(kind, office),
            tembusan=tembusan_for(kind, office, data.tembusan),
        )
    elif isinstance(data, Konseling):
        ctx.update(_konseling(data, office))
    else:  # pragma: no cover - validate() returns only the four models
        raise SuratError(f"kind: unknown model {type(data).__name__}")
    return ctx


def _umur_teks(lahir: date | None, years: int | None, pada: date) -> str:
    if lahir is not None:
        return f"{umur(lahir, pada)} tahun"
    return f"{years} tahun"


def _permohonan(
    d: Permohonan, office: Office, surat: dict[str, Any], tanggal: date
) -> dict[str, Any]:
    tempat = d.tempat or office.kota
    surat.update(
        tempat=tempat,
        tanggal_teks=f"{tempat}, {format_tanggal(tanggal)}",
        hal="Permohonan Pendampingan Kasus",
        nomor_agenda=d.nomor_agenda or "",
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
        "lampiran": lampiran,
    }


def _konseling(d: Konseling, office: Office) -> dict[str, Any]:
    k, s = d.korban, d.sesi
    rencana = []
    if not d.kondisi_psikis_stabil:
        rencana.append(RUJUKAN_PSIKOLOG)
    if d.perlu_rumah_aman:
        rencana.append(RUJUKAN_RUMAH_AMAN)
    rencana += list(d.rencana_tindak_lanjut)
    signer_role = office.penandatangan.get("konseling", "kepala_dinas")
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
        "rekomendasi": d.rekomendasi,
        "penandatangan": _signer("konseling", office),
        "paraf": _paraf("konseling", office, extra=(signer_role,)),
        "tembusan": tembusan_for("konseling", office),
    }


# -- examples -------------------------------------------------------------------


def example_data(kind: str) -> dict[str, Any]:
    """Complete, realistic and entirely fictional data for one letter kind.

    Every person in it is invented; the NIK and NIP have the right shape only.

    >>> example_data("persetujuan")["korban"]
    {'nama': 'Putri Ayu Lestari', 'nomor_registrasi': '001/REG-PPA/XI/2026'}
    >>> validate("tugas", example_data("tugas")).diktum
    'MENUGASKAN'
    """
    korban_kasus = {"nama": "Putri Ayu Lestari", "nomor_registrasi": "001/REG-PPA/XI/2026"}
    pendamping = [
        {
            "nama": "Rina Marlina, S.Psi.",
            "nip": "19870512 201001 2 003",
            "pangkat": "Penata (III/c)",
            "jabatan": "Analis Perlindungan Anak",
        },
        {
            "nama": "Hendra Gunawan, S.H.",
            "nip": None,
            "pangkat": None,
            "jabatan": "Pendamping Hukum P2TP2A",
        },
    ]
    examples: dict[str, dict[str, Any]] = {
        "permohonan": {
            "tanggal": "2026-11-16",
            "nomor_agenda": "014/SM/2026",
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
        },
        "persetujuan": {
            "tanggal": "2026-11-22",
            "kepada": "Sdr. Pelapor",
            "permohonan": {"tanggal": "2026-11-16", "nomor_agenda": "014/SM/2026"},
            "korban": korban_kasus,
            "layanan": ["Kesehatan", "Pendampingan Psikologis", "Bantuan Hukum"],
            "pendamping": pendamping,
            "tembusan": [],
        },
        "tugas": {
            "tanggal": "2026-11-23",
            "korban": korban_kasus,
            "persetujuan": {"nomor": "001/DP3A-PP-KB/PPA/XI/2026", "tanggal": "2026-11-22"},
            "pendamping": pendamping,
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
        },
        "konseling": {
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
            "rekomendasi": "Pendampingan psikologis dan bantuan hukum disetujui untuk diberikan.",
        },
    }
    if kind not in examples:
        raise SuratError(f"kind: one of {', '.join(KINDS)} expected, got {kind!r}")
    import copy

    return copy.deepcopy(examples[kind])
