"""The documents of a case (``Register.record_document``) from someone who hands over
control characters, huge or SQL-shaped text, a name in the key, a case of another year,
or records the same document from several processes at once."""

from __future__ import annotations

import multiprocessing
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from surat import Register, SuratError
from surat.numbering.pending import BatchError, Pending


def _case(reg: Register, day: str = "2026-11-16", identitas: tuple[str, ...] = ()) -> str:
    return reg.register_case(perihal="Penanganan kasus", tanggal=day, identitas=identitas).nomor


def _rows(target: str, sql: str) -> list[tuple[Any, ...]]:
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            return list(conn.execute(sql).fetchall())
    conn = sqlite3.connect(target)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize(
    "kunci",
    [
        "rujukan\x00visum",
        "rujukan\nvisum",
        "rujukan\rvisum",
        "rujukan\u202evisum",  # right-to-left override: the key would print reversed
        "rujukan\u200bvisum",  # zero-width space: two keys that look alike
        "\x1b[31mrujukan",
        " rujukan",
        "r" * 201,
        "r" * 1_000_000,
    ],
)
def test_a_key_that_is_not_one_printable_line_is_refused(tmp_path: Path, kunci: str) -> None:
    with Register(str(tmp_path / "a.db")) as reg:
        nr = _case(reg)
        with pytest.raises(SuratError, match="kunci: ") as exc:
            reg.record_document(nr, jenis="rujukan", tanggal="2026-11-20", kunci=kunci)
        assert exc.value.errors[0].type == "dokumen_tidak_sah"
        assert len(str(exc.value)) < 300 and "rrrrrrrrrr" not in str(exc.value)
        assert reg.documents(nr) == []


@pytest.mark.parametrize(
    "jenis",
    [
        "rujukan\x00",
        "rujukan'; DROP TABLE surat_dokumen; --",
        "RUJUKAN",
        "rujukan ",
        "r" * 100_000,
        "",
        b"rujukan",
        ["rujukan"],
    ],
)
def test_a_kind_that_is_not_a_letter_kind_is_refused(tmp_path: Path, jenis: Any) -> None:
    with Register(str(tmp_path / "a.db")) as reg:
        nr = _case(reg)
        with pytest.raises(SuratError, match="jenis: salah satu dari permohonan") as exc:
            reg.record_document(nr, jenis=jenis, tanggal="2026-11-20")
        assert "DROP" not in str(exc.value) and "rrrrrrrrrr" not in str(exc.value)
        with pytest.raises(SuratError, match="jenis: salah satu dari permohonan"):
            reg.document(nr, jenis)


def test_sql_shaped_text_is_kept_as_text(register_db: str) -> None:
    """A key or a number that reads like SQL is a parameter, never part of a statement:
    it is stored and found back as typed, and every table stays."""
    evil = "x'); DROP TABLE surat_agenda; --"
    with Register(register_db) as reg:
        nr = _case(reg)
        d = reg.record_document(nr, jenis="rujukan", tanggal="2026-11-20", kunci=evil,
                                nomor="1' OR '1'='1", buku="keluar")  # fmt: skip
        assert (d.kunci, d.nomor) == (evil, "1' OR '1'='1")
        assert reg.document(nr, "rujukan", evil) == d
        assert reg.document(nr, "rujukan", "x") is None
        assert [c.nomor for c in reg.cases()] == [nr]
    assert _rows(register_db, "SELECT count(*) FROM surat_agenda")[0][0] == 1


@pytest.mark.parametrize(
    ("nomor_registrasi", "message"),
    [
        ("001/REG-PPA/XI/2026\u202e", "nomor_registrasi: teks yang dapat dicetak"),
        ("001/REG-PPA/XI/2026\n002/REG-PPA/XI/2026", "nomor_registrasi: satu baris"),
        ("9" * 100_000, "nomor_registrasi: paling banyak"),
        ("' OR 1=1 --", "nomor_registrasi: .* tidak ada di buku kasus"),
        ("", "nomor_registrasi: tidak boleh kosong"),
    ],
)
def test_a_case_number_that_is_not_one_is_refused(
    tmp_path: Path, nomor_registrasi: str, message: str
) -> None:
    with Register(str(tmp_path / "a.db")) as reg:
        _case(reg)
        with pytest.raises(SuratError, match=message) as exc:
            reg.record_document(nomor_registrasi, jenis="rujukan", tanggal="2026-11-20")
        assert "9999999999" not in str(exc.value)
        assert reg.documents() == []


def test_a_nul_in_the_case_number_is_cleaned_like_all_agenda_text(tmp_path: Path) -> None:
    """Characters XML forbids are removed from agenda text (a spreadsheet could not hold
    them): the number is then the case it spells, and the document that case's."""
    with Register(str(tmp_path / "a.db")) as reg:
        nr = _case(reg)
        d = reg.record_document(nr + "\x00", jenis="rujukan", tanggal="2026-11-20")
        assert d.nomor_registrasi == nr
        assert reg.documents(nr) == [d]


def test_a_name_in_the_key_is_refused_in_any_disguise(register_db: str) -> None:
    with Register(register_db) as reg:
        nr = _case(reg, identitas=("Putri Ayu Lestari", "Jl. Melati 7, Batu Aji"))
        for kunci in ("rujukan:putri", "rujukan:PÚTRI", "rujukan:Ｐｕｔｒｉ", "melati-visum",
                      "rujukan:lestari:2026"):  # fmt: skip
            with pytest.raises(SuratError, match="kunci: memuat kata yang dilindungi") as exc:
                reg.record_document(nr, jenis="rujukan", tanggal="2026-11-20", kunci=kunci)
            assert "utri" not in str(exc.value).lower() and "melati" not in str(exc.value)
        # initials and dates are not protected words
        reg.record_document(nr, jenis="rujukan", tanggal="2026-11-20", kunci="rujukan:P.A.L.")
        assert len(reg.documents(nr)) == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"sop": "../../../etc/passwd", "langkah": 1}, r"berkas SOP dalam TOML \(\.toml\)"),
        ({"sop": "/etc/hostname.toml", "langkah": 1}, r"(\.toml|tidak dapat dibaca)"),
        ({"sop": "34", "langkah": True}, "langkah: nomor langkah diharapkan, bukan bool"),
        ({"sop": "34", "langkah": 10**20}, "langkah"),
        ({"sop": "34", "langkah": -1}, "langkah"),
        ({"tanggal": "9999-12-31"}, "tanggal: lebih dari 366 hari sesudah hari ini"),
        ({"tanggal": "2026-11-20'; --"}, "tanggal"),
        ({"tanggal": 20261120}, "tanggal: tanggal diharapkan, bukan int"),
        ({"buku": "kasus", "nomor": "001/REG-PPA/XI/2026"}, "buku: 'keluar', 'masuk' atau None"),
        ({"tahap": "penerimaan\x00"}, "tahap: '' atau salah satu dari"),
    ],
)
def test_other_fields_are_refused_without_reading_any_file(
    tmp_path: Path, fields: dict[str, Any], message: str
) -> None:
    with Register(str(tmp_path / "a.db")) as reg:
        nr = _case(reg)
        with pytest.raises(SuratError, match=message) as exc:
            reg.record_document(nr, **{"jenis": "rujukan", "tanggal": "2026-11-20", **fields})
        assert "root:" not in str(exc.value)
        assert reg.documents(nr) == []


def test_a_document_of_a_case_of_another_year(register_db: str) -> None:
    """Case 001 of December 2025 and case 001 of November 2026 print alike but for the
    year: a document goes to the case it names, dated in the next year if it is, and
    ``tahun`` selects by the case's registration."""
    with Register(register_db) as reg:
        old = _case(reg, "2025-12-29")
        new = _case(reg, "2026-11-16")
        assert (old, new) == ("001/REG-PPA/XII/2025", "001/REG-PPA/XI/2026")
        d = reg.record_document("1/REG-PPA/XII/2025", jenis="laporan_pendampingan",
                                tanggal="2026-01-05", kunci="laporan:1")  # fmt: skip
        assert d.nomor_registrasi == old and d.tanggal == date(2026, 1, 5)
        assert reg.documents(new) == []
        assert [x.nomor_registrasi for x in reg.documents(tahun=2025)] == [old]
        assert reg.documents(tahun=2026) == []
        # the same key for the other case is another document
        reg.record_document(new, jenis="laporan_pendampingan", tanggal="2026-11-20",
                            kunci="laporan:1")  # fmt: skip
        assert [x.nomor_registrasi for x in reg.documents()] == [old, new]
        # a case of 2026 takes no document dated in 2025, before it was registered
        with pytest.raises(SuratError, match="sebelum kasus 001/REG-PPA/XI/2026 didaftarkan"):
            reg.record_document(new, jenis="rujukan", tanggal="2025-12-30")
        # a case number of a year the book does not hold
        with pytest.raises(SuratError, match="tidak ada di buku kasus") as exc:
            reg.record_document("001/REG-PPA/XI/2024", jenis="rujukan", tanggal="2026-11-20")
        assert exc.value.errors[0].type == "kasus_tidak_dikenal"


def _record(target: str, barrier: Any, out: Any, i: int, numbered: bool) -> None:
    with Register(target) as reg:
        barrier.wait()  # every process records the same document at the same moment
        fields: dict[str, Any] = {"kunci": "rujukan:visum"}
        if numbered:  # another key each, the same number: still one document
            fields = {"kunci": f"proses:{i}", "nomor": "003/DP3A-PP-KB/PPA/XI/2026",
                      "buku": "keluar"}  # fmt: skip
        d = reg.record_document("001/REG-PPA/XI/2026", jenis="rujukan",
                                tanggal=date(2026, 11, 20 + i), **fields)  # fmt: skip
        out.put((d.tanggal.day, d.kunci))


@pytest.mark.parametrize("numbered", [False, True], ids=["same key", "same number"])
def test_processes_recording_the_same_document_at_once_record_it_once(
    register_db: str, numbered: bool
) -> None:
    with Register(register_db) as reg:
        _case(reg)
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(4), ctx.Queue()
    procs = [
        ctx.Process(target=_record, args=(register_db, barrier, out, i, numbered)) for i in range(4)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    got = {out.get(timeout=5) for _ in procs}
    assert len(got) == 1  # every process was handed the one row recorded first
    with Register(register_db) as reg:
        (doc,) = reg.documents()
        assert (doc.tanggal.day, doc.kunci) == got.pop()
    assert _rows(register_db, "SELECT count(*) FROM surat_dokumen")[0][0] == 1


def test_a_pack_citing_an_unknown_case_voids_its_numbers(tmp_path: Path) -> None:
    """The document is checked again when the pack finishes: a case that is not in the
    book stops the pack there, and the number it took is voided with it."""
    with Register(str(tmp_path / "a.db")) as reg:
        with pytest.raises(BatchError) as exc, Pending(reg, what="x", alasan="gagal") as pending:
            n = pending.issue(perihal="Rujukan", klasifikasi="PPA", tanggal=date(2026, 11, 20))
            pending.record_document("077/REG-LAIN/2026", jenis="rujukan",
                                    tanggal=date(2026, 11, 20), nomor=n.nomor,
                                    buku="keluar")  # fmt: skip
            pending.finish()
        assert "tidak ada di buku kasus" in str(exc.value)
        assert exc.value.voided == (n.nomor,)
        assert reg.documents() == [] and reg.pending() == []
