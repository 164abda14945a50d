"""``surat buat JENIS DATA -o OUT``: one letter, .docx or .pdf."""

from __future__ import annotations

import argparse
import sys
import threading
from typing import TYPE_CHECKING, Any

from ..errors import SuratError
from .common import KINDS, add_kantor, add_parser, add_register, office, register
from .tte import add_options as add_tte
from .tte import load as load_tte

if TYPE_CHECKING:
    from ..document import Document
    from ..office import Office
    from ..pdf import Converter
    from ..tte import TTE


def add(sub: Any) -> None:
    p = add_parser(sub, "buat", "buat satu surat (.docx atau .pdf)")
    add_kantor(p)
    p.add_argument("jenis", metavar="JENIS", choices=KINDS, help=f"jenis: {', '.join(KINDS)}")
    p.add_argument("data", metavar="DATA", help="data surat: berkas .json atau .toml")
    p.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="berkas hasil: .docx atau .pdf"
    )
    add_register(p, required=False)
    p.add_argument("--nomor", default=None, help="nomor yang sudah diambil (sebagai ganti --db)")
    add_tte(p, arsip=False)
    p.set_defaults(func=run)


def write_document(
    doc: Document, output: str, tte: TTE | None = None, converter: Converter | None = None
) -> None:
    if output.lower().endswith(".pdf"):
        if converter is None:
            doc.to_pdf(output, tte=tte)
            return
        from ..files import write_private

        pdf = (
            converter.convert(doc.docx, doc.label)
            if tte is None
            else doc.signed_pdf(tte, converter=converter)
        )
        write_private(output, pdf)
    elif tte is not None:
        raise SuratError(f"{output}: a signed letter is a PDF: -o must end with .pdf")
    elif output.lower().endswith(".docx"):
        doc.save(output)
    else:
        raise SuratError(f"{output}: -o must end with .docx or .pdf")


def run(args: argparse.Namespace) -> int:
    if not args.output.lower().endswith(".pdf"):
        return make(args, None)
    # LibreOffice takes longer to start than surat takes to read, check and render
    # the letter: start it first, and do the rest while it starts. Looking for its
    # Python bridge (a process of its own) overlaps the loading of the converter.
    from ..pdf.system import find_uno_python

    threading.Thread(target=find_uno_python, daemon=True).start()
    from ..pdf import Converter

    with Converter(workers=1) as converter:
        converter.start(wait=False)  # a failure to start is reported by the conversion
        return make(args, converter)


def make(args: argparse.Namespace, converter: Converter | None) -> int:
    from ..files import read_data
    from ..letters import NUMBERED, validate
    from ..templating.letter import render

    the_office = office(args)
    data = read_data(args.data)
    if not args.output.lower().endswith((".pdf", ".docx")):
        raise SuratError(f"{args.output}: -o must end with .docx or .pdf")
    tte = load_tte(args)  # a wrong passphrase stops here, before any number is taken
    if tte is not None:
        from ..letters.penandatangan import printed_signer
        from ..tte.pack import Tertanda, check

        if not args.output.lower().endswith(".pdf"):
            raise SuratError(f"{args.output}: a signed letter is a PDF: -o must end with .pdf")
        # judged on the name the letter prints: its own Plt./Plh. signs with their certificate
        nama = printed_signer(args.jenis, validate(args.jenis, data), the_office)
        check(tte, the_office, [Tertanda(args.jenis, nama)])
    if args.jenis not in NUMBERED:
        write_document(render(args.jenis, data, office=the_office), args.output, tte, converter)
    elif args.nomor:
        check_nomor(args, the_office)
        doc = render(args.jenis, data, office=the_office, nomor=args.nomor)
        write_document(doc, args.output, tte, converter)
    elif not args.db:
        raise SuratError(
            f"{args.jenis} is a numbered letter: give --db REGISTER to take a number, "
            "or --nomor N for one already taken"
        )
    else:
        model = validate(args.jenis, data)  # every problem reported before a number is taken
        with register(args, the_office) as reg, reg.reserve(**model.agenda(the_office)) as n:
            doc = render(args.jenis, model, office=the_office, nomor=n)
            write_document(doc, args.output, tte, converter)
        print(n)
    print(args.output, file=sys.stderr)
    return 0


def check_nomor(args: argparse.Namespace, the_office: Office) -> None:
    """A number given by hand must read as this office's, and be active in the agenda."""
    from ..numbering import parse

    parse(args.nomor, the_office.penomoran.pola)
    if args.db:
        with register(args, the_office) as reg:
            found = [e for e in reg.entries(tahun=None) if e.nomor == args.nomor.strip()]
        if not found:
            raise SuratError(f"--nomor: {args.nomor} is not in the agenda of {args.db}")
        if found[0].status != "aktif":
            raise SuratError(f"--nomor: {args.nomor} is void ('batal') and is never used again")
