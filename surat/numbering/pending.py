"""The numbers one pack takes: all of them, or none.

Every number a pack takes is marked with the pack's batch id
(``host:pid:random``), in whichever book (outgoing, incoming, case register):
until the pack is complete, :meth:`surat.Register.pending` lists them, so a
process killed without a chance to void them leaves them visible (``surat
agenda --tertunda``) and voidable (``surat nomor batal --batch ID``). Once the
pack is complete on disk, :meth:`Pending.finish` makes them ordinary entries
in one transaction (refused if one was voided meanwhile). If anything fails
after the first number, every number the pack took is voided with the reason,
and :class:`BatchError` lists them (or those the register could not void).

The workflow that uses it (checks first, LibreOffice started, then numbers,
then the pack) is :mod:`surat.pack.workflow`.
"""

from __future__ import annotations

import os
import secrets
import socket
import types
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from ..errors import SuratError
from .base import Refused

if TYPE_CHECKING:
    from ..prosedur import SOP
    from ..vocab import Buku
    from .dokumen import Dokumen
    from .register import Nomor, Register

__all__ = ["BatchError", "Pending", "reason"]


class BatchError(SuratError):
    """A pack stopped after it took numbers; ``voided`` lists the numbers it voided."""

    def __init__(self, message: str, voided: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.voided = tuple(voided)


def reason(exc: BaseException) -> str:
    """Why a pack stopped, for the agenda: an error's first line, never personal data
    (surat's messages name files, rows, fields and numbers only)."""
    if isinstance(exc, SuratError):
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return first[:300]
    return type(exc).__name__


class Pending:
    """The numbers one pack takes, pending under one batch id; a context manager.

    Take numbers with :meth:`issue`, :meth:`receive` and :meth:`register_case`
    (the :class:`surat.Register` methods of the same names, marked with
    :attr:`id`) inside the ``with`` block; call :meth:`finish` once the pack
    is complete (``print_pack(..., on_written=pending.finish)``). An error
    leaving the block voids every number taken, the reason starting with
    *alasan*, and becomes a :class:`BatchError` headed by *what* (the output
    file); KeyboardInterrupt and the like stay what they are, with a note.
    """

    def __init__(self, register: Register | None, *, what: str, alasan: str) -> None:
        self.register = register
        self.what = what
        self.alasan = alasan
        self.id = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self.taken: list[tuple[Buku, Nomor]] = []
        self.documents: list[tuple[str, Dokumen]] = []
        """The documents :meth:`finish` records: (case, checked document)."""
        self.signed: list[str] = []
        """The numbers of the letters signed electronically, which :meth:`finish` records."""
        self._numbering = False

    @property
    def numbers(self) -> tuple[str, ...]:
        """Every number taken, in order."""
        return tuple(str(n) for _, n in self.taken)

    @property
    def inserted(self) -> tuple[str, ...]:
        """The inserted numbers (``002.a``: a backdated letter) among :attr:`numbers`."""
        return tuple(str(n) for _, n in self.taken if n.sisipan)

    def issue(self, **fields: Any) -> Nomor:
        """:meth:`surat.Register.issue`, pending."""
        return self._take("keluar", "issue", fields)

    def receive(self, **fields: Any) -> Nomor:
        """:meth:`surat.Register.receive`, pending."""
        return self._take("masuk", "receive", fields)

    def register_case(self, **fields: Any) -> Nomor:
        """:meth:`surat.Register.register_case`, pending."""
        return self._take("kasus", "register_case", fields)

    def _take(self, buku: Buku, method: str, fields: dict[str, Any]) -> Nomor:
        if self.register is None:
            raise SuratError("register: surat-surat ini mengambil nomor dari buku agenda (--db)")
        self._numbering = True  # a failure now may leave a number the register recorded
        try:
            n: Nomor = getattr(self.register, method)(**fields, batch=self.id)
        except Refused:  # a rule of the office refused it: nothing was recorded
            self._numbering = False
            raise
        self._numbering = False
        self.taken.append((buku, n))
        return n

    def record_document(
        self,
        nomor_registrasi: str,
        *,
        jenis: str,
        tanggal: date | datetime | str,
        nomor: str | None = None,
        buku: Literal["keluar", "masuk"] | None = None,
        tahap: str = "",
        sop: str | os.PathLike[str] | SOP | None = None,
        langkah: int | None = None,
        kunci: str = "",
    ) -> Dokumen:
        """:meth:`surat.Register.record_document`, recorded by :meth:`finish` in the
        transaction that confirms the batch's numbers: the document and its number
        land together or not at all. Checked now; the case may be one this batch
        registered. Returns the checked document (not yet recorded)."""
        from .dokumen import check

        doc = check(
            jenis=jenis, tanggal=tanggal, nomor=nomor, buku=buku, tahap=tahap, sop=sop,
            langkah=langkah, kunci=kunci,
        )  # fmt: skip
        if self.register is None:
            raise SuratError("register: dokumen kasus dicatat di buku agenda (--db)")
        if not isinstance(nomor_registrasi, str) or not nomor_registrasi.strip():
            raise SuratError("nomor_registrasi: nomor registrasi kasus diharapkan")
        self.documents.append((nomor_registrasi, doc))
        return doc

    def record_tte(self, nomor: str) -> None:
        """The letter *nomor*, numbered by this pack, is being signed electronically:
        recorded by :meth:`finish` with the pack's numbers
        (:meth:`surat.Register.record_tte`), so no paraf is added to it afterwards
        and it is not signed a second time. A number this pack did not take is
        refused now, before any file is written: its electronic parafs are the
        register's (``surat buat --nomor N --tte`` prints them)
        (``print_pack(..., on_signed=pending.record_tte)``)."""
        if self.register is None:
            return  # a letter without a register: no agenda row to record it in
        if nomor not in self.numbers:
            # its electronic parafs are the register's, and this pack did not print them
            raise SuratError(
                f"tte: {nomor} bernomor sebelum paket ini; surat yang sudah bernomor "
                "ditandatangani satu per satu dengan paraf elektroniknya (surat buat JENIS "
                f"DATA --nomor {nomor} --db BUKU --tte SERTIFIKAT)"
            )
        self.signed.append(nomor)

    def finish(self) -> None:
        """The pack is complete: its numbers stop being pending (refused if one was
        voided meanwhile: the pack would print a void number), and the documents of
        :meth:`record_document` and the signatures of :meth:`record_tte` are
        recorded, in one transaction."""
        if self.register is not None and (self.taken or self.documents or self.signed):
            self.register._finish_batch(self.id, self.documents, self.signed)

    def __enter__(self) -> Pending:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: types.TracebackType | None,
    ) -> None:
        if exc is None:
            return
        voided, already, failed = self._void_all(reason(exc))
        if not isinstance(exc, Exception):  # KeyboardInterrupt: stays what it is
            exc.add_note(f"surat: nomor dibatalkan: {', '.join(voided) or '-'}")
            return
        lines = [f"{self.what}: proses berhenti, tidak ada yang ditulis: {exc}"]
        if voided:
            lines.append(f"nomor dibatalkan di buku agenda: {', '.join(voided)}")
        if already:
            lines.append(f"nomor yang sementara itu dibatalkan orang lain: {', '.join(already)}")
        if failed:
            lines.append(
                "nomor yang mungkin masih aktif di buku agenda tanpa surat (buku agenda "
                f"tidak dapat membatalkannya; batalkan sendiri): {', '.join(failed)}"
            )
        if self._numbering and self.register is not None:
            lines.append(
                "buku agenda gagal saat memberi nomor, yang mungkin sudah tercatat: "
                f"'surat agenda --tertunda' menampilkan setiap nomor proses {self.id} "
                "yang masih aktif"
            )
        raise BatchError("\n".join(lines), voided) from exc

    def _void_all(self, why: str) -> tuple[list[str], list[str], list[str]]:
        """Void every number taken; the reason says it was this pack. Returns the
        numbers voided, those void already, and those the register could not void."""
        from .base import AlreadyVoid

        voided: list[str] = []
        already: list[str] = []
        failed: list[str] = []
        if self.register is None:
            return voided, already, failed
        for buku, n in self.taken:
            try:
                self.register.void(n, alasan=f"{self.alasan}: {why}", buku=buku)
            except AlreadyVoid:
                already.append(str(n))
            except SuratError:
                failed.append(str(n))
            else:
                voided.append(str(n))
        return voided, already, failed
