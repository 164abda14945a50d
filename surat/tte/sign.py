"""Signing: a converted letter becomes a PAdES-signed original.

The steps, on the PDF after LibreOffice converted the letter:

1. the signature space is found in the signature block (:mod:`.place`);
2. the footer and the QR code are drawn on every page as an incremental
   update (:mod:`.footer`), so the letter as converted stays the file's
   first revision;
3. pyHanko signs: PAdES baseline (``ETSI.CAdES.detached``), SHA-256, the
   signature's appearance in the signature space, the signer's name from the
   certificate, reason and location from the office profile, and an RFC 3161
   time-stamp (B-T) when the profile names a time-stamping service. The
   signature is the last thing written, so it covers the whole file.

The footer takes no room from the letter's text (:mod:`.footer`): the letter
is signed as it is converted unsigned, with the same pages and page breaks
(:func:`tte_docx` changes nothing). A page whose text reaches where the
footer goes is refused.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import SuratError
from .footer import FOOTER_TOP_MM, first_revision, qr_text, stamp_footer
from .place import find_space, text_pieces
from .signer import same_person

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..document import ParafTabel
    from ..office import Office, Pejabat
    from .signer import TTE

__all__ = ["Signed", "sign_letter", "sign_whole", "signer_of", "tte_docx"]

FIELD = "TTE"
#: The pack's own signature: its pages' QR codes speak of each letter's signed original.
PACK_FIELD = "TTE-Paket"

_STAMP_TEXT = "Ditandatangani secara elektronik oleh:\n%(signer)s\n%(waktu)s"


@dataclass(frozen=True)
class Signed:
    """A signed letter: the file, and what its QR code says."""

    pdf: bytes
    qr: str
    sha256: str
    """SHA-256 of the letter as converted (the file's first revision)."""


def tte_docx(docx: bytes) -> bytes:
    """The letter's .docx as a signed letter is converted: unchanged.

    The signature footer uses only the margins (:mod:`.footer`), so the
    letter keeps the pages and page breaks it has unsigned: the officials
    initialled that letter, and that letter is signed.
    """
    return docx


def signer_of(office: Office, kind: str) -> Pejabat:
    """The official who signs letters of *kind*, named in the profile."""
    return office.signer(kind)


def holds(
    tte: TTE, office: Office, kind: str, nama: str | None = None, nip: str | None = None
) -> bool:
    """Whether *tte*'s holder is the official printed as the signer of *kind*
    (*nama*, *nip*: the name and NIP the letter prints, when it names its own
    signer): :func:`check_holder` passes."""
    try:
        check_holder(tte, office, kind, nama, nip)
    except SuratError:
        return False
    return True


def _printed_nip(office: Office, signer: Pejabat, nama: str | None) -> tuple[bool, str | None]:
    """Whether the NIP printed under *nama* is known from the profile, and that NIP.

    The kind's own official, else the one official or standing appointment of
    the profile with that name (an a.n. signer, a Plt./Plh.).
    """
    if nama is None or same_person(nama, signer.nama):
        return True, signer.nip
    nips = {p.nip for p in office.pejabat.values() if p.nama and same_person(nama, p.nama)}
    nips |= {p.nip for ps in office.plt.values() for p in ps if same_person(nama, p.nama)}
    if len(nips) == 1:
        return True, nips.pop()
    return False, None


def check_holder(
    tte: TTE, office: Office, kind: str, nama: str | None = None, nip: str | None = None
) -> None:
    """Refuse to sign a letter that prints another official's name, or another NIP.

    The holder's name (the certificate's common name) must be the printed name
    (:func:`surat.tte.signer.same_person`). When the certificate carries an NIP,
    the letter must print the same one: *nip* when the caller gives it, else
    the profile's NIP of the official with the printed name; a letter whose
    signer's NIP is not known so is refused.
    """
    signer = signer_of(office, kind)
    # *nama*: the letter's own signer (a Plt./Plh. named in its data)
    printed = signer.model_copy(update={"nama": nama}) if nama else signer
    if not printed.nama:
        raise SuratError(
            f"tte: {kind}: penanda tangan ({signer.jabatan}) tidak bernama di profil "
            "kantor ([pejabat] nama); surat bertanda tangan mencetak nama penanda tangannya"
        )
    if not same_person(tte.pemegang, printed.nama):
        raise SuratError(
            f"tte: {kind}: penandatangan: pemegang sertifikat bukan pejabat yang "
            f"menandatangani surat ini ({signer.jabatan}); pakai sertifikat pejabat itu"
        )
    if tte.nip is None:
        return
    known, want = (True, nip) if nip else _printed_nip(office, signer, nama or None)
    if not known:
        raise SuratError(
            f"tte: {kind}: penandatangan: sertifikat memuat NIP, dan NIP yang dicetak surat "
            "ini untuk penanda tangannya tidak ada di profil kantor; catat penunjukannya "
            "di sana ([plt.<peran>]) untuk menandatanganinya secara elektronik"
        )
    if want is None or re.sub(r"\D", "", want) != tte.nip:
        printed_what = "tidak mencetak NIP" if want is None else "mencetak NIP lain"
        raise SuratError(
            f"tte: {kind}: penandatangan: NIP sertifikat bukan NIP penanda tangan: surat "
            f"ini {printed_what} untuk penanda tangannya ({signer.jabatan}); pakai "
            "sertifikat pejabat itu"
        )


def check_tanggal(kind: str, tanggal: date | None) -> None:
    """Refuse to sign a letter dated another day than today (WIB): a letter is
    signed on its own date. (None: a letter that prints no date of its own.)"""
    from ..dates import format_tanggal, today

    if tanggal is None:
        return
    hari_ini = today()
    if tanggal != hari_ini:
        raise SuratError(
            f"tte: {kind}: tanggal: surat bertanggal {format_tanggal(tanggal)}, dan surat "
            f"ditandatangani pada tanggalnya sendiri (hari ini {format_tanggal(hari_ini)}); "
            "tandatangani pada hari itu, atau beri tanggal hari ini sebelum nomornya diambil "
            "(surat buat --tanggal-tte); nomor yang sudah di agenda tetap bertanggal sama"
        )


def check_paraf(kind: str, paraf: Sequence[ParafTabel], kertas: bool = False) -> None:
    """Refuse to sign a letter whose paraf table lists an official with no electronic
    paraf, naming each by title and role; *kertas*: the signer declares the parafs
    were given on paper (:meth:`surat.TTE.with_paraf_kertas`).

    >>> from surat.document import ParafTabel
    >>> check_paraf("persetujuan", [ParafTabel("kasi_pha", "Kasi PHA")])
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: tte: persetujuan: paraf: belum ada paraf elektronik Kasi PHA ...
    >>> check_paraf("persetujuan", [ParafTabel("kasi_pha", "Kasi PHA")], kertas=True)
    """
    missing = [p for p in paraf if p.waktu is None]
    if missing and not kertas:
        who = ", ".join(f"{p.jabatan} ({p.pejabat})" for p in missing)
        raise SuratError(
            f"tte: {kind}: paraf: belum ada paraf elektronik {who}; catat dulu (surat paraf "
            "NOMOR PEJABAT), atau nyatakan bahwa paraf diberikan di kertas (--paraf-kertas)"
        )


def _timestamper(url: str | None) -> Any:
    if not url:
        return None
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(url, timeout=20)


def _pdf_signer(tte: TTE, office: Office, reason: str, visible: bool, name: str = FIELD) -> Any:
    from pyhanko import stamp
    from pyhanko.sign import fields, signers

    profil = office.tte
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=profil.lokasi or office.kota,
    )
    from pyhanko.pdf_utils.font import SimpleFontEngineFactory
    from pyhanko.pdf_utils.text import TextBoxStyle

    style = stamp.TextStampStyle(
        stamp_text=_STAMP_TEXT,
        text_box_style=TextBoxStyle(font=SimpleFontEngineFactory("Helvetica", 0.55)),
        border_width=1,
    )
    return signers.PdfSigner(
        meta,
        signer=tte.signer,
        timestamper=_timestamper(profil.tsa_url),
        stamp_style=style if visible else None,
    )


def _waktu() -> str:
    """The signing time as the appearance prints it, on the Jakarta clock."""
    from ..dates import format_tanggal, now

    t = now()
    return f"{format_tanggal(t)} {t:%H:%M} WIB"


def _sign(pdf: bytes, pdf_signer: Any, spec: Any) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    fields.append_signature_field(writer, spec)
    out = io.BytesIO()
    try:
        pdf_signer.sign_pdf(
            writer,
            existing_fields_only=True,
            output=out,
            appearance_text_params={"waktu": _waktu()},
        )
    except SuratError:
        raise
    except Exception as exc:
        # a time-stamping service that does not answer, a token that refuses
        raise SuratError(
            f"tte: penandatanganan gagal ({type(exc).__name__}: {exc})"[:400]
        ) from None
    return out.getvalue()


def sign_letter(
    pdf: bytes,
    tte: TTE,
    *,
    office: Office,
    kind: str,
    nomor: str | None,
    tanggal: date | None,
    nama: str | None = None,
    nip: str | None = None,
) -> Signed:
    """Sign one converted letter (see the module's steps); *nama* and *nip* are
    the signer's name and NIP as the letter prints them (default: the profile's
    signer of *kind*, see :func:`check_holder`)."""
    from pyhanko.sign import fields

    check_holder(tte, office, kind, nama, nip)
    from pypdf import PdfReader

    base = first_revision(pdf)
    # the text of each page is read once: for the signature's place and the footer's room
    pieces = [text_pieces(page) for page in PdfReader(io.BytesIO(base)).pages]
    if not pieces:
        raise SuratError("tte: surat tidak berhalaman")
    space = find_space(base, nama or signer_of(office, kind).nama, pieces[-1])
    sha = hashlib.sha256(base).hexdigest()
    qr = qr_text(office.tte, nomor, tanggal, sha)
    stamped = stamp_footer(base, office.tte, qr, pieces)
    if first_revision(stamped) != base:  # pragma: no cover - pyHanko appends, never rewrites
        raise SuratError("tte: kaki halaman mengubah revisi pertama surat")
    box = tuple(round(v) for v in space.box)
    spec = fields.SigFieldSpec(FIELD, on_page=space.page, box=box)  # type: ignore[arg-type]
    signed = _sign(stamped, _pdf_signer(tte, office, office.tte.alasan, True), spec)
    return Signed(signed, qr, sha)


def sign_whole(pdf: bytes, tte: TTE, *, office: Office, reason: str) -> bytes:
    """One invisible PAdES signature over a whole file (a print pack)."""
    from pyhanko.sign import fields

    spec = fields.SigFieldSpec(PACK_FIELD)
    return _sign(pdf, _pdf_signer(tte, office, reason, False, PACK_FIELD), spec)


def flatten(signed: bytes) -> bytes:
    """A signed letter's pages with the signature's appearance drawn into their content.

    For the print pack: the pages look exactly like the signed original, but
    carry no signature field (its byte range would not hold in another file).
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
    )

    reader = PdfReader(io.BytesIO(signed))
    writer = PdfWriter()
    for page in reader.pages:
        new = writer.add_page(page)
        annots = new.get("/Annots")
        if annots is None:
            continue
        keep = ArrayObject()
        draws = []
        for i, ref in enumerate(annots.get_object()):
            annot = ref.get_object()
            if annot.get("/FT") != "/Sig":
                keep.append(ref)
                continue
            ap = annot.get("/AP", {}).get("/N")
            if ap is None:
                continue
            x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
            name = f"/SuratTTE{i}"
            res = new.get("/Resources")
            res_obj = res.get_object() if res is not None else DictionaryObject()
            xobj = res_obj.get("/XObject")
            xd = DictionaryObject(xobj.get_object()) if xobj is not None else DictionaryObject()
            xd[NameObject(name)] = writer._add_object(ap.get_object().clone(writer))
            res_obj = DictionaryObject(res_obj)
            res_obj[NameObject("/XObject")] = xd
            new[NameObject("/Resources")] = res_obj
            draws.append(f"q 1 0 0 1 {min(x1, x2):.3f} {min(y1, y2):.3f} cm {name} Do Q")
        if draws:
            stream = DecodedStreamObject()
            stream.set_data(("\n".join(draws) + "\n").encode())
            contents = new.get_contents()
            head = DecodedStreamObject()
            head.set_data(b"q\n")
            parts = [writer._add_object(head)]
            if contents is not None:
                inner = DecodedStreamObject()
                inner.set_data(contents.get_data())
                parts.append(writer._add_object(inner))
            tail = DecodedStreamObject()
            tail.set_data(b"Q\n" + stream.get_data())
            parts.append(writer._add_object(tail))
            new[NameObject("/Contents")] = ArrayObject(parts)
        if keep:
            new[NameObject("/Annots")] = keep
        else:
            del new[NameObject("/Annots")]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


__all__ += ["FOOTER_TOP_MM", "check_holder", "check_paraf", "check_tanggal", "flatten", "holds"]
