"""An office's edited copy of a built-in template, checked against its kind.

``surat templat salin persetujuan templat/`` gives an office the template to
edit; ``[templat] persetujuan = "templat/persetujuan.docx"`` in its profile
makes :func:`surat.render` use it, with the kind's validation and context.
What that context holds is decided by the kind (the victim's initials, never
the full name, in letters that leave the office), so a field the edited
template uses that the context does not provide can never print: it would
fail on every letter. :func:`unknown_fields` names those fields beforehand.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from .errors import SuratError
from .office import Office
from .vocab import KINDS

__all__ = ["context_fields", "detect_kind", "unknown_fields"]


def _walk(value: Any, prefix: str, out: set[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            out.add(path)
            _walk(item, path, out)
    elif isinstance(value, list | tuple):
        out.add(f"{prefix}[]")
        for item in value:
            _walk(item, f"{prefix}[]", out)


def context_fields(kind: str, office: Office | None = None) -> set[str]:
    """Every field path the kind's context provides (``korban.inisial``,
    ``pendamping[].nama``), from its example data.

    >>> sorted(f for f in context_fields("persetujuan") if f.startswith("korban"))
    ['korban', 'korban.inisial', 'korban.nomor_registrasi']
    """
    from . import letters

    if kind not in KINDS:
        raise SuratError(f"jenis: one of {', '.join(KINDS)} expected, got {kind!r}")
    office = office or Office.default()
    model = letters.validate(kind, letters.example_data(kind))
    nomor = "001/X/2026" if kind in letters.NUMBERED else None
    tanggal = getattr(model, "tanggal", None) or date(2026, 1, 1)
    context = letters.build_context(kind, model, office, tanggal=tanggal, nomor=nomor)
    out: set[str] = {"kop.logo"}  # the emblem is added when the template is filled
    _walk(context, "", out)
    return out


def detect_kind(path: str | Path) -> str | None:
    """The kind a template file is a copy of, from its name (``persetujuan.docx``).

    >>> detect_kind("templat/persetujuan.docx"), detect_kind("undangan.docx")
    ('persetujuan', None)
    """
    stem = Path(path).stem.lower()
    return stem if stem in KINDS else None


def unknown_fields(fields: list[str], kind: str, office: Office | None = None) -> list[str]:
    """The fields of *fields* (as :func:`surat.render.check_template` lists them)
    that the kind's context does not provide.

    A sub-field of something the context gives as plain text or a date
    (``surat.tanggal.year``) is not checked: it is an attribute of that value.
    """
    known = context_fields(kind, office)
    missing = []
    for field in fields:
        if field in known:
            continue
        parts = field.split(".")
        # a prefix known as a leaf (text, date...): the rest is that value's attribute
        prefixes = (".".join(parts[:n]) for n in range(len(parts) - 1, 0, -1))
        if any(p in known and not _has_children(p, known) for p in prefixes):
            continue
        missing.append(field)
    return missing


def _has_children(path: str, known: set[str]) -> bool:
    return any(k.startswith((path + ".", path + "[")) for k in known)
