"""The privacy scan: no personal value in a message, a log line, a repr() or a loose file."""

from __future__ import annotations

import copy
import logging
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import surat
from surat import SuratError
from surat.cli import main as cli
from surat.kasus import Kasus
from surat.letters import KINDS, example_data, validate
from surat.privacy import find_personal, personal_values

EXAMPLES = Path(__file__).parent.parent / "examples"


def leaves(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from leaves(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from leaves(v, (*path, i))
    else:
        yield path, data


def replaced(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    target: Any = out
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return out


def test_the_example_data_has_personal_values() -> None:
    # the scan below means something only if there is something to find
    for kind in KINDS:
        assert personal_values(example_data(kind)), kind
    assert "Putri Ayu Lestari" in personal_values(example_data("persetujuan"))
    assert "2171015708900001" in personal_values(example_data("permohonan"))


@pytest.mark.parametrize("kind", KINDS)
def test_models_repr_nothing_personal(kind: str) -> None:
    data = example_data(kind)
    model = validate(kind, data)
    for text in (repr(model), str(model), f"{model}", repr([model])):
        assert find_personal(text, data) == [], text
    doc = surat.render(
        kind, data, nomor="001/X/XI/2026" if kind in surat.letters.NUMBERED else None
    )
    assert find_personal(repr(doc), data) == []


@pytest.mark.parametrize("kind", KINDS)
def test_errors_never_quote_a_personal_value(kind: str) -> None:
    data = example_data(kind)
    secrets = personal_values(data)
    checked = 0
    for path, value in leaves(data):
        if not isinstance(value, str) or not value:
            continue
        # the same text where a date, a list or a short line is expected, and far too long
        for bad in (value + "\n" + value, [value], {"x": value}, value * 400):
            broken = replaced(data, path, bad)
            broken["tanggal"] = value  # a date field holding personal text too
            try:
                validate(kind, broken)
            except SuratError as exc:
                message = str(exc)
                leaked = [s for s in secrets if s in message]
                assert not leaked, f"{kind} {path}: {message}"
                checked += 1
    assert checked > 10


def test_kasus_repr(tmp_path: Path) -> None:
    kasus = Kasus.from_file(EXAMPLES / "kasus.json")
    data = kasus.model_dump(mode="json")
    assert find_personal(repr(kasus), data) == [] and find_personal(str(kasus), data) == []
    assert find_personal(repr(kasus.konseling), data) == []


def test_whole_flow_logs_and_prints_nothing_personal(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    kasus = Kasus.from_file(EXAMPLES / "kasus.json")
    data = kasus.model_dump(mode="json")
    rows = [example_data("persetujuan") for _ in range(2)]
    for i, row in enumerate(rows):
        row.pop("tanggal")
        row["korban"]["nomor_registrasi"] = f"{i + 1:03d}/REG-PPA/XI/2026"
    caplog.set_level(logging.DEBUG)
    db = tmp_path / "agenda.db"
    with surat.Register(db) as reg:
        pack = kasus.print_pack(reg, tmp_path / "kasus.pdf")
        summary = surat.batch.print_batch(
            "persetujuan", rows, tmp_path / "cetak.pdf", register=reg, progress=False
        )
        # a step's catatan may name a person: it stays in the register only
        (case,) = reg.cases()
        reg.record_step(case.nomor, sop="34", langkah=2, mulai="2026-11-16 09:10",
                        selesai="2026-11-16 10:25", oleh="staf_penerima",
                        catatan=f"{kasus.korban.nama} diantar {kasus.pelapor.nama}")  # fmt: skip
        reg.export(tmp_path / "agenda.csv")
        for buku in ("keluar", "masuk", "kasus"):
            for suffix in ("csv", "xlsx"):
                reg.export(tmp_path / f"buku-{buku}.{suffix}", buku=buku)  # type: ignore[arg-type]
        # a clerk may type a name into a void reason: the log keeps number and book only
        reg.void(summary.numbers[0], alasan=f"salah ketik {rows[0]['korban']['nama']}")
    code = cli(["kasus", str(EXAMPLES / "kasus.json"), "-o", str(tmp_path / "k2.pdf"),
                "--db", str(db)])  # fmt: skip
    assert code == 0
    out, err = capsys.readouterr()
    # the operator's events are logged under 'surat', and nothing personal with them
    events = [r.getMessage() for r in caplog.records if r.name.startswith("surat")]
    assert any("voided in book keluar" in e for e in events), events
    said = "\n".join([caplog.text, out, err, str(pack), repr(pack), str(summary), repr(summary)])
    assert find_personal(said, data) == []
    assert find_personal(said, rows[0]) == []
    assert rows[0]["korban"]["nama"] not in caplog.text
    # the agenda export holds no victim or reporter
    exported = (tmp_path / "agenda.csv").read_text(encoding="utf-8")
    assert find_personal(exported, data) == [] and find_personal(exported, rows[0]) == []
    # nor does any of the three books, in CSV or XLSX (every sheet, every cell)
    openpyxl = pytest.importorskip("openpyxl")
    for book in sorted(tmp_path.glob("buku-*")):
        if book.suffix == ".csv":
            text = book.read_text(encoding="utf-8")
        else:
            wb = openpyxl.load_workbook(book)
            text = "\n".join(
                str(c)
                for ws in wb.worksheets
                for row in ws.iter_rows(values_only=True)
                for c in row
            )
        assert case.nomor in text, book.name  # every book links the case
        assert find_personal(text, data) == [] and find_personal(text, rows[0]) == [], book.name
        assert "diantar" not in text, book.name  # the catatan itself
    # every file written is owner-only
    for p in tmp_path.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p.name
    # the packs name the office, not a user or a library
    meta = PdfReader(tmp_path / "kasus.pdf").metadata
    assert meta is not None
    assert meta.get("/Producer") == "surat" and "python-docx" not in str(meta)
    assert find_personal(str(meta), data) == []


def test_outgoing_letters_text_has_initials_only() -> None:
    for kind in ("persetujuan", "tugas"):
        data = example_data(kind)
        doc = surat.render(kind, data, nomor="001/X/XI/2026")
        assert data["korban"]["nama"] not in doc.text()
        assert "P.A.L." in doc.text()


def test_kronologi_and_monthly_report_hold_no_name(tmp_path: Path) -> None:
    """The example case through SOP 34 (a note naming the reporter among its steps):
    the printed kronologi, the report's PDF and its XLSX hold no personal value."""
    import zipfile

    from sop_case import example_case

    kasus = Kasus.from_file(EXAMPLES / "kasus.json")
    data = kasus.model_dump(mode="json")
    assert personal_values(data) >= {"Putri Ayu Lestari", "Sri Wahyuningsih"}
    with surat.Register(tmp_path / "agenda.db") as reg:
        nomor = example_case(reg)
        reg.record_step(nomor, sop="34", langkah=6, mulai="2026-11-24 09:00",
                        selesai="2026-11-24 09:30", oleh="p2tp2a",
                        catatan="Sri Wahyuningsih menelepon: Putri Ayu Lestari demam")  # fmt: skip
        kronologi = surat.buku_kronologi(reg, nomor, inisial="P.A.L.")
        laporan = surat.laporan_bulanan(reg, "2026-11")
    kronologi.to_pdf(tmp_path / "kronologi.pdf")
    laporan.to_pdf(tmp_path / "laporan.pdf")
    laporan.to_xlsx(tmp_path / "laporan.xlsx")
    k_pdf = PdfReader(tmp_path / "kronologi.pdf")
    k_text = "\n".join(p.extract_text() or "" for p in k_pdf.pages)
    assert nomor in k_text and "P.A.L." in k_text and "dikembalikan" in k_text
    assert "terlambat" in k_text and "09.10–10.25" in k_text
    l_pdf = PdfReader(tmp_path / "laporan.pdf")
    assert len(l_pdf.pages) == 2  # the counts, then the chart and the SOP steps
    l_text = "\n".join(p.extract_text() or "" for p in l_pdf.pages)
    assert "LAPORAN BULANAN PENANGANAN KASUS" in l_text and "November 2026" in l_text
    assert any(p.images for p in l_pdf.pages[1:])  # the chart is embedded on page 2
    with zipfile.ZipFile(tmp_path / "laporan.xlsx") as z:
        x_text = " ".join(z.read(n).decode("utf-8") for n in z.namelist())
    meta = str(k_pdf.metadata) + str(l_pdf.metadata)
    for text in (k_text, l_text, x_text, meta, kronologi.text(), repr(laporan)):
        assert find_personal(text, data) == []
    for p in tmp_path.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p.name
