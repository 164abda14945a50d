"""``--json`` on every command: one object on stdout when it worked, one object on
stderr (and nothing on stdout) when it did not, and the exit codes of ``surat --help``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from pypdf import PdfReader
from referensi_support import seed_example_batch

import surat
from surat.cli import COMMANDS, EXIT_CODES, build_parser, main
from surat.cli.common import error_object
from surat.errors import SuratError
from surat.numbering import Register

EXAMPLES = Path(__file__).parent.parent / "examples"
KANTOR = str(EXAMPLES / "kantor.toml")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    """Run `surat --json ...` in process: its exit code, stdout as JSON, and stderr."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, json.loads(out) if out else None, err


def failed(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    """Run a command that fails: stdout must be empty, stderr one JSON object."""
    code, out, err = run(capsys, *argv)
    assert out is None, out
    assert err.endswith("\n") and err.count("\n") == 1, err
    obj: dict[str, Any] = json.loads(err)
    assert obj["exit"] == code
    return code, obj


def test_nomor_ambil_lihat_batal_answer_in_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "agenda.db")
    code, out, err = run(capsys, "nomor", "ambil", "--db", db, "--baru", "--perihal",
                         "Persetujuan", "--klasifikasi", "PPA", "--tanggal", "2026-11-22",
                         "--json")  # fmt: skip
    assert (code, err) == (0, "")
    assert out == {
        "nomor": "001/DP3A-PP-KB/PPA/XI/2026",
        "urut": 1,
        "sisipan": "",
        "nomor_sisipan": False,
        "klasifikasi": "PPA",
        "tanggal": "2026-11-22",
        "tahun": 2026,
        "bulan": 11,
        "buku": "keluar",
    }
    # --json before the command's name, as --kantor may be
    code, out, _ = run(capsys, "--json", "nomor", "lihat", "--db", db, "--klasifikasi", "PPA",
                       "--tanggal", "2026-11-22")  # fmt: skip
    assert code == 0 and out["nomor"] == "002/DP3A-PP-KB/PPA/XI/2026" and out["urut"] == 2
    code, out, _ = run(capsys, "nomor", "--json", "batal", "001/DP3A-PP-KB/PPA/XI/2026",
                       "--alasan", "salah ketik", "--db", db)  # fmt: skip
    assert code == 0 and out == {"batal": ["001/DP3A-PP-KB/PPA/XI/2026"]}
    code, out, _ = run(capsys, "agenda", "--db", db, "--json")
    assert code == 0 and out["buku"] == "keluar" and out["jumlah"] == 1
    [row] = out["baris"]
    assert row["nomor"] == "001/DP3A-PP-KB/PPA/XI/2026" and row["status"] == "batal"
    assert row["alasan_batal"] == "salah ketik" and row["tanggal"] == "2026-11-22"
    # without --json: the same text as ever
    assert main(["nomor", "lihat", "--db", db, "--tanggal", "2026-11-22"]) == 0
    assert capsys.readouterr().out == "002/DP3A-PP-KB/XI/2026\n"


def test_an_inserted_number_is_announced_and_a_backdated_batch_row_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import csv

    db = str(tmp_path / "agenda.db")
    ambil = ["nomor", "ambil", "--db", db, "--perihal", "Surat Tugas", "--klasifikasi", "PPA"]
    assert main([*ambil, "--baru", "--tanggal", "2026-11-10"]) == 0
    with Register(db) as reg:  # the cases and requests the letters below cite
        seed_example_batch(reg)
    assert main([*ambil, "--tanggal", "2026-11-25"]) == 0
    capsys.readouterr()
    assert main([*ambil, "--tanggal", "2026-11-20", "--alasan", "dicatat terlambat"]) == 0
    out, err = capsys.readouterr()
    assert out == "001.a/DP3A-PP-KB/PPA/XI/2026\n"  # the number alone: scriptable
    assert "001.a/DP3A-PP-KB/PPA/XI/2026 adalah nomor sisipan" in err
    code, obj, err = run(capsys, "--json", *ambil, "--tanggal", "2026-11-21")
    assert (code, err) == (0, "")
    assert (obj["nomor"], obj["sisipan"], obj["nomor_sisipan"]) == (
        "001.b/DP3A-PP-KB/PPA/XI/2026",
        "b",
        True,
    )
    # surat buat: the same note, and the same field
    from surat.letters import example_data

    data = tmp_path / "surat.json"
    data.write_text(
        json.dumps(
            {
                **example_data("persetujuan"),
                "tanggal": "2026-11-22",
                "permohonan": {"tanggal": "2026-11-16", "nomor_agenda": "001/SM/2026"},
            }
        ),
        encoding="utf-8",
    )
    buat = ["buat", "persetujuan", str(data), "--db", db, "--alasan", "dicatat terlambat"]
    assert main([*buat, "-o", str(tmp_path / "a.docx")]) == 0
    assert "001.c/DP3A-PP-KB/PPA/XI/2026 adalah nomor sisipan" in capsys.readouterr().err
    code, obj, err = run(capsys, "--json", *buat, "-o", str(tmp_path / "b.docx"))
    assert (code, err, obj["nomor"], obj["nomor_sisipan"]) == (
        0,
        "",
        "001.d/DP3A-PP-KB/PPA/XI/2026",
        True,
    )
    # a batch whose row would backdate without an alasan: that row's problem, before
    # any number, and no word of a register that failed or of pending numbers
    with (EXAMPLES / "batch.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))[:2]
    rows[0]["tanggal"], rows[1]["tanggal"] = "2026-11-26", "2026-11-20"
    data = tmp_path / "batch.csv"
    with data.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    cetak = ["cetak", str(data), "--jenis", "persetujuan", "--db", db, "-o",
             str(tmp_path / "cetak.pdf"), "--diam"]  # fmt: skip
    assert main(cetak) == 1
    err = capsys.readouterr().err
    assert "baris 3: tanggal: lebih awal dari surat terakhir di buku agendanya" in err
    assert "tertunda" not in err and "baris 2" not in err
    code, obj = failed(capsys, "--json", *cetak)
    assert code == 1 and [p["path"] for p in obj["problems"]] == ["baris.3.tanggal"]
    with Register(db) as reg:
        assert len(reg.entries()) == 6 and not (tmp_path / "cetak.pdf").exists()


def test_errors_are_one_json_object_on_stderr_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "agenda.db"
    code, err = failed(capsys, "nomor", "ambil", "--db", str(db), "--perihal", "x", "--json")
    assert code == 1 and "--baru" in err["error"] and not db.exists()
    assert err["problems"] == [{"path": "", "message": err["error"]}]
    # a letter's data with two problems: each with its field's path, no value quoted
    data = json.loads(json.dumps(surat.example_data("persetujuan"), default=str))
    data["pendamping"][0]["nip"] = "123"
    del data["korban"]["nomor_registrasi"]
    src = tmp_path / "data.json"
    src.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "s.docx"
    code, err = failed(capsys, "--json", "buat", "persetujuan", str(src), "-o", str(out),
                       "--db", str(db), "--baru")  # fmt: skip
    assert code == 1 and not out.exists() and not db.exists()
    paths = {p["path"] for p in err["problems"]}
    assert {"pendamping.0.nip", "korban.nomor_registrasi"} <= paths
    assert all(set(p) == {"path", "message", "type"} for p in err["problems"])
    # the code of each: pydantic's error type, for an application's own words
    types = {p["path"]: p["type"] for p in err["problems"]}
    assert types["korban.nomor_registrasi"] == "missing"
    assert types["pendamping.0.nip"] == "value_error"
    assert data["korban"]["nama"] not in json.dumps(err)


def test_usage_errors_are_json_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = failed(capsys, "buat", "surat", "d.json", "-o", "x.pdf", "--json")
    assert code == 2 and err["problems"][0]["path"] == "JENIS"
    assert "pilihan tidak sah" in err["error"] and err["usage"].startswith("pemakaian: surat buat")
    code, err = failed(capsys, "--json", "nomor", "ambil", "--db", "a.db")  # no --perihal
    assert code == 2 and "--perihal" in err["error"]
    code, err = failed(capsys, "--json")  # no command at all
    assert code == 2 and "PERINTAH" in err["error"]
    code, err = failed(capsys, "--js", "terbilang", "5", "--kantor", KANTOR)
    assert code == 2 and err["error"] == "argumen tidak dikenal: --kantor (dan 1 kata lain)"
    code, err = failed(capsys, "--js", "--kantor", KANTOR, "terbilang", "5")  # found after parsing
    assert code == 2 and err["error"].startswith("--kantor: 'surat terbilang'")
    # a format the file name contradicts: a usage error found after parsing, before anything
    code, err = failed(capsys, "buat", "permohonan", "-", "-o", "x.docx", "--format", "pdf",
                       "--json")  # fmt: skip
    assert code == 2 and err["error"].startswith("--format:")
    # a date typed wrong carries its code, as the library's problems do
    code, err = failed(capsys, "--json", "nomor", "ambil", "--db", "a.db", "--perihal", "Surat",
                       "--tanggal", "31/02/2026")  # fmt: skip
    assert code == 2 and err["problems"] == [
        {"path": "--tanggal", "message": "tanggal ini tidak ada di kalender",
         "type": "tanggal_mustahil"}
    ]  # fmt: skip
    # without --json: argparse's two lines, as ever
    code, out, text = run(capsys, "buat", "surat", "d.json", "-o", "x.pdf")
    assert (
        code == 2 and out is None and text.startswith("pemakaian:") and "pilihan tidak sah" in text
    )


def test_each_command_answers_in_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "terbilang", "1500000", "--rupiah", "--json")
    assert out == {"angka": "1500000", "terbilang": "satu juta lima ratus ribu rupiah"}
    code, out, _ = run(capsys, "contoh", "persetujuan", "--json")
    assert code == 0 and out["jenis"] == "persetujuan" and out["data"]["korban"]["nama"]
    code, out, _ = run(capsys, "contoh", "kantor", "--json")
    assert code == 0 and out["teks"].startswith("# ") and out["berkas"] is None
    code, out, err = run(capsys, "contoh", "kasus", "-o", str(tmp_path / "k.json"), "--json")
    assert (code, err) == (0, "") and out == {"jenis": "kasus", "berkas": str(tmp_path / "k.json")}
    code, out, _ = run(capsys, "templat", "salin", "tugas", str(tmp_path), "--json")
    assert code == 0 and Path(out["berkas"]).name == "tugas.docx"
    code, out, _ = run(capsys, "templat", "periksa", out["berkas"], "--json")
    assert code == 0 and out["jenis"] == "tugas" and "surat.nomor" in out["isian"]
    code, out, _ = run(capsys, "completion", "bash", "--json")
    assert code == 0 and "complete -o bashdefault -F _shtab_surat surat" in out["skrip"]

    # a case: the pack's summary, the books, the steps, the chronology, the report
    db = str(tmp_path / "agenda.db")
    code, out, err = run(capsys, "kasus", str(EXAMPLES / "kasus.json"), "-o",
                         str(tmp_path / "k.pdf"), "--db", db, "--baru", "--kantor", KANTOR,
                         "--json", "--internal-terbuka")  # fmt: skip
    assert code == 0, err
    assert out["path"] == str(tmp_path / "k.pdf") and out["pages"] == len(
        PdfReader(tmp_path / "k.pdf").pages
    )
    assert out["letters"] == 2 and len(out["labels"]) == out["letters"]
    assert out["internal"]["path"] == str(tmp_path / "k-internal.pdf")
    assert out["internal"]["letters"] == 2 and out["terenkripsi"] is False
    with Register(db) as reg:
        (case,) = reg.cases()
    code, out, _ = run(capsys, "agenda", "--db", db, "--buku", "kasus", "--json")
    [row] = out["baris"]
    assert row["nomor"] == case.nomor and row["kategori"]["jenis_kekerasan"] == ["Fisik", "Psikis"]
    assert row["langkah"] == 1  # the psychologist consultation the case file records
    code, out, _ = run(capsys, "agenda", "--db", db, "--buku", "masuk", "--json")
    assert out["baris"][0]["nomor_registrasi"] == case.nomor
    code, out, _ = run(capsys, "agenda", "--db", db, "--tertunda", "--json")
    assert out == {"tertunda": [], "jumlah": 0}
    code, out, _ = run(capsys, "langkah", case.nomor, "--db", db, "--langkah", "2", "--mulai",
                       "2026-11-16 09:10", "--selesai", "2026-11-16 10:25", "--oleh",
                       "staf_penerima", "--catatan", "Ibu korban menelepon", "--json")  # fmt: skip
    [step] = out["langkah"]
    assert step["durasi_menit"] == 75 and step["mutu_baku_menit"] == 60 and step["terlambat"]
    assert step["mulai"] == "2026-11-16T09:10:00+07:00"
    assert "catatan" not in step  # free text stays in the register
    code, out, _ = run(capsys, "langkah", case.nomor, "--db", db, "--json")
    assert (out["jumlah"], out["terlambat"]) == (2, 1)  # and the consultation
    assert "Ibu korban" not in json.dumps(out)
    kronologi = str(tmp_path / "kronologi.docx")
    code, out, err = run(capsys, "kronologi", case.nomor, "--db", db, "-o", kronologi, "--json")
    assert (code, err) == (0, "") and out == {"nomor_registrasi": case.nomor, "berkas": kronologi}
    laporan = str(tmp_path / "laporan.xlsx")
    code, out, err = run(capsys, "laporan", "--db", db, "--bulan", "2026-11", "-o", laporan,
                         "--json")  # fmt: skip
    assert (code, err) == (0, "") and out == {"bulan": "2026-11", "berkas": laporan}
    code, out, err = run(capsys, "agenda", "--db", db, "--csv", str(tmp_path / "a.csv"), "--json")
    assert (code, err) == (0, "") and out == {"buku": "keluar", "berkas": str(tmp_path / "a.csv")}


def test_cetak_gives_the_batch_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "agenda.db")
    with Register(db) as reg:  # the cases and the requests the batch answers
        seed_example_batch(reg)
    out_pdf = tmp_path / "cetak.pdf"
    code, out, err = run(capsys, "cetak", str(EXAMPLES / "batch.csv"), "--jenis", "persetujuan",
                         "-o", str(out_pdf), "--db", db, "--baru", "--json")  # fmt: skip
    assert code == 0, err
    assert err == ""  # no progress bar, nothing but the summary
    assert out["output"] == str(out_pdf) and out["jenis"] == "persetujuan"
    assert out["letters"] == 10 and len(out["numbers"]) == 10
    assert out["pages"] == len(PdfReader(out_pdf).pages)
    assert out["number_range"] == f"{out['numbers'][0]} s.d. {out['numbers'][-1]}"
    assert set(out) >= {"copies", "seconds", "stages", "signed", "arsip", "peringatan"}


class _TypedProblem(NamedTuple):
    path: str
    message: str
    type: str


def test_a_problem_s_type_is_given_when_it_has_one() -> None:
    exc = SuratError("x", [("pelapor.nik", "16 angka diharapkan")])
    exc.errors = [_TypedProblem("pelapor.nik", "16 angka diharapkan", "nik")]  # type: ignore[list-item]
    assert error_object(exc, 1)["problems"] == [
        {"path": "pelapor.nik", "message": "16 angka diharapkan", "type": "nik"}
    ]
    assert "type" not in error_object(SuratError("nik: 16 angka diharapkan"), 1)["problems"][0]


def test_help_lists_every_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    for code in (*EXIT_CODES, "128+N"):
        assert f" {code} " in text, code
    assert "--json" in text


def test_every_command_takes_json() -> None:
    """--json is on every command's parser, and on each of its actions' parsers."""

    def parsers(p: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
        found = [p]
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in dict.fromkeys(action.choices.values()):
                    found += parsers(sub)
        return found

    every = parsers(build_parser())
    assert len(every) > len(COMMANDS)
    for p in every:
        assert any("--json" in a.option_strings for a in p._actions), p.prog
