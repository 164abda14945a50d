"""The signing object: an official's certificate and key, loaded once.

A BSrE certificate comes as a PKCS#12 file (``.p12``) protected by a
passphrase, or on a token (PKCS#11). :class:`TTE` holds what pyHanko needs to
sign and says who the holder is; it never keeps the passphrase, and its
``repr()`` shows the holder only. The certificate is checked when it is loaded:
valid today, an official's (not a certification authority's), and allowed to
sign documents (the digitalSignature or nonRepudiation key usage, and an
extended key usage, if any, that includes document signing), so a letter never
gets a number and then a signature no reader accepts.

Whose letters it signs (:func:`same_person`): the holder's name must be the
printed name, word for word once degrees and honorifics are set aside; and
when the certificate carries an NIP, the letter must print that NIP.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
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

#: Degrees, professional titles and honorifics printed around an Indonesian
#: official's name, as they are commonly written. They are compared without
#: case and dots, as whole tokens between commas and spaces: "S.Psi.", "S.PSI"
#: and "SPsi" are one title, "Dra" and "DRA." another.
#: Spellings that are also given names or surnames ("M.A." / "Ma", "B.A." /
#: "Ba", "M.Eng." / "Meng", "A.Ma." / "Ama") are left out: such a name word
#: must then match on both sides, which refuses, never accepts, a mistake.
_GELAR_TEXT = """
    H. Hj. K.H. Prof. Dr. dr. drg. drh. Drs. Dra. Ir. Apt. Ns. Psikolog Ak.
    A.Md. A.Md.Ak. A.Md.Keb. A.Md.Kep. A.Md.Kes. A.Md.Kom. A.Md.Pd. A.P.
    S.Ag. S.AP. S.Ds. S.E. S.E.I. S.E.Ak. S.Farm. S.Fil. S.Gz. S.H. S.H.I.
    S.Hum. S.Hut. S.I.Kom. S.I.P. S.IP. S.Keb. S.Ked. S.Kel. S.Kep. S.KG. S.K.M.
    S.Kes. S.Kom. S.P. S.Pd. S.Pd.I. S.Pd.SD. S.Pi. S.Psi. S.Pt. S.S. S.Si.
    S.Sn. S.Sos. S.Sos.I. S.Stat. S.ST. S.T. S.Th. S.Th.I. S.Tr. S.Tr.Keb.
    S.Tr.Kes. S.Tr.Sos. Lc.
    M.Ag. M.AP. M.Ak. M.Ds. M.E. M.E.I. M.Farm. M.Hum. M.H. M.H.I. M.Hut.
    M.I.Kom. M.IP. M.Keb. M.Kep. M.Kes. M.K.M. M.Kn. M.Kom. M.M. M.P. M.PA.
    M.Pd. M.Pd.I. M.P.H. M.Psi. M.Si. M.Sn. M.Sos. M.Stat. M.T. M.Th. M.Tr.
    M.Sc. M.Ed. M.B.A. M.A.P. M.Ec.Dev.
    Ph.D. D.Sc.
    Sp.A. Sp.An. Sp.B. Sp.F. Sp.JP. Sp.KJ. Sp.KK. Sp.M. Sp.N. Sp.OG. Sp.P.
    Sp.PD. Sp.Rad. Sp.S. Sp.THT. Sp.U.
"""
_GELAR = frozenset(t.casefold().replace(".", "") for t in _GELAR_TEXT.split())


def _name_words(name: str) -> set[str]:
    """The words of a person's name without its degrees and honorifics (``_GELAR``).

    A word after a comma that is not one of them is part of the name.

    >>> sorted(_name_words("Dra. SITI RAHAYU, M.Si"))
    ['rahayu', 'siti']
    >>> sorted(_name_words("Hj. Rosmawati"))
    ['rosmawati']
    >>> sorted(_name_words("Rosmawati, Bukan Orangnya"))
    ['bukan', 'orangnya', 'rosmawati']
    """
    words: set[str] = set()
    for token in re.split(r"[,\s]+", unicodedata.normalize("NFKC", name).casefold()):
        if token.replace(".", "") in _GELAR:
            continue
        words.update(w for w in re.split(r"[^\w']+", token) if re.search(r"\w", w))
    return words


def same_person(holder: str, printed: str) -> bool:
    """Whether the certificate's holder is the person whose name the letter prints.

    Degrees and honorifics (S.H., M.Si, Dra., Hj., Psikolog, ...), their order,
    case and punctuation do not count; the other words must be the same on both
    sides, none missing and none added.

    >>> same_person("SITI RAHAYU", "Dra. SITI RAHAYU, M.Si")
    True
    >>> same_person("SITI RAHAYU, S.Psi.", "Dra. Siti Rahayu S.Psi")
    True
    >>> same_person("RAHAYU", "Dra. SITI RAHAYU, M.Si")
    False
    >>> same_person("Siti Rahayu Lestari", "Dra. SITI RAHAYU, M.Si")
    False
    >>> same_person("Rosmawati, Bukan Orangnya", "Hj. ROSMAWATI")
    False
    >>> same_person("UMIYATI", "UMIYATI, SE")
    True
    """
    want = _name_words(holder)
    return bool(want) and want == _name_words(printed)


#: Extended key usages that allow signing documents: S/MIME (emailProtection),
#: RFC 9336 documentSigning, Adobe Authentic Documents Trust, Microsoft document
#: signing, and anyExtendedKeyUsage. Without the extension, any use is allowed.
_DOCUMENT_EKU: dict[str, str] = {
    "1.3.6.1.5.5.7.3.4": "emailProtection",
    "1.3.6.1.5.5.7.3.36": "documentSigning",
    "1.2.840.113583.1.1.5": "Adobe authentic documents trust",
    "1.3.6.1.4.1.311.10.3.12": "Microsoft document signing",
    "2.5.29.37.0": "anyExtendedKeyUsage",
}

#: An NIP inside a longer text: 18 digits, maybe grouped as letters print it.
_NIP_IN_TEXT = re.compile(r"(?<!\d)\d{8}[ .-]?\d{6}[ .-]?\d[ .-]?\d{3}(?!\d)")


def _as_nip(text: str) -> str | None:
    """*text*'s digits when they look like an NIP (18 digits, a real birth date...)."""
    from ..identitas import validate_nip

    try:
        return validate_nip(re.sub(r"\D", "", text))
    except SuratError:
        return None


def _nips_of(cert: x509.Certificate) -> set[str]:
    """The NIPs the certificate's subject carries (digits only): its
    serialNumber attribute when it has 18 digits, and any NIP-looking number
    in its fields."""
    from cryptography.x509.oid import NameOID

    found: set[str] = set()
    for attr in cert.subject:
        value = attr.value
        if not isinstance(value, str):
            continue
        digits = re.sub(r"\D", "", value)
        if attr.oid == NameOID.SERIAL_NUMBER and len(digits) == 18:
            found.add(digits)
        found.update(n for n in map(_as_nip, _NIP_IN_TEXT.findall(value)) if n is not None)
    return found


def _check_certificate(cert: x509.Certificate, source: str, now: datetime) -> None:
    """Refuse a certificate that may not sign a letter: not valid at *now*, a
    certification authority's, or one whose key usage or extended key usage
    allows no document signature."""
    from cryptography import x509 as _x509

    start, end = cert.not_valid_before_utc, cert.not_valid_after_utc
    if end < now:
        raise SuratError(
            f"{source}: sertifikat kedaluwarsa pada {end:%Y-%m-%d} "
            f"(berlaku {start:%Y-%m-%d} sampai {end:%Y-%m-%d}); "
            "perbarui di penyelenggara sertifikasi (BSrE)"
        )
    if start > now:
        raise SuratError(
            f"{source}: sertifikat belum berlaku: berlaku mulai {start:%Y-%m-%d} "
            f"(sampai {end:%Y-%m-%d})"
        )
    try:
        ext = cert.extensions
    except (ValueError, _x509.DuplicateExtension):
        raise SuratError(
            f"{source}: ekstensi sertifikat tidak dapat dibaca (rusak atau berulang)"
        ) from None
    try:
        ca = ext.get_extension_for_class(_x509.BasicConstraints).value.ca
    except _x509.ExtensionNotFound:
        ca = False
    try:
        ku: _x509.KeyUsage | None = ext.get_extension_for_class(_x509.KeyUsage).value
    except _x509.ExtensionNotFound:
        ku = None
    if ca or (ku is not None and ku.key_cert_sign):
        raise SuratError(
            f"{source}: sertifikat penyelenggara sertifikasi (basicConstraints cA atau "
            "key usage keyCertSign), bukan milik pejabat; pakai sertifikat pejabat sendiri"
        )
    if ku is None or not (ku.digital_signature or ku.content_commitment):
        raise SuratError(
            f"{source}: sertifikat tidak boleh menandatangani dokumen "
            "(key usage digitalSignature atau nonRepudiation diharapkan)"
        )
    try:
        eku = ext.get_extension_for_class(_x509.ExtendedKeyUsage).value
    except _x509.ExtensionNotFound:
        return
    if not any(oid.dotted_string in _DOCUMENT_EKU for oid in eku):
        raise SuratError(
            f"{source}: sertifikat tidak boleh menandatangani dokumen: extended key usage-nya "
            f"tidak mengizinkan satu pun dari {', '.join(_DOCUMENT_EKU.values())}"
        )


def need_extra() -> None:
    """Refuse, naming the extra to install, when pyHanko or qrcode is missing:
    signing and checking signatures come with ``surat[tte]``."""
    try:
        import pyhanko  # noqa: F401
        import qrcode  # noqa: F401
    except ImportError:
        raise SuratError(
            "tte: menandatangani dan memeriksa tanda tangan memerlukan tambahan surat[tte] "
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
    nip: str | None = field(default=None, repr=False)
    """The holder's NIP when the certificate carries one (18 digits): a letter
    it signs must print that NIP for its signer."""
    paraf_kertas: bool = False
    """True: the holder declares that the letters it signs were initialled on
    paper, so a letter whose paraf table has no electronic paraf is signed
    anyway (:meth:`with_paraf_kertas`)."""

    def __repr__(self) -> str:
        return f"TTE(pemegang={self.pemegang!r}, berlaku_sampai={self.berlaku_sampai:%Y-%m-%d})"

    def with_paraf_kertas(self) -> TTE:
        """The same signature, declaring that the letters it signs were initialled on
        paper (``surat ... --paraf-kertas``).

        Without it, signing refuses a letter whose paraf table lists an official
        with no electronic paraf (:meth:`surat.Register.record_paraf`); a letter
        numbered as it is printed (a batch, a case's pack) can have none.
        """
        import dataclasses

        return dataclasses.replace(self, paraf_kertas=True)

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
            raise SuratError(
                f"{p}: berkas sertifikat tidak dapat dibaca ({exc.strerror})"
            ) from None
        if not stat.S_ISREG(st.st_mode):
            what = "folder" if stat.S_ISDIR(st.st_mode) else "perangkat atau pipa"
            raise SuratError(f"{p}: berkas sertifikat PKCS#12 (.p12) diharapkan, bukan {what}")
        if st.st_size > MAX_P12_BYTES:
            raise SuratError(
                f"{p}: terlalu besar untuk berkas sertifikat PKCS#12 (paling besar 1 MiB)"
            )
        try:
            with open(p, "rb") as f:
                data = f.read(MAX_P12_BYTES + 1)
        except OSError as exc:
            raise SuratError(
                f"{p}: berkas sertifikat tidak dapat dibaca ({exc.strerror})"
            ) from None
        secret = password.encode("utf-8") if isinstance(password, str) else password
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(data, secret or None)
        except ValueError:
            # cryptography says 'Invalid password or PKCS12 data': both are this
            raise SuratError(
                f"{p}: sertifikat tidak dapat dibuka: sandi salah, atau bukan berkas PKCS#12"
            ) from None
        finally:
            del secret
        if key is None or cert is None:
            raise SuratError(f"{p}: berkas PKCS#12 tidak memuat kunci privat dan sertifikat")
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
                "tte: tanda tangan dengan token memerlukan python-pkcs11 "
                "(pip install 'surat[tte-token]')"
            ) from None
        from cryptography import x509 as _x509

        lib = Path(library)
        if not lib.is_file():
            raise SuratError(f"{lib}: pustaka PKCS#11 token (.so) tidak ditemukan")
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
                f"{lib}: token tidak dapat dipakai ({type(exc).__name__}): PIN, token atau "
                "label salah"
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
            nip=checked.nip,
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
        from cryptography.hazmat.primitives.serialization import (
            Encoding,
            NoEncryption,
            PrivateFormat,
        )
        from cryptography.x509.oid import NameOID

        _check_certificate(cert, source, datetime.now(UTC))
        nips = _nips_of(cert)
        if len(nips) > 1:
            raise SuratError(
                f"{source}: sertifikat menyebut dua NIP yang berbeda; "
                "sertifikat pejabat memuat satu"
            )
        nip = next(iter(nips), None)
        names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        holder = str(names[0].value).strip() if names else ""
        if not holder:
            raise SuratError(f"{source}: sertifikat tidak menyebut pemegangnya (common name)")
        if key is None:  # a token: the caller supplies the signer
            return cls(None, holder, cert.not_valid_after_utc, nip=nip)

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
        return cls(signer, holder, cert.not_valid_after_utc, nip=nip)
