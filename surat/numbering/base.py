"""What the register needs from a database backend."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from ..errors import SuratError

__all__ = ["AlreadyVoid", "ConflictError", "Migration", "Refused", "Row", "Store", "Tx"]


class ConflictError(SuratError):
    """A row broke a uniqueness or check rule of the agenda (nothing was written)."""


class Refused(SuratError):
    """The register refused a letter's number by a rule of the office (its date:
    dated ahead without an alasan, a backdate the policy refuses); nothing was taken."""


class AlreadyVoid(SuratError):
    """The number to void is void already (someone voided it first); nothing changed."""


class Row(Protocol):
    """A result row, read by column name (SQLite's ``sqlite3.Row``, psycopg's ``dict_row``)."""

    def __getitem__(self, column: str, /) -> Any: ...


class Tx(Protocol):
    """Statements inside one transaction; SQL uses ``?`` placeholders."""

    def one(self, sql: str, params: Sequence[object] = ()) -> Row | None: ...

    def all(self, sql: str, params: Sequence[object] = ()) -> list[Row]: ...

    def run(self, sql: str, params: Sequence[object] = ()) -> int: ...


Migration = str | Callable[[Tx], None]
"""One step of a schema migration: a statement, or a function that runs its own
(a step SQLite cannot make idempotent in SQL alone)."""


class Store(Protocol):
    backend: str
    upsert: str
    """The one-statement counter upsert: params (name, tanggal) -> row (last, tanggal)."""
    has_schema: str
    """A query whose one column ``present`` is 1 when the register's tables exist."""
    schema: tuple[str, ...]
    """Idempotent, race-free DDL run in one transaction."""
    migrations: dict[int, tuple[Migration, ...]]
    """Schema version -> the DDL that brings a register of the version before up to it."""
    schema_lock: str
    """A statement that serialises schema changes beyond the write transaction ('' if none)."""

    def take_fast(self, params: Sequence[object]) -> Row | None:
        """Take a number and record it in one statement, if the backend can.

        Params: counter, tanggal, plain (bool), prefix, width, suffix, then
        :meth:`surat.numbering.records.Letter.row`. Returns a row (urut,
        nomor), or None: no fast path, or a backdated letter - the caller
        then takes the general path in :meth:`transaction`.
        """
        ...

    def transaction(self, write: bool = True) -> AbstractContextManager[Tx]: ...

    def close(self) -> None: ...
