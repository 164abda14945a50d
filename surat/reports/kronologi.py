"""Buku kronologi kasus: one case's record, first step to last (SOP 32).

:func:`buku_kronologi` reads a case from the register: each SOP step recorded
for it (:meth:`surat.Register.record_step`) with its date, its times in WIB
(``09.10–10.25``), what was done, the role that did it (as the office profile
or the SOP names it), how long it took against its mutu baku, and its outcome
(``selesai`` or ``dikembalikan``) and the documents recorded for that step;
then every document of the case the register records
(:meth:`surat.Register.documents`: the request, the disposition, the
counseling report, the letters, the companion's reports...) with its number,
or "—" when it has none, and the letters of the incoming and outgoing agenda
books recorded for the case but not as one of its documents (numbered before
the register kept documents, or by another application). It is filled into the shipped
Word template ``kronologi.docx``, built like the letters', and converted by
LibreOffice like them.

The case appears by its registration number and the victim's initials only:
the register holds no name, and the initials are given by the caller
(a dotted line is printed for them otherwise). A step's ``catatan`` is never
printed: it may name a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from ..dates import WIB, format_tanggal, jam, lama, today
from ..errors import SuratError
from ..office import Office

if TYPE_CHECKING:
    from ..document import Document
    from ..numbering import Dokumen, Register
    from ..numbering.langkah import LangkahKasus

__all__ = [
    "JUDUL",
    "TANPA_NOMOR",
    "buku_kronologi",
    "context",
    "dokumen",
    "jam",
    "lama",
    "pelaksana",
]

JUDUL = "Buku Kronologi Kasus"

TANPA_NOMOR = "—"
"""What the book prints for a document that has no number."""

_INISIAL = re.compile(r"^(?:[^\W\d_]\.){1,8}$")


def dokumen(label: str) -> str:
    """A step's document (:attr:`surat.numbering.LangkahKasus.dokumen`) as the book
    prints it: the kind's printed name, with its number when it has one.

    >>> dokumen("rujukan 003/DP3A-PP-KB/PPA/XI/2026"), dokumen("konseling")
    ('Surat Rujukan 003/DP3A-PP-KB/PPA/XI/2026', 'Laporan Hasil Konseling Kasus')
    """
    from ..numbering.dokumen import nama_jenis

    jenis, _, nomor = label.partition(" ")
    return f"{nama_jenis(jenis)} {nomor}".strip()


def pelaksana(role: str, office: Office, sop_id: str) -> str:
    """The role as printed: the office profile's short title, else the SOP's name, else the key.

    >>> office = Office.default()
    >>> pelaksana("kasi_pha", office, "34"), pelaksana("staf_penerima", office, "34")
    ('Kasi PHA', 'Staf Penerima')
    >>> pelaksana("relawan", office, "kantor-40")
    'relawan'
    """
    p = office.pejabat.get(role)
    if p is not None:
        return p.singkatan or p.jabatan
    from ..numbering.langkah import PSIKOLOG
    from ..prosedur import sop

    if role == PSIKOLOG:
        return "Psikolog"

    try:
        return sop(sop_id).pelaksana.get(role, role)
    except SuratError:  # an office's own SOP, not shipped: its id alone is stored
        return role


def _inisial(value: str | None) -> str:
    if value is None:
        return ""
    text = value.strip()
    if not _INISIAL.match(text):
        raise SuratError("inisial: inisial seperti 'P.A.L.' diharapkan (bukan nama)")
    return text


def context(
    nomor_registrasi: str,
    steps: Iterable[LangkahKasus],
    letters: Iterable[dict[str, Any]],
    office: Office,
    *,
    tanggal: date,
    inisial: str | None = None,
    registrasi: Any = None,
) -> dict[str, Any]:
    """What the book prints; *registrasi* is the case book's row (an ``Entry``), if any.

    *letters* are the rows of its list of documents (:func:`buku_kronologi`
    makes them: ``dokumen``, ``buku``, ``nomor``, ``tanggal``, ``tahap``, ``status``).

    It is signed like the office's reports: made by its staff ("Dibuat oleh"),
    acknowledged by its head ("Mengetahui"): :func:`surat.letters.penandatangan.pengesahan`.
    """
    from ..letters import kop_context
    from ..letters.penandatangan import pengesahan

    rows = []
    for i, s in enumerate(steps, 1):
        rows.append(
            {
                "no": i,
                "tanggal": format_tanggal(s.mulai.astimezone(WIB).date(), "dd-MM-yyyy"),
                "jam": jam(s.mulai, s.selesai),
                "kegiatan": f"[SOP {s.sop}/{s.langkah}] {s.kegiatan}",
                "pelaksana": pelaksana(s.oleh, office, s.sop),
                "lama": lama(s.durasi),
                "mutu_baku": lama(s.mutu_baku),
                "terlambat": f"+{lama(s.lebih)}" if s.terlambat else "",
                "hasil": s.hasil,
                "dokumen": "; ".join(dokumen(d) for d in s.dokumen),
            }
        )
    surat_kasus = [{"no": i, **x} for i, x in enumerate(letters, 1)]
    kategori = getattr(registrasi, "kategori", None)
    return {
        "kop": kop_context(office),
        "surat": {
            "tanggal": tanggal,
            "tanggal_teks": f"{office.kota}, {format_tanggal(tanggal)}",
        },
        "kasus": {
            "nomor_registrasi": nomor_registrasi,
            "tanggal": getattr(registrasi, "tanggal", None) or "-",
            "inisial": _inisial(inisial) or "." * 20,
            "jenis_kekerasan": ", ".join(kategori.jenis_kekerasan) if kategori else "-",
            "status": getattr(registrasi, "status", "aktif"),
        },
        "langkah": rows,
        "ringkasan": {
            "jumlah": len(rows),
            "terlambat": sum(1 for r in rows if r["terlambat"]),
            "dikembalikan": sum(1 for r in rows if r["hasil"] == "dikembalikan"),
        },
        "surat_kasus": surat_kasus,
        **pengesahan("kronologi", office, tanggal),
    }


def buku_kronologi(
    register: Register,
    nomor_registrasi: str,
    *,
    inisial: str | None = None,
    office: Office | None = None,
    tanggal: date | None = None,
) -> Document:
    """The buku kronologi of one case, as a :class:`surat.Document` (``.to_pdf()``).

    *inisial* is the victim's initials (``'P.A.L.'``; a name is refused);
    without it a dotted line is printed to fill in by hand. *tanggal* is the
    day it is printed (default today, WIB). An unknown or void case is an
    error naming ``nomor_registrasi``.
    """
    from ..templating.book import render_book

    office = office or register.office
    inisial_ = _inisial(inisial)
    steps = register.steps(nomor_registrasi)  # refuses an unknown or void case
    docs = register.documents(nomor_registrasi)
    nomor = steps[0].nomor_registrasi if steps else nomor_registrasi.strip()
    if docs:
        nomor = docs[0].nomor_registrasi
    entry = next((e for e in register.cases(tahun=None) if e.nomor == nomor), None)
    from ..numbering.register import SEMUA_KOP  # every letterhead's book

    # the agenda's letters of the case: (buku, nomor) -> (date, perihal, status)
    agenda: dict[tuple[str, str], tuple[date, str, str]] = {}
    for m in register.received(tahun=None, nomor_registrasi=nomor):
        agenda["masuk", m.nomor] = (m.tanggal_terima, m.perihal, m.status)
    for e in register.entries(tahun=None, nomor_registrasi=nomor, kop=SEMUA_KOP):
        agenda["keluar", e.nomor] = (e.tanggal, e.perihal, e.status)
    # in date order; on one day what came in first, then as recorded
    letters: list[tuple[date, int, int, dict[str, Any]]] = []
    for i, d in enumerate(docs):
        letters.append((d.tanggal, d.buku != "masuk", i, _document(d, agenda)))
    shown = {(d.buku, d.nomor) for d in docs if d.nomor}
    for i, ((buku, n), (day_, perihal, status)) in enumerate(agenda.items(), len(docs)):
        if (buku, n) not in shown:  # a letter of the case recorded as no document of it
            letters.append((day_, buku != "masuk", i, _letter(buku, n, day_, perihal, status)))
    letters.sort(key=lambda x: x[:3])
    day = tanggal or today()
    ctx = context(
        nomor,
        steps,
        [x[3] for x in letters],
        office,
        tanggal=day,
        inisial=inisial_ or None,
        registrasi=entry,
    )
    return render_book("kronologi", ctx, office, judul=f"{JUDUL} {nomor}", tanggal=day)


_BUKU = {"masuk": "Surat masuk", "keluar": "Surat keluar", None: "Internal (tanpa nomor)"}


def _document(d: Dokumen, agenda: dict[tuple[str, str], tuple[date, str, str]]) -> dict[str, Any]:
    """A row of the book's list: a document the register records for the case."""
    tahap = d.tahap or TANPA_NOMOR
    if d.sop is not None:
        tahap += f" (SOP {d.sop}/{d.langkah})"
    status = TANPA_NOMOR
    if d.nomor and d.buku:
        status = agenda.get((d.buku, d.nomor), (d.tanggal, "", TANPA_NOMOR))[2]
    return {
        "dokumen": d.nama,
        "perihal": d.nama,
        "buku": _BUKU[d.buku],
        "nomor": d.nomor or TANPA_NOMOR,
        "tanggal": format_tanggal(d.tanggal, "dd-MM-yyyy"),
        "tahap": tahap,
        "status": status,
    }


def _letter(buku: str, nomor: str, tanggal: date, perihal: str, status: str) -> dict[str, Any]:
    """A row of the book's list: a letter of the case's agenda, recorded as no document."""
    return {
        "dokumen": perihal,
        "perihal": perihal,
        "buku": _BUKU[buku],
        "nomor": nomor,
        "tanggal": format_tanggal(tanggal, "dd-MM-yyyy"),
        "tahap": TANPA_NOMOR,
        "status": status,
    }
