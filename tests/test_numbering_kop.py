"""One outgoing agenda book per letterhead (kop): its own counter, from 001, gapless."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
from datetime import date
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest
from referensi_support import seed_books

import surat
from surat import Register, SuratError
from surat.cli import main
from surat.numbering import SEMUA_KOP

D = date(2026, 11, 22)

# The shipped profile, with the UPTD PPA as a unit of the Dinas under its own code.
UPTD = """
[pejabat.kepala_uptd]
jabatan = "Kepala UPTD Perlindungan Perempuan dan Anak Kota Batam"
nama = "dr. INDAH PERMATASARI"
nip = "19780304 200312 2 005"
pangkat = "Penata Tingkat I (III/d)"

[kop.uptd]
induk = "kantor"
nama = "UPTD PERLINDUNGAN PEREMPUAN DAN ANAK KOTA BATAM"
alamat = "Jl. Raja Isa, Batam Centre, Batam 29461"
pimpinan = "kepala_uptd"
kode = "UPTD-PPA"
"""


def profile_text(extra: str = UPTD) -> str:
    return (Path(surat.__file__).parent / "kantor.toml").read_text(encoding="utf-8") + extra


OFFICE = surat.Office.from_toml_string(profile_text(), source="kantor.toml")


def issue(reg: Register, kop: str | None = None, day: date = D, **kw: object) -> str:
    return str(reg.issue(perihal="Undangan", klasifikasi="PPA", tanggal=day, kop=kop, **kw))


def test_two_letterheads_number_from_001_in_one_register(register_db: str) -> None:
    with Register(register_db, office=OFFICE) as reg:
        assert issue(reg, "uptd") == "001/UPTD-PPA/PPA/XI/2026"
        assert issue(reg) == "001/DP3A-PP-KB/PPA/XI/2026"
        assert issue(reg, "uptd") == "002/UPTD-PPA/PPA/XI/2026"
        assert issue(reg, "kantor") == "002/DP3A-PP-KB/PPA/XI/2026"  # the office's own
        # a letterhead without its own code prints the office's: it counts in its book
        assert issue(reg, "p2tp2a") == "003/DP3A-PP-KB/PPA/XI/2026"
        # the old way to choose a book, by its code, is the same book
        assert str(
            reg.issue(perihal="Undangan", klasifikasi="PPA", tanggal=D, kode="UPTD-PPA")
        ) == ("003/UPTD-PPA/PPA/XI/2026")
        assert str(reg.peek("PPA", D, kop="uptd")) == "004/UPTD-PPA/PPA/XI/2026"
        assert str(reg.peek("PPA", D)) == "004/DP3A-PP-KB/PPA/XI/2026"
        assert [e.urut for e in reg.entries(kop="uptd")] == [1, 2, 3]
        assert [e.urut for e in reg.entries()] == [1, 2, 3]
        assert {e.kop for e in reg.entries(kop="uptd")} == {"UPTD-PPA"}
        assert {e.kop for e in reg.entries()} == {""}
        assert len(reg.entries(kop=SEMUA_KOP)) == 6
        # the next year starts each book at 001 again
        assert (
            issue(reg, "uptd", date(2027, 1, 4), alasan="berlaku tahun depan")
            == "001/UPTD-PPA/PPA/I/2027"
        )


def test_backdating_stays_inside_its_letterhead_book(register_db: str) -> None:
    with Register(register_db, office=OFFICE) as reg:
        assert issue(reg, "uptd", date(2026, 3, 1)) == "001/UPTD-PPA/PPA/III/2026"
        # the Dinas's later letter does not make the UPTD's next letter backdated
        assert issue(reg, None, date(2026, 3, 20)) == "001/DP3A-PP-KB/PPA/III/2026"
        assert issue(reg, "uptd", date(2026, 3, 5)) == "002/UPTD-PPA/PPA/III/2026"
        # a backdated UPTD letter is inserted after the UPTD's own letter of that day
        assert issue(reg, "uptd", date(2026, 3, 2)) == "001.a/UPTD-PPA/PPA/III/2026"
        # and the Dinas's first letter of the year has nothing of its own to follow
        with pytest.raises(SuratError, match="tidak punya induk"):
            issue(reg, None, date(2026, 3, 2))
        reg.void("002/UPTD-PPA/PPA/III/2026", alasan="salah")  # voiding dates its own book
        assert issue(reg, "uptd", date(2026, 3, 3)) == "003/UPTD-PPA/PPA/III/2026"


def test_unknown_letterhead_names_kop_and_takes_nothing(register_db: str) -> None:
    with Register(register_db, office=OFFICE) as reg:
        for bad in ("UPTD", "lain", "", "uptd "):
            with pytest.raises(SuratError, match=r"^kop: bukan kop surat profil kantor") as e:
                issue(reg, bad)
            assert "lain" not in str(e.value)  # the value is not quoted
        with pytest.raises(SuratError, match=r"^kop: nama kop surat"):
            issue(reg, 7)  # type: ignore[arg-type]
        with pytest.raises(SuratError, match=r"^kode: bukan kode kop surat"):
            issue(reg, "uptd", kode="DP3A-PP-KB")
        with pytest.raises(SuratError, match=r"^kop: bukan kop surat"):
            reg.entries(kop="lain")
        with pytest.raises(SuratError, match=r"^kop: bukan kop surat"):
            reg.peek(kop="lain")
        assert reg.entries(kop=SEMUA_KOP) == []  # nothing was taken


def test_a_pattern_without_kode_cannot_keep_two_books_apart(tmp_path: Path) -> None:
    text = profile_text().replace(
        'pola = "{urut:03d}/{kode}/{klasifikasi}/{bulan_romawi}/{tahun}"',
        'pola = "{urut:03d}/{klasifikasi}/{bulan_romawi}/{tahun}"',
    )
    office = surat.Office.from_toml_string(text, source="kantor.toml")
    with Register(tmp_path / "a.db", office=office) as reg:
        assert issue(reg) == "001/PPA/XI/2026"
        with pytest.raises(SuratError, match=r"^penomoran.pola: .* memerlukan \{kode\}"):
            issue(reg, "uptd")
        assert issue(reg, "p2tp2a") == "002/PPA/XI/2026"  # no code of its own: the office's


def test_export_per_letterhead(register_db: str, tmp_path: Path) -> None:
    with Register(register_db, office=OFFICE) as reg:
        issue(reg, "uptd")
        issue(reg)
        issue(reg, "uptd")
        uptd = reg.export(tmp_path / "uptd.csv", kop="uptd")
        dinas = reg.export(tmp_path / "dinas.csv")
        buffer = io.BytesIO()
        reg.export(buffer, kop=SEMUA_KOP, format="csv")
        with pytest.raises(SuratError, match=r"^kop: hanya buku surat keluar"):
            reg.export(tmp_path / "masuk.csv", buku="masuk", kop="uptd")
        with pytest.raises(SuratError, match=r"^kop: bukan kop surat"):
            reg.export(tmp_path / "x.csv", kop="lain")
        reg.export(tmp_path / "masuk.csv", buku="masuk", kop="kantor")  # the office's own

    def numbers(text: str) -> list[str]:
        return [row[0] for row in list(csv.reader(io.StringIO(text)))[1:]]

    assert numbers(uptd.read_text(encoding="utf-8-sig")) == [
        "001/UPTD-PPA/PPA/XI/2026",
        "002/UPTD-PPA/PPA/XI/2026",
    ]
    assert numbers(dinas.read_text(encoding="utf-8-sig")) == ["001/DP3A-PP-KB/PPA/XI/2026"]
    assert len(numbers(buffer.getvalue().decode("utf-8-sig"))) == 3
    assert not (tmp_path / "x.csv").exists()


def test_cli_agenda_and_nomor_take_the_letterhead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kantor = tmp_path / "kantor.toml"
    kantor.write_text(profile_text(), encoding="utf-8")
    db = str(tmp_path / "agenda.db")
    base = ["--kantor", str(kantor)]
    take = ["nomor", "ambil", "--db", db, "--perihal", "Undangan", "--klasifikasi", "PPA"]
    day = ["--tanggal", "2026-11-22"]
    assert main([*base, *take, "--baru", *day, "--kop", "uptd"]) == 0
    assert main([*base, *take, *day]) == 0
    assert main([*base, *take, *day, "--kop", "uptd"]) == 0
    out = capsys.readouterr().out.split()
    assert out == [
        "001/UPTD-PPA/PPA/XI/2026",
        "001/DP3A-PP-KB/PPA/XI/2026",
        "002/UPTD-PPA/PPA/XI/2026",
    ]
    peek = ["nomor", "lihat", "--db", db, "--klasifikasi", "PPA", *day]
    assert main([*base, *peek, "--kop", "uptd"]) == 0
    assert capsys.readouterr().out.split() == ["003/UPTD-PPA/PPA/XI/2026"]

    assert main([*base, "agenda", "--db", db, "--kop", "uptd"]) == 0
    shown = capsys.readouterr().out
    assert "001/UPTD-PPA" in shown and "002/UPTD-PPA" in shown and "DP3A-PP-KB" not in shown
    assert main([*base, "agenda", "--db", db]) == 0
    shown = capsys.readouterr().out
    assert "001/DP3A-PP-KB" in shown and "UPTD-PPA" not in shown
    assert main([*base, "agenda", "--db", db, "--kop", "*"]) == 0
    assert "3 surat" in capsys.readouterr().out
    assert main([*base, "agenda", "--db", db, "--kop", "uptd", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["kop"], shown["jumlah"]) == ("uptd", 2)
    assert [r["kop"] for r in shown["baris"]] == ["UPTD-PPA", "UPTD-PPA"]
    csv_file = tmp_path / "uptd.csv"
    assert main([*base, "agenda", "--db", db, "--kop", "uptd", "--csv", str(csv_file)]) == 0
    assert "DP3A-PP-KB" not in csv_file.read_text(encoding="utf-8-sig")
    capsys.readouterr()
    assert main([*base, "agenda", "--db", db, "--kop", "lain"]) == 1
    assert "kop: bukan kop surat" in capsys.readouterr().err
    assert main([*base, "agenda", "--db", db, "--kop", "uptd", "--buku", "masuk"]) == 1
    assert "--kop: hanya buku surat keluar" in capsys.readouterr().err


def _issue_many(db: str, kop: str | None, count: int, start: Event, out: str) -> None:
    start.wait(30)
    office = surat.Office.from_toml_string(profile_text(), source="kantor.toml")
    with Register(db, office=office) as reg:
        numbers = [issue(reg, kop) for _ in range(count)]
    Path(out).write_text("\n".join(numbers))


@pytest.mark.slow
def test_concurrent_issuers_of_two_letterheads_stay_gapless_each(
    register_db: str, tmp_path: Path
) -> None:
    ctx = multiprocessing.get_context("fork")
    start = ctx.Event()
    kops = [None, "uptd"] * 3
    per = 40
    outs = [str(tmp_path / f"out{i}.txt") for i in range(len(kops))]
    procs = [
        ctx.Process(target=_issue_many, args=(register_db, kop, per, start, out))
        for kop, out in zip(kops, outs, strict=True)
    ]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * len(kops)
    handed = [line for out in outs for line in Path(out).read_text().splitlines()]
    total = per * len(kops) // 2
    with Register(register_db, office=OFFICE) as reg:
        for kop, code in ((None, "DP3A-PP-KB"), ("uptd", "UPTD-PPA")):
            mine = sorted(int(n.split("/")[0]) for n in handed if f"/{code}/" in n)
            assert mine == list(range(1, total + 1))
            assert [e.urut for e in reg.entries(kop=kop)] == list(range(1, total + 1))


# -- the workflows pass each letter's letterhead ------------------------------------------

EXAMPLES = Path(__file__).parent.parent / "examples"
#: The example profile with the approval letter under the UPTD's letterhead, signed by
#: its head; the assignment letter stays the Dinas's.
UNDER_UPTD = {
    'persetujuan = "p2tp2a"': 'persetujuan = "uptd"',
    'persetujuan = "ketua_p2tp2a"': 'persetujuan = "kepala_uptd"',
}


def uptd_profile(tmp_path: Path) -> Path:
    text = (EXAMPLES / "kantor.toml").read_text(encoding="utf-8")
    for old, new in UNDER_UPTD.items():
        assert old in text
        text = text.replace(old, new)
    text = text.replace("\n[plt]\n", "\n")  # an empty table: its sub-tables go after it
    path = tmp_path / "kantor.toml"
    path.write_text(text + UPTD, encoding="utf-8")
    return path


def test_a_case_pack_numbers_each_letter_in_its_letterhead_book(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from surat.kasus import Kasus
    from surat.pdf import Converter

    office = surat.Office.from_toml(uptd_profile(tmp_path))
    kasus = Kasus.from_file(EXAMPLES / "kasus.json")
    with Register(tmp_path / "agenda.db", office=office) as reg, Converter(workers=1) as conv:
        kasus.print_pack(reg, tmp_path / "kasus.pdf", converter=conv, internal_terbuka=True)
        uptd = [(e.perihal, e.nomor) for e in reg.entries(kop="uptd")]
        dinas = [(e.perihal, e.nomor) for e in reg.entries()]
        (case,) = reg.cases()
        # the case's letters, whatever their letterhead (the kronologi lists them so)
        of_case = reg.entries(kop=SEMUA_KOP, nomor_registrasi=case.nomor)
    assert [p for p, _ in uptd] == ["Persetujuan Pendampingan"]
    assert uptd[0][1].startswith("001/UPTD-PPA/")
    assert [p for p, _ in dinas] == ["Surat Tugas Pendampingan"]
    assert dinas[0][1].startswith("001/DP3A-PP-KB/")
    text = " ".join(p.extract_text() or "" for p in PdfReader(tmp_path / "kasus.pdf").pages)
    assert uptd[0][1] in text and dinas[0][1] in text
    assert sorted(e.nomor for e in of_case) == sorted([dinas[0][1], uptd[0][1]])


def test_surat_buat_takes_the_number_of_the_kinds_letterhead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from surat.letters import example_data

    kantor = uptd_profile(tmp_path)
    db = str(tmp_path / "agenda.db")
    with Register(db, office=surat.Office.from_toml(kantor)) as reg:
        seed_books(reg, kasus=1, masuk=14)  # the case and request the letters cite
    for kind in ("persetujuan", "tugas", "persetujuan"):
        data = tmp_path / f"{kind}.json"
        letter = example_data(kind)
        if kind == "tugas":  # it cites the approval just numbered under the UPTD's letterhead
            letter["persetujuan"]["nomor"] = "001/UPTD-PPA/PPA/XI/2026"
        data.write_text(json.dumps(letter, default=str), encoding="utf-8")
        out = str(tmp_path / f"{kind}.docx")
        args = ["--kantor", str(kantor), "buat", kind, str(data), "-o", out, "--db", db]
        assert main(args) == 0
    printed = capsys.readouterr().out.split()
    assert printed == [
        "001/UPTD-PPA/PPA/XI/2026",
        "001/DP3A-PP-KB/PPA/XI/2026",
        "002/UPTD-PPA/PPA/XI/2026",
    ]
