"""surat.render of this tree against another version of surat, in one process.

    git archive COMMIT | tar -x -C /tmp/old        # any earlier version
    .venv/bin/python benchmarks/render_ab.py /tmp/old [--letters 10] [--rounds 9]

The other version's package is copied as ``surat_before`` (surat imports
itself relatively) and both render the built-in kinds that the other version
knows, from its example data, to .docx bytes. Rounds alternate between the
two, so a busy machine slows both alike; the figure is the median of the
per-round ratios (this tree / the other).
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

NOMOR = "001/DP3A-PP-KB/PPA/XI/2026"


def per_letter(render: Any, cases: list[tuple[str, Any, str | None]], n: int) -> float:
    start = time.perf_counter()
    for kind, data, nomor in cases:
        for _ in range(n):
            render(kind, data, nomor=nomor)
    return (time.perf_counter() - start) / (n * len(cases)) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="a folder holding the other version's surat/")
    parser.add_argument("--letters", type=int, default=10, help="letters of each kind per round")
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(args.other / "surat", Path(tmp) / "surat_before")
        sys.path.insert(0, tmp)
        ours = importlib.import_module("surat").render
        theirs = importlib.import_module("surat_before.render").render
        letters = importlib.import_module("surat_before.letters")
        cases = [
            (k, letters.example_data(k), NOMOR if k in letters.NUMBERED else None)
            for k in letters.KINDS
        ]
        per_letter(ours, cases, 2), per_letter(theirs, cases, 2)  # warm both
        a: list[float] = []
        b: list[float] = []
        for _ in range(args.rounds):
            b.append(per_letter(theirs, cases, args.letters))
            a.append(per_letter(ours, cases, args.letters))
        ratios = [x / y for x, y in zip(a, b, strict=True)]
        print(
            f"other {statistics.median(b):.1f} ms/letter, this tree {statistics.median(a):.1f} "
            f"ms/letter; this / other: median {statistics.median(ratios):.2f} "
            f"(rounds {min(ratios):.2f}-{max(ratios):.2f})"
        )


if __name__ == "__main__":
    main()
