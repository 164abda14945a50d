"""One case, every letter: consistent people and numbers, all-or-nothing numbering."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError
from referensi_support import seed_books

from surat import Office, SuratError
from surat.batch import BatchError
from surat.kasus import Kasus
from surat.numbering import Register

EXAMPLES = Path(__file__).parent.parent / "examples"
KORBAN = "Putri Ayu Lestari"
PELAPOR = "Sri Wahyuningsih"


@pytest.fixture
def kasus() -> Kasus:
    return Kasus.from_file(EXAMPLES / "kasus.json")


@pytest.fixture
def register(tmp_path: Path) -> Register:
    reg = Register(tmp_path / "agenda.db", office=Office.from_toml(EXAMPLES / "kantor.toml"))
    yield reg
    reg.close()


def test_letters_share_people_and_cite_each_other(kasus: Kasus, register: Register) -> None:
    docs = kasus.letters(register)
    assert [d.kind for d in docs] == ["permohonan", "konseling", "persetujuan", "tugas"]
    permohonan, konseling, persetujuan, tugas = (d.text() for d in docs)

    (case,) = register.cases(tahun=2026)
    (masuk,) = register.received(tahun=2026)
    keluar = register.entries(tahun=2026)
    assert [e.perihal for e in keluar] == ["Persetujuan Pendampingan", "Surat Tugas Pendampingan"]
    assert docs[2].nomor == keluar[0].nomor and docs[3].nomor == keluar[1].nomor

    # the request carries the incoming agenda number and the full identity (internal)
    assert masuk.nomor in permohonan and KORBAN in permohonan and PELAPOR in permohonan
    # every later letter names the case by its registration number and initials only
    for text in (konseling, persetujuan, tugas):
        assert case.nomor in text
        assert "P.A.L." in text
        assert KORBAN not in text and PELAPOR not in text
    # the approval cites the request; the assignment cites the approval
    assert masuk.nomor in persetujuan
    assert keluar[0].nomor in persetujuan and keluar[0].nomor in tugas
    assert keluar[1].nomor in tugas
    # the same companions in both outgoing letters
    for p in kasus.pendamping:
        assert p.nama in persetujuan and p.nama in tugas
    # the agenda books never hold the victim's or the reporter's name
    books = [*keluar, case]
    for e in books:
        assert KORBAN not in f"{e.perihal} {e.tujuan}" and PELAPOR not in f"{e.perihal} {e.tujuan}"
    assert KORBAN not in masuk.dari and PELAPOR not in masuk.dari


def test_existing_numbers_are_reused_not_taken(kasus: Kasus, register: Register) -> None:
    seed_books(register, kasus=7, masuk=31)  # the case and the request are in the books
    given = kasus.model_copy(
        update={"nomor_registrasi": "007/REG-PPA/XI/2026", "nomor_agenda": "031/SM/2026"}
    )
    docs = given.letters(register)
    assert len(register.cases(tahun=2026)) == 7 and len(register.received(tahun=2026)) == 31
    assert "007/REG-PPA/XI/2026" in docs[2].text()
    assert "031/SM/2026" in docs[0].text() and "031/SM/2026" in docs[2].text()


def test_failure_voids_every_number_the_case_took(
    kasus: Kasus, register: Register, tmp_path: Path
) -> None:
    office = register.office.model_copy(update={"logo": tmp_path / "missing.png"})
    with pytest.raises(BatchError, match="logo") as err:
        kasus.letters(register, office=office)
    keluar = register.entries(tahun=2026)
    assert len(keluar) == 2 and {e.status for e in keluar} == {"batal"}
    assert all((e.alasan or "").startswith("kasus gagal: ") for e in keluar)
    assert [e.status for e in register.cases(tahun=2026)] == ["batal"]
    assert [m.status for m in register.received(tahun=2026)] == ["batal"]
    assert len(err.value.voided) == 4 and register.pending() == []
    # the next case continues the sequence: voided numbers are never reused
    docs = kasus.letters(register)
    assert docs[2].nomor == "003/DP3A-PP-KB/PPA/XI/2026"
    assert [e.status for e in register.cases(tahun=2026)] == ["batal", "aktif"]


def test_bad_case_lists_every_problem_without_values(tmp_path: Path) -> None:
    data = json.loads((EXAMPLES / "kasus.json").read_text(encoding="utf-8"))
    data["pelapor"]["nik"] = "1234"
    data["korban"]["jenis_kelamin"] = "L"
    del data["konseling"]["keluhan"]
    data["tugas"]["tugas"][0]["tanggall"] = "2026-11-25"
    p = tmp_path / "kasus.json"
    p.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SuratError) as err:
        Kasus.from_file(p)
    msg = str(err.value)
    assert str(p) in msg and "4 masalah" in msg
    assert "pelapor.nik: 16 angka diharapkan" in msg
    assert "korban.jenis_kelamin" in msg
    assert "konseling.keluhan: isian wajib belum diisi" in msg
    assert "tugas.tugas.0.tanggall: isian tidak dikenal" in msg
    assert "1234" not in msg and PELAPOR not in msg


def test_from_toml_and_bad_files(tmp_path: Path) -> None:
    toml = tmp_path / "kasus.toml"
    toml.write_text('tanggal = "2026-11-16"\n', encoding="utf-8")
    with pytest.raises(SuratError, match="pelapor: isian wajib belum diisi"):
        Kasus.from_file(toml)
    bad = tmp_path / "kasus.json"
    bad.write_text("{ not json", encoding="utf-8")
    with pytest.raises(SuratError, match="bukan JSON yang sah"):
        Kasus.from_file(bad)
    with pytest.raises(SuratError, match=r"\.json atau \.toml"):
        Kasus.from_file(tmp_path / "kasus.txt")


SANDI = "sandi-berkas-internal-7"


def test_print_pack_writes_the_outgoing_letters_and_the_internal_papers_apart(
    kasus: Kasus, register: Register, tmp_path: Path
) -> None:
    out = tmp_path / "kasus.pdf"
    result = kasus.print_pack(register, out, sandi_internal=SANDI)
    papers = tmp_path / "kasus-internal.pdf"
    assert result.internal is not None and result.internal.path == papers
    assert result.terenkripsi and "Internal" in str(result) and SANDI not in str(result)
    for f in (out, papers):
        assert stat.S_IMODE(f.stat().st_mode) == 0o600
    (case,) = register.cases(tahun=2026)
    # the outgoing file: the approval and the assignment letter with their copies only
    reader = PdfReader(out)
    assert not reader.is_encrypted
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert case.nomor in text and "TEMBUSAN" in text  # sop-32 step 6: the Kepala's copy
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert len(titles) == 2 and len(reader.pages) == result.pages
    for personal in (kasus.pelapor.nik, kasus.pelapor.nama, kasus.korban.nama, "Griya"):
        assert personal not in text
    # the internal file: the request and the counseling report, readable with the password only
    locked = PdfReader(papers)
    assert locked.is_encrypted
    assert locked.decrypt("salah") == PasswordType.NOT_DECRYPTED
    with pytest.raises((DependencyError, FileNotDecryptedError)):
        locked.pages[0].extract_text()
    assert PdfReader(papers).decrypt(SANDI) != PasswordType.NOT_DECRYPTED
    opened = PdfReader(papers, password=SANDI)
    inside = "\n".join(page.extract_text() for page in opened.pages)
    assert kasus.pelapor.nik in inside and case.nomor in inside
    assert len([o for o in opened.outline if not isinstance(o, list)]) == 2
    assert kasus.pelapor.nik.encode() not in papers.read_bytes()


def test_print_pack_encrypts_the_internal_papers_unless_told_not_to(
    kasus: Kasus, register: Register, tmp_path: Path
) -> None:
    out = tmp_path / "kasus.pdf"
    with pytest.raises(SuratError, match="sandi_internal: dokumen internal"):
        kasus.print_pack(register, out)
    with pytest.raises(SuratError, match="sandi_internal: sandi yang tidak kosong"):
        kasus.print_pack(register, out, sandi_internal="")
    with pytest.raises(SuratError, match="tidak keduanya"):
        kasus.print_pack(register, out, sandi_internal=SANDI, internal_terbuka=True)
    with pytest.raises(SuratError, match="berkasnya sendiri"):
        kasus.print_pack(register, out, internal=out, sandi_internal=SANDI)
    assert register.entries() == [] and register.cases() == [] and register.received() == []
    assert sorted(p.name for p in tmp_path.glob("kasus*")) == []
    papers = tmp_path / "berkas" / "dalam.pdf"
    papers.parent.mkdir()
    result = kasus.print_pack(register, out, internal=papers, internal_terbuka=True)
    assert result.internal is not None and result.internal.path == papers
    assert not result.terenkripsi and "TIDAK terenkripsi" in str(result)
    assert not PdfReader(papers).is_encrypted
    assert kasus.pelapor.nik in "\n".join(p.extract_text() for p in PdfReader(papers).pages)


def test_a_backdated_case_pack_names_its_inserted_numbers(
    kasus: Kasus, register: Register, tmp_path: Path
) -> None:
    for day in ("2026-11-01", "2026-11-30"):  # the case's letters date 20 and 23 November
        register.issue(perihal="Surat Tugas", klasifikasi="PPA", tanggal=day)
    result = kasus.print_pack(register, tmp_path / "kasus.pdf", sandi_internal=SANDI)
    inserted = ("001.a/DP3A-PP-KB/PPA/XI/2026", "001.b/DP3A-PP-KB/PPA/XI/2026")
    assert result.sisipan == inserted
    assert f"Nomor sisipan (bertanggal mundur): {', '.join(inserted)}" in str(result)
    assert [e.nomor for e in register.entries() if e.sisipan] == list(inserted)


def test_print_pack_refuses_a_bad_output_before_taking_numbers(
    kasus: Kasus, register: Register, tmp_path: Path
) -> None:
    with pytest.raises(SuratError, match="missing-folder tidak ada"):
        kasus.print_pack(register, tmp_path / "missing-folder" / "kasus.pdf", sandi_internal=SANDI)
    with pytest.raises(SuratError, match=r"keluaran \.pdf diharapkan"):
        kasus.print_pack(register, tmp_path / "kasus.docx", sandi_internal=SANDI)
    with pytest.raises(SuratError, match="encrypt: sandi yang tidak kosong"):
        kasus.print_pack(register, tmp_path / "kasus.pdf", encrypt="", sandi_internal=SANDI)
    assert register.entries() == [] and register.cases() == [] and register.received() == []
    assert sorted(p.name for p in tmp_path.glob("kasus*")) == []
    assert not (tmp_path / "missing-folder").exists()


def test_print_pack_failure_voids_the_numbers(
    kasus: Kasus, register: Register, tmp_path: Path
) -> None:
    office = register.office.model_copy(update={"logo": tmp_path / "missing.png"})
    with pytest.raises(BatchError, match="logo") as err:
        kasus.print_pack(register, tmp_path / "kasus.pdf", office=office, sandi_internal=SANDI)
    assert {e.status for e in register.entries(tahun=2026)} == {"batal"}
    assert [e.status for e in register.cases(tahun=2026)] == ["batal"]
    assert [m.status for m in register.received(tahun=2026)] == ["batal"]
    assert all(nomor in str(err.value) for nomor in err.value.voided)
    assert register.pending() == [] and not (tmp_path / "kasus.pdf").exists()


def test_repr_names_nobody(kasus: Kasus) -> None:
    assert PELAPOR not in repr(kasus) and KORBAN not in repr(kasus)
    assert PELAPOR not in str(kasus)
