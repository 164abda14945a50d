"""What converting letters as one document costs LibreOffice, per letter.

    .venv/bin/python benchmarks/join.py [--rounds 3]

The CPU time of the converter's LibreOffice processes (read from /proc, so
the load of a shared machine inflates wall time more than this) per letter,
for persetujuan letters rendered beforehand, one warm worker:

- alone: each letter its own document (``join=0``);
- joined by N (5, 10, 25, 50): as :func:`surat.print_pack` converts them;
- joined by 25, page breaks only: the same document without a section per
  letter (not a correct pack: page numbers run on and every page after the
  first uses the second-page footer); what the sections cost;
- joined by 25 without markers: what the hidden outline markers cost.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

import surat
from surat.pdf import Converter
from surat.pdf.join import join, new_nonce, prepare
from surat.pdf.offline import offline_parts
from surat.pdf.package import read_parts, write_parts
from surat.pdf.slim import slim_parts

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(conv: Converter) -> float:
    """CPU time of the converter's worker processes and all their descendants."""
    kids: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        kids.setdefault(ppid, []).append(int(stat.parent.name))
    todo = [w.proc.pid for w in conv._pool if getattr(w, "proc", None)]  # type: ignore[attr-defined]
    total = 0
    while todo:
        pid = todo.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
        todo.extend(kids.get(pid, []))
    return total / TICK


def joined(docs: list[surat.Document], edit: Callable[[str], str] | None = None) -> bytes:
    pieces = [prepare(offline_parts(read_parts(d.docx, d.label))) for d in docs]
    if any(p is None for p in pieces):
        raise SystemExit("a letter cannot be joined")
    parts = slim_parts(offline_parts(join([p for p in pieces if p is not None], new_nonce())))
    if edit is not None:
        xml = edit(parts["word/document.xml"].decode())
        if xml.count("<w:sectPr") != (1 if edit is page_breaks else len(docs)):
            raise SystemExit("the section breaks were not edited as meant")
        if edit is unmarked and ("SJ" in xml or "outlineLvl" in xml):
            raise SystemExit("the markers were not removed")
        parts["word/document.xml"] = xml.encode()
    return write_parts(parts)


_INNER_SECTION = re.compile(r"<w:sectPr(?:(?!</w:sectPr>).)*</w:sectPr>(?=</w:pPr>)", re.S)


def page_breaks(xml: str) -> str:
    """Every letter's section break (but the last) made a page break."""
    xml = _INNER_SECTION.sub('</w:pPr><w:r><w:br w:type="page"/></w:r><w:pPr>', xml)
    return xml.replace("<w:pPr></w:pPr>", "")


_MARK = re.compile(r"<w:r><w:rPr>(?:(?!</w:r>).)*?SJ[0-9a-f]{12}-\d+-</w:t></w:r>", re.S)


def unmarked(xml: str) -> str:
    """The hidden marker runs and their paragraphs' outline level taken out."""
    return _MARK.sub("", xml.replace('<w:outlineLvl w:val="0"/>', ""))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    office = surat.Office.default()
    data = surat.example_data("persetujuan")
    docs = [
        surat.render("persetujuan", data, office=office, nomor=f"{i:03d}/X/PPA/XI/2026")
        for i in range(1, 51)
    ]
    ways: dict[str, tuple[int, Callable[[Converter], object]]] = {
        "alone (10 letters)": (10, lambda c: c.convert_many(docs[:10])),
    }
    for n in (5, 10, 25, 50):
        doc = joined(docs[:n])
        ways[f"joined by {n}"] = (n, lambda c, doc=doc: c.convert(doc, "joined"))
    for name, edit in (("page breaks only", page_breaks), ("without markers", unmarked)):
        doc = joined(docs[:25], edit)
        ways[f"joined by 25, {name}"] = (25, lambda c, doc=doc: c.convert(doc, "joined"))
    got: dict[str, list[float]] = {name: [] for name in ways}
    with Converter(1) as conv:
        conv.convert(docs[0].docx, "warm-up")
        for r in range(args.rounds):
            for name, (n, way) in ways.items() if r % 2 == 0 else reversed(ways.items()):
                before = cpu_seconds(conv)
                way(conv)
                got[name].append(1000 * (cpu_seconds(conv) - before) / n)
            print(f"  round {r + 1} done", file=sys.stderr, flush=True)
    print("| LibreOffice converts | CPU ms per letter (median) |")
    print("|---|---:|")
    for name, values in got.items():
        print(f"| {name} | {statistics.median(values):.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
