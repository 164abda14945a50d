"""The letter kinds of the SOPs: their data models, their context, their examples.

Each kind lives in its own module (:mod:`~surat.letters.permohonan`,
:mod:`~surat.letters.persetujuan`, :mod:`~surat.letters.tugas`,
:mod:`~surat.letters.konseling`, :mod:`~surat.letters.disposisi`) holding
its pydantic model that checks what a caseworker typed, its context
builder that turns a valid model plus the office profile into exactly what
its Word template may print, and its example data. What kinds share
(people, kop, signature, paraf, tembusan) is in :mod:`~surat.letters.shared`,
the checked text fields in :mod:`~surat.letters.fields`. A new kind is one new
module and one line in :data:`REGISTRY`, and one builder of its template in
``surat/templates/_build/`` (the source tree only: the shipped ``.docx`` files
are built from it, an installed surat never runs it).

The context is where privacy is decided:

- ``permohonan`` (the reporter's own request) is internal and carries full
  identity;
- ``persetujuan`` and ``tugas`` leave the office: their context holds the
  victim's *initials* and case registration number only. The full name never
  reaches those templates, so no template edit can print it;
- ``konseling`` uses initials too, unless ``tampilkan_nama_lengkap`` is set;
- ``disposisi`` (the sheet clipped to an incoming letter) may name the
  reporter as the sender, never the victim: initials and case number only.
- ``rujukan`` (a referral) leaves the office: initials and case number; a
  free-text field naming the victim is refused. ``laporan_pendampingan``
  (the companion's report) is internal, with initials. ``pernyataan`` (the
  consent statement) is internal and carries the identity. ``tanda_terima``
  (the reporter's receipt) leaves with the reporter: her name, nothing about
  the victim.
- ``undangan`` leaves the office: initials, case number and the parties by
  role, every typed text read against the victim's name;
- ``nota_dinas``, ``berita_acara`` (which names its parties) and ``penutupan``
  are internal, and print the victim by initials too.
- every free-text field of a kind that leaves the office is checked against
  the protected words of the case it cites (:mod:`~surat.letters.privasi`,
  ``validate(..., register=)``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any, Protocol, get_args

from pydantic import BaseModel

from ..dates import bulan_romawi, format_tanggal, today
from ..errors import SuratError, validate_model
from ..office import Office
from ..simfoni import HubunganPelaku, JenisKekerasan, Layanan, TempatKejadian
from ..vocab import Jenis
from . import (
    berita_acara,
    disposisi,
    konseling,
    laporan_pendampingan,
    nota_dinas,
    penutupan,
    permohonan,
    pernyataan,
    persetujuan,
    privasi,
    referensi,
    rujukan,
    tanda_terima,
    tugas,
    undangan,
)
from .disposisi import HARAP, SIFAT, Disposisi
from .fields import (
    Alamat,
    Baris,
    JenisKelamin,
    Nama,
    NomorTeks,
    Tanggal,
    TanggalLahir,
    Teks,
    Telepon,
    clean_text,
    format_jam,
    initials,
    umur,
)
from .konseling import (
    RUJUKAN_PSIKOLOG,
    RUJUKAN_RUMAH_AMAN,
    Asesmen,
    HasilKonseling,
    Konseling,
    Konselor,
    KorbanKonseling,
    Sesi,
)
from .penandatangan import Penandatangan, StatusPenandatangan, printed_name, printed_nip
from .permohonan import Korban, Lampiran, Pelapor, Pengaduan, Permohonan, Terlapor, Wali
from .persetujuan import Persetujuan, RujukanPermohonan
from .privasi import ProtectedWords
from .referensi import Agenda
from .shared import (
    DOTTED_NAME,
    DataSurat,
    Kind,
    KorbanKasus,
    Pendamping,
    kop_context,
    pejabat_context,
    tembusan_for,
)
from .tugas import DASAR_TUGAS, Penugasan, RujukanSurat, Tugas

__all__ = [
    "DASAR_TUGAS",
    "DOTTED_NAME",
    "HARAP",
    "JUDUL",
    "KELUAR",
    "KINDS",
    "MODELS",
    "NUMBERED",
    "REGISTRY",
    "RUJUKAN_PSIKOLOG",
    "RUJUKAN_RUMAH_AMAN",
    "SIFAT",
    "SIGNABLE",
    "Alamat",
    "Asesmen",
    "Baris",
    "Books",
    "DataSurat",
    "Disposisi",
    "HasilKonseling",
    "HubunganPelaku",
    "JenisKekerasan",
    "JenisKelamin",
    "Kind",
    "Konseling",
    "Konselor",
    "Korban",
    "KorbanKasus",
    "KorbanKonseling",
    "Lampiran",
    "Layanan",
    "Nama",
    "NomorTeks",
    "Pelapor",
    "Penandatangan",
    "Pendamping",
    "Pengaduan",
    "Penugasan",
    "Permohonan",
    "Persetujuan",
    "ProtectedWords",
    "RujukanPermohonan",
    "RujukanSurat",
    "Sesi",
    "StatusPenandatangan",
    "Tanggal",
    "TanggalLahir",
    "Teks",
    "Telepon",
    "TempatKejadian",
    "Terlapor",
    "Tugas",
    "Wali",
    "build_context",
    "clean_text",
    "example_data",
    "format_jam",
    "initials",
    "kind",
    "kop_context",
    "pejabat_context",
    "peringatan",
    "printed_signer",
    "tembusan_for",
    "umur",
    "validate",
]


class Books(Agenda, ProtectedWords, Protocol):
    """What :func:`validate` asks of a register (a :class:`surat.Register`): its
    books (:mod:`surat.letters.referensi`) and its protected words
    (:mod:`surat.letters.privasi`)."""


REGISTRY: dict[str, Kind] = {
    k.id: k
    for k in (
        permohonan.KIND,
        persetujuan.KIND,
        tugas.KIND,
        konseling.KIND,
        disposisi.KIND,
        rujukan.KIND,
        laporan_pendampingan.KIND,
        pernyataan.KIND,
        tanda_terima.KIND,
        nota_dinas.KIND,
        undangan.KIND,
        berita_acara.KIND,
        penutupan.KIND,
    )
}
"""Every letter kind, by id: a new kind is one module and one line here."""


KINDS: tuple[str, ...] = tuple(REGISTRY)
"""The letter kinds: ``('permohonan', 'persetujuan', 'tugas', 'konseling', 'disposisi')``."""

NUMBERED: frozenset[str] = frozenset(k.id for k in REGISTRY.values() if k.numbered)
"""Kinds that carry a number from the outgoing register (agenda surat keluar)."""

JUDUL: dict[str, str] = {k.id: k.judul for k in REGISTRY.values()}
"""Titles for the print pack's outline."""

MODELS: dict[str, type[DataSurat]] = {k.id: k.model for k in REGISTRY.values()}
"""The data model of each kind."""

SIGNABLE: frozenset[str] = frozenset(k.id for k in REGISTRY.values() if k.signable)
"""Kinds the office signs (by hand or with a TTE); the others it never signs."""

KELUAR: frozenset[str] = frozenset(k.id for k in REGISTRY.values() if k.privasi == "keluar")
"""Kinds that leave the office: they print initials and case numbers, never identity."""

if get_args(Jenis) != KINDS:  # the static list of kinds (surat.Jenis) follows this registry
    raise ImportError(f"surat.vocab.Jenis {get_args(Jenis)} differs from the registry {KINDS}")


def kind(name: str) -> Kind:
    """The registered kind *name*; the one check of a kind's name in surat.

    >>> kind("tugas").numbered, kind("tugas").privasi, kind("disposisi").signable
    (True, 'keluar', False)
    >>> kind("memo")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: jenis: salah satu dari permohonan, ... diharapkan, bukan 'memo'
    """
    spec = REGISTRY.get(name) if isinstance(name, str) else None
    if spec is None:
        raise SuratError(f"jenis: salah satu dari {', '.join(KINDS)} diharapkan, bukan {name!r}")
    return spec


_spec = kind  # for the functions below, whose parameter is named ``kind``


def validate(kind: str, data: Any, *, register: Books | None = None) -> DataSurat:
    """Check *data* (a dict or the kind's model) and return the kind's model.

    Every problem is listed with its field path; no value is ever quoted.
    With *register* (a :class:`surat.Register`), every case, incoming letter
    and approval the letter cites must be an active row of its books, and the
    dates the letter prints of them must agree (:mod:`surat.letters.referensi`);
    a letter that leaves the office is also refused when a free-text field
    holds a protected word of the case it cites (:mod:`surat.letters.privasi`).
    """
    spec = _spec(kind)
    model = spec.model
    if isinstance(data, model):
        checked: DataSurat = data
    elif isinstance(data, BaseModel):
        raise SuratError(
            f"{kind}: {model.__name__} atau dict diharapkan, bukan {type(data).__name__}"
        )
    elif not isinstance(data, dict):
        raise SuratError(f"{kind}: data harus berupa dict atau {model.__name__}")
    else:
        checked = validate_model(model, data, kind)
    referensi.check(kind, checked, register)
    privasi.check_register(spec, checked, register)
    return checked


_PERINGATAN: dict[str, Callable[[Any], list[str]]] = {"tugas": tugas.peringatan}
"""The kinds whose data can warrant a warning (allowed, but worth a look)."""


def peringatan(kind: str, data: DataSurat) -> list[str]:
    """Warnings about a valid letter: each names its field (``tugas.1.tanggal: hari
    Sabtu, ... (akhir pekan)``); the letter is still made. Never a person's data.

    >>> peringatan("tugas", validate("tugas", example_data("tugas")))
    []
    """
    spec = _spec(kind)
    if not isinstance(data, spec.model):
        raise SuratError(f"{kind}: {spec.model.__name__} diharapkan, bukan {type(data).__name__}")
    found = _PERINGATAN.get(kind)
    return found(data) if found is not None else []


def build_context(
    kind: str, data: DataSurat, office: Office, *, tanggal: date, nomor: str | None = None
) -> dict[str, Any]:
    """What the kind's template may print: office, letter header, signer, and the data.

    Letters that leave the office get the victim's initials, never the name.
    """
    spec = _spec(kind)
    if not isinstance(data, spec.model):
        raise SuratError(f"{kind}: {spec.model.__name__} diharapkan, bukan {type(data).__name__}")
    surat: dict[str, Any] = {
        "nomor": nomor or "",
        "tanggal": tanggal,
        "tempat": office.kota,
        "tanggal_teks": f"{office.kota}, {format_tanggal(tanggal)}",
        "judul": spec.judul,
        "tahun": tanggal.year,
        "bulan_romawi": bulan_romawi(tanggal.month),
    }
    ctx: dict[str, Any] = {"kop": kop_context(office, kind), "surat": surat}
    ctx.update(spec.context(data, office, surat, tanggal))
    return ctx


def example_data(kind: str) -> dict[str, Any]:
    """Complete, realistic and entirely fictional data for one letter kind.

    Every person in it is invented; the NIK and NIP have the right shape only.

    >>> example_data("persetujuan")["korban"]
    {'nama': 'Putri Ayu Lestari', 'nomor_registrasi': '001/REG-PPA/XI/2026', 'anak': True}
    >>> validate("tugas", example_data("tugas")).diktum
    'MENUGASKAN'
    """
    return copy.deepcopy(_spec(kind).example())


def printed_signer(
    kind: str, data: DataSurat, office: Office, tanggal: date | None = None
) -> tuple[str, str]:
    """The signer's name and NIP (digits) a letter of *kind* with the validated
    *data* will print, known before it is numbered: its own Plt./Plh., the
    profile's standing appointment on its date, or the profile's official
    (:func:`surat.letters.penandatangan.printed_name`); '' where it prints none.

    *tanggal* is the letter's date when *data* has none (default: today, WIB,
    the date its number will carry).

    >>> office = Office.default()
    >>> printed_signer("tugas", validate("tugas", example_data("tugas")), office)
    ('UMIYATI, SE', '196210271985032006')
    """
    when = getattr(data, "tanggal", None) or tanggal or today()
    ctx = build_context(kind, data, office, tanggal=when)
    return printed_name(ctx), printed_nip(ctx)


def __getattr__(name: str) -> Any:
    if name == "Nomor":  # the text type, renamed so as not to be taken for surat.Nomor
        import warnings

        warnings.warn(
            "surat.letters.Nomor is now surat.letters.NomorTeks (surat.Nomor is the "
            "register's number)",
            DeprecationWarning,
            stacklevel=2,
        )
        return NomorTeks
    raise AttributeError(f"module 'surat.letters' has no attribute {name!r}")
