"""A custom template cannot run code, write or read files, or reach any library object.

Each attack is an office template as someone who wants to run code would
write it. They were all let through once: ``kop.logo`` was docxtpl's
InlineImage, whose ``.tpl`` is the DocxTemplate behind the letter.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

import surat
from surat import render
from surat.cli import main as cli
from surat.errors import SuratError
from surat.templating import engine
from surat.templating.inspect import check_template
from surat.templating.sandbox import plain

from .template_files import office_template

# -- the attacks that got through ---------------------------------------------------


def test_render_properties_does_not_run_a_shell_command(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    command = f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}"
    path = office_template(
        tmp_path, "{{ kop.logo.tpl.render_properties({}) }}", title=command, subject=command
    )
    with pytest.raises(SuratError, match=r"ours\.docx: templat tidak aman"):
        render(path, {})
    assert not marker.exists()
    # The properties alone: never rendered at all (not even in the sandbox).
    quiet = office_template(tmp_path, "Isi surat.", name="quiet.docx", title=command)
    d = render(quiet, {})
    assert not marker.exists()
    assert docx.Document(io.BytesIO(d.docx)).core_properties.title == "quiet"


def test_tpl_save_does_not_overwrite_a_register(tmp_path: Path) -> None:
    db = tmp_path / "agenda.db"
    reg = surat.Register(str(db))
    reg.issue(perihal="Undangan", tujuan="Camat")
    before = db.read_bytes()
    path = office_template(tmp_path, f"{{{{ kop.logo.tpl.save('{db}') }}}}")
    with pytest.raises(SuratError, match=r"kop\.logo\.tpl\.save\(\.\.\.\)"):
        render(path, {})
    assert db.read_bytes() == before


def test_replace_zipname_does_not_copy_a_local_file_into_the_letter(tmp_path: Path) -> None:
    secret = tmp_path / "rahasia.txt"
    secret.write_text("ISI-RAHASIA-KANTOR", encoding="utf-8")
    path = office_template(
        tmp_path,
        f"{{{{ kop.logo.tpl.replace_zipname('docProps/core.xml', '{secret}') }}}}",
        "{{ kop.logo }}",
    )
    with pytest.raises(SuratError, match=r"kop\.logo\.tpl\.replace_zipname\(\.\.\.\)"):
        render(path, {})


def test_templat_periksa_reports_the_three_as_unsafe_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = office_template(
        tmp_path,
        "{{ kop.logo.tpl.render_properties({}) }}",
        "{{ kop.logo.tpl.save('agenda.db') }}",
        "{{ kop.logo.tpl.replace_zipname('docProps/core.xml', '/etc/hostname') }}",
        "Kepada {{ penerima.nama }}",
    )
    with pytest.raises(SuratError) as err:
        check_template(path)
    message = str(err.value)
    for expr in ("render_properties", "save", "replace_zipname"):
        assert f"kop.logo.tpl.{expr}(...)" in message
    assert "3 ungkapan" in message and "penerima" not in message
    assert cli(["templat", "periksa", str(path)]) == 1
    err_text = capsys.readouterr().err
    assert "templat tidak aman" in err_text and "kop.logo.tpl.save(...)" in err_text


# -- more ways out, each refused by the checker -------------------------------------

ESCAPES = {
    "dunder chain": "{{ nama.__class__.__mro__ }}",
    "self": "{{ self }}",
    "self internals": "{{ self._TemplateReference__context }}",
    "lipsum": "{{ lipsum(100, False, 10000, 10000) }}",
    "cycler globals": "{{ cycler.__init__.__globals__ }}",
    "joiner": "{{ joiner('x')() }}",
    "namespace internals": "{{ namespace.__init__ }}",
    "include": "{% include '/etc/passwd' %}",
    "import": "{% import 'os' as os %}",
    "from import": "{% from 'x' import y %}",
    "extends": "{% extends 'base.docx' %}",
    "format string": "{{ '{0.__class__}'.format(nama) }}",
    "format_map": "{{ '{x.__class__}'.format_map({'x': nama}) }}",
    "getitem dunder": "{{ nama['__class__'] }}",
    "recursive loop": "{% for x in daftar recursive %}{{ loop(x.anak) }}{% endfor %}",
    "method of a result": "{{ (nama|upper).encode('utf-8') }}",
    "call of a call": "{{ dict(a=1).items().mapping }}",
    "loop object": "{% for x in daftar %}{{ loop.__class__ }}{% endfor %}",
    "emblem object": "{{ kop.logo.width }}",
}


@pytest.mark.parametrize("expr", list(ESCAPES.values()), ids=list(ESCAPES))
def test_checker_refuses_every_way_out(tmp_path: Path, expr: str) -> None:
    path = office_template(tmp_path, f"Halo {expr}")
    with pytest.raises(SuratError, match=r"ours\.docx: templat tidak aman: menjangkau di luar"):
        check_template(path)
    with pytest.raises(SuratError, match=r"ours\.docx: templat tidak aman"):
        render(path, {"nama": "Budi", "daftar": [{"anak": []}]})


RUNTIME = {
    **ESCAPES,
    "attr filter": "{{ nama|attr('__class__') }}",
    "format filter": "{{ '%s'|format(nama) }}",
    "safe filter": "{{ nama|safe }}",
}


@pytest.mark.parametrize("expr", list(RUNTIME.values()), ids=list(RUNTIME))
def test_sandbox_holds_even_when_the_checker_is_bypassed(tmp_path: Path, expr: str) -> None:
    """The checker is a courtesy: the environment itself allows only plain data.

    ``_fill`` is what runs after the checker, in the child process; called
    directly, nothing checks the template first.
    """
    path = office_template(tmp_path, f"Halo {expr}")
    context = plain({"nama": "Budi <w:t>", "daftar": [{"anak": []}], "kop": {}})
    with pytest.raises(SuratError) as err:
        engine.fill(path.read_bytes(), context, surat.Office.default(), "ours.docx", "ours")
    assert str(err.value).startswith("ours.docx: ") and "Budi" not in str(err.value)


def test_only_plain_data_goes_into_a_template(tmp_path: Path) -> None:
    """A library object in the data is refused, not handed to the template."""
    target = tmp_path / "ditimpa.docx"
    letter = surat.Document(docx=b"PK", kind="x")
    path = office_template(tmp_path, "{{ surat_lain.save('" + str(target) + "') }}")
    with pytest.raises(SuratError, match=r"surat_lain: Document tidak dapat masuk ke templat"):
        render(path, {"surat_lain": letter})
    assert not target.exists()
    reg = surat.Register(str(tmp_path / "agenda.db"))
    with pytest.raises(SuratError, match=r"x\.y\[0\]: Register tidak dapat masuk ke templat"):
        render(path, {"x": {"y": [reg]}})
    with pytest.raises(SuratError, match=r"fungsi: builtin_function_or_method tidak dapat"):
        render(path, {"fungsi": open})


def test_macro_recursion_is_a_clear_error(tmp_path: Path) -> None:
    path = office_template(
        tmp_path, "{% macro f(n) %}{{ f(n) }}{{ f(n) }}{% endmacro %}", "{{ f(1) }}"
    )
    with pytest.raises(SuratError, match=r"ours\.docx: templat memanggil dirinya terlalu dalam"):
        render(path, {})


def test_what_templates_legitimately_do_still_works(tmp_path: Path) -> None:
    path = office_template(
        tmp_path,
        "{{ nama|upper }} {{ nama.title() }} {{ nama.strip().split()|length }}",
        "{% for k, v in tabel.items() %}{{ k }}={{ v }};{% endfor %}",
        "{% set ns = namespace(n=0) %}{% for o in orang %}{% set ns.n = ns.n + o.umur %}"
        "{{ loop.index }}. {{ o.nama ~ '!' }} {% endfor %}total {{ ns.n }}",
        "{% macro salam(x) %}Yth. {{ x }}{% endmacro %}{{ salam(nama) }}",
        "{{ hari_h.year }} {{ hari_h|tanggal }} {{ range(3)|join(',') }} {{ kop.logo }}",
        "{{ 2 ** 10 }} {{ 'ab' * 3 }} {{ orang|map(attribute='nama')|join('/') }}",
    )
    from datetime import date

    d = render(
        path,
        {
            "nama": "budi santoso",
            "tabel": {"a": 1, "b": 2},
            "orang": [{"nama": "A", "umur": 3}, {"nama": "B", "umur": 4}],
            "hari_h": date(2026, 11, 23),
        },
    )
    text = d.text()
    assert "BUDI SANTOSO Budi Santoso 2" in text
    assert "a=1;b=2;" in text
    assert "1. A! 2. B! total 7" in text
    assert "Yth. budi santoso" in text
    assert "2026 23 November 2026 0,1,2" in text
    assert "1024 ababab A/B" in text
    with zipfile.ZipFile(io.BytesIO(d.docx)) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    assert len(media) == 1  # the emblem, placed after rendering


def test_headers_footers_and_properties_are_checked_or_never_rendered(tmp_path: Path) -> None:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "{{ kop.logo.tpl.save('agenda.db') }}"
    d.sections[0].footer.paragraphs[0].text = "{{ nama.__class__ }}"
    d.add_paragraph("Yth. {{ nama }}")
    path = tmp_path / "kepala.docx"
    d.save(str(path))
    with pytest.raises(SuratError) as err:
        check_template(path)
    assert "kop.logo.tpl.save(...)" in str(err.value) and "nama.__class__" in str(err.value)
    with pytest.raises(SuratError, match=r"kepala\.docx: templat tidak aman"):
        render(path, {"nama": "Budi"})
    # and when headers are plain, their placeholders are filled in, in the sandbox
    d.sections[0].header.paragraphs[0].text = "Kop {{ kop.logo }} {{ nama|upper }}"
    d.sections[0].footer.paragraphs[0].text = "Halaman kaki {{ surat.tanggal_teks }}"
    d.save(str(path))
    letter = docx.Document(io.BytesIO(render(path, {"nama": "Budi"}).docx))
    assert letter.sections[0].header.paragraphs[0].text.strip() == "Kop  BUDI"
    assert letter.sections[0].footer.paragraphs[0].text.startswith("Halaman kaki Batam, ")
