"""The companion's report (surat.letters.laporan_pendampingan): its checks, its page,
and the SOP step it records when written with a register."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import surat
from surat import SuratError
from surat.cli import main
from surat.dates import WIB
from surat.letters import example_data, validate
from surat.privacy import find_personal

OFFICE = surat.Office.default()
KIND = "laporan_pendampingan"


def pdf_pages(pdf: bytes) -> list[list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [
        [x.strip() for x in (p.extract_text() or "").splitlines() if x.strip()]
        for p in reader.pages
    ]


def flat(pages: list[list[str]]) -> str:
    return " ".join(" ".join(" ".join(p) for p in pages).split())


def test_the_kind_is_internal_unnumbered_and_acknowledged() -> None:
    spec = surat.letters.kind(KIND)
    assert (spec.numbered, spec.privasi, spec.signable) == (False, "internal", True)
    with pytest.raises(SuratError, match="tidak bernomor"):
        surat.render(KIND, example_data(KIND), nomor="001/X/XI/2026")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"pelaksanaan": {"jam_selesai": "08:00"}}, "pelaksanaan: .*jam_selesai: jam sesudah"),
        ({"pelaksanaan": {"tanggal": "2026-11-20"}}, "pelaksanaan.tanggal: pendampingan tidak"),
        ({"tanggal": "2026-11-24"}, "tanggal: laporan tidak boleh bertanggal sebelum"),
        ({"sop": "35"}, "sop"),
        ({"pendamping": []}, "pendamping"),
        ({"tugas": {"tanggal": None}}, "tugas.tanggal"),
        ({"kegiatan": ""}, "kegiatan"),
        ({"hasil": "x" * 10_001}, "hasil"),
    ],
)
def test_bad_data_names_the_field_never_the_value(change: dict[str, Any], field: str) -> None:
    data = example_data(KIND)
    for key, value in change.items():
        if isinstance(value, dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    with pytest.raises(SuratError, match=field) as err:
        validate(KIND, data)
    assert find_personal(str(err.value), example_data(KIND)) == []


def test_the_page_read_back_from_the_pdf() -> None:
    data = example_data(KIND)
    pages = pdf_pages(surat.render(KIND, data).pdf())
    assert len(pages) == 1
    text = flat(pages)
    for expected in (
        "LAPORAN PELAKSANAAN TUGAS PENDAMPINGAN",
        "Nomor Registrasi Kasus: 001/REG-PPA/XI/2026",
        "Dasar : Surat Tugas Nomor 002/DP3A-PP-KB/PPA/XI/2026 tanggal 23 November 2026",
        "Klien : P.A.L. (Nomor Registrasi 001/REG-PPA/XI/2026)",
        "Hari/Tanggal : Rabu, 25 November 2026",
        "Waktu : 09.00 – 11.30 WIB",
        "Tempat : Unit PPA Satreskrim Polresta Barelang",
        "1. Rina Marlina, S.Psi. (Analis Perlindungan Anak)",
        "2. Hendra Gunawan, S.H. (Pendamping Hukum P2TP2A)",
        "Kegiatan yang Dilaksanakan",
        "Hasil Pendampingan",
        "Hambatan",
        "Tindak Lanjut",
        "Mengetahui,",
        "Kepala Seksi Perlindungan Anak,",
        "Batam, 25 November 2026",
        "Pendamping,",
        "NIP. 19870512 201001 2 003",
    ):
        assert expected in text, expected
    for page in pages:  # an internal, restricted report: RAHASIA top and bottom
        assert page[0] == "RAHASIA" and page[-1] == "RAHASIA"
    assert find_personal(text, data) == []


def test_the_step_it_records_on_both_backends(register_db: str) -> None:
    data = example_data(KIND)
    with surat.Register(register_db, office=OFFICE) as reg:
        case = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16").nomor
        data["korban"]["nomor_registrasi"] = case
        step = reg.record_step(**validate(KIND, data).langkah())  # type: ignore[attr-defined]
        (kept,) = reg.steps(case)
    assert (kept.sop, kept.langkah, kept.oleh, kept.hasil) == ("34", 6, "p2tp2a", "selesai")
    assert kept.mulai == datetime(2026, 11, 25, 9, 0, tzinfo=WIB)
    assert kept.durasi == timedelta(hours=2, minutes=30) == step.durasi
    assert kept.catatan == "Laporan pendampingan, Surat Tugas Nomor 002/DP3A-PP-KB/PPA/XI/2026"
    data["sop"] = "32"
    assert validate(KIND, data).langkah()["langkah"] == 9  # type: ignore[attr-defined]


def _case_with_tugas(db: str) -> tuple[str, str]:
    """A register holding a case and its surat tugas: (case number, tugas number)."""
    with surat.Register(db, office=OFFICE) as reg:
        case = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16").nomor
        tugas = example_data("tugas")
        tugas["korban"]["nomor_registrasi"] = case
        nomor = reg.issue(**validate("tugas", tugas).agenda(OFFICE))
    return case, str(nomor)


def test_surat_buat_with_a_register_records_the_step(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "agenda.db")
    case, tugas = _case_with_tugas(db)
    data = example_data(KIND)
    data["korban"]["nomor_registrasi"] = case
    data["tugas"]["nomor"] = tugas
    src = tmp_path / "laporan.json"
    src.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "laporan.pdf"
    code = main(["buat", KIND, str(src), "-o", str(out), "--db", db])
    said = "".join(capsys.readouterr())
    assert code == 0, said
    assert "Surat Tugas Nomor " + tugas in flat(pdf_pages(out.read_bytes()))
    with surat.Register(db, office=OFFICE) as reg:
        (step,) = reg.steps(case)
    assert (step.sop, step.langkah) == ("34", 6)
    assert find_personal(said + step.catatan, data) == []
    # without --db the report is written and nothing is recorded
    code = main(["buat", KIND, str(src), "-o", str(tmp_path / "lagi.pdf")])
    assert code == 0
    with surat.Register(db, office=OFFICE) as reg:
        assert len(reg.steps(case)) == 1


@pytest.mark.parametrize("problem", ["unknown", "void", "other case"])
def test_a_tugas_the_register_does_not_hold_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, problem: str
) -> None:
    db = str(tmp_path / "agenda.db")
    case, tugas = _case_with_tugas(db)
    data = example_data(KIND)
    data["korban"]["nomor_registrasi"] = case
    data["tugas"]["nomor"] = tugas
    if problem == "unknown":
        data["tugas"]["nomor"] = "009/DP3A-PP-KB/PPA/XI/2026"
    elif problem == "void":
        with surat.Register(db, office=OFFICE) as reg:
            reg.void(tugas, alasan="salah ketik")
    else:
        with surat.Register(db, office=OFFICE) as reg:
            data["korban"]["nomor_registrasi"] = reg.register_case(
                perihal="Penanganan kasus", tanggal="2026-11-17"
            ).nomor
    src = tmp_path / "laporan.json"
    src.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "laporan.pdf"
    code = main(["buat", KIND, str(src), "-o", str(out), "--db", db])
    err = capsys.readouterr().err
    assert code == 1 and "tugas.nomor" in err, err
    assert not out.exists()
    with surat.Register(db, office=OFFICE) as reg:
        assert all(reg.steps(c.nomor) == [] for c in reg.cases())
