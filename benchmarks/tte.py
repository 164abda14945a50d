"""What an electronic signature adds to a letter, against pyHanko alone and the conversion.

    .venv/bin/python benchmarks/tte.py [--rounds 15]

The approval letter of ``examples/kantor.toml``, converted once (with the
signed letter's margins), then per round, alternating:

1. **pyhanko**: a bare PAdES signature (invisible, same key, SHA-256,
   ``ETSI.CAdES.detached``) over the converted PDF with ``signers.sign_pdf``:
   what any pyHanko user pays;
2. **surat**: ``surat.tte.sign.sign_letter``: finding the signature space,
   the footer and QR code on every page (an incremental update), the checks,
   and the visible PAdES signature;
3. **konversi**: converting the letter's .docx with a warm LibreOffice worker
   (what the letter costs anyway).

A throwaway CA and certificate are made in the process (RSA 2048). The figure
is the median round; ratios surat / pyhanko and surat / konversi.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()

    import tempfile

    import tte_support as ts
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    import surat
    from surat.pdf import Converter
    from surat.tte.sign import sign_letter, tte_docx

    office = surat.Office.from_toml(ROOT / "examples" / "kantor.toml")
    nomor = "001/DP3A-PP-KB/PPA/XI/2026"
    doc = surat.render("persetujuan", surat.example_data("persetujuan"), office=office, nomor=nomor)
    with tempfile.TemporaryDirectory() as tmp:
        tte = surat.TTE.from_p12(ts.p12(Path(tmp), ts.make_ca(), "ROSMAWATI"), ts.SANDI)
    docx = tte_docx(doc.docx)
    times: dict[str, list[float]] = {"pyhanko": [], "surat": [], "konversi": []}
    with Converter(workers=1) as conv:
        pdf = conv.convert(docx, "warm")

        def bare() -> None:
            w = IncrementalPdfFileWriter(io.BytesIO(pdf))
            meta = signers.PdfSignatureMetadata(
                field_name="Sig",
                md_algorithm="sha256",
                subfilter=fields.SigSeedSubFilter.PADES,
            )
            signers.sign_pdf(w, meta, signer=tte.signer)

        def ours() -> None:
            sign_letter(pdf, tte, office=office, kind="persetujuan", nomor=nomor, tanggal=None)

        def convert() -> None:
            conv.convert(docx, "konversi")

        ways = {"pyhanko": bare, "surat": ours, "konversi": convert}
        for fn in ways.values():  # warm-up
            fn()
        for _ in range(args.rounds):
            for name, fn in ways.items():
                t = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - t)
    med = {k: statistics.median(v) * 1000 for k, v in times.items()}
    print(f"rounds: {args.rounds}, median ms per letter")
    for k, v in med.items():
        print(f"  {k:9s} {v:8.1f}")
    print(f"surat / pyhanko  : {med['surat'] / med['pyhanko']:.2f}")
    print(f"surat / konversi : {med['surat'] / med['konversi']:.2f}")


if __name__ == "__main__":
    main()
