"""Moved to :mod:`surat.templating`.

This module re-exports its public names until surat 0.3.
"""

import warnings

from .templating.book import BOOKS_TEMPLATES, GRAFIK, render_book
from .templating.engine import DEFAULT_LOGO, TEMPLATES, template_path
from .templating.filters import FILTERS
from .templating.inspect import check_template, copy_template, template_fields
from .templating.letter import MAX_LINE, MAX_TEXT, render

__all__ = [
    "BOOKS_TEMPLATES",
    "DEFAULT_LOGO",
    "FILTERS",
    "GRAFIK",
    "MAX_LINE",
    "MAX_TEXT",
    "TEMPLATES",
    "check_template",
    "copy_template",
    "render",
    "render_book",
    "template_fields",
    "template_path",
]

warnings.warn("surat.render moved to surat.templating", DeprecationWarning, stacklevel=2)
