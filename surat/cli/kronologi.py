"""``surat kronologi NOMOR_REG``: the buku kronologi of one case, printed."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import SuratError
from .common import add_kantor, add_parser, add_register, office, register, report


def add(sub: Any) -> None:
    p = add_parser(sub, "kronologi", "buku kronologi satu kasus: langkah SOP dan setiap dokumennya")
    p.add_argument("nomor_registrasi", metavar="NOMOR_REG", help="nomor registrasi kasus")
    add_kantor(p)
    add_register(p, baru=False)
    p.add_argument(
        "-o", "--output", required=True, metavar="OUT.pdf|OUT.docx", help="berkas hasil (mode 0600)"
    )
    p.add_argument(
        "--inisial",
        default=None,
        metavar="P.A.L.",
        help="inisial korban (bukan nama); tanpa ini dicetak titik-titik untuk diisi tangan",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..reports.kronologi import buku_kronologi

    out = args.output
    if not out.lower().endswith((".pdf", ".docx")):
        raise SuratError(f"-o: {out}: nama berkas berakhiran .pdf atau .docx diharapkan")
    kantor = office(args)
    with register(args, kantor) as reg:
        doc = buku_kronologi(reg, args.nomor_registrasi, inisial=args.inisial, office=kantor)
    if out.lower().endswith(".pdf"):
        doc.to_pdf(out)
    else:
        doc.save(out)
    obj = {"nomor_registrasi": args.nomor_registrasi, "berkas": out}
    report(args, obj, out, text_on_stderr=True)
    return 0
