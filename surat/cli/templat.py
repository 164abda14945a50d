"""``surat templat periksa | salin``: an office's own Word templates."""

from __future__ import annotations

import argparse
from typing import Any

from .common import KINDS, add_parser, report


def add(sub: Any) -> None:
    templat = add_parser(sub, "templat", "periksa atau salin templat Word")
    tsub = templat.add_subparsers(dest="aksi", required=True, metavar="AKSI", title="aksi")

    p = add_parser(
        tsub,
        "periksa",
        "periksa sintaks templat dan daftar isian yang dipakainya; salinan templat bawaan "
        "juga diperiksa terhadap isian yang disediakan jenisnya",
    )
    p.add_argument("file", metavar="FILE.docx", help="templat yang diperiksa")
    p.add_argument(
        "--jenis",
        choices=KINDS,
        metavar="JENIS",
        help=f"templat ini salinan jenis ({', '.join(KINDS)}); bawaan: dari nama berkas",
    )
    p.set_defaults(func=periksa)

    p = add_parser(tsub, "salin", "salin templat bawaan ke folder untuk disunting")
    p.add_argument("jenis", metavar="JENIS", choices=KINDS, help=f"jenis: {', '.join(KINDS)}")
    p.add_argument("dir", metavar="FOLDER", help="folder tujuan (dibuat bila belum ada)")
    p.add_argument("--timpa", action="store_true", help="timpa salinan yang sudah ada")
    p.set_defaults(func=salin)


def periksa(args: argparse.Namespace) -> int:
    from ..errors import SuratError
    from ..templating.inspect import check_template, detect_kind, unknown_fields

    fields = check_template(args.file)
    lines = [f"{args.file}: {len(fields)} isian", *(f"  {name}" for name in fields)]
    kind = args.jenis or detect_kind(args.file)
    if kind is not None:
        unknown = unknown_fields(fields, kind)
        if unknown:
            if not getattr(args, "json", False):  # what it uses, then what is wrong
                report(args, {}, lines)
            raise SuratError(
                f"{args.file}: memakai isian yang tidak ada pada surat {kind}: "
                f"{', '.join(unknown)} (lihat 'surat templat salin {kind}' untuk isian yang ada)"
            )
        lines.append(f"{args.file}: semua isian tersedia pada surat {kind}")
    report(args, {"berkas": args.file, "jenis": kind, "isian": list(fields)}, lines)
    return 0


def salin(args: argparse.Namespace) -> int:
    from ..templating.inspect import copy_template

    out = copy_template(args.jenis, args.dir, overwrite=args.timpa)
    report(args, {"jenis": args.jenis, "berkas": str(out)}, str(out))
    return 0
