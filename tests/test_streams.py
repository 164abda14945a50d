"""Files as streams, for web applications: every output also goes to a file object."""

from __future__ import annotations

import csv
import io
import os
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

import surat

DATA = surat.example_data("persetujuan")


@pytest.fixture(scope="module")
def doc() -> surat.Document:
    return surat.render("persetujuan", DATA, nomor="001/DP3A-PP-KB/PPA/XI/2026")


def test_document_to_streams(doc: surat.Document, tmp_path: Path) -> None:
    buf = io.BytesIO()
    assert doc.save(buf) is None
    assert buf.getvalue() == doc.docx
    pdf = io.BytesIO()
    assert doc.to_pdf(pdf) == pdf.getvalue()
    assert "001/DP3A-PP-KB/PPA/XI/2026" in PdfReader(pdf).pages[0].extract_text()
    # a path still works and says where it wrote
    assert doc.save(tmp_path / "s.docx") == tmp_path / "s.docx"


def test_a_closed_or_text_stream_is_a_clear_error(doc: surat.Document) -> None:
    closed = io.BytesIO()
    closed.close()
    with pytest.raises(surat.SuratError, match="simpan: tidak dapat menulis ke aliran"):
        doc.save(closed)
    with pytest.raises(surat.SuratError, match="simpan: tidak dapat menulis ke aliran"):
        doc.save(io.StringIO())  # type: ignore[arg-type]


def test_print_pack_to_a_stream(doc: surat.Document, tmp_path: Path) -> None:
    buf = io.BytesIO()
    result = surat.print_pack([doc], buf, copies=["Arsip"])
    assert result.path is None and result.pages == 2 and "(aliran)" in str(result)
    reader = PdfReader(buf)
    assert len(reader.pages) == 2 and "Arsip" in reader.pages[1].extract_text()
    assert list(tmp_path.iterdir()) == []


def test_register_export_to_a_stream(tmp_path: Path) -> None:
    with surat.Register(tmp_path / "agenda.db") as reg:
        reg.issue(perihal="Surat Tugas", tanggal=date(2026, 11, 22))
        buf = io.BytesIO()
        assert reg.export(buf, format="csv") is None
        rows = list(csv.reader(io.StringIO(buf.getvalue().decode("utf-8"))))
        assert len(rows) == 2 and "Surat Tugas" in rows[1]
        xlsx = io.BytesIO()
        reg.export(xlsx, tahun=2026, format="xlsx")
        assert xlsx.getvalue().startswith(b"PK")
        with pytest.raises(surat.SuratError, match="format"):
            reg.export(io.BytesIO())  # type: ignore[call-overload]
        with pytest.raises(surat.SuratError, match="format='xlsx'"):
            reg.export(tmp_path / "a.csv", format="xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.db"]


def test_rendering_writes_nothing_to_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Letters name child victims: rendering keeps them in memory only."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    before = set(os.listdir(tmp_path))
    surat.render("tugas", surat.example_data("tugas"), nomor="002/DP3A-PP-KB/PPA/XI/2026")
    surat.render("konseling", surat.example_data("konseling"))
    assert set(os.listdir(tmp_path)) == before == set()
