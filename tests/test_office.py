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
