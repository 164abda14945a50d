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
from ._docx import (
    CELL_BOTTOM,
    CENTER,
    JUSTIFY,
    RIGHT,
    SIGN_SPACE,
    cant_split,
    cell_text,
    fields_table,
    kop,
    new_document,
    numbered,
    para,
    paraf_table,
    signer_lines,
    table,
    tag,
)
from .fields import (
    Baris,
    JenisKelamin,
    Nama,
    Nomor,
    TanggalLahir,
    Teks,
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

LABEL_KONSELING = 4.0  # cm: the longest label, "Kondisi Psikologis", takes 3.4

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
    nomor_registrasi: Nomor
    tanggal_lahir: TanggalLahir | None = None
    umur: int | None = Field(default=None, ge=0, le=120)
    jenis_kelamin: JenisKelamin


class Sesi(DataSurat):
    """When and where the counseling took place."""

    tanggal: date
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
        "rekomendasi": "Pendampingan psikologis dan bantuan hukum disetujui untuk diberikan.",
    }


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Laporan Hasil Konseling Kasus", rahasia=True)
    kop(doc)
    para(doc, "RAHASIA", bold=True, size=11, align=RIGHT)
    para(doc, "LAPORAN HASIL KONSELING KASUS", bold=True, underline=True, size=13, align=CENTER)
    para(
        doc,
        "Nomor Registrasi Kasus: {{ klien.nomor_registrasi }}",
        align=CENTER,
        after=12,
    )

    def heading(text: str) -> None:
        para(
            doc,
            text,
            bold=True,
            before=8,
            after=3,
            keep_next=True,
            hanging=0.6,
            left=0.6,
            tabs=[0.6],
        )

    def text(value: str) -> None:
        para(doc, value, align=JUSTIFY, left=0.6, after=3)

    heading("1.\tIdentitas Klien")
    fields_table(
        doc,
        [
            ("Nomor Registrasi", "{{ klien.nomor_registrasi }}"),
            (
                "{% if klien.nama %}Nama{% else %}Inisial{% endif %}",
                "{% if klien.nama %}{{ klien.nama }}{% else %}{{ klien.inisial }}{% endif %}",
            ),
            ("Umur", "{{ klien.umur }}"),
            ("Jenis Kelamin", "{{ klien.jenis_kelamin }}"),
        ],
        left=0.6,
        label_w=LABEL_KONSELING,
    )
    heading("2.\tSumber Rujukan dan Pelaksanaan Konseling")
    fields_table(
        doc,
        [
            ("Sumber Rujukan", "{{ sumber_rujukan }}"),
            ("Hari/Tanggal", "{{ sesi.hari_tanggal }}"),
            ("Waktu", "{{ sesi.jam }}"),
            ("Tempat", "{{ sesi.tempat }}"),
            ("Konselor", "{{ konselor.nama }}"),
        ],
        left=0.6,
        label_w=LABEL_KONSELING,
    )
    heading("3.\tKeluhan")
    text("{{ keluhan }}")
    heading("4.\tRiwayat Kasus")
    text("{{ riwayat }}")
    tag(doc, "{%p if frekuensi %}")
    text("Frekuensi kejadian: {{ frekuensi }}")
    tag(doc, "{%p endif %}")
    heading("5.\tAsesmen/Observasi")
    fields_table(
        doc,
        [
            ("Kondisi Biologis", "{{ asesmen.biologis }}"),
            ("Kondisi Psikologis", "{{ asesmen.psikologis }}"),
            ("Kondisi Sosial", "{{ asesmen.sosial }}"),
            ("Kondisi Spiritual", "{{ asesmen.spiritual }}"),
            ("Kondisi Psikis", "{{ kondisi_psikis }}"),
        ],
        left=0.6,
        label_w=LABEL_KONSELING,
    )
    heading("6.\tHipotesis")
    text("{% if hipotesis %}{{ hipotesis }}{% else %}-{% endif %}")
    para(
        doc,
        "Diagnosis hanya ditetapkan oleh psikolog yang berwenang.",
        italic=True,
        size=10,
        left=0.6,
        after=3,
    )
    heading("7.\tIntervensi yang Diberikan")
    text("{{ intervensi }}")
    heading("8.\tRencana Tindak Lanjut/Rujukan")
    numbered(doc, "for x in rencana_tindak_lanjut", "{{ x }}", left=0.6)
    heading("9.\tRekomendasi")
    para(doc, "{{ rekomendasi }}", align=JUSTIFY, left=0.6, after=3, keep_next=True)
    para(doc, "", after=6, keep_next=True)

    # Two signature blocks side by side in one row that never splits (a page
    # break never parts a jabatan from its name). Both cells are bottom-aligned
    # and hold as many lines under the name (a blank for the konselor when the
    # signer has a pangkat, a NIP line or an empty one on each side), so both
    # names sit on one line.
    t = table(doc, 1, [8.0, 8.0])
    cant_split(t.rows[0])
    left, right = t.rows[0].cells
    for c in (left, right):
        c.vertical_alignment = CELL_BOTTOM
    cell_text(left, "Mengetahui,", align=CENTER)
    tag(left, "{%p if penandatangan.an %}")
    signer_lines(left)
    cell_text(right, "{{ surat.tanggal_teks }}", align=CENTER)
    para(right, "{{ konselor.jabatan }},", align=CENTER)
    for c in (left, right):
        for _ in range(SIGN_SPACE):
            para(c, "", align=CENTER)
    para(left, "{{ penandatangan.nama }}", bold=True, underline=True, align=CENTER)
    para(right, "{{ konselor.nama }}", bold=True, underline=True, align=CENTER)
    tag(left, "{%p if penandatangan.pangkat %}")
    para(left, "{{ penandatangan.pangkat }}", align=CENTER)
    tag(left, "{%p endif %}")
    tag(right, "{%p if penandatangan.pangkat %}")
    para(right, "", align=CENTER)
    tag(right, "{%p endif %}")
    para(
        left,
        "{% if penandatangan.nip %}NIP. {{ penandatangan.nip }}{% endif %}",
        align=CENTER,
    )
    para(right, "{% if konselor.nip %}NIP. {{ konselor.nip }}{% endif %}", align=CENTER)
    para(doc, "", size=8)
    p = table(doc, 1, [7.0, 9.0])
    cant_split(p.rows[0])
    paraf_table(p.rows[0].cells[0], title="Paraf")
    return doc


KIND = Kind(
    id="konseling",
    judul="Laporan Hasil Konseling Kasus",
    model=Konseling,
    numbered=False,
    privasi="internal",
    signable=True,
    context=context,
    example=example,
    template=template,
)
