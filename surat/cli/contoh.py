"""``surat contoh JENIS``: example data to start from."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import SuratError
from .common import KINDS, add_parser


def add(sub: Any) -> None:
    p = add_parser(sub, "contoh", "contoh data untuk satu jenis surat (JSON)")
    p.add_argument("jenis", metavar="JENIS", choices=KINDS, help=f"jenis: {', '.join(KINDS)}")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="tulis ke berkas ini (mode 0600), bukan ke layar"
    )
    p.add_argument("--timpa", action="store_true", help="timpa berkas -o yang sudah ada")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..files import write_private
    from ..letters import example_data

    if args.output and Path(args.output).exists() and not args.timpa:
        # it may be a clerk's edited data: never replaced without being asked
        raise SuratError(f"-o: {args.output} already exists; add --timpa to overwrite it")
    text = json.dumps(example_data(args.jenis), ensure_ascii=False, indent=2, default=str)
    if args.output:  # owner-only: the data names (fictional) people, and real data will follow
        write_private(args.output, (text + "\n").encode("utf-8"))
        print(args.output, file=sys.stderr)
    else:
        print(text)
    return 0
