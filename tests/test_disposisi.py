"""Lembar disposisi: the sheet of an incoming letter, its ticks, and whom it may name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import surat
from surat import SuratError
from surat.letters import HARAP, SIFAT, build_context, example_data, validate
from surat.letters.disposisi import (
    BARIS_MAX,
    CATATAN_BARIS,
    CATATAN_MAX,
    MAX_DITERUSKAN,
    pilihan,
)

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
    # the Kasi's sheet goes down: the staff, by their short titles; no superior, no peer,
    # not the Ketua P2TP2A (outside the office's line: she signs the approval)
    assert [x["jabatan"] for x in c["diteruskan"]] == [  # type: ignore[index]
        "Staf Seksi PHA", "Staf Seksi PPKTP",
    ]  # fmt: skip
    assert ticked(c["diteruskan"]) == ["Staf Seksi PHA"]
    assert c["tanggal_penyelesaian"] == date(2026, 11, 20)
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
    with pytest.raises(SuratError, match=f"{field}: menyebut nama korban") as err:
        validate("disposisi", data)
    assert "Lestari" not in str(err.value) and "LESTARI" not in str(err.value)


def test_without_a_case_there_is_no_victim_line() -> None:
    data = example_data("disposisi")
    del data["korban"]
    doc = surat.render("disposisi", data)
    assert "Nomor Registrasi" not in doc.text() and "korban" not in doc.text()


def test_it_is_not_numbered_by_the_outgoing_register() -> None:
    assert "disposisi" not in surat.letters.NUMBERED
    with pytest.raises(SuratError, match="tidak bernomor"):
        surat.render("disposisi", example_data("disposisi"), nomor="001/DP3A-PP-KB/PPA/XI/2026")


def test_roles_come_from_the_office_profile() -> None:
    data = example_data("disposisi")
    data["diteruskan"] = ["staf_pha", "bendahara"]
    with pytest.raises(SuratError, match=r"diteruskan\.1: 'bendahara' bukan peran"):
        surat.render("disposisi", data)
    data = example_data("disposisi")
    data["oleh"] = "camat"
    with pytest.raises(SuratError, match="oleh: 'camat' bukan peran"):
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
        ({"diteruskan": ["staf_pha", "staf_pha"]}, "diteruskan"),
        ({"diteruskan": [f"staf_{i}" for i in range(MAX_DITERUSKAN + 1)]}, "diteruskan"),
        ({"catatan": "x" * (CATATAN_MAX + 1)}, "catatan"),
        ({"catatan": "baris\n" * CATATAN_BARIS + "satu lagi"}, "catatan"),
        ({"dari": "x" * (BARIS_MAX + 1)}, "dari"),
        ({"perihal": "x" * (BARIS_MAX + 1)}, "perihal"),
        ({"nomor_surat": "1" * 61}, "nomor_surat"),
        ({"tanggal_penyelesaian": "2026-11-15"}, "tanggal_penyelesaian"),
        ({"tanggal_surat": "2026-11-17"}, "tanggal_surat"),
        ({"tanggal": "2026-11-15"}, "tanggal"),
        ({"nomor_agenda": ""}, "nomor_agenda"),
        ({"dari": "Sri\nWahyuningsih"}, "dari"),
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
    with pytest.raises(SuratError, match="tanggal: disposisi tidak boleh sebelum tanggal diterima"):
        build_context("disposisi", model, OFFICE, tanggal=date(2026, 11, 15))


# -- a disposition flows downward --------------------------------------------------


@pytest.mark.parametrize(
    ("oleh", "atasan"),
    [
        ("kasi_pha", "kabid"),
        ("kasi_pha", "kepala_dinas"),
        ("kasi_pha", "kasi_ppktp"),  # a peer is not below either
        ("kasi_pha", "ketua_p2tp2a"),  # outside the office's line: she signs the approval
        ("kabid", "kepala_dinas"),
        ("kabid", "ketua_p2tp2a"),
    ],
)
def test_a_superior_is_refused_naming_the_field(oleh: str, atasan: str) -> None:
    data = {**example_data("disposisi"), "oleh": oleh, "diteruskan": ["staf_pha", atasan]}
    with pytest.raises(SuratError, match=rf"diteruskan\.1: '{atasan}' bukan bawahan"):
        surat.render("disposisi", data)


@pytest.mark.parametrize("oleh", ["kepala_dinas", "kabid", "kasi_pha", "kasi_ppktp"])
def test_the_choices_are_the_officials_below_and_the_staff(oleh: str) -> None:
    below = {
        "kepala_dinas": ["kabid", "kasi_pha", "kasi_ppktp", "staf_pha", "staf_ppktp"],
        "kabid": ["kasi_pha", "kasi_ppktp", "staf_pha", "staf_ppktp"],
        "kasi_pha": ["staf_pha", "staf_ppktp"],
        "kasi_ppktp": ["staf_pha", "staf_ppktp"],
    }[oleh]
    assert pilihan(OFFICE, oleh) == below
    c = ctx({**example_data("disposisi"), "oleh": oleh, "diteruskan": [below[-1]]})
    title = {r: p.singkatan for r, p in OFFICE.pejabat.items()}
    assert [x["jabatan"] for x in c["diteruskan"]] == [title[r] for r in below]  # type: ignore[index]
    assert ticked(c["diteruskan"]) == [title[below[-1]]]


@pytest.mark.parametrize("oleh", ["staf_pha", "ketua_p2tp2a"])
def test_only_an_official_of_the_line_disposes(oleh: str) -> None:
    data = {**example_data("disposisi"), "oleh": oleh}
    with pytest.raises(SuratError, match=f"oleh: '{oleh}' bukan pejabat struktural kantor"):
        surat.render("disposisi", data)


def test_the_sheet_lists_at_most_its_room_the_ticked_ones_first_kept() -> None:
    from surat.office import Pejabat

    many = dict(OFFICE.pejabat)
    for i in range(10):
        many[f"staf_{i}"] = Pejabat(jabatan=f"Staf Pelaksana {i}", singkatan=f"Staf {i}")
    office = OFFICE.model_copy(update={"pejabat": many})
    data = {**example_data("disposisi"), "oleh": "kepala_dinas", "diteruskan": ["staf_9"]}
    c = build_context("disposisi", validate("disposisi", data), office, tanggal=DAY)
    listed = [x["jabatan"] for x in c["diteruskan"]]  # type: ignore[index]
    assert len(listed) == MAX_DITERUSKAN and "Staf 9" in listed
    assert listed[:3] == ["Kabid", "Kasi PHA", "Kasi PPKTP"]


def test_the_sop_cases_disposition_goes_to_the_staff_who_drafts_the_approval() -> None:
    from sop_case import disposisi

    data = disposisi("001/REG-PPA/XI/2026", "001/SM/2026")
    c = ctx(data)
    assert ticked(c["diteruskan"]) == ["Staf Seksi PHA"]
    signer = OFFICE.official(OFFICE.penandatangan["persetujuan"])  # the Ketua P2TP2A
    listed = [x["jabatan"] for x in c["diteruskan"]]  # type: ignore[index]
    assert signer.singkatan not in listed and signer.jabatan not in listed
    assert example_data("disposisi")["diteruskan"] == data["diteruskan"]


# -- one sheet, whatever it holds ------------------------------------------------------

EXAMPLE_OFFICE = surat.Office.from_toml(Path(__file__).parent.parent / "examples" / "kantor.toml")


def _long(n: int, word: str) -> str:
    """*n* characters of *word* repeated, broken at spaces like text."""
    return ((word + " ") * n)[:n].strip().ljust(n, word[0])


def longest(upper: bool, sifat: str) -> dict[str, object]:
    """A Kadis's sheet with every field at the longest the model allows."""
    word = "PEMBERDAYAAN" if upper else "pemberdayaan"
    line = _long(CATATAN_MAX // CATATAN_BARIS - 1, word)
    return {
        **example_data("disposisi"),
        "dari": _long(BARIS_MAX, word),
        "nomor_surat": "9" * 60,
        "nomor_agenda": "8/" * 30,
        "perihal": _long(BARIS_MAX, word),
        "sifat": sifat,
        "korban": {"nama": "Putri Ayu Lestari", "nomor_registrasi": "7" * 60},
        "oleh": "kepala_dinas",
        "diteruskan": ["kabid", "kasi_pha", "kasi_ppktp", "staf_pha", "staf_ppktp", "staf_0"],
        "harap": list(HARAP),
        "catatan": "\n".join([line] * CATATAN_BARIS)[:CATATAN_MAX],
        "tanggal_penyelesaian": None,
    }


@pytest.fixture(scope="module")
def sheets() -> dict[str, bytes]:
    """The example and the longest sheets, A4 and F4, through one LibreOffice."""
    from surat.office import Pejabat
    from surat.pdf import Converter

    staf = Pejabat(jabatan="Staf Pelaksana Administrasi Umum", singkatan="Staf Administrasi Umum")
    office = EXAMPLE_OFFICE.model_copy(
        update={"pejabat": {**EXAMPLE_OFFICE.pejabat, "staf_0": staf}}
    )
    docs: dict[str, bytes] = {}
    for kertas in ("A4", "F4"):
        paper = office.model_copy(update={"kertas": kertas})
        docs[f"example-{kertas}"] = surat.render("disposisi", example_data("disposisi"),
                                                 office=paper).docx  # fmt: skip
        for upper in (False, True):
            for sifat in ("Rahasia", "Biasa"):
                name = f"longest-{'upper' if upper else 'lower'}-{sifat}-{kertas}"
                docs[name] = surat.render("disposisi", longest(upper, sifat), office=paper).docx
    with Converter(workers=1) as conv:
        return dict(zip(docs, conv.convert_many(list(docs.items())), strict=True))


def pages(pdf: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def test_always_one_page_at_a4_and_f4(sheets: dict[str, bytes]) -> None:
    import io

    from pypdf import PdfReader

    for name, pdf in sheets.items():
        assert len(pages(pdf)) == 1, name
        height = float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.height) * 25.4 / 72
        assert height == pytest.approx(330 if name.endswith("F4") else 297, abs=0.5), name
    # the longest sheet printed everything: the note's last line, the paraf, the footnote
    text = " ".join(pages(sheets["longest-upper-Rahasia-A4"])[0].split())
    assert "Staf Administrasi Umum" in text and "Arsip" in text
    assert "UMIYATI, SE" in text and "tidak dikirim ke luar kantor" in text
    assert text.count("PEMBERDAYAAN") > 3 * BARIS_MAX // 13


def test_the_completion_date_is_printed(sheets: dict[str, bytes]) -> None:
    text = " ".join(pages(sheets["example-A4"])[0].split())
    assert "Diselesaikan tanggal: 20 November 2026" in text
    empty = " ".join(pages(sheets["longest-lower-Biasa-A4"])[0].split())
    assert "Diselesaikan tanggal: " + "." * 36 in empty  # a line to fill by hand


def test_a_secret_sheet_says_rahasia_at_its_top_and_bottom(sheets: dict[str, bytes]) -> None:
    for name, pdf in sheets.items():
        lines = [x.strip() for x in pages(pdf)[0].splitlines() if x.strip()]
        secret = "Rahasia" in name or name.startswith("example")  # the example is Rahasia
        assert (lines[0] == "RAHASIA") == secret, name
        assert (lines[-1] == "RAHASIA") == secret, name
