"""A case through the SOP: steps timed against the mutu baku, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import dataclasses
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import surat
from surat import Register, SuratError
from surat.dates import WIB
from surat.kasus import Kasus
from surat.numbering import LangkahKasus
from surat.simfoni import KategoriKasus

EXAMPLES = Path(__file__).parent.parent / "examples"
KATEGORI = KategoriKasus(
    jenis_kekerasan=("Fisik", "Psikis"),
    tempat_kejadian="Fasilitas Umum",
    hubungan_pelaku="Tetangga",
    layanan=("Kesehatan", "Pendampingan Psikologis"),
    jenis_kelamin="Perempuan",
    kelompok_umur="6-12",
)


@pytest.fixture
def reg(register_db: str) -> Iterator[Register]:
    with Register(register_db) as r:
        yield r


@pytest.fixture
def case(reg: Register) -> str:
    return reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16").nomor


def step(
    reg: Register, nomor: str, langkah: int, mulai: str, selesai: str, oleh: str, **kw: str
) -> LangkahKasus:
    return reg.record_step(
        nomor, sop="34", langkah=langkah, mulai=mulai, selesai=selesai, oleh=oleh, **kw
    )


# -- the SOPs as data -------------------------------------------------------


def test_sop_34_as_the_seed_gives_it() -> None:
    s = surat.sop("34")
    assert s.id == "34" and s.nomor == "34/DP3A-PP-KB/SOP/II/2020"
    assert [x.no for x in s.langkah] == [1, 2, 3, 4, 5, 6]
    assert [x.menit for x in s.langkah] == [5, 60, 30, 30, 30, 60]
    assert s.langkah[1].mutu_baku == timedelta(minutes=60)
    assert s.langkah[1].pelaksana == ("staf_penerima",)
    assert s.langkah[3].pelaksana == ("kasi_pha",) and s.langkah[4].pelaksana == ("kabid",)
    assert s.langkah[0].kelengkapan == "KTP/Akte Kelahiran (bagi pelapor anak) dan kartu keluarga"
    assert s.langkah[2].output == "Naskah"
    assert set(s.pelaksana) == {"pelapor", "staf_penerima", "kasi_pha", "kabid", "p2tp2a"}


def test_sop_32_has_nine_steps_its_step_9_once() -> None:
    s = surat.sop("32")
    assert [x.no for x in s.langkah] == list(range(1, 10))
    assert [x.menit for x in s.langkah] == [5, 10, 10, 15, 10, 10, 60, 30, 30]
    assert s.langkah[2].output == "Kasi memberikan disposisi tentang persetujuan pendampingan"
    assert s.langkah[4].output == "Kasi PHA memberikan Paraf"
    assert "psykolog" in s.langkah[8].keterangan
    assert set(s.pelaksana) == {"pelapor", "patbm", "kasi_pha", "p2tp2a"}


def test_an_office_ships_its_own_sop(tmp_path: Path) -> None:
    path = tmp_path / "sop-40.toml"
    path.write_text(
        'id = "40"\njudul = "SOP Rujukan"\n[pelaksana]\nkonselor = "Konselor"\n'
        '[[langkah]]\nno = 1\nkegiatan = "Menerima rujukan"\npelaksana = ["konselor"]\n'
        'mutu_baku = "2 jam"\n',
        encoding="utf-8",
    )
    s = surat.sop(path)
    assert (s.id, s.langkah[0].mutu_baku) == ("40", timedelta(hours=2))
    assert surat.sop(str(path)) == s


def test_the_mutu_baku_table_names_the_paper_of_each_step() -> None:
    """Each shipped step names the letter kinds that evidence it (surat's own link,
    not the signed SOP's words); an office's SOP may name them too."""
    assert [x.dokumen for x in surat.sop("34").langkah] == [
        ("permohonan",),
        ("permohonan", "tanda_terima"),
        ("konseling",),
        ("nota_dinas",),
        ("persetujuan", "tugas", "nota_dinas"),
        ("laporan_pendampingan", "rujukan", "undangan", "berita_acara"),
    ]
    assert surat.sop("32").step(3).dokumen == ("disposisi",)
    assert all(x.dokumen for s in ("32", "34") for x in surat.sop(s).langkah)
    kinds = {k for s in ("32", "34") for x in surat.sop(s).langkah for k in x.dokumen}
    assert kinds <= set(surat.letters.KINDS)


def test_an_office_sop_names_the_paper_of_a_step(tmp_path: Path) -> None:
    head = 'id = "40"\njudul = "SOP Rujukan"\n[pelaksana]\nkonselor = "Konselor"\n'
    step = '[[langkah]]\nno = 1\nkegiatan = "Merujuk"\npelaksana = ["konselor"]\n'
    step += 'mutu_baku = "2 jam"\n'
    path = tmp_path / "sop-40.toml"
    path.write_text(head + step + 'dokumen = ["rujukan"]\n', encoding="utf-8")
    assert surat.sop(path).step(1).dokumen == ("rujukan",)
    path.write_text(head + step, encoding="utf-8")
    assert surat.sop(path).step(1).dokumen == ()  # a step that leaves no paper of its own
    for bad, message in (
        ('dokumen = ["memo"]', "jenis surat 'memo' tidak dikenal; salah satu dari permohonan"),
        ('dokumen = ["rujukan", "rujukan"]', "jenis surat yang sama disebut dua kali"),
        ("dokumen = 7", "langkah.0.dokumen"),
    ):
        path.write_text(head + step + bad + "\n", encoding="utf-8")
        with pytest.raises(SuratError, match=message):
            surat.sop(path)


# -- steps of a case --------------------------------------------------------


def test_a_late_step_shows_terlambat(reg: Register, case: str) -> None:
    recorded = step(reg, case, 2, "2026-11-16 09:10", "2026-11-16 10:25", "staf_penerima")
    step(reg, case, 1, "2026-11-16 09:00", "2026-11-16 09:04", "pelapor")
    first, second = reg.steps(case)  # in the order they began
    assert isinstance(second, LangkahKasus)
    assert dataclasses.replace(second, dicatat=None) == recorded  # read back as recorded
    assert (first.langkah, first.durasi, first.terlambat) == (1, timedelta(minutes=4), False)
    assert (second.langkah, second.sop, second.oleh, second.hasil) == (
        2, "34", "staf_penerima", "selesai"
    )  # fmt: skip
    assert second.durasi == timedelta(minutes=75) and second.mutu_baku == timedelta(minutes=60)
    assert second.terlambat and second.lebih == timedelta(minutes=15)
    assert second.kegiatan.startswith("Staf menerima berkas")
    assert second.mulai == datetime(2026, 11, 16, 9, 10, tzinfo=WIB)
    assert second.mulai.utcoffset() == timedelta(hours=7) and second.dicatat is not None


def test_a_returned_step_stays_in_the_record(reg: Register, case: str) -> None:
    step(reg, case, 3, "2026-11-16 10:30", "2026-11-16 11:00", "staf_penerima")
    step(reg, case, 4, "2026-11-16 13:00", "2026-11-16 13:20", "kasi_pha", hasil="dikembalikan")
    step(reg, case, 3, "2026-11-16 13:30", "2026-11-16 13:50", "staf_penerima")
    step(reg, case, 4, "2026-11-16 14:00", "2026-11-16 14:10", "kasi_pha")
    rows = reg.steps(case)
    assert [(s.langkah, s.hasil) for s in rows] == [
        (3, "selesai"), (4, "dikembalikan"), (3, "selesai"), (4, "selesai")
    ]  # fmt: skip


def test_times_are_wib_whatever_zone_they_come_in(reg: Register, case: str) -> None:
    utc = datetime(2026, 11, 16, 2, 10, tzinfo=UTC)  # 09.10 WIB
    s = reg.record_step(
        case, sop="34", langkah=2, mulai=utc, selesai=datetime(2026, 11, 16, 10, 0),  # naive: WIB
        oleh="staf_penerima",
    )  # fmt: skip
    (back,) = reg.steps(case)
    assert back.mulai == s.mulai == datetime(2026, 11, 16, 9, 10, tzinfo=WIB)
    assert back.mulai.tzinfo is not None and back.mulai.hour == 9
    assert back.durasi == timedelta(minutes=50)


def test_a_profile_role_may_perform_a_step(reg: Register, case: str) -> None:
    s = step(reg, case, 5, "2026-11-17 08:00", "2026-11-17 08:20", "kepala_dinas")
    assert s.oleh == "kepala_dinas"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"langkah": 7}, "langkah"),
        ({"langkah": 0}, "langkah"),
        ({"oleh": "Sri Wahyuningsih"}, "oleh"),
        ({"selesai": "2026-11-16 09:00"}, "selesai"),
        ({"mulai": "2026-11-16"}, "mulai"),
        ({"hasil": "ditolak"}, "hasil"),
        ({"sop": "99"}, "sop"),
    ],
)
def test_bad_steps_are_refused(
    reg: Register, case: str, change: dict[str, object], field: str
) -> None:
    kw: dict[str, object] = {
        "sop": "34", "langkah": 2, "mulai": "2026-11-16 09:10",
        "selesai": "2026-11-16 10:25", "oleh": "staf_penerima",
    }  # fmt: skip
    kw.update(change)
    with pytest.raises(SuratError, match=f"^{field}: ") as info:
        reg.record_step(case, **kw)  # type: ignore[arg-type]
    assert "Sri" not in str(info.value)  # what was typed is never quoted
    assert reg.steps(case) == []


def test_an_unknown_or_void_case_is_refused(reg: Register, case: str) -> None:
    with pytest.raises(
        SuratError, match=r"^nomor_registrasi: .* tidak ada di buku kasus kantor ini"
    ):
        step(reg, "009/REG-PPA/XI/2026", 2, "2026-11-16 09:10", "2026-11-16 10:25", "pelapor")
    with pytest.raises(SuratError, match=r"^nomor_registrasi: .* tidak ada di"):
        reg.steps("009/REG-PPA/XI/2026")
    reg.void(case, alasan="salah catat", buku="kasus")
    with pytest.raises(SuratError, match=r"^nomor_registrasi: .* batal"):
        step(reg, case, 2, "2026-11-16 09:10", "2026-11-16 10:25", "staf_penerima")


def test_catatan_is_kept_but_never_shown(reg: Register, case: str) -> None:
    s = step(reg, case, 2, "2026-11-16 09:10", "2026-11-16 10:25", "staf_penerima",
             catatan="Ibu korban minta dihubungi sore")  # fmt: skip
    (back,) = reg.steps(case)
    assert back.catatan == "Ibu korban minta dihubungi sore"
    assert "Ibu korban" not in repr(back) and "Ibu korban" not in repr(s)


# -- the case book and the letters of a case --------------------------------


def test_case_book_keeps_simfoni_categories(reg: Register) -> None:
    n = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16", kategori=KATEGORI)
    reg.register_case(perihal="Kasus lama", tanggal="2026-11-17")
    with_categories, without = reg.cases(tahun=2026)
    assert with_categories.nomor == n.nomor and with_categories.kategori == KATEGORI
    assert without.kategori is None
    with pytest.raises(SuratError, match=r"^kategori: "):
        reg.register_case(perihal="x", kategori={"jenis_kekerasan": ["Fisik"]})  # type: ignore[arg-type]
    assert len(reg.cases()) == 2  # nothing written by the refused call


def test_kasus_links_every_letter_to_its_case(register_db: str) -> None:
    kasus = Kasus.from_file(EXAMPLES / "kasus.json")
    office = surat.Office.from_toml(EXAMPLES / "kantor.toml")
    with Register(register_db, office=office) as reg:
        kasus.letters(reg)
        (case,) = reg.cases()
        assert case.kategori == KategoriKasus(
            jenis_kekerasan=("Fisik", "Psikis"),
            tempat_kejadian="Fasilitas Umum",
            hubungan_pelaku="Tetangga",
            layanan=("Kesehatan", "Pendampingan Psikologis", "Bantuan Hukum"),
            jenis_kelamin="Perempuan",
            kelompok_umur="6-12",  # born 14 March 2017, received 16 November 2026: 9
        )
        (masuk,) = reg.received()
        keluar = reg.entries()
        assert masuk.nomor_registrasi == case.nomor
        assert [e.nomor_registrasi for e in keluar] == [case.nomor, case.nomor]
        assert keluar[0].tujuan == f"Pelapor kasus {case.nomor}"  # never a name, never identical
        assert reg.entries(nomor_registrasi=case.nomor) == keluar
        assert reg.received(nomor_registrasi=case.nomor) == [masuk]
        assert reg.entries(nomor_registrasi="002/REG-PPA/XI/2026") == []


def test_issue_reserve_receive_accept_the_case(reg: Register, case: str) -> None:
    a = reg.issue(
        perihal="Undangan", klasifikasi="PPA", tanggal="2026-11-20", nomor_registrasi=case
    )
    with reg.reserve(perihal="Rujukan", klasifikasi="PPA", tanggal="2026-11-20",
                     nomor_registrasi=case) as b:  # fmt: skip
        pass
    m = reg.receive(dari="Unit PPA Polresta", perihal="Hasil BAP", nomor_registrasi=case)
    assert [e.nomor for e in reg.entries(nomor_registrasi=case)] == [a.nomor, b.nomor]
    assert reg.received()[0].nomor == m.nomor and reg.received()[0].nomor_registrasi == case
    with pytest.raises(SuratError, match=r"^nomor_registrasi: satu baris"):
        reg.issue(perihal="x", klasifikasi="PPA", nomor_registrasi="001/REG\n/XI/2026")
    assert len(reg.entries()) == 2


# -- the three books exported -------------------------------------------------


def test_the_three_books_export_with_the_case_and_no_catatan(reg: Register, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    case = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16", kategori=KATEGORI)
    reg.register_case(perihal='=HYPERLINK("http://x")', tanggal="2026-11-17")
    nr = case.nomor
    reg.receive(dari=f"Pelapor kasus {nr}", perihal="Permohonan Pendampingan Kasus",
                tanggal_terima="2026-11-16", nomor_registrasi=nr)  # fmt: skip
    reg.issue(perihal="Persetujuan Pendampingan", tujuan=f"Pelapor kasus {nr}",
              klasifikasi="PPA", tanggal="2026-11-20", nomor_registrasi=nr)  # fmt: skip
    step(reg, nr, 2, "2026-11-16 09:10", "2026-11-16 10:25", "staf_penerima",
         catatan="RAHASIA-CATATAN")  # fmt: skip
    step(reg, nr, 3, "2026-11-16 10:30", "2026-11-16 10:55", "staf_penerima")

    def csv_rows(buku: str) -> list[list[str]]:
        path = reg.export(tmp_path / f"{buku}.csv", buku=buku)  # type: ignore[arg-type]
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        return list(csv.reader(path.open(encoding="utf-8")))

    keluar, masuk, kasus = csv_rows("keluar"), csv_rows("masuk"), csv_rows("kasus")
    assert keluar[0][-1] == "Nomor registrasi" and keluar[1][-1] == nr
    assert masuk[0][7] == "Nomor registrasi" and masuk[1][7] == nr
    assert kasus[0][:2] == ["Nomor registrasi", "Urut"]
    assert kasus[1][0] == nr
    row = dict(zip(kasus[0], kasus[1], strict=True))
    assert row["Jenis kekerasan"] == "Fisik; Psikis" and row["Kelompok umur korban"] == "6-12"
    assert (row["Langkah tercatat"], row["Langkah terlambat"]) == ("2", "1")
    assert kasus[2][3] == '\'=HYPERLINK("http://x")'  # text, never a formula
    assert kasus[2][5] == ""  # no categories recorded for that case

    path = reg.export(tmp_path / "kasus.xlsx", tahun=2026, buku="kasus")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Register Penanganan Kasus", "Langkah SOP"]
    steps_sheet = list(wb["Langkah SOP"].iter_rows(values_only=True))
    assert steps_sheet[0][:3] == ("Nomor registrasi", "SOP", "Langkah")
    assert [(r[0], r[2], r[6], r[7], r[8]) for r in steps_sheet[1:]] == [
        (nr, 2, 75, 60, "ya"),
        (nr, 3, 25, 30, "tidak"),
    ]
    assert wb["Register Penanganan Kasus"].cell(3, 4).data_type == "s"
    everything = [str(c) for ws in wb.worksheets for r in ws.iter_rows(values_only=True) for c in r]
    for text in (everything, [str(c) for b in (keluar, masuk, kasus) for r in b for c in r]):
        assert not any("RAHASIA-CATATAN" in t for t in text)
    with pytest.raises(SuratError, match=r"^buku: "):
        reg.export(tmp_path / "x.csv", buku="semua")  # type: ignore[arg-type]
    assert not (tmp_path / "x.csv").exists()


def test_steps_of_every_case_in_the_order_of_the_book(reg: Register) -> None:
    a = reg.register_case(perihal="A", tanggal="2026-11-16").nomor
    b = reg.register_case(perihal="B", tanggal="2026-11-17").nomor
    step(reg, b, 1, "2026-11-17 08:00", "2026-11-17 08:05", "pelapor")
    step(reg, a, 2, "2026-11-16 09:00", "2026-11-16 09:30", "staf_penerima")
    step(reg, a, 1, "2026-11-16 08:00", "2026-11-16 08:05", "pelapor")
    assert [(s.nomor_registrasi, s.langkah) for s in reg.steps()] == [(a, 1), (a, 2), (b, 1)]
    assert reg.steps(tahun=2025) == [] and len(reg.steps(tahun=2026)) == 3
