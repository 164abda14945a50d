"""Attacks on the surat rujukan: making a referral that leaves the office print the
victim's name, or run text typed into it."""

from __future__ import annotations

import pytest

import surat
from surat import SuratError
from surat.letters import build_context, example_data, validate
from surat.letters.rujukan import Rujukan

OFFICE = surat.Office.default()
NOMOR = "005/DP3A-PP-KB/PPA/XI/2026"


@pytest.mark.parametrize(
    ("disguised", "why"),
    [
        ("Korban Putri Ayu Lestari mengalami memar", "menyebut nama korban"),
        ("Ｐｕｔｒｉ mengalami memar", "menyebut nama korban"),  # full-width letters
        ("a.n. LESTARI", "menyebut nama korban"),
        # an invisible character inside the name: refused as unprintable first
        ("Pu\u200btri mengalami memar", "karakter kendali"),
        ("Les\u00adtari mengalami memar", "karakter kendali"),
    ],
)
def test_the_victims_name_in_the_note_is_refused(disguised: str, why: str) -> None:
    data = example_data("rujukan")
    data["keterangan"] = disguised
    with pytest.raises(SuratError, match=f"keterangan: .*{why}") as err:
        validate("rujukan", data)
    assert "Lestari" not in str(err.value) and "Putri" not in str(err.value)


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("kepada", "Orang tua Putri Ayu", "kepada"),
        ("di", "Rumah keluarga Lestari", "di"),
        ("tembusan", ["Arsip", "Ibu dari Putri"], "tembusan.1"),
    ],
)
def test_the_victims_name_in_any_free_text_field_is_refused(
    field: str, value: object, named: str
) -> None:
    data = example_data("rujukan")
    data[field] = value
    with pytest.raises(SuratError, match=f"{named}: menyebut nama korban"):
        validate("rujukan", data)


def test_a_model_built_without_validation_is_checked_again() -> None:
    model = validate("rujukan", example_data("rujukan"))
    forged = Rujukan.model_construct(
        **{**dict(model), "keterangan": "Korban Putri Ayu Lestari dibawa ke RSUD"}
    )
    with pytest.raises(SuratError, match="keterangan: menyebut nama korban"):
        surat.render("rujukan", forged, nomor=NOMOR)
    with pytest.raises(SuratError, match="keterangan: menyebut nama korban"):
        build_context("rujukan", forged, OFFICE, tanggal=model.tanggal or surat.today())


def test_a_companion_who_shares_a_word_of_the_name_is_printed() -> None:
    """The companions are named on purpose: a shared first name is not a leak."""
    data = example_data("rujukan")
    data["pendamping"][0]["nama"] = "Putri Handayani, S.Psi."
    text = surat.render("rujukan", data, nomor=NOMOR).text()
    assert "Putri Handayani, S.Psi." in text and "Lestari" not in text


def test_template_syntax_in_a_field_is_printed_not_run() -> None:
    data = example_data("rujukan")
    data["keterangan"] = "{{ korban.nama }} {% for x in layanan %}X{% endfor %}"
    data["kepada"] = "{_{ kop }_} Kanit PPA"
    text = surat.render("rujukan", data, nomor=NOMOR).text()
    assert "{{ korban.nama }} {% for x in layanan %}X{% endfor %}" in text
    assert "{_{ kop }_} Kanit PPA" in text
    assert "Lestari" not in text


def test_the_purpose_outside_the_closed_list_is_refused_not_printed() -> None:
    data = example_data("rujukan")
    data["keperluan"] = ["Visum et Repertum", "{{ korban.nama }}"]
    with pytest.raises(SuratError, match=r"keperluan\.1") as err:
        validate("rujukan", data)
    assert "korban.nama" not in str(err.value)
