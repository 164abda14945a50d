"""Berita acara: the minutes of a mediation, a handover into or out of the safe house,
a return to the family; signed by the parties, witnessed, numbered."""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from referensi_support import seed_books

import surat
from surat import SuratError
from surat.cli import main
from surat.letters import KELUAR, NUMBERED, SIGNABLE, build_context, example_data, validate
from surat.letters.berita_acara import JENIS, JUDUL, hari_ini
from surat.privacy import find_personal

OFFICE = surat.Office.default()
DAY = date(2026, 12, 1)
NOMOR = "001/DP3A-PP-KB/BA/XII/2026"


def ctx(data: dict[str, Any]) -> dict[str, Any]:
    return build_context("berita_acara", validate("berita_acara", data), OFFICE, tanggal=DAY)


def test_internal_numbered_signed_by_its_parties_not_the_office() -> None:
    assert "berita_acara" not in KELUAR and "berita_acara" in NUMBERED
    assert "berita_acara" not in SIGNABLE


def test_the_opening_writes_the_date_in_words() -> None:
    c = ctx(example_data("berita_acara"))
    assert c["pembuka"] == (
        "Pada hari ini Selasa tanggal satu bulan Desember tahun dua ribu dua puluh enam "
        "(1 Desember 2026), pukul 10.00 WIB, bertempat di Ruang Rapat DP3A-PP-KB Kota Batam, "
        "kami yang bertanda tangan di bawah ini:"
    )
    assert hari_ini(date(2027, 1, 31)) == (
        "Pada hari ini Minggu tanggal tiga puluh satu bulan Januari tahun dua ribu dua puluh "
        "tujuh (31 Januari 2027)"
    )


@pytest.mark.parametrize("jenis", JENIS)
def test_each_variant_prints_its_title_and_what_was_handed_over(jenis: str) -> None:
    data = example_data("berita_acara") | {"jenis": jenis}
    if jenis != "mediasi":
        data["kesepakatan"] = []  # a handover records what happened; no agreement needed
        data["pihak_pertama"] = {"nama": "Rina Marlina, S.Psi.", "peran": "Pendamping P2TP2A"}
        data["saksi"] = data["saksi"][1:]
    text = surat.render("berita_acara", data, nomor=NOMOR).text()
    assert JUDUL[jenis].upper() in text and f"Nomor: {NOMOR}" in text
    assert "korban berinisial P.A.L. (Nomor Registrasi 001/REG-PPA/XI/2026)" in text
    assert "Lestari" not in text and "Putri Ayu" not in text
    assert ("menyepakati hal-hal sebagai berikut" in text) == (jenis == "mediasi")
    expected = {
        "mediasi": "telah melaksanakan mediasi",
        "serah_terima_masuk": "untuk ditempatkan sementara di rumah aman (shelter)",
        "serah_terima_keluar": "yang keluar dari rumah aman (shelter)",
        "pemulangan": "kepada keluarganya, dan PIHAK KEDUA menerimanya",
    }[jenis]
    assert expected in " ".join(text.split())


def test_shelter_is_printed_in_italics() -> None:
    data = example_data("berita_acara") | {"jenis": "serah_terima_masuk", "kesepakatan": []}
    doc = surat.render("berita_acara", data, nomor=NOMOR)
    import docx

    runs = [r for p in docx.Document(io.BytesIO(doc.docx)).paragraphs for r in p.runs if r.text]
    assert [r.italic for r in runs if r.text == "shelter"] == [True]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kesepakatan": []}, "kesepakatan: berita acara mediasi mencatat kesepakatannya"),
        (
            {"pihak_kedua": {"nama": " sri  WAHYUNINGSIH", "peran": "x"}},
            r"pihak_kedua\.nama: pihak kedua harus orang lain",
        ),
        (
            {"saksi": [{"nama": "Bambang Sutrisno", "peran": "Saksi"}]},
            r"saksi\.0\.nama: saksi bukan salah satu pihak",
        ),
        ({"saksi": [{"nama": f"Saksi {i}", "peran": "x"} for i in range(5)]}, "saksi:"),
        ({"jenis": "penitipan"}, "jenis:"),
        ({"uraian": []}, "uraian:"),
        ({"pihak_pertama": {"nama": "Sri Wahyuningsih"}}, r"pihak_pertama\.peran:"),
    ],
)
def test_validation_names_the_field_never_the_value(change: dict[str, Any], message: str) -> None:
    with pytest.raises(SuratError, match=message) as err:
        validate("berita_acara", example_data("berita_acara") | change)
    for name in ("Wahyuningsih", "WAHYUNINGSIH", "Bambang", "Lestari"):
        assert name not in str(err.value)


def test_witnesses_two_to_a_row_an_odd_one_alone() -> None:
    data = example_data("berita_acara")
    data["saksi"].append({"nama": "Dewi Kartika, S.Sos.", "peran": "Penyidik Unit PPA"})
    c = ctx(data)
    assert [[s and s["nama"] for s in row] for row in c["saksi_baris"]] == [
        ["Rina Marlina, S.Psi.", "Hendra Gunawan, S.H."],
        ["Dewi Kartika, S.Sos.", None],
    ]
    text = surat.render("berita_acara", data, nomor=NOMOR).text()
    assert text.count("Mengetahui, Saksi-saksi:") == 1 and "Dewi Kartika, S.Sos." in text
    data["saksi"] = []
    text = surat.render("berita_acara", data, nomor=NOMOR).text()
    assert "Mengetahui" not in text and "Bambang Sutrisno" in text


def test_numbered_its_agenda_names_no_one_read_back_from_the_pdf(tmp_path: Path) -> None:
    data = example_data("berita_acara")
    path = tmp_path / "ba.json"
    path.write_text(json.dumps(data))
    db = tmp_path / "agenda.db"
    out = tmp_path / "ba.pdf"
    with surat.Register(db) as reg:  # the case the letter cites
        seed_books(reg, kasus=1)
    assert main(["buat", "berita_acara", str(path), "-o", str(out), "--db", str(db)]) == 0
    with surat.Register(db) as reg:
        (entry,) = reg.entries(tahun=2026)
    assert entry.nomor == NOMOR and entry.perihal == "Berita Acara Mediasi"
    assert entry.tujuan == "Para pihak" and entry.nomor_registrasi == "001/REG-PPA/XI/2026"
    assert find_personal(" ".join(map(str, dataclasses.astuple(entry))), data) == []
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for expected in (
        "BERITA ACARA MEDIASI",
        f"Nomor: {NOMOR}",
        "Pada hari ini Selasa tanggal satu bulan Desember tahun dua ribu dua puluh enam",
        "1. Nama : Sri Wahyuningsih",
        "selanjutnya disebut PIHAK PERTAMA.",
        "2. Nama : Bambang Sutrisno",
        "3. Proses hukum di Unit PPA Polresta Barelang",
        "Demikian berita acara ini dibuat dengan sebenarnya",
        # each signature block as it reads, the parties' then the witnesses'
        "PIHAK PERTAMA Ibu kandung korban, Sri Wahyuningsih",
        "PIHAK KEDUA Orang tua terlapor, Bambang Sutrisno",
        "Mengetahui, Saksi-saksi: Pendamping P2TP2A Kota Batam, Rina Marlina, S.Psi.",
        "Pendamping Hukum P2TP2A, Hendra Gunawan, S.H.",
    ):
        assert expected in text, expected
    assert text.startswith("RAHASIA") and text.endswith("RAHASIA")
    assert "Lestari" not in text
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    assert "Berita Acara" in meta and find_personal(meta, data) == []
