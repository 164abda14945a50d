"""`import surat` against `import docxtpl`, each in a fresh interpreter.

    .venv/bin/python benchmarks/import_time.py [--runs 15]

Each run starts a new Python (``python -c "import X"``) and times the import
inside it with ``time.perf_counter`` (interpreter start-up is the same for
both and left out). The runs alternate between the two modules; the figure
is the median. ``surat --help`` is timed the same way (whole process, against
``python -c pass``), because that is what a person waits for.

Ratio = surat / docxtpl (goal: <= 0.5).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

TIMED = "import time; t = time.perf_counter(); import {m}; print(time.perf_counter() - t)"


def import_seconds(module: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", TIMED.format(m=module)], capture_output=True, text=True, check=True
    )
    return float(out.stdout)


def process_seconds(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, *args], capture_output=True, check=True)
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    n = parser.parse_args().runs
    import_seconds("surat"), import_seconds("docxtpl")  # warm the file cache
    surat_s, docxtpl_s, help_s, bare_s = [], [], [], []
    for _ in range(n):
        surat_s.append(import_seconds("surat"))
        docxtpl_s.append(import_seconds("docxtpl"))
        help_s.append(process_seconds(["-m", "surat", "--help"]))
        bare_s.append(process_seconds(["-c", "pass"]))
    s, d = statistics.median(surat_s), statistics.median(docxtpl_s)
    h, b = statistics.median(help_s), statistics.median(bare_s)
    print(f"import surat    {s * 1000:7.1f} ms   (median of {n})")
    print(f"import docxtpl  {d * 1000:7.1f} ms")
    print(f"ratio surat / docxtpl = {s / d:.2f}   (goal <= 0.5)")
    print(f"surat --help    {h * 1000:7.1f} ms   whole process; python -c pass {b * 1000:.1f} ms")


if __name__ == "__main__":
    main()
