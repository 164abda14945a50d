"""A LibreOffice profile that has started once, copied into each new private profile.

The first start on an empty profile sets it up (extension registries, the
first-start settings, the graphics tests): a third of a second of a two-second
start on a small machine. So the first LibreOffice that surat starts on a
machine leaves its profile, after a clean exit, in the user's cache::

    $XDG_CACHE_HOME/surat/libreoffice-<installation>/user    (~/.cache when unset)

and every later :class:`~surat.pdf.profile.Profile` starts from a copy of it.
The seed is only ever copied, never used in place, so no two LibreOffice share
a profile; it is written once, into a temporary folder renamed into place, so
no reader sees half of one; and it is keyed by the LibreOffice installation,
so an upgrade starts a new one. A seed is used only if it and its
:mod:`~surat.pdf.cache` folder are this user's, closed to others, and hold
nothing but folders and regular files; the security settings of
:data:`~surat.pdf.profile.REGISTRY` are applied over whatever the copy holds.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import secrets
import shutil
import stat
import time
from pathlib import Path

from . import cache

log = logging.getLogger(__name__)

#: A seed larger than this is not one that LibreOffice made for surat.
MAX_BYTES = 16 * 1024 * 1024


def folder(soffice: str) -> Path | None:
    """Where the seed for this LibreOffice installation lives, or None without a
    usable :mod:`~surat.pdf.cache` folder."""
    base = cache.root()
    return None if base is None else base / f"libreoffice-{_installation(soffice)}"


def _installation(soffice: str) -> str:
    """A short name for one LibreOffice installation: its folder and its version file."""
    program = Path(soffice).resolve().parent
    digest = hashlib.sha256(os.fsencode(program))
    with contextlib.suppress(OSError):
        rc = program / "versionrc"
        st = rc.stat()
        digest.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
        digest.update(rc.read_bytes()[:65536])
    return digest.hexdigest()[:16]


def _copy(src: Path, dst: Path) -> bool:
    """Copy the tree *src* to *dst* (0700 folders, 0600 files); False, with nothing of
    *dst* left, if it holds anything but folders and regular files or is too big."""
    total = 0
    try:
        dst.mkdir(mode=0o700)
        for top, dirs, files in os.walk(src, followlinks=False):
            rel = Path(top).relative_to(src)
            for name in dirs:
                if not stat.S_ISDIR(os.lstat(os.path.join(top, name)).st_mode):
                    raise ValueError("a link")
                (dst / rel / name).mkdir(mode=0o700)
            for name in files:
                path = os.path.join(top, name)
                st = os.lstat(path)
                total += st.st_size
                if not stat.S_ISREG(st.st_mode) or total > MAX_BYTES:
                    raise ValueError("not a regular file, or too big")
                target = dst / rel / name
                shutil.copyfile(path, target, follow_symlinks=False)
                os.chmod(target, 0o600)
    except (OSError, ValueError):
        shutil.rmtree(dst, ignore_errors=True)
        return False
    return True


def copy_into(seed: Path, user: Path) -> bool:
    """Make *user* (a profile's ``user`` folder, not there yet) a copy of the seed.

    True if it was copied; False (and *user* not made) when there is no usable seed.
    """
    source = seed / "user"
    if not (cache.private(seed) and cache.private(source)):
        return False
    return _copy(source, user)


def save(user: Path, seed: Path) -> None:
    """Keep *user* (a profile whose LibreOffice exited cleanly) as the seed, if none is there.

    Written into a temporary folder beside the seed and renamed into place:
    when several processes save at once, one wins and the others' copies go.
    """
    if seed.exists():
        return
    _remove_leftovers(seed)
    tmp = seed.with_name(f".{seed.name}-{secrets.token_hex(8)}")
    try:
        tmp.mkdir(mode=0o700)
    except OSError:
        return
    if _copy(user, tmp / "user"):
        with contextlib.suppress(OSError):
            os.rename(tmp, seed)
            log.info("seed: saved a LibreOffice profile for later starts")
            return
    shutil.rmtree(tmp, ignore_errors=True)


def _remove_leftovers(seed: Path, age: float = 600.0) -> None:
    """Remove temporary copies that processes killed while saving left (older than *age* s)."""
    now = time.time()
    for old in seed.parent.glob(f".{seed.name}-*"):
        with contextlib.suppress(OSError):
            if now - old.lstat().st_mtime > age:
                shutil.rmtree(old, ignore_errors=True)


def discard(seed: Path) -> None:
    """Remove a seed LibreOffice could not start from; later starts make a new one.

    Renamed away first, so a process copying it at that moment either copies all
    of it or gives up and starts from a fresh profile.
    """
    gone = seed.with_name(f".{seed.name}-gone-{secrets.token_hex(8)}")
    try:
        os.rename(seed, gone)
    except OSError:
        return
    log.warning("seed: LibreOffice did not start from the saved profile; removed it")
    shutil.rmtree(gone, ignore_errors=True)
