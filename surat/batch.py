"""Many letters at once: rows from CSV, XLSX or JSON to one print pack.

The order is what keeps the agenda honest:

1. read and validate EVERY row; a bad row stops the batch with every problem
   listed by row number and field, before any number is taken or any file is
   written;
2. take one number per letter from the register;
3. render, convert and pack (letters render while earlier ones convert);
4. if anything fails after step 2, every number the batch took is voided with
   the reason, the error lists them, and no output file is left.

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
import json
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

from .errors import SuratError

if TYPE_CHECKING:
    from .document import Document
    from .numbering import Nomor, Register
    from .office import Office
    from .pdf import Converter

__all__ = ["BatchError", "Ringkasan", "Row", "load_rows", "print_batch", "validate_rows"]

#: At most this many rows per batch: a pack beyond it is better split.
MAX_ROWS = 5000
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Row:
    """One letter's data and where it came from (its row number)."""

    baris: int
    data: dict[str, Any] = field(repr=False)

    def __repr__(self) -> str:  # the data may name a child victim
        return f"Row(baris={self.baris})"


class BatchError(SuratError):
    """A batch stopped after it took numbers; ``voided`` lists the numbers it voided."""

    def __init__(self, message: str, voided: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.voided = tuple(voided)


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
                f"Waktu    : {self.seconds:.1f} s" + (f" ({stages})" if stages else ""),
            ]
        )


# -- reading rows -------------------------------------------------------------


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
        node = root
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if part in node and (last or not isinstance(node[part], dict)):
                raise SuratError(f"{where}column '{key}': given twice or clashes with another")
            if last:
                node[part] = value
            else:
                node = node.setdefault(part, {})
    nested: dict[str, Any] = _lists(root)
    return nested


def _lists(node: Any) -> Any:
    """Dicts whose keys are all 1, 2, 3... become lists in that order."""
    if not isinstance(node, dict):
        return node
    items = {k: _lists(v) for k, v in node.items()}
    if items and all(k.isdigit() and int(k) >= 1 for k in items):
        return [items[k] for k in sorted(items, key=int)]
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
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SuratError(f"{path}: not UTF-8 text (save the CSV as UTF-8)") from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header:
        raise SuratError(f"{path}: no header row")
    names = [h.strip() for h in header]
    rows = []
    for i, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(names):
            raise SuratError(f"{path}: baris {i}: more cells than columns in the header")
        rows.append(Row(i, nest({n: _cell(c) for n, c in zip(names, cells, strict=False)}, i)))
    return rows


def _read_xlsx(path: Path) -> list[Row]:
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - an optional dependency
        raise SuratError(
            f"{path}: reading .xlsx needs openpyxl (pip install surat[xlsx])"
        ) from None
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise SuratError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        sheet = wb.worksheets[0]
        it = sheet.iter_rows(values_only=True)
        header = next(it, None)
        if not header or not any(header):
            raise SuratError(f"{path}: no header row in the first sheet")
        names = [str(h).strip() if h is not None else "" for h in header]
        rows = []
        for i, values in enumerate(it, start=2):
            cells = {n: _cell(v) for n, v in zip(names, values, strict=False)}
            if all(v is None for v in cells.values()):
                continue
            if "" in cells and cells[""] is not None:
                raise SuratError(f"{path}: baris {i}: a value under a column without a name")
            cells.pop("", None)
            rows.append(Row(i, nest(cells, i)))
        return rows
    finally:
        wb.close()


def _read_json(path: Path) -> list[Row]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SuratError(f"{path}: not valid JSON ({type(exc).__name__})") from None
    if isinstance(data, dict) and isinstance(data.get("baris"), list):
        data = data["baris"]
    if not isinstance(data, list):
        raise SuratError(f"{path}: a JSON list of letters (objects) expected")
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

    model_cls = letters.MODELS.get(kind)
    if model_cls is None:
        raise SuratError(f"jenis: one of {', '.join(letters.KINDS)} expected, got {kind!r}")
    good: list[_Letter] = []
    problems: list[str] = []
    for row in rows:
        data = dict(row.data)
        nomor = data.pop("nomor", None)
        if nomor is not None and not isinstance(nomor, str):
            problems.append(f"baris {row.baris}: nomor: a register number (text) expected")
            continue
        try:
            model = letters.validate(kind, _split_lists(model_cls, data))
        except SuratError as exc:
            lines = str(exc).splitlines()
            details = [ln.strip() for ln in lines[1:]] or [lines[0]]
            problems.extend(f"baris {row.baris}: {d}" for d in details)
            continue
        good.append(_Letter(row.baris, model, nomor))
    if problems:
        n_rows = len({p.split(":", 1)[0] for p in problems})
        head = (
            f"{kind}: {n_rows} of {len(rows)} rows have problems; nothing was numbered or printed"
        )
        raise SuratError(head + "\n  " + "\n  ".join(problems))
    return good


# -- printing --------------------------------------------------------------------


def _bar(progress: bool, total: int, desc: str) -> Any:
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="surat", disable=not progress, leave=False)


def _reason(exc: BaseException) -> str:
    """Why the batch stopped, for the agenda: an error's first line, never personal data
    (surat's messages name files, rows, fields and numbers only)."""
    if isinstance(exc, SuratError):
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return first[:300]
    return type(exc).__name__


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
) -> Ringkasan:
    """Validate, number, render, convert and pack many letters of one kind into *output*.

    *rows_or_path* is a .csv/.xlsx/.json path or an iterable of dicts.
    *register* (a :class:`surat.Register` or its path/URL) numbers the letters
    of numbered kinds; rows with a ``nomor`` need none. ``copies`` replaces
    every letter's tembusan; ``duplex``, ``encrypt`` and ``pdfa`` are those of
    :func:`surat.print_pack`. ``progress`` shows a tqdm bar per stage.

    Raises :class:`SuratError` listing every bad row before anything is taken;
    :class:`BatchError` (with ``.voided``) when it failed after taking numbers.
    """
    from . import letters
    from .numbering import Register as _Register
    from .office import Office as _Office
    from .pack import print_pack
    from .pdf import Converter as _Converter
    from .render import render

    started = time.monotonic()
    stages: dict[str, float] = {}
    office = office or _Office.default()
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise SuratError(f"{target}: the folder {folder} does not exist")
    if target.suffix.lower() != ".pdf":
        raise SuratError(f"{target}: a .pdf output expected")
    if isinstance(copies, str):
        raise SuratError("copies: a list of recipients expected, not one string")
    if encrypt is not None and (not isinstance(encrypt, str) or not encrypt):
        raise SuratError("encrypt: a non-empty password expected")
    if encrypt and pdfa:
        raise SuratError("encrypt: PDF/A does not allow encryption; choose one")

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
    stages["periksa"] = time.monotonic() - t

    own_register = isinstance(register, str | os.PathLike)
    reg: Register | None = (
        _Register(register, office=office) if isinstance(register, str | os.PathLike) else register
    )
    own_converter = converter is None
    conv = converter if converter is not None else _Converter()
    taken: list[Nomor] = []
    try:
        t = time.monotonic()
        conv.start()  # LibreOffice must work before a number is taken
        stages["libreoffice"] = time.monotonic() - t
        # 2. numbers: each in its own short transaction
        t = time.monotonic()
        nomor_of: dict[int, str | None] = {}
        try:
            with _bar(progress, len(need), "nomor") as bar:
                for b in batch:
                    if b.baris in needs_number:
                        assert reg is not None
                        n = reg.issue(**b.model.agenda(office))
                        taken.append(n)
                        nomor_of[b.baris] = str(n)
                        bar.update()
                    else:
                        nomor_of[b.baris] = b.nomor
            stages["nomor"] = time.monotonic() - t

            # 3. render while converting, then pack
            t = time.monotonic()
            render_bar = _bar(progress, len(batch), "render")
            pack_bar = _bar(progress, len(batch), "konversi")

            def documents() -> Iterator[Document]:
                for b in batch:
                    doc = render(kind, b.model, office=office, nomor=nomor_of[b.baris])
                    render_bar.update()
                    yield doc

            try:
                result = print_pack(
                    documents(),
                    target,
                    copies=copies,
                    duplex=duplex,
                    encrypt=encrypt,
                    pdfa=pdfa,
                    converter=conv,
                    on_letter=lambda: pack_bar.update(),
                )
            finally:
                render_bar.close()
                pack_bar.close()
            stages["render+konversi+paket"] = time.monotonic() - t
        except BaseException as exc:
            voided, failed = _void_all(reg, taken, _reason(exc))
            if not isinstance(exc, Exception):  # KeyboardInterrupt: stays what it is
                exc.add_note(f"surat: numbers voided: {', '.join(voided) or '-'}")
                raise
            lines = [f"{target}: the batch stopped, nothing was written: {exc}"]
            if voided:
                lines.append(f"numbers voided (batal) in the agenda: {', '.join(voided)}")
            if failed:
                lines.append(f"could NOT void, void them by hand: {', '.join(failed)}")
            raise BatchError("\n".join(lines), voided) from exc
    finally:
        if own_converter:
            conv.close()
        if own_register and reg is not None:
            reg.close()
    return Ringkasan(
        output=target,
        jenis=kind,
        letters=result.letters,
        copies=result.copies,
        pages=result.pages,
        numbers=tuple(str(n) for n in taken),
        seconds=time.monotonic() - started,
        stages=stages,
    )


def _void_all(reg: Register | None, taken: list[Nomor], why: str) -> tuple[list[str], list[str]]:
    """Void every number the batch took; the reason says it was this batch."""
    voided: list[str] = []
    failed: list[str] = []
    if reg is None:
        return voided, failed
    for n in taken:
        try:
            reg.void(n, alasan=f"cetak massal gagal: {why}")
        except SuratError:
            failed.append(str(n))
        else:
            voided.append(str(n))
    return voided, failed
