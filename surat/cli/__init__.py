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
    surat penutupan 001/REG-PPA/XI/2026 --db agenda.db [--buka "alasan"]
    surat kronologi 001/REG-PPA/XI/2026 --db agenda.db -o kronologi.pdf
    surat laporan --db agenda.db --bulan 2026-11 -o laporan.pdf|laporan.xlsx
    surat templat periksa templat.docx | surat templat salin persetujuan DIR
    surat tte periksa surat.pdf --ca root.pem

Commands whose output depends on the office take ``--kantor kantor.toml``
(default: the built-in profile), before or after the command's name. Errors go
to stderr as one clear message and the exit code is 1; nothing else is printed
that could name a person.

For scripts and other languages (a PHP application runs ``surat``):

- ``--json``, on every command, before or after its name: what the command did
  is one JSON object on stdout; an error is one JSON object on stderr
  (``error``, ``problems`` with ``path`` and ``message`` each, ``exit``), and
  stdout is then empty;
- ``-`` for a file: the data of ``buat``, ``cetak`` (with ``--format csv|json``)
  and ``kasus`` from stdin, the letter of ``buat -o - --format pdf|docx`` and
  the export of ``agenda --csv -`` to stdout, the PDF of ``tte periksa -`` from
  stdin. When stdout carries a file, the command's report goes to stderr;
- the exit code (:data:`EXIT_CODES`): 0 done, 1 refused input, 2 a wrong
  command line, 3 ``tte periksa`` intact but the signer not checked, 70 an
  error surat did not expect, 141 stdout's reader went away (``| head``),
  128 + N stopped by signal N.

``surat completion bash`` prints a completion script (shtab: static, no Python
runs when TAB is pressed).

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
import warnings
from collections.abc import Sequence
from typing import NoReturn

from ..errors import SuratError
from .common import (
    EXIT_CLOSED,
    EXIT_INTERNAL,
    EXIT_REFUSED,
    EXIT_USAGE,
    JSON_MODE,
    Formatter,
    Parser,
    UsageError,
    add_json,
    close_stdout,
    emit_json,
    error_object,
    indonesian_argparse,
    localise,
    quiet_libraries,
)

__all__ = ["COMMANDS", "EXIT_CODES", "build_parser", "main", "run"]

COMMANDS: tuple[str, ...] = (
    "nomor",
    "agenda",
    "contoh",
    "buat",
    "cetak",
    "kasus",
    "langkah",
    "paraf",
    "penutupan",
    "kronologi",
    "laporan",
    "templat",
    "terbilang",
    "tte",
    "completion",
)
"""The modules of :mod:`surat.cli` that add a command, in the order of ``--help``."""

EXIT_CODES: dict[int, str] = {
    0: "selesai",
    EXIT_REFUSED: "masukan ditolak (berkas, isian, buku agenda), atau tte periksa: TIDAK SAH",
    EXIT_USAGE: "baris perintah salah",
    3: "tte periksa: utuh, tetapi penanda tangan tidak diperiksa (tanpa sertifikat akar)",
    EXIT_INTERNAL: "galat yang tidak terduga di surat",
    EXIT_CLOSED: "pembaca stdout berhenti lebih dulu (mis. surat ... | head)",
}
"""The exit codes of `surat`, as ``surat --help`` lists them; and 128 + N: stopped
by signal N (130 Ctrl-C, 129 SIGHUP, 143 SIGTERM), its numbers voided."""

EPILOG = (
    "kode keluar: "
    + "; ".join(f"{code} {what}" for code, what in EXIT_CODES.items())
    + "; 128+N dihentikan sinyal N (130 Ctrl-C, 143 SIGTERM). Dengan --json: hasil "
    "satu objek JSON di stdout, galat satu objek JSON di stderr. '-' sebagai berkas: "
    "stdin untuk data, stdout untuk -o."
)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command's parser: every command, or only *command* (one of
    :data:`COMMANDS`), which parses that command's arguments the same way
    without importing the others.
    """
    from .. import __version__

    parser = localise(
        Parser(
            prog="surat",
            description="Naskah dinas: nomor, agenda, surat, cetak.",
            epilog=EPILOG,
            formatter_class=Formatter,
            add_help=False,
        )
    )
    add_json(parser)
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


def _wants_json(argv: Sequence[str]) -> bool:
    """Whether *argv* asks for ``--json`` (or a prefix argparse takes for it), so that
    even the parser's own errors answer in JSON.

    >>> _wants_json(["nomor", "ambil", "--js"]), _wants_json(["buat", "--", "--json"])
    (True, False)
    """
    for arg in argv:
        if arg == "--":
            return False
        if arg.startswith("--js") and "--json".startswith(arg):
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command *argv* (default: the process's arguments); return its exit code.

    The parser's own errors (a usage error, ``--help``) end in ``SystemExit`` as
    argparse's do.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    token = JSON_MODE.set(_wants_json(argv))
    try:
        with indonesian_argparse(), quiet_libraries():
            return _main(argv)
    finally:
        JSON_MODE.reset(token)


def _main(argv: list[str]) -> int:
    # only the command that runs is imported and built (a third of a letter's
    # start); anything else (help, a typo) gets the whole parser and its message
    parser = build_parser(_command(argv))
    args = parser.parse_args(argv)
    as_json = bool(args.json)
    JSON_MODE.set(as_json)
    if args.kantor is not None and not getattr(args, "uses_kantor", False):
        parser.error(f"--kantor: 'surat {args.command}' tidak memakai profil kantor")
    try:
        with warnings.catch_warnings():
            if as_json:  # stderr holds one JSON object, or nothing: no library's warning
                warnings.simplefilter("ignore")
            code: int = args.func(args)
        sys.stdout.flush()  # a reader gone: here, not in the interpreter's last flush
    except UsageError as exc:
        return _failed(exc, EXIT_USAGE, as_json)
    except SuratError as exc:
        return _failed(exc, EXIT_REFUSED, as_json)
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM/SIGHUP (surat.stopping)
        signum = getattr(exc, "signum", signal.SIGINT)
        stopped = SuratError(f"dihentikan ({signal.Signals(signum).name})")
        return _failed(stopped, 128 + signum, as_json)
    except BrokenPipeError:
        if not _stdout_gone():
            return _crashed(as_json)
        close_stdout()  # quietly: `surat contoh kantor | head` read all it wanted
        return EXIT_CLOSED
    except Exception:
        return _crashed(as_json)
    return code


def _failed(exc: BaseException, code: int, as_json: bool) -> int:
    """Report an error on stderr, one line (or one JSON object); return *code*."""
    try:
        if as_json:
            emit_json(error_object(exc, code), sys.stderr)
        else:
            print(f"surat: {exc}", file=sys.stderr)
    except OSError:  # stderr gone too (`surat ... 2>&1 | head`): the code says it
        pass
    return code


def _crashed(as_json: bool) -> int:
    """An error surat did not expect: Python's traceback, or under ``--json`` an
    object naming only its type (its message could quote anything)."""
    import traceback

    kind = type(sys.exception()).__name__
    if as_json:
        return _failed(
            SuratError(f"galat internal ({kind}); jalankan perintah tanpa --json untuk melihatnya"),
            EXIT_INTERNAL,
            True,
        )
    traceback.print_exc()
    return _failed(SuratError(f"galat internal ({kind})"), EXIT_INTERNAL, False)


def _stdout_gone() -> bool:
    """Whether stdout is a pipe whose reader has closed it (poll says POLLERR)."""
    import select

    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), 0)
        return any(ev & (select.POLLERR | select.POLLHUP) for _, ev in poller.poll(0))
    except (OSError, ValueError, AttributeError):
        return False


def run() -> NoReturn:
    """The `surat` command (and ``python -m surat``): :func:`main`, then exit.

    The process ends right after, having closed what it opened, so its objects
    are frozen (:func:`gc.freeze`): the interpreter's last collections need not
    visit them all, which took a third of a second after a letter was written.
    An application calls :func:`main` instead, which leaves its objects alone.
    """
    try:
        status = main()
    except SystemExit as exc:  # argparse's help or usage error: flushed below all the same
        status = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        close_stdout()
        status = status or EXIT_CLOSED
    gc.freeze()
    sys.exit(status)
