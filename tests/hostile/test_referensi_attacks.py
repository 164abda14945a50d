"""Attacks on the reference check (surat.letters.referensi): a letter that cites a
case of another register, a number crafted like SQL, or one typed with
look-alike characters must not resolve, must not change the books, and the
refusal names the field, never the value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from referensi_support import seed_books

import surat
from surat import Register, SuratError
from surat.letters import example_data, validate

OFFICE = surat.Office.default()
CASE = "001/REG-PPA/XI/2026"


@pytest.fixture
def reg(tmp_path: Path) -> Any:
    with Register(tmp_path / "agenda.db", office=OFFICE) as r:
        seed_books(r, kasus=1, masuk=14)
        yield r


def cites(case: str) -> dict[str, Any]:
    data = example_data("persetujuan")
    data["korban"]["nomor_registrasi"] = case
    return data


def refused_without_the_value(reg: Register, case: str) -> None:
    before = (reg.cases(tahun=None), reg.received(tahun=None), reg.entries(tahun=None))
    with pytest.raises(SuratError) as err:
        validate("persetujuan", cites(case), register=reg)
    msg = str(err.value)
    assert msg.startswith("korban.nomor_registrasi: "), msg
    assert case.strip() not in msg and "Putri" not in msg
    assert (reg.cases(tahun=None), reg.received(tahun=None), reg.entries(tahun=None)) == before


def test_a_case_of_another_register_is_not_found(tmp_path: Path, reg: Register) -> None:
    """Another office's register holds case 002; this one does not."""
    other_office = OFFICE.model_copy(update={"kode": "DINSOS"})
    with Register(tmp_path / "lain.db", office=OFFICE) as lain:
        seed_books(lain, kasus=2, masuk=14)
        validate("persetujuan", cites("002/REG-PPA/XI/2026"), register=lain)
    refused_without_the_value(reg, "002/REG-PPA/XI/2026")
    # the same database, another office's books: the kode keeps them apart
    with Register(tmp_path / "agenda.db", office=other_office) as same_db:
        seed_books(same_db, kasus=2, masuk=14)
        validate("persetujuan", cites("002/REG-PPA/XI/2026"), register=same_db)
    refused_without_the_value(reg, "002/REG-PPA/XI/2026")
    # and this office's case is not another office's, though the number reads the same
    with Register(tmp_path / "kosong.db", office=other_office) as empty:
        seed_books(empty, masuk=14)
        refused_without_the_value(empty, CASE)


@pytest.mark.parametrize(
    "case",
    [
        "001/REG-PPA/XI/2026' OR '1'='1",
        "' OR 1=1 --",
        "001/REG-PPA/XI/2026'; DROP TABLE surat_agenda; --",
        "%",
        "001/REG-PPA/XI/____",
        "001/REG-PPA/XI/2026%",
    ],
    ids=["or-true", "comment", "drop-table", "like-all", "like-underscore", "like-suffix"],
)
def test_a_number_crafted_like_sql_is_only_text(reg: Register, case: str) -> None:
    refused_without_the_value(reg, case)
    validate("persetujuan", cites(CASE), register=reg)  # the books are whole


@pytest.mark.parametrize(
    "case",
    [
        "001/RЕG-PPA/XI/2026",  # CYRILLIC CAPITAL LETTER IE for E
        "001/REG-РPA/XI/2026",  # CYRILLIC CAPITAL LETTER ER for P
        "００１/REG-PPA/XI/2026",  # fullwidth digits, which NFKC folds to 001
        "OO1/REG-PPA/XI/2026",  # capital O for zero
        "001/REG‐PPA/XI/2026",  # U+2010 HYPHEN for the hyphen-minus
        "001/REG-PPA/XI/2026\u200b",  # a zero-width space at the end
        "001/REG\u00adPPA/XI/2026",  # a soft hyphen instead of the hyphen
        "001/reg-ppa/xi/2026",  # another case of letters
        "1/REG-PPA/XI/2026",  # the register reads it as 001, the letter would print 1
    ],
    ids=[
        "cyrillic-e",
        "cyrillic-p",
        "fullwidth",
        "letter-o",
        "hyphen",
        "zwsp",
        "shy",
        "lower",
        "short",
    ],
)
def test_a_look_alike_number_does_not_resolve(reg: Register, case: str) -> None:
    """The letter prints what was typed: only the number exactly as the book holds it
    resolves, never one that merely looks like it."""
    with pytest.raises(SuratError) as err:
        validate("persetujuan", cites(case), register=reg)
    msg = str(err.value)
    assert "korban.nomor_registrasi" in msg and case not in msg
    assert reg.entries(tahun=None) == []


def test_the_request_and_the_approval_are_held_to_the_same_rules(reg: Register) -> None:
    data = example_data("persetujuan")
    data["permohonan"]["nomor_agenda"] = "014/SM/2026' OR '1'='1"
    with pytest.raises(SuratError, match=r"^permohonan\.nomor_agenda: tidak ada di") as err:
        validate("persetujuan", data, register=reg)
    assert "OR" not in str(err.value)
    seed_books(reg, persetujuan=True)
    tugas = example_data("tugas")
    tugas["persetujuan"]["nomor"] = "001/DP3A-PP-KB/РPA/XI/2026"  # a CYRILLIC ER
    with pytest.raises(SuratError, match=r"^persetujuan\.nomor: tidak ada di"):
        validate("tugas", tugas, register=reg)
    tugas["persetujuan"]["nomor"] = "001/DP3A-PP-KB/PPA/XI/2026"
    validate("tugas", tugas, register=reg)


def test_a_void_approval_or_one_of_another_case_is_not_cited(reg: Register) -> None:
    seed_books(reg, kasus=1, persetujuan=True)  # case 002 now exists too
    tugas = example_data("tugas")
    tugas["korban"]["nomor_registrasi"] = "002/REG-PPA/XI/2026"  # the approval is case 001's
    with pytest.raises(SuratError, match=r"^persetujuan\.nomor: milik kasus lain"):
        validate("tugas", tugas, register=reg)
    reg.void("001/DP3A-PP-KB/PPA/XI/2026", alasan="salah ketik")
    with pytest.raises(SuratError, match=r"^persetujuan\.nomor: berstatus batal"):
        validate("tugas", example_data("tugas"), register=reg)


def test_a_register_that_cannot_answer_is_not_taken_for_an_empty_book(tmp_path: Path) -> None:
    """A closed register (a server gone, a file unreadable) is its own error, never
    'the case is not in the books': the clerk must not go and register it again."""
    reg = Register(tmp_path / "agenda.db", office=OFFICE)
    seed_books(reg, kasus=1, masuk=14)
    reg.close()
    with pytest.raises(SuratError) as err:
        validate("persetujuan", example_data("persetujuan"), register=reg)
    assert str(err.value).startswith("register: ") and "not in" not in str(err.value)
