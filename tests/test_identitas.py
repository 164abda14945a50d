"""NIP and NIK: checked, grouped, and never quoted back in an error."""

from __future__ import annotations

import pytest

from surat import SuratError, format_nip, validate_nik, validate_nip

NIP = "196210271985032006"


def test_format_nip() -> None:
    assert format_nip(NIP) == "19621027 198503 2 006"
    assert format_nip("19621027 198503 2 006") == "19621027 198503 2 006"


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ("1962102719850320", "18 digits expected, found 16"),
        ("19621027198503200X", "other characters"),
        ("196202301985032006", "real birth date"),
        ("196210271985132006", "TMT"),
        ("196210271955032006", "TMT"),
        ("196210271985033006", "gender"),
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
        ("217101570890000", "16 digits expected, found 15"),
        ("21710157089000011", "16 digits expected, found 17"),
        ("2171019913900001", "birth date"),
        ("2171013213900001", "birth date"),
        ("0071011708900001", "province"),
        ("２１７１０１１７０８９０００１", "other characters"),
    ],
)
def test_bad_nik(bad: str, problem: str) -> None:
    with pytest.raises(SuratError) as err:
        validate_nik(bad)
    assert problem in str(err.value)
    assert bad not in str(err.value)
