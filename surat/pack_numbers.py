"""Moved to :mod:`surat.numbering.pending` and :mod:`surat.pack.workflow`.

This module re-exports its public names until surat 0.3.
"""

import warnings

from .numbering.pending import BatchError, Pending
from .pack.workflow import check_copies, check_output

__all__ = ["BatchError", "Pending", "check_copies", "check_output"]

warnings.warn(
    "surat.pack_numbers moved to surat.numbering.pending and surat.pack.workflow",
    DeprecationWarning,
    stacklevel=2,
)
