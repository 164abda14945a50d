"""Closing a case in the register (schema 4): a closed case takes no new letter until it
is reopened; both are recorded; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from surat import Register, SuratError
from surat.numbering import Penutupan
from surat.vocab import ALASAN_PENUTUPAN


def _case(reg: Register) -> str:
    return str(reg.register_case(perihal="Penanganan kasus", tanggal=date(2026, 11, 16)))


def test_a_closed_case_takes_no_letter_until_reopened(register_db: str) -> None:
    with Register(register_db) as reg:
        nr = _case(reg)
        other = _case(reg)
        reg.issue(perihal="Persetujuan", klasifikasi="PPA", tanggal=date(2026, 11, 22),
                  nomor_registrasi=nr)  # fmt: skip
        closed = reg.close_case(nr, alasan="selesai", tanggal=date(2026, 12, 10))
        assert closed == Penutupan(nr, "tutup", date(2026, 12, 10), "selesai")
        with pytest.raises(SuratError, match=f"case {nr} was closed on 2026-12-10: reopen"):
            reg.issue(perihal="Undangan", klasifikasi="PPA", tanggal=date(2026, 12, 11),
                      nomor_registrasi=nr)  # fmt: skip
        # nothing was written: the next number follows on, gapless
        assert [e.nomor for e in reg.entries()] == ["001/DP3A-PP-KB/PPA/XI/2026"]
        # another case, a letter of no case, a case kept in another book: unaffected
        reg.issue(perihal="Undangan", klasifikasi="PPA", tanggal=date(2026, 12, 11),
                  nomor_registrasi=other)  # fmt: skip
        reg.issue(perihal="Surat umum", klasifikasi="PPA", tanggal=date(2026, 12, 11))
        reg.issue(perihal="Undangan", klasifikasi="PPA", tanggal=date(2026, 12, 11),
                  nomor_registrasi="077/REG-LAIN/2026")  # fmt: skip
        reg.reopen_case(nr, alasan="korban melapor kembali", tanggal=date(2026, 12, 12))
        n = reg.issue(perihal="Undangan", klasifikasi="PPA", tanggal=date(2026, 12, 12),
                      nomor_registrasi=nr)  # fmt: skip
        assert n.nomor == "005/DP3A-PP-KB/PPA/XII/2026"
        assert [(p.nomor_registrasi, p.tindakan) for p in reg.closures()] == [
            (nr, "tutup"), (nr, "buka"),
        ]  # fmt: skip
        assert reg.closures(tahun=2025) == []


def test_closing_and_reopening_are_checked(register_db: str) -> None:
    with Register(register_db) as reg:
        nr = _case(reg)
        with pytest.raises(SuratError, match="alasan: one of selesai, dirujuk, dicabut"):
            reg.close_case(nr, alasan="bosan")  # type: ignore[arg-type]
        with pytest.raises(SuratError, match="is not closed"):
            reg.reopen_case(nr, alasan="x", tanggal=date(2026, 12, 1))
        with pytest.raises(SuratError, match=r"before case .* was registered"):
            reg.close_case(nr, alasan="dicabut", tanggal=date(2026, 11, 15))
        with pytest.raises(SuratError, match="is not in this office's case register"):
            reg.close_case("999/REG-PPA/XI/2026", alasan="selesai")
        reg.close_case(nr, alasan="tidak dapat dihubungi", tanggal=date(2026, 12, 1))
        with pytest.raises(SuratError, match="is already closed"):
            reg.close_case(nr, alasan="selesai", tanggal=date(2026, 12, 2))
        with pytest.raises(SuratError, match="before the case's last closing"):
            reg.reopen_case(nr, alasan="x", tanggal=date(2026, 11, 30))
        with pytest.raises(SuratError, match="alasan:"):
            reg.reopen_case(nr, alasan="  ", tanggal=date(2026, 12, 3))
        assert len(reg.closures()) == 1
    assert ALASAN_PENUTUPAN == ("selesai", "dirujuk", "dicabut", "tidak dapat dihubungi")
