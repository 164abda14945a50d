"""A batch that fails half-way: every number it took is voided or listed, no file is left.

The faults are real: a tmpfs that is full, a batch process killed with
SIGKILL while LibreOffice converts, a PostgreSQL server stopped mid-run.
"""

from __future__ import annotations

import contextlib
import csv
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from referensi_support import seed_books

import surat
from surat.batch import BatchError, print_batch
from surat.cli import main
from surat.letters import example_data
from surat.pdf import Converter
from surat.pdf.profile import PREFIX, pipe_files

from .faults import MidwayConverter, docx_under, kill_all_under

if TYPE_CHECKING:
    from conftest import TempCluster

IN_CI = os.environ.get("CI", "").lower() == "true"


def write_rows(path: Path, n: int) -> Path:
    d = example_data("persetujuan")
    row: dict[str, Any] = {
        "kepada": d["kepada"],
        "permohonan.tanggal": d["permohonan"]["tanggal"],
        "permohonan.nomor_agenda": d["permohonan"]["nomor_agenda"],
        "korban.nama": d["korban"]["nama"],
        "layanan": "; ".join(d["layanan"]),
        "pendamping.1.nama": d["pendamping"][0]["nama"],
        "pendamping.1.jabatan": d["pendamping"][0]["jabatan"],
    }
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, [*row, "korban.nomor_registrasi"])
        w.writeheader()
        for i in range(1, n + 1):
            w.writerow({**row, "korban.nomor_registrasi": f"{i:03d}/REG-PPA/XI/2026"})
    return path


@pytest.fixture(scope="module")
def conv() -> Iterator[Converter]:
    with Converter(workers=1) as c:
        yield c


@contextlib.contextmanager
def full_disk(folder: Path) -> Iterator[Path]:
    """A 256 kB tmpfs at *folder* with a few kB left: a pack does not fit."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        reason = f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}"
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        with contextlib.suppress(OSError):
            (folder / "filler").write_bytes(b"x" * (256 - 8) * 1024)
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_full_disk_voids_the_numbers_and_leaves_no_file(tmp_path: Path, conv: Converter) -> None:
    data = write_rows(tmp_path / "data.csv", 2)
    with full_disk(tmp_path / "disk") as disk, surat.Register(tmp_path / "agenda.db") as reg:
        seed_books(reg, kasus=2, masuk=14)  # the cases and the request the rows cite
        with pytest.raises(BatchError) as err:
            print_batch(
                "persetujuan",
                data,
                disk / "cetak.pdf",
                register=reg,
                converter=conv,
                progress=False,
            )
        msg = str(err.value)
        assert "cetak.pdf: paket tidak dapat ditulis (No space left on device)" in msg
        entries = reg.entries()
        assert [e.status for e in entries] == ["batal", "batal"]
        assert err.value.voided == tuple(e.nomor for e in entries)
        assert all(e.nomor in msg for e in entries)
        assert reg.pending() == []
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]  # no partial pack


def test_a_number_voided_while_the_batch_prints_fails_the_pack(
    tmp_path: Path, conv: Converter
) -> None:
    """A clerk voids a number the running batch holds: its letter must not be printed."""
    data = write_rows(tmp_path / "data.csv", 2)
    with surat.Register(tmp_path / "agenda.db") as reg:
        seed_books(reg, kasus=2, masuk=14)

        def void_first() -> None:
            first = reg.pending()[0]
            reg.void(first.nomor, alasan="salah ketik")

        with pytest.raises(BatchError, match="dibatalkan saat proses mencetak"):
            print_batch(
                "persetujuan",
                data,
                tmp_path / "cetak.pdf",
                register=reg,
                converter=MidwayConverter(conv, void_first),  # type: ignore[arg-type]
                progress=False,
            )
        assert [e.status for e in reg.entries()] == ["batal", "batal"]
        assert not (tmp_path / "cetak.pdf").exists()


KILLED_BATCH = """
import sys
from surat.batch import print_batch
print_batch("persetujuan", sys.argv[1], sys.argv[2], register=sys.argv[3], progress=False)
"""


def test_a_batch_killed_mid_run_leaves_its_numbers_listed(
    tmp_path: Path,
    conv: Converter,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = write_rows(tmp_path / "data.csv", 60)
    db = tmp_path / "agenda.db"
    with surat.Register(db) as books:
        seed_books(books, kasus=60, masuk=14)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp)}
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_BATCH, str(data), str(tmp_path / "cetak.pdf"), str(db)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with surat.Register(db) as reg:
            deadline = time.monotonic() + 120
            while len(reg.entries()) < 60 and proc.poll() is None:
                assert time.monotonic() < deadline, "the batch took no numbers"
                time.sleep(0.05)
            leftovers = docx_under(tmp)  # letters being converted now
            deadline = time.monotonic() + 60
            while not leftovers and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
                leftovers = docx_under(tmp)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            # its LibreOffice profiles, and the sockets their soffice made in /tmp
            profiles = list(tmp.glob(f"{PREFIX}*"))
            sockets = [s for f in profiles for s in pipe_files(f / "profile", _pipe(f))]
            assert profiles, "the batch was killed before it started LibreOffice"
            assert any(s.exists() for s in sockets)  # SIGKILL gave soffice no time to remove them
            kill_all_under(tmp)
            # removed as a converter started on that $TMPDIR removes them
            assert [f for f in profiles if f.exists()] == []
            assert [s for s in sockets if s.exists()] == []
            pending = reg.pending()
            assert len(pending) == 60 and all(e.status == "aktif" for e in pending)
            assert {e.batch for e in pending} == {pending[0].batch}
            assert f":{proc.pid}:" in str(pending[0].batch)
        assert not (tmp_path / "cetak.pdf").exists()

        # the clerk sees them, and voids them in one go as the listing says
        assert main(["agenda", "--db", str(db), "--tertunda"]) == 0
        listing = capsys.readouterr().out
        assert f"cetak {pending[0].batch} (terhenti): 60 nomor" in listing
        assert pending[0].nomor in listing and "60 nomor tertunda" in listing
        batal = ["nomor", "batal", "--db", str(db), "--alasan", "cetak massal terhenti"]
        assert main([*batal, "--batch", str(pending[0].batch)]) == 0
        with surat.Register(db) as reg:
            assert reg.pending() == []
            assert {e.status for e in reg.entries()} == {"batal"}

        assert leftovers, "the batch was killed before it wrote a letter to convert"
        # the next batch (same $TMPDIR) removes what the dead one left in its folders
        monkeypatch.setattr(tempfile, "tempdir", str(tmp))
        with surat.Register(db) as reg:
            print_batch(
                "persetujuan",
                write_rows(tmp_path / "one.csv", 1),
                tmp_path / "next.pdf",
                register=reg,
                converter=conv,
                progress=False,
            )
        assert list(tmp.rglob("*.docx")) == [] and list(tmp.rglob("*.pdf")) == []
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        kill_all_under(tmp)


def _pipe(profile: Path) -> str | None:
    """The UNO pipe name a profile folder keeps (none yet if killed while made)."""
    try:
        return (profile / "pipe").read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None


def test_a_server_stopped_mid_run_lists_the_numbers_it_may_hold(
    tmp_path: Path, private_pg_cluster: TempCluster, conv: Converter
) -> None:
    data = write_rows(tmp_path / "data.csv", 3)
    url = private_pg_cluster.url_for(private_pg_cluster.create_database())
    with surat.Register(url) as reg:
        seed_books(reg, kasus=3, masuk=14)
        with pytest.raises(BatchError) as err:
            print_batch(
                "persetujuan",
                data,
                tmp_path / "cetak.pdf",
                register=reg,
                converter=MidwayConverter(conv, private_pg_cluster.crash),  # type: ignore[arg-type]
                progress=False,
            )
        msg = str(err.value)
        assert "mungkin masih aktif di buku agenda tanpa surat" in msg
        assert err.value.voided == ()
        private_pg_cluster.start()
    with surat.Register(private_pg_cluster.url_for(url.rsplit("/", 1)[1])) as reg:
        pending = reg.pending()
        assert len(pending) == 3 and all(e.nomor in msg for e in pending)
    assert not (tmp_path / "cetak.pdf").exists()


def _alive_under(folder: Path) -> list[int]:
    """The processes whose command line names *folder* (a run's LibreOffice)."""
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            with contextlib.suppress(OSError):
                if str(folder).encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                    found.append(int(pid))
    return found


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_batch_stopped_by_a_signal_leaves_no_letter_and_no_number(
    tmp_path: Path, signum: signal.Signals
) -> None:
    """SIGTERM left the letters being converted (the reporter's name, NIK and address)
    in $TMPDIR/surat-batch-*; now it unwinds as Ctrl-C does, and the command says so."""
    data = write_rows(tmp_path / "data.csv", 40)
    db = tmp_path / "agenda.db"
    with surat.Register(db) as books:
        seed_books(books, kasus=40, masuk=14)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp)}
    out = tmp_path / "cetak.pdf"
    proc = subprocess.Popen(
        [sys.executable, "-m", "surat", "cetak", str(data), "-o", str(out), "--db", str(db),
         "--jenis", "persetujuan"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 180
        while not docx_under(tmp) and proc.poll() is None:  # letters are being converted
            assert time.monotonic() < deadline, "the batch converted nothing"
            time.sleep(0.02)
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 128 + signum, err
    assert f"dihentikan ({signum.name})" in err
    assert list(tmp.glob("surat-batch-*")) == [] and docx_under(tmp) == []
    assert _alive_under(tmp) == []  # its LibreOffice stopped with it
    assert not out.exists()
    with surat.Register(db) as reg:
        entries = reg.entries(tahun=None)
        assert entries and {e.status for e in entries} == {"batal"}  # voided, none pending
        assert reg.pending() == []
