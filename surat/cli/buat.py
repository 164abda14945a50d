"""``surat buat JENIS DATA -o OUT``: one letter, .docx or .pdf.

``DATA`` may be ``-``: the data is read from stdin (JSON, or TOML). ``-o -``
writes the letter to stdout, in the format ``--format`` gives; a number taken
for it is confirmed only once the whole letter is written and flushed.
"""

from __future__ import annotations

import argparse
import sys
import threading
from typing import TYPE_CHECKING, Any

from ..errors import SuratError
from .common import (
    KINDS,
    STDIO,
    add_kantor,
    add_parser,
    add_register,
    nomor_fields,
    office,
    refuse_terminal,
    register,
    report,
    stdin_object,
    stream_format,
    write_stdout,
)
from .tte import add_options as add_tte
from .tte import load as load_tte

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from ..document import Document
    from ..numbering import Nomor
    from ..numbering.pending import Pending
    from ..office import Office
    from ..pdf import Converter
    from ..tte import TTE

FORMATS = ("pdf", "docx")


def add(sub: Any) -> None:
    p = add_parser(sub, "buat", "buat satu surat (.docx atau .pdf)")
    add_kantor(p)
    p.add_argument("jenis", metavar="JENIS", choices=KINDS, help=f"jenis: {', '.join(KINDS)}")
    p.add_argument(
        "data", metavar="DATA", help="data surat: berkas .json atau .toml, atau - (stdin)"
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="berkas hasil: .docx atau .pdf, atau - (stdout, dengan --format)",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="format hasil: pdf atau docx; wajib dengan -o -",
    )
    add_register(p, required=False)
    p.add_argument("--nomor", default=None, help="nomor yang sudah diambil (sebagai ganti --db)")
    add_tte(p, arsip=False)
    p.set_defaults(func=run)


def write_document(
    doc: Document,
    output: str,
    tte: TTE | None = None,
    converter: Converter | None = None,
    on_written: Callable[[], None] | None = None,
    format: str | None = None,
) -> None:
    """Write one letter to *output* (.docx, or .pdf signed with *tte*) atomically, 0600,
    or to stdout (``-``, in *format*); *on_written* runs once all of it is written,
    before the file takes its name."""
    from ..files import write_private

    fmt = format or (output.lower().rpartition(".")[2] if "." in output else "")
    if fmt == "pdf":
        if tte is not None:
            data = doc.signed_pdf(tte, converter=converter)
        elif converter is not None:
            data = converter.convert(doc.docx, doc.label)
        else:
            data = doc.pdf()
    elif tte is not None:
        raise SuratError(f"{output}: surat bertanda tangan adalah PDF: -o berakhiran .pdf")
    elif fmt == "docx":
        data = doc.docx
    else:
        raise SuratError(f"{output}: -o harus berakhiran .docx atau .pdf")
    if output == STDIO:
        write_stdout(data, "surat", on_written=on_written)
    else:
        write_private(output, data, on_written=on_written)


def output_format(args: argparse.Namespace) -> str:
    """``pdf`` or ``docx``: ``--format`` (needed with ``-o -``), else the suffix of ``-o``."""
    fmt = stream_format(args, args.output, "-o", FORMATS)
    if fmt is None:
        raise SuratError(f"{args.output}: -o harus berakhiran .docx atau .pdf")
    if fmt != "pdf" and (args.tte or args.tte_pkcs11):  # before a passphrase is asked for
        raise SuratError(f"{args.output}: surat bertanda tangan adalah PDF: -o berakhiran .pdf")
    if args.output == STDIO:
        refuse_terminal("-o", "surat")
    return fmt


def run(args: argparse.Namespace) -> int:
    fmt = output_format(args)  # before stdin is read or LibreOffice started
    if fmt != "pdf":
        return make(args, None, fmt)
    # LibreOffice takes longer to start than surat takes to read, check and render
    # the letter: start it first, and do the rest while it starts. Looking for its
    # Python bridge (a process of its own) overlaps the loading of the converter.
    from ..pdf.system import find_uno_python

    threading.Thread(target=find_uno_python, daemon=True).start()
    from ..pdf import Converter

    with Converter(workers=1) as converter:
        converter.start(wait=False)  # a failure to start is reported by the conversion
        return make(args, converter, fmt)


def make(args: argparse.Namespace, converter: Converter | None, fmt: str) -> int:
    from ..files import read_data
    from ..letters import NUMBERED, validate
    from ..templating.letter import render

    the_office = office(args)
    data = stdin_object("data") if args.data == STDIO else read_data(args.data)
    tte = load_tte(args)  # a wrong passphrase stops here, before any number is taken
    if tte is not None:
        from ..letters import printed_signer
        from ..tte.pack import Tertanda, check

        if fmt != "pdf":
            raise SuratError(f"{args.output}: surat bertanda tangan adalah PDF: -o berakhiran .pdf")
        # judged on the name the letter prints: its own Plt./Plh. signs with their certificate
        nama, nip = printed_signer(args.jenis, validate(args.jenis, data), the_office)
        check(tte, the_office, [Tertanda(args.jenis, nama, nip=nip)])
    taken: Nomor | None = None
    if args.jenis not in NUMBERED:
        doc = render(args.jenis, data, office=the_office)
        write_document(doc, args.output, tte, converter, format=fmt)
    elif args.nomor:
        check_nomor(args, the_office)
        doc = render(args.jenis, data, office=the_office, nomor=args.nomor)
        write_document(doc, args.output, tte, converter, format=fmt)
    elif not args.db:
        raise SuratError(
            f"{args.jenis} adalah surat bernomor: berikan --db BUKU_AGENDA untuk mengambil "
            "nomor, atau --nomor N untuk nomor yang sudah diambil"
        )
    else:
        from ..pack.workflow import print_numbered

        model = validate(args.jenis, data)  # every problem reported before a number is taken

        def letter(pending: Pending) -> list[Document]:
            nonlocal taken
            taken = pending.issue(**model.agenda(the_office))
            return [render(args.jenis, model, office=the_office, nomor=taken)]

        def write(
            docs: Iterable[Document], conv: Converter | None, confirm: Callable[[], None]
        ) -> str:
            (doc,) = docs
            # confirm: once the whole letter is on disk, or written and flushed to stdout
            write_document(doc, args.output, tte, conv, on_written=confirm, format=fmt)
            return doc.nomor or ""

        with register(args, the_office) as reg:
            print_numbered(
                letter,
                "stdout" if args.output == STDIO else args.output,
                register=reg,
                alasan="surat buat gagal",
                converter=converter,
                convert=fmt == "pdf",
                write=write,
            )
    to_stdout = args.output == STDIO
    nomor = str(taken) if taken is not None else None
    if args.nomor and args.jenis in NUMBERED:
        nomor = args.nomor.strip()
    obj: dict[str, Any] = {
        "jenis": args.jenis,
        "format": fmt,
        "berkas": None if to_stdout else args.output,
        "nomor": nomor,
    }
    if taken is not None:
        obj.update(nomor_fields(taken))
    # the number alone on stdout (scriptable), the file's name on stderr
    report(args, obj, [str(taken)] if taken is not None else [], stdout_taken=to_stdout)
    if not to_stdout and not getattr(args, "json", False):
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
            raise SuratError(f"--nomor: {args.nomor} tidak ada di buku agenda {args.db}")
        if found[0].status != "aktif":
            raise SuratError(f"--nomor: {args.nomor} sudah batal dan tidak dipakai lagi")
