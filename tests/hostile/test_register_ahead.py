"""Letters dated far ahead: one number dated 200 days (or 9999-12-31) after today
would make every ordinary letter of the days before it a backdated one."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from referensi_support import seed_books

import surat
from surat import Office, Register
from surat.cli import main
from surat.numbering.base import Refused

FAR = [timedelta(days=200), date(9999, 12, 31)]


def _day(far: timedelta | date) -> date:
    return surat.today() + far if isinstance(far, timedelta) else far


def _office(days: int) -> Office:
    office = Office.default()
    penomoran = office.penomoran.model_copy(update={"maks_hari_ke_depan": days})
    return office.model_copy(update={"penomoran": penomoran})


@pytest.mark.parametrize("far", FAR, ids=["200-hari", "9999-12-31"])
def test_a_letter_dated_far_ahead_is_refused_without_alasan(
    register_db: str, far: timedelta | date
) -> None:
    day = _day(far)
    with Register(register_db) as reg:
        with pytest.raises(Refused, match=r"^tanggal: lebih dari 7 hari sesudah hari ini") as err:
            reg.issue(perihal="Persetujuan Pendampingan", klasifikasi="PPA", tanggal=day)
        assert "maks_hari_ke_depan" in str(err.value)
        for shown in (day.isoformat(), str(day.year)):
            assert shown not in str(err.value)  # the rule, never the value
        for empty in ("", "   "):  # an empty reason is no reason
            with pytest.raises(Refused):
                reg.issue(perihal="Surat", tanggal=day, alasan=empty)
        assert reg.entries() == []  # nothing taken: today's letter is an ordinary one
        today = reg.issue(perihal="Surat Tugas", klasifikasi="PPA")
        assert (today.urut, today.sisipan) == (1, "")


@pytest.mark.parametrize("far", FAR, ids=["200-hari", "9999-12-31"])
def test_a_letter_dated_far_ahead_with_alasan_is_numbered_and_the_reason_kept(
    register_db: str, far: timedelta | date
) -> None:
    day = _day(far)
    with Register(register_db) as reg:
        n = reg.issue(perihal="SK", klasifikasi="PPA", tanggal=day, alasan="SK berlaku kemudian")
        assert (n.tanggal, n.tahun, n.sisipan) == (day, day.year, "")
        (e,) = reg.entries(tahun=day.year)
        assert (e.nomor, e.alasan_terbit) == (n.nomor, "SK berlaku kemudian")


def test_the_limit_is_the_profiles_and_counts_whole_days(tmp_path: Path) -> None:
    today = surat.today()
    with Register(tmp_path / "agenda.db") as reg:  # the default: a week ahead
        assert reg.issue(perihal="Surat", tanggal=today + timedelta(days=7)).sisipan == ""
        with pytest.raises(Refused, match="lebih dari 7 hari"):
            reg.issue(perihal="Surat", tanggal=today + timedelta(days=8))
    with Register(tmp_path / "nol.db", office=_office(0)) as reg:
        reg.issue(perihal="Surat", tanggal=today)
        with pytest.raises(Refused, match="lebih dari 0 hari"):
            reg.issue(perihal="Surat", tanggal=today + timedelta(days=1))
    profile = (Path(surat.__file__).parent / "kantor.toml").read_text(encoding="utf-8")
    profile = profile.replace("[penomoran]\n", "[penomoran]\nmaks_hari_ke_depan = -1\n")
    with pytest.raises(surat.SuratError, match="maks_hari_ke_depan"):
        Office.from_toml_string(profile)


def test_the_command_line_refuses_it_like_a_refused_backdate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "agenda.db")
    far = (surat.today() + timedelta(days=200)).isoformat()
    argv = ["nomor", "ambil", "--db", db, "--baru", "--perihal", "SK", "--tanggal", far]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "tanggal: lebih dari 7 hari sesudah hari ini" in err and far not in err
    assert main(["--json", *argv]) == 1
    obj = json.loads(capsys.readouterr().err)
    assert obj["error"].startswith("tanggal: lebih dari 7 hari") and obj["exit"] == 1
    assert main([*argv, "--alasan", "SK berlaku tahun depan"]) == 0
    assert capsys.readouterr().out.strip().endswith(far[:4])
    with Register(db) as reg:
        assert [e.alasan_terbit for e in reg.entries()] == ["SK berlaku tahun depan"]


def test_a_case_dated_far_ahead_is_refused_before_any_number(tmp_path: Path) -> None:
    from surat.kasus import Kasus

    examples = Path(__file__).parent.parent.parent / "examples"
    data = json.loads((examples / "kasus.json").read_text(encoding="utf-8"))
    far = (surat.today() + timedelta(days=200)).isoformat()
    data["tugas"]["tanggal"] = far
    for task in data["tugas"]["tugas"]:  # a task is never dated before its letter
        task["tanggal"] = far
    kasus = Kasus.from_dict(data)
    with Register(tmp_path / "agenda.db") as reg:
        for attempt in (lambda: kasus.print_pack(reg, tmp_path / "kasus.pdf", sandi_internal="uji"),
                        lambda: kasus.letters(reg)):  # fmt: skip
            with pytest.raises(surat.SuratError) as err:
                attempt()
            assert "tugas.tanggal: lebih dari 7 hari sesudah hari ini" in str(err.value)
            assert far not in str(err.value) and "tertunda" not in str(err.value)
        assert (reg.entries(), reg.cases(), reg.received()) == ([], [], [])
    assert not (tmp_path / "kasus.pdf").exists()


def test_surat_buat_takes_a_far_ahead_letter_only_with_alasan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from surat.letters import example_data

    far = (surat.today() + timedelta(days=200)).isoformat()
    data = tmp_path / "surat.json"
    data.write_text(json.dumps({**example_data("persetujuan"), "tanggal": far}), encoding="utf-8")
    db, out = str(tmp_path / "agenda.db"), tmp_path / "surat.docx"
    with Register(db) as reg:  # the case and the request the letter cites
        seed_books(reg, kasus=1, masuk=14)
    argv = ["buat", "persetujuan", str(data), "-o", str(out), "--db", db]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "tanggal: lebih dari 7 hari sesudah hari ini" in err and far not in err
    assert "failed while giving" not in err and not out.exists()
    with Register(db) as reg:
        assert reg.entries() == []
    assert main([*argv, "--alasan", "SK berlaku kemudian"]) == 0
    assert out.exists()
    with Register(db) as reg:
        assert [e.alasan_terbit for e in reg.entries()] == ["SK berlaku kemudian"]


def test_check_issue_plays_the_dates_against_the_book_on_both_backends(register_db: str) -> None:
    far = surat.today() + timedelta(days=200)
    with Register(register_db) as reg:
        for day in (date(2026, 3, 5), date(2026, 3, 10)):
            reg.issue(perihal="Surat", klasifikasi="PPA", tanggal=day)
        plan = [
            {"perihal": "Surat", "tanggal": date(2026, 3, 12)},
            {"perihal": "Surat", "tanggal": date(2026, 3, 11)},  # before the row above
            {"perihal": "Surat", "tanggal": date(2026, 3, 1), "alasan": "x"},  # before 001
            {"perihal": "Surat", "tanggal": date(2026, 3, 6), "alasan": "terlambat"},
            {"perihal": "Surat", "tanggal": far},
            {"perihal": "Surat", "tanggal": far, "alasan": "SK berlaku kemudian"},
        ]
        found = reg.check_issue(plan, backdate_needs_alasan=True)
        assert [i for i, _ in found] == [1, 2, 4]
        assert "berikan alasannya" in found[0][1] and "tidak punya induk" in found[1][1]
        assert [i for i, _ in reg.check_issue(plan)] == [2, 4]  # a backdate: an inserted number
        assert len(reg.entries()) == 2  # nothing taken


@pytest.mark.parametrize(
    ("policy", "refused", "without_alasan"),
    [("tolak", [1, 2], [1, 2]), ("urut", [], [1, 2]), ("sisipan", [2], [1, 2])],
)
def test_check_issue_follows_the_offices_backdating_policy(
    tmp_path: Path, policy: str, refused: list[int], without_alasan: list[int]
) -> None:
    office = Office.default()
    penomoran = office.penomoran.model_copy(update={"sisipan": policy})
    office = office.model_copy(update={"penomoran": penomoran})
    with Register(tmp_path / "agenda.db", office=office) as reg:
        reg.issue(perihal="Surat", tanggal=date(2026, 3, 5))
        plan = [{"tanggal": date(2026, 3, 10)}, {"tanggal": date(2026, 3, 6)},
                {"tanggal": date(2026, 3, 1)}]  # fmt: skip
        assert [i for i, _ in reg.check_issue(plan)] == refused
        found = reg.check_issue(plan, backdate_needs_alasan=True)
        assert [i for i, _ in found] == without_alasan
        for _, message in found:
            assert message.startswith("tanggal: ") and "2026" not in message
        if policy == "urut":  # the plain next numbers: nothing is refused
            for day in (date(2026, 3, 10), date(2026, 3, 6), date(2026, 3, 1)):
                reg.issue(perihal="Surat", tanggal=day)
        elif policy == "tolak":
            with pytest.raises(Refused, match="menolak nomor bertanggal mundur"):
                reg.issue(perihal="Surat", tanggal=date(2026, 3, 1))
