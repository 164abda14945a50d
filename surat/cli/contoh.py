"""``surat contoh JENIS``: a file to start from: a letter's data, a case, an office
profile, or a spreadsheet of approval letters for ``surat cetak``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..errors import SuratError
from .common import KINDS, add_parser, report

STARTERS = {
    "kantor": "kantor.toml",
    "kasus": "kasus.json",
    "batch": "batch.csv",
    "notebook": "panduan.ipynb",
}
"""Starter files shipped in ``surat/starter/`` (with fictional people; the profile
commented; the staff notebook, to open with Jupyter)."""
CHOICES = (*KINDS, *STARTERS)


def add(sub: Any) -> None:
    p = add_parser(
        sub,
        "contoh",
        "berkas awal untuk disunting: data satu jenis surat (JSON), satu kasus "
        "(kasus.json), profil kantor (kantor.toml), baris-baris surat persetujuan "
        "untuk surat cetak (batch.csv) atau buku catatan Jupyter untuk staf (panduan.ipynb)",
    )
    p.add_argument(
        "jenis",
        metavar="JENIS",
        choices=CHOICES,
        help=f"jenis surat ({', '.join(KINDS)}), 'kasus', 'kantor', 'batch' atau 'notebook'",
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="tulis ke berkas ini (mode 0600), bukan ke layar"
    )
    p.add_argument("--timpa", action="store_true", help="timpa berkas -o yang sudah ada")
    p.set_defaults(func=run)


def starter(name: str) -> str:
    """The text of a shipped starter file (``kantor``, ``kasus``, ``batch`` or ``notebook``)."""
    from importlib import resources

    return resources.files("surat").joinpath("starter", STARTERS[name]).read_text("utf-8")


def run(args: argparse.Namespace) -> int:
    from ..files import write_private

    if args.output and Path(args.output).exists() and not args.timpa:
        # it may be a clerk's edited data: never replaced without being asked
        raise SuratError(f"-o: {args.output} sudah ada; tambahkan --timpa untuk menimpanya")
    obj: dict[str, Any] = {"jenis": args.jenis}
    if args.jenis in STARTERS:
        text = starter(args.jenis).rstrip("\n")
        obj["teks"] = text
    else:
        from ..letters import example_data

        data = example_data(args.jenis)
        text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
        obj["data"] = json.loads(text)
    if args.output:  # owner-only: the data names (fictional) people, and real data will follow
        write_private(args.output, (text + "\n").encode("utf-8"))
        report(args, {"jenis": args.jenis, "berkas": args.output}, args.output, text_on_stderr=True)
    else:
        report(args, {**obj, "berkas": None}, text)
    return 0
