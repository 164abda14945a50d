"""``surat terbilang ANGKA``: a number in Indonesian words."""

from __future__ import annotations

import argparse
from typing import Any

from .common import add_parser, report


def add(sub: Any) -> None:
    p = add_parser(sub, "terbilang", "tulis angka dengan huruf")
    p.add_argument("angka", metavar="ANGKA", help="bilangan bulat, mis. 1500000")
    p.add_argument("--rupiah", action="store_true", help="tambahkan 'rupiah'")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..words import terbilang, terbilang_rupiah

    words = terbilang_rupiah(args.angka) if args.rupiah else terbilang(args.angka)
    report(args, {"angka": args.angka, "terbilang": words}, words)
    return 0
