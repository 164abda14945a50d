"""The builders of the shipped templates: build time only, never imported by surat.

Each letter kind and report has one module here whose ``template()`` returns
its Word template as a python-docx Document, built from the blocks of
:mod:`surat.templates._build.docx`. ``python tools/build_templates.py`` (or
``make templates``) in the source tree runs them and writes the ``.docx``
files of :mod:`surat.templates`; an installed surat reads those files only,
and the wheel does not hold this package.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import disposisi, konseling, kronologi, laporan, permohonan, persetujuan, tugas
from . import laporan_pendampingan, pernyataan, rujukan, tanda_terima
from . import berita_acara, nota_dinas, penutupan, undangan

__all__ = ["BUILDERS"]

BUILDERS: dict[str, Callable[[], Any]] = {
    "permohonan": permohonan.template,
    "persetujuan": persetujuan.template,
    "tugas": tugas.template,
    "konseling": konseling.template,
    "disposisi": disposisi.template,
    "rujukan": rujukan.template,
    "laporan_pendampingan": laporan_pendampingan.template,
    "pernyataan": pernyataan.template,
    "tanda_terima": tanda_terima.template,
    "kronologi": kronologi.template,
    "laporan": laporan.template,
    "nota_dinas": nota_dinas.template,
    "undangan": undangan.template,
    "berita_acara": berita_acara.template,
    "penutupan": penutupan.template,
}
"""Each template's builder, by the name of the file it writes (a kind's id, or the
report's): ``BUILDERS["persetujuan"]()`` is ``persetujuan.docx``."""
