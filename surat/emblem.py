"""Moved to :mod:`surat.templating.emblem`.

This module re-exports its public names until surat 0.3.
"""

import warnings

from .templating.emblem import picture, place, placeholder

__all__ = ["picture", "place", "placeholder"]

warnings.warn("surat.emblem moved to surat.templating.emblem", DeprecationWarning, stacklevel=2)
