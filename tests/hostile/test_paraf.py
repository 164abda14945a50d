"""Attacks on the electronic paraf: an official the profile does not know, a paraf
added after the head signed, a paraf's time forged or rewritten.

The register's own API refuses each; so does the database when someone goes
round the API with its own client (sqlite3, psycopg), on both backends.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest

import surat
from surat import Register, SuratError

KANTOR = surat.Office.from_toml(Path(__file__).resolve().parents[2] / "examples" / "kantor.toml")
#: A time long before the letter existed: what a forger would backdate a paraf to.
FORGED = "2026-01-02T03:04:05+00:00"


def _sql(target: str, statements: Sequence[tuple[str, tuple[object, ...]]]) -> None:
    """Run *statements* in one transaction with the database's own client."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target, autocommit=False) as conn:
            for sql, params in statements:
                conn.execute(sql.replace("?", "%s"), params)
        return
    conn = sqlite3.connect(target)
    try:
        with conn:
            for sql, params in statements:
                conn.execute(sql, params)
    finally:
        conn.close()


def _refused(target: str) -> type[Exception] | tuple[type[Exception], ...]:
    if target.startswith("postgresql://"):
        import psycopg

        return psycopg.Error
    return sqlite3.Error


def _letter(reg: Register) -> tuple[surat.Nomor, str]:
    n = reg.issue(perihal="Persetujuan Pendampingan", klasifikasi="PPA")
    (e,) = [e for e in reg.entries() if e.nomor == n.nomor]
    return n, e.nomor  # the one letter of a fresh register: agenda id 1


def test_an_official_not_in_the_profile_initials_nothing(register_db: str) -> None:
    with Register(register_db, office=KANTOR) as reg:
        n, _ = _letter(reg)
        for who in ("wali_kota", "Hendra Gunawan", " ", "kasi_pha; DROP TABLE surat_paraf"):
            with pytest.raises(SuratError, match="pejabat") as err:
                reg.record_paraf(n, who)
            if who.strip():
                assert who not in str(err.value)  # the field is named, the value never quoted
        assert reg.paraf(n) == []
        with pytest.raises(TypeError):
            reg.record_paraf(n, jabatan="Kepala Seksi Perlindungan Anak")  # type: ignore[call-arg]


def test_no_paraf_is_added_after_the_letter_is_signed(register_db: str) -> None:
    with Register(register_db, office=KANTOR) as reg:
        n, _ = _letter(reg)
        reg.record_tte(n)
        with pytest.raises(SuratError, match="sudah ditandatangani secara elektronik"):
            reg.record_paraf(n, "kasi_pha")
    # round the API: the database refuses it too
    with pytest.raises(_refused(register_db), match="signed already"):
        _sql(register_db, [("INSERT INTO surat_paraf (surat_id, peran, jabatan) VALUES "
                            "(1, 'kasi_pha', 'Kepala Seksi Perlindungan Anak')", ())])  # fmt: skip
    with Register(register_db, office=KANTOR) as reg:
        assert reg.paraf(n) == []


def test_a_paraf_time_cannot_be_chosen_or_rewritten(register_db: str) -> None:
    with Register(register_db, office=KANTOR) as reg:
        n, _ = _letter(reg)
        with pytest.raises(TypeError):
            reg.record_paraf(n, "kasi_pha", waktu=FORGED)  # type: ignore[call-arg]
        recorded = reg.record_paraf(n, "kasi_pha")
    refused = _refused(register_db)
    # inserted with a backdated time, by the database's own client
    with pytest.raises(refused, match="waktu is the register's own clock"):
        _sql(register_db, [("INSERT INTO surat_paraf (surat_id, peran, jabatan, waktu) "
                            "VALUES (1, 'kabid', 'Kepala Bidang', ?)", (FORGED,))])  # fmt: skip
    # a recorded paraf moved back in time, or removed and written anew
    with pytest.raises(refused, match="never changed"):
        _sql(register_db, [("UPDATE surat_paraf SET waktu = ?", (FORGED,))])
    with pytest.raises(refused, match=r"never (changed or )?removed"):
        _sql(register_db, [("DELETE FROM surat_paraf", ())])
    # and the signature's time likewise
    with pytest.raises(refused, match="waktu is the register's own clock"):
        _sql(register_db, [("INSERT INTO surat_tte (surat_id, waktu) VALUES (1, ?)", (FORGED,))])
    with Register(register_db, office=KANTOR) as reg:
        assert reg.paraf(n) == [recorded]
        signed = reg.record_tte(n)
    with pytest.raises(refused, match=r"never (changed|removed)"):
        _sql(register_db, [("UPDATE surat_tte SET waktu = ?", (FORGED,))])
    with pytest.raises(refused, match=r"never (changed or )?removed"):
        _sql(register_db, [("DELETE FROM surat_tte", ())])
    with Register(register_db, office=KANTOR) as reg:
        assert reg.tte(n) == signed
