"""Moved to :mod:`surat.templating.isolation`.

This module re-exports its public names until surat 0.3.
"""

import warnings

from .templating.isolation import run_limited

__all__ = ["run_limited"]

warnings.warn("surat.limits moved to surat.templating.isolation", DeprecationWarning, stacklevel=2)
