"""Moved to :mod:`surat.reports.laporan`.

This module re-exports its public names until surat 0.3.
"""

import warnings

from .reports.laporan import *  # noqa: F403
from .reports.laporan import __all__  # noqa: F401

warnings.warn("surat.laporan moved to surat.reports.laporan", DeprecationWarning, stacklevel=2)
