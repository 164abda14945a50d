"""``surat nomor ambil | batal | lihat``: outgoing letter numbers."""

from __future__ import annotations

import argparse
from typing import Any

from .common import (
    add_kantor,
    add_parser,
    add_register,
    announce_sisipan,
    nomor_fields,
    office,
    register,
    report,
    tanggal,
)


def add(sub: Any) -> None:
    nomor = add_parser(sub, "nomor", "ambil, batalkan atau lihat nomor surat keluar")
    nsub = nomor.add_subparsers(dest="aksi", required=True, metavar="AKSI", title="aksi")

    p = add_parser(nsub, "ambil", "ambil nomor berikutnya dan catat di buku agenda")
    add_kantor(p)
    add_register(p)
    p.add_argument("--perihal", required=True, help="perihal surat, seperti tercatat di agenda")
    p.add_argument("--tujuan", default="", help="tujuan (penerima) surat")
    p.add_argument("--klasifikasi", default=None, help="kode klasifikasi, mis. PPA")
    p.add_argument(
        "--tanggal",
        type=tanggal,
        default=None,
        help="22/11/2026 atau 2026-11-22 (bawaan: hari ini, WIB)",
    )
    p.add_argument(
        "--alasan",
        default=None,
        help="alasan surat bertanggal mundur (nomor sisipan) atau bertanggal jauh ke depan",
    )
    p.add_argument(
        "--kop",
        metavar="NAMA",
        default=None,
        help="kop surat [kop.NAMA] profil kantor: nomornya dari buku agenda kop itu "
        "(bawaan: kop kantor sendiri)",
    )
    p.set_defaults(func=ambil)

    p = add_parser(nsub, "batal", "batalkan nomor (tetap di agenda, tidak dipakai lagi)")
    add_kantor(p)
    add_register(p, baru=False)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "nomor", metavar="NOMOR", nargs="?", help="nomor yang dibatalkan, seperti tercetak"
    )
    which.add_argument(
        "--batch",
        metavar="ID",
        help="semua nomor tertunda dari cetak ID yang terhenti (surat agenda --tertunda)",
    )
    p.add_argument("--alasan", required=True, help="alasan pembatalan (tercatat di agenda)")
    p.set_defaults(func=batal)

    p = add_parser(nsub, "lihat", "nomor yang akan diambil sekarang (tidak mengambilnya)")
    add_kantor(p)
    add_register(p, baru=False)
    p.add_argument("--klasifikasi", default=None, help="kode klasifikasi, mis. PPA")
    p.add_argument(
        "--tanggal",
        type=tanggal,
        default=None,
        help="22/11/2026 atau 2026-11-22 (bawaan: hari ini)",
    )
    p.add_argument(
        "--kop",
        metavar="NAMA",
        default=None,
        help="kop surat [kop.NAMA] profil kantor (bawaan: kop kantor sendiri)",
    )
    p.set_defaults(func=lihat)


def ambil(args: argparse.Namespace) -> int:
    with register(args, office(args)) as reg:
        n = reg.issue(
            perihal=args.perihal,
            tujuan=args.tujuan,
            klasifikasi=args.klasifikasi,
            tanggal=args.tanggal,
            alasan=args.alasan,
            kop=args.kop,
        )
    report(args, nomor_fields(n), str(n))  # the number alone: scriptable
    announce_sisipan(args, [n])
    return 0


def batal(args: argparse.Namespace) -> int:
    with register(args, office(args)) as reg:
        if args.batch:
            numbers = reg.void_pending(args.batch, alasan=args.alasan)
        else:
            reg.void(args.nomor, alasan=args.alasan)
            numbers = [args.nomor]
    report(args, {"batal": list(numbers)}, [f"{nomor} batal" for nomor in numbers])
    return 0


def lihat(args: argparse.Namespace) -> int:
    with register(args, office(args)) as reg:
        n = reg.peek(klasifikasi=args.klasifikasi, tanggal=args.tanggal, kop=args.kop)
    report(args, nomor_fields(n), str(n))
    return 0
