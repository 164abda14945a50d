"""An office's SOP file and a case's steps from someone who wants to read files,
exhaust the machine, or put a name or a formula where a category belongs."""

from __future__ import annotations

import csv
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

import surat
from surat import Register, SuratError
from surat.prosedur import MAX_BYTES
from surat.simfoni import KategoriKasus

STEP = '[[langkah]]\nno = {no}\nkegiatan = "Langkah"\npelaksana = ["staf"]\nmutu_baku = "{baku}"\n'


def sop_file(tmp_path: Path, *, head: str = 'id = "40"\n', steps: str | None = None) -> Path:
    path = tmp_path / "sop.toml"
    body = steps if steps is not None else STEP.format(no=1, baku="30 menit")
    path.write_text(head + 'judul = "SOP"\n[pelaksana]\nstaf = "Staf"\n' + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "ref",
    ["../../../etc/passwd", "/etc/passwd", "34/../../x", "../sop/34", "/etc/hostname.toml"],
)
def test_an_sop_reference_never_reads_another_file(ref: str) -> None:
    with pytest.raises(SuratError, match=r"(\.toml|tidak dapat dibaca)") as info:
        surat.sop(ref)
    assert "root:" not in str(info.value)


def test_an_oversized_sop_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "besar.toml"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(SuratError, match="paling besar 200 kB"):
        surat.sop(path)


def test_an_sop_with_thousands_of_steps_is_refused(tmp_path: Path) -> None:
    steps = "".join(STEP.format(no=i, baku="1 menit") for i in range(1, 1001))
    with pytest.raises(SuratError, match="langkah"):
        surat.sop(sop_file(tmp_path, steps=steps))


@pytest.mark.parametrize(
    ("head", "steps", "field"),
    [
        ('id = "../34"\n', None, "id"),
        ('id = "40"\nperintah = "rm -rf /"\n', None, "perintah"),
        ('id = "40"\n', STEP.format(no=2, baku="30 menit"), "bernomor 2"),
        ('id = "40"\n', STEP.format(no=1, baku="0 menit"), "mutu_baku"),
        ('id = "40"\n', STEP.format(no=1, baku="-5 menit"), "mutu_baku"),
        ('id = "40"\n', STEP.format(no=1, baku="99999 hari"), "mutu_baku"),
        ('id = "40"\n', STEP.replace('["staf"]', '["kepala"]').format(no=1, baku="5 menit"),
         "pelaksana"),
    ],
)  # fmt: skip
def test_a_malformed_sop_file_names_its_field(
    tmp_path: Path, head: str, steps: str | None, field: str
) -> None:
    with pytest.raises(SuratError, match=field):
        surat.sop(sop_file(tmp_path, head=head, steps=steps))


@pytest.fixture
def reg(tmp_path: Path) -> Register:
    r = Register(tmp_path / "agenda.db")
    yield r
    r.close()


@pytest.fixture
def case(reg: Register) -> str:
    return reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16").nomor


def record(reg: Register, case: str, **kw: object) -> object:
    args: dict[str, object] = {
        "sop": "34", "langkah": 2, "mulai": "2026-11-16 09:10", "selesai": "2026-11-16 10:25",
        "oleh": "staf_penerima",
    }  # fmt: skip
    args.update(kw)
    return reg.record_step(case, **args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"catatan": "x" * 2001}, "catatan"),
        ({"catatan": "a\x00b"}, "catatan"),
        ({"catatan": b"bytes"}, "catatan"),
        ({"oleh": "staf_penerima'; DROP TABLE surat_langkah; --"}, "oleh"),
        ({"oleh": ""}, "oleh"),
        ({"mulai": "9999-12-31 23:59", "selesai": "9999-12-31 23:59"}, "mulai"),
        ({"mulai": 1763259000.0}, "mulai"),
        ({"mulai": "2026-11-16 09:10", "selesai": "2126-11-16 09:10"}, "selesai"),
        ({"langkah": True}, "langkah"),
        ({"langkah": "2"}, "langkah"),
        ({"hasil": "selesai\n"}, "hasil"),
    ],
)
def test_hostile_step_input_is_refused_and_writes_nothing(
    reg: Register, case: str, kw: dict[str, object], field: str
) -> None:
    with pytest.raises(SuratError, match=f"^{field}: "):
        record(reg, case, **kw)
    assert reg.steps(case) == []


def test_a_step_of_a_hundred_years_is_refused(reg: Register, case: str) -> None:
    start = datetime(2026, 11, 16, 9, 10)
    with pytest.raises(SuratError, match=r"^selesai: "):
        record(reg, case, mulai=start, selesai=start + timedelta(days=400))


def test_a_name_or_a_formula_never_becomes_a_category(reg: Register) -> None:
    for bad in ({"tempat_kejadian": "Rumah Sri Wahyuningsih"},
                {"jenis_kekerasan": ("=HYPERLINK(\"http://x\")",)},
                {"layanan": "Kesehatan"},  # a string is not a list of services
                {"kelompok_umur": "9"}):  # fmt: skip
        args: dict[str, object] = {
            "jenis_kekerasan": ("Fisik",), "tempat_kejadian": "Sekolah",
            "hubungan_pelaku": "Guru", "layanan": ("Kesehatan",),
            "jenis_kelamin": "Perempuan", "kelompok_umur": "6-12",
        }  # fmt: skip
        args.update(bad)
        with pytest.raises(SuratError) as info:
            KategoriKasus(**args)  # type: ignore[arg-type]
        assert "Sri" not in str(info.value) and "HYPERLINK" not in str(info.value)
    assert reg.cases() == []


def test_incoming_book_export_is_formula_safe(reg: Register, case: str, tmp_path: Path) -> None:
    reg.receive(dari='=HYPERLINK("http://x","klik")', perihal="@SUM(A1)", nomor_registrasi=case)
    path = reg.export(tmp_path / "masuk.csv", buku="masuk")
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[1][3] == '\'=HYPERLINK("http://x","klik")' and rows[1][6] == "'@SUM(A1)"
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
