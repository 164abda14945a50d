"""Who signs: data and profiles that would print a wrong signature block or number.

A letter that claims the absent head signed it, a signer who signs on behalf
of themself, a role key carrying template syntax, a letterhead code that
shifts the fields of a register number, a profile that puts its head under
two acting officials at once; an outsider signing on the Dinas's letterhead,
a.n. or as Plt. for another letterhead's head, a letterhead without a head or
whose induk goes round in a circle, a batch row or a case slipping a wrong
signer past the numbers.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from referensi_support import seed_books

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
    with pytest.raises(surat.SuratError, match="bukan pemegang jabatan itu sendiri"):
        context(same_nip)
    same_name = same_nip | {"nama": f"  {KADIS.nama.lower()} ", "nip": "19700101 199503 1 004"}
    with pytest.raises(surat.SuratError, match="bukan pemegang jabatan itu sendiri"):
        context(same_name)


def test_acting_official_needs_own_identity() -> None:
    """Plt./Plh. without the acting official's NIP would print the holder's or none."""
    with pytest.raises(surat.SuratError, match="nip, pangkat belum diisi"):
        context({"status": "Plh.", "peran": "kepala_dinas", "nama": "Orang Lain"})


def test_definitive_signer_name_cannot_be_typed() -> None:
    """A definitive signature printing a typed name under the head's jabatan."""
    with pytest.raises(surat.SuratError, match=r"hanya untuk Plt\./Plh\."):
        context({"status": "", "peran": "kepala_dinas", "nama": "Orang Lain"})
    with pytest.raises(surat.SuratError, match=r"hanya untuk Plt\./Plh\."):
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
    with pytest.raises(surat.SuratError, match="tidak dapat menandatangani atas nama"):
        context({"status": "a.n.", "atas_nama": "kabid", "peran": "kabid"})
    with pytest.raises(surat.SuratError, match=r"melalui hanya untuk u\.b\."):
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


UNIT = '[kop.uptd]\npemerintah = "P"\nnama = "U"\nalamat = "A"\npimpinan = "kabid"\n'


def test_letterhead_code_cannot_shift_number_fields(tmp_path: Path) -> None:
    """A kode with '/' would add a field to every number and break parsing and voiding."""
    with pytest.raises(surat.SuratError, match=r"kop.uptd.kode: kode tanpa '/'"):
        _profile(UNIT + 'kode = "UPTD/PPA"\n')
    office = _profile(UNIT + 'kode = "UPTD"\n')
    with surat.Register(str(tmp_path / "a.db"), office=office) as reg:
        with pytest.raises(surat.SuratError, match="kode: 'X/Y' bukan kode kantor"):
            reg.issue(perihal="p", kode="X/Y")
        with pytest.raises(surat.SuratError, match="kode: 'LAIN' bukan kode kantor"):
            reg.issue(perihal="p", kode="LAIN")  # only the profile's codes
        assert list(reg.entries(tahun=None)) == []  # nothing taken
        assert str(reg.issue(perihal="p", kode="UPTD", tanggal=DAY)) == "001/UPTD/XI/2026"


def test_unknown_letterhead_is_refused_at_load() -> None:
    with pytest.raises(surat.SuratError, match=r"kop_surat.tugas: kop 'uptd' tidak dikenal"):
        _profile("", **{'persetujuan = "p2tp2a"': 'persetujuan = "p2tp2a"\ntugas = "uptd"'})


def test_two_acting_officials_at_once_are_refused() -> None:
    period = (
        '[[plt.kepala_dinas]]\nstatus = "Plt."\nnama = "A"\nnip = "19700101 199503 1 004"\n'
        'pangkat = "Pembina (IV/a)"\nmulai = 2026-11-01\nsampai = 2026-11-30\n'
    )
    with pytest.raises(surat.SuratError, match="dua penunjukan bertumpang tindih"):
        _profile(period + period.replace("2026-11-01", "2026-11-30"))
    with pytest.raises(surat.SuratError, match="masa jabatan berakhir sebelum dimulai"):
        _profile(period.replace("2026-11-30", "2026-10-01"))


def test_paraf_table_is_bounded() -> None:
    with pytest.raises(surat.SuratError, match="paling banyak tiga pejabat"):
        _profile("", **{'tugas = ["kabid"]': 'tugas = ["kabid", "kasi_pha", "kasi_ppktp", "x"]'})
    with pytest.raises(surat.SuratError, match="seorang pejabat tercantum dua kali"):
        _profile("", **{'tugas = ["kabid"]': 'tugas = ["kabid", "kabid"]'})


# -- a letter under a kop is signed by its head, a.n./u.b. for them, or their Plt./Plh. ----

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "kantor.toml"
KETUA = "Hj. ROSMAWATI"
NAMES = (KETUA, KADIS.nama, "Dra. SITI RAHAYU, M.Si", "HENDRA GUNAWAN, S.Sos")
# The approval letter as profiles printed it before letterheads had heads: on the
# Dinas's own kop, signed by the Ketua P2TP2A, who is outside the Dinas.
OLD_WAY = (
    (Path(surat.__file__).parent / "kantor.toml")
    .read_text(encoding="utf-8")
    .replace('[kop_surat]\npersetujuan = "p2tp2a"\n', "")
)


def _example(extra: str = "", **replace: str) -> surat.Office:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in replace.items():
        text = text.replace(old, new)
    return surat.Office.from_toml_string(text + extra, source="kantor.toml")


def _no_name(message: str) -> None:
    for name in NAMES:
        assert name.casefold() not in message.casefold(), name


def test_outsider_on_the_dinas_letterhead_is_refused_before_a_number(tmp_path: Path) -> None:
    """The Ketua P2TP2A has no NIP and no post in the Dinas: her signature under the
    Dinas's kop is refused by the agenda entry, the context, a batch and a case, and
    no book holds a number afterwards, not even a voided one."""
    office = _example(**{'persetujuan = "p2tp2a"': ""})  # her name is in the example
    model = validate("persetujuan", example_data("persetujuan"))
    with pytest.raises(surat.SuratError) as err:
        model.agenda(office)
    assert str(err.value).startswith("penandatangan: surat persetujuan di bawah kop kantor sendiri")
    assert "pimpinan = 'kepala_dinas'" in str(err.value)
    _no_name(str(err.value))
    with pytest.raises(surat.SuratError, match=r"^penandatangan: "):
        build_context("persetujuan", model, office, tanggal=DAY)
    with pytest.raises(surat.SuratError, match=r"^penandatangan: "):
        surat.render("persetujuan", model, office=office, nomor="001/DP3A-PP-KB/PPA/XI/2026")
    with pytest.raises(surat.SuratError, match=r"^penandatangan: "):
        build_context("persetujuan", model, surat.Office.from_toml_string(OLD_WAY), tanggal=DAY)

    from surat.batch import print_batch

    rows = [example_data("persetujuan") for _ in range(3)]
    with surat.Register(str(tmp_path / "a.db"), office=office) as reg:
        seed_books(reg, kasus=1, masuk=14)  # the case and the request the rows cite
        with pytest.raises(surat.SuratError) as err:
            print_batch("persetujuan", rows, tmp_path / "c.pdf", register=reg, office=office)
        assert str(err.value).startswith("baris 1: penandatangan: ")
        assert list(reg.entries(tahun=None)) == []  # nothing taken, nothing voided
    assert not (tmp_path / "c.pdf").exists()


def test_one_bad_row_stops_the_batch_before_the_good_rows_are_numbered(tmp_path: Path) -> None:
    """Rows 1 and 2 are right; row 3 signs a.n. the Kepala Dinas on the P2TP2A's kop."""
    from surat.batch import print_batch

    office = _example()
    bad = example_data("persetujuan") | {
        "penandatangan": {"status": "a.n.", "atas_nama": "kepala_dinas", "peran": "kabid"}
    }
    rows = [example_data("persetujuan"), example_data("persetujuan"), bad]
    with surat.Register(str(tmp_path / "a.db"), office=office) as reg:
        seed_books(reg, kasus=1, masuk=14)
        with pytest.raises(surat.SuratError) as err:
            print_batch("persetujuan", rows, tmp_path / "c.pdf", register=reg, office=office)
        assert str(err.value).startswith("baris 3: penandatangan.atas_nama: ")
        assert "kop.p2tp2a.pimpinan = 'ketua_p2tp2a'" in str(err.value)
        _no_name(str(err.value))
        assert list(reg.entries(tahun=None)) == []


def test_a_case_with_a_wrong_signer_takes_no_number(tmp_path: Path) -> None:
    import json

    from surat.kasus import Kasus

    office = _example()
    raw = json.loads((EXAMPLE.parent / "kasus.json").read_text(encoding="utf-8"))
    plt_kadis = {
        "status": "Plt.",
        "peran": "kepala_dinas",
        "nama": "Ir. BAMBANG SUTRISNO",
        "nip": "19680922 199403 1 005",
        "pangkat": "Pembina Utama Muda (IV/c)",
    }
    raw["persetujuan"] = raw.get("persetujuan", {}) | {"penandatangan": plt_kadis}
    with surat.Register(str(tmp_path / "a.db"), office=office) as reg:
        with pytest.raises(surat.SuratError, match=r"kop\.p2tp2a\.pimpinan") as err:
            Kasus.from_dict(raw).letters(reg)
        assert "BAMBANG" not in str(err.value)
        assert list(reg.entries(tahun=None)) == [] and list(reg.cases(tahun=None)) == []


@pytest.mark.parametrize(
    "given",
    [
        {"status": "a.n.", "atas_nama": "ketua_p2tp2a", "peran": "kabid"},
        {"status": "u.b.", "atas_nama": "ketua_p2tp2a", "melalui": "kabid", "peran": "kasi_pha"},
        {"status": "", "peran": "ketua_p2tp2a"},
        {
            "status": "Plh.",
            "peran": "ketua_p2tp2a",
            "nama": "Dra. LINDA KUSUMA",
            "nip": "19760811 200212 2 004",
            "pangkat": "Pembina (IV/a)",
        },
    ],
    ids=["an", "ub", "definitif", "plh"],
)
def test_the_p2tp2a_head_signs_nothing_for_the_dinas(given: dict[str, Any]) -> None:
    """Every way of signing for the Ketua P2TP2A, right under her letterhead, is refused
    on the Dinas's assignment letter."""
    office = _example()
    model = validate("persetujuan", example_data("persetujuan") | {"penandatangan": given})
    assert build_context("persetujuan", model, office, tanggal=DAY)["penandatangan"]["nama"]
    with pytest.raises(surat.SuratError) as err:
        context(given, office)  # tugas, on the Dinas's letterhead
    assert "kop kantor sendiri" in str(err.value) and "ketua_p2tp2a" in str(err.value)
    assert "LINDA" not in str(err.value)
    _no_name(str(err.value))


def test_u_b_through_the_head_is_refused() -> None:
    """ "a.n. <head>, / <head>, / u.b." would print the head twice and skip the a.n. official."""
    with pytest.raises(surat.SuratError, match=r"^penandatangan\.melalui: u\.b\. melalui pejabat"):
        context(
            {
                "status": "u.b.",
                "atas_nama": "kepala_dinas",
                "melalui": "kepala_dinas",
                "peran": "kabid",
            }
        )


def test_a_profile_signer_outside_the_head_is_refused_not_printed() -> None:
    """A profile whose [penandatangan] names the Kabid for tugas with no [atas_nama]: the
    letter would print the Kabid as if the Dinas's letters were hers to sign."""
    model = validate("tugas", example_data("tugas"))
    kabid = {'tugas = "kepala_dinas"': 'tugas = "kabid"'}
    with pytest.raises(surat.SuratError, match=r"^penandatangan: .* bukan oleh 'kabid'"):
        build_context("tugas", model, _profile("", **kabid), tanggal=DAY)
    signed_an = _profile('[atas_nama]\ntugas = "kepala_dinas"\n', **kabid)
    block = build_context("tugas", model, signed_an, tanggal=DAY)["penandatangan"]
    assert block["an"].startswith("a.n. Kepala Dinas") and block["peran"] == "kabid"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            '[kop.uptd]\npemerintah = "P"\nnama = "U"\nalamat = "A"\n',
            r"kop\.uptd\.pimpinan: pimpinan kop belum diisi",
        ),
        (
            UNIT.replace('"kabid"', '"kepala_uptd"'),
            r"kop\.uptd\.pimpinan: pejabat .* tidak dikenal",
        ),
        (
            UNIT.replace('"kabid"', '"kabid }}{{ 7*7"'),
            r"kop\.uptd\.pimpinan: pejabat .* tidak dikenal",
        ),
        (
            '[kop.uptd]\nnama = "U"\nalamat = "A"\npimpinan = "kabid"\n',
            r"kop\.uptd\.pemerintah: isian wajib belum diisi",
        ),
        (UNIT + 'induk = "kantor"\n', r"kop\.uptd\.pemerintah: kop sebuah unit mencetak"),
        (
            '[kop.uptd]\nnama = "U"\nalamat = "A"\npimpinan = "kabid"\ninduk = "dinas"\n',
            r"kop\.uptd\.induk: kop 'dinas' tidak dikenal",
        ),
        (
            '[kop.uptd]\nnama = "U"\nalamat = "A"\npimpinan = "kabid"\ninduk = "uptd"\n',
            r"kop\.uptd\.induk: induk kop-kop itu berputar melingkar",
        ),
        (
            '[kop.a]\nnama = "A"\nalamat = "A"\npimpinan = "kabid"\ninduk = "b"\n'
            '[kop.b]\nnama = "B"\nalamat = "B"\npimpinan = "kabid"\ninduk = "a"\n',
            r"kop\.a\.induk: induk kop-kop itu berputar melingkar",
        ),
        (
            '[kop.kantor]\npemerintah = "P"\nnama = "K"\nalamat = "A"\npimpinan = "kabid"\n'
            '[kop.uptd]\nnama = "U"\nalamat = "A"\npimpinan = "kabid"\ninduk = "kantor"\n',
            r"kop\.uptd\.induk: 'kantor' berarti kop kantor sendiri",
        ),
    ],
    ids=[
        "no-head",
        "unknown-head",
        "syntax-head",
        "no-pemerintah",
        "unit-pemerintah",
        "unknown-induk",
        "own-induk",
        "circle",
        "kantor-twice",
    ],
)
def test_a_letterhead_without_a_proper_head_or_induk_is_refused_at_load(
    extra: str, message: str
) -> None:
    with pytest.raises(surat.SuratError, match=message):
        _profile(extra)


def test_the_office_head_is_a_known_official() -> None:
    """``pimpinan`` names a key of [pejabat]; left out, the head is the kepala_dinas, and a
    profile without one loads but its own letterhead's letters name the field to set."""
    head = 'pimpinan = "kepala_dinas"'
    with pytest.raises(surat.SuratError, match=r"\n  pimpinan: pejabat 'sekda' tidak dikenal"):
        _profile("", **{head: 'pimpinan = "sekda"'})
    assert _profile("", **{head: ""}).pimpinan == "kepala_dinas"
    renamed = _profile(
        "", **{head: "", "[pejabat.kepala_dinas]": "[pejabat.kadis]", '"kepala_dinas"': '"kadis"'}
    )
    with pytest.raises(surat.SuratError, match=r"^pimpinan: pimpinan kop kantor sendiri") as err:
        build_context("tugas", validate("tugas", example_data("tugas")), renamed, tanggal=DAY)
    assert "'kepala_dinas'" in str(err.value)
    kadis = _profile(
        "",
        **{
            head: 'pimpinan = "kadis"',
            "[pejabat.kepala_dinas]": "[pejabat.kadis]",
            '"kepala_dinas"': '"kadis"',
        },
    )
    model = validate("tugas", example_data("tugas"))
    assert build_context("tugas", model, kadis, tanggal=DAY)["penandatangan"]["peran"] == "kadis"
