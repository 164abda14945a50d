"""What `make demo` runs: the library's main job, end to end, on fictional data."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import surat

HERE = Path(__file__).parent


def main() -> int:
    office = surat.Office.from_toml(HERE / "kantor.toml")
    print(f"Kantor : {office.pemerintah} — {office.singkatan}")
    print(f"Kepala : {office.official('kepala_dinas').nama}, NIP {surat.format_nip(office.official('kepala_dinas').nip or '')}")
    d = date(2026, 11, 22)
    print(f"Tanggal: {office.kota}, {surat.format_tanggal(d)} ({surat.format_tanggal(d, 'full')})")
    print(f"Bulan  : {surat.bulan_romawi(d.month)}")
    print(f"Biaya  : {surat.format_rupiah(1500000)} ({surat.terbilang_rupiah(1500000)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
