"""``surat kasus KASUS -o OUT.pdf``: every letter of one case, one PDF.

``KASUS`` may be ``-``: the case is read from stdin (JSON, or TOML).
"""

from __future__ import annotations

import argparse
from typing import Any

from .common import (
    STDIO,
    add_dupleks,
    add_kantor,
    add_parser,
    add_register,
    add_sandi,
    jsonable,
    office,
    register,
    report,
    stdin_object,
)
from .common import sandi as get_sandi
from .tte import add_options as add_tte
from .tte import load as load_tte


def add(sub: Any) -> None:
    p = add_parser(sub, "kasus", "semua surat satu kasus dalam satu PDF")
    add_kantor(p)
    p.add_argument("data", metavar="KASUS", help="berkas kasus: .json atau .toml, atau - (stdin)")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="berkas PDF hasil")
    add_register(p)
    add_dupleks(p)
    add_sandi(p)
    add_tte(p, arsip=True)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..kasus import Kasus

    password = get_sandi(args)
    tte = load_tte(args)
    the_office = office(args)
    if args.data == STDIO:
        kasus = Kasus.from_dict(stdin_object("data kasus"), source="stdin")
    else:
        kasus = Kasus.from_file(args.data)
    with register(args, the_office) as reg:
        result = kasus.print_pack(
            reg,
            args.output,
            office=the_office,
            duplex=args.dupleks,
            encrypt=password,
            tte=tte,
            arsip=args.arsip,
        )
    report(args, jsonable(result), str(result))
    return 0
