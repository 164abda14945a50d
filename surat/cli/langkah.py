"""``surat langkah``: record a step of the SOP for a case, or list a case's steps."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import SuratError
from .common import add_kantor, add_parser, add_register, office, register, report

HASIL = ("selesai", "dikembalikan")


def add(sub: Any) -> None:
    p = add_parser(
        sub,
        "langkah",
        "catat langkah SOP sebuah kasus (mulai, selesai, pelaksana) atau tampilkan langkahnya",
        description=(
            "Catat satu langkah SOP untuk kasus NOMOR_REG, dengan jam mulai dan selesai "
            "(WIB) dan peran pelaksananya; tanpa --langkah: tampilkan langkah yang "
            "sudah tercatat, lama tiap langkah dibanding mutu baku."
        ),
    )
    add_kantor(p)
    add_register(p, baru=False)
    p.add_argument("nomor_registrasi", metavar="NOMOR_REG", help="nomor registrasi kasus")
    p.add_argument(
        "--sop", default="34", metavar="SOP", help="34, 32 atau berkas SOP.toml (bawaan: 34)"
    )
    p.add_argument("--langkah", type=int, default=None, metavar="N", help="nomor langkah SOP")
    p.add_argument("--mulai", metavar="'YYYY-MM-DD HH:MM'", help="jam mulai (WIB)")
    p.add_argument("--selesai", metavar="'YYYY-MM-DD HH:MM'", help="jam selesai (WIB)")
    p.add_argument(
        "--oleh", metavar="PERAN", help="peran pelaksana, mis. staf_penerima, kasi_pha (bukan nama)"
    )
    p.add_argument(
        "--hasil",
        choices=HASIL,
        default="selesai",
        help="selesai, atau dikembalikan untuk diperbaiki (bawaan: selesai)",
    )
    p.add_argument(
        "--catatan",
        default="",
        help="catatan bebas; disimpan di buku agenda saja, tidak pernah diekspor",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    recording = args.langkah is not None
    if recording:
        missing = [o for o in ("mulai", "selesai", "oleh") if not getattr(args, o)]
        if missing:
            raise SuratError(f"--{missing[0]}: diperlukan untuk mencatat langkah (--langkah)")
    elif args.mulai or args.selesai or args.oleh or args.catatan or args.hasil != "selesai":
        raise SuratError("--langkah: nomor langkah diperlukan untuk mencatat langkah")
    with register(args, office(args)) as reg:
        if recording:
            s = reg.record_step(
                args.nomor_registrasi,
                sop=args.sop,
                langkah=args.langkah,
                mulai=args.mulai,
                selesai=args.selesai,
                oleh=args.oleh,
                hasil=args.hasil,
                catatan=args.catatan,
            )
            report(args, {"langkah": [fields(s)]}, line(s))
            return 0
        rows = reg.steps(args.nomor_registrasi)
    late = sum(1 for s in rows if s.terlambat)
    report(
        args,
        {"langkah": [fields(s) for s in rows], "jumlah": len(rows), "terlambat": late},
        [*(line(s) for s in rows), f"{len(rows)} langkah, {late} melebihi mutu baku"],
    )
    return 0


def fields(s: Any) -> dict[str, Any]:
    """One step for ``--json``: times in WIB (ISO 8601), durations in minutes, the
    documents recorded for it (kind and number); never its ``catatan`` (free text
    kept in the register only)."""
    return {
        "nomor_registrasi": s.nomor_registrasi,
        "sop": s.sop,
        "langkah": s.langkah,
        "kegiatan": s.kegiatan,
        "mulai": s.mulai.isoformat(),
        "selesai": s.selesai.isoformat(),
        "oleh": s.oleh,
        "hasil": s.hasil,
        "durasi_menit": int(s.durasi.total_seconds() // 60),
        "mutu_baku_menit": int(s.mutu_baku.total_seconds() // 60),
        "terlambat": s.terlambat,
        "dicatat": s.dicatat.isoformat() if s.dicatat else None,
        "dokumen": list(s.dokumen),
    }


def line(s: Any) -> str:
    """One step as the clerk reads it: date, times, step, role, minutes against the standard.

    >>> from datetime import datetime, timedelta
    >>> from surat.dates import WIB
    >>> from surat.numbering import LangkahKasus
    >>> line(LangkahKasus(nomor_registrasi="001/REG-PPA/XI/2026", sop="34", langkah=2,
    ...      kegiatan="Staf menerima berkas", mutu_baku=timedelta(minutes=60),
    ...      mulai=datetime(2026, 11, 16, 9, 10, tzinfo=WIB),
    ...      selesai=datetime(2026, 11, 16, 10, 25, tzinfo=WIB), oleh="staf_penerima"))
    'SOP 34/2  16-11-2026 09.10-10.25  staf_penerima  75 menit (baku 60) TERLAMBAT  selesai'
    """
    menit = int(s.durasi.total_seconds() // 60)
    baku = int(s.mutu_baku.total_seconds() // 60)
    waktu = f"{s.mulai:%d-%m-%Y %H.%M}-{s.selesai:%H.%M}"
    if s.selesai.date() != s.mulai.date():
        waktu = f"{s.mulai:%d-%m-%Y %H.%M}-{s.selesai:%d-%m-%Y %H.%M}"
    tepat = "TERLAMBAT" if s.terlambat else "tepat"
    lama = f"{menit} menit (baku {baku}) {tepat}"
    return f"SOP {s.sop}/{s.langkah}  {waktu}  {s.oleh}  {lama}  {s.hasil}"
