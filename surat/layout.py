"""Moved to :mod:`surat.templating.page`.

This module re-exports its public names until surat 0.3.
"""

import warnings

from .templating.page import page_layout

__all__ = ["page_layout"]

warnings.warn("surat.layout moved to surat.templating.page", DeprecationWarning, stacklevel=2)
