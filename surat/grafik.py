"""Moved to :mod:`surat.reports.grafik`.

This module re-exports its public names until surat 0.3.
"""

import warnings

from .reports.grafik import *  # noqa: F403
from .reports.grafik import __all__  # noqa: F401

warnings.warn("surat.grafik moved to surat.reports.grafik", DeprecationWarning, stacklevel=2)
