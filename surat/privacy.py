"""What surat keeps, prints and says about people.

The letters name victims of violence, many of them children. UU 11/2012
Pasal 19, UU 35/2014 Pasal 64 and UU 12/2022 Pasal 69-71 keep a child
victim's identity secret; UU 27/2022 makes children's and health data
specific personal data. surat follows these rules:

Printed letters
    Only the reporter's own request (``permohonan``) carries full identity
    (name, NIK, address); it stays in the internal case file. Letters that
    leave the office (``persetujuan``, ``tugas`` and every tembusan copy) name
    the victim by initials and the case registration number, and say
    "Sifat: Rahasia". Their templates never receive the full name, so no
    edited template can print it. The counseling report uses initials unless
    ``tampilkan_nama_lengkap`` is set.

The register (agenda books)
    The outgoing agenda stores the number, date, klasifikasi, perihal, tujuan,
    status and the reasons for a void or an inserted number. A case's letters
    put "Persetujuan Pendampingan" or "Surat Tugas Pendampingan" in perihal
    and the reporter by case number or the companions' names in tujuan: never
    the victim or the reporter. The incoming agenda records a case's request as coming
    from "Pelapor kasus <registration number>", and the approval letter as
    going to "Pelapor kasus <registration number>"; every row of a case
    carries its registration number. The case book stores the kinds of
    violence and the Simfoni-PPA categories (place, relation, services, the
    victim's sex and age group): never a name. Whoever types perihal or tujuan
    by hand must keep names out of them: the agenda is read by more people
    than the case file.

    The SOP steps of a case store times, the step and a role (``oleh``),
    never a name. A step's optional ``catatan`` is free text: it may name a
    person, so a register with notes holds sensitive text. It stays in the
    register: no export and no printed book shows it.

Messages, logs and ``repr()``
    A ``SuratError`` names the field and what was expected, never the value
    typed (``pelapor.nik: 16 angka diharapkan``). The letter models,
    :class:`surat.Kasus` and :class:`surat.Document` show no personal data
    in ``repr()``. surat logs nothing about a letter's content.

Files
    Every file surat writes (letters, packs, exports, the SQLite register) is
    created owner-only (0600) and appears under its name only when complete.
    PDF packs carry the office as author and ``surat`` as producer, nothing
    about the user or the machine, and can be encrypted (AES-256).

:func:`personal_values` lists the personal strings in a letter's or case's
data, so an application can check its own logs and messages the way surat's
tests check surat's.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["PERSONAL_FIELDS", "find_personal", "personal_values"]

#: Field names whose values are personal data wherever they appear in letter data.
PERSONAL_FIELDS = frozenset(
    {
        "nama",
        "nik",
        "alamat",
        "alamat_domisili",
        "telepon",
        "tempat_lahir",
        "kronologi",
        "riwayat",
        "keluhan",
        "biologis",
        "psikologis",
        "sosial",
        "spiritual",
        "hipotesis",
        "intervensi",
    }
)

#: Containers whose ``nama`` is an official's or a companion's (public in letters).
_PUBLIC_PEOPLE = frozenset({"pendamping", "konselor", "pejabat"})


def _walk(data: Any, public: bool) -> Iterator[str]:
    if isinstance(data, Mapping):
        for key, value in data.items():
            inner_public = public or key in _PUBLIC_PEOPLE
            if key in PERSONAL_FIELDS and not inner_public and isinstance(value, str):
                if value.strip():
                    yield value.strip()
            else:
                yield from _walk(value, inner_public)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from _walk(item, public)


def personal_values(data: Any) -> set[str]:
    """The personal strings in letter data (a dict, or a pydantic model).

    Names of companions and officials are not included: they are printed on
    purpose.

    >>> sorted(personal_values({"korban": {"nama": "Putri"}, "pendamping": [{"nama": "Rina"}]}))
    ['Putri']
    >>> sorted(personal_values({"pelapor": {"nama": "Sri", "nik": "2171015708900001"}}))
    ['2171015708900001', 'Sri']
    """
    if hasattr(data, "model_dump"):
        data = data.model_dump(mode="json")
    return set(_walk(data, public=False))


def find_personal(text: str, data: Any) -> list[str]:
    """Which field values of *data* occur in *text*; empty when none does.

    Multi-line values are also checked line by line.

    >>> find_personal("Error in pelapor.nik", {"pelapor": {"nik": "2171015708900001"}})
    []
    >>> len(find_personal("name=Sri W", {"pelapor": {"nama": "Sri W"}}))
    1
    """
    found = []
    for value in personal_values(data):
        pieces = [value, *(line.strip() for line in value.splitlines() if len(line.strip()) > 12)]
        if any(piece in text for piece in pieces):
            found.append(value)
    return found
