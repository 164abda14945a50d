"""``surat kasus KASUS -o OUT.pdf``: every letter of one case, one PDF."""

from __future__ import annotations

import argparse
from typing import Any

from .common import add_dupleks, add_kantor, add_parser, add_register, add_sandi, office, register
from .common import sandi as get_sandi


def add(sub: Any) -> None:
    p = add_parser(sub, "kasus", "semua surat satu kasus dalam satu PDF")
    add_kantor(p)
    p.add_argument("data", metavar="KASUS", help="berkas kasus: .json atau .toml")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="berkas PDF hasil")
    add_register(p)
    add_dupleks(p)
    add_sandi(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..kasus import Kasus

    password = get_sandi(args)
    the_office = office(args)
    kasus = Kasus.from_file(args.data)
    with register(args, the_office) as reg:
        result = kasus.print_pack(
            reg, args.output, office=the_office, duplex=args.dupleks, encrypt=password
        )
    print(result)
    return 0
