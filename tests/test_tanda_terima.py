"""The receipt the reporter takes home (surat.letters.tanda_terima): its checks, its
numbers from the register, its page, and nothing about the victim on it."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import surat
from surat import SuratError
from surat.cli import main
from surat.letters import build_context, example_data, validate
from surat.privacy import find_personal

KIND = "tanda_terima"
OFFICE = surat.Office.default()


def pages_of(pdf: bytes) -> list[list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [
        [x.strip() for x in (p.extract_text() or "").splitlines() if x.strip()]
        for p in reader.pages
    ]


def flat(pages: list[list[str]]) -> str:
    return " ".join(" ".join(" ".join(p) for p in pages).split())


def test_the_kind_leaves_the_office_unnumbered_signed_by_the_staff() -> None:
    spec = surat.letters.kind(KIND)
    assert (spec.numbered, spec.privasi, spec.signable) == (False, "keluar", True)
    with pytest.raises(SuratError, match="tidak bernomor"):
        surat.render(KIND, example_data(KIND), nomor="001/X/XI/2026")
    model = validate(KIND, example_data(KIND))
    assert surat.letters.printed_signer(KIND, model, OFFICE) == ("Dewi Kartika, S.Psi.", "")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            {"berkas": {"ktp": False, "kartu_keluarga": False, "lainnya": []}},
            "berkas: paling sedikit",
        ),
        ({"berkas": {"lainnya": ["Rapor"] * 6}}, "berkas.lainnya"),
        ({"jam": None}, "jam"),
        ({"jam": "25:00"}, "jam"),
        ({"nomor_agenda": ""}, "nomor_agenda"),
        ({"catatan": "panjang " * 60}, "catatan"),
        ({"penerima": {"nip": "123"}}, "penerima.nip"),
        ({"pelapor": {"nama": "Sri\nWahyuningsih"}}, "pelapor.nama"),
        ({"korban": {"nomor_registrasi": None}}, "korban.nomor_registrasi"),
    ],
)
def test_bad_data_names_the_field_never_the_value(change: dict[str, Any], field: str) -> None:
    data = example_data(KIND)
    for key, value in change.items():
        data[key] = {**data[key], **value} if isinstance(value, dict) else value
    with pytest.raises(SuratError, match=field) as err:
        validate(KIND, data)
    assert find_personal(str(err.value), example_data(KIND)) == []
    assert "Wahyuningsih" not in str(err.value) and "Rapor" not in str(err.value)


def test_the_page_read_back_from_the_pdf() -> None:
    pages = pages_of(surat.render(KIND, example_data(KIND)).pdf())
    assert len(pages) == 1
    text = flat(pages)
    for expected in (
        "PEMERINTAH KOTA BATAM",
        "TANDA TERIMA BERKAS",
        "Telah terima dari:",
        "Nama : Sri Wahyuningsih",
        "Hal : Permohonan Pendampingan Kasus",
        "Nomor Agenda Surat Masuk : 014/SM/2026",
        "Nomor Registrasi Kasus : 001/REG-PPA/XI/2026",
        "Diterima : Senin, 16 November 2026 pukul 09.05 WIB",
        "1 Fotokopi KTP √",
        "2 Fotokopi Akta Kelahiran/KIA 3",
        "3 Fotokopi Kartu Keluarga √",
        "4 Surat keterangan dari sekolah (1 lembar) √",
        "Jumlah berkas yang diterima: 3 (tiga) berkas.",
        "Catatan: Dokumen asli telah diperlihatkan",
        "Batam, 16 November 2026",
        "Yang menerima,",
        "Staf Penerima,",
        "Yang menyerahkan,",
        "Dewi Kartika, S.Psi.",
    ):
        assert expected in text, expected
    assert "RAHASIA" not in text  # the reporter's own paper


def test_nothing_about_the_victim_in_the_receipt_its_context_or_its_file() -> None:
    data = example_data(KIND)
    model = validate(KIND, data)
    ctx = build_context(KIND, model, OFFICE, tanggal=model.tanggal or surat.today())
    doc = surat.render(KIND, data)
    pdf = doc.pdf()
    with zipfile.ZipFile(io.BytesIO(doc.docx)) as z:
        xml = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    victim = {"korban": data["korban"]}
    for said in (repr(ctx), doc.text(), xml, flat(pages_of(pdf))):
        assert find_personal(said, victim) == []
        assert "P.A.L." not in said and "Lestari" not in said  # not even the initials
    assert "Sri Wahyuningsih" in doc.text()  # the reporter's own name is hers to carry
    meta = str(PdfReader(io.BytesIO(pdf)).metadata)
    assert find_personal(meta, data) == [] and "Lestari" not in meta


def test_the_numbers_come_from_the_register(register_db: str) -> None:
    data = example_data(KIND)
    with surat.Register(register_db, office=OFFICE) as reg:
        case = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16").nomor
        agenda = reg.receive(
            dari=f"Pelapor kasus {case}",
            perihal="Permohonan Pendampingan Kasus",
            tanggal_terima="2026-11-16",
            nomor_registrasi=case,
        )
    data["nomor_agenda"], data["korban"]["nomor_registrasi"] = str(agenda), case
    text = surat.render(KIND, data).text()
    assert "001/SM/2026" in text and "001/REG-PPA/XI/2026" in text


def test_surat_contoh_then_surat_buat(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src, out = tmp_path / "tanda_terima.json", tmp_path / "tanda_terima.pdf"
    assert main(["contoh", KIND, "-o", str(src)]) == 0
    assert main(["buat", KIND, str(src), "-o", str(out)]) == 0, capsys.readouterr().err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = flat(pages_of(out.read_bytes()))
    assert "TANDA TERIMA BERKAS" in text and "Lestari" not in text
