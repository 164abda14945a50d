"""A case file completed over weeks: its stages, printed one at a time or all,
numbering only what is new (the register records each document of the case)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from surat import Office, SuratError
from surat.batch import BatchError
from surat.kasus import Kasus
from surat.numbering import Register
from surat.numbering.dokumen import TAHAP as TAHAP_REGISTER
from surat.tahap import TAHAP, pilih

ROOT = Path(__file__).parent.parent
STARTER = ROOT / "surat" / "starter" / "kasus.json"
EXAMPLES = ROOT / "examples"
KORBAN = "Putri Ayu Lestari"
PELAPOR = "Sri Wahyuningsih"
NIK = "2171015708900001"
AWAL = "penerimaan,konseling,persetujuan,penugasan"


def data() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(STARTER.read_text(encoding="utf-8"))
    return raw


@pytest.fixture
def register(tmp_path: Path) -> Register:
    reg = Register(tmp_path / "agenda.db", office=Office.from_toml(EXAMPLES / "kantor.toml"))
    yield reg
    reg.close()


def numbers(reg: Register) -> list[str]:
    return [e.nomor for e in reg.entries(tahun=None)]


def test_the_example_is_one_file_and_goes_from_intake_to_closure() -> None:
    assert (EXAMPLES / "kasus.json").resolve() == STARTER.resolve()
    kasus = Kasus.from_file(STARTER)
    kinds = [r.jenis for r in kasus._plan("semua", None)]
    for kind in ("tanda_terima", "pernyataan", "nota_dinas", "rujukan", "laporan_pendampingan",
                 "undangan", "berita_acara", "penutupan"):  # fmt: skip
        assert kind in kinds
    assert kinds[0] == "permohonan" and kinds[-1] == "penutupan"


def test_stage_names() -> None:
    assert TAHAP == TAHAP_REGISTER  # the register's names for the same stages
    assert pilih("mediasi,penerimaan") == ("penerimaan", "mediasi")
    assert pilih(" semua ") == TAHAP
    for bad in ("rujuk", "", "semua,x", "penerimaan;konseling"):
        with pytest.raises(SuratError, match="tahap"):
            pilih(bad)
    from surat.cli.kasus import TAHAP as TAHAP_CLI

    assert TAHAP_CLI == TAHAP


def test_one_stage_then_the_next_numbers_only_what_is_new(register: Register) -> None:
    kasus = Kasus.from_file(STARTER)
    docs = kasus.letters(register, tahap="penerimaan")
    assert [d.kind for d in docs] == ["permohonan", "tanda_terima", "pernyataan"]
    assert numbers(register) == []  # intake takes the case and incoming numbers only
    (case,) = register.cases(tahun=None)
    (masuk,) = register.received(tahun=None)
    assert masuk.nomor in docs[1].text() and case.nomor in docs[1].text()

    # a week later, the case number written into the case file
    kasus = kasus.model_copy(update={"nomor_registrasi": case.nomor})
    with pytest.raises(SuratError, match="surat persetujuan kasus ini belum tercatat"):
        kasus.letters(register, tahap="penugasan")  # the approval comes first
    docs = kasus.letters(register, tahap="konseling,persetujuan,penugasan")
    assert [d.kind for d in docs] == ["konseling", "nota_dinas", "nota_dinas", "persetujuan",
                                      "tugas"]  # fmt: skip
    taken = numbers(register)
    assert len(taken) == 4 and [d.nomor for d in docs if d.nomor] == taken
    # the Kabid's memo answers the Kasi's, by its number
    assert taken[0] in docs[2].text()
    # the request keeps its incoming number: none taken again
    assert len(register.received(tahun=None)) == 1 and len(register.cases(tahun=None)) == 1
    recorded = register.documents(case.nomor)
    assert [d.jenis for d in recorded][:3] == ["permohonan", "tanda_terima", "pernyataan"]
    assert len(recorded) == 8


def test_printing_again_takes_no_number_and_prints_the_same(
    register: Register, tmp_path: Path
) -> None:
    kasus = Kasus.from_file(STARTER)
    first = kasus.print_pack(register, tmp_path / "a.pdf", internal_terbuka=True, tahap=AWAL)
    assert all(d.baru for d in first.dokumen)
    kasus = kasus.model_copy(update={"nomor_registrasi": first.nomor_registrasi})
    second = kasus.print_pack(register, tmp_path / "b.pdf", internal_terbuka=True, tahap=AWAL)
    assert not any(d.baru for d in second.dokumen)
    assert [(d.jenis, d.nomor, d.tanggal) for d in second.dokumen] == [
        (d.jenis, d.nomor, d.tanggal) for d in first.dokumen
    ]
    assert len(numbers(register)) == 4 and len(register.received(tahun=None)) == 1
    assert register.pending() == []

    def texts(name: str) -> str:
        files = (tmp_path / f"{name}.pdf", tmp_path / f"{name}-internal.pdf")
        return "\n".join(p.extract_text() for f in files for p in PdfReader(f).pages)

    # the same numbers read back from both prints (outgoing and internal files)
    a, b = texts("a"), texts("b")
    for nomor in numbers(register):
        assert a.count(nomor) == b.count(nomor) > 0
    # then every stage: only the referrals, the invitation and the minutes are new
    final = kasus.print_pack(register, tmp_path / "c.pdf", internal_terbuka=True, tahap="semua")
    new = [d for d in final.dokumen if d.baru]
    assert [d.jenis for d in new] == ["rujukan", "rujukan", "rujukan", "laporan_pendampingan",
                                      "laporan_pendampingan", "undangan", "berita_acara",
                                      "penutupan"]  # fmt: skip
    assert len(numbers(register)) == 4 + 5
    # the companions' reports record the SOP step, each once; the case is closed
    reports = [s for s in register.steps(kasus.nomor_registrasi or "") if s.oleh == "p2tp2a"]
    assert len(reports) == 2
    assert [c.tindakan for c in register.closures()] == ["tutup"]


def test_a_closed_case_takes_no_new_stage_but_reprints(register: Register) -> None:
    kasus = Kasus.from_file(STARTER)
    kasus.letters(register, tahap="semua")
    (case,) = register.cases(tahun=None)
    kasus = kasus.model_copy(update={"nomor_registrasi": case.nomor})
    before = numbers(register)
    raw = data()
    raw["nomor_registrasi"] = case.nomor
    raw["rujukan"].append({**raw["rujukan"][1], "kunci": "bap-2", "tanggal": "2026-12-01"})
    later = Kasus.from_dict(raw)
    with pytest.raises(SuratError, match="sudah ditutup") as err:
        later.letters(register, tahap="rujukan")
    assert "rujukan.3" in str(err.value) and err.value.errors[0].type == "kasus_ditutup"
    assert numbers(register) == before and len(register.documents(case.nomor)) == 16
    # what was printed before prints again, with its numbers
    docs = kasus.letters(register, tahap="rujukan")
    assert [d.nomor for d in docs] == before[4:7]
    # reopened (with its reason), the case takes the new referral
    register.reopen_case(case.nomor, alasan="Korban meminta pendampingan lanjutan", tanggal=None)
    docs = later.letters(register, tahap="rujukan")
    assert len(numbers(register)) == len(before) + 1 and docs[-1].nomor == numbers(register)[-1]


def test_a_printed_document_keeps_its_date(register: Register) -> None:
    kasus = Kasus.from_file(STARTER)
    kasus.letters(register, tahap=AWAL)
    (case,) = register.cases(tahun=None)
    raw = data()
    raw["nomor_registrasi"] = case.nomor
    raw["nota_dinas"]["keputusan"]["tanggal"] = "2026-11-20"
    with pytest.raises(SuratError, match=r"nota_dinas\.keputusan\.tanggal: nota_dinas ini sudah"):
        Kasus.from_dict(raw).letters(register, tahap="konseling")


def test_a_later_stage_failing_leaves_nothing_half_written(
    register: Register, tmp_path: Path
) -> None:
    kasus = Kasus.from_file(STARTER)
    kasus.letters(register, tahap=AWAL)
    (case,) = register.cases(tahun=None)
    kasus = kasus.model_copy(update={"nomor_registrasi": case.nomor})
    documents, steps = register.documents(case.nomor), register.steps(case.nomor)
    office = register.office.model_copy(update={"logo": tmp_path / "missing.png"})
    with pytest.raises(BatchError, match="logo") as err:
        kasus.letters(register, office=office, tahap="semua")
    # the five new numbers are void, nothing recorded, no step, the case still open
    assert len(err.value.voided) == 5
    assert [e.status for e in register.entries(tahun=None)][4:] == ["batal"] * 5
    assert register.documents(case.nomor) == documents and register.steps(case.nomor) == steps
    assert register.closures() == [] and register.pending() == []
    # the same print, mended, numbers after the void ones
    docs = kasus.letters(register, tahap="semua")
    assert len([e for e in register.entries(tahun=None) if e.status == "aktif"]) == 9
    assert len(docs) == 16


def test_no_identity_on_any_outgoing_page_copy_or_metadata(
    register: Register, tmp_path: Path
) -> None:
    kasus = Kasus.from_file(STARTER)
    out = tmp_path / "kasus.pdf"
    result = kasus.print_pack(register, out, internal_terbuka=True, tahap="semua")
    reader = PdfReader(out)
    assert result.copies > 0 and len(reader.pages) == result.pages
    alamat = kasus.pelapor.alamat.split(",")[0]
    pages = [p.extract_text() for p in reader.pages]
    for i, text in enumerate(pages):
        flat = " ".join(text.split())
        assert KORBAN not in flat and NIK not in flat and alamat not in flat, i
        if PELAPOR in flat:  # the receipt the reporter takes home names her, only it
            assert "TANDA TERIMA BERKAS" in flat, i
    meta = json.dumps({str(k): str(v) for k, v in (reader.metadata or {}).items()})
    for word in (KORBAN, PELAPOR, NIK):
        assert word not in meta
    joined = " ".join(" ".join(p.split()) for p in pages)
    for hal in ("TANDA TERIMA BERKAS", "Persetujuan Pendampingan", "SURAT TUGAS",
                "Rujukan Visum et Repertum", "Undangan"):  # fmt: skip
        assert hal in joined, hal
    # every outgoing letter cites the case by its number and the initials
    nomor = result.nomor_registrasi or ""
    assert sum(nomor in " ".join(p.split()) for p in pages) >= 9
    internal = PdfReader(tmp_path / "kasus-internal.pdf")
    inside = " ".join(" ".join(p.extract_text().split()) for p in internal.pages)
    assert KORBAN in inside and NIK in inside  # the request and the consent hold them


def test_the_victims_name_typed_into_a_referral_is_refused_before_any_number(
    register: Register,
) -> None:
    raw = data()
    raw["rujukan"][2]["keterangan"] = "Klien Putri perlu diperiksa."
    with pytest.raises(SuratError, match="rujukan") as err:
        Kasus.from_dict(raw).letters(register, tahap="semua")
    assert KORBAN not in str(err.value) and "Putri" not in str(err.value)
    assert numbers(register) == [] and register.cases(tahun=None) == []


def test_case_file_sections_are_checked_with_their_paths() -> None:
    raw = data()
    raw["rujukan"][0]["pendamping"] = ["Orang Lain, S.H."]
    with pytest.raises(SuratError) as err:
        Kasus.from_dict(raw)
    msg = str(err.value)
    assert "rujukan.0.pendamping.0: bukan salah satu pendamping kasus" in msg
    assert "Orang Lain" not in msg
    raw = data()
    raw["laporan"][0]["tugas_ke"] = 5  # checked when the reports are printed
    with pytest.raises(SuratError, match=r"laporan\.0\.tugas_ke: surat tugas kasus ini memuat 2"):
        Kasus.from_dict(raw).check(tahap="laporan")
    raw = data()
    raw["mediasi"]["undangan"].append(dict(raw["mediasi"]["undangan"][0]))
    with pytest.raises(SuratError, match=r"mediasi\.undangan\.1\.kunci: kunci dokumen dipakai"):
        Kasus.from_dict(raw)
    raw = data()
    raw["mediasi"]["berita_acara"][0]["kesepakatan"] = []
    with pytest.raises(SuratError, match=r"mediasi\.berita_acara\.0 \(berita_acara\)") as err:
        Kasus.from_dict(raw).check(tahap="mediasi")
    assert err.value.errors[0].path.startswith("mediasi.berita_acara.0")


@pytest.mark.parametrize("jenis", ["serah_terima_masuk", "serah_terima_keluar", "pemulangan"])
def test_the_safe_house_handovers_and_the_return_home(register: Register, jenis: str) -> None:
    raw = data()
    raw["mediasi"]["berita_acara"] = [
        {
            "kunci": jenis.replace("_", "-"),
            "tanggal": "2026-11-27",
            "jenis": jenis,
            "tempat": "Rumah Aman UPTD PPA Kota Batam",
            "pihak_kedua": {"nama": "Nurhayati", "peran": "Pengelola Rumah Aman UPTD PPA"},
            "uraian": ["Klien diserahterimakan dalam keadaan sehat."],
        }
    ]
    raw["mediasi"]["undangan"] = []
    docs = Kasus.from_dict(raw).letters(register, tahap="penerimaan,mediasi")
    text = " ".join(docs[-1].text().split())
    assert docs[-1].kind == "berita_acara" and docs[-1].nomor
    assert re.search(r"SERAH TERIMA|PEMULANGAN", text.upper())


def surat_run(*args: str, data: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """`surat ARGS` in its own process, with real pipes."""
    return subprocess.run(
        [sys.executable, "-m", "surat", *args], input=data, capture_output=True, timeout=600,
        check=False,
    )  # fmt: skip


def test_cli_tahap_json_and_the_outgoing_pack_on_stdout(tmp_path: Path) -> None:
    db, papers = tmp_path / "agenda.db", tmp_path / "internal.pdf"
    kantor = ["--kantor", str(EXAMPLES / "kantor.toml")]
    done = surat_run(*kantor, "kasus", str(STARTER), "--tahap", "penerimaan,konseling", "-o",
                     str(tmp_path / "a.pdf"), "--db", str(db), "--baru", "--internal-terbuka",
                     "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    first = json.loads(done.stdout)
    nomor = first["nomor_registrasi"]
    kinds = ["permohonan", "tanda_terima", "pernyataan", "konseling", "nota_dinas", "nota_dinas"]
    assert [d["jenis"] for d in first["dokumen"]] == kinds
    assert all(d["baru"] for d in first["dokumen"])
    case = tmp_path / "kasus.json"
    case.write_text(json.dumps({**data(), "nomor_registrasi": nomor}), encoding="utf-8")
    done = surat_run(*kantor, "kasus", str(case), "--tahap", "semua", "-o", "-", "--internal",
                     str(papers), "--db", str(db), "--internal-terbuka", "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF")  # the outgoing pack, alone on stdout
    pack = PdfReader(io.BytesIO(done.stdout))
    said = json.loads(done.stderr)  # the JSON goes to stderr when stdout carries the pack
    assert said["path"] is None and said["pages"] == len(pack.pages)
    listed = said["dokumen"]
    assert len(listed) == 16 and listed[-1]["jenis"] == "penutupan"
    again = [d for d in listed if not d["baru"]]
    assert [(d["jenis"], d["nomor"]) for d in again] == [
        (d["jenis"], d["nomor"]) for d in first["dokumen"]
    ]
    assert {"jenis", "nomor", "tanggal", "baru", "tahap", "kunci"} <= set(listed[0])
    assert KORBAN.encode() not in done.stdout and KORBAN not in done.stderr.decode()
    assert len(PdfReader(papers).pages) > 0


def test_cli_refuses_a_wrong_stage_and_stdout_without_internal(tmp_path: Path) -> None:
    db = tmp_path / "agenda.db"
    base = ["kasus", str(STARTER), "--db", str(db), "--baru", "--internal-terbuka"]
    done = surat_run(*base, "--tahap", "rujuk", "-o", str(tmp_path / "k.pdf"))
    assert done.returncode != 0 and "bukan tahap kasus" in done.stderr.decode()
    done = surat_run(*base, "-o", "-")
    assert done.returncode != 0 and done.stdout == b""
    assert "--internal" in done.stderr.decode()
    assert not db.exists() or Register(db).entries(tahun=None) == []
    help_text = surat_run("kasus", "--help").stdout.decode()
    assert "--tahap" in help_text and all(t in " ".join(help_text.split()) for t in TAHAP)


def test_a_run_stopped_after_its_documents_is_completed_by_the_next(register: Register) -> None:
    kasus = Kasus.from_file(STARTER)
    kasus.letters(register, tahap=AWAL)
    (case,) = register.cases(tahun=None)
    kasus = kasus.model_copy(update={"nomor_registrasi": case.nomor})
    # what a run that stopped right after its transaction leaves: the documents
    # recorded, the report's step and the closure not yet
    register.record_document(case.nomor, jenis="laporan_pendampingan", tanggal="2026-11-25",
                             tahap="laporan", sop="34", langkah=6, kunci="bap")  # fmt: skip
    register.record_document(case.nomor, jenis="penutupan", tanggal="2026-11-30",
                             tahap="penutupan")  # fmt: skip
    assert register.closures() == []
    for _ in range(2):  # the next print completes it, once
        docs = kasus.letters(register, tahap="laporan,penutupan")
        assert [d.kind for d in docs][-1] == "penutupan"
        steps = [s for s in register.steps(case.nomor) if s.oleh == "p2tp2a"]
        assert [(s.langkah, f"{s.mulai:%d %H.%M}") for s in steps] == [
            (6, "25 09.00"),
            (6, "26 09.00"),
        ]
        assert [(c.tindakan, c.tanggal.day) for c in register.closures()] == [("tutup", 30)]


def test_stages_on_both_backends(register_db: str) -> None:
    office = Office.from_toml(EXAMPLES / "kantor.toml")
    with Register(register_db, office=office) as reg:
        kasus = Kasus.from_file(STARTER)
        kasus.letters(reg, tahap=AWAL)
        (case,) = reg.cases(tahun=None)
        kasus = kasus.model_copy(update={"nomor_registrasi": case.nomor})
        first = numbers(reg)
        docs = kasus.letters(reg, tahap="semua")
        assert numbers(reg)[:4] == first and len(numbers(reg)) == 9
        assert [d.nomor for d in docs if d.nomor][: len(first)] == first
        again = kasus.letters(reg, tahap="semua")  # all recorded: no number, same pages
        assert len(numbers(reg)) == 9
        assert [d.nomor for d in again] == [d.nomor for d in docs]
        assert len(reg.documents(case.nomor)) == 16
        assert [c.tindakan for c in reg.closures()] == ["tutup"]


def test_a_stage_of_one_side_writes_that_file_only(register: Register, tmp_path: Path) -> None:
    kasus = Kasus.from_file(STARTER)
    with pytest.raises(SuratError, match="tidak memuat dokumen tahap mediasi"):
        Kasus.from_dict({**data(), "mediasi": None}).letters(register, tahap="mediasi")
    assert register.cases(tahun=None) == []
    kasus.letters(register, tahap=AWAL)
    (case,) = register.cases(tahun=None)
    kasus = kasus.model_copy(update={"nomor_registrasi": case.nomor})
    referrals = kasus.print_pack(register, tmp_path / "r.pdf", sandi_internal="s", tahap="rujukan")
    assert referrals.internal is None and referrals.letters == 3
    assert not (tmp_path / "r-internal.pdf").exists()
    reports = kasus.print_pack(register, tmp_path / "l.pdf", sandi_internal="s", tahap="laporan")
    assert reports.path is None and reports.letters == 0 and not (tmp_path / "l.pdf").exists()
    assert reports.internal is not None and reports.internal.letters == 2
    assert "tidak ada surat keluar" in str(reports)
    with pytest.raises(SuratError, match="tidak memuat surat keluar"):
        kasus.print_pack(register, io.BytesIO(), internal=tmp_path / "x.pdf",
                         sandi_internal="s", tahap="laporan")  # fmt: skip
