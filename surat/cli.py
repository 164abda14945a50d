"""The `surat` command. It speaks Indonesian, like the office that uses it.

    surat nomor ambil --db agenda.db --perihal "Persetujuan Pendampingan"
    surat nomor batal 001/DP3A-PP-KB/PPA/XI/2026 --alasan "salah ketik" --db agenda.db
    surat nomor lihat --db agenda.db
    surat agenda --db agenda.db --tahun 2026 [--csv F | --xlsx F]
    surat contoh persetujuan > data.json
    surat buat persetujuan data.json -o surat.pdf --db agenda.db
    surat cetak data.csv --jenis persetujuan -o cetak.pdf --db agenda.db
    surat kasus kasus.json -o kasus.pdf --db agenda.db
    surat templat periksa templat.docx | surat templat salin persetujuan DIR

Every command takes ``--kantor kantor.toml`` (default: the built-in profile).
Errors go to stderr as one clear message and the exit code is 1; nothing else
is printed that could name a person.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import SuratError
from .files import read_data
from .office import Office

if TYPE_CHECKING:
    from .numbering import Register

__all__ = ["main"]


def _tanggal(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a date YYYY-MM-DD expected") from None


def _office(args: argparse.Namespace) -> Office:
    return Office.from_toml(args.kantor) if args.kantor else Office.default()


def _register(args: argparse.Namespace, office: Office) -> Register:
    from .numbering import Register

    if not args.db:
        raise SuratError("--db: a register file or postgresql:// URL expected")
    is_url = "://" in args.db
    if not is_url and not Path(args.db).exists() and not getattr(args, "baru", False):
        # a mistyped path must not start a second agenda book at 001
        raise SuratError(
            f"--db: {args.db} does not exist; to start a new agenda book there, add --baru"
        )
    return Register(args.db, office=office)


# -- nomor / agenda ---------------------------------------------------------


def _cmd_nomor_ambil(args: argparse.Namespace) -> int:
    with _register(args, _office(args)) as reg:
        n = reg.issue(
            perihal=args.perihal,
            tujuan=args.tujuan,
            klasifikasi=args.klasifikasi,
            tanggal=args.tanggal,
            alasan=args.alasan,
        )
    print(n)
    return 0


def _cmd_nomor_batal(args: argparse.Namespace) -> int:
    with _register(args, _office(args)) as reg:
        reg.void(args.nomor, alasan=args.alasan)
    print(f"{args.nomor} batal")
    return 0


def _cmd_nomor_lihat(args: argparse.Namespace) -> int:
    with _register(args, _office(args)) as reg:
        print(reg.peek(klasifikasi=args.klasifikasi, tanggal=args.tanggal))
    return 0


def _cmd_agenda(args: argparse.Namespace) -> int:
    with _register(args, _office(args)) as reg:
        if args.csv or args.xlsx:
            out = reg.export(args.csv or args.xlsx, tahun=args.tahun)
            print(out, file=sys.stderr)
            return 0
        rows = list(reg.entries(tahun=args.tahun))
    header = ("Nomor", "Tanggal", "Perihal", "Tujuan", "Status")
    table = [header] + [
        (e.nomor, e.tanggal.isoformat(), e.perihal, e.tujuan or "", e.status) for e in rows
    ]
    widths = [min(max(len(r[i]) for r in table), 48) for i in range(len(header))]
    for i, row in enumerate(table):
        print("  ".join(cell[:48].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print(f"{len(rows)} surat")
    return 0


# -- letters ----------------------------------------------------------------


def _cmd_contoh(args: argparse.Namespace) -> int:
    from .files import write_private
    from .letters import example_data

    text = json.dumps(example_data(args.jenis), ensure_ascii=False, indent=2, default=str)
    if args.output:  # owner-only: the data names (fictional) people, and real data will follow
        write_private(args.output, (text + "\n").encode("utf-8"))
        print(args.output, file=sys.stderr)
    else:
        print(text)
    return 0


def _write_document(doc: Any, output: str) -> None:
    if output.lower().endswith(".pdf"):
        doc.to_pdf(output)
    elif output.lower().endswith(".docx"):
        doc.save(output)
    else:
        raise SuratError(f"{output}: -o must end with .docx or .pdf")


def _cmd_buat(args: argparse.Namespace) -> int:
    from .letters import NUMBERED, validate
    from .render import render

    office = _office(args)
    data = read_data(args.data)
    if not args.output.lower().endswith((".pdf", ".docx")):
        raise SuratError(f"{args.output}: -o must end with .docx or .pdf")
    if args.jenis not in NUMBERED:
        _write_document(render(args.jenis, data, office=office), args.output)
    elif args.nomor:
        _check_nomor(args, office)
        _write_document(render(args.jenis, data, office=office, nomor=args.nomor), args.output)
    elif not args.db:
        raise SuratError(
            f"{args.jenis} is a numbered letter: give --db REGISTER to take a number, "
            "or --nomor N for one already taken"
        )
    else:
        model = validate(args.jenis, data)  # every problem reported before a number is taken
        with _register(args, office) as reg, reg.reserve(**model.agenda(office)) as n:
            _write_document(render(args.jenis, model, office=office, nomor=n), args.output)
        print(n)
    print(args.output, file=sys.stderr)
    return 0


def _check_nomor(args: argparse.Namespace, office: Office) -> None:
    """A number given by hand must read as this office's, and be active in the agenda."""
    from .numbering import parse

    parse(args.nomor, office.penomoran.pola)
    if args.db:
        with _register(args, office) as reg:
            found = [e for e in reg.entries(tahun=None) if e.nomor == args.nomor.strip()]
        if not found:
            raise SuratError(f"--nomor: {args.nomor} is not in the agenda of {args.db}")
        if found[0].status != "aktif":
            raise SuratError(f"--nomor: {args.nomor} is void ('batal') and is never used again")


def _cmd_cetak(args: argparse.Namespace) -> int:
    from .batch import print_batch

    office = _office(args)
    reg = _register(args, office) if args.db else None
    try:
        summary = print_batch(
            args.jenis,
            args.data,
            args.output,
            register=reg,
            office=office,
            copies=args.salinan or None,
            duplex=args.dupleks,
            encrypt=args.sandi or os.environ.get("SURAT_SANDI") or None,
            progress=not args.diam,
        )
    finally:
        if reg is not None:
            reg.close()
    print(summary)
    return 0


def _cmd_kasus(args: argparse.Namespace) -> int:
    from .kasus import Kasus

    office = _office(args)
    kasus = Kasus.from_file(args.data)
    with _register(args, office) as reg:
        result = kasus.print_pack(
            reg,
            args.output,
            office=office,
            duplex=args.dupleks,
            encrypt=args.sandi or os.environ.get("SURAT_SANDI") or None,
        )
    print(result)
    return 0


def _cmd_templat_periksa(args: argparse.Namespace) -> int:
    from .render import check_template

    fields = check_template(args.file)
    print(f"{args.file}: {len(fields)} fields")
    for name in fields:
        print(f"  {name}")
    return 0


def _cmd_templat_salin(args: argparse.Namespace) -> int:
    from .render import copy_template

    print(copy_template(args.jenis, args.dir, overwrite=args.timpa))
    return 0


def _cmd_terbilang(args: argparse.Namespace) -> int:
    from .words import terbilang, terbilang_rupiah

    print(terbilang_rupiah(args.angka) if args.rupiah else terbilang(args.angka))
    return 0


# -- parser -----------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    kantor_help = "office profile (default: built in)"
    top = argparse.ArgumentParser(add_help=False)
    top.add_argument("--kantor", metavar="KANTOR.toml", default=None, help=kantor_help)
    # the subcommands take it too; SUPPRESS keeps them from resetting a value given before
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--kantor", metavar="KANTOR.toml", default=argparse.SUPPRESS, help=kantor_help
    )

    def db(p: argparse.ArgumentParser, required: bool = True) -> None:
        p.add_argument(
            "--db",
            required=required,
            metavar="FILE|URL",
            help="the register: a SQLite file or a postgresql:// URL",
        )
        p.add_argument(
            "--baru", action="store_true", help="start a new register if FILE does not exist"
        )

    parser = argparse.ArgumentParser(
        prog="surat",
        description="Naskah dinas: nomor, agenda, surat, cetak.",
        parents=[top],
    )
    parser.add_argument("--version", action="version", version=f"surat {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")

    nomor = sub.add_parser("nomor", help="ambil, batal, lihat nomor surat keluar")
    nsub = nomor.add_subparsers(dest="aksi", required=True, metavar="AKSI")
    p = nsub.add_parser("ambil", parents=[common], help="take the next number")
    db(p)
    p.add_argument("--perihal", required=True)
    p.add_argument("--tujuan", default="")
    p.add_argument("--klasifikasi", default=None)
    p.add_argument("--tanggal", type=_tanggal, default=None, help="YYYY-MM-DD (default today WIB)")
    p.add_argument("--alasan", default=None, help="why a backdated number is inserted")
    p.set_defaults(func=_cmd_nomor_ambil)
    p = nsub.add_parser("batal", parents=[common], help="void a number (it is never reused)")
    db(p)
    p.add_argument("nomor")
    p.add_argument("--alasan", required=True)
    p.set_defaults(func=_cmd_nomor_batal)
    p = nsub.add_parser("lihat", parents=[common], help="the number that would be taken now")
    db(p)
    p.add_argument("--klasifikasi", default=None)
    p.add_argument("--tanggal", type=_tanggal, default=None)
    p.set_defaults(func=_cmd_nomor_lihat)

    p = sub.add_parser("agenda", parents=[common], help="the outgoing agenda (buku agenda)")
    db(p)
    p.add_argument("--tahun", type=int, default=None, help="year (default: every year)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--csv", metavar="FILE")
    out.add_argument("--xlsx", metavar="FILE")
    p.set_defaults(func=_cmd_agenda)

    p = sub.add_parser("contoh", parents=[common], help="example data for a letter kind (JSON)")
    p.add_argument("jenis", metavar="JENIS")
    p.add_argument("-o", "--output", metavar="DATA.json", help="write it here (mode 0600)")
    p.set_defaults(func=_cmd_contoh)

    p = sub.add_parser("buat", parents=[common], help="make one letter (.docx or .pdf)")
    p.add_argument("jenis", metavar="JENIS")
    p.add_argument("data", metavar="DATA.json|toml")
    p.add_argument("-o", "--output", required=True, metavar="OUT.docx|OUT.pdf")
    db(p, required=False)
    p.add_argument("--nomor", default=None, help="a number already taken (instead of --db)")
    p.set_defaults(func=_cmd_buat)

    p = sub.add_parser("cetak", parents=[common], help="print many letters with their copies")
    p.add_argument("data", metavar="DATA.csv|xlsx|json")
    p.add_argument("--jenis", required=True, metavar="JENIS")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    db(p, required=False)
    p.add_argument("--dupleks", action="store_true", help="each letter starts on a new sheet")
    p.add_argument("--sandi", default=None, help="encrypt (AES-256); or set SURAT_SANDI")
    p.add_argument(
        "--salinan",
        nargs="+",
        action="extend",
        metavar="PENERIMA",
        help="copy recipients, instead of each letter's tembusan (repeatable)",
    )
    p.add_argument("--diam", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_cetak)

    p = sub.add_parser("kasus", parents=[common], help="every letter of one case, one PDF")
    p.add_argument("data", metavar="KASUS.json|toml")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    db(p)
    p.add_argument("--dupleks", action="store_true")
    p.add_argument("--sandi", default=None)
    p.set_defaults(func=_cmd_kasus)

    templat = sub.add_parser("templat", help="check or copy Word templates")
    tsub = templat.add_subparsers(dest="aksi", required=True, metavar="AKSI")
    p = tsub.add_parser("periksa", parents=[common], help="list a template's fields, check syntax")
    p.add_argument("file", metavar="FILE.docx")
    p.set_defaults(func=_cmd_templat_periksa)
    p = tsub.add_parser("salin", parents=[common], help="copy a built-in template to edit it")
    p.add_argument("jenis", metavar="JENIS")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--timpa", action="store_true", help="overwrite a copy already there")
    p.set_defaults(func=_cmd_templat_salin)

    p = sub.add_parser("terbilang", parents=[common], help="a number in Indonesian words")
    p.add_argument("angka")
    p.add_argument("--rupiah", action="store_true")
    p.set_defaults(func=_cmd_terbilang)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except SuratError as exc:
        print(f"surat: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("surat: interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
