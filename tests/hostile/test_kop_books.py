"""Letterhead books under attack: a kop name or code built to reach the number
pattern or the SQL, a kop the profile does not have, codes that would print one
number twice."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import surat
from surat.cli import main
from surat.numbering import SEMUA_KOP

D = date(2026, 11, 22)
HEAD = '[pejabat.kepala_uptd]\njabatan = "Kepala UPTD PPA"\n'


def kop(name: str, kode: str | None) -> str:
    line = f"kode = {json.dumps(kode)}\n" if kode is not None else ""
    return (
        f"[kop.{name}]\ninduk = 'kantor'\nnama = 'UPTD'\nalamat = 'Jl. Raja Isa'\n"
        f"pimpinan = 'kepala_uptd'\n{line}"
    )


def office(*kops: str) -> surat.Office:
    base = (Path(surat.__file__).parent / "kantor.toml").read_text(encoding="utf-8")
    return surat.Office.from_toml_string(base + HEAD + "".join(kops), source="kantor.toml")


def issue(reg: surat.Register, kop_: str | None = None) -> str:
    return str(reg.issue(perihal="Undangan", klasifikasi="PPA", tanggal=D, kop=kop_))


@pytest.mark.parametrize(
    "name",
    ["{urut}", "{kode}/{tahun}", "uptd' OR '1'='1", "uptd; DROP TABLE surat_agenda", "__class__",
     "UPTD", "uptd\x00", "../uptd", "kop.uptd"],
)  # fmt: skip
def test_a_crafted_kop_name_is_refused_naming_kop(
    register_db: str, tmp_path: Path, name: str
) -> None:
    with surat.Register(register_db, office=office(kop("uptd", "UPTD-PPA"))) as reg:
        for call in (
            lambda: issue(reg, name),
            lambda: reg.peek(kop=name),
            lambda: reg.entries(kop=name),
            lambda: reg.export(tmp_path / "x.csv", kop=name),
        ):
            with pytest.raises(surat.SuratError, match=r"^kop: bukan kop surat") as err:
                call()
            assert name not in str(err.value)
        assert reg.entries(kop=SEMUA_KOP) == []  # nothing taken, the tables still there
        assert not (tmp_path / "x.csv").exists()
        assert issue(reg, "uptd") == "001/UPTD-PPA/PPA/XI/2026"


@pytest.mark.parametrize("bad", [7, b"uptd", ["uptd"], {"uptd": 1}])
def test_a_kop_that_is_no_text_is_refused(tmp_path: Path, bad: object) -> None:
    with surat.Register(tmp_path / "a.db", office=office(kop("uptd", "UPTD-PPA"))) as reg:
        with pytest.raises(surat.SuratError, match=r"^kop: nama kop surat"):
            reg.issue(perihal="p", kop=bad)  # type: ignore[arg-type]
        assert reg.entries(kop=SEMUA_KOP) == []


@pytest.mark.parametrize(
    "kode",
    ["{tahun}", "{urut:03d}", "x');DROP_TABLE_surat_agenda;--", "%_%", "'||'X", "\\1"],
)
def test_a_crafted_kop_code_is_printed_as_typed_in_its_own_book(
    register_db: str, kode: str
) -> None:
    """The code is data: never a field of the pattern, never SQL, never a LIKE pattern."""
    with surat.Register(register_db, office=office(kop("uptd", kode))) as reg:
        assert issue(reg) == "001/DP3A-PP-KB/PPA/XI/2026"
        assert issue(reg, "uptd") == f"001/{kode}/PPA/XI/2026"
        assert issue(reg, "uptd") == f"002/{kode}/PPA/XI/2026"
        assert issue(reg) == "002/DP3A-PP-KB/PPA/XI/2026"
        assert [e.nomor for e in reg.entries(kop="uptd")] == [
            f"001/{kode}/PPA/XI/2026",
            f"002/{kode}/PPA/XI/2026",
        ]
        assert [e.urut for e in reg.entries()] == [1, 2]
        reg.void(f"001/{kode}/PPA/XI/2026", alasan="uji")  # voided by its printed number
        assert [e.status for e in reg.entries(kop="uptd")] == ["batal", "aktif"]


def test_codes_that_would_print_one_number_twice_share_a_book(register_db: str) -> None:
    """A kop whose code is the office's, or two kops with one code, count in one book:
    never two letters with the same number."""
    same = office(kop("uptd", "DP3A-PP-KB"), kop("a", "UNIT"), kop("b", "UNIT"), kop("c", None))
    with surat.Register(register_db, office=same) as reg:
        assert [issue(reg), issue(reg, "uptd"), issue(reg, "c")] == [
            f"00{i}/DP3A-PP-KB/PPA/XI/2026" for i in (1, 2, 3)
        ]
        assert [issue(reg, "a"), issue(reg, "b")] == [
            "001/UNIT/PPA/XI/2026",
            "002/UNIT/PPA/XI/2026",
        ]
        assert [e.urut for e in reg.entries(kop="b")] == [1, 2]


def test_a_profile_kop_name_that_is_not_a_plain_name_is_refused_at_load() -> None:
    """A letterhead's name is typed after --kop and in [kop_surat]: letters, digits,
    '_' and '-' only ('*' is every letterhead's book in surat agenda --kop)."""
    for name in ('"*"', '"{urut}"', '"a b"', '"a/b"', '"uptd\'"'):
        with pytest.raises(surat.SuratError, match=r"kop: nama kop surat dari huruf") as e:
            office(kop(name, "UPTD"))
        assert "{urut}" not in str(e.value)


def test_the_cli_refuses_a_kop_not_in_the_profile_and_takes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "agenda.db")
    take = ["nomor", "ambil", "--db", db, "--baru", "--perihal", "Undangan"]
    assert main([*take, "--tanggal", "2026-11-22"]) == 0
    capsys.readouterr()
    for name in ("uptd", "{kode}", "' OR 1=1 --"):
        assert main([*take, "--kop", name]) == 1
        err = capsys.readouterr().err
        assert "kop: bukan kop surat" in err and (name == "uptd" or name not in err)
        assert main(["nomor", "lihat", "--db", db, "--kop", name]) == 1
        assert main(["agenda", "--db", db, "--kop", name]) == 1
        capsys.readouterr()
    with surat.Register(db) as reg:
        assert [e.nomor for e in reg.entries(kop=SEMUA_KOP)] == ["001/DP3A-PP-KB/XI/2026"]


def test_a_number_of_another_book_is_not_printed_under_a_letterhead(tmp_path: Path) -> None:
    """The approval prints the P2TP2A letterhead, which keeps its own book; a row
    handing it a number of the Dinas's book (another letter's, of the same date)
    would print one letterhead's letter with the other's number. Refused before
    any number is taken, naming the row and both books; its own book's number
    prints."""
    from referensi_support import seed_books

    from surat.batch import print_batch
    from surat.letters import example_data, validate

    root = Path(__file__).resolve().parents[2]
    text = (root / "examples" / "kantor.toml").read_text(encoding="utf-8")
    assert '# kode = "P2TP2A"' in text
    own = surat.Office.from_toml_string(
        text.replace('# kode = "P2TP2A"', 'kode = "P2TP2A"'), source="kantor.toml"
    )
    data = example_data("persetujuan")
    with surat.Register(tmp_path / "agenda.db", office=own) as reg:
        seed_books(reg, kasus=1, masuk=14)
        dinas = issue(reg)  # the Dinas's own letter, same day
        books = reg.entries(tahun=None, kop=SEMUA_KOP)
        with pytest.raises(surat.SuratError, match="baris 1: nomor ") as err:
            print_batch("persetujuan", [{**data, "nomor": dinas}], tmp_path / "x.pdf",
                        register=reg, office=own, progress=False)  # fmt: skip
        assert "kode P2TP2A; nomornya berkode DP3A-PP-KB" in str(err.value)
        assert reg.entries(tahun=None, kop=SEMUA_KOP) == books
        assert not (tmp_path / "x.pdf").exists()
        nomor = str(reg.issue(**validate("persetujuan", data).agenda(own)))
        assert "/P2TP2A/" in nomor
        result = print_batch("persetujuan", [{**data, "nomor": nomor}], tmp_path / "x.pdf",
                             register=reg, office=own, progress=False)  # fmt: skip
        assert result.letters == 1
