"""One letter to PDF from the command line, against a bare LibreOffice conversion.

    .venv/bin/python benchmarks/latency.py [--runs 7]

What a person waits for after typing

    surat buat persetujuan p.json -o x.pdf --nomor 001/DP3A-PP-KB/PPA/XI/2026

against what LibreOffice alone takes for the same letter's .docx:

    soffice --headless --convert-to pdf --outdir DIR x.docx

Both are whole processes, timed from start to exit, alternating, with warm
file caches; soffice keeps its user profile between runs (as a desktop user's
does), surat makes a private one each run, copied from its seed (the first
run leaves it). The figure is the median.

Ratio = surat / soffice (goal: <= 1.3).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import surat
from surat.pdf import soffice_path

NOMOR = "001/DP3A-PP-KB/PPA/XI/2026"


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    soffice = soffice_path()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        data = surat.example_data("persetujuan")
        (d / "p.json").write_text(json.dumps(data, default=str), encoding="utf-8")
        surat.render("persetujuan", data, nomor=NOMOR).save(d / "x.docx")
        profile = (d / "profile").as_uri()
        bare = [
            str(soffice),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(d / "bare"),
            str(d / "x.docx"),
        ]
        cli = [
            str(Path(sys.executable).with_name("surat")),
            "buat",
            "persetujuan",
            str(d / "p.json"),
            "-o",
            str(d / "x.pdf"),
            "--nomor",
            NOMOR,
        ]
        env = {**os.environ}
        timed(bare), timed(cli, env)  # the profiles and the seed are made; files are cached
        ours, theirs, first = [], [], []
        for i in range(runs):
            ours.append(timed(cli, env))
            theirs.append(timed(bare))
            if i < 2:  # a machine's first letter: no seed yet
                cache = tempfile.mkdtemp(dir=d)
                first.append(timed(cli, {**env, "XDG_CACHE_HOME": cache}))
        assert (d / "x.pdf").read_bytes().startswith(b"%PDF")
        shutil.rmtree(d / "bare", ignore_errors=True)
    s, b = statistics.median(ours), statistics.median(theirs)
    spread = f"{min(ours):.2f}-{max(ours):.2f}"
    print(f"surat buat ... -o x.pdf   {s:6.2f} s   (median of {runs}; {spread})")
    print(f"soffice --convert-to pdf  {b:6.2f} s   ({min(theirs):.2f}-{max(theirs):.2f})")
    print(f"ratio surat / soffice = {s / b:.2f}   (goal <= 1.3)")
    f = statistics.median(first)
    print(f"first letter on a machine (no seed yet) {f:6.2f} s   ratio {f / b:.2f}")


if __name__ == "__main__":
    main()
