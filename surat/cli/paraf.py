"""``surat paraf NOMOR PEJABAT --db REGISTER``: an official initials a numbered letter
electronically before the head signs it; without PEJABAT, the parafs recorded.

PEJABAT is a role key of the office profile's ``[pejabat]`` (``kasi_pha``,
``kabid``), never a name: the jabatan and NIP come from the profile, the time
from the register's own clock. A letter recorded as signed takes no more
parafs. The signed letter prints them in its paraf table (``surat buat
--nomor NOMOR --db REGISTER --tte CERT.p12``).
"""

from __future__ import annotations

import argparse
from typing import Any

from .common import add_kantor, add_parser, add_register, office, register, report


def add(sub: Any) -> None:
    p = add_parser(
        sub,
        "paraf",
        "paraf elektronik pejabat pada surat bernomor, sebelum ditandatangani",
        description=(
            "Catat paraf elektronik PEJABAT (kunci peran di profil kantor, mis. kasi_pha) "
            "pada surat keluar NOMOR, dengan jabatan dan NIP dari profil dan waktu dari "
            "buku agenda; tanpa PEJABAT: tampilkan paraf yang sudah tercatat."
        ),
    )
    add_kantor(p)
    add_register(p, baru=False)
    p.add_argument("nomor", metavar="NOMOR", help="nomor surat keluar")
    p.add_argument(
        "pejabat",
        metavar="PEJABAT",
        nargs="?",
        default=None,
        help="peran pejabat yang memaraf, mis. kasi_pha (bukan nama)",
    )
    p.set_defaults(func=run)


def fields(p: Any) -> dict[str, Any]:
    return {
        "nomor": p.nomor,
        "pejabat": p.pejabat,
        "jabatan": p.jabatan,
        "nip": p.nip,
        "waktu": p.waktu.isoformat(),
    }


def line(p: Any) -> str:
    return f"{p.nomor}  {p.pejabat}  {p.waktu:%d-%m-%Y %H.%M} WIB  {p.jabatan}"


def run(args: argparse.Namespace) -> int:
    with register(args, office(args)) as reg:
        if args.pejabat is not None:
            p = reg.record_paraf(args.nomor, args.pejabat)
            report(args, {"paraf": [fields(p)]}, line(p))
            return 0
        rows = reg.paraf(args.nomor)
        signed = reg.tte(args.nomor)
    obj = {
        "paraf": [fields(p) for p in rows],
        "jumlah": len(rows),
        "tte": None if signed is None else signed.isoformat(),
    }
    status = "belum ditandatangani"
    if signed is not None:
        status = f"ditandatangani {signed:%d-%m-%Y %H.%M} WIB"
    text = [*(line(p) for p in rows), f"{len(rows)} paraf; {status}"]
    report(args, obj, text)
    return 0
