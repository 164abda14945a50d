"""What the register hands out and lists: numbers and the rows of its books.

:class:`Letter` is the other direction: what the agenda records about a
letter when a number is taken for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from ..simfoni import KategoriKasus
from ..vocab import Buku, Status

__all__ = ["Entry", "Letter", "Masuk", "Nomor", "Paraf", "Penutupan"]


@dataclass(frozen=True, slots=True)
class Nomor:
    """A number the register handed out. ``str(n)`` is the number as printed."""

    nomor: str
    urut: int
    tanggal: date
    """The letter's date in WIB; its month and year are the number's."""
    klasifikasi: str = ""
    sisipan: str = ""
    """'' for a regular number, 'a', 'b', ... for an inserted (backdated) one."""

    @property
    def tahun(self) -> int:
        return self.tanggal.year

    @property
    def bulan(self) -> int:
        return self.tanggal.month

    def __str__(self) -> str:
        return self.nomor


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the outgoing agenda (or of the case register)."""

    nomor: str
    urut: int
    tanggal: date
    perihal: str = field(repr=False)
    tujuan: str = field(repr=False)
    status: Status
    """'aktif' or 'batal' (voided; the number is never given again)."""
    created_at: datetime
    """When the number was issued, in WIB."""
    klasifikasi: str = ""
    sisipan: str = ""
    alasan_terbit: str | None = field(default=None, repr=False)
    """Why the number was issued as it was (e.g. a backdated letter)."""
    alasan_batal: str | None = field(default=None, repr=False)
    batal_at: datetime | None = None
    batch: str | None = None
    """Set while a batch that took the number has not finished its pack
    (``host:pid:id``); an active number whose batch died keeps it: see
    :meth:`Register.pending`."""
    nomor_registrasi: str = ""
    """The case the letter belongs to ('' when none); in the case book, ''."""
    kategori: KategoriKasus | None = None
    """In the case book: the case's Simfoni-PPA categories, when recorded."""
    buku: Buku = "keluar"
    """The book the number is in: 'keluar', 'kasus' (:meth:`Register.cases`) or,
    in :meth:`Register.pending`, 'masuk' too (a case's pack takes one there)."""
    kop: str = ""
    """The outgoing book of a letterhead with its own code: that code (``[kop.NAME]
    kode``, as its numbers print it); '' for the office's own book (and in the
    incoming and case books, which are the office's)."""

    @property
    def alasan(self) -> str | None:
        """The reason on record: why it was voided, else why it was issued so."""
        return self.alasan_batal if self.status == "batal" else self.alasan_terbit

    @property
    def tahun(self) -> int:
        return self.tanggal.year


@dataclass(frozen=True, slots=True)
class Masuk:
    """One row of the incoming agenda (Buku Agenda Surat Masuk)."""

    nomor: str
    """The agenda number the office gave the letter on receipt."""
    urut: int
    tanggal_terima: date
    dari: str = field(repr=False)
    nomor_surat: str = field(repr=False)
    tanggal_surat: date | None = field(repr=False)
    perihal: str = field(repr=False)
    created_at: datetime
    status: Status = "aktif"
    alasan_batal: str | None = field(default=None, repr=False)
    batal_at: datetime | None = None
    nomor_registrasi: str = ""
    """The case the letter belongs to ('' when none)."""


@dataclass(frozen=True, slots=True)
class Letter:
    """What the agenda records about one letter besides its number (checked text)."""

    buku: Buku
    tanggal: date
    perihal: str
    klasifikasi: str = ""
    tujuan: str = ""
    dari: str = ""
    nomor_surat: str = ""
    tanggal_surat: date | None = None
    alasan: str | None = None
    batch: str | None = None
    nomor_registrasi: str = ""
    kop: str = ""
    """The letterhead's book: its code, '' for the office's own (:attr:`Entry.kop`)."""

    def row(self, kode: str, counter: str) -> tuple[object, ...]:
        """INSERT_ENTRY's parameters up to urut, sisipan and nomor (which come last)."""
        return (
            self.buku, kode, self.kop, counter, self.tanggal, self.tanggal.year, self.klasifikasi,
            self.perihal, self.tujuan, self.dari, self.nomor_surat, self.tanggal_surat,
            self.alasan, self.batch, self.nomor_registrasi,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Paraf:
    """An electronic paraf: an official initialled a numbered letter before it was signed.

    The official is the profile's role key (``pejabat``), with the jabatan and
    NIP the profile gave it when the paraf was recorded; ``waktu`` is the
    register's own clock, in WIB.
    """

    nomor: str
    pejabat: str
    """The role key of the office profile's ``[pejabat]``, e.g. 'kasi_pha'."""
    jabatan: str
    nip: str
    """Digits only; '' when the official has none."""
    waktu: datetime


@dataclass(frozen=True, slots=True)
class Penutupan:
    """A case closed (``tindakan='tutup'``, *alasan* one of
    :data:`surat.vocab.ALASAN_PENUTUPAN`) or reopened (``'buka'``, *alasan* the
    reason as typed: keep names out of it), on *tanggal*."""

    nomor_registrasi: str
    tindakan: Literal["tutup", "buka"]
    tanggal: date
    alasan: str = field(repr=False)
