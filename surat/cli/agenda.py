"""``surat agenda``: the three books (outgoing, incoming, cases), on screen or exported."""

from __future__ import annotations

import argparse
import socket
from typing import TYPE_CHECKING, Any

from ..errors import SuratError
from ..files import process_alive
from .common import (
    BOOKS,
    STDIO,
    add_kantor,
    add_parser,
    add_register,
    jsonable,
    office,
    refuse_terminal,
    register,
    report,
    write_stdout,
)

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
    p.add_argument(
        "--kop",
        metavar="NAMA",
        default=None,
        help="buku agenda surat keluar kop surat [kop.NAMA] profil kantor, atau * untuk "
        "semua kop (bawaan: kop kantor sendiri); buku masuk dan kasus milik kantor",
    )
    out = p.add_mutually_exclusive_group()
    out.add_argument(
        "--csv", metavar="FILE.csv", help="ekspor ke berkas CSV (mode 0600), atau - (stdout)"
    )
    out.add_argument(
        "--xlsx", metavar="FILE.xlsx", help="ekspor ke berkas Excel (mode 0600), atau - (stdout)"
    )
    out.add_argument(
        "--tertunda",
        action="store_true",
        help="nomor yang diambil cetak massal atau cetak kasus yang belum selesai (atau terhenti)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    target = args.csv or args.xlsx
    if args.csv and args.csv != STDIO and not args.csv.lower().endswith(".csv"):
        raise SuratError(f"--csv: {args.csv}: nama berkas berakhiran .csv diharapkan")
    if args.xlsx and args.xlsx != STDIO and not args.xlsx.lower().endswith(".xlsx"):
        raise SuratError(f"--xlsx: {args.xlsx}: nama berkas berakhiran .xlsx diharapkan")
    if args.xlsx == STDIO:
        refuse_terminal("--xlsx", "buku kerja")
    buku: Buku = args.buku or "keluar"
    if args.kop is not None and (args.tertunda or buku != "keluar"):
        raise SuratError(
            "--kop: hanya buku surat keluar yang dipisah per kop surat; buku surat masuk, "
            "register kasus dan nomor tertunda (--tertunda) milik kantor"
        )
    kop = {"kop": args.kop} if args.kop is not None else {}  # --json: the book shown
    with register(args, office(args)) as reg:
        if args.tertunda:
            return _pending([e for e in reg.pending() if args.buku in (None, e.buku)], args)
        if target == STDIO:
            import io

            buffer = io.BytesIO()
            reg.export(
                buffer,
                tahun=args.tahun,
                buku=buku,
                format="csv" if args.csv else "xlsx",
                kop=args.kop,
            )
        elif target:
            out = reg.export(target, tahun=args.tahun, buku=buku, kop=args.kop)
            obj = {"buku": buku, **kop, "berkas": str(out)}
            report(args, obj, str(out), text_on_stderr=True)
            return 0
        else:
            header, table = _book(reg, buku, args.tahun, args.kop)
            rows = _rows(reg, buku, args.tahun, args.kop) if getattr(args, "json", False) else []
    if target == STDIO:  # written once the register is closed: a slow reader holds nothing
        option = "--csv" if args.csv else "--xlsx"
        write_stdout(buffer.getvalue(), "ekspor", option=option, delivered=False)
        report(args, {"buku": buku, **kop, "berkas": None}, stdout_taken=True)
        return 0
    what = "kasus" if buku == "kasus" else "surat"
    report(
        args,
        {"buku": buku, **kop, "tahun": args.tahun, "baris": rows, "jumlah": len(table)},
        [*_lines(header, table), f"{len(table)} {what}"],
    )
    return 0


def _rows(reg: Any, buku: str, tahun: int | None, kop: str | None) -> list[dict[str, Any]]:
    """The book's rows for ``--json``: each entry's fields, a case's with its steps
    counted; a step's free-text ``catatan`` is never in them."""
    if buku == "masuk":
        return [jsonable(m) for m in reg.received(tahun=tahun)]
    rows: list[dict[str, Any]] = []
    if buku == "kasus":
        late: dict[str, int] = {}
        count: dict[str, int] = {}
        for s in reg.steps(tahun=tahun):
            count[s.nomor_registrasi] = count.get(s.nomor_registrasi, 0) + 1
            late[s.nomor_registrasi] = late.get(s.nomor_registrasi, 0) + int(s.terlambat)
        for e in reg.cases(tahun=tahun):
            row = jsonable(e)
            row["langkah"] = count.get(e.nomor, 0)
            row["langkah_terlambat"] = late.get(e.nomor, 0)
            rows.append(row)
        return rows
    return [jsonable(e) for e in reg.entries(tahun=tahun, kop=kop)]


def _book(
    reg: Any, buku: str, tahun: int | None, kop: str | None
) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
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
        (e.nomor, e.tanggal.isoformat(), e.perihal, e.tujuan or "", e.nomor_registrasi,
         f"{e.status} (sisipan)" if e.sisipan else e.status)
        for e in reg.entries(tahun=tahun, kop=kop)
    ]  # fmt: skip
    return ("Nomor", "Tanggal", "Perihal", "Tujuan", "No. registrasi", "Status"), rows


def _lines(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    table = [header, *rows]
    widths = [min(max(len(r[i]) for r in table), 48) for i in range(len(header))]
    lines = []
    for i, row in enumerate(table):
        lines.append(
            "  ".join(cell[:48].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        )
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


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


def _pending(entries: list[Any], args: argparse.Namespace) -> int:
    """Pending numbers by batch, each batch with whether its process still runs here,
    and for a stopped one the command that voids its numbers, ready to copy."""
    here = socket.gethostname()
    batches: dict[str, list[Any]] = {}
    for e in entries:
        batches.setdefault(str(e.batch), []).append(e)
    lines: list[str] = []
    found: list[dict[str, Any]] = []
    for batch, taken in batches.items():
        host, _, rest = batch.partition(":")
        pid = rest.partition(":")[0]
        if host != here or not pid.isdigit():
            state = f"berjalan di {host}?"
        else:
            state = "masih berjalan" if process_alive(int(pid)) else "terhenti"
        void = (
            f"surat nomor batal --db {db_argument(args.db)} --batch {batch}"
            ' --alasan "cetak terhenti"'
        )
        lines.append(f"cetak {batch} ({state}): {len(taken)} nomor")
        for e in taken:
            book = f"  ({_BOOK_NAMES[e.buku]})" if e.buku in _BOOK_NAMES else ""
            lines.append(f"  {e.nomor}{book}")
        if state == "terhenti":
            lines.append(f"  batalkan: {void}")
        found.append(
            {
                "batch": batch,
                "keadaan": state,
                "nomor": [{"nomor": e.nomor, "buku": e.buku} for e in taken],
                "batalkan": void if state == "terhenti" else None,
            }
        )
    lines.append(f"{len(entries)} nomor tertunda")
    report(args, {"tertunda": found, "jumlah": len(entries)}, lines)
    return 0
