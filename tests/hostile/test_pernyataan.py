"""Attacks on the consent statement: a child made to consent for herself, or text typed
into it run as a template."""

from __future__ import annotations

import pytest

import surat
from surat import SuratError
from surat.letters import example_data, validate

KIND = "pernyataan"


@pytest.mark.parametrize(
    "diri",
    [
        "Diri sendiri",
        "DIRI SENDIRI",
        "diri\u00a0sendiri",
        "Ｄｉｒｉ ｓｅｎｄｉｒｉ",
        " Diri  Sendiri ",
    ],
)
def test_a_child_never_consents_for_herself(diri: str) -> None:
    data = example_data(KIND)
    data["yang_menyatakan"]["hubungan"] = diri
    with pytest.raises(
        SuratError, match=r"yang_menyatakan\.hubungan: persetujuan anak dinyatakan orang tua"
    ):
        validate(KIND, data)


def test_a_child_by_age_alone_is_a_child_too() -> None:
    data = example_data(KIND)
    data["yang_menyatakan"]["hubungan"] = "Diri sendiri"
    data["korban"] = {"nama": "Putri Ayu Lestari", "nomor_registrasi": "001/REG-PPA/XI/2026",
                      "umur": 17}  # fmt: skip
    with pytest.raises(SuratError, match=r"yang_menyatakan\.hubungan"):
        validate(KIND, data)
    data["korban"]["umur"] = 18
    data["yang_menyatakan"]["nama"] = data["korban"]["nama"]
    assert validate(KIND, data)


def test_template_syntax_in_a_field_is_printed_not_run() -> None:
    data = example_data(KIND)
    data["penerima_data"] = ["{{ yang_menyatakan.nik }} {% for x in data %}X{% endfor %}"]
    data["yang_menyatakan"]["hubungan"] = "{_{ kantor }_}"
    data["saksi"] = "{{ kop.logo.tpl }}"
    text = surat.render(KIND, data).text()
    assert "{{ yang_menyatakan.nik }} {% for x in data %}X{% endfor %}" in text
    assert "selaku {_{ kantor }_} dari anak" in text
    assert "{{ kop.logo.tpl }}" in text
    assert text.count("2171015708900001") == 1  # the NIK line only
