"""An office application on top of surat, as a web service would use it.

    python examples/consumer.py [agenda.db]

A caseworker's form arrives as a dict. The application validates it first
(every problem, by field, for the form), takes a number only for valid data,
renders the letter to memory and converts it, and voids the number if
anything fails after it was taken. The agenda goes out as an XLSX download.
Nothing about the victim touches the disk. Checked by ``mypy --strict``.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import surat


def approve(form: dict[str, object], reg: surat.Register, office: surat.Office) -> bytes:
    """The approval letter as PDF bytes, or a SuratError listing what to fix."""
    letter = surat.letters.validate("persetujuan", form)  # no number for a typo
    with reg.reserve(**letter.agenda(office)) as nomor:  # voided if the block raises
        doc: surat.Document = surat.render("persetujuan", letter, office=office, nomor=nomor)
        pdf = io.BytesIO()
        doc.to_pdf(pdf)
    return pdf.getvalue()


def form_errors(exc: surat.SuratError) -> dict[str, str]:
    """Field path -> message, to show beside each field of the form."""
    return {path or "(form)": message for path, message in exc.errors}


def main(db: str) -> int:
    office = surat.Office.default()
    with surat.Register(db, office=office) as reg:
        bad: dict[str, object] = {**surat.example_data("persetujuan"), "kepada": ""}
        try:
            approve(bad, reg, office)
        except surat.SuratError as exc:
            print("form errors:", form_errors(exc))
        pdf = approve(surat.example_data("persetujuan"), reg, office)
        print(f"letter: {len(pdf)} bytes of PDF")
        agenda = io.BytesIO()
        reg.export(agenda, format="xlsx")
        status: list[surat.Status] = [e.status for e in reg.entries(tahun=None)]
    print(f"agenda: {len(agenda.getvalue())} bytes of XLSX; numbers: {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(Path("agenda.db"))))
