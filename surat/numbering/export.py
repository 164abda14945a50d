"""The three books as spreadsheets: CSV or XLSX, written atomically, owner-only.

* ``keluar``: the outgoing agenda (Buku Agenda Surat Keluar);
* ``masuk``: the incoming agenda (Buku Agenda Surat Masuk);
* ``kasus``: the case register (Buku Register Penanganan Kasus) with each
  case's Simfoni-PPA categories and how many of its SOP steps ran over their
  mutu baku; the XLSX file has a second sheet, ``Langkah SOP``, with every
  recorded step.

Every row that belongs to a case carries its registration number. A step's
``catatan`` (free text that may name a person) is never exported, nor any
name: the books hold categories, roles and numbers. A free-text cell (perihal,
tujuan, dari, a reason) that holds a protected word of its row's case is
exported as :data:`DILINDUNGI`; the register keeps what was typed. Text that a
spreadsheet would run as a formula is written as text.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..dates import WIB
from ..errors import SuratError
from ..files import Target, write_target
from .checks import clean

if TYPE_CHECKING:
    from .langkah import LangkahKasus
    from .records import Entry, Masuk

__all__ = ["DILINDUNGI", "FREE_TEXT", "HEADERS", "SHEETS", "Output", "kasus", "keluar", "masuk"]

Sheet = tuple[str, list[str], list[list[Any]]]
"""A sheet's title, its header and its rows."""

SHEETS = {
    "keluar": "Agenda Surat Keluar",
    "masuk": "Agenda Surat Masuk",
    "kasus": "Register Penanganan Kasus",
}
HEADERS: dict[str, list[str]] = {
    "keluar": [
        "Nomor", "Urut", "Sisipan", "Klasifikasi", "Tanggal", "Perihal", "Tujuan", "Status",
        "Alasan terbit", "Alasan batal", "Dicatat (WIB)", "Dibatalkan (WIB)", "Nomor registrasi",
    ],
    "masuk": [
        "Nomor agenda", "Urut", "Tanggal terima", "Dari", "Nomor surat", "Tanggal surat",
        "Perihal", "Nomor registrasi", "Status", "Alasan batal", "Dicatat (WIB)",
        "Dibatalkan (WIB)",
    ],
    "kasus": [
        "Nomor registrasi", "Urut", "Tanggal", "Perihal", "Status", "Jenis kekerasan",
        "Tempat kejadian", "Hubungan pelaku", "Layanan", "Jenis kelamin korban",
        "Kelompok umur korban", "Langkah tercatat", "Langkah terlambat", "Alasan batal",
        "Dicatat (WIB)", "Dibatalkan (WIB)",
    ],
}  # fmt: skip
#: The columns a clerk types freely: a cell that holds a protected word of its row's
#: case (:meth:`surat.Register.find_protected`) is exported as :data:`DILINDUNGI`.
FREE_TEXT = frozenset({"Perihal", "Tujuan", "Dari", "Nomor surat", "Alasan terbit", "Alasan batal"})
#: What an exported cell says in place of text that names a case's people.
DILINDUNGI = "(disamarkan: memuat identitas yang dilindungi)"
STEP_SHEET = "Langkah SOP"
STEP_HEADER = [
    "Nomor registrasi", "SOP", "Langkah", "Kegiatan", "Mulai (WIB)", "Selesai (WIB)",
    "Durasi (menit)", "Mutu baku (menit)", "Terlambat", "Oleh", "Hasil",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Output:
    """Where a book goes and as what: checked before the register reads a row."""

    target: Target
    name: str
    """The path as given, or 'export' for a stream (error messages name it)."""
    suffix: str
    """'.csv' or '.xlsx'."""

    @classmethod
    def of(cls, target: Target, format: Literal["csv", "xlsx"] | None = None) -> Output:
        """*target* is a path ending in .csv or .xlsx, or a binary stream with *format*."""
        if isinstance(target, str | os.PathLike):
            name, suffix = str(target), Path(target).suffix.lower()
        else:
            name, suffix = "export", ""
        if format is not None:
            if format not in ("csv", "xlsx"):
                raise SuratError("format: 'csv' atau 'xlsx' diharapkan")
            if suffix and suffix != f".{format}":
                raise SuratError(f"{name}: format={format!r} tetapi nama berkas berakhiran lain")
            suffix = f".{format}"
        elif not isinstance(target, str | os.PathLike):
            raise SuratError("format: 'csv' atau 'xlsx' diharapkan saat menulis ke aliran")
        if suffix not in (".csv", ".xlsx"):
            raise SuratError(f"{name}: nama berkas .csv atau .xlsx diharapkan")
        return cls(target, name, suffix)

    def check_writer(self) -> None:
        """Refuse .xlsx when openpyxl (the optional extra) is missing."""
        if self.suffix == ".xlsx":
            try:
                import openpyxl  # noqa: F401
            except ImportError:
                raise SuratError(
                    f"{self.name}: menulis .xlsx memerlukan tambahan surat[xlsx] "
                    "(pip install 'surat[xlsx]')"
                ) from None

    def write(self, sheets: Sequence[Sheet]) -> Path | None:
        """The sheets as one file (CSV: the first sheet only), made in memory, then
        written whole (atomically and owner-only to a path); a path is returned."""
        with _export_errors(self.name):
            if self.suffix == ".csv":
                _title, header, rows = sheets[0]
                text = io.StringIO()
                writer = csv.writer(text)
                writer.writerow(header)
                writer.writerows([[_csv_cell(v) for v in row] for row in rows])
                data = text.getvalue().encode("utf-8")
            else:
                import openpyxl

                wb = openpyxl.Workbook()
                ws = wb.active
                for i, (title, header, rows) in enumerate(sheets):
                    if i:
                        ws = wb.create_sheet()
                    ws.title = title
                    ws.append(header)
                    for row in rows:
                        ws.append(row)
                    for cells in ws.iter_rows(min_row=2):
                        for cell in cells:  # text is text: '=...' must never become a formula
                            if isinstance(cell.value, str):
                                cell.data_type = "s"
                buf = io.BytesIO()
                wb.save(buf)
                data = buf.getvalue()
            return write_target(self.target, data, "ekspor")


def keluar(entries: Sequence[Entry]) -> list[Sheet]:
    """The outgoing agenda."""
    return [(SHEETS["keluar"], HEADERS["keluar"], [_keluar(e) for e in entries])]


def masuk(received: Sequence[Masuk]) -> list[Sheet]:
    """The incoming agenda."""
    return [(SHEETS["masuk"], HEADERS["masuk"], [_masuk(m) for m in received])]


def kasus(cases: Sequence[Entry], steps: Sequence[LangkahKasus]) -> list[Sheet]:
    """The case register, then every recorded step (a second sheet, in XLSX only)."""
    return [
        (SHEETS["kasus"], HEADERS["kasus"], [_kasus(e, steps) for e in cases]),
        (STEP_SHEET, STEP_HEADER, [_langkah(s) for s in steps]),
    ]


@contextlib.contextmanager
def _export_errors(target: str) -> Iterator[None]:
    """A failing write names the file, never the row it was writing (it may quote text)."""
    try:
        yield
    except OSError as exc:
        raise SuratError(f"{target}: buku agenda tidak dapat ditulis ({exc.strerror})") from None
    except (ValueError, TypeError) as exc:
        raise SuratError(
            f"{target}: buku agenda tidak dapat ditulis ({type(exc).__name__})"
        ) from None


def _wib(t: datetime | None) -> datetime | None:
    return None if t is None else t.astimezone(WIB).replace(tzinfo=None, microsecond=0)


def _text(value: str | None) -> str | None:
    """Text cleaned as it is when it enters (rows written by older versions may
    hold control characters that a spreadsheet file cannot)."""
    return None if value is None else clean(value)


def _keluar(e: Entry) -> list[Any]:
    return [
        _text(e.nomor), e.urut, _text(e.sisipan), _text(e.klasifikasi), e.tanggal,
        _text(e.perihal), _text(e.tujuan), e.status, _text(e.alasan_terbit),
        _text(e.alasan_batal), _wib(e.created_at), _wib(e.batal_at), _text(e.nomor_registrasi),
    ]  # fmt: skip


def _masuk(m: Masuk) -> list[Any]:
    return [
        _text(m.nomor), m.urut, m.tanggal_terima, _text(m.dari), _text(m.nomor_surat),
        m.tanggal_surat, _text(m.perihal), _text(m.nomor_registrasi), m.status,
        _text(m.alasan_batal), _wib(m.created_at), _wib(m.batal_at),
    ]  # fmt: skip


def _kasus(e: Entry, steps: Sequence[LangkahKasus]) -> list[Any]:
    k = e.kategori
    own = [s for s in steps if s.nomor_registrasi == e.nomor]
    return [
        _text(e.nomor), e.urut, e.tanggal, _text(e.perihal), e.status,
        "; ".join(k.jenis_kekerasan) if k else None,
        k.tempat_kejadian if k else None,
        k.hubungan_pelaku if k else None,
        "; ".join(k.layanan) if k else None,
        k.jenis_kelamin if k else None,
        k.kelompok_umur if k else None,
        len(own), sum(1 for s in own if s.terlambat),
        _text(e.alasan_batal), _wib(e.created_at), _wib(e.batal_at),
    ]  # fmt: skip


def _langkah(s: LangkahKasus) -> list[Any]:
    # never s.catatan: free text that may name a person stays in the register
    return [
        _text(s.nomor_registrasi), s.sop, s.langkah, _text(s.kegiatan), _wib(s.mulai),
        _wib(s.selesai), round(s.durasi.total_seconds() / 60, 1),
        round(s.mutu_baku.total_seconds() / 60, 1), "ya" if s.terlambat else "tidak",
        s.oleh, s.hasil,
    ]  # fmt: skip


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value  # a spreadsheet must not run text as a formula
    return value
