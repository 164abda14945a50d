"""Nota dinas: the memo between officials (SOP 34 steps 4 and 5), its number, its page."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from referensi_support import seed_books

import surat
from surat import SuratError
from surat.cli import main
from surat.letters import build_context, example_data, validate
from surat.letters.nota_dinas import KLASIFIKASI
from surat.privacy import find_personal

OFFICE = surat.Office.default()
DAY = date(2026, 11, 17)


def ctx(data: dict[str, Any]) -> dict[str, Any]:
    return build_context("nota_dinas", validate("nota_dinas", data), OFFICE, tanggal=DAY)


def test_the_memo_names_roles_and_the_case_never_the_victim() -> None:
    c = ctx(example_data("nota_dinas"))
    assert c["kepada"] == OFFICE.pejabat["kabid"].jabatan
    assert c["dari"] == OFFICE.pejabat["kasi_pha"].jabatan
    assert c["korban"] == {"inisial": "P.A.L.", "nomor_registrasi": "001/REG-PPA/XI/2026"}
    assert c["penandatangan"]["jabatan"] == OFFICE.pejabat["kasi_pha"].jabatan
    assert c["surat"]["sifat"] == "Rahasia" and c["tembusan"] == []
    assert "Lestari" not in repr(c) and "Putri Ayu" not in repr(c)


def test_the_answer_step_5_lists_the_decided_services() -> None:
    data = example_data("nota_dinas") | {"kepada": "kasi_pha", "dari": "kabid"}
    data["rujukan"] = {"jenis": "Nota Dinas", "nomor": "004/DP3A-PP-KB/ND/XI/2026",
                       "tanggal": "2026-11-17"}  # fmt: skip
    data["isi"] = ["Pendampingan disetujui. Siapkan surat tugas pendampingan."]
    text = surat.render("nota_dinas", data, nomor="005/DP3A-PP-KB/ND/XI/2026").text()
    assert "Kepada : Yth. Kepala Seksi Perlindungan Anak" in " ".join(text.split())
    assert "Nota Dinas Nomor 004/DP3A-PP-KB/ND/XI/2026" in text
    for layanan in ("Kesehatan", "Rehabilitasi Sosial", "Bantuan Hukum"):
        assert layanan in text
    assert "Kepala Bidang Pencegahan dan Penanganan Korban Kekerasan," in text


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kepada": "kasi_pha"}, "kepada: nota dinas ditujukan kepada pejabat lain"),
        ({"kepada": "Kabid"}, "kepada:"),
        ({"isi": []}, "isi:"),
        ({"isi": ["x" * 2001]}, "isi.0:"),
        ({"sifat": "Penting"}, "sifat:"),
        ({"hal": "Laporan konseling Putri Ayu Lestari"}, "hal: menyebut nama korban"),
        ({"hal": "Kasus ＬＥＳＴＡＲＩ"}, "hal: menyebut nama korban"),
        ({"tanggal": "Putri Ayu Lestari"}, "tanggal:"),
    ],
)
def test_validation_names_the_field_never_the_value(change: dict[str, Any], field: str) -> None:
    data = example_data("nota_dinas") | change
    with pytest.raises(SuratError, match=field) as err:
        validate("nota_dinas", data)
    assert "Lestari" not in str(err.value) and "ＬＥＳＴＡＲＩ" not in str(err.value)
    assert "x" * 50 not in str(err.value)


def test_a_role_the_profile_lacks_is_refused_before_a_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = example_data("nota_dinas") | {"dari": "kasi_tidak_ada"}
    model = validate("nota_dinas", data)
    with pytest.raises(SuratError, match="dari: 'kasi_tidak_ada' bukan peran"):
        model.agenda(OFFICE)
    with surat.Register(tmp_path / "agenda.db") as reg:
        seed_books(reg, kasus=1)  # the case the memo cites
        path = tmp_path / "nd.json"
        path.write_text(json.dumps(data))
        code = main(["buat", "nota_dinas", str(path), "-o", str(tmp_path / "nd.pdf"),
                     "--db", str(tmp_path / "agenda.db")])  # fmt: skip
        assert code != 0
        assert "dari: 'kasi_tidak_ada' bukan peran" in capsys.readouterr().err
        assert reg.entries(tahun=None) == []  # no number taken
    assert not (tmp_path / "nd.pdf").exists()


def test_a_standing_plt_of_the_sender_signs_with_their_own_name() -> None:
    office = OFFICE.model_copy(
        update={
            "plt": {
                "kasi_pha": [
                    surat.office.Penjabat(
                        status="Plh.", nama="Dewi Kartika, S.Sos.", nip="19850101 201001 2 001",
                        pangkat="Penata (III/c)", mulai=date(2026, 11, 1),
                        sampai=date(2026, 11, 30),
                    )
                ]
            }
        }
    )  # fmt: skip
    c = build_context(
        "nota_dinas", validate("nota_dinas", example_data("nota_dinas")), office, tanggal=DAY
    )
    assert c["penandatangan"]["jabatan"] == "Plh. Kepala Seksi Perlindungan Anak"
    assert c["penandatangan"]["nama"] == "Dewi Kartika, S.Sos."


def test_numbered_by_the_register_as_a_memo_read_back_from_the_pdf(tmp_path: Path) -> None:
    """``surat buat nota_dinas --db``: its own number (klasifikasi ND), an agenda row with
    roles only, and the page read back from the PDF."""
    data = example_data("nota_dinas")
    path = tmp_path / "nd.json"
    path.write_text(json.dumps(data))
    out = tmp_path / "nd.pdf"
    db = tmp_path / "agenda.db"
    with surat.Register(db) as reg:  # the case the letter cites
        seed_books(reg, kasus=1)
    assert main(["buat", "nota_dinas", str(path), "-o", str(out), "--db", str(db)]) == 0
    with surat.Register(db) as reg:
        (entry,) = reg.entries(tahun=2026)
    assert entry.nomor == f"001/DP3A-PP-KB/{KLASIFIKASI}/XI/2026"
    assert entry.tujuan == "Kabid" and entry.nomor_registrasi == "001/REG-PPA/XI/2026"
    assert entry.perihal == data["hal"]
    assert find_personal(repr(entry), data) == []
    assert out.stat().st_mode & 0o777 == 0o600
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for expected in (
        "NOTA DINAS",
        "Kepada : Yth. Kepala Bidang Pencegahan dan Penanganan Korban Kekerasan",
        "Dari : Kepala Seksi Perlindungan Anak",
        "Tembusan : -",
        "Tanggal : 17 November 2026",
        f"Nomor : 001/DP3A-PP-KB/{KLASIFIKASI}/XI/2026",
        "Sifat : Rahasia",
        "Lampiran : 1 (satu) berkas",
        "korban berinisial P.A.L.",
        "1. Kesehatan",
        "Kepala Seksi Perlindungan Anak,",
    ):
        assert expected in text, expected
    assert text.startswith("RAHASIA") and text.endswith("RAHASIA")
    assert "Lestari" not in text
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    assert "Nota Dinas" in meta and find_personal(meta, data) == []


def test_a_biasa_memo_is_not_marked_secret() -> None:
    data = example_data("nota_dinas") | {"sifat": "Biasa", "tembusan": ["Kepala Dinas"]}
    text = surat.render("nota_dinas", data, nomor="001/X/2026").text()
    assert "RAHASIA" not in text and "Biasa" in text
    assert "Kepala Dinas" in text


def test_the_memo_s_own_plh_signs_never_an_or_ub() -> None:
    plh = {"status": "Plh.", "nama": "Dewi Kartika, S.Sos.", "nip": "19850101 201001 2 001",
           "pangkat": "Penata (III/c)"}  # fmt: skip
    c = ctx(example_data("nota_dinas") | {"penandatangan": plh})
    assert c["penandatangan"]["jabatan"] == "Plh. Kepala Seksi Perlindungan Anak"
    assert c["penandatangan"]["nip"] == "19850101 201001 2 001"
    an = {"status": "a.n.", "atas_nama": "kepala_dinas"}
    with pytest.raises(
        SuratError, match=r"penandatangan\.status: nota dinas ditandatangani pengirimnya"
    ):
        validate("nota_dinas", example_data("nota_dinas") | {"penandatangan": an})
    other = {"peran": "kabid"}
    with pytest.raises(
        SuratError, match=r"penandatangan\.peran: penanda tangan nota dinas adalah pengirimnya"
    ):
        validate("nota_dinas", example_data("nota_dinas") | {"penandatangan": other})
    himself = plh | {"nama": "UMIYATI, SE", "nip": "19621027 198503 2 006"}
    data = example_data("nota_dinas") | {"dari": "kepala_dinas", "penandatangan": himself}
    with pytest.raises(SuratError, match="bukan pemangku itu sendiri"):
        ctx(data)
    with pytest.raises(SuratError, match="bukan pemangku itu sendiri"):
        validate("nota_dinas", data).agenda(OFFICE)  # before a number is taken
