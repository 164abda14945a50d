"""Certificates that must not sign, and holders who are not the official printed.

Each test loads a real certificate made by tests/tte_support.py, as a PKCS#12
file or on a SoftHSM2 token: a part of the official's name, a name with words
hidden after a comma, another person's NIP, a certification authority's
certificate, a web server's, one whose key may only encrypt, one expired or not
valid yet. Each is refused, and no error quotes a name or an NIP.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import tte_support as ts
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, ExtensionOID, NameOID

import surat
from surat.tte.sign import check_holder, holds

pytest.importorskip("pyhanko")

ROOT = Path(__file__).resolve().parents[2]
OFFICE = surat.Office.from_toml(ROOT / "examples" / "kantor.toml")
NOMOR = "001/DP3A-PP-KB/PPA/XI/2026"
#: The NIP of examples/kantor.toml's Kepala Dinas, who signs the surat tugas.
KADIS_NIP = "19621027 198503 2 006"
#: Another civil servant's NIP (a real date of birth, TMT and gender digit).
OTHER_NIP = "19750304 200003 2 001"
PERSONAL = ("RAHAYU", "SITI", "SANTOSO", "BUDI", "ROSMAWATI", "UMIYATI", "ORANGNYA")


@pytest.fixture(scope="module")
def ca() -> ts.CA:
    return ts.make_ca()


def load(ca: ts.CA, folder: Path, name: str, **kw: object) -> surat.TTE:
    return ts.tte_kertas(ts.p12(folder, ca, name, **kw), ts.SANDI)


def no_personal_data(message: str) -> None:
    for word in PERSONAL:
        assert word.casefold() not in message.casefold(), message
    digits = "".join(c for c in message if c.isdigit())
    for nip in (KADIS_NIP, OTHER_NIP, ts.PLT["nip"]):
        assert nip.replace(" ", "") not in digits, message


def refused_to_sign(doc: surat.Document, tte: surat.TTE, out: Path, match: str) -> str:
    """The letter is refused before it is converted: no file is written."""
    with pytest.raises(surat.SuratError, match=match) as err:
        doc.to_pdf(out, tte=tte)
    assert not out.exists()
    no_personal_data(str(err.value))
    return str(err.value)


# -- whose letter it is ------------------------------------------------------------


@pytest.mark.parametrize("holder", ["RAHAYU", "Siti", "rahayu, M.Si"])
def test_part_of_the_officials_name_signs_nothing(ca: ts.CA, tmp_path: Path, holder: str) -> None:
    """A certificate for 'RAHAYU' on the letter of 'Dra. SITI RAHAYU, M.Si' (the Kabid)."""
    tte = load(ca, tmp_path, holder)
    doc = surat.render("konseling", ts.hari_ini("konseling"), office=OFFICE)
    message = refused_to_sign(doc, tte, tmp_path / "k.pdf", "bukan pejabat yang menandatangani")
    assert message.startswith("tte: konseling: penandatangan: ")
    assert not holds(tte, OFFICE, "konseling")


def test_the_surname_alone_does_not_sign_for_the_acting_official(ca: ts.CA, tmp_path: Path) -> None:
    """'Santoso' on a letter its own Plt. 'BUDI SANTOSO, S.H.' signs."""
    tte = load(ca, tmp_path, "Santoso")
    data = ts.hari_ini("persetujuan") | {"penandatangan": ts.PLT}
    doc = surat.render("persetujuan", data, office=OFFICE, nomor=NOMOR)
    assert doc.penandatangan == ts.PLT["nama"]
    refused_to_sign(doc, tte, tmp_path / "p.pdf", "penandatangan: pemegang sertifikat")


@pytest.mark.parametrize(
    "holder", ["Rosmawati, Bukan Orangnya", "ROSMAWATI, S.H., Orang Lain", "Hj. Rosmawati, Lain"]
)
def test_words_after_a_comma_are_part_of_the_name(ca: ts.CA, tmp_path: Path, holder: str) -> None:
    """Only known degrees are set aside: 'Rosmawati, Bukan Orangnya' is not 'Hj. ROSMAWATI'."""
    tte = load(ca, tmp_path, holder)
    doc = surat.render("persetujuan", ts.hari_ini("persetujuan"), office=OFFICE, nomor=NOMOR)
    refused_to_sign(doc, tte, tmp_path / "p.pdf", "bukan pejabat yang menandatangani")


# -- the NIP ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "where",
    [
        {"nip": OTHER_NIP},  # the subject's serialNumber
        {"nip": "NIP." + OTHER_NIP.replace(" ", "")},
        {"subject": [(NameOID.ORGANIZATIONAL_UNIT_NAME, f"Dinas X NIP. {OTHER_NIP}")]},
        {"subject": [(NameOID.TITLE, f"Kepala Dinas/{OTHER_NIP.replace(' ', '.')}")]},
    ],
    ids=["serialNumber", "serialNumber-prefixed", "ou", "title"],
)
def test_a_namesake_with_another_nip_signs_nothing(
    ca: ts.CA, tmp_path: Path, where: dict[str, object]
) -> None:
    """Another UMIYATI, a civil servant with her own NIP, on the Kepala Dinas's letter."""
    tte = load(ca, tmp_path, "UMIYATI", **where)
    assert tte.nip == OTHER_NIP.replace(" ", "")
    assert OTHER_NIP.replace(" ", "") not in repr(tte)
    doc = surat.render("tugas", ts.hari_ini("tugas"), office=OFFICE, nomor=NOMOR)
    message = refused_to_sign(
        doc, tte, tmp_path / "t.pdf", "NIP sertifikat bukan NIP penanda tangan"
    )
    assert "mencetak NIP lain" in message and "penandatangan" in message


def test_a_civil_servants_certificate_does_not_sign_for_an_official_without_nip(
    ca: ts.CA, tmp_path: Path
) -> None:
    """The Ketua P2TP2A is not a civil servant: a ROSMAWATI with an NIP is someone else."""
    tte = load(ca, tmp_path, "ROSMAWATI", nip=OTHER_NIP)
    doc = surat.render("persetujuan", ts.hari_ini("persetujuan"), office=OFFICE, nomor=NOMOR)
    message = refused_to_sign(
        doc, tte, tmp_path / "p.pdf", "NIP sertifikat bukan NIP penanda tangan"
    )
    assert "tidak mencetak NIP" in message


def test_an_acting_official_typed_into_the_letter_signs_with_the_nip_it_prints(
    ca: ts.CA, tmp_path: Path
) -> None:
    """A Plt. typed into the letter's data, not in the profile: the letter prints the
    Plt.'s own NIP, and only a certificate carrying that NIP signs it."""
    data = ts.hari_ini("persetujuan") | {"penandatangan": ts.PLT}
    doc = surat.render("persetujuan", data, office=OFFICE, nomor=NOMOR)
    assert doc.penandatangan_nip == ts.PLT["nip"].replace(" ", "")
    other = load(ca, tmp_path, "Budi Santoso", nip=OTHER_NIP)
    refused_to_sign(doc, other, tmp_path / "p.pdf", "NIP sertifikat bukan NIP penanda tangan")
    right = load(ca, tmp_path, "Budi Santoso", nip=ts.PLT["nip"])
    signed = doc.to_pdf(tmp_path / "q.pdf", tte=right)
    assert (tmp_path / "q.pdf").read_bytes() == signed and b"/ByteRange" in signed
    assert holds(right, OFFICE, "persetujuan", ts.PLT["nama"], ts.PLT["nip"])
    assert not holds(right, OFFICE, "persetujuan", ts.PLT["nama"], OTHER_NIP)


def test_a_certificate_with_two_nips_is_refused(ca: ts.CA, tmp_path: Path) -> None:
    path = ts.p12(
        tmp_path,
        ca,
        "UMIYATI",
        nip=KADIS_NIP,
        subject=[(NameOID.ORGANIZATIONAL_UNIT_NAME, f"NIP {OTHER_NIP}")],
    )
    with pytest.raises(surat.SuratError, match="dua NIP yang berbeda") as err:
        ts.tte_kertas(path, ts.SANDI)
    no_personal_data(str(err.value))


# -- certificates that may not sign ---------------------------------------------------


def test_a_certification_authoritys_certificate_is_refused(tmp_path: Path) -> None:
    """A CA named like the official (cA=TRUE, keyCertSign, and digitalSignature)."""
    root = ts.make_ca("ROSMAWATI")
    path = ts.p12_file(tmp_path, root.key, root.cert)
    with pytest.raises(surat.SuratError, match="sertifikat penyelenggara sertifikasi"):
        ts.tte_kertas(path, ts.SANDI)


def test_an_intermediate_ca_is_refused_even_without_keycertsign(ca: ts.CA, tmp_path: Path) -> None:
    with pytest.raises(surat.SuratError, match=r"basicConstraints cA"):
        load(ca, tmp_path, "ROSMAWATI", is_ca=True)


def test_keycertsign_alone_makes_a_ca_usage(ca: ts.CA, tmp_path: Path) -> None:
    usage = {"digital_signature": True, "key_cert_sign": True}
    with pytest.raises(surat.SuratError, match="keyCertSign"):
        load(ca, tmp_path, "ROSMAWATI", usage=usage)


@pytest.mark.parametrize(
    "eku",
    [
        [ExtendedKeyUsageOID.SERVER_AUTH],
        [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH],
        [ExtendedKeyUsageOID.CODE_SIGNING],
        [ExtendedKeyUsageOID.TIME_STAMPING],
    ],
    ids=["tls-server", "tls", "code", "timestamping"],
)
def test_a_certificate_for_other_uses_is_refused(
    ca: ts.CA, tmp_path: Path, eku: list[x509.ObjectIdentifier]
) -> None:
    """A web server's certificate for the official's name: its key usage would allow a
    signature, its extended key usage does not allow a document's."""
    with pytest.raises(
        surat.SuratError, match="extended key usage-nya tidak mengizinkan satu pun dari"
    ):
        load(ca, tmp_path, "ROSMAWATI", eku=eku)


@pytest.mark.parametrize(
    "usage",
    [{"key_agreement": True}, {"data_encipherment": True, "key_encipherment": True}, {}],
    ids=["keyAgreement", "encipherment", "none"],
)
def test_a_key_usage_without_a_signature_is_refused(
    ca: ts.CA, tmp_path: Path, usage: dict[str, bool]
) -> None:
    with pytest.raises(surat.SuratError, match="digitalSignature atau nonRepudiation"):
        load(ca, tmp_path, "ROSMAWATI", usage=usage)


def test_a_certificate_with_a_repeated_extension_is_refused(ca: ts.CA, tmp_path: Path) -> None:
    """Two key usage extensions: which one a reader believes is anyone's guess."""
    key, cert = ts.issue(ca, "ROSMAWATI")
    bad = ts.repeat_extension(ca, cert, ExtensionOID.KEY_USAGE)
    path = ts.p12_file(tmp_path, key, bad, [ca.cert])
    with pytest.raises(surat.SuratError, match="ekstensi sertifikat tidak dapat dibaca"):
        ts.tte_kertas(path, ts.SANDI)


def _day(offset: int) -> str:
    return f"{datetime.now(UTC) + timedelta(days=offset):%Y-%m-%d}"


def test_an_expired_certificate_says_when_it_expired(ca: ts.CA, tmp_path: Path) -> None:
    with pytest.raises(surat.SuratError, match="kedaluwarsa pada") as err:
        load(ca, tmp_path, "ROSMAWATI", days=(-400, -3))
    assert f"kedaluwarsa pada {_day(-3)}" in str(err.value)
    assert f"berlaku {_day(-400)} sampai {_day(-3)}" in str(err.value)


def test_a_certificate_not_yet_valid_says_from_when(ca: ts.CA, tmp_path: Path) -> None:
    with pytest.raises(surat.SuratError, match="belum berlaku") as err:
        load(ca, tmp_path, "ROSMAWATI", days=(5, 400))
    assert f"berlaku mulai {_day(5)} (sampai {_day(400)})" in str(err.value)


# -- the same checks for a key on a token --------------------------------------------


@pytest.mark.parametrize(
    ("make", "match"),
    [
        ("ca", "sertifikat penyelenggara sertifikasi"),
        ("tls", "extended key usage-nya tidak mengizinkan satu pun dari"),
        ("expired", "kedaluwarsa pada"),
    ],
)
def test_a_token_with_a_certificate_that_may_not_sign_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: str, match: str
) -> None:
    pytest.importorskip("pkcs11", reason="python-pkcs11 (the tte-token extra)")
    if shutil.which("softhsm2-util") is None or not ts.SOFTHSM.exists():
        pytest.skip("softhsm2 not installed (make system)")
    monkeypatch.setenv("SOFTHSM2_CONF", str(ts.softhsm_conf(tmp_path)))
    root = ts.make_ca("ROSMAWATI")
    if make == "ca":
        key, cert = root.key, root.cert
    elif make == "tls":
        key, cert = ts.issue(root, "ROSMAWATI", eku=ExtendedKeyUsageOID.SERVER_AUTH)
    else:
        key, cert = ts.issue(root, "ROSMAWATI", days=(-400, -1))
    ts.softhsm_token(tmp_path, key, cert)
    with pytest.raises(surat.SuratError, match=match) as err:
        surat.TTE.from_pkcs11(ts.SOFTHSM, ts.PIN, token="surat", cert_label="ttd")
    assert "(token)" in str(err.value)


def test_the_right_name_and_nip_hold(ca: ts.CA, tmp_path: Path) -> None:
    """check_holder on a holder of the right name and NIP passes: the refusals above are
    the names and NIPs, not some other check."""
    tte = load(ca, tmp_path, "UMIYATI", nip=KADIS_NIP)
    check_holder(tte, OFFICE, "tugas")
    check_holder(tte, OFFICE, "tugas", "UMIYATI, SE")
