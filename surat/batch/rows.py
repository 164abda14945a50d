"""Rows of a batch: CSV, XLSX or JSON (or dicts) to each letter's nested data.

Rows are flat in CSV and XLSX, so a column name is a path into the letter's
data: ``korban.nama``, ``permohonan.tanggal``, ``pendamping.1.nama`` (lists
count from 1). A cell for a list of words (``layanan``, ``tembusan``) holds
them separated by ``;``. Empty cells count as absent. Rows given as flat dicts
(``csv.DictReader``'s) are read by the same cell rules as the CSV file, keys
as its header. JSON holds a list of objects shaped like the letter's data.
Row numbers are the spreadsheet's: the header is row 1, the first letter row
2. In JSON, and in rows given as dicts, the first object is row 1.
"""

from __future__ import annotations

import csv
import io
import os
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..archive import check_archive
from ..errors import SuratError
from ..files import MAX_DATA_BYTES, parse_text, read_text

if TYPE_CHECKING:
    pass


__all__ = [
    "IDENTIFIERS",
    "LIST_SEPARATOR",
    "MAX_ROWS",
    "Row",
    "as_rows",
    "load_rows",
    "nest",
    "rows_from_text",
]

#: At most this many rows per batch: a pack beyond it is better split.
MAX_ROWS = 5000
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Row:
    """One letter's data and where it came from (its row number)."""

    baris: int
    data: dict[str, Any] = field(repr=False)
    columns: Mapping[str, str] = field(default_factory=dict, repr=False)
    """Each filled column's data path (``pendamping.1.nama``) -> how the sheet names it."""
    numeric: frozenset[str] = frozenset()
    """The data paths whose cells held numbers (not text) in the spreadsheet."""

    def __repr__(self) -> str:  # the data may name a child victim
        return f"Row(baris={self.baris})"


# -- reading rows -------------------------------------------------------------


#: Fields that hold identifiers written with digits (NIP, NIK, phone numbers):
#: a spreadsheet that stores them as numbers has already lost leading zeros or
#: the digits past the 15th, so such a cell is refused, never repaired.
IDENTIFIERS = frozenset({"nip", "nik", "nomor_kk", "no_kk", "telepon", "hp", "no_hp", "nomor_hp"})


def _column_letter(index: int) -> str:
    """Spreadsheet column letters, counting from 0.

    >>> _column_letter(0), _column_letter(25), _column_letter(26), _column_letter(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _path_key(name: str) -> str:
    """A column name as a data path: parts stripped, list positions as numbers.

    >>> _path_key(" pendamping . 01 .nama")
    'pendamping.1.nama'
    """
    parts = [p.strip() for p in name.split(".")]
    return ".".join(str(int(p)) if p.isdigit() else p for p in parts)


@dataclass(frozen=True)
class _Header:
    """A sheet's header row: each column's path, letter and name as typed."""

    keys: list[str]
    labels: dict[str, str]

    @classmethod
    def read(cls, cells: Sequence[Any], where: str, letters: bool = True) -> _Header:
        """*letters*: a sheet's columns are named by letter too (``kolom F 'x'``);
        a dict's keys have no letters (``kolom 'x'``)."""
        keys: list[str] = []
        labels: dict[str, str] = {}
        for i, cell in enumerate(cells):
            typed = "" if cell is None else str(cell).strip()
            key = _path_key(typed) if typed else ""
            keys.append(key)
            if not key:
                continue
            label = f"kolom {_column_letter(i)} '{typed}'" if letters else f"kolom '{typed}'"
            if key in labels:
                raise SuratError(
                    f"{where}: {labels[key]} dan {label} menamai isian yang sama; "
                    "simpan salah satunya (surat tidak boleh memakai satu nilai dan "
                    "membuang yang lain)"
                )
            labels[key] = label
        if not labels:
            raise SuratError(f"{where}: tidak ada baris judul (nama kolom seperti korban.nama)")
        return cls(keys, labels)


def _cell(value: Any) -> Any:
    """A spreadsheet value as the letter models take it; None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def nest(flat: Mapping[str, Any], baris: int = 0) -> dict[str, Any]:
    """Turn ``{"korban.nama": x, "pendamping.1.nama": y}`` into nested data.

    >>> nest({"korban.nama": "A", "pendamping.2.nama": "C", "pendamping.1.nama": "B"})
    {'korban': {'nama': 'A'}, 'pendamping': [{'nama': 'B'}, {'nama': 'C'}]}
    >>> nest({"layanan.1": "Kesehatan", "kepada": None})
    {'layanan': ['Kesehatan']}
    """
    root: dict[str, Any] = {}
    where = f"baris {baris}: " if baris else ""
    for key, value in flat.items():
        if value is None:
            continue
        parts = [p.strip() for p in str(key).split(".")]
        if not all(parts):
            raise SuratError(f"{where}kolom '{key}': ada bagian kosong pada namanya")
        parts = [str(int(p)) if p.isdigit() else p for p in parts]
        node = root
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if part in node and (last or not isinstance(node[part], dict)):
                raise SuratError(
                    f"{where}kolom '{key}': diberikan dua kali atau bertabrakan dengan kolom lain"
                )
            if last:
                node[part] = value
            else:
                node = node.setdefault(part, {})
    nested: dict[str, Any] = _lists(root, where)
    return nested


def _lists(node: Any, where: str = "", path: str = "") -> Any:
    """Dicts whose keys are all 1, 2, 3... become lists in that order; a gap is refused
    (``pendamping.1`` and ``pendamping.3`` without ``pendamping.2``: a shifted column?)."""
    if not isinstance(node, dict):
        return node
    items = {k: _lists(v, where, f"{path}{k}.") for k, v in node.items()}
    if items and all(k.isdigit() and int(k) >= 1 for k in items):
        numbers = sorted(int(k) for k in items)
        if numbers != list(range(1, len(numbers) + 1)):
            gap = next(n for n in range(1, numbers[-1] + 1) if n not in numbers)
            raise SuratError(
                f"{where}kolom '{path}{numbers[-1]}...' terisi tetapi '{path}{gap}...' "
                "kosong: isi daftar mulai dari 1 tanpa celah"
            )
        return [items[str(n)] for n in numbers]
    return items


def split_lists(model: Any, data: Any) -> Any:
    """A text cell given for a list of words becomes the list (``a; b``)."""
    if not (isinstance(model, type) and issubclass(model, BaseModel)) or not isinstance(data, dict):
        return data
    out = dict(data)
    for name, info in model.model_fields.items():
        if name not in out:
            continue
        ann = unwrap(info.annotation)
        value = out[name]
        if typing.get_origin(ann) is list:
            (inner,) = typing.get_args(ann) or (Any,)
            inner = unwrap(inner)
            if isinstance(value, str):
                out[name] = [v.strip() for v in value.split(LIST_SEPARATOR) if v.strip()]
            elif isinstance(value, list):
                out[name] = [split_lists(inner, v) for v in value]
        else:
            out[name] = split_lists(ann, value)
    return out


def unwrap(ann: Any) -> Any:
    """``X | None`` -> X; Annotated[X, ...] -> X."""
    while True:
        origin = typing.get_origin(ann)
        if origin is typing.Annotated:
            ann = typing.get_args(ann)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(ann) if a is not type(None)]
            if len(args) != 1:
                return ann
            ann = args[0]
        else:
            return ann


def _read_csv(path: Path) -> list[Row]:
    return _csv_rows(read_text(path, "berkas CSV"), str(path))


def _csv_rows(text: str, path: str) -> list[Row]:
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows: list[Row] = []
    i = 1  # the spreadsheet's row number: the header is row 1
    try:
        header = _Header.read(next(reader, []), str(path))
        while True:
            i += 1
            cells = next(reader, None)
            if cells is None:
                break
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header.keys):
                raise SuratError(
                    f"{path}: baris {i}: sel lebih banyak daripada kolom di baris judul"
                )
            if len(rows) == MAX_ROWS:
                raise SuratError(
                    f"{path}: paling banyak {MAX_ROWS} surat per proses; pecah berkasnya"
                )
            try:
                rows.append(_row(header, i, [_cell(c) for c in cells], frozenset()))
            except SuratError as exc:
                raise SuratError(f"{path}: {exc}") from None
    except csv.Error as exc:  # a cell over csv.field_size_limit(), a stray quote...
        raise SuratError(f"{path}: baris {i}: tidak terbaca sebagai CSV ({exc})") from None
    return rows


def _row(header: _Header, i: int, cells: list[Any], numeric: frozenset[str]) -> Row:
    values = dict(zip(header.keys, cells, strict=False))
    if values.pop("", None) is not None:
        raise SuratError(f"baris {i}: ada nilai di bawah kolom tanpa nama")
    columns = {k: header.labels[k] for k, v in values.items() if v is not None}
    return Row(i, nest(values, i), columns, numeric)


def _read_xlsx(path: Path) -> list[Row]:
    """The first sheet. Formulas are read as the value the spreadsheet saved with
    them; a formula without one (a file written by a program, never opened in a
    spreadsheet) is refused, as is an error value such as ``#REF!``."""
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - an optional dependency
        raise SuratError(
            f"{path}: membaca .xlsx memerlukan openpyxl (pip install surat[xlsx])"
        ) from None
    try:
        if path.stat().st_size > MAX_DATA_BYTES:
            raise SuratError(
                f"{path}: lebih besar dari {MAX_DATA_BYTES // 2**20} MB; pecah berkasnya"
            )
        check_archive(path, path)  # a zip bomb is refused before anything is inflated
        # read-only: rows stream from the archive; twice: formulas, then saved values
        wb_f = load_workbook(path, read_only=True, data_only=False)
        wb_v = load_workbook(path, read_only=True, data_only=True)
    except SuratError:
        raise
    except Exception as exc:
        raise SuratError(
            f"{path}: bukan buku kerja .xlsx yang terbaca ({type(exc).__name__})"
        ) from None
    try:
        formulas = wb_f.worksheets[0].iter_rows()
        values = wb_v.worksheets[0].iter_rows()
        first = next(values, None)
        next(formulas, None)
        if not first:
            raise SuratError(f"{path}: tidak ada baris judul di lembar pertama")
        header = _Header.read([c.value for c in first], str(path))
        rows: list[Row] = []
        for i, (f_cells, v_cells) in enumerate(zip(formulas, values, strict=False), start=2):
            cells: list[Any] = []
            numeric: set[str] = set()
            for j, (fc, vc) in enumerate(zip(f_cells, v_cells, strict=False)):
                key = header.keys[j] if j < len(header.keys) else ""
                where = f"{path}: baris {i}, " + (
                    header.labels[key] if key else f"kolom {_column_letter(j)}"
                )
                if getattr(vc, "data_type", None) == "e":
                    raise SuratError(f"{where}: nilai galat seperti #REF! atau #N/A")
                if getattr(fc, "data_type", None) == "f" and vc.value is None:
                    raise SuratError(
                        f"{where}: rumus tanpa nilai tersimpan (buka berkas di aplikasi "
                        "lembar kerja lalu simpan, atau ketik nilainya)"
                    )
                if isinstance(vc.value, int | float) and not isinstance(vc.value, bool):
                    numeric.add(key)
                cells.append(_cell(vc.value))
            if all(v is None for v in cells):
                continue
            if len(rows) == MAX_ROWS:
                raise SuratError(
                    f"{path}: paling banyak {MAX_ROWS} surat per proses; pecah berkasnya"
                )
            try:
                rows.append(_row(header, i, cells, frozenset(numeric)))
            except SuratError as exc:
                raise SuratError(f"{path}: {exc}") from None
        return rows
    finally:
        wb_f.close()
        wb_v.close()


def _read_json(path: Path) -> list[Row]:
    return _json_rows(read_text(path, "berkas JSON"), str(path))


def _json_rows(text: str, path: str) -> list[Row]:
    data = parse_text(text, ".json", path)
    if isinstance(data, dict) and isinstance(data.get("baris"), list):
        data = data["baris"]
    if not isinstance(data, list):
        raise SuratError(f"{path}: daftar JSON berisi surat (objek) diharapkan")
    if len(data) > MAX_ROWS:
        raise SuratError(f"{path}: paling banyak {MAX_ROWS} surat per proses; pecah berkasnya")
    rows = []
    for i, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise SuratError(f"{path}: baris {i}: objek diharapkan")
        rows.append(Row(i, item))
    return rows


def load_rows(path: str | os.PathLike[str]) -> list[Row]:
    """Read the rows of a .csv, .xlsx or .json file (see the module's notes)."""
    p = Path(path)
    if not p.is_file():
        raise SuratError(f"{p}: berkas data tidak ada")
    readers: dict[str, Callable[[Path], list[Row]]] = {
        ".csv": _read_csv,
        ".xlsx": _read_xlsx,
        ".json": _read_json,
    }
    reader = readers.get(p.suffix.lower())
    if reader is None:
        raise SuratError(f"{p}: berkas .csv, .xlsx atau .json diharapkan")
    rows = reader(p)
    if not rows:
        raise SuratError(f"{p}: tidak ada surat di dalam berkas")
    if len(rows) > MAX_ROWS:
        raise SuratError(f"{p}: paling banyak {MAX_ROWS} surat per proses; pecah berkasnya")
    return rows


def rows_from_text(text: str, format: str, where: str = "stdin") -> list[Row]:
    """The rows of CSV or JSON *text* read from *where* (``stdin``, for errors), as
    :func:`load_rows` reads a file of that *format* (``"csv"`` or ``"json"``).

    >>> [r.data for r in rows_from_text("korban.nama,nomor\\nA,1\\n", "csv")]
    [{'korban': {'nama': 'A'}, 'nomor': '1'}]
    """
    readers: dict[str, Callable[[str, str], list[Row]]] = {"csv": _csv_rows, "json": _json_rows}
    reader = readers.get(format)
    if reader is None:
        raise SuratError(f"format: 'csv' atau 'json' diharapkan untuk {where}")
    rows = reader(text, where)
    if not rows:
        raise SuratError(f"{where}: tidak ada surat di dalam data")
    return rows


#: What a spreadsheet cell can hold: a dict of only these is a sheet's row.
_SCALARS = (str, int, float, bool, date, type(None))


def _dict_row(item: Mapping[Any, Any], i: int) -> Row | None:
    """One dict of letter data as a :class:`Row`; None for a row with every cell empty.

    A flat dict (every value one cell: text, a number, a date, None), such as
    ``csv.DictReader`` gives, is read exactly as that CSV file's row: the same
    cell rules (an empty string is an empty cell; text is stripped), its keys
    as the header. A dict holding dicts or lists is letter data as JSON holds it.
    """
    if None in item:  # csv.DictReader's key for the cells beyond the header
        raise SuratError(f"baris {i}: sel lebih banyak daripada kolom di baris judul")
    if not all(isinstance(v, _SCALARS) for v in item.values()):
        flat = any("." in str(k) for k in item)
        return Row(i, nest(item, i) if flat else dict(item))
    if not all(isinstance(k, str) for k in item):
        raise SuratError(f"baris {i}: nama kolom (teks) diharapkan sebagai kuncinya")
    header = _Header.read(list(item), f"baris {i}", letters=False)
    values = list(item.values())
    cells = [_cell(v) for v in values]
    if all(c is None for c in cells):
        return None
    numeric = frozenset(
        k
        for k, v in zip(header.keys, values, strict=True)
        if isinstance(v, int | float) and not isinstance(v, bool)
    )
    return _row(header, i, cells, numeric)


def as_rows(source: str | os.PathLike[str] | Iterable[Mapping[str, Any] | Row]) -> list[Row]:
    """Rows from a data file, or from dicts (each read by :func:`_dict_row`) or Rows.

    >>> [r.data for r in as_rows([{"korban.nama": " A ", "pendamping.2.nama": "", "nomor": ""}])]
    [{'korban': {'nama': 'A'}}]
    """
    if isinstance(source, str | os.PathLike):
        return load_rows(source)
    rows: list[Row] = []
    for i, item in enumerate(source, start=1):
        if isinstance(item, Row):
            rows.append(item)
        elif isinstance(item, Mapping):
            row = _dict_row(item, i)
            if row is not None:
                rows.append(row)
        else:
            raise SuratError(f"baris {i}: dict berisi data surat diharapkan")
        if len(rows) > MAX_ROWS:
            raise SuratError(
                f"rows: paling banyak {MAX_ROWS} surat per cetak massal; bagi menjadi beberapa"
            )
    if not rows:
        raise SuratError("rows: tidak ada surat yang diberikan")
    return rows
