"""A throwaway PKI for the signature tests: a root CA, officials' certificates, a TSA.

Everything is generated here with ``cryptography``; nothing comes from outside.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

import surat

SANDI = "rahasia-TTE-7f3a"

#: A letter's own signer: the acting Ketua P2TP2A (Plt.) of examples/kantor.toml,
#: whose certificate is ``p12(folder, ca, "Budi Santoso")``.
PLT = {
    "status": "Plt.",
    "peran": "ketua_p2tp2a",
    "nama": "BUDI SANTOSO, S.H.",
    "nip": "198001012005011001",
    "pangkat": "Penata (III/c)",
}


@dataclass
class CA:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    def pem(self, folder: Path) -> Path:
        path = folder / "root.pem"
        path.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))
        return path


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_ca(name: str = "Root CA Uji surat") -> CA:
    key = _key()
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return CA(key, cert)


#: The key usage of an official's signing certificate.
SIGNING = {"digital_signature": True, "content_commitment": True}


def _usage(**on: bool) -> x509.KeyUsage:
    flags = {
        "digital_signature": False,
        "content_commitment": False,
        "key_encipherment": False,
        "data_encipherment": False,
        "key_agreement": False,
        "key_cert_sign": False,
        "crl_sign": False,
        "encipher_only": False,
        "decipher_only": False,
    }
    return x509.KeyUsage(**(flags | on))


def issue(
    ca: CA,
    name: str,
    *,
    days: tuple[int, int] = (-1, 365),
    signing: bool = True,
    usage: dict[str, bool] | None = None,
    eku: x509.ObjectIdentifier | Sequence[x509.ObjectIdentifier] | None = None,
    is_ca: bool = False,
    nip: str | None = None,
    subject: Sequence[tuple[x509.ObjectIdentifier, str]] = (),
) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A certificate for *name* (its common name) signed by *ca*.

    By default an official's signing certificate, valid from yesterday for a
    year: not a CA, key usage digitalSignature and nonRepudiation, no extended
    key usage. *signing* False gives an encryption certificate instead
    (keyEncipherment); *usage* sets the key usage flags exactly; *eku* adds an
    extended key usage; *is_ca* makes it a CA (basicConstraints cA); *nip* goes
    into the subject's serialNumber; *subject* adds further subject attributes.
    """
    key = _key()
    now = datetime.now(UTC)
    if usage is None:
        usage = SIGNING if signing else {"key_encipherment": True}
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if nip is not None:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, nip))
    attrs += [x509.NameAttribute(oid, value) for oid, value in subject]
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attrs))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + timedelta(days=days[0]))
        .not_valid_after(now + timedelta(days=days[1]))
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
        .add_extension(_usage(**usage), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
    )
    if eku is not None:
        ekus = [eku] if isinstance(eku, x509.ObjectIdentifier) else list(eku)
        builder = builder.add_extension(x509.ExtendedKeyUsage(ekus), critical=True)
    return key, builder.sign(ca.key, hashes.SHA256())


def repeat_extension(
    ca: CA, cert: x509.Certificate, oid: x509.ObjectIdentifier
) -> x509.Certificate:
    """*cert* with its extension *oid* twice, signed again by *ca*: a malformed
    certificate that ``cryptography`` would not build."""
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.asymmetric import padding

    parsed = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    tbs = parsed["tbs_certificate"]
    exts = list(tbs["extensions"])
    [twice] = [e for e in exts if e["extn_id"].dotted == oid.dotted_string]
    tbs["extensions"] = asn1_x509.Extensions([*exts, twice])
    signature = ca.key.sign(tbs.dump(force=True), padding.PKCS1v15(), hashes.SHA256())
    return x509.load_der_x509_certificate(
        asn1_x509.Certificate(
            {
                "tbs_certificate": tbs,
                "signature_algorithm": parsed["signature_algorithm"],
                "signature_value": signature,
            }
        ).dump()
    )


def p12_file(
    folder: Path,
    key: rsa.RSAPrivateKey,
    cert: x509.Certificate,
    chain: Sequence[x509.Certificate] = (),
    *,
    password: str = SANDI,
    file: str = "ttd.p12",
) -> Path:
    """*key* and *cert* (with *chain*) as a PKCS#12 file protected by *password*."""
    data = pkcs12.serialize_key_and_certificates(
        b"ttd",
        key,
        cert,
        list(chain),
        serialization.BestAvailableEncryption(password.encode()),
    )
    path = folder / file
    path.write_bytes(data)
    return path


def p12(
    folder: Path,
    ca: CA,
    name: str,
    *,
    password: str = SANDI,
    file: str = "ttd.p12",
    **kw: object,
) -> Path:
    """A PKCS#12 file of a certificate :func:`issue` makes (*kw* are its options)."""
    key, cert = issue(ca, name, **kw)  # type: ignore[arg-type]
    return p12_file(folder, key, cert, [ca.cert], password=password, file=file)


#: SoftHSM2's PKCS#11 library (Debian's softhsm2 package) and the tokens' user PIN.
SOFTHSM = Path("/usr/lib/softhsm/libsofthsm2.so")
PIN = "314159"


def softhsm_conf(folder: Path) -> Path:
    """A SoftHSM2 configuration keeping its tokens in *folder*; put its path in
    ``SOFTHSM2_CONF`` (e.g. with monkeypatch) before :func:`softhsm_token`."""
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nlog.level = ERROR\n")
    return conf


def softhsm_token(
    folder: Path, key: rsa.RSAPrivateKey, cert: x509.Certificate, *, label: str = "surat"
) -> None:
    """A fresh SoftHSM2 token *label* holding *key* and *cert*, both labelled
    'ttd', in the tokens of ``SOFTHSM2_CONF`` (:func:`softhsm_conf`)."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    util = ["softhsm2-util", "--pin", PIN]
    subprocess.run(
        [*util, "--init-token", "--free", "--label", label, "--so-pin", "27182818"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    pem = folder / "key.pem"
    pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    try:
        subprocess.run(
            [*util, "--import", str(pem), "--token", label, "--label", "ttd", "--id", "01"],
            check=True,
            capture_output=True,
            timeout=60,
        )
    finally:
        pem.unlink()
    lib = pkcs11.lib(str(SOFTHSM))
    lib.reinitialize()  # the library, loaded once a process, reads the tokens anew
    with lib.get_token(token_label=label).open(rw=True, user_pin=PIN) as s:
        s.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: "ttd",
                Attribute.ID: b"\x01",
                Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
                Attribute.SUBJECT: cert.subject.public_bytes(),
            }
        )


@contextmanager
def local_tsa(ca: CA) -> Iterator[str]:
    """An RFC 3161 time-stamping service on 127.0.0.1, answering with pyHanko's
    DummyTimeStamper and a TSA certificate from *ca*; yields its URL."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import tsp
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.timestamps import DummyTimeStamper

    key, cert = issue(ca, "TSA Uji surat", eku=ExtendedKeyUsageOID.TIME_STAMPING)
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
    )
    requests: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            req = tsp.TimeStampReq.load(self.rfile.read(min(length, 1 << 16)))
            resp = stamper.request_tsa_response(req)
            body = resp.dump()
            requests.append(len(body))
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa"
    finally:
        server.shutdown()
        server.server_close()
    assert requests, "the local TSA was never asked"


def hari_ini(kind: str) -> dict[str, object]:
    """The example data of *kind*, dated today (WIB): a letter is signed on its own date."""
    from surat.dates import today

    data = surat.example_data(kind)
    data["tanggal"] = today().isoformat()
    if kind == "tugas":  # a task is never dated before its letter
        for task in data["tugas"]:
            task["tanggal"] = today().isoformat()
    if kind == "undangan":  # nor a meeting before its invitation
        data["pertemuan"]["tanggal"] = today().isoformat()
    return data


def tte_kertas(path: Path, password: str = SANDI) -> surat.TTE:
    """The signature of a PKCS#12 file, declaring that the letters it signs were
    initialled on paper: for the tests of the signature itself, not of the paraf."""
    return surat.TTE.from_p12(path, password).with_paraf_kertas()


def kasus_semua_hari_ini(path: Path) -> dict[str, Any]:
    """A case file (examples/kasus.json) with every stage dated today, for a pack of
    all stages; the dates before the case (a birth date) are kept."""
    import json
    import re

    from surat.dates import today

    text = path.read_text(encoding="utf-8")
    for day in sorted(set(re.findall(r'"(2026-11-\d\d)"', text))):
        text = text.replace(f'"{day}"', f'"{today().isoformat()}"')
    data: dict[str, Any] = json.loads(text)
    return data


def kasus_hari_ini(path: Path) -> dict[str, Any]:
    """A case file (examples/kasus.json) whose numbered letters are dated today: a
    letter is signed on its own date."""
    import json

    from surat.dates import today

    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    for kind in ("persetujuan", "tugas"):
        data[kind]["tanggal"] = today().isoformat()
    for task in data["tugas"]["tugas"]:  # a task is never dated before its letter
        task["tanggal"] = today().isoformat()
    return data
