"""Rows of the register's tables read back by column name, one function per shape.

The column names are those the queries of :mod:`surat.numbering.sql` select.
Dates and times come back as the backend stores them (SQLite: ISO text,
PostgreSQL: date and timestamptz) and leave here as dates, and times in WIB.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..dates import WIB
from ..simfoni import KategoriKasus
from .base import Row
from .dokumen import Dokumen
from .langkah import LangkahKasus
from .records import Entry, Masuk

__all__ = ["as_date", "case", "dokumen", "entry", "masuk", "step"]


def entry(r: Row) -> Entry:
    """An agenda row of any book (``Entry.buku`` says which)."""
    return Entry(
        nomor=r["nomor"],
        urut=r["urut"],
        sisipan=r["sisipan"],
        klasifikasi=r["klasifikasi"],
        tanggal=as_date(r["tanggal"]),
        perihal=r["perihal"],
        tujuan=r["tujuan"],
        status=r["status"],
        alasan_terbit=r["alasan_terbit"],
        alasan_batal=r["alasan_batal"],
        created_at=as_wib(r["created_at"]),
        batal_at=None if r["batal_at"] is None else as_wib(r["batal_at"]),
        batch=r["batch"],
        nomor_registrasi=r["nomor_registrasi"],
        buku=r["buku"],
        kop=r["kop"],
    )


def case(r: Row) -> Entry:
    """A row of the case book with its Simfoni-PPA categories, when recorded."""
    kategori = None
    if r["jenis_kekerasan"] is not None:
        kategori = KategoriKasus(
            jenis_kekerasan=_split(r["jenis_kekerasan"]),  # type: ignore[arg-type]
            tempat_kejadian=r["tempat_kejadian"],
            hubungan_pelaku=r["hubungan_pelaku"],
            layanan=_split(r["layanan"]),  # type: ignore[arg-type]
            jenis_kelamin=r["jenis_kelamin"],
            kelompok_umur=r["kelompok_umur"],
        )
    return dataclasses.replace(entry(r), kategori=kategori)


def masuk(r: Row) -> Masuk:
    """A row of the incoming agenda."""
    return Masuk(
        nomor=r["nomor"],
        urut=r["urut"],
        tanggal_terima=as_date(r["tanggal"]),
        dari=r["dari"],
        nomor_surat=r["nomor_surat"],
        tanggal_surat=None if r["tanggal_surat"] is None else as_date(r["tanggal_surat"]),
        perihal=r["perihal"],
        created_at=as_wib(r["created_at"]),
        status=r["status"],
        alasan_batal=r["alasan_batal"],
        batal_at=None if r["batal_at"] is None else as_wib(r["batal_at"]),
        nomor_registrasi=r["nomor_registrasi"],
    )


def step(r: Row) -> LangkahKasus:
    """A recorded SOP step, with its case's registration number."""
    return LangkahKasus(
        nomor_registrasi=r["nomor"],
        sop=r["sop"],
        langkah=int(r["langkah"]),
        kegiatan=r["kegiatan"],
        mutu_baku=timedelta(seconds=int(r["mutu_baku"])),
        mulai=as_wib(r["mulai"]),
        selesai=as_wib(r["selesai"]),
        oleh=r["oleh"],
        hasil=r["hasil"],
        catatan=r["catatan"],
        dicatat=as_wib(r["created_at"]),
    )


def dokumen(r: Row) -> Dokumen:
    """A recorded document of a case, with its case's registration number."""
    return Dokumen(
        nomor_registrasi=r["nomor_registrasi"],
        jenis=r["jenis"],
        tanggal=as_date(r["tanggal"]),
        nomor=r["nomor"],
        buku=r["buku"],
        tahap=r["tahap"],
        sop=r["sop"],
        langkah=None if r["langkah"] is None else int(r["langkah"]),
        kunci=r["kunci"],
        dicatat=as_wib(r["dicatat"]),
    )


def as_date(value: Any) -> date:
    """A stored date (a date, or ISO text).

    >>> as_date("2026-11-22"), as_date(datetime(2026, 11, 22, 23, 0))
    (datetime.date(2026, 11, 22), datetime.date(2026, 11, 22))
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def as_wib(value: Any) -> datetime:
    """A stored instant (naive ones are UTC) in WIB.

    >>> as_wib("2026-11-22T02:10:00+00:00").isoformat()
    '2026-11-22T09:10:00+07:00'
    """
    t = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    return t.astimezone(WIB)


def _split(text: str) -> tuple[str, ...]:
    return tuple(v for v in text.split("; ") if v)
