"""``surat cetak DATA --jenis JENIS -o OUT.pdf``: many letters with their copies."""

from __future__ import annotations

import argparse
from typing import Any

from .common import (
    KINDS,
    add_dupleks,
    add_kantor,
    add_parser,
    add_register,
    add_sandi,
    office,
    register,
    sandi,
)
from .tte import add_options as add_tte
from .tte import load as load_tte


def add(sub: Any) -> None:
    p = add_parser(sub, "cetak", "cetak banyak surat sekaligus, dengan tembusannya, satu PDF")
    add_kantor(p)
    p.add_argument("data", metavar="DATA", help="data surat: berkas .csv, .xlsx atau .json")
    p.add_argument(
        "--jenis", required=True, choices=KINDS, metavar="JENIS", help=f"jenis: {', '.join(KINDS)}"
    )
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="berkas PDF hasil")
    add_register(p, required=False)
    add_dupleks(p)
    add_sandi(p)
    # one value per --salinan: a list-taking option would swallow the DATA file after it
    p.add_argument(
        "--salinan",
        action="append",
        metavar="PENERIMA",
        help="penerima salinan, sebagai ganti tembusan tiap surat (boleh diulang)",
    )
    p.add_argument("--diam", action="store_true", help="tanpa bilah kemajuan")
    add_tte(p, arsip=True)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..batch import print_batch

    password = sandi(args)  # refused before anything is numbered or written
    tte = load_tte(args)
    the_office = office(args)
    reg = register(args, the_office) if args.db else None
    try:
        summary = print_batch(
            args.jenis,
            args.data,
            args.output,
            register=reg,
            office=the_office,
            copies=args.salinan or None,
            duplex=args.dupleks,
            encrypt=password,
            progress=not args.diam,
            tte=tte,
            arsip=args.arsip,
        )
    finally:
        if reg is not None:
            reg.close()
    print(summary)
    return 0
