"""Every row of a batch checked before anything is taken: each problem by row and column."""

from __future__ import annotations

import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..errors import Problem, SuratError
from ..numbering import checks

if TYPE_CHECKING:
    from ..letters import Books

from .rows import IDENTIFIERS, Row, split_lists, unwrap

__all__ = ["Letter", "validate", "validate_rows"]


# -- validating -----------------------------------------------------------------


@dataclass(frozen=True)
class Letter:
    baris: int
    model: Any
    nomor: str | None
    alasan: str | None = None
    """The agenda's reason for the row's number (a backdated letter, one dated ahead)."""


def validate_rows(kind: str, rows: Sequence[Row], register: Books | None = None) -> list[Any]:
    """Every row as the kind's model; else one error listing every bad row and field.

    With *register*, every case, incoming letter and approval a row cites must be
    in its books, with the dates the books know (:mod:`surat.letters.referensi`),
    and a letter that leaves the office names no protected word of its case
    (:mod:`surat.letters.privasi`), as :func:`surat.letters.validate` checks.
    """
    return [letter.model for letter in validate(kind, rows, register)]


def validate(kind: str, rows: Sequence[Row], register: Books | None = None) -> list[Letter]:
    from .. import letters

    model_cls = letters.kind(kind).model
    identifiers = _identifier_paths(model_cls)
    good: list[Letter] = []
    problems: list[str] = []
    structured: list[Problem] = []  # the same, for a form: 'baris.2.pendamping.1.nip'
    for row in rows:
        data = dict(row.data)
        nomor = data.pop("nomor", None)
        if nomor is not None and not isinstance(nomor, str):
            problems.append(f"baris {row.baris}: nomor: nomor buku agenda (teks) diharapkan")
            structured.append(Problem(f"baris.{row.baris}.nomor", "nomor buku agenda diharapkan"))
            continue
        try:
            alasan = checks.text("alasan", data.pop("alasan", None), one_line=False) or None
        except SuratError as exc:
            problems.append(f"baris {row.baris}: {exc}")
            structured.append(Problem(f"baris.{row.baris}.alasan", str(exc).partition(": ")[2]))
            continue
        numbers = _numbers_for_identifiers(row, data, identifiers)
        if numbers:
            why = (
                "nomor identitas tersimpan sebagai angka, sehingga nol di depan atau "
                "angka terakhirnya hilang; format kolom sebagai Teks lalu ketik ulang"
            )
            problems.extend(f"baris {row.baris}: {where}: {why}" for where in numbers)
            structured.extend(Problem(f"baris.{row.baris}", f"{w}: {why}") for w in numbers)
            continue
        try:
            model = letters.validate(kind, split_lists(model_cls, data), register=register)
        except SuratError as exc:
            lines = str(exc).splitlines()
            details = [_as_typed(row, ln.strip()) for ln in lines[1:]] or [lines[0]]
            problems.extend(f"baris {row.baris}: {d}" for d in details)
            structured.extend(
                Problem(
                    f"baris.{row.baris}.{_typed_path(row, e.path)}".rstrip("."),
                    e.message,
                    e.type,
                )
                for e in exc.errors
            )
            continue
        good.append(Letter(row.baris, model, nomor, alasan))
    if problems:
        n_rows = len({p.split(":", 1)[0] for p in problems})
        head = (
            f"{kind}: {n_rows} dari {len(rows)} baris bermasalah; tidak ada yang diberi "
            "nomor atau dicetak"
        )
        raise SuratError(head + "\n  " + "\n  ".join(problems), structured)
    return good


def _identifier_paths(model: Any, prefix: str = "") -> set[str]:
    """The model's identifier fields as paths, ``*`` for a list position."""
    out: set[str] = set()
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return out
    for name, info in model.model_fields.items():
        ann = unwrap(info.annotation)
        if typing.get_origin(ann) is list:
            (inner,) = typing.get_args(ann) or (Any,)
            out |= _identifier_paths(unwrap(inner), f"{prefix}{name}.*.")
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
            item = f" (butir {parts[n]})" if n < len(parts) and parts[n].isdigit() else ""
            return f"{row.columns[key]}{item}: {message}"
    return f"{'.'.join(parts) if row.columns else path}: {message}"
