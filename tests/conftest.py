"""Shared fixtures: a throw-away PostgreSQL cluster for the register's tests.

The cluster is real: ``initdb`` into a temporary folder owned by an
unprivileged user (``postgres`` when the tests run as root), started with
``pg_ctl`` on 127.0.0.1 and a free port, stopped and removed at the end of the
session. Without PostgreSQL binaries the tests that need it are skipped - but
only outside CI: under ``CI=true`` they fail, so CI cannot pass by skipping.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"


def _bindir() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class TempCluster:
    """A PostgreSQL cluster in a temporary folder, for tests and benchmarks."""

    def __init__(self, settings: dict[str, str] | None = None) -> None:
        bindir = _bindir()
        if bindir is None:
            raise RuntimeError(
                "no PostgreSQL binaries (initdb) found; Debian: apt install postgresql"
            )
        self.bindir = bindir
        self.settings = settings or {}
        self.root = Path(tempfile.mkdtemp(prefix="surat-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self.user = "surat"
        self._as: list[str] = []
        if os.geteuid() == 0:  # initdb refuses root: run the server as 'postgres'
            import pwd

            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                shutil.rmtree(self.root, ignore_errors=True)
                raise RuntimeError("running as root but there is no 'postgres' user") from None
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        proc = subprocess.run(
            [*self._as, *args], capture_output=True, text=True, timeout=120, check=False
        )
        if proc.returncode != 0:
            raise RuntimeError(f"{Path(args[0]).name} failed: {proc.stderr.strip()[-2000:]}")

    def start(self) -> TempCluster:
        """Create the cluster on first use, then start it on a free port."""
        if not self.data.exists():
            self._run(
                str(self.bindir / "initdb"), "-D", str(self.data), "-U", self.user,
                "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync",
            )  # fmt: skip
        options = {
            "listen_addresses": "127.0.0.1",
            "unix_socket_directories": str(self.root),
            "max_connections": "60",
            **self.settings,
        }
        for attempt in range(3):
            self.port = _free_port()
            opts = " ".join(f"-c {k}={v}" for k, v in {**options, "port": str(self.port)}.items())
            try:
                self._pg_ctl("-l", str(self.root / "server.log"), "-t", "60", "-o", opts, "start")
                return self
            except RuntimeError:
                if attempt == 2:
                    raise
        return self  # pragma: no cover

    def crash(self) -> None:
        """Stop the server the way a power cut would: no checkpoint, WAL buffers lost."""
        self._pg_ctl("-m", "immediate", "stop")

    def _pg_ctl(self, *args: str) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-w", *args)

    @property
    def url(self) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/postgres"

    def url_for(self, dbname: str) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self) -> str:
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            if (self.data / "postmaster.pid").exists():
                self._pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"PostgreSQL is required under CI=true: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL unavailable: {reason}")


@contextlib.contextmanager
def _running_cluster() -> Iterator[TempCluster]:
    try:
        cluster = TempCluster()
    except RuntimeError as exc:
        _unavailable(str(exc))
        raise  # pragma: no cover - _unavailable always raises
    try:
        cluster.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        cluster.stop()
        _unavailable(str(exc))
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[TempCluster]:
    """A running throw-away cluster for the whole session."""
    with _running_cluster() as cluster:
        yield cluster


@pytest.fixture
def private_pg_cluster() -> Iterator[TempCluster]:
    """A cluster of the test's own, for tests that crash or restart the server."""
    with _running_cluster() as cluster:
        yield cluster


@pytest.fixture(scope="session")
def postgres_url(pg_cluster: TempCluster) -> str:
    """``postgresql://`` URL of the cluster's maintenance database."""
    return pg_cluster.url


@pytest.fixture
def postgres_db(pg_cluster: TempCluster) -> str:
    """``postgresql://`` URL of a fresh, empty database.

    It is not dropped: DROP DATABASE waits for a checkpoint and costs more than
    most tests, and the whole cluster is removed at the end of the session.
    """
    return pg_cluster.url_for(pg_cluster.create_database())


@pytest.fixture(params=["sqlite", "postgresql"])
def register_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh register target on each backend: a SQLite path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "agenda.db")
    url: str = request.getfixturevalue("postgres_db")
    return url


# -- LibreOffice's profile seed: the run's own ----------------------------------

#: The run's cache folder (see surat.pdf.seed): the run's first LibreOffice that
#: exits cleanly leaves the seed there, and no developer's cache changes what
#: the tests see.
RUN_CACHE = tempfile.mkdtemp(prefix="surat-test-cache-")
os.environ["XDG_CACHE_HOME"] = RUN_CACHE


# -- no LibreOffice outlives the test run ---------------------------------------

#: Every process the tests start inherits this mark in its environment, so that
#: a LibreOffice left behind is found even when its parent is gone (ppid 1).
RUN_MARK = f"SURAT_TEST_RUN={uuid.uuid4().hex}"
os.environ["SURAT_TEST_RUN"] = RUN_MARK.split("=", 1)[1]
#: surat gives the LibreOffice it starts only a few variables of its environment
#: (surat.childenv.child_env), PATH among them: there the mark is an empty
#: folder of this run (0700, so it adds no command) at the head of PATH.
RUN_PATH = tempfile.mkdtemp(prefix="surat-test-run-")
os.environ["PATH"] = RUN_PATH + os.pathsep + os.environ.get("PATH", "")
_LIBREOFFICE = (b"soffice", b"oosplash", b"uno_child.py", b"unoserver")


def _of_this_run(names: tuple[bytes, ...]) -> Iterator[tuple[int, bytes]]:
    """(pid, command line) of each running process started by this run whose
    command line holds one of *names*."""
    mark = RUN_MARK.encode()
    path = f"PATH={RUN_PATH}{os.pathsep}".encode()
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes()
            if not any(name in cmdline for name in names):
                continue
            env = (proc / "environ").read_bytes().split(b"\0")
            if mark not in env and not any(e.startswith(path) for e in env):
                continue
            if (proc / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                continue
        except (OSError, IndexError):
            continue
        yield int(proc.name), cmdline


def _left_running() -> dict[int, str]:
    """LibreOffice processes (and their workers) started by this run that still run."""
    return {
        pid: cmdline.replace(b"\0", b" ").decode(errors="replace")[:160]
        for pid, cmdline in _of_this_run(_LIBREOFFICE)
    }


# -- no LibreOffice socket outlives the test run ----------------------------------

_SOCKETS = "/tmp/OSL_PIPE_"


def _listening() -> dict[str, str]:
    """Inode -> path of every Unix socket named ``/tmp/OSL_PIPE_*`` (/proc/net/unix)."""
    found: dict[str, str] = {}
    with contextlib.suppress(OSError):
        for line in Path("/proc/net/unix").read_text().splitlines()[1:]:
            fields = line.split()
            if len(fields) == 8 and fields[7].startswith(_SOCKETS):
                found[fields[6]] = fields[7]
    return found


class SocketWatch(threading.Thread):
    """Notes the socket files the LibreOffice processes of this run make in /tmp.

    soffice makes them in /tmp whatever $TMPDIR says, named after its profile,
    and removes them only when it exits cleanly: after a kill, the one who
    killed it must. Which soffice holds a socket is read from /proc while it
    runs (its open files), so the sockets of other runs on the machine never
    count, and a socket is found whatever name surat computed for it.
    """

    def __init__(self) -> None:
        super().__init__(name="socket-watch", daemon=True)
        self.before = set(glob.glob(_SOCKETS + "*"))
        self.made: set[str] = set()
        self._traced: set[str] = set()  # socket inodes already looked for in our processes
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.1):
            self.scan()

    def scan(self) -> None:
        sockets = _listening()
        new = sockets.keys() - self._traced
        if not new:
            return
        for pid, _ in _of_this_run((b"soffice",)):
            with contextlib.suppress(OSError):
                for fd in Path(f"/proc/{pid}/fd").iterdir():
                    with contextlib.suppress(OSError):
                        inode = os.readlink(fd).removeprefix("socket:[").removesuffix("]")
                        if inode in new:
                            self.made.add(sockets[inode])
        self._traced |= new

    def left(self, wait: float = 5.0) -> list[str]:
        """Stop watching; the sockets of this run still in /tmp after *wait* s."""
        self._done.set()
        self.join()
        deadline = time.monotonic() + wait
        while True:
            left = sorted(p for p in self.made - self.before if os.path.lexists(p))
            if not left or time.monotonic() > deadline:
                return left
            time.sleep(0.1)


SOCKET_WATCH = SocketWatch()
SOCKET_WATCH.start()


def _fail(session: pytest.Session, message: str) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.line("")  # after the progress line
        reporter.write_line(message, red=True)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if any LibreOffice it started is still running at its end
    (after the process-wide converter, which closes at exit, is closed), or if
    a socket one of them made is left in /tmp. Both are removed."""
    import signal

    from surat.pdf import close_shared

    close_shared()
    shutil.rmtree(RUN_CACHE, ignore_errors=True)
    shutil.rmtree(RUN_PATH, ignore_errors=True)
    deadline = time.monotonic() + 10
    left = _left_running()
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = _left_running()
    if left:
        lines = "\n".join(f"  {pid}: {cmd}" for pid, cmd in sorted(left.items()))
        _fail(session, "LibreOffice processes started by the tests are still running:\n" + lines)
        for pid in left:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
    sockets = SOCKET_WATCH.left()
    if sockets:
        listed = "\n".join(f"  {p}" for p in sockets)
        _fail(session, f"sockets of LibreOffice processes the tests started are left:\n{listed}")
        for path in sockets:
            with contextlib.suppress(OSError):
                os.unlink(path)
