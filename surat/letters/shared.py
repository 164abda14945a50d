"""What the letter kinds share: the data model base, the people of several
letters, the kop, the signature block, the paraf and the tembusan.

A kind registers itself with a :class:`Kind`: its id, its title, its model,
whether the outgoing register numbers it, how its context is built and its
example data (see :mod:`surat.letters`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from ..errors import SuratError
from ..identitas import format_nip
from ..office import Kop, Office, Pejabat
from .fields import Baris, Nama, NomorTeks, check_nip

__all__ = [
    "DOTTED_NAME",
    "KEPADA_MAX",
    "MAX_PENDAMPING",
    "Kind",
    "KorbanKasus",
    "LahirAtauUmur",
    "Pendamping",
    "agenda_kop",
    "kop_context",
    "lampiran_pendamping",
    "paraf_context",
    "pejabat_context",
    "pendamping_context",
    "senioritas",
    "tembusan_for",
]


class DataSurat(BaseModel):
    """The base of every letter kind's data and of its parts (``surat.letters.Persetujuan``,
    ``Korban``...). Its repr names the type only: it may hold a victim's data.

    >>> from surat.letters import Korban
    >>> issubclass(Korban, DataSurat)
    True
    """

    # hide_input_in_errors: even a ValidationError raised outside validate() never
    # quotes what was typed.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, hide_input_in_errors=True)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(...)"

    def __str__(self) -> str:
        return repr(self)

    def agenda(self, office: Office) -> dict[str, Any]:
        """The agenda entry (klasifikasi, tanggal, perihal, tujuan, nomor_registrasi)
        for the register.

        Only numbered kinds have one; it never holds the victim's name.
        """
        raise SuratError(f"{type(self).__name__.lower()}: surat ini tidak bernomor")


class LahirAtauUmur(DataSurat):
    """A person whose age a letter prints: ``tanggal_lahir``, else ``umur`` (years).

    The subclass declares both fields, where its form lists them; this checks
    that at least one is given.
    """

    if TYPE_CHECKING:  # declared by each subclass, in its own field order
        tanggal_lahir: date | None
        umur: int | None

    @model_validator(mode="after")
    def _lahir_atau_umur(self) -> Self:
        if self.tanggal_lahir is None and self.umur is None:
            raise ValueError("tanggal_lahir atau umur harus diisi")
        return self


class KorbanKasus(DataSurat):
    """The victim as letters that leave the office know her: initials and case number.

    ``nama`` is needed to write the initials; it never reaches the template.
    """

    nama: Nama
    nomor_registrasi: NomorTeks
    """Case registration number from the Buku Register, e.g. '001/REG-PPA/XI/2026'."""
    anak: bool | None = None
    """True: a child (under 18), whose identity UU 11/2012 Pasal 19 keeps secret;
    None when the letter's data do not say."""


class Pendamping(DataSurat):
    """A companion (pendamping) who accompanies the victim."""

    nama: Nama
    nip: str | None = None
    """18 digits; None or '-' for contract staff and volunteers."""
    pangkat: Baris | None = None
    """Pangkat/golongan, e.g. 'Penata (III/c)'; None for contract staff."""
    jabatan: Baris

    @field_validator("nip")
    @classmethod
    def _nip(cls, v: str | None) -> str | None:
        return check_nip(v)


MAX_PENDAMPING = 40
"""Companions one letter may assign; more than :data:`KEPADA_MAX` go to a Lampiran page."""
KEPADA_MAX = 10
"""At most this many companions are listed in the letter itself (FORMS.md: about ten)."""


def lampiran_pendamping(items: list[Pendamping], lampiran: str = "-") -> dict[str, Any]:
    """Whether the companions go to a Lampiran page, and the letter's Lampiran line."""
    ada = len(items) > KEPADA_MAX
    if lampiran.strip() not in ("", "-"):
        return {"ada": ada, "surat": lampiran}
    return {"ada": ada, "surat": "1 (satu) lembar" if ada else "-"}


def agenda_kop(kind: str, office: Office) -> dict[str, str]:
    """``{'kop': NAME}`` for the register when *kind* is printed on a ``[kop.NAME]``
    (``[kop_surat]``): its number comes from that letterhead's book."""
    name = office.kop_surat.get(kind)
    return {"kop": name} if name is not None else {}


DOTTED_NAME = "." * 36
"""Printed where an official's name is not in the profile: written by hand."""


def pejabat_context(p: Pejabat) -> dict[str, Any]:
    return {
        "jabatan": p.jabatan,
        "singkatan": p.singkatan or p.jabatan,
        "nama": p.nama or DOTTED_NAME,
        "pangkat": p.pangkat or "",
        "nip": format_nip(p.nip) if p.nip else "",
    }


def paraf_context(kind: str, office: Office, signer: dict[str, Any]) -> list[dict[str, Any]]:
    """The paraf table: the profile's officials in rank order, each below the signer.

    The profile holds at most three (checked when it loads). Paraf come from
    below the signer: the official who signs the letter (or signs
    "Mengetahui") initials nothing, the signature is theirs; nor does the head
    on whose behalf (a.n.) or the official through whom (u.b.) it is signed,
    nor anyone ranked at or above the signer
    (:func:`surat.letters.hierarki.di_bawah`). When that leaves the kind's
    table empty (the signer was its only official), the next official down
    from the signer takes the place (the first of
    :func:`surat.letters.hierarki.pejabat_di_bawah`), so a kind that has a paraf
    hierarchy never prints an empty table; with no official below the signer
    it prints none (nor the footer's paraf box).

    Each row names the official's role (``peran``) and has the electronic
    paraf's mark, date and time (``paraf_tanda``, ``paraf_tanggal``,
    ``paraf_jam``), empty until :func:`surat.render` is given the parafs the
    register recorded.

    >>> office = Office.default().model_copy(update={"paraf": {"konseling": ["kabid"]}})
    >>> [x["jabatan"] for x in paraf_context("konseling", office, {"peran": "kabid"})]
    ['Kasi PHA']
    """
    from .hierarki import di_bawah, pejabat_di_bawah, tingkat

    role = signer["peran"]
    above = {role, signer.get("atas_nama_peran"), signer.get("melalui_peran")}
    ranked = tingkat(office.official(role)) is not None

    def below(r: str) -> bool:
        return r not in above and (not ranked or di_bawah(office, r, role))

    listed = office.paraf.get(kind, [])
    roles = [r for r in listed if below(r)]
    if listed and not roles:  # the first of the next officials down (profile order)
        roles = [r for r in pejabat_di_bawah(office, role) if below(r)][:1]
    return [
        {
            "no": i,
            "peran": r,
            "jabatan": office.official(r).singkatan or office.official(r).jabatan,
            "paraf_tanda": "",
            "paraf_tanggal": "",
            "paraf_jam": "",
        }
        for i, r in enumerate(roles[:3], 1)
    ]


ARSIP = "Arsip"


def tembusan_for(kind: str, office: Office, extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The copy recipients: the office's defaults for *kind*, then *extra*, in their
    order, without repeats; "Arsip" (the office's own file copy) always last.

    >>> from surat.office import Office
    >>> tembusan_for("persetujuan", Office.default(), ["Kapolresta Barelang", "arsip"])[1:]
    ['Kapolresta Barelang', 'Arsip']
    """
    out: list[str] = []
    seen: set[str] = set()
    arsip = False
    for name in [*office.tembusan.get(kind, []), *extra]:
        key = " ".join(name.split()).casefold()
        if key == ARSIP.casefold():
            arsip = True
        elif key not in seen:
            seen.add(key)
            out.append(name)
    return [*out, ARSIP] if arsip else out


def kop_context(office: Office, kind: str | None = None) -> dict[str, Any]:
    """The letterhead *kind* is printed on: ``[kop_surat]`` names one of ``[kop.*]``,
    else the office's own.

    A unit's letterhead (``induk``) prints the lines of what it belongs to
    above its own name: ``pemerintah`` (the topmost's), then ``induk`` (the
    names from the top down), then ``nama``.

    >>> kop_context(Office.default(), "tugas")["induk"]
    []
    """
    head = office.kop_for(kind) if kind else None
    src: Office | Kop = head or office
    above = office.kop_induk(head) if head is not None else []
    top = above[-1] if above else src
    kontak = []
    if src.telepon:
        kontak.append(f"Telepon {src.telepon}")
    if src.email:
        kontak.append(f"Pos-el {src.email}")
    if src.laman:
        kontak.append(f"Laman {src.laman}")
    return {
        "pemerintah": top.pemerintah or "",
        "induk": [k.nama for k in reversed(above)],
        "nama": src.nama,
        "alamat": src.alamat,
        "kontak": " · ".join(kontak),
        "kota": office.kota,
    }


_GOLONGAN = re.compile(r"\b(IV|III|II|I)\s*/\s*([a-e])\b", re.IGNORECASE)
_ROMAWI = {"I": 1, "II": 2, "III": 3, "IV": 4}


def senioritas(pangkat: str | None) -> tuple[int, str]:
    """A civil servant's seniority from the golongan in the pangkat; (0, '') for others.

    >>> senioritas("Pembina (IV/a)") > senioritas("Penata Tingkat I (III/d)")
    True
    >>> senioritas("IV/e") > senioritas("IV/a"), senioritas(None)
    (True, (0, ''))
    """
    m = _GOLONGAN.search(pangkat or "")
    if m is None:
        return (0, "")
    return (_ROMAWI[m.group(1).upper()], m.group(2).lower())


def pendamping_context(items: list[Pendamping]) -> list[dict[str, Any]]:
    """The companions by seniority (golongan, highest first), then those without one
    (contract staff, volunteers) in the order given."""
    ordered = sorted(items, key=lambda p: senioritas(p.pangkat), reverse=True)
    # sorted() is stable, but reverse=True keeps equal keys in their order too
    return [
        {
            "no": i,
            "nama": p.nama,
            "nip": format_nip(p.nip) if p.nip else "-",
            "pangkat": p.pangkat or "-",
            "jabatan": p.jabatan,
        }
        for i, p in enumerate(ordered, 1)
    ]


Privasi = Literal["internal", "keluar"]
"""A kind's privacy class: kept in the office, or sent out of it."""

ContextBuilder = Callable[[Any, Office, dict[str, Any], date], dict[str, Any]]
"""(model, office, the letter header ``surat``, the letter's date) -> the kind's fields.

The builder may add to ``surat`` (sifat, hal, lampiran...) before it is printed.
"""


@dataclass(frozen=True)
class Kind:
    """One letter kind, as :mod:`surat.letters` registers it."""

    id: str
    """The kind's id, e.g. 'persetujuan'."""
    judul: str
    """Its title, for the print pack's outline."""
    model: type[DataSurat]
    numbered: bool
    """True: it carries a number from the outgoing register (agenda surat keluar)."""
    privasi: Privasi
    """'keluar': it leaves the office (initials and case number only, never the
    identity); 'internal': it stays in the case file and may hold the identity."""
    signable: bool
    """True: the office signs it (by hand, or electronically with a TTE)."""
    context: ContextBuilder
    example: Callable[[], dict[str, Any]]
    """Complete, realistic, entirely fictional data."""


# -- fictional people the examples share -------------------------------------

EXAMPLE_KORBAN_KASUS: dict[str, Any] = {
    "nama": "Putri Ayu Lestari",
    "nomor_registrasi": "001/REG-PPA/XI/2026",
    "anak": True,
}
EXAMPLE_PENDAMPING: list[dict[str, Any]] = [
    {
        "nama": "Rina Marlina, S.Psi.",
        "nip": "19870512 201001 2 003",
        "pangkat": "Penata (III/c)",
        "jabatan": "Analis Perlindungan Anak",
    },
    {
        "nama": "Hendra Gunawan, S.H.",
        "nip": None,
        "pangkat": None,
        "jabatan": "Pendamping Hukum P2TP2A",
    },
]
