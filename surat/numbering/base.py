"""What the register needs from a database backend."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from ..errors import SuratError

__all__ = ["ConflictError", "Store", "Tx"]


class ConflictError(SuratError):
    """A row broke a uniqueness or check rule of the agenda (nothing was written)."""


class Tx(Protocol):
    """Statements inside one transaction; SQL uses ``?`` placeholders."""

    def one(self, sql: str, params: Sequence[object] = ()) -> tuple[Any, ...] | None: ...

    def all(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]: ...

    def run(self, sql: str, params: Sequence[object] = ()) -> int: ...


class Store(Protocol):
    backend: str
    upsert: str
    """The one-statement counter upsert: params (name, tanggal) -> (last, tanggal)."""
    has_schema: str
    """A query whose one value is 1 when the register's tables exist."""
    schema: tuple[str, ...]
    """Idempotent, race-free DDL run in one transaction."""

    take: str | None
    """Optional one-statement fast path of a whole issue (see postgres.TAKE)."""

    def single(self, sql: str, params: Sequence[object]) -> tuple[Any, ...] | None:
        """Run one statement as its own transaction and return its first row."""
        ...

    def transaction(self, write: bool = True) -> AbstractContextManager[Tx]: ...

    def close(self) -> None: ...
