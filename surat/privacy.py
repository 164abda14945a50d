"""What surat keeps, prints and says about people.

The letters name victims of violence, many of them children. UU 11/2012
Pasal 19, UU 35/2014 Pasal 64 and UU 12/2022 Pasal 69-71 keep a child
victim's identity secret; UU 27/2022 makes children's and health data
specific personal data. surat follows these rules:

Printed letters
    Only the reporter's own request (``permohonan``) carries full identity
    (name, NIK, address); it stays in the internal case file. Letters that
    leave the office (``persetujuan``, ``tugas``, ``undangan`` and every
    tembusan copy) name the victim by initials and the case registration number, and say
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
    about the user or the machine, and can be encrypted (AES-256). A case's
    pack is two files: the letters that leave the office, and the internal
    papers (the request with NIK and address, the counseling report),
    encrypted unless the caller asks otherwise.

Protected words
    When a case is registered, every word of the victim's name, of the
    reporter's, parents' or guardian's names and of their addresses becomes a
    *protected word* (:func:`protected_words`: case, diacritics and punctuation
    folded, at least three letters, common address and kinship words aside,
    :data:`UMUM`). The register keeps a keyed digest of each (HMAC-SHA256 with
    a secret made with the register), never the word. Every free-text field of
    a letter that leaves the office and cites the case is read word by word
    (:func:`words`) against them, and a letter holding one is refused, naming
    the field: initials (P.A.L.) stay allowed.

:func:`personal_values` lists the personal strings in a letter's or case's
data, so an application can check its own logs and messages the way surat's
tests check surat's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

__all__ = [
    "PERSONAL_FIELDS",
    "UMUM",
    "find_personal",
    "personal_values",
    "protected_words",
    "words",
]

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

#: Containers whose ``nama`` is an official's or a companion's (public in letters);
#: ``narahubung`` (a referral's contact) and ``penerima`` (who signs a receipt) are staff.
_PUBLIC_PEOPLE = frozenset({"pendamping", "konselor", "pejabat", "narahubung", "penerima"})


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


# -- protected words -----------------------------------------------------------

#: Address and kinship words, titles, the office's own city and what a clerk writes
#: where an address is the reporter's ("Sama dengan pelapor", "Sesuai KTP"): they
#: identify no one, and letters print them anyway, so they are never protected words.
UMUM = frozenset(
    """
    jalan jln jl gang lorong blok nomor nomer perumahan perum komplek kompleks komp
    cluster kavling kav ruko lantai rumah kampung dusun desa kelurahan kecamatan
    kabupaten kota provinsi prov kel kec kab kepulauan riau kepri batam indonesia
    raya utara selatan timur barat tengah
    binti bin ibu bapak bpk ayah bunda anak kandung tiri angkat wali saudara saudari
    sdr sdri tuan nyonya nona kakak adik nenek kakek paman bibi tante keluarga
    almarhum almarhumah alm van von
    sama dengan sesuai seperti atas tidak diketahui tinggal bersama dan atau yang
    pelapor korban alamat domisili ktp
    """.split()  # noqa: SIM905 - a list of words, read as one
)

#: Letters of other scripts that look like Latin ones (Cyrillic, Greek), read as the
#: Latin letter a reader takes them for.
_SAMA = str.maketrans(
    "\u0430\u0432\u0435\u043a\u043c\u043d\u043e\u0440\u0441\u0442\u0443\u0445"
    "\u0456\u0458\u0455\u0501\u04bb\u03b1\u03b2\u03b5\u03b9\u03ba\u03bd\u03bf"
    "\u03c1\u03c4\u03c5\u03c7",
    "abekmhopctyxijsdhabeikvoptux",
)
#: Marks a name may carry inside a word (Nur'aini): dropped, not a word break.
_TANDA = str.maketrans("", "", "'\u2019\u2018\u02bc\u0060\u00b4")
_KATA = re.compile(r"[^\W_]+")
#: Three or more single letters apart by spaces or hyphens: a word spelt out. Dots
#: are not among the separators: initials (P.A.L.) are never read as a word.
_EJAAN = re.compile(r"(?<![^\W_])[^\W\d_](?:[ \t\-]+[^\W\d_]){2,}(?![^\W_])")
_BESAR = re.compile(r"(?<=[a-z\u00df-\u00ff])(?=[A-Z\u00c0-\u00de])")


def _fold(word: str) -> str:
    """One word as compared: diacritics stripped, case folded, look-alikes read as Latin."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return plain.casefold().translate(_SAMA)


def _visible(text: str) -> str:
    """*text* as a reader sees it: width variants folded (NFKC), invisible format
    characters (zero-width space, joiners, soft hyphen) and apostrophes dropped."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(c for c in folded if unicodedata.category(c) != "Cf").translate(_TANDA)


def _pieces(text: str) -> list[str]:
    """The words of *text* as typed (:func:`_visible`), any punctuation or space a break."""
    return _KATA.findall(_visible(text))


def words(text: str) -> list[str]:
    """The words of *text* as they are checked against protected words: case,
    diacritics, width variants and invisible characters folded, a word typed with
    capitals inside (``PutriAyu``) also read as its parts, and a word spelt out
    letter by letter with spaces or hyphens (``P u t r i``) also read whole.

    >>> words("Yth. Ibu dari putrí AYU")
    ['yth', 'ibu', 'dari', 'putri', 'ayu']
    >>> words("PutriAyu, Nur'aini")
    ['putriayu', 'putri', 'ayu', 'nuraini']
    >>> words("P.A.L. (001/REG-PPA/XI/2026)")
    ['p', 'a', 'l', '001', 'reg', 'ppa', 'xi', '2026']
    >>> words("korban P u t r i")[-1], words("L-e-s-t-a-r-i")[-1]
    ('putri', 'lestari')
    """
    out: list[str] = []
    for piece in _pieces(text):
        out.append(_fold(piece))
        parts = _BESAR.split(piece)
        if len(parts) > 1:
            out.extend(_fold(p) for p in parts if p)
    for spelt in _EJAAN.findall(_visible(text)):
        out.append(_fold("".join(_KATA.findall(spelt))))
    return out


def protected_words(texts: Iterable[str]) -> frozenset[str]:
    """The protected words of identity *texts* (names, addresses): each word folded as
    :func:`words` folds it, of at least three letters, not one of :data:`UMUM`.

    >>> sorted(protected_words(["Putri Ayu Lestari", "Perumahan Griya Permata Blok C No. 12"]))
    ['ayu', 'griya', 'lestari', 'permata', 'putri']
    >>> sorted(protected_words(["Siti Nur'aini binti Ahmad", "Jl. Hang-Tuah RT 02/RW 05"]))
    ['ahmad', 'hang', 'nuraini', 'siti', 'tuah']
    """
    found: set[str] = set()
    for text in texts:
        for piece in _pieces(text):
            word = _fold(piece)
            if sum(c.isalpha() for c in word) >= 3 and word not in UMUM:
                found.add(word)
    return frozenset(found)
