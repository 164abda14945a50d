"""The documents of a case in the register (schema 8, ``surat_dokumen``): recorded once
per case, kind and key, listed in date order, linked to the SOP step they evidence, on
SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

import pytest

import surat
from surat import Register, SuratError
from surat.numbering import Dokumen
from surat.numbering.pending import BatchError, Pending


def _case(reg: Register, identitas: tuple[str, ...] = ()) -> str:
    return reg.register_case(
        perihal="Penanganan kasus", tanggal=date(2026, 11, 16), identitas=identitas
    ).nomor


def _code(exc: pytest.ExceptionInfo[SuratError]) -> str | None:
    return exc.value.errors[0].type


def raw_rows(target: str, sql: str) -> list[tuple[Any, ...]]:
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            return list(conn.execute(sql).fetchall())
    conn = sqlite3.connect(target)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_documents_are_recorded_once_and_listed_in_date_order(register_db: str) -> None:
    with Register(register_db) as reg:
        nr = _case(reg)
        other = _case(reg)
        n = reg.issue(perihal="Rujukan", klasifikasi="PPA", tanggal=date(2026, 11, 20),
                      nomor_registrasi=nr)  # fmt: skip
        rujukan = reg.record_document(
            nr, jenis="rujukan", tanggal=date(2026, 11, 20), nomor=n.nomor, buku="keluar",
            tahap="rujukan", kunci="rujukan:visum:2026-11-20",
        )  # fmt: skip
        assert rujukan == Dokumen(
            nr, "rujukan", date(2026, 11, 20), nomor=n.nomor, buku="keluar", tahap="rujukan",
            kunci="rujukan:visum:2026-11-20", dicatat=rujukan.dicatat,
        )  # fmt: skip
        assert rujukan.dicatat is not None and rujukan.dicatat.utcoffset() is not None
        reg.record_document(nr, jenis="disposisi", tanggal="2026-11-16", tahap="penerimaan")
        reg.record_document(nr, jenis="permohonan", tanggal="2026-11-16", nomor="001/SM/2026",
                            buku="masuk", tahap="penerimaan")  # fmt: skip
        reg.record_document(other, jenis="permohonan", tanggal="2026-11-17")
        # the same case, kind and key again: the row recorded first, unchanged
        again = reg.record_document(nr, jenis="rujukan", tanggal=date(2026, 11, 25),
                                    kunci="rujukan:visum:2026-11-20")  # fmt: skip
        assert again == rujukan
        # one number is one document: under another key it is the row recorded first
        assert (
            reg.record_document(
                nr,
                jenis="rujukan",
                tanggal=date(2026, 11, 20),
                nomor=n.nomor,
                buku="keluar",
                kunci="lain",
            )
            == rujukan
        )
        # the same kind with another key is another document
        reg.record_document(nr, jenis="rujukan", tanggal=date(2026, 11, 18),
                            kunci="rujukan:psikolog:2026-11-18")  # fmt: skip
        assert [(d.jenis, d.tanggal.day, d.nomor) for d in reg.documents(nr)] == [
            ("disposisi", 16, None),
            ("permohonan", 16, "001/SM/2026"),
            ("rujukan", 18, None),
            ("rujukan", 20, n.nomor),
        ]
        assert [d.nomor_registrasi for d in reg.documents()] == [nr] * 4 + [other]
        assert reg.documents(tahun=2025) == []
        assert len(reg.documents(tahun=2026)) == 5
        assert reg.document(nr, "rujukan", "rujukan:visum:2026-11-20") == rujukan
        assert reg.document(nr, "rujukan") is None
        assert reg.document(other, "permohonan") is not None
        # '1/...' finds the case '001/...', as every case lookup does
        assert len(reg.documents("1/REG-PPA/XI/2026")) == 4
    n_rows = raw_rows(register_db, "SELECT count(*) FROM surat_dokumen")[0][0]
    assert n_rows == 5


def test_an_unknown_or_void_case_takes_no_document(register_db: str) -> None:
    with Register(register_db) as reg:
        nr = _case(reg)
        with pytest.raises(SuratError, match="tidak ada di buku kasus kantor ini") as exc:
            reg.record_document("099/REG-PPA/XI/2026", jenis="rujukan", tanggal="2026-11-20")
        assert _code(exc) == "kasus_tidak_dikenal"
        with pytest.raises(SuratError) as exc:
            reg.documents("099/REG-PPA/XI/2026")
        assert _code(exc) == "kasus_tidak_dikenal"
        reg.void(nr, alasan="salah daftar", buku="kasus")
        with pytest.raises(SuratError, match="sudah batal") as exc:
            reg.record_document(nr, jenis="rujukan", tanggal="2026-11-20")
        assert _code(exc) == "kasus_batal"
    assert raw_rows(register_db, "SELECT count(*) FROM surat_dokumen")[0][0] == 0


def test_a_closed_case_takes_no_new_document_until_reopened(register_db: str) -> None:
    with Register(register_db) as reg:
        nr = _case(reg)
        first = reg.record_document(nr, jenis="penutupan", tanggal="2026-12-10",
                                    tahap="penutupan")  # fmt: skip
        reg.close_case(nr, alasan="selesai", tanggal=date(2026, 12, 10))
        with pytest.raises(SuratError, match="ditutup pada 2026-12-10; buka kembali") as exc:
            reg.record_document(nr, jenis="rujukan", tanggal="2026-12-11")
        assert _code(exc) == "kasus_ditutup"
        # a reprint of a document recorded before the closing records nothing, and passes
        assert reg.record_document(nr, jenis="penutupan", tanggal="2026-12-10",
                                   tahap="penutupan") == first  # fmt: skip
        assert [d.jenis for d in reg.documents(nr)] == ["penutupan"]
        reg.reopen_case(nr, alasan="korban melapor kembali", tanggal=date(2026, 12, 12))
        reg.record_document(nr, jenis="rujukan", tanggal="2026-12-12")
        assert [d.jenis for d in reg.documents(nr)] == ["penutupan", "rujukan"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"jenis": "memo"}, "jenis: salah satu dari permohonan"),
        ({"jenis": None}, "jenis: salah satu dari"),
        ({"tanggal": None}, "tanggal: tanggal dokumen diharapkan"),
        ({"tanggal": "31/02/2026"}, "tanggal: "),  # the date's own code: tanggal_mustahil
        ({"tanggal": "2026-11-15"}, "sebelum kasus 001/REG-PPA/XI/2026 didaftarkan"),
        ({"tanggal": date(2999, 1, 1)}, "tanggal: lebih dari 366 hari sesudah hari ini"),
        ({"nomor": "001/SM/2026"}, "buku: dokumen bernomor menyebut bukunya"),
        ({"buku": "keluar"}, "buku: dokumen bernomor menyebut bukunya"),
        ({"nomor": "", "buku": "keluar"}, "nomor: nomor agenda atau None"),
        ({"nomor": "1", "buku": "kasus"}, "buku: 'keluar', 'masuk' atau None"),
        ({"tahap": "sidang"}, "tahap: '' atau salah satu dari penerimaan"),
        ({"sop": "34"}, "langkah: sop dan langkah diberikan bersama"),
        ({"langkah": 3}, "langkah: sop dan langkah diberikan bersama"),
        ({"sop": "34", "langkah": "3"}, "langkah: nomor langkah diharapkan, bukan str"),
        ({"sop": "34", "langkah": 99}, "langkah"),
        ({"sop": "99", "langkah": 1}, "sop: salah satu dari 32, 34"),
        ({"kunci": 7}, "kunci: teks diharapkan, bukan int"),
        ({"kunci": " rujukan"}, "kunci: satu baris teks yang dapat dicetak"),
    ],
)
def test_a_document_is_checked(tmp_path: Any, fields: dict[str, Any], message: str) -> None:
    with Register(str(tmp_path / "agenda.db")) as reg:
        nr = _case(reg)
        args: dict[str, Any] = {"jenis": "rujukan", "tanggal": "2026-11-20", **fields}
        with pytest.raises(SuratError, match=message) as exc:
            reg.record_document(nr, **args)
        assert reg.documents(nr) == []
    if fields.get("tanggal") == "31/02/2026":
        assert _code(exc) == "tanggal_mustahil"
    elif fields.get("sop") != "99" and fields.get("langkah") != 99:  # the SOP's own messages
        assert _code(exc) == "dokumen_tidak_sah"


def test_the_table_holds_no_personal_data(register_db: str) -> None:
    with Register(register_db) as reg:
        nr = _case(reg, identitas=("Putri Ayu Lestari", "Jl. Melati 7 Batu Aji"))
        with pytest.raises(SuratError, match="kunci: memuat kata yang dilindungi") as exc:
            reg.record_document(nr, jenis="rujukan", tanggal="2026-11-20",
                                kunci="rujukan:putri:2026-11-20")  # fmt: skip
        assert "putri" not in str(exc.value).lower()
        assert _code(exc) == "dokumen_tidak_sah"
        reg.record_document(nr, jenis="rujukan", tanggal="2026-11-20", sop="32", langkah=7,
                            kunci="rujukan:rumah_aman:2026-11-20")  # fmt: skip
    columns = raw_rows(register_db, "SELECT * FROM surat_dokumen")
    text = " ".join(str(v) for row in columns for v in row).lower()
    assert "putri" not in text and "melati" not in text
    # every column is a kind, a date, a number, a stage, a step or the key: no free text
    if register_db.startswith("postgresql://"):
        names = raw_rows(register_db, "SELECT column_name FROM information_schema.columns "
                                      "WHERE table_name = 'surat_dokumen'")  # fmt: skip
    else:
        names = [(r[1],) for r in raw_rows(register_db, "PRAGMA table_info(surat_dokumen)")]
    assert sorted(n for (n,) in names) == sorted(
        ["id", "kasus_id", "jenis", "kunci", "tanggal", "nomor", "buku", "tahap", "sop",
         "langkah", "dicatat"]
    )  # fmt: skip


def test_steps_show_the_documents_that_evidence_them(register_db: str) -> None:
    with Register(register_db) as reg:
        nr = _case(reg)
        other = _case(reg)
        for case in (nr, other):
            reg.record_step(case, sop="34", langkah=3, mulai="2026-11-17 09:00",
                            selesai="2026-11-17 10:00", oleh="p2tp2a")  # fmt: skip
            reg.record_step(case, sop="34", langkah=2, mulai="2026-11-16 09:00",
                            selesai="2026-11-16 09:30", oleh="staf_penerima")  # fmt: skip
        n = reg.issue(perihal="Tugas", klasifikasi="PPA", tanggal=date(2026, 11, 20),
                      nomor_registrasi=nr)  # fmt: skip
        reg.record_document(nr, jenis="konseling", tanggal="2026-11-17", sop="34", langkah=3)
        reg.record_document(nr, jenis="tugas", tanggal="2026-11-20", nomor=n.nomor,
                            buku="keluar", sop="34", langkah=3)  # fmt: skip
        reg.record_document(nr, jenis="disposisi", tanggal="2026-11-16")  # no step
        mine = reg.steps(nr)
        assert [(s.langkah, s.dokumen) for s in mine] == [
            (2, ()),
            (3, ("konseling", f"tugas {n.nomor}")),
        ]
        every = reg.steps()
        assert [(s.nomor_registrasi, s.langkah, s.dokumen) for s in every] == [
            (nr, 2, ()),
            (nr, 3, ("konseling", f"tugas {n.nomor}")),
            (other, 2, ()),
            (other, 3, ()),
        ]


def test_a_pack_records_its_documents_with_its_numbers(register_db: str) -> None:
    with Register(register_db) as reg:
        with Pending(reg, what="kasus", alasan="kasus gagal") as pending:
            nr = pending.register_case(perihal="Penanganan kasus", tanggal=date(2026, 11, 16))
            n = pending.issue(perihal="Tugas", klasifikasi="PPA", tanggal=date(2026, 11, 20),
                              nomor_registrasi=nr.nomor)  # fmt: skip
            pending.record_document(nr.nomor, jenis="tugas", tanggal=date(2026, 11, 20),
                                    nomor=n.nomor, buku="keluar", tahap="penugasan")  # fmt: skip
            pending.record_document(nr.nomor, jenis="konseling", tanggal="2026-11-17")
            # nothing is recorded before the pack is complete
            assert reg.documents(nr.nomor) == []
            pending.finish()
        assert [d.label for d in reg.documents(nr.nomor)] == ["konseling", f"tugas {n.nomor}"]
        assert reg.pending() == []


def test_a_pack_that_fails_to_finish_records_no_document(register_db: str) -> None:
    with Register(register_db) as reg:
        nr = _case(reg)
        with pytest.raises(BatchError) as exc, Pending(reg, what="x", alasan="gagal") as pending:
            n = pending.issue(perihal="Rujukan", klasifikasi="PPA", tanggal=date(2026, 11, 20),
                              nomor_registrasi=nr)  # fmt: skip
            pending.record_document(nr, jenis="rujukan", tanggal=date(2026, 11, 20),
                                    nomor=n.nomor, buku="keluar")  # fmt: skip
            # the case is closed while the pack prints: its document is refused at the
            # finish, and the number taken for it is voided with it
            reg.close_case(nr, alasan="dicabut", tanggal=date(2026, 11, 21))
            pending.finish()
        assert "ditutup pada 2026-11-21" in str(exc.value)
        assert exc.value.voided == (n.nomor,)
        assert reg.documents(nr) == []
        assert [e.status for e in reg.entries()] == ["batal"]


def test_a_pending_document_is_checked_before_anything_is_taken(tmp_path: Any) -> None:
    with Register(str(tmp_path / "a.db")) as reg, Pending(reg, what="x", alasan="x") as pending:
        with pytest.raises(SuratError, match="jenis: salah satu dari"):
            pending.record_document("001/REG-PPA/XI/2026", jenis="memo", tanggal="2026-11-20")
        assert pending.documents == []
    with pytest.raises(SuratError, match="register: dokumen kasus dicatat di buku agenda"):
        Pending(None, what="x", alasan="x").record_document(
            "001/REG-PPA/XI/2026", jenis="rujukan", tanggal="2026-11-20"
        )


def test_dokumen_is_public() -> None:
    assert surat.Dokumen is Dokumen
    assert "Dokumen" in surat.__all__ and "Dokumen" in dir(surat)
