"""The closed vocabularies of surat as ``Literal`` types, for type checkers and forms.

>>> from typing import get_args
>>> import surat
>>> get_args(surat.Jenis)[:5]
('permohonan', 'persetujuan', 'tugas', 'konseling', 'disposisi')
>>> get_args(surat.Buku), get_args(surat.Status)
(('keluar', 'masuk', 'kasus'), ('aktif', 'batal'))

This module imports nothing heavy: the command line lists these in ``--help``.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "ALASAN_PENUTUPAN",
    "BOOKS",
    "KINDS",
    "STATUSES",
    "TAHAP",
    "AlasanPenutupan",
    "Buku",
    "Jenis",
    "Status",
    "Tahap",
]

Jenis = Literal[
    "permohonan",
    "persetujuan",
    "tugas",
    "konseling",
    "disposisi",
    "rujukan",
    "laporan_pendampingan",
    "pernyataan",
    "tanda_terima",
    "nota_dinas",
    "undangan",
    "berita_acara",
    "penutupan",
]
"""A letter kind: the assistance request, the approval letter, the assignment
letter, the counseling report, the disposition sheet of an incoming letter, the
internal memo, the invitation to a mediation or coordination meeting, the minutes
(berita acara), the case closure report."""

Buku = Literal["keluar", "masuk", "kasus"]
"""An agenda book: outgoing letters, incoming letters, case registrations."""

Status = Literal["aktif", "batal"]
"""A number's status in the agenda: in use, or void (never reused)."""

AlasanPenutupan = Literal["selesai", "dirujuk", "dicabut", "tidak dapat dihubungi"]
"""Why a case is closed (terminasi): its services done, referred elsewhere, withdrawn
(dicabut / mengundurkan diri), or the client cannot be reached."""

Tahap = Literal[
    "penerimaan",
    "konseling",
    "persetujuan",
    "penugasan",
    "rujukan",
    "laporan",
    "mediasi",
    "penutupan",
]
"""A stage of a case file, in the order of SOP 34 and SOP 32 (``surat kasus --tahap``,
:class:`surat.Dokumen` ``tahap``)."""

KINDS: tuple[Jenis, ...] = get_args(Jenis)
TAHAP: tuple[Tahap, ...] = get_args(Tahap)
ALASAN_PENUTUPAN: tuple[AlasanPenutupan, ...] = get_args(AlasanPenutupan)
BOOKS: tuple[Buku, ...] = get_args(Buku)
STATUSES: tuple[Status, ...] = get_args(Status)
