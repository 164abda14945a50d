"""A register holding a month of casework: cases with their categories, letters, SOP steps;
and the disposition of the example case's request (SOP 32 step 3).

Shared by the tests of the buku kronologi, the monthly report and the privacy
scan. The example case (examples/kasus.json) walks SOP 34 with realistic
times: step 2 takes 75 minutes against 60 (late), step 4 is returned once and
step 3 redone.
"""

from __future__ import annotations

from pathlib import Path

from surat import Kasus, Register
from surat.simfoni import KategoriKasus

EXAMPLES = Path(__file__).parent.parent / "examples"

#: (langkah, mulai, selesai, oleh, hasil) of the example case, WIB.
LANGKAH_34 = [
    (1, "2026-11-16 09:00", "2026-11-16 09:05", "pelapor", "selesai"),
    (2, "2026-11-16 09:10", "2026-11-16 10:25", "staf_penerima", "selesai"),
    (3, "2026-11-17 13:00", "2026-11-17 13:25", "staf_penerima", "selesai"),
    (4, "2026-11-18 08:30", "2026-11-18 08:50", "kasi_pha", "dikembalikan"),
    (3, "2026-11-18 09:00", "2026-11-18 09:20", "staf_penerima", "selesai"),
    (4, "2026-11-18 10:00", "2026-11-18 10:20", "kasi_pha", "selesai"),
    (5, "2026-11-19 09:00", "2026-11-19 09:25", "kabid", "selesai"),
    (6, "2026-11-23 10:00", "2026-11-23 10:50", "p2tp2a", "selesai"),
]

REMAJA = KategoriKasus(
    jenis_kekerasan=("Seksual",),
    tempat_kejadian="Sekolah",
    hubungan_pelaku="Guru",
    layanan=("Bantuan Hukum",),
    jenis_kelamin="Laki-laki",
    kelompok_umur="13-17",
)


def example_case(reg: Register) -> str:
    """Register the example case with its numbers (no letter rendered) and walk SOP 34."""
    kasus = Kasus.from_file(EXAMPLES / "kasus.json")
    nomor = reg.register_case(
        perihal="Penanganan kasus kekerasan: Fisik, Psikis",
        tanggal="2026-11-16",
        kategori=kasus.kategori(),
    ).nomor
    reg.receive(
        dari=f"Pelapor kasus {nomor}",
        tanggal_surat="2026-11-16",
        perihal="Permohonan Pendampingan Kasus",
        tanggal_terima="2026-11-16",
        nomor_registrasi=nomor,
    )
    reg.issue(perihal="Persetujuan Pendampingan", tujuan=f"Pelapor kasus {nomor}",
              klasifikasi="PPA", tanggal="2026-11-20", nomor_registrasi=nomor)  # fmt: skip
    reg.issue(perihal="Surat Tugas Pendampingan", tujuan="Rina Marlina, S.Psi.",
              klasifikasi="PPA", tanggal="2026-11-23", nomor_registrasi=nomor)  # fmt: skip
    for langkah, mulai, selesai, oleh, hasil in LANGKAH_34:
        reg.record_step(nomor, sop="34", langkah=langkah, mulai=mulai, selesai=selesai,
                        oleh=oleh, hasil=hasil)  # fmt: skip
    return nomor


def month(reg: Register) -> dict[str, str]:
    """A November: the example case, a second case, a void one, an October case still
    running, a voided letter. Returns the registration numbers by name."""
    oktober = reg.register_case(perihal="Penanganan kasus", tanggal="2026-10-28",
                                kategori=REMAJA).nomor  # fmt: skip
    contoh = example_case(reg)
    remaja = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-20",
                               kategori=REMAJA).nomor  # fmt: skip
    salah = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-21").nomor
    reg.void(salah, alasan="didaftarkan dua kali", buku="kasus")
    keliru = reg.issue(perihal="Undangan rapat", klasifikasi="PPA", tanggal="2026-11-24")
    reg.void(keliru.nomor, alasan="salah ketik")
    # the October case runs on into November: its step counts in November
    reg.record_step(oktober, sop="34", langkah=6, mulai="2026-11-02 08:00",
                    selesai="2026-11-02 10:30", oleh="p2tp2a")  # fmt: skip
    reg.record_step(remaja, sop="34", langkah=2, mulai="2026-11-20 13:00",
                    selesai="2026-11-20 13:40", oleh="staf_penerima")  # fmt: skip
    return {"oktober": oktober, "contoh": contoh, "remaja": remaja, "salah": salah}


def disposisi(nomor_registrasi: str, nomor_agenda: str) -> dict[str, object]:
    """SOP 32 step 3 for the example case: the Kasi PHA approves assistance and sends
    the request on to the staff who drafts the approval letter ("Perintah untuk membuat
    surat persetujuan pendampingan"), never to the Ketua P2TP2A who signs it."""
    return {
        "tanggal": "2026-11-16",
        "dari": "Sri Wahyuningsih (pelapor)",
        "tanggal_surat": "2026-11-16",
        "diterima": "2026-11-16",
        "nomor_agenda": nomor_agenda,
        "sifat": "Rahasia",
        "perihal": "Permohonan Pendampingan Kasus",
        "korban": {"nama": "Putri Ayu Lestari", "nomor_registrasi": nomor_registrasi},
        "diteruskan": ["staf_pha"],
        "harap": ["Proses lebih lanjut"],
        "catatan": "Setuju didampingi. Buatkan surat persetujuan pendampingan.",
        "tanggal_penyelesaian": "2026-11-20",
        "oleh": "kasi_pha",
    }
