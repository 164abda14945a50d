"""Checking a signed file: who signed, when, whether it is intact, whom it chains to.

``surat tte periksa FILE.pdf [--ca ROOT.pem]`` prints :class:`Hasil`. A file
is accepted (:attr:`Hasil.sah`) when it holds at least one signature, every
signature's cryptography holds and its signed bytes are unchanged, the last
signature covers the whole file, the QR code's hash (when it carries one)
matches the letter as converted, and, with a root certificate, every
signer's certificate chains to it. A file that cannot be read, or whose
signature is broken, is reported, never raised.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import SuratError

__all__ = ["Hasil", "TandaTangan", "periksa"]

#: A signed letter is a few hundred kB; a pack of hundreds of letters some MB.
MAX_BYTES = 256 << 20


@dataclass(frozen=True)
class TandaTangan:
    """One signature in the file."""

    field: str
    pemegang: str
    waktu: datetime | None
    """The signing time the signer's machine reported."""
    waktu_tsa: datetime | None
    """The time-stamping service's time (B-T), when there is one."""
    utuh: bool
    """The signature's cryptography holds and its signed bytes are unchanged."""
    seluruh: bool
    """It covers the whole file (nothing added after it)."""
    terpercaya: bool | None
    """Chains to the given root; None when no root was given."""
    catatan: str = ""


@dataclass(frozen=True)
class Hasil:
    """What :func:`periksa` found; ``str()`` is the report the command prints."""

    path: str
    tanda_tangan: tuple[TandaTangan, ...] = ()
    qr: str | None = None
    qr_cocok: bool | None = None
    """The QR code's SHA-256 matches the letter as converted; None: no hash in it."""
    sha256: str | None = None
    galat: str = ""
    paket: bool = False
    """A print pack: the QR codes on its pages refer to each letter's signed original."""
    dengan_ca: bool = field(default=False, repr=False)

    @property
    def sah(self) -> bool:
        if self.galat or not self.tanda_tangan or self.qr_cocok is False:
            return False
        if not all(t.utuh for t in self.tanda_tangan) or not self.tanda_tangan[-1].seluruh:
            return False
        return not self.dengan_ca or all(t.terpercaya for t in self.tanda_tangan)

    def __str__(self) -> str:
        from ..dates import WIB

        def when(t: datetime | None) -> str:
            return t.astimezone(WIB).strftime("%Y-%m-%d %H:%M:%S WIB") if t else "-"

        def yes(v: bool | None) -> str:
            return "ya" if v else "TIDAK"

        out = [f"{self.path}"]
        if self.galat:
            out.append(f"  {self.galat}")
        for i, t in enumerate(self.tanda_tangan, 1):
            out.append(f"Tanda tangan {i} ({t.field}): {t.pemegang}")
            out.append(f"  waktu penandatanganan: {when(t.waktu)}")
            if t.waktu_tsa is not None:
                out.append(f"  stempel waktu (TSA): {when(t.waktu_tsa)}")
            out.append(f"  utuh sejak ditandatangani: {yes(t.utuh)}")
            out.append(f"  mencakup seluruh dokumen: {yes(t.seluruh)}")
            if t.terpercaya is not None:
                out.append(f"  berantai ke sertifikat akar (--ca): {yes(t.terpercaya)}")
            if t.catatan:
                out.append(f"  catatan: {t.catatan}")
        if self.paket:
            out.append(
                "Paket cetak: kode QR tiap surat merujuk ke berkas asli surat itu "
                "(periksa berkas arsipnya)"
            )
        if self.qr is not None:
            out.append("QR: " + self.qr.replace("\n", " | "))
        if self.sha256 is not None:
            out.append(f"SHA-256 surat sebelum ditandatangani: {self.sha256}")
            if self.qr_cocok is not None:
                out.append(f"  sama dengan QR: {yes(self.qr_cocok)}")
        if not self.tanda_tangan and not self.galat:
            out.append("  tidak ada tanda tangan elektronik")
        out.append("HASIL: " + ("SAH" if self.sah else "TIDAK SAH"))
        return "\n".join(out)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """pyHanko logs each failed check with a traceback; the report says it once."""
    log = logging.getLogger("pyhanko")
    old = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(old)


def _read(p: Path, limit: int, what: str) -> bytes:
    """A regular file of at most *limit* bytes: a folder, a pipe or a device
    (``/dev/zero``) would hang or exhaust memory."""
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise SuratError(f"{p}: {what} expected, not a folder")
        if not stat.S_ISREG(st.st_mode):
            raise SuratError(f"{p}: {what} expected, not a device or pipe")
        if st.st_size > limit:
            raise SuratError(f"{p}: too large for {what} (at most {limit >> 20} MiB)")
        with open(p, "rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise SuratError(f"{p}: cannot read {what} ({exc.strerror})") from None
    if len(data) > limit:
        raise SuratError(f"{p}: too large for {what} (at most {limit >> 20} MiB)")
    return data


def _root(ca: str | os.PathLike[str]) -> Any:
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    p = Path(ca)
    data = _read(p, 1 << 20, "a root certificate (PEM or DER)")
    try:
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        cert = asn1_x509.Certificate.load(data)
        cert.native  # parse it now: a broken file is an error here, not later  # noqa: B018
    except Exception:
        raise SuratError(f"{p}: not a certificate (PEM or DER expected)") from None
    return cert


def _qr(reader: Any) -> str | None:
    from .footer import FORM_NAME, QR_KEY

    try:
        page = reader.root["/Pages"]["/Kids"][0].get_object()
        while "/Kids" in page:
            page = page["/Kids"][0].get_object()
        form = page["/Resources"]["/XObject"][FORM_NAME].get_object()
        return str(form[QR_KEY])
    except (KeyError, IndexError, TypeError, AttributeError):
        return None


def periksa(pdf: str | os.PathLike[str] | bytes, ca: str | os.PathLike[str] | None = None) -> Hasil:
    """Check the signatures of a signed letter or pack (see the module's rules)."""
    from .signer import need_extra

    need_extra()
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from .footer import first_revision

    name = "<pdf>" if isinstance(pdf, bytes) else str(pdf)
    root = _root(ca) if ca is not None else None
    data = pdf if isinstance(pdf, bytes) else _read(Path(pdf), MAX_BYTES, "a signed PDF file")
    if not data.startswith(b"%PDF"):
        return Hasil(name, galat="bukan berkas PDF", dengan_ca=root is not None)
    signatures: list[TandaTangan] = []
    with _quiet():
        try:
            reader = PdfFileReader(io.BytesIO(data), strict=False)
            embedded = list(reader.embedded_regular_signatures)
        except Exception as exc:
            return Hasil(
                name,
                galat=f"berkas rusak, tidak dapat dibaca ({type(exc).__name__})",
                dengan_ca=root is not None,
            )
        for sig in embedded:
            context = ValidationContext(
                trust_roots=[root] if root is not None else [], allow_fetching=False
            )
            try:
                status = validate_pdf_signature(sig, context)
            except Exception as exc:
                signatures.append(
                    TandaTangan(
                        field=str(sig.field_name),
                        pemegang="?",
                        waktu=None,
                        waktu_tsa=None,
                        utuh=False,
                        seluruh=False,
                        terpercaya=False if root is not None else None,
                        catatan=f"tidak dapat diperiksa ({type(exc).__name__})",
                    )
                )
                continue
            from pyhanko.sign.validation.status import SignatureCoverageLevel

            holder = status.signing_cert.subject.native.get("common_name", "?")
            tsa = status.timestamp_validity
            signatures.append(
                TandaTangan(
                    field=str(sig.field_name),
                    pemegang=str(holder),
                    waktu=status.signer_reported_dt,
                    waktu_tsa=tsa.timestamp if tsa is not None else None,
                    utuh=bool(status.intact and status.valid),
                    seluruh=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
                    terpercaya=bool(status.trusted) if root is not None else None,
                )
            )
        qr = _qr(reader)
    from .sign import PACK_FIELD

    sha = None
    cocok = None
    if any(t.field == PACK_FIELD for t in signatures):
        # a print pack: each letter's QR code speaks of its own signed original
        return Hasil(name, tuple(signatures), dengan_ca=root is not None, paket=True)
    if qr is not None:
        try:
            sha = hashlib.sha256(first_revision(data)).hexdigest()
        except Exception:
            sha = None
        marker = "SHA-256: "
        if marker in qr:
            cocok = sha is not None and qr.split(marker, 1)[1].strip() == sha
    return Hasil(
        name,
        tuple(signatures),
        qr=qr,
        qr_cocok=cocok,
        sha256=sha,
        dengan_ca=root is not None,
    )
