"""``surat completion bash``: the shell's TAB completion of commands, options and choices.

The script is generated from the whole parser by shtab and is static: pressing
TAB runs no Python and imports nothing, so a clerk's shell stays as fast as
without it. Install it once::

    surat completion bash > ~/.local/share/bash-completion/completions/surat
"""

from __future__ import annotations

import argparse
from typing import Any

from .common import add_parser, report

SHELLS = ("bash",)

#: Arguments (by ``dest``) that name a file, and those that name a folder: TAB offers paths.
FILES = frozenset(
    {"data", "file", "output", "db", "kantor", "csv", "xlsx", "ca", "tte", "tte_pkcs11", "sop"}
)
FOLDERS = frozenset({"dir", "arsip"})


def add(sub: Any) -> None:
    p = add_parser(
        sub,
        "completion",
        "skrip pelengkapan TAB untuk shell, mis. "
        "surat completion bash > ~/.local/share/bash-completion/completions/surat",
    )
    p.add_argument("shell", metavar="SHELL", choices=SHELLS, help=f"shell: {', '.join(SHELLS)}")
    p.set_defaults(func=run)


def script(shell: str = "bash") -> str:
    """The completion script of `surat` for *shell*."""
    import shtab

    from . import build_parser

    parser = build_parser()
    for p in _parsers(parser):
        for action in p._actions:
            if action.dest in FILES:
                action.complete = shtab.FILE  # type: ignore[attr-defined]
            elif action.dest in FOLDERS:
                action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
    text: str = shtab.complete(parser, shell=shell)
    return text


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """*parser* and every subcommand's parser under it."""
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for p in dict.fromkeys(action.choices.values()):
                found += _parsers(p)
    return found


def run(args: argparse.Namespace) -> int:
    text = script(args.shell)
    report(args, {"shell": args.shell, "skrip": text}, text.rstrip("\n"))
    return 0
