"""The register's books as a test's letters cite them (surat.letters.referensi).

A letter validated against a register must cite a case, a request and an
approval that the books hold. The example data (surat.letters.example_data)
cite case ``001/REG-PPA/XI/2026``, request ``014/SM/2026`` of 16 November 2026
and approval ``001/DP3A-PP-KB/PPA/XI/2026`` of 22 November 2026; the batch
tests cite cases 001, 002, ... :func:`seed_books` writes such books.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import surat

EXAMPLES = Path(__file__).parent.parent / "examples"

DITERIMA = date(2026, 11, 16)
"""The day the example request (014/SM/2026) was written and received."""
PERSETUJUAN = date(2026, 11, 22)
"""The example approval's date (001/DP3A-PP-KB/PPA/XI/2026)."""


def seed_books(
    reg: surat.Register,
    *,
    kasus: int = 0,
    masuk: int = 0,
    persetujuan: bool = False,
    tanggal: date = DITERIMA,
) -> None:
    """Cases 001..*kasus* registered and requests 001..*masuk* received on *tanggal*
    (not linked to a case: any case's letter may cite them); with *persetujuan*,
    the example approval of case 001 on :data:`PERSETUJUAN`."""
    for i in range(kasus):
        reg.register_case(perihal=f"Kasus uji {i + 1}", tanggal=tanggal)
    for _ in range(masuk):
        reg.receive(
            dari="Pelapor",
            tanggal_surat=tanggal,
            perihal="Permohonan Pendampingan Kasus",
            tanggal_terima=tanggal,
        )
    if persetujuan:
        reg.issue(
            perihal="Persetujuan Pendampingan",
            klasifikasi=reg.office.klasifikasi("persetujuan"),
            tanggal=PERSETUJUAN,
            nomor_registrasi="001/REG-PPA/XI/2026",
        )


def seed_example_batch(reg: surat.Register, path: Path = EXAMPLES / "batch.csv") -> None:
    """The books examples/batch.csv cites, as examples/demo.py writes them: the example
    case (001) first, then each row's case and request on the day it came in."""
    seed_books(reg, kasus=1, masuk=1)
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            day = row["permohonan.tanggal"]
            kasus = reg.register_case(perihal="Kasus uji", tanggal=day)
            masuk = reg.receive(dari="Pelapor", tanggal_surat=day, perihal="Permohonan",
                                tanggal_terima=day, nomor_registrasi=kasus.nomor)  # fmt: skip
            assert (kasus.nomor, masuk.nomor) == (
                row["korban.nomor_registrasi"],
                row["permohonan.nomor_agenda"],
            )
