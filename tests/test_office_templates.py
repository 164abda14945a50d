"""An office's edited copy of a built-in template serves its kind, checks and all."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

import surat
from surat.cli import main
from surat.templating.inspect import copy_template

EXAMPLES = Path(__file__).parent.parent / "examples"
NOMOR = "001/DP3A-PP-KB/PPA/XI/2026"


def edit(path: Path, old: str, new: str) -> None:
    """Change the text of a .docx's body as an office would in Word."""
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    assert old in xml, old
    parts["word/document.xml"] = xml.replace(old, new, 1).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    """An office profile whose persetujuan template is its own edited copy."""
    kantor = tmp_path / "kantor.toml"
    shutil.copy(EXAMPLES / "kantor.toml", kantor)
    tpl = copy_template("persetujuan", tmp_path / "templat")
    edit(tpl, "Demikian disampaikan", "Demikian kami sampaikan")
    with kantor.open("a", encoding="utf-8") as f:
        f.write('persetujuan = "templat/persetujuan.docx"\n')  # under the [templat] table
    return kantor


def test_the_profile_template_serves_the_kind(profile: Path) -> None:
    office = surat.Office.from_toml(profile)
    assert office.templat["persetujuan"] == profile.parent / "templat" / "persetujuan.docx"
    data = surat.example_data("persetujuan")
    doc = surat.render("persetujuan", data, office=office, nomor=NOMOR)
    text = doc.text()
    assert "Demikian kami sampaikan" in text  # the office's layout
    assert NOMOR in text and "P.A.L." in text  # the kind's context: initials
    assert data["korban"]["nama"] not in text
    assert doc.kind == "persetujuan" and doc.tembusan  # the kind's tembusan rules
    # the kind's validation still applies
    bad = {**data, "pendamping": [{**data["pendamping"][0], "nip": "123"}]}
    with pytest.raises(surat.SuratError) as exc:
        surat.render("persetujuan", bad, office=office, nomor=NOMOR)
    assert exc.value.errors[0].path == "pendamping.0.nip"
    # other kinds keep the built-in template
    assert (
        "Demikian kami sampaikan"
        not in surat.render("tugas", surat.example_data("tugas"), office=office, nomor=NOMOR).text()
    )


def test_a_missing_profile_template_stops_loading(profile: Path) -> None:
    (profile.parent / "templat" / "persetujuan.docx").unlink()
    with pytest.raises(surat.SuratError, match=r"templat\.persetujuan: .* not found"):
        surat.Office.from_toml(profile)


def test_an_edited_template_cannot_print_the_victims_name(
    profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tpl = profile.parent / "templat" / "persetujuan.docx"
    edit(tpl, "korban.inisial", "korban.nama")
    # periksa names the field the kind does not provide (kind from the file name)
    assert main(["templat", "periksa", str(tpl)]) == 1
    err = capsys.readouterr().err
    assert "korban.nama" in err and "persetujuan" in err
    assert main(["templat", "periksa", str(tpl), "--jenis", "tugas"]) == 1
    # and rendering refuses it: the context holds initials only
    office = surat.Office.from_toml(profile)
    with pytest.raises(surat.SuratError, match=r"korban\.nama"):
        surat.render("persetujuan", surat.example_data("persetujuan"), office=office, nomor=NOMOR)


def test_periksa_accepts_an_unedited_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for kind in surat.letters.KINDS:
        tpl = copy_template(kind, tmp_path)
        assert main(["templat", "periksa", str(tpl)]) == 0, capsys.readouterr().err
        assert f"provided by the {kind} letter" in capsys.readouterr().out


def test_a_custom_template_from_a_stream(tmp_path: Path) -> None:
    from docx import Document as Docx

    d = Docx()
    d.add_paragraph("Undangan untuk {{ nama }}, nomor {{ surat.nomor }}")
    upload = io.BytesIO()
    d.save(upload)
    upload.seek(0)
    doc = surat.render(upload, {"nama": "Rapat & Koordinasi"}, nomor="7/UND/2026")
    assert "Undangan untuk Rapat & Koordinasi, nomor 7/UND/2026" in doc.text()
    path = tmp_path / "undangan.docx"
    path.write_bytes(upload.getvalue())
    with path.open("rb") as f:  # an open file: its name names the letter
        assert surat.render(f, {"nama": "X"}, nomor="8/UND/2026").kind == "undangan"
    with pytest.raises(surat.SuratError, match=r"not a \.docx"):
        surat.render(io.BytesIO(b"%PDF-1.7"), {})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["undangan.docx"]
