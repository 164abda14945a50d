"""surat: official letters of an Indonesian regional office.

Numbered from one atomic register, dated in Indonesian, rendered from Word
templates and printed as one PDF with the copies (tembusan) the SOP asks for.

>>> import surat
>>> from datetime import date
>>> surat.format_tanggal(date(2026, 11, 22))
'22 November 2026'
>>> surat.bulan_romawi(11)
'XI'
>>> surat.terbilang(1500000)
'satu juta lima ratus ribu'
"""

from __future__ import annotations

from . import batch, letters, numbering
from .dates import bulan_romawi, format_tanggal, hari, now, tanggal_terbilang, today
from .document import Document
from .errors import SuratError
from .identitas import format_nip, validate_nik, validate_nip
from .kasus import Kasus
from .letters import example_data
from .numbering import Nomor, Register
from .office import Office, Pejabat
from .pack import PackResult, print_pack
from .render import render
from .tte import TTE
from .words import format_rupiah, terbilang, terbilang_rupiah

__version__ = "0.1.0"

__all__ = [
    "TTE",
    "Document",
    "Kasus",
    "Nomor",
    "Office",
    "PackResult",
    "Pejabat",
    "Register",
    "SuratError",
    "__version__",
    "batch",
    "bulan_romawi",
    "example_data",
    "format_nip",
    "format_rupiah",
    "format_tanggal",
    "hari",
    "letters",
    "now",
    "numbering",
    "print_pack",
    "render",
    "tanggal_terbilang",
    "terbilang",
    "terbilang_rupiah",
    "today",
    "validate_nik",
    "validate_nip",
]
