"""``surat cetak DATA --jenis JENIS -o OUT.pdf``: many letters with their copies.

``DATA`` may be ``-``: the rows are read from stdin, in the format ``--format``
gives (``csv`` or ``json``). ``-o -`` writes the pack to stdout; its numbers are
confirmed only once all of it is written and flushed (the report goes to stderr).
"""

from __future__ import annotations

import argparse
from typing import Any, BinaryIO, cast

from .common import (
    KINDS,
    STDIO,
    StdoutSink,
    add_dupleks,
    add_kantor,
    add_parser,
    add_register,
    add_sandi,
    office,
    refuse_terminal,
    register,
    report,
    sandi,
    stdin_text,
    stream_format,
)
from .tte import add_options as add_tte
from .tte import load as load_tte

FORMATS = ("csv", "json")


def add(sub: Any) -> None:
    p = add_parser(sub, "cetak", "cetak banyak surat sekaligus, dengan tembusannya, satu PDF")
    add_kantor(p)
    p.add_argument(
        "data",
        metavar="DATA",
        help="data surat: berkas .csv, .xlsx atau .json, atau - (stdin, dengan --format)",
    )
    p.add_argument(
        "--jenis", required=True, choices=KINDS, metavar="JENIS", help=f"jenis: {', '.join(KINDS)}"
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="OUT.pdf", help="berkas PDF hasil, atau - (stdout)"
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="format data: csv atau json; wajib dengan DATA -",
    )
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

    fmt = stream_format(args, args.data, "DATA", FORMATS)
    to_stdout = args.output == STDIO
    if to_stdout:
        refuse_terminal("-o", "paket cetak")
    password = sandi(args)  # refused before anything is numbered or written
    tte = load_tte(args)
    the_office = office(args)
    rows: Any = args.data
    if args.data == STDIO:
        from ..batch.rows import rows_from_text

        rows = rows_from_text(stdin_text(f"data {fmt.upper()}" if fmt else "data"), str(fmt))
    reg = register(args, the_office) if args.db else None
    try:
        summary = print_batch(
            args.jenis,
            rows,
            cast(BinaryIO, StdoutSink("paket cetak")) if to_stdout else args.output,
            register=reg,
            office=the_office,
            copies=args.salinan or None,
            duplex=args.dupleks,
            encrypt=password,
            progress=not (args.diam or getattr(args, "json", False)),
            tte=tte,
            arsip=args.arsip,
        )
    finally:
        if reg is not None:
            reg.close()
    report(args, summary_fields(summary), str(summary), stdout_taken=to_stdout)
    return 0


def summary_fields(summary: Any) -> dict[str, Any]:
    """A :class:`surat.batch.Ringkasan` for ``--json``: its fields and its range of numbers."""
    from .common import jsonable

    obj: dict[str, Any] = jsonable(summary)
    obj["number_range"] = summary.number_range
    return obj
