"""Moved to :mod:`surat.templating.sandbox`.

This module re-exports its public names until surat 0.3.
"""

import warnings

from .templating.inspect import expression_text, unsafe_expressions
from .templating.sandbox import MAX_RANGE, MAX_STRING, Empty, Fields, Sandbox, TemplateLimit, plain

__all__ = [
    "MAX_RANGE",
    "MAX_STRING",
    "Empty",
    "Fields",
    "Sandbox",
    "TemplateLimit",
    "expression_text",
    "plain",
    "unsafe_expressions",
]

warnings.warn("surat.sandbox moved to surat.templating.sandbox", DeprecationWarning, stacklevel=2)
