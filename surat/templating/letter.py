"""Render one letter: a letter kind, or an office's own template.

``render(kind_or_path, data, office=None, nomor=None)`` validates the data of a
letter kind, builds its context (:mod:`surat.letters`) and fills the kind's
template in ``surat/templates/``; or fills an office's own template
(``render("ours.docx", data)``) with the data as it is.

An office's own template sees its data as given, plus ``kop`` (office
letterhead and emblem), ``surat`` (``nomor``, ``tanggal``, ``tempat``,
``tanggal_teks``) and ``pejabat`` (every official of the profile by role),
unless the data has keys of those names. Nothing is validated or withheld
there. An office's edited copy of a kind's template is named in its profile
(``[templat] persetujuan = "templat/persetujuan.docx"``) and rendered as that
kind: the kind's validation, numbering rules and context (initials, never the
victim's name), with the office's template filled like any office template.

**Limits on an office's own template**: it is inspected
(:func:`surat.templating.inspect.check_template`) and filled in by a child
process with the profile's time and memory limits
(:mod:`surat.templating.isolation`); the built-in kinds are filled in
in-process. An archive that would unpack absurdly is refused before anything
is inflated (:mod:`surat.archive`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from pydantic import BaseModel

from .. import letters
from ..archive import check_archive
from ..dates import format_tanggal, to_wib_date, today
from ..document import Document, ParafTabel
from ..errors import SuratError
from ..files import is_stream, read_source
from ..letters.penandatangan import printed_name, printed_nip
from ..office import Office
from .engine import default_office, fill, read_template, template_path
from .filters import as_date
from .inspect import inspect_source
from .isolation import run_limited
from .sandbox import Fields, plain

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..numbering import Nomor, Paraf
    from ..vocab import Jenis

__all__ = ["MAX_LINE", "MAX_TEXT", "render"]

MAX_LINE = 2_000
"""A one-line value longer than this (custom templates) is refused, not printed off the page."""
MAX_TEXT = 20_000
"""Any value longer than this (custom templates) is refused."""


def _fill_office_template(
    source: bytes, context: Fields, office: Office, name: str, judul: str
) -> bytes:
    """An office's own template, in the child process with limits: refuse it if
    it reaches beyond its data, else fill it in. Nothing a template holds is
    parsed outside the limits."""
    inspect_source(source, name)
    return fill(source, context, office, name, judul)


def fill_office(source: bytes, context: Fields, office: Office, name: str, judul: str) -> bytes:
    """Fill a template an office supplied (its own, or its edited copy of a kind's):
    inspected, then filled, in the child process within the profile's limits."""
    docx: bytes = run_limited(
        _fill_office_template,
        (source, context, office, name, judul),
        name=name,
        seconds=office.batas.waktu_render,
        memory_mb=office.batas.memori_render_mb,
    )
    return docx


def _nomor(nomor: object) -> tuple[str | None, date | None]:
    """A register number (:class:`surat.Nomor`, or its text) -> text, date.

    Anything else is refused: a date or an int would print as the number.
    """
    from ..numbering import Nomor

    if nomor is None:
        return None, None
    if not isinstance(nomor, Nomor | str):
        raise SuratError(
            f"nomor: surat.Nomor dari buku agenda atau teksnya diharapkan, "
            f"bukan {type(nomor).__name__}"
        )
    text = str(nomor).strip()
    if not text:
        raise SuratError("nomor: nomor surat kosong")
    if "\n" in text or len(text) > 60:
        raise SuratError("nomor: satu baris, paling banyak 60 karakter")
    when = getattr(nomor, "tanggal", None)
    if isinstance(when, date):
        return text, to_wib_date(when)
    return text, None


def _fill_paraf(
    rows: list[dict[str, Any]], paraf: Iterable[Paraf] | None, nomor: str | None
) -> tuple[ParafTabel, ...]:
    """The paraf table's rows with the electronic parafs the register recorded for
    the letter *nomor*; what the table prints, for the signature's check."""
    from ..numbering import Paraf

    given: dict[str, Paraf] = {}
    if paraf is not None:
        if isinstance(paraf, Paraf | str | bytes) or not hasattr(paraf, "__iter__"):
            raise SuratError("paraf: daftar paraf yang dicatat register diharapkan")
        for p in paraf:
            if not isinstance(p, Paraf):
                raise SuratError(
                    f"paraf: catatan surat.numbering.Paraf (Register.paraf) diharapkan, "
                    f"bukan {type(p).__name__}"
                )
            if nomor is None or p.nomor != nomor:
                raise SuratError("paraf: dicatat untuk surat lain, bukan surat ini (nomor)")
            given[p.pejabat] = p
    table: list[ParafTabel] = []
    for row in rows:
        mark = given.get(row["peran"])
        if mark is not None:
            row["paraf_tanda"] = "e-paraf"
            row["paraf_tanggal"] = f"{mark.waktu:%d-%m-%Y}"
            row["paraf_jam"] = f"{mark.waktu:%H.%M} WIB"
        table.append(ParafTabel(row["peran"], row["jabatan"], mark.waktu if mark else None))
    return tuple(table)


def render(
    kind_or_path: str | os.PathLike[str] | BinaryIO,
    data: Any,
    office: Office | None = None,
    nomor: Nomor | str | None = None,
    paraf: Iterable[Paraf] | None = None,
) -> Document:
    """Render one letter.

    *kind_or_path* is a letter kind (``'persetujuan'``...), or an office's own
    .docx template: its path or a binary stream (an upload). A kind is filled
    with the office's edited copy of its template when the profile names one
    (``[templat]``), else with the built-in one. *data* is a dict or the kind's model
    (:mod:`surat.letters`); *nomor* a register number (or its text), required
    for the numbered kinds. The letter's date is ``data['tanggal']``, else the
    number's date, else today (WIB). *paraf* are the electronic parafs the
    register recorded for the letter (:meth:`surat.Register.paraf`): each
    official of the paraf table who initialled it gets its mark, date and time
    in the table (``Document.paraf`` keeps them for signing).

    >>> import surat
    >>> data = surat.example_data("persetujuan")
    >>> doc = surat.render("persetujuan", data, nomor="001/DP3A-PP-KB/PPA/XI/2026")
    >>> doc
    Document(kind='persetujuan', nomor='001/DP3A-PP-KB/PPA/XI/2026', ... bytes)
    >>> "001/DP3A-PP-KB/PPA/XI/2026" in doc.text().splitlines()
    True

    A numbered kind without its number, or data that does not fit, is refused
    before anything is made, naming the field:

    >>> surat.render("persetujuan", data)
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: nomor: ...
    """
    office = office or default_office()
    number, number_date = _nomor(nomor)
    if isinstance(kind_or_path, str) and kind_or_path in letters.REGISTRY:
        kind = kind_or_path
        model = letters.validate(kind, data)
        if kind in letters.NUMBERED and number is None:
            raise SuratError(f"nomor: surat {kind} memerlukan nomor dari buku agenda")
        if kind not in letters.NUMBERED and number is not None:
            raise SuratError(f"nomor: surat {kind} tidak bernomor dari buku agenda surat keluar")
        tanggal: date | None = getattr(model, "tanggal", None)
        if tanggal is not None and number_date is not None and tanggal != number_date:
            raise SuratError(
                "tanggal: berbeda dengan tanggal nomor di buku agenda "
                f"({format_tanggal(number_date)}); kosongkan atau samakan"
            )
        tanggal = tanggal or number_date or today()
        ctx = letters.build_context(kind, model, office, tanggal=tanggal, nomor=number)
        table = _fill_paraf(ctx.get("paraf") or [], paraf, number)
        context = plain(ctx, "", check=False)
        own = office.templat.get(cast("Jenis", kind))
        if own is None:
            source = read_template(template_path(kind))
            # In this process: the template is surat's own and the data is validated
            # to bounded sizes (see surat.templating.isolation for why an office's template is not).
            docx = fill(source, context, office, kind, letters.JUDUL[kind])
        else:  # the office's edited copy ([templat]): the kind's context, its own template
            docx = fill_office(read_template(own), context, office, own.name, letters.JUDUL[kind])
        return Document(
            docx=docx,
            kind=kind,
            nomor=number,
            tembusan=tuple(ctx.get("tembusan", ())),
            judul=letters.JUDUL[kind],
            office=office,
            tanggal=tanggal,
            penandatangan=printed_name(ctx),
            penandatangan_nip=printed_nip(ctx),
            peringatan=tuple(letters.peringatan(kind, model)),
            paraf=table,
        )
    if paraf is not None:
        raise SuratError("paraf: templat milik kantor tidak mencetak tabel paraf surat")
    if is_stream(kind_or_path):  # a template uploaded to a web application
        path = Path(Path(str(getattr(kind_or_path, "name", "") or "templat.docx")).name)
        source = _template_bytes(read_source(kind_or_path, "templat"), path.name)
    else:
        path = Path(kind_or_path)  # type: ignore[arg-type]
        if path.suffix.lower() != ".docx":
            raise SuratError(
                f"{kind_or_path}: jenis surat ({', '.join(letters.KINDS)}) "
                "atau jalur templat .docx diharapkan"
            )
        source = read_template(path)
    if isinstance(data, BaseModel):
        data = data.model_dump()
    if not isinstance(data, Mapping):
        raise SuratError(f"{path.name}: data harus berupa dict")
    context = plain(
        _custom_context(data, office, number, number_date),
        "",
        check=True,
        limits=(MAX_TEXT, MAX_LINE),
    )
    docx = fill_office(source, context, office, path.name, path.stem)
    tembusan = data.get("tembusan") or ()
    if not isinstance(tembusan, list | tuple) or not all(isinstance(t, str) for t in tembusan):
        raise SuratError(f"{path.name}: tembusan harus berupa daftar penerima")
    return Document(
        docx=docx,
        kind=path.stem,
        nomor=number,
        tembusan=tuple(tembusan),
        judul=str(data.get("judul") or path.stem),
        office=office,
    )


def _template_bytes(data: bytes, name: str) -> bytes:
    if not data.startswith(b"PK"):
        raise SuratError(f"{name}: bukan berkas .docx (Word 2007 atau lebih baru diharapkan)")
    check_archive(data, name)
    return data


def _custom_context(
    data: Mapping[str, Any], office: Office, nomor: str | None, number_date: date | None
) -> dict[str, Any]:
    """An office template sees its data, plus kop, surat and pejabat unless the data has them."""
    raw = data.get("tanggal")
    tanggal = as_date(raw) if raw else (number_date or today())
    ctx: dict[str, Any] = {
        "kop": letters.kop_context(office),
        "surat": {
            "nomor": nomor,
            "tanggal": tanggal,
            "tempat": office.kota,
            "tanggal_teks": f"{office.kota}, {format_tanggal(tanggal)}",
        },
        "pejabat": {role: letters.pejabat_context(p) for role, p in office.pejabat.items()},
    }
    ctx.update(data)
    return ctx
