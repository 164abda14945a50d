"""Letter numbers: the register (agenda books) and the number patterns.

>>> from datetime import date
>>> import surat
>>> with surat.Register(":memory:") as reg:
...     n = reg.issue(perihal="Persetujuan Pendampingan", tujuan="Sdr. Pelapor",
...                   klasifikasi="PPA", tanggal=date(2026, 11, 22))
...     str(n), n.urut, n.tahun, n.bulan
...     str(reg.peek(klasifikasi="PPA", tanggal=date(2026, 11, 23)))
('001/DP3A-PP-KB/PPA/XI/2026', 1, 2026, 11)
'002/DP3A-PP-KB/PPA/XI/2026'

The backends live in :mod:`surat.numbering.sqlite` and
:mod:`surat.numbering.postgres`; :class:`Register` (:mod:`surat.numbering.register`)
holds the one code path that takes a number, owns every transaction, and
documents the backdating (sisipan) policy. The statements both backends run
are in :mod:`~surat.numbering.sql`, read back by column name in
:mod:`~surat.numbering.rows` into the records of :mod:`~surat.numbering.records`.
"""

from __future__ import annotations

from .dokumen import Dokumen
from .langkah import LangkahKasus
from .pattern import NomorParts, check_pattern, format_nomor, parse, sisipan_suffix
from .register import SCHEMA_VERSION, SEMUA_KOP, Entry, Masuk, Nomor, Paraf, Penutupan, Register

__all__ = [
    "SCHEMA_VERSION",
    "SEMUA_KOP",
    "Dokumen",
    "Entry",
    "LangkahKasus",
    "Masuk",
    "Nomor",
    "NomorParts",
    "Paraf",
    "Penutupan",
    "Register",
    "check_pattern",
    "format_nomor",
    "parse",
    "sisipan_suffix",
]
