"""Who signs and how, read back from real PDFs: definitive, Plt., Plh., a.n., u.b.
and a standing appointment of the profile, for tugas, persetujuan and konseling;
the UPTD letterhead and its number; tembusan order; RAHASIA on every page of a
multi-page letter and of its stamped copies; paraf; the Lampiran of companions.

LibreOffice starts once for the module: every letter is rendered first and
converted by one warm converter, which also prints the pack.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document as Docx
from pypdf import PdfReader

import surat
from surat.errors import SuratError
from surat.letters import build_context, example_data, validate
from surat.pdf import Converter

EXAMPLES = Path(__file__).parent.parent / "examples"
BASE = (EXAMPLES / "kantor.toml").read_text(encoding="utf-8")

# Standing appointments on three roles: any role key may have one.
PERIODS = """
[plt.kepala_dinas]
status = "Plt."
nama = "Drs. ARIF PRASETYO, M.Si"
nip = "19720305 199803 1 002"
pangkat = "Pembina Tingkat I (IV/b)"
mulai = 2026-11-01
sampai = 2026-11-30

[plt.ketua_p2tp2a]
status = "Plh."
nama = "Dra. LINDA KUSUMA"
nip = "19760811 200212 2 004"
pangkat = "Pembina (IV/a)"
mulai = 2026-11-20
sampai = 2026-11-25

[plt.kabid]
status = "Plh."
nama = "YUSUF HAMDANI, S.Sos"
nip = "19790119 200604 1 003"
pangkat = "Penata Tingkat I (III/d)"
mulai = 2026-11-16
sampai = 2026-11-19
"""

UPTD = """
[kop.uptd]
pemerintah = "PEMERINTAH KOTA BATAM"
nama = "UPTD PERLINDUNGAN PEREMPUAN DAN ANAK KOTA BATAM"
alamat = "Jl. Raja Isa, Batam Centre, Batam 29461"
telepon = "(0778) 000001"
kode = "UPTD-PPA"
"""


def profile(text: str = "", **replace: str) -> surat.Office:
    base = BASE
    for old, new in replace.items():
        base = base.replace(old, new)
    # [plt] and [kop] are empty tables in the example: their sub-tables go after them
    base = base.replace("\n[plt]\n", "\n").replace("\n[kop]\n", "\n")
    return surat.Office.from_toml_string(base + text, source="kantor.toml")


OFFICE = profile()
KADIS = ("UMIYATI, SE", "19621027 198503 2 006")
KABID = ("Dra. SITI RAHAYU, M.Si", "19700512 199803 2 004")
KASI = ("HENDRA GUNAWAN, S.Sos", "19800823 200501 1 007")
PLT = {
    "status": "Plt.",
    "peran": "kepala_dinas",
    "nama": "Ir. BAMBANG SUTRISNO",
    "nip": "19680922 199403 1 005",
    "pangkat": "Pembina Utama Muda (IV/c)",
}
PLH = PLT | {"status": "Plh.", "nama": "Dr. MARIA UTAMI", "nip": "19740615 200001 2 003"}
KADIS_JABATAN = OFFICE.pejabat["kepala_dinas"].jabatan
KABID_JABATAN = OFFICE.pejabat["kabid"].jabatan
KASI_JABATAN = OFFICE.pejabat["kasi_pha"].jabatan

# status -> (penandatangan, the lines of the block in order, the name that must be absent)
CASES: dict[str, tuple[dict[str, Any] | None, list[str], str | None]] = {
    "definitif": (
        {"status": "", "peran": "kepala_dinas"},
        [f"{KADIS_JABATAN},", KADIS[0], "Pembina Utama Muda (IV/c)", f"NIP. {KADIS[1]}"],
        None,
    ),
    "plt": (
        PLT,
        [f"Plt. {KADIS_JABATAN},", PLT["nama"], PLT["pangkat"], "NIP. 19680922 199403 1 005"],
        KADIS[0],
    ),
    "plh": (
        PLH,
        [f"Plh. {KADIS_JABATAN},", PLH["nama"], PLH["pangkat"], "NIP. 19740615 200001 2 003"],
        KADIS[0],
    ),
    "an": (
        {"status": "a.n.", "atas_nama": "kepala_dinas", "peran": "kabid"},
        [f"a.n. {KADIS_JABATAN},", f"{KABID_JABATAN},", KABID[0], f"NIP. {KABID[1]}"],
        KADIS[0],
    ),
    "ub": (
        {"status": "u.b.", "atas_nama": "kepala_dinas", "melalui": "kabid", "peran": "kasi_pha"},
        [
            f"a.n. {KADIS_JABATAN},",
            f"{KABID_JABATAN},",
            "u.b.",
            f"{KASI_JABATAN},",
            KASI[0],
            f"NIP. {KASI[1]}",
        ],
        KADIS[0],
    ),
}
# a profile period: no penandatangan in the letter; the kind's signer role is acted for
PERIOD = profile(PERIODS)
PERIOD_CASES = {
    "tugas": (
        "Plt. " + KADIS_JABATAN,
        "Drs. ARIF PRASETYO, M.Si",
        "19720305 199803 1 002",
        KADIS[0],
    ),
    "persetujuan": (
        "Plh. Ketua P2TP2A Kota Batam",
        "Dra. LINDA KUSUMA",
        "19760811 200212 2 004",
        "Hj. ROSMAWATI",
    ),
    "konseling": (
        "Plh. " + KABID_JABATAN,
        "YUSUF HAMDANI, S.Sos",
        "19790119 200604 1 003",
        KABID[0],
    ),
}
KINDS = ("tugas", "persetujuan", "konseling")
NOMOR = {"tugas": "002/DP3A-PP-KB/PPA/XI/2026", "persetujuan": "001/DP3A-PP-KB/PPA/XI/2026"}


def pendamping(n: int) -> list[dict[str, Any]]:
    """n companions: civil servants of several golongan among contract staff."""
    pangkat = [
        "Penata Muda (III/a)",
        "Pembina (IV/a)",
        "Penata (III/c)",
        "Pembina Tingkat I (IV/b)",
    ]
    out = []
    for i in range(n):
        civil = i % 2 == 0
        out.append(
            {
                "nama": f"Pendamping {i + 1:02d}",
                "nip": f"198001{i + 10:02d} 200501 {1 + i % 2} 00{i % 10}" if civil else None,
                "pangkat": pangkat[(i // 2) % 4] if civil else None,
                "jabatan": "Analis Perlindungan Anak pada Bidang Pencegahan dan Penanganan "
                "Korban Kekerasan"
                if i == 0
                else "Pendamping Hukum",
            }
        )
    return out


def render(kind: str, office: surat.Office, **changes: Any) -> surat.Document:
    data = example_data(kind) | changes
    return surat.render(kind, data, office=office, nomor=NOMOR.get(kind))


@pytest.fixture(scope="module")
def converter() -> Any:
    with Converter(workers=1) as conv:
        yield conv


@pytest.fixture(scope="module")
def docs() -> dict[str, surat.Document]:
    out: dict[str, surat.Document] = {}
    for kind in KINDS:
        for name, (given, _, _) in CASES.items():
            out[f"{kind}-{name}"] = render(kind, OFFICE, penandatangan=given)
        out[f"{kind}-periode"] = render(kind, PERIOD)
    many = pendamping(14)
    out["tugas-lampiran"] = render(
        "tugas", OFFICE, pendamping=many, tembusan=["Kapolresta Barelang", "Arsip"]
    )
    out["persetujuan-lampiran"] = render("persetujuan", OFFICE, pendamping=many)
    atas = OFFICE.model_copy(update={"nomor_halaman": "atas", "margin_bawah": 2.5})
    out["tugas-atas"] = render("tugas", atas, pendamping=many)
    return out


@pytest.fixture(scope="module")
def pdfs(docs: dict[str, surat.Document], converter: Any) -> dict[str, bytes]:
    converted = converter.convert_many([(k, d.docx) for k, d in docs.items()])
    return dict(zip(docs, converted, strict=True))


def pages(pdf: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def text(pdf: bytes) -> str:
    return " ".join(pages(pdf))


def assert_in_order(haystack: str, parts: list[str]) -> None:
    at = 0
    for part in parts:
        found = haystack.find(part, at)
        assert found >= 0, f"{part!r} not after position {at}"
        at = found + len(part)


# -- each status, each kind ------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_each_status_prints_the_right_signer(kind: str, pdfs: dict[str, bytes]) -> None:
    for name, (_, lines, absent) in CASES.items():
        t = text(pdfs[f"{kind}-{name}"])
        assert_in_order(t, lines)
        if absent:
            assert absent not in t, (name, absent)
        if kind == "konseling":
            assert t.index("Mengetahui,") < t.index(lines[0])


@pytest.mark.parametrize("kind", KINDS)
def test_profile_period_signs_without_letter_data(kind: str, pdfs: dict[str, bytes]) -> None:
    jabatan, nama, nip, permanent = PERIOD_CASES[kind]
    t = text(pdfs[f"{kind}-periode"])
    assert_in_order(t, [f"{jabatan},", nama, f"NIP. {nip}"])
    assert permanent not in t


def test_period_applies_only_inside_its_dates() -> None:
    model = validate("tugas", example_data("tugas"))
    inside = build_context("tugas", model, PERIOD, tanggal=date(2026, 11, 30))
    outside = build_context("tugas", model, PERIOD, tanggal=date(2026, 12, 1))
    assert inside["penandatangan"]["nama"] == "Drs. ARIF PRASETYO, M.Si"
    assert outside["penandatangan"]["nama"] == KADIS[0]
    assert outside["penandatangan"]["jabatan"] == KADIS_JABATAN
    # a letter that names its own signer is not overridden by the period
    data = example_data("tugas") | {"penandatangan": PLH}
    own = build_context("tugas", validate("tugas", data), PERIOD, tanggal=model.tanggal)
    assert own["penandatangan"]["nama"] == PLH["nama"]


def test_period_profile_is_checked() -> None:
    with pytest.raises(SuratError, match=r"sampai: the period ends before it starts"):
        profile(PERIODS.replace("sampai = 2026-11-30", "sampai = 2026-10-30"))
    with pytest.raises(SuratError, match=r"status: Input should be 'Plt.' or 'Plh.'"):
        profile(PERIODS.replace('status = "Plt."', 'status = "a.n."'))
    with pytest.raises(SuratError, match=r"plt.kasi_xyz: unknown official"):
        profile(PERIODS.replace("[plt.kabid]", "[plt.kasi_xyz]"))
    twice = PERIODS.replace("[plt.kepala_dinas]", "[[plt.kepala_dinas]]") + (
        '\n[[plt.kepala_dinas]]\nstatus = "Plh."\nnama = "X"\nnip = "19720305 199803 1 002"\n'
        'pangkat = "Penata (III/c)"\nmulai = 2026-11-30\nsampai = 2026-12-02\n'
    )
    with pytest.raises(SuratError, match=r"plt.kepala_dinas: two appointments overlap"):
        profile(twice)


def test_penandatangan_is_checked() -> None:
    def problem(given: dict[str, Any]) -> str:
        data = example_data("tugas") | {"penandatangan": given}
        with pytest.raises(SuratError) as err:
            model = validate("tugas", data)
            build_context("tugas", model, OFFICE, tanggal=model.tanggal)
        return str(err.value)

    assert "nip, pangkat missing" in problem({"status": "Plt.", "nama": "A"})
    assert "a.n. needs atas_nama" in problem({"status": "a.n.", "peran": "kabid"})
    assert "u.b. needs atas_nama" in problem({"status": "u.b.", "atas_nama": "kepala_dinas"})
    assert "status: Input should be" in problem({"status": "Pj."})
    assert "penandatangan.peran: 'sekda' is not a role" in problem({"status": "", "peran": "sekda"})
    assert "only for Plt./Plh." in problem({"status": "", "nama": "Someone Else"})
    legacy = example_data("tugas") | {"status_penandatangan": "Plt."}
    with pytest.raises(SuratError, match="status_penandatangan: replaced by penandatangan"):
        validate("tugas", legacy)


@pytest.mark.parametrize("kind", ["persetujuan", "tugas"])
def test_the_agenda_entry_works_out_the_signer_before_a_number(kind: str) -> None:
    """The entry is made before the register gives a number: a signer role the profile
    lacks, or a Plt. who is the holder themself, stops the letter there."""
    from surat.dates import today

    def agenda(given: dict[str, Any] | None, **data: Any) -> dict[str, Any]:
        return validate(kind, example_data(kind) | {"penandatangan": given, **data}).agenda(OFFICE)

    with pytest.raises(SuratError, match=r"penandatangan\.peran: 'sekda' is not a role"):
        agenda({"status": "", "peran": "sekda"})
    kadis = OFFICE.pejabat["kepala_dinas"]
    itself = {"status": "Plt.", "peran": "kepala_dinas", "nama": kadis.nama}
    with pytest.raises(SuratError, match="never the holder themself"):
        agenda(itself | {"nip": kadis.nip, "pangkat": "Pembina (IV/a)"})
    assert agenda(None)["tanggal"] == validate(kind, example_data(kind)).tanggal
    assert agenda(None, tanggal=None)["tanggal"] == today()


# -- letterhead, number, tembusan, paraf ------------------------------------------------


def test_uptd_letterhead_and_its_number(tmp_path: Path, converter: Any) -> None:
    office = profile(UPTD, **{'# persetujuan = "uptd"': 'persetujuan = "uptd"'})
    model = validate("persetujuan", example_data("persetujuan"))
    with surat.Register(str(tmp_path / "agenda.db"), office=office) as reg:
        n = reg.issue(**model.agenda(office))
        t = reg.issue(**validate("tugas", example_data("tugas")).agenda(office))
        assert str(n) == "001/UPTD-PPA/PPA/XI/2026"  # the unit's code, the office's pattern
        assert str(t) == "002/DP3A-PP-KB/PPA/XI/2026"  # one agenda book: the count goes on
        reg.void(str(n), alasan="uji")  # a unit's number is voided like any other
        doc = surat.render("persetujuan", model, office=office, nomor=n)
    pdf = converter.convert_many([("uptd", doc.docx)])[0]
    page = text(pdf)
    assert "UPTD PERLINDUNGAN PEREMPUAN DAN ANAK KOTA BATAM" in page
    assert "Jl. Raja Isa" in page and "Telepon (0778) 000001" in page
    assert "DINAS PEMBERDAYAAN PEREMPUAN," not in page  # not the office's kop
    assert "001/UPTD-PPA/PPA/XI/2026" in page
    (tmp_path / "uptd.pdf").write_bytes(pdf)


def test_unknown_letterhead_names_the_key() -> None:
    with pytest.raises(SuratError, match=r"kop_surat.persetujuan: unknown letterhead 'uptd'"):
        profile("", **{'# persetujuan = "uptd"': 'persetujuan = "uptd"'})


def test_tembusan_arsip_last_profile_first(pdfs: dict[str, bytes]) -> None:
    t = text(pdfs["tugas-lampiran"])
    assert "Tembusan: 1. Kapolresta Barelang 2. Arsip" in t
    data = example_data("persetujuan") | {
        "tembusan": ["Arsip", "Kapolresta Barelang", "Kapolresta  Barelang", "Unit PPA"]
    }
    ctx = build_context("persetujuan", validate("persetujuan", data), OFFICE, tanggal=DAY)
    assert ctx["tembusan"] == [
        OFFICE.tembusan["persetujuan"][0],
        "Kapolresta Barelang",
        "Unit PPA",
        "Arsip",
    ]


DAY = date(2026, 11, 22)


def test_paraf_never_the_signer_and_at_most_three() -> None:
    office = profile(**{'tugas = ["kabid"]': 'tugas = ["kepala_dinas", "kabid", "kasi_pha"]'})
    model = validate("tugas", example_data("tugas"))
    ctx = build_context("tugas", model, office, tanggal=DAY)
    assert [p["jabatan"] for p in ctx["paraf"]] == ["Kabid", "Kasi PHA"]
    with pytest.raises(SuratError, match=r"paraf: tugas: at most three officials"):
        four = 'tugas = ["kabid", "kasi_pha", "kasi_ppktp", "kepala_dinas"]'
        profile(**{'tugas = ["kabid"]': four})
    # a.n.: the Kabid signs, so the Kabid does not initial; the Kasi does
    data = example_data("tugas") | {
        "penandatangan": {"status": "a.n.", "atas_nama": "kepala_dinas", "peran": "kabid"}
    }
    ctx = build_context("tugas", validate("tugas", data), office, tanggal=DAY)
    assert [p["jabatan"] for p in ctx["paraf"]] == ["Kasi PHA"]


# -- confidentiality, Lampiran, seniority, page options -------------------------------------


def test_every_page_of_a_confidential_letter_and_its_copies_says_rahasia(
    docs: dict[str, surat.Document], tmp_path: Path, converter: Any
) -> None:
    doc = docs["tugas-lampiran"]
    out = tmp_path / "cetak.pdf"
    surat.print_pack([doc], out, converter=converter)
    all_pages = pages(out.read_bytes())
    assert len(all_pages) == 6  # 2 pages, then a copy for Kapolresta and for Arsip
    for i, page in enumerate(all_pages):
        assert "RAHASIA" in page, i
        assert "Paraf" in page, i  # the drafter's paraf box on each page
    assert "TEMBUSAN" in all_pages[2] and "TEMBUSAN" in all_pages[5]
    assert "Sifat: Rahasia" in all_pages[0]


def test_more_than_ten_companions_go_to_a_lampiran(pdfs: dict[str, bytes]) -> None:
    tugas = pages(pdfs["tugas-lampiran"])
    assert len(tugas) == 2
    assert "14 (empat belas) orang pendamping sebagaimana tercantum dalam Lampiran" in tugas[0]
    assert "Pendamping 01" not in tugas[0]
    assert "LAMPIRAN SURAT TUGAS" in tugas[1] and "DAFTAR PENDAMPING" in tugas[1]
    assert "NOMOR : 002/DP3A-PP-KB/PPA/XI/2026" in tugas[1]
    assert tugas[1].count("Pendamping ") >= 14
    assert_in_order(tugas[1], [f"{KADIS_JABATAN},", KADIS[0], f"NIP. {KADIS[1]}"])  # signed
    persetujuan = pages(pdfs["persetujuan-lampiran"])
    assert "Lampiran : 1 (satu) lembar" in persetujuan[0]
    assert "sebagaimana tercantum dalam daftar terlampir" in persetujuan[0]
    assert "LAMPIRAN SURAT PERSETUJUAN PENDAMPINGAN" in persetujuan[-1]


def test_companions_by_seniority(pdfs: dict[str, bytes]) -> None:
    page = pages(pdfs["tugas-lampiran"])[1]
    # civil servants by golongan (IV/b, IV/a, III/c, III/a; equal ones as given), then others
    order = [
        "Pendamping 07",  # IV/b
        "Pendamping 03",  # IV/a
        "Pendamping 11",  # IV/a
        "Pendamping 05",  # III/c
        "Pendamping 13",  # III/c
        "Pendamping 01",  # III/a
        "Pendamping 09",  # III/a
        "Pendamping 02",  # contract staff, in the order given
        "Pendamping 04",
        "Pendamping 14",
    ]
    assert_in_order(page, order)
    assert "NIP. 19800116 200501 1 006" in page  # under the name, in the Nama/NIP column


def test_page_number_on_top_and_bottom_margin(
    docs: dict[str, surat.Document], pdfs: dict[str, bytes]
) -> None:
    second = pages(pdfs["tugas-atas"])[1]
    assert second.startswith("- 2 -")
    assert second.endswith("RAHASIA Paraf")
    bottom = pages(pdfs["tugas-lampiran"])[1]
    assert bottom.endswith("RAHASIA - 2 - Paraf")
    section = Docx(io.BytesIO(docs["tugas-atas"].docx)).sections[0]
    assert section.bottom_margin.cm == pytest.approx(2.5, abs=0.01)
    default = Docx(io.BytesIO(docs["tugas-lampiran"].docx)).sections[0]
    assert default.bottom_margin.cm == pytest.approx(2.0, abs=0.01)


def test_letterhead_logo_is_its_own(tmp_path: Path) -> None:
    from surat.templating.engine import DEFAULT_LOGO, logo_of

    (tmp_path / "uptd.png").write_bytes(DEFAULT_LOGO.read_bytes())
    toml = BASE.replace("\n[kop]\n", "\n").replace('# persetujuan = "uptd"', 'persetujuan = "uptd"')
    (tmp_path / "kantor.toml").write_text(toml + UPTD + 'logo = "uptd.png"\n', encoding="utf-8")
    office = surat.Office.from_toml(tmp_path / "kantor.toml")
    assert logo_of(office, "persetujuan") == (tmp_path / "uptd.png").resolve()
    assert logo_of(office, "tugas") == DEFAULT_LOGO  # the office's own kop keeps its emblem
    (tmp_path / "uptd.png").write_text("not an image", encoding="utf-8")
    with pytest.raises(SuratError, match=r"kop.uptd: logo: .* is not a PNG or JPEG"):
        surat.Office.from_toml(tmp_path / "kantor.toml")


def test_batch_rows_name_their_signer(tmp_path: Path) -> None:
    from surat.batch import load_rows, validate_rows

    rows = (EXAMPLES / "batch.csv").read_text(encoding="utf-8").splitlines()[:3]
    head = rows[0] + ",penandatangan.status,penandatangan.atas_nama,penandatangan.peran"
    csv = "\n".join([head, rows[1] + ",a.n.,kepala_dinas,kabid", rows[2] + ",,,"])
    (tmp_path / "b.csv").write_text(csv + "\n", encoding="utf-8")
    models = validate_rows("persetujuan", load_rows(tmp_path / "b.csv"))
    ctx = build_context("persetujuan", models[0], OFFICE, tanggal=DAY)
    assert ctx["penandatangan"]["an"] == f"a.n. {KADIS_JABATAN},"
    assert ctx["penandatangan"]["nama"] == KABID[0]
    assert build_context("persetujuan", models[1], OFFICE, tanggal=DAY)["penandatangan"][
        "jabatan"
    ] == ("Ketua P2TP2A Kota Batam")


def test_case_file_names_its_signers(tmp_path: Path) -> None:
    import json

    from surat.kasus import Kasus

    raw = json.loads((EXAMPLES / "kasus.json").read_text(encoding="utf-8"))
    raw["persetujuan"] = raw.get("persetujuan", {}) | {"penandatangan": PLH}
    raw["tugas"]["penandatangan"] = CASES["an"][0]
    raw["konseling"]["penandatangan"] = CASES["ub"][0]
    kasus = Kasus.from_dict(raw)
    data = kasus.letter_data("001/REG-PPA/XI/2026", "001/SM/2026", "001/X/2026")
    signed = {
        kind: build_context(kind, validate(kind, data[kind]), OFFICE, tanggal=DAY)["penandatangan"]
        for kind in KINDS
    }
    assert signed["persetujuan"]["nama"] == PLH["nama"]
    assert signed["tugas"]["an"] == f"a.n. {KADIS_JABATAN},"
    assert signed["konseling"]["ub"] == "u.b." and signed["konseling"]["nama"] == KASI[0]
    # a role the profile does not have stops the case before any number is taken
    raw["tugas"]["penandatangan"] = {"status": "", "peran": "sekda"}
    with surat.Register(str(tmp_path / "a.db"), office=OFFICE) as reg:
        with pytest.raises(SuratError, match=r"penandatangan\.peran: 'sekda'"):
            Kasus.from_dict(raw).letters(reg)
        assert list(reg.entries(tahun=None)) == [] and list(reg.cases(tahun=None)) == []
