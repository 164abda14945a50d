"""Attacks on electronic signatures: bad certificates, leaked passphrases, forged files.

Each test is what a careless clerk or someone with bad intent would do: a
wrong passphrase, an expired certificate or one meant for encryption, a
folder or a huge file given as the certificate, another official's
certificate, a signed file changed afterwards, a time-stamping service that
does not answer after the letter's number was taken.
"""

from __future__ import annotations

import io
import json
import logging
import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import tte_support as ts
from referensi_support import seed_books

import surat
from surat.batch import BatchError, print_batch
from surat.tte.footer import first_revision
from surat.tte.sign import sign_letter
from surat.tte.verify import periksa

pytest.importorskip("pyhanko")

ROOT = Path(__file__).resolve().parents[2]
KANTOR = ROOT / "examples" / "kantor.toml"
OFFICE = surat.Office.from_toml(KANTOR)
NOMOR = "001/DP3A-PP-KB/PPA/XI/2026"


@pytest.fixture(scope="module")
def ca() -> ts.CA:
    return ts.make_ca()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tte-hostile")


@pytest.fixture(scope="module")
def ketua(ca: ts.CA, folder: Path) -> surat.TTE:
    return ts.tte_kertas(ts.p12(folder, ca, "ROSMAWATI", file="ketua.p12"), ts.SANDI)


@pytest.fixture(scope="module")
def signed(ketua: surat.TTE, folder: Path) -> bytes:
    doc = surat.render("persetujuan", ts.hari_ini("persetujuan"), office=OFFICE, nomor=NOMOR)
    return doc.to_pdf(folder / "asli.pdf", tte=ketua)


# -- the certificate -------------------------------------------------------------


def test_a_wrong_passphrase_is_a_clear_error_that_does_not_quote_it(
    ca: ts.CA, tmp_path: Path
) -> None:
    path = ts.p12(tmp_path, ca, "ROSMAWATI")
    with pytest.raises(surat.SuratError, match="sandi salah") as err:
        ts.tte_kertas(path, "tebakan-salah-123")
    assert "tebakan-salah-123" not in str(err.value)
    assert str(path) in str(err.value)


def test_an_expired_certificate_is_refused(ca: ts.CA, tmp_path: Path) -> None:
    path = ts.p12(tmp_path, ca, "ROSMAWATI", days=(-400, -1))
    with pytest.raises(surat.SuratError, match="kedaluwarsa pada"):
        ts.tte_kertas(path, ts.SANDI)


def test_a_certificate_not_yet_valid_is_refused(ca: ts.CA, tmp_path: Path) -> None:
    path = ts.p12(tmp_path, ca, "ROSMAWATI", days=(2, 400))
    with pytest.raises(surat.SuratError, match="berlaku mulai"):
        ts.tte_kertas(path, ts.SANDI)


def test_a_certificate_for_encryption_only_may_not_sign(ca: ts.CA, tmp_path: Path) -> None:
    path = ts.p12(tmp_path, ca, "ROSMAWATI", signing=False)
    with pytest.raises(surat.SuratError, match="digitalSignature atau nonRepudiation"):
        ts.tte_kertas(path, ts.SANDI)


def test_a_folder_a_huge_file_and_garbage_are_not_certificates(tmp_path: Path) -> None:
    with pytest.raises(surat.SuratError, match="bukan folder"):
        ts.tte_kertas(tmp_path, ts.SANDI)
    huge = tmp_path / "besar.p12"
    with open(huge, "wb") as f:  # sparse: 4 GiB that take no disk, and must not be read
        f.truncate(4 << 30)
    with pytest.raises(surat.SuratError, match="terlalu besar"):
        ts.tte_kertas(huge, ts.SANDI)
    junk = tmp_path / "sampah.p12"
    junk.write_bytes(os.urandom(3000))
    with pytest.raises(surat.SuratError, match="bukan berkas PKCS#12"):
        ts.tte_kertas(junk, ts.SANDI)
    with pytest.raises(surat.SuratError, match="tidak dapat dibaca"):
        ts.tte_kertas(tmp_path / "tidak-ada.p12", ts.SANDI)


def test_the_passphrase_is_in_no_repr_log_or_message(
    ca: ts.CA, tmp_path: Path, caplog: pytest.LogCaptureFixture, ketua: surat.TTE, signed: bytes
) -> None:
    caplog.set_level(logging.DEBUG)
    path = ts.p12(tmp_path, ca, "ROSMAWATI")
    tte = ts.tte_kertas(path, ts.SANDI)
    with pytest.raises(surat.SuratError) as err:
        ts.tte_kertas(path, ts.SANDI + "x")
    seen = [repr(tte), str(tte), repr(ketua), str(err.value), caplog.text, repr(vars(tte))]
    assert not any(ts.SANDI in s for s in seen)
    assert repr(tte).startswith("TTE(pemegang='ROSMAWATI'")
    assert ts.SANDI.encode() not in signed  # nor in the signed file


def test_another_officials_certificate_signs_nothing(ca: ts.CA, tmp_path: Path) -> None:
    """The Kepala Dinas's certificate on the Ketua P2TP2A's letter: refused, no file."""
    kadis = ts.tte_kertas(ts.p12(tmp_path, ca, "UMIYATI"), ts.SANDI)
    doc = surat.render("persetujuan", ts.hari_ini("persetujuan"), office=OFFICE, nomor=NOMOR)
    out = tmp_path / "persetujuan.pdf"
    with pytest.raises(surat.SuratError, match="bukan pejabat yang menandatangani"):
        doc.to_pdf(out, tte=kadis)
    assert not out.exists()
    # the reporter's own request is never signed by the office
    from surat.tte.pack import check

    with pytest.raises(surat.SuratError, match="tidak pernah menandatangani"):
        check(kadis, OFFICE, ["permohonan"])


def test_a_signer_without_a_name_in_the_profile_is_refused(
    ketua: surat.TTE, tmp_path: Path
) -> None:
    """The built-in profile leaves the Ketua P2TP2A's name to be written by hand."""
    doc = surat.render("persetujuan", ts.hari_ini("persetujuan"), nomor=NOMOR)
    with pytest.raises(surat.SuratError, match="tidak bernama di profil kantor"):
        doc.to_pdf(tmp_path / "x.pdf", tte=ketua)
    assert not (tmp_path / "x.pdf").exists()


# -- placing the signature -------------------------------------------------------


def test_a_letter_whose_signature_block_cannot_be_found_is_not_signed(
    ca: ts.CA, signed: bytes, tmp_path: Path
) -> None:
    """The profile's name differs from what the letter prints: no guessing."""
    pdf = first_revision(signed)  # the letter as converted
    renamed = OFFICE.pejabat["ketua_p2tp2a"].model_copy(update={"nama": "ROSMAWATI BINTI AHMAD"})
    office = OFFICE.model_copy(update={"pejabat": {**OFFICE.pejabat, "ketua_p2tp2a": renamed}})
    holder = ts.tte_kertas(ts.p12(tmp_path, ca, "ROSMAWATI BINTI AHMAD"), ts.SANDI)
    with pytest.raises(surat.SuratError, match="nama penanda tangan tidak ada di halaman terakhir"):
        sign_letter(pdf, holder, office=office, kind="persetujuan", nomor=NOMOR, tanggal=None)


def test_the_footer_never_covers_the_letters_text(ca: ts.CA, tmp_path: Path) -> None:
    """A letter whose text runs down into the bottom margin (a template with a
    5 mm margin) is refused: the footer's statement would cover it."""
    from docx import Document as Docx
    from docx.shared import Cm

    from surat.pdf import convert

    kabid = ts.tte_kertas(ts.p12(tmp_path, ca, "SITI RAHAYU"), ts.SANDI)
    doc = surat.render("konseling", ts.hari_ini("konseling"), office=OFFICE)
    d = Docx(io.BytesIO(doc.docx))
    for section in d.sections:
        section.bottom_margin, section.footer_distance = Cm(0.5), Cm(0.2)
    buf = io.BytesIO()
    d.save(buf)
    pdf = convert(buf.getvalue(), name="konseling")
    with pytest.raises(surat.SuratError, match=r"halaman 1: teks surat sampai \d+ mm"):
        sign_letter(pdf, kabid, office=OFFICE, kind="konseling", nomor=None, tanggal=None)


def test_text_in_the_left_margins_foot_is_never_covered_by_the_qr_code() -> None:
    """An office template that prints in the left margin at the foot of a page
    (a drafter's code, a form number) is refused: the QR code goes there."""
    from surat.tte.footer import check_room, statement_lines

    lines = statement_lines(OFFICE.tte, 595.0)
    check_room(1, [(60.0, 86.0, 10.0, "RAHASIA")], lines)  # the letter's own footer: room
    with pytest.raises(surat.SuratError, match="halaman 2: surat mencetak teks di margin kiri"):
        check_room(2, [(60.0, 86.0, 10.0, "RAHASIA"), (60.0, 30.0, 8.0, "F-01")], lines)


# -- forged and broken files ---------------------------------------------------------


def _pdfsig(path: Path) -> str:
    run = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return run.stdout + run.stderr


def test_content_added_after_signing_is_reported(signed: bytes, tmp_path: Path) -> None:
    """Someone stamps 'BATAL' on a signed letter with an incremental update."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(signed))
    ref = w.add_object(generic.StreamObject(stream_data=b"q 1 0 0 RG 200 400 150 60 re S Q"))
    w.add_stream_to_page(0, ref)
    out = io.BytesIO()
    w.write(out)
    forged = tmp_path / "diubah.pdf"
    forged.write_bytes(out.getvalue())
    hasil = periksa(forged)
    assert not hasil.sah
    assert "mencakup seluruh dokumen: TIDAK" in str(hasil)
    assert "Total document signed" not in _pdfsig(forged)


@pytest.mark.parametrize(
    "damage",
    ["truncated", "signature-bytes", "empty", "not-a-pdf", "garbage-body"],
)
def test_a_damaged_file_is_reported_not_crashed_on(
    signed: bytes, tmp_path: Path, damage: str
) -> None:
    data = bytearray(signed)
    if damage == "truncated":
        data = data[: len(data) * 2 // 3]
    elif damage == "signature-bytes":
        at = bytes(data).rindex(b"/Contents <") + len(b"/Contents <") + 200
        data[at] = ord("0") if data[at] != ord("0") else ord("1")
    elif damage == "empty":
        data = bytearray()
    elif damage == "not-a-pdf":
        data = bytearray(b"MZ" + bytes(data[2:]))
    else:
        data[100:4000] = os.urandom(3900)
    path = tmp_path / f"{damage}.pdf"
    path.write_bytes(bytes(data))
    hasil = periksa(path)
    assert not hasil.sah
    assert str(hasil).endswith("HASIL: TIDAK SAH")


def test_a_folder_a_device_or_a_huge_file_is_not_checked(tmp_path: Path) -> None:
    with pytest.raises(surat.SuratError, match="bukan folder"):
        periksa(tmp_path)
    # endless or blocking: read, they would exhaust memory or hang
    for device in ("/dev/zero", "/dev/urandom"):
        with pytest.raises(surat.SuratError, match="bukan perangkat atau pipa"):
            periksa(device)
        with pytest.raises(surat.SuratError, match="bukan perangkat atau pipa"):
            periksa(tmp_path / "x.pdf", ca=device)
        with pytest.raises(surat.SuratError, match="bukan perangkat atau pipa"):
            ts.tte_kertas(device, ts.SANDI)
    fifo = tmp_path / "pipa.pdf"
    os.mkfifo(fifo)
    with pytest.raises(surat.SuratError, match="bukan perangkat atau pipa"):
        periksa(fifo)
    huge = tmp_path / "besar.pdf"
    with open(huge, "wb") as f:
        f.truncate(1 << 40)  # sparse
    with pytest.raises(surat.SuratError, match="terlalu besar"):
        periksa(huge)
    root = tmp_path / "root.pem"
    root.write_text("-----BEGIN CERTIFICATE-----\nbukan\n-----END CERTIFICATE-----\n")
    with pytest.raises(surat.SuratError, match="bukan sertifikat"):
        periksa(tmp_path / "x.pdf", ca=root)


# -- numbers are never lost ----------------------------------------------------------


@pytest.fixture
def reg(tmp_path: Path) -> Iterator[surat.Register]:
    with surat.Register(tmp_path / "agenda.db", office=OFFICE) as r:
        seed_books(r, kasus=1, masuk=14)  # the case and the request the letters cite
        yield r


def test_a_signature_that_fails_after_the_number_was_taken_voids_it(
    ketua: surat.TTE, tmp_path: Path, reg: surat.Register
) -> None:
    """The time-stamping service does not answer: the number is voided, no file stays."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket is closed
    tte_profile = OFFICE.tte.model_copy(update={"tsa_url": f"http://127.0.0.1:{port}/tsa"})
    office = OFFICE.model_copy(update={"tte": tte_profile})
    data = ts.hari_ini("persetujuan")
    data.pop("tanggal")
    out = tmp_path / "cetak.pdf"
    arsip = tmp_path / "arsip"
    arsip.mkdir()
    with pytest.raises(BatchError, match="penandatanganan gagal") as err:
        print_batch(
            "persetujuan",
            [data],
            out,
            register=reg,
            office=office,
            progress=False,
            tte=ketua,
            arsip=arsip,
        )
    [entry] = reg.entries()
    assert entry.status == "batal"
    assert err.value.voided == (entry.nomor,)
    assert not out.exists() and list(arsip.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir() if "cetak" in p.name] == []


def test_options_a_signed_pack_cannot_have_stop_before_any_number(
    ketua: surat.TTE, tmp_path: Path, reg: surat.Register
) -> None:
    data = ts.hari_ini("persetujuan")
    data.pop("tanggal")
    out = tmp_path / "cetak.pdf"
    (tmp_path / "arsip.txt").write_text("a file, not a folder")
    for kw, msg in (
        ({"encrypt": "x"}, "tidak dienkripsi"),
        ({"pdfa": True}, "bukan PDF/A"),
        ({"arsip": tmp_path / "tidak-ada"}, "tidak ada; buat foldernya dulu"),
        ({"arsip": tmp_path / "arsip.txt"}, "bukan folder"),
    ):
        with pytest.raises(surat.SuratError, match=msg):
            print_batch(
                "persetujuan",
                [data],
                out,
                register=reg,
                office=OFFICE,
                progress=False,
                tte=ketua,
                **kw,  # type: ignore[arg-type]
            )
    assert reg.entries() == [] and not out.exists()


def _no_personal_data(message: str) -> None:
    for word in ("BUDI", "SANTOSO", "ROSMAWATI", "198001012005011001", "UMIYATI", "RAHAYU"):
        assert word.casefold() not in message.casefold()


def test_a_row_another_official_signs_stops_the_signed_batch_before_any_number(
    ca: ts.CA, ketua: surat.TTE, tmp_path: Path, reg: surat.Register
) -> None:
    """One row of a --tte batch names a Plt. who is not the certificate's holder: that
    letter would go out among the signed ones for a wet signature nobody asked for. The
    batch is refused, naming the row, before any number is taken; and the Plt.'s own
    certificate is refused for the rows that print the definitive holder."""
    data = ts.hari_ini("persetujuan")
    data.pop("tanggal")
    acting = {**data, "penandatangan": ts.PLT}
    plt = ts.tte_kertas(ts.p12(tmp_path, ca, "Budi Santoso", file="plt.p12"), ts.SANDI)
    out = tmp_path / "cetak.pdf"
    for tte, rows, bad in ((ketua, [data, acting, data], [2]), (plt, [acting, data, data], [2, 3])):
        with pytest.raises(surat.SuratError) as err:
            print_batch(
                "persetujuan", rows, out, register=reg, office=OFFICE, progress=False, tte=tte
            )
        assert not isinstance(err.value, BatchError)  # nothing was taken to void
        message = str(err.value)
        assert "bukan pejabat yang menandatangani" in message
        assert [e.path for e in err.value.errors] == [f"baris.{n}.penandatangan" for n in bad]
        assert [ln.split(":")[0].strip() for ln in message.splitlines()[1:]] == [
            f"baris {n}" for n in bad
        ]
        _no_personal_data(message)
    assert reg.entries(tahun=None) == [] and reg.pending() == [] and not out.exists()


def test_a_case_whose_letters_the_holder_signs_none_of_takes_no_number(
    ketua: surat.TTE, tmp_path: Path, reg: surat.Register
) -> None:
    """The case names a Plt. for its approval: the Ketua's certificate fits none of its
    letters any more, and is refused before the case, the request or a letter is numbered."""
    data = json.loads((ROOT / "examples" / "kasus.json").read_text(encoding="utf-8"))
    data["persetujuan"]["penandatangan"] = ts.PLT
    kasus = surat.Kasus.from_dict(data)
    out = tmp_path / "kasus.pdf"
    books = reg.cases(tahun=None), reg.received(tahun=None)
    with pytest.raises(surat.SuratError, match="bukan pejabat yang menandatangani") as err:
        kasus.print_pack(reg, out, office=OFFICE, tte=ketua, sandi_internal="s")
    assert "persetujuan.penandatangan" in [e.path for e in err.value.errors]
    _no_personal_data(str(err.value))
    assert reg.entries(tahun=None) == [] and not out.exists()
    assert (reg.cases(tahun=None), reg.received(tahun=None)) == books


def test_profile_wording_that_cannot_be_printed_is_refused() -> None:
    base = (ROOT / "examples" / "kantor.toml").read_text(encoding="utf-8")
    for table, msg in (
        ('[tte]\nurl_verifikasi = "https://x.example/cek"\n', "memuat {kode}"),
        ('[tte]\npernyataan = "تم التوقيع"\n', "Windows-1252"),
        ('[tte]\ntsa_url = "file:///etc/passwd"\n', "layanan cap waktu"),
    ):
        text = base.split("[tte]")[0] + table
        with pytest.raises(surat.SuratError, match=msg):
            surat.Office.from_toml_string(text)


def test_a_row_dated_another_day_stops_the_signed_batch_before_any_number(
    ketua: surat.TTE, tmp_path: Path, reg: surat.Register
) -> None:
    """A clerk signs today a batch whose second row is still dated last week: that
    letter would carry a date it was not signed on. Refused, naming the row, before
    any number is taken; and a case whose approval is dated another day likewise."""
    from datetime import timedelta

    from surat.dates import today

    books = (reg.entries(tahun=None), reg.cases(tahun=None), reg.received(tahun=None))
    data = ts.hari_ini("persetujuan")
    old = {**data, "tanggal": (today() - timedelta(days=7)).isoformat()}
    out = tmp_path / "cetak.pdf"
    with pytest.raises(
        surat.SuratError, match="surat ditandatangani pada tanggalnya sendiri"
    ) as err:
        print_batch("persetujuan", [data, old, data], out, register=reg, office=OFFICE,
                    progress=False, tte=ketua)  # fmt: skip
    assert not isinstance(err.value, BatchError)  # nothing was taken to void
    assert str(err.value).startswith("baris 2: ")
    assert [e.path for e in err.value.errors] == ["baris.2.penandatangan"]
    case = ts.kasus_hari_ini(ROOT / "examples" / "kasus.json")
    case["persetujuan"]["tanggal"] = old["tanggal"]
    with pytest.raises(surat.SuratError, match="persetujuan: tanggal: surat bertanggal"):
        surat.Kasus.from_dict(case).print_pack(
            reg, out, office=OFFICE, tte=ketua, sandi_internal="sandi-uji"
        )
    # nothing taken: the books hold what they held (the case and request its letters cite)
    assert (reg.entries(tahun=None), reg.cases(tahun=None), reg.received(tahun=None)) == books
    assert reg.pending() == [] and not out.exists()


# -- a signed letter stays signed once -------------------------------------------------


def test_a_letter_signed_in_a_batch_takes_no_paraf_afterwards(
    ketua: surat.TTE, tmp_path: Path, reg: surat.Register
) -> None:
    """A batch signs its letters as it numbers them: the register records each
    signature with the numbers, so a paraf added later (which the signed letter
    does not show) is refused, as is a second signature of the same number."""
    data = ts.hari_ini("persetujuan")
    data.pop("tanggal")
    out = tmp_path / "cetak.pdf"
    result = print_batch("persetujuan", [data, data], out, register=reg, office=OFFICE,
                         progress=False, tte=ketua)  # fmt: skip
    assert result.signed == 2
    for entry in reg.entries():
        assert reg.tte(entry.nomor) is not None
        with pytest.raises(surat.SuratError, match="sudah ditandatangani"):
            reg.record_paraf(entry.nomor, "kasi_pha")
        with pytest.raises(surat.SuratError, match="sudah tercatat bertanda tangan"):
            reg.record_tte(entry.nomor)


def test_a_case_reprinted_with_a_certificate_does_not_sign_its_numbered_letter_again(
    ketua: surat.TTE, tmp_path: Path
) -> None:
    """The approval was signed when the case was printed; printing the stage again
    with the certificate would make a second signed original of the same number,
    without the parafs the register may hold for it by now. Refused before any
    number is taken, naming the letter; the first original and the agenda stay as
    they were. Without the certificate the stage reprints."""
    whole = ts.kasus_semua_hari_ini(ROOT / "examples" / "kasus.json")
    case = surat.Kasus.from_dict(whole)
    arsip = tmp_path / "arsip"
    arsip.mkdir()
    with surat.Register(tmp_path / "kasus.db", office=OFFICE) as reg:
        first = case.print_pack(reg, tmp_path / "kasus.pdf", office=OFFICE, tte=ketua,
                                arsip=arsip, sandi_internal="sandi-uji")  # fmt: skip
        [nomor] = [label.split(" — ")[0] for label in first.signed]
        [original] = arsip.iterdir()
        kept = original.read_bytes()
        signed_at = reg.tte(nomor)
        assert signed_at is not None
        again = surat.Kasus.from_dict({**whole, "nomor_registrasi": first.nomor_registrasi})
        books = reg.entries(tahun=None)
        out = tmp_path / "ulang.pdf"
        for tahap in ("persetujuan", "semua"):  # alone, or among new letters others sign
            with pytest.raises(surat.SuratError, match="sudah bernomor sebelumnya") as err:
                again.print_pack(reg, out, office=OFFICE, tte=ketua, tahap=tahap,
                                 sandi_internal="sandi-uji")  # fmt: skip
            assert not isinstance(err.value, BatchError)  # nothing was taken to void
            assert f"persetujuan: {nomor}" in str(err.value)
        assert not out.exists() and not (tmp_path / "ulang-internal.pdf").exists()
        assert [p.name for p in arsip.iterdir()] == [original.name]
        assert original.read_bytes() == kept
        assert reg.entries(tahun=None) == books and reg.pending() == []
        assert reg.tte(nomor) == signed_at
        reprint = again.print_pack(reg, out, office=OFFICE, tahap="persetujuan",
                                   sandi_internal="sandi-uji")  # fmt: skip
        assert reprint.signed == () and out.exists()


def test_a_batch_row_numbered_before_is_not_signed_in_the_pack(
    ketua: surat.TTE, tmp_path: Path, reg: surat.Register
) -> None:
    """A row that carries a number taken before, whose letter the Kasi PHA has
    initialled electronically meanwhile: signing it in a batch would print it
    without that paraf and then close it to the right way of signing it (`surat
    buat --nomor N --tte`). Refused before any number is taken, naming the row;
    and without a certificate, a number printed twice, voided or unknown is refused
    the same way."""
    data = ts.hari_ini("persetujuan")
    nomor = str(reg.issue(**surat.letters.validate("persetujuan", data).agenda(OFFICE)))
    reg.record_paraf(nomor, "kasi_pha")
    books = reg.entries(tahun=None)
    out = tmp_path / "cetak.pdf"
    new = {k: v for k, v in data.items() if k != "tanggal"}
    rows = [new, {**data, "nomor": nomor}]
    with pytest.raises(surat.SuratError, match="diambil sebelumnya") as err:
        print_batch("persetujuan", rows, out, register=reg, office=OFFICE, progress=False,
                    tte=ketua.with_paraf_kertas())  # fmt: skip
    assert not isinstance(err.value, BatchError)
    assert str(err.value).startswith("baris 2: ")
    assert [e[0] for e in err.value.errors] == ["baris.2.nomor"]
    void = str(reg.issue(**surat.letters.validate("persetujuan", data).agenda(OFFICE)))
    reg.void(void, alasan="uji")
    books = reg.entries(tahun=None)
    unknown = nomor.replace("001/", "099/", 1)
    for bad, why in (
        (
            [{**data, "nomor": nomor}, new, {**data, "nomor": nomor}],
            "baris 3: .* sudah dipakai baris 1",
        ),
        ([new, {**data, "nomor": void}], "baris 2: .* sudah batal"),
        ([{**data, "nomor": unknown}], "baris 1: .* tidak ada di buku agenda"),
    ):
        with pytest.raises(surat.SuratError, match=why) as err:
            print_batch("persetujuan", bad, out, register=reg, office=OFFICE, progress=False)
        assert not isinstance(err.value, BatchError)
    assert reg.entries(tahun=None) == books and not out.exists()
    assert reg.tte(nomor) is None and [p.pejabat for p in reg.paraf(nomor)] == ["kasi_pha"]


def test_a_number_its_pack_is_still_printing_takes_no_paraf_signature_or_letter(
    ca: ts.CA,
    tmp_path: Path,
    reg: surat.Register,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pending number's letter is being printed (and maybe signed) by its pack, or
    the pack died and the number waits to be voided: a paraf recorded meanwhile
    would be missing from the letter, a signature or a second letter made of it
    would outlive the number's voiding. Each is refused until the pack is done."""
    from surat.cli import main
    from surat.numbering.pending import Pending

    data = ts.hari_ini("persetujuan")
    p12 = ts.p12(tmp_path, ca, "ROSMAWATI", file="ketua.p12")
    with Pending(reg, what="uji", alasan="uji") as pending:
        nomor = str(pending.issue(**surat.letters.validate("persetujuan", data).agenda(OFFICE)))
        with pytest.raises(surat.SuratError, match="masih dalam paket yang sedang dicetak"):
            reg.record_paraf(nomor, "kasi_pha")
        with pytest.raises(surat.SuratError, match="masih dalam paket yang sedang dicetak"):
            reg.record_tte(nomor)
        with pytest.raises(surat.SuratError, match=r"baris 1: .* masih dalam paket"):
            print_batch("persetujuan", [{**data, "nomor": nomor}], tmp_path / "x.pdf",
                        register=reg, office=OFFICE, progress=False)  # fmt: skip
        source = tmp_path / "data.json"
        source.write_text(json.dumps(data, default=str), encoding="utf-8")
        db = str(tmp_path / "agenda.db")
        for extra in ([], ["--tte", str(p12), "--paraf-kertas"]):
            monkeypatch.setenv("SURAT_TTE_SANDI", ts.SANDI)
            code = main(
                [
                    "buat",
                    "persetujuan",
                    str(source),
                    "--kantor",
                    str(KANTOR),
                    "--db",
                    db,
                    "--nomor",
                    nomor,
                    "-o",
                    str(tmp_path / "x.pdf"),
                    *extra,
                ]
            )
            assert code == 1 and "masih dalam paket" in capsys.readouterr().err
        pending.finish()
    assert reg.paraf(nomor) == [] and reg.tte(nomor) is None
    assert not (tmp_path / "x.pdf").exists()
    assert reg.record_paraf(nomor, "kasi_pha").pejabat == "kasi_pha"


def test_rows_numbered_elsewhere_are_signed_without_a_register(
    ketua: surat.TTE, tmp_path: Path
) -> None:
    """No register, no electronic paraf to leave out: rows that carry their numbers
    are signed as the holder's letters, as `surat buat --nomor N --tte` signs one."""
    data = ts.hari_ini("persetujuan")
    rows = [{**data, "nomor": f"00{i}/DP3A-PP-KB/PPA/XII/2026"} for i in (1, 2)]
    result = print_batch("persetujuan", rows, tmp_path / "cetak.pdf", office=OFFICE,
                         progress=False, tte=ketua)  # fmt: skip
    assert result.signed == 2 and (tmp_path / "cetak.pdf").exists()


def test_a_stream_that_fails_leaves_no_signed_original(
    ketua: surat.TTE, tmp_path: Path, reg: surat.Register
) -> None:
    """A signed batch written to a stream (a web response, stdout) whose reader went
    away: the originals were written to the archive first, and are removed with
    the numbers voided and no signature recorded: no valid signed letter of a
    number the agenda calls void."""

    class Gone(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, b: object) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    data = ts.hari_ini("persetujuan")
    data.pop("tanggal")
    arsip = tmp_path / "arsip"
    arsip.mkdir()
    with pytest.raises(BatchError) as err:
        print_batch("persetujuan", [data, data], Gone(), register=reg, office=OFFICE,
                    progress=False, tte=ketua, arsip=arsip)  # fmt: skip
    assert len(err.value.voided) == 2
    assert list(arsip.iterdir()) == []
    for entry in reg.entries():
        assert entry.status == "batal" and reg.tte(entry.nomor) is None


def test_two_packs_sign_letters_without_a_number_into_one_archive(
    ca: ts.CA, tmp_path: Path
) -> None:
    """Counseling reports have no number: each signed original gets the date and a
    random tail, so a second pack's report never collides with the first's."""
    from surat.identitas import format_nip

    kabid = OFFICE.pejabat["kabid"]
    assert kabid.nip is not None
    tte = ts.tte_kertas(
        ts.p12(tmp_path, ca, "SITI RAHAYU", nip=format_nip(kabid.nip), file="kabid.p12"),
        ts.SANDI,
    ).with_paraf_kertas()
    arsip = tmp_path / "arsip"
    arsip.mkdir()
    for i in range(2):
        doc = surat.render("konseling", ts.hari_ini("konseling"), office=OFFICE)
        surat.print_pack([doc], tmp_path / f"pack{i}.pdf", tte=tte, arsip=arsip)
    names = sorted(p.name for p in arsip.iterdir())
    assert len(names) == 2 and all(n.startswith("konseling-") for n in names)
    for name in names:
        assert periksa(arsip / name, ca=ca.pem(tmp_path)).sah


def test_an_original_already_in_the_archive_stops_the_pack_before_it_is_written(
    ketua: surat.TTE, tmp_path: Path, reg: surat.Register
) -> None:
    """The archive holds a file by the name the first signed original would take
    (planted, or left by a register restored from a backup): a signed original
    is never replaced. Refused before the pack is written or its numbers
    confirmed: the numbers are voided, no signature recorded, the file untouched."""
    data = ts.hari_ini("persetujuan")
    data.pop("tanggal")
    nomor = str(reg.peek("PPA"))
    arsip = tmp_path / "arsip"
    arsip.mkdir()
    planted = arsip / f"persetujuan-{nomor.replace('/', '_')}.pdf"
    planted.write_bytes(b"%PDF-1.7 bukan surat asli")
    out = tmp_path / "cetak.pdf"
    with pytest.raises(BatchError, match="sudah ada") as err:
        print_batch("persetujuan", [data, data], out, register=reg, office=OFFICE,
                    progress=False, tte=ketua, arsip=arsip)  # fmt: skip
    assert nomor in err.value.voided
    assert not out.exists() and [p.name for p in arsip.iterdir()] == [planted.name]
    assert planted.read_bytes() == b"%PDF-1.7 bukan surat asli"
    for entry in reg.entries():
        assert entry.status == "batal" and reg.tte(entry.nomor) is None
        assert entry.batch is not None  # voided while pending: never confirmed
