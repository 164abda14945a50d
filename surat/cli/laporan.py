"""``surat laporan --bulan 2026-11``: the monthly report for the head of office."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import SuratError
from .common import add_kantor, add_parser, add_register, office, register, report


def add(sub: Any) -> None:
    p = add_parser(
        sub, "laporan", "laporan bulanan: kasus menurut kategori Simfoni-PPA, surat, waktu SOP"
    )
    add_kantor(p)
    add_register(p, baru=False)
    p.add_argument("--bulan", required=True, metavar="YYYY-MM", help="bulan laporan, mis. 2026-11")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT.pdf|OUT.xlsx",
        help="PDF dengan grafik, atau Excel satu lembar per tabel (mode 0600)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..reports.laporan import bulan, laporan_bulanan

    out = args.output
    if not out.lower().endswith((".pdf", ".xlsx")):
        raise SuratError(f"-o: {out}: nama berkas berakhiran .pdf atau .xlsx diharapkan")
    bulan(args.bulan)  # a mistyped month stops before the register is opened
    kantor = office(args)
    with register(args, kantor) as reg:
        laporan = laporan_bulanan(reg, args.bulan)
    laporan.save(out, office=kantor)
    report(args, {"bulan": args.bulan, "berkas": out}, out, text_on_stderr=True)
    return 0
