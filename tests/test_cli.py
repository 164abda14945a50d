"""The `surat` command, run in-process with a real register and real templates."""

from __future__ import annotations

import argparse
import csv
import json
import os
import shlex
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from referensi_support import seed_books

from surat import letters
from surat.cli import build_parser, main
from surat.document import Document
from surat.numbering import Register
from surat.numbering import register as register_module
from surat.office import Office
from surat.vocab import BOOKS, KINDS

EXAMPLES = Path(__file__).parent.parent / "examples"
KANTOR = str(EXAMPLES / "kantor.toml")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_nomor_ambil_lihat_batal_agenda(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "agenda.db")
    code, out, _ = run(
        capsys,
        "nomor",
        "ambil",
        "--db",
        db,
        "--baru",
        "--perihal",
        "Persetujuan Pendampingan",
        "--tujuan",
        "Sdr. Pelapor",
        "--klasifikasi",
        "PPA",
        "--tanggal",
        "2026-11-22",
    )
    assert code == 0 and out == "001/DP3A-PP-KB/PPA/XI/2026\n"  # the number alone: scriptable
    code, out, _ = run(
        capsys, "nomor", "lihat", "--db", db, "--klasifikasi", "PPA", "--tanggal", "2026-11-22"
    )
    assert code == 0 and out.strip() == "002/DP3A-PP-KB/PPA/XI/2026"
    code, out, _ = run(
        capsys,
        "--kantor",
        KANTOR,
        "nomor",
        "ambil",
        "--db",
        db,
        "--perihal",
        "Surat Tugas",
        "--tanggal",
        "2026-11-23",
    )
    assert out == "002/DP3A-PP-KB/XI/2026\n"  # no klasifikasi: its segment disappears
    code, out, _ = run(
        capsys,
        "nomor",
        "batal",
        "001/DP3A-PP-KB/PPA/XI/2026",
        "--alasan",
        "salah ketik",
        "--db",
        db,
    )
    assert code == 0
    code, out, _ = run(capsys, "agenda", "--db", db, "--tahun", "2026")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["Nomor", "Tanggal", "Perihal"]
    assert "batal" in lines[2] and "aktif" in lines[3] and lines[-1] == "2 surat"
    code, _, _ = run(capsys, "agenda", "--db", db, "--csv", str(tmp_path / "agenda.csv"))
    assert code == 0
    rows = list(csv.reader((tmp_path / "agenda.csv").open(encoding="utf-8")))
    assert len(rows) == 3
    assert stat.S_IMODE((tmp_path / "agenda.csv").stat().st_mode) == 0o600


def test_errors_are_one_line_and_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "agenda.db")
    # a mistyped register path is an error, not a second agenda book starting at 001
    code, out, err = run(capsys, "nomor", "ambil", "--db", db, "--perihal", "Surat")
    assert code == 1 and "--baru" in err and not Path(db).exists()
    code, out, err = run(capsys, "nomor", "batal", "999/X/2026", "--alasan", "x", "--db", db)
    assert code == 1 and out == "" and "tidak ada; ambil nomor pertama" in err
    assert not Path(db).exists()
    run(capsys, "nomor", "lihat", "--db", db)  # read-only: it never starts a book either
    assert not Path(db).exists()
    Register(db, office=Office.default()).close()
    code, out, err = run(capsys, "nomor", "batal", "999/X/2026", "--alasan", "x", "--db", db)
    assert code == 1 and out == "" and err.startswith("surat: nomor:")
    code, _, err = run(capsys, "nomor", "ambil", "--db", db, "--perihal", " ")
    assert code == 1 and "perihal" in err
    code, _, err = run(capsys, "--kantor", str(tmp_path / "none.toml"), "agenda", "--db", db)
    assert code == 1 and "none.toml" in err
    # nothing was numbered by the failures
    code, out, _ = run(capsys, "agenda", "--db", db)
    assert out.splitlines()[-1] == "0 surat"


def test_contoh_writes_owner_only(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "data.json"
    code, printed, _ = run(capsys, "contoh", "persetujuan", "-o", str(out))
    assert code == 0 and printed == ""
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert json.loads(out.read_text(encoding="utf-8"))["korban"]["nama"]


def test_contoh_then_buat_docx_and_pdf(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "contoh", "persetujuan")
    data = json.loads(out)
    assert data["korban"]["nama"]
    data["tanggal"] = "2026-11-22"
    src = tmp_path / "data.json"
    src.write_text(json.dumps(data), encoding="utf-8")
    db = str(tmp_path / "agenda.db")
    with Register(db) as reg:  # the case and the request the letter cites
        seed_books(reg, kasus=1, masuk=14)
    code, out, err = run(
        capsys,
        "buat",
        "persetujuan",
        str(src),
        "-o",
        str(tmp_path / "s.docx"),
        "--db",
        db,
        "--baru",
    )
    assert code == 0 and out.strip() == "001/DP3A-PP-KB/PPA/XI/2026"
    text = Document(docx=(tmp_path / "s.docx").read_bytes(), kind="persetujuan").text()
    assert "001/DP3A-PP-KB/PPA/XI/2026" in text
    assert stat.S_IMODE((tmp_path / "s.docx").stat().st_mode) == 0o600
    # a numbered letter without --db or --nomor is an error, and nothing is written
    _, out, _ = run(capsys, "contoh", "tugas")
    tugas = tmp_path / "tugas.json"
    tugas.write_text(out, encoding="utf-8")
    code, _, err = run(capsys, "buat", "tugas", str(tugas), "-o", str(tmp_path / "t.docx"))
    assert code == 1 and "--db" in err and not (tmp_path / "t.docx").exists()
    # or with a number taken elsewhere
    code, _, err = run(
        capsys,
        "buat",
        "tugas",
        str(tugas),
        "-o",
        str(tmp_path / "t.docx"),
        "--nomor",
        "007/DP3A-PP-KB/PPA/XI/2026",
    )
    assert (
        code == 0
        and "007/DP3A-PP-KB/PPA/XI/2026"
        in Document(docx=(tmp_path / "t.docx").read_bytes(), kind="tugas").text()
    )
    # a number given by hand must be this office's, and active in the agenda
    args = ["buat", "tugas", str(tugas), "-o", str(tmp_path / "t2.docx"), "--nomor"]
    code, _, err = run(capsys, *args, "ngawur")
    assert code == 1 and "nomor" in err
    run(capsys, "nomor", "batal", "001/DP3A-PP-KB/PPA/XI/2026", "--alasan", "salah", "--db", db)
    code, _, err = run(capsys, *args, "001/DP3A-PP-KB/PPA/XI/2026", "--db", db)
    assert code == 1 and "batal" in err
    code, _, err = run(capsys, *args, "009/DP3A-PP-KB/PPA/XI/2026", "--db", db)
    assert code == 1 and "tidak ada di buku agenda" in err
    assert not (tmp_path / "t2.docx").exists()
    # an unnumbered kind to PDF
    perm = tmp_path / "permohonan.json"
    _, out, _ = run(capsys, "contoh", "permohonan")
    perm.write_text(out, encoding="utf-8")
    code, _, err = run(capsys, "buat", "permohonan", str(perm), "-o", str(tmp_path / "p.pdf"))
    assert code == 0, err
    assert PdfReader(tmp_path / "p.pdf").pages[0].mediabox.height == pytest.approx(842, abs=1)


def test_buat_bad_data_takes_no_number(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, out, _ = run(capsys, "contoh", "persetujuan")
    data = json.loads(out)
    data["pendamping"][0]["nip"] = "123"
    del data["korban"]["nomor_registrasi"]
    src = tmp_path / "data.json"
    src.write_text(json.dumps(data), encoding="utf-8")
    db = str(tmp_path / "agenda.db")
    code, _, err = run(
        capsys, "buat", "persetujuan", str(src), "-o", str(tmp_path / "s.pdf"), "--db", db
    )
    assert code == 1
    assert "pendamping.0.nip" in err and "korban.nomor_registrasi" in err
    assert not Path(db).exists()  # no register was even opened
    assert not (tmp_path / "s.pdf").exists()


def test_kasus_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out_pdf = tmp_path / "kasus.pdf"
    monkeypatch.setenv("SURAT_SANDI_INTERNAL", "sandi-internal-9")
    code, out, err = run(
        capsys,
        "--kantor",
        KANTOR,
        "kasus",
        str(EXAMPLES / "kasus.json"),
        "-o",
        str(out_pdf),
        "--db",
        str(tmp_path / "agenda.db"),
        "--baru",
    )
    assert code == 0, err
    assert "SURAT_SANDI_INTERNAL" not in os.environ  # no process started later inherits it
    # the letters that leave the office, and the internal papers locked apart
    assert len([o for o in PdfReader(out_pdf).outline if not isinstance(o, list)]) == 2
    papers = tmp_path / "kasus-internal.pdf"
    assert PdfReader(papers).is_encrypted and "terenkripsi" in out
    opened = PdfReader(papers, password="sandi-internal-9")
    assert len([o for o in opened.outline if not isinstance(o, list)]) == 2
    assert "sandi-internal-9" not in out + err


def test_kasus_command_internal_terbuka_and_no_password(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SURAT_SANDI_INTERNAL", raising=False)
    db = str(tmp_path / "agenda.db")
    argv = ["kasus", str(EXAMPLES / "kasus.json"), "-o", str(tmp_path / "k.pdf"), "--db", db,
            "--baru", "--internal", str(tmp_path / "dalam.pdf")]  # fmt: skip
    # no password, no terminal: refused before the register is made
    code, _, err = run(capsys, *argv)
    assert code == 1 and "SURAT_SANDI_INTERNAL" in err and "--internal-terbuka" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    monkeypatch.setenv("SURAT_SANDI_INTERNAL", "x")
    code, _, err = run(capsys, *argv, "--internal-terbuka")
    assert code == 1 and "berikan salah satunya" in err and "SURAT_SANDI_INTERNAL" not in os.environ
    code, out, err = run(capsys, *argv, "--internal-terbuka")
    assert code == 0, err
    assert "TIDAK terenkripsi" in out
    assert not PdfReader(tmp_path / "dalam.pdf").is_encrypted
    assert len([o for o in PdfReader(tmp_path / "k.pdf").outline if not isinstance(o, list)]) == 2


def test_templat_salin_and_periksa(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "templat", "salin", "persetujuan", str(tmp_path))
    assert code == 0 and Path(out.strip()).name == "persetujuan.docx"
    code, out, _ = run(capsys, "templat", "periksa", str(tmp_path / "persetujuan.docx"))
    assert code == 0
    assert "korban.inisial" in out and "korban.nama" not in out


def test_terbilang_and_entry_point() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "surat", "terbilang", "1001000"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout == "satu juta seribu\n"
    out = subprocess.run(
        [sys.executable, "-m", "surat.cli", "terbilang", "--rupiah", "1500000"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout == "satu juta lima ratus ribu rupiah\n"
    bad = subprocess.run(  # an error: one line, exit status 1, through the same exit path
        [sys.executable, "-m", "surat", "terbilang", "sejuta"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (bad.returncode, bad.stdout) == (1, "")
    assert bad.stderr.startswith("surat: angka:") and bad.stderr.count("\n") == 1


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parser and every subcommand's parser under it."""
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for p in dict.fromkeys(action.choices.values()):
                found += _parsers(p)
    return found


def test_every_option_has_an_indonesian_help_line() -> None:
    for p in _parsers(build_parser()):
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help, f"{p.prog} {action.option_strings or action.dest}: no help"
        text = p.format_help()
        assert text.startswith("pemakaian: ") and "show this help" not in text, p.prog


def test_choices_are_listed_and_match_the_library(capsys: pytest.CaptureFixture[str]) -> None:
    assert KINDS == letters.KINDS and BOOKS == register_module.BOOKS
    for argv in (["buat", "--help"], ["cetak", "--help"], ["templat", "salin", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        out = capsys.readouterr().out
        assert all(k in out for k in KINDS), argv
    assert main_exit(["buat", "surat", "d.json", "-o", "x.pdf"]) == 2  # not a kind
    assert "pilihan tidak sah" in capsys.readouterr().err


def main_exit(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


def test_salinan_is_repeatable_and_never_swallows_the_data_file() -> None:
    args = build_parser().parse_args(
        ["cetak", "--salinan", "Arsip", "batch.csv", "--jenis", "persetujuan", "-o", "x.pdf"]
    )
    assert args.data == "batch.csv" and args.salinan == ["Arsip"]
    args = build_parser().parse_args(
        ["cetak", "b.csv", "--jenis", "tugas", "-o", "x.pdf", "--salinan", "A", "--salinan", "B"]
    )
    assert args.salinan == ["A", "B"]


def test_options_that_mean_nothing_are_not_offered(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "agenda.db")
    for argv in (
        ["agenda", "--db", db, "--baru"],  # read-only: never starts a book
        ["nomor", "lihat", "--db", db, "--baru"],
        ["nomor", "batal", "1/X/2026", "--alasan", "x", "--db", db, "--baru"],
        ["terbilang", "5", "--kantor", KANTOR],
        ["--kantor", KANTOR, "terbilang", "5"],
        ["--kantor", KANTOR, "templat", "salin", "tugas", str(tmp_path)],
    ):
        assert main_exit(argv) == 2, argv
        assert "--baru" in capsys.readouterr().err or "--kantor" in " ".join(argv)
    assert not Path(db).exists() and not list(tmp_path.iterdir())


def test_an_export_is_written_as_its_option_says(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "agenda.db")
    Register(db, office=Office.default()).close()
    code, _, err = run(capsys, "agenda", "--db", db, "--xlsx", str(tmp_path / "a.csv"))
    assert code == 1 and "--xlsx" in err and ".xlsx" in err
    code, _, err = run(capsys, "agenda", "--db", db, "--csv", str(tmp_path / "a.xlsx"))
    assert code == 1 and "--csv" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.db"]


def test_the_one_command_parser_parses_and_helps_as_the_whole_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`main` builds only the command it runs: same namespace, same help, same errors."""
    from surat.cli import COMMANDS, _command

    full = build_parser()
    for name in COMMANDS:
        assert build_parser(name).format_help() != full.format_help()  # really smaller
        for argv in (
            [name, "--help"],
            ["--kantor", "k.toml", name, "--help"],
            ["--kantor=k.toml", name, "--help"],
        ):
            assert _command(argv) == name
            with pytest.raises(SystemExit):
                build_parser(name).parse_args(argv)
            lazy = capsys.readouterr()
            with pytest.raises(SystemExit):
                full.parse_args(argv)
            assert capsys.readouterr() == lazy, argv
    argv = ["--kan", KANTOR, "buat", "persetujuan", "d.json", "-o", "x.pdf", "--nomor", "1/X/2026"]
    assert vars(build_parser(_command(argv)).parse_args(argv)) == vars(full.parse_args(argv))
    # a value of --kantor, abbreviated or not, that is also a command's name
    for argv in (["--kantor", "buat", "terbilang", "5"], ["--ka", "buat", "terbilang", "5"]):
        assert _command(argv) == "terbilang"
    # no command, or a mistyped one: the whole parser answers
    for argv in (["--kantor", KANTOR], ["buta", "x"]):
        assert _command(argv) is None
        assert main_exit(argv) == 2
        err = capsys.readouterr().err
        assert "PERINTAH" in err and err.count("\n") == 2, err
    assert all(c in err for c in ("buat", "cetak", "nomor", "templat")), err


def test_help_is_instant() -> None:
    """`surat --help` loads no letter, register or template machinery."""
    code = (
        "import sys; from surat.cli import build_parser; build_parser().format_help(); "
        "heavy = [m for m in ('docxtpl', 'docx', 'pydantic', 'pypdf', 'jinja2', 'babel', "
        "'sqlite3', 'tqdm') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out == "[]\n"


def test_langkah_records_lists_and_refuses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "agenda.db")
    with Register(db, office=Office.default()) as reg:
        nr = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16").nomor
    base = ["langkah", nr, "--db", db, "--sop", "34"]
    code, out, _ = run(capsys, *base, "--langkah", "2", "--mulai", "2026-11-16 09:10",
                       "--selesai", "2026-11-16 10:25", "--oleh", "staf_penerima")  # fmt: skip
    assert code == 0 and "75 menit (baku 60) TERLAMBAT" in out
    code, out, _ = run(capsys, *base, "--langkah", "4", "--mulai", "2026-11-16 11:00",
                       "--selesai", "2026-11-16 11:20", "--oleh", "kasi_pha",
                       "--hasil", "dikembalikan")  # fmt: skip
    assert code == 0 and out.rstrip().endswith("dikembalikan")
    code, out, _ = run(capsys, "langkah", nr, "--db", db)
    assert code == 0 and out.splitlines()[-1] == "2 langkah, 1 melebihi mutu baku"
    # a step the SOP does not have, a role it does not know, a half-given step: refused
    for extra, field in (
        (["--langkah", "9", "--mulai", "2026-11-16 11:00", "--selesai", "2026-11-16 11:20",
          "--oleh", "kasi_pha"], "langkah"),
        (["--langkah", "2", "--mulai", "2026-11-16 11:00", "--selesai", "2026-11-16 11:20",
          "--oleh", "Sri"], "oleh"),
        (["--langkah", "2", "--mulai", "2026-11-16 11:00"], "--selesai"),
        (["--mulai", "2026-11-16 11:00"], "--langkah"),
    ):  # fmt: skip
        code, out, err = run(capsys, *base, *extra)
        assert code == 1 and err.startswith(f"surat: {field}: "), (extra, err)
    code, _, err = run(capsys, "langkah", "009/REG-PPA/XI/2026", "--db", db)
    assert code == 1 and "tidak ada di buku kasus kantor ini" in err
    with Register(db) as reg:
        assert len(reg.steps(nr)) == 2


def test_agenda_shows_and_exports_each_book(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "agenda.db")
    code, _, _ = run(capsys, "kasus", str(EXAMPLES / "kasus.json"), "-o", str(tmp_path / "k.pdf"),
                     "--db", db, "--baru", "--kantor", KANTOR, "--internal-terbuka")  # fmt: skip
    assert code == 0
    with Register(db) as reg:
        (case,) = reg.cases()
    code, out, _ = run(capsys, "agenda", "--db", db, "--buku", "kasus")
    assert code == 0 and case.nomor in out and "Fisik, Psikis" in out and "1 kasus" in out
    code, out, _ = run(capsys, "agenda", "--db", db, "--buku", "masuk")
    assert code == 0 and "Permohonan Pendampingan Kasus" in out and case.nomor in out
    code, out, _ = run(capsys, "agenda", "--db", db)
    assert code == 0 and f"Pelapor kasus {case.nomor}" in out and "2 surat" in out
    for buku in BOOKS:
        target = tmp_path / f"{buku}.csv"
        assert run(capsys, "agenda", "--db", db, "--buku", buku, "--csv", str(target))[0] == 0
        rows = list(csv.reader(target.open(encoding="utf-8")))
        assert len(rows) == 3 if buku == "keluar" else len(rows) == 2
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert any(case.nomor in cell for cell in rows[1])
    # a case printed in full leaves nothing pending, in any book
    code, out, _ = run(capsys, "agenda", "--db", db, "--buku", "kasus", "--tertunda")
    assert code == 0 and out.strip() == "0 nomor tertunda"


def stopped_batch_id() -> str:
    """The id a batch whose process has ended on this machine left on its numbers."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return f"{socket.gethostname()}:{proc.pid}:0badf00d"


def test_the_listed_command_voids_a_stopped_batch(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # the clerk copies the line `agenda --tertunda` prints; it must run as printed
    db = tmp_path / "agenda kantor.db"  # a space, as in a clerk's folder names
    batch = stopped_batch_id()
    with Register(db) as reg:
        for _ in range(2):
            reg.issue(perihal="Persetujuan", tanggal="2026-11-23", batch=batch)
    code, out, _ = run(capsys, "agenda", "--db", str(db), "--tertunda")
    assert code == 0 and f"cetak {batch} (terhenti): 2 nomor" in out
    [line] = [x for x in out.splitlines() if "batalkan:" in x]
    argv = shlex.split(line.partition("batalkan:")[2])
    assert argv[0] == "surat"
    code, out, err = run(capsys, *argv[1:])
    assert code == 0, err
    with Register(db) as reg:
        assert reg.pending() == []
        assert [e.status for e in reg.entries()] == ["batal", "batal"]


def test_contoh_writes_starter_files_that_load(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from surat.batch import load_rows, validate_rows
    from surat.kasus import Kasus

    kantor, kasus = tmp_path / "kantor.toml", tmp_path / "kasus.json"
    batch = tmp_path / "batch.csv"
    assert run(capsys, "contoh", "kantor", "-o", str(kantor))[0] == 0
    assert run(capsys, "contoh", "kasus", "-o", str(kasus))[0] == 0
    assert run(capsys, "contoh", "batch", "-o", str(batch))[0] == 0
    assert stat.S_IMODE(kantor.stat().st_mode) == 0o600
    assert stat.S_IMODE(batch.stat().st_mode) == 0o600  # fictional names, real ones to follow
    # the shipped starters are the examples of the source tree, kept in step
    for written, example in ((kantor, "kantor.toml"), (kasus, "kasus.json"), (batch, "batch.csv")):
        assert written.read_text("utf-8") == (EXAMPLES / example).read_text("utf-8"), (
            f"the shipped starter differs from examples/{example}: "
            f"cp examples/{example} surat/starter/{example}"
        )
    assert "# " in kantor.read_text(encoding="utf-8")  # commented for the one who edits it
    assert Office.from_toml(kantor).kode == "DP3A-PP-KB"
    Kasus.from_file(kasus)
    assert len(validate_rows("persetujuan", load_rows(batch))) == 10  # what surat cetak reads
    code, _, err = run(capsys, "contoh", "kantor", "-o", str(kantor))
    assert code == 1 and "--timpa" in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["nomor", "ambil", "--db", "a.db"], "argumen berikut wajib diisi: --perihal"),
        (["buat", "surat", "d.json", "-o", "x.pdf"], "argumen JENIS: pilihan tidak sah: 'surat'"),
        (["terbilang", "5", "--tidak-ada"], "argumen tidak dikenal: --tidak-ada"),
        (["nomor", "ambil", "--perihal"], "argumen --perihal: memerlukan satu nilai"),
        (["nomor", "lihat", "--db", "a.db", "--tanggal", "kemarin"], "argumen --tanggal: tanggal"),
        (["agenda", "--db", "a.db", "--tahun", "dua"], "argumen --tahun: nilai int tidak sah"),
        (["nomor", "ambil", "--baru=ya", "--db", "a.db", "--perihal", "x"], "tidak dipakai"),
    ],
)
def test_argparse_speaks_indonesian_with_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    assert main_exit(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("pemakaian: surat"), err
    assert "\nsurat" in err and ": galat: " in err and said in err, err
    for english in ("error:", "usage:", "required", "invalid", "unrecognized", "expected"):
        assert english not in err, err


def test_argparse_is_english_again_after_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    """The command's Indonesian is the command's: an application that calls
    surat.cli.main keeps argparse as it was, for its own parsers."""
    import argparse

    assert main_exit(["nomor", "ambil"]) == 2
    assert "wajib diisi" in capsys.readouterr().err
    own = argparse.ArgumentParser(prog="app", add_help=False)
    own.add_argument("--x", required=True)
    with pytest.raises(SystemExit):
        own.parse_args([])
    assert "the following arguments are required: --x" in capsys.readouterr().err


def test_the_help_has_no_english_of_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["nomor", "--help"], ["nomor", "ambil", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        out = capsys.readouterr().out
        assert "pemakaian:" in out and "opsi" in out, argv
        for english in ("usage:", "options:", "positional arguments", "show this help"):
            assert english not in out, (argv, english)


def test_buat_with_a_register_records_each_letter_as_a_document_of_its_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``surat buat KIND --db`` records the letter in the case's documents: numbered with
    its number, a companion's report with its SOP step; a reprint records nothing new."""
    from datetime import date

    db = str(tmp_path / "agenda.db")
    with Register(db) as reg:
        seed_books(reg, kasus=1, masuk=14, persetujuan=True)
        nr = "001/REG-PPA/XI/2026"
        tugas = reg.issue(perihal="Surat Tugas Pendampingan", klasifikasi="PPA",
                          tanggal=date(2026, 11, 23), nomor_registrasi=nr)  # fmt: skip
    assert str(tugas) == "002/DP3A-PP-KB/PPA/XI/2026"

    def buat(kind: str, *more: str) -> str:
        src = tmp_path / f"{kind}.json"
        src.write_text(json.dumps(letters.example_data(kind)), encoding="utf-8")
        out = tmp_path / f"{kind}-{len(list(tmp_path.iterdir()))}.docx"
        code = main(["buat", kind, str(src), "-o", str(out), "--db", db, *more])
        said = capsys.readouterr()
        assert code == 0, said.err
        return said.out.strip()

    assert buat("disposisi") == ""
    rujukan = buat("rujukan")
    assert rujukan == "003/DP3A-PP-KB/PPA/XI/2026"
    buat("laporan_pendampingan")
    # printed again: with the number taken, and the unnumbered ones on their own dates
    buat("rujukan", "--nomor", rujukan)
    buat("disposisi")
    buat("laporan_pendampingan")
    with Register(db) as reg:
        docs = reg.documents(nr)
        steps = reg.steps(nr)
    assert [(d.jenis, d.tanggal.isoformat(), d.nomor, d.buku, d.tahap) for d in docs] == [
        ("disposisi", "2026-11-16", None, None, "penerimaan"),
        ("rujukan", "2026-11-24", rujukan, "keluar", "rujukan"),
        ("laporan_pendampingan", "2026-11-25", None, None, "laporan"),
    ]
    assert [(d.sop, d.langkah) for d in docs][2] == ("34", 6)
    assert [(s.langkah, s.dokumen) for s in steps] == [(6, ("laporan_pendampingan",))]
    # no name in the table: only kinds, dates, numbers and keys made of them
    assert "Lestari" not in repr([(d.kunci, d.nomor) for d in docs])
    assert main(["--json", "langkah", nr, "--db", db]) == 0
    (step,) = json.loads(capsys.readouterr().out)["langkah"]
    assert step["dokumen"] == ["laporan_pendampingan"]
