"""A register written by schema 1 keeps working: it is migrated to schema 2 when opened."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import sqlite3
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import surat
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
        assert schema_version(register_db) == str(SCHEMA_VERSION) == "9"
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
        # schema 6: an old letter takes its paraf, then its signature
        assert reg.record_paraf("002/DP3A-PP-KB/PPA/XI/2026", "kasi_pha").pejabat == "kasi_pha"
        reg.record_tte("002/DP3A-PP-KB/PPA/XI/2026")
        with pytest.raises(SuratError, match="sudah ditandatangani secara elektronik"):
            reg.record_paraf("002/DP3A-PP-KB/PPA/XI/2026", "kabid")
        # schema 7: the old case can be closed, and then takes no letter
        reg.close_case(case.nomor, alasan="selesai", tanggal=date(2026, 12, 1))
        with pytest.raises(SuratError, match="ditutup pada 2026-12-01"):
            reg.issue(perihal="Undangan", tanggal=date(2026, 12, 2), nomor_registrasi=case.nomor)
        # schema 8: the old case's documents, recorded before it was closed
        with pytest.raises(SuratError, match="ditutup pada 2026-12-01"):
            reg.record_document(case.nomor, jenis="penutupan", tanggal=date(2026, 12, 1))
        reg.reopen_case(case.nomor, alasan="dokumen lama dicatat", tanggal=date(2026, 12, 2))
        reg.record_document(case.nomor, jenis="tugas", tanggal=date(2026, 11, 23),
                            nomor="002/DP3A-PP-KB/PPA/XI/2026", buku="keluar")  # fmt: skip
    with Register(register_db) as again:  # opening a migrated register changes nothing
        assert len(again.entries()) == 3 and len(again.steps("001/REG-PPA/XI/2026")) == 1
        assert [p.tindakan for p in again.closures()] == ["tutup", "buka"]
        assert [d.label for d in again.documents()] == ["tugas 002/DP3A-PP-KB/PPA/XI/2026"]
    assert schema_version(register_db) == "9"


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


def together(work: Callable[..., None], register_db: str, *, indexed: bool = False) -> list[Any]:
    """Run *work* in four spawned processes that start at one barrier (each given its
    index when *indexed*); every one must exit cleanly; what each put, in any order."""
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(4), ctx.Queue()
    procs = [
        ctx.Process(target=work, args=(register_db, barrier, out, *((i,) if indexed else ())))
        for i in range(4)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    return [out.get(timeout=5) for _ in procs]


def _open_and_issue(target: str, barrier: Any, out: Any) -> None:
    barrier.wait()  # every process opens the old register at the same moment
    with Register(target) as reg:
        n = reg.issue(perihal="Undangan", klasifikasi="PPA", tanggal=date(2026, 11, 24))
        reg.record_paraf(n, "kasi_pha")  # schema 6's table is there for each of them
        out.put(n.nomor)


def test_processes_opening_an_old_register_together_migrate_it_once(register_db: str) -> None:
    schema_1_register(register_db)
    numbers = sorted(together(_open_and_issue, register_db))
    assert numbers == [f"00{i}/DP3A-PP-KB/PPA/XI/2026" for i in range(3, 7)]
    assert schema_version(register_db) == str(SCHEMA_VERSION)
    with Register(register_db) as reg:
        assert len(reg.entries()) == 6 and reg.steps() == [] and reg.closures() == []
        assert [len(reg.paraf(n)) for n in numbers] == [1, 1, 1, 1]


# -- schema 4: one outgoing book per letterhead ----------------------------------------

# What schema 3 added to schema 1 (case links, categories, steps, batches), as
# schema 3 left it, copied here like V1.
V3_SQLITE = (
    "ALTER TABLE surat_agenda ADD COLUMN nomor_registrasi TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX surat_agenda_kasus ON surat_agenda (kode, nomor_registrasi)",
    "CREATE TABLE surat_kategori (kasus_id INTEGER PRIMARY KEY REFERENCES surat_agenda (id), "
    "jenis_kekerasan TEXT NOT NULL, tempat_kejadian TEXT NOT NULL, hubungan_pelaku TEXT NOT "
    "NULL, layanan TEXT NOT NULL, jenis_kelamin TEXT NOT NULL, kelompok_umur TEXT NOT NULL)",
    "ALTER TABLE surat_agenda ADD COLUMN batch TEXT",
)
V3_POSTGRES = (
    "ALTER TABLE surat_agenda ADD COLUMN nomor_registrasi text NOT NULL DEFAULT ''",
    "CREATE INDEX surat_agenda_kasus ON surat_agenda (kode, nomor_registrasi)",
    "CREATE TABLE surat_kategori (kasus_id bigint PRIMARY KEY REFERENCES surat_agenda (id), "
    "jenis_kekerasan text NOT NULL, tempat_kejadian text NOT NULL, hubungan_pelaku text NOT "
    "NULL, layanan text NOT NULL, jenis_kelamin text NOT NULL, kelompok_umur text NOT NULL)",
    "ALTER TABLE surat_agenda ADD COLUMN batch text",
)
#: Schema 3 numbered a unit's letters in the office's one book, with the unit's code:
#: 001 the UPTD's, 002 the Dinas's.
V3_ROWS = (
    "UPDATE surat_meta SET value = '3' WHERE key = 'schema_version'",
    "UPDATE surat_counter SET last = 2 WHERE name = 'keluar/DP3A-PP-KB/2026'",
    "DELETE FROM surat_agenda WHERE buku = 'keluar'",
    "INSERT INTO surat_agenda (buku, kode, counter, urut, nomor, tanggal, tahun, klasifikasi, "
    "perihal) VALUES ('keluar', 'DP3A-PP-KB', 'keluar/DP3A-PP-KB/2026', 1, "
    "'001/UPTD-PPA/PPA/XI/2026', '2026-11-20', 2026, 'PPA', 'Persetujuan Pendampingan'), "
    "('keluar', 'DP3A-PP-KB', 'keluar/DP3A-PP-KB/2026', 2, '002/DP3A-PP-KB/PPA/XI/2026', "
    "'2026-11-23', 2026, 'PPA', 'Surat Tugas Pendampingan')",
)
UPTD = """
[pejabat.kepala_uptd]
jabatan = "Kepala UPTD Perlindungan Perempuan dan Anak Kota Batam"
[kop.uptd]
induk = "kantor"
nama = "UPTD PERLINDUNGAN PEREMPUAN DAN ANAK KOTA BATAM"
alamat = "Jl. Raja Isa, Batam Centre, Batam 29461"
pimpinan = "kepala_uptd"
kode = "UPTD-PPA"
"""


def with_uptd() -> surat.Office:
    text = (Path(surat.__file__).parent / "kantor.toml").read_text(encoding="utf-8")
    return surat.Office.from_toml_string(text + UPTD, source="kantor.toml")


def run_sql(target: str, statements: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """Run *statements* with the database's own client; the last one's rows."""
    rows: list[tuple[Any, ...]] = []
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            for sql in statements:
                cur = conn.execute(sql)
                rows = list(cur.fetchall()) if cur.description else []
        return rows
    conn = sqlite3.connect(target)
    with conn:
        for sql in statements:
            rows = conn.execute(sql).fetchall()
    conn.close()
    return rows


def schema_3_register(target: str) -> None:
    schema_1_register(target)
    ddl = V3_POSTGRES if target.startswith("postgresql://") else V3_SQLITE
    run_sql(target, (*ddl, *V3_ROWS))


def indexes(target: str) -> set[str]:
    if target.startswith("postgresql://"):
        sql = "SELECT indexname FROM pg_indexes WHERE tablename = 'surat_agenda'"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'surat_agenda'"
    return {str(r[0]) for r in run_sql(target, (sql,))}


def test_a_schema_3_register_keeps_its_rows_in_the_office_book(register_db: str) -> None:
    schema_3_register(register_db)
    assert schema_version(register_db) == "3"
    with Register(register_db, office=with_uptd()) as reg:
        assert schema_version(register_db) == "9"
        # every row of schema 3 is the office's own book, the unit's number too
        assert [(e.nomor, e.kop) for e in reg.entries()] == [
            ("001/UPTD-PPA/PPA/XI/2026", ""),
            ("002/DP3A-PP-KB/PPA/XI/2026", ""),
        ]
        assert reg.entries(kop="uptd") == []
        # a unit's letter may still print its number from before: it prints the unit's code
        from surat.pack.workflow import agenda_disagrees

        unit, office_row = reg.entries()

        class UnitLetter:  # what agenda_disagrees reads of a letter: its agenda fields
            def agenda(self, office: surat.Office) -> dict[str, Any]:
                return {"tanggal": unit.tanggal, "kop": "uptd"}

        assert agenda_disagrees(UnitLetter(), reg.office, unit, reg.pattern) == ""
        assert "nomornya berkode DP3A-PP-KB" in agenda_disagrees(
            UnitLetter(), reg.office, dataclasses.replace(office_row, tanggal=unit.tanggal),
            reg.pattern,
        )  # fmt: skip
        day = date(2026, 11, 24)
        assert str(reg.issue(perihal="U", klasifikasi="PPA", tanggal=day)) == (
            "003/DP3A-PP-KB/PPA/XI/2026"
        )
        # the unit's own book skips the number the office's book printed for it
        assert str(reg.peek("PPA", day, kop="uptd")) == "002/UPTD-PPA/PPA/XI/2026"
        assert str(reg.issue(perihal="U", klasifikasi="PPA", tanggal=day, kop="uptd")) == (
            "002/UPTD-PPA/PPA/XI/2026"
        )
        assert str(reg.issue(perihal="U", klasifikasi="PPA", tanggal=day, kop="uptd")) == (
            "003/UPTD-PPA/PPA/XI/2026"
        )
        assert [e.urut for e in reg.entries(kop="uptd")] == [2, 3]
        assert (reg.cases()[0].nomor, reg.received()[0].nomor) == (
            "001/REG-PPA/XI/2026",
            "001/SM/2026",
        )
    assert "surat_agenda_kop" in indexes(register_db)
    assert "surat_agenda_tahun" not in indexes(register_db)


def test_the_kop_step_runs_again_without_harm(register_db: str) -> None:
    """A register whose agenda already has the column (schema 4's tables, version 3)."""
    with Register(register_db, office=with_uptd()) as reg:
        reg.issue(perihal="U", klasifikasi="PPA", tanggal=date(2026, 11, 24), kop="uptd")
    run_sql(register_db, ("UPDATE surat_meta SET value = '3' WHERE key = 'schema_version'",))
    with Register(register_db, office=with_uptd()) as reg:
        assert schema_version(register_db) == "9"
        assert [e.nomor for e in reg.entries(kop="uptd")] == ["001/UPTD-PPA/PPA/XI/2026"]


def _open_and_issue_both(target: str, barrier: Any, out: Any) -> None:
    barrier.wait()  # every process opens the schema-3 register at the same moment
    with Register(target, office=with_uptd()) as reg:
        day = date(2026, 11, 24)
        a = reg.issue(perihal="U", klasifikasi="PPA", tanggal=day, kop="uptd").nomor
        b = reg.issue(perihal="U", klasifikasi="PPA", tanggal=day).nomor
        out.put((a, b))


def test_processes_opening_a_schema_3_register_together_migrate_it_once(
    register_db: str,
) -> None:
    schema_3_register(register_db)
    got = together(_open_and_issue_both, register_db)
    assert sorted(a for a, _ in got) == [f"00{i}/UPTD-PPA/PPA/XI/2026" for i in range(2, 6)]
    assert sorted(b for _, b in got) == [f"00{i}/DP3A-PP-KB/PPA/XI/2026" for i in range(3, 7)]
    assert schema_version(register_db) == "9"
    with Register(register_db, office=with_uptd()) as reg:
        assert [e.urut for e in reg.entries(kop="uptd")] == [2, 3, 4, 5]
        assert [e.urut for e in reg.entries()] == [1, 2, 3, 4, 5, 6]


# -- schema 5: the protected words of each case ----------------------------------


def schema_4_register(target: str) -> None:
    """A register as schema 4 left it: made by this surat, then its schema-5 tables
    dropped and its version set back, with the database's own client."""
    with Register(target) as reg:
        reg.register_case(perihal="Penanganan kasus kekerasan: Fisik", tanggal="2026-11-16")
    statements = (
        "DROP TABLE surat_kata",
        "DROP TABLE surat_kunci",
        "UPDATE surat_meta SET value = '4' WHERE key = 'schema_version'",
    )
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            for sql in statements:
                conn.execute(sql)
        return
    conn = sqlite3.connect(target)
    with conn:
        for sql in statements:
            conn.execute(sql)
    conn.close()


def secrets_kept(target: str) -> int:
    sql = "SELECT count(*) FROM surat_kunci"
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            row = conn.execute(sql).fetchone()
    else:
        conn = sqlite3.connect(target)
        row = conn.execute(sql).fetchone()
        conn.close()
    assert row is not None
    return int(row[0])


def _open_and_register(target: str, barrier: Any, out: Any, i: int) -> None:
    barrier.wait()  # every process opens the schema-4 register at the same moment
    with Register(target) as reg:
        n = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-17",
                              identitas=[f"Korban Nomor{'ABCD'[i]}xyz"])  # fmt: skip
        out.put((i, n.nomor, reg.find_protected(n.nomor, {"a": f"nomor{'ABCD'[i]}XYZ"})))


def test_processes_opening_a_schema_4_register_together_make_one_secret(
    register_db: str,
) -> None:
    schema_4_register(register_db)
    assert schema_version(register_db) == "4"
    results = sorted(together(_open_and_register, register_db, indexed=True))
    assert [found for _, _, found in results] == [["a"]] * 4
    assert schema_version(register_db) == "9"
    assert secrets_kept(register_db) == 1  # one secret, made once, whoever migrated
    with Register(register_db) as reg:
        (old, *new) = reg.cases()
        assert len(new) == 4
        # every case's words were kept with the one secret: each finds its own only
        for i, nomor, _ in results:
            assert reg.find_protected(nomor, {"a": f"NOMOR{'ABCD'[i]}xyz"}) == ["a"]
            other = "ABCD"[(i + 1) % 4]
            assert reg.find_protected(nomor, {"a": f"nomor{other}xyz"}) == []
        # a case registered before schema 5 keeps no words, and may be given them
        assert reg.find_protected(old.nomor, {"a": "Putri"}) == []
        assert reg.protect(old.nomor, ["Putri Ayu"]) == 2
        assert reg.find_protected(old.nomor, {"a": "putri", "b": "P.A."}) == ["a"]


# -- schema 6: electronic parafs and signatures ------------------------------------


def schema_5_register(target: str) -> None:
    """A register as schema 5 left it: made by this surat, then schema 6's
    tables and triggers removed and the version set back, with the database's
    own client."""
    Register(target).close()
    drop = (
        "DROP TABLE surat_paraf",
        "DROP TABLE surat_tte",
        "UPDATE surat_meta SET value = '5' WHERE key = 'schema_version'",
    )
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target, autocommit=False) as conn:
            for sql in (*drop, "DROP FUNCTION surat_paraf_catat", "DROP FUNCTION surat_tte_catat",
                        "DROP FUNCTION surat_tetap"):  # fmt: skip
                conn.execute(sql)
        return
    conn = sqlite3.connect(target)
    with conn:
        for sql in drop:
            conn.execute(sql)
    conn.close()


def test_processes_opening_a_schema_5_register_together_add_paraf_once(
    register_db: str,
) -> None:
    """Schema 6 (the paraf and the signature of a letter) is one step of its own:
    a schema-5 register opened by four processes at the same moment gets it once."""
    schema_5_register(register_db)
    assert schema_version(register_db) == "5"
    numbers = sorted(together(_open_and_issue, register_db))
    assert schema_version(register_db) == "9"
    with Register(register_db) as reg:
        assert [[x.pejabat for x in reg.paraf(n)] for n in numbers] == [["kasi_pha"]] * 4


# -- schema 8: the documents of each case --------------------------------------------


def schema_7_register(target: str) -> None:
    """A register as schema 7 left it: made by this surat with a case, a letter and a
    closed case, then schema 8's table dropped and the version set back, with the
    database's own client."""
    with Register(target) as reg:
        nr = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16").nomor
        reg.issue(perihal="Tugas", klasifikasi="PPA", tanggal=date(2026, 11, 20),
                  nomor_registrasi=nr)  # fmt: skip
        reg.record_step(nr, sop="34", langkah=2, mulai="2026-11-16 09:10",
                        selesai="2026-11-16 09:40", oleh="staf_penerima")  # fmt: skip
        closed = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-17").nomor
        reg.close_case(closed, alasan="dicabut", tanggal=date(2026, 11, 18))
    run_sql(target, (
        "DROP TABLE surat_dokumen",
        "UPDATE surat_meta SET value = '7' WHERE key = 'schema_version'",
    ))  # fmt: skip


def _open_and_record(target: str, barrier: Any, out: Any, i: int) -> None:
    barrier.wait()  # every process opens the schema-7 register at the same moment
    with Register(target) as reg:
        d = reg.record_document(
            "001/REG-PPA/XI/2026",
            jenis="rujukan",
            tanggal=date(2026, 11, 20 + i),
            kunci="rujukan:visum",
        )
        out.put((i, d.tanggal.day))


def test_a_schema_7_register_is_migrated_once_and_takes_documents(register_db: str) -> None:
    """Four processes open a schema-7 register at the same moment and record the same
    document: the table is made once, the document recorded once (the first one's)."""
    schema_7_register(register_db)
    assert schema_version(register_db) == "7"
    assert "surat_dokumen" not in {
        str(r[0]) for r in run_sql(register_db, (
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            if register_db.startswith("postgresql://")
            else "SELECT name FROM sqlite_master WHERE type = 'table'",
        ))
    }  # fmt: skip
    days = {day for _, day in together(_open_and_record, register_db, indexed=True)}
    assert len(days) == 1  # every process got the one row recorded first
    assert schema_version(register_db) == "9"
    with Register(register_db) as reg:
        (doc,) = reg.documents()
        assert (doc.jenis, doc.tanggal.day) == ("rujukan", days.pop())
        # what schema 7 held is all there: the letter, the step, the closed case
        assert [e.nomor for e in reg.entries()] == ["001/DP3A-PP-KB/PPA/XI/2026"]
        assert [s.langkah for s in reg.steps("001/REG-PPA/XI/2026")] == [2]
        with pytest.raises(SuratError) as exc:
            reg.record_document("002/REG-PPA/XI/2026", jenis="rujukan", tanggal="2026-11-19")
        assert exc.value.errors[0].type == "kasus_ditutup"


# -- schema 9: the index of the letters' case holds only letters that have one ---------


def case_index(target: str) -> str:
    """The definition of the index surat_agenda_kasus, as the database keeps it."""
    if target.startswith("postgresql://"):
        sql = "SELECT indexdef FROM pg_indexes WHERE indexname = 'surat_agenda_kasus'"
    else:
        sql = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'surat_agenda_kasus'"
    ((definition,),) = run_sql(target, (sql,))
    return str(definition)


def schema_8_register(target: str) -> str:
    """A register as schema 8 left it: made by this surat with a case, letters with
    and without it, then the index of schema 2 put back and the version set back,
    with the database's own client. Returns the case's number."""
    with Register(target) as reg:
        nr = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16").nomor
        reg.issue(perihal="Tugas", klasifikasi="PPA", tanggal=date(2026, 11, 20),
                  nomor_registrasi=nr)  # fmt: skip
        reg.issue(perihal="Undangan", klasifikasi="PPA", tanggal=date(2026, 11, 21))
        reg.receive(dari="Polresta", perihal="Visum", tanggal_terima=date(2026, 11, 22),
                    nomor_registrasi=nr)  # fmt: skip
    run_sql(target, (
        "DROP INDEX surat_agenda_kasus",
        "CREATE INDEX surat_agenda_kasus ON surat_agenda (kode, nomor_registrasi)",
        "UPDATE surat_meta SET value = '8' WHERE key = 'schema_version'",
    ))  # fmt: skip
    return nr


def test_a_schema_8_register_gets_the_partial_case_index_once(register_db: str) -> None:
    """Four processes open a schema-8 register at the same moment and issue: the
    index is made partial once, and a case still finds its letters."""
    nr = schema_8_register(register_db)
    assert "<>" not in case_index(register_db)
    assert len(set(together(_open_and_issue, register_db))) == 4
    assert schema_version(register_db) == "9"
    assert "WHERE" in case_index(register_db) and "<>" in case_index(register_db)
    with Register(register_db) as reg:
        assert [e.perihal for e in reg.entries(nomor_registrasi=nr)] == ["Tugas"]
        assert [m.perihal for m in reg.received(nomor_registrasi=nr)] == ["Visum"]
        assert len(reg.entries()) == 6  # the letter without a case, and the four new ones


def test_a_new_register_has_the_partial_case_index(register_db: str) -> None:
    with Register(register_db):
        pass
    assert "WHERE" in case_index(register_db) and "<>" in case_index(register_db)


def _explain(target: str, query: str, params: list[Any]) -> str:
    """The plan the database makes for *query* when it does not know *params*'
    values (PostgreSQL: a generic plan, sequential scans discouraged, as on a
    large table; SQLite's plan never depends on the values)."""
    values = [p.isoformat() if isinstance(p, date) else p for p in params]
    if target.startswith("postgresql://"):
        import psycopg

        n = iter(range(1, len(values) + 1))
        prepared = "".join(f"${next(n)}" if c == "?" else c for c in query)
        with psycopg.connect(target) as conn:
            conn.execute("SET plan_cache_mode = force_generic_plan")
            conn.execute("SET enable_seqscan = off")
            conn.execute(f"PREPARE q AS {prepared}")
            cur = psycopg.ClientCursor(conn)
            marks = ", ".join(["%s"] * len(values))
            cur.execute(f"EXPLAIN EXECUTE q({marks})", values)
            return "\n".join(str(r[0]) for r in cur.fetchall())
    conn = sqlite3.connect(target)
    try:
        return "\n".join(str(r[-1]) for r in conn.execute(f"EXPLAIN QUERY PLAN {query}", values))
    finally:
        conn.close()


def test_looking_up_a_case_s_letters_uses_the_case_index(
    register_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The queries by case (its letters, its incoming letters, its last letter's
    date when it is closed) use the partial index where they used the full one,
    whatever their parameter's value."""
    from surat.numbering import postgres, sqlite

    seen: list[tuple[str, list[Any]]] = []
    for module in (sqlite, postgres):
        for name in ("one", "all"):
            real = getattr(module._Tx, name)

            def spy(self: Any, sql: str, params: Any = (), _real: Any = real) -> Any:
                seen.append((sql, list(params)))
                return _real(self, sql, params)

            monkeypatch.setattr(module._Tx, name, spy)
    with Register(register_db) as reg:
        nr = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16").nomor
        reg.issue(perihal="Tugas", klasifikasi="PPA", tanggal=date(2026, 11, 20),
                  nomor_registrasi=nr)  # fmt: skip
        seen.clear()
        assert len(reg.entries(nomor_registrasi=nr)) == 1
        assert reg.received(nomor_registrasi=nr) == []
        reg.close_case(nr, alasan="selesai", tanggal=date(2026, 11, 30))
    by_case = [(q, p) for q, p in seen if "nomor_registrasi = ?" in q]
    assert len(by_case) >= 3
    for query, params in by_case:
        plan = _explain(register_db, query, params)
        if register_db.startswith("postgresql://") or "max(tanggal)" in query:
            assert "surat_agenda_kasus" in plan, query
        else:  # SQLite has no statistics: a list of a book's letters by case reads
            # the book's own index (surat_agenda_kop), as it did before schema 9
            assert "USING INDEX" in plan, query
