"""print_batch: a batch's rows to one print pack, numbered all or nothing."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ..errors import SuratError
from ..files import Target
from ..numbering.pending import Pending
from ..pack.printing import check_options as check_pack_options
from ..pack.workflow import check_copies, check_given, check_output, print_numbered

if TYPE_CHECKING:
    from ..document import Document
    from ..numbering import Register
    from ..office import Office
    from ..pack import PackResult
    from ..pdf import Converter
    from ..tte import TTE

from .rows import Row, as_rows
from .validate import Letter, validate

__all__ = ["Ringkasan", "print_batch"]


@dataclass(frozen=True)
class Ringkasan:
    """What a batch printed: ``str()`` is the one-screen summary the CLI prints."""

    output: Path | None
    """The pack's file; None when it went to a stream (``io.BytesIO``, stdout)."""
    jenis: str
    letters: int
    copies: int
    pages: int
    numbers: tuple[str, ...]
    seconds: float
    stages: dict[str, float] = field(default_factory=dict)
    signed: int = 0
    """How many letters were signed electronically (``tte=``)."""
    arsip: tuple[Path, ...] = ()
    """The signed originals, one file each (``arsip=``)."""
    sisipan: tuple[str, ...] = ()
    """The inserted numbers (``002.a``) among :attr:`numbers`: letters dated before
    the latest letter of their agenda book (each row's ``alasan`` says why)."""
    peringatan: tuple[str, ...] = ()
    """Warnings about printed letters, each after its letter's number and kind
    (a task on a Saturday or Sunday): allowed, but worth a look before signing."""

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
                f"Berkas   : {self.output if self.output is not None else '(aliran)'}",
                f"Jenis    : {self.jenis}",
                f"Surat    : {self.letters} asli + {self.copies} tembusan",
                f"Halaman  : {self.pages}",
                f"Nomor    : {self.number_range} ({len(self.numbers)} diambil)",
                *(
                    [f"Sisipan  : {', '.join(self.sisipan)} (bertanggal mundur, nomor sisipan)"]
                    if self.sisipan
                    else []
                ),
                *(
                    [f"TTE      : {self.signed} surat ditandatangani elektronik"]
                    if self.signed
                    else []
                ),
                *(
                    [f"Arsip    : {len(self.arsip)} berkas asli bertanda tangan"]
                    if self.arsip
                    else []
                ),
                f"Waktu    : {self.seconds:.1f} s" + (f" ({stages})" if stages else ""),
                *(f"Peringatan: {w}" for w in self.peringatan),
            ]
        )


# -- printing --------------------------------------------------------------------


def _check_dates(
    kind: str, reg: Register, agenda: list[dict[str, Any]], need: Sequence[Letter], rows: int
) -> None:
    """Every row's date as the register would take it, before any number: dated too far
    ahead without an alasan, backdated without one, or a backdate the policy refuses."""
    from ..errors import Problem

    found = reg.check_issue(agenda, backdate_needs_alasan=True)
    if not found:
        return
    problems = [f"baris {need[i].baris}: {message}" for i, message in found]
    structured = [
        Problem(f"baris.{need[i].baris}.tanggal", message.partition(": ")[2])
        for i, message in found
    ]
    head = (
        f"{kind}: {len({i for i, _ in found})} dari {rows} baris bermasalah; "
        "tidak ada yang diberi nomor atau dicetak"
    )
    raise SuratError(head + "\n  " + "\n  ".join(problems), structured)


def _bar(progress: bool, total: int, desc: str) -> Any:
    from tqdm.auto import tqdm

    # None: tqdm shows the bar only on a terminal, so logs never get '\r' or escape
    # codes; in Jupyter, with the notebook extra (ipywidgets), it is a widget.
    return tqdm(
        total=total, desc=desc, unit="surat", disable=None if progress else True, leave=False
    )


def print_batch(
    kind: str,
    rows_or_path: str | os.PathLike[str] | Iterable[Mapping[str, Any] | Row],
    output: Target,
    *,
    register: Register | str | os.PathLike[str] | None = None,
    office: Office | None = None,
    copies: Sequence[str] | None = None,
    duplex: bool = False,
    encrypt: str | None = None,
    pdfa: bool = False,
    converter: Converter | None = None,
    progress: bool = True,
    tte: TTE | None = None,
    arsip: str | os.PathLike[str] | None = None,
) -> Ringkasan:
    """Validate, number, render, convert and pack many letters of one kind into *output*.

    *rows_or_path* is a .csv/.xlsx/.json path or an iterable of dicts.
    *output* is a .pdf path, or a binary stream (``io.BytesIO``, an HTTP
    response) that gets the whole pack in one ``write``; its numbers are
    confirmed once that write returned.
    *register* (a :class:`surat.Register` or its path/URL) numbers the letters
    of numbered kinds; rows with a ``nomor`` need none. ``copies`` replaces
    every letter's tembusan; ``duplex``, ``encrypt`` and ``pdfa`` are those of
    :func:`surat.print_pack`. ``progress`` shows a tqdm bar per stage.
    ``tte`` and ``arsip`` sign the letters electronically, as
    :func:`surat.print_pack` does; before any number is taken, the signer each
    row's letter prints (its own Plt./Plh., else the profile's) must be the
    certificate's holder.

    Raises :class:`SuratError` listing every bad row before anything is taken;
    :class:`BatchError` (with ``.voided``) when it failed after taking numbers.
    """
    from ..numbering import Register as _Register
    from ..office import Office as _Office
    from ..pack import check_recipient

    started = time.monotonic()
    office = office or _Office.default()
    target: Path | BinaryIO
    if isinstance(output, str | os.PathLike):
        target = check_output(output, encrypt=encrypt, pdfa=pdfa)
    else:  # a stream: the whole pack in one write, once complete; or nothing
        check_pack_options(encrypt, pdfa)
        target = output
    if isinstance(copies, str):
        raise SuratError("copies: daftar penerima diharapkan, bukan satu teks")
    if copies is not None:
        copies = [check_recipient(n, f"copies {i}") for i, n in enumerate(copies, start=1)]
    if tte is not None:
        from ..tte.pack import check_options

        check_options(tte, arsip=arsip, encrypt=encrypt, pdfa=pdfa)

    own_register = isinstance(register, str | os.PathLike)
    rows = as_rows(rows_or_path)
    if own_register:  # the rows' own problems before a register file is opened (or made)
        validate(kind, rows)
    reg: Register | None = (
        _Register(register, office=office) if isinstance(register, str | os.PathLike) else register
    )
    try:
        return _print(kind, rows, target, reg, office, copies, duplex, encrypt, pdfa,
                      converter, progress, tte, arsip, started)  # fmt: skip
    finally:
        if own_register and reg is not None:
            reg.close()


def _check_given(
    batch: Sequence[Letter], reg: Register | None, tte: TTE | None, office: Office
) -> None:
    """Rows that carry a number taken before: one letter per number; with a
    register, what ``surat buat --nomor`` asks of it too
    (:func:`surat.pack.workflow.check_given`), and never signed in the pack (a
    numbered letter is signed on its own, with the electronic parafs the
    register holds for it: ``surat buat --nomor N --tte``). Refused before any
    number is taken, naming the row."""
    seen: dict[str, int] = {}
    for b in batch:
        if not b.nomor:
            continue
        nomor = b.nomor.strip()
        why = ""
        if nomor in seen:
            why = f"nomor {nomor} sudah dipakai baris {seen[nomor]}: satu nomor, satu surat"
        elif reg is not None and (problem := check_given(reg, nomor, b.model, office)):
            why = f"nomor {nomor} {problem}"
        elif tte is not None and reg is not None:  # without a register: no paraf to miss
            why = (
                f"nomor {nomor} diambil sebelumnya: surat yang sudah bernomor ditandatangani "
                "satu per satu dengan paraf elektroniknya (surat buat JENIS DATA --nomor "
                "NOMOR --db BUKU --tte SERTIFIKAT); paket bertanda tangan memberi nomor baru"
            )
        if why:
            raise SuratError(f"baris {b.baris}: {why}", [(f"baris.{b.baris}.nomor", why)])
        seen[nomor] = b.baris


def _print(
    kind: str,
    rows_or_path: str | os.PathLike[str] | Iterable[Mapping[str, Any] | Row],
    target: Path | BinaryIO,
    reg: Register | None,
    office: Office,
    copies: Sequence[str] | None,
    duplex: bool,
    encrypt: str | None,
    pdfa: bool,
    converter: Converter | None,
    progress: bool,
    tte: TTE | None,
    arsip: str | os.PathLike[str] | None,
    started: float,
) -> Ringkasan:
    from .. import letters
    from ..letters.penandatangan import check_signer
    from ..templating.letter import render

    stages: dict[str, float] = {}
    # 1. every row checked before anything is taken or written: its data, and
    # every case, incoming letter and approval it cites against the register's books
    t = time.monotonic()
    rows = as_rows(rows_or_path)
    batch = validate(kind, rows, reg)
    numbered = kind in letters.NUMBERED
    need = [b for b in batch if numbered and b.nomor is None]
    needs_number = {b.baris for b in need}
    if not numbered and any(b.nomor for b in batch):
        raise SuratError(f"nomor: surat {kind} tidak bernomor dari buku agenda")
    if need and reg is None:
        where = ", ".join(str(b.baris) for b in need[:20]) + (", ..." if len(need) > 20 else "")
        raise SuratError(
            f"register: surat {kind} mengambil nomor dari buku agenda (--db); "
            f"baris tanpa nomor: {where}"
        )
    _check_given(batch, reg, tte, office)
    if copies is None:  # each letter's own tembusan must fit its stamp too
        for b in batch:
            check_copies(kind, office, b.model, f"baris {b.baris}: ")
    for b in batch:  # each row's signer may sign under its letterhead
        try:
            check_signer(kind, b.model, office)
        except SuratError as exc:
            raise SuratError(f"baris {b.baris}: {exc}") from None
    if tte is not None:  # every row's letter prints its certificate's holder as signer
        from ..letters import printed_signer
        from ..tte.pack import Tertanda, check_dates, check_paraf_kertas, check_signers

        signers = []
        for b in batch:
            nama, nip = printed_signer(kind, b.model, office)
            signers.append(Tertanda(kind, nama, b.baris, nip, getattr(b.model, "tanggal", None)))
        check_signers(tte, office, signers, every=True)
        check_dates(tte, office, signers)
        check_paraf_kertas(tte, office, signers)
    agenda: dict[int, dict[str, Any]] = {}
    if need and reg is not None:  # a row's date the register would refuse is the row's problem
        for b in need:
            agenda[b.baris] = {**b.model.agenda(office), "alasan": b.alasan}
        _check_dates(kind, reg, [agenda[b.baris] for b in need], need, len(batch))
    stages["periksa"] = time.monotonic() - t
    numbers: tuple[str, ...] = ()

    def letters_of(pending: Pending) -> Iterator[Document]:
        nonlocal numbers
        stages["libreoffice"] = time.monotonic() - t
        # 2. numbers: each in its own short transaction, pending until the pack is written
        t_nomor = time.monotonic()
        nomor_of: dict[int, str | None] = {}
        with _bar(progress, len(need), "nomor") as bar:
            for b in batch:
                if b.baris in needs_number:
                    nomor_of[b.baris] = str(pending.issue(**agenda[b.baris]))
                    bar.update()
                else:
                    nomor_of[b.baris] = b.nomor
        numbers = pending.numbers
        stages["nomor"] = time.monotonic() - t_nomor

        def documents() -> Iterator[Document]:  # 3. rendered while earlier ones convert
            for b in batch:
                doc = render(kind, b.model, office=office, nomor=nomor_of[b.baris])
                render_bar.update()
                yield doc

        return documents()

    render_bar = _bar(progress, len(batch), "render")
    pack_bar = _bar(progress, len(batch), "konversi")
    try:
        t = time.monotonic()
        result: PackResult = print_numbered(
            letters_of,
            target,
            register=reg,
            alasan="cetak massal gagal",
            converter=converter,
            copies=copies,
            duplex=duplex,
            encrypt=encrypt,
            pdfa=pdfa,
            on_letter=lambda: pack_bar.update(),
            tte=tte,
            arsip=arsip,
        )
        stages["render+konversi+paket"] = (
            time.monotonic() - t - sum(stages.get(k, 0.0) for k in ("libreoffice", "nomor"))
        )
    finally:
        render_bar.close()
        pack_bar.close()
    return Ringkasan(
        output=target if isinstance(target, Path) else None,
        jenis=kind,
        letters=result.letters,
        copies=result.copies,
        pages=result.pages,
        numbers=numbers,
        sisipan=result.sisipan,
        signed=len(result.signed),
        arsip=result.arsip,
        peringatan=result.peringatan,
        seconds=time.monotonic() - started,
        stages=stages,
    )
