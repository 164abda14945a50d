"""Forged signed letters: changed after signing, or signed with a self-made certificate.

A signed letter is evidence (UU ITE Pasal 5). Each attack here is built the way
someone with the file and a PDF library would: incremental updates that leave
the original signature's bytes intact. ``surat tte periksa`` must call each of
them TIDAK SAH (or, without a root, never SAH), in ``periksa()``, in the
command's output and in its exit code. poppler's ``pdfsig`` runs beside it on
every forged file; where it reads differently, the README says why.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import tte_support as ts

import surat
from surat.cli import main
from surat.tte.footer import first_revision
from surat.tte.sign import sign_letter
from surat.tte.verify import DIUBAH, SAH, TIDAK_DIPERIKSA, TIDAK_SAH, Hasil, periksa

pytest.importorskip("pyhanko")

ROOT = Path(__file__).resolve().parents[2]
OFFICE = surat.Office.from_toml(ROOT / "examples" / "kantor.toml")
NOMOR = "001/DP3A-PP-KB/PPA/XI/2026"
NOT_CHECKED = "HASIL: utuh, tetapi penanda tangan TIDAK diperiksa: berikan --ca"


@pytest.fixture(scope="module")
def ca() -> ts.CA:
    return ts.make_ca()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tte-forgery")


@pytest.fixture(scope="module")
def root(ca: ts.CA, folder: Path) -> Path:
    return ca.pem(folder)


@pytest.fixture(scope="module")
def ketua(ca: ts.CA, folder: Path) -> surat.TTE:
    return ts.tte_kertas(ts.p12(folder, ca, "ROSMAWATI", file="ketua.p12"), ts.SANDI)


@pytest.fixture(scope="module")
def rekan(ca: ts.CA, folder: Path) -> surat.TTE:
    """A colleague with a genuine certificate of the same root."""
    return ts.tte_kertas(ts.p12(folder, ca, "SITI RAHAYU", file="rekan.p12"), ts.SANDI)


@pytest.fixture(scope="module")
def signed(ketua: surat.TTE, folder: Path) -> bytes:
    doc = surat.render("persetujuan", ts.hari_ini("persetujuan"), office=OFFICE, nomor=NOMOR)
    return doc.to_pdf(folder / "asli.pdf", tte=ketua)


def pdfsig(path: Path) -> str:
    if shutil.which("pdfsig") is None:
        pytest.skip("pdfsig (poppler-utils) not installed")
    run = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return run.stdout + run.stderr


def command(path: Path, *options: str) -> tuple[int, str]:
    """``surat tte periksa`` as a clerk runs it: its exit code and what it printed."""
    import contextlib

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(["tte", "periksa", str(path), *options])
    return code, buf.getvalue()


# -- the attacks, with pyHanko ---------------------------------------------------------


def overlay(pdf: bytes, page: int = 0) -> bytes:
    """An incremental update: a white box over the body of *page* and 'BATAL - DIGANTI'."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    font = w.add_object(
        generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Font"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/Type1"),
                generic.pdf_name("/BaseFont"): generic.pdf_name("/Helvetica-Bold"),
            }
        )
    )
    draw = w.add_object(
        generic.StreamObject(
            stream_data=b"q 1 g 60 120 480 600 re f Q "
            b"q 1 0 0 rg BT /Batal 36 Tf 120 500 Td (BATAL - DIGANTI) Tj ET Q"
        )
    )
    fonts = generic.DictionaryObject({generic.pdf_name("/Batal"): font})
    w.add_stream_to_page(
        page, draw, resources=generic.DictionaryObject({generic.pdf_name("/Font"): fonts})
    )
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def cosign(pdf: bytes, tte: surat.TTE) -> bytes:
    """An incremental update: a new signature field, signed with *tte*."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    fields.append_signature_field(
        w, fields.SigFieldSpec("Pengganti", on_page=0, box=(60, 60, 260, 110))
    )
    meta = signers.PdfSignatureMetadata(
        field_name="Pengganti", md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES
    )
    out = io.BytesIO()
    signers.PdfSigner(meta, signer=tte.signer).sign_pdf(w, existing_fields_only=True, output=out)
    return out.getvalue()


def blank_field(pdf: bytes) -> bytes:
    """An incremental update: an empty signature field whose appearance paints the body white.

    pyHanko's default policy calls this form filling, acceptable to a signature
    without /DocMDP: its ``bottom_line`` stays true."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    fields.append_signature_field(
        w, fields.SigFieldSpec("Kosong", on_page=0, box=(60, 120, 540, 720))
    )
    white = w.add_object(
        generic.StreamObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/XObject"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/Form"),
                generic.pdf_name("/BBox"): generic.ArrayObject(
                    [generic.FloatObject(v) for v in (0, 0, 480, 600)]
                ),
            },
            stream_data=b"1 g 0 0 480 600 re f",
        )
    )
    for ref in w.root["/AcroForm"]["/Fields"]:
        if ref.get_object()["/T"] == "Kosong":
            ref.get_object()["/AP"] = generic.DictionaryObject({generic.pdf_name("/N"): white})
            w.mark_update(ref)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def within_a_minute(work: Callable[[], object], what: str) -> object:
    """What *work* returned or raised; a call that hangs (a pipe opened to read) fails."""
    result: list[object] = []

    def run() -> None:
        try:
            result.append(work())
        except Exception as exc:
            result.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), f"{what}: periksa hung"
    return result[0]


def pyhanko_statuses(data: bytes, ca: ts.CA) -> list[object]:
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    trust = [asn1_x509.Certificate.load(ca.cert.public_bytes(Encoding.DER))]
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    return [
        validate_pdf_signature(sig, ValidationContext(trust_roots=trust, allow_fetching=False))
        for sig in reader.embedded_regular_signatures
    ]


def assert_changed(hasil: Hasil, pages: str = "halaman 1") -> None:
    assert hasil.putusan == TIDAK_SAH and not hasil.sah
    assert f"{DIUBAH} ({pages})" in hasil.alasan
    assert hasil.tanda_tangan[0].diubah
    report = str(hasil)
    assert f"Alasan: {DIUBAH} ({pages})" in report
    assert report.endswith("HASIL: TIDAK SAH")


# -- the original -------------------------------------------------------------------


def test_the_genuine_letter_is_sah_with_its_footer_revision(
    signed: bytes, root: Path, folder: Path
) -> None:
    """The control: surat's own revisions (the letter as converted, its footer,
    then the signature) are SAH, and stay so through the command."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    assert PdfFileReader(io.BytesIO(signed), strict=False).xrefs.total_revisions == 3
    hasil = periksa(signed, ca=root)
    assert hasil.putusan == SAH and hasil.alasan == () and hasil.qr_cocok
    [t] = hasil.tanda_tangan
    assert t.seluruh and not t.diubah and t.perubahan == "NONE"
    code, out = command(folder / "asli.pdf", "--ca", str(root))
    assert code == 0 and out.rstrip().endswith("HASIL: SAH")


def test_a_signed_print_pack_is_sah(ketua: surat.TTE, root: Path, tmp_path: Path) -> None:
    doc = surat.render("persetujuan", ts.hari_ini("persetujuan"), office=OFFICE, nomor=NOMOR)
    result = surat.print_pack([doc], tmp_path / "cetak.pdf", tte=ketua)
    hasil = periksa(result.path, ca=root)
    assert hasil.paket and hasil.putusan == SAH
    assert [t.field for t in hasil.tanda_tangan] == ["TTE-Paket"]
    assert command(result.path, "--ca", str(root))[0] == 0
    # the pack painted over: the same verdict as a letter
    forged = tmp_path / "cetak-diubah.pdf"
    forged.write_bytes(overlay(result.path.read_bytes()))
    assert_changed(periksa(forged, ca=root))
    assert command(forged, "--ca", str(root))[0] == 1


# -- changed after signing -------------------------------------------------------------


@pytest.mark.parametrize("attack", ["overlay", "overlay+rekan", "blank-field"])
def test_a_letter_changed_after_signing_is_tidak_sah(
    attack: str,
    signed: bytes,
    rekan: surat.TTE,
    ca: ts.CA,
    root: Path,
    tmp_path: Path,
) -> None:
    """The white box and 'BATAL - DIGANTI' over page 1, alone or followed by a new
    signature of a colleague whose certificate chains to the same root; or an
    empty signature field whose appearance whites out the body. The original
    signature's bytes are intact in every case, and the QR code still matches:
    it speaks of the first revision only."""
    from pypdf import PdfReader

    data = {
        "overlay": lambda: overlay(signed),
        "overlay+rekan": lambda: cosign(overlay(signed), rekan),
        "blank-field": lambda: blank_field(signed),
    }[attack]()
    forged = tmp_path / f"{attack}.pdf"
    forged.write_bytes(data)
    if attack != "blank-field":
        assert "BATAL - DIGANTI" in PdfReader(forged).pages[0].extract_text()

    hasil = periksa(forged, ca=root)
    assert_changed(hasil)
    first = hasil.tanda_tangan[0]
    assert first.utuh and first.terpercaya and not first.seluruh and first.halaman == (1,)
    assert hasil.qr_cocok  # the QR code alone cannot see it
    if attack == "overlay+rekan":
        # the colleague's own signature is flawless and covers the whole file
        second = hasil.tanda_tangan[1]
        assert (second.pemegang, second.utuh, second.seluruh, second.terpercaya) == (
            "SITI RAHAYU",
            True,
            True,
            True,
        )
        assert not second.diubah
    statuses = pyhanko_statuses(data, ca)
    assert statuses[0].modification_level.name == (  # type: ignore[attr-defined]
        "FORM_FILLING" if attack == "blank-field" else "OTHER"
    )
    if attack == "blank-field":  # pyHanko's own judgement passes it; surat's does not
        assert statuses[0].bottom_line  # type: ignore[attr-defined]

    code, out = command(forged, "--ca", str(root))
    assert code == 1
    assert f"Alasan: {DIUBAH} (halaman 1)" in out
    assert "perubahan sesudahnya: ISI DIUBAH (halaman 1" in out
    assert out.rstrip().endswith("HASIL: TIDAK SAH")
    # without a root it is TIDAK SAH all the same: the change needs no root to see
    code, out = command(forged)
    assert code == 1 and out.rstrip().endswith("HASIL: TIDAK SAH")

    # pdfsig checks each signature's bytes: all valid; it passes no verdict on the
    # update, and only "Not total document signed" on the first signature hints at it
    seen = pdfsig(forged)
    signatures = 2 if attack == "overlay+rekan" else 1
    assert seen.count("Signature is Valid") == signatures
    assert seen.count("Not total document signed") == 1
    assert ("Total document signed" in seen.replace("Not total", "")) == (signatures == 2)


def test_a_change_on_page_two_names_page_two(ca: ts.CA, root: Path, tmp_path: Path) -> None:
    """The counseling report has two pages sharing their fonts: painted over on its
    second page only (adding a font to the shared resources), page 1 is not named."""
    kabid = ts.tte_kertas(ts.p12(tmp_path, ca, "Siti Rahayu"), ts.SANDI)
    doc = surat.render("konseling", ts.hari_ini("konseling"), office=OFFICE)
    genuine = doc.to_pdf(tmp_path / "konseling.pdf", tte=kabid)
    assert periksa(genuine, ca=root).sah
    forged = tmp_path / "konseling-diubah.pdf"
    forged.write_bytes(overlay(genuine, page=1))
    hasil = periksa(forged, ca=root)
    assert_changed(hasil, "halaman 2")
    assert hasil.tanda_tangan[0].halaman == (2,)
    code, out = command(forged, "--ca", str(root))
    assert code == 1 and f"Alasan: {DIUBAH} (halaman 2)" in out
    assert "Not total document signed" in pdfsig(forged)


@pytest.mark.parametrize("added", ["dss", "dss+doc-timestamp"])
def test_validation_data_added_later_leaves_the_letter_sah(
    added: str, signed: bytes, ca: ts.CA, root: Path, tmp_path: Path
) -> None:
    """Long-term validation data, as PAdES B-LT/B-LTA augmentation adds it: a /DSS,
    then a document time-stamp whose field is invisible. No page changes: the
    letter stays SAH, and the report says so."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.x509.oid import ExtendedKeyUsageOID
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.signers import PdfTimeStamper
    from pyhanko.sign.timestamps import DummyTimeStamper
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    der = serialization.Encoding.DER
    buf = io.BytesIO(signed)
    DocumentSecurityStore.add_dss(
        buf,
        sig_contents=None,
        certs=[asn1_x509.Certificate.load(ca.cert.public_bytes(der))],
        force_write=True,
    )
    if added == "dss+doc-timestamp":
        key, cert = ts.issue(ca, "TSA Uji surat", eku=ExtendedKeyUsageOID.TIME_STAMPING)
        stamper = DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(der)),
            tsa_key=asn1_keys.PrivateKeyInfo.load(
                key.private_bytes(
                    der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
                )
            ),
        )
        stamped = io.BytesIO()
        PdfTimeStamper(stamper).timestamp_pdf(
            IncrementalPdfFileWriter(io.BytesIO(buf.getvalue())), "sha256", output=stamped
        )
        buf = stamped
    path = tmp_path / f"{added}.pdf"
    path.write_bytes(buf.getvalue())
    hasil = periksa(path, ca=root)
    [t] = hasil.tanda_tangan  # a document time-stamp is not a signer's signature
    assert not t.seluruh and not t.diubah and t.halaman == () and t.perubahan == "LTA_UPDATES"
    assert hasil.putusan == SAH
    code, out = command(path, "--ca", str(root))
    assert code == 0 and "hanya data validasi (DSS, stempel waktu dokumen), isi tetap" in out
    # pdfsig sees only that the signature no longer covers the whole file
    seen = pdfsig(path)
    assert "Signature is Valid" in seen and "Not total document signed" in seen


def test_a_script_added_after_signing_is_a_change_on_no_page(
    signed: bytes, root: Path, tmp_path: Path
) -> None:
    """A JavaScript action run when the file opens touches no page, and is a change
    all the same."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(signed))
    w.root["/OpenAction"] = generic.DictionaryObject(
        {
            generic.pdf_name("/S"): generic.pdf_name("/JavaScript"),
            generic.pdf_name("/JS"): generic.TextStringObject("app.alert('Surat ini sah');"),
        }
    )
    w.update_root()
    out = io.BytesIO()
    w.write(out)
    path = tmp_path / "skrip.pdf"
    path.write_bytes(out.getvalue())
    hasil = periksa(path, ca=root)
    assert hasil.putusan == TIDAK_SAH and hasil.tanda_tangan[0].halaman == ()
    assert f"{DIUBAH} (di luar isi halaman: katalog, formulir atau metadata)" in hasil.alasan
    assert command(path, "--ca", str(root))[0] == 1
    assert "Not total document signed" in pdfsig(path)


# -- who signed -----------------------------------------------------------------------


def test_a_self_signed_forgery_is_never_sah(signed: bytes, root: Path, tmp_path: Path) -> None:
    """A certificate in the Ketua's name from a root the forger made, named like the
    real one: without a root the file is intact but not SAH (exit 3), with the real
    root (given, or named in the profile) it is TIDAK SAH (exit 1)."""
    fake_ca = ts.make_ca("Root CA Uji surat")  # the same name as the real root
    fake = ts.tte_kertas(ts.p12(tmp_path, fake_ca, "ROSMAWATI"), ts.SANDI)
    forged = sign_letter(
        first_revision(signed), fake, office=OFFICE, kind="persetujuan", nomor=NOMOR, tanggal=None
    )
    path = tmp_path / "palsu.pdf"
    path.write_bytes(forged.pdf)

    hasil = periksa(path)
    assert hasil.putusan == TIDAK_DIPERIKSA and not hasil.sah and hasil.alasan == ()
    assert hasil.tanda_tangan[0].pemegang == "ROSMAWATI" and hasil.tanda_tangan[0].utuh
    code, out = command(path)
    assert code == 3 and out.rstrip().endswith(NOT_CHECKED)
    assert "berantai ke sertifikat akar (--ca): TIDAK diperiksa" in out

    code, out = command(path, "--ca", str(root))
    assert code == 1 and out.rstrip().endswith("HASIL: TIDAK SAH")
    assert "tidak berantai ke sertifikat akar" in out
    profile = tmp_path / "kantor.toml"
    text = (ROOT / "examples" / "kantor.toml").read_text(encoding="utf-8")
    profile.write_text(text.replace("[tte]\n", f'[tte]\nca = ["{root}"]\n', 1))
    assert periksa(path, office=surat.Office.from_toml(profile)).putusan == TIDAK_SAH
    assert command(path, "--kantor", str(profile))[0] == 1
    # the forger's own root, given explicitly, wins over the profile: SAH for that root
    # only, which is why the root is the office's to name, not the file's sender's
    (tmp_path / "palsu-root").mkdir()
    own = fake_ca.pem(tmp_path / "palsu-root")
    assert command(path, "--kantor", str(profile), "--ca", str(own))[0] == 0

    # pdfsig: valid bytes, the whole file, an issuer it does not trust; no verdict
    seen = pdfsig(path)
    assert "Signature is Valid" in seen and "Total document signed" in seen


# -- the roots the profile names ---------------------------------------------------------


def test_the_profiles_roots_are_read_only_if_regular_small_files(
    signed: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``[tte] ca`` names a pipe, a device, a folder or a huge file: a clear error
    when a file is checked, after nothing was read from it; the profile itself
    still loads (letters are printed without ever reading these files)."""
    text = (ROOT / "examples" / "kantor.toml").read_text(encoding="utf-8")
    letter = tmp_path / "asli.pdf"
    letter.write_bytes(signed)
    fifo = tmp_path / "pipa.pem"
    os.mkfifo(fifo)
    huge = tmp_path / "besar.pem"
    with open(huge, "wb") as f:
        f.truncate(4 << 30)  # sparse
    (tmp_path / "folder.pem").mkdir()
    for name, message in (
        ("pipa.pem", "bukan perangkat atau pipa"),
        ("/dev/zero", "bukan perangkat atau pipa"),
        ("folder.pem", "bukan folder"),
        ("besar.pem", "terlalu besar"),
        ("tidak-ada.pem", "tidak dapat dibaca"),
    ):
        profile = tmp_path / "kantor.toml"
        profile.write_text(text.replace("[tte]\n", f'[tte]\nca = ["{name}"]\n', 1))
        office = surat.Office.from_toml(profile)
        err = within_a_minute(lambda office=office: periksa(signed, office=office), name)
        assert isinstance(err, surat.SuratError), err
        assert message in str(err) and "[tte] ca" in str(err)
        capsys.readouterr()
        assert main(["tte", "periksa", str(letter), "--kantor", str(profile)]) == 1
        printed = capsys.readouterr()
        assert message in printed.err and "[tte] ca" in printed.err and not printed.out

    bad = (
        ('[tte]\nca = [""]\n', "daftar berkas sertifikat akar diharapkan"),
        ("[tte]\nca = [" + ", ".join(['"r.pem"'] * 17) + "]\n", "paling banyak 16"),
    )
    for table, message in bad:
        with pytest.raises(surat.SuratError, match=message):
            surat.Office.from_toml_string(text.replace("[tte]\n", table, 1))


def test_names_in_the_file_cannot_forge_a_line_of_the_report(signed: bytes, tmp_path: Path) -> None:
    """A self-made certificate whose name carries a line break, a forged verdict
    and a terminal control: the report keeps it on its own line, escaped."""
    fake_ca = ts.make_ca("Root CA Uji surat")
    name = "ROSMAWATI\nHASIL: SAH\x1b[2J"
    fake = ts.tte_kertas(ts.p12(tmp_path, fake_ca, name), ts.SANDI)
    path = tmp_path / "nama.pdf"
    path.write_bytes(cosign(first_revision(signed), fake))
    code, out = command(path)
    assert code == 3
    assert "\x1b" not in out
    assert [line for line in out.splitlines() if line.startswith("HASIL:")] == [NOT_CHECKED]
    assert "Tanda tangan 1 (Pengganti): ROSMAWATI?HASIL: SAH?[2J" in out
