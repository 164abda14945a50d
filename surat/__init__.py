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

The public names below are imported when first used (PEP 562), so that
``import surat`` and ``surat --help`` stay fast; ``dir(surat)`` and type
checkers see all of them.
"""

from __future__ import annotations

import importlib
import logging
import sys
import types
from typing import TYPE_CHECKING, Any

from .errors import Problem, SuratError
from .vocab import Buku, Jenis, Status

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
# Operator events go to the logger 'surat' (converter workers started and
# restarted, numbers voided); an application shows them with logging's own
# configuration. No record carries personal data.

if TYPE_CHECKING:  # what a type checker sees; at run time __getattr__ imports them
    from . import batch, letters, numbering, pack, pdf, reports, templating, tte
    from .dates import bulan_romawi, format_tanggal, hari, now, tanggal_terbilang, today
    from .document import Document
    from .identitas import format_nip, validate_nik, validate_nip
    from .kasus import Kasus
    from .letters import example_data
    from .numbering import Dokumen, Nomor, Register
    from .office import Office, Pejabat
    from .pack import PackResult, print_pack
    from .prosedur import SOP, Langkah, sop
    from .reports.kronologi import buku_kronologi
    from .reports.laporan import Laporan, laporan_bulanan
    from .templating.letter import render
    from .tte import TTE
    from .words import format_rupiah, terbilang, terbilang_rupiah

_LAZY: dict[str, str] = {
    "batch": "",
    "letters": "",
    "numbering": "",
    "pack": "",
    "pdf": "",
    "reports": "",
    "templating": "",
    "tte": "",
    "bulan_romawi": "dates",
    "format_tanggal": "dates",
    "hari": "dates",
    "now": "dates",
    "tanggal_terbilang": "dates",
    "today": "dates",
    "Document": "document",
    "format_nip": "identitas",
    "validate_nik": "identitas",
    "validate_nip": "identitas",
    "Kasus": "kasus",
    "buku_kronologi": "reports.kronologi",
    "Laporan": "reports.laporan",
    "laporan_bulanan": "reports.laporan",
    "example_data": "letters",
    "Dokumen": "numbering",
    "Nomor": "numbering",
    "Register": "numbering",
    "Office": "office",
    "Pejabat": "office",
    "PackResult": "pack",
    "print_pack": "pack",
    "SOP": "prosedur",
    "Langkah": "prosedur",
    "sop": "prosedur",
    "TTE": "tte",
    "format_rupiah": "words",
    "terbilang": "words",
    "terbilang_rupiah": "words",
}
"""Public name -> the module that defines it ('' for a submodule of the same name)."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'surat' has no attribute {name!r}")
    if module == "":
        value: Any = importlib.import_module(f".{name}", __name__)
    else:
        value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # the next access is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """``surat.render`` is the function, though a deprecated module has the same name.

    The module ``surat/render.py`` re-exports :mod:`surat.templating` for
    applications that imported it by path, until surat 0.3. Importing it makes
    Python store it as the package's ``render`` attribute; this descriptor
    keeps the public function there instead. It goes with that module.
    """

    @property
    def render(self) -> Any:
        from .templating.letter import render

        return render

    @render.setter
    def render(self, value: Any) -> None:
        pass  # the import system storing the submodule: the function stays public


sys.modules[__name__].__class__ = _Package


__all__ = [
    "SOP",
    "TTE",
    "Buku",
    "Document",
    "Dokumen",
    "Jenis",
    "Kasus",
    "Langkah",
    "Laporan",
    "Nomor",
    "Office",
    "PackResult",
    "Pejabat",
    "Problem",
    "Register",
    "Status",
    "SuratError",
    "__version__",
    "batch",
    "buku_kronologi",
    "bulan_romawi",
    "example_data",
    "format_nip",
    "format_rupiah",
    "format_tanggal",
    "hari",
    "laporan_bulanan",
    "letters",
    "now",
    "numbering",
    "pack",
    "pdf",
    "print_pack",
    "render",
    "reports",
    "sop",
    "tanggal_terbilang",
    "templating",
    "terbilang",
    "terbilang_rupiah",
    "today",
    "tte",
    "validate_nik",
    "validate_nip",
]
