"""DOCX -> PDF with real LibreOffice: warm workers, checks, retries, unoserver."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document as _Docx
from pypdf import PdfReader

import surat
from surat.pdf import (
    Converter,
    close_shared,
    convert,
    find_uno_python,
    soffice_path,
)
from surat.pdf.profile import pipe_files

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")

CORRUPT = b"PK\x03\x04 this is not a Word file"


def unreadable_docx() -> bytes:
    """A sound zip with every part of a .docx, whose document.xml is not XML."""
    src = zipfile.ZipFile(io.BytesIO(make_docx("x")))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for info in src.infolist():
            body = b"garbage <<<" if info.filename == "word/document.xml" else src.read(info)
            z.writestr(info.filename, body)
    return buf.getvalue()


def make_docx(text: str, paragraphs: int = 3) -> bytes:
    d = _Docx()
    d.add_paragraph(text)
    for _ in range(paragraphs):
        d.add_paragraph("Isi surat. " * 20)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def first_line(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text().splitlines()[0]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie waiting for its parent is dead for our purpose
    with contextlib.suppress(OSError):
        if Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z":
            return False
    return True


@pytest.fixture(scope="module")
def conv() -> Iterator[Converter]:
    with Converter(workers=2) as c:
        yield c


def test_convert_one_document_to_a_checked_pdf() -> None:
    try:
        pdf = convert(make_docx("Satu surat"), name="satu")
        assert pdf.startswith(b"%PDF")
        assert first_line(pdf) == "Satu surat"
        doc = surat.Document(docx=make_docx("Lewat Document"), kind="persetujuan")
        assert first_line(doc.pdf()) == "Lewat Document"
    finally:
        close_shared()


def test_many_documents_come_back_in_order(conv: Converter) -> None:
    items = [(f"surat {i}", make_docx(f"Surat ke-{i}")) for i in range(12)]
    pdfs = conv.convert_many(items)
    assert [first_line(p) for p in pdfs] == [f"Surat ke-{i}" for i in range(12)]
    assert conv.backend in ("uno", "soffice")


def test_documents_are_fed_while_earlier_ones_convert(conv: Converter) -> None:
    fed: list[int] = []
    got: list[int] = []

    def gen() -> Iterator[tuple[str, bytes]]:
        for i in range(6):
            fed.append(i)
            yield (f"surat {i}", make_docx(f"Surat {i}"))

    for i, _pdf in enumerate(conv.imap(gen())):
        got.append(i)
        # results arrive in order, and never before their document was fed
        assert fed[-1] >= i
    assert got == list(range(6))


def test_a_corrupt_document_is_named_and_leaves_no_temp_files(
    conv: Converter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conv.start()  # the workers' own folders live elsewhere
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # this call's batch folder
    items = [("surat 1", make_docx("a")), ("005/PPA/XI/2026 — rusak", unreadable_docx())]
    items += [("surat 3", make_docx("c"))]
    with pytest.raises(surat.SuratError, match="005/PPA/XI/2026 — rusak: LibreOffice tidak dapat"):
        conv.convert_many(items)
    assert list(tmp_path.iterdir()) == []  # the batch folder is gone
    # not even a zip: refused before LibreOffice sees it
    with pytest.raises(surat.SuratError, match=r"^006 — rusak: bukan \.docx yang (terbaca|sah)"):
        conv.convert_many([("surat 1", make_docx("a")), ("006 — rusak", CORRUPT)])
    # the converter still works afterwards
    assert first_line(conv.convert(make_docx("lagi"), "lagi")) == "lagi"


def test_a_nested_call_is_refused_not_deadlocked(conv: Converter) -> None:
    with pytest.raises(surat.SuratError, match="sedang mengonversi di thread ini"):
        for _pdf in conv.imap([("a", make_docx("a"))]):
            conv.convert(make_docx("b"), "b")
    assert first_line(conv.convert(make_docx("c"), "c")) == "c"


def test_an_error_in_the_input_is_passed_on(conv: Converter) -> None:
    def gen() -> Iterator[tuple[str, bytes]]:
        yield ("surat 1", make_docx("a"))
        raise surat.SuratError("baris 2: perihal: isian wajib belum diisi")

    with pytest.raises(surat.SuratError, match="baris 2"):
        conv.convert_many(gen())


def test_empty_input_is_refused_with_the_name(conv: Converter) -> None:
    with pytest.raises(surat.SuratError, match=r"kosong: bait \.docx diharapkan"):
        conv.convert_many([("kosong", b"")])


def descendants(pid: int) -> list[int]:
    """*pid*'s children, their children, and so on (from /proc)."""
    kids: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            kids.setdefault(ppid, []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for kid in kids.get(todo.pop(), []):
            found.append(kid)
            todo.append(kid)
    return found


def test_a_crashed_libreoffice_is_restarted_and_the_document_retried(conv: Converter) -> None:
    if conv.backend != "uno":
        pytest.skip("crash injection needs the warm UNO workers")
    conv.start()  # every worker running, whichever tests ran before
    workers = [w.proc.pid for w in conv._pool]  # type: ignore[attr-defined]
    victims = [pid for worker in workers for pid in descendants(worker)]
    assert len(victims) >= 2 * len(workers)  # soffice and soffice.bin under each worker
    for pid in victims:  # LibreOffice dies; the workers driving it live on
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    pdfs = conv.convert_many([(f"d{i}", make_docx(f"Sesudah crash {i}")) for i in range(3)])
    assert [first_line(p) for p in pdfs] == [f"Sesudah crash {i}" for i in range(3)]
    assert all(not alive(pid) for pid in victims)


def test_pdfa_export(conv: Converter) -> None:
    pdf = conv.convert(make_docx("Arsip"), "arsip", pdfa=True)
    meta = PdfReader(io.BytesIO(pdf)).xmp_metadata
    assert meta is not None
    assert b"pdfaid" in pdf and first_line(pdf) == "Arsip"


def test_timeout_stops_the_batch_and_the_converter_recovers() -> None:
    with Converter(workers=1, timeout=0.05) as c:
        c.timeout = 0.05
        with pytest.raises(surat.SuratError, match="tidak selesai dalam"):
            c.convert_many([(f"d{i}", make_docx(f"x{i}")) for i in range(10)])
        c.timeout = 120
        assert first_line(c.convert(make_docx("pulih"), "pulih")) == "pulih"


def test_close_stops_every_libreoffice() -> None:
    c = Converter(workers=2)
    c.convert(make_docx("a"), "a")
    pids = [p for w in c._pool for p in (getattr(w, "soffice_pid", None),) if p]  # type: ignore[attr-defined]
    c.close()
    time.sleep(0.3)
    assert all(not alive(pid) for pid in pids)
    with pytest.raises(surat.SuratError, match="ditutup"):
        c.convert(make_docx("b"), "b")


def test_slim_docx_drops_only_unused_styles(conv: Converter) -> None:
    import zipfile

    from surat.pdf import slim_docx

    d = _Docx()
    d.add_paragraph("Judul", style="Title")
    d.add_paragraph("Isi", style="List Bullet")
    buf = io.BytesIO()
    d.save(buf)
    fat = buf.getvalue()
    slim = slim_docx(fat)

    def styles(docx: bytes) -> bytes:
        with zipfile.ZipFile(io.BytesIO(docx)) as z:
            return z.read("word/styles.xml")

    assert styles(slim).count(b"<w:style ") < styles(fat).count(b"<w:style ") / 5
    for kept in (b'w:styleId="Title"', b'w:styleId="ListBullet"', b'w:styleId="Normal"'):
        assert kept in styles(slim)
    a, b = conv.convert_many([("fat", fat), ("slim", slim)])
    assert PdfReader(io.BytesIO(a)).pages[0].extract_text() == (
        PdfReader(io.BytesIO(b)).pages[0].extract_text()
    )
    assert slim_docx(CORRUPT) == CORRUPT


def test_soffice_batch_backend() -> None:
    with Converter(workers=1, backend="soffice") as c:
        pdfs = c.convert_many([("a", make_docx("Satu")), ("b", make_docx("Dua"))])
        assert [first_line(p) for p in pdfs] == ["Satu", "Dua"]
        with pytest.raises(surat.SuratError, match="rusak: LibreOffice tidak dapat"):
            c.convert_many([("a", make_docx("Satu")), ("rusak", unreadable_docx())])


# -- unoserver ----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def unoserver_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real unoserver on 127.0.0.1, run by the system Python that has ``uno``.

    The unoserver package lives in this venv; the system Python sees only it
    (and its metadata) through a folder of two symlinks on PYTHONPATH.
    """
    python = find_uno_python()
    if python is None:
        pytest.skip("no Python with LibreOffice's uno module")
    import unoserver

    pkg = Path(unoserver.__file__).parent
    dist = next(pkg.parent.glob("unoserver-*.dist-info"))
    root = tmp_path_factory.mktemp("unoserver")
    shim = root / "path"
    shim.mkdir()
    (shim / "unoserver").symlink_to(pkg)
    (shim / dist.name).symlink_to(dist)
    port, uno_port = _free_port(), _free_port()
    (root / "tmp").mkdir()  # LibreOffice's lu*.tmp folders, left when it is killed
    env = {**os.environ, "PYTHONPATH": str(shim), "HOME": str(root), "TMPDIR": str(root / "tmp")}
    proc = subprocess.Popen(
        [
            python,
            "-m",
            "unoserver.server",
            "--interface",
            "127.0.0.1",
            "--port",
            str(port),
            "--uno-port",
            str(uno_port),
            "--executable",
            soffice_path(),
            "--user-installation",
            str(root / "profile"),
        ],
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
                with Converter(url=url) as c:
                    c._start()  # type: ignore[attr-defined]
                break
            except surat.SuratError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("unoserver did not start", pytrace=False)
                time.sleep(0.3)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        # soffice started by unoserver stays in its process group
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        for sock in pipe_files(root / "profile"):  # the socket a killed soffice leaves in /tmp
            sock.unlink(missing_ok=True)


def test_unoserver_backend(unoserver_url: str) -> None:
    with Converter(url=unoserver_url) as c:
        assert c.backend == "unoserver"
        pdfs = c.convert_many([(f"d{i}", make_docx(f"Lewat unoserver {i}")) for i in range(3)])
        assert [first_line(p) for p in pdfs] == [f"Lewat unoserver {i}" for i in range(3)]
        assert b"pdfaid" in c.convert(make_docx("arsip"), "arsip", pdfa=True)
        with pytest.raises(surat.SuratError, match="007/XI — rusak: unoserver tidak dapat"):
            c.convert_many([("a", make_docx("a")), ("007/XI — rusak", unreadable_docx())])


def test_unoserver_url_is_checked() -> None:
    with pytest.raises(surat.SuratError, match="unoserver://HOST:PORT"):
        Converter(url="ftp://example")
    with (
        Converter(url=f"unoserver://127.0.0.1:{_free_port()}") as c,
        pytest.raises(surat.SuratError, match="tidak ada unoserver yang menjawab"),
    ):
        c.convert(make_docx("a"), "a")
    # a server that accepts and never answers does not hang the call
    with socket.socket() as mute:
        mute.bind(("127.0.0.1", 0))
        mute.listen()
        url = f"unoserver://127.0.0.1:{mute.getsockname()[1]}"
        with (
            Converter(url=url, timeout=1) as c,
            pytest.raises(
                surat.SuratError, match=r"tidak selesai dalam|tidak ada unoserver yang menjawab"
            ),
        ):
            c.convert(make_docx("a"), "a")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))


def test_a_start_in_the_background_is_waited_for_not_repeated() -> None:
    """``start(wait=False)`` returns at once; the first conversion waits for that
    start instead of starting a second LibreOffice."""
    mine = Path(tempfile.gettempdir()).glob
    prefix = f"surat-lo-{os.getpid()}-*"
    before = set(mine(prefix))
    with Converter(workers=1) as c:
        assert c.start(wait=False) is c
        assert first_line(c.convert(make_docx("latar"), "latar")) == "latar"
        assert len(set(mine(prefix)) - before) == 1
    assert set(mine(prefix)) - before == set()


def test_the_default_worker_count_is_the_cpus_this_process_may_use() -> None:
    """A process pinned to one CPU (as taskset or a container would) gets one LibreOffice."""
    code = (
        "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})\n"
        "from surat.pdf import Converter, usable_cpus\n"
        "print(usable_cpus(), Converter().workers)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "1"]


@pytest.mark.parametrize(
    ("files", "quota"),
    [
        ({"cpu.max": "150000 100000\n"}, 2),  # docker --cpus 1.5
        ({"cpu.max": "100000 100000\n"}, 1),
        ({"cpu.max": "max 100000\n"}, None),
        ({"cpu/cpu.cfs_quota_us": "50000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 1),
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
        ({"cpu.max": "garbage\n"}, None),
        ({}, None),
    ],
)
def test_a_containers_cpu_quota_caps_the_workers(
    tmp_path: Path, files: dict[str, str], quota: int | None
) -> None:
    from surat.pdf.system import _cgroup_quota, usable_cpus

    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert _cgroup_quota(tmp_path) == quota
    assert usable_cpus(tmp_path) == min(len(os.sched_getaffinity(0)), quota or 10**6)


@pytest.mark.parametrize(
    ("own", "files", "quota"),
    [
        # a systemd service with CPUQuota=150% on a cgroup v2 host: its own group
        ("0::/system.slice/surat.service\n",
         {"system.slice/surat.service/cpu.max": "150000 100000\n"}, 2),
        # the quota of a group above it (a slice) caps it too
        ("0::/system.slice/surat.service\n",
         {"system.slice/cpu.max": "100000 100000\n",
          "system.slice/surat.service/cpu.max": "max 100000\n"}, 1),
        # cgroup v1, the cpu controller mounted with cpuacct
        ("4:cpu,cpuacct:/system.slice/surat.service\n3:memory:/x\n",
         {"cpu/system.slice/surat.service/cpu.cfs_quota_us": "50000\n",
          "cpu/system.slice/surat.service/cpu.cfs_period_us": "100000\n"}, 1),
        ("0::/../../etc\n", {}, None),  # no way out of the cgroup folder
        ("", {}, None),
    ],
)  # fmt: skip
def test_a_services_own_cgroup_quota_caps_the_workers(
    tmp_path: Path, own: str, files: dict[str, str], quota: int | None
) -> None:
    from surat.pdf.system import usable_cpus

    root = tmp_path / "cgroup"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    (tmp_path / "cgroup.proc").write_text(own)
    cpus = len(os.sched_getaffinity(0))
    assert usable_cpus(root, own=tmp_path / "cgroup.proc") == min(cpus, quota or 10**6)


def test_one_document_at_a_time_starts_one_libreoffice() -> None:
    """A web worker converting a letter per request runs one LibreOffice, not one per core."""
    with Converter(workers=2) as c:
        for n in range(3):
            assert first_line(c.convert(make_docx(f"Surat {n}"), f"surat-{n}")) == f"Surat {n}"
        assert sum(1 for w in c._pool if w.ready) == 1
