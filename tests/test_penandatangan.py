"""Who signs and how, read back from real PDFs: definitive, Plt., Plh., a.n., u.b.
and a standing appointment of the profile, for tugas, persetujuan and konseling;
each letterhead's head (a letter under a kop is signed by its head, a.n./u.b.
for them or their Plt./Plh.); the UPTD letterhead under its Dinas's lines and
its number; tembusan order; RAHASIA on every page of a multi-page letter and of
its stamped copies; paraf; the Lampiran of companions.

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

# A unit of the Dinas: its kop prints the Dinas's lines above its own name; its
# head signs the approval letter under it.
UPTD = """
[pejabat.kepala_uptd]
jabatan = "Kepala UPTD Perlindungan Perempuan dan Anak Kota Batam"
singkatan = "Ka. UPTD PPA"
nama = "dr. INDAH PERMATASARI"
nip = "19780304 200312 2 005"
pangkat = "Penata Tingkat I (III/d)"

[kop.uptd]
induk = "kantor"
nama = "UPTD PERLINDUNGAN PEREMPUAN DAN ANAK KOTA BATAM"
alamat = "Jl. Raja Isa, Batam Centre, Batam 29461"
telepon = "(0778) 000001"
pimpinan = "kepala_uptd"
kode = "UPTD-PPA"
"""
UNDER_UPTD = {
    'persetujuan = "p2tp2a"': 'persetujuan = "uptd"',
    'persetujuan = "ketua_p2tp2a"': 'persetujuan = "kepala_uptd"',
}
# The approval letter on the Dinas's own letterhead, signed for its head.
ON_DINAS = {
    'persetujuan = "p2tp2a"': "",
    'persetujuan = "ketua_p2tp2a"': 'persetujuan = "kepala_dinas"',
}


def profile(text: str = "", **replace: str) -> surat.Office:
    base = BASE
    for old, new in replace.items():
        base = base.replace(old, new)
    # [plt] is an empty table in the example: its sub-tables go after it
    base = base.replace("\n[plt]\n", "\n")
    return surat.Office.from_toml_string(base + text, source="kantor.toml")


OFFICE = profile()
DINAS = profile(**ON_DINAS)
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
        for name, (given, _, _) in CASES.items():  # signed for the Kepala Dinas
            out[f"{kind}-{name}"] = render(kind, DINAS, penandatangan=given)
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
    with pytest.raises(SuratError, match=r"sampai: masa jabatan berakhir sebelum dimulai"):
        profile(PERIODS.replace("sampai = 2026-11-30", "sampai = 2026-10-30"))
    with pytest.raises(SuratError, match=r"status: salah satu dari 'Plt.' atau 'Plh.'"):
        profile(PERIODS.replace('status = "Plt."', 'status = "a.n."'))
    with pytest.raises(SuratError, match=r"plt.kasi_xyz: pejabat 'kasi_xyz' tidak dikenal"):
        profile(PERIODS.replace("[plt.kabid]", "[plt.kasi_xyz]"))
    twice = PERIODS.replace("[plt.kepala_dinas]", "[[plt.kepala_dinas]]") + (
        '\n[[plt.kepala_dinas]]\nstatus = "Plh."\nnama = "X"\nnip = "19720305 199803 1 002"\n'
        'pangkat = "Penata (III/c)"\nmulai = 2026-11-30\nsampai = 2026-12-02\n'
    )
    with pytest.raises(SuratError, match=r"plt.kepala_dinas: dua penunjukan bertumpang tindih"):
        profile(twice)


def test_penandatangan_is_checked() -> None:
    def problem(given: dict[str, Any]) -> str:
        data = example_data("tugas") | {"penandatangan": given}
        with pytest.raises(SuratError) as err:
            model = validate("tugas", data)
            build_context("tugas", model, OFFICE, tanggal=model.tanggal)
        return str(err.value)

    assert "nip, pangkat belum diisi" in problem({"status": "Plt.", "nama": "A"})
    assert "a.n. memerlukan atas_nama" in problem({"status": "a.n.", "peran": "kabid"})
    assert "u.b. memerlukan atas_nama" in problem({"status": "u.b.", "atas_nama": "kepala_dinas"})
    assert "status: salah satu dari" in problem({"status": "Pj."})
    assert "penandatangan.peran: 'sekda' bukan peran" in problem({"status": "", "peran": "sekda"})
    assert "hanya untuk Plt./Plh." in problem({"status": "", "nama": "Someone Else"})
    legacy = example_data("tugas") | {"status_penandatangan": "Plt."}
    with pytest.raises(SuratError, match="status_penandatangan: diganti penandatangan"):
        validate("tugas", legacy)


@pytest.mark.parametrize("kind", ["persetujuan", "tugas"])
def test_the_agenda_entry_works_out_the_signer_before_a_number(kind: str) -> None:
    """The entry is made before the register gives a number: a signer role the profile
    lacks, or a Plt. who is the holder themself, stops the letter there."""
    from surat.dates import today

    def agenda(given: dict[str, Any] | None, **data: Any) -> dict[str, Any]:
        model = validate(kind, example_data(kind) | {"penandatangan": given, **data})
        return model.agenda(DINAS)  # both kinds signed for the Kepala Dinas

    with pytest.raises(SuratError, match=r"penandatangan\.peran: 'sekda' bukan peran"):
        agenda({"status": "", "peran": "sekda"})
    kadis = DINAS.pejabat["kepala_dinas"]
    itself = {"status": "Plt.", "peran": "kepala_dinas", "nama": kadis.nama}
    with pytest.raises(SuratError, match="bukan pemegang jabatan itu sendiri"):
        agenda(itself | {"nip": kadis.nip, "pangkat": "Pembina (IV/a)"})
    assert agenda(None)["tanggal"] == validate(kind, example_data(kind)).tanggal
    assert agenda(None, tanggal=None)["tanggal"] == today()


# -- letterhead, number, tembusan, paraf ------------------------------------------------


def test_uptd_letterhead_and_its_number(tmp_path: Path, converter: Any) -> None:
    office = profile(UPTD, **UNDER_UPTD)
    model = validate("persetujuan", example_data("persetujuan"))
    with surat.Register(str(tmp_path / "agenda.db"), office=office) as reg:
        n = reg.issue(**model.agenda(office))
        t = reg.issue(**validate("tugas", example_data("tugas")).agenda(office))
        assert str(n) == "001/UPTD-PPA/PPA/XI/2026"  # the unit's code, the office's pattern
        assert str(t) == "001/DP3A-PP-KB/PPA/XI/2026"  # the Dinas's own book counts on its own
        reg.void(str(n), alasan="uji")  # a unit's number is voided like any other
        doc = surat.render("persetujuan", model, office=office, nomor=n)
    # the unit's kop: the government, the Dinas it belongs to, then the unit itself
    kop = [p.text for p in Docx(io.BytesIO(doc.docx)).tables[0].rows[0].cells[1].paragraphs]
    assert [line for line in kop if line.strip()] == [
        "PEMERINTAH KOTA BATAM",
        office.nama,
        "UPTD PERLINDUNGAN PEREMPUAN DAN ANAK KOTA BATAM",
        "Jl. Raja Isa, Batam Centre, Batam 29461",
    ]
    pdf = converter.convert_many([("uptd", doc.docx)])[0]
    (first,) = pages(pdf)  # the taller kop still leaves the letter on one page
    assert_in_order(
        first,
        [
            "PEMERINTAH KOTA BATAM",
            "DINAS PEMBERDAYAAN PEREMPUAN, PERLINDUNGAN ANAK,",
            "KELUARGA BERENCANA",
            "UPTD PERLINDUNGAN PEREMPUAN DAN ANAK KOTA BATAM",
            "Jl. Raja Isa",
            "Telepon (0778) 000001",
            "Nomor",
            "Kepala UPTD Perlindungan Perempuan dan Anak Kota Batam,",
            "dr. INDAH PERMATASARI",
            "NIP. 19780304 200312 2 005",
        ],
    )
    assert "Jl. Engku Putri" not in first  # the unit's own address, not the Dinas's
    assert "001/UPTD-PPA/PPA/XI/2026" in first
    (tmp_path / "uptd.pdf").write_bytes(pdf)


def test_the_office_kop_prints_no_unit_line(pdfs: dict[str, bytes]) -> None:
    """The Dinas's own letterhead: government, the Dinas, its address; nothing above or between."""
    first = pages(pdfs["tugas-definitif"])[0]
    assert_in_order(
        first,
        ["PEMERINTAH KOTA BATAM DINAS PEMBERDAYAAN PEREMPUAN,", "KELUARGA BERENCANA Jl. Engku"],
    )
    assert "UPTD" not in first and "P2TP2A) KOTA BATAM" not in first


def test_approval_under_the_p2tp2a_letterhead_she_heads(converter: Any) -> None:
    """The shipped example: the Ketua P2TP2A signs the approval letter (sop-32 step 6)
    under the letterhead she heads, not the Dinas's; the assignment letter stays the Dinas's."""
    assert OFFICE.pimpinan_for("persetujuan") == ("ketua_p2tp2a", "kop.p2tp2a.pimpinan")
    doc = render("persetujuan", OFFICE)
    (first,) = pages(converter.convert_many([("p2tp2a", doc.docx)])[0])
    assert_in_order(
        first,
        [
            "PEMERINTAH KOTA BATAM PUSAT PELAYANAN TERPADU PEMBERDAYAAN",
            "(P2TP2A) KOTA BATAM",
            "Nomor",
            "Ketua P2TP2A Kota Batam,",
            "Hj. ROSMAWATI",
        ],
    )
    assert "DINAS PEMBERDAYAAN PEREMPUAN," not in first  # not the Dinas's kop


def test_unknown_letterhead_names_the_key() -> None:
    with pytest.raises(SuratError, match=r"kop_surat.persetujuan: kop 'uptd' tidak dikenal"):
        profile("", **{'persetujuan = "p2tp2a"': 'persetujuan = "uptd"'})


# -- who may sign under a letterhead ------------------------------------------------------

UPTD_OFFICE = profile(UPTD, **UNDER_UPTD)
KA_UPTD_PLH = {
    "status": "Plh.",
    "peran": "kepala_uptd",
    "nama": "RAHMAT HIDAYAT, S.Psi",
    "nip": "19820707 200801 1 009",
    "pangkat": "Penata (III/c)",
}


def signer(kind: str, office: surat.Office, given: dict[str, Any] | None) -> dict[str, Any]:
    """The signature block, worked out as the agenda entry does it: before a number."""
    model = validate(kind, example_data(kind) | {"penandatangan": given})
    if kind == "persetujuan" or kind == "tugas":
        model.agenda(office)
    ctx: dict[str, Any] = build_context(kind, model, office, tanggal=DAY)["penandatangan"]
    return ctx


def refused(kind: str, office: surat.Office, given: dict[str, Any] | None) -> str:
    model = validate(kind, example_data(kind) | {"penandatangan": given})
    with pytest.raises(SuratError) as agenda:
        model.agenda(office)  # before a number is taken
    with pytest.raises(SuratError) as context:
        build_context(kind, model, office, tanggal=DAY)
    assert str(agenda.value) == str(context.value)
    return str(agenda.value)


def test_outsider_never_signs_on_the_dinas_letterhead() -> None:
    """The Ketua P2TP2A (outside the Dinas, no NIP) signing the approval letter on the
    Dinas's kop, as the profile once said, is refused; so is anyone else than the head."""
    office = profile(**{'persetujuan = "p2tp2a"': ""})
    message = refused("persetujuan", office, None)
    assert message.startswith("penandatangan: ")
    assert "kop kantor sendiri" in message and "pimpinan = 'kepala_dinas'" in message
    assert "ketua_p2tp2a" in message and "ROSMAWATI" not in message
    assert "kabid" in refused("tugas", OFFICE, {"status": "", "peran": "kabid"})
    # the head of another letterhead is an outsider on the Dinas's
    assert "kepala_uptd" in refused("tugas", UPTD_OFFICE, {"status": "", "peran": "kepala_uptd"})
    # a Plt./Plh. acts for one head only: the UPTD's acting head does not sign for the Dinas
    assert "kepala_uptd" in refused("tugas", UPTD_OFFICE, KA_UPTD_PLH)


@pytest.mark.parametrize(
    "given",
    [
        None,
        {"status": "", "peran": "kepala_uptd"},
        KA_UPTD_PLH,
        KA_UPTD_PLH | {"status": "Plt."},
        {"status": "a.n.", "atas_nama": "kepala_uptd", "peran": "kasi_pha"},
        {
            "status": "u.b.",
            "atas_nama": "kepala_uptd",
            "melalui": "kasi_pha",
            "peran": "kasi_ppktp",
        },
    ],
    ids=["profile", "definitif", "plh", "plt", "an", "ub"],
)
def test_head_a_n_u_b_and_acting_head_sign_under_the_unit(given: dict[str, Any] | None) -> None:
    block = signer("persetujuan", UPTD_OFFICE, given)
    if given is None or given["status"] in ("", "Plt.", "Plh."):
        assert block["jabatan"].endswith("Kepala UPTD Perlindungan Perempuan dan Anak Kota Batam")
    else:
        assert block["an"] == "a.n. Kepala UPTD Perlindungan Perempuan dan Anak Kota Batam,"
    if given is not None and given["status"] == "u.b.":
        assert block["ub"] == "u.b." and block["melalui"] == f"{KASI_JABATAN},"


@pytest.mark.parametrize(
    "given",
    [
        {"status": "", "peran": "kepala_dinas"},
        PLT,
        PLH,
        {"status": "a.n.", "atas_nama": "kepala_dinas", "peran": "kabid"},
        {"status": "u.b.", "atas_nama": "kepala_dinas", "melalui": "kabid", "peran": "kasi_pha"},
    ],
    ids=["definitif", "plt", "plh", "an", "ub"],
)
def test_the_dinas_head_does_not_sign_under_the_unit(given: dict[str, Any]) -> None:
    """Each way of signing for the Kepala Dinas is right on the Dinas's letterhead and
    refused under the UPTD's, which has its own head."""
    assert signer("tugas", UPTD_OFFICE, given)["nama"]  # the Dinas's letter: accepted
    message = refused("persetujuan", UPTD_OFFICE, given)
    assert "kop.uptd" in message and "kop.uptd.pimpinan = 'kepala_uptd'" in message
    assert "kepala_dinas" in message
    for name in (KADIS[0], KABID[0], KASI[0], PLT["nama"], PLH["nama"]):
        assert name not in message
    field = "penandatangan.atas_nama" if given["status"] in ("a.n.", "u.b.") else "penandatangan"
    assert message.startswith(f"{field}: ")


def test_the_profile_period_of_the_unit_head_signs_its_letters() -> None:
    """A standing Plh. of the UPTD's head signs the letters under the UPTD's kop."""
    period = (
        '\n[plt.kepala_uptd]\nstatus = "Plh."\nnama = "RAHMAT HIDAYAT, S.Psi"\n'
        'nip = "19820707 200801 1 009"\npangkat = "Penata (III/c)"\n'
        "mulai = 2026-11-20\nsampai = 2026-11-25\n"
    )
    office = profile(UPTD + period, **UNDER_UPTD)
    block = signer("persetujuan", office, None)
    assert block["jabatan"] == "Plh. Kepala UPTD Perlindungan Perempuan dan Anak Kota Batam"
    assert block["nama"] == "RAHMAT HIDAYAT, S.Psi"


def test_u_b_goes_through_an_official_below_the_head() -> None:
    given = {"status": "u.b.", "atas_nama": "kepala_dinas", "melalui": "kepala_dinas"}
    message = refused("tugas", DINAS, given | {"peran": "kabid"})
    assert message.startswith("penandatangan.melalui: u.b. melalui pejabat a.n.")


def test_a_report_acknowledged_is_not_signed_for_the_letterhead() -> None:
    """konseling's "Mengetahui" is the Kabid's acknowledgement of the counselor's report,
    not a letter signed for the head of its letterhead; every numbered letter is."""
    from surat.letters import MODELS, NUMBERED
    from surat.letters.penandatangan import MENGETAHUI

    assert OFFICE.pimpinan_for("konseling") == ("kepala_dinas", "pimpinan")
    assert signer("konseling", OFFICE, None)["jabatan"] == KABID_JABATAN
    signed = {kind for kind, model in MODELS.items() if "penandatangan" in model.model_fields}
    assert MENGETAHUI & set(MODELS) == signed - NUMBERED
    assert {"konseling", "laporan_pendampingan"} <= MENGETAHUI  # the companion's report too
    assert MENGETAHUI - set(MODELS) == {"kronologi", "laporan"}  # the staff's books, acknowledged
    # each numbered letter names its signer; a berita acara's parties sign it themselves
    assert signed >= NUMBERED - {"berita_acara"}


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
    with pytest.raises(SuratError, match=r"paraf: tugas: paling banyak tiga pejabat"):
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
    toml = BASE
    for old, new in UNDER_UPTD.items():
        toml = toml.replace(old, new)
    (tmp_path / "kantor.toml").write_text(toml + UPTD + 'logo = "uptd.png"\n', encoding="utf-8")
    office = surat.Office.from_toml(tmp_path / "kantor.toml")
    assert logo_of(office, "persetujuan") == (tmp_path / "uptd.png").resolve()
    assert logo_of(office, "tugas") == DEFAULT_LOGO  # the office's own kop keeps its emblem
    (tmp_path / "uptd.png").write_text("not an image", encoding="utf-8")
    with pytest.raises(SuratError, match=r"kop.uptd: logo: .* bukan gambar PNG atau JPEG"):
        surat.Office.from_toml(tmp_path / "kantor.toml")


def test_a_units_letterhead_without_emblem_takes_its_parents(tmp_path: Path) -> None:
    """A section under the UPTD prints the UPTD's emblem, not the office's."""
    from surat.templating.engine import DEFAULT_LOGO, logo_of

    (tmp_path / "uptd.png").write_bytes(DEFAULT_LOGO.read_bytes())
    toml = BASE.replace('persetujuan = "p2tp2a"', 'persetujuan = "seksi"').replace(
        'persetujuan = "ketua_p2tp2a"', 'persetujuan = "kepala_uptd"'
    )
    seksi = (
        '\n[kop.seksi]\ninduk = "uptd"\nnama = "SEKSI PENDAMPINGAN"\n'
        'alamat = "Jl. Raja Isa, Batam"\npimpinan = "kepala_uptd"\n'
    )
    (tmp_path / "kantor.toml").write_text(
        toml + UPTD + 'logo = "uptd.png"\n' + seksi, encoding="utf-8"
    )
    office = surat.Office.from_toml(tmp_path / "kantor.toml")
    assert logo_of(office, "persetujuan") == (tmp_path / "uptd.png").resolve()


def test_batch_rows_name_their_signer(tmp_path: Path) -> None:
    from surat.batch import load_rows, validate_rows

    rows = (EXAMPLES / "batch.csv").read_text(encoding="utf-8").splitlines()[:3]
    head = rows[0] + ",penandatangan.status,penandatangan.atas_nama,penandatangan.peran"
    csv = "\n".join([head, rows[1] + ",a.n.,kepala_dinas,kabid", rows[2] + ",,,"])
    (tmp_path / "b.csv").write_text(csv + "\n", encoding="utf-8")
    models = validate_rows("persetujuan", load_rows(tmp_path / "b.csv"))
    ctx = build_context("persetujuan", models[0], DINAS, tanggal=DAY)
    assert ctx["penandatangan"]["an"] == f"a.n. {KADIS_JABATAN},"
    assert ctx["penandatangan"]["nama"] == KABID[0]
    assert build_context("persetujuan", models[1], OFFICE, tanggal=DAY)["penandatangan"][
        "jabatan"
    ] == ("Ketua P2TP2A Kota Batam")


def test_case_file_names_its_signers(tmp_path: Path) -> None:
    import json

    from surat.kasus import Kasus

    raw = json.loads((EXAMPLES / "kasus.json").read_text(encoding="utf-8"))
    ketua_plh = PLH | {"peran": "ketua_p2tp2a"}  # the approval letter is the P2TP2A's
    raw["persetujuan"] = raw.get("persetujuan", {}) | {"penandatangan": ketua_plh}
    raw["tugas"]["penandatangan"] = CASES["an"][0]
    raw["konseling"]["penandatangan"] = CASES["ub"][0]
    kasus = Kasus.from_dict(raw)
    data = kasus.letter_data("001/REG-PPA/XI/2026", "001/SM/2026", "001/X/2026")
    signed = {
        kind: build_context(kind, validate(kind, data[kind]), OFFICE, tanggal=DAY)["penandatangan"]
        for kind in KINDS
    }
    assert signed["persetujuan"]["nama"] == PLH["nama"]
    assert signed["persetujuan"]["jabatan"] == "Plh. Ketua P2TP2A Kota Batam"
    assert signed["tugas"]["an"] == f"a.n. {KADIS_JABATAN},"
    assert signed["konseling"]["ub"] == "u.b." and signed["konseling"]["nama"] == KASI[0]
    # a role the profile does not have stops the case before any number is taken
    raw["tugas"]["penandatangan"] = {"status": "", "peran": "sekda"}
    with surat.Register(str(tmp_path / "a.db"), office=OFFICE) as reg:
        with pytest.raises(SuratError, match=r"penandatangan\.peran: 'sekda'"):
            Kasus.from_dict(raw).letters(reg)
        assert list(reg.entries(tahun=None)) == [] and list(reg.cases(tahun=None)) == []
