"""Electronic parafs: each official who checked a numbered letter initials it in the
register before the head signs it electronically (FORMS.md, "Paraf hierarki").

The register part runs on both backends; the letters are real: rendered,
converted by LibreOffice, signed with pyHanko and read back with pypdf.
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import tte_support as ts

import surat
from surat import Register, SuratError
from surat.dates import now, today

ROOT = Path(__file__).resolve().parents[1]
KANTOR = surat.Office.from_toml(ROOT / "examples" / "kantor.toml")


def _issue(reg: Register) -> surat.Nomor:
    return reg.issue(perihal="Persetujuan Pendampingan", klasifikasi="PPA")


def test_a_paraf_is_recorded_with_the_profiles_official_and_the_registers_time(
    register_db: str,
) -> None:
    with Register(register_db, office=KANTOR) as reg:
        n = _issue(reg)
        before = now()
        p = reg.record_paraf(n, "kasi_pha")
        after = now()
        assert (p.nomor, p.pejabat) == (n.nomor, "kasi_pha")
        assert p.jabatan == "Kepala Seksi Perlindungan Anak"
        assert p.nip == "198008232005011007"  # the profile's, digits only
        # the register's clock: never earlier than the call began (the clocks are
        # the machine's own: a margin for the database's rounding only)
        assert before.timestamp() - 1 <= p.waktu.timestamp() <= after.timestamp() + 1
        assert p.waktu.utcoffset() is not None and p.waktu.tzname() == "WIB"
        q = reg.record_paraf(str(n), "kabid")
        assert [x.pejabat for x in reg.paraf(n)] == ["kasi_pha", "kabid"]
        assert reg.paraf(n.nomor) == [p, q]
        # '1/...' names the same letter as '001/...'
        assert reg.paraf(n.nomor.lstrip("0")) == [p, q]
        assert reg.tte(n) is None


def test_a_paraf_is_given_once_per_official(register_db: str) -> None:
    with Register(register_db, office=KANTOR) as reg:
        n = _issue(reg)
        reg.record_paraf(n, "kasi_pha")
        with pytest.raises(SuratError, match=r"paraf: Kasi PHA sudah memaraf "):
            reg.record_paraf(n, "kasi_pha")
        assert len(reg.paraf(n)) == 1


def test_a_plh_initials_with_the_nip_of_the_appointment(register_db: str) -> None:
    """While a Plh. acts for the Kasi PHA, the paraf is theirs: their NIP."""
    plh = surat.office.Penjabat(
        status="Plh.", nama="ADI NUGROHO, S.H.", nip="198502022010011003",
        pangkat="Penata (III/c)", mulai=date(2000, 1, 1), sampai=date(2099, 12, 31),
    )  # fmt: skip
    office = KANTOR.model_copy(update={"plt": {"kasi_pha": [plh]}})
    with Register(register_db, office=office) as reg:
        p = reg.record_paraf(_issue(reg), "kasi_pha")
    assert p.nip == "198502022010011003"


def test_the_signature_is_recorded_once_and_closes_the_parafs(register_db: str) -> None:
    with Register(register_db, office=KANTOR) as reg:
        n = _issue(reg)
        reg.record_paraf(n, "kasi_pha")
        signed = reg.record_tte(n)
        assert reg.tte(n) == signed
        with pytest.raises(SuratError, match="sudah ditandatangani secara elektronik"):
            reg.record_paraf(n, "kabid")
        with pytest.raises(SuratError, match="sudah tercatat bertanda tangan"):
            reg.record_tte(n)
        assert [x.pejabat for x in reg.paraf(n)] == ["kasi_pha"]


def test_a_void_or_unknown_letter_takes_no_paraf(register_db: str) -> None:
    with Register(register_db, office=KANTOR) as reg:
        n = _issue(reg)
        reg.void(n, alasan="salah tujuan")
        with pytest.raises(SuratError, match="berstatus batal"):
            reg.record_paraf(n, "kasi_pha")
        with pytest.raises(SuratError, match="berstatus batal"):
            reg.record_tte(n)
        with pytest.raises(SuratError, match="tidak ada di buku agenda surat keluar kantor ini"):
            reg.record_paraf("099/DP3A-PP-KB/PPA/XI/2026", "kasi_pha")
        assert reg.paraf(n) == []  # a void letter's parafs can still be read


# -- the signed letter and its parafs ---------------------------------------------------


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> tuple[ts.CA, Path]:
    return ts.make_ca(), tmp_path_factory.mktemp("pki")


@pytest.fixture(scope="module")
def ketua(pki: tuple[ts.CA, Path]) -> surat.TTE:
    """The Ketua P2TP2A, who signs the approval letter; the Kasi PHA initials it."""
    ca, folder = pki
    return surat.TTE.from_p12(ts.p12(folder, ca, "ROSMAWATI", file="ketua.p12"), ts.SANDI)


def _texts(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_a_signed_letter_prints_its_electronic_parafs(
    tmp_path: Path, ketua: surat.TTE, pki: tuple[ts.CA, Path]
) -> None:
    """sop-32: the approval letter gets its number, the Kasi PHA initials it, the
    Ketua P2TP2A signs it; the signed original prints the paraf in its table."""
    from surat.tte.verify import periksa

    ca, folder = pki
    with Register(tmp_path / "agenda.db", office=KANTOR) as reg:
        n = reg.issue(perihal="Persetujuan Pendampingan", klasifikasi="PPA")
        data = ts.hari_ini("persetujuan")
        draft = surat.render("persetujuan", data, office=KANTOR, nomor=n)
        p = reg.record_paraf(n, "kasi_pha")
        doc = surat.render("persetujuan", data, office=KANTOR, nomor=n, paraf=reg.paraf(n))
        assert doc.paraf == (surat.document.ParafTabel("kasi_pha", "Kasi PHA", p.waktu),)
        signed = doc.signed_pdf(ketua)
        reg.record_tte(n)
    out = tmp_path / "persetujuan.pdf"
    out.write_bytes(signed)
    (last,) = _texts(signed)
    mark = f"e-paraf {p.waktu:%d-%m-%Y} {p.waktu:%H.%M} WIB"
    assert re.search(r"1 Kasi PHA " + re.escape(mark), last), last
    assert "e-paraf" not in _texts(draft.pdf())[0]  # the draft's box is left to initial
    assert len(_texts(draft.pdf())) == len(_texts(signed))  # the paraf takes no more room
    assert periksa(out, ca=ca.pem(folder)).sah


def test_signing_refuses_a_letter_whose_parafs_are_missing(ketua: surat.TTE) -> None:
    """The Kasi PHA never initialled it: refused, naming the title and the role (not
    the official's name), unless the signer declares the parafs were on paper."""
    nomor = "001/DP3A-PP-KB/PPA/XII/2026"
    doc = surat.render("persetujuan", ts.hari_ini("persetujuan"), office=KANTOR, nomor=nomor)
    with pytest.raises(
        SuratError, match=r"paraf: belum ada paraf elektronik Kasi PHA \(kasi_pha\)"
    ) as err:
        doc.signed_pdf(ketua)
    assert "HENDRA" not in str(err.value).upper()
    assert "belum ada paraf elektronik" in str(err.value)
    on_paper = ketua.with_paraf_kertas()
    assert on_paper.paraf_kertas and not ketua.paraf_kertas
    (page,) = _texts(doc.signed_pdf(on_paper))
    assert "Pasal 5 ayat 1" in page and "e-paraf" not in page


def test_a_paraf_of_another_letter_is_refused(tmp_path: Path) -> None:
    with Register(tmp_path / "agenda.db", office=KANTOR) as reg:
        a = reg.issue(perihal="Persetujuan Pendampingan", klasifikasi="PPA")
        b = reg.issue(perihal="Persetujuan Pendampingan", klasifikasi="PPA")
        reg.record_paraf(a, "kasi_pha")
        data = ts.hari_ini("persetujuan")
        with pytest.raises(SuratError, match="paraf: dicatat untuk surat lain"):
            surat.render("persetujuan", data, office=KANTOR, nomor=b, paraf=reg.paraf(a))
        with pytest.raises(SuratError, match=r"paraf: catatan surat\.numbering\.Paraf"):
            surat.render("persetujuan", data, office=KANTOR, nomor=b, paraf=[{"pejabat": "x"}])


# -- a letter is signed on its own date ---------------------------------------------------


def test_a_letter_dated_another_day_is_not_signed(ketua: surat.TTE) -> None:
    on_paper = ketua.with_paraf_kertas()
    for day in (today() - timedelta(days=1), today() + timedelta(days=1)):
        data = {**surat.example_data("persetujuan"), "tanggal": day.isoformat()}
        doc = surat.render("persetujuan", data, office=KANTOR, nomor="001/DP3A-PP-KB/PPA/XII/2026")
        with pytest.raises(SuratError, match="surat ditandatangani pada tanggalnya sendiri"):
            doc.signed_pdf(on_paper)


# -- the paraf hierarchy ----------------------------------------------------------------


def test_when_the_signer_is_the_only_official_listed_the_next_one_down_initials(
    ketua: surat.TTE,
) -> None:
    """[paraf] tugas = ["kepala_dinas"], and the Kepala Dinas signs it: the Kabid
    (the next official down) takes the place; the table is labelled, never empty,
    and so is the footer's paraf box."""
    office = KANTOR.model_copy(update={"paraf": {**KANTOR.paraf, "tugas": ["kepala_dinas"]}})
    doc = surat.render("tugas", ts.hari_ini("tugas"), office=office,
                       nomor="001/DP3A-PP-KB/PPA/XII/2026")  # fmt: skip
    assert [(p.pejabat, p.jabatan) for p in doc.paraf] == [("kabid", "Kabid")]
    (page,) = _texts(doc.pdf())
    assert "No Jabatan Paraf 1 Kabid" in page
    assert page.rstrip().endswith("Paraf")  # the footer's box keeps its label


def test_a_signer_with_no_official_below_prints_no_paraf_table() -> None:
    """The Ketua P2TP2A signs and is the only one listed, and no official of the
    office's line ranks below a head from outside it: no table and no box, rather
    than an empty one or an unlabelled one; nothing to initial, nothing refused."""
    office = KANTOR.model_copy(update={"paraf": {**KANTOR.paraf, "persetujuan": ["ketua_p2tp2a"]}})
    data = ts.hari_ini("persetujuan")
    doc = surat.render("persetujuan", data, office=office, nomor="001/DP3A-PP-KB/PPA/XII/2026")
    assert doc.paraf == ()
    (page,) = _texts(doc.pdf())
    assert "Paraf" not in page
