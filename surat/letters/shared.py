"""What the letter kinds share: the data model base, the people of several
letters, the kop, the signature block, the paraf and the tembusan.

A kind registers itself with a :class:`Kind`: its id, its title, its model,
whether the outgoing register numbers it, how its context is built, its
example data and how its template is built (see :mod:`surat.letters`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from ..errors import SuratError
from ..identitas import format_nip
from ..office import Office, Pejabat
from .fields import Baris, Nama, Nomor, check_nip

__all__ = [
    "DOTTED_NAME",
    "Kind",
    "KorbanKasus",
    "Pendamping",
    "kop_context",
    "paraf_context",
    "pejabat_context",
    "pendamping_context",
    "signer_context",
    "tembusan_for",
]


class _Model(BaseModel):
    """A part of a letter's data. Its repr names the type only: it may hold a victim's data."""

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
        raise SuratError(f"{type(self).__name__.lower()}: this letter is not numbered")


class KorbanKasus(_Model):
    """The victim as letters that leave the office know her: initials and case number.

    ``nama`` is needed to write the initials; it never reaches the template.
    """

    nama: Nama
    nomor_registrasi: Nomor
    """Case registration number from the Buku Register, e.g. '001/REG-PPA/XI/2026'."""


class Pendamping(_Model):
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


def signer_context(kind: str, office: Office, status: str = "") -> dict[str, Any]:
    """The signature block: a.n. line, jabatan (with Plt./Plh.), name, pangkat, NIP."""
    signer = office.signer(kind)
    block = pejabat_context(signer)
    on_behalf = office.atas_nama.get(kind)
    block["an"] = f"a.n. {office.official(on_behalf).jabatan}," if on_behalf else ""
    block["jabatan"] = f"{status} {signer.jabatan}".strip()
    return block


def paraf_context(kind: str, office: Office, extra: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    roles = list(office.paraf.get(kind, []))
    roles += [r for r in extra if r not in roles]
    return [
        {"no": i, "jabatan": office.official(r).singkatan or office.official(r).jabatan}
        for i, r in enumerate(roles, 1)
    ]


def tembusan_for(kind: str, office: Office, extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The office's default copy recipients for *kind*, then *extra*, without repeats."""
    out: list[str] = []
    for name in [*office.tembusan.get(kind, []), *extra]:
        if name not in out:
            out.append(name)
    return out


def kop_context(office: Office) -> dict[str, Any]:
    kontak = []
    if office.telepon:
        kontak.append(f"Telepon {office.telepon}")
    if office.email:
        kontak.append(f"Pos-el {office.email}")
    if office.laman:
        kontak.append(f"Laman {office.laman}")
    return {
        "pemerintah": office.pemerintah,
        "nama": office.nama,
        "alamat": office.alamat,
        "kontak": " · ".join(kontak),
        "kota": office.kota,
    }


def pendamping_context(items: list[Pendamping]) -> list[dict[str, Any]]:
    return [
        {
            "no": i,
            "nama": p.nama,
            "nip": format_nip(p.nip) if p.nip else "-",
            "pangkat": p.pangkat or "-",
            "jabatan": p.jabatan,
        }
        for i, p in enumerate(items, 1)
    ]


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
    model: type[_Model]
    numbered: bool
    """True: it carries a number from the outgoing register (agenda surat keluar)."""
    context: ContextBuilder
    example: Callable[[], dict[str, Any]]
    """Complete, realistic, entirely fictional data."""
    template: Callable[[], Any]
    """Builds the kind's shipped Word template (a python-docx Document)."""


# -- fictional people the examples share -------------------------------------

EXAMPLE_KORBAN_KASUS: dict[str, Any] = {
    "nama": "Putri Ayu Lestari",
    "nomor_registrasi": "001/REG-PPA/XI/2026",
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
