"""Electronically signed letters (TTE), checked by two verifiers and a QR reader.

A throwaway PKI (tests/tte_support.py) gives the officials their certificates;
letters are converted by the real LibreOffice, signed with pyHanko and checked
with pyHanko's validator and, independently, with poppler's pdfsig; the QR code
is read back from the rendered page with zbarimg.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import tte_support as ts
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID
from referensi_support import seed_books

import surat
from surat.identitas import format_nip
from surat.tte.footer import first_revision, kode
from surat.tte.place import find_space
from surat.tte.sign import check_holder, holds
from surat.tte.verify import TIDAK_DIPERIKSA, periksa

pytest.importorskip("pyhanko")

ROOT = Path(__file__).resolve().parents[1]
NOMOR = "001/DP3A-PP-KB/PPA/XI/2026"


def _need(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not installed (make system)")


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ts.CA, Path]]:
    folder = tmp_path_factory.mktemp("pki")
    yield ts.make_ca(), folder


@pytest.fixture(scope="module")
def office() -> surat.Office:
    return surat.Office.from_toml(ROOT / "examples" / "kantor.toml")


@pytest.fixture(scope="module")
def ketua(pki: tuple[ts.CA, Path]) -> surat.TTE:
    """The Ketua P2TP2A, who signs the approval letter (examples/kantor.toml)."""
    ca, folder = pki
    return ts.tte_kertas(ts.p12(folder, ca, "ROSMAWATI", file="ketua.p12"), ts.SANDI)


@pytest.fixture(scope="module")
def persetujuan(office: surat.Office) -> surat.Document:
    data = ts.hari_ini("persetujuan")
    return surat.render("persetujuan", data, office=office, nomor=NOMOR)


@pytest.fixture(scope="module")
def signed(
    persetujuan: surat.Document, ketua: surat.TTE, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    out = tmp_path_factory.mktemp("signed") / "persetujuan.pdf"
    persetujuan.to_pdf(out, tte=ketua)
    return out


def pdfsig(path: Path) -> str:
    _need("pdfsig")
    run = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return run.stdout + run.stderr


def pyhanko_status(data: bytes, root: ts.CA) -> object:
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    [sig] = reader.embedded_regular_signatures
    ctx = ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(root.cert.public_bytes(Encoding.DER))]
    )
    return validate_pdf_signature(sig, ctx)


def qr_on_page(pdf: Path, tmp: Path, page: int = 1) -> str:
    _need("zbarimg")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "150",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(tmp / "qr"),
        ],
        check=True,
        timeout=60,
    )
    [png] = sorted(tmp.glob("qr*.png"))
    run = subprocess.run(
        ["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True, timeout=60
    )
    png.unlink()
    assert run.returncode == 0, run.stderr
    return run.stdout.rstrip("\n")


# -- the signature -------------------------------------------------------------


def test_signed_letter_is_valid_for_pyhanko(signed: Path, pki: tuple[ts.CA, Path]) -> None:
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    status = pyhanko_status(signed.read_bytes(), pki[0])
    assert status.intact and status.valid and status.trusted  # type: ignore[attr-defined]
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE  # type: ignore[attr-defined]
    assert status.md_algorithm == "sha256"  # type: ignore[attr-defined]
    assert status.signing_cert.subject.native["common_name"] == "ROSMAWATI"  # type: ignore[attr-defined]


def test_signed_letter_is_pades_with_reason_and_location(signed: Path) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(signed.read_bytes()), strict=False)
    [sig] = reader.embedded_regular_signatures
    d = sig.sig_object
    assert d["/SubFilter"] == "/ETSI.CAdES.detached"
    assert d["/Reason"] == "Menyetujui isi dokumen"
    assert d["/Location"] == "Batam"


def test_signed_letter_is_valid_for_pdfsig(signed: Path) -> None:
    out = pdfsig(signed)
    assert "Signature is Valid" in out
    assert "Total document signed" in out
    assert "ETSI.CAdES.detached" in out
    assert "SHA-256" in out
    assert "ROSMAWATI" in out


def test_one_changed_byte_breaks_both_verifiers(
    signed: Path, tmp_path: Path, pki: tuple[ts.CA, Path]
) -> None:
    data = bytearray(signed.read_bytes())
    # a byte of the letter's own text, inside the signed range
    at = bytes(data).index(b"/Producer")
    data[at + 1] ^= 0x20  # '/Producer' -> '/producer'
    bad = tmp_path / "diubah.pdf"
    bad.write_bytes(bytes(data))
    status = pyhanko_status(bytes(data), pki[0])
    assert not status.intact  # type: ignore[attr-defined]
    out = pdfsig(bad)
    assert "Signature is Valid" not in out
    assert "Digest Mismatch" in out or "Signature is Invalid" in out
    hasil = periksa(bad)
    assert not hasil.sah
    assert "utuh sejak ditandatangani: TIDAK" in str(hasil)


def test_periksa_reports_signer_time_and_chain(
    signed: Path, pki: tuple[ts.CA, Path], tmp_path: Path
) -> None:
    ca, folder = pki
    hasil = periksa(signed, ca=ca.pem(folder))
    assert hasil.sah
    [t] = hasil.tanda_tangan
    assert t.pemegang == "ROSMAWATI" and t.utuh and t.seluruh and t.terpercaya
    assert t.waktu is not None
    report = str(hasil)
    assert "waktu penandatanganan: " in report and "WIB" in report
    assert report.endswith("HASIL: SAH")
    # another root: intact, but not trusted
    other = ts.make_ca("Root CA lain")
    assert not periksa(signed, ca=other.pem(tmp_path)).sah


# -- what is printed -------------------------------------------------------------


def test_qr_code_decodes_to_number_and_hash_of_the_letter(signed: Path, tmp_path: Path) -> None:
    data = signed.read_bytes()
    sha = hashlib.sha256(first_revision(data)).hexdigest()
    assert qr_on_page(signed, tmp_path) == f"Nomor: {NOMOR}\nSHA-256: {sha}"
    hasil = periksa(signed)
    assert hasil.sha256 == sha and hasil.qr_cocok


def test_footer_and_signature_place(signed: Path, persetujuan: surat.Document) -> None:
    from pypdf import PdfReader

    data = signed.read_bytes()
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        text = " ".join(page.extract_text().split())
        assert "Balai Besar Sertifikasi Elektronik (BSrE)" in text
        assert "UU ITE No. 11 Tahun 2008 Pasal 5 ayat 1" in text
    # the letter as converted is the file's first revision, unchanged by the footer
    base = first_revision(data)
    before = " ".join(PdfReader(io.BytesIO(base)).pages[-1].extract_text().split())
    after = " ".join(reader.pages[-1].extract_text().split())
    assert before in after
    # the visible signature sits in the space between jabatan and name
    widget = next(
        a.get_object() for a in reader.pages[-1]["/Annots"] if a.get_object().get("/FT") == "/Sig"
    )
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    space = find_space(base, "Hj. ROSMAWATI")
    assert (round(x1), round(y1), round(x2), round(y2)) == tuple(round(v) for v in space.box)
    assert y2 - y1 >= 36 and x1 > 250  # the right-hand column, at least 13 mm high


def test_verification_url_in_qr(
    office: surat.Office,
    ketua: surat.TTE,
    persetujuan: surat.Document,
    pki: tuple[ts.CA, Path],
    tmp_path: Path,
) -> None:
    from surat.dates import today

    tte = office.tte.model_copy(update={"url_verifikasi": "https://tte.example.go.id/cek/{kode}"})
    local = office.model_copy(update={"tte": tte})
    doc = surat.render("persetujuan", ts.hari_ini("persetujuan"), office=local, nomor=NOMOR)
    out = tmp_path / "url.pdf"
    doc.to_pdf(out, tte=ketua)
    expected = "https://tte.example.go.id/cek/" + kode(NOMOR, today(), "")
    assert qr_on_page(out, tmp_path) == expected
    hasil = periksa(out, ca=pki[0].pem(pki[1]))
    assert hasil.qr == expected and hasil.sah
    # without a root, intact but the signer unchecked: never SAH
    assert periksa(out).putusan == TIDAK_DIPERIKSA and not periksa(out).sah


def test_timestamp_from_a_local_tsa(
    office: surat.Office,
    ketua: surat.TTE,
    persetujuan: surat.Document,
    pki: tuple[ts.CA, Path],
    tmp_path: Path,
) -> None:
    ca, _ = pki
    with ts.local_tsa(ca) as url:
        local = office.model_copy(update={"tte": office.tte.model_copy(update={"tsa_url": url})})
        doc = surat.render("persetujuan", ts.hari_ini("persetujuan"), office=local, nomor=NOMOR)
        out = tmp_path / "bt.pdf"
        doc.to_pdf(out, tte=ketua)
    status = pyhanko_status(out.read_bytes(), ca)
    assert status.timestamp_validity is not None  # type: ignore[attr-defined]
    assert status.timestamp_validity.intact and status.timestamp_validity.valid  # type: ignore[attr-defined]
    [t] = periksa(out).tanda_tangan
    assert t.waktu_tsa is not None
    assert "Signature is Valid" in pdfsig(out)


# -- packs -------------------------------------------------------------------------


def test_pack_signs_the_holders_letters_and_keeps_originals(
    office: surat.Office,
    ketua: surat.TTE,
    persetujuan: surat.Document,
    pki: tuple[ts.CA, Path],
    tmp_path: Path,
) -> None:
    from pypdf import PdfReader

    ca, folder = pki
    tugas = surat.render(
        "tugas", ts.hari_ini("tugas"), office=office, nomor="002/DP3A-PP-KB/PPA/XI/2026"
    )
    arsip = tmp_path / "arsip"
    arsip.mkdir()
    result = surat.print_pack([persetujuan, tugas], tmp_path / "cetak.pdf", tte=ketua, arsip=arsip)
    assert result.signed == (persetujuan.label,)  # the Kepala Dinas signs the surat tugas
    [original] = result.arsip
    assert original.name == "persetujuan-001_DP3A-PP-KB_PPA_XI_2026.pdf"
    assert original.stat().st_mode & 0o777 == 0o600
    assert periksa(original, ca=ca.pem(folder)).sah
    pack = periksa(result.path, ca=ca.pem(folder))
    assert pack.sah and pack.paket
    assert [t.field for t in pack.tanda_tangan] == ["TTE-Paket"]
    assert "Total document signed" in pdfsig(result.path)
    reader = PdfReader(result.path)
    assert "/AcroForm" in reader.trailer["/Root"]  # only the pack's own signature field
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    signed_pages = [t for t in texts if "Sertifikasi Elektronik" in t]
    # the approval letter and its two tembusan copies; the surat tugas is for a wet signature
    assert len(signed_pages) == 3
    assert all("SURAT TUGAS" not in t for t in signed_pages)


def test_a_two_page_report_has_the_footer_on_each_page_and_signs_its_own_block(
    office: surat.Office, pki: tuple[ts.CA, Path], tmp_path: Path
) -> None:
    """The counseling report: two pages sharing resources, two signature blocks side
    by side; the Kabid ('Mengetahui', left) signs, the counselor's column stays free."""
    from pypdf import PdfReader

    ca, folder = pki
    kabid = ts.tte_kertas(ts.p12(tmp_path, ca, "Siti Rahayu"), ts.SANDI)
    doc = surat.render("konseling", ts.hari_ini("konseling"), office=office)
    out = tmp_path / "konseling.pdf"
    doc.to_pdf(out, tte=kabid)
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert "Pasal 5 ayat 1" in " ".join(page.extract_text().split())
    sha = hashlib.sha256(first_revision(out.read_bytes())).hexdigest()
    assert qr_on_page(out, tmp_path, page=2) == f"Nomor: -\nSHA-256: {sha}"
    widget = next(
        a.get_object() for a in reader.pages[1]["/Annots"] if a.get_object().get("/FT") == "/Sig"
    )
    x1, _, x2, _ = (float(v) for v in widget["/Rect"])
    counselor_x = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if "Dewi Kartika" in text:
            counselor_x.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

    reader.pages[1].extract_text(visitor_text=visit)
    assert x1 < 150 and x2 < min(counselor_x)  # the left block, clear of the counselor's
    assert periksa(out, ca=ca.pem(folder)).sah


def test_a_plt_signs_with_the_name_the_letter_prints(
    office: surat.Office, ketua: surat.TTE, pki: tuple[ts.CA, Path], tmp_path: Path
) -> None:
    """An acting official (Plt.) named in the letter's data signs it; the definitive
    holder's certificate does not fit that letter."""
    ca, folder = pki
    data = ts.hari_ini("persetujuan")
    data["penandatangan"] = ts.PLT
    doc = surat.render("persetujuan", data, office=office, nomor=NOMOR)
    assert doc.penandatangan == "BUDI SANTOSO, S.H."
    with pytest.raises(surat.SuratError, match="bukan pejabat yang menandatangani"):
        doc.to_pdf(tmp_path / "x.pdf", tte=ketua)
    plt = ts.tte_kertas(ts.p12(tmp_path, ca, "Budi Santoso"), ts.SANDI)
    out = tmp_path / "plt.pdf"
    doc.to_pdf(out, tte=plt)
    assert periksa(out, ca=ca.pem(folder)).sah
    assert "Signature is Valid" in pdfsig(out)


@pytest.fixture(scope="module")
def plt(pki: tuple[ts.CA, Path]) -> surat.TTE:
    """The acting Ketua P2TP2A (Plt.), named in the letters' own data."""
    ca, folder = pki
    return ts.tte_kertas(ts.p12(folder, ca, "Budi Santoso", file="plt.p12"), ts.SANDI)


def test_a_batch_whose_rows_name_the_plt_is_signed_by_the_plt(
    office: surat.Office, plt: surat.TTE, pki: tuple[ts.CA, Path], tmp_path: Path
) -> None:
    """The profile's Ketua is away; every row names the Plt., who holds the certificate:
    the check before numbering judges the name each row prints, as signing does."""
    from pypdf import PdfReader

    from surat.batch import print_batch

    ca, folder = pki
    data = ts.hari_ini("persetujuan")
    data.pop("tanggal")
    arsip = tmp_path / "arsip"
    arsip.mkdir()
    out = tmp_path / "cetak.pdf"
    with surat.Register(tmp_path / "agenda.db", office=office) as reg:
        seed_books(reg, kasus=1, masuk=14)  # the case and the request the rows cite
        print_batch(
            "persetujuan",
            [{**data, "penandatangan": ts.PLT}] * 2,
            out,
            register=reg,
            office=office,
            copies=[],
            progress=False,
            tte=plt,
            arsip=arsip,
        )
        assert [e.status for e in reg.entries(tahun=None)] == ["aktif", "aktif"]
    originals = sorted(arsip.iterdir())
    assert len(originals) == 2
    for path in originals:
        hasil = periksa(path, ca=ca.pem(folder))
        assert hasil.sah and "Budi Santoso" in str(hasil)
        assert "Signature is Valid" in pdfsig(path)
        text = " ".join(PdfReader(path).pages[-1].extract_text().split())
        assert "Plt. Ketua P2TP2A Kota Batam" in text and "BUDI SANTOSO, S.H." in text
        assert "ROSMAWATI" not in text
    assert periksa(out, ca=ca.pem(folder)).sah
    assert "Total document signed" in pdfsig(out)


def test_a_case_signs_its_approval_by_the_plt_it_names(
    office: surat.Office, plt: surat.TTE, pki: tuple[ts.CA, Path], tmp_path: Path
) -> None:

    ca, folder = pki
    data = ts.kasus_hari_ini(ROOT / "examples" / "kasus.json")
    data["persetujuan"]["penandatangan"] = ts.PLT
    arsip = tmp_path / "arsip"
    arsip.mkdir()
    with surat.Register(tmp_path / "kasus.db", office=office) as reg:
        result = surat.Kasus.from_dict(data).print_pack(
            reg, tmp_path / "kasus.pdf", office=office, tte=plt, arsip=arsip, sandi_internal="s"
        )
    [original] = result.arsip
    assert original.name.startswith("persetujuan-")
    assert periksa(original, ca=ca.pem(folder)).sah
    assert "Signature is Valid" in pdfsig(original)


# -- who may sign ------------------------------------------------------------------


def test_degrees_in_another_order_and_case_and_the_right_nip_sign(
    office: surat.Office, pki: tuple[ts.CA, Path], tmp_path: Path
) -> None:
    """The certificate says 'SITI RAHAYU, S.Psi.' and carries her NIP; the profile prints
    'Dra. Siti Rahayu S.Psi': the same person, and the letter is signed."""
    ca, folder = pki
    kabid = office.pejabat["kabid"].model_copy(update={"nama": "Dra. Siti Rahayu S.Psi"})
    renamed = office.model_copy(update={"pejabat": {**office.pejabat, "kabid": kabid}})
    assert kabid.nip is not None
    tte = ts.tte_kertas(
        ts.p12(tmp_path, ca, "SITI RAHAYU, S.Psi.", nip=format_nip(kabid.nip)), ts.SANDI
    )
    assert tte.nip == kabid.nip
    doc = surat.render("konseling", ts.hari_ini("konseling"), office=renamed)
    assert doc.penandatangan == "Dra. Siti Rahayu S.Psi"
    out = tmp_path / "konseling.pdf"
    doc.to_pdf(out, tte=tte)
    hasil = periksa(out, ca=ca.pem(folder))
    assert hasil.sah and "SITI RAHAYU, S.Psi." in str(hasil)
    # the same certificate signs for her a.n. the head (a letter that prints her name)
    check_holder(tte, office, "tugas", "Dra. SITI RAHAYU, M.Si")


#: The officials' names in the shipped profiles, and the name on their certificates.
CERTIFICATE_NAMES = {
    "UMIYATI, SE": "UMIYATI",
    "Dra. SITI RAHAYU, M.Si": "SITI RAHAYU",
    "HENDRA GUNAWAN, S.Sos": "HENDRA GUNAWAN",
    "NURUL HIDAYAH, S.Psi": "NURUL HIDAYAH",
    "Hj. ROSMAWATI": "ROSMAWATI",
}


@pytest.mark.parametrize(
    "profile",
    [ROOT / "examples" / "kantor.toml", ROOT / "surat" / "starter" / "kantor.toml", None],
    ids=["examples", "starter", "built-in"],
)
def test_the_shipped_profiles_officials_sign_with_their_certificates(
    pki: tuple[ts.CA, Path], tmp_path: Path, profile: Path | None
) -> None:
    """Every named official of the example, starter and built-in profiles holds a
    certificate with their name (without degrees) and NIP; none holds another's."""
    ca, _ = pki
    office = surat.Office.from_toml(profile) if profile else surat.Office.default()
    named = {role: p for role, p in office.pejabat.items() if p.nama}
    assert set(p.nama for p in named.values()) <= set(CERTIFICATE_NAMES)
    ttes = {
        role: ts.tte_kertas(
            ts.p12(tmp_path, ca, CERTIFICATE_NAMES[p.nama], nip=p.nip, file=f"{role}.p12"),
            ts.SANDI,
        )
        for role, p in named.items()
    }
    signed = [k for k, role in office.penandatangan.items() if role in named]
    assert signed or profile is None
    for kind in signed:
        for role, tte in ttes.items():
            assert holds(tte, office, kind) == (role == office.penandatangan[kind]), (kind, role)
    if profile is None:  # the built-in profile: the Kepala Dinas signs what she signs
        check_holder(ttes["kepala_dinas"], office, "tugas")


def test_a_standing_appointment_signs_with_its_own_nip(
    pki: tuple[ts.CA, Path], tmp_path: Path
) -> None:
    ca, _ = pki
    text = (ROOT / "examples" / "kantor.toml").read_text(encoding="utf-8")
    text = text.replace("# [plt.kepala_dinas]", "[plt.kepala_dinas]")
    for field in ("status", "nama", "nip", "pangkat", "mulai", "sampai"):
        text = text.replace(f"# {field} = ", f"{field} = ", 1)
    office = surat.Office.from_toml_string(text, source="kantor.toml")
    [plh] = office.plt["kepala_dinas"]
    tte = ts.tte_kertas(ts.p12(tmp_path, ca, "BUDI SANTOSO", nip=plh.nip), ts.SANDI)
    check_holder(tte, office, "tugas", plh.nama)
    assert not holds(tte, office, "tugas")  # the head's own letter prints her name


@pytest.mark.parametrize(
    "eku",
    [
        [ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.EMAIL_PROTECTION],
        [x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")],  # documentSigning
        [x509.ObjectIdentifier("1.2.840.113583.1.1.5")],  # Adobe authentic documents
        [x509.ObjectIdentifier("1.3.6.1.4.1.311.10.3.12")],  # Microsoft document signing
        [ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE],
    ],
    ids=["email", "documentSigning", "adobe", "microsoft", "any"],
)
def test_extended_key_usages_that_allow_document_signing_load(
    pki: tuple[ts.CA, Path], tmp_path: Path, eku: list[x509.ObjectIdentifier]
) -> None:
    ca, _ = pki
    tte = ts.tte_kertas(ts.p12(tmp_path, ca, "ROSMAWATI", eku=eku), ts.SANDI)
    assert tte.pemegang == "ROSMAWATI" and tte.nip is None


# -- the signed letter keeps the unsigned letter's pages -----------------------------


@pytest.mark.parametrize("halaman", ["bawah", "atas"])
@pytest.mark.parametrize("kind", sorted(surat.letters.SIGNABLE))
def test_a_signed_letter_keeps_the_pages_and_page_breaks_of_the_unsigned_one(
    kind: str, halaman: str, office: surat.Office, pki: tuple[ts.CA, Path]
) -> None:
    """Every kind the office signs, with its example data, page numbers at the
    foot or the top: the signed PDF has as many pages as the letter printed
    unsigned, each page with the same text (the footer takes no room from the
    letter; a full one-page surat tugas once became two pages)."""
    from pypdf import PdfReader

    office = office.model_copy(update={"nomor_halaman": halaman})
    ca, folder = pki
    data = ts.hari_ini(kind)
    # the official the letter prints as its signer (the staff who received, on a receipt)
    nama, _ = surat.letters.printed_signer(kind, surat.letters.validate(kind, data), office)
    holder = ts.tte_kertas(ts.p12(folder, ca, nama, file=f"{kind}-halaman.p12"), ts.SANDI)
    nomor = NOMOR if kind in surat.letters.NUMBERED else None
    doc = surat.render(kind, data, office=office, nomor=nomor)
    unsigned = PdfReader(io.BytesIO(doc.pdf())).pages
    signed = doc.signed_pdf(holder)
    assert len(PdfReader(io.BytesIO(signed)).pages) == len(unsigned)
    # what is signed is the letter exactly as it converts unsigned
    assert first_revision(signed) == doc.pdf()
    as_converted = PdfReader(io.BytesIO(first_revision(signed))).pages
    assert [p.extract_text().split() for p in as_converted] == [
        p.extract_text().split() for p in unsigned
    ]


def test_a_case_signs_only_its_new_letters_when_a_stage_grows(
    office: surat.Office, pki: tuple[ts.CA, Path], tmp_path: Path
) -> None:
    """Two referrals signed by the Head of Office; a week's work later the case file
    has a third. Printing the stage again with her certificate signs the third
    only: the two numbered before print as they are, each named in a warning (they
    are signed on their own, with their parafs), and the archive gains one file."""
    from surat.identitas import format_nip

    ca, folder = pki
    nip = office.pejabat["kepala_dinas"].nip
    assert nip is not None
    kadis = ts.tte_kertas(
        ts.p12(tmp_path, ca, "UMIYATI", nip=format_nip(nip), file="kadis.p12"), ts.SANDI
    ).with_paraf_kertas()
    whole = ts.kasus_semua_hari_ini(ROOT / "examples" / "kasus.json")
    three = whole["rujukan"]
    arsip = tmp_path / "arsip"
    arsip.mkdir()
    stages = ("penerimaan", "konseling", "persetujuan", "penugasan", "rujukan")
    with surat.Register(tmp_path / "kasus.db", office=office) as reg:
        first = surat.Kasus.from_dict({**whole, "rujukan": three[:2]}).print_pack(
            reg, tmp_path / "awal.pdf", office=office, tte=kadis, arsip=arsip,
            sandi_internal="s", tahap=stages,
        )  # fmt: skip
        assert [label.split(" — ")[1] for label in first.signed] == [
            "Surat Tugas Pendampingan", "Surat Rujukan", "Surat Rujukan",
        ]  # fmt: skip
        before = sorted(p.name for p in arsip.iterdir())
        grown = {**whole, "rujukan": three, "nomor_registrasi": first.nomor_registrasi}
        later = surat.Kasus.from_dict(grown).print_pack(
            reg, tmp_path / "rujukan.pdf", office=office, tte=kadis, arsip=arsip,
            sandi_internal="s", tahap="rujukan",
        )  # fmt: skip
        [label] = later.signed
        nomor = label.split(" — ")[0]
        assert [d.nomor for d in later.dokumen if d.baru] == [nomor]
        old = [d.nomor for d in later.dokumen if not d.baru]
        assert len(old) == 2 and all(reg.tte(n) is not None for n in [*old, nomor])
        assert [w.split(": ")[1].split(" ")[0] for w in later.peringatan] == old
        assert all("tanpa tanda tangan elektronik" in w for w in later.peringatan)
        after = sorted(p.name for p in arsip.iterdir())
        assert len(after) == len(before) + 1 and set(before) < set(after)
        [new] = set(after) - set(before)
        assert nomor.replace("/", "_") in new and periksa(arsip / new, ca=ca.pem(folder)).sah
