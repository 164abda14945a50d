"""The numbered pack: the one workflow batch, Kasus and ``surat buat`` print through.

A number the agenda holds is a letter that exists. So every caller that
numbers letters and writes them keeps the same order, here:

1. before any number is taken, what would fail the pack later is refused:
   the output (:func:`check_output`), every copy recipient each letter's
   stamps will print (:func:`check_copies`), the signers of a signed pack;
2. LibreOffice is started: a converter that cannot start stops the work
   before a number is taken;
3. the numbers are taken pending under one batch id
   (:class:`surat.numbering.pending.Pending`), the letters rendered and
   converted while later ones render;
4. the file is written, and only once it is complete on disk are its numbers
   confirmed (:meth:`~surat.numbering.pending.Pending.finish`) and does it
   take its name; a failure in between voids every number taken.

:func:`print_numbered` does steps 2 to 4 for a print pack
(:func:`surat.print_pack`) or for one letter on its own (``surat buat``);
the caller does step 1, which depends on what it prints.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SuratError
from ..files import Target, is_stream
from ..letters import tembusan_for
from ..numbering.pending import BatchError, Pending
from ..stopping import stop_cleanly
from .printing import PackResult, check_options, print_pack
from .stamp import check_recipient

if TYPE_CHECKING:
    from ..document import Document
    from ..numbering import Entry, Register
    from ..office import Office
    from ..pdf import Converter
    from ..tte import TTE

__all__ = [
    "BatchError",
    "Pending",
    "agenda_disagrees",
    "check_copies",
    "check_given",
    "check_output",
    "print_numbered",
]


def check_output(
    output: str | os.PathLike[str], *, encrypt: str | None = None, pdfa: bool = False
) -> Path:
    """A .pdf path in a folder that exists, and the pack's options, before anything
    is numbered (:func:`surat.print_pack` would refuse them only after)."""
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise SuratError(f"{target}: folder {folder} tidak ada")
    if target.suffix.lower() != ".pdf":
        raise SuratError(f"{target}: keluaran .pdf diharapkan")
    check_options(encrypt, pdfa)
    return target


def check_copies(kind: str, office: Office, model: Any, where: str = "") -> None:
    """Each copy recipient the stamps of a *kind* letter will print (the profile's
    defaults for the kind, then the letter's own ``tembusan``) fits its stamp.

    *where* starts the error message (``'baris 2: '``, ``'tugas: '``).
    """
    own = tembusan_for(kind, office, getattr(model, "tembusan", None) or ())
    for i, name in enumerate(own, start=1):
        check_recipient(name, f"{where}tembusan {i}")


def print_numbered(
    letters: Callable[[Pending], Iterable[Document]],
    output: Target,
    *,
    register: Register | None,
    alasan: str,
    converter: Converter | None = None,
    convert: bool = True,
    write: Callable[[Iterable[Document], Converter | None, Pending], Any] | None = None,
    copies: Sequence[str] | None = None,
    duplex: bool = False,
    encrypt: str | None = None,
    pdfa: bool = False,
    on_letter: Callable[[], None] | None = None,
    tte: TTE | None = None,
    arsip: str | os.PathLike[str] | None = None,
) -> Any:
    """Start LibreOffice, take the numbers, write *output*, then confirm the numbers.

    *letters* takes its numbers from the :class:`Pending` it is given
    (``pending.issue(...)``), in the caller's thread, and returns the
    rendered letters: a list, or a generator that renders them while earlier
    ones convert (it runs in the converter's feeding thread: it must not use
    the register).
    *alasan* starts the reason a failed run's numbers are voided with.
    *converter* defaults to the process-wide one (:func:`surat.pdf.shared_converter`);
    ``convert=False`` (a .docx written by *write*) starts none.

    By default the letters go into one print pack (:func:`surat.print_pack`
    with the pack options given) and its :class:`surat.PackResult` is
    returned. *write* replaces that: ``write(documents, converter, pending)``
    writes the letters its own way and must call ``pending.finish()`` once its
    file is complete, before the file takes its name (and
    ``pending.record_tte(nomor)`` for each letter it signs, before); its return
    value is returned. A signed letter's signature is recorded with the numbers
    (:meth:`Pending.record_tte`).
    Numbers taken before a failure are voided, and a :class:`BatchError`
    lists them. The result names the inserted numbers (``002.a``) taken:
    ``PackResult.sisipan``.
    """
    from ..pdf import shared_converter

    conv = None
    if convert:
        conv = converter if converter is not None else shared_converter()
        conv.start()  # LibreOffice must work before a number is taken
    # SIGTERM or SIGHUP unwinds like Ctrl-C: no letter left in $TMPDIR, numbers voided
    what = "(aliran)" if is_stream(output) else str(output)
    with stop_cleanly(), Pending(register, what=what, alasan=alasan) as pending:
        documents = letters(pending)
        if write is not None:
            written = write(documents, conv, pending)
            if isinstance(written, PackResult):  # a case's two files: the inserted numbers too
                return dataclasses.replace(written, sisipan=pending.inserted)
            return written
        if conv is None:
            raise SuratError(f"{output}: paket cetak dikonversi: convert=False memerlukan write=")
        result: PackResult = print_pack(
            documents,
            Path(output) if isinstance(output, str | os.PathLike) else output,
            copies=copies,
            duplex=duplex,
            encrypt=encrypt,
            pdfa=pdfa,
            converter=conv,
            on_letter=on_letter,
            on_written=pending.finish,
            tte=tte,
            arsip=arsip,
            on_signed=pending.record_tte,
        )
        return dataclasses.replace(result, sisipan=pending.inserted)


def check_given(reg: Register, nomor: str, model: Any, office: Office) -> str:
    """Why a letter of *model* may not print *nomor*, a number taken before (a batch
    row's, ``surat buat --nomor``): what follows the number in the message, or ''
    when the register's outgoing books hold it as printed, active, its pack done,
    given for the letter's date and letterhead (:func:`agenda_disagrees`).

    >>> from surat import Office, Register
    >>> from surat.letters import example_data, validate
    >>> m = validate("persetujuan", example_data("persetujuan"))
    >>> with Register(":memory:") as reg:
    ...     n = str(reg.issue(**m.agenda(Office.default())))
    ...     check_given(reg, n, m, Office.default()), check_given(reg, n[1:], m, Office.default())
    ('', 'tidak ada di buku agenda surat keluar register (tercatat 001/DP3A-PP-KB/PPA/XI/2026: \
tulis nomor persis seperti tercetak)')
    """
    from ..numbering.pattern import baku
    from ..numbering.register import PENDING_HINT

    found = reg.find(nomor)
    if found is None:
        why = "tidak ada di buku agenda surat keluar register"
        printed = baku(nomor, reg.pattern)
        if printed not in (None, nomor.strip()) and reg.find(printed or "") is not None:
            why += f" (tercatat {printed}: tulis nomor persis seperti tercetak)"
        return why
    if found.status != "aktif":
        return "sudah batal dan tidak dipakai lagi"
    if found.batch is not None:
        return PENDING_HINT
    other = agenda_disagrees(model, office, found, reg.pattern)
    return f"tidak cocok: {other}" if other else ""


def agenda_disagrees(model: Any, office: Office, entry: Entry, pattern: str) -> str:
    """Why a letter of *model* may not print the number of the agenda row *entry*:
    '' when the row was given for the letter's date (today when the data gives
    none) and prints the code of the letter's letterhead (read from the number
    with *pattern*, the register's: a letterhead's number from before its own
    book, kept in the office's, prints the letterhead's code too).

    >>> from surat import Office, Register
    >>> from surat.letters import example_data, validate
    >>> m = validate("persetujuan", example_data("persetujuan"))
    >>> with Register(":memory:") as reg:
    ...     e = reg.find(str(reg.issue(**m.agenda(Office.default()))))
    ...     agenda_disagrees(m, Office.default(), e, reg.pattern)
    ''
    >>> m2 = validate("persetujuan", {**example_data("persetujuan"), "tanggal": "2026-11-28"})
    >>> agenda_disagrees(m2, Office.default(), e, reg.pattern)
    'surat bertanggal 2026-11-28, nomornya tercatat bertanggal 2026-11-22 di buku agenda'
    """
    from ..numbering.pattern import parse

    fields = model.agenda(office)
    day = fields["tanggal"]
    if day != entry.tanggal:
        return (
            f"surat bertanggal {day.isoformat()}, nomornya tercatat bertanggal "
            f"{entry.tanggal.isoformat()} di buku agenda"
        )
    name = fields.get("kop")
    code = (office.kop[name].kode or office.kode) if name in office.kop else office.kode
    try:
        printed = parse(entry.nomor, pattern).kode or entry.kop or office.kode
    except SuratError:  # a pattern the number no longer reads as: the row's book
        printed = entry.kop or office.kode
    if printed != code:
        return (
            f"surat berkop {name or 'kantor'}, yang bernomor dengan kode {code}; "
            f"nomornya berkode {printed}"
        )
    return ""
