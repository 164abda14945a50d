"""surat.render against plain docxtpl, on the same templates and data.

    .venv/bin/python benchmarks/render.py [--letters 50] [--rounds 5]

For each letter kind, both ways fill the kind's shipped template with the
same example letter and write .docx bytes:

1. docxtpl: ``DocxTemplate(path).render(context, jinja_env, autoescape=True)``
   then ``save``, with a context built beforehand (outside the timing) and a
   plain Jinja environment holding surat's filters. This is what a careful
   docxtpl user writes; the emblem is inserted the same way (InlineImage).
2. surat: ``surat.render(kind, data, nomor=...)`` from the plain dict: it
   validates the data, builds the context, checks every value, renders in the
   sandbox with strict undefined, sets the paper size and saves.

3. docxtpl + cache: as 1, with a Jinja environment that keeps compiled
   templates (docxtpl compiles the document's whole XML on every render; surat
   keeps the compiled template). Against this one, the ratio is the cost of
   surat's checks alone.

The rounds alternate between the ways; the figure is the median round.
Ratio = surat / docxtpl (goal: <= 1.15).

A second table times an office's own template: the kind's template copied
out (``surat templat salin``) and filled in with the kind's context, which
runs in a child process with the time and memory limits of the profile
(``surat.templating.isolation``), against the same kind rendered built-in (in-process).
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment

import surat
from surat import letters
from surat.templating.engine import DEFAULT_LOGO, TEMPLATES
from surat.templating.filters import FILTERS

NOMOR = "001/DP3A-PP-KB/PPA/XI/2026"
DAY = date(2026, 11, 22)


class CachingEnvironment(Environment):
    """A plain Jinja environment that compiles each source once."""

    def __init__(self) -> None:
        super().__init__(autoescape=True)
        self._cache: dict[str, Any] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if isinstance(source, str) and globals is None and template_class is None:
            if source not in self._cache:
                self._cache[source] = super().from_string(source)
            return self._cache[source]
        return super().from_string(source, globals, template_class)


def plain_docxtpl(kind: str, cache: bool = False) -> Callable[[], bytes]:
    office = surat.Office.default()
    model = letters.validate(kind, letters.example_data(kind))
    context = letters.build_context(
        kind, model, office, tanggal=DAY, nomor=NOMOR if kind in letters.NUMBERED else None
    )
    env = CachingEnvironment() if cache else Environment(autoescape=True)
    env.filters.update(FILTERS)
    path = str(TEMPLATES / f"{kind}.docx")

    def run() -> bytes:
        tpl = DocxTemplate(path)
        context["kop"]["logo"] = InlineImage(tpl, str(DEFAULT_LOGO), width=Mm(20))
        tpl.render(context, jinja_env=env, autoescape=True)
        out = io.BytesIO()
        tpl.save(out)
        return out.getvalue()

    return run


def with_surat(kind: str) -> Callable[[], bytes]:
    data = letters.example_data(kind)
    nomor = NOMOR if kind in letters.NUMBERED else None

    def run() -> bytes:
        return surat.render(kind, data, nomor=nomor).docx

    return run


def office_template(kind: str, folder: str) -> Callable[[], bytes]:
    office = surat.Office.default()
    from surat.templating.inspect import copy_template

    path = copy_template(kind, folder)
    model = letters.validate(kind, letters.example_data(kind))
    nomor = NOMOR if kind in letters.NUMBERED else None
    context = letters.build_context(kind, model, office, tanggal=DAY, nomor=nomor)
    context.pop("kop")  # the emblem and letterhead come from the profile, as for any template

    def run() -> bytes:
        return surat.render(path, context, office=office, nomor=nomor).docx

    return run


def timed(fn: Callable[[], bytes], n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=50, help="letters per round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"{args.letters} letters per round, {args.rounds} rounds, median round\n")
    print(
        f"{'kind':<12} {'docxtpl ms':>11} {'+cache ms':>10} {'surat ms':>9}"
        f" {'ratio':>6} {'vs cache':>9}"
    )
    ratios, cached_ratios = [], []
    for kind in letters.KINDS:
        base, cached, ours = plain_docxtpl(kind), plain_docxtpl(kind, True), with_surat(kind)
        base(), cached(), ours()  # warm: imports, caches, first compile for all
        b_t: list[float] = []
        c_t: list[float] = []
        s_t: list[float] = []
        for _ in range(args.rounds):
            b_t.append(timed(base, args.letters))
            c_t.append(timed(cached, args.letters))
            s_t.append(timed(ours, args.letters))
        b, c, s = statistics.median(b_t), statistics.median(c_t), statistics.median(s_t)
        ratios.append(s / b)
        cached_ratios.append(s / c)
        print(
            f"{kind:<12} {b * 1000:>11.1f} {c * 1000:>10.1f} {s * 1000:>9.1f}"
            f" {s / b:>6.2f} {s / c:>9.2f}"
        )
    print(
        f"\nworst ratio {max(ratios):.2f} against docxtpl (goal <= 1.15); "
        f"{max(cached_ratios):.2f} against docxtpl with a compile cache"
    )
    print(f"\n{'kind':<12} {'built-in ms':>12} {'own template ms':>16} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as folder:
        for kind in letters.KINDS:
            ours, theirs = with_surat(kind), office_template(kind, folder)
            ours(), theirs()
            o_t: list[float] = []
            t_t: list[float] = []
            for _ in range(args.rounds):
                o_t.append(timed(ours, args.letters))
                t_t.append(timed(theirs, args.letters))
            o, t = statistics.median(o_t), statistics.median(t_t)
            print(f"{kind:<12} {o * 1000:>12.1f} {t * 1000:>16.1f} {t / o:>6.2f}")


if __name__ == "__main__":
    main()
