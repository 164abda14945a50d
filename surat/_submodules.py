"""Submodules reachable as attributes after ``import surat`` alone (PEP 562).

``surat.tte.verify.periksa(...)`` or ``surat.reports.laporan`` should not
raise AttributeError because nothing else happened to import them; importing
every submodule eagerly would slow ``import surat``. A package sets
``__getattr__ = submodules(__name__, {...})``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["submodules"]


def submodules(package: str, names: Iterable[str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports *package*'s submodule *name* on first use.

    >>> getattr_ = submodules("surat.reports", {"laporan"})
    >>> getattr_("laporan").__name__
    'surat.reports.laporan'
    >>> getattr_("nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'surat.reports' has no attribute 'nothing'
    """
    known = frozenset(names)

    def __getattr__(name: str) -> Any:
        if name in known:
            return importlib.import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
