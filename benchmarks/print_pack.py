"""Print pack of 100 letters with one tembusan copy each, three ways.

    .venv/bin/python benchmarks/print_pack.py [--letters 100] [--skip-naive] [--rounds 5]
    .venv/bin/python benchmarks/print_pack.py --skip-naive --join 0     # one conversion a letter
    .venv/bin/python benchmarks/print_pack.py --letters 100 --scale 1000 --rounds 3

1. surat: ``print_pack`` fed by a generator that renders each letter, with a
   fresh ``Converter`` (its LibreOffice start-up is inside the time); then the
   same with a converter that is already running (not part of the goals).
2. naive: render each letter, one ``soffice --convert-to pdf`` per file, pypdf
   merge with the stamp merged onto each copy page.
3. expert baseline: render all letters to a folder, ONE ``soffice`` call for
   all of them (and the stamp), pypdf merge with the stamp.

All three render the same letters the same way (surat's persetujuan template
through docxtpl when it exists, else a small docxtpl template made here), so
the difference is converting and packing. Every way writes a PDF with
100 originals + 100 stamped copies and an outline; the page counts are checked.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from pypdf import PdfReader, PdfWriter

import surat
from surat.pack import stamp_docx
from surat.pdf import Converter, soffice_path

KEPALA = "Kepala DP3A-PP-KB Kota Batam"


def _fallback_template() -> bytes:
    from docx import Document as _Docx

    d = _Docx()
    d.add_paragraph("PEMERINTAH KOTA BATAM")
    d.add_paragraph("Nomor: {{ nomor }}")
    d.add_paragraph("Hal: Persetujuan Pendampingan")
    for _ in range(8):
        d.add_paragraph("{{ isi }}")
    d.add_paragraph("Ketua P2TP2A Kota Batam")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def make_renderer() -> tuple[str, Callable[[int], surat.Document]]:
    """How every way renders letter *i*: surat's real template if it is there."""
    office = surat.Office.default()
    render = getattr(surat, "render", None)
    example = getattr(surat, "example_data", None)
    if render is not None and example is not None:
        try:
            data = example("persetujuan")
            render("persetujuan", data, office=office, nomor=f"001/{office.kode}/PPA/XI/2026")
        except Exception as exc:
            print(f"(surat's template failed: {type(exc).__name__}; using a local one)")
        else:

            def real(i: int) -> surat.Document:
                nomor = f"{i:03d}/{office.kode}/PPA/XI/2026"
                doc: surat.Document = render("persetujuan", data, office=office, nomor=nomor)
                return doc

            return "surat persetujuan template", real

    from docxtpl import DocxTemplate

    source = _fallback_template()

    def local(i: int) -> surat.Document:
        tpl = DocxTemplate(io.BytesIO(source))
        tpl.render({"nomor": f"{i:03d}/DP3A-PP-KB/PPA/XI/2026", "isi": "Isi surat. " * 30})
        buf = io.BytesIO()
        tpl.save(buf)
        return surat.Document(
            docx=buf.getvalue(),
            kind="persetujuan",
            nomor=f"{i:03d}/DP3A-PP-KB/PPA/XI/2026",
            tembusan=(KEPALA,),
            judul="Surat Persetujuan Pendampingan",
            office=office,
        )

    return "local docxtpl template", local


def soffice_cmd(profile: Path, outdir: Path, files: list[Path]) -> list[str]:
    return [
        soffice_path(),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *map(str, files),
    ]


def merge(
    labels: list[str], pdfs: list[bytes], stamp: bytes, out: Path
) -> int:  # the baselines' pypdf step
    stamp_page = PdfReader(io.BytesIO(stamp)).pages[0]
    w = PdfWriter()
    for label, pdf in zip(labels, pdfs, strict=True):
        start = len(w.pages)
        w.append(PdfReader(io.BytesIO(pdf)))
        parent = w.add_outline_item(title=label, page_number=start)
        start = len(w.pages)
        for page in PdfReader(io.BytesIO(pdf)).pages:  # a fresh reader: own objects
            w.add_page(page).merge_page(stamp_page)
        w.add_outline_item(title=f"TEMBUSAN: {KEPALA}", page_number=start, parent=parent)
    w.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    w.add_metadata({"/Producer": "baseline"})
    with open(out, "wb") as f:
        w.write(f)
    return len(w.pages)


def run_surat(n: int, render: Callable[[int], surat.Document], out: Path) -> int:
    def docs() -> Iterator[surat.Document]:
        for i in range(1, n + 1):
            yield render(i)

    with Converter() as conv:
        result = surat.print_pack(docs(), out, copies=[KEPALA], converter=conv)
    return result.pages


def run_surat_warm(n: int, render: Callable[[int], surat.Document], out: Path) -> int:
    """The same with a converter already running (a long-lived app, the day's second batch)."""

    def docs() -> Iterator[surat.Document]:
        for i in range(1, n + 1):
            yield render(i)

    result = surat.print_pack(docs(), out, copies=[KEPALA], converter=WARM)
    return result.pages


WARM: Converter


def run_naive(n: int, render: Callable[[int], surat.Document], out: Path) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-naive-") as tmp:
        folder = Path(tmp)
        profile = folder / "profile"
        labels, pdfs = [], []
        stamp_src = folder / "stamp.docx"
        stamp_src.write_bytes(stamp_docx(KEPALA))
        subprocess.run(soffice_cmd(profile, folder, [stamp_src]), check=True, capture_output=True)
        for i in range(1, n + 1):
            doc = render(i)
            src = folder / f"surat{i}.docx"
            src.write_bytes(doc.docx)
            subprocess.run(soffice_cmd(profile, folder, [src]), check=True, capture_output=True)
            labels.append(doc.label)
            pdfs.append((folder / f"surat{i}.pdf").read_bytes())
        return merge(labels, pdfs, (folder / "stamp.pdf").read_bytes(), out)


def run_expert(n: int, render: Callable[[int], surat.Document], out: Path) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-expert-") as tmp:
        folder = Path(tmp)
        labels, files = [], []
        for i in range(1, n + 1):
            doc = render(i)
            src = folder / f"surat{i}.docx"
            src.write_bytes(doc.docx)
            labels.append(doc.label)
            files.append(src)
        stamp_src = folder / "stamp.docx"
        stamp_src.write_bytes(stamp_docx(KEPALA))
        subprocess.run(
            soffice_cmd(folder / "profile", folder, [*files, stamp_src]),
            check=True,
            capture_output=True,
        )
        pdfs = [(folder / f"surat{i}.pdf").read_bytes() for i in range(1, n + 1)]
        return merge(labels, pdfs, (folder / "stamp.pdf").read_bytes(), out)


def compare_backends(n: int, render: Callable[[int], surat.Document]) -> None:
    """Conversion only, n letters, per backend; start-up included and shown apart."""
    import contextlib
    import signal
    import socket

    from surat.pdf import find_uno_python

    docs = [render(i) for i in range(1, n + 1)]
    print(f"\nconversion only, {n} letters (rendered beforehand)")
    print("| backend | start s | convert s | ms/letter |")
    print("|---|---:|---:|---:|")

    def timed(name: str, conv: Converter) -> None:
        with conv:
            t0 = time.perf_counter()
            conv.start()
            t1 = time.perf_counter()
            conv.convert_many(docs)
            t2 = time.perf_counter()
        print(
            f"| {name} | {t1 - t0:.2f} | {t2 - t1:.2f} | {1000 * (t2 - t1) / n:.0f} |", flush=True
        )

    timed("uno: 2 warm workers (default)", Converter(backend="uno"))
    timed("uno: 1 warm worker", Converter(1, backend="uno"))
    timed("uno: 3 warm workers", Converter(3, backend="uno"))
    timed("soffice: 2 workers, one call per 25", Converter(backend="soffice"))
    python = find_uno_python()
    if python is None:
        return
    import unoserver

    with tempfile.TemporaryDirectory(prefix="bench-unoserver-") as tmp:
        root = Path(tmp)
        shim = root / "path"
        shim.mkdir()
        pkg = Path(unoserver.__file__).parent
        (shim / "unoserver").symlink_to(pkg)
        for dist in pkg.parent.glob("unoserver-*.dist-info"):
            (shim / dist.name).symlink_to(dist)
        with socket.socket() as s1, socket.socket() as s2:
            s1.bind(("127.0.0.1", 0))
            s2.bind(("127.0.0.1", 0))
            port, uno_port = s1.getsockname()[1], s2.getsockname()[1]
        args = [python, "-m", "unoserver.server", "--interface", "127.0.0.1"]
        args += ["--port", str(port), "--uno-port", str(uno_port), "--executable", soffice_path()]
        args += ["--user-installation", str(root / "profile")]
        env = {**os.environ, "PYTHONPATH": str(shim), "HOME": str(root)}
        proc = subprocess.Popen(
            args,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        url = f"unoserver://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    Converter(url=url, timeout=10).start().close()
                    break
                except surat.SuratError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        print("| unoserver | did not start | | |")
                        return
                    time.sleep(0.5)
            timed("unoserver: 1 server, started beforehand", Converter(url=url))
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(15)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


class PeakMemory:
    """The largest resident size of this process and all its descendants
    (LibreOffice's workers) seen while it runs, sampled every 0.1 s."""

    def __init__(self, skip: frozenset[int] = frozenset()) -> None:
        self.skip = skip
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(os.getpid(), self.skip))
            self._stop.wait(0.1)


def tree_rss(root: int, skip: frozenset[int] = frozenset()) -> int:
    """Resident bytes of *root* and its descendants, except *skip* and theirs."""
    kids: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        kids.setdefault(ppid, []).append(int(stat.parent.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        if pid in skip:
            continue
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
        todo.extend(kids.get(pid, []))
    return total


def worker_pids(conv: Converter) -> frozenset[int]:
    return frozenset(w.proc.pid for w in conv._pool if getattr(w, "proc", None))  # type: ignore[attr-defined]


def scale(small: int, large: int, rounds: int, render: Callable[[int], surat.Document]) -> None:
    """surat alone (fresh converter) at *small* and *large* letters, alternating:
    time per letter and the peak memory of the process tree."""
    print(f"surat print_pack, fresh converter: {small} against {large} letters, {rounds} rounds")
    got: dict[int, list[tuple[float, int]]] = {small: [], large: []}
    with tempfile.TemporaryDirectory(prefix="bench-out-") as tmp:
        out = Path(tmp) / "pack.pdf"
        for r in range(rounds):
            for n in (small, large) if r % 2 == 0 else (large, small):
                with PeakMemory() as mem:
                    t0 = time.perf_counter()
                    pages = run_surat(n, render, out)
                    t = time.perf_counter() - t0
                got[n].append((t, mem.peak))
                print(
                    f"  {n:5} letters: {t:7.1f} s {1000 * t / n:5.0f} ms/letter, {pages} pages, "
                    f"peak {mem.peak / 2**20:.0f} MiB (surat and its LibreOffice workers)",
                    flush=True,
                )
    print()
    print("| letters | median ms/letter | median peak MiB | largest peak MiB |")
    print("|---:|---:|---:|---:|")
    for n, runs in got.items():
        ms = statistics.median(1000 * t / n for t, _ in runs)
        peak = statistics.median(m for _, m in runs) / 2**20
        print(f"| {n} | {ms:.0f} | {peak:.0f} | {max(m for _, m in runs) / 2**20:.0f} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--letters", type=int, default=100)
    ap.add_argument("--skip-naive", action="store_true", help="the naive way takes minutes")
    ap.add_argument("--backends", action="store_true", help="compare the converter's backends")
    ap.add_argument("--rounds", type=int, default=1, help="repeat, report medians")
    ap.add_argument(
        "--join", type=int, default=None, help="letters converted as one (0: one by one)"
    )
    ap.add_argument(
        "--scale", type=int, default=None, help="surat alone at --letters and at this many"
    )
    args = ap.parse_args()
    n = args.letters
    source, render = make_renderer()
    if args.join is not None:
        import surat.pack.printing

        surat.pack.printing.JOIN = args.join
    if args.backends:
        compare_backends(n, render)
        return 0
    render(1)  # import docxtpl and friends before any clock starts
    if args.scale is not None:
        scale(n, args.scale, args.rounds, render)
        return 0
    from surat.pack.printing import JOIN

    print(f"{n} letters, one tembusan each; {source}; {os.cpu_count()} cores; join {JOIN}")
    global WARM
    WARM = Converter().start()
    WARM.convert(render(1).docx, "warm-up")
    warm = worker_pids(WARM)
    ways: list[tuple[str, Callable[[int, Callable[[int], surat.Document], Path], int]]] = [
        ("surat print_pack", run_surat),
        ("surat, converter already warm", run_surat_warm),
        ("expert: one soffice for all", run_expert),
    ]
    if not args.skip_naive:
        ways.append(("naive: one soffice per file", run_naive))
    times: dict[str, list[float]] = {name: [] for name, _ in ways}
    peaks: dict[str, list[int]] = {name: [] for name, _ in ways}
    with tempfile.TemporaryDirectory(prefix="bench-out-") as tmp:
        out = Path(tmp)
        for r in range(args.rounds):
            # the load of a shared machine drifts: every other round the other way round
            for name, way in ways if r % 2 == 0 else ways[::-1]:
                skip = warm if name != "surat, converter already warm" else frozenset()
                with PeakMemory(skip) as mem:
                    t0 = time.perf_counter()
                    pages = way(n, render, out / "pack.pdf")
                    took = time.perf_counter() - t0
                times[name].append(took)
                peaks[name].append(mem.peak)
                size = (out / "pack.pdf").stat().st_size
                print(
                    f"  {name:30} {took:7.2f} s  {1000 * took / n:6.0f} ms/letter"
                    f"  {pages} pages  {size / 1e6:.2f} MB  peak {mem.peak / 2**20:.0f} MiB",
                    flush=True,
                )
                if pages < 2 * n:
                    print(f"    !! expected at least {2 * n} pages", file=sys.stderr)
                    return 1
            expert = times["expert: one soffice for all"][-1]
            print(
                f"  round {r + 1}: expert / surat {expert / times['surat print_pack'][-1]:.2f}x, "
                f"expert / warm {expert / times['surat, converter already warm'][-1]:.2f}x",
                flush=True,
            )
    print()
    print("| way | median s | ms/letter | expert / surat | expert / warm surat |")
    print("|---|---:|---:|---:|---:|")
    fresh, warm_t = times["surat print_pack"], times["surat, converter already warm"]
    for name, ts in times.items():
        t = statistics.median(ts)
        by = ""
        if not name.startswith("surat"):
            by = (
                f"{statistics.median(a / b for a, b in zip(ts, fresh, strict=True)):.2f}x | "
                f"{statistics.median(a / b for a, b in zip(ts, warm_t, strict=True)):.2f}x"
            )
        else:
            by = "— | —"
        print(f"| {name} | {t:.2f} | {1000 * t / n:.0f} | {by} |")
    WARM.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
