"""Closing a case in the register (schema 4): a closed case takes no new letter until it
is reopened; both are recorded; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from surat import Register, SuratError
from surat.numbering import Penutupan
from surat.reports.laporan import laporan_bulanan
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
        with pytest.raises(SuratError, match=f"kasus {nr} ditutup pada 2026-12-10: buka kembali"):
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
        with pytest.raises(SuratError, match="alasan: salah satu dari selesai, dirujuk, dicabut"):
            reg.close_case(nr, alasan="bosan")  # type: ignore[arg-type]
        with pytest.raises(SuratError, match="tidak sedang ditutup"):
            reg.reopen_case(nr, alasan="x", tanggal=date(2026, 12, 1))
        with pytest.raises(SuratError, match=r"sebelum kasus .* terdaftar"):
            reg.close_case(nr, alasan="dicabut", tanggal=date(2026, 11, 15))
        with pytest.raises(SuratError, match="tidak ada di buku kasus kantor ini"):
            reg.close_case("999/REG-PPA/XI/2026", alasan="selesai")
        reg.issue(perihal="Undangan", tanggal=date(2026, 11, 25), nomor_registrasi=nr)
        with pytest.raises(
            SuratError, match="memiliki surat bertanggal 2026-11-25; kasus ditutup pada"
        ):
            reg.close_case(nr, alasan="selesai", tanggal=date(2026, 11, 24))
        reg.close_case(nr, alasan="tidak dapat dihubungi", tanggal=date(2026, 12, 1))
        with pytest.raises(SuratError, match="sudah ditutup"):
            reg.close_case(nr, alasan="selesai", tanggal=date(2026, 12, 2))
        with pytest.raises(SuratError, match="sebelum penutupan atau pembukaan kembali kasus"):
            reg.reopen_case(nr, alasan="x", tanggal=date(2026, 11, 30))
        with pytest.raises(SuratError, match="alasan:"):
            reg.reopen_case(nr, alasan="  ", tanggal=date(2026, 12, 3))
        assert len(reg.closures()) == 1
    assert ALASAN_PENUTUPAN == ("selesai", "dirujuk", "dicabut", "tidak dapat dihubungi")


def test_the_monthly_report_counts_cases_opened_open_and_closed(register_db: str) -> None:
    with Register(register_db) as reg:
        days = (date(2026, 10, 5), date(2026, 11, 2), date(2026, 11, 10), date(2026, 11, 20))
        cases = [str(reg.register_case(perihal="Penanganan kasus", tanggal=d)) for d in days]
        reg.void(cases[3], alasan="salah daftar", buku="kasus")
        reg.close_case(cases[0], alasan="selesai", tanggal=date(2026, 11, 4))  # 30 days
        reg.close_case(cases[1], alasan="dirujuk", tanggal=date(2026, 11, 12))  # 10 days
        # closed and reopened within the month: open at its end
        reg.close_case(cases[2], alasan="tidak dapat dihubungi", tanggal=date(2026, 11, 25))
        reg.reopen_case(cases[2], alasan="dapat dihubungi kembali", tanggal=date(2026, 11, 28))
        # a December closing does not count in November
        reg.close_case(cases[2], alasan="selesai", tanggal=date(2026, 12, 3))
        nov = laporan_bulanan(reg, "2026-11")
        dec = laporan_bulanan(reg, "2026-12")
        oct_ = laporan_bulanan(reg, "2026-10")
    assert (nov.kasus, nov.kasus_batal) == (2, 1)  # opened in November
    assert (nov.kasus_ditutup, nov.kasus_berjalan) == (2, 1)
    assert nov.lama_penanganan == timedelta(days=20)  # the median of 30 and 10
    assert (dec.kasus_ditutup, dec.kasus_berjalan) == (1, 0)
    assert dec.lama_penanganan == timedelta(days=23)
    assert (oct_.kasus_ditutup, oct_.kasus_berjalan, oct_.lama_penanganan) == (0, 1, None)
    ringkasan = dict(nov.tables()["Ringkasan"][1])
    assert ringkasan["Kasus ditutup"] == 2 and ringkasan["Kasus berjalan pada akhir bulan"] == 1
    assert ringkasan["Median lama kasus ditutup (hari)"] == 20
    empty = dict(oct_.tables()["Ringkasan"][1])
    assert empty["Median lama kasus ditutup (hari)"] == "-"


def test_a_letter_waits_for_a_closing_in_progress_and_is_then_refused(postgres_db: str) -> None:
    """PostgreSQL, two sessions: while a closing is being written (the case's row locked,
    not yet committed), a letter for the case waits for it, then sees the case closed.
    Reading the case's state without that lock, the letter would go in beside the
    closing: a letter of a closed case."""
    import threading
    import time

    import psycopg

    with Register(postgres_db) as reg:
        nr = _case(reg)
        closer = psycopg.connect(postgres_db)
        try:
            with closer.cursor() as cur:  # what close_case does, held open
                cur.execute(
                    "UPDATE surat_agenda SET status = status WHERE buku = 'kasus' AND nomor = %s "
                    "RETURNING id",
                    (nr,),
                )
                row = cur.fetchone()
                assert row is not None
                cur.execute(
                    "INSERT INTO surat_penutupan (kasus_id, tindakan, tanggal, alasan) "
                    "VALUES (%s, 'tutup', %s, 'selesai')",
                    (row[0], date(2026, 12, 1)),
                )
            outcome: list[object] = []

            def letter() -> None:
                try:
                    outcome.append(
                        reg.issue(
                            perihal="Undangan", tanggal=date(2026, 12, 2), nomor_registrasi=nr
                        )
                    )
                except SuratError as exc:
                    outcome.append(exc)

            t = threading.Thread(target=letter)
            t.start()
            # until the letter's session waits on the case's row (or, without the lock,
            # has already finished)
            with psycopg.connect(postgres_db, autocommit=True) as watch:
                while t.is_alive():
                    waiting = watch.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        "AND datname = current_database()"
                    ).fetchone()
                    if waiting and waiting[0]:
                        break
                    time.sleep(0.05)
            closer.commit()
            t.join(60)
        finally:
            closer.close()
        (result,) = outcome
        assert isinstance(result, SuratError), result
        assert "ditutup pada 2026-12-01" in str(result)
        assert reg.entries() == []
