"""A register written by schema 1 keeps working: it is migrated to schema 2 when opened."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from surat import Register, SuratError
from surat.numbering import SCHEMA_VERSION

# The tables as schema 1 created them (surat 0.1.0 before case links and steps),
# copied here so that the test does not depend on the code it checks.
V1_SQLITE = (
    "CREATE TABLE surat_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE surat_counter (name TEXT PRIMARY KEY, last INTEGER NOT NULL, "
    "tanggal TEXT NOT NULL)",
    """CREATE TABLE surat_agenda (
        id            INTEGER PRIMARY KEY,
        buku          TEXT NOT NULL CHECK (buku IN ('keluar', 'masuk', 'kasus')),
        kode          TEXT NOT NULL,
        counter       TEXT NOT NULL REFERENCES surat_counter (name),
        urut          INTEGER NOT NULL CHECK (urut > 0),
        sisipan       TEXT NOT NULL DEFAULT '',
        nomor         TEXT NOT NULL,
        tanggal       TEXT NOT NULL,
        tahun         INTEGER NOT NULL,
        klasifikasi   TEXT NOT NULL DEFAULT '',
        perihal       TEXT NOT NULL,
        tujuan        TEXT NOT NULL DEFAULT '',
        dari          TEXT NOT NULL DEFAULT '',
        nomor_surat   TEXT NOT NULL DEFAULT '',
        tanggal_surat TEXT,
        status        TEXT NOT NULL DEFAULT 'aktif' CHECK (status IN ('aktif', 'batal')),
        alasan_terbit TEXT,
        alasan_batal  TEXT,
        created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')),
        batal_at      TEXT,
        UNIQUE (counter, urut, sisipan),
        UNIQUE (buku, kode, nomor)
    )""",
    "CREATE INDEX surat_agenda_tahun ON surat_agenda (buku, kode, tahun)",
)
V1_POSTGRES = (
    "CREATE TABLE surat_meta (key text PRIMARY KEY, value text NOT NULL)",
    "CREATE TABLE surat_counter (name text PRIMARY KEY, last integer NOT NULL, "
    "tanggal date NOT NULL)",
    """CREATE TABLE surat_agenda (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        buku          text NOT NULL CHECK (buku IN ('keluar', 'masuk', 'kasus')),
        kode          text NOT NULL,
        counter       text NOT NULL REFERENCES surat_counter (name),
        urut          integer NOT NULL CHECK (urut > 0),
        sisipan       text NOT NULL DEFAULT '',
        nomor         text NOT NULL,
        tanggal       date NOT NULL,
        tahun         integer NOT NULL,
        klasifikasi   text NOT NULL DEFAULT '',
        perihal       text NOT NULL,
        tujuan        text NOT NULL DEFAULT '',
        dari          text NOT NULL DEFAULT '',
        nomor_surat   text NOT NULL DEFAULT '',
        tanggal_surat date,
        status        text NOT NULL DEFAULT 'aktif' CHECK (status IN ('aktif', 'batal')),
        alasan_terbit text,
        alasan_batal  text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        batal_at      timestamptz,
        UNIQUE (counter, urut, sisipan),
        UNIQUE (buku, kode, nomor)
    )""",
    "CREATE INDEX surat_agenda_tahun ON surat_agenda (buku, kode, tahun)",
)
#: What a schema-1 register held: one case, one incoming and two outgoing letters.
V1_ROWS = (
    "INSERT INTO surat_meta VALUES ('schema_version', '1')",
    "INSERT INTO surat_counter VALUES ('kasus/DP3A-PP-KB/2026', 1, '2026-11-16'), "
    "('masuk/DP3A-PP-KB/2026', 1, '2026-11-16'), ('keluar/DP3A-PP-KB/2026', 2, '2026-11-23')",
    "INSERT INTO surat_agenda (buku, kode, counter, urut, nomor, tanggal, tahun, perihal) "
    "VALUES ('kasus', 'DP3A-PP-KB', 'kasus/DP3A-PP-KB/2026', 1, '001/REG-PPA/XI/2026', "
    "'2026-11-16', 2026, 'Penanganan kasus kekerasan: Fisik')",
    "INSERT INTO surat_agenda (buku, kode, counter, urut, nomor, tanggal, tahun, perihal, dari) "
    "VALUES ('masuk', 'DP3A-PP-KB', 'masuk/DP3A-PP-KB/2026', 1, '001/SM/2026', '2026-11-16', "
    "2026, 'Permohonan Pendampingan Kasus', 'Pelapor kasus 001/REG-PPA/XI/2026')",
    "INSERT INTO surat_agenda (buku, kode, counter, urut, nomor, tanggal, tahun, klasifikasi, "
    "perihal, tujuan) VALUES ('keluar', 'DP3A-PP-KB', 'keluar/DP3A-PP-KB/2026', 1, "
    "'001/DP3A-PP-KB/PPA/XI/2026', '2026-11-20', 2026, 'PPA', 'Persetujuan Pendampingan', "
    "'Sdr. Pelapor'), ('keluar', 'DP3A-PP-KB', 'keluar/DP3A-PP-KB/2026', 2, "
    "'002/DP3A-PP-KB/PPA/XI/2026', '2026-11-23', 2026, 'PPA', 'Surat Tugas Pendampingan', "
    "'Rina Marlina')",
)


def schema_1_register(target: str) -> None:
    """A register exactly as schema 1 left it, written with the database's own client."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target, autocommit=False) as conn:
            for sql in (*V1_POSTGRES, *V1_ROWS):
                conn.execute(sql)
        return
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    conn = sqlite3.connect(target)
    with conn:
        conn.execute("PRAGMA journal_mode = WAL")
        for sql in (*V1_SQLITE, *V1_ROWS):
            conn.execute(sql)
    conn.close()


def schema_version(target: str) -> str:
    sql = "SELECT value FROM surat_meta WHERE key = 'schema_version'"
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            row = conn.execute(sql).fetchone()
    else:
        conn = sqlite3.connect(target)
        row = conn.execute(sql).fetchone()
        conn.close()
    assert row is not None
    return str(row[0])


def test_a_schema_1_register_is_migrated_and_keeps_its_books(register_db: str) -> None:
    schema_1_register(register_db)
    assert schema_version(register_db) == "1"
    with Register(register_db) as reg:
        assert schema_version(register_db) == str(SCHEMA_VERSION) == "3"
        # every row is still there, unlinked (schema 1 knew no links)
        assert [e.nomor for e in reg.entries()] == [
            "001/DP3A-PP-KB/PPA/XI/2026",
            "002/DP3A-PP-KB/PPA/XI/2026",
        ]
        assert [e.nomor_registrasi for e in reg.entries()] == ["", ""]
        (case,) = reg.cases()
        assert (case.nomor, case.kategori) == ("001/REG-PPA/XI/2026", None)
        assert reg.received()[0].dari == "Pelapor kasus 001/REG-PPA/XI/2026"
        # the books go on where they stopped, and the old case takes steps
        n = reg.issue(perihal="Undangan", klasifikasi="PPA", tanggal=date(2026, 11, 24),
                      nomor_registrasi=case.nomor)  # fmt: skip
        assert n.nomor == "003/DP3A-PP-KB/PPA/XI/2026"
        reg.record_step(case.nomor, sop="34", langkah=2, mulai="2026-11-16 09:10",
                        selesai="2026-11-16 10:25", oleh="staf_penerima")  # fmt: skip
        assert reg.steps(case.nomor)[0].terlambat
    with Register(register_db) as again:  # opening a migrated register changes nothing
        assert len(again.entries()) == 3 and len(again.steps("001/REG-PPA/XI/2026")) == 1
    assert schema_version(register_db) == "3"


def test_migration_keeps_the_sqlite_file_owner_only(tmp_path: Path) -> None:
    target = str(tmp_path / "lama.db")
    schema_1_register(target)
    Register(target).close()
    for f in tmp_path.iterdir():
        if f.name.startswith("lama.db"):
            assert stat.S_IMODE(f.stat().st_mode) == 0o600, f.name


def test_a_failed_migration_leaves_schema_1(tmp_path: Path) -> None:
    target = str(tmp_path / "lama.db")
    schema_1_register(target)
    # a table of the new schema's name already there, shaped otherwise: the
    # migration's index on it fails, and the whole migration rolls back
    conn = sqlite3.connect(target)
    with conn:
        conn.execute("CREATE TABLE surat_langkah (x TEXT)")
    conn.close()
    with pytest.raises(SuratError, match="galat buku agenda"):
        Register(target)
    assert schema_version(target) == "1"
    conn = sqlite3.connect(target)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(surat_agenda)")]
    conn.close()
    assert "nomor_registrasi" not in columns


def _open_and_issue(target: str, barrier: Any, out: Any) -> None:
    barrier.wait()  # every process opens the old register at the same moment
    with Register(target) as reg:
        out.put(reg.issue(perihal="Undangan", klasifikasi="PPA", tanggal=date(2026, 11, 24)).nomor)


def test_processes_opening_an_old_register_together_migrate_it_once(register_db: str) -> None:
    schema_1_register(register_db)
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(4), ctx.Queue()
    procs = [
        ctx.Process(target=_open_and_issue, args=(register_db, barrier, out)) for _ in range(4)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    numbers = sorted(out.get(timeout=5) for _ in procs)
    assert numbers == [f"00{i}/DP3A-PP-KB/PPA/XI/2026" for i in range(3, 7)]
    assert schema_version(register_db) == str(SCHEMA_VERSION)
    with Register(register_db) as reg:
        assert len(reg.entries()) == 6 and reg.steps() == []
