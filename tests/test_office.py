"""The office profile is data: TOML in, clear errors out."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from surat import Office, SuratError

EXAMPLE = Path(__file__).parent.parent / "examples" / "kantor.toml"


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
    with pytest.raises(SuratError, match=r"penomoran\.lingkupp: unknown field"):
        Office.from_toml(p)


def test_bad_values(tmp_path: Path) -> None:
    p = _write(tmp_path, _base().replace('kode = "DP3A-PP-KB"', 'kode = "DP3A/PP"'))
    with pytest.raises(SuratError, match=r"kode: .*'/' or spaces"):
        Office.from_toml(p)
    p = _write(tmp_path, _base().replace('kertas = "A4"', 'kertas = "Letter"'))
    with pytest.raises(SuratError, match="kertas"):
        Office.from_toml(p)
    p = _write(tmp_path, _base().replace('nip = "19621027 198503 2 006"', 'nip = "1962"'))
    with pytest.raises(SuratError, match=r"pejabat\.kepala_dinas\.nip: 18 digits"):
        Office.from_toml(p)
    p = _write(tmp_path, _base().replace('persetujuan = "ketua_p2tp2a"', 'persetujuan = "ketua"'))
    with pytest.raises(SuratError, match=r"penandatangan\.persetujuan: unknown official"):
        Office.from_toml(p)


def test_unreadable_and_invalid_toml(tmp_path: Path) -> None:
    with pytest.raises(SuratError, match="cannot read"):
        Office.from_toml(tmp_path / "missing.toml")
    p = _write(tmp_path, "kode = ")
    with pytest.raises(SuratError, match="not valid TOML"):
        Office.from_toml(p)


def test_logo_is_relative_to_the_profile_and_checked(tmp_path: Path) -> None:
    p = _write(tmp_path, _base().replace('kertas = "A4"', 'kertas = "F4"\nlogo = "lambang.png"'))
    with pytest.raises(SuratError, match=r"kantor\.toml: logo: .*lambang\.png not found"):
        Office.from_toml(p)
    (tmp_path / "lambang.png").write_text("not an image", encoding="utf-8")
    with pytest.raises(SuratError, match="is not a PNG or JPEG image"):
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
        if kind != "permohonan":  # the citizen's own letter has no kop
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
    with pytest.raises(
        SuratError, match=r"kop\.p2tp2a\.pimpinan: the letterhead's head is missing"
    ):
        Office.from_toml(p)
    p = _write(tmp_path, _base().replace('pimpinan = "ketua_p2tp2a"', 'pimpinan = "ketua"'))
    with pytest.raises(SuratError, match=r"kop\.p2tp2a\.pimpinan: unknown official 'ketua'"):
        Office.from_toml(p)
    p = _write(tmp_path, _base().replace('pimpinan = "kepala_dinas"', 'pimpinan = "kadis"'))
    with pytest.raises(SuratError, match=r"pimpinan: unknown official 'kadis'") as err:
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
