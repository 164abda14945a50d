"""The one base class of every error that surat raises on purpose."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["Problem", "SuratError"]


class Problem(NamedTuple):
    """One problem: the field's path as the user wrote it, and what was expected.

    ``path`` is dotted (``pelapor.nik``, ``pendamping.0.nip`` for the first
    item of a JSON list); a batch row's problems start with ``baris.N.`` and
    keep the spreadsheet's own column name (``baris.2.pendamping.1.nip``).
    ``path`` is ``""`` for a problem that belongs to no one field.
    """

    path: str
    message: str


_FIELD = re.compile(r"([A-Za-z_][\w]*(?:\.[\w]+)*): (.+)", re.S)


class SuratError(Exception):
    """A problem with the caller's input, a file, a template or a service.

    The message names the field or file that is wrong and what was expected.
    It never quotes personal data (names, NIK, addresses, chronologies): those
    values may belong to a child victim and messages end up in logs.

    ``errors`` lists the problems one by one, for a web form to show each next
    to its field:

    >>> try:
    ...     import surat
    ...     surat.validate_nik("123")
    ... except SuratError as exc:
    ...     exc.errors
    [Problem(path='nik', message='16 digits expected, found 3')]
    """

    errors: list[Problem]

    def __init__(self, message: str = "", errors: Iterable[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        if errors is not None:
            self.errors = [Problem(*e) for e in errors]
        else:
            m = _FIELD.fullmatch(message) if "\n" not in message else None
            self.errors = [Problem(m[1], m[2]) if m else Problem("", message)]


def pydantic_problems(exc: Exception) -> list[Problem]:
    """Each problem of a pydantic ``ValidationError``, with its field path.

    The offending values are left out on purpose: they may be personal data.
    """
    errors = getattr(exc, "errors", None)
    if errors is None:  # pragma: no cover - only ValidationError is passed
        return [Problem("", str(exc))]
    out = []
    for e in errors(include_url=False, include_input=False, include_context=False):
        path = ".".join(str(p) for p in e["loc"])
        msg = str(e["msg"]).removeprefix("Value error, ")
        if e["type"] == "extra_forbidden":
            msg = "unknown field (check its spelling)"
        elif e["type"] == "missing":
            msg = "required field is missing"
        out.append(Problem(path, msg))
    return out


def field_errors(exc: Exception, source: str | None = None) -> SuratError:
    """Turn a pydantic ``ValidationError`` into one ``SuratError`` listing every
    problem with its field path (``pelapor.nik: 16 digits expected``).

    The offending values are left out on purpose: they may be personal data.
    """
    problems = pydantic_problems(exc)
    lines = [f"{p.path}: {p.message}" if p.path else p.message for p in problems]
    where = f"{source}: " if source else ""
    head = f"{where}{len(lines)} problem{'s' if len(lines) != 1 else ''} in the data"
    return SuratError(head + "\n  " + "\n  ".join(lines), problems)


_Model = TypeVar("_Model", bound="BaseModel")


def validate_model(model: type[_Model], data: object, source: str | None = None) -> _Model:
    """Check *data* with the pydantic *model*; a ``ValidationError`` becomes the
    ``SuratError`` of :func:`field_errors`, headed by *source* (a file, a kind).

    >>> from pydantic import BaseModel
    >>> class Korban(BaseModel):
    ...     umur: int
    >>> validate_model(Korban, {"umur": 9})
    Korban(umur=9)
    >>> validate_model(Korban, {"umur": "sembilan"}, "kasus.json")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: kasus.json: 1 problem in the data
      umur: Input should be a valid integer...
    """
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise field_errors(exc, source) from None
