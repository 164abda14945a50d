"""The environment of every process surat starts: an allow-list, never a copy.

LibreOffice, its UNO bridge and the template helper read documents a
stranger may have written; a password in the caller's environment
(``SURAT_SANDI``, ``SURAT_TTE_SANDI``) or a token must never reach them.
"""

from __future__ import annotations

import os

__all__ = ["KEPT", "KEPT_PREFIX", "child_env"]

#: The variables of the caller's environment that a child process of surat
#: sees: the search path, the language and the locale's categories, the time
#: zone, where temporary files go, and what configures LibreOffice's fonts and
#: its UNO bridge. Anything else (``SURAT_SANDI``, ``SURAT_TTE_SANDI``, a cloud
#: token, a database URL) never reaches a process that reads documents.
KEPT = frozenset(
    {
        "PATH",
        "HOME",
        "LANG",
        "LANGUAGE",
        "LC_ALL",
        "LC_CTYPE",
        "LC_COLLATE",
        "LC_MESSAGES",
        "LC_MONETARY",
        "LC_NUMERIC",
        "LC_TIME",
        "LC_ADDRESS",
        "LC_IDENTIFICATION",
        "LC_MEASUREMENT",
        "LC_NAME",
        "LC_PAPER",
        "LC_TELEPHONE",
        "TMPDIR",
        "TZ",
        "FONTCONFIG_FILE",
        "FONTCONFIG_PATH",
        "UNO_PATH",
        "URE_BOOTSTRAP",
    }
)
#: LibreOffice's own settings (``SAL_USE_VCLPLUGIN``, ...) are kept too.
KEPT_PREFIX = "SAL_"


def child_env(**overrides: str) -> dict[str, str]:
    """The environment of a child process: what :data:`KEPT` names of ours,
    then *overrides*. Never a copy of the whole environment.

    >>> env = child_env(HOME="/tmp/x")
    >>> env["HOME"], env.get("PATH") == os.environ.get("PATH")
    ('/tmp/x', True)
    >>> all(name in KEPT or name.startswith(KEPT_PREFIX) for name in env)
    True
    """
    env = {
        name: value
        for name, value in os.environ.items()
        if name in KEPT or name.startswith(KEPT_PREFIX)
    }
    env.update(overrides)
    return env
