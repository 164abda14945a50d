"""``surat penutupan``: a case's closings and reopenings, and reopening a closed case.

A case is closed by writing its closure report with the register
(``surat buat penutupan DATA -o OUT --db REGISTER``); a closed case takes no
new letter until it is reopened here, with the reason.
"""

from __future__ import annotations

import argparse
from typing import Any

from .common import add_kantor, add_parser, add_register, office, register, report


def add(sub: Any) -> None:
    p = add_parser(
        sub,
        "penutupan",
        "tampilkan penutupan dan pembukaan kembali sebuah kasus, atau buka kembali kasus",
        description=(
            "Tanpa --buka: tampilkan kapan kasus NOMOR_REG ditutup dan dibuka kembali. "
            "Dengan --buka ALASAN: buka kembali kasus yang ditutup (kasus ditutup dengan "
            "surat buat penutupan ... --db), agar dapat diberi surat lagi."
        ),
    )
    add_kantor(p)
    add_register(p, baru=False)
    p.add_argument("nomor_registrasi", metavar="NOMOR_REG", help="nomor registrasi kasus")
    p.add_argument(
        "--buka",
        metavar="ALASAN",
        default=None,
        help="buka kembali kasus yang ditutup, dengan alasannya (tanpa nama orang)",
    )
    p.add_argument(
        "--tanggal", metavar="YYYY-MM-DD", default=None, help="tanggal dibuka (bawaan: hari ini)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with register(args, office(args)) as reg:
        if args.buka is not None:
            reg.reopen_case(args.nomor_registrasi, alasan=args.buka, tanggal=args.tanggal)
        rows = [p for p in reg.closures() if p.nomor_registrasi == args.nomor_registrasi.strip()]
    ditutup = bool(rows) and rows[-1].tindakan == "tutup"
    report(
        args,
        {
            "nomor_registrasi": args.nomor_registrasi.strip(),
            "ditutup": ditutup,
            # a reopening's reason is free text kept in the register: not shown
            "penutupan": [
                {
                    "tindakan": p.tindakan,
                    "tanggal": p.tanggal.isoformat(),
                    **({"alasan": p.alasan} if p.tindakan == "tutup" else {}),
                }
                for p in rows
            ],
        },
        [
            *(
                f"{p.tanggal:%d-%m-%Y}  "
                + (f"ditutup ({p.alasan})" if p.tindakan == "tutup" else "dibuka kembali")
                for p in rows
            ),
            "kasus ditutup" if ditutup else "kasus berjalan",
        ],
    )
    return 0
