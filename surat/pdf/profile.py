"""The private folder of one LibreOffice process, and how it is cleaned away.

Every LibreOffice that surat starts gets ``$TMPDIR/surat-lo-<owner pid>-<random>``
(0700) holding its profile, its HOME and its temporary files. Two soffice on
one profile at once make one of them exit without converting, so no profile is
ever shared. A profile starts as a copy of the installation's
:mod:`~surat.pdf.seed` when there is one (a third of a second less to start),
and :data:`REGISTRY` is written into it before the first start, over
whatever the copy holds, so LibreOffice never updates a link, never runs a
macro and never starts Java, whatever a document asks for.

Nothing may outlive its owner: :func:`kill_group` kills a process group and
waits until none of it runs, :meth:`Profile.remove` removes the folder and
the socket files a killed soffice leaves in /tmp, and :func:`remove_stale`
removes (and stops) what an owner killed by SIGKILL could not.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import secrets
import shutil
import signal
import tempfile
import time
import urllib.parse
from pathlib import Path

from ..childenv import child_env
from . import seed

PREFIX = "surat-lo-"
_STALE = re.compile(re.escape(PREFIX) + r"(\d+)-[A-Za-z0-9_]+")
_PIPE = re.compile(r"surat-[0-9a-f]{32}")

#: LibreOffice's configuration in every private profile (registrymodifications.xcu):
#: ``BlockUntrustedRefererLinks``: a picture linked to a URL or a local file is never
#: loaded (without it a linked picture made LibreOffice send OPTIONS and GET, and a
#: ``file://`` one was embedded in the PDF); Writer never updates links when loading
#: (``Update/Link``: 0 never, 1 on request, 2 always; sw/inc/linkenum.hxx); highest
#: macro security with macros disabled; no Java. ``ooSetupLastVersion``: the last
#: version that ran on the profile. LibreOffice runs its graphics render tests
#: (about 100 drawings into large bitmaps) when the running version is newer
#: than that (``runGraphicsRenderTests``, desktop/source/app/app.cxx), and only a
#: window (the "what's new" bar) ever records it: headless, every start ran
#: them, 1.5-1.9 s of CPU and 130 MB of a 2 s start. A version no release
#: reaches (the check compares major * 10 + minor) means they never run.
_HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
"""
_ITEMS = """<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update">\
<prop oor:name="Link" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Java/VirtualMachine">\
<prop oor:name="Enable" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Setup/Product">\
<prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>999.9</value></prop></item>
"""
_FOOTER = "</oor:items>\n"
REGISTRY = _HEADER + _ITEMS + _FOOTER


def with_registry(xcu: str) -> str:
    """*xcu* (a profile's registrymodifications.xcu) with :data:`REGISTRY`'s items last.

    LibreOffice applies the items in order, so ours win over any earlier value
    of the same setting; a file that is not a list of items is replaced.

    >>> with_registry(REGISTRY) == REGISTRY.replace(_FOOTER, _ITEMS + _FOOTER)
    True
    >>> with_registry("<not-a-registry/>") == REGISTRY
    True
    """
    head, footer, tail = xcu.rpartition("</oor:items>")
    if not footer or tail.strip() or "<oor:items" not in head:
        return REGISTRY
    return head + _ITEMS + _FOOTER


#: Options every soffice that surat starts gets, after its profile.
SOFFICE_FLAGS = ("--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck")


class Profile:
    """``$TMPDIR/surat-lo-<pid>-<random>``: profile, HOME, temporary files, UNO pipe name.

    With *soffice*, the profile starts as a copy of that installation's
    :mod:`~surat.pdf.seed` when there is one (``seeded``).
    """

    def __init__(self, soffice: str | None = None) -> None:
        self.path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
        os.chmod(self.path, 0o700)
        (self.path / "home").mkdir(mode=0o700)
        (self.path / "profile").mkdir(mode=0o700)
        user = self.path / "profile" / "user"
        #: where this installation's seed is (or will be); None without a cache folder
        self.seed = seed.folder(soffice) if soffice else None
        self.seeded = self.seed is not None and seed.copy_into(self.seed, user)
        xcu = user / "registrymodifications.xcu"
        if self.seeded:
            try:
                text = with_registry(xcu.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                text = REGISTRY
        else:
            user.mkdir(mode=0o700)
            text = REGISTRY
        xcu.unlink(missing_ok=True)
        fd = os.open(xcu, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        #: the UNO pipe's name, kept in the folder so that a later run can remove its socket
        self.pipe = "surat-" + secrets.token_hex(16)
        (self.path / "pipe").write_text(self.pipe, encoding="ascii")
        # held while the owner lives (the kernel lets go when it dies): a folder whose
        # pid looks dead from another pid namespace sharing $TMPDIR is still left alone
        self._lock = os.open(self.path / "lock", os.O_CREAT | os.O_WRONLY | os.O_CLOEXEC, 0o600)
        fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)

    @property
    def home(self) -> Path:
        return self.path / "home"

    def soffice_args(self, soffice: str) -> list[str]:
        """``soffice`` on this profile, headless, before any further option."""
        return [
            soffice,
            f"-env:UserInstallation={(self.path / 'profile').as_uri()}",
            *SOFFICE_FLAGS,
        ]

    def env(self, tmp: Path | None = None) -> dict[str, str]:
        """The environment for soffice: own HOME, temporary files inside the folder,
        and of the caller's environment only what :func:`~surat.pdf.system.child_env`
        keeps (no password or token a document could read)."""
        return child_env(HOME=str(self.home), TMPDIR=str(tmp or self.path))

    @property
    def wants_seed(self) -> bool:
        """Whether this profile's clean exit should be kept as the seed (none there yet)."""
        return self.seed is not None and not self.seeded and not self.seed.exists()

    def keep_as_seed(self) -> None:
        """Keep this profile as the seed; call once its LibreOffice exited cleanly."""
        if self.seed is not None and not self.seeded:
            seed.save(self.path / "profile" / "user", self.seed)

    def discard_seed(self) -> None:
        """LibreOffice did not start from this seeded profile: remove that seed."""
        if self.seed is not None and self.seeded:
            seed.discard(self.seed)

    def remove(self) -> None:
        """Remove the folder and the pipe sockets; call once its processes are gone."""
        _remove(self.path, self.pipe)
        with contextlib.suppress(OSError):
            os.close(self._lock)


def pipe_files(profile: Path, pipe: str | None = None) -> list[Path]:
    """The socket files soffice makes in /tmp for *profile* (a clean exit removes them).

    LibreOffice names its single-instance pipe after the MD5 of the profile's
    URL in UTF-16, each byte in hex without padding; the UNO pipe is ours. The
    URL is LibreOffice's own spelling of it, which leaves the characters RFC 2396
    allows in a path unescaped (``file:///a+b`` where ``Path.as_uri()`` gives
    ``file:///a%2Bb``).
    """
    url = "file://" + urllib.parse.quote(os.fsencode(profile), safe="/:@&=+$,!~*'()")
    digest = hashlib.md5(url.encode("utf-16-le"), usedforsecurity=False).digest()
    names = ["SingleOfficeIPC_" + "".join(format(b, "x") for b in digest)]
    if pipe:
        names.append(pipe)
    return [Path("/tmp") / f"OSL_PIPE_{os.getuid()}_{name}" for name in names]


def _remove(folder: Path, pipe: str | None) -> None:
    for sock in pipe_files(folder / "profile", pipe):
        with contextlib.suppress(OSError):
            sock.unlink()
    shutil.rmtree(folder, ignore_errors=True)


def _group_running(pgid: int) -> bool:
    """Whether any process of group *pgid* still runs (zombies do not)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


def kill_group(pgid: int, wait: float = 10.0) -> None:
    """SIGKILL every process of group *pgid*; return once none runs (or after *wait* s).

    Workers start with ``start_new_session``: the group holds the worker and
    every LibreOffice process under it (``soffice`` is a wrapper whose child
    ``soffice.bin`` does the work), so one signal reaches them all.
    """
    try:
        os.killpg(pgid, signal.SIGKILL)
    except OSError:
        return
    deadline = time.monotonic() + wait
    while _group_running(pgid) and time.monotonic() < deadline:
        time.sleep(0.02)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError, IndexError):
        if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
            return False
    return True


def _unlocked(folder: Path) -> bool:
    """Whether no live process holds the folder's lock (see :class:`Profile`)."""
    try:
        fd = os.open(folder / "lock", os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
    except FileNotFoundError:
        return True  # made before locks, or by an owner that died while making it
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def _users_of(folder: Path) -> list[int]:
    """Processes whose command line names *folder* (a LibreOffice on that profile)."""
    mark = os.fsencode(folder)
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            if mark in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
    return found


def remove_stale(root: Path | None = None) -> int:
    """Remove the folders of owners that are dead, stopping what still runs on them.

    Only folders named by :class:`Profile` (``surat-lo-<pid>-…``), owned by
    this user, whose owner pid no longer runs and whose lock nobody holds.
    Returns how many were removed.
    """
    root = root or Path(tempfile.gettempdir())
    removed = 0
    for folder in root.glob(PREFIX + "*"):
        match = _STALE.fullmatch(folder.name)
        if match is None or _alive(int(match[1])):
            continue
        try:
            st = folder.lstat()
        except OSError:
            continue
        if not folder.is_dir() or folder.is_symlink() or st.st_uid != os.getuid():
            continue
        if not _unlocked(folder):
            continue
        for pid in _users_of(folder):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        pipe = None
        with contextlib.suppress(OSError, UnicodeDecodeError):
            text = (folder / "pipe").read_text(encoding="ascii").strip()
            pipe = text if _PIPE.fullmatch(text) else None
        _remove(folder, pipe)
        removed += 1
    return removed
