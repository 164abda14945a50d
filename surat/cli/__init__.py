"""The `surat` command. It speaks Indonesian, like the office that uses it.

    surat nomor ambil --db agenda.db --perihal "Persetujuan Pendampingan"
    surat nomor batal 001/DP3A-PP-KB/PPA/XI/2026 --alasan "salah ketik" --db agenda.db
    surat nomor lihat --db agenda.db
    surat agenda --db agenda.db [--buku keluar|masuk|kasus] [--csv F.csv | --xlsx F.xlsx]
    surat contoh persetujuan > data.json
    surat buat persetujuan data.json -o surat.pdf --db agenda.db
    surat cetak data.csv --jenis persetujuan -o cetak.pdf --db agenda.db
    surat kasus kasus.json -o kasus.pdf --db agenda.db
    surat langkah 001/REG-PPA/XI/2026 --langkah 2 --mulai "2026-11-16 09:10" \
        --selesai "2026-11-16 10:25" --oleh staf_penerima --db agenda.db
    surat kronologi 001/REG-PPA/XI/2026 --db agenda.db -o kronologi.pdf
    surat laporan --db agenda.db --bulan 2026-11 -o laporan.pdf|laporan.xlsx
    surat templat periksa templat.docx | surat templat salin persetujuan DIR
    surat tte periksa surat.pdf --ca root.pem

Commands whose output depends on the office take ``--kantor kantor.toml``
(default: the built-in profile), before or after the command's name. Errors go
to stderr as one clear message and the exit code is 1; nothing else is printed
that could name a person.

Each command (or group) is one module of this package with an ``add(sub)``
function that adds its parser and sets ``func``; registering it is one line in
:data:`COMMANDS`. Modules import only the standard library at the top, so the
parser and ``surat --help`` stay instant; the work is imported when it runs.

The parser is the standard library's argparse: it gives subcommands, choices
and help with no dependency and no import cost, which is all the command needs.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import signal
import sys
from collections.abc import Sequence
from typing import NoReturn

from ..errors import SuratError
from .common import Formatter, localise

__all__ = ["COMMANDS", "build_parser", "main", "run"]

COMMANDS: tuple[str, ...] = (
    "nomor",
    "agenda",
    "contoh",
    "buat",
    "cetak",
    "kasus",
    "langkah",
    "kronologi",
    "laporan",
    "templat",
    "terbilang",
    "tte",
)
"""The modules of :mod:`surat.cli` that add a command, in the order of ``--help``."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command's parser: every command, or only *command* (one of
    :data:`COMMANDS`), which parses that command's arguments the same way
    without importing the others.
    """
    from .. import __version__

    parser = localise(
        argparse.ArgumentParser(
            prog="surat",
            description="Naskah dinas: nomor, agenda, surat, cetak.",
            formatter_class=Formatter,
            add_help=False,
        )
    )
    parser.add_argument(
        "--kantor",
        metavar="KANTOR.toml",
        default=None,
        help="profil kantor, untuk perintah yang memakainya (bawaan: profil bawaan)",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"surat {__version__}",
        help="tampilkan versi surat",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH", title="perintah")
    for name in COMMANDS if command is None else (command,):
        importlib.import_module(f"{__name__}.{name}").add(sub)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The command *argv* names, if it names one after the global options only.

    >>> _command(["--kantor", "buat", "buat", "persetujuan"])
    'buat'
    >>> _command(["--help"]) is None, _command(["buat"]), _command(["bu"]) is None
    (True, 'buat', True)
    >>> _command(["--kan", "buat", "templat", "daftar"])  # argparse takes prefixes
    'templat'
    """
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        # --kantor, or a prefix argparse accepts for it, is the one global option with a value
        i += 2 if len(argv[i]) > 2 and "--kantor".startswith(argv[i]) else 1
    return argv[i] if i < len(argv) and argv[i] in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    # only the command that runs is imported and built (a third of a letter's
    # start); anything else (help, a typo) gets the whole parser and its message
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command(argv))
    args = parser.parse_args(argv)
    if args.kantor is not None and not getattr(args, "uses_kantor", False):
        parser.error(f"--kantor: 'surat {args.command}' tidak memakai profil kantor")
    try:
        code: int = args.func(args)
    except SuratError as exc:
        print(f"surat: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM/SIGHUP (surat.stopping)
        signum = getattr(exc, "signum", signal.SIGINT)
        print(f"surat: dihentikan ({signal.Signals(signum).name})", file=sys.stderr)
        return 128 + signum
    return code


def run() -> NoReturn:
    """The `surat` command (and ``python -m surat``): :func:`main`, then exit.

    The process ends right after, having closed what it opened, so its objects
    are frozen (:func:`gc.freeze`): the interpreter's last collections need not
    visit them all, which took a third of a second after a letter was written.
    An application calls :func:`main` instead, which leaves its objects alone.
    """
    status = main()
    gc.freeze()
    sys.exit(status)
