"""Surat undangan: the invitation to a mediation or coordination meeting; it leaves the
office, so it names the parties by role and the victim by initials only."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from referensi_support import seed_books

import surat
from surat import SuratError
from surat.cli import main
from surat.letters import KELUAR, NUMBERED, build_context, example_data, validate
from surat.privacy import find_personal

OFFICE = surat.Office.default()
DAY = date(2026, 11, 24)
NOMOR = "001/DP3A-PP-KB/PPA/XI/2026"
MEETING = {"tanggal": "2026-12-01", "mulai": "10:00", "tempat": "x", "acara": "y"}


def ctx(data: dict[str, Any], tanggal: date = DAY) -> dict[str, Any]:
    return build_context("undangan", validate("undangan", data), OFFICE, tanggal=tanggal)


def flat(value: Any) -> str:
    return json.dumps(value, default=str, ensure_ascii=False)


def test_an_outgoing_numbered_kind() -> None:
    assert "undangan" in KELUAR and "undangan" in NUMBERED
    assert surat.letters.kind("undangan").signable


def test_the_invitation_holds_initials_roles_and_the_meeting() -> None:
    c = ctx(example_data("undangan"))
    assert c["korban"] == {"inisial": "P.A.L.", "nomor_registrasi": "001/REG-PPA/XI/2026"}
    assert c["pertemuan"] == {
        "hari_tanggal": "Selasa, 1 Desember 2026",
        "waktu": "pukul 09.00 WIB s.d. selesai",
        "tempat": "Ruang Rapat DP3A-PP-KB Kota Batam",
        "acara": "Mediasi penyelesaian kasus dan kesepakatan pemulihan korban",
    }
    assert c["acara_jenis"] == "rapat mediasi" and not c["kepada_terlampir"]
    assert c["surat"]["sifat"] == "Rahasia" and c["surat"]["lampiran"] == "-"
    assert c["penandatangan"]["nama"] == "UMIYATI, SE"  # the head of the letterhead
    everything = flat(c)
    for part in ("Putri Ayu", "Lestari", "Ayu "):
        assert part not in everything


def test_a_coordination_with_its_end_time() -> None:
    data = example_data("undangan") | {"jenis": "koordinasi"}
    data["pertemuan"] |= {"selesai": "11:30"}
    c = ctx(data)
    assert c["acara_jenis"] == "rapat koordinasi"
    assert c["pertemuan"]["waktu"] == "pukul 09.00 WIB s.d. 11.30 WIB"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"jenis": "rapat"}, "jenis:"),
        ({"kepada": []}, "kepada:"),
        ({"pertemuan": MEETING | {"mulai": "25:00"}}, r"pertemuan\.mulai:"),
        ({"pertemuan": MEETING | {"selesai": "09:00"}}, "pertemuan: selesai"),
        ({"catatan": "panjang " * 100}, "catatan:"),
        ({"sifat": "Penting"}, "sifat:"),
        ({"pihak": ["Ibu kandung Putri Ayu Lestari"]}, "pihak.0: menyebut nama korban"),
    ],
)
def test_validation_names_the_field_never_the_value(change: dict[str, Any], message: str) -> None:
    with pytest.raises(SuratError, match=message) as err:
        validate("undangan", example_data("undangan") | change)
    assert "Lestari" not in str(err.value) and "panjang panjang" not in str(err.value)


def test_a_meeting_before_the_letter_is_refused() -> None:
    with pytest.raises(SuratError, match=r"pertemuan\.tanggal: pertemuan tidak boleh sebelum"):
        ctx(example_data("undangan"), tanggal=date(2026, 12, 2))
    model = validate("undangan", example_data("undangan") | {"tanggal": "2026-12-02"})
    with pytest.raises(SuratError, match=r"pertemuan\.tanggal"):
        model.agenda(OFFICE)  # before a number is taken


def test_many_addressees_go_to_the_daftar_terlampir_page() -> None:
    data = example_data("undangan")
    data["kepada"] = [f"Instansi Terkait {i}" for i in range(1, 8)]
    c = ctx(data)
    assert c["kepada_terlampir"] and c["surat"]["lampiran"] == "1 (satu) lembar"
    text = surat.render("undangan", data, nomor=NOMOR).text()
    assert "Yth. Bapak/Ibu/Saudara (daftar terlampir)" in text
    assert "DAFTAR UNDANGAN" in text and "Instansi Terkait 7" in text
    tujuan = validate("undangan", data).agenda(OFFICE)["tujuan"]
    assert tujuan == "; ".join(data["kepada"])  # short enough for the agenda's line
    data["kepada"] = [f"Kepala Instansi Pemerintah Terkait Nomor {i:02d}" for i in range(12)]
    tujuan = validate("undangan", data).agenda(OFFICE)["tujuan"]
    assert tujuan == f"{data['kepada'][0]} dkk. (12 undangan)"


def test_numbered_printed_with_its_copies_and_read_back(tmp_path: Path) -> None:
    """``surat buat undangan --db``: a number from the outgoing register; the page read
    back from the PDF; the pack with its tembusan copies and the PDF's metadata hold no
    identity."""
    data = example_data("undangan") | {"tembusan": ["Kepala Bidang PPKK", "Arsip"]}
    path = tmp_path / "undangan.json"
    path.write_text(json.dumps(data))
    db = tmp_path / "agenda.db"
    out = tmp_path / "undangan.pdf"
    with surat.Register(db) as reg:  # the case the letter cites
        seed_books(reg, kasus=1)
    assert main(["buat", "undangan", str(path), "-o", str(out), "--db", str(db)]) == 0
    with surat.Register(db) as reg:
        (entry,) = reg.entries(tahun=2026)
    assert entry.nomor == NOMOR and entry.perihal == "Undangan Rapat Mediasi"
    assert entry.tujuan.startswith("Kanit PPA Satreskrim Polresta Barelang; ")
    assert entry.nomor_registrasi == "001/REG-PPA/XI/2026"
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for expected in (
        f"Nomor : {NOMOR} Batam, 24 November 2026",
        "Hal : Undangan",
        "korban berinisial P.A.L. (Nomor Registrasi 001/REG-PPA/XI/2026)",
        "Hari/tanggal : Selasa, 1 Desember 2026",
        "Waktu : pukul 09.00 WIB s.d. selesai",
        "Tempat : Ruang Rapat DP3A-PP-KB Kota Batam",
        "1. Orang tua/wali korban",
        "UMIYATI, SE",
        "Tembusan: 1. Kepala Bidang PPKK 2. Arsip",
    ):
        assert expected in text, expected
    assert text.startswith("RAHASIA") and text.endswith("RAHASIA")
    # the originals and the stamped copies of the pack, and every metadata field
    doc = surat.render("undangan", data, nomor=NOMOR)
    pack = tmp_path / "cetak.pdf"
    surat.print_pack([doc], pack)
    reader = PdfReader(pack)
    assert len(reader.pages) == 3  # the original, the copy for the Kabid, the Arsip's
    whole = " ".join(p.extract_text() for p in reader.pages)
    assert whole.count("P.A.L.") == 3
    assert find_personal(whole, data) == [] and "Lestari" not in whole
    meta = flat({k: str(v) for k, v in (reader.metadata or {}).items()})
    assert find_personal(meta, data) == []
    with zipfile.ZipFile(io.BytesIO(doc.docx)) as z:  # nor any part of the .docx
        parts = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    assert find_personal(parts, data) == [] and "P.A.L." in parts


def test_one_addressee_is_not_numbered_several_are() -> None:
    data = example_data("undangan") | {"kepada": ["Kanit PPA Satreskrim Polresta Barelang"]}
    text = surat.render("undangan", data, nomor=NOMOR).text()
    assert "Yth. Kanit PPA Satreskrim Polresta Barelang\ndi -" in text
    text = surat.render("undangan", example_data("undangan"), nomor=NOMOR).text()
    assert "Yth.\n1.\tKanit PPA Satreskrim Polresta Barelang\n2.\tKetua P2TP2A" in text
