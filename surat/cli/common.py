"""What the commands of `surat` share: options, the office, the register, passwords,
``--json`` and ``-`` for stdin and stdout.

Only the standard library is imported here, so that ``surat --help`` and the
parser stay instant; each command imports the heavy parts when it runs.
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from ..errors import SuratError
from ..vocab import BOOKS, KINDS

if TYPE_CHECKING:
    from ..numbering import Nomor, Register
    from ..office import Office

__all__ = [
    "BOOKS",
    "EXIT_CLOSED",
    "EXIT_INTERNAL",
    "EXIT_REFUSED",
    "EXIT_USAGE",
    "KINDS",
    "STDIO",
    "Formatter",
    "Parser",
    "StdoutSink",
    "UsageError",
    "add_dupleks",
    "add_kantor",
    "add_parser",
    "add_register",
    "add_sandi",
    "error_object",
    "indonesian_argparse",
    "jsonable",
    "localise",
    "nomor_fields",
    "office",
    "quiet_libraries",
    "read_stdin",
    "register",
    "report",
    "sandi",
    "stdin_object",
    "stream_format",
    "tanggal",
    "write_stdout",
]

#: The exit codes every command shares (``surat tte periksa`` adds 3; a signal N gives 128 + N).
EXIT_REFUSED = 1
"""The input was refused (:class:`surat.SuratError`): a file, a field, the register."""
EXIT_USAGE = 2
"""The command line itself: an unknown option, a missing argument."""
EXIT_INTERNAL = 70
"""An error surat did not expect (a bug): sysexits' EX_SOFTWARE."""
EXIT_CLOSED = 128 + 13
"""The reader of stdout went away (``surat ... | head``): 128 + SIGPIPE, as a shell says."""

#: The file name that means stdin (for data) or stdout (for ``-o``).
STDIO = "-"

#: Whether this run answers in JSON (``--json``); read by :class:`Parser` for its errors.
JSON_MODE: contextvars.ContextVar[bool] = contextvars.ContextVar("surat_json", default=False)


class UsageError(SuratError):
    """A command line that cannot run as given, found after parsing (exit 2)."""


class Formatter(argparse.HelpFormatter):
    """argparse's help, with its few words of English in Indonesian."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "pemakaian: " if prefix is None else prefix)

    def _format_args(self, action: argparse.Action, default_metavar: str) -> str:
        # --sandi reads a stray value only to refuse it: shown as the flag it is
        return "" if isinstance(action, _Ask) else super()._format_args(action, default_metavar)

    def _format_action_invocation(self, action: argparse.Action) -> str:
        return super()._format_action_invocation(action).rstrip()


class Parser(argparse.ArgumentParser):
    """argparse's parser, whose errors are one JSON object under ``--json`` (exit 2)."""

    def error(self, message: str) -> NoReturn:
        if not JSON_MODE.get():
            super().error(message)
        import re

        # argparse's "argumen NAME: ..." names an option or a metavar, never with a space
        one = re.match(r"argumen (\S+): (.*)", message, re.S)
        problem = {"path": "", "message": without_values(message)}
        if one:
            problem = {"path": one[1], "message": without_values(one[2])}
            kind = _TYPE_OF.get(problem["message"])
            if kind is not None:
                problem["type"] = kind
        obj = {
            "error": without_values(message),
            "problems": [problem],
            "exit": EXIT_USAGE,
            "usage": self.format_usage().strip(),
        }
        emit_json(obj, sys.stderr)
        self.exit(EXIT_USAGE)


def without_values(message: str) -> str:
    """An argparse message with the values typed left out: a word on a command line
    may be a name or a password, and a JSON error goes to an application's logs.

    >>> without_values("argumen JENIS: pilihan tidak sah: 'Budi' (pilih dari 'a', 'b')")
    "argumen JENIS: pilihan tidak sah (pilih dari 'a', 'b')"
    >>> without_values("argumen tidak dikenal: Budi Santoso --kantor=k.toml 3171")
    'argumen tidak dikenal: --kantor (dan 3 kata lain)'
    >>> without_values("argumen --tahun: nilai int tidak sah: 'dua ribu'")
    'argumen --tahun: nilai int tidak sah'
    >>> without_values("argumen --baru: nilai 'Budi' tidak dipakai (opsi ini tanpa nilai)")
    'argumen --baru: nilai tidak dipakai (opsi ini tanpa nilai)'
    """
    import re

    head, _, words = message.partition(": ")
    if head == "argumen tidak dikenal":
        options = [w.partition("=")[0] for w in words.split()]
        kept = [o for o in options if re.fullmatch(r"--?[A-Za-z][\w-]*", o)]
        others = len(options) - len(kept)
        more = f"{others} kata lain"
        if not kept:
            return f"{head} ({more})"
        return f"{head}: {' '.join(kept)}" + (f" (dan {more})" if others else "")
    quoted = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
    message = re.sub(rf"(nilai) {quoted} (tidak dipakai)", r"\1 \2", message)
    return re.sub(rf"(pilihan tidak sah|nilai [\w ]+ tidak sah): {quoted}", r"\1", message)


#: argparse's own words in Indonesian, keyed by its gettext message ids (those of
#: Python 3.11 to 3.13). argparse looks up ``_`` and ``ngettext`` in its module
#: each time it speaks, so :func:`indonesian_argparse` hands it this table while
#: the `surat` command builds and parses its command line, and gives its own
#: back afterwards. A table in code rather than a compiled .mo catalog: thirty
#: strings need no build step, no binary file in the wheel and no locale
#: directory to find, and a reviewer reads them here; and swapping the two names
#: only around the command line leaves argparse alone for an application that
#: imports surat (nothing changes in its process when surat is used as a library).
ARGPARSE_ID: dict[str, str] = {
    "usage: ": "pemakaian: ",
    "positional arguments": "argumen",
    "options": "opsi",
    "optional arguments": "opsi",
    "subcommands": "perintah",
    "show this help message and exit": "tampilkan bantuan ini",
    "show program's version number and exit": "tampilkan versi program",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "perintah %(parser_name)r tidak dikenal (pilihan: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "tidak dapat membuka '%(filename)s': %(error)s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "ignored explicit argument %r": "nilai %r tidak dipakai (opsi ini tanpa nilai)",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "one of the arguments %s is required": "salah satu argumen %s wajib diisi",
    "expected one argument": "memerlukan satu nilai",
    "expected at most one argument": "memerlukan paling banyak satu nilai",
    "expected at least one argument": "memerlukan paling sedikit satu nilai",
    "expected %s argument": "memerlukan %s nilai",
    "expected %s arguments": "memerlukan %s nilai",
    "ambiguous option: %(option)s could match %(matches)s": (
        "opsi %(option)s ambigu: bisa berarti %(matches)s"
    ),
    "unexpected option string: %s": "opsi tidak terduga: %s",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "pilihan tidak sah: %(value)r (pilih dari %(choices)s)"
    ),
    "option '%(option)s' is deprecated": "opsi '%(option)s' sudah usang",
    "argument '%(argument_name)s' is deprecated": "argumen '%(argument_name)s' sudah usang",
    "command '%(parser_name)s' is deprecated": "perintah '%(parser_name)s' sudah usang",
}


def _gettext(message: str) -> str:
    return ARGPARSE_ID.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


@contextlib.contextmanager
def indonesian_argparse() -> Iterator[None]:
    """argparse speaks Indonesian (:data:`ARGPARSE_ID`) inside the block, and as
    before after it.

    >>> import argparse
    >>> with indonesian_argparse():
    ...     argparse._("the following arguments are required: %s") % "--db"
    'argumen berikut wajib diisi: --db'
    >>> argparse._("the following arguments are required: %s") % "--db"
    'the following arguments are required: --db'
    """
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


#: The warnings the `surat` command does not print: the other libraries' notices
#: to their own developers that something they call will change. A clerk cannot
#: act on them, and they bury the one line that matters (pyHanko imports DSA from
#: cryptography, which warns on every signature). Targeted: these categories only,
#: from any module but surat's own (whose deprecated module paths still warn); a
#: library's other warnings still show.
QUIET_CATEGORIES: tuple[str, ...] = (
    "DeprecationWarning",
    "PendingDeprecationWarning",
    "cryptography.utils.CryptographyDeprecationWarning",
)
_NOT_SURAT = r"(?!surat(\.|$))"


@contextlib.contextmanager
def quiet_libraries() -> Iterator[None]:
    """Inside the block, third-party deprecation warnings are not printed
    (:data:`QUIET_CATEGORIES`); the process's filters are as before after it.

    >>> import warnings
    >>> with quiet_libraries(), warnings.catch_warnings(record=True) as seen:
    ...     warnings.warn_explicit("old", DeprecationWarning, "x.py", 1, module="pyhanko.x")
    ...     warnings.warn_explicit("moved", DeprecationWarning, "s.py", 1, module="surat.render")
    >>> [str(w.message) for w in seen]
    ['moved']
    """
    import warnings

    with warnings.catch_warnings():
        for name in QUIET_CATEGORIES:
            category = _warning_class(name)
            if category is None:
                continue
            module = "" if "." in name else _NOT_SURAT  # a library's own class: any module
            warnings.filterwarnings("ignore", category=category, module=module)
        yield


def _warning_class(name: str) -> type[Warning] | None:
    """The warning class *name* (dotted for a library's), None when not installed."""
    import builtins
    import importlib

    module, _, attr = name.rpartition(".")
    try:
        found = getattr(importlib.import_module(module) if module else builtins, attr)
    except (ImportError, AttributeError):
        return None
    return found if isinstance(found, type) and issubclass(found, Warning) else None


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
    localise(p)
    add_json(p, default=argparse.SUPPRESS)
    return p


def add_json(p: argparse.ArgumentParser, default: Any = False) -> None:
    """``--json``: on every command, before or after its name (SUPPRESS keeps a
    subcommand from resetting it, as for ``--kantor``)."""
    p.add_argument(
        "--json",
        action="store_true",
        default=default,
        help="hasil sebagai JSON di stdout; galat sebagai JSON di stderr (untuk skrip)",
    )


def tanggal(text: str) -> date:
    """An argparse type: a date as :func:`surat.dates.parse_tanggal` reads it."""
    from ..dates import parse_tanggal

    try:
        return parse_tanggal(text)
    except SuratError as exc:  # argparse puts the option's name before it
        problem = exc.errors[0]
        if problem.type is not None:  # argparse keeps the words only: the code rides here
            _TYPE_OF[problem.message] = problem.type
        raise argparse.ArgumentTypeError(problem.message) from None


_TYPE_OF: dict[str, str] = {}
"""The code of each message an argparse type function refused a value with (a
date's ``tanggal_mustahil``...), for the JSON of the usage error."""


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
        raise SuratError("--db: berkas buku agenda atau URL postgresql:// diharapkan")
    is_url = "://" in args.db
    if not is_url and args.db.lower().startswith(("postgres:", "postgresql:")):
        # a URL missing its '//' is no file name to quote: it may hold a password
        raise SuratError("--db: postgresql://USER@HOST:PORT/DATABASE diharapkan")
    if not is_url and not Path(args.db).exists() and not getattr(args, "baru", False):
        # a mistyped path must not start a second agenda book at 001
        hint = (
            "; untuk memulai buku agenda baru di sana, tambahkan --baru"
            if hasattr(args, "baru")
            else "; ambil nomor pertama dengan 'surat nomor ambil --baru' untuk memulainya"
        )
        raise SuratError(f"--db: {args.db} tidak ada{hint}")
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
            "--sandi: opsi ini tanpa nilai, dan kata sesudahnya tidak dipakai (sandi di "
            "baris perintah terlihat di daftar proses dan riwayat shell: gantilah bila "
            f"itu sandi); isi {SANDI_ENV}, atau berikan --sandi saja (sesudah "
            "DATA atau sebelum opsi lain) untuk mengetiknya"
        )
    if env is not None:
        if not env.strip():
            raise SuratError(
                f"{SANDI_ENV}: diisi tetapi kosong, sehingga PDF tidak terkunci; "
                "berikan sandi atau hapus variabel itu"
            )
        return env
    return _ask() if args.sandi else None


def _ask() -> str:
    """The PDF password typed twice in the terminal, without echo."""
    import getpass

    if not sys.stdin.isatty():
        raise SuratError(f"--sandi: sandi dibaca dari {SANDI_ENV} atau diketik di terminal")
    try:
        first = getpass.getpass("Sandi PDF (tidak ditampilkan): ")
        if not first.strip():
            raise SuratError("--sandi: sandi kosong membuat PDF tidak terkunci")
        again = getpass.getpass("Ulangi sandi PDF: ")
    except EOFError:
        raise SuratError("--sandi: sandi tidak diberikan") from None
    if again != first:
        raise SuratError("--sandi: kedua sandi yang diketik berbeda")
    return first


# -- --json ------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """*value* as JSON's types: a dataclass or named tuple as an object of its
    fields, a date as ISO 8601, a path as text, a duration in seconds.

    >>> from surat.errors import Problem
    >>> jsonable({"d": date(2026, 11, 22), "p": Problem("nik", "16 digits"), "t": (Path("a"),)})
    {'d': '2026-11-22', 'p': {'path': 'nik', 'message': '16 digits'}, 't': ['a']}
    """
    import dataclasses  # here: it imports inspect, which `surat --help` need not wait for

    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {k: jsonable(v) for k, v in zip(value._fields, value, strict=True)}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, Iterable):
        return [jsonable(v) for v in value]
    return str(value)


def emit_json(obj: Mapping[str, Any], stream: TextIO) -> None:
    """One JSON object on one line of *stream*."""
    import json

    stream.write(json.dumps(jsonable(obj), ensure_ascii=False) + "\n")
    stream.flush()


def report(
    args: argparse.Namespace,
    obj: Mapping[str, Any],
    text: str | Iterable[str] | None = None,
    *,
    stdout_taken: bool = False,
    text_on_stderr: bool = False,
) -> None:
    """What a command did: *obj* under ``--json``, else the lines of *text* (if any).

    Both go to stdout, except when *stdout_taken* (it carries a file: ``-o -``),
    then to stderr; *text_on_stderr* sends the text there too (a file's name, so
    that a script reading stdout gets only what it asked for).
    """
    if getattr(args, "json", False):
        emit_json(obj, sys.stderr if stdout_taken else sys.stdout)
    elif text is not None:
        out = sys.stderr if stdout_taken or text_on_stderr else sys.stdout
        for line in [text] if isinstance(text, str) else text:
            print(line, file=out)


def nomor_fields(n: Nomor, buku: str = "keluar") -> dict[str, Any]:
    """A number as the register gave it, for ``--json``.

    >>> from datetime import date
    >>> from surat.numbering import Nomor
    >>> nomor_fields(Nomor("001/DP3A-PP-KB/PPA/XI/2026", 1, date(2026, 11, 22), "PPA"))
    {'nomor': '001/DP3A-PP-KB/PPA/XI/2026', 'urut': 1, 'sisipan': '', 'nomor_sisipan': False, \
'klasifikasi': 'PPA', 'tanggal': '2026-11-22', 'tahun': 2026, 'bulan': 11, 'buku': 'keluar'}
    """
    return {
        "nomor": n.nomor,
        "urut": n.urut,
        "sisipan": n.sisipan,
        "nomor_sisipan": bool(n.sisipan),
        "klasifikasi": n.klasifikasi,
        "tanggal": n.tanggal.isoformat(),
        "tahun": n.tahun,
        "bulan": n.bulan,
        "buku": buku,
    }


def announce_sisipan(args: argparse.Namespace, numbers: Iterable[Nomor]) -> None:
    """Say on stderr which numbers are inserted ones (``002.a``: a backdated letter);
    under ``--json`` the object says it (``nomor_sisipan``)."""
    if getattr(args, "json", False):
        return
    for n in numbers:
        if n.sisipan:
            print(
                f"catatan: {n} adalah nomor sisipan: tanggal suratnya lebih awal dari "
                "surat terakhir di buku agenda",
                file=sys.stderr,
            )


def error_object(exc: BaseException, code: int) -> dict[str, Any]:
    """The JSON of an error: its message, each problem (``path``, ``message`` and,
    where it has one, ``type``), the exit code; the numbers a failed pack voided.

    Messages never quote a value (they name fields, files and rows), so neither
    does this.

    >>> error_object(SuratError("pelapor.nik: 16 angka diharapkan, terisi 3"), 1)
    {'error': 'pelapor.nik: 16 angka diharapkan, terisi 3', 'problems': [{'path': 'pelapor.nik', \
'message': '16 angka diharapkan, terisi 3'}], 'exit': 1}
    """
    problems = []
    for p in getattr(exc, "errors", None) or [("", str(exc))]:
        one = {"path": p[0], "message": p[1]}
        kind = getattr(p, "type", None)
        if kind is not None:
            one["type"] = kind
        problems.append(one)
    obj: dict[str, Any] = {"error": str(exc), "problems": problems, "exit": code}
    voided = getattr(exc, "voided", None)
    if voided is not None:
        obj["voided"] = list(voided)
    return obj


# -- - for stdin and stdout ------------------------------------------------------


def stream_format(
    args: argparse.Namespace,
    name: str,
    option: str,
    formats: tuple[str, ...],
    default: str | None = None,
) -> str | None:
    """The format of *name* (``DATA`` or ``-o``): ``--format``; for ``-``, else
    *default* (``-`` without either is refused); for a file, else its suffix
    (None when it has none of *formats*, for the command to refuse).

    A ``--format`` that contradicts the file name is refused.
    """
    given: str | None = getattr(args, "format", None)
    if name == STDIO:
        if given is None and default is not None:
            return default
        if given is None:
            raise UsageError(
                f"--format: {option} - (stdin atau stdout) memerlukan formatnya: "
                f"--format {'|'.join(formats)}"
            )
        return given
    suffix = Path(name).suffix.lower().lstrip(".")
    if given is not None and given != suffix:
        raise UsageError(f"--format: {given}, tetapi {option} menyebut berkas .{suffix or '?'}")
    return suffix if suffix in formats else None


def read_stdin(what: str, limit: int) -> bytes:
    """All of stdin (at most *limit* bytes), for ``-`` in place of a file."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise SuratError(f"stdin: tidak ada {what} untuk dibaca (stdin tertutup)")
    try:
        data: bytes = stream.read(limit + 1)
    except OSError as exc:
        raise SuratError(f"stdin: {what} tidak dapat dibaca ({exc.strerror})") from None
    if len(data) > limit:
        raise SuratError(f"stdin: {what} lebih besar dari {limit // 2**20} MB")
    return data


def stdin_text(what: str) -> str:
    """The text of stdin, checked as a data file's (UTF-8, no NUL byte)."""
    from ..files import MAX_DATA_BYTES, decode_text

    return decode_text(read_stdin(what, MAX_DATA_BYTES), "stdin", what)


def stdin_object(what: str) -> dict[str, Any]:
    """An object read from stdin: JSON when it starts with ``{``, else TOML (whose
    documents never start with ``{``).

    >>> import io
    >>> saved = sys.stdin
    >>> sys.stdin = io.TextIOWrapper(io.BytesIO(b'  {"a": 1}'))
    >>> stdin_object("data")
    {'a': 1}
    >>> sys.stdin = io.TextIOWrapper(io.BytesIO(b'# TOML\\na = 1'))
    >>> stdin_object("data")
    {'a': 1}
    >>> sys.stdin = saved
    """
    from ..files import parse_text

    text = stdin_text(what)
    suffix = ".json" if text.lstrip().startswith("{") else ".toml"
    data = parse_text(text, suffix, "stdin")
    if not isinstance(data, dict):  # pragma: no cover - both give an object here
        raise SuratError("stdin: objek (kunci: nilai) diharapkan di tingkat teratas")
    return data


def refuse_terminal(option: str, what: str) -> None:
    """A file's bytes are not written to a terminal (``-o -`` left unredirected)."""
    if sys.stdout.isatty():
        raise SuratError(
            f"{option} -: stdout adalah terminal; {what} ditulis ke pipa atau berkas "
            f"({option} - > BERKAS)"
        )


class StdoutSink:
    """Stdout as the binary stream a print pack is written to (``-o -``): the whole
    pack in one ``write``, flushed (:func:`write_stdout`); a reader that went away
    is an error, so the numbers of a pack it did not get are voided."""

    def __init__(self, what: str, option: str = "-o") -> None:
        self.what = what
        self.option = option

    def write(self, data: bytes) -> int:
        write_stdout(data, self.what, option=self.option)
        return len(data)


def write_stdout(
    data: bytes,
    what: str,
    on_written: Callable[[], None] | None = None,
    *,
    option: str = "-o",
    delivered: bool = True,
) -> None:
    """Write a file's bytes to stdout, flushed (and on disk, when stdout is a file);
    then *on_written* (a letter confirms its number there, once all of it is out).

    When it must be *delivered* (a letter), a reader that went away is an error;
    otherwise (an export, as ``| head`` reads it) the run ends quietly (exit 141).
    """
    try:
        sys.stdout.flush()  # nothing printed before may follow the file's bytes
        out = sys.stdout.buffer
        out.write(data)
        out.flush()
        fd = out.fileno()
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.fsync(fd)
    except OSError as exc:
        if isinstance(exc, BrokenPipeError) and not delivered:
            raise
        close_stdout()
        raise SuratError(
            f"{option} -: {what} tidak dapat ditulis ke stdout ({exc.strerror or exc})"
        ) from None
    if on_written is not None:
        on_written()


def close_stdout() -> None:
    """Point stdout at /dev/null: what is still buffered for a reader that went away
    is dropped, and the interpreter's last flush cannot fail (Python's own advice
    for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout replaced or closed already
        pass
