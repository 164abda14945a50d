"""What `make demo` runs: one case through the SOP, from intake to closure.

A fresh SQLite register in out/, the shipped sample case (surat/starter/kasus.json,
fictional people, the file `surat contoh kasus` writes) printed as the office
completes it over weeks: first its intake, counseling, approval and assignment
(out/kasus-awal.pdf), then, a week later, every stage (out/kasus.pdf): the
documents printed before keep their numbers, only the referrals, the
invitation and the minutes take new ones, and the closure report closes the
case. Each print is two files: the letters that leave the office (with the
stamped copies for the Head of Office) and the internal papers (the request
with NIK and address, the consent, the counseling report, the memos, the
companions' reports, the minutes, the closure report) encrypted with the
password of SURAT_SANDI_INTERNAL (the demo's own 'demo-internal' when it is
not set). Between the two, a batch of approval letters from examples/batch.csv.
Then the agenda books as the office would read them, the Kasi's lembar
disposisi of the request, the case's buku kronologi and the month's report for
the head of office (PDF and XLSX).
"""

from __future__ import annotations

import csv
import os
import sys
import time
from pathlib import Path

import surat
from surat.cli import main as cli
from surat.kasus import Kasus

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "out"
KASUS = HERE.parent / "surat" / "starter" / "kasus.json"
"""The one sample case: the shipped starter (examples/kasus.json links to it)."""
AWAL = "penerimaan,konseling,persetujuan,penugasan"
"""The stages the office prints in the case's first week."""


def main() -> int:
    OUT.mkdir(mode=0o700, exist_ok=True)
    for old in OUT.glob("agenda.db*"):
        old.unlink()
    office = surat.Office.from_toml(HERE / "kantor.toml")
    db = OUT / "agenda.db"
    written: list[Path] = []

    print(f"{office.pemerintah} — {office.singkatan}")
    print(f"Hari ini (WIB): {surat.format_tanggal(surat.today(), 'full')}\n")

    started = time.perf_counter()
    kasus = Kasus.from_file(KASUS)
    sandi = os.environ.pop("SURAT_SANDI_INTERNAL", None) or "demo-internal"
    with surat.Register(db, office=office) as reg:
        print(f"Minggu pertama: tahap {AWAL}")
        awal = kasus.print_pack(reg, OUT / "kasus-awal.pdf", sandi_internal=sandi, tahap=AWAL)
        written += [OUT / "kasus-awal.pdf", OUT / "kasus-awal-internal.pdf"]
        print(f"{awal}  [{time.perf_counter() - started:.1f} s]")
        nomor_registrasi = awal.nomor_registrasi
        assert nomor_registrasi is not None
        print(f"\nLangkah SOP, kasus {nomor_registrasi}:")
        walk_sop(reg, nomor_registrasi)

        print("\nKasus dan surat permohonan yang dijawab cetak massal:")
        register_batch_cases(reg)
        summary = surat.batch.print_batch(
            "persetujuan", HERE / "batch.csv", OUT / "cetak.pdf", register=reg, office=office
        )
        written.append(OUT / "cetak.pdf")
        print(f"\nCetak massal:\n{summary}\n")

        # the case file, completed: its registration number written in, every stage printed
        kasus = kasus.model_copy(update={"nomor_registrasi": nomor_registrasi})
        started = time.perf_counter()
        print("Sampai penutupan: --tahap semua (yang sudah tercatat dicetak ulang)")
        pack = kasus.print_pack(reg, OUT / "kasus.pdf", sandi_internal=sandi, tahap="semua")
        written += [OUT / "kasus.pdf", OUT / "kasus-internal.pdf"]
        print(f"{pack}  [{time.perf_counter() - started:.1f} s]")
        print("Dokumen internal terenkripsi AES-256 (sandi: SURAT_SANDI_INTERNAL)\n")

        print("Buku Register Penanganan Kasus:")
        for e in reg.cases(tahun=None):
            print(f"  {e.nomor}  {surat.format_tanggal(e.tanggal)}  {e.perihal}")
        print("Buku Agenda Surat Masuk:")
        for m in reg.received(tahun=None):
            print(f"  {m.nomor}  {surat.format_tanggal(m.tanggal_terima)}  {m.perihal}")
    print("\nBuku Agenda Surat Keluar:")
    cli(["agenda", "--db", str(db), "--kantor", str(HERE / "kantor.toml")])
    print("\nBuku Register Penanganan Kasus (kategori Simfoni-PPA, langkah SOP):")
    cli(["agenda", "--db", str(db), "--buku", "kasus"])
    with surat.Register(db, office=office) as reg:
        for buku in ("keluar", "masuk", "kasus"):
            written.append(reg.export(OUT / f"buku-{buku}.xlsx", buku=buku))
        written += print_books(reg, office, kasus, nomor_registrasi)
    written.append(db)

    print("\nDitulis:")
    for p in written:
        print(f"  {p.relative_to(HERE.parent)}")
    return 0


#: The example case through SOP 34, as the office worked it (times in WIB). Step 2
#: (receiving the file and counseling) took 75 minutes against its 60; the Kasi
#: returned the counseling report once (step 4), so steps 3 and 4 ran twice.
LANGKAH = (
    (1, "2026-11-16 09:00", "2026-11-16 09:04", "pelapor", "selesai"),
    (2, "2026-11-17 09:45", "2026-11-17 11:00", "staf_penerima", "selesai"),
    (3, "2026-11-18 08:30", "2026-11-18 08:58", "staf_penerima", "selesai"),
    (4, "2026-11-18 13:00", "2026-11-18 13:20", "kasi_pha", "dikembalikan"),
    (3, "2026-11-18 14:00", "2026-11-18 14:20", "staf_penerima", "selesai"),
    (4, "2026-11-19 08:00", "2026-11-19 08:15", "kasi_pha", "selesai"),
    (5, "2026-11-20 09:00", "2026-11-20 09:25", "kabid", "selesai"),
    (6, "2026-11-23 10:00", "2026-11-23 10:50", "p2tp2a", "selesai"),
)


def walk_sop(reg: surat.Register, nomor_registrasi: str) -> None:
    """Record the case's SOP 34 steps and print them, with the psychologist consultation
    the case file recorded (SOP 32 step 9), against their mutu baku."""
    for langkah, mulai, selesai, oleh, hasil in LANGKAH:
        reg.record_step(nomor_registrasi, sop="34", langkah=langkah, mulai=mulai,
                        selesai=selesai, oleh=oleh, hasil=hasil)  # fmt: skip
    for s in reg.steps(nomor_registrasi):
        menit, baku = int(s.durasi.total_seconds() // 60), int(s.mutu_baku.total_seconds() // 60)
        tanda = f"TERLAMBAT {menit - baku} menit" if s.terlambat else "tepat waktu"
        print(f"  SOP {s.sop} {s.langkah}. {s.mulai:%d-%m %H.%M}-{s.selesai:%H.%M}  {s.oleh:<13} "
              f"{menit:>3}/{baku:<3} menit  {tanda:<20} {s.hasil}")  # fmt: skip


#: The cases of examples/batch.csv as the office registered them, one a row in the
#: file's order (fictional): the victim's sex and age group, where it happened, the
#: perpetrator's relation. The batch's other columns give the rest.
KATEGORI_BATCH: tuple[tuple[str, str, str, str], ...] = (
    ("Perempuan", "13-17", "Rumah Tangga", "Orang Tua"),
    ("Laki-laki", "6-12", "Sekolah", "Pacar/Teman"),
    ("Perempuan", "18-24", "Fasilitas Umum", "Pacar/Teman"),
    ("Laki-laki", "0-5", "Rumah Tangga", "Orang Tua"),
    ("Perempuan", "13-17", "Rumah Tangga", "Keluarga/Saudara"),
    ("Laki-laki", "13-17", "Fasilitas Umum", "Tetangga"),
    ("Perempuan", "25-44", "Rumah Tangga", "Suami/Istri"),
    ("Perempuan", "6-12", "Sekolah", "Guru"),
    ("Laki-laki", "6-12", "Rumah Tangga", "Orang Tua"),
    ("Perempuan", "13-17", "Tempat Kerja", "Majikan"),
)


def register_batch_cases(reg: surat.Register) -> None:
    """Register each case examples/batch.csv answers, and receive its request, on the
    day the request came in: the approvals then cite numbers the books hold. Stops
    when the register gives other numbers than the file cites."""
    from surat.simfoni import KategoriKasus

    with (HERE / "batch.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if len(rows) != len(KATEGORI_BATCH):
        raise SystemExit("examples/batch.csv: one KATEGORI_BATCH row per case expected")
    for row, (kelamin, umur, tempat, hubungan) in zip(rows, KATEGORI_BATCH, strict=True):
        diterima = row["permohonan.tanggal"]
        jenis = [x.strip() for x in row["jenis_kekerasan"].split(";")]
        kategori = KategoriKasus(
            jenis_kekerasan=tuple(jenis),  # type: ignore[arg-type]
            tempat_kejadian=tempat,  # type: ignore[arg-type]
            hubungan_pelaku=hubungan,  # type: ignore[arg-type]
            layanan=tuple(x.strip() for x in row["layanan"].split(";")),  # type: ignore[arg-type]
            jenis_kelamin=kelamin,  # type: ignore[arg-type]
            kelompok_umur=umur,  # type: ignore[arg-type]
        )
        kasus = reg.register_case(
            perihal="Penanganan kasus kekerasan: " + ", ".join(jenis),
            tanggal=diterima,
            kategori=kategori,
        )
        masuk = reg.receive(
            dari=f"Pelapor kasus {kasus}",
            tanggal_surat=diterima,
            perihal="Permohonan Pendampingan Kasus",
            tanggal_terima=diterima,
            nomor_registrasi=kasus.nomor,
        )
        if (kasus.nomor, masuk.nomor) != (
            row["korban.nomor_registrasi"],
            row["permohonan.nomor_agenda"],
        ):
            raise SystemExit("examples/batch.csv cites other numbers than the register gave")
        print(f"  {kasus}  {masuk}  {surat.format_tanggal(masuk.tanggal)}")


def print_books(
    reg: surat.Register, office: surat.Office, kasus: Kasus, nomor_registrasi: str
) -> list[Path]:
    """The Kasi's disposisi of the request, the case's kronologi, the month's report."""
    from surat.letters import initials

    masuk = reg.received(tahun=None, nomor_registrasi=nomor_registrasi)[0]
    disposisi = {
        "tanggal": masuk.tanggal_terima,
        "dari": f"{kasus.pelapor.nama} (pelapor)",
        "tanggal_surat": masuk.tanggal_surat,
        "diterima": masuk.tanggal_terima,
        "nomor_agenda": masuk.nomor,
        "sifat": "Rahasia",
        "perihal": masuk.perihal,
        "korban": {"nama": kasus.korban.nama, "nomor_registrasi": nomor_registrasi},
        # SOP 32 step 3: down to the staff who drafts the approval letter
        "diteruskan": ["staf_pha"],
        "harap": ["Proses lebih lanjut", "Koordinasikan"],
        "catatan": "Setuju didampingi. Buatkan surat persetujuan pendampingan.",
        "oleh": "kasi_pha",
    }
    surat.render("disposisi", disposisi, office=office).to_pdf(OUT / "disposisi.pdf")
    print(f"\nLembar disposisi surat masuk {masuk.nomor}: out/disposisi.pdf")

    buku = surat.buku_kronologi(reg, nomor_registrasi, inisial=initials(kasus.korban.nama))
    buku.to_pdf(OUT / "kronologi.pdf")
    steps = reg.steps(nomor_registrasi)
    print(
        f"Buku kronologi kasus {nomor_registrasi}: {len(steps)} langkah, "
        f"{sum(s.terlambat for s in steps)} terlambat, "
        f"{sum(s.hasil == 'dikembalikan' for s in steps)} dikembalikan: out/kronologi.pdf"
    )

    bulan = f"{masuk.tanggal_terima:%Y-%m}"
    laporan = surat.laporan_bulanan(reg, bulan)
    laporan.to_pdf(OUT / "laporan.pdf", office)
    laporan.to_xlsx(OUT / "laporan.xlsx")
    print(f"\nLaporan bulanan {laporan.periode}: out/laporan.pdf, out/laporan.xlsx")
    print(f"  kasus terdaftar {laporan.kasus}; surat keluar {laporan.surat_keluar} "
          f"(batal {laporan.surat_keluar_batal}); surat masuk {laporan.surat_masuk}")  # fmt: skip
    lama = laporan.lama_penanganan.days if laporan.lama_penanganan is not None else "-"
    print(f"  kasus berjalan {laporan.kasus_berjalan}; kasus ditutup {laporan.kasus_ditutup} "
          f"(median lama penanganan {lama} hari)")  # fmt: skip
    for s in laporan.langkah:
        if s.jumlah and s.median is not None:
            print(f"  SOP {s.sop} langkah {s.langkah}: median {s.median.total_seconds() / 60:g} "
                  f"menit, mutu baku {s.mutu_baku.total_seconds() / 60:g}, "
                  f"terlambat {s.terlambat}, dikembalikan {s.dikembalikan}")  # fmt: skip
    names = ("disposisi.pdf", "kronologi.pdf", "laporan.pdf", "laporan.xlsx")
    return [OUT / name for name in names]


if __name__ == "__main__":
    sys.exit(main())
