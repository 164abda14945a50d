"""Many processes on one register, and processes killed in the middle of it.

Real processes (fork), real databases, no mocks: the claims are that every
number is handed out exactly once, that every number handed out is in the
agenda, and that a killed issuer leaves no gap.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import random
import signal
import time
from datetime import date, timedelta
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from surat import Register, SuratError

if TYPE_CHECKING:
    from conftest import TempCluster

pytestmark = pytest.mark.slow

CTX = multiprocessing.get_context("fork")
D = date(2026, 11, 22)
PROCESSES = 8
PER_PROCESS = 250


def _issue_many(db: str, count: int, start: Event, out: str) -> None:
    start.wait(30)
    with Register(db) as reg:  # opened after the start signal: first use races too
        numbers = [reg.issue(perihal="Uji paralel", tanggal=D).nomor for _ in range(count)]
    Path(out).write_text("\n".join(numbers))


def test_parallel_issuers_get_each_number_exactly_once(register_db: str, tmp_path: Path) -> None:
    start = CTX.Event()
    outs = [str(tmp_path / f"out{i}.txt") for i in range(PROCESSES)]
    procs = [
        CTX.Process(target=_issue_many, args=(register_db, PER_PROCESS, start, out)) for out in outs
    ]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * PROCESSES
    handed_out = [line for out in outs for line in Path(out).read_text().splitlines()]
    total = PROCESSES * PER_PROCESS
    assert len(handed_out) == total
    with Register(register_db) as reg:
        entries = reg.entries(tahun=2026)
        assert sorted(int(n.split("/")[0]) for n in handed_out) == list(range(1, total + 1))
        assert [e.urut for e in entries] == list(range(1, total + 1))
        assert sorted(e.nomor for e in entries) == sorted(handed_out)
        assert {e.status for e in entries} == {"aktif"}
        assert reg.issue(perihal="Sesudahnya", tanggal=D).urut == total + 1


def _issue_forever(db: str, out: str) -> None:
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with Register(db) as reg:
        while True:
            n = reg.issue(perihal="Uji kill", tanggal=D)
            os.write(fd, f"{n.nomor}\n".encode())  # reported only once issue() returned


def _lines(paths: list[Path]) -> list[str]:
    return [line for p in paths if p.exists() for line in p.read_text().splitlines()]


def test_sigkilled_issuers_leave_no_gap(register_db: str, tmp_path: Path) -> None:
    outs: list[Path] = []
    for round_ in range(2):
        round_outs = [tmp_path / f"kill{round_}-{i}.txt" for i in range(4)]
        outs += round_outs
        procs = [CTX.Process(target=_issue_forever, args=(register_db, str(o))) for o in round_outs]
        for p in procs:
            p.start()
        target = len(_lines(outs)) + 150
        deadline = time.monotonic() + 60
        while len(_lines(outs)) < target and time.monotonic() < deadline:
            time.sleep(0.01)
        for p in procs:  # mid-run: each is somewhere inside or between transactions
            assert p.pid is not None
            os.kill(p.pid, signal.SIGKILL)
            time.sleep(0.003)
        for p in procs:
            p.join(10)
        assert [p.exitcode for p in procs] == [-signal.SIGKILL] * 4
    handed_out = _lines(outs)
    assert len(handed_out) >= 300
    with Register(register_db) as reg:
        entries = reg.entries()
        recorded = {e.nomor for e in entries}
        assert set(handed_out) <= recorded  # every number handed out is in the agenda
        assert len(set(handed_out)) == len(handed_out)
        assert [e.urut for e in entries] == list(range(1, len(entries) + 1))  # no gap
        assert reg.issue(perihal="Sesudahnya", tanggal=D).urut == len(entries) + 1


def _die_holding_the_counter(db: str, held: Event) -> None:
    reg = Register(db)
    with reg._tx() as tx:  # the first half of issue(): the counter is taken, not committed
        tx.one(reg._store.upsert, ("keluar/DP3A-PP-KB/2026", D))
        held.set()
        time.sleep(60)


def test_issuer_killed_inside_its_transaction_consumes_nothing(register_db: str) -> None:
    with Register(register_db) as reg:
        assert reg.issue(perihal="Pertama", tanggal=D).urut == 1
        held = CTX.Event()
        p = CTX.Process(target=_die_holding_the_counter, args=(register_db, held))
        p.start()
        assert held.wait(30)
        assert reg.peek(tanggal=D).urut == 2  # readers never see the uncommitted take
        assert p.pid is not None
        os.kill(p.pid, signal.SIGKILL)
        p.join(10)
        assert p.exitcode == -signal.SIGKILL
        assert reg.issue(perihal="Kedua", tanggal=D).urut == 2
        assert [e.urut for e in reg.entries()] == [1, 2]


def _issue_until_the_server_dies(db: str, out: str) -> None:
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with contextlib.suppress(SuratError), Register(db) as reg:
        while True:
            n = reg.issue(perihal="Uji crash", tanggal=D)
            os.write(fd, f"{n.nomor}\n".encode())


def test_server_crash_loses_no_number_handed_out(private_pg_cluster: TempCluster) -> None:
    """PostgreSQL stopped like a power cut (WAL buffers lost) while 4 processes issue."""
    cluster = private_pg_cluster
    name = cluster.create_database()
    db = cluster.url_for(name)
    outs = [cluster.root / f"crash{i}.txt" for i in range(4)]
    procs = [CTX.Process(target=_issue_until_the_server_dies, args=(db, str(o))) for o in outs]
    for p in procs:
        p.start()
    deadline = time.monotonic() + 60
    while len(_lines(outs)) < 400 and time.monotonic() < deadline:
        time.sleep(0.01)
    cluster.crash()
    for p in procs:
        p.join(30)
    assert [p.exitcode for p in procs] == [0] * 4  # each saw the server go as a SuratError
    handed_out = _lines(outs)
    assert len(handed_out) >= 400
    cluster.start()  # recovery replays the WAL that reached the disk
    with Register(cluster.url_for(name)) as reg:
        entries = reg.entries()
        assert set(handed_out) <= {e.nomor for e in entries}  # all survived the crash
        assert [e.urut for e in entries] == list(range(1, len(entries) + 1))
        assert reg.issue(perihal="Sesudahnya", tanggal=D).urut == len(entries) + 1


def _issue_and_void(db: str, seed: int, start: Event, out: str) -> None:
    rng = random.Random(seed)
    lines = []
    start.wait(30)
    with Register(db) as reg:
        for i in range(60):  # dates mostly rising, often a few days back
            day = date(2026, 3, 1) + timedelta(days=max(0, i // 3 - rng.choice((0, 0, 2, 4))))
            try:
                n = reg.issue(perihal="Uji campuran", tanggal=day)
            except SuratError as exc:  # a backdate before every active letter
                assert "tidak punya induk" in str(exc)
                continue
            lines.append(f"{n.nomor} {day.isoformat()}")
            if rng.random() < 0.2:
                reg.void(n, alasan="uji")
                lines[-1] += " batal"
    Path(out).write_text("\n".join(lines))


def test_backdating_and_voiding_from_many_processes(register_db: str, tmp_path: Path) -> None:
    """Fast and general paths, sisipan and void interleaved: numbers stay unique and gapless."""
    start = CTX.Event()
    outs = [str(tmp_path / f"mixed{i}.txt") for i in range(4)]
    procs = [
        CTX.Process(target=_issue_and_void, args=(register_db, i, start, out))
        for i, out in enumerate(outs)
    ]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * 4
    handed_out = [line.split() for out in outs for line in Path(out).read_text().splitlines()]
    assert len(handed_out) >= 100
    with Register(register_db) as reg:
        entries = {e.nomor: e for e in reg.entries()}
        assert len(entries) == len(handed_out)  # every number once, each with its row
        for nomor, day, *batal in handed_out:
            e = entries[nomor]
            assert e.tanggal.isoformat() == day
            assert e.status == ("batal" if batal else "aktif")
        assert any(e.sisipan for e in entries.values())  # the general path ran too
        assert any(e.status == "batal" for e in entries.values())
        regular = sorted(e.urut for e in entries.values() if not e.sisipan)
        assert regular == list(range(1, len(regular) + 1))
        assert all(e.urut in regular for e in entries.values())  # a sisipan follows a number
        active = [e for e in entries.values() if e.status == "aktif"]
        latest = max(e.tanggal for e in active)
        assert reg.peek(tanggal=latest).sisipan == ""  # the latest active date is the counter's
        if latest > date(2026, 3, 1) and any(e.tanggal < latest for e in active):
            assert reg.peek(tanggal=latest - timedelta(days=1)).sisipan != ""


def _open_and_issue(db: str, start: Event) -> None:
    start.wait(30)
    with Register(db) as reg:
        reg.issue(perihal="Uji pertama", tanggal=D)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_many_processes_open_a_new_register_at_once(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The schema's creation races (SQLite's switch to WAL, PostgreSQL's DDL) end well."""
    for round_ in range(5):
        if backend == "sqlite":
            db = str(tmp_path / f"agenda{round_}.db")
        else:
            cluster = request.getfixturevalue("pg_cluster")
            db = cluster.url_for(cluster.create_database())
        start = CTX.Event()
        procs = [CTX.Process(target=_open_and_issue, args=(db, start)) for _ in range(8)]
        for p in procs:
            p.start()
        start.set()
        for p in procs:
            p.join(60)
        assert [p.exitcode for p in procs] == [0] * 8
        with Register(db) as reg:
            assert [e.urut for e in reg.entries()] == list(range(1, 9))


def test_postgres_register_made_meanwhile_is_not_made_again(postgres_db: str) -> None:
    """A process that found no register and waited for the schema lock while another
    made it runs none of the schema's statements: schema 9's DROP INDEX would wait for
    (or deadlock with) the writers already numbering."""
    import threading

    import psycopg

    from surat.numbering import sql
    from surat.numbering.postgres import SCHEMA_LOCK, PostgresStore
    from surat.numbering.register import SCHEMA_VERSION

    maker = psycopg.connect(postgres_db, autocommit=True)
    writer = psycopg.connect(postgres_db)
    opened: list[Register] = []
    failed: list[BaseException] = []

    def open_register() -> None:
        try:
            opened.append(Register(postgres_db))
        except BaseException as exc:  # reported by the main thread
            failed.append(exc)

    try:
        maker.execute(SCHEMA_LOCK.replace("_xact", ""))  # the session's lock: held until unlocked
        late = threading.Thread(target=open_register, daemon=True)
        late.start()
        deadline = time.monotonic() + 30
        while not maker.execute(  # the late opener waits for the schema lock
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        ).fetchone()[0]:
            assert time.monotonic() < deadline, "the late opener never asked for the lock"
            time.sleep(0.01)
        with maker.transaction():  # the register is made meanwhile
            for statement in PostgresStore.schema:
                maker.execute(statement)
            maker.execute(sql.INSERT_VERSION.replace("?", "%s"), (str(SCHEMA_VERSION),))
        writer.execute("LOCK TABLE surat_agenda IN ROW EXCLUSIVE MODE")  # a writer at work
        maker.execute("SELECT pg_advisory_unlock_all()")
        late.join(30)
        assert not late.is_alive(), "the late opener waits for the agenda's writer"
        assert not failed
        writer.rollback()
        with opened[0] as reg:
            assert reg.issue(perihal="Uji", tanggal=D).urut == 1
    finally:
        writer.rollback()
        writer.close()
        maker.close()
