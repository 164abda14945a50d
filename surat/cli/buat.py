"""``surat buat JENIS DATA -o OUT``: one letter, .docx or .pdf.

``DATA`` may be ``-``: the data is read from stdin (JSON, or TOML). ``-o -``
writes the letter to stdout, as PDF (``--format docx`` for Word); a number taken
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
    announce_sisipan,
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
    from ..numbering import Nomor, Register
    from ..numbering.pending import Pending
    from ..office import Office
    from ..pdf import Converter
    from ..tte import TTE

FORMATS = ("pdf", "docx")
LANGKAH_KINDS = frozenset({"laporan_pendampingan"})
"""Unnumbered kinds that, written with ``--db``, record their SOP step in the register."""


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
        help="berkas hasil: .docx atau .pdf, atau - (stdout: PDF, kecuali --format docx)",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="format hasil: pdf atau docx (bawaan dengan -o -: pdf)",
    )
    add_register(p, required=False)
    p.add_argument("--nomor", default=None, help="nomor yang sudah diambil (sebagai ganti --db)")
    p.add_argument(
        "--alasan",
        default=None,
        help="alasan di agenda untuk surat bertanggal mundur atau bertanggal jauh ke depan",
    )
    add_tte(p, arsip=False)
    p.add_argument(
        "--tanggal-tte",
        action="store_true",
        help="tanggal surat = hari ini, hari penandatanganan (dengan --tte dan --db; nomor "
        "yang sudah diambil tetap bertanggal seperti di buku agenda)",
    )
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
    """``pdf`` or ``docx``: ``--format``, else the suffix of ``-o`` (``pdf`` for ``-o -``:
    a letter's final form, what a script piping it on wants)."""
    fmt = stream_format(args, args.output, "-o", FORMATS, default="pdf")
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
    data: Any = stdin_object("data") if args.data == STDIO else read_data(args.data)
    if args.tanggal_tte:  # before a passphrase is asked for
        data = signing_date(args, data)
    tte = load_tte(args)  # a wrong passphrase stops here, before any number is taken
    if tte is not None:
        from ..letters import printed_signer
        from ..tte.pack import Tertanda, check

        if fmt != "pdf":
            raise SuratError(f"{args.output}: surat bertanda tangan adalah PDF: -o berakhiran .pdf")
        # judged on the name the letter prints: its own Plt./Plh. signs with their certificate
        model = validate(args.jenis, data)
        nama, nip = printed_signer(args.jenis, model, the_office)
        numbered_now = args.jenis not in NUMBERED or not args.nomor
        check(tte, the_office, [Tertanda(args.jenis, nama, nip=nip)], numbered_now=numbered_now)
        from ..tte.sign import check_tanggal

        # a number already taken has its date: the letter's, checked before LibreOffice runs
        check_tanggal(args.jenis, getattr(model, "tanggal", None))
    taken: Nomor | None = None
    closed: str | None = None
    doc: Document | None = None
    if args.nomor and args.jenis in NUMBERED:
        check_nomor(args, the_office, data)
    if args.db and (args.jenis not in NUMBERED or args.nomor):
        data = validate(args.jenis, data)  # the data's problems before the register is opened
        with register(args, the_office) as reg:  # then what it cites, in the books of --db
            validate(args.jenis, data, register=reg)
    if args.jenis not in NUMBERED and args.db and args.jenis in LANGKAH_KINDS:
        make_with_step(args, data, the_office, tte, converter, fmt)
    elif args.jenis not in NUMBERED:
        doc = render(args.jenis, data, office=the_office)
        close = None
        if args.jenis == "penutupan" and args.db:  # the closure report closes its case

            def close() -> None:
                from ..letters.penutupan import LaporanPenutupan

                nonlocal closed
                model = validate(args.jenis, data)
                assert isinstance(model, LaporanPenutupan)
                with register(args, the_office) as reg:
                    nr = model.korban.nomor_registrasi
                    for case in reg.cases(tahun=None):  # the dates of one case agree
                        if case.nomor == nr and case.tanggal != model.tanggal_registrasi:
                            raise SuratError(
                                "tanggal_registrasi: berbeda dengan tanggal pendaftaran kasus "
                                f"di register ({case.tanggal.isoformat()})"
                            )
                    assert doc is not None  # rendered before it is written
                    # the report is the case's last document: recorded before it closes it
                    record_document(reg, args.jenis, validate(args.jenis, data), doc)
                    closed = reg.close_case(
                        model.korban.nomor_registrasi, alasan=model.alasan, tanggal=doc.tanggal
                    ).nomor_registrasi

        elif args.db:

            def close() -> None:  # once the letter is written, before it takes its name
                assert doc is not None
                with register(args, the_office) as reg:
                    record_document(reg, args.jenis, validate(args.jenis, data), doc)

        write_document(doc, args.output, tte, converter, on_written=close, format=fmt)
    elif args.nomor:
        if args.db and tte is not None:
            sign_numbered(args, the_office, data, tte, converter, fmt)
        else:
            doc = render(args.jenis, data, office=the_office, nomor=args.nomor)
            record = None
            if args.db:

                def record() -> None:  # a number taken before: its letter is the document
                    assert doc is not None
                    with register(args, the_office) as reg:
                        model = validate(args.jenis, data)
                        record_document(reg, args.jenis, model, doc, nomor=args.nomor.strip())

            write_document(doc, args.output, tte, converter, on_written=record, format=fmt)
    elif not args.db:
        raise SuratError(
            f"{args.jenis} adalah surat bernomor: berikan --db BUKU_AGENDA untuk mengambil "
            "nomor, atau --nomor N untuk nomor yang sudah diambil"
        )
    else:
        from ..pack.workflow import print_numbered

        model = validate(args.jenis, data)  # every problem reported before a number is taken

        def letter(pending: Pending) -> list[Document]:
            nonlocal taken, doc
            taken = pending.issue(**model.agenda(the_office), alasan=args.alasan)
            doc = render(args.jenis, model, office=the_office, nomor=taken)
            # recorded with the number, in the transaction that confirms it
            record_document(pending, args.jenis, model, doc, nomor=taken.nomor)
            return [doc]

        def write(docs: Iterable[Document], conv: Converter | None, pending: Pending) -> str:
            (doc,) = docs
            if tte is not None and doc.nomor:  # recorded with the number: no paraf after it
                pending.record_tte(doc.nomor)
            # confirm: once the whole letter is on disk, or written and flushed to stdout
            write_document(doc, args.output, tte, conv, on_written=pending.finish, format=fmt)
            return doc.nomor or ""

        with register(args, the_office) as reg:
            # every case, request and approval the letter cites found in its books, and
            # its free text against the protected words of the case it cites
            model = validate(args.jenis, model, register=reg)
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
    warnings = list(doc.peringatan) if doc is not None else []
    obj["peringatan"] = warnings
    if closed is not None:
        obj["kasus_ditutup"] = closed
    # the number alone on stdout (scriptable), the file's name on stderr
    report(args, obj, [str(taken)] if taken is not None else [], stdout_taken=to_stdout)
    if not getattr(args, "json", False):
        for w in warnings:  # on stderr: stdout carries the number (or the letter)
            print(f"peringatan: {w}", file=sys.stderr)
    if not to_stdout and not getattr(args, "json", False):
        print(args.output, file=sys.stderr)
    if taken is not None:
        announce_sisipan(args, [taken])
    return 0


def signing_date(args: argparse.Namespace, data: Any) -> Any:
    """``--tanggal-tte``: the letter is dated today, the day it is signed.

    Only for a letter whose number is taken now (``--db``) or that has none:
    a number already in the agenda was given for its date, and the agenda's
    order of numbers and dates (the sisipan of a backdated letter) follows
    that date; to date such a letter anew, void its number and take another.
    """
    from ..dates import today

    if not (args.tte or args.tte_pkcs11):
        raise SuratError("--tanggal-tte: hanya untuk surat yang ditandatangani sekarang (--tte)")
    if args.nomor:
        raise SuratError(
            f"--tanggal-tte: {args.nomor} tercatat di agenda dengan tanggalnya sendiri, yang "
            "tetap bagi nomor yang dikukuhkan; batalkan dan ambil nomor baru (--db) untuk "
            "memberinya tanggal hari ini"
        )
    if not isinstance(data, dict):
        raise SuratError("DATA: tabel isian surat diharapkan")
    return {**data, "tanggal": today().isoformat()}


def sign_numbered(
    args: argparse.Namespace,
    the_office: Office,
    data: Any,
    tte: TTE,
    converter: Converter | None,
    fmt: str,
) -> None:
    """Sign a letter whose number the agenda holds: with the electronic parafs the
    register recorded for it in its paraf table, then record the signature (no
    paraf is added afterwards). A letter recorded as signed is not signed again."""
    from ..letters import validate
    from ..templating.letter import render

    with register(args, the_office) as reg:
        nomor = args.nomor.strip()
        signed = reg.tte(nomor)
        if signed is not None:
            raise SuratError(
                f"--nomor: {nomor} sudah ditandatangani secara elektronik pada "
                f"{signed:%d-%m-%Y %H.%M} WIB; surat bertanda tangan tidak ditandatangani lagi"
            )
        doc = render(args.jenis, data, office=the_office, nomor=nomor, paraf=reg.paraf(nomor))

        def record() -> None:  # once the signed letter is written, before it takes its name
            record_document(reg, args.jenis, validate(args.jenis, data), doc, nomor=nomor)
            reg.record_tte(nomor)

        write_document(doc, args.output, tte, converter, format=fmt, on_written=record)


def check_nomor(args: argparse.Namespace, the_office: Office, data: Any) -> None:
    """A number given by hand must read as this office's; with ``--db``, be active in
    the agenda, its pack done, and given for the letter's date and letterhead
    (:func:`surat.pack.workflow.check_given`)."""
    from ..letters import validate
    from ..numbering import parse
    from ..pack.workflow import check_given

    parse(args.nomor, the_office.penomoran.pola)
    if args.db:
        with register(args, the_office) as reg:
            why = check_given(reg, args.nomor, validate(args.jenis, data), the_office)
        if why:
            raise SuratError(f"--nomor: {args.nomor.strip()} {why}")


def make_with_step(
    args: argparse.Namespace,
    data: Any,
    the_office: Office,
    tte: TTE | None,
    converter: Converter | None,
    fmt: str,
) -> None:
    """A companion's report written with ``--db``: the surat tugas it cites must be an
    active letter of the same case in the outgoing agenda; once the report is
    written, it is recorded as a document of the case, and the assistance it
    reports as the SOP's step (once: a reprint finds both)."""
    from ..letters import validate
    from ..letters.laporan_pendampingan import LaporanPendampingan
    from ..templating.letter import render

    model = validate(args.jenis, data)
    if not isinstance(model, LaporanPendampingan):  # LANGKAH_KINDS holds this kind only
        raise SuratError(f"{args.jenis}: tidak mencatat langkah SOP")
    step = model.langkah()
    doc = render(args.jenis, model, office=the_office)
    with register(args, the_office) as reg:
        reg.steps(step["nomor_registrasi"])  # an unknown or void case stops here
        cited = [
            e
            for e in reg.entries(tahun=None, nomor_registrasi=step["nomor_registrasi"])
            if e.nomor == model.tugas.nomor.strip()
        ]
        if not cited:
            raise SuratError(
                "tugas.nomor: bukan surat kasus ini di buku agenda surat keluar register"
            )
        if cited[0].status != "aktif":
            raise SuratError("tugas.nomor: surat tugas ini sudah batal")

        def record() -> None:  # once the report is written, before it takes its name
            record_document(
                reg, args.jenis, model, doc, sop=step["sop"], langkah=step["langkah"],
                kunci=f"buat:{model.tugas.nomor.strip()}:{model.pelaksanaan.tanggal.isoformat()}",
            )  # fmt: skip

        write_document(doc, args.output, tte, converter, format=fmt, on_written=record)
        if not any(  # a reprint of the report: its step is recorded already
            (s.sop, s.langkah, s.mulai, s.selesai)
            == (step["sop"], step["langkah"], step["mulai"], step["selesai"])
            for s in reg.steps(step["nomor_registrasi"])
        ):
            reg.record_step(**step)


def record_document(
    where: Register | Pending,
    jenis: str,
    model: object,
    doc: Document,
    *,
    nomor: str | None = None,
    sop: str | None = None,
    langkah: int | None = None,
    kunci: str | None = None,
) -> None:
    """Record the letter as a document of the case it cites (``korban.nomor_registrasi``)
    in the register of ``--db``: its kind, its date, its number (outgoing book) when
    numbered. A letter of no case records nothing. The key is the number, or the
    letter's date: a reprint records nothing new (no name is ever part of it)."""
    from ..numbering.dokumen import TAHAP_JENIS

    korban = getattr(model, "korban", None)
    nomor_registrasi = getattr(korban, "nomor_registrasi", None)
    if not isinstance(nomor_registrasi, str) or not nomor_registrasi.strip():
        return
    tanggal = doc.tanggal
    if tanggal is None:  # pragma: no cover - a rendered letter has its date
        raise SuratError(f"{jenis}: surat tanpa tanggal tidak dapat dicatat sebagai dokumen kasus")
    where.record_document(
        nomor_registrasi.strip(),
        jenis=jenis,
        tanggal=tanggal,
        nomor=nomor,
        buku="keluar" if nomor else None,
        tahap=TAHAP_JENIS.get(jenis, ""),
        sop=sop,
        langkah=langkah,
        kunci=kunci if kunci is not None else f"buat:{nomor or tanggal.isoformat()}",
    )
