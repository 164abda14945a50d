"""``surat tte periksa FILE.pdf [--ca ROOT.pem] [--kantor KANTOR.toml]``, and the
``--tte`` options of the commands that print letters.

``surat tte periksa`` ends with one of three verdicts and its exit code:

- 0, ``HASIL: SAH``: intact, nothing changed after signing, and every signer's
  certificate chains to a trusted root;
- 1, ``HASIL: TIDAK SAH``: anything else that was checked failed (a changed
  byte, content added after signing, an untrusted signer); the ``Alasan:``
  lines say what. Errors of the command itself (a missing file) exit 1 too;
- 3, ``HASIL: utuh, tetapi penanda tangan TIDAK diperiksa: berikan --ca``:
  intact and unchanged, but there was no root to check the signer against
  (no ``--ca``, and no ``[tte] ca`` in the profile of ``--kantor``).

The certificate's passphrase (or the token's PIN) is read from the environment
variable ``SURAT_TTE_SANDI`` (removed from the environment once read) or asked
for in the terminal without echo; it is never a command-line argument (those
show in the process list and the shell's history) and is never printed.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from ..errors import SuratError
from .common import STDIO, add_kantor, add_parser, jsonable, read_stdin, report

if TYPE_CHECKING:
    from ..tte import TTE

__all__ = [
    "ENV",
    "EXIT_SAH",
    "EXIT_TIDAK_DIPERIKSA",
    "EXIT_TIDAK_SAH",
    "add",
    "add_options",
    "load",
]

ENV = "SURAT_TTE_SANDI"
#: The exit codes of ``surat tte periksa`` (2 is argparse's, for a mistyped command).
EXIT_SAH = 0
EXIT_TIDAK_SAH = 1
EXIT_TIDAK_DIPERIKSA = 3


def add(sub: Any) -> None:
    p = add_parser(sub, "tte", "tanda tangan elektronik: periksa berkas bertanda tangan")
    tsub = p.add_subparsers(dest="aksi", required=True, metavar="AKSI", title="aksi")
    q = add_parser(
        tsub,
        "periksa",
        "periksa tanda tangan elektronik sebuah PDF: penanda tangan, waktu, keutuhan",
    )
    q.add_argument(
        "file", metavar="FILE.pdf", help="surat atau paket bertanda tangan, atau - (stdin)"
    )
    q.add_argument(
        "--ca",
        metavar="ROOT.pem",
        action="append",
        default=None,
        help="sertifikat akar (mis. Root CA BSrE): periksa rantai sertifikat penanda tangan; "
        "boleh diulang; tanpa --ca: [tte] ca di profil kantor",
    )
    add_kantor(q)
    q.epilog = (
        f"kode keluar: {EXIT_SAH} SAH; {EXIT_TIDAK_SAH} TIDAK SAH (atau galat); "
        f"{EXIT_TIDAK_DIPERIKSA} utuh, tetapi penanda tangan tidak diperiksa "
        "(tanpa sertifikat akar)"
    )
    q.set_defaults(func=run_periksa)


def run_periksa(args: argparse.Namespace) -> int:
    from ..tte.verify import SAH, TIDAK_DIPERIKSA, periksa
    from .common import office

    profile = office(args) if getattr(args, "kantor", None) else None
    pdf: str | bytes = args.file
    if args.file == STDIO:
        from ..tte.verify import MAX_BYTES

        pdf = read_stdin("PDF bertanda tangan", MAX_BYTES)
    hasil = periksa(pdf, ca=args.ca, office=profile)
    if args.file == STDIO:
        import dataclasses

        hasil = dataclasses.replace(hasil, path="stdin")
    report(args, verdict_fields(hasil), str(hasil))
    verdict = hasil.putusan
    if verdict == SAH:
        return EXIT_SAH
    return EXIT_TIDAK_DIPERIKSA if verdict == TIDAK_DIPERIKSA else EXIT_TIDAK_SAH


def verdict_fields(hasil: Any) -> dict[str, Any]:
    """A :class:`surat.tte.verify.Hasil` for ``--json``: the verdict, its reasons,
    and each signature as checked."""
    return {
        "berkas": hasil.path,
        "putusan": hasil.putusan,
        "sah": hasil.sah,
        "alasan": list(hasil.alasan),
        "tanda_tangan": [jsonable(t) for t in hasil.tanda_tangan],
        "qr": hasil.qr,
        "qr_cocok": hasil.qr_cocok,
        "sha256": hasil.sha256,
        "paket": hasil.paket,
        "dengan_ca": hasil.dengan_ca,
    }


# -- the options of buat, cetak and kasus ------------------------------------


def add_options(p: argparse.ArgumentParser, *, arsip: bool) -> None:
    """``--tte CERT.p12`` (or ``--tte-pkcs11 LIB.so``) and, for packs, ``--arsip DIR``."""
    g = p.add_argument_group("tanda tangan elektronik (TTE)")
    src = g.add_mutually_exclusive_group()
    src.add_argument(
        "--tte",
        metavar="CERT.p12",
        default=None,
        help=f"tandatangani secara elektronik dengan sertifikat ini; sandi dari {ENV} "
        "atau ditanyakan",
    )
    src.add_argument(
        "--tte-pkcs11",
        metavar="LIB.so",
        default=None,
        help=f"tandatangani dengan token (pustaka PKCS#11); PIN dari {ENV} atau ditanyakan",
    )
    g.add_argument(
        "--paraf-kertas",
        action="store_true",
        help="paraf pejabat diberikan di atas kertas: tandatangani juga surat yang tabel "
        "parafnya tanpa paraf elektronik (surat paraf)",
    )
    g.add_argument("--tte-token", metavar="LABEL", default=None, help="label token")
    g.add_argument(
        "--tte-label", metavar="LABEL", default=None, help="label kunci dan sertifikat di token"
    )
    if arsip:
        g.add_argument(
            "--arsip",
            metavar="DIR",
            default=None,
            help="tulis juga tiap surat asli bertanda tangan ke folder ini, satu berkas per surat",
        )


def _secret(what: str) -> str:
    """The passphrase or PIN: ``SURAT_TTE_SANDI`` (removed from the environment once
    read, so that no process started afterwards inherits it), else typed."""
    value = os.environ.pop(ENV, None)
    if value is not None:
        if not value:
            raise SuratError(f"{ENV}: diisi tetapi kosong; berikan {what} atau hapus variabel itu")
        return value
    if not sys.stdin.isatty():
        raise SuratError(f"tte: {what} dibaca dari {ENV} atau diketik di terminal")
    import getpass

    try:
        return getpass.getpass(f"{what.capitalize()} (tidak ditampilkan): ")
    except EOFError:
        raise SuratError(f"tte: {what} tidak diberikan") from None


def load(args: argparse.Namespace) -> TTE | None:
    """The signing object the options name, or None; before any number is taken."""
    from ..tte import TTE

    tte: TTE | None = None
    if getattr(args, "tte", None):
        tte = TTE.from_p12(args.tte, _secret("sandi sertifikat"))
    elif getattr(args, "tte_pkcs11", None):
        label = args.tte_label
        tte = TTE.from_pkcs11(
            args.tte_pkcs11,
            _secret("PIN token"),
            token=args.tte_token,
            cert_label=label,
            key_label=label,
        )
    elif getattr(args, "arsip", None):
        raise SuratError("--arsip: surat asli bertanda tangan memerlukan sertifikat (--tte)")
    elif getattr(args, "paraf_kertas", False):
        raise SuratError("--paraf-kertas: hanya bersama sertifikat (--tte)")
    if tte is not None and getattr(args, "paraf_kertas", False):
        return tte.with_paraf_kertas()
    return tte
