"""The letter kinds: validation, privacy of the context, examples."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import surat
from surat import letters
from surat.errors import SuratError
from surat.letters import KINDS, build_context, example_data, validate

OFFICE = surat.Office.default()
DAY = date(2026, 11, 22)
EXAMPLES = Path(__file__).parent.parent / "examples"
FULL_NAME = "Putri Ayu Lestari"


def strings(value: Any) -> list[str]:
    """Every string anywhere in a nested context."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings(v)]
    return []


def test_kinds_and_models() -> None:
    assert KINDS[:5] == ("permohonan", "persetujuan", "tugas", "konseling", "disposisi")
    assert {"rujukan", "nota_dinas"} <= set(KINDS)
    assert set(letters.MODELS) == set(KINDS)
    assert {"persetujuan", "tugas", "rujukan", "nota_dinas"} <= letters.NUMBERED
    assert not {"permohonan", "konseling", "disposisi"} & letters.NUMBERED


@pytest.mark.parametrize("kind", KINDS)
def test_example_data_is_complete_and_valid(kind: str) -> None:
    data = example_data(kind)
    json.dumps(data)  # plain JSON types: the notebook and CLI start from it
    model = validate(kind, data)
    assert isinstance(model, letters.MODELS[kind])
    # every person is an object with its name in `nama`
    assert data.get("korban", {}).get("nama") == FULL_NAME
    # a fresh copy each time
    data["korban"]["nama"] = "X"
    assert example_data(kind)["korban"]["nama"] == FULL_NAME


def test_unknown_kind() -> None:
    with pytest.raises(SuratError, match="jenis: salah satu dari permohonan"):
        example_data("memo")
    with pytest.raises(SuratError, match="jenis: salah satu dari"):
        validate("memo", {})


def test_every_problem_is_listed_with_its_path_never_its_value() -> None:
    data = example_data("permohonan")
    data["pelapor"]["nik"] = "21710157089000"  # 14 digits
    data["pelapor"]["nama"] = "   "
    data["pelapor"]["telepon"] = "Rahasia-Sekali-Nomor"
    data["korban"]["jenis_kelamin"] = "L"
    data["korban"]["nama"] = "Nama Sangat\nPanjang"
    data["jenis_kekerasan"] = []
    data["alamat_rahasia"] = "Jl. Tersembunyi 9"
    with pytest.raises(SuratError) as err:
        validate("permohonan", data)
    msg = str(err.value)
    assert "7 masalah" in msg
    for path in (
        "pelapor.nik: 16 angka diharapkan, terisi 14",
        "pelapor.nama:",
        "pelapor.telepon:",
        "korban.jenis_kelamin:",
        "korban.nama: satu baris diharapkan",
        "jenis_kekerasan:",
        "alamat_rahasia: isian tidak dikenal",
    ):
        assert path in msg
    for value in ("21710157089000", "Rahasia-Sekali", "Sangat", "Tersembunyi"):
        assert value not in msg


def test_nip_of_pendamping_is_checked() -> None:
    data = example_data("tugas")
    data["pendamping"][0]["nip"] = "19871312 201001 2 003"
    data["pendamping"][1]["nip"] = "-"  # contract staff
    with pytest.raises(SuratError) as err:
        validate("tugas", data)
    assert "pendamping.0.nip: angka ke-1 sampai ke-8 harus tanggal lahir yang sah" in str(err.value)
    assert "pendamping.1" not in str(err.value)


def test_one_line_field_too_long() -> None:
    data = example_data("persetujuan")
    data["pendamping"][0]["nama"] = "A" * 10_000
    with pytest.raises(SuratError, match=r"pendamping\.0\.nama: paling banyak 100 karakter"):
        validate("persetujuan", data)


def test_xml_illegal_characters_are_removed_tabs_and_newlines_stay() -> None:
    data = example_data("permohonan")
    data["kronologi"] = "baris\x00 satu\x0b\r\nbaris\tdua\x1f"
    data["pelapor"]["nama"] = "Sri\x07 Wahyu"
    model = validate("permohonan", data)
    assert isinstance(model, letters.Permohonan)
    assert model.kronologi == "baris satu\nbaris\tdua"
    assert model.pelapor.nama == "Sri Wahyu"


def test_pydantic_errors_never_quote_the_input() -> None:
    data = example_data("permohonan")
    data["pelapor"]["nik"] = "2171019913900001"
    with pytest.raises(ValidationError) as err:
        letters.Permohonan.model_validate(data)
    assert "2171019913900001" not in str(err.value)


def test_repr_shows_no_personal_data() -> None:
    for kind in KINDS:
        model = validate(kind, example_data(kind))
        for text in (repr(model), str(model), repr(model.korban)):
            assert "Lestari" not in text and "2171" not in text
        assert repr(model) == f"{type(model).__name__}(...)"


@pytest.mark.parametrize("kind", ["persetujuan", "tugas", "disposisi", "undangan"])
def test_letters_that_leave_the_office_never_get_the_full_name(kind: str) -> None:
    model = validate(kind, example_data(kind))
    ctx = build_context(kind, model, OFFICE, tanggal=DAY, nomor="001/X/2026")
    everything = " ".join(strings(ctx))
    # ('Putri' alone is no test: the office is on Jl. Engku Putri)
    for part in (FULL_NAME, "Lestari", "Ayu "):
        assert part not in everything
    assert ctx["korban"] == {"inisial": "P.A.L.", "nomor_registrasi": "001/REG-PPA/XI/2026"}
    assert ctx["surat"]["nomor"] == "001/X/2026"


def test_konseling_uses_initials_unless_asked() -> None:
    data = example_data("konseling")
    ctx = build_context("konseling", validate("konseling", data), OFFICE, tanggal=DAY)
    assert FULL_NAME not in " ".join(strings(ctx))
    assert ctx["klien"]["inisial"] == "P.A.L." and ctx["klien"]["nama"] is None
    data["tampilkan_nama_lengkap"] = True
    ctx = build_context("konseling", validate("konseling", data), OFFICE, tanggal=DAY)
    assert ctx["klien"]["nama"] == FULL_NAME


def test_konseling_follow_up_rules_of_sop_32() -> None:
    data = example_data("konseling")
    data["kondisi_psikis_stabil"] = False
    data["perlu_rumah_aman"] = True
    ctx = build_context("konseling", validate("konseling", data), OFFICE, tanggal=DAY)
    plan = ctx["rencana_tindak_lanjut"]
    assert plan[0] == letters.RUJUKAN_PSIKOLOG  # psychologist first
    assert plan[1] == letters.RUJUKAN_RUMAH_AMAN
    data["kondisi_psikis_stabil"] = True
    data["perlu_rumah_aman"] = False
    ctx = build_context("konseling", validate("konseling", data), OFFICE, tanggal=DAY)
    assert letters.RUJUKAN_PSIKOLOG not in ctx["rencana_tindak_lanjut"]


def test_konseling_paraf_kasi_not_the_kabid_who_signs() -> None:
    model = validate("konseling", example_data("konseling"))
    ctx = build_context("konseling", model, OFFICE, tanggal=DAY)
    # the Kabid signs "Mengetahui": the signature is theirs, no paraf as well
    assert [p["jabatan"] for p in ctx["paraf"]] == ["Kasi PHA"]


def test_signer_and_tembusan_from_the_office() -> None:
    data = example_data("persetujuan")
    data["tembusan"] = ["Arsip", "Kapolresta Barelang"]
    data["penandatangan"] = {
        "status": "Plh.",
        "peran": "ketua_p2tp2a",
        "nama": "Dra. Wati Susanti",
        "nip": "19750304 200003 2 001",
        "pangkat": "Pembina (IV/a)",
    }
    ctx = build_context("persetujuan", validate("persetujuan", data), OFFICE, tanggal=DAY)
    # "Arsip" always last: the profile's own, then the letter's, in their order
    assert ctx["tembusan"] == [
        OFFICE.tembusan["persetujuan"][0],
        "Kapolresta Barelang",
        "Arsip",
    ]
    assert ctx["penandatangan"]["jabatan"] == "Plh. Ketua P2TP2A Kota Batam"
    assert ctx["penandatangan"]["nama"] == "Dra. Wati Susanti"  # the acting official's own
    assert ctx["paraf"] == [
        {
            "no": 1,
            "peran": "kasi_pha",
            "jabatan": "Kasi PHA",
            "paraf_tanda": "",
            "paraf_tanggal": "",
            "paraf_jam": "",
        }
    ]


def test_atas_nama_line() -> None:
    office = OFFICE.model_copy(
        update={
            "penandatangan": {**OFFICE.penandatangan, "tugas": "kabid"},
            "atas_nama": {"tugas": "kepala_dinas"},
        }
    )
    ctx = build_context("tugas", validate("tugas", example_data("tugas")), office, tanggal=DAY)
    assert ctx["penandatangan"]["an"].startswith("a.n. Kepala Dinas Pemberdayaan")
    assert ctx["lapor_kepada"].startswith("Kepala Dinas")
    assert ctx["penandatangan"]["nip"] == ""  # the Kabid's NIP is not in the profile


def test_agenda_entry_has_no_victim_name() -> None:
    for kind in ("persetujuan", "tugas"):
        entry = validate(kind, example_data(kind)).agenda(OFFICE)
        # and the letterhead whose book numbers it, where the profile names one
        assert set(entry) - {"kop"} == {
            "klasifikasi",
            "tanggal",
            "perihal",
            "tujuan",
            "nomor_registrasi",
        }
        assert entry["klasifikasi"] == "PPA"
        assert entry["nomor_registrasi"] == "001/REG-PPA/XI/2026"  # the letter's case
        assert "Lestari" not in json.dumps(entry, default=str)
    # the approval's addressee is the case's reporter, by number: never a name
    assert validate("persetujuan", example_data("persetujuan")).agenda(OFFICE)["tujuan"] == (
        "Pelapor kasus 001/REG-PPA/XI/2026"
    )
    with pytest.raises(SuratError, match="tidak bernomor"):
        validate("konseling", example_data("konseling")).agenda(OFFICE)


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("permohonan", ["nama", "tanggal_lahir", "umur", "jenis_kelamin", "pendidikan", "alamat"]),
        ("konseling", ["nama", "nomor_registrasi", "tanggal_lahir", "umur", "jenis_kelamin"]),
    ],
)
def test_the_victim_needs_a_birth_date_or_an_age(kind: str, fields: list[str]) -> None:
    """Either is enough; neither is one problem at ``korban``. The form lists the
    victim's fields in the printed form's order."""
    model = letters.MODELS[kind]
    korban = model.model_fields["korban"].annotation
    assert isinstance(korban, type) and list(korban.model_fields) == fields
    data = example_data(kind)
    data["korban"].pop("tanggal_lahir")
    data["korban"].pop("umur", None)
    with pytest.raises(SuratError) as err:
        validate(kind, data)
    assert (
        str(err.value)
        == f"{kind}: 1 masalah pada data\n  korban: tanggal_lahir atau umur harus diisi"
    )
    assert [(e.path, e.message) for e in err.value.errors] == [
        ("korban", "tanggal_lahir atau umur harus diisi")
    ]
    assert validate(kind, data | {"korban": {**data["korban"], "umur": 9}}).korban.umur == 9
    assert validate(kind, example_data(kind)).korban.tanggal_lahir == date(2017, 3, 14)


def test_permohonan_context() -> None:
    model = validate("permohonan", example_data("permohonan"))
    ctx = build_context("permohonan", model, OFFICE, tanggal=date(2026, 11, 16))
    assert ctx["korban"]["lahir_umur"] == "14 Maret 2017 (9 tahun)"
    assert ctx["korban"]["anak"] is True
    assert ctx["surat"]["lampiran"] == "2 (dua) berkas"
    assert ctx["surat"]["nomor_agenda"] == "014/SM/2026"
    assert ctx["kepada"] == OFFICE.pejabat["kepala_dinas"].jabatan
    assert ctx["wali"] is None


def test_tugas_dates_in_order() -> None:
    data = example_data("tugas")
    data["tugas"][0]["tanggal_selesai"] = "2026-11-20"
    with pytest.raises(SuratError, match=r"tugas\.0: tanggal_selesai tidak boleh sebelum tanggal"):
        validate("tugas", data)
    data = example_data("tugas")
    data["pendamping"] = data["pendamping"] * 21  # more than ten go to a Lampiran, up to 40
    with pytest.raises(SuratError, match="pendamping: paling banyak 40 butir"):
        validate("tugas", data)


def test_a_child_reporter_needs_a_parent_or_guardian() -> None:
    data = example_data("permohonan")
    data["pelapor"]["tanggal_lahir"] = "2012-05-01"
    with pytest.raises(SuratError, match="wali harus diisi"):
        validate("permohonan", data)
    data["wali"] = {"nama": "Sri Wahyuningsih", "hubungan": "Ibu kandung"}
    data["lampiran"]["akta_kelahiran"] = True
    assert validate("permohonan", data)


def test_konseling_report_not_before_its_session() -> None:
    data = example_data("konseling")
    data["tanggal"] = "2026-11-16"
    with pytest.raises(SuratError, match="laporan tidak boleh bertanggal sebelum sesinya"):
        validate("konseling", data)


def test_a_birth_date_in_the_future_is_refused() -> None:
    from datetime import timedelta

    from surat import today

    tomorrow = str(today() + timedelta(days=1))
    for kind, path in (("permohonan", ("korban",)), ("permohonan", ("pelapor",)),
                       ("konseling", ("korban",))):  # fmt: skip
        data = letters.example_data(kind)
        data[path[0]]["tanggal_lahir"] = tomorrow
        with pytest.raises(SuratError, match=rf"{path[0]}\.tanggal_lahir: tanggal lahir tidak"):
            letters.validate(kind, data)


# -- the records officer's small rules -------------------------------------------------


def _tugas(**change: Any) -> dict[str, Any]:
    return build_context("tugas", validate("tugas", example_data("tugas") | change), OFFICE,
                         tanggal=DAY, nomor="001/X/2026")  # fmt: skip


def test_dasar_in_the_order_of_uu_12_2011_pasal_7_once_each() -> None:
    shuffled = [
        "Peraturan Menteri Pemberdayaan Perempuan dan Perlindungan Anak Nomor 2 Tahun 2022",
        "Peraturan Presiden Nomor 55 Tahun 2024",
        "Undang-Undang Nomor 12 Tahun 2022 tentang Tindak Pidana Kekerasan Seksual",
        "Perda Kota Batam Nomor 2 Tahun 2016",  # the standard one, written short
        "Peraturan Pemerintah Nomor 78 Tahun 2021",
        "UU 35/2014",  # the standard one again
    ]
    dasar = _tugas(dasar=shuffled, hubungan_pelaku="Orang Tua")["dasar"]
    assert [d.split(" tentang ")[0].rstrip(";.") for d in dasar] == [
        "Undang-Undang Nomor 23 Tahun 2004",
        "Undang-Undang Nomor 35 Tahun 2014",
        "Undang-Undang Nomor 12 Tahun 2022",
        "Peraturan Pemerintah Nomor 78 Tahun 2021",
        "Peraturan Presiden Nomor 55 Tahun 2024",
        "Peraturan Menteri Pemberdayaan Perempuan dan Perlindungan Anak Nomor 2 Tahun 2022",
        "Peraturan Daerah Kota Batam Nomor 2 Tahun 2016",
        "Surat Persetujuan Pendampingan Nomor 001/DP3A-PP-KB/PPA/XI/2026 tanggal 22 November 2026",
    ]
    assert [d[-1] for d in dasar] == [";"] * (len(dasar) - 1) + ["."]


@pytest.mark.parametrize("hubungan", ["Suami/Istri", "Orang Tua", "Keluarga/Saudara"])
def test_pkdrt_when_the_perpetrator_is_in_the_household(hubungan: str) -> None:
    dasar = _tugas(hubungan_pelaku=hubungan)["dasar"]
    assert dasar[0].startswith("Undang-Undang Nomor 23 Tahun 2004 tentang Penghapusan Kekerasan")


@pytest.mark.parametrize(
    "hubungan",
    [
        "Tetangga",
        "Pacar/Teman",
        "Guru",
        "Majikan",
        "Rekan Kerja",
        "Lainnya",
        "Tidak Diketahui",
        None,
    ],
)
def test_no_pkdrt_for_a_perpetrator_outside_the_household(hubungan: str | None) -> None:
    assert not any("Nomor 23 Tahun 2004" in d for d in _tugas(hubungan_pelaku=hubungan)["dasar"])
    with pytest.raises(SuratError, match=r"dasar\.1: UU 23/2004 \(PKDRT\) menjadi dasar hanya"):
        _tugas(hubungan_pelaku=hubungan, dasar=["Perpres 55/2024", "UU No. 23 Tahun 2004"])


def test_a_case_passes_its_relation_child_and_violence_to_its_letters() -> None:
    kasus = surat.Kasus.from_file(EXAMPLES / "kasus.json")
    data = kasus.letter_data("001/REG-PPA/XI/2026", "001/SM/2026", "001/X/XI/2026")
    assert data["tugas"]["hubungan_pelaku"] == "Tetangga"
    assert data["persetujuan"]["korban"]["anak"] is True
    assert data["persetujuan"]["jenis_kekerasan"] == ["Fisik", "Psikis"]


def _kerahasiaan(anak: bool | None, jenis: list[str]) -> str:
    data = example_data("persetujuan")
    data["korban"]["anak"], data["jenis_kekerasan"] = anak, jenis
    text = " ".join(surat.render("persetujuan", data, nomor="001/X/2026").text().split())
    start = text.index("Identitas korban dan seluruh keterangan")
    return text[start : text.index(".", text.index("pendampingan", start)) + 1]


def test_confidentiality_cites_the_laws_of_the_case() -> None:
    child = _kerahasiaan(True, ["Fisik", "Psikis"])
    assert (
        "Pasal 19 Undang-Undang Nomor 11 Tahun 2012 tentang Sistem Peradilan Pidana Anak" in child
    )
    assert "Nomor 12 Tahun 2022" not in child  # not sexual violence
    sexual = _kerahasiaan(False, ["Seksual"])
    assert "Undang-Undang Nomor 12 Tahun 2022 tentang Tindak Pidana Kekerasan Seksual" in sexual
    assert "Nomor 11 Tahun 2012" not in sexual  # an adult
    both = _kerahasiaan(True, ["Psikis", "Seksual"])
    assert "Pasal 19 Undang-Undang Nomor 11 Tahun 2012" in both and "Nomor 12 Tahun 2022" in both
    neither = _kerahasiaan(None, ["Fisik"])
    assert neither.endswith("hanya dipergunakan untuk kepentingan pendampingan.")
    assert "Undang-Undang" not in neither


def test_a_single_tembusan_is_not_numbered_two_are_arsip_last() -> None:
    one = OFFICE.model_copy(update={"tembusan": {"persetujuan": ["Arsip"]}})
    data = example_data("persetujuan")
    lines = surat.render("persetujuan", data, office=one, nomor="001/X/2026").text().splitlines()
    at = lines.index("Tembusan:")
    assert lines[at + 1] == "Arsip"
    data["tembusan"] = ["arsip", "Kapolresta Barelang"]
    lines = surat.render("persetujuan", data, office=one, nomor="001/X/2026").text().splitlines()
    at = lines.index("Tembusan:")
    assert lines[at + 1 : at + 3] == ["1.\tKapolresta Barelang", "2.\tArsip"]


def test_staf_never_staff() -> None:
    """Everything surat prints or ships as data: templates, profiles, SOPs, examples."""
    import re
    import tomllib
    import zipfile

    from surat.templating.engine import TEMPLATES

    root = Path(__file__).parent.parent
    texts: dict[str, str] = {}
    for docx in TEMPLATES.glob("*.docx"):
        with zipfile.ZipFile(docx) as z:
            texts[docx.name] = " ".join(
                z.read(n).decode() for n in z.namelist() if n.endswith(".xml")
            )
    for toml in [*root.glob("surat/sop/*.toml"), root / "surat/kantor.toml",
                 root / "examples/kantor.toml", root / "surat/starter/kantor.toml"]:  # fmt: skip
        texts[str(toml)] = json.dumps(tomllib.loads(toml.read_text(encoding="utf-8")))
    for name in ("kasus.json", "batch.csv"):
        texts[name] = (root / "examples" / name).read_text(encoding="utf-8")
    texts["examples"] = json.dumps([example_data(k) for k in KINDS])
    for name, text in texts.items():
        assert not re.search(r"\bstaff\b", text, re.IGNORECASE), name
    assert "Staf Penerima" in texts[str(root / "surat/sop/34.toml")]


def test_the_counselor_recommends_never_approves() -> None:
    doc = surat.render("konseling", example_data("konseling"))
    text = " ".join(doc.text().split())
    assert "9. Rekomendasi Konselor merekomendasikan: Pendampingan psikologis" in text
    kasus = json.loads((EXAMPLES / "kasus.json").read_text(encoding="utf-8"))
    for said in (text, kasus["konseling"]["rekomendasi"]):
        assert "setuju" not in said.casefold()


def _runs(docx: bytes) -> list[tuple[str, bool]]:
    """(text, italic) of each run of the document's body."""
    import io
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return [
        ("".join(t.text or "" for t in r.iter(w + "t")), r.find(f"{w}rPr/{w}i") is not None)
        for r in root.iter(w + "r")
    ]


def test_foreign_terms_in_italics() -> None:
    tugas = _runs(surat.render("tugas", example_data("tugas"), nomor="001/X/2026").docx)
    assert ("visum et repertum", True) in tugas
    assert any(t.startswith(") di RSUD") and not i for t, i in tugas)  # the rest upright
    data = example_data("persetujuan")
    data["layanan"].append("Rumah Aman (Shelter)")
    persetujuan = _runs(surat.render("persetujuan", data, nomor="001/X/2026").docx)
    assert ("Shelter", True) in persetujuan and ("Rumah Aman (", False) in persetujuan
    konseling = example_data("konseling") | {"perlu_rumah_aman": True}
    assert ("shelter", True) in _runs(surat.render("konseling", konseling).docx)
    permohonan = example_data("permohonan")
    permohonan["layanan"].append("Rumah Aman (Shelter)")
    assert ("Shelter", True) in _runs(surat.render("permohonan", permohonan).docx)


# -- paraf from below the signer -------------------------------------------------------


def _paraf(kind: str, office: surat.Office, **change: Any) -> list[str]:
    model = validate(kind, example_data(kind) | change)
    ctx = build_context(kind, model, office, tanggal=DAY, nomor="001/X/2026")
    return [p["jabatan"] for p in ctx["paraf"]]


def test_when_the_signer_was_the_paraf_the_next_official_down_initials() -> None:
    office = OFFICE.model_copy(update={"paraf": {**OFFICE.paraf, "konseling": ["kabid"]}})
    assert _paraf("konseling", office) == ["Kasi PHA"]  # the Kabid signs "Mengetahui"
    # a.n.: the Kabid signs the Kadis's assignment, which the Kabid was to initial
    an = {"status": "a.n.", "atas_nama": "kepala_dinas", "peran": "kabid"}
    assert _paraf("tugas", OFFICE, penandatangan=an) == ["Kasi PHA"]


def test_paraf_never_from_above_the_signer() -> None:
    office = OFFICE.model_copy(update={"paraf": {**OFFICE.paraf, "tugas": ["kabid", "kasi_pha"]}})
    an = {"status": "a.n.", "atas_nama": "kepala_dinas", "peran": "kasi_ppktp"}
    # the Kabid ranks above the signing Kasi, the Kasi PHA beside: neither initials;
    # no official is below a Kasi, so no table (and no paraf box)
    assert _paraf("tugas", office, penandatangan=an) == []


def test_a_letter_without_paraf_prints_no_box_and_no_table() -> None:
    import io
    import zipfile

    an = {"status": "a.n.", "atas_nama": "kepala_dinas", "peran": "kasi_pha"}
    office = OFFICE.model_copy(update={"paraf": {**OFFICE.paraf, "tugas": ["kasi_pha"]}})
    data = example_data("tugas") | {"penandatangan": an}
    doc = surat.render("tugas", data, office=office, nomor="001/X/2026")
    with zipfile.ZipFile(io.BytesIO(doc.docx)) as z:
        footers = [z.read(n).decode() for n in z.namelist() if "footer" in n]
    assert footers and all("tcBorders" not in f and ">Paraf<" not in f for f in footers)
    assert "Paraf" not in doc.text().splitlines()  # the paraf table's header
    boxed = surat.render("tugas", example_data("tugas"), nomor="001/X/2026")
    with zipfile.ZipFile(io.BytesIO(boxed.docx)) as z:
        footers = [z.read(n).decode() for n in z.namelist() if "footer" in n]
    assert all("tcBorders" in f and ">Paraf<" in f for f in footers)  # labelled, every page
    assert "Paraf" in boxed.text().splitlines()
