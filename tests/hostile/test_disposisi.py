"""Attacks on the lembar disposisi: making it print a child victim's name, or run text."""

from __future__ import annotations

import pytest

import surat
from surat import SuratError
from surat.letters import Disposisi, build_context, example_data, validate

OFFICE = surat.Office.default()


@pytest.mark.parametrize(
    "disguised",
    [
        "Ｐｕｔｒｉ dirujuk",  # full-width letters read as the name
        "Pu\u200btri dirujuk",  # a zero-width space inside the name
        "Les\u00adtari dirujuk",  # a soft hyphen
        "PUTRI AYU",
        "a.n. lestari",
    ],
)
def test_the_victims_name_disguised_is_still_refused(disguised: str) -> None:
    data = example_data("disposisi")
    data["catatan"] = disguised
    with pytest.raises(SuratError, match="catatan: menyebut nama korban"):
        validate("disposisi", data)


def test_a_model_built_without_validation_is_checked_again() -> None:
    model = validate("disposisi", example_data("disposisi"))
    forged = Disposisi.model_construct(
        **{**dict(model), "catatan": "Korban Putri Ayu Lestari dibawa ke RSUD"}
    )
    with pytest.raises(SuratError, match="catatan: menyebut nama korban"):
        surat.render("disposisi", forged)
    with pytest.raises(SuratError, match="catatan: menyebut nama korban"):
        build_context("disposisi", forged, OFFICE, tanggal=model.diterima)


def test_template_syntax_in_a_field_is_printed_not_run() -> None:
    data = example_data("disposisi")
    data["catatan"] = "{{ korban.nama }} {% for x in sifat %}X{% endfor %}"
    data["perihal"] = "{_{ kop }_}"
    text = surat.render("disposisi", data).text()
    assert "{{ korban.nama }} {% for x in sifat %}X{% endfor %}" in text
    assert "{_{ kop }_}" in text
    assert "Lestari" not in text


def test_the_sheets_context_cannot_reach_the_name() -> None:
    model = validate("disposisi", example_data("disposisi"))
    ctx = build_context("disposisi", model, OFFICE, tanggal=model.diterima)
    assert "Lestari" not in repr(ctx) and "Putri Ayu" not in repr(ctx)


def test_roles_are_bounded() -> None:
    data = example_data("disposisi")
    data["diteruskan"] = [f"peran_{i}" for i in range(13)]
    with pytest.raises(SuratError, match="diteruskan"):
        validate("disposisi", data)
    data["diteruskan"] = ["__class__"]
    with pytest.raises(SuratError, match=r"diteruskan\.0"):
        validate("disposisi", data)


@pytest.mark.parametrize(
    ("forged", "field"),
    [
        ({"diteruskan": ["kepala_dinas"]}, r"diteruskan\.0: 'kepala_dinas' bukan bawahan"),
        ({"diteruskan": ["ketua_p2tp2a"]}, r"diteruskan\.0: 'ketua_p2tp2a' bukan bawahan"),
        ({"oleh": "staf_pha", "diteruskan": ["staf_ppktp"]}, "oleh: 'staf_pha'"),
        ({"catatan": "panjang " * 2000}, "catatan"),
        ({"catatan": "baris\n" * 40}, "catatan"),
        ({"perihal": "x" * 5000}, "perihal"),
        ({"diteruskan": ["staf_pha"] * 20}, "diteruskan"),
    ],
)
def test_a_model_built_without_validation_goes_neither_up_nor_off_its_page(
    forged: dict[str, object], field: str
) -> None:
    """An upward disposition, or a note that would push the sheet onto a second page,
    forged past validation (model_construct), is refused when the sheet is made."""
    model = validate("disposisi", example_data("disposisi"))
    bad = Disposisi.model_construct(**{**dict(model), **forged})
    with pytest.raises(SuratError, match=field):
        surat.render("disposisi", bad)
