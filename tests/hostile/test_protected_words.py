"""Attacks on the letters that leave the office: typing the victim's name or address
into one of their free-text fields, however disguised; reading the words back out
of the register's file."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from referensi_support import PERSETUJUAN, seed_books

import surat
from surat import Register, SuratError
from surat.kasus import Kasus
from surat.letters import example_data, validate
from surat.letters.privasi import check_register, free_text
from surat.letters.shared import Kind, KorbanKasus

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
OFFICE = surat.Office.default()

#: The victim, her mother and their address, as the example case has them.
IDENTITAS = [
    "Putri Ayu Lestari",
    "Sri Wahyuningsih",
    "Perumahan Griya Permata Blok C No. 12, RT 003/RW 007, Kel. Belian, Kec. Batam Kota",
]
#: Each protected word, as the register must never hold it.
WORDS = ["Putri", "Lestari", "Wahyuningsih", "Griya", "Permata", "Belian"]

#: Every optional free-text field filled, so that each is checked.
FULL = {
    "persetujuan": {
        "di": "Batam",
        "lampiran": "1 (satu) berkas",
        "tembusan": ["Kapolresta Barelang"],
        "penandatangan": {
            "status": "Plt.",
            "peran": "ketua_p2tp2a",
            "nama": "Dra. Wati Sulastri",
            "nip": "196803121990032004",
            "pangkat": "Pembina (IV/a)",
        },
    },
    "tugas": {"dasar": ["Undang-Undang Nomor 12 Tahun 2022"], "tembusan": ["Kapolresta Barelang"]},
}


@pytest.fixture
def reg(tmp_path: Path) -> Iterator[Register]:
    with Register(tmp_path / "agenda.db") as r:
        yield r


def registered(reg: Register, *, persetujuan: bool = True) -> str:
    """The example case, with the books its example letters cite: the request
    (014/SM/2026, received on 16 November) and, with *persetujuan*, the
    approval of 22 November that the example tugas cites."""
    nomor = reg.register_case(
        perihal="Penanganan kasus kekerasan: Fisik", tanggal="2026-11-16", identitas=IDENTITAS
    ).nomor
    seed_books(reg, masuk=14)
    if persetujuan:
        reg.issue(
            perihal="Persetujuan Pendampingan",
            klasifikasi=reg.office.klasifikasi("persetujuan"),
            tanggal=PERSETUJUAN,
            nomor_registrasi=nomor,
        )
    return nomor


def letter(kind: str, nomor: str) -> dict[str, Any]:
    data = example_data(kind)
    data.update(copy.deepcopy(FULL[kind]))
    data["korban"]["nomor_registrasi"] = nomor
    return data


def put(data: dict[str, Any], path: str, value: str) -> dict[str, Any]:
    out = copy.deepcopy(data)
    *head, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    target: Any = out
    for key in head:
        target = target[key]
    target[last] = value
    return out


def paths(kind: str) -> list[str]:
    model = validate(kind, letter(kind, "001/REG-PPA/XI/2026"))
    # numbers, NIPs and role keys hold no words (their patterns refuse them)
    skip = ("nomor_registrasi", ".nip", ".peran", ".atas_nama", ".melalui")
    return [p for p in free_text(model) if not p.endswith(skip)]


# -- every free-text field, however the name is typed ------------------------------


def test_the_fields_checked_are_derived_from_the_model() -> None:
    assert {"kepada", "di", "lampiran", "tembusan.0", "penandatangan.pangkat"} <= set(
        paths("persetujuan")
    )
    assert {"dasar.0", "tembusan.0", "tugas.0.kegiatan", "tugas.1.tempat"} <= set(paths("tugas"))
    # printed on purpose (companions, the signer) or never printed (the victim's name)
    for kind in ("persetujuan", "tugas"):
        assert not {"korban.nama", "pendamping.0.nama", "penandatangan.nama"} & set(paths(kind))


#: Free text that cites a number of the register's books (surat.letters.referensi).
CITED = {"permohonan.nomor_agenda", "persetujuan.nomor"}


@pytest.mark.parametrize(
    ("kind", "path"), [(k, p) for k in ("persetujuan", "tugas") for p in paths(k)]
)
def test_the_victims_name_in_any_free_text_field_is_refused(
    reg: Register, kind: str, path: str
) -> None:
    nomor = registered(reg)
    data = put(letter(kind, nomor), path, "Yth. Ibu dari putrí AYU")
    with pytest.raises(SuratError) as err:
        validate(kind, data, register=reg)
    if path in CITED:  # a number the books must hold: refused first as not in them
        assert str(err.value).startswith(f"{path}: tidak ada di buku")
    else:
        assert str(err.value).startswith(
            f"{kind}: {path}: memuat kata yang dilindungi kasus {nomor}"
        )
        assert [(e.path, e.type) for e in err.value.errors] == [(path, "kata_dilindungi")]
    assert "putr" not in str(err.value).lower() and "ayu" not in str(err.value).lower()
    # the same letter without a register is not refused here (it cannot know the case)
    validate(kind, data)


@pytest.mark.parametrize(
    "disguised",
    [
        "PUTRI",
        "Pütri",  # a diacritic
        "Ｌｅｓｔａｒｉ",  # full-width letters
        "Pu\u200btri",  # a zero-width space inside the word
        "Les\u00adtari",  # a soft hyphen
        "Put'ri",  # an apostrophe inside the word
        "Putri-Ayu",
        "PutriAyu",  # two words typed as one
        "P u t r i",  # spelt out letter by letter
        "L-E-S-T-A-R-I",
        "\u0420utri",  # a Cyrillic capital Er for the P
        "Lest\u0430ri",  # a Cyrillic a
        "Wahyuningsih",  # the mother
        "rumah di Griya Permata",  # the address
        "Kel. BELIAN",
    ],
)
def test_a_disguised_name_or_address_is_refused(reg: Register, disguised: str) -> None:
    nomor = registered(reg)
    data = letter("tugas", nomor)
    data["tugas"][0]["tempat"] = f"ke rumah korban {disguised}"
    # invisible characters are refused in one-line fields already; the rest by its words
    refused = r"tugas\.0\.tempat: (memuat kata yang dilindungi|satu baris teks yang dapat dicetak)"
    with pytest.raises(SuratError, match=refused):
        validate("tugas", data, register=reg)


def test_the_brief_cases_are_refused_each_field_named(reg: Register) -> None:
    nomor = registered(reg)
    data = letter("persetujuan", nomor)
    data["kepada"] = "Yth. Ibu dari Putri Ayu Lestari"
    data["di"] = "Perumahan Griya Permata Blok C No. 12"
    with pytest.raises(SuratError) as err:
        validate("persetujuan", data, register=reg)
    assert [e.path for e in err.value.errors] == ["kepada", "di"]
    tugas = letter("tugas", nomor)
    tugas["tugas"][1]["kegiatan"] = (
        "ke rumah korban Putri Ayu Lestari, Perumahan Griya Permata Blok C No. 12"
    )
    with pytest.raises(SuratError, match=r"tugas\.1\.kegiatan: memuat kata yang dilindungi"):
        validate("tugas", tugas, register=reg)


@pytest.mark.parametrize(
    "allowed",
    [
        "Sdr. Pelapor",
        "Orang tua/wali korban P.A.L.",  # initials
        "P. A. L. (001/REG-PPA/XI/2026)",
        "Putrinya",  # another word that starts like the name
        "Jalan Raya Batam Kota, Blok C No. 12",  # address words no one is identified by
        "Unit PPA Polresta Barelang",
    ],
)
def test_initials_and_other_words_are_allowed(reg: Register, allowed: str) -> None:
    nomor = registered(reg)
    data = letter("persetujuan", nomor)
    data["kepada"] = allowed
    validate("persetujuan", data, register=reg)


def test_another_case_and_an_unknown_case_keep_their_own_words(reg: Register) -> None:
    registered(reg)
    other = reg.register_case(perihal="Penanganan kasus", identitas=["Budi Santoso"]).nomor
    data = letter("persetujuan", other)
    data["kepada"] = "Ibu dari Putri"  # a word of the first case, not of this one
    validate("persetujuan", data, register=reg)
    data["kepada"] = "Bapak dari budi"
    with pytest.raises(SuratError, match="kepada: memuat kata yang dilindungi"):
        validate("persetujuan", data, register=reg)
    data["korban"]["nomor_registrasi"] = "099/REG-PPA/XI/2026"  # no such case here
    with pytest.raises(
        SuratError, match=r"korban\.nomor_registrasi: tidak ada di buku register kasus"
    ):
        validate("persetujuan", data, register=reg)


def test_a_case_number_written_without_its_zeros_finds_the_case(reg: Register) -> None:
    nomor = registered(reg)
    data = letter("persetujuan", nomor.lstrip("0"))
    data["kepada"] = "Ibu dari Putri"
    # refused: as a number not in the books (a number is cited exactly as printed)
    with pytest.raises(
        SuratError,
        match=r"kepada: memuat kata yang dilindungi|nomor_registrasi: tidak ada di buku register",
    ):
        validate("persetujuan", data, register=reg)


def test_internal_letters_are_not_checked(reg: Register) -> None:
    nomor = registered(reg)
    data = example_data("konseling")
    data["korban"]["nomor_registrasi"] = nomor
    validate("konseling", data, register=reg)  # it names the victim on purpose


class Rujukan(surat.letters.DataSurat):
    """A kind added later: any outgoing kind is checked, with no code of its own."""

    korban: KorbanKasus
    kepada: str
    catatan: list[str]


def test_a_new_outgoing_kind_is_checked_with_no_code_of_its_own(reg: Register) -> None:
    nomor = registered(reg)
    model = Rujukan(
        korban=KorbanKasus(nama="Putri Ayu Lestari", nomor_registrasi=nomor),
        kepada="Kanit PPA",
        catatan=["bersama ibunya", "alamat: Griya Permata"],
    )

    def spec(privasi: Any) -> Kind:
        return Kind("rujukan", "Surat Rujukan", Rujukan, True, privasi, True, dict, dict)

    with pytest.raises(SuratError, match=r"rujukan: catatan\.1: memuat kata yang dilindungi"):
        check_register(spec("keluar"), model, reg)
    check_register(spec("internal"), model, reg)


# -- the case checks its own words, with or without a register -----------------------


def kasus_data(**persetujuan: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / "kasus.json").read_text(encoding="utf-8"))
    data["persetujuan"].update(persetujuan)
    return data


def test_a_case_refuses_its_own_names_without_a_register() -> None:
    Kasus.from_dict(kasus_data()).check()
    kasus = Kasus.from_dict(kasus_data(kepada="Yth. Ibu dari Putri Ayu Lestari"))
    with pytest.raises(SuratError, match=r"^persetujuan: kepada: memuat kata yang dilindungi"):
        kasus.check()
    data = kasus_data()
    data["tugas"]["tugas"][0]["tempat"] = "rumah sdr. WAHYUNINGSIH"
    with pytest.raises(SuratError, match=r"^tugas: tugas\.0\.tempat: memuat kata yang dilindungi"):
        Kasus.from_dict(data).check()


def test_a_case_takes_no_number_when_a_letter_names_it(reg: Register, tmp_path: Path) -> None:
    kasus = Kasus.from_dict(kasus_data(tembusan=["Ketua RT Griya Permata"]))
    with pytest.raises(SuratError, match=r"persetujuan: tembusan\.0: memuat kata yang dilindungi"):
        kasus.letters(reg)
    assert reg.cases() == [] and reg.entries() == [] and reg.received() == []


def test_a_case_registers_its_words_for_the_letters_after_it(reg: Register) -> None:
    kasus = Kasus.from_dict(kasus_data())
    docs = kasus.letters(reg)
    (case,) = reg.cases()
    assert case.nomor in docs[2].text()
    # a later letter for the case, typed by hand, is checked against the case's words
    data = letter("tugas", case.nomor)
    data["persetujuan"] = {"nomor": docs[2].nomor, "tanggal": str(docs[2].tanggal)}
    data["tembusan"] = ["Ibu Sri Wahyuningsih"]
    with pytest.raises(SuratError, match=r"tembusan\.0: memuat kata yang dilindungi"):
        validate("tugas", data, register=reg)


# -- nothing of the words in the register's file -------------------------------------


def test_the_register_file_holds_none_of_the_protected_words(tmp_path: Path) -> None:
    db = tmp_path / "agenda.db"
    reg = Register(db)
    try:
        nomor = registered(reg, persetujuan=False)
        Kasus.from_dict(kasus_data()).letters(reg)
        assert reg.find_protected(nomor, {"x": "Griya"}) == ["x"]
        # while the register is open, the words may sit in the WAL: read both
        files = sorted(tmp_path.glob("agenda.db*"))
        assert any(f.name.endswith("-wal") for f in files)
        _holds_none(files)
    finally:
        reg.close()
    _holds_none(sorted(tmp_path.glob("agenda.db*")))


def _holds_none(files: list[Path]) -> None:
    assert files
    for f in files:
        data = f.read_bytes()
        for word in WORDS:
            for form in (word, word.lower(), word.upper()):
                assert form.encode() not in data, (f.name, word)
                assert form.encode("utf-16-le") not in data, (f.name, word)


def test_identitas_is_a_list_of_texts(reg: Register) -> None:
    with pytest.raises(SuratError, match="identitas: daftar teks"):
        reg.register_case(perihal="Kasus", identitas="Putri Ayu Lestari")  # type: ignore[arg-type]
    with pytest.raises(SuratError, match=r"identitas\.1: teks diharapkan, bukan int"):
        reg.register_case(perihal="Kasus", identitas=["Putri", 12])  # type: ignore[list-item]
    assert reg.cases() == []


def test_the_secret_never_leaves_the_register(reg: Register) -> None:
    nomor = registered(reg)
    public = [name for name in dir(reg) if not name.startswith("_")]
    assert not [n for n in public if "kunci" in n or "secret" in n or "key" in n]
    assert "kunci" not in repr(reg)
    with pytest.raises(SuratError):
        reg.find_protected(nomor, ["Putri"])  # type: ignore[arg-type]
    assert reg.find_protected(nomor, {"a": "putri"}) == ["a"]


# -- the batch and the command line pass their register -------------------------------


def test_a_batch_row_naming_its_case_stops_the_batch(tmp_path: Path) -> None:
    from surat.batch import print_batch

    db = tmp_path / "agenda.db"
    with Register(db) as reg:
        nomor = registered(reg)
    rows = [letter("persetujuan", nomor) for _ in range(3)]
    for row in rows:
        row.pop("tanggal")
        row.pop("penandatangan")
    rows[1]["kepada"] = "Yth. Ibu dari PUTRI Ayu"
    with pytest.raises(SuratError) as err:
        print_batch("persetujuan", rows, tmp_path / "cetak.pdf", register=db, progress=False)
    assert "baris 2: persetujuan: kepada: memuat kata yang dilindungi" in str(err.value)
    assert "PUTRI" not in str(err.value)
    assert [e.path for e in err.value.errors] == ["baris.2.kepada"]
    with Register(db) as reg:
        assert [e.perihal for e in reg.entries()] == ["Persetujuan Pendampingan"]  # the seeded one
    assert not (tmp_path / "cetak.pdf").exists()


def test_surat_buat_and_cetak_refuse_a_letter_naming_its_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from surat.cli import main

    db = tmp_path / "agenda.db"
    with Register(db) as reg:
        nomor = registered(reg)
    data = letter("tugas", nomor)
    data["tugas"][0]["tempat"] = "rumah korban, Perumahan Griya Permata"
    path = tmp_path / "tugas.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "tugas.pdf"
    assert main(["buat", "tugas", str(path), "-o", str(out), "--db", str(db)]) != 0
    err = capsys.readouterr().err
    assert "tugas.0.tempat: memuat kata yang dilindungi" in err and "Griya" not in err
    rows = tmp_path / "tugas-banyak.json"
    rows.write_text(json.dumps([data]), encoding="utf-8")
    assert main(["cetak", str(rows), "--jenis", "tugas", "-o", str(out), "--db", str(db),
                 "--diam"]) != 0  # fmt: skip
    err = capsys.readouterr().err
    assert "tugas.0.tempat: memuat kata yang dilindungi" in err and "Griya" not in err
    with Register(db) as reg:
        assert [e.perihal for e in reg.entries()] == ["Persetujuan Pendampingan"]  # the seeded one
    assert not out.exists()


# -- the exported books -------------------------------------------------------------


def test_an_exported_book_withholds_a_cell_that_names_the_case(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import csv
    import logging

    from openpyxl import load_workbook

    from surat.numbering.export import DILINDUNGI

    caplog.set_level(logging.INFO)
    with Register(tmp_path / "agenda.db") as reg:
        nomor = registered(reg, persetujuan=False)
        # a clerk types the names into the agenda lines of the case's letters
        reg.receive(dari="Sri Wahyuningsih", perihal="Permohonan Pendampingan Kasus",
                    tanggal_terima="2026-11-16", nomor_registrasi=nomor)  # fmt: skip
        n = reg.issue(perihal="Persetujuan Pendampingan", tujuan="Ibu dari Putri Ayu",
                      klasifikasi="PPA", tanggal="2026-11-20", nomor_registrasi=nomor)  # fmt: skip
        reg.void(n, alasan="salah: nama korban Lestari tertulis")
        kept = reg.issue(perihal="Surat Tugas Pendampingan", tujuan="Rina Marlina",
                         klasifikasi="PPA", tanggal="2026-11-21",
                         nomor_registrasi=nomor)  # fmt: skip
        other = reg.issue(perihal="Undangan rapat Putri", tujuan="Kepala Bidang",
                          klasifikasi="PPA", tanggal="2026-11-22")  # fmt: skip
        files = []
        for buku in ("keluar", "masuk", "kasus"):
            for suffix in ("csv", "xlsx"):
                target = tmp_path / f"{buku}.{suffix}"
                reg.export(target, buku=buku)  # type: ignore[arg-type]
                files.append(target)
        # the register itself keeps what was typed
        assert reg.entries()[0].tujuan == "Ibu dari Putri Ayu"
    rows = {r[0]: r for r in csv.reader((tmp_path / "keluar.csv").open(encoding="utf-8"))}
    assert rows[str(n)][6] == DILINDUNGI and rows[str(n)][9] == DILINDUNGI
    assert rows[str(n)][5] == "Persetujuan Pendampingan"  # a cell without a name stays
    assert rows[str(kept)][6] == "Rina Marlina"
    # a letter of no case has no protected words to be checked against
    assert rows[str(other)][5] == "Undangan rapat Putri"
    masuk = list(csv.reader((tmp_path / "masuk.csv").open(encoding="utf-8")))
    assert masuk[-1][3] == DILINDUNGI  # the clerk's row, after the seeded requests
    for f in files:
        if f.suffix == ".csv":
            text = f.read_text(encoding="utf-8").replace("Undangan rapat Putri", "")
        else:
            book = load_workbook(f, read_only=True)
            text = " ".join(
                str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                for c in row
            ).replace("Undangan rapat Putri", "")  # fmt: skip
        for word in ("Putri", "Wahyuningsih", "Lestari"):
            assert word not in text, (f.name, word)
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "cells withheld" in logged and "Putri" not in logged


def test_a_case_registered_before_gets_its_words_when_its_letters_are_made(
    reg: Register,
) -> None:
    nomor = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16").nomor
    assert reg.find_protected(nomor, {"a": "Griya"}) == []  # registered without words
    data = kasus_data()
    data["nomor_registrasi"] = nomor
    Kasus.from_dict(data).letters(reg)
    assert reg.find_protected(nomor, {"a": "Griya", "b": "P.A.L."}) == ["a"]
    # a case number of no case here: refused, as every reference to no book's number
    data["nomor_registrasi"] = "077/REG-PPA/XI/2026"
    with pytest.raises(SuratError, match=r"nomor_registrasi: tidak ada di buku register kasus"):
        Kasus.from_dict(data).letters(reg)
    assert not reg.knows_case("077/REG-PPA/XI/2026")
