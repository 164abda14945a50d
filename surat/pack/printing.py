"""print_pack: every letter once as the original, then a stamped copy per tembusan."""

from __future__ import annotations

import hashlib
import io
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SuratError
from ..files import Target, is_stream, write_target
from .assemble import Assembler
from .stamp import STAMP_TITLE, check_recipient, stamp_docx

if TYPE_CHECKING:
    from ..document import Document
    from ..pdf import Converter
    from ..pdf.join import Pages
    from ..tte import TTE

__all__ = ["JOIN", "PackResult", "check_options", "print_pack"]

#: Letters of one template and page setup converted as one document
#: (:mod:`surat.pdf.join`), this many at a time.
JOIN = 25


@dataclass(frozen=True)
class PackResult:
    """What :func:`print_pack` wrote."""

    path: Path | None
    """The file written; None when the pack went to a stream."""
    letters: int
    copies: int
    pages: int
    seconds: float
    labels: tuple[str, ...] = field(default=(), repr=False)
    signed: tuple[str, ...] = field(default=(), repr=False)
    """Labels of the letters signed electronically (``tte=``)."""
    arsip: tuple[Path, ...] = field(default=(), repr=False)
    """The signed originals written one per file (``arsip=``)."""
    sisipan: tuple[str, ...] = ()
    """The inserted numbers (``002.a``) the pack's letters took: dated before the
    latest letter of their agenda book (:mod:`surat.pack.workflow`)."""
    peringatan: tuple[str, ...] = ()
    """The letters' warnings (:attr:`surat.Document.peringatan`), each after its
    letter's label: printed, but worth a look before signing."""

    def __str__(self) -> str:
        tte = f", {len(self.signed)} ditandatangani elektronik" if self.signed else ""
        return "\n".join(
            [
                f"{self.path or '(aliran)'}: {self.letters} surat, {self.copies} tembusan{tte}, "
                f"{self.pages} halaman ({self.seconds:.1f} s)",
                *(
                    [f"Nomor sisipan (bertanggal mundur): {', '.join(self.sisipan)}"]
                    if self.sisipan
                    else []
                ),
                *(f"Peringatan: {w}" for w in self.peringatan),
            ]
        )


def check_options(encrypt: str | None, pdfa: bool) -> None:
    """The pack's options that exclude each other, refused before anything is done.

    >>> check_options("rahasia", True)
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: encrypt: PDF/A tidak mengizinkan enkripsi; pilih salah satu
    """
    if encrypt is not None and (not isinstance(encrypt, str) or not encrypt):
        raise SuratError("encrypt: sandi yang tidak kosong diharapkan")
    if encrypt and pdfa:
        raise SuratError("encrypt: PDF/A tidak mengizinkan enkripsi; pilih salah satu")


def _recipients(doc: Document, copies: Sequence[str] | None) -> list[str]:
    if copies is not None:
        return [check_recipient(n, f"copies {i}") for i, n in enumerate(copies, start=1)]
    return [check_recipient(n, f"{doc.label}: tembusan {i}") for i, n in enumerate(doc.tembusan, 1)]


def _own(out: bytes | Pages) -> bytes:
    """A converted document as a PDF of its own."""
    return out if isinstance(out, bytes) else out.pdf


def print_pack(
    docs: Iterable[Document],
    output: Target,
    *,
    copies: Sequence[str] | None = None,
    duplex: bool = False,
    encrypt: str | None = None,
    pdfa: bool = False,
    converter: Converter | None = None,
    on_letter: Callable[[], None] | None = None,
    on_written: Callable[[], None] | None = None,
    tte: TTE | None = None,
    arsip: str | os.PathLike[str] | None = None,
    on_signed: Callable[[str], None] | None = None,
    should_sign: Callable[[Document], bool] | None = None,
) -> PackResult:
    """Write one print-ready PDF: each letter, then one stamped copy per recipient.

    *docs* may be a generator: letters are converted while later ones are
    still being rendered, and only a bounded window of them is held at once.
    Letters of one template and page setup are converted :data:`JOIN` at a
    time as one document and split back into their own pages
    (:mod:`surat.pdf.join`); each keeps its page numbers, headers and footers,
    and a failure still names its letter. ``copies`` (a list of recipients) replaces every
    letter's own ``tembusan``; ``copies=[]`` prints originals only.
    ``duplex`` pads each original and each copy to an even page count;
    ``encrypt`` is a password (AES-256); ``pdfa`` makes the pack PDF/A-2b.
    ``converter`` defaults to the process-wide one of :func:`surat.pdf.convert`;
    ``on_letter`` is called after each letter is in the pack (progress bars);
    ``on_written`` once the whole pack is complete: just before it takes its
    name (if it raises, no file is left), or once a stream has received all of
    it (a batch confirms its numbers there: a number the agenda holds is a
    letter that was delivered; if it raises, the stream's reader discards
    what it got). *output* is a path, written atomically with
    mode 0600 (on any error none is left), or a binary stream (``io.BytesIO``,
    an HTTP response) that gets the whole PDF in one ``write`` once it is
    complete, or nothing.

    ``tte`` (a :class:`surat.TTE`) signs electronically every letter that its
    holder signs (:mod:`surat.tte.pack` says which, and how the pack is
    signed); ``arsip`` is a folder where each signed original is also written
    as its own file. ``on_signed`` is called with the number of each numbered
    letter as it is signed, before the pack is written: a numbered pack records
    the signatures with its numbers (:meth:`surat.numbering.pending.Pending.record_tte`;
    alone, :meth:`surat.Register.record_tte` once the pack is written), so that no
    paraf is added to a signed letter and none is signed twice; if it raises,
    no file is left. ``should_sign`` narrows which of the holder's letters are
    signed (a case's pack: only those it numbers now; the others print as they
    are); it is called from the thread that feeds the converter.

    >>> import io, surat
    >>> doc = surat.render(
    ...     "persetujuan", surat.example_data("persetujuan"), nomor="001/DP3A-PP-KB/PPA/XI/2026"
    ... )
    >>> out = io.BytesIO()
    >>> result = surat.print_pack([doc], out, copies=["Kepala Dinas"])
    >>> result.letters, result.copies, result.pages
    (1, 1, 2)
    >>> out.getvalue()[:5]
    b'%PDF-'
    """
    from ..pdf import shared_converter

    if isinstance(copies, str):
        raise SuratError("copies: daftar penerima diharapkan, bukan satu teks")
    if copies is not None:
        copies = [check_recipient(n, f"copies {i}") for i, n in enumerate(copies, start=1)]
    check_options(encrypt, pdfa)
    stream = output if is_stream(output) else None
    target = Path("(aliran)") if stream is not None else Path(output)  # type: ignore[arg-type]
    if stream is None and not target.parent.is_dir() and str(target.parent):
        raise SuratError(f"{target}: folder {target.parent} tidak ada")
    started = time.monotonic()
    signing = None
    if tte is not None:
        from ..tte.pack import Signing

        signing = Signing(tte, arsip, pdfa=pdfa, encrypt=encrypt, only=should_sign)
    elif arsip is not None:
        raise SuratError("arsip: surat asli bertanda tangan memerlukan sertifikat (tte=)")
    conv = converter if converter is not None else shared_converter()

    # what each converted item is, in the order the converter returns them;
    # taken off as each comes back, so no more letters are held than converting
    plan: deque[tuple[str, Any]] = deque()
    authors: list[str] = []

    def items() -> Iterator[tuple[str, bytes]]:
        seen: set[str] = set()
        for doc in docs:
            names = _recipients(doc, copies)
            keys = []
            for name in names:
                key = hashlib.sha256(name.encode()).hexdigest()[:16]
                keys.append((name, key))
                if key not in seen:
                    seen.add(key)
                    plan.append(("stamp", key))
                    yield (f"{STAMP_TITLE} stamp", stamp_docx(name))
            if doc.office is not None and not authors:
                authors.append(doc.office.nama or doc.office.singkatan)
            plan.append(("letter", (doc, keys)))
            yield (doc.label, doc.docx if signing is None else signing.docx(doc))

    pack = Assembler(duplex=duplex, pdfa=pdfa)
    labels: list[str] = []
    warnings: list[str] = []
    for out in conv.imap_pages(items(), pdfa=pdfa, join=JOIN):
        kind, what = plan.popleft()
        if kind == "stamp":
            pack.add_stamp(what, _own(out))
        else:
            doc, keys = what
            if signing is not None and on_signed is not None and doc.nomor and signing.signs(doc):
                on_signed(doc.nomor)  # here, in the caller's thread, before the signature
            # a signed letter is signed as a PDF of its own, its pages only
            pdf = out if signing is None else signing.letter(doc, _own(out))
            pack.add_letter(doc.label, pdf, keys)
            labels.append(doc.label)
            warnings.extend(f"{doc.label}: {w}" for w in doc.peringatan)
            if on_letter is not None:
                on_letter()
    if not labels:
        raise SuratError(f"{target}: tidak ada surat untuk dicetak")
    buffer = io.BytesIO() if stream is not None else None
    sign = None if signing is None else signing.pack()
    # the signed originals first: the pack is named (and a numbered pack's numbers
    # and signatures confirmed, on_written) only once they are all on disk
    written = signing.write_originals() if signing is not None else ()
    try:
        pages = pack.finish(
            buffer if buffer is not None else target,
            author=authors[0] if authors else None,
            encrypt=encrypt,
            sign=sign,
            on_written=on_written if buffer is None else None,
        )
        if stream is not None and buffer is not None:
            write_target(stream, buffer.getvalue(), "print_pack")
            if on_written is not None:
                on_written()  # the stream holds the whole pack
    except BaseException:
        for path in written:  # no signed original of a letter the pack did not deliver
            path.unlink(missing_ok=True)
        raise
    return PackResult(
        path=target if stream is None else None,
        letters=pack.letters,
        copies=pack.copies,
        pages=pages,
        seconds=time.monotonic() - started,
        labels=tuple(labels),
        signed=signing.signed_labels() if signing is not None else (),
        arsip=written,
        peringatan=tuple(warnings),
    )
