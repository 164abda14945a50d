"""``surat kasus KASUS -o OUT.pdf``: every letter of one case, in two PDFs.

``OUT.pdf`` holds the letters that leave the office (the approval and the
assignment letter, with their tembusan copies); ``--internal FILE`` (default
``OUT-internal.pdf``) the papers that stay in the case file: the request with
NIK and addresses, the counseling report. The internal file is encrypted
(AES-256) with the password of the environment variable
``SURAT_SANDI_INTERNAL`` (removed from the environment once read, so that no
process started afterwards, LibreOffice included, inherits it) or typed twice
in the terminal without echo; never on the command line. Only
``--internal-terbuka`` writes it unencrypted.

``KASUS`` may be ``-``: the case is read from stdin (JSON, or TOML). ``-o -``
writes the outgoing pack to stdout (the internal papers then need ``--internal
FILE``); its numbers are confirmed once both are written.

``--tahap`` prints the documents of one stage, several (``konseling,rujukan``)
or all (``semua``): penerimaan, konseling, persetujuan, penugasan, rujukan,
laporan, mediasi, penutupan; without it, the four first letters. A case file
is completed over weeks: printing it again numbers only what is new; what the
register already records for the case is printed again with its recorded
number and date. ``--json`` lists every document (jenis, nomor, tanggal, baru).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, BinaryIO, cast

from ..errors import SuratError
from ..vocab import TAHAP
from .common import (
    STDIO,
    StdoutSink,
    add_dupleks,
    add_kantor,
    add_parser,
    add_register,
    add_sandi,
    jsonable,
    office,
    refuse_terminal,
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
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT.pdf",
        help="berkas PDF surat keluar, atau - (stdout; --internal wajib diberikan)",
    )
    p.add_argument(
        "--tahap",
        metavar="TAHAP",
        default=None,
        help="tahap yang dicetak: satu atau beberapa (dipisah koma) dari "
        f"{', '.join(TAHAP)}, atau semua; bawaan: empat surat pertama (permohonan, "
        "konseling, persetujuan, tugas). Dokumen yang sudah tercatat dicetak ulang dengan "
        "nomor dan tanggalnya; hanya dokumen baru yang diberi nomor",
    )
    add_register(p)
    add_dupleks(p)
    add_sandi(p)
    p.add_argument(
        "--internal",
        metavar="INTERNAL.pdf",
        default=None,
        help="berkas dokumen internal (permohonan dengan NIK dan alamat, konseling); "
        "bawaan: OUT-internal.pdf",
    )
    p.add_argument(
        "--internal-terbuka",
        action="store_true",
        help=f"tulis dokumen internal TANPA sandi (bawaan: terkunci dengan sandi dari "
        f"{SANDI_INTERNAL_ENV} atau ditanyakan)",
    )
    add_tte(p, arsip=True)
    p.set_defaults(func=run)


#: The environment variable that holds the internal papers' password.
SANDI_INTERNAL_ENV = "SURAT_SANDI_INTERNAL"


def sandi_internal(args: argparse.Namespace) -> str | None:
    """The internal papers' password: ``SURAT_SANDI_INTERNAL`` (removed from the
    environment once read), else typed twice in a terminal; None only with
    ``--internal-terbuka``. An empty password is refused: the file would be open."""
    env = os.environ.pop(SANDI_INTERNAL_ENV, None)
    if args.internal_terbuka:
        if env is not None:
            raise SuratError(
                f"--internal-terbuka: {SANDI_INTERNAL_ENV} juga diisi; berikan salah satunya"
            )
        return None
    if env is not None:
        if not env.strip():
            raise SuratError(
                f"{SANDI_INTERNAL_ENV}: diisi tetapi kosong, sehingga dokumen internal tidak "
                "terenkripsi; berikan sandi, atau --internal-terbuka"
            )
        return env
    if not sys.stdin.isatty():
        raise SuratError(
            f"--internal: dokumen internal (NIK, alamat) dienkripsi: isi "
            f"{SANDI_INTERNAL_ENV} atau ketik sandinya di terminal; --internal-terbuka "
            "menulisnya tanpa enkripsi"
        )
    import getpass

    try:
        first = getpass.getpass("Sandi dokumen internal (tidak ditampilkan): ")
        if not first.strip():
            raise SuratError("--internal: sandi kosong membuat dokumen tidak terenkripsi")
        again = getpass.getpass("Ulangi sandi dokumen internal: ")
    except EOFError:
        raise SuratError("--internal: sandi tidak diberikan") from None
    if again != first:
        raise SuratError("--internal: kedua sandi yang diketik berbeda")
    return first


def run(args: argparse.Namespace) -> int:
    from ..kasus import Kasus
    from ..tahap import pilih

    tahap = pilih(args.tahap) if args.tahap is not None else None  # before anything is read
    to_stdout = args.output == STDIO
    if to_stdout:
        if args.internal is None:
            raise SuratError(
                "--internal: -o - menulis surat keluar ke stdout; dokumen internal memerlukan "
                "berkasnya sendiri (--internal BERKAS.pdf)"
            )
        refuse_terminal("-o", "paket surat keluar")
    password = get_sandi(args)
    tte = load_tte(args)
    the_office = office(args)
    if args.data == STDIO:
        kasus = Kasus.from_dict(stdin_object("data kasus"), source="stdin")
    else:
        kasus = Kasus.from_file(args.data)
    internal_password = sandi_internal(args)  # asked once the case reads well
    with register(args, the_office) as reg:
        result = kasus.print_pack(
            reg,
            cast(BinaryIO, StdoutSink("paket surat keluar")) if to_stdout else args.output,
            office=the_office,
            duplex=args.dupleks,
            encrypt=password,
            internal=args.internal,
            sandi_internal=internal_password,
            internal_terbuka=args.internal_terbuka,
            tte=tte,
            arsip=args.arsip,
            tahap=tahap,
        )
    text = str(result)
    if not kasus.nomor_registrasi and result.nomor_registrasi:  # the next stages need it
        text += (
            f'\nTulis "nomor_registrasi": "{result.nomor_registrasi}" di berkas kasus: '
            "tahap berikutnya dicetak dengan nomor itu."
        )
    report(args, jsonable(result), text, stdout_taken=to_stdout)
    return 0
