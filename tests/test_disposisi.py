"""Lembar disposisi: the sheet of an incoming letter, its ticks, and whom it may name."""

from __future__ import annotations

from datetime import date

import pytest

import surat
from surat import SuratError
from surat.letters import HARAP, SIFAT, build_context, example_data, validate

OFFICE = surat.Office.default()
DAY = date(2026, 11, 16)


def ctx(data: dict[str, object]) -> dict[str, object]:
    return build_context("disposisi", validate("disposisi", data), OFFICE, tanggal=DAY)


def ticked(items: object) -> list[str]:
    assert isinstance(items, list)
    return [x.get("teks") or x["jabatan"] for x in items if x["tanda"]]


def test_the_sheet_ticks_what_was_chosen() -> None:
    c = ctx(example_data("disposisi"))
    assert [x["teks"] for x in c["sifat"]] == list(SIFAT)  # type: ignore[index]
    assert ticked(c["sifat"]) == ["Rahasia"]
    assert [x["teks"] for x in c["harap"]] == list(HARAP)  # type: ignore[index]
    assert ticked(c["harap"]) == ["Proses lebih lanjut", "Koordinasikan"]
    # every role of the profile but the one disposing, by its short title
    assert [x["jabatan"] for x in c["diteruskan"]] == [  # type: ignore[index]
        "Kadis", "Kabid", "Kasi PPKTP", "Ketua P2TP2A", "Staf Seksi PHA",
        "Staf Seksi PPKTP",
    ]  # fmt: skip
    assert ticked(c["diteruskan"]) == ["Ketua P2TP2A"]
    assert c["nomor_agenda"] == "014/SM/2026"
    assert c["pendisposisi"]["singkatan"] == "Kasi PHA"  # type: ignore[index]


def test_reporter_may_be_named_the_victim_never() -> None:
    data = example_data("disposisi")
    c = ctx(data)
    assert c["dari"] == "Sri Wahyuningsih (pelapor)"
    assert c["korban"] == {"inisial": "P.A.L.", "nomor_registrasi": "001/REG-PPA/XI/2026"}
    text = repr(c)
    assert "Lestari" not in text and "Putri Ayu" not in text
    doc = surat.render("disposisi", data)
    assert "P.A.L." in doc.text() and "Lestari" not in doc.text()
    assert "LEMBAR DISPOSISI" in doc.text() and doc.nomor is None and doc.tembusan == ()


@pytest.mark.parametrize("field", ["dari", "perihal", "catatan", "nomor_surat"])
@pytest.mark.parametrize("said", ["Putri Ayu Lestari", "korban LESTARI dirujuk", "ayu"])
def test_a_sheet_that_names_the_victim_is_refused(field: str, said: str) -> None:
    data = example_data("disposisi")
    data[field] = said
    with pytest.raises(SuratError, match=f"{field}: names the victim") as err:
        validate("disposisi", data)
    assert "Lestari" not in str(err.value) and "LESTARI" not in str(err.value)


def test_without_a_case_there_is_no_victim_line() -> None:
    data = example_data("disposisi")
    del data["korban"]
    doc = surat.render("disposisi", data)
    assert "Nomor Registrasi" not in doc.text() and "korban" not in doc.text()


def test_it_is_not_numbered_by_the_outgoing_register() -> None:
    assert "disposisi" not in surat.letters.NUMBERED
    with pytest.raises(SuratError, match="not numbered"):
        surat.render("disposisi", example_data("disposisi"), nomor="001/DP3A-PP-KB/PPA/XI/2026")


def test_roles_come_from_the_office_profile() -> None:
    data = example_data("disposisi")
    data["diteruskan"] = ["kabid", "bendahara"]
    with pytest.raises(SuratError, match=r"diteruskan\.1: 'bendahara' is not a role"):
        surat.render("disposisi", data)
    data = example_data("disposisi")
    data["oleh"] = "camat"
    with pytest.raises(SuratError, match="oleh: 'camat' is not a role"):
        surat.render("disposisi", data)
    data = example_data("disposisi")
    data["diteruskan"] = ["Kabid PPA"]  # a title, not a role key
    with pytest.raises(SuratError, match=r"diteruskan\.0"):
        validate("disposisi", data)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sifat": "Penting"}, "sifat"),
        ({"harap": ["Arsip", "Arsip"]}, "harap"),
        ({"harap": []}, "harap"),
        ({"harap": ["Segera laksanakan"]}, "harap"),
        ({"diteruskan": []}, "diteruskan"),
        ({"diteruskan": ["kabid", "kabid"]}, "diteruskan"),
        ({"tanggal_surat": "2026-11-17"}, "tanggal_surat"),
        ({"tanggal": "2026-11-15"}, "tanggal"),
        ({"nomor_agenda": ""}, "nomor_agenda"),
        ({"dari": "Sri\nWahyuningsih"}, "dari"),
        ({"catatan": "x" * 10_001}, "catatan"),
        ({"warna": "merah"}, "warna"),
    ],
)
def test_bad_data_names_the_field(change: dict[str, object], field: str) -> None:
    data = {**example_data("disposisi"), **change}
    with pytest.raises(SuratError, match=field):
        validate("disposisi", data)


def test_the_disposition_is_not_dated_before_the_letter_arrived() -> None:
    data = example_data("disposisi")
    del data["tanggal"]  # today (WIB) would be used: here, a day before receipt
    model = validate("disposisi", data)
    with pytest.raises(SuratError, match="tanggal: the disposition cannot precede diterima"):
        build_context("disposisi", model, OFFICE, tanggal=date(2026, 11, 15))
