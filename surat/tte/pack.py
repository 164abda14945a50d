"""Signed letters in a print pack, and the signed originals beside it.

A signature covers one whole file, and two people need two files:

- the **archive** keeps each signed letter as its own file: the signed
  original (``arsip=`` folder, ``surat cetak/kasus --arsip DIR``), with its
  visible signature in the signature block, footer and QR code; this is the
  file that ``surat tte periksa`` verifies letter by letter;
- the **post room** prints one PDF: the pack. Each signed letter appears in it
  exactly as its signed original looks (footer, QR code, the signature's
  appearance drawn into the page), followed by its stamped tembusan copies; and
  the pack as a whole carries one more, invisible, signature by the same
  certificate, so the file that is sent can be checked as well.

Letters that the certificate's holder does not sign (another official's
letter, the reporter's own request) are printed as before, for a wet
signature; :attr:`surat.PackResult.signed` lists the signed ones.
"""

from __future__ import annotations

import os
import re
import secrets
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .. import letters
from ..errors import SuratError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from ..document import Document
    from ..office import Office
    from .signer import TTE

__all__ = [
    "UNSIGNED_KINDS",
    "Signing",
    "Tertanda",
    "archive_name",
    "check",
    "check_dates",
    "check_options",
    "check_paraf_kertas",
    "check_signers",
    "signs",
]


UNSIGNED_KINDS = frozenset(letters.KINDS) - letters.SIGNABLE
"""Registered kinds the office never signs (each kind declares it: ``signable``).
An office's own template is not among them: it may carry a signature block."""


def archive_name(doc: Document, token: str) -> str:
    """The signed original's file name: kind, then number (``/`` -> ``_``); for a
    letter without a number, kind, date and *token* (random hex digits), so that
    the reports of two packs never claim one name.

    >>> from datetime import date
    >>> from surat.document import Document
    >>> archive_name(Document(b"", "persetujuan", nomor="001/DP3A-PP-KB/PPA/XI/2026"), "5f0c1e")
    'persetujuan-001_DP3A-PP-KB_PPA_XI_2026.pdf'
    >>> archive_name(Document(b"", "konseling", tanggal=date(2026, 12, 7)), "5f0c1e")
    'konseling-2026-12-07-5f0c1e.pdf'
    """
    day = doc.tanggal.isoformat() if doc.tanggal is not None else "tanpa-tanggal"
    tail = doc.nomor if doc.nomor else f"{day}-{token}"
    safe = re.sub(r"[^0-9A-Za-z.-]+", "_", f"{doc.kind}-{tail}").strip("._")
    return f"{safe[:150]}.pdf"


def signs(tte: TTE, office: Office, kind: str, nama: str | None = None) -> bool:
    """Whether *tte* signs letters of *kind* (printing *nama* as signer) in this office."""
    from .sign import holds

    return kind not in UNSIGNED_KINDS and holds(tte, office, kind, nama)


class Tertanda(NamedTuple):
    """A letter to be signed, as the check before numbering sees it."""

    kind: str
    nama: str = ""
    """The signer's name the letter will print
    (:func:`surat.letters.penandatangan.printed_signer`); '' for the profile's
    signer of the kind."""
    baris: int | None = None
    """The batch row it comes from; None for a case's letter (named by its kind)."""
    nip: str = ""
    """The NIP the letter prints under its signer; '' for the profile's."""
    tanggal: date | None = None
    """The letter's date, when its data give it (None: the day it is numbered)."""

    @property
    def path(self) -> str:
        """Where a form shows the problem: the row's or the case letter's signer."""
        where = f"baris.{self.baris}" if self.baris is not None else self.kind
        return f"{where}.penandatangan"


#: Refused rows the message lists; ``SuratError.errors`` has them all.
LISTED = 20


def check(
    tte: TTE,
    office: Office,
    letters: Iterable[str | Tertanda],
    *,
    every: bool = False,
    arsip: str | os.PathLike[str] | None = None,
    encrypt: str | None = None,
    pdfa: bool = False,
    numbered_now: bool = True,
) -> None:
    """What can be known before any number is taken: the options
    (:func:`check_options`), that the certificate's holder signs the
    *letters* (:func:`check_signers`) and, for letters *numbered_now*, that
    their parafs were given on paper (:func:`check_paraf_kertas`)."""
    check_options(tte, arsip=arsip, encrypt=encrypt, pdfa=pdfa)
    todo = list(letters)
    check_signers(tte, office, todo, every=every)
    check_dates(tte, office, todo)
    if numbered_now:
        check_paraf_kertas(tte, office, todo)


def check_dates(tte: TTE, office: Office, letters: Iterable[str | Tertanda]) -> None:
    """A letter is signed on its own date: refuse, before any number is taken, a
    letter the certificate's holder signs whose data date it another day than
    today (:func:`surat.tte.sign.check_tanggal`); the error names its row."""
    from .sign import check_tanggal, holds

    for t in letters:
        if isinstance(t, str) or t.tanggal is None or t.kind in UNSIGNED_KINDS:
            continue
        if not holds(tte, office, t.kind, t.nama or None, t.nip or None):
            continue
        try:
            check_tanggal(t.kind, t.tanggal)
        except SuratError as exc:
            if t.baris is None:
                raise
            raise SuratError(f"baris {t.baris}: {exc}", [(t.path, str(exc))]) from None


def check_paraf_kertas(tte: TTE, office: Office, letters: Iterable[str | Tertanda]) -> None:
    """Letters the certificate's holder signs that are numbered as they are printed
    (a batch, a case's pack, ``surat buat --db``), and the kinds the register
    never numbers (the counseling report), have no electronic paraf: the
    register records one for a number it has given. So a kind the profile has
    officials initial (``[paraf]``) is signed only when the signer declares
    the parafs were given on paper (:meth:`surat.TTE.with_paraf_kertas`);
    refused before any number is taken."""
    from .sign import holds

    if tte.paraf_kertas:
        return
    todo = [Tertanda(x) if isinstance(x, str) else x for x in letters]
    signed = [
        t.kind
        for t in todo
        if t.kind not in UNSIGNED_KINDS
        and holds(tte, office, t.kind, t.nama or None, t.nip or None)
    ]
    needs = [k for k in dict.fromkeys(signed) if office.paraf.get(k)]
    if needs:
        raise SuratError(
            f"tte: {', '.join(needs)}: paraf: surat-surat ini belum bernomor di agenda, "
            "dan paraf elektronik dicatat untuk surat bernomor, jadi belum ada pejabat yang "
            "memarafnya secara elektronik; nyatakan bahwa paraf diberikan di kertas "
            "(--paraf-kertas), atau ambil nomornya dulu, catat parafnya (surat paraf "
            "NOMOR PEJABAT) lalu tandatangani setiap surat (surat buat --nomor N --db)"
        )


def check_options(
    tte: TTE,
    *,
    arsip: str | os.PathLike[str] | None = None,
    encrypt: str | None = None,
    pdfa: bool = False,
) -> None:
    """The options a signed pack cannot have, and the ``arsip`` folder."""
    Signing(tte, arsip, pdfa=pdfa, encrypt=encrypt)


def check_signers(
    tte: TTE, office: Office, letters: Iterable[str | Tertanda], *, every: bool = False
) -> None:
    """Whether the certificate's holder signs the *letters*, judged as each letter
    is when it is signed (:func:`surat.tte.sign.check_holder`, on the name it prints).

    A letter is a :class:`Tertanda`, or a kind whose signer is the profile's.
    With *every* (a batch of one kind) each must be the holder's: one for a wet
    signature among signed letters would go out unnoticed. Otherwise (the letters
    of a case, some signed by other officials, on paper) at least one. The error
    names each refused row or letter, never a person.
    """
    from .sign import check_holder

    todo = [Tertanda(x) if isinstance(x, str) else x for x in letters]
    signed = [t for t in todo if t.kind not in UNSIGNED_KINDS]
    if not signed:
        kinds = ", ".join(dict.fromkeys(t.kind for t in todo))
        raise SuratError(f"tte: {kinds}: kantor tidak pernah menandatangani surat-surat ini")
    refused: list[tuple[Tertanda, SuratError]] = []
    for t in signed:
        try:
            check_holder(tte, office, t.kind, t.nama or None, t.nip or None)
        except SuratError as exc:
            refused.append((t, exc))
    if not refused or (not every and len(refused) < len(signed)):
        return
    if len(todo) == 1 and refused[0][0].baris is None:
        raise refused[0][1]  # one letter: its own words
    lines = [f"baris {t.baris}: {exc}" if t.baris is not None else str(exc) for t, exc in refused]
    if len(lines) > LISTED:
        lines[LISTED:] = [f"... {len(lines) - LISTED} lagi"]
    head = (
        f"tte: pemegang sertifikat tidak menandatangani {len(refused)} dari {len(signed)} surat"
        if every
        else "tte: pemegang sertifikat tidak menandatangani satu pun surat ini"
    )
    raise SuratError(
        f"{head}; tidak ada yang diberi nomor atau dicetak\n  " + "\n  ".join(lines),
        [(t.path, str(exc)) for t, exc in refused],
    )


class Signing:
    """What :func:`surat.print_pack` does with ``tte=``: sign, flatten, keep originals."""

    def __init__(
        self,
        tte: TTE,
        arsip: str | os.PathLike[str] | None,
        *,
        pdfa: bool = False,
        encrypt: str | None = None,
        only: Callable[[Document], bool] | None = None,
    ) -> None:
        if encrypt:
            raise SuratError("tte: paket bertanda tangan tidak dienkripsi; jangan berikan sandi")
        if pdfa:
            raise SuratError(
                "tte: paket bertanda tangan bukan PDF/A (kaki halamannya memakai huruf standar); "
                "pilih salah satu"
            )
        self.tte = tte
        self.only = only
        self.folder = Path(arsip) if arsip is not None else None
        if self.folder is not None and not self.folder.exists():
            # never made here: a mistyped path would hide signed originals elsewhere
            raise SuratError(f"arsip: {self.folder} tidak ada; buat foldernya dulu")
        if self.folder is not None and not self.folder.is_dir():
            raise SuratError(f"arsip: {self.folder} bukan folder")
        self.originals: list[tuple[str, bytes]] = []
        self.labels: list[str] = []
        self._office: Office | None = None

    def _office_of(self, doc: Document) -> Office:
        from ..office import Office as _Office

        return doc.office or _Office.default()

    def signs(self, doc: Document) -> bool:
        """Whether the certificate's holder signs *doc* (:meth:`letter` signs it), among
        the letters *only* chooses."""
        if self.only is not None and not self.only(doc):
            return False
        return signs(self.tte, self._office_of(doc), doc.kind, doc.penandatangan or None)

    def docx(self, doc: Document) -> bytes:
        """The .docx to convert: with room for the footer when the letter is signed."""
        from .sign import tte_docx

        return tte_docx(doc.docx) if self.signs(doc) else doc.docx

    def letter(self, doc: Document, pdf: bytes) -> bytes:
        """The converted letter as the pack prints it: signed and flattened, or as it is."""
        from .sign import check_paraf, check_tanggal, flatten, sign_letter

        if not self.signs(doc):
            return pdf
        name = archive_name(doc, secrets.token_hex(3))
        if self.folder is not None and (self.folder / name).exists():
            # before the pack is written or its numbers confirmed: nothing to undo
            raise SuratError(
                f"arsip: {self.folder / name} sudah ada; surat asli bertanda tangan tidak "
                "pernah diganti"
            )
        check_tanggal(doc.kind, doc.tanggal)
        check_paraf(doc.kind, doc.paraf, self.tte.paraf_kertas)
        office = self._office_of(doc)
        self._office = self._office or office
        signed = sign_letter(
            pdf,
            self.tte,
            office=office,
            kind=doc.kind,
            nomor=doc.nomor,
            tanggal=doc.tanggal,
            nama=doc.penandatangan or None,
            nip=doc.penandatangan_nip or None,
        )
        self.originals.append((name, signed.pdf))
        self.labels.append(doc.label)
        return flatten(signed.pdf)

    def pack(self) -> Callable[[bytes], bytes]:
        """The signature over the whole pack, applied to its bytes."""
        from .sign import sign_whole

        if self._office is None:
            raise SuratError(
                "tte: tidak satu pun surat ditandatangani pemegang sertifikat: "
                "penanda tangan (penandatangan) setiap surat adalah pejabat lain"
            )
        office = self._office
        reason = f"Paket cetak: {len(self.labels)} surat bertanda tangan elektronik"

        def sign(data: bytes) -> bytes:
            return sign_whole(data, self.tte, office=office, reason=reason)

        return sign

    def signed_labels(self) -> tuple[str, ...]:
        return tuple(self.labels)

    def write_originals(self) -> tuple[Path, ...]:
        """Each signed original as its own file (atomic, 0600); all or none. Written
        before the pack, which removes them if it fails (:func:`surat.print_pack`)."""
        from ..files import write_private

        if self.folder is None:
            return ()
        written: list[Path] = []
        try:
            for name, data in self.originals:
                path = self.folder / name
                if path.exists():
                    raise SuratError(
                        f"arsip: {path} sudah ada; surat asli bertanda tangan tidak pernah diganti"
                    )
                written.append(write_private(path, data))
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
        return tuple(written)
