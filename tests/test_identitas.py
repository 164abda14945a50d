"""NIP and NIK: checked, grouped, and never quoted back in an error."""

from __future__ import annotations

from pathlib import Path

import pytest

import surat
from surat import Office, SuratError, format_nip, validate_nik, validate_nip

NIP = "196210271985032006"


def test_format_nip() -> None:
    assert format_nip(NIP) == "19621027 198503 2 006"
    assert format_nip("19621027 198503 2 006") == "19621027 198503 2 006"


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ("1962102719850320", "18 angka diharapkan, terisi 16"),
        ("19621027198503200X", "ada karakter lain"),
        ("196202301985032006", "tanggal lahir yang sah"),
        ("196210271985132006", "TMT"),
        ("196210271955032006", "TMT"),
        ("196210271985033006", "jenis kelamin"),
    ],
)
def test_bad_nip_names_the_problem_not_the_value(bad: str, problem: str) -> None:
    with pytest.raises(SuratError) as err:
        format_nip(bad)
    assert problem in str(err.value)
    assert bad not in str(err.value)
    assert bad[:8] not in str(err.value)


def test_validate_nip_custom_field() -> None:
    with pytest.raises(SuratError, match=r"^pendamping\.0\.nip:"):
        validate_nip("123", field="pendamping.0.nip")


def test_nik() -> None:
    assert validate_nik("2171015708900001") == "2171015708900001"  # woman: day 17 + 40
    assert validate_nik("2171 0117 0890 0001") == "2171011708900001"


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ("217101570890000", "16 angka diharapkan, terisi 15"),
        ("21710157089000011", "16 angka diharapkan, terisi 17"),
        ("2171019913900001", "tanggal lahir"),
        ("2171013213900001", "tanggal lahir"),
        ("0071011708900001", "kode provinsi"),
        ("２１７１０１１７０８９０００１", "ada karakter lain"),
    ],
)
def test_bad_nik(bad: str, problem: str) -> None:
    with pytest.raises(SuratError) as err:
        validate_nik(bad)
    assert problem in str(err.value)
    assert bad not in str(err.value)


BAD_NIP = "196213271985032006"  # month 13: digits 1-8 are no birth date
PLH = """
[plt.kepala_dinas]
status = "Plh."
nama = "Drs. BUDI SANTOSO, M.Si"
nip = "{nip}"
pangkat = "Pembina Utama Muda (IV/c)"
mulai = 2026-12-01
sampai = 2026-12-14
"""


def test_one_nip_check_for_the_profile_and_the_letters() -> None:
    """An official, an acting official and a letter's pendamping: the same problem
    under each field's own path, the value never quoted; '-' is no NIP, except for
    an acting official, who is a civil servant."""
    base = (Path(surat.__file__).parent / "kantor.toml").read_text(encoding="utf-8")
    problem = "angka ke-1 sampai ke-8 harus tanggal lahir yang sah (YYYYMMDD)"
    official = base.replace('nip = "19621027 198503 2 006"', f'nip = "{BAD_NIP}"')
    data = surat.example_data("persetujuan")
    data["pendamping"][0]["nip"] = BAD_NIP
    for path, attempt in (
        ("pejabat.kepala_dinas.nip", lambda: Office.from_toml_string(official)),
        ("plt.kepala_dinas.0.nip", lambda: Office.from_toml_string(base + PLH.format(nip=BAD_NIP))),
        ("pendamping.0.nip", lambda: surat.render("persetujuan", data, nomor="1")),
    ):
        with pytest.raises(SuratError) as err:
            attempt()
        assert err.value.errors == [(path, problem)]
        assert BAD_NIP[:8] not in str(err.value)
    data["pendamping"][0]["nip"] = "-"
    assert surat.letters.validate("persetujuan", data).pendamping[0].nip is None
    no_nip = base.replace('nip = "19621027 198503 2 006"', 'nip = "-"')
    assert Office.from_toml_string(no_nip).official("kepala_dinas").nip is None
    with pytest.raises(SuratError) as err:
        Office.from_toml_string(base + PLH.format(nip="-"))
    assert err.value.errors == [
        ("plt.kepala_dinas.0.nip", "18 angka diharapkan, ada karakter lain")
    ]
