"""Templates: the shipped ones match their build script; an office's own ones work safely."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from lxml import etree

import surat
from surat import render
from surat.errors import SuratError
from surat.letters import KINDS, example_data
from surat.templating.engine import TEMPLATES
from surat.templating.inspect import check_template, copy_template, template_fields
from tools import build_templates as build


def structure(path_or_bytes: Path | bytes) -> bytes:
    source = path_or_bytes if isinstance(path_or_bytes, bytes) else path_or_bytes.read_bytes()
    d = docx.Document(io.BytesIO(source))
    parts = [d.element.body]
    for section in d.sections:
        parts += [section.footer._element, section.first_page_footer._element]
        parts += [section.header._element, section.first_page_header._element]
    return b"".join(bytes(etree.tostring(p, method="c14n")) for p in parts)


def office_template(tmp_path: Path, *lines: str, name: str = "ours.docx") -> Path:
    """A small .docx of an office's own making, one paragraph per line."""
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    path = tmp_path / name
    d.save(str(path))
    return path


# -- the shipped templates ------------------------------------------------------


def test_committed_templates_match_the_build_script(tmp_path: Path) -> None:
    assert set(build.BUILDERS) == {*KINDS, "kronologi", "laporan"}  # one builder each
    build.build(tmp_path, with_emblem=False)
    for kind in (*KINDS, "kronologi", "laporan"):
        committed = TEMPLATES / f"{kind}.docx"
        fresh = tmp_path / f"{kind}.docx"
        assert structure(committed) == structure(fresh), (
            f"{kind}.docx differs from its build script: run python tools/build_templates.py"
        )
        assert (
            docx.Document(str(committed)).core_properties.title
            == docx.Document(str(fresh)).core_properties.title
        )
    assert (TEMPLATES / "lambang.png").read_bytes().startswith(b"\x89PNG")


def test_fields_of_the_shipped_templates() -> None:
    fields = check_template(TEMPLATES / "persetujuan.docx")
    for f in (
        "korban.inisial",
        "korban.nomor_registrasi",
        "surat.nomor",
        "surat.tanggal_teks",
        "pendamping[].nama",
        "penandatangan.nama",
        "paraf[].jabatan",
        "kop.logo",
    ):
        assert f in fields
    assert not any(f.startswith("korban.nama") for f in fields)
    assert "loop.index" not in fields and "loop" not in fields
    assert "klien.inisial" in template_fields(TEMPLATES / "konseling.docx")


# -- an office's own template ---------------------------------------------------


def test_custom_template(tmp_path: Path) -> None:
    path = office_template(
        tmp_path,
        "Nomor {{ surat.nomor }}, {{ surat.tanggal_teks }}",
        "Kepada {{ penerima.nama }} & {{ penerima.alamat }}",
        "Dibayar {{ jumlah|rupiah }} ({{ jumlah|terbilang }} rupiah)"
        " pada {{ hari_h|tanggal_full }}",
        "{{ kop.pemerintah }} / {{ pejabat.kepala_dinas.nama }} / {{ pejabat.kepala_dinas.nip }}",
        "{%p for o in orang %}",
        "{{ loop.index }}. {{ o.nama }}",
        "{%p endfor %}",
    )
    d = render(
        path,
        {
            "tanggal": "2026-11-22",
            "penerima": {"nama": "PT Maju & Jaya", "alamat": "{{ x }}"},
            "jumlah": 1_500_000,
            "hari_h": "2026-11-23",
            "orang": [{"nama": "A <b>"}, {"nama": "B"}],
            "tembusan": ["Arsip"],
        },
        nomor="007/X/2026",
    )
    text = d.text()
    assert "Nomor 007/X/2026, Batam, 22 November 2026" in text
    assert "Kepada PT Maju & Jaya & {{ x }}" in text
    assert (
        "Dibayar Rp1.500.000,00 (satu juta lima ratus ribu rupiah) pada Senin, 23 November" in text
    )
    assert "PEMERINTAH KOTA BATAM / UMIYATI, SE / 19621027 198503 2 006" in text
    assert "1. A <b>" in text and "2. B" in text
    assert d.kind == "ours" and d.nomor == "007/X/2026" and d.tembusan == ("Arsip",)
    assert check_template(path) == [
        "hari_h",
        "jumlah",
        "kop.pemerintah",
        "orang[].nama",
        "pejabat.kepala_dinas.nama",
        "pejabat.kepala_dinas.nip",
        "penerima.alamat",
        "penerima.nama",
        "surat.nomor",
        "surat.tanggal_teks",
    ]


def test_missing_field_is_named(tmp_path: Path) -> None:
    path = office_template(tmp_path, "Kepada {{ penerima.nama }} di {{ penerima.kota }}")
    with pytest.raises(SuratError, match=r"ours\.docx: penerima\.kota: the template needs"):
        render(path, {"penerima": {"nama": "Rahasia Sekali"}})
    with pytest.raises(SuratError, match=r"ours\.docx: penerima: the template needs"):
        render(path, {})


def test_printing_an_empty_field_is_an_error_not_a_blank(tmp_path: Path) -> None:
    path = office_template(tmp_path, "Nama: {{ korban.nama }}", "{{ surat.nomor }}")
    with pytest.raises(SuratError, match=r"korban\.nama: the template prints this field but"):
        render(path, {"korban": {"nama": None}}, nomor="1")
    with pytest.raises(SuratError, match=r"surat\.nomor: the template prints this field"):
        render(path, {"korban": {"nama": "X"}})
    guarded = office_template(tmp_path, "{% if catatan %}{{ catatan }}{% endif %}.", name="g.docx")
    assert render(guarded, {"catatan": None}).text().strip() == "."


def test_over_long_one_line_value_is_refused(tmp_path: Path) -> None:
    path = office_template(tmp_path, "{{ a.b }}")
    with pytest.raises(SuratError, match=r"a\.b: too long for one line"):
        render(path, {"a": {"b": "x" * 10_000}})
    assert "x\nx" in render(path, {"a": {"b": "x\n" * 5}}).text()


def test_sandbox(tmp_path: Path) -> None:
    path = office_template(tmp_path, "{{ nama.__class__.__mro__ }}")
    with pytest.raises(SuratError, match=r"ours\.docx: unsafe template"):
        render(path, {"nama": "x"})
    path = office_template(tmp_path, "{{ daftar.append(1) }}", name="m.docx")
    with pytest.raises(SuratError, match=r"m\.docx: unsafe template"):
        render(path, {"daftar": []})


def test_error_messages_never_quote_values(tmp_path: Path) -> None:
    path = office_template(tmp_path, "{{ umur|terbilang }} {{ nik|nip }}")
    with pytest.raises(SuratError) as err:
        render(path, {"umur": "sembilan-RAHASIA", "nik": "2171015708900001"})
    assert "RAHASIA" not in str(err.value) and "2171" not in str(err.value)


def test_syntax_error_is_reported_with_nearby_text(tmp_path: Path) -> None:
    path = office_template(
        tmp_path,
        "Paragraf pembuka yang benar.",
        "Hal: {{ surat.hal }",
        "Paragraf penutup.",
    )
    with pytest.raises(SuratError, match=r"ours\.docx: template syntax error: .* near: «.*Hal:"):
        check_template(path)
    with pytest.raises(SuratError, match=r"ours\.docx: template syntax error"):
        render(path, {"surat": {"hal": "x"}})


def test_unknown_filter_is_reported(tmp_path: Path) -> None:
    path = office_template(tmp_path, "Tanggal {{ tgl|tanggalan }}")
    with pytest.raises(SuratError, match=r"No filter named 'tanggalan'.* near: «Tanggal"):
        check_template(path)


def test_not_a_docx(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(SuratError, match=r"bad\.docx: not a \.docx file"):
        check_template(bad)
    with pytest.raises(SuratError, match=r"a \.docx template expected"):
        check_template(tmp_path / "x.odt")


def test_copy_template(tmp_path: Path) -> None:
    target = copy_template("tugas", tmp_path)
    assert target == tmp_path / "tugas.docx"
    assert target.read_bytes() == (TEMPLATES / "tugas.docx").read_bytes()
    with pytest.raises(SuratError, match="already exists"):
        copy_template("tugas", tmp_path)
    assert copy_template("tugas", tmp_path, overwrite=True) == target
    with pytest.raises(SuratError, match="jenis: one of"):
        copy_template("undangan", tmp_path)
    # a missing folder is made, owner-only
    made = copy_template("tugas", tmp_path / "kantor" / "templat")
    assert made.is_file() and (tmp_path / "kantor" / "templat").stat().st_mode & 0o077 == 0
    (tmp_path / "berkas").write_text("x", encoding="utf-8")
    with pytest.raises(SuratError, match="cannot create the folder"):
        copy_template("tugas", tmp_path / "berkas" / "templat")
    # the copy renders like the original, as an office template
    d = render(target, {"tanggal": "2026-11-23"} | _tugas_context(), nomor="1")
    assert "SURAT TUGAS" in d.text()


def _tugas_context() -> dict[str, object]:
    from datetime import date

    from surat import letters

    model = letters.validate("tugas", example_data("tugas"))
    ctx = letters.build_context(
        "tugas", model, surat.Office.default(), tanggal=date(2026, 11, 23), nomor="1"
    )
    del ctx["kop"], ctx["surat"]
    return ctx
