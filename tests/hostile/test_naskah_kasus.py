"""Attacks on the case's further documents: a victim's name smuggled into a
free-text field, template syntax typed as data."""

from __future__ import annotations

from typing import Any

import pytest

import surat
from surat import SuratError
from surat.letters import example_data, validate

NOMOR = "001/DP3A-PP-KB/ND/XI/2026"


def test_template_syntax_in_a_memo_is_printed_not_run() -> None:
    data = example_data("nota_dinas")
    data["isi"] = ["{{ kop }} {%p if x %} {{ korban.nama }} {% for i in range(9) %}x{% endfor %}"]
    data["lampiran"] = "{{ surat.nomor }}"
    text = surat.render("nota_dinas", data, nomor=NOMOR).text()
    assert "{{ kop }} {%p if x %} {{ korban.nama }} {% for i in range(9) %}x{% endfor %}" in text
    assert "{{ surat.nomor }}" in text and "Lestari" not in text


@pytest.mark.parametrize(
    "hal",
    [
        "Konseling Pu\u200btri Ayu",  # a zero-width space inside the name
        "Konseling ＡＹＵ",  # full width
    ],
)
def test_the_victims_name_in_a_memos_subject(hal: str) -> None:
    data: dict[str, Any] = example_data("nota_dinas") | {"hal": hal}
    with pytest.raises(SuratError, match="hal: ") as err:
        validate("nota_dinas", data)
    assert "Putri" not in str(err.value) and "ＡＹＵ" not in str(err.value)
