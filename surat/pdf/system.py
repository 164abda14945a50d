"""Where LibreOffice and its Python bridge are.

The environment every child gets is :func:`surat.childenv.child_env`.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import stat
import subprocess
import threading
from pathlib import Path

from ..childenv import child_env
from ..errors import SuratError
from . import cache


def soffice_path() -> str:
    """The LibreOffice executable, or a clear error."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    fallback = Path("/usr/lib/libreoffice/program/soffice")
    if fallback.exists():
        return str(fallback)
    raise SuratError("soffice: LibreOffice belum terpasang ('soffice' diharapkan ada di PATH)")


_probing = threading.Lock()


def find_uno_python() -> str | None:
    """A Python interpreter that can ``import uno``, or None.

    ``$SURAT_UNO_PYTHON`` first, then Debian's ``/usr/bin/python3`` (with
    ``python3-uno``), then the Python bundled with LibreOffice. Asked once per
    process: a call from a second thread waits for the first one's answer, so
    the search can start early, in a thread of its own. Trying an interpreter
    means starting it; the answer is kept in the :mod:`~surat.pdf.cache` folder
    with the size and time of the interpreter, ``uno.py`` and ``pyuno``, and
    used again while none of them changed (an upgrade asks afresh).
    """
    with _probing:
        return _find_uno_python()


#: The file in the cache folder that keeps the last answer.
REMEMBERED = "uno-python.json"
#: What a candidate runs: it imports uno, then names the files that made it work.
PROBE = (
    "import os, sys, uno, pyuno; "
    "print(os.path.realpath(sys.executable)); print(uno.__file__); print(pyuno.__file__)"
)


@functools.cache
def _find_uno_python() -> str | None:
    candidates = [
        os.environ.get("SURAT_UNO_PYTHON", ""),
        "/usr/bin/python3",
        "/usr/lib/libreoffice/program/python",
        "/opt/libreoffice/program/python",
    ]
    folder = cache.root()
    kept = folder / REMEMBERED if folder is not None else None
    if kept is not None and (known := _recall(kept, candidates)) is not None:
        return known
    for exe in candidates:
        if not exe or not os.access(exe, os.X_OK):
            continue
        try:
            ok = subprocess.run(
                [exe, "-c", PROBE],
                env=child_env(),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if ok.returncode == 0:
            if kept is not None:
                _remember(kept, candidates, exe, ok.stdout.splitlines())
            return exe
    return None


def _fingerprint(paths: list[str]) -> dict[str, list[int]] | None:
    """Each file's size and modification time; None if one is missing."""
    found = {}
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            return None
        found[path] = [st.st_size, st.st_mtime_ns]
    return found


def _recall(kept: Path, candidates: list[str]) -> str | None:
    """The remembered interpreter, if asked among the same candidates and none of
    its files changed since."""
    try:
        st = kept.lstat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > 4096:
            return None
        memo = json.loads(kept.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(memo, dict) or memo.get("candidates") != candidates:
        return None
    python, files = memo.get("python"), memo.get("files")
    if python not in candidates or not python or not isinstance(files, dict) or not files:
        return None
    return str(python) if _fingerprint(list(files)) == files else None


def _remember(kept: Path, candidates: list[str], python: str, files: list[str]) -> None:
    """Keep the answer (0600, written whole, then renamed into place); a cache
    that cannot be written is no error."""
    from ..files import write_private

    fingerprint = _fingerprint(files)
    if len(files) != 3 or fingerprint is None:
        return
    memo = json.dumps({"candidates": candidates, "python": python, "files": fingerprint})
    with contextlib.suppress(SuratError):
        write_private(kept, memo.encode())


def usable_cpus(
    cgroup: Path = Path("/sys/fs/cgroup"), *, own: Path = Path("/proc/self/cgroup")
) -> int:
    """The CPUs this process may use: its affinity, capped by a cgroup's CPU quota.

    ``os.cpu_count()`` counts the machine's cores; a process pinned to some of
    them (``taskset``), a container with a CPU quota (``docker --cpus 1.5``)
    or a service with one (systemd's ``CPUQuota=150%``) gets fewer, and a
    LibreOffice per core it cannot use only costs memory (about 250 MB each).
    A quota of 1.5 CPUs counts as 2. The quota is looked for in this
    process's own cgroup (*own* names it, under *cgroup*) and in each group
    above it: the smallest wins.

    >>> usable_cpus() >= 1
    True
    """
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        n = os.cpu_count() or 1
    quotas = [q for q in (_cgroup_quota(cgroup), *_own_quotas(cgroup, own)) if q is not None]
    if quotas:
        n = min(n, *quotas)
    return max(1, n)


def _own_quotas(root: Path, own: Path) -> list[int | None]:
    """The quotas of this process's cgroup and of each group above it, as
    ``/proc/self/cgroup`` (*own*) names them: ``0::/PATH`` (v2: ``<root>/PATH/cpu.max``)
    or ``N:cpu,cpuacct:/PATH`` (v1: ``<root>/cpu/PATH/cpu.cfs_quota_us``)."""
    try:
        lines = own.read_text("ascii").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    found: list[int | None] = []
    for line in lines:
        _, controllers, path = [*line.split(":", 2), "", ""][:3]
        parts = [p for p in path.split("/") if p and p not in (".", "..")]
        for i in range(len(parts), 0, -1):
            if controllers == "":
                found.append(_quota(root.joinpath(*parts[:i]) / "cpu.max", None))
            elif "cpu" in controllers.split(","):
                group = root.joinpath("cpu", *parts[:i])
                found.append(_quota(group / "cpu.cfs_quota_us", group / "cpu.cfs_period_us"))
    return found


def _cgroup_quota(root: Path) -> int | None:
    """The CPU quota of the cgroup at *root*, rounded up, or None without one.

    cgroup v2 (``cpu.max``: ``"150000 100000"`` or ``"max 100000"``), else v1
    (``cpu/cpu.cfs_quota_us`` -1 for none, and ``cpu/cpu.cfs_period_us``).
    """
    v2 = _quota(root / "cpu.max", None)
    if v2 is not None or (root / "cpu.max").exists():
        return v2
    return _quota(root / "cpu" / "cpu.cfs_quota_us", root / "cpu" / "cpu.cfs_period_us")


def _quota(quota_file: Path, period_file: Path | None) -> int | None:
    """CPUs from a v2 ``cpu.max`` (*period_file* None) or a v1 quota and period."""
    try:
        if period_file is None:
            fields = quota_file.read_text("ascii").split()
            quota, period = fields[0], fields[1]
        else:
            quota = quota_file.read_text("ascii").strip()
            period = period_file.read_text("ascii").strip()
    except (OSError, IndexError, UnicodeDecodeError):
        return None
    try:
        q, p = int(quota), int(period)
    except ValueError:  # "max": no quota
        return None
    if q <= 0 or p <= 0:
        return None
    return -(-q // p)
