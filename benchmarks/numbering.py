"""How fast the register hands out numbers, against the floor of its own database.

For each backend and for 1, 4 and 8 processes this prints:

* ``issue/s``  - ``Register.issue()`` calls per second (counter upsert + agenda
  row, one durable commit each);
* ``insert/s`` - bare one-row INSERT commits per second on the same database,
  through the same connection settings (SQLite: WAL, synchronous=FULL,
  BEGIN IMMEDIATE; PostgreSQL: fsync and synchronous_commit on);
* ``ratio``    - issue/s divided by insert/s: what gaplessness costs.

PostgreSQL runs in a throw-away cluster (the same one the tests use) unless
``--postgres URL`` names a server. ``--statements`` measures nothing: it prints
the statements one issue() runs on each backend (SQLite's trace callback,
PostgreSQL's ``log_statement``) and the WAL pages one SQLite issue() writes.
Usage::

    .venv/bin/python benchmarks/numbering.py [--ops 2000] [--backend sqlite|postgresql]
    .venv/bin/python benchmarks/numbering.py --statements
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from surat import Register  # noqa: E402
from surat.numbering.postgres import PostgresStore  # noqa: E402
from surat.numbering.sqlite import SqliteStore  # noqa: E402

CTX = multiprocessing.get_context("fork")
PROCESSES = (1, 4, 8)
D = date(2026, 11, 22)

BARE_TABLE = {
    "sqlite": "CREATE TABLE IF NOT EXISTS bench_bare (id INTEGER PRIMARY KEY, v TEXT NOT NULL)",
    "postgresql": "CREATE TABLE IF NOT EXISTS bench_bare "
    "(id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text NOT NULL)",
}
BARE_INSERT = "INSERT INTO bench_bare (v) VALUES (?)"


def _store(db: str) -> SqliteStore | PostgresStore:
    return PostgresStore(db) if db.startswith("postgresql://") else SqliteStore(db)


def _issue_worker(db: str, ops: int, ready: Event, go: Event, done: Queue[float]) -> None:
    with Register(db) as reg:
        ready.set()
        go.wait()
        for _ in range(ops):
            reg.issue(perihal="Benchmark", tujuan="-", klasifikasi="PPA", tanggal=D)
    done.put(time.perf_counter())


def _insert_worker(db: str, ops: int, ready: Event, go: Event, done: Queue[float]) -> None:
    store = _store(db)
    ready.set()
    go.wait()
    for _ in range(ops):
        with store.transaction() as tx:
            tx.run(BARE_INSERT, ("Benchmark",))
    store.close()
    done.put(time.perf_counter())


def _autocommit_worker(db: str, ops: int, ready: Event, go: Event, done: Queue[float]) -> None:
    import psycopg  # PostgreSQL only: one INSERT statement, its own transaction

    with psycopg.connect(db, autocommit=True) as conn:
        ready.set()
        go.wait()
        for _ in range(ops):
            conn.execute(BARE_INSERT.replace("?", "%s"), ("Benchmark",))
    done.put(time.perf_counter())


def _rate(worker: Callable[..., None], db: str, processes: int, total: int) -> float:
    per = total // processes
    go = CTX.Event()
    done: Queue[float] = CTX.Queue()
    readies = [CTX.Event() for _ in range(processes)]
    procs = [CTX.Process(target=worker, args=(db, per, r, go, done)) for r in readies]
    for p in procs:
        p.start()
    for r in readies:
        if not r.wait(60):
            raise RuntimeError("a worker did not start")
    t0 = time.perf_counter()
    go.set()
    ends = [done.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
        if p.exitcode != 0:
            raise RuntimeError(f"a worker failed (exit {p.exitcode})")
    return per * processes / (max(ends) - t0)


def _bench(
    backend: str,
    new_db: Callable[[], str],
    total: int,
    rounds: int,
    autocommit: bool = False,
    processes: tuple[int, ...] = PROCESSES,
) -> list[tuple[str, int, float, float]]:
    bare = _autocommit_worker if autocommit and backend == "postgresql" else _insert_worker
    rows = []
    for n in processes:
        db = new_db()
        Register(db).close()  # schema first: both sides then start from the same file
        store = _store(db)
        with store.transaction() as tx:
            tx.run(BARE_TABLE[backend])
        store.close()
        # Alternate the two sides, then take medians: the machine's load drifts.
        issues, inserts = [], []
        for _ in range(rounds):
            issues.append(_rate(_issue_worker, db, n, total // rounds))
            inserts.append(_rate(bare, db, n, total // rounds))
        issue, insert = statistics.median(issues), statistics.median(inserts)
        rows.append((backend, n, issue, insert))
        print(f"  {backend:10} {n} proc: issue {issue:8.0f}/s  insert {insert:8.0f}/s", flush=True)
    return rows


def _issue_one(reg: Register) -> None:
    reg.issue(perihal="Benchmark", tujuan="-", klasifikasi="PPA", tanggal=D)


def _statements_sqlite(tmp: str, issues: int = 100) -> None:
    db = f"{tmp}/statements.db"
    with Register(db) as reg:
        _issue_one(reg)  # the year's counter exists and every lazy import is done
        conn = reg._store._conn  # type: ignore[attr-defined]  # a diagnostic looks inside
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        seen: list[str] = []
        conn.set_trace_callback(seen.append)
        for _ in range(issues):  # fewer WAL pages than an automatic checkpoint waits for
            _issue_one(reg)
        conn.set_trace_callback(None)
        frames = (os.path.getsize(f"{db}-wal") - 32) / (page + 24)
    print(f"sqlite: {len(seen) / issues:g} statements per issue():")
    for statement in seen[: len(seen) // issues]:
        print("   ", " ".join(statement.split())[:100])
    print(f"sqlite: {frames / issues:.2f} WAL pages of {page} bytes per issue()")


def _statements_postgresql() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import TempCluster

    cluster = TempCluster({"log_statement": "all"}).start()
    try:
        with Register(cluster.url_for(cluster.create_database())) as reg:
            _issue_one(reg)
            log = cluster.root / "server.log"
            start = len(log.read_text().splitlines())
            _issue_one(reg)
            time.sleep(0.5)  # the server writes its log asynchronously
            lines = log.read_text().splitlines()[start:]
        entries: list[str] = []  # a log entry starts with its timestamp; a statement goes on
        for line in lines:
            if line[:2].isdigit():
                entries.append(line)
            elif entries:
                entries[-1] += " " + line
        statements = [e.split("LOG:", 1)[1].strip() for e in entries if " LOG:  " in e]
        print(f"postgresql: {len(statements)} statements per issue():")
        for statement in statements:
            print("   ", " ".join(statement.split())[:100])
    finally:
        cluster.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ops", type=int, default=3000, help="operations per cell and side")
    ap.add_argument("--rounds", type=int, default=5, help="alternating rounds per cell")
    ap.add_argument("--backend", choices=("sqlite", "postgresql"), action="append")
    ap.add_argument("--postgres", help="use this server instead of a throw-away cluster")
    ap.add_argument(
        "--pg-setting",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting for the throw-away cluster, e.g. commit_delay=2000 commit_siblings=0 "
        "to emulate a disk whose flush takes 2 ms",
    )
    ap.add_argument(
        "--autocommit",
        action="store_true",
        help="PostgreSQL floor: the INSERT as one autocommit statement (one round trip) "
        "instead of BEGIN / INSERT / COMMIT",
    )
    ap.add_argument(
        "--processes",
        type=int,
        action="append",
        help=f"measure with this many processes (repeatable; default {PROCESSES})",
    )
    ap.add_argument(
        "--statements",
        action="store_true",
        help="print the statements one issue() runs on each backend, measure nothing",
    )
    args = ap.parse_args()
    backends = args.backend or ["sqlite", "postgresql"]
    processes = tuple(args.processes or PROCESSES)
    if args.statements:
        with tempfile.TemporaryDirectory(prefix="surat-bench-") as tmp:
            if "sqlite" in backends:
                _statements_sqlite(tmp)
            if "postgresql" in backends:
                _statements_postgresql()
        return
    rows: list[tuple[str, int, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="surat-bench-") as tmp:
        if "sqlite" in backends:
            counter = iter(range(1000))
            rows += _bench(
                "sqlite",
                lambda: f"{tmp}/agenda{next(counter)}.db",
                args.ops,
                args.rounds,
                processes=processes,
            )
        if "postgresql" in backends:
            cluster = None
            if args.postgres:
                url = args.postgres

                def new_db() -> str:
                    return url
            else:
                sys.path.insert(0, str(ROOT / "tests"))
                from conftest import TempCluster

                settings = dict(kv.split("=", 1) for kv in args.pg_setting)
                cluster = TempCluster(settings).start()

                def new_db() -> str:
                    assert cluster is not None
                    return cluster.url_for(cluster.create_database())

            try:
                rows += _bench(
                    "postgresql", new_db, args.ops, args.rounds, args.autocommit, processes
                )
            finally:
                if cluster is not None:
                    cluster.stop()
    cpu = platform.processor() or platform.machine()
    print(
        f"\n{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu}), "
        f"Python {platform.python_version()}, {args.ops} operations per cell and side in "
        f"{args.rounds} alternating rounds (medians)\n"
    )
    print("| backend | processes | issue()/s | bare INSERT commit/s | ratio |")
    print("|---|---:|---:|---:|---:|")
    for backend, n, issue, insert in rows:
        print(f"| {backend} | {n} | {issue:,.0f} | {insert:,.0f} | {issue / insert:.2f} |")


if __name__ == "__main__":
    main()
