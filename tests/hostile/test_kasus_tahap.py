"""A hostile case file for the stages (``surat kasus --tahap``): huge lists,
path-like keys, wrong stage names, a victim's name where a service's belongs.
Each is refused with the field's path, before any number is taken, quoting
nothing it was given."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from surat import Office, SuratError
from surat.kasus import Kasus
from surat.numbering import Register
from surat.tahap import pilih

ROOT = Path(__file__).parent.parent.parent
STARTER = ROOT / "surat" / "starter" / "kasus.json"
KORBAN = "Putri Ayu Lestari"


def data() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(STARTER.read_text(encoding="utf-8"))
    return raw


@pytest.fixture
def register(tmp_path: Path) -> Register:
    office = Office.from_toml(ROOT / "examples" / "kantor.toml")
    reg = Register(tmp_path / "agenda.db", office=office)
    yield reg
    reg.close()


def test_a_huge_list_of_referrals_is_refused_at_once() -> None:
    raw = data()
    raw["rujukan"] = [dict(raw["rujukan"][1], kunci=f"r{i}") for i in range(50_000)]
    started = time.perf_counter()
    with pytest.raises(SuratError) as err:
        Kasus.from_dict(raw)
    assert time.perf_counter() - started < 60  # refused by its length, not item by item
    assert "rujukan: paling banyak 20" in str(err.value)
    assert len(str(err.value)) < 2000


def test_huge_texts_and_nested_lists_are_refused_by_their_limits() -> None:
    raw = data()
    raw["rujukan"][0]["keterangan"] = "x" * 1_000_000
    raw["laporan"][0]["tindak_lanjut"] = ["y"] * 10_000
    raw["mediasi"]["undangan"][0]["kepada"] = ["Dinas"] * 10_000
    with pytest.raises(SuratError) as err:
        Kasus.from_dict(raw)
    msg = str(err.value)
    for path in ("rujukan.0.keterangan", "laporan.0.tindak_lanjut", "mediasi.undangan.0.kepada"):
        assert path in msg
    assert "xxxxxxxx" not in msg and len(msg) < 2000


@pytest.mark.parametrize(
    "kunci",
    ["../../etc/passwd", "/tmp/x", "a b", "C:\\berkas", "rujukan:1", "x" * 61, "", "\u0000"],
)
def test_a_path_like_or_odd_document_key_is_refused(kunci: str) -> None:
    raw = data()
    raw["rujukan"][1]["kunci"] = kunci
    with pytest.raises(SuratError, match=r"rujukan\.1\.kunci") as err:
        Kasus.from_dict(raw)
    assert kunci not in str(err.value) or not kunci.strip()


def test_path_like_text_stays_text(register: Register) -> None:
    raw = data()
    raw["rujukan"][1]["kepada"] = "../../../../etc/passwd"
    raw["rujukan"][1]["tembusan"] = ["/dev/null"]
    docs = Kasus.from_dict(raw).letters(register, tahap="semua")  # printed, as typed
    assert "../../../../etc/passwd" in docs[9].text()
    assert not Path("/etc/passwd").read_text(encoding="utf-8").startswith("%PDF")


@pytest.mark.parametrize(
    "tahap",
    ["rujuk", "RUJUKAN", "semua;rm -rf /", "../penutupan", "x" * 10_000, "\x1b[31mmerah",
     ",", " , ", "penerimaan,,konseling,bogus"],
)  # fmt: skip
def test_wrong_stage_names_are_refused_without_echoing_them(tahap: str) -> None:
    with pytest.raises(SuratError, match="tahap") as err:
        pilih(tahap)
    msg = str(err.value)
    assert len(msg) < 400 and "\x1b" not in msg and "x" * 40 not in msg


@pytest.mark.parametrize("tahap", [[1, 2], [None], ["rujukan", b"laporan"]])
def test_stage_lists_of_other_types_are_refused(tahap: Any, register: Register) -> None:
    with pytest.raises(SuratError, match="tahap"):
        Kasus.from_file(STARTER).letters(register, tahap=tahap)
    assert register.cases(tahun=None) == []


@pytest.mark.parametrize(
    "section, value",
    [
        ("rujukan", {"kepada": "RSUD"}),
        ("laporan", "semua"),
        ("mediasi", []),
        ("penutupan", [{"alasan": "selesai"}]),
        ("penerimaan", {"jam": "25:99", "penerima": {"nama": "A"}}),
        ("nota_dinas", {"laporan": {"isi": [], "dari": "../kabid"}}),
    ],
)
def test_sections_of_the_wrong_shape_name_their_path(section: str, value: Any) -> None:
    raw = data()
    raw[section] = value
    with pytest.raises(SuratError) as err:
        Kasus.from_dict(raw)
    assert any(p.path.startswith(section) for p in err.value.errors), err.value.errors


def test_the_victims_name_in_an_invitation_or_the_receipt_is_refused_before_any_number(
    register: Register,
) -> None:
    raw = data()
    raw["mediasi"]["undangan"][0]["pihak"].append("Ibu dari Putri Ayu")
    with pytest.raises(SuratError, match="undangan") as err:
        Kasus.from_dict(raw).letters(register, tahap="semua")
    assert "Putri" not in str(err.value)
    raw = data()
    raw["penerimaan"]["berkas_lainnya"] = ["Rapor atas nama Lestari"]
    with pytest.raises(SuratError, match=r"berkas\.lainnya") as err:
        Kasus.from_dict(raw).letters(register, tahap="penerimaan")
    assert "Lestari" not in str(err.value)
    assert register.cases(tahun=None) == [] and register.entries(tahun=None) == []


def test_a_closure_dated_before_the_cases_last_document_is_refused(register: Register) -> None:
    raw = data()
    raw["penutupan"]["tanggal"] = "2026-11-26"  # the minutes are of 27 November
    raw["penutupan"]["layanan"].pop()  # the mediation's service, of 27 November too
    with pytest.raises(SuratError, match=r"penutupan\.tanggal: kasus ditutup pada atau setelah"):
        Kasus.from_dict(raw).letters(register, tahap="semua")
    assert register.cases(tahun=None) == [] and register.closures() == []


def test_a_reordered_list_keeps_each_documents_number_by_its_key(register: Register) -> None:
    kasus = Kasus.from_file(STARTER)
    kasus.letters(register, tahap="semua")
    (case,) = register.cases(tahun=None)
    raw = data()
    raw["nomor_registrasi"] = case.nomor
    raw["rujukan"].reverse()  # the clerk sorted the referrals: the keys still name them
    before = [(e.nomor, e.tujuan) for e in register.entries(tahun=None)]
    docs = Kasus.from_dict(raw).letters(register, tahap="rujukan")
    assert [(e.nomor, e.tujuan) for e in register.entries(tahun=None)] == before
    by_number = dict(before)
    for doc in docs:
        assert by_number[doc.nomor or ""] in " ".join(doc.text().split())
    assert KORBAN not in " ".join(d.text() for d in docs)


def test_a_later_documents_problem_names_its_section(register: Register) -> None:
    raw = data()
    raw["penutupan"]["tanggal"] = "2026-11-26"  # before a service it lists
    with pytest.raises(SuratError, match=r"penutupan\.layanan\.4") as err:
        Kasus.from_dict(raw).letters(register, tahap="semua")
    assert err.value.errors[0].path == "penutupan.layanan.4"
    assert register.cases(tahun=None) == []


def test_a_closure_before_a_letter_numbered_outside_the_case_file_is_refused(
    register: Register,
) -> None:
    kasus = Kasus.from_file(STARTER)
    kasus.letters(register, tahap="penerimaan")
    (case,) = register.cases(tahun=None)
    # a letter of the case numbered on its own (surat buat), dated after the closure
    register.issue(perihal="Surat Pemberitahuan", tanggal="2026-12-01", nomor_registrasi=case.nomor)
    kasus = kasus.model_copy(update={"nomor_registrasi": case.nomor})
    before = [e.nomor for e in register.entries(tahun=None)]
    with pytest.raises(SuratError, match=r"penutupan\.tanggal: .*01-12-2026"):
        kasus.letters(register, tahap="semua")
    assert [e.nomor for e in register.entries(tahun=None)] == before
    assert register.closures() == [] and len(register.documents(case.nomor)) == 3


def test_two_clerks_printing_the_same_stage_at_once_never_give_it_two_numbers(
    tmp_path: Path,
) -> None:
    from surat.batch import BatchError
    from surat.pdf import Converter

    from .faults import MidwayConverter

    office = Office.from_toml(ROOT / "examples" / "kantor.toml")
    db = tmp_path / "agenda.db"
    with Register(db, office=office) as reg, Converter(workers=1) as conv:
        kasus = Kasus.from_file(STARTER)
        kasus.letters(reg, tahap="penerimaan,konseling,persetujuan,penugasan")
        (case,) = reg.cases(tahun=None)
        kasus = kasus.model_copy(update={"nomor_registrasi": case.nomor})
        other: list[list[str | None]] = []

        def the_other_clerk() -> None:  # while the first print converts its letters
            if not other:
                with Register(db, office=office) as reg2:
                    other.append([d.nomor for d in kasus.letters(reg2, tahap="rujukan")])

        out = tmp_path / "kasus.pdf"
        with pytest.raises(BatchError, match="cetakan lain"):
            kasus.print_pack(
                reg,
                out,
                internal_terbuka=True,
                tahap="rujukan",
                converter=MidwayConverter(conv, the_other_clerk),  # type: ignore[arg-type]
            )
        assert not out.exists() and not (tmp_path / "kasus-internal.pdf").exists()
        # the referrals hold the other clerk's numbers; the first print's are void
        recorded = [d.nomor for d in reg.documents(case.nomor) if d.jenis == "rujukan"]
        assert recorded == other[0]
        active = [e.nomor for e in reg.entries(tahun=None) if e.status == "aktif"]
        assert all(n in active for n in recorded)
        assert len([e for e in reg.entries(tahun=None) if e.status == "batal"]) == 3
        assert reg.pending() == []
