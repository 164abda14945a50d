"""Laporan penutupan kasus: the services given, the outcome, the reason from the closed
list; written by ``surat buat penutupan --db``, it closes the case in the register."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import surat
from surat import SuratError
from surat.cli import main
from surat.letters import KELUAR, NUMBERED, build_context, example_data, validate
from surat.privacy import find_personal

OFFICE = surat.Office.default()
DAY = date(2027, 1, 15)


def ctx(data: dict[str, Any], tanggal: date = DAY) -> dict[str, Any]:
    return build_context("penutupan", validate("penutupan", data), OFFICE, tanggal=tanggal)


def test_internal_and_not_numbered() -> None:
    assert "penutupan" not in KELUAR and "penutupan" not in NUMBERED


def test_the_report_holds_the_case_its_services_in_order_and_the_reason() -> None:
    c = ctx(example_data("penutupan"))
    assert c["korban"] == {"inisial": "P.A.L.", "nomor_registrasi": "001/REG-PPA/XI/2026"}
    assert c["lama"] == "60 hari"
    assert [x["layanan"] for x in c["layanan"]] == [
        "Pengaduan", "Bantuan Hukum", "Kesehatan", "Rehabilitasi Sosial",
    ]  # fmt: skip
    assert c["layanan"][1]["tanggal"] == "25 November 2026 s.d. 8 Januari 2027"
    assert c["alasan"] == "Layanan telah selesai diberikan sesuai kebutuhan korban"
    assert c["penandatangan"]["jabatan"] == OFFICE.pejabat["kabid"].jabatan
    assert c["dibuat"]["nama"] == "Rina Marlina, S.Psi."
    assert "Lestari" not in json.dumps(c, default=str)


def test_a_referred_case_names_where_to() -> None:
    data = example_data("penutupan") | {"alasan": "dirujuk", "dirujuk_ke": "UPTD PPA Provinsi"}
    assert ctx(data)["alasan"] == "Dirujuk kepada lembaga lain: UPTD PPA Provinsi"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"alasan": "bosan"}, "alasan:"),
        ({"alasan": "dirujuk"}, "dirujuk_ke: kasus yang ditutup karena 'dirujuk' menyebut ke mana"),
        ({"dirujuk_ke": "RSUD"}, "dirujuk_ke: hanya untuk kasus yang ditutup karena 'dirujuk'"),
        ({"layanan": []}, "layanan:"),
        ({"tanggal_registrasi": "2026-11-20"}, r"layanan\.0\.tanggal: layanan diberikan sebelum"),
        ({"tanggal": "2026-12-31"}, r"layanan\.3: layanan sesudah tanggal laporan"),
        ({"hasil": "x" * 3001}, "hasil:"),
        ({"pengelola": {"nama": "Rina", "jabatan": "Staf", "nip": "123"}}, r"pengelola\.nip:"),
    ],
)
def test_validation_names_the_field_never_the_value(change: dict[str, Any], message: str) -> None:
    with pytest.raises(SuratError, match=message) as err:
        validate("penutupan", example_data("penutupan") | change)
    assert "Lestari" not in str(err.value) and "x" * 40 not in str(err.value)


def test_dated_today_the_services_are_checked_against_today() -> None:
    data = example_data("penutupan")
    del data["tanggal"]
    with pytest.raises(SuratError, match=r"layanan\.3: layanan sesudah tanggal laporan"):
        ctx(data, tanggal=date(2026, 12, 31))
    with pytest.raises(SuratError, match="mengetahui: 'sekda' bukan peran"):
        ctx(example_data("penutupan") | {"mengetahui": "sekda"})


def test_buat_closes_the_case_once_the_report_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = example_data("penutupan")
    path = tmp_path / "penutupan.json"
    path.write_text(json.dumps(data))
    db = tmp_path / "agenda.db"
    with surat.Register(db) as reg:
        nr = str(reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16"))
    out = tmp_path / "penutupan.pdf"
    assert main(["--json", "buat", "penutupan", str(path), "-o", str(out), "--db", str(db)]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["kasus_ditutup"] == nr and said["nomor"] is None
    with surat.Register(db) as reg:
        (closed,) = reg.closures()
        assert (closed.tindakan, closed.tanggal, closed.alasan) == ("tutup", DAY, "selesai")
        assert reg.entries() == []  # not numbered
    assert out.stat().st_mode & 0o777 == 0o600
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for expected in (
        "LAPORAN PENUTUPAN KASUS (Terminasi)",
        "Nomor Registrasi : 001/REG-PPA/XI/2026",
        "Inisial Korban : P.A.L.",
        "Tanggal Penutupan : 15 Januari 2027",
        "Lama Penanganan : 60 hari",
        "2 Bantuan Hukum 25 November 2026 s.d. 8 Januari 2027",
        "4. Alasan Penutupan Layanan telah selesai diberikan sesuai kebutuhan korban.",
        "Mengetahui,",
        "Dibuat oleh,",
        "Rina Marlina, S.Psi.",
    ):
        assert expected in text, expected
    assert text.startswith("RAHASIA") and text.endswith("RAHASIA") and "Lestari" not in text
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    assert "Laporan Penutupan Kasus" in meta and find_personal(meta, data) == []
    # a second closing of the same case is refused, and leaves no file
    again = tmp_path / "lagi.pdf"
    assert main(["buat", "penutupan", str(path), "-o", str(again), "--db", str(db)]) == 1
    assert f"kasus {nr} sudah ditutup" in capsys.readouterr().err
    assert not again.exists()
    # a report whose registration date is not the register's closes nothing
    with surat.Register(db) as reg:
        other = str(reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-17"))
    data["korban"]["nomor_registrasi"] = other
    path.write_text(json.dumps(data))
    assert main(["buat", "penutupan", str(path), "-o", str(again), "--db", str(db)]) == 1
    assert (
        "tanggal_registrasi: berbeda dengan tanggal pendaftaran kasus di register (2026-11-17)"
        in (capsys.readouterr().err)
    )
    assert not again.exists()
    with surat.Register(db) as reg:
        assert len(reg.closures()) == 1
    # without --db the report is only written
    plain = tmp_path / "tanpa-db.docx"
    assert main(["buat", "penutupan", str(path), "-o", str(plain)]) == 0 and plain.exists()


def test_surat_penutupan_lists_and_reopens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "agenda.db"
    with surat.Register(db) as reg:
        nr = str(reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16"))
        reg.close_case(nr, alasan="tidak dapat dihubungi", tanggal="2026-12-01")
    assert main(["penutupan", nr, "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "01-12-2026  ditutup (tidak dapat dihubungi)" in out and "kasus ditutup" in out
    argv = ["--json", "penutupan", nr, "--db", str(db), "--buka", "Ayu menelepon kembali"]
    assert main([*argv, "--tanggal", "2026-12-05"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["ditutup"] is False
    assert said["penutupan"] == [
        {"tindakan": "tutup", "tanggal": "2026-12-01", "alasan": "tidak dapat dihubungi"},
        {"tindakan": "buka", "tanggal": "2026-12-05"},
    ]
    assert "Ayu" not in json.dumps(said)  # a reopening's free-text reason is not shown
    assert main([*argv, "--tanggal", "2026-12-06"]) == 1  # open already
    assert "tidak sedang ditutup" in capsys.readouterr().err
    with surat.Register(db) as reg:
        reg.issue(perihal="Undangan", tanggal="2026-12-06", nomor_registrasi=nr)
