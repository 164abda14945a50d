"""A register path that is not a register, and agenda text that a spreadsheet cannot hold."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import pytest

import surat
from surat.cli import main

D = date(2026, 11, 22)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_empty_file_is_not_a_register(tmp_path: Path) -> None:
    empty = tmp_path / "agenda.db"
    empty.touch()
    with pytest.raises(surat.SuratError, match=r"agenda\.db: berkas kosong, bukan buku agenda"):
        surat.Register(empty)
    args = ["nomor", "ambil", "--db", str(empty), "--baru", "--perihal", "Persetujuan"]
    assert main(args) == 1
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.db"]
    (tmp_path / "link.db").symlink_to(tmp_path / "gone.db")  # a link to nothing
    with pytest.raises(surat.SuratError, match=r"link\.db: buku agenda tidak dapat dibuka"):
        surat.Register(tmp_path / "link.db")
    assert not (tmp_path / "gone.db").exists()


def test_another_applications_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    other = tmp_path / "klinik.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE pasien (nama TEXT)")
        conn.execute("INSERT INTO pasien VALUES ('Putri Ayu Lestari')")
    conn.close()
    before = digest(other)
    with pytest.raises(surat.SuratError, match="bukan buku agenda surat") as err:
        surat.Register(other)
    assert "pasien" not in str(err.value) and "Putri" not in str(err.value)
    args = ["nomor", "ambil", "--db", str(other), "--baru", "--perihal", "Persetujuan"]
    assert main(args) == 1
    assert digest(other) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["klinik.db"]  # no -wal, no -shm


def test_agenda_text_is_cleaned_on_entry_and_line_breaks_refused(tmp_path: Path) -> None:
    with surat.Register(tmp_path / "agenda.db") as reg:
        n = reg.issue(perihal="Persetujuan\x00 Pendampingan", tujuan="Sdr.\x07 Pelapor", tanggal=D)
        (e,) = reg.entries()
        assert (e.nomor, e.perihal, e.tujuan) == (
            str(n),
            "Persetujuan Pendampingan",
            "Sdr. Pelapor",
        )
        for breaking in ("\n", "\u2028", "\u2029", "\x85"):
            with pytest.raises(surat.SuratError, match="tujuan: satu baris diharapkan"):
                reg.issue(perihal="Persetujuan", tujuan=f"Sdr.{breaking}Pelapor", tanggal=D)
        assert len(reg.entries()) == 1


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_never_fails_on_what_an_older_version_stored(tmp_path: Path, suffix: str) -> None:
    db = tmp_path / "agenda.db"
    with surat.Register(db) as reg:
        reg.issue(perihal="Persetujuan", tujuan="Sdr. Pelapor", tanggal=D)
    with sqlite3.connect(db) as conn:  # as a version without cleaning wrote it
        conn.execute("UPDATE surat_agenda SET tujuan = 'Sdr.\x07 Budi\x1b Santoso'")
    conn.close()
    out = tmp_path / f"agenda{suffix}"
    assert main(["agenda", "--db", str(db), f"--{suffix[1:]}", str(out)]) == 0
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        ws = load_workbook(out).active
        assert ws is not None
        assert ws["G2"].value == "Sdr. Budi Santoso"
    else:
        assert "Sdr. Budi Santoso" in out.read_text(encoding="utf-8")


def test_agenda_text_is_cleaned_exactly_as_letters_are() -> None:
    """The register keeps its own copy of the cleaning (it must not load the letters'
    models to take a number); every character is treated as the letters treat it."""
    from surat.letters.fields import clean_text
    from surat.numbering.checks import clean

    every = "".join(chr(c) for c in range(0x110000))
    assert clean(every) == clean_text(every)
    for pasted in ("a\r\nb", "a\rb", "a\r\r\nb", "\r", "\x85\u2028\u2029\r\n", "\ud800\udfff"):
        assert clean(pasted) == clean_text(pasted), repr(pasted)


@pytest.mark.parametrize("field", ["perihal", "tujuan"])
def test_a_bidi_control_never_reaches_the_agenda(tmp_path: Path, field: str) -> None:
    """U+202E in 'tujuan' was stored in the agenda, where the exported book shows
    another addressee than the one typed; the letters' rule holds for the agenda."""
    with surat.Register(tmp_path / "agenda.db") as reg:
        fields = {"perihal": "Persetujuan Pendampingan", "tujuan": "Sdr. Pelapor"}
        fields[field] = "Sdr. \u202eropaleP"
        with pytest.raises(surat.SuratError, match=f"{field}: teks yang dapat dicetak diharapkan"):
            reg.issue(**fields, tanggal="2026-11-22")
        assert reg.entries(tahun=None) == []  # no number taken
