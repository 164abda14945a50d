"""What `make demo` runs: one case through the SOP, every letter numbered and printed.

A fresh SQLite register in out/, the sample case of examples/kasus.json
(fictional people), its four letters as .docx, one print pack with the
stamped copies for the Head of Office, a batch of approval letters from
examples/batch.csv, and the agenda books as the office would read them.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import surat
from surat.cli import main as cli
from surat.kasus import Kasus

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "out"


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
    kasus = Kasus.from_file(HERE / "kasus.json")
    with surat.Register(db, office=office) as reg:
        docs = kasus.letters(reg)
        for doc in docs:
            written.append(doc.save(OUT / f"{doc.kind}.docx"))
            print(f"  {doc.label}")
        pack = surat.print_pack(docs, OUT / "kasus.pdf")
        written.append(OUT / "kasus.pdf")
        print(f"\nBerkas kasus: {pack}  [{time.perf_counter() - started:.1f} s]")

        summary = surat.batch.print_batch(
            "persetujuan", HERE / "batch.csv", OUT / "cetak.pdf", register=reg, office=office
        )
        written.append(OUT / "cetak.pdf")
        print(f"\nCetak massal:\n{summary}\n")

        print("Buku Register Penanganan Kasus:")
        for e in reg.cases(tahun=None):
            print(f"  {e.nomor}  {surat.format_tanggal(e.tanggal)}  {e.perihal}")
        print("Buku Agenda Surat Masuk:")
        for m in reg.received(tahun=None):
            print(f"  {m.nomor}  {surat.format_tanggal(m.tanggal_terima)}  {m.perihal}")
    print("\nBuku Agenda Surat Keluar:")
    cli(["agenda", "--db", str(db), "--kantor", str(HERE / "kantor.toml")])
    written.append(db)

    print("\nDitulis:")
    for p in written:
        print(f"  {p.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
