"""One case, every letter: consistent people and numbers, all-or-nothing numbering."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

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
    given = kasus.model_copy(
        update={"nomor_registrasi": "007/REG-PPA/XI/2026", "nomor_agenda": "031/SM/2026"}
    )
    docs = given.letters(register)
    assert register.cases(tahun=2026) == [] and register.received(tahun=2026) == []
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


def test_print_pack_writes_every_letter_with_copies(
    kasus: Kasus, register: Register, tmp_path: Path
) -> None:
    out = tmp_path / "kasus.pdf"
    kasus.print_pack(register, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    (case,) = register.cases(tahun=2026)
    assert case.nomor in text
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert len(titles) == 4
    # the approval letter goes to the Kepala Dinas as a stamped copy (sop-32 step 6)
    assert "TEMBUSAN" in text


def test_print_pack_refuses_a_bad_output_before_taking_numbers(
    kasus: Kasus, register: Register, tmp_path: Path
) -> None:
    with pytest.raises(SuratError, match="missing-folder tidak ada"):
        kasus.print_pack(register, tmp_path / "missing-folder" / "kasus.pdf")
    with pytest.raises(SuratError, match=r"keluaran \.pdf diharapkan"):
        kasus.print_pack(register, tmp_path / "kasus.docx")
    with pytest.raises(SuratError, match="encrypt: sandi yang tidak kosong"):
        kasus.print_pack(register, tmp_path / "kasus.pdf", encrypt="")
    assert register.entries() == [] and register.cases() == [] and register.received() == []
    assert sorted(p.name for p in tmp_path.glob("kasus*")) == []
    assert not (tmp_path / "missing-folder").exists()


def test_print_pack_failure_voids_the_numbers(
    kasus: Kasus, register: Register, tmp_path: Path
) -> None:
    office = register.office.model_copy(update={"logo": tmp_path / "missing.png"})
    with pytest.raises(BatchError, match="logo") as err:
        kasus.print_pack(register, tmp_path / "kasus.pdf", office=office)
    assert {e.status for e in register.entries(tahun=2026)} == {"batal"}
    assert [e.status for e in register.cases(tahun=2026)] == ["batal"]
    assert [m.status for m in register.received(tahun=2026)] == ["batal"]
    assert all(nomor in str(err.value) for nomor in err.value.voided)
    assert register.pending() == [] and not (tmp_path / "kasus.pdf").exists()


def test_repr_names_nobody(kasus: Kasus) -> None:
    assert PELAPOR not in repr(kasus) and KORBAN not in repr(kasus)
    assert PELAPOR not in str(kasus)
