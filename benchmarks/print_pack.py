"""Print pack of 100 letters with one tembusan copy each, three ways.

    .venv/bin/python benchmarks/print_pack.py [--letters 100] [--skip-naive]

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
import shutil
import subprocess
import sys
import tempfile
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--letters", type=int, default=100)
    ap.add_argument("--skip-naive", action="store_true", help="the naive way takes minutes")
    ap.add_argument("--backends", action="store_true", help="compare the converter's backends")
    args = ap.parse_args()
    n = args.letters
    source, render = make_renderer()
    if args.backends:
        compare_backends(n, render)
        return 0
    render(1)  # import docxtpl and friends before any clock starts
    print(f"{n} letters, one tembusan each; {source}; {os.cpu_count()} cores")
    global WARM
    WARM = Converter().start()
    WARM.convert(render(1).docx, "warm-up")
    with tempfile.TemporaryDirectory(prefix="bench-out-") as tmp:
        out = Path(tmp)
        times: dict[str, float] = {}
        ways: list[tuple[str, Callable[[int, Callable[[int], surat.Document], Path], int]]] = [
            ("surat print_pack", run_surat),
            ("surat, converter already warm", run_surat_warm),
            ("expert: one soffice for all", run_expert),
        ]
        if not args.skip_naive:
            ways.append(("naive: one soffice per file", run_naive))
        for name, way in ways:
            t0 = time.perf_counter()
            pages = way(n, render, out / "pack.pdf")
            times[name] = time.perf_counter() - t0
            size = (out / "pack.pdf").stat().st_size
            print(
                f"  {name:30} {times[name]:7.2f} s  {1000 * times[name] / n:6.0f} ms/letter"
                f"  {pages} pages  {size / 1e6:.2f} MB",
                flush=True,
            )
            if pages < 2 * n:
                print(f"    !! expected at least {2 * n} pages", file=sys.stderr)
                return 1
        base = times["surat print_pack"]
        print()
        print("| way | seconds | ms/letter | surat is faster by |")
        print("|---|---:|---:|---:|")
        for name, t in times.items():
            ratio = "—" if name.startswith("surat") else f"{t / base:.1f}x"
            print(f"| {name} | {t:.2f} | {1000 * t / n:.0f} | {ratio} |")
    WARM.close()
    shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
