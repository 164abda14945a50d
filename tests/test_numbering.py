"""The register against both backends: every test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

import surat
from surat import Office, Register, SuratError
from surat.numbering import Entry, Nomor

D = date(2026, 11, 22)


def office_with(**penomoran: str) -> Office:
    office = Office.default()
    return office.model_copy(update={"penomoran": office.penomoran.model_copy(update=penomoran)})


@pytest.fixture
def reg(register_db: str) -> Iterator[Register]:
    with Register(register_db) as r:
        yield r


def issue(reg: Register, tanggal: date | datetime = D, **kw: str) -> Nomor:
    kw.setdefault("perihal", "Persetujuan Pendampingan")
    kw.setdefault("klasifikasi", "PPA")
    return reg.issue(tanggal=tanggal, **kw)


# -- the contract -------------------------------------------------------------


def test_issue_contract(reg: Register) -> None:
    n = reg.issue(perihal="Persetujuan Pendampingan", tujuan="Sdr. X", klasifikasi="PPA", tanggal=D)
    assert str(n) == n.nomor == "001/DP3A-PP-KB/PPA/XI/2026"
    assert (n.urut, n.tahun, n.bulan, n.tanggal) == (1, 2026, 11, D)
    assert (n.klasifikasi, n.sisipan) == ("PPA", "")
    assert str(issue(reg)) == "002/DP3A-PP-KB/PPA/XI/2026"
    [e1, e2] = reg.entries(tahun=2026)
    assert isinstance(e1, Entry)
    assert (e1.nomor, e1.urut, e1.tanggal, e1.perihal, e1.tujuan, e1.status, e1.alasan) == (
        "001/DP3A-PP-KB/PPA/XI/2026",
        1,
        D,
        "Persetujuan Pendampingan",
        "Sdr. X",
        "aktif",
        None,
    )
    assert e1.created_at.tzinfo is not None and e1.created_at.utcoffset() == timedelta(hours=7)
    assert e2.urut == 2


def test_empty_klasifikasi_drops_its_segment(reg: Register) -> None:
    assert str(reg.issue(perihal="Undangan", tanggal=D)) == "001/DP3A-PP-KB/XI/2026"
    assert str(reg.issue(perihal="Undangan", klasifikasi=None, tanggal=D)).startswith("002/")


def test_pattern_override_matches_the_sops_numbers(register_db: str) -> None:
    pola = "{urut}/{kode}/{klasifikasi}/{bulan_romawi}/{tahun}"
    with Register(register_db, pattern=pola) as reg:
        for _ in range(33):
            reg.issue(perihal="SOP", klasifikasi="SOP", tanggal=date(2020, 2, 10))
        n = reg.issue(perihal="SOP", klasifikasi="SOP", tanggal=date(2020, 2, 10))
    assert str(n) == "34/DP3A-PP-KB/SOP/II/2020"
    assert surat.numbering.parse(str(n), pattern=pola).urut == 34


def test_peek_consumes_nothing(reg: Register) -> None:
    assert str(reg.peek(klasifikasi="PPA", tanggal=D)) == "001/DP3A-PP-KB/PPA/XI/2026"
    assert str(reg.peek(klasifikasi="PPA", tanggal=D)) == "001/DP3A-PP-KB/PPA/XI/2026"
    issue(reg)
    assert reg.peek(klasifikasi="PPA", tanggal=D).urut == 2
    assert reg.peek(tanggal=D).urut == 2  # one counter per year: klasifikasi does not matter
    assert issue(reg).urut == 2
    assert len(reg.entries()) == 2


def test_peek_defaults_to_today_in_wib(reg: Register) -> None:
    n = reg.peek()
    assert n.tanggal == surat.today()
    assert n.nomor.endswith(f"/{surat.bulan_romawi(n.bulan)}/{n.tahun}")


# -- years and the WIB clock --------------------------------------------------


#: The year's end lies more than a week after the day these tests were written:
#: a letter dated that far ahead takes a number only with a reason.
AHEAD = "dicatat sebelum pergantian tahun"


def test_year_rollover_restarts_at_one(reg: Register) -> None:
    assert issue(reg, date(2026, 12, 31), alasan=AHEAD).urut == 1
    assert issue(reg, date(2026, 12, 31), alasan=AHEAD).urut == 2
    new = issue(reg, date(2027, 1, 1), alasan=AHEAD)
    assert (str(new), new.urut) == ("001/DP3A-PP-KB/PPA/I/2027", 1)
    late = issue(reg, date(2026, 12, 31), alasan="dicatat terlambat")
    assert str(late) == "003/DP3A-PP-KB/PPA/XII/2026"  # the old year's book continues
    assert [e.urut for e in reg.entries(tahun=2026)] == [1, 2, 3]
    assert [e.nomor for e in reg.entries(tahun=2027)] == ["001/DP3A-PP-KB/PPA/I/2027"]
    assert [e.tahun for e in reg.entries()] == [2026, 2026, 2026, 2027]


def test_wib_midnight_edge(reg: Register) -> None:
    before = issue(reg, datetime(2026, 12, 31, 16, 59, tzinfo=UTC), alasan=AHEAD)  # 23:59 WIB
    after = issue(reg, datetime(2026, 12, 31, 17, 30, tzinfo=UTC), alasan=AHEAD)  # 00:30 WIB
    assert str(before) == "001/DP3A-PP-KB/PPA/XII/2026"
    assert str(after) == "001/DP3A-PP-KB/PPA/I/2027"
    assert after.tanggal == date(2027, 1, 1) and after.tahun == 2027
    assert [e.tanggal for e in reg.entries(tahun=2027)] == [date(2027, 1, 1)]
    other_zone = issue(
        reg, datetime(2027, 1, 1, 1, 0, tzinfo=timezone(timedelta(hours=9))), alasan=AHEAD
    )
    assert other_zone.tanggal == date(2026, 12, 31)  # 01:00 WIT is 23:00 WIB the day before


# -- void and reserve ---------------------------------------------------------


def test_void_keeps_the_number_and_never_reuses_it(reg: Register) -> None:
    first = issue(reg)
    issue(reg)
    voided = reg.void("001/DP3A-PP-KB/PPA/XI/2026", alasan="salah ketik")
    assert (voided.nomor, voided.status, voided.alasan) == (first.nomor, "batal", "salah ketik")
    assert voided.batal_at is not None
    assert issue(reg).urut == 3
    assert [(e.urut, e.status) for e in reg.entries()] == [(1, "batal"), (2, "aktif"), (3, "aktif")]
    assert [e.urut for e in reg.entries(status="batal")] == [1]
    assert [e.urut for e in reg.entries(status="aktif")] == [2, 3]
    assert reg.entries(tahun=2026, status="batal")[0].alasan_batal == "salah ketik"


def test_void_accepts_a_nomor_and_an_unpadded_number(reg: Register) -> None:
    n1, n2 = issue(reg), issue(reg)
    assert reg.void(n1, alasan="x").status == "batal"
    assert reg.void("2/DP3A-PP-KB/PPA/XI/2026", alasan="x").nomor == n2.nomor


def test_void_errors(reg: Register) -> None:
    n = issue(reg)
    with pytest.raises(SuratError, match="tidak ada di buku agenda kantor ini"):
        reg.void("009/DP3A-PP-KB/PPA/XI/2026", alasan="x")
    with pytest.raises(SuratError, match="alasan: tidak boleh kosong"):
        reg.void(n.nomor, alasan="  ")
    reg.void(n.nomor, alasan="salah ketik")
    with pytest.raises(SuratError, match="sudah batal"):
        reg.void(n.nomor, alasan="lagi")
    assert reg.entries()[0].alasan == "salah ketik"


def test_reserve_voids_when_the_block_fails(reg: Register) -> None:
    with reg.reserve(perihal="Surat Tugas", klasifikasi="PPA", tanggal=D) as ok:
        pass
    with (
        pytest.raises(KeyError, match="korban"),
        reg.reserve(perihal="Surat Tugas", klasifikasi="PPA", tanggal=D) as bad,
    ):
        raise KeyError("korban")
    assert (ok.urut, bad.urut) == (1, 2)
    entries = reg.entries()
    assert [(e.nomor, e.status) for e in entries] == [(ok.nomor, "aktif"), (bad.nomor, "batal")]
    assert entries[1].alasan == "KeyError"  # the type only: messages may quote personal data
    assert issue(reg).urut == 3


# -- backdated letters (nomor sisipan) ----------------------------------------


def test_sisipan_follows_the_last_letter_dated_on_or_before(reg: Register) -> None:
    for day in (1, 5, 10):
        issue(reg, date(2026, 3, day))
    a = issue(reg, date(2026, 3, 6), alasan="terlambat dicatat")
    b = issue(reg, date(2026, 3, 7))
    assert (str(a), a.urut, a.sisipan) == ("002.a/DP3A-PP-KB/PPA/III/2026", 2, "a")
    assert str(b) == "002.b/DP3A-PP-KB/PPA/III/2026"
    assert str(issue(reg, date(2026, 3, 1))) == "001.a/DP3A-PP-KB/PPA/III/2026"
    assert str(issue(reg, date(2026, 3, 10))) == "004/DP3A-PP-KB/PPA/III/2026"  # same day: next
    assert [e.nomor.split("/")[0] for e in reg.entries()] == [
        "001",
        "001.a",
        "002",
        "002.a",
        "002.b",
        "003",
        "004",
    ]
    assert reg.entries()[3].alasan == "terlambat dicatat"
    assert str(reg.peek(klasifikasi="PPA", tanggal=date(2026, 3, 6))) == (
        "002.c/DP3A-PP-KB/PPA/III/2026"
    )


def test_sisipan_before_the_first_letter_is_refused(reg: Register) -> None:
    issue(reg, date(2026, 3, 5))
    with pytest.raises(SuratError, match="tidak punya induk"):
        issue(reg, date(2026, 3, 1))
    assert len(reg.entries()) == 1
    assert issue(reg, date(2026, 3, 5)).urut == 2  # the refusal consumed nothing


def test_sisipan_after_a_voided_letter(reg: Register) -> None:
    issue(reg, date(2026, 3, 1))
    two = issue(reg, date(2026, 3, 5))
    issue(reg, date(2026, 3, 10))
    reg.void(two, alasan="salah ketik")
    assert str(issue(reg, date(2026, 3, 6))) == "002.a/DP3A-PP-KB/PPA/III/2026"


def test_policy_urut_gives_the_plain_next_number(register_db: str) -> None:
    with Register(register_db, office=office_with(sisipan="urut")) as reg:
        issue(reg, date(2026, 3, 10))
        n = issue(reg, date(2026, 3, 6))
        assert (str(n), n.sisipan) == ("002/DP3A-PP-KB/PPA/III/2026", "")
        assert issue(reg, date(2026, 3, 8)).urut == 3


def test_policy_tolak_refuses_and_writes_nothing(register_db: str) -> None:
    with Register(register_db, office=office_with(sisipan="tolak")) as reg:
        issue(reg, date(2026, 3, 10))
        with pytest.raises(SuratError, match="menolak nomor bertanggal mundur"):
            issue(reg, date(2026, 3, 6))
        with pytest.raises(SuratError, match="menolak nomor bertanggal mundur"):
            reg.peek(tanggal=date(2026, 3, 6))
        assert issue(reg, date(2026, 3, 10)).urut == 2
        assert len(reg.entries()) == 2


def test_unknown_policy_is_refused(register_db: str) -> None:
    with pytest.raises(SuratError, match=r"penomoran\.sisipan"):
        Register(register_db, office=office_with(sisipan="kadang"))
    with pytest.raises(SuratError, match=r"penomoran\.lingkup"):
        Register(register_db, office=office_with(lingkup="bulan"))


# -- scope --------------------------------------------------------------------


def test_scope_per_klasifikasi(register_db: str) -> None:
    with Register(register_db, office=office_with(lingkup="klasifikasi")) as reg:
        assert issue(reg, klasifikasi="PPA").urut == 1
        assert issue(reg, klasifikasi="UMUM").urut == 1
        assert issue(reg, klasifikasi="PPA").urut == 2
        assert [e.nomor for e in reg.entries(klasifikasi="PPA")] == [
            "001/DP3A-PP-KB/PPA/XI/2026",
            "002/DP3A-PP-KB/PPA/XI/2026",
        ]
    with pytest.raises(SuratError, match=r"tidak memuat \{klasifikasi\}"):
        Register(register_db, office=office_with(lingkup="klasifikasi"), pattern="{urut}/{tahun}")


def test_scope_per_year_shares_one_counter(reg: Register) -> None:
    assert [issue(reg, klasifikasi=k).urut for k in ("PPA", "UMUM", "PPA")] == [1, 2, 3]
    assert [e.urut for e in reg.entries(klasifikasi="UMUM")] == [2]


def test_two_offices_share_a_database_with_separate_books(register_db: str) -> None:
    other = Office.default().model_copy(update={"kode": "DISDIK"})
    with Register(register_db) as a, Register(register_db, office=other) as b:
        assert str(issue(a)) == "001/DP3A-PP-KB/PPA/XI/2026"
        assert str(issue(b)) == "001/DISDIK/PPA/XI/2026"
        assert [e.nomor for e in b.entries()] == ["001/DISDIK/PPA/XI/2026"]
        with pytest.raises(SuratError, match="tidak ada di buku"):
            b.void("001/DP3A-PP-KB/PPA/XI/2026", alasan="x")


# -- bad input writes nothing -------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"perihal": ""}, "perihal: tidak boleh kosong"),
        ({"perihal": "   "}, "perihal: tidak boleh kosong"),
        ({"perihal": None}, "perihal: tidak boleh kosong"),
        ({"perihal": 42}, "perihal: teks diharapkan"),
        ({"perihal": "x" * 2001}, "perihal: paling banyak"),
        ({"perihal": "a\nb"}, "perihal: satu baris diharapkan"),
        ({"tujuan": ["Sdr. X"]}, "tujuan: teks diharapkan"),
        ({"klasifikasi": "P/A"}, "klasifikasi: kode tanpa"),
        ({"klasifikasi": "P A"}, "klasifikasi: kode tanpa"),
        ({"tanggal": "31-11-2026"}, "tanggal: tanggal ini tidak ada di kalender"),
        ({"tanggal": "11/22/2026"}, "tanggal: bulan lebih dari 12"),
        ({"tanggal": 20261122}, "tanggal: tanggal diharapkan"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(
    reg: Register, kwargs: dict[str, object], message: str
) -> None:
    args: dict[str, object] = {"perihal": "Persetujuan", "klasifikasi": "PPA", "tanggal": D}
    args.update(kwargs)
    with pytest.raises(SuratError, match=message):
        reg.issue(**args)  # type: ignore[arg-type]
    assert reg.entries() == []
    assert issue(reg).urut == 1


def test_iso_date_text_is_accepted(reg: Register) -> None:
    assert issue(reg, "2026-11-22").tanggal == D  # type: ignore[arg-type]


def test_a_date_typed_as_people_write_it_is_accepted(reg: Register) -> None:
    for typed in ("22/11/2026", "22-11-2026", "22 November 2026", "22 Nov 2026"):
        assert issue(reg, typed).tanggal == D  # type: ignore[arg-type]


def test_entries_filters_are_checked(reg: Register) -> None:
    with pytest.raises(SuratError, match="status"):
        reg.entries(status="hapus")
    with pytest.raises(SuratError, match="tahun"):
        reg.entries(tahun="2026")  # type: ignore[arg-type]


def test_bad_patterns_are_refused(register_db: str) -> None:
    for pola, message in [
        ("{urut}/{kode}", "tidak memuat {tahun}"),
        ("{kode}/{tahun}", "tidak memuat {urut}"),
        ("{urut}/{nama}/{tahun}", "isian {nama} tidak dikenal"),
        ("{urut:>5}/{tahun}", "isian nol"),
        ("{urut}{tahun}", "memerlukan pemisah"),
        ("{urut}/{tahun}/{tahun}", "muncul dua kali"),
        ("{urut!r}/{tahun}", "konversi"),
        ("{urut/{tahun}", "bukan pola yang sah"),
        ("{urut}.{klasifikasi}/{tahun}", "akhiran nomor sisipan"),
        ("{urut}.a/{tahun}", "akhiran nomor sisipan"),
        ("{tahun}/{urut}.b", "akhiran nomor sisipan"),
    ]:
        with pytest.raises(SuratError, match=message):
            Register(register_db, pattern=pola)


# -- the other two books ------------------------------------------------------


def test_incoming_agenda_has_its_own_counter(reg: Register) -> None:
    issue(reg)
    m1 = reg.receive(
        dari="Polresta Barelang",
        nomor_surat="B/12/XI/2026",
        tanggal_surat=date(2026, 11, 20),
        perihal="Permohonan pendampingan",
        tanggal_terima=D,
    )
    m2 = reg.receive(dari="Pelapor", nomor_surat=None, perihal="Permohonan", tanggal_terima=D)
    assert (str(m1), m1.urut, str(m2)) == ("001/SM/2026", 1, "002/SM/2026")
    assert reg.receive(dari="RSUD", perihal="Rujukan", tanggal_terima=date(2027, 1, 2)).urut == 1
    [r1, r2] = reg.received(tahun=2026)
    assert (r1.nomor, r1.dari, r1.nomor_surat, r1.tanggal_surat, r1.tanggal_terima) == (
        "001/SM/2026",
        "Polresta Barelang",
        "B/12/XI/2026",
        date(2026, 11, 20),
        D,
    )
    assert (r2.nomor_surat, r2.tanggal_surat) == ("", None)
    assert "Pelapor" not in repr(r2)  # the sender may be a person
    assert len(reg.received()) == 3
    assert [e.urut for e in reg.entries()] == [1]  # the outgoing book is untouched
    with pytest.raises(SuratError, match="dari: tidak boleh kosong"):
        reg.receive(dari="", perihal="x")


def test_case_register_has_its_own_counter(reg: Register) -> None:
    issue(reg)
    c1 = reg.register_case(perihal="Pengaduan kekerasan", tanggal=D)
    c2 = reg.register_case(perihal="Pengaduan", tanggal=datetime(2026, 12, 31, 17, 30, tzinfo=UTC))
    assert (str(c1), c1.urut) == ("001/REG-PPA/XI/2026", 1)
    assert str(c2) == "001/REG-PPA/I/2027"
    assert [e.nomor for e in reg.cases(tahun=2026)] == ["001/REG-PPA/XI/2026"]
    assert len(reg.cases()) == 2
    assert len(reg.entries()) == 1


# -- export ---------------------------------------------------------------------


def test_export_csv_is_private_complete_and_formula_safe(reg: Register, tmp_path: Path) -> None:
    issue(reg, perihal='=HYPERLINK("http://x")', tujuan="Sdr. X")
    issue(reg)
    reg.void("002/DP3A-PP-KB/PPA/XI/2026", alasan="salah ketik")
    path = reg.export(tmp_path / "agenda-2026.csv")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[0][:2] == ["Nomor", "Urut"]
    assert [r[0] for r in rows[1:]] == ["001/DP3A-PP-KB/PPA/XI/2026", "002/DP3A-PP-KB/PPA/XI/2026"]
    assert rows[1][5] == '\'=HYPERLINK("http://x")'
    assert rows[2][7:10] == ["batal", "", "salah ketik"]


def test_export_xlsx(reg: Register, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    issue(reg, perihal="=1+1")
    path = reg.export(tmp_path / "agenda.xlsx", tahun=2026)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    ws = openpyxl.load_workbook(path).active
    assert ws.cell(2, 1).value == "001/DP3A-PP-KB/PPA/XI/2026"
    assert ws.cell(2, 6).value == "=1+1" and ws.cell(2, 6).data_type == "s"


def test_export_refuses_other_formats(reg: Register, tmp_path: Path) -> None:
    with pytest.raises(SuratError, match=r"\.csv atau \.xlsx"):
        reg.export(tmp_path / "agenda.pdf")
    with pytest.raises(SuratError, match="tidak ada"):
        reg.export(tmp_path / "nope" / "agenda.csv")


# -- the register itself ------------------------------------------------------


def test_repr_shows_backend_and_office_code_only(register_db: str) -> None:
    with Register(register_db) as reg:
        text = repr(reg)
    assert text == f"Register(backend={reg.backend!r}, kode='DP3A-PP-KB')"
    assert register_db not in text


def test_closed_register_refuses_work(register_db: str) -> None:
    reg = Register(register_db)
    reg.close()
    reg.close()  # idempotent
    with pytest.raises(SuratError, match="sudah ditutup"):
        issue(reg)


def test_reopening_continues_the_sequence(register_db: str) -> None:
    with Register(register_db) as reg:
        issue(reg)
    with Register(register_db) as reg:
        assert issue(reg).urut == 2


def test_newer_schema_is_refused(register_db: str) -> None:
    with Register(register_db) as reg, reg._tx() as tx:
        tx.run("UPDATE surat_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(SuratError, match="surat yang lebih baru"):
        Register(register_db)


def test_the_register_module_keeps_its_names_and_the_vocabulary_has_one_home() -> None:
    from surat import vocab
    from surat.numbering import register

    assert register.Buku is vocab.Buku
    assert register.BOOKS is vocab.BOOKS and register.STATUSES is vocab.STATUSES
    for name in ("Register", "Entry", "Masuk", "Nomor", "SCHEMA_VERSION", "LangkahKasus"):
        assert getattr(register, name) is getattr(surat.numbering, name), name


NUMBERING_ONLY = """
import sys
from datetime import date
import surat
with surat.Register(sys.argv[1]) as reg:
    reg.issue(perihal="Persetujuan", tujuan="Sdr.\\x07 Pelapor", tanggal=date(2026, 11, 22))
    reg.receive(dari="Pelapor", perihal="Permohonan", tanggal_terima=date(2026, 11, 22))
    reg.register_case(perihal="Pengaduan", tanggal=date(2026, 11, 22))
    reg.void("001/REG-PPA/XI/2026", alasan="salah", buku="kasus")
    reg.entries(), reg.received(), reg.cases(), reg.steps()
    reg.export(sys.argv[2])
print(sorted(m for m in ("surat.letters", "docx", "docxtpl", "jinja2") if m in sys.modules))
"""


def test_numbering_loads_no_letter_models(register_db: str, tmp_path: Path) -> None:
    """Each process that takes a number would otherwise pay for loading the letters'
    models and python-docx (a second or more) on its first issue()."""
    out = subprocess.run(
        [sys.executable, "-c", NUMBERING_ONLY, register_db, str(tmp_path / "agenda.csv")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout == "[]\n"
    assert "Sdr. Pelapor" in (tmp_path / "agenda.csv").read_text(encoding="utf-8")


def test_forked_child_opens_its_own_connection(register_db: str) -> None:
    with Register(register_db) as reg:
        issue(reg)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child reports through its exit code
            code = 1
            try:
                code = 0 if issue(reg).urut == 2 else 3
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert issue(reg).urut == 3  # the parent's connection still works


def test_a_new_sqlite_register_is_owner_only(tmp_path: Path) -> None:
    with Register(tmp_path / "agenda.db") as reg:
        issue(reg)
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
    assert modes == {"agenda.db": 0o600, "agenda.db-wal": 0o600, "agenda.db-shm": 0o600}


def test_unwritable_sqlite_targets(tmp_path: Path) -> None:
    with pytest.raises(SuratError, match="folder buku agenda tidak ada"):
        Register(tmp_path / "missing" / "agenda.db")
    with pytest.raises(SuratError, match="sebuah folder, bukan berkas buku agenda"):
        Register(tmp_path)  # a folder, not a file
    (tmp_path / "junk.db").write_bytes(b"not a database" * 100)
    with pytest.raises(SuratError, match=r"junk\.db"):
        Register(tmp_path / "junk.db")


def test_server_down_is_a_surat_error_without_the_password() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound but not listening: connections are refused
        with pytest.raises(SuratError) as info:
            Register(f"postgresql://clerk:s3cret@127.0.0.1:{port}/agenda")
    assert f"postgresql://127.0.0.1:{port}/agenda" in str(info.value)
    assert "s3cret" not in str(info.value) and "clerk" not in str(info.value)


def test_register_needs_a_path_or_url() -> None:
    for db in ("", 42, None):
        with pytest.raises(SuratError, match="db: jalur berkas atau URL postgresql://"):
            Register(db)  # type: ignore[arg-type]


def test_register_accepts_only_an_office(tmp_path: Path) -> None:
    with pytest.raises(SuratError, match="office: Office diharapkan"):
        Register(tmp_path / "a.db", office="DP3A")  # type: ignore[arg-type]


def test_void_in_the_incoming_and_case_books(reg: Register) -> None:
    m = reg.receive(dari="RSUD", perihal="Rujukan", tanggal_terima=D)
    c = reg.register_case(perihal="Pengaduan", tanggal=D)
    issue(reg)
    assert reg.void(m, alasan="dicatat ganda", buku="masuk").status == "batal"
    assert reg.void("1/REG-PPA/XI/2026", alasan="salah", buku="kasus").nomor == c.nomor
    [masuk] = reg.received()
    assert (masuk.status, masuk.alasan_batal) == ("batal", "dicatat ganda")
    assert [e.status for e in reg.cases()] == ["batal"]
    assert [e.status for e in reg.entries()] == ["aktif"]
    assert reg.receive(dari="RSUD", perihal="Rujukan", tanggal_terima=D).urut == 2
    with pytest.raises(SuratError, match="tidak ada di buku agenda kantor ini"):
        reg.void(m.nomor, alasan="x")  # an incoming number is not in the outgoing book
    with pytest.raises(SuratError, match="buku: salah satu dari"):
        reg.void(m.nomor, alasan="x", buku="arsip")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "pola",
    ["No. {urut:02d}/{kode}/{klasifikasi}/{bulan:02d}/{tahun}", "{urut}.{tahun}/{klasifikasi}"],
)
def test_numbers_past_the_padding_width(register_db: str, pola: str) -> None:
    # PostgreSQL builds the number in SQL (one statement); it must equal the Python format.
    with Register(register_db, pattern=pola) as reg:
        taken = [reg.issue(perihal="Uji", klasifikasi="PPA", tanggal=D) for _ in range(101)]
        recorded = [e.nomor for e in reg.entries()]
    expected = [
        surat.numbering.format_nomor(
            pola, urut=i, kode="DP3A-PP-KB", klasifikasi="PPA", bulan=11, tahun=2026
        )
        for i in range(1, 102)
    ]
    assert [str(n) for n in taken] == recorded == expected
    assert expected[8].startswith(("No. 09/", "9.2026")) and "100" in expected[99]


def test_a_voided_letter_no_longer_dates_the_agenda(reg: Register) -> None:
    issue(reg, date(2026, 3, 5))
    late = issue(reg, date(2026, 3, 10))
    reg.void(late, alasan="tanggal salah")
    fixed = issue(reg, date(2026, 3, 8))  # no longer backdated: the 10 March letter is void
    assert (fixed.urut, fixed.sisipan) == (3, "")
    inserted = issue(reg, date(2026, 3, 6))
    assert inserted.nomor == "001.a/DP3A-PP-KB/PPA/III/2026"
    reg.void(fixed, alasan="x")
    reg.void("1/DP3A-PP-KB/PPA/III/2026", alasan="x")
    with pytest.raises(SuratError, match="tidak punya induk"):
        issue(reg, date(2026, 3, 1))  # 001.a (6 March) is still active
    reg.void(inserted, alasan="x")
    assert issue(reg, date(2026, 3, 1)).urut == 4  # every letter void: nothing to backdate


def test_a_register_made_before_batches_gets_their_column(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "agenda.db"
    with Register(db) as reg:
        issue(reg)
    with sqlite3.connect(db) as conn:  # the register as schema 2 made it
        conn.execute("ALTER TABLE surat_agenda DROP COLUMN batch")
        conn.execute("UPDATE surat_meta SET value = '2' WHERE key = 'schema_version'")
    conn.close()
    with Register(db) as reg:
        n = reg.issue(perihal="Persetujuan", tanggal=D, batch="host:1:ab")
        assert [e.nomor for e in reg.pending()] == [str(n)]
        assert reg.finish_batch("host:1:ab") == 1
        assert reg.pending() == [] and len(reg.entries()) == 2
