"""Many letters at once: rows from CSV, XLSX or JSON to one print pack.

The order is what keeps the agenda honest:

1. read and validate EVERY row, and every copy recipient; a bad row stops the
   batch with every problem listed by row number and field, before any number
   is taken or any file is written. What would print a wrong letter is a bad
   row too: a column given twice, a formula without a saved value, an
   identifier (NIP, NIK, phone number) stored as a number;
2. take one number per letter from the register, each marked with the batch's
   id (``host:pid:random``): :meth:`surat.Register.pending` lists them until
   the pack is complete, so a batch killed without a chance to void them
   leaves them visible;
3. render, convert and pack (letters render while earlier ones convert); once
   the pack is on disk, its numbers are finished in one transaction (refused
   if one was voided meanwhile) and only then does the file take its name;
4. if anything fails after step 2, every number the batch took is voided with
   the reason, the error lists them (or those it could not void), and no output
   file is left.

Steps 2 to 4 are :mod:`surat.pack.workflow`, which ``surat kasus`` and ``surat buat`` share.

Rows are flat in CSV and XLSX, so a column name is a path into the letter's
data: ``korban.nama``, ``permohonan.tanggal``, ``pendamping.1.nama`` (lists
count from 1). A cell for a list of words (``layanan``, ``tembusan``) holds
them separated by ``;``. Empty cells count as absent. JSON holds a list of
objects shaped like the letter's data. A ``nomor`` column gives a number
already taken; the batch then takes none for that row.

Row numbers are the spreadsheet's: the header is row 1, the first letter row 2.
In JSON the first object is row 1.
"""

from __future__ import annotations

import csv
import io
import os
import time
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from .archive import check_archive
from .errors import Problem, SuratError
from .files import MAX_DATA_BYTES, parse_text, read_text
from .numbering.pending import BatchError, Pending
from .pack.workflow import check_copies, check_output, print_numbered

if TYPE_CHECKING:
    from .document import Document
    from .numbering import Register
    from .office import Office
    from .pack import PackResult
    from .pdf import Converter
    from .tte import TTE

__all__ = ["BatchError", "Ringkasan", "Row", "load_rows", "print_batch", "validate_rows"]

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


@dataclass(frozen=True)
class Ringkasan:
    """What a batch printed: ``str()`` is the one-screen summary the CLI prints."""

    output: Path
    jenis: str
    letters: int
    copies: int
    pages: int
    numbers: tuple[str, ...]
    seconds: float
    stages: dict[str, float] = field(default_factory=dict)
    signed: int = 0
    """How many letters were signed electronically (``tte=``)."""
    arsip: tuple[Path, ...] = ()
    """The signed originals, one file each (``arsip=``)."""

    @property
    def number_range(self) -> str:
        """``'001/... s.d. 100/...'``, one number, or ``'-'``."""
        if not self.numbers:
            return "-"
        if len(self.numbers) == 1:
            return self.numbers[0]
        return f"{self.numbers[0]} s.d. {self.numbers[-1]}"

    def __str__(self) -> str:
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in self.stages.items())
        return "\n".join(
            [
                f"Berkas   : {self.output}",
                f"Jenis    : {self.jenis}",
                f"Surat    : {self.letters} asli + {self.copies} tembusan",
                f"Halaman  : {self.pages}",
                f"Nomor    : {self.number_range} ({len(self.numbers)} diambil)",
                *(
                    [f"TTE      : {self.signed} surat ditandatangani elektronik"]
                    if self.signed
                    else []
                ),
                *(
                    [f"Arsip    : {len(self.arsip)} berkas asli bertanda tangan"]
                    if self.arsip
                    else []
                ),
                f"Waktu    : {self.seconds:.1f} s" + (f" ({stages})" if stages else ""),
            ]
        )


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
    def read(cls, cells: Sequence[Any], where: str) -> _Header:
        keys: list[str] = []
        labels: dict[str, str] = {}
        for i, cell in enumerate(cells):
            typed = "" if cell is None else str(cell).strip()
            key = _path_key(typed) if typed else ""
            keys.append(key)
            if not key:
                continue
            label = f"kolom {_column_letter(i)} '{typed}'"
            if key in labels:
                raise SuratError(
                    f"{where}: {labels[key]} and {label} name the same field; "
                    "keep one of them (a letter must not take one value and lose the other)"
                )
            labels[key] = label
        if not labels:
            raise SuratError(f"{where}: no header row (column names such as korban.nama)")
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
            raise SuratError(f"{where}column '{key}': an empty part in the name")
        parts = [str(int(p)) if p.isdigit() else p for p in parts]
        node = root
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if part in node and (last or not isinstance(node[part], dict)):
                raise SuratError(f"{where}column '{key}': given twice or clashes with another")
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
                f"{where}column '{path}{numbers[-1]}...' is filled but '{path}{gap}...' is "
                "empty: fill the list from 1 without gaps"
            )
        return [items[str(n)] for n in numbers]
    return items


def _split_lists(model: Any, data: Any) -> Any:
    """A text cell given for a list of words becomes the list (``a; b``)."""
    if not (isinstance(model, type) and issubclass(model, BaseModel)) or not isinstance(data, dict):
        return data
    out = dict(data)
    for name, info in model.model_fields.items():
        if name not in out:
            continue
        ann = _unwrap(info.annotation)
        value = out[name]
        if typing.get_origin(ann) is list:
            (inner,) = typing.get_args(ann) or (Any,)
            inner = _unwrap(inner)
            if isinstance(value, str):
                out[name] = [v.strip() for v in value.split(LIST_SEPARATOR) if v.strip()]
            elif isinstance(value, list):
                out[name] = [_split_lists(inner, v) for v in value]
        else:
            out[name] = _split_lists(ann, value)
    return out


def _unwrap(ann: Any) -> Any:
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
    text = read_text(path, "CSV")
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
                raise SuratError(f"{path}: baris {i}: more cells than columns in the header")
            if len(rows) == MAX_ROWS:
                raise SuratError(f"{path}: at most {MAX_ROWS} letters per batch; split the file")
            try:
                rows.append(_row(header, i, [_cell(c) for c in cells], frozenset()))
            except SuratError as exc:
                raise SuratError(f"{path}: {exc}") from None
    except csv.Error as exc:  # a cell over csv.field_size_limit(), a stray quote...
        raise SuratError(f"{path}: baris {i}: not readable as CSV ({exc})") from None
    return rows


def _row(header: _Header, i: int, cells: list[Any], numeric: frozenset[str]) -> Row:
    values = dict(zip(header.keys, cells, strict=False))
    if values.pop("", None) is not None:
        raise SuratError(f"baris {i}: a value under a column without a name")
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
            f"{path}: reading .xlsx needs openpyxl (pip install surat[xlsx])"
        ) from None
    try:
        if path.stat().st_size > MAX_DATA_BYTES:
            raise SuratError(f"{path}: larger than {MAX_DATA_BYTES // 2**20} MB; split the file")
        check_archive(path, path)  # a zip bomb is refused before anything is inflated
        # read-only: rows stream from the archive; twice: formulas, then saved values
        wb_f = load_workbook(path, read_only=True, data_only=False)
        wb_v = load_workbook(path, read_only=True, data_only=True)
    except SuratError:
        raise
    except Exception as exc:
        raise SuratError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        formulas = wb_f.worksheets[0].iter_rows()
        values = wb_v.worksheets[0].iter_rows()
        first = next(values, None)
        next(formulas, None)
        if not first:
            raise SuratError(f"{path}: no header row in the first sheet")
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
                    raise SuratError(f"{where}: an error value such as #REF! or #N/A")
                if getattr(fc, "data_type", None) == "f" and vc.value is None:
                    raise SuratError(
                        f"{where}: a formula with no saved value (open the file in a "
                        "spreadsheet and save it, or type the value)"
                    )
                if isinstance(vc.value, int | float) and not isinstance(vc.value, bool):
                    numeric.add(key)
                cells.append(_cell(vc.value))
            if all(v is None for v in cells):
                continue
            if len(rows) == MAX_ROWS:
                raise SuratError(f"{path}: at most {MAX_ROWS} letters per batch; split the file")
            try:
                rows.append(_row(header, i, cells, frozenset(numeric)))
            except SuratError as exc:
                raise SuratError(f"{path}: {exc}") from None
        return rows
    finally:
        wb_f.close()
        wb_v.close()


def _read_json(path: Path) -> list[Row]:
    data = parse_text(read_text(path, "JSON file"), ".json", str(path))
    if isinstance(data, dict) and isinstance(data.get("baris"), list):
        data = data["baris"]
    if not isinstance(data, list):
        raise SuratError(f"{path}: a JSON list of letters (objects) expected")
    if len(data) > MAX_ROWS:
        raise SuratError(f"{path}: at most {MAX_ROWS} letters per batch; split the file")
    rows = []
    for i, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise SuratError(f"{path}: baris {i}: an object expected")
        rows.append(Row(i, item))
    return rows


def load_rows(path: str | os.PathLike[str]) -> list[Row]:
    """Read the rows of a .csv, .xlsx or .json file (see the module's notes)."""
    p = Path(path)
    if not p.is_file():
        raise SuratError(f"{p}: no such data file")
    readers: dict[str, Callable[[Path], list[Row]]] = {
        ".csv": _read_csv,
        ".xlsx": _read_xlsx,
        ".json": _read_json,
    }
    reader = readers.get(p.suffix.lower())
    if reader is None:
        raise SuratError(f"{p}: a .csv, .xlsx or .json file expected")
    rows = reader(p)
    if not rows:
        raise SuratError(f"{p}: no letters in the file")
    if len(rows) > MAX_ROWS:
        raise SuratError(f"{p}: at most {MAX_ROWS} letters per batch; split the file")
    return rows


def _as_rows(source: str | os.PathLike[str] | Iterable[Mapping[str, Any] | Row]) -> list[Row]:
    if isinstance(source, str | os.PathLike):
        return load_rows(source)
    rows: list[Row] = []
    for i, item in enumerate(source, start=1):
        if isinstance(item, Row):
            rows.append(item)
        elif isinstance(item, Mapping):
            flat = any("." in str(k) for k in item)
            rows.append(Row(i, nest(item, i) if flat else dict(item)))
        else:
            raise SuratError(f"baris {i}: a dict of letter data expected")
    if not rows:
        raise SuratError("rows: no letters given")
    return rows


# -- validating -----------------------------------------------------------------


@dataclass(frozen=True)
class _Letter:
    baris: int
    model: Any
    nomor: str | None


def validate_rows(kind: str, rows: Sequence[Row]) -> list[Any]:
    """Every row as the kind's model; else one error listing every bad row and field."""
    return [letter.model for letter in _validate(kind, rows)]


def _validate(kind: str, rows: Sequence[Row]) -> list[_Letter]:
    from . import letters

    model_cls = letters.kind(kind).model
    identifiers = _identifier_paths(model_cls)
    good: list[_Letter] = []
    problems: list[str] = []
    structured: list[Problem] = []  # the same, for a form: 'baris.2.pendamping.1.nip'
    for row in rows:
        data = dict(row.data)
        nomor = data.pop("nomor", None)
        if nomor is not None and not isinstance(nomor, str):
            problems.append(f"baris {row.baris}: nomor: a register number (text) expected")
            structured.append(Problem(f"baris.{row.baris}.nomor", "a register number expected"))
            continue
        numbers = _numbers_for_identifiers(row, data, identifiers)
        if numbers:
            why = (
                "an identifier stored as a number, whose leading "
                "zeros or last digits are lost; format the column as Text and type it again"
            )
            problems.extend(f"baris {row.baris}: {where}: {why}" for where in numbers)
            structured.extend(Problem(f"baris.{row.baris}", f"{w}: {why}") for w in numbers)
            continue
        try:
            model = letters.validate(kind, _split_lists(model_cls, data))
        except SuratError as exc:
            lines = str(exc).splitlines()
            details = [_as_typed(row, ln.strip()) for ln in lines[1:]] or [lines[0]]
            problems.extend(f"baris {row.baris}: {d}" for d in details)
            structured.extend(
                Problem(f"baris.{row.baris}.{_typed_path(row, e.path)}".rstrip("."), e.message)
                for e in exc.errors
            )
            continue
        good.append(_Letter(row.baris, model, nomor))
    if problems:
        n_rows = len({p.split(":", 1)[0] for p in problems})
        head = (
            f"{kind}: {n_rows} of {len(rows)} rows have problems; nothing was numbered or printed"
        )
        raise SuratError(head + "\n  " + "\n  ".join(problems), structured)
    return good


def _identifier_paths(model: Any, prefix: str = "") -> set[str]:
    """The model's identifier fields as paths, ``*`` for a list position."""
    out: set[str] = set()
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return out
    for name, info in model.model_fields.items():
        ann = _unwrap(info.annotation)
        if typing.get_origin(ann) is list:
            (inner,) = typing.get_args(ann) or (Any,)
            out |= _identifier_paths(_unwrap(inner), f"{prefix}{name}.*.")
        elif isinstance(ann, type) and issubclass(ann, BaseModel):
            out |= _identifier_paths(ann, f"{prefix}{name}.")
        elif name in IDENTIFIERS:
            out.add(prefix + name)
    return out


def _numbers_for_identifiers(row: Row, data: Any, identifiers: set[str]) -> list[str]:
    """Where a number stands for an identifier: a numeric spreadsheet cell, or a
    JSON number (a JSON NIK of 16 digits was parsed exactly, but a phone number
    has already lost its leading 0)."""

    def pattern(path: str) -> str:
        return ".".join("*" if p.isdigit() else p for p in path.split("."))

    found = [row.columns.get(k, k) for k in sorted(row.numeric) if pattern(k) in identifiers]

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, f"{path}{k}.")
        elif isinstance(node, list):
            for i, v in enumerate(node, start=1):
                walk(v, f"{path}{i}.")
        elif (
            isinstance(node, int | float)
            and not isinstance(node, bool)
            and pattern(path.rstrip(".")) in identifiers
        ):
            found.append(path.rstrip("."))

    if not row.columns:  # JSON or dicts: the values themselves tell
        walk(data, "")
    return found


def _typed_path(row: Row, path: str) -> str:
    """A model's field path as the sheet's columns write it: list items from 1.

    >>> _typed_path(Row(2, {}, {"pendamping.1.nip": "kolom I"}), "pendamping.0.nip")
    'pendamping.1.nip'
    >>> _typed_path(Row(2, {}), "pendamping.0.nip")  # JSON rows: as written there
    'pendamping.0.nip'
    """
    if not row.columns or not path:
        return path
    return ".".join(str(int(p) + 1) if p.isdigit() else p for p in path.split("."))


def _as_typed(row: Row, line: str) -> str:
    """``pendamping.0.nama: ...`` as the sheet shows it: ``kolom F 'pendamping.1.nama': ...``.

    The letter models count list items from 0; the columns count from 1.
    """
    path, sep, message = line.partition(": ")
    if not sep or " " in path:
        return line
    parts = [str(int(p) + 1) if p.isdigit() else p for p in path.split(".")]
    for n in range(len(parts), 0, -1):
        key = ".".join(parts[:n])
        if key in row.columns:
            item = f" (item {parts[n]})" if n < len(parts) and parts[n].isdigit() else ""
            return f"{row.columns[key]}{item}: {message}"
    return f"{'.'.join(parts) if row.columns else path}: {message}"


# -- printing --------------------------------------------------------------------


def _bar(progress: bool, total: int, desc: str) -> Any:
    from tqdm.auto import tqdm

    # None: tqdm shows the bar only on a terminal, so logs never get '\r' or escape
    # codes; in Jupyter, with the notebook extra (ipywidgets), it is a widget.
    return tqdm(
        total=total, desc=desc, unit="surat", disable=None if progress else True, leave=False
    )


def print_batch(
    kind: str,
    rows_or_path: str | os.PathLike[str] | Iterable[Mapping[str, Any] | Row],
    output: str | os.PathLike[str],
    *,
    register: Register | str | os.PathLike[str] | None = None,
    office: Office | None = None,
    copies: Sequence[str] | None = None,
    duplex: bool = False,
    encrypt: str | None = None,
    pdfa: bool = False,
    converter: Converter | None = None,
    progress: bool = True,
    tte: TTE | None = None,
    arsip: str | os.PathLike[str] | None = None,
) -> Ringkasan:
    """Validate, number, render, convert and pack many letters of one kind into *output*.

    *rows_or_path* is a .csv/.xlsx/.json path or an iterable of dicts.
    *register* (a :class:`surat.Register` or its path/URL) numbers the letters
    of numbered kinds; rows with a ``nomor`` need none. ``copies`` replaces
    every letter's tembusan; ``duplex``, ``encrypt`` and ``pdfa`` are those of
    :func:`surat.print_pack`. ``progress`` shows a tqdm bar per stage.
    ``tte`` and ``arsip`` sign the letters electronically, as
    :func:`surat.print_pack` does; before any number is taken, the signer each
    row's letter prints (its own Plt./Plh., else the profile's) must be the
    certificate's holder.

    Raises :class:`SuratError` listing every bad row before anything is taken;
    :class:`BatchError` (with ``.voided``) when it failed after taking numbers.
    """
    from . import letters
    from .numbering import Register as _Register
    from .office import Office as _Office
    from .pack import check_recipient
    from .templating.letter import render

    started = time.monotonic()
    stages: dict[str, float] = {}
    office = office or _Office.default()
    target = check_output(output, encrypt=encrypt, pdfa=pdfa)
    if isinstance(copies, str):
        raise SuratError("copies: a list of recipients expected, not one string")
    if copies is not None:
        copies = [check_recipient(n, f"copies {i}") for i, n in enumerate(copies, start=1)]
    if tte is not None:
        from .tte.pack import check_options

        check_options(tte, arsip=arsip, encrypt=encrypt, pdfa=pdfa)

    # 1. every row checked before anything is taken or written
    t = time.monotonic()
    rows = _as_rows(rows_or_path)
    batch = _validate(kind, rows)
    numbered = kind in letters.NUMBERED
    need = [b for b in batch if numbered and b.nomor is None]
    needs_number = {b.baris for b in need}
    if not numbered and any(b.nomor for b in batch):
        raise SuratError(f"nomor: {kind} letters are not numbered by the register")
    if need and register is None:
        where = ", ".join(str(b.baris) for b in need[:20]) + (", ..." if len(need) > 20 else "")
        raise SuratError(
            f"register: {kind} letters take numbers from the register (--db); "
            f"rows without a nomor: {where}"
        )
    if copies is None:  # each letter's own tembusan must fit its stamp too
        for b in batch:
            check_copies(kind, office, b.model, f"baris {b.baris}: ")
    if tte is not None:  # every row's letter prints its certificate's holder as signer
        from .letters.penandatangan import printed_signer
        from .tte.pack import Tertanda, check_signers

        signers = [Tertanda(kind, printed_signer(kind, b.model, office), b.baris) for b in batch]
        check_signers(tte, office, signers, every=True)
    stages["periksa"] = time.monotonic() - t

    own_register = isinstance(register, str | os.PathLike)
    reg: Register | None = (
        _Register(register, office=office) if isinstance(register, str | os.PathLike) else register
    )
    numbers: tuple[str, ...] = ()

    def letters_of(pending: Pending) -> Iterator[Document]:
        nonlocal numbers
        stages["libreoffice"] = time.monotonic() - t
        # 2. numbers: each in its own short transaction, pending until the pack is written
        t_nomor = time.monotonic()
        nomor_of: dict[int, str | None] = {}
        with _bar(progress, len(need), "nomor") as bar:
            for b in batch:
                if b.baris in needs_number:
                    nomor_of[b.baris] = str(pending.issue(**b.model.agenda(office)))
                    bar.update()
                else:
                    nomor_of[b.baris] = b.nomor
        numbers = pending.numbers
        stages["nomor"] = time.monotonic() - t_nomor

        def documents() -> Iterator[Document]:  # 3. rendered while earlier ones convert
            for b in batch:
                doc = render(kind, b.model, office=office, nomor=nomor_of[b.baris])
                render_bar.update()
                yield doc

        return documents()

    render_bar = _bar(progress, len(batch), "render")
    pack_bar = _bar(progress, len(batch), "konversi")
    try:
        t = time.monotonic()
        result: PackResult = print_numbered(
            letters_of,
            target,
            register=reg,
            alasan="cetak massal gagal",
            converter=converter,
            copies=copies,
            duplex=duplex,
            encrypt=encrypt,
            pdfa=pdfa,
            on_letter=lambda: pack_bar.update(),
            tte=tte,
            arsip=arsip,
        )
        stages["render+konversi+paket"] = (
            time.monotonic() - t - sum(stages.get(k, 0.0) for k in ("libreoffice", "nomor"))
        )
    finally:
        render_bar.close()
        pack_bar.close()
        if own_register and reg is not None:
            reg.close()
    return Ringkasan(
        output=target,
        jenis=kind,
        letters=result.letters,
        copies=result.copies,
        pages=result.pages,
        numbers=numbers,
        signed=len(result.signed),
        arsip=result.arsip,
        seconds=time.monotonic() - started,
        stages=stages,
    )
