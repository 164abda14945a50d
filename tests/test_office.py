"""The office profile is data: TOML in, clear errors out; an office's edited copy
of a built-in template serves its kind, checks and all."""

from __future__ import annotations

import io
import shutil
import tomllib
import zipfile
from pathlib import Path

import pytest

import surat
from surat import Office, SuratError
from surat.cli import main
from surat.templating.inspect import copy_template

EXAMPLE = Path(__file__).parent.parent / "examples" / "kantor.toml"
NOMOR = "001/DP3A-PP-KB/PPA/XI/2026"


def test_default_is_batam_from_the_sops() -> None:
    office = Office.default()
    assert office.pemerintah == "PEMERINTAH KOTA BATAM"
    assert office.kode == "DP3A-PP-KB"
    assert office.kota == "Batam"
    kadis = office.official("kepala_dinas")
    assert kadis.nama == "UMIYATI, SE"
    assert kadis.nip == "196210271985032006"
    assert office.signer("persetujuan").jabatan.startswith("Ketua P2TP2A")
    # she signs it under the letterhead she heads (sop-32 step 6), not the Dinas's
    assert office.pimpinan_for("persetujuan") == ("ketua_p2tp2a", "kop.p2tp2a.pimpinan")
    assert office.pimpinan_for("tugas") == ("kepala_dinas", "pimpinan")
    assert office.paraf["persetujuan"] == ["kasi_pha"]
    assert office.tembusan["persetujuan"][0].startswith("Kepala Dinas Pemberdayaan")
    assert office.klasifikasi("persetujuan") == "PPA"


def test_example_profile_loads_and_is_complete(tmp_path: Path) -> None:
    office = Office.from_toml(EXAMPLE)
    assert office.kode
    raw = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    # every top-level field of the model is shown in the example
    assert set(Office.model_fields) <= set(raw) | {"logo"}
    assert "logo" in EXAMPLE.read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "kantor.toml"
    p.write_text(text, encoding="utf-8")
    return p


def _base() -> str:
    return (Path(__file__).parent.parent / "surat" / "kantor.toml").read_text(encoding="utf-8")


def test_unknown_key_names_key_and_file(tmp_path: Path) -> None:
    p = _write(tmp_path, _base().replace('kota = "Batam"', 'kota = "Batam"\nkotta = "x"'))
    with pytest.raises(SuratError) as err:
        Office.from_toml(p)
    assert "kotta" in str(err.value) and str(p) in str(err.value)


def test_mistyped_nested_key(tmp_path: Path) -> None:
    p = _write(tmp_path, _base().replace('lingkup = "tahun"', 'lingkupp = "tahun"'))
    with pytest.raises(SuratError, match=r"penomoran\.lingkupp: isian tidak dikenal"):
        Office.from_toml(p)


def test_bad_values(tmp_path: Path) -> None:
    p = _write(tmp_path, _base().replace('kode = "DP3A-PP-KB"', 'kode = "DP3A/PP"'))
    with pytest.raises(SuratError, match=r"kode: .*'/' dan tanpa spasi"):
        Office.from_toml(p)
    p = _write(tmp_path, _base().replace('kertas = "A4"', 'kertas = "Letter"'))
    with pytest.raises(SuratError, match="kertas"):
        Office.from_toml(p)
    p = _write(tmp_path, _base().replace('nip = "19621027 198503 2 006"', 'nip = "1962"'))
    with pytest.raises(SuratError, match=r"pejabat\.kepala_dinas\.nip: 18 angka"):
        Office.from_toml(p)
    p = _write(tmp_path, _base().replace('persetujuan = "ketua_p2tp2a"', 'persetujuan = "ketua"'))
    with pytest.raises(SuratError, match=r"penandatangan\.persetujuan: pejabat .* tidak dikenal"):
        Office.from_toml(p)


def test_unreadable_and_invalid_toml(tmp_path: Path) -> None:
    with pytest.raises(SuratError, match="tidak dapat dibaca"):
        Office.from_toml(tmp_path / "missing.toml")
    p = _write(tmp_path, "kode = ")
    with pytest.raises(SuratError, match="bukan TOML yang sah"):
        Office.from_toml(p)


def test_logo_is_relative_to_the_profile_and_checked(tmp_path: Path) -> None:
    p = _write(tmp_path, _base().replace('kertas = "A4"', 'kertas = "F4"\nlogo = "lambang.png"'))
    with pytest.raises(SuratError, match=r"kantor\.toml: logo: .*lambang\.png tidak ditemukan"):
        Office.from_toml(p)
    (tmp_path / "lambang.png").write_text("not an image", encoding="utf-8")
    with pytest.raises(SuratError, match="bukan gambar PNG atau JPEG"):
        Office.from_toml(p)
    shipped = Path(__file__).parent.parent / "surat" / "templates" / "lambang.png"
    (tmp_path / "lambang.png").write_bytes(shipped.read_bytes())
    office = Office.from_toml(p)
    assert office.logo == tmp_path / "lambang.png"
    assert office.kertas == "F4"


def test_office_is_immutable() -> None:
    office = Office.default()
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen error
        office.kode = "X"  # type: ignore[misc]


# -- an office's own copy of a built-in template --------------------------------


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
    shutil.copy(EXAMPLE, kantor)
    tpl = copy_template("persetujuan", tmp_path / "templat")
    edit(tpl, "Demikian disampaikan", "Demikian kami sampaikan")
    with kantor.open("a", encoding="utf-8") as f:
        f.write('persetujuan = "templat/persetujuan.docx"\n')  # under the [templat] table
    return kantor


def test_the_profile_template_serves_the_kind(profile: Path) -> None:
    office = Office.from_toml(profile)
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
    with pytest.raises(SuratError) as exc:
        surat.render("persetujuan", bad, office=office, nomor=NOMOR)
    assert exc.value.errors[0].path == "pendamping.0.nip"
    # other kinds keep the built-in template
    assert (
        "Demikian kami sampaikan"
        not in surat.render("tugas", surat.example_data("tugas"), office=office, nomor=NOMOR).text()
    )


def test_a_missing_profile_template_stops_loading(profile: Path) -> None:
    (profile.parent / "templat" / "persetujuan.docx").unlink()
    with pytest.raises(SuratError, match=r"templat\.persetujuan: .* tidak ditemukan"):
        Office.from_toml(profile)


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
    office = Office.from_toml(profile)
    with pytest.raises(SuratError, match=r"korban\.nama"):
        surat.render("persetujuan", surat.example_data("persetujuan"), office=office, nomor=NOMOR)


def test_periksa_accepts_an_unedited_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for kind in surat.letters.KINDS:
        tpl = copy_template(kind, tmp_path)
        assert main(["templat", "periksa", str(tpl)]) == 0, capsys.readouterr().err
        assert f"semua isian tersedia pada surat {kind}" in capsys.readouterr().out


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
    with pytest.raises(SuratError, match=r"bukan berkas \.docx"):
        surat.render(io.BytesIO(b"%PDF-1.7"), {})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["undangan.docx"]


# -- letterheads and their heads ---------------------------------------------------------


def _shipped() -> dict[str, Office]:
    from importlib import resources

    starter = resources.files("surat").joinpath("starter/kantor.toml").read_text("utf-8")
    return {
        "surat/kantor.toml": Office.default(),
        "examples/kantor.toml": Office.from_toml(EXAMPLE),
        "surat contoh kantor": Office.from_toml_string(starter, source="starter"),
    }


@pytest.mark.parametrize(
    "name", ["surat/kantor.toml", "examples/kantor.toml", "surat contoh kantor"]
)
def test_every_kind_renders_under_every_shipped_profile(name: str) -> None:
    """Each shipped profile, as it is, passes the signer rule for every kind, and each
    letter prints its letterhead and its signer."""
    from surat import render
    from surat.letters import KINDS, NUMBERED, example_data, kop_context

    office = _shipped()[name]
    for kind in KINDS:
        nomor = "001/X/2026" if kind in NUMBERED else None
        text = render(kind, example_data(kind), office=office, nomor=nomor).text()
        if kind not in ("permohonan", "pernyataan"):  # a citizen's own letters have no kop
            assert kop_context(office, kind)["nama"] in text, kind
        if kind in ("persetujuan", "tugas", "konseling"):
            assert f"{office.signer(kind).jabatan}," in text, kind
    assert kop_context(office, "persetujuan")["nama"].endswith("(P2TP2A) KOTA BATAM")


def test_old_profile_without_heads_still_loads() -> None:
    """A profile written before letterheads had heads: no pimpinan, no [kop.*]; its own
    letterhead's head is the kepala_dinas."""
    old = _base().replace('pimpinan = "kepala_dinas"', "")
    old = old[: old.index("# The approval letter is signed")]
    office = Office.from_toml_string(old)
    assert office.pimpinan == "kepala_dinas" and office.kop == {}
    assert office.pimpinan_for("persetujuan") == ("kepala_dinas", "pimpinan")


def test_letterhead_heads_are_checked(tmp_path: Path) -> None:
    p = _write(tmp_path, _base().replace('pimpinan = "ketua_p2tp2a"\n', ""))
    with pytest.raises(SuratError, match=r"kop\.p2tp2a\.pimpinan: pimpinan kop belum diisi"):
        Office.from_toml(p)
    p = _write(tmp_path, _base().replace('pimpinan = "ketua_p2tp2a"', 'pimpinan = "ketua"'))
    with pytest.raises(SuratError, match=r"kop\.p2tp2a\.pimpinan: pejabat 'ketua' tidak dikenal"):
        Office.from_toml(p)
    p = _write(tmp_path, _base().replace('pimpinan = "kepala_dinas"', 'pimpinan = "kadis"'))
    with pytest.raises(SuratError, match=r"pimpinan: pejabat 'kadis' tidak dikenal") as err:
        Office.from_toml(p)
    assert str(p) in str(err.value)


def test_a_unit_letterhead_lists_its_induk() -> None:
    """A UPTD (induk = "kantor") prints the government line and the Dinas above its name."""
    from surat.letters import kop_context

    unit = (
        '\n[kop.uptd]\ninduk = "kantor"\nnama = "UPTD PPA KOTA BATAM"\nalamat = "Jl. Raja Isa"\n'
        'pimpinan = "kabid"\n[kop.pos]\ninduk = "uptd"\nnama = "POS PPA"\nalamat = "Pos"\n'
        'pimpinan = "kasi_pha"\n'
    )
    text = _base().replace('persetujuan = "p2tp2a"', 'persetujuan = "uptd"\ntugas = "pos"')
    office = Office.from_toml_string(text + unit)
    kop = kop_context(office, "persetujuan")
    assert (kop["pemerintah"], kop["induk"], kop["nama"], kop["alamat"]) == (
        "PEMERINTAH KOTA BATAM",
        [office.nama],
        "UPTD PPA KOTA BATAM",
        "Jl. Raja Isa",
    )
    pos = kop_context(office, "tugas")  # a unit of a unit: every line above, from the top
    assert pos["induk"] == [office.nama, "UPTD PPA KOTA BATAM"] and pos["nama"] == "POS PPA"
    own = kop_context(office, "konseling")
    assert own["induk"] == [] and own["nama"] == office.nama
