"""Electronic parafs: each official who checked a numbered letter initials it in the
register before the head signs it electronically (FORMS.md, "Paraf hierarki").

The register part runs on both backends; the letters are real: rendered,
converted by LibreOffice, signed with pyHanko and read back with pypdf.
"""

from __future__ import annotations

from datetime import date

import pytest

import surat
from surat import Register, SuratError
from surat.dates import now

KANTOR = surat.Office.from_toml(
    __import__("pathlib").Path(__file__).resolve().parents[1] / "examples" / "kantor.toml"
)


def _issue(reg: Register) -> surat.Nomor:
    return reg.issue(perihal="Persetujuan Pendampingan", klasifikasi="PPA")


def test_a_paraf_is_recorded_with_the_profiles_official_and_the_registers_time(
    register_db: str,
) -> None:
    with Register(register_db, office=KANTOR) as reg:
        n = _issue(reg)
        before = now()
        p = reg.record_paraf(n, "kasi_pha")
        after = now()
        assert (p.nomor, p.pejabat) == (n.nomor, "kasi_pha")
        assert p.jabatan == "Kepala Seksi Perlindungan Anak"
        assert p.nip == "198008232005011007"  # the profile's, digits only
        # the register's clock: never earlier than the call began (the clocks are
        # the machine's own: a margin for the database's rounding only)
        assert before.timestamp() - 1 <= p.waktu.timestamp() <= after.timestamp() + 1
        assert p.waktu.utcoffset() is not None and p.waktu.tzname() == "WIB"
        q = reg.record_paraf(str(n), "kabid")
        assert [x.pejabat for x in reg.paraf(n)] == ["kasi_pha", "kabid"]
        assert reg.paraf(n.nomor) == [p, q]
        # '1/...' names the same letter as '001/...'
        assert reg.paraf(n.nomor.lstrip("0")) == [p, q]
        assert reg.tte(n) is None


def test_a_paraf_is_given_once_per_official(register_db: str) -> None:
    with Register(register_db, office=KANTOR) as reg:
        n = _issue(reg)
        reg.record_paraf(n, "kasi_pha")
        with pytest.raises(SuratError, match=r"paraf: Kasi PHA initialled .* already"):
            reg.record_paraf(n, "kasi_pha")
        assert len(reg.paraf(n)) == 1


def test_a_plh_initials_with_the_nip_of_the_appointment(register_db: str) -> None:
    """While a Plh. acts for the Kasi PHA, the paraf is theirs: their NIP."""
    plh = surat.office.Penjabat(
        status="Plh.", nama="ADI NUGROHO, S.H.", nip="198502022010011003",
        pangkat="Penata (III/c)", mulai=date(2000, 1, 1), sampai=date(2099, 12, 31),
    )  # fmt: skip
    office = KANTOR.model_copy(update={"plt": {"kasi_pha": [plh]}})
    with Register(register_db, office=office) as reg:
        p = reg.record_paraf(_issue(reg), "kasi_pha")
    assert p.nip == "198502022010011003"


def test_the_signature_is_recorded_once_and_closes_the_parafs(register_db: str) -> None:
    with Register(register_db, office=KANTOR) as reg:
        n = _issue(reg)
        reg.record_paraf(n, "kasi_pha")
        signed = reg.record_tte(n)
        assert reg.tte(n) == signed
        with pytest.raises(SuratError, match="signed electronically already"):
            reg.record_paraf(n, "kabid")
        with pytest.raises(SuratError, match="recorded as signed already"):
            reg.record_tte(n)
        assert [x.pejabat for x in reg.paraf(n)] == ["kasi_pha"]


def test_a_void_or_unknown_letter_takes_no_paraf(register_db: str) -> None:
    with Register(register_db, office=KANTOR) as reg:
        n = _issue(reg)
        reg.void(n, alasan="salah tujuan")
        with pytest.raises(SuratError, match="is void"):
            reg.record_paraf(n, "kasi_pha")
        with pytest.raises(SuratError, match="is void"):
            reg.record_tte(n)
        with pytest.raises(SuratError, match="not in this office's outgoing agenda"):
            reg.record_paraf("099/DP3A-PP-KB/PPA/XI/2026", "kasi_pha")
        assert reg.paraf(n) == []  # a void letter's parafs can still be read
