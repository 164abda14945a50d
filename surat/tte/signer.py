"""The signing object: an official's certificate and key, loaded once.

A BSrE certificate comes as a PKCS#12 file (``.p12``) protected by a
passphrase, or on a token (PKCS#11). :class:`TTE` holds what pyHanko needs to
sign and says who the holder is; it never keeps the passphrase, and its
``repr()`` shows the holder only. The certificate is checked when it is loaded:
valid today, and allowed to sign documents (the digitalSignature or
nonRepudiation key usage), so a letter never gets a number and then a
signature no reader accepts.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SuratError

if TYPE_CHECKING:
    from cryptography import x509

__all__ = ["MAX_P12_BYTES", "TTE", "same_person"]

#: A PKCS#12 file holds a key and a few certificates: a few kB. Anything far
#: larger is not one, and is not read into memory.
MAX_P12_BYTES = 1 << 20

_TITLES = re.compile(r"\b(?:[a-z]{1,4}\.)+(?=\s|$)", re.IGNORECASE)


def _name_words(name: str) -> set[str]:
    """The words of a person's name without degrees and honorifics.

    >>> sorted(_name_words("Dra. SITI RAHAYU, M.Si"))
    ['rahayu', 'siti']
    >>> sorted(_name_words("Hj. Rosmawati"))
    ['rosmawati']
    """
    head = name.split(",")[0]  # degrees after the name: ', S.Sos', ', M.Si'
    head = _TITLES.sub(" ", head)  # titles before it: 'Dr.', 'Hj.', 'Ir.', 'H.'
    return {w for w in re.split(r"[^\w']+", head.casefold()) if len(w) > 1}


def same_person(holder: str, printed: str) -> bool:
    """Whether the certificate's holder is the person whose name the letter prints.

    Degrees, honorifics, case and punctuation do not count; every word of the
    holder's name must be printed.

    >>> same_person("SITI RAHAYU", "Dra. SITI RAHAYU, M.Si")
    True
    >>> same_person("Siti Rahayu Lestari", "Dra. SITI RAHAYU, M.Si")
    False
    >>> same_person("UMIYATI", "UMIYATI, SE")
    True
    """
    want = _name_words(holder)
    return bool(want) and want <= _name_words(printed)


def need_extra() -> None:
    """Refuse, naming the extra to install, when pyHanko or qrcode is missing:
    signing and checking signatures come with ``surat[tte]``."""
    try:
        import pyhanko  # noqa: F401
        import qrcode  # noqa: F401
    except ImportError:
        raise SuratError(
            "tte: signing and checking signatures need the optional extra surat[tte] "
            "(pip install 'surat[tte]')"
        ) from None


@dataclass(frozen=True, eq=False, repr=False)
class TTE:
    """An official's electronic signature (tanda tangan elektronik).

    Build it once with :meth:`from_p12` (or :meth:`from_pkcs11` for a
    token) and pass it as ``tte=`` to :meth:`surat.Document.to_pdf`,
    :func:`surat.print_pack`, :func:`surat.batch.print_batch` or
    :meth:`surat.Kasus.print_pack`.
    """

    signer: Any = field(repr=False)
    """The pyHanko signer (``SimpleSigner`` or ``PKCS11Signer``)."""
    pemegang: str
    """The holder's name, the certificate's common name."""
    berlaku_sampai: datetime

    session: Any = field(default=None, repr=False)
    """The open PKCS#11 session of a token (None for a file)."""

    def __repr__(self) -> str:
        return f"TTE(pemegang={self.pemegang!r}, berlaku_sampai={self.berlaku_sampai:%Y-%m-%d})"

    def close(self) -> None:
        """Log out of the token (nothing to do for a PKCS#12 file)."""
        if self.session is not None:
            self.session.close()

    def __enter__(self) -> TTE:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- loading -----------------------------------------------------------

    @classmethod
    def from_p12(cls, path: str | os.PathLike[str], password: str | bytes) -> TTE:
        """Load a PKCS#12 file (.p12/.pfx) with its passphrase.

        A wrong passphrase, an expired certificate or one that may not sign
        documents is a :class:`surat.SuratError`. The passphrase is used
        once and not kept.
        """
        from cryptography.hazmat.primitives.serialization import pkcs12

        need_extra()
        p = Path(path)
        try:
            st = p.stat()
        except OSError as exc:
            raise SuratError(f"{p}: cannot read the certificate file ({exc.strerror})") from None
        if not stat.S_ISREG(st.st_mode):
            what = "a folder" if stat.S_ISDIR(st.st_mode) else "a device or pipe"
            raise SuratError(f"{p}: a PKCS#12 certificate file (.p12) expected, not {what}")
        if st.st_size > MAX_P12_BYTES:
            raise SuratError(f"{p}: too large for a PKCS#12 certificate file (at most 1 MiB)")
        try:
            with open(p, "rb") as f:
                data = f.read(MAX_P12_BYTES + 1)
        except OSError as exc:
            raise SuratError(f"{p}: cannot read the certificate file ({exc.strerror})") from None
        secret = password.encode("utf-8") if isinstance(password, str) else password
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(data, secret or None)
        except ValueError:
            # cryptography says 'Invalid password or PKCS12 data': both are this
            raise SuratError(
                f"{p}: cannot open the certificate: wrong passphrase, or not a PKCS#12 file"
            ) from None
        finally:
            del secret
        if key is None or cert is None:
            raise SuratError(f"{p}: the PKCS#12 file holds no private key and certificate")
        return cls._build(cert, extra, source=str(p), key=key)

    @classmethod
    def from_pkcs11(
        cls,
        library: str | os.PathLike[str],
        pin: str,
        *,
        token: str | None = None,
        cert_label: str | None = None,
        key_label: str | None = None,
    ) -> TTE:
        """Use a key on a token or smart card through its PKCS#11 *library*.

        *token* is the token's label (default: the first token);
        *cert_label* and *key_label* name the certificate and key on it.
        Needs ``python-pkcs11`` (``pip install 'surat[tte-token]'``).
        """
        try:
            from pyhanko.config.pkcs11 import TokenCriteria
            from pyhanko.sign import pkcs11 as p11
        except ImportError:
            raise SuratError(
                "tte: signing with a token needs python-pkcs11 (pip install 'surat[tte-token]')"
            ) from None
        from cryptography import x509 as _x509

        lib = Path(library)
        if not lib.is_file():
            raise SuratError(f"{lib}: the token's PKCS#11 library (.so) not found")
        session = None
        try:
            session = p11.open_pkcs11_session(
                str(lib),
                token_criteria=TokenCriteria(label=token) if token else None,
                user_pin=pin,
            )
            signer = p11.PKCS11Signer(session, cert_label=cert_label, key_label=key_label)
            asn1_cert = signer.signing_cert
        except Exception as exc:  # the library's own errors name no secret
            if session is not None:
                session.close()
            raise SuratError(
                f"{lib}: cannot use the token ({type(exc).__name__}): wrong PIN, token or label"
            ) from None
        cert = _x509.load_der_x509_certificate(asn1_cert.dump())
        try:
            checked = cls._build(cert, (), source=f"{lib} (token)", key=None)
        except SuratError:
            session.close()
            raise
        return cls(
            signer=signer,
            pemegang=checked.pemegang,
            berlaku_sampai=checked.berlaku_sampai,
            session=session,
        )

    @classmethod
    def _build(
        cls,
        cert: x509.Certificate,
        extra: Iterable[x509.Certificate],
        *,
        source: str,
        key: Any,
    ) -> TTE:
        from cryptography import x509 as _x509
        from cryptography.hazmat.primitives.serialization import (
            Encoding,
            NoEncryption,
            PrivateFormat,
        )
        from cryptography.x509.oid import NameOID

        now = datetime.now(UTC)
        if cert.not_valid_after_utc < now:
            raise SuratError(
                f"{source}: the certificate expired on {cert.not_valid_after_utc:%Y-%m-%d}; "
                "renew it with the certification authority (BSrE)"
            )
        if cert.not_valid_before_utc > now:
            raise SuratError(
                f"{source}: the certificate is valid only from {cert.not_valid_before_utc:%Y-%m-%d}"
            )
        try:
            ku = cert.extensions.get_extension_for_class(_x509.KeyUsage).value
        except _x509.ExtensionNotFound:
            ku = None
        if ku is None or not (ku.digital_signature or ku.content_commitment):
            raise SuratError(
                f"{source}: the certificate may not sign documents "
                "(the digitalSignature or nonRepudiation key usage expected)"
            )
        names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        holder = str(names[0].value).strip() if names else ""
        if not holder:
            raise SuratError(f"{source}: the certificate names no holder (common name)")
        if key is None:  # a token: the caller supplies the signer
            return cls(signer=None, pemegang=holder, berlaku_sampai=cert.not_valid_after_utc)

        from asn1crypto import keys as asn1_keys
        from asn1crypto import x509 as asn1_x509
        from pyhanko.sign.signers import SimpleSigner
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        der_key = key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
        chain = [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in extra]
        signer = SimpleSigner(
            signing_cert=asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER)),
            signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
            cert_registry=SimpleCertificateStore.from_certs(chain),
        )
        return cls(signer=signer, pemegang=holder, berlaku_sampai=cert.not_valid_after_utc)
