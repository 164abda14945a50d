"""Lembar disposisi: the sheet clipped to an incoming letter (SOP 32 step 3).

The official who receives the letter (the Kasi, in SOP 32) ticks to whom it
goes on ("Diteruskan kepada Sdr.:", the roles of the office profile), what
they are asked to do ("Dengan hormat harap:"), writes a note, dates and
initials it. The letter's data (sender, number, dates, subject) and its
incoming agenda number (from :meth:`surat.Register.receive`) head the sheet.

It is an internal sheet: it may name the reporter (as the sender), never the
victim. A victim appears by initials and case registration number only, and
a sheet whose sender, subject or note names the victim is refused. It is not
numbered by the outgoing register: its number is the incoming agenda's.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Any, Literal

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from pydantic import Field, StringConstraints, field_validator, model_validator

from ..errors import SuratError
from ..office import Office
from ._docx import (
    CELL_CENTER,
    CENTER,
    cant_split,
    cell_text,
    kop,
    new_document,
    para,
    row_loop,
    table,
    tag,
)
from .fields import Baris, Nomor, Teks, initials
from .shared import EXAMPLE_KORBAN_KASUS, DataSurat, Kind, KorbanKasus, pejabat_context

__all__ = ["HARAP", "KIND", "SIFAT", "Disposisi"]

SIFAT: tuple[str, ...] = ("Sangat Segera", "Segera", "Rahasia", "Biasa")
"""How urgent or confidential the incoming letter is, as the sheet prints the choices."""
Sifat = Literal["Sangat Segera", "Segera", "Rahasia", "Biasa"]

HARAP: tuple[str, ...] = (
    "Tanggapan dan saran",
    "Proses lebih lanjut",
    "Koordinasikan",
    "Untuk diketahui",
    "Arsip",
)
"""The instructions of "Dengan hormat harap:", in the order the sheet prints them."""
Harap = Literal[
    "Tanggapan dan saran", "Proses lebih lanjut", "Koordinasikan", "Untuk diketahui", "Arsip"
]

Peran = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_]{0,39}$")]
"""A role key of the office profile's ``[pejabat]`` table, e.g. 'kabid'."""

TANDA = "\u221a"  # '√': Liberation Sans (Arial's metrics) has it; ballot-box glyphs it lacks.

_PARTIKEL = frozenset({"bin", "binti", "van", "von", "de"})


def _words(text: str) -> list[str]:
    """Words as a reader sees them: width variants folded (NFKC), invisible
    format characters (zero-width space, joiners, soft hyphen) dropped, any case."""
    folded = unicodedata.normalize("NFKC", text)
    visible = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    return re.findall(r"\w+", visible.casefold())


def _name_words(nama: str) -> list[str]:
    """The words of a name that identify its bearer (particles and short words aside)."""
    return [w for w in _words(nama) if len(w) >= 3 and w not in _PARTIKEL]


def names(text: str, nama: str) -> bool:
    """True when *text* holds a word of the name *nama* (whole word, any case).

    >>> names("Mohon segera diproses", "Putri Ayu Lestari")
    False
    >>> names("Korban PUTRI dirujuk ke RSUD", "Putri Ayu Lestari")
    True
    >>> names("Putrinya dirujuk", "Putri Ayu Lestari")
    False
    >>> names("Ｌｅｓｔａｒｉ", "Putri Ayu Lestari"), names("Pu\u200btri", "Putri Ayu Lestari")
    (True, True)
    """
    words = set(_words(text))
    return any(w in words for w in _name_words(nama))


class Disposisi(DataSurat):
    """A lembar disposisi: the incoming letter, where it goes on, what to do, a note."""

    tanggal: date | None = None
    """The day of the disposition; today (WIB) when empty."""
    dari: Baris
    """Surat dari: the sender as the letter names it (the reporter, an agency)."""
    nomor_surat: Baris = "-"
    """The letter's own number; '-' for a citizen's letter without one."""
    tanggal_surat: date | None = None
    diterima: date
    """Diterima tanggal: the day the office received the letter."""
    nomor_agenda: Nomor
    """The incoming agenda number (Register.receive)."""
    sifat: Sifat = "Biasa"
    perihal: Baris
    """Hal: the letter's subject."""
    korban: KorbanKasus | None = None
    """The case the letter concerns: printed as its registration number and initials."""
    diteruskan: list[Peran] = Field(min_length=1, max_length=12)
    """Diteruskan kepada: role keys of the office profile, ticked on the sheet."""
    harap: list[Harap] = Field(min_length=1, max_length=len(HARAP))
    """Dengan hormat harap: the instructions ticked."""
    catatan: Teks | None = None
    """Written under "Catatan"; never the victim's name."""
    oleh: Peran = "kasi_pha"
    """The role key of the official who disposes (SOP 32 step 3: the Kasi)."""

    @field_validator("diteruskan", "harap")
    @classmethod
    def _once(cls, v: list[str]) -> list[str]:
        if len(set(v)) != len(v):
            raise ValueError("each choice once expected")
        return v

    @model_validator(mode="after")
    def _check(self) -> Disposisi:
        if self.tanggal_surat is not None and self.tanggal_surat > self.diterima:
            raise ValueError("tanggal_surat: a date on or before diterima expected")
        if self.tanggal is not None and self.tanggal < self.diterima:
            raise ValueError("tanggal: the disposition cannot precede diterima")
        problem = _names_the_victim(self)
        if problem:
            raise ValueError(problem)
        return self


def _names_the_victim(data: Disposisi) -> str:
    """The first text field that names the victim, as a message; '' when none does."""
    if data.korban is None:
        return ""
    for name in ("dari", "nomor_surat", "perihal", "catatan"):
        value = getattr(data, name)
        if isinstance(value, str) and names(value, data.korban.nama):
            return (
                f"{name}: names the victim; the sheet shows the victim by initials and "
                "case number only"
            )
    return ""


def _role(office: Office, role: str, field: str) -> Any:
    pejabat = office.pejabat.get(role)
    if pejabat is None:
        raise SuratError(
            f"{field}: '{role}' is not a role of the office profile "
            f"({', '.join(office.pejabat)} expected)"
        )
    return pejabat


def context(
    data: Disposisi, office: Office, surat: dict[str, Any], tanggal: date
) -> dict[str, Any]:
    """What the sheet may print: the victim's initials and case number, never the name."""
    for i, role in enumerate(data.diteruskan):
        _role(office, role, f"diteruskan.{i}")
    pendisposisi = _role(office, data.oleh, "oleh")
    problem = _names_the_victim(data)  # again: a model built without validation
    if problem:
        raise SuratError(problem)
    if tanggal < data.diterima:
        raise SuratError("tanggal: the disposition cannot precede diterima")
    ticked = set(data.diteruskan)
    surat.update(sifat=data.sifat, hal=data.perihal)
    return {
        "dari": data.dari,
        "nomor_surat": data.nomor_surat,
        "tanggal_surat": data.tanggal_surat or "-",
        "diterima": data.diterima,
        "nomor_agenda": data.nomor_agenda,
        "sifat": [{"tanda": TANDA if s == data.sifat else "", "teks": s} for s in SIFAT],
        "perihal": data.perihal,
        "korban": None
        if data.korban is None
        else {
            "inisial": initials(data.korban.nama),
            "nomor_registrasi": data.korban.nomor_registrasi,
        },
        "diteruskan": [
            {"tanda": TANDA if role in ticked else "", "jabatan": p.singkatan or p.jabatan}
            for role, p in office.pejabat.items()
            if role != data.oleh or role in ticked
        ],
        "harap": [{"tanda": TANDA if h in data.harap else "", "teks": h} for h in HARAP],
        "catatan": data.catatan or "",
        "pendisposisi": pejabat_context(pendisposisi),
    }


def example() -> dict[str, Any]:
    """Complete, realistic and entirely fictional data: the request of the example case."""
    return {
        "tanggal": "2026-11-16",
        "dari": "Sri Wahyuningsih (pelapor)",
        "nomor_surat": "-",
        "tanggal_surat": "2026-11-16",
        "diterima": "2026-11-16",
        "nomor_agenda": "014/SM/2026",
        "sifat": "Rahasia",
        "perihal": "Permohonan Pendampingan Kasus",
        "korban": EXAMPLE_KORBAN_KASUS,
        "diteruskan": ["ketua_p2tp2a"],
        "harap": ["Proses lebih lanjut", "Koordinasikan"],
        "catatan": "Setuju didampingi. Buatkan surat persetujuan pendampingan dan "
        "koordinasikan dengan Unit PPA Polresta Barelang.",
        "oleh": "kasi_pha",
    }


# -- the template ------------------------------------------------------------------


def _box(cell: Any) -> None:
    """A small bordered box (the tick goes in it): borders on this cell only."""
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "single")
        b.set(qn("w:sz"), "6")
        b.set(qn("w:color"), "000000")
        borders.append(b)
    # tcBorders follows tcW (and gridSpan, vMerge) in the schema's order
    anchor = None
    for name in ("w:tcW", "w:gridSpan", "w:vMerge"):
        found = tc_pr.find(qn(name))
        if found is not None:
            anchor = found
    if anchor is None:
        tc_pr.insert(0, borders)
    else:
        anchor.addnext(borders)
    cell.vertical_alignment = CELL_CENTER


def _checklist(cell: Any, loop: str, label: str, width: float) -> None:
    """A ticked list in a cell: one row per choice, a box and its label."""
    widths = [0.55, 0.25, width - 0.8]
    t = table(cell, 0, widths)
    # cell spacing keeps each box apart from the next one's
    spacing = OxmlElement("w:tblCellSpacing")
    spacing.set(qn("w:w"), "45")
    spacing.set(qn("w:type"), "dxa")
    t._tbl.tblPr.append(spacing)
    row_loop(t, loop, ["{{ x.tanda }}", "", label], size=11)
    row = t.rows[1]
    row.height = Cm(0.6)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    cant_split(row)
    box = row.cells[0]
    box.paragraphs[0].alignment = CENTER
    _box(box)
    row.cells[2].vertical_alignment = CELL_CENTER
    for r in t.rows:
        for c, w in zip(r.cells, widths, strict=True):
            c.width = Cm(w)
    # a little air between the rows' boxes
    for p in row.cells[2].paragraphs + row.cells[0].paragraphs:
        p.paragraph_format.space_before = Pt(1)
        p.paragraph_format.space_after = Pt(1)
    para(cell, "", size=4)


def _fields(cell: Any, rows: list[tuple[str, str]], width: float, label_w: float) -> None:
    """'Label : value' lines in a cell."""
    widths = [label_w, 0.4, width - label_w - 0.4]
    t = table(cell, len(rows), widths)
    for row, (label, value) in zip(t.rows, rows, strict=True):
        if label.startswith("{%tr"):
            cell_text(row.cells[0], label, size=2)
            continue
        cell_text(row.cells[0], label, size=11, after=3)
        cell_text(row.cells[1], ":", size=11, after=3)
        cell_text(row.cells[2], value, size=11, after=3)


def template() -> Any:
    """The shipped Word template (``python tools/build_templates.py`` writes it)."""
    doc = new_document("Lembar Disposisi")
    kop(doc)
    para(doc, "LEMBAR DISPOSISI", bold=True, size=14, align=CENTER, after=8)
    half = 8.0
    inner = half - 0.3  # the cell's own margins
    t = table(doc, 5, [half, half], grid=True)
    for row in t.rows:
        cant_split(row)
    # 1: the letter, and its receipt
    left, right = t.rows[0].cells
    cell_text(left, "", size=4)
    _fields(
        left,
        [
            ("Surat dari", "{{ dari }}"),
            ("Nomor surat", "{{ nomor_surat }}"),
            ("Tanggal surat", "{{ tanggal_surat }}"),
        ],
        inner,
        2.75,
    )
    cell_text(right, "", size=4)
    _fields(
        right,
        [
            ("Diterima tanggal", "{{ diterima }}"),
            ("Nomor agenda", "{{ nomor_agenda|utuh }}"),
        ],
        inner,
        3.3,
    )
    para(right, "Sifat:", size=11, before=2, after=2)
    _checklist(right, "for x in sifat", "{{ x.teks }}", inner)
    # 2: the subject, and the case it concerns
    hal = t.rows[1].cells[0].merge(t.rows[1].cells[1])
    cell_text(hal, "", size=4)
    _fields(
        hal,
        [
            ("Hal", "{{ perihal }}"),
            ("{%tr if korban %}", ""),
            (
                "Kasus",
                "Nomor Registrasi {{ korban.nomor_registrasi|utuh }}, korban {{ korban.inisial }}",
            ),
            ("{%tr endif %}", ""),
        ],
        2 * half - 0.3,
        2.7,
    )
    para(hal, "", size=4)
    # 3: where it goes on, and what to do
    to, do = t.rows[2].cells
    cell_text(to, "Diteruskan kepada Sdr.:", bold=True, size=11, after=3)
    _checklist(to, "for x in diteruskan", "{{ x.jabatan }}", inner)
    cell_text(do, "Dengan hormat harap:", bold=True, size=11, after=3)
    _checklist(do, "for x in harap", "{{ x.teks }}", inner)
    # 4: the note, with room to write by hand
    note = t.rows[3].cells[0].merge(t.rows[3].cells[1])
    cell_text(note, "Catatan:", bold=True, size=11, after=3)
    para(note, "{{ catatan }}", size=11, after=3)
    for _ in range(3):
        para(note, "", size=11)
    # 5: date and paraf of the official who disposes
    sign = t.rows[4].cells[0].merge(t.rows[4].cells[1])
    s = table(sign, 1, [half - 0.3, half])
    _, right_s = s.rows[0].cells
    cell_text(right_s, "{{ surat.tanggal_teks }}", size=11, align=CENTER, after=2)
    para(right_s, "{{ pendisposisi.singkatan }},", size=11, align=CENTER)
    para(right_s, "Paraf", size=9, italic=True, align=CENTER, before=2)
    for _ in range(2):
        para(right_s, "", size=11)
    para(
        right_s,
        "{{ pendisposisi.nama }}",
        size=11,
        bold=True,
        underline=True,
        align=CENTER,
    )
    tag(right_s, "{%p if pendisposisi.nip %}")
    para(right_s, "NIP. {{ pendisposisi.nip }}", size=11, align=CENTER)
    tag(right_s, "{%p endif %}")
    para(sign, "", size=4)
    para(
        doc,
        "Lembar ini dilampirkan pada surat masuk dan tidak dikirim ke luar kantor.",
        size=9,
        italic=True,
        before=4,
    )
    return doc


KIND = Kind(
    id="disposisi",
    judul="Lembar Disposisi",
    model=Disposisi,
    numbered=False,
    privasi="internal",
    signable=False,
    context=context,
    example=example,
    template=template,
)
