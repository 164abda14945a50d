"""surat's folder in the user's cache: what LibreOffice's start can skip next time.

``$XDG_CACHE_HOME/surat`` (``~/.cache/surat`` when unset), made 0700. It is
used only while it is a real folder of this user that nobody else may read or
write; otherwise there is no cache and everything is done afresh. Its
contents are the :mod:`~surat.pdf.seed` profiles and the answer of
:func:`~surat.pdf.system.find_uno_python`.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)


def root() -> Path | None:
    """The cache folder (made if missing), or None when there is no usable one."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):  # the XDG rule: a relative path is ignored
        home = os.environ.get("HOME") or ""
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    folder = Path(base) / "surat"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    if not private(folder):
        log.info("cache: %s is not a private folder of this user; not used", folder)
        return None
    return folder


def private(path: Path) -> bool:
    """A real folder (not a link) of this user that nobody else may write or read."""
    try:
        st = path.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o077
