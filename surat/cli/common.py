"""What the commands of `surat` share: options, the office, the register, passwords.

Only the standard library is imported here, so that ``surat --help`` and the
parser stay instant; each command imports the heavy parts when it runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SuratError
from ..vocab import BOOKS, KINDS

if TYPE_CHECKING:
    from ..numbering import Register
    from ..office import Office

__all__ = [
    "BOOKS",
    "KINDS",
    "Formatter",
    "add_dupleks",
    "add_kantor",
    "add_parser",
    "add_register",
    "add_sandi",
    "localise",
    "office",
    "register",
    "sandi",
    "tanggal",
]


class Formatter(argparse.HelpFormatter):
    """argparse's help, with its few words of English in Indonesian."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "pemakaian: " if prefix is None else prefix)

    def _format_args(self, action: argparse.Action, default_metavar: str) -> str:
        # --sandi reads a stray value only to refuse it: shown as the flag it is
        return "" if isinstance(action, _Ask) else super()._format_args(action, default_metavar)

    def _format_action_invocation(self, action: argparse.Action) -> str:
        return super()._format_action_invocation(action).rstrip()


def localise(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Indonesian section titles and -h line for a parser made with ``add_help=False``."""
    parser._positionals.title = "argumen"
    parser._optionals.title = "opsi"
    parser.add_argument(
        "-h", "--help", action="help", default=argparse.SUPPRESS, help="tampilkan bantuan ini"
    )
    return parser


def add_parser(sub: Any, name: str, help: str, **kwargs: Any) -> argparse.ArgumentParser:
    """A subcommand with Indonesian help (``sub`` is what ``add_subparsers`` returned)."""
    p: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help,
        description=kwargs.pop("description", help),
        formatter_class=Formatter,
        add_help=False,
        **kwargs,
    )
    return localise(p)


def tanggal(text: str) -> date:
    """An argparse type: a date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("tanggal YYYY-MM-DD diharapkan") from None


# -- options shared by several commands -------------------------------------


def add_kantor(p: argparse.ArgumentParser) -> None:
    """``--kantor``: only on commands whose output depends on the office profile.

    The top-level ``surat --kantor F CMD`` stores the same destination; SUPPRESS
    keeps a subcommand from resetting a value given before it.
    """
    p.add_argument(
        "--kantor",
        metavar="KANTOR.toml",
        default=argparse.SUPPRESS,
        help="profil kantor (bawaan: profil yang dikirim bersama surat)",
    )
    p.set_defaults(uses_kantor=True)


def add_register(p: argparse.ArgumentParser, *, required: bool = True, baru: bool = True) -> None:
    """``--db`` and, on commands that write to the register, ``--baru``."""
    p.add_argument(
        "--db",
        required=required,
        metavar="FILE|URL",
        help="buku agenda: berkas SQLite atau URL postgresql://",
    )
    if baru:
        p.add_argument(
            "--baru",
            action="store_true",
            help="buat buku agenda baru bila FILE belum ada",
        )


def add_dupleks(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--dupleks",
        action="store_true",
        help="cetak bolak-balik: setiap surat mulai di lembar baru",
    )


#: The environment variable that holds the PDF password (``--sandi``).
SANDI_ENV = "SURAT_SANDI"


class _Ask(argparse.Action):
    """A flag that catches a value typed after it, so that :func:`sandi` refuses it
    without argparse echoing it as a stray argument (a password, on the screen)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs="?", const=True, default=False, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        setattr(namespace, self.dest, values)


def add_sandi(p: argparse.ArgumentParser) -> None:
    """``--sandi``: lock the PDF; the password comes from ``SURAT_SANDI`` or a prompt.

    Never from the command line: the process list shows it to every user of
    the machine, and the shell keeps it in its history.
    """
    p.add_argument(
        "--sandi",
        action=_Ask,
        help=f"kunci PDF dengan sandi (AES-256): sandi dari {SANDI_ENV} atau ditanyakan, "
        "tidak pernah ditulis di baris perintah",
    )


# -- what the options give ---------------------------------------------------


def office(args: argparse.Namespace) -> Office:
    """The office profile of ``--kantor``, else the built-in one."""
    from ..office import Office

    path = getattr(args, "kantor", None)
    return Office.from_toml(path) if path else Office.default()


def register(args: argparse.Namespace, office: Office) -> Register:
    """The register of ``--db``; a missing file is refused unless ``--baru``."""
    from ..numbering import Register

    if not args.db:
        raise SuratError("--db: a register file or postgresql:// URL expected")
    is_url = "://" in args.db
    if not is_url and args.db.lower().startswith(("postgres:", "postgresql:")):
        # a URL missing its '//' is no file name to quote: it may hold a password
        raise SuratError("--db: postgresql://USER@HOST:PORT/DATABASE expected")
    if not is_url and not Path(args.db).exists() and not getattr(args, "baru", False):
        # a mistyped path must not start a second agenda book at 001
        hint = (
            "; to start a new agenda book there, add --baru"
            if hasattr(args, "baru")
            else "; take a first number with 'surat nomor ambil --baru' to start one"
        )
        raise SuratError(f"--db: {args.db} does not exist{hint}")
    return Register(args.db, office=office)


def sandi(args: argparse.Namespace) -> str | None:
    """The PDF password: ``SURAT_SANDI``, else typed when ``--sandi`` asks for it;
    None when neither.

    ``SURAT_SANDI`` is removed from the environment as soon as it is read, so
    that no process started afterwards inherits it. A value written after
    ``--sandi`` is refused, never used (nor printed). An empty password is
    refused: it would write an unencrypted pack that the clerk believes is
    locked.
    """
    env = os.environ.pop(SANDI_ENV, None)
    if isinstance(args.sandi, str):
        raise SuratError(
            "--sandi: it takes no value, and the word after it was not used (a password "
            "on the command line shows in the process list and the shell's history: "
            f"change it if it was one); set {SANDI_ENV}, or give --sandi alone (after "
            "DATA or before another option) to type it"
        )
    if env is not None:
        if not env.strip():
            raise SuratError(
                f"{SANDI_ENV}: it is set but empty, which would leave the PDF unencrypted; "
                "give a password or unset it"
            )
        return env
    return _ask() if args.sandi else None


def _ask() -> str:
    """The PDF password typed twice in the terminal, without echo."""
    import getpass

    if not sys.stdin.isatty():
        raise SuratError(f"--sandi: the password is read from {SANDI_ENV} or typed in a terminal")
    try:
        first = getpass.getpass("Sandi PDF (tidak ditampilkan): ")
        if not first.strip():
            raise SuratError("--sandi: an empty password would leave the PDF unencrypted")
        again = getpass.getpass("Ulangi sandi PDF: ")
    except EOFError:
        raise SuratError("--sandi: no password given") from None
    if again != first:
        raise SuratError("--sandi: the two passwords typed differ")
    return first
