"""Every reference resolves and every date agrees: a letter's citations checked
against the register's books (surat.letters.referensi), the letters' own date
rules, the weekend warning and SOP 32 step 9 (an unstable client sees a
psychologist before the police or a court). Real SQLite registers; one test on
a real PostgreSQL server."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from referensi_support import DITERIMA, seed_books

import surat
from surat import Register, SuratError
from surat.kasus import ATURAN_PSIKOLOG, Kasus
from surat.letters import example_data, peringatan, validate

EXAMPLES = Path(__file__).parent.parent / "examples"
OFFICE = surat.Office.default()
CASE = "001/REG-PPA/XI/2026"
REQUEST = "014/SM/2026"
APPROVAL = "001/DP3A-PP-KB/PPA/XI/2026"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")


@pytest.fixture
def reg(tmp_path: Path) -> Any:
    with Register(tmp_path / "agenda.db", office=OFFICE) as r:
        yield r


def refused(kind: str, data: dict[str, Any], register: Any, field: str, *hidden: str) -> str:
    """The SuratError of validating *data* against *register*: it names *field*
    and quotes none of *hidden* (the values typed)."""
    with pytest.raises(SuratError) as err:
        validate(kind, data, register=register)
    msg = str(err.value)
    assert msg.startswith(f"{field}: "), msg
    for value in hidden:
        assert value not in msg
    assert err.value.errors[0].path == field
    return msg


# -- references ----------------------------------------------------------------


def test_a_reference_problem_carries_its_code(reg: Register) -> None:
    """An application shows its own words for what the books refuse: the code."""
    data = example_data("persetujuan")
    with pytest.raises(SuratError) as err:
        validate("persetujuan", data, register=reg)
    assert [(e.path, e.type) for e in err.value.errors] == [
        ("korban.nomor_registrasi", "referensi_tidak_ada")
    ]
    seed_books(reg, kasus=2, masuk=14)
    data["permohonan"]["tanggal"] = "2026-11-15"  # the request is dated 16 November
    with pytest.raises(SuratError) as err:
        validate("persetujuan", data, register=reg)
    assert [(e.path, e.type) for e in err.value.errors] == [
        ("permohonan.tanggal", "referensi_tanggal")
    ]
    data["permohonan"]["tanggal"] = "2026-11-16"
    reg.void("014/SM/2026", alasan="salah catat", buku="masuk")
    with pytest.raises(SuratError) as err:
        validate("persetujuan", data, register=reg)
    assert err.value.errors[0].type == "referensi_batal"


def test_a_case_the_books_do_not_hold_is_refused(reg: Register) -> None:
    data = example_data("persetujuan")
    refused("persetujuan", data, reg, "korban.nomor_registrasi", CASE, "Putri")
    seed_books(reg, kasus=1, masuk=14)
    assert validate("persetujuan", data, register=reg).korban.nomor_registrasi == CASE
    # without a register nothing is looked up: the data alone is checked
    assert validate("persetujuan", data).korban.nomor_registrasi == CASE
    assert reg.entries() == []  # validating takes no number


def test_a_request_the_incoming_agenda_does_not_hold_is_refused(reg: Register) -> None:
    seed_books(reg, kasus=1, masuk=13)  # 001..013/SM: not 014
    refused("persetujuan", example_data("persetujuan"), reg, "permohonan.nomor_agenda", REQUEST)
    data = example_data("disposisi")
    refused("disposisi", data, reg, "nomor_agenda", REQUEST)
    data = example_data("permohonan")
    refused("permohonan", data, reg, "nomor_agenda", REQUEST)


def test_every_kind_that_names_a_case_needs_it(reg: Register) -> None:
    seed_books(reg, masuk=14)
    for kind in ("persetujuan", "konseling", "disposisi"):
        refused(kind, example_data(kind), reg, "korban.nomor_registrasi", CASE)
    seed_books(reg, kasus=1)
    for kind in ("persetujuan", "konseling", "disposisi", "permohonan"):
        validate(kind, example_data(kind), register=reg)


def test_a_void_case_or_request_is_not_cited(reg: Register) -> None:
    seed_books(reg, kasus=1, masuk=14)
    reg.void(REQUEST, alasan="salah catat", buku="masuk")
    msg = refused("persetujuan", example_data("persetujuan"), reg, "permohonan.nomor_agenda")
    assert "batal" in msg
    reg.void(CASE, alasan="salah catat", buku="kasus")
    refused("persetujuan", example_data("persetujuan"), reg, "korban.nomor_registrasi")


def test_a_request_of_another_case_is_refused(reg: Register) -> None:
    seed_books(reg, kasus=2, masuk=13)
    reg.receive(dari="Pelapor", tanggal_surat=DITERIMA, perihal="Permohonan",
                tanggal_terima=DITERIMA, nomor_registrasi="002/REG-PPA/XI/2026")  # fmt: skip
    msg = refused("persetujuan", example_data("persetujuan"), reg, "permohonan.nomor_agenda")
    assert "kasus lain" in msg


def test_the_tugas_cites_an_approval_of_the_outgoing_agenda(reg: Register) -> None:
    seed_books(reg, kasus=1, masuk=14)
    data = example_data("tugas")
    refused("tugas", data, reg, "persetujuan.nomor", APPROVAL)
    seed_books(reg, persetujuan=True)
    validate("tugas", data, register=reg)
    data["persetujuan"]["tanggal"] = "2026-11-21"  # the agenda says 22 November
    refused("tugas", data, reg, "persetujuan.tanggal")


# -- dates -----------------------------------------------------------------------


def test_an_approval_before_its_request_is_refused() -> None:
    data = example_data("persetujuan")
    data["tanggal"] = "2026-11-15"  # the request is of 16 November
    with pytest.raises(
        SuratError, match=r"tanggal: surat persetujuan bertanggal sebelum permohonan"
    ):
        validate("persetujuan", data)


def test_the_request_dates_agree_with_the_incoming_agenda(reg: Register) -> None:
    seed_books(reg, kasus=1, masuk=14, tanggal=date(2026, 11, 18))
    data = example_data("persetujuan")  # cites the request as of 16 November
    refused("persetujuan", data, reg, "permohonan.tanggal")
    data["permohonan"]["tanggal"] = "2026-11-18"
    data["tanggal"] = "2026-11-18"
    validate("persetujuan", data, register=reg)


def test_an_approval_before_the_request_was_received_is_refused(reg: Register) -> None:
    seed_books(reg, kasus=1)
    # written on the 16th, received on the 20th; the approval is of the 19th
    reg.register_case(perihal="x", tanggal=DITERIMA)
    for _ in range(14):
        reg.receive(dari="Pelapor", tanggal_surat=DITERIMA, perihal="Permohonan",
                    tanggal_terima=date(2026, 11, 20))  # fmt: skip
    data = example_data("persetujuan")
    data["tanggal"] = "2026-11-19"
    msg = refused("persetujuan", data, reg, "tanggal")
    assert "diterima" in msg


def test_a_tugas_before_its_approval_and_a_task_before_its_letter_are_refused() -> None:
    data = example_data("tugas")
    data["tanggal"] = "2026-11-21"  # the approval is of 22 November
    with pytest.raises(
        SuratError, match=r"tanggal: surat tugas bertanggal sebelum surat persetujuan"
    ):
        validate("tugas", data)
    data = example_data("tugas")
    data["tugas"][1]["tanggal"] = "2026-11-20"  # the letter is of 23 November
    with pytest.raises(SuratError, match=r"tugas\.1\.tanggal: tugas bertanggal sebelum suratnya"):
        validate("tugas", data)


def test_an_undated_tugas_is_held_to_its_number_s_date() -> None:
    data = example_data("tugas")
    del data["tanggal"]  # dated by its number: 30 November, after the first task
    with pytest.raises(SuratError, match=r"tugas\.0\.tanggal: tugas bertanggal sebelum"):
        surat.render("tugas", data, office=OFFICE,
                     nomor=surat.Nomor("009/X/2026", 9, date(2026, 11, 30)))  # fmt: skip
    data = example_data("persetujuan")
    del data["tanggal"]
    with pytest.raises(SuratError, match=r"tanggal: surat persetujuan bertanggal sebelum"):
        surat.render("persetujuan", data, office=OFFICE,
                     nomor=surat.Nomor("009/X/2026", 9, date(2026, 11, 10)))  # fmt: skip


# -- weekends --------------------------------------------------------------------


def test_a_task_on_a_weekend_is_made_with_a_warning() -> None:
    data = example_data("tugas")
    data["tugas"][1]["tanggal"] = "2026-11-29"  # a Sunday
    model = validate("tugas", data)
    assert peringatan("tugas", model) == [
        "tugas.1.tanggal: hari Minggu, 29 November 2026 (akhir pekan)"
    ]
    doc = surat.render("tugas", model, office=OFFICE, nomor="005/X/XI/2026")
    assert doc.peringatan == ("tugas.1.tanggal: hari Minggu, 29 November 2026 (akhir pekan)",)
    weekday = surat.render("tugas", example_data("tugas"), office=OFFICE, nomor="005/X/XI/2026")
    assert weekday.peringatan == () and weekday._repr_html_() is None  # the page alone


@needs_soffice
def test_the_notebook_shows_the_warning_above_the_page() -> None:
    data = example_data("tugas")
    data["tugas"][0]["tanggal"] = "2026-11-28"  # a Saturday
    doc = surat.render("tugas", data, office=OFFICE, nomor="005/X/XI/2026")
    html = doc._repr_html_()
    assert html is not None
    assert "Peringatan" in html and "tugas.0.tanggal: hari Sabtu, 28 November 2026" in html
    assert "data:image/png;base64," in html  # the page under it
    assert "Putri" not in html


def test_the_cli_shows_the_warning_plain_and_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from surat.cli import main

    data = example_data("tugas")
    data["tugas"][0]["tanggal"] = "2026-11-28"  # a Saturday
    path = tmp_path / "tugas.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "tugas.docx"
    args = ["buat", "tugas", str(path), "-o", str(out), "--nomor", "005/DP3A-PP-KB/PPA/XI/2026"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "peringatan: tugas.0.tanggal: hari Sabtu, 28 November 2026 (akhir pekan)" in err
    assert main(["--json", *args]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["peringatan"] == ["tugas.0.tanggal: hari Sabtu, 28 November 2026 (akhir pekan)"]
    data["tugas"][0]["tanggal"] = "2026-11-25"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--json", *args]) == 0
    assert json.loads(capsys.readouterr().out)["peringatan"] == []


# -- the command line and the batch take no number for a false reference ------


def test_the_cli_refuses_a_letter_citing_an_unknown_case_before_a_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from surat.cli import main

    db = tmp_path / "agenda.db"
    with Register(db, office=OFFICE) as r:
        seed_books(r, masuk=14)
    path = tmp_path / "p.json"
    path.write_text(json.dumps(example_data("persetujuan")), encoding="utf-8")
    out = tmp_path / "p.docx"
    assert main(["buat", "persetujuan", str(path), "-o", str(out), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "korban.nomor_registrasi" in err and CASE not in err
    assert not out.exists()
    with Register(db, office=OFFICE) as r:
        assert r.entries() == []
        seed_books(r, kasus=1)
    assert main(["buat", "persetujuan", str(path), "-o", str(out), "--db", str(db)]) == 0
    with Register(db, office=OFFICE) as r:
        assert [e.nomor_registrasi for e in r.entries()] == [CASE]
    # a letter that is not numbered is checked too when --db is given
    path.write_text(json.dumps(example_data("disposisi") | {"nomor_agenda": "099/SM/2026"}))
    assert main(["buat", "disposisi", str(path), "-o", str(out), "--db", str(db)]) == 1
    assert "nomor_agenda: tidak ada di buku agenda surat masuk" in capsys.readouterr().err


@needs_soffice
def test_a_batch_citing_unknown_cases_takes_no_number(tmp_path: Path, reg: Register) -> None:
    from surat.batch import print_batch

    seed_books(reg, kasus=1, masuk=14)
    good = example_data("persetujuan")
    bad = example_data("persetujuan")
    bad["korban"]["nomor_registrasi"] = "002/REG-PPA/XI/2026"
    out = tmp_path / "cetak.pdf"
    with pytest.raises(SuratError) as err:
        print_batch("persetujuan", [good, bad], out, register=reg, progress=False)
    msg = str(err.value)
    assert "1 dari 2 baris" in msg and "baris 2: korban.nomor_registrasi: tidak ada di" in msg
    assert "002/REG-PPA" not in msg
    assert [p.path for p in err.value.errors] == ["baris.2.korban.nomor_registrasi"]
    assert reg.entries() == [] and not out.exists()


@needs_soffice
def test_a_batch_reports_each_weekend_task(tmp_path: Path, reg: Register) -> None:
    from surat.batch import print_batch

    seed_books(reg, kasus=1, masuk=14, persetujuan=True)
    weekday = example_data("tugas")
    weekend = example_data("tugas")
    weekend["tugas"][1]["tanggal"] = "2026-11-29"
    s = print_batch("tugas", [weekday, weekend], tmp_path / "t.pdf", register=reg,
                    copies=[], progress=False)  # fmt: skip
    (second,) = s.peringatan
    assert second.startswith(s.numbers[1]) and second.endswith(
        "tugas.1.tanggal: hari Minggu, 29 November 2026 (akhir pekan)"
    )
    assert f"Peringatan: {second}" in str(s)


# -- the case file -----------------------------------------------------------------


@pytest.fixture
def kasus_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / "kasus.json").read_text(encoding="utf-8"))
    return data


def test_the_case_s_own_dates_are_held_to_the_rules(reg: Register, kasus_data: Any) -> None:
    kasus_data["persetujuan"]["tanggal"] = "2026-11-15"  # the request came on the 16th
    with pytest.raises(
        SuratError, match="tanggal: surat persetujuan bertanggal sebelum permohonan"
    ):
        Kasus.from_dict(kasus_data).letters(reg)
    assert reg.entries() == [] and reg.cases() == []


def test_a_case_number_the_books_do_not_hold_is_refused(reg: Register, kasus_data: Any) -> None:
    kasus_data["nomor_registrasi"] = "007/REG-PPA/XI/2026"
    with pytest.raises(SuratError) as err:
        Kasus.from_dict(kasus_data).letters(reg)
    assert str(err.value).startswith("nomor_registrasi: tidak ada di buku register kasus")
    assert "007/REG" not in str(err.value)
    assert reg.entries() == [] and reg.received() == []
    seed_books(reg, kasus=7, masuk=2)
    kasus_data["nomor_agenda"] = "002/SM/2026"
    kasus_data["tanggal"] = "2026-11-17"  # the agenda received it on the 16th
    with pytest.raises(
        SuratError, match=r"^tanggal: berbeda dengan tanggal diterimanya permohonan di buku agenda"
    ):
        Kasus.from_dict(kasus_data).letters(reg)
    assert reg.entries() == []


def test_an_unstable_client_sees_the_psychologist_before_the_police(
    reg: Register, kasus_data: Any
) -> None:
    assert kasus_data["konseling"]["kondisi_psikis_stabil"] is False
    del kasus_data["konseling"]["konsultasi_psikolog"]
    with pytest.raises(SuratError) as err:  # task 0: the BAP at the Polresta
        Kasus.from_dict(kasus_data).letters(reg)
    msg = str(err.value)
    assert msg.startswith(f"tugas.tugas.0.tanggal: {ATURAN_PSIKOLOG}")
    assert reg.entries() == [] and reg.cases() == []
    # a consultation after the hearing does not count
    kasus_data["konseling"]["konsultasi_psikolog"] = {
        "mulai": "2026-11-25 10:00",
        "selesai": "2026-11-25 11:00",
    }
    with pytest.raises(SuratError, match=re.escape(ATURAN_PSIKOLOG)):
        Kasus.from_dict(kasus_data).letters(reg)
    # the same morning, before the 09.00 hearing, does
    kasus_data["konseling"]["konsultasi_psikolog"] = {
        "mulai": "2026-11-25 07:30",
        "selesai": "2026-11-25 08:15",
    }
    docs = Kasus.from_dict(kasus_data).letters(reg)
    (case,) = reg.cases()
    (step,) = reg.steps(case.nomor)  # recorded as the case's SOP 32 step 9, by the psychologist
    assert (step.sop, step.langkah, step.oleh) == ("32", 9, "psikolog")
    assert step.kegiatan.startswith("Konsultasi kepada psikolog")  # not the accompaniment
    assert f"{step.selesai:%Y-%m-%d %H:%M}" == "2026-11-25 08:15"
    assert len(docs) == 4


def test_a_consultation_recorded_as_a_step_lets_the_tugas_through(
    reg: Register, kasus_data: Any
) -> None:
    del kasus_data["konseling"]["konsultasi_psikolog"]
    seed_books(reg, kasus=1)
    reg.receive(dari="Pelapor kasus 001", tanggal_surat="2026-11-16", perihal="Permohonan",
                tanggal_terima="2026-11-16", nomor_registrasi=CASE)  # fmt: skip
    kasus_data |= {"nomor_registrasi": CASE, "nomor_agenda": "001/SM/2026"}
    with pytest.raises(SuratError, match=re.escape(ATURAN_PSIKOLOG)):
        Kasus.from_dict(kasus_data).letters(reg)
    reg.record_step(CASE, sop="32", langkah=9, mulai="2026-11-24 09:00",
                    selesai="2026-11-24 09:30", oleh="psikolog")  # fmt: skip
    assert len(Kasus.from_dict(kasus_data).letters(reg)) == 4
    assert len(reg.steps(CASE)) == 1  # nothing recorded twice


def test_the_rule_concerns_only_unstable_clients_and_the_police_or_a_court(
    reg: Register, kasus_data: Any
) -> None:
    del kasus_data["konseling"]["konsultasi_psikolog"]
    stable = json.loads(json.dumps(kasus_data))
    stable["konseling"]["kondisi_psikis_stabil"] = True
    Kasus.from_dict(stable).check()
    hospital = json.loads(json.dumps(kasus_data))
    hospital["tugas"]["tugas"] = hospital["tugas"]["tugas"][1:]  # the visum at the RSUD only
    Kasus.from_dict(hospital).check()
    court = json.loads(json.dumps(kasus_data))
    court["tugas"]["tugas"] = [
        {"kegiatan": "sidang", "tempat": "Pengadilan Negeri Batam", "tanggal": "2026-12-02"}
    ]
    with pytest.raises(SuratError, match=re.escape(ATURAN_PSIKOLOG)):
        Kasus.from_dict(court).check()


# -- PostgreSQL ----------------------------------------------------------------------


def test_references_are_looked_up_on_postgresql(postgres_db: str) -> None:
    with Register(postgres_db, office=OFFICE) as reg:
        data = example_data("persetujuan")
        refused("persetujuan", data, reg, "korban.nomor_registrasi", CASE)
        seed_books(reg, kasus=1, masuk=14)
        assert validate("persetujuan", data, register=reg).permohonan.nomor_agenda == REQUEST
        assert reg.find(CASE, buku="kasus") is not None
        assert reg.find("1/REG-PPA/XI/2026", buku="kasus") is None  # exactly as printed
        reg.void(CASE, alasan="salah catat", buku="kasus")
        refused("persetujuan", data, reg, "korban.nomor_registrasi", CASE)
