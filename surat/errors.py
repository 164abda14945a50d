"""The one base class of every error that surat raises on purpose."""

from __future__ import annotations

__all__ = ["SuratError"]


class SuratError(Exception):
    """A problem with the caller's input, a file, a template or a service.

    The message names the field or file that is wrong and what was expected.
    It never quotes personal data (names, NIK, addresses, chronologies): those
    values may belong to a child victim and messages end up in logs.
    """


def field_errors(exc: Exception, source: str | None = None) -> SuratError:
    """Turn a pydantic ``ValidationError`` into one ``SuratError`` listing every
    problem with its field path (``pelapor.nik: 16 digits expected``).

    The offending values are left out on purpose: they may be personal data.
    """
    errors = getattr(exc, "errors", None)
    if errors is None:  # pragma: no cover - only ValidationError is passed
        return SuratError(str(exc))
    lines = []
    for e in errors(include_url=False, include_input=False, include_context=False):
        path = ".".join(str(p) for p in e["loc"])
        msg = str(e["msg"]).removeprefix("Value error, ")
        if e["type"] == "extra_forbidden":
            msg = "unknown field (check its spelling)"
        elif e["type"] == "missing":
            msg = "required field is missing"
        lines.append(f"{path}: {msg}" if path else msg)
    where = f"{source}: " if source else ""
    head = f"{where}{len(lines)} problem{'s' if len(lines) != 1 else ''} in the data"
    return SuratError(head + "\n  " + "\n  ".join(lines))
