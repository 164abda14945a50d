"""Checking a signed file: who signed, when, whether it is intact, whom it chains to.

``surat tte periksa FILE.pdf --ca ROOT.pem`` prints :class:`Hasil`. Its
verdict (:attr:`Hasil.putusan`) is one of three:

- ``SAH``: the file holds at least one signature; every signature's
  cryptography holds and its signed bytes are unchanged; nothing was changed
  after any signature (below); the QR code's hash, when it carries one,
  matches the letter as converted; and every signer's certificate chains to
  a trusted root: those given (``ca=``, ``--ca``), else those the office
  profile names (``[tte] ca``).
- ``TIDAK SAH``: any of these fails; :attr:`Hasil.alasan` says which.
- ``TIDAK DIPERIKSA``: all of them hold but no root was given. Anyone can
  make a certificate in any name, so an intact file alone proves nothing
  about who signed it.

Every signature is judged, not only the last. surat writes a letter as the
letter as converted, its footer, then its signature, which covers both; a
print pack as the pack, then its one signature. A revision added after a
signature is therefore never surat's: pyHanko's difference analysis
classifies it, and anything beyond long-term validation data that leaves
every page as it was signed (a ``/DSS`` dictionary, a document time-stamp
with its invisible field: ``ModificationLevel.LTA_UPDATES``) — a drawing, a
text, an annotation, a form field, another signature — is "isi diubah
setelah ditandatangani", with the pages whose content, resources, visible
annotations or size differ from the signed revision.

A file that cannot be read, or whose signature is broken, is reported, never
raised.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SuratError

if TYPE_CHECKING:
    from ..office import Office

__all__ = [
    "BELUM_DIPERIKSA",
    "SAH",
    "TIDAK_DIPERIKSA",
    "TIDAK_SAH",
    "Hasil",
    "TandaTangan",
    "periksa",
]

#: A signed letter is a few hundred kB; a pack of hundreds of letters some MB.
MAX_BYTES = 256 << 20
#: A root certificate is a few kB.
MAX_ROOT_BYTES = 1 << 20
MAX_ROOTS = 16
#: The page comparison gives up (the pages are then "not determined") beyond these.
MAX_PAGES = 20_000
_MAX_OBJECTS = 500_000
_MAX_DEPTH = 100

SAH = "SAH"
TIDAK_SAH = "TIDAK SAH"
TIDAK_DIPERIKSA = "TIDAK DIPERIKSA"
#: The report's verdict line for :data:`TIDAK_DIPERIKSA`.
BELUM_DIPERIKSA = "utuh, tetapi penanda tangan TIDAK diperiksa: berikan --ca"
DIUBAH = "isi diubah setelah ditandatangani"

Ca = str | os.PathLike[str]


@dataclass(frozen=True)
class TandaTangan:
    """One signature in the file."""

    field: str
    pemegang: str
    waktu: datetime | None
    """The signing time the signer's machine reported."""
    waktu_tsa: datetime | None
    """The time-stamping service's time (B-T), when there is one."""
    utuh: bool
    """The signature's cryptography holds and its signed bytes are unchanged."""
    seluruh: bool
    """It covers the whole file (nothing added after it)."""
    terpercaya: bool | None
    """Chains to a trusted root; None when no root was given."""
    catatan: str = ""
    diubah: bool = False
    """Something beyond long-term validation data was added after it."""
    halaman: tuple[int, ...] | None = ()
    """The pages (from 1) that differ from what it signed; None: not determined."""
    perubahan: str = ""
    """pyHanko's modification level after it (``NONE``, ``LTA_UPDATES``,
    ``FORM_FILLING``, ``ANNOTATIONS``, ``OTHER``); empty: not analysed."""


def _printable(text: str, limit: int = 200) -> str:
    """Text from the file (a field name, a certificate's name, the QR text) as one
    line: a line break or a terminal control in it could forge a line of the report.

    >>> _printable("ROSMAWATI\\nHASIL: SAH\\x1b[2J")
    'ROSMAWATI?HASIL: SAH?[2J'
    """
    return "".join(c if c.isprintable() else "?" for c in text[:limit])


def _pages_text(pages: tuple[int, ...] | None) -> str:
    """Where a change is, in words.

    >>> _pages_text((1, 2, 3, 5))
    'halaman 1-3, 5'
    >>> _pages_text(())
    'di luar isi halaman: katalog, formulir atau metadata'
    >>> _pages_text(None)
    'halaman tidak dapat ditentukan'
    """
    if pages is None:
        return "halaman tidak dapat ditentukan"
    if not pages:
        return "di luar isi halaman: katalog, formulir atau metadata"
    runs: list[list[int]] = []
    for n in sorted(set(pages)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "halaman " + ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


@dataclass(frozen=True)
class Hasil:
    """What :func:`periksa` found; ``str()`` is the report the command prints."""

    path: str
    tanda_tangan: tuple[TandaTangan, ...] = ()
    qr: str | None = None
    qr_cocok: bool | None = None
    """The QR code's SHA-256 matches the letter as converted; None: no hash in it."""
    sha256: str | None = None
    galat: str = ""
    paket: bool = False
    """A print pack: the QR codes on its pages refer to each letter's signed original."""
    dengan_ca: bool = field(default=False, repr=False)
    """The signers were checked against trusted roots."""

    @property
    def alasan(self) -> tuple[str, ...]:
        """Why the file is not valid; empty when nothing failed."""
        if self.galat:
            return (self.galat,)
        if not self.tanda_tangan:
            return ("tidak ada tanda tangan elektronik",)
        out = []
        changed = [t for t in self.tanda_tangan if t.diubah]
        if changed:
            pages: tuple[int, ...] | None = ()
            for t in changed:
                pages = None if pages is None or t.halaman is None else pages + t.halaman
            out.append(f"{DIUBAH} ({_pages_text(pages)})")
        for i, t in enumerate(self.tanda_tangan, 1):
            if not t.utuh:
                out.append(f"tanda tangan {i} ({t.field}) tidak utuh")
            elif self.dengan_ca and not t.terpercaya:
                why = t.catatan or "sertifikat penanda tangan tidak berantai ke sertifikat akar"
                out.append(f"tanda tangan {i} ({t.field}): {why}")
        if self.qr_cocok is False:
            out.append("kode QR tidak cocok dengan surat sebelum ditandatangani")
        return tuple(out)

    @property
    def putusan(self) -> str:
        """:data:`SAH`, :data:`TIDAK_SAH` or, intact without a root, :data:`TIDAK_DIPERIKSA`."""
        if self.alasan:
            return TIDAK_SAH
        return SAH if self.dengan_ca else TIDAK_DIPERIKSA

    @property
    def sah(self) -> bool:
        """Valid: intact, unchanged and signed by certificates of a trusted root."""
        return self.putusan == SAH

    def __str__(self) -> str:
        from ..dates import WIB

        def when(t: datetime | None) -> str:
            return t.astimezone(WIB).strftime("%Y-%m-%d %H:%M:%S WIB") if t else "-"

        def yes(v: bool | None) -> str:
            return "ya" if v else "TIDAK"

        out = [f"{self.path}"]
        if self.galat:
            out.append(f"  {self.galat}")
        for i, t in enumerate(self.tanda_tangan, 1):
            out.append(f"Tanda tangan {i} ({t.field}): {t.pemegang}")
            out.append(f"  waktu penandatanganan: {when(t.waktu)}")
            if t.waktu_tsa is not None:
                out.append(f"  stempel waktu (TSA): {when(t.waktu_tsa)}")
            out.append(f"  utuh sejak ditandatangani: {yes(t.utuh)}")
            out.append(f"  mencakup seluruh dokumen: {yes(t.seluruh)}")
            if t.diubah:
                level = f"; pyHanko: {t.perubahan}" if t.perubahan else ""
                out.append(f"  perubahan sesudahnya: ISI DIUBAH ({_pages_text(t.halaman)}{level})")
            elif t.utuh and not t.seluruh:
                out.append(
                    "  perubahan sesudahnya: hanya data validasi "
                    "(DSS, stempel waktu dokumen), isi tetap"
                )
            if t.terpercaya is not None:
                out.append(f"  berantai ke sertifikat akar (--ca): {yes(t.terpercaya)}")
            else:
                out.append("  berantai ke sertifikat akar (--ca): TIDAK diperiksa")
            if t.catatan:
                out.append(f"  catatan: {t.catatan}")
        if self.paket:
            out.append(
                "Paket cetak: kode QR tiap surat merujuk ke berkas asli surat itu "
                "(periksa berkas arsipnya)"
            )
        if self.qr is not None:
            out.append("QR: " + " | ".join(_printable(line) for line in self.qr.splitlines()))
        if self.sha256 is not None:
            out.append(f"SHA-256 surat sebelum ditandatangani: {self.sha256}")
            if self.qr_cocok is not None:
                out.append(f"  sama dengan QR: {yes(self.qr_cocok)}")
        if not self.tanda_tangan and not self.galat:
            out.append("  tidak ada tanda tangan elektronik")
        verdict = self.putusan
        if verdict == TIDAK_SAH:
            out.extend(f"Alasan: {a}" for a in self.alasan if a != self.galat)
        elif verdict == TIDAK_DIPERIKSA:
            out.append(
                "Sertifikat akar (mis. Root CA BSrE): --ca ROOT.pem, atau [tte] ca di profil "
                "kantor (--kantor)"
            )
        out.append("HASIL: " + (BELUM_DIPERIKSA if verdict == TIDAK_DIPERIKSA else verdict))
        return "\n".join(out)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """pyHanko logs each failed check with a traceback; the report says it once."""
    log = logging.getLogger("pyhanko")
    old = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(old)


def _read(p: Path, limit: int, what: str) -> bytes:
    """A regular file of at most *limit* bytes: a folder, a pipe or a device
    (``/dev/zero``) would hang or exhaust memory. Such a file is never opened;
    a regular one is opened without blocking and checked again once open, so a
    pipe put in its place between the two is refused too."""

    def check(st: os.stat_result) -> None:
        if stat.S_ISDIR(st.st_mode):
            raise SuratError(f"{p}: {what} diharapkan, bukan folder")
        if not stat.S_ISREG(st.st_mode):
            raise SuratError(f"{p}: {what} diharapkan, bukan perangkat atau pipa")
        if st.st_size > limit:
            raise SuratError(f"{p}: terlalu besar untuk {what} (paling besar {limit >> 20} MiB)")

    try:
        check(p.stat())
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise SuratError(f"{p}: {what} tidak dapat dibaca ({exc.strerror})") from None
    try:
        check(os.fstat(fd))
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise SuratError(f"{p}: {what} tidak dapat dibaca ({exc.strerror})") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise SuratError(f"{p}: terlalu besar untuk {what} (paling besar {limit >> 20} MiB)")
    return data


def _root(ca: Ca, where: str) -> Any:
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    p = Path(ca)
    data = _read(p, MAX_ROOT_BYTES, f"sertifikat akar (PEM atau DER) untuk {where}")
    try:
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        cert = asn1_x509.Certificate.load(data)
        cert.native  # parse it now: a broken file is an error here, not later  # noqa: B018
    except Exception:
        raise SuratError(f"{p}: {where}: bukan sertifikat (PEM atau DER diharapkan)") from None
    return cert


def _roots(ca: Ca | Sequence[Ca] | None, office: Office | None) -> list[Any]:
    """The trusted roots: *ca* when given, else the office profile's ``[tte] ca``."""
    if ca is not None:
        paths = [ca] if isinstance(ca, str | os.PathLike) else list(ca)
        where = "ca"
        if not paths:
            raise SuratError("ca: paling sedikit satu sertifikat akar (berkas) diharapkan")
    elif office is not None and office.tte.ca:
        paths, where = list(office.tte.ca), "[tte] ca"
    else:
        return []
    if len(paths) > MAX_ROOTS:
        raise SuratError(f"{where}: paling banyak {MAX_ROOTS} sertifikat akar")
    return [_root(p, where) for p in paths]


def _qr(reader: Any) -> str | None:
    from .footer import FORM_NAME, QR_KEY

    try:
        page = reader.root["/Pages"]["/Kids"][0].get_object()
        while "/Kids" in page:
            page = page["/Kids"][0].get_object()
        form = page["/Resources"]["/XObject"][FORM_NAME].get_object()
        return str(form[QR_KEY])
    except (KeyError, IndexError, TypeError, AttributeError):
        return None


# -- what changed on which page ------------------------------------------------------


class _Fingerprints:
    """Digests of PDF objects as one revision resolves them, following references
    (each object once), but never into another page: a link to a page is just a link."""

    def __init__(self) -> None:
        self.done: dict[tuple[int, int], bytes] = {}
        self.busy: set[tuple[int, int]] = set()
        self.seen = 0

    def of(self, obj: Any, depth: int = 0) -> bytes:
        from pyhanko.pdf_utils import generic

        self.seen += 1
        if depth > _MAX_DEPTH or self.seen > _MAX_OBJECTS:
            raise ValueError("too deep or too large to compare")
        if isinstance(obj, generic.IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in self.done:
                return self.done[key]
            if key in self.busy:
                return b"loop"
            self.busy.add(key)
            target = obj.get_object()
            if isinstance(target, generic.DictionaryObject) and _kind(target) in (
                "/Page",
                "/Pages",
            ):
                digest = b"page"
            else:
                digest = self.of(target, depth + 1)
            self.busy.discard(key)
            self.done[key] = digest
            return digest
        h = hashlib.sha256(type(obj).__name__.encode())
        if isinstance(obj, generic.DictionaryObject):
            for k in sorted(obj):
                h.update(b"\0" + k.encode("utf-8", "replace") + b"\0")
                h.update(self.of(obj.raw_get(k), depth + 1))
            if isinstance(obj, generic.StreamObject):
                h.update(b"\0stream\0" + obj.encoded_data)
        elif isinstance(obj, generic.ArrayObject):
            for i in range(len(obj)):
                h.update(b"\0" + self.of(obj.raw_get(i), depth + 1))
        else:
            h.update(repr(obj).encode("utf-8", "replace"))
        return h.digest()


def _kind(d: Any) -> Any:
    try:
        return d.raw_get("/Type")
    except KeyError:
        return None


_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")

#: A page as compared: its entries (contents, annotations, boxes...) and its named resources.
_Page = tuple[dict[str, bytes], dict[tuple[str, str], bytes]]


def _annotations(fp: _Fingerprints, raw: Any) -> bytes:
    """A page's annotations as seen: one that cannot show (hidden, or no area, as
    the invisible field of a document time-stamp) is left out."""
    from pyhanko.pdf_utils import generic

    items = raw.get_object()
    if not isinstance(items, generic.ArrayObject):
        return fp.of(raw)
    h = hashlib.sha256(b"annots")
    for i in range(len(items)):
        item = items.raw_get(i)
        annot = item.get_object()
        if not (isinstance(annot, generic.DictionaryObject) and _invisible(annot)):
            h.update(fp.of(item))
    return h.digest()


def _invisible(annot: Any) -> bool:
    try:
        if int(annot["/F"]) & 2:  # Hidden: neither shown nor printed
            return True
    except (KeyError, TypeError, ValueError):
        pass
    try:
        x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
    except (KeyError, TypeError, ValueError):
        return False
    return x1 == x2 or y1 == y2


def _pages(resolver: Any) -> list[_Page]:
    """Every page of one revision, in order, with its inherited entries."""
    from pyhanko.pdf_utils import generic

    fp = _Fingerprints()
    out: list[_Page] = []
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Any, dict[str, Any]]] = [(resolver.root.raw_get("/Pages"), {})]
    while stack:
        ref, inherited = stack.pop()
        if isinstance(ref, generic.IndirectObject):
            key = (ref.idnum, ref.generation)
            if key in seen:
                raise ValueError("the page tree loops")
            seen.add(key)
        node = ref.get_object()
        if not isinstance(node, generic.DictionaryObject):
            raise ValueError("a page tree node is not a dictionary")
        here = dict(inherited)
        here.update((k, node.raw_get(k)) for k in _INHERITED if k in node)
        if "/Kids" in node:
            kids = node["/Kids"]
            stack.extend((kids.raw_get(i), here) for i in reversed(range(len(kids))))
            continue
        entries = {
            k: _annotations(fp, node.raw_get(k)) if k == "/Annots" else fp.of(node.raw_get(k))
            for k in node
            if k not in ("/Parent", "/Resources")
        }
        entries.update((k, fp.of(v)) for k, v in here.items() if k != "/Resources")
        resources: dict[tuple[str, str], bytes] = {}
        if "/Resources" in here:
            res = here["/Resources"].get_object()
            if isinstance(res, generic.DictionaryObject):
                for cat in res:
                    names = res.raw_get(cat).get_object()
                    if isinstance(names, generic.DictionaryObject) and not isinstance(
                        names, generic.StreamObject
                    ):
                        for name in names:
                            resources[(cat, name)] = fp.of(names.raw_get(name))
                    else:
                        resources[(cat, "")] = fp.of(res.raw_get(cat))
            else:
                resources[("", "")] = fp.of(here["/Resources"])
        out.append((entries, resources))
        if len(out) > MAX_PAGES:
            raise ValueError("too many pages to compare")
    return out


def _changed_pages(reader: Any, revision: int) -> tuple[int, ...] | None:
    """The pages (from 1) of the file as it is now that differ from *revision*: their
    contents, annotations, boxes or any resource they had then; None if not determined.
    A resource only added (a new font name) is no change until the content uses it."""
    try:
        old = _pages(reader.get_historical_resolver(revision))
        new = _pages(reader.get_historical_resolver(reader.xrefs.total_revisions - 1))
    except Exception:
        return None
    changed = []
    for i in range(max(len(old), len(new))):
        if i >= len(old) or i >= len(new):
            changed.append(i + 1)
            continue
        (entries_old, res_old), (entries_new, res_new) = old[i], new[i]
        if entries_old != entries_new or any(res_new.get(k) != v for k, v in res_old.items()):
            changed.append(i + 1)
    return tuple(changed)


# -- checking ------------------------------------------------------------------------


#: Why a signer's certificate was not trusted, by pyHanko's AdES sub-indication.
_UNTRUSTED = {
    "NO_CERTIFICATE_CHAIN_FOUND": "tidak berantai ke sertifikat akar",
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": "tidak berantai ke sertifikat akar",
    "OUT_OF_BOUNDS_NO_POE": "sudah tidak berlaku hari ini (kedaluwarsa)",
    "EXPIRED": "sudah tidak berlaku hari ini (kedaluwarsa)",
    "NOT_YET_VALID": "belum berlaku",
    "REVOKED": "dicabut",
    "REVOKED_NO_POE": "dicabut",
    "CHAIN_CONSTRAINTS_FAILURE": "tidak diizinkan menandatangani",
}


def _untrusted(status: Any) -> str:
    indic = getattr(status, "trust_problem_indic", None)
    name = getattr(indic, "name", "")
    why = _UNTRUSTED.get(name) or f"tidak terpercaya ({name or 'tidak diketahui'})"
    return f"sertifikat penanda tangan {why}"


def _judge(
    sig: Any, context: Any, trusted: bool, pages: dict[int, tuple[int, ...] | None]
) -> TandaTangan:
    """One signature: its cryptography, its chain, and what was added after it."""
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    try:
        status = validate_pdf_signature(sig, context)
    except Exception as exc:
        return TandaTangan(
            field=_printable(str(sig.field_name)),
            pemegang="?",
            waktu=None,
            waktu_tsa=None,
            utuh=False,
            seluruh=False,
            terpercaya=False if trusted else None,
            catatan=f"tidak dapat diperiksa ({type(exc).__name__})",
        )
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    level = status.modification_level
    halaman: tuple[int, ...] | None = ()
    diubah = False
    if not whole:
        revision = sig.signed_revision
        if revision not in pages:
            pages[revision] = _changed_pages(sig.reader, revision)
        halaman = pages[revision]
        # only validation data (/DSS) that leaves every page as it was signed
        quiet = level in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)
        diubah = not (quiet and status.docmdp_ok and halaman == ())
    holder = status.signing_cert.subject.native.get("common_name", "?")
    tsa = status.timestamp_validity
    return TandaTangan(
        field=_printable(str(sig.field_name)),
        pemegang=_printable(str(holder)),
        waktu=status.signer_reported_dt,
        waktu_tsa=tsa.timestamp if tsa is not None else None,
        utuh=bool(status.intact and status.valid),
        seluruh=whole,
        terpercaya=bool(status.trusted) if trusted else None,
        catatan=_untrusted(status) if trusted and not status.trusted else "",
        diubah=diubah,
        halaman=halaman,
        perubahan=level.name if level is not None else "",
    )


def periksa(
    pdf: str | os.PathLike[str] | bytes,
    ca: Ca | Sequence[Ca] | None = None,
    *,
    office: Office | None = None,
) -> Hasil:
    """Check the signatures of a signed letter or pack (see the module's rules).

    *ca*: the trusted root certificate(s), PEM or DER files; without it, the
    roots the office profile *office* names in ``[tte] ca``. Without either
    the verdict is at best :data:`TIDAK_DIPERIKSA`, never :data:`SAH`.
    """
    from .signer import need_extra

    need_extra()
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    from .footer import first_revision

    name = "<pdf>" if isinstance(pdf, bytes) else str(pdf)
    roots = _roots(ca, office)
    trusted = bool(roots)
    data = (
        pdf if isinstance(pdf, bytes) else _read(Path(pdf), MAX_BYTES, "berkas PDF bertanda tangan")
    )
    if not data.startswith(b"%PDF"):
        return Hasil(name, galat="bukan berkas PDF", dengan_ca=trusted)
    signatures: list[TandaTangan] = []
    pages: dict[int, tuple[int, ...] | None] = {}
    with _quiet():
        try:
            reader = PdfFileReader(io.BytesIO(data), strict=False)
            embedded = list(reader.embedded_regular_signatures)
        except Exception as exc:
            return Hasil(
                name,
                galat=f"berkas rusak, tidak dapat dibaca ({type(exc).__name__})",
                dengan_ca=trusted,
            )
        for sig in embedded:
            context = ValidationContext(trust_roots=roots, allow_fetching=False)
            signatures.append(_judge(sig, context, trusted, pages))
        qr = _qr(reader)
    from .sign import PACK_FIELD

    sha = None
    cocok = None
    if any(t.field == PACK_FIELD for t in signatures):
        # a print pack: each letter's QR code speaks of its own signed original
        return Hasil(name, tuple(signatures), dengan_ca=trusted, paket=True)
    if qr is not None:
        try:
            sha = hashlib.sha256(first_revision(data)).hexdigest()
        except Exception:
            sha = None
        marker = "SHA-256: "
        if marker in qr:
            cocok = sha is not None and qr.split(marker, 1)[1].strip() == sha
    return Hasil(
        name,
        tuple(signatures),
        qr=qr,
        qr_cocok=cocok,
        sha256=sha,
        dengan_ca=trusted,
    )
