"""No personal data in a letter's properties or in a template's error messages."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest

import surat
from surat import render
from surat.errors import SuratError

from .template_files import add_members, office_template

NAME = "Siti Aminah Rahasia"
ADDRESS = "Jl. Melati Gg. Buntu No. 7 RT 02"
OFFICE = surat.Office.default()

_CUSTOM = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Korban">'
    f"<vt:lpwstr>{NAME}</vt:lpwstr></property></Properties>"
)


def _template_with_names_in_its_properties(folder: Path) -> Path:
    """Properties typed as placeholders, and ones left by whoever saved it last."""
    path = office_template(
        folder,
        "Perihal pendampingan {{ korban.inisial }}",
        title="{{ korban.nama }}",
        author="{{ korban.nama }}",
        subject="{{ korban.nama }}",
        keywords=NAME,
        comments=NAME,
        category=NAME,
        last_modified_by=NAME,
    )
    with zipfile.ZipFile(path) as z:
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("_rels/.rels").decode()
        app = z.read("docProps/app.xml").decode() if "docProps/app.xml" in z.namelist() else ""
    types = types.replace(
        "</Types>",
        '<Override PartName="/docProps/custom.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
    )
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
    )
    app = re.sub(r"</Properties>", f"<Company>{NAME}</Company><Manager>{NAME}</Manager>\\g<0>", app)
    add_members(
        path,
        {
            "[Content_Types].xml": types.encode(),
            "_rels/.rels": rels.encode(),
            "docProps/app.xml": app.encode(),
            "docProps/custom.xml": _CUSTOM.encode(),
        },
        replace=True,
    )
    return path


def test_names_never_reach_the_letters_properties_nor_the_pdf_info(tmp_path: Path) -> None:
    path = _template_with_names_in_its_properties(tmp_path)
    d = render(path, {"korban": {"nama": NAME, "inisial": "S.A.R."}})
    with zipfile.ZipFile(io.BytesIO(d.docx)) as z:
        for member in z.namelist():
            data = z.read(member)
            assert b"Siti" not in data and b"Aminah" not in data, member
        assert "docProps/custom.xml" not in z.namelist()
    props = docx.Document(io.BytesIO(d.docx)).core_properties
    assert props.title == "ours" and props.author == OFFICE.nama
    assert props.last_modified_by == "" and props.subject == "" and props.keywords == ""
    info = pypdf.PdfReader(io.BytesIO(d.to_pdf())).metadata or {}
    assert not [k for k, v in info.items() if "Siti" in str(v) or "Aminah" in str(v)]
    assert info.get("/Title") in (None, "ours")


def test_builtin_letters_carry_office_level_properties_only() -> None:
    data = surat.letters.example_data("persetujuan")
    d = render("persetujuan", data, nomor="001/DP3A-PP-KB/PPA/XI/2026")
    props = docx.Document(io.BytesIO(d.docx)).core_properties
    assert props.title == "Surat Persetujuan Pendampingan"
    assert props.author == OFFICE.nama and props.last_modified_by == ""
    with zipfile.ZipFile(io.BytesIO(d.docx)) as z:
        app = z.read("docProps/app.xml")
    assert re.findall(rb"<(\w+)", app) == [b"Properties", b"Application"]


LOOKUPS = {
    "{{ wilayah[pelapor.alamat] }}": "wilayah[pelapor.alamat]: kunci itu tidak ada",
    "{{ orang[pelapor.umur] }}": "orang[pelapor.umur]: butir itu tidak ada",
    "{{ kosong[pelapor.alamat] }}": "kosong[pelapor.alamat]: kosong tidak berisi",
    "{% for x in wilayah[pelapor.alamat] %}{{ x }}{% endfor %}": (
        "wilayah[pelapor.alamat]: kunci itu tidak ada"
    ),
}
DATA = {
    "wilayah": {"Batam Kota": "I"},
    "orang": ["A"],
    "kosong": None,
    "pelapor": {"alamat": ADDRESS, "umur": 42},
}


@pytest.mark.parametrize("expr", list(LOOKUPS))
def test_lookup_error_names_the_expression_not_the_value(tmp_path: Path, expr: str) -> None:
    path = office_template(tmp_path, f"Wilayah: {expr}")
    with pytest.raises(SuratError) as err:
        render(path, DATA)
    assert str(err.value) == f"ours.docx: {LOOKUPS[expr]}"
    assert "Melati" not in str(err.value) and "42" not in str(err.value)


def test_other_errors_name_where_not_what(tmp_path: Path) -> None:
    path = office_template(tmp_path, "Bulan {{ pelapor.alamat|romawi }}.")
    with pytest.raises(SuratError) as err:
        render(path, DATA)
    message = str(err.value)
    assert "Melati" not in message
    assert "(ValueError)" in message and "pelapor.alamat|romawi" in message


def test_the_agenda_keeps_the_safe_reason(tmp_path: Path) -> None:
    path = office_template(tmp_path, "Wilayah: {{ wilayah[pelapor.alamat] }}")
    reg = surat.Register(str(tmp_path / "agenda.db"))
    with (
        pytest.raises(SuratError),
        reg.reserve(perihal="Pemberitahuan", tujuan="Camat Batam Kota") as n,
    ):
        render(path, DATA, nomor=n)
    entry = next(e for e in reg.entries() if e.nomor == n.nomor)
    assert entry.status == "batal"
    assert entry.alasan == "SuratError: ours.docx: wilayah[pelapor.alamat]: kunci itu tidak ada"
