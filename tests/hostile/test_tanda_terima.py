"""Attacks on the receipt the reporter takes home: making it carry the victim's name,
or run text typed into it."""

from __future__ import annotations

import pytest

import surat
from surat import SuratError
from surat.letters import build_context, example_data, validate
from surat.letters.tanda_terima import TandaTerima

KIND = "tanda_terima"


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("catatan", "Korban Putri Ayu Lestari ikut datang", "catatan"),
        ("catatan", "Ｌｅｓｔａｒｉ ikut datang", "catatan"),  # full-width letters
        ("hal", "Permohonan pendampingan a.n. PUTRI", "hal"),
        ("berkas", {"lainnya": ["Rapor Putri Ayu"]}, r"berkas\.lainnya\.0"),
    ],
)
def test_the_victims_name_in_a_free_text_field_is_refused(
    field: str, value: object, named: str
) -> None:
    data = example_data(KIND)
    data[field] = {**data[field], **value} if isinstance(value, dict) else value
    with pytest.raises(SuratError, match=f"{named}: menyebut nama korban") as err:
        validate(KIND, data)
    assert "Lestari" not in str(err.value) and "Putri" not in str(err.value)


def test_a_victim_who_reports_herself_gets_her_own_receipt() -> None:
    """An adult victim is her own reporter: her name is printed as the reporter's,
    and still nothing else about her case."""
    data = example_data(KIND)
    data["pelapor"]["nama"] = data["korban"]["nama"]
    text = surat.render(KIND, data).text()
    assert text.count("Putri Ayu Lestari") == 2  # "Nama :" and "Yang menyerahkan"
    assert "P.A.L." not in text


def test_a_model_built_without_validation_is_checked_again() -> None:
    model = validate(KIND, example_data(KIND))
    forged = TandaTerima.model_construct(**{**dict(model), "catatan": "untuk Putri Ayu Lestari"})
    with pytest.raises(SuratError, match="catatan: menyebut nama korban"):
        surat.render(KIND, forged)
    with pytest.raises(SuratError, match="catatan: menyebut nama korban"):
        build_context(KIND, forged, surat.Office.default(), tanggal=surat.today())


def test_template_syntax_in_a_field_is_printed_not_run() -> None:
    data = example_data(KIND)
    data["catatan"] = "{{ korban.nama }} {% for x in berkas %}X{% endfor %}"
    data["berkas"]["lainnya"] = ["{_{ kop }_}", "{%tr for r in berkas %}"]
    data["pelapor"]["nama"] = "{{ penandatangan.__class__ }}"
    text = surat.render(KIND, data).text()
    assert "{{ korban.nama }} {% for x in berkas %}X{% endfor %}" in text
    assert "{_{ kop }_}" in text and "{%tr for r in berkas %}" in text
    assert "{{ penandatangan.__class__ }}" in text
    assert "Lestari" not in text
