"""``surat agenda``: the three books (outgoing, incoming, cases), on screen or exported."""

from __future__ import annotations

import argparse
import socket
import sys
from typing import TYPE_CHECKING, Any

from ..errors import SuratError
from ..files import process_alive
from .common import BOOKS, add_kantor, add_parser, add_register, office, register

if TYPE_CHECKING:
    from ..numbering.register import Buku


def add(sub: Any) -> None:
    p = add_parser(
        sub, "agenda", "buku agenda (surat keluar, surat masuk, register kasus): tampilkan/ekspor"
    )
    add_kantor(p)
    add_register(p, baru=False)
    p.add_argument(
        "--buku",
        choices=BOOKS,
        default=None,
        help="keluar (agenda surat keluar, bawaan), masuk (agenda surat masuk) "
        "atau kasus (register penanganan kasus); dengan --tertunda: hanya buku itu",
    )
    p.add_argument("--tahun", type=int, default=None, help="tahun (bawaan: semua tahun)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--csv", metavar="FILE.csv", help="ekspor ke berkas CSV (mode 0600)")
    out.add_argument("--xlsx", metavar="FILE.xlsx", help="ekspor ke berkas Excel (mode 0600)")
    out.add_argument(
        "--tertunda",
        action="store_true",
        help="nomor yang diambil cetak massal atau cetak kasus yang belum selesai (atau terhenti)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    target = args.csv or args.xlsx
    if args.csv and not args.csv.lower().endswith(".csv"):
        raise SuratError(f"--csv: {args.csv}: a file name ending in .csv expected")
    if args.xlsx and not args.xlsx.lower().endswith(".xlsx"):
        raise SuratError(f"--xlsx: {args.xlsx}: a file name ending in .xlsx expected")
    buku: Buku = args.buku or "keluar"
    with register(args, office(args)) as reg:
        if args.tertunda:
            return _pending([e for e in reg.pending() if args.buku in (None, e.buku)], args.db)
        if target:
            out = reg.export(target, tahun=args.tahun, buku=buku)
            print(out, file=sys.stderr)
            return 0
        header, table = _book(reg, buku, args.tahun)
    _print(header, table)
    print(f"{len(table)} {'kasus' if buku == 'kasus' else 'surat'}")
    return 0


def _book(reg: Any, buku: str, tahun: int | None) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The book's rows for the screen; the case link is a number, never a name."""
    rows: list[tuple[str, ...]]
    if buku == "masuk":
        return ("Nomor agenda", "Diterima", "Dari", "Perihal", "No. registrasi", "Status"), [
            (m.nomor, m.tanggal_terima.isoformat(), m.dari, m.perihal, m.nomor_registrasi,
             m.status)
            for m in reg.received(tahun=tahun)
        ]  # fmt: skip
    if buku == "kasus":
        late: dict[str, int] = {}
        count: dict[str, int] = {}
        for s in reg.steps(tahun=tahun):
            count[s.nomor_registrasi] = count.get(s.nomor_registrasi, 0) + 1
            late[s.nomor_registrasi] = late.get(s.nomor_registrasi, 0) + int(s.terlambat)
        rows = []
        for e in reg.cases(tahun=tahun):
            k = e.kategori
            rows.append((
                e.nomor, e.tanggal.isoformat(),
                ", ".join(k.jenis_kekerasan) if k else "-",
                f"{k.jenis_kelamin}, {k.kelompok_umur} th" if k else "-",
                f"{count.get(e.nomor, 0)} ({late.get(e.nomor, 0)} terlambat)", e.status,
            ))  # fmt: skip
        return ("Nomor registrasi", "Tanggal", "Kekerasan", "Korban", "Langkah", "Status"), rows
    rows = [
        (e.nomor, e.tanggal.isoformat(), e.perihal, e.tujuan or "", e.nomor_registrasi, e.status)
        for e in reg.entries(tahun=tahun)
    ]
    return ("Nomor", "Tanggal", "Perihal", "Tujuan", "No. registrasi", "Status"), rows


def _print(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    table = [header, *rows]
    widths = [min(max(len(r[i]) for r in table), 48) for i in range(len(header))]
    for i, row in enumerate(table):
        print("  ".join(cell[:48].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))


#: How the listing names a pending number's book (the outgoing one goes unnamed).
_BOOK_NAMES = {"masuk": "agenda surat masuk", "kasus": "register kasus"}


def db_argument(db: str) -> str:
    """``--db`` as given, quoted for a shell, a URL's password replaced by ``SANDI``:
    the command that voids a stopped batch is printed to be copied, never a secret.

    >>> db_argument("agenda kantor.db")
    "'agenda kantor.db'"
    >>> db_argument("postgresql://clerk:rahasia@db.kantor:5433/agenda?sslmode=require")
    "'postgresql://clerk:SANDI@db.kantor:5433/agenda?sslmode=require'"
    >>> db_argument("postgresql://db.kantor/agenda?user=clerk&password=rahasia")
    "'postgresql://db.kantor/agenda?user=clerk&password=SANDI'"
    """
    import shlex
    from urllib.parse import parse_qsl, urlencode, urlsplit

    if "://" in db:
        try:
            parts = urlsplit(db)
            userinfo, at, host = parts.netloc.rpartition("@")
            if ":" in userinfo:
                parts = parts._replace(netloc=f"{userinfo.partition(':')[0]}:SANDI{at}{host}")
            query = parse_qsl(parts.query, keep_blank_values=True)
            if any(key == "password" for key, _ in query):
                hidden = [(k, "SANDI" if k == "password" else v) for k, v in query]
                parts = parts._replace(query=urlencode(hidden, safe=":/"))
            db = parts.geturl()
        except ValueError:
            db = "URL"
    return shlex.quote(db)


def _pending(entries: list[Any], db: str) -> int:
    """Pending numbers by batch, each batch with whether its process still runs here,
    and for a stopped one the command that voids its numbers, ready to copy."""
    here = socket.gethostname()
    batches: dict[str, list[str]] = {}
    for e in entries:
        book = f"  ({_BOOK_NAMES[e.buku]})" if e.buku in _BOOK_NAMES else ""
        batches.setdefault(str(e.batch), []).append(e.nomor + book)
    for batch, numbers in batches.items():
        host, _, rest = batch.partition(":")
        pid = rest.partition(":")[0]
        if host != here or not pid.isdigit():
            state = f"berjalan di {host}?"
        else:
            state = "masih berjalan" if process_alive(int(pid)) else "terhenti"
        print(f"cetak {batch} ({state}): {len(numbers)} nomor")
        for nomor in numbers:
            print(f"  {nomor}")
        if state == "terhenti":
            print(
                f"  batalkan: surat nomor batal --db {db_argument(db)} --batch {batch}"
                ' --alasan "cetak terhenti"'
            )
    print(f"{len(entries)} nomor tertunda")
    return 0
