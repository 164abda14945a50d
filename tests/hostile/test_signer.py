"""Who signs: data and profiles that would print a wrong signature block or number.

A letter that claims the absent head signed it, a signer who signs on behalf
of themself, a role key carrying template syntax, a letterhead code that
shifts the fields of a register number, a profile that puts its head under
two acting officials at once.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

import surat
from surat.letters import build_context, example_data, validate

OFFICE = surat.Office.default()
KADIS = OFFICE.pejabat["kepala_dinas"]
DAY = date(2026, 11, 23)


def context(given: dict[str, Any], office: surat.Office = OFFICE) -> dict[str, Any]:
    model = validate("tugas", example_data("tugas") | {"penandatangan": given})
    return build_context("tugas", model, office, tanggal=DAY)


def test_plt_cannot_be_the_permanent_holder() -> None:
    """A Plt. with the head's own NIP or name would say she acted for herself."""
    same_nip = {
        "status": "Plt.",
        "peran": "kepala_dinas",
        "nama": "Orang Lain",
        "nip": KADIS.nip,
        "pangkat": "Pembina (IV/a)",
    }
    with pytest.raises(surat.SuratError, match="never the holder themself"):
        context(same_nip)
    same_name = same_nip | {"nama": f"  {KADIS.nama.lower()} ", "nip": "19700101 199503 1 004"}
    with pytest.raises(surat.SuratError, match="never the holder themself"):
        context(same_name)


def test_acting_official_needs_own_identity() -> None:
    """Plt./Plh. without the acting official's NIP would print the holder's or none."""
    with pytest.raises(surat.SuratError, match="nip, pangkat missing"):
        context({"status": "Plh.", "peran": "kepala_dinas", "nama": "Orang Lain"})


def test_definitive_signer_name_cannot_be_typed() -> None:
    """A definitive signature printing a typed name under the head's jabatan."""
    with pytest.raises(surat.SuratError, match=r"only for Plt\./Plh\."):
        context({"status": "", "peran": "kepala_dinas", "nama": "Orang Lain"})
    with pytest.raises(surat.SuratError, match=r"only for Plt\./Plh\."):
        nip = "19700101 199503 1 004"
        context({"status": "a.n.", "atas_nama": "kepala_dinas", "peran": "kabid", "nip": nip})


@pytest.mark.parametrize(
    "peran", ["kepala_dinas }}{{ 7*7", "../kabid", "kabid\nkasi_pha", "x" * 61, "__class__"]
)
def test_role_keys_are_plain_keys(peran: str) -> None:
    """Role keys never carry template syntax, paths or line breaks; unknown ones are refused."""
    with pytest.raises(surat.SuratError, match="peran"):
        context({"status": "", "peran": peran})


def test_nobody_signs_on_behalf_of_themself() -> None:
    with pytest.raises(surat.SuratError, match="cannot sign for themself"):
        context({"status": "a.n.", "atas_nama": "kabid", "peran": "kabid"})
    with pytest.raises(surat.SuratError, match=r"melalui is only for u\.b\."):
        context({"status": "a.n.", "atas_nama": "kepala_dinas", "melalui": "x", "peran": "kabid"})


def test_acting_name_prints_as_typed() -> None:
    """Template syntax in an acting official's name is text, not code."""
    hostile = "{{ kop }} {% for x in y %} <w:t>&amp;"
    given = {
        "status": "Plt.",
        "peran": "kepala_dinas",
        "nama": hostile,
        "nip": "19700101 199503 1 004",
        "pangkat": "Pembina (IV/a)",
    }
    data = example_data("tugas") | {"penandatangan": given}
    doc = surat.render("tugas", data, nomor="002/DP3A-PP-KB/PPA/XI/2026")
    assert hostile in doc.text()
    assert KADIS.nama not in doc.text()


def _profile(extra: str, **replace: str) -> surat.Office:
    base = (Path(surat.__file__).parent / "kantor.toml").read_text(encoding="utf-8")
    for old, new in replace.items():
        base = base.replace(old, new)
    return surat.Office.from_toml_string(base + extra, source="kantor.toml")


def test_letterhead_code_cannot_shift_number_fields(tmp_path: Path) -> None:
    """A kode with '/' would add a field to every number and break parsing and voiding."""
    with pytest.raises(surat.SuratError, match=r"kop.uptd.kode: a code without '/'"):
        _profile('[kop.uptd]\npemerintah = "P"\nnama = "U"\nalamat = "A"\nkode = "UPTD/PPA"\n')
    office = _profile('[kop.uptd]\npemerintah = "P"\nnama = "U"\nalamat = "A"\nkode = "UPTD"\n')
    with surat.Register(str(tmp_path / "a.db"), office=office) as reg:
        with pytest.raises(surat.SuratError, match="kode: 'X/Y' is neither"):
            reg.issue(perihal="p", kode="X/Y")
        with pytest.raises(surat.SuratError, match="kode: 'LAIN' is neither"):
            reg.issue(perihal="p", kode="LAIN")  # only the profile's codes
        assert list(reg.entries(tahun=None)) == []  # nothing taken
        assert str(reg.issue(perihal="p", kode="UPTD", tanggal=DAY)) == "001/UPTD/XI/2026"


def test_unknown_letterhead_is_refused_at_load() -> None:
    with pytest.raises(surat.SuratError, match=r"kop_surat.tugas: unknown letterhead 'uptd'"):
        _profile('[kop_surat]\ntugas = "uptd"\n')


def test_two_acting_officials_at_once_are_refused() -> None:
    period = (
        '[[plt.kepala_dinas]]\nstatus = "Plt."\nnama = "A"\nnip = "19700101 199503 1 004"\n'
        'pangkat = "Pembina (IV/a)"\nmulai = 2026-11-01\nsampai = 2026-11-30\n'
    )
    with pytest.raises(surat.SuratError, match="two appointments overlap"):
        _profile(period + period.replace("2026-11-01", "2026-11-30"))
    with pytest.raises(surat.SuratError, match="the period ends before it starts"):
        _profile(period.replace("2026-11-30", "2026-10-01"))


def test_paraf_table_is_bounded() -> None:
    with pytest.raises(surat.SuratError, match="at most three officials"):
        _profile("", **{'tugas = ["kabid"]': 'tugas = ["kabid", "kasi_pha", "kasi_ppktp", "x"]'})
    with pytest.raises(surat.SuratError, match="an official is listed twice"):
        _profile("", **{'tugas = ["kabid"]': 'tugas = ["kabid", "kabid"]'})
