"""The consent and data-sharing statement (surat.letters.pernyataan): who may consent,
the Meterai box as the profile or the data ask, the page read back from the PDF."""

from __future__ import annotations

import io
import stat
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from referensi_support import seed_books

import surat
from surat import SuratError
from surat.cli import main
from surat.letters import example_data, validate
from surat.privacy import find_personal

KIND = "pernyataan"
OFFICE = surat.Office.default()


def flat_pages(pdf: bytes) -> list[list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [
        [x.strip() for x in (p.extract_text() or "").splitlines() if x.strip()]
        for p in reader.pages
    ]


def flat(pages: list[list[str]]) -> str:
    return " ".join(" ".join(" ".join(p) for p in pages).split())


def adult_self() -> dict[str, Any]:
    """An adult victim who consents for herself."""
    data = example_data(KIND)
    data["yang_menyatakan"]["hubungan"] = "Diri sendiri"
    data["korban"] = {
        "nama": data["yang_menyatakan"]["nama"],
        "nomor_registrasi": "002/REG-PPA/XI/2026",
        "tanggal_lahir": data["yang_menyatakan"]["tanggal_lahir"],
    }
    return data


def test_the_kind_is_internal_unnumbered_and_signed_by_hand_only() -> None:
    spec = surat.letters.kind(KIND)
    assert (spec.numbered, spec.privasi, spec.signable) == (False, "internal", False)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        # a child never consents for herself (UU 27/2022 Pasal 25)
        ({"yang_menyatakan": {"hubungan": "diri  SENDIRI"}}, "yang_menyatakan.hubungan"),
        ({"yang_menyatakan": {"tanggal_lahir": "2012-01-01"}}, "yang_menyatakan.tanggal_lahir"),
        ({"yang_menyatakan": {"nik": "12345"}}, "yang_menyatakan.nik"),
        ({"data": ["Identitas diri", "Riwayat belanja"]}, "data.1"),
        ({"data": []}, "data"),
        ({"penerima_data": []}, "penerima_data"),
        ({"penerima_data": ["RSUD Embung Fatimah", "rsud  embung fatimah"]}, "penerima_data"),
        ({"layanan": ["Kesehatan", "Kesehatan"]}, "layanan"),
        ({"korban": {"nomor_registrasi": None}}, "korban.nomor_registrasi"),
        ({"korban": {"tanggal_lahir": None}}, "korban: .*tanggal_lahir atau umur"),
    ],
)
def test_bad_data_names_the_field_never_the_value(change: dict[str, Any], field: str) -> None:
    data = example_data(KIND)
    for key, value in change.items():
        data[key] = {**data[key], **value} if isinstance(value, dict) else value
    with pytest.raises(SuratError, match=field) as err:
        validate(KIND, data)
    assert find_personal(str(err.value), example_data(KIND)) == []
    assert "belanja" not in str(err.value)


def test_an_adult_victim_consents_for_herself() -> None:
    text = flat(flat_pages(surat.render(KIND, adult_self()).pdf()))
    assert "selaku korban dalam kasus dengan Nomor Registrasi 002/REG-PPA/XI/2026" in text
    assert "bagi saya, berupa" in text and "Menyetujui data saya berikut" in text
    assert "Pasal 19" not in text and "dari anak" not in text
    assert "Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi" in text


def test_the_page_read_back_from_the_pdf() -> None:
    data = example_data(KIND)
    pages = flat_pages(surat.render(KIND, data).pdf())
    assert len(pages) == 1
    text = flat(pages)
    for expected in (
        "SURAT PERNYATAAN",
        "PERSETUJUAN PENDAMPINGAN DAN PEMBAGIAN DATA",
        "Nama : Sri Wahyuningsih",
        "NIK : 2171015708900001",
        "Tempat/Tanggal Lahir : Tanjungpinang, 17 Agustus 1990",
        "selaku Ibu kandung dari anak:",
        "Nama : Putri Ayu Lestari",
        "Umur : 9 tahun",
        "Nomor Registrasi : 001/REG-PPA/XI/2026",
        "Menyetujui pendampingan oleh DP3A-PP-KB Kota Batam bagi anak tersebut, berupa:",
        "1) Kesehatan 2) Pendampingan Psikologis 3) Bantuan Hukum",
        "1) Identitas diri 2) Keterangan dan kronologi kejadian 3) Data kesehatan",
        "1) Unit PPA Satreskrim Polresta Barelang",
        "Pasal 19 Undang-Undang Nomor 11 Tahun 2012",
        "data pribadi yang bersifat spesifik",
        "menarik kembali persetujuan ini",
        "Batam, 17 November 2026",
        "Yang menyatakan,",
        "METERAI Rp10.000",
        "Dewi Kartika, S.Psi.",
    ):
        assert expected in text, expected
    assert pages[0][0] == "RAHASIA" and pages[0][-1] == "RAHASIA"


def test_the_meterai_box_as_the_profile_or_the_data_ask() -> None:
    data = example_data(KIND)
    data["meterai"] = None  # as the profile says
    assert "METERAI" not in surat.render(KIND, data).text()
    asks = OFFICE.model_copy(update={"meterai": ["pernyataan"]})
    assert "METERAI" in surat.render(KIND, data, office=asks).text()
    data["meterai"] = False  # the data decide over the profile
    assert "METERAI" not in surat.render(KIND, data, office=asks).text()
    assert surat.Office.from_toml_string('meterai = ["pernyataan"]\n' + _minimal()).meterai == [
        "pernyataan"
    ]
    with pytest.raises(SuratError, match=r"meterai\.0") as err:
        surat.Office.from_toml_string('meterai = ["kwitansi"]\n' + _minimal())
    assert "kwitansi" not in str(err.value).split(":", 1)[0]


def _minimal() -> str:
    return (
        'pemerintah = "PEMERINTAH KOTA X"\nnama = "DINAS X"\nsingkatan = "Dinas X"\n'
        'kode = "DX"\nalamat = "Jl. X"\nkota = "X"\n'
        '[pejabat.kepala_dinas]\njabatan = "Kepala Dinas X"\n'
    )


def test_the_identity_stays_out_of_the_metadata_and_repr() -> None:
    data = example_data(KIND)
    doc = surat.render(KIND, data)
    assert "Putri Ayu Lestari" in doc.text()  # internal: it holds the identity
    meta = PdfReader(io.BytesIO(doc.pdf())).metadata
    assert find_personal(str(meta) + repr(doc) + repr(validate(KIND, data)), data) == []


def test_surat_contoh_then_surat_buat(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src, out = tmp_path / "pernyataan.json", tmp_path / "pernyataan.pdf"
    assert main(["contoh", KIND, "-o", str(src)]) == 0
    assert main(["buat", KIND, str(src), "-o", str(out)]) == 0, capsys.readouterr().err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "SURAT PERNYATAAN" in flat(flat_pages(out.read_bytes()))
    # with --db it takes no number: the statement is not numbered
    with surat.Register(tmp_path / "a.db") as reg:  # the case the statement cites
        seed_books(reg, kasus=1)
    code = main(["buat", KIND, str(src), "-o", str(out), "--db", str(tmp_path / "a.db")])
    assert code == 0 and "nomor" not in capsys.readouterr().out
