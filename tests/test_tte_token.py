"""Signing with a key on a token (PKCS#11), on a SoftHSM2 token made for the test."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import tte_support as ts

import surat
from surat.tte.verify import periksa

pytest.importorskip("pyhanko")
pytest.importorskip("pkcs11", reason="python-pkcs11 (the tte-token extra)")

LIB = Path("/usr/lib/softhsm/libsofthsm2.so")
ROOT = Path(__file__).resolve().parents[1]
PIN = "314159"


@pytest.fixture
def token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ts.CA]:
    """A fresh token 'surat' holding ROSMAWATI's key and certificate (label 'ttd')."""
    if shutil.which("softhsm2-util") is None or not LIB.exists():
        pytest.skip("softhsm2 not installed (make system)")
    import pkcs11
    from cryptography.hazmat.primitives import serialization
    from pkcs11 import Attribute, CertificateType, ObjectClass

    (tmp_path / "tokens").mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\nlog.level = ERROR\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    util = ["softhsm2-util", "--pin", PIN]
    subprocess.run(
        [*util, "--init-token", "--free", "--label", "surat", "--so-pin", "27182818"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    ca = ts.make_ca()
    key, cert = ts.issue(ca, "ROSMAWATI")
    pem = tmp_path / "key.pem"
    pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    subprocess.run(
        [*util, "--import", str(pem), "--token", "surat", "--label", "ttd", "--id", "01"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    pem.unlink()
    with pkcs11.lib(str(LIB)).get_token(token_label="surat").open(rw=True, user_pin=PIN) as s:
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
    yield ca


def test_a_letter_signed_on_a_token_verifies(token: ts.CA, tmp_path: Path) -> None:
    with pytest.raises(surat.SuratError, match="wrong PIN") as err:
        surat.TTE.from_pkcs11(LIB, "000000", token="surat", cert_label="ttd", key_label="ttd")
    assert "000000" not in str(err.value)
    office = surat.Office.from_toml(ROOT / "examples" / "kantor.toml")
    doc = surat.render(
        "persetujuan",
        surat.example_data("persetujuan"),
        office=office,
        nomor="001/DP3A-PP-KB/PPA/XI/2026",
    )
    out = tmp_path / "token.pdf"
    with surat.TTE.from_pkcs11(LIB, PIN, token="surat", cert_label="ttd", key_label="ttd") as tte:
        assert repr(tte).startswith("TTE(pemegang='ROSMAWATI'")
        doc.to_pdf(out, tte=tte)
    hasil = periksa(out, ca=token.pem(tmp_path))
    assert hasil.sah, str(hasil)
    run = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, timeout=60)
    assert "Signature is Valid" in run.stdout and "Total document signed" in run.stdout
