"""What a letter cites, looked up in the register's books: every reference resolves.

A letter that cites a case (``korban.nomor_registrasi``), an incoming letter
(the request's agenda number in the Buku Agenda Surat Masuk) or the approval
it follows (an outgoing letter) prints those numbers as facts: a number the
books do not hold is a false record. :func:`check` finds each cited number in
the register (exactly as printed, in this office's books, active) and holds
the letter's dates against the dates the books know:

- the request an approval answers is dated as the incoming agenda records it
  (its own date, when recorded; never after the day it was received), and the
  approval is not dated before the day the request was received;
- the approval a surat tugas cites carries the date of its agenda entry, and
  the surat tugas is not dated before it;
- a cited request or approval belongs to the same case as the letter.

It asks the register only what :class:`Agenda` lists, so that this stage
(the letters) stays below the register's (:mod:`surat.numbering`); a
:class:`surat.Register` is one. Every refusal names the field, never the
value typed there.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, Protocol, overload

from ..dates import today
from ..errors import SuratError
from .shared import DataSurat

__all__ = ["Agenda", "Diterima", "Terdaftar", "check", "kasus", "masuk"]


class Terdaftar(Protocol):
    """A row of the outgoing agenda or of the case book, as the checks read it."""

    @property
    def tanggal(self) -> date: ...
    @property
    def status(self) -> str: ...
    @property
    def nomor_registrasi(self) -> str: ...


class Diterima(Protocol):
    """A row of the incoming agenda, as the checks read it."""

    @property
    def tanggal_terima(self) -> date: ...
    @property
    def tanggal_surat(self) -> date | None: ...
    @property
    def status(self) -> str: ...
    @property
    def nomor_registrasi(self) -> str: ...


class Agenda(Protocol):
    """What the checks ask the register (:meth:`surat.Register.find`)."""

    @overload
    def find(self, nomor: str, *, buku: Literal["masuk"]) -> Diterima | None: ...
    @overload
    def find(
        self, nomor: str, *, buku: Literal["keluar", "kasus"] = "keluar"
    ) -> Terdaftar | None: ...


_BUKU = {
    "kasus": "buku register kasus",
    "masuk": "buku agenda surat masuk",
    "keluar": "buku agenda surat keluar",
}


def check(kind: str, data: DataSurat, register: Agenda | None) -> None:
    """Refuse *data* (a validated letter of *kind*) when a number it cites is not
    an active row of *register*'s books, or a date it prints disagrees with them;
    without a register, nothing is looked up.

    Nothing is written: it runs before any number is taken.
    """
    if register is None:
        return
    from .disposisi import Disposisi
    from .permohonan import Permohonan
    from .persetujuan import Persetujuan
    from .tugas import Tugas

    korban = getattr(data, "korban", None)
    nomor = getattr(korban, "nomor_registrasi", None)
    case = nomor if isinstance(nomor, str) and nomor else None
    if case is not None:
        kasus(register, case, "korban.nomor_registrasi")
    if isinstance(data, Permohonan) and data.nomor_agenda:
        found_masuk = masuk(register, data.nomor_agenda, "nomor_agenda", None)
        if (
            data.tanggal_diterima is not None
            and data.tanggal_diterima != found_masuk.tanggal_terima
        ):
            raise SuratError(
                "tanggal_diterima: berbeda dengan tanggal diterimanya di buku agenda surat masuk",
                code="referensi_tanggal",
            )
        _tanggal_permohonan(found_masuk, data.tanggal, "tanggal")
    elif isinstance(data, Persetujuan):
        where = "permohonan.nomor_agenda"
        found_masuk = masuk(register, data.permohonan.nomor_agenda, where, case)
        _tanggal_permohonan(found_masuk, data.permohonan.tanggal, "permohonan.tanggal")
        if (data.tanggal or today()) < found_masuk.tanggal_terima:
            raise SuratError(
                "tanggal: surat persetujuan bertanggal sebelum permohonan yang dijawabnya diterima "
                "(permohonan, di buku agenda surat masuk)",
                code="referensi_tanggal",
            )
    elif isinstance(data, Tugas):
        found = _find(register, data.persetujuan.nomor, "persetujuan.nomor", "keluar")
        _same_case(found.nomor_registrasi, case, "persetujuan.nomor")
        if data.persetujuan.tanggal != found.tanggal:
            raise SuratError(
                "persetujuan.tanggal: berbeda dengan tanggal persetujuan di buku agenda "
                "surat keluar",
                code="referensi_tanggal",
            )
        if (data.tanggal or today()) < found.tanggal:
            raise SuratError(
                "tanggal: surat tugas bertanggal sebelum surat persetujuan yang dikutipnya",
                code="referensi_tanggal",
            )
    elif isinstance(data, Disposisi):
        found_masuk = masuk(register, data.nomor_agenda, "nomor_agenda", case)
        if data.diterima != found_masuk.tanggal_terima:
            raise SuratError(
                "diterima: berbeda dengan tanggal diterima di buku agenda surat masuk",
                code="referensi_tanggal",
            )
        recorded = found_masuk.tanggal_surat
        if (
            data.tanggal_surat is not None
            and recorded is not None
            and data.tanggal_surat != recorded
        ):
            raise SuratError(
                "tanggal_surat: berbeda dengan tanggal surat di buku agenda surat masuk",
                code="referensi_tanggal",
            )


def kasus(register: Agenda, nomor: str, where: str) -> Terdaftar:
    """The active case *nomor* of *register*'s case book; else refused, naming *where*."""
    return _find(register, nomor, where, "kasus")


def _find(register: Agenda, nomor: str, where: str, buku: Literal["keluar", "kasus"]) -> Terdaftar:
    found = register.find(nomor, buku=buku)  # a register's own failure stays what it is
    if found is None:
        raise SuratError(_missing(where, buku), code="referensi_tidak_ada")
    _active(found.status, where, buku)
    return found


def masuk(register: Agenda, nomor: str, where: str, kasus: str | None) -> Diterima:
    """The active incoming letter *nomor* of *register*, of the case *kasus* when it is
    linked to one; else refused, naming *where*."""
    found = register.find(nomor, buku="masuk")
    if found is None:
        raise SuratError(_missing(where, "masuk"), code="referensi_tidak_ada")
    _active(found.status, where, "masuk")
    _same_case(found.nomor_registrasi, kasus, where)
    return found


def _missing(where: str, buku: str) -> str:
    return (
        f"{where}: tidak ada di {_BUKU[buku]} register ini (nomor dikutip persis seperti di sana)"
    )


def _active(status: str, where: str, buku: str) -> None:
    if status != "aktif":
        raise SuratError(
            f"{where}: berstatus batal di {_BUKU[buku]}; nomor yang batal tidak dikutip",
            code="referensi_batal",
        )


def _same_case(recorded: str, kasus: str | None, where: str) -> None:
    """A cited letter linked to a case belongs to the letter's own case."""
    if recorded and kasus and recorded != kasus:
        raise SuratError(f"{where}: milik kasus lain di register", code="referensi_kasus_lain")


def _tanggal_permohonan(masuk: Diterima, tanggal: date | None, where: str) -> None:
    """The request's date as a letter prints it agrees with the incoming agenda."""
    if tanggal is None:
        return
    if masuk.tanggal_surat is not None and tanggal != masuk.tanggal_surat:
        raise SuratError(
            f"{where}: berbeda dengan tanggal permohonan di buku agenda surat masuk",
            code="referensi_tanggal",
        )
    if tanggal > masuk.tanggal_terima:
        raise SuratError(
            f"{where}: sesudah tanggal diterimanya di buku agenda surat masuk",
            code="referensi_tanggal",
        )
