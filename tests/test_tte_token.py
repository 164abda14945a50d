"""Signing with a key on a token (PKCS#11), on a SoftHSM2 token made for the test."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import tte_support as ts

import surat
from surat.tte.verify import periksa

pytest.importorskip("pyhanko")
pytest.importorskip("pkcs11", reason="python-pkcs11 (the tte-token extra)")

LIB = ts.SOFTHSM
ROOT = Path(__file__).resolve().parents[1]
PIN = ts.PIN


@pytest.fixture
def token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ts.CA:
    """A fresh token 'surat' holding ROSMAWATI's key and certificate (label 'ttd')."""
    if shutil.which("softhsm2-util") is None or not LIB.exists():
        pytest.skip("softhsm2 not installed (make system)")
    monkeypatch.setenv("SOFTHSM2_CONF", str(ts.softhsm_conf(tmp_path)))
    ca = ts.make_ca()
    ts.softhsm_token(tmp_path, *ts.issue(ca, "ROSMAWATI"))
    return ca


def test_a_letter_signed_on_a_token_verifies(token: ts.CA, tmp_path: Path) -> None:
    with pytest.raises(surat.SuratError, match="PIN, token atau label salah") as err:
        surat.TTE.from_pkcs11(LIB, "000000", token="surat", cert_label="ttd", key_label="ttd")
    assert "000000" not in str(err.value)
    office = surat.Office.from_toml(ROOT / "examples" / "kantor.toml")
    doc = surat.render(
        "persetujuan",
        ts.hari_ini("persetujuan"),
        office=office,
        nomor="001/DP3A-PP-KB/PPA/XI/2026",
    )
    out = tmp_path / "token.pdf"
    with surat.TTE.from_pkcs11(LIB, PIN, token="surat", cert_label="ttd", key_label="ttd") as tte:
        assert repr(tte).startswith("TTE(pemegang='ROSMAWATI'")
        doc.to_pdf(out, tte=tte.with_paraf_kertas())
    hasil = periksa(out, ca=token.pem(tmp_path))
    assert hasil.sah, str(hasil)
    run = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, timeout=60)
    assert "Signature is Valid" in run.stdout and "Total document signed" in run.stdout
