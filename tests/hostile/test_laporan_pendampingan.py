"""Attacks on the companion's report: text typed into it run as a template, or carried
into the register's SOP steps, or a forged model dated before its assistance."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import surat
from surat import SuratError
from surat.letters import example_data, validate
from surat.letters.laporan_pendampingan import LaporanPendampingan

KIND = "laporan_pendampingan"


def test_template_syntax_in_the_report_is_printed_not_run() -> None:
    data = example_data(KIND)
    data["kegiatan"] = "{{ korban.nama }} {% for x in pendamping %}X{% endfor %}"
    data["hasil"] = "{_{ kop }_} {{ penandatangan.__class__ }}"
    data["tindak_lanjut"] = ["{%p if 1 %}visum et repertum{%p endif %}"]
    text = surat.render(KIND, data).text()
    assert "{{ korban.nama }} {% for x in pendamping %}X{% endfor %}" in text
    assert "{_{ kop }_} {{ penandatangan.__class__ }}" in text
    assert "{%p if 1 %}visum et repertum{%p endif %}" in text
    assert "Lestari" not in text


def test_names_typed_in_the_report_never_reach_the_register(tmp_path: Path) -> None:
    """The step's note is built from the surat tugas's number only: a name in the
    text of the report, the place or the tugas number field stays out of the register."""
    data = example_data(KIND)
    data["kegiatan"] = "Putri Ayu Lestari diantar ibunya Sri Wahyuningsih"
    data["pelaksanaan"]["tempat"] = "Rumah Sri Wahyuningsih"
    with surat.Register(tmp_path / "agenda.db") as reg:
        case = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16").nomor
        data["korban"]["nomor_registrasi"] = case
        model = validate(KIND, data)
        assert isinstance(model, LaporanPendampingan)
        reg.record_step(**model.langkah())
        (step,) = reg.steps(case)
        reg.export(tmp_path / "kasus.csv", buku="kasus")
    assert "Wahyuningsih" not in step.catatan and "Lestari" not in step.catatan
    assert "Wahyuningsih" not in repr(step) and "Lestari" not in repr(model)
    exported = (tmp_path / "kasus.csv").read_text(encoding="utf-8")
    assert "Wahyuningsih" not in exported and "Lestari" not in exported


def test_a_model_built_without_validation_is_checked_at_render() -> None:
    model = validate(KIND, example_data(KIND))
    assert isinstance(model, LaporanPendampingan)
    forged = LaporanPendampingan.model_construct(**{**dict(model), "tanggal": None})
    # undated: today; a report dated before its assistance is refused when the day comes
    with pytest.raises(SuratError, match="tanggal: laporan tidak boleh bertanggal sebelum"):
        surat.letters.build_context(
            KIND, forged, surat.Office.default(), tanggal=date(2026, 11, 24)
        )
