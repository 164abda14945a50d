"""Who is above whom: the ranks of an office profile's officials and staff.

A disposition flows downward (FORMS.md, "Lembar disposisi"), paraf come
from below the signer (Permendagri 54/2009, paraf hierarki), and a report is
made by the staff and acknowledged ("Mengetahui") by the head. The rank of
each role of the profile's ``[pejabat]`` is read from its printed jabatan,
whose nomenclature is national (Permendagri on the structure of regional
offices), so that an office's profile needs nothing more:

====  ===========================================================
rank  jabatan begins with
====  ===========================================================
1     Kepala Dinas / Badan / Kantor / Satuan (the head, :data:`PIMPINAN`)
2     Sekretaris (Dinas, Badan), Kepala Bidang (:data:`BIDANG`)
3     Kepala Seksi, Kepala Sub Bagian / Sub Bidang, Kepala UPTD
      (:data:`SEKSI`)
4     anything else that is not a head's title: Staf, Pelaksana, Analis,
      Konselor, Pendamping... (:data:`STAF`)
====  ===========================================================

A role whose title is another head's (Ketua P2TP2A, Kepala Puskesmas, Wali
Kota, Direktur RSUD) stands outside the office's line: it has no rank
(``None``), is never below anyone, and never receives a disposition.
"""

from __future__ import annotations

import re

from ..office import Office, Pejabat

__all__ = [
    "BIDANG",
    "PIMPINAN",
    "SEKSI",
    "STAF",
    "bawahan",
    "di_bawah",
    "kepala",
    "pejabat_di_bawah",
    "staf",
    "tingkat",
]

PIMPINAN, BIDANG, SEKSI, STAF = 1, 2, 3, 4

_ACTING = re.compile(r"^\s*(?:plt\.|plh\.)\s*", re.IGNORECASE)
_RANKS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (PIMPINAN, re.compile(r"^kepala\s+(?:dinas|badan|kantor|satuan)\b")),
    (BIDANG, re.compile(r"^(?:sekretaris(?:\s+(?:dinas|badan)\b|\s*$)|kepala\s+bidang\b)")),
    (
        SEKSI,
        re.compile(
            r"^kepala\s+(?:seksi|sub\s*-?\s*bag(?:ian)?|sub\s*-?\s*bid(?:ang)?|uptd|"
            r"unit\s+pelaksana\s+teknis)\b"
        ),
    ),
)
#: The first words of a head's title outside the office's own line.
_HEAD = re.compile(
    r"^(?:kepala|ketua|wakil|sekretaris|wali\s*kota|bupati|gubernur|direktur|camat|lurah|"
    r"kapolres\w*|kanit|komandan|menteri)\b"
)


def tingkat(pejabat: Pejabat) -> int | None:
    """The rank of an official from the jabatan: 1 (the head) to 4 (staff); None outside.

    >>> from surat.office import Pejabat
    >>> [tingkat(Pejabat(jabatan=j)) for j in (
    ...     "Kepala Dinas Pemberdayaan Perempuan", "Kepala Bidang Pencegahan",
    ...     "Plt. Kepala Seksi Perlindungan Anak", "Staf Seksi Perlindungan Anak",
    ...     "Analis Perlindungan Anak", "Ketua P2TP2A Kota Batam")]
    [1, 2, 3, 4, 4, None]
    """
    title = " ".join(_ACTING.sub("", pejabat.jabatan).split()).casefold()
    for rank, pattern in _RANKS:
        if pattern.match(title):
            return rank
    return None if _HEAD.match(title) else STAF


def _rank(office: Office, role: str) -> int | None:
    return tingkat(office.official(role))


def di_bawah(office: Office, role: str, atasan: str) -> bool:
    """True when *role* ranks below *atasan* in the office's line (both ranked).

    >>> office = Office.default()
    >>> di_bawah(office, "kasi_pha", "kabid"), di_bawah(office, "kabid", "kasi_pha")
    (True, False)
    >>> di_bawah(office, "ketua_p2tp2a", "kepala_dinas"), di_bawah(office, "kasi_ppktp", "kasi_pha")
    (False, False)
    """
    below, above = _rank(office, role), _rank(office, atasan)
    return below is not None and above is not None and below > above


def bawahan(office: Office, role: str) -> list[str]:
    """The roles below *role*, officials then staff, each in the profile's order.

    >>> bawahan(Office.default(), "kabid")
    ['kasi_pha', 'kasi_ppktp', 'staf_pha', 'staf_ppktp']
    >>> bawahan(Office.default(), "kasi_pha")
    ['staf_pha', 'staf_ppktp']
    """
    ranked = [(r, _rank(office, r)) for r in office.pejabat]
    below = [(rank, r) for r, rank in ranked if rank is not None and di_bawah(office, r, role)]
    return [r for _, r in sorted(below, key=lambda x: x[0])]


def pejabat_di_bawah(office: Office, role: str) -> list[str]:
    """The officials (not the staff) of the next rank below *role* that has any.

    >>> pejabat_di_bawah(Office.default(), "kabid")
    ['kasi_pha', 'kasi_ppktp']
    >>> pejabat_di_bawah(Office.default(), "kasi_pha")
    []
    """
    below = [r for r in bawahan(office, role) if _rank(office, r) != STAF]
    if not below:
        return []
    nearest = _rank(office, below[0])
    return [r for r in below if _rank(office, r) == nearest]


def staf(office: Office) -> list[str]:
    """The staff roles of the profile, in its order.

    >>> staf(Office.default())
    ['staf_pha', 'staf_ppktp']
    """
    return [r for r in office.pejabat if _rank(office, r) == STAF]


def kepala(office: Office) -> str | None:
    """The role of the office's head (the first of rank 1), or None when the profile has none.

    >>> kepala(Office.default())
    'kepala_dinas'
    """
    return next((r for r in office.pejabat if _rank(office, r) == PIMPINAN), None)
