"""Hostile templates, made the way an office would: a Word file with lines of text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx


def office_template(folder: Path, *lines: str, name: str = "ours.docx", **props: str) -> Path:
    """A .docx with one paragraph per line; *props* set its core properties."""
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    for key, value in props.items():
        setattr(d.core_properties, key, value)
    path = folder / name
    d.save(str(path))
    return path


def add_members(path: Path, members: dict[str, bytes], *, replace: bool = False) -> None:
    """Rewrite the archive at *path* with extra (or replaced) members."""
    with zipfile.ZipFile(path) as z:
        old = {i.filename: z.read(i) for i in z.infolist()}
    if replace:
        old.update(members)
    else:
        old |= members
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in old.items():
            z.writestr(name, data)
    path.write_bytes(buf.getvalue())
