"""Attacks on the case's further documents: a victim's name smuggled into a
free-text field, template syntax typed as data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from referensi_support import seed_books

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


UNDANGAN_FIELDS = [
    ("kepada", 1),
    ("di", None),
    ("lampiran", None),
    ("hal", None),
    ("pertemuan.tempat", None),
    ("pertemuan.acara", None),
    ("pihak", 2),
    ("catatan", None),
    ("tembusan", 0),
]


def _put(data: dict[str, Any], field: str, index: int | None, text: str) -> str:
    """Write *text* into *field* of *data*; the field's path as a message names it."""
    *parents, last = field.split(".")
    target = data
    for key in parents:
        target = target[key]
    if index is None:
        target[last] = text
        return field
    items = list(target.get(last) or [])
    while len(items) <= index:
        items.append("Pihak lain")
    items[index] = text
    target[last] = items
    return f"{field}.{index}"


@pytest.mark.parametrize(("field", "index"), UNDANGAN_FIELDS)
@pytest.mark.parametrize(
    "smuggled",
    [
        "Sdr. Putri Ayu Lestari",
        "Keluarga LESTARI",  # any case
        "Keluarga Ｌｅｓｔａｒｉ",  # full width
        "Orang tua Ayu",  # one word of the name is enough
    ],
)
def test_the_victims_name_smuggled_into_an_invitation(
    field: str, index: int | None, smuggled: str
) -> None:
    """An invitation leaves the office: every text typed into it is read against the
    victim's name, and the one that names her is refused, by its path, before a number."""
    data = example_data("undangan")
    path = _put(data, field, index, smuggled)
    with pytest.raises(SuratError, match=f"{path}: menyebut nama korban") as err:
        validate("undangan", data)
    for word in ("Putri", "Lestari", "LESTARI", "Ｌｅｓｔａｒｉ", "Ayu"):
        assert word not in str(err.value)


def test_a_model_built_without_validation_is_still_refused() -> None:
    model = validate("undangan", example_data("undangan"))
    sneaky = model.model_copy(update={"pihak": ["Ayah kandung Putri"]})
    with pytest.raises(SuratError, match=r"pihak\.0: menyebut nama korban"):
        surat.render("undangan", sneaky, nomor="001/X/2026")


def test_template_syntax_in_an_invitation_is_printed_not_run() -> None:
    data = example_data("undangan")
    data["pertemuan"]["acara"] = "{{ korban.nama }} {%p for x in kepada %}{{ x }}{%p endfor %}"
    data["catatan"] = "{{ ''.__class__.__mro__ }}"
    text = surat.render("undangan", data, nomor="001/X/2026").text()
    assert "{{ korban.nama }} {%p for x in kepada %}{{ x }}{%p endfor %}" in text
    assert "{{ ''.__class__.__mro__ }}" in text and "Lestari" not in text


def test_template_syntax_in_the_minutes_is_printed_not_run() -> None:
    data = example_data("berita_acara")
    data["pihak_pertama"]["nama"] = "{{ pihak_kedua.nama }}"
    data["tempat"] = "{%p for x in uraian %}{{ x }}{%p endfor %}"
    data["kesepakatan"] = ["{{ korban }} {% raw %}x{% endraw %}"]
    text = surat.render("berita_acara", data, nomor="001/X/2026").text()
    assert "Nama\n:\n{{ pihak_kedua.nama }}\n" in text
    assert "bertempat di {%p for x in uraian %}{{ x }}{%p endfor %}," in text
    assert "{{ korban }} {% raw %}x{% endraw %}" in text and "Lestari" not in text


def test_minutes_built_without_validation_are_checked_again() -> None:
    model = validate("berita_acara", example_data("berita_acara"))
    same = model.model_copy(update={"pihak_kedua": model.pihak_pertama})
    with pytest.raises(SuratError, match=r"pihak_kedua\.nama: pihak kedua harus orang lain"):
        surat.render("berita_acara", same, nomor="001/X/2026")
    with pytest.raises(SuratError, match=r"pihak_kedua\.nama"):
        same.agenda(surat.Office.default())  # before a number is taken
    no_deal = model.model_copy(update={"kesepakatan": []})
    with pytest.raises(SuratError, match="kesepakatan: berita acara mediasi"):
        surat.render("berita_acara", no_deal, nomor="001/X/2026")


def test_a_letter_for_a_closed_case_is_refused_before_any_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The approval letter of a case closed in the register: no number, no file; the
    case reopened, the same command goes through."""
    import json

    from surat.cli import main

    db = tmp_path / "agenda.db"
    with surat.Register(db) as reg:
        nr = str(reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16"))
        seed_books(reg, masuk=14)  # the request the approval answers
        reg.close_case(nr, alasan="dicabut", tanggal="2026-11-20")
    data = example_data("persetujuan")
    assert data["korban"]["nomor_registrasi"] == nr
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data))
    out = tmp_path / "p.pdf"
    argv = ["buat", "persetujuan", str(path), "-o", str(out), "--db", str(db)]
    assert main(argv) == 1
    assert f"kasus {nr} ditutup pada 2026-11-20" in capsys.readouterr().err
    assert not out.exists()
    with surat.Register(db) as reg:
        assert reg.entries() == []
        reg.reopen_case(nr, alasan="pelapor mengajukan kembali", tanggal="2026-11-21")
    assert main(argv) == 0 and out.exists()


def test_template_syntax_in_a_closure_report_is_printed_not_run() -> None:
    data = example_data("penutupan")
    data["hasil"] = "{{ penandatangan.nama }}{%p if 1 %}"
    data["layanan"][1]["keterangan"] = "visum et repertum {%r endfor %}{{ b.teks }}"
    text = surat.render("penutupan", data).text()
    assert "{{ penandatangan.nama }}{%p if 1 %}" in text
    assert "visum et repertum {%r endfor %}{{ b.teks }}" in text and "Lestari" not in text
