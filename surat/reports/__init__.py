"""The office's books and reports, read from the register.

- :mod:`~surat.reports.kronologi`: the buku kronologi of one case (every
  document and SOP step, first to last);
- :mod:`~surat.reports.laporan`: the monthly report (cases, letters, SOP
  steps against their mutu baku);
- :mod:`~surat.reports.grafik`: the monthly report's chart (the ``laporan``
  extra: matplotlib).
"""

from .._submodules import submodules

__getattr__ = submodules(__name__, ["grafik", "kronologi", "laporan"])
