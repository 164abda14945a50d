"""``-`` for stdin and stdout, and a reader that leaves early: the command run as a
script runs it, in a real process with real pipes."""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from referensi_support import seed_books

import surat
from surat.document import Document
from surat.numbering import Register

EXAMPLES = Path(__file__).parent.parent / "examples"


def surat_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "surat", *args]


def run(*args: str, data: bytes = b"", timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    """`surat ARGS` with *data* on stdin; stdout and stderr as bytes."""
    return subprocess.run(
        surat_cmd(*args), input=data, capture_output=True, timeout=timeout, check=False
    )


def example(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(surat.example_data(kind), default=str))
    return data


def as_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def as_toml(data: dict[str, Any], prefix: str = "") -> str:
    """The few TOML shapes a letter's data needs (no writer is installed)."""
    lines, tables = [], []
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, dict):
            tables.append(f"\n[{prefix}{key}]\n" + as_toml(value, f"{prefix}{key}."))
        elif isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        else:  # a string or a list of strings: JSON's escapes are TOML's
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "".join(tables) + "\n"


def seeded(db: Path, kasus: int = 1) -> Path:
    """A register holding the cases and the request (014/SM) the example letters cite."""
    with Register(db) as reg:
        seed_books(reg, kasus=kasus, masuk=14)
    return db


def test_buat_reads_its_data_from_stdin_and_writes_the_pdf_to_stdout(tmp_path: Path) -> None:
    db = seeded(tmp_path / "agenda.db")
    data = example("persetujuan")
    done = run("buat", "persetujuan", "-", "-o", "-", "--format", "pdf", "--db", str(db),
               "--baru", "--json", data=as_json(data))  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stderr)  # stdout carries the letter: the report is on stderr
    assert report["nomor"] == "001/DP3A-PP-KB/PPA/XI/2026" and report["berkas"] is None
    assert (report["urut"], report["tahun"], report["tanggal"]) == (1, 2026, "2026-11-22")
    pdf = PdfReader(io.BytesIO(done.stdout))
    text = pdf.pages[0].extract_text()
    assert report["nomor"] in text and data["korban"]["nama"] not in done.stderr.decode()
    with Register(db) as reg:
        (entry,) = reg.entries()
        assert (entry.nomor, entry.status, entry.batch) == (report["nomor"], "aktif", None)
        assert reg.pending() == []
    # without --json: the number alone on stderr, the letter alone on stdout
    done = run("buat", "persetujuan", "-", "-o", "-", "--format", "pdf", "--db", str(db),
               data=as_json(data))  # fmt: skip
    assert done.returncode == 0 and done.stderr == b"002/DP3A-PP-KB/PPA/XI/2026\n"
    assert done.stdout.startswith(b"%PDF-")


def test_buat_takes_toml_from_stdin_and_writes_a_docx(tmp_path: Path) -> None:
    data = example("permohonan")
    done = run("buat", "permohonan", "-", "-o", "-", "--format", "docx",
               data=as_toml(data).encode("utf-8"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""  # an unnumbered letter: nothing to report
    text = Document(docx=done.stdout, kind="permohonan").text()
    assert data["pelapor"]["nama"] in text and data["tempat_kejadian"] in text
    # data from stdin, the letter to a file: its name on stderr as ever
    out = tmp_path / "p.docx"
    done = run("buat", "permohonan", "-", "-o", str(out), data=as_json(data))
    assert done.returncode == 0 and done.stdout == b"" and done.stderr == f"{out}\n".encode()
    assert out.stat().st_mode & 0o777 == 0o600
    # data that is neither, from stdin: named as stdin, the line given, nothing quoted
    done = run("buat", "permohonan", "-", "-o", "-", "--format", "docx", "--json",
               data=b'nama = "Sri"\nalamat = \n')  # fmt: skip
    assert done.returncode == 1 and done.stdout == b""
    err = json.loads(done.stderr)
    assert err["error"] == "stdin: bukan TOML yang sah dekat baris 2" and "Sri" not in err["error"]


def test_o_dash_writes_a_pdf_unless_told_and_is_never_a_terminal(tmp_path: Path) -> None:
    db = tmp_path / "agenda.db"
    data = as_json(example("persetujuan"))
    # `surat buat KIND - -o - < data.json > x.pdf`, as a script writes it: a PDF
    done = run("buat", "persetujuan", "-", "-o", "-", "--nomor", "001/DP3A-PP-KB/PPA/XI/2026",
               "--json", data=data)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stderr)["format"] == "pdf" and done.stdout.startswith(b"%PDF-")
    assert "Persetujuan" in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(done.stdout)).pages
    )
    done = run("buat", "persetujuan", "-", "-o", "x.docx", "--format", "pdf", data=data)
    assert done.returncode == 2 and b"--format" in done.stderr
    # stdout a terminal: a PDF's bytes are not for a screen, and nothing is numbered
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            surat_cmd(
                "buat",
                "persetujuan",
                "-",
                "-o",
                "-",
                "--format",
                "pdf",
                "--db",
                str(db),
                "--baru",
                "--json",
            ),
            input=data,
            stdout=follower,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert proc.returncode == 1 and "stdout adalah terminal" in json.loads(proc.stderr)["error"]
    assert not db.exists()


def test_a_number_is_confirmed_only_once_the_letter_is_all_written(tmp_path: Path) -> None:
    """While the letter is still going out to stdout, its number is pending (listed by
    `agenda --tertunda`); it is confirmed only after the last byte is written."""
    db = seeded(tmp_path / "agenda.db")
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)  # a letter (~40 kB) cannot fit in it
    proc = subprocess.Popen(
        surat_cmd(
            "buat",
            "persetujuan",
            "-",
            "-o",
            "-",
            "--format",
            "pdf",
            "--db",
            str(db),
            "--baru",
            "--json",
        ),
        stdin=subprocess.PIPE,
        stdout=write_end,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    try:
        assert proc.stdin is not None
        proc.stdin.write(as_json(example("persetujuan")))
        proc.stdin.close()
        ready, _, _ = select.select([read_end], [], [], 300)  # the letter starts coming
        assert ready, "no letter on stdout"
        with Register(db) as reg:
            (entry,) = reg.entries()
            assert entry.batch is not None and reg.pending() == [entry]
        received = b""
        while chunk := os.read(read_end, 65536):
            received += chunk
        assert proc.wait(timeout=120) == 0
    finally:
        os.close(read_end)
        if proc.poll() is None:
            proc.kill()
    assert proc.stderr is not None
    assert json.loads(proc.stderr.read())["nomor"] == entry.nomor
    assert entry.nomor in PdfReader(io.BytesIO(received)).pages[0].extract_text()
    with Register(db) as reg:
        assert reg.pending() == [] and [e.status for e in reg.entries()] == ["aktif"]


def test_a_letter_whose_reader_left_voids_its_number(tmp_path: Path) -> None:
    db = seeded(tmp_path / "agenda.db")
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before a byte is written
    proc = subprocess.run(
        surat_cmd(
            "buat",
            "persetujuan",
            "-",
            "-o",
            "-",
            "--format",
            "pdf",
            "--db",
            str(db),
            "--baru",
            "--json",
        ),
        input=as_json(example("persetujuan")),
        stdout=write_end,
        stderr=subprocess.PIPE,
        timeout=300,
        check=False,
    )
    os.close(write_end)
    assert proc.returncode == 1
    err = json.loads(proc.stderr)
    assert err["voided"] == ["001/DP3A-PP-KB/PPA/XI/2026"] and "stdout" in err["error"]
    with Register(db) as reg:
        assert [e.status for e in reg.entries()] == ["batal"] and reg.pending() == []


def _one_row_csv() -> bytes:
    """A one-letter batch whose number was taken elsewhere: no register needed."""
    with (EXAMPLES / "batch.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=[*rows[0], "nomor"])
    w.writeheader()
    w.writerow({**rows[0], "nomor": "045/DP3A-PP-KB/PPA/XI/2026"})
    return out.getvalue().encode("utf-8")


def test_cetak_reads_csv_or_json_rows_from_stdin(tmp_path: Path) -> None:
    out = tmp_path / "cetak.pdf"
    base = ("cetak", "-", "--jenis", "persetujuan", "-o", str(out), "--json")
    done = run(*base, data=_one_row_csv())  # no --format: refused before anything
    assert done.returncode == 2 and "--format" in json.loads(done.stderr)["error"]
    done = run(*base, "--format", "csv", data=_one_row_csv())
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["letters"] == 1 and summary["numbers"] == [] and done.stderr == b""
    assert "045/DP3A-PP-KB/PPA/XI/2026" in PdfReader(out).pages[0].extract_text()
    row = {**example("persetujuan"), "nomor": "046/DP3A-PP-KB/PPA/XI/2026"}
    done = run(*base, "--format", "json", data=as_json({"baris": [row]}))
    assert done.returncode == 0, done.stderr
    assert "046/DP3A-PP-KB/PPA/XI/2026" in PdfReader(out).pages[0].extract_text()
    # a bad row from stdin is named by its row, as a file's is
    del row["korban"]
    done = run(*base, "--format", "json", data=as_json({"baris": [row]}))
    assert done.returncode == 1 and done.stdout == b""
    assert any(p["path"].startswith("baris.1.korban") for p in json.loads(done.stderr)["problems"])


def test_kasus_reads_the_case_from_stdin_and_agenda_writes_csv_to_stdout(tmp_path: Path) -> None:
    db, out = tmp_path / "agenda.db", tmp_path / "kasus.pdf"
    done = run("--kantor", str(EXAMPLES / "kantor.toml"), "kasus", "-", "-o", str(out), "--db",
               str(db), "--baru", "--json", "--internal-terbuka",
               data=(EXAMPLES / "kasus.json").read_bytes())  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pages"] == len(PdfReader(out).pages)
    done = run("agenda", "--db", str(db), "--csv", "-")
    assert done.returncode == 0 and done.stderr == b""
    rows = list(csv.reader(io.StringIO(done.stdout.decode("utf-8"))))
    assert rows[0][0] == "Nomor" and len(rows) == 3  # the header, the case's two letters
    done = run("agenda", "--db", str(db), "--buku", "kasus", "--csv", "-", "--json")
    assert done.returncode == 0 and json.loads(done.stderr) == {"buku": "kasus", "berkas": None}
    assert done.stdout.decode("utf-8").startswith("Nomor registrasi,")


def _blocked_pack(db: Path, *args: str, data: bytes) -> tuple[bytes, bytes, list[str]]:
    """Run `surat ARGS` (a pack to `-o -`) into a pipe too small for the pack; while
    the pack is still going out, the numbers it took (read from the register) are
    pending. Returns stdout, stderr and those numbers."""
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)  # a pack (~100 kB) cannot fit in it
    proc = subprocess.Popen(
        surat_cmd(*args), stdin=subprocess.PIPE, stdout=write_end, stderr=subprocess.PIPE
    )
    os.close(write_end)
    try:
        assert proc.stdin is not None
        proc.stdin.write(data)
        proc.stdin.close()
        ready, _, _ = select.select([read_end], [], [], 300)  # the pack starts coming
        assert ready, "no pack on stdout"
        with Register(db) as reg:
            pending = [e.nomor for e in reg.pending()]  # a case's pack: its case number too
            assert pending and {e.nomor for e in reg.entries()} <= set(pending)
        received = b""
        while chunk := os.read(read_end, 65536):
            received += chunk
        proc.wait(timeout=120)
    finally:
        os.close(read_end)
        if proc.poll() is None:
            proc.kill()
    assert proc.stderr is not None
    err = proc.stderr.read()
    assert proc.returncode == 0, err
    return received, err, pending


def test_cetak_writes_its_pack_to_stdout_and_confirms_the_numbers_after(tmp_path: Path) -> None:
    """`surat cetak DATA -o -`: the pack on stdout, the summary on stderr; its numbers
    are confirmed only once the whole pack is written, and voided if the reader left."""
    db = seeded(tmp_path / "agenda.db")
    rows = as_json({"baris": [example("persetujuan")]})
    args = ("cetak", "-", "--format", "json", "--jenis", "persetujuan", "-o", "-", "--db",
            str(db), "--json")  # fmt: skip
    received, err, pending = _blocked_pack(db, *args, data=rows)
    summary = json.loads(err)
    assert summary["numbers"] == pending == ["001/DP3A-PP-KB/PPA/XI/2026"]
    assert summary["output"] is None
    pdf = PdfReader(io.BytesIO(received))
    assert len(pdf.pages) == summary["pages"] and pending[0] in pdf.pages[0].extract_text()
    with Register(db) as reg:
        assert reg.pending() == [] and [e.status for e in reg.entries()] == ["aktif"]
    # the reader is gone before a byte is written: the number is voided, exit 1
    read_end, write_end = os.pipe()
    os.close(read_end)
    done = subprocess.run(surat_cmd(*args), input=rows, stdout=write_end,
                          stderr=subprocess.PIPE, timeout=300, check=False)  # fmt: skip
    os.close(write_end)
    assert done.returncode == 1
    assert json.loads(done.stderr)["voided"] == ["002/DP3A-PP-KB/PPA/XI/2026"]
    with Register(db) as reg:
        assert [e.status for e in reg.entries()] == ["aktif", "batal"] and reg.pending() == []


def test_kasus_writes_the_outgoing_pack_to_stdout_and_the_internal_papers_to_a_file(
    tmp_path: Path,
) -> None:
    db, internal = tmp_path / "agenda.db", tmp_path / "internal.pdf"
    kantor = ("--kantor", str(EXAMPLES / "kantor.toml"))
    case = (EXAMPLES / "kasus.json").read_bytes()
    # two files cannot share stdout: the internal papers need their own, before anything
    done = run(*kantor, "kasus", "-", "-o", "-", "--db", str(db), "--baru", "--json",
               "--internal-terbuka", data=case)  # fmt: skip
    assert done.returncode == 1 and done.stdout == b"" and not db.exists()
    assert json.loads(done.stderr)["error"].startswith("--internal: -o - menulis surat keluar")
    Register(db).close()
    received, err, pending = _blocked_pack(
        db, *kantor, "kasus", "-", "-o", "-", "--db", str(db), "--internal", str(internal),
        "--internal-terbuka", "--json", data=case,
    )  # fmt: skip
    result = json.loads(err)
    assert result["path"] is None and result["internal"]["path"] == str(internal)
    # the case, the request, the approval and the assignment letter: pending until written
    letters = ["001/DP3A-PP-KB/PPA/XI/2026", "002/DP3A-PP-KB/PPA/XI/2026"]
    assert pending == ["001/REG-PPA/XI/2026", "001/SM/2026", *letters]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(received)).pages)
    assert all(nomor in text for nomor in letters)
    assert len(PdfReader(internal).pages) == result["internal"]["pages"]
    with Register(db) as reg:
        assert reg.pending() == [] and {e.status for e in reg.entries()} == {"aktif"}


# -- a reader that leaves early -------------------------------------------------


def test_a_closed_pipe_ends_quietly_with_141(tmp_path: Path) -> None:
    db = tmp_path / "agenda.db"
    with Register(db) as reg:
        reg.issue(perihal="Persetujuan", tanggal="2026-11-23")
    for args in (
        ("contoh", "kantor"),
        ("contoh", "persetujuan", "--json"),
        ("agenda", "--db", str(db)),
        ("agenda", "--db", str(db), "--csv", "-"),
        ("terbilang", "1500000", "--json"),
        ("--help",),
    ):
        read_end, write_end = os.pipe()
        os.close(read_end)  # gone before the first byte: every run meets it
        proc = subprocess.run(
            surat_cmd(*args), stdout=write_end, stderr=subprocess.PIPE, timeout=60, check=False
        )
        os.close(write_end)
        assert proc.stderr == b"", args
        # argparse's help drops what it cannot print by itself, and exits 0
        assert proc.returncode == (0 if args == ("--help",) else 141), args


def test_head_reads_what_it_wants_and_no_traceback_follows() -> None:
    """`surat contoh kantor | head -1`, as a clerk types it, many times over: the
    reader leaves at its own pace, and surat is either done (0) or told (141)."""
    script = (
        f"for i in $(seq 40); do {' '.join(surat_cmd('contoh', 'kantor'))} | head -c 50 "
        '>/dev/null; echo "${PIPESTATUS[0]}"; done'
    )
    proc = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=600, check=False
    )
    assert proc.stderr == ""
    codes = proc.stdout.split()
    assert len(codes) == 40 and set(codes) <= {"0", "141"}, codes


def _docx_under(folder: Path) -> bool:
    """Whether a .docx is below *folder*; LibreOffice's own folders come and go meanwhile."""
    return any(f.endswith(".docx") for _, _, files in os.walk(folder) for f in files)


def test_a_run_stopped_by_sigterm_says_so_in_json(tmp_path: Path) -> None:
    """Rows from stdin, a batch converting, SIGTERM: stderr holds one JSON object
    with the exit code 128 + 15, stdout nothing, and no number stays active."""
    d = example("persetujuan")
    rows = io.StringIO()
    w = csv.writer(rows)
    header = ["kepada", "korban.nama", "korban.nomor_registrasi", "permohonan.tanggal",
              "permohonan.nomor_agenda", "pendamping.1.nama", "pendamping.1.jabatan",
              "layanan"]  # fmt: skip
    w.writerow(header)
    for i in range(1, 41):
        w.writerow([d["kepada"], d["korban"]["nama"], f"{i:03d}/REG-PPA/XI/2026",
                    d["permohonan"]["tanggal"], d["permohonan"]["nomor_agenda"],
                    d["pendamping"][0]["nama"], d["pendamping"][0]["jabatan"],
                    "; ".join(d["layanan"])])  # fmt: skip
    db = seeded(tmp_path / "agenda.db", kasus=40)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = subprocess.Popen(
        surat_cmd(
            "cetak",
            "-",
            "--format",
            "csv",
            "--jenis",
            "persetujuan",
            "-o",
            str(tmp_path / "cetak.pdf"),
            "--db",
            str(db),
            "--json",
        ),
        env={**os.environ, "TMPDIR": str(tmp)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert proc.stdin is not None
        proc.stdin.write(rows.getvalue().encode("utf-8"))
        proc.stdin.close()
        proc.stdin = None  # all of it given: communicate() has nothing more to send
        deadline = time.monotonic() + 180
        while not _docx_under(tmp) and proc.poll() is None:  # letters being converted
            assert time.monotonic() < deadline, "the batch converted nothing"
            time.sleep(0.02)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 128 + signal.SIGTERM and out == b"", err
    obj = json.loads(err)
    assert obj["exit"] == 143 and obj["error"] == "dihentikan (SIGTERM)"
    with Register(db) as reg:
        entries = reg.entries()
        assert reg.pending() == [] and entries and {e.status for e in entries} == {"batal"}
