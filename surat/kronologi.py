"""Moved to :mod:`surat.reports.kronologi`.

This module re-exports its public names until surat 0.3.
"""

import warnings

from .reports.kronologi import *  # noqa: F403
from .reports.kronologi import __all__  # noqa: F401

warnings.warn("surat.kronologi moved to surat.reports.kronologi", DeprecationWarning, stacklevel=2)
