"""A register file that another user could change: every number it gives is theirs to forge.

A world-writable register (mode 0666), one owned by another user, a -wal file
any user may write, or a folder where any user may replace the file (without
the sticky bit of /tmp) is refused when the register is opened, naming the
file and its mode, and left as it was.
"""

from __future__ import annotations

import hashlib
import os
import sys
from datetime import date
from pathlib import Path

import pytest

import surat
from surat.cli import main

D = date(2026, 11, 22)
PERIHAL = "Rujukan Putri Ayu Lestari"  # what a register holds; never in an error


def _register(path: Path) -> str:
    with surat.Register(path) as reg:
        reg.issue(perihal=PERIHAL, klasifikasi="PPA", tanggal=D)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(path: Path, match: str) -> None:
    with pytest.raises(surat.SuratError, match=match) as err:
        surat.Register(path)
    assert PERIHAL not in str(err.value) and "Putri" not in str(err.value)


def test_a_world_writable_register_is_refused_and_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "agenda.db"
    before = _register(db)
    os.chmod(db, 0o666)
    _refused(db, r"agenda\.db: mode 0666: setiap pengguna dapat menulisnya")
    assert main(["nomor", "ambil", "--db", str(db), "--perihal", "Surat Tugas"]) == 1
    assert "mode 0666" in capsys.readouterr().err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.db"]  # no -wal, no -shm
    os.chmod(db, 0o600)  # the clerk closes it: the register opens again
    with surat.Register(db) as reg:
        assert reg.issue(perihal="Surat Tugas", tanggal=D).urut == 2
    os.chmod(db, 0o644)  # others may read (an old register): not a forgery risk
    surat.Register(db).close()


def test_a_world_writable_wal_file_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "agenda.db"
    _register(db)
    with surat.Register(db) as held:  # an open register keeps its -wal and -shm
        held.issue(perihal="Surat Tugas", tanggal=D)
        wal = Path(f"{db}-wal")
        assert wal.exists()
        os.chmod(wal, 0o666)
        _refused(db, r"agenda\.db-wal: mode 0666: setiap pengguna dapat menulisnya")
        os.chmod(wal, 0o600)
        shm = Path(f"{db}-shm")
        os.chmod(shm, 0o662)
        _refused(db, r"agenda\.db-shm: mode 0662")


def test_a_folder_anyone_may_write_without_the_sticky_bit_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "bersama"
    shared.mkdir()
    db = shared / "agenda.db"
    _register(db)
    os.chmod(shared, 0o777)
    _refused(db, r"bersama: mode 0777: setiap pengguna dapat mengganti berkas di dalamnya")
    with pytest.raises(surat.SuratError, match="mode 0777"):  # a new register there too
        surat.Register(shared / "baru.db")
    assert not (shared / "baru.db").exists()
    os.chmod(shared, 0o1777)  # sticky, as /tmp: only a file's owner may replace it
    surat.Register(db).close()


def test_a_register_owned_by_another_user_is_refused(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        db = tmp_path / "agenda.db"
        before = _register(db)
        os.chown(db, 65534, 65534)  # nobody's
        _refused(db, r"agenda\.db: mode 0600: milik pengguna lain")
        assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    else:  # without root no file can be given away: a file root owns stands for one
        other = Path(sys.executable).resolve()
        assert other.stat().st_uid != os.geteuid()
        with pytest.raises(surat.SuratError, match=r"milik pengguna lain"):
            surat.Register(other)
