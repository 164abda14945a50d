"""Moved to :mod:`surat.templating.inspect`.

This module re-exports its public names until surat 0.3.
"""

import warnings

from .templating.inspect import context_fields, detect_kind, unknown_fields

__all__ = ["context_fields", "detect_kind", "unknown_fields"]

warnings.warn(
    "surat.template_check moved to surat.templating.inspect", DeprecationWarning, stacklevel=2
)
