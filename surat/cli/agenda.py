"""``surat agenda``: the outgoing agenda, on screen or exported."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import SuratError
from .common import add_kantor, add_parser, add_register, office, register


def add(sub: Any) -> None:
    p = add_parser(sub, "agenda", "buku agenda surat keluar: tampilkan atau ekspor")
    add_kantor(p)
    add_register(p, baru=False)
    p.add_argument("--tahun", type=int, default=None, help="tahun (bawaan: semua tahun)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--csv", metavar="FILE.csv", help="ekspor ke berkas CSV (mode 0600)")
    out.add_argument("--xlsx", metavar="FILE.xlsx", help="ekspor ke berkas Excel (mode 0600)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    target = args.csv or args.xlsx
    if args.csv and not args.csv.lower().endswith(".csv"):
        raise SuratError(f"--csv: {args.csv}: a file name ending in .csv expected")
    if args.xlsx and not args.xlsx.lower().endswith(".xlsx"):
        raise SuratError(f"--xlsx: {args.xlsx}: a file name ending in .xlsx expected")
    with register(args, office(args)) as reg:
        if target:
            out = reg.export(target, tahun=args.tahun)
            print(out, file=sys.stderr)
            return 0
        rows = list(reg.entries(tahun=args.tahun))
    header = ("Nomor", "Tanggal", "Perihal", "Tujuan", "Status")
    table = [header] + [
        (e.nomor, e.tanggal.isoformat(), e.perihal, e.tujuan or "", e.status) for e in rows
    ]
    widths = [min(max(len(r[i]) for r in table), 48) for i in range(len(header))]
    for i, row in enumerate(table):
        print("  ".join(cell[:48].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print(f"{len(rows)} surat")
    return 0
