"""What an office prints and declares on its electronically signed letters (``[tte]``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["PERNYATAAN", "TteProfil"]

#: The statement that signed naskah dinas commonly carry in their footer.
PERNYATAAN = (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat "
    "elektronik yang diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), "
    "Badan Siber dan Sandi Negara."
)
#: UU 11/2008 (ITE) Pasal 5 ayat 1: an electronic document and its printout are evidence.
DASAR_HUKUM = (
    'Sesuai UU ITE No. 11 Tahun 2008 Pasal 5 ayat 1: "Informasi Elektronik dan/atau '
    'Dokumen Elektronik dan/atau hasil cetaknya merupakan alat bukti hukum yang sah."'
)

Line = Annotated[str, Field(min_length=1, max_length=400)]


class TteProfil(BaseModel):
    """The ``[tte]`` table of an office profile.

    >>> p = TteProfil()
    >>> p.alasan, p.url_verifikasi, p.tsa_url
    ('Menyetujui isi dokumen', None, None)
    >>> TteProfil(url_verifikasi="https://tte.example.go.id/v/{kode}").url_verifikasi
    'https://tte.example.go.id/v/{kode}'
    >>> TteProfil(ca=["bsre-root.pem"]).relative_to(Path("/srv/kantor")).ca
    (PosixPath('/srv/kantor/bsre-root.pem'),)
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    pernyataan: Line = PERNYATAAN
    """First footer line(s): who issued the certificate."""
    dasar_hukum: Line = DASAR_HUKUM
    """Second footer line(s): the UU ITE reference."""
    url_verifikasi: str | None = None
    """Verification address printed in the QR code; ``{kode}`` becomes the letter's code."""
    alasan: Line = "Menyetujui isi dokumen"
    """The signature's reason (shown by PDF readers)."""
    lokasi: str | None = None
    """The signature's location; empty: the office's city (``kota``)."""
    tsa_url: str | None = None
    """An RFC 3161 time-stamping service: the signature then carries a trusted time (B-T)."""
    ca: tuple[Path, ...] = Field(default=(), max_length=16)
    """The root certificates (PEM or DER files) ``surat tte periksa --kantor`` trusts
    when no ``--ca`` is given; relative to the profile file. Read only when a file
    is checked, and only a regular file of at most 1 MiB."""

    def relative_to(self, folder: Path) -> TteProfil:
        """The profile with relative ``ca`` paths made absolute from *folder*."""
        if not self.ca:
            return self
        paths = tuple(p if p.is_absolute() else folder / p for p in self.ca)
        return self.model_copy(update={"ca": paths})

    @field_validator("pernyataan", "dasar_hukum", "alasan", "lokasi")
    @classmethod
    def _printable(cls, v: str | None) -> str | None:
        # the footer is drawn with a standard PDF font in the Windows-1252 encoding
        if v is not None:
            try:
                v.encode("cp1252")
            except UnicodeEncodeError:
                raise ValueError("huruf Latin diharapkan (Windows-1252)") from None
        return v

    @field_validator("url_verifikasi")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        if not v:
            return None
        if not v.startswith(("https://", "http://")) or "{kode}" not in v:
            raise ValueError("alamat http(s):// yang memuat {kode} diharapkan")
        if len(v) > 200 or any(c.isspace() for c in v):
            raise ValueError("alamat paling banyak 200 karakter tanpa spasi diharapkan")
        return v

    @field_validator("ca")
    @classmethod
    def _ca(cls, v: tuple[Path, ...]) -> tuple[Path, ...]:
        if any(not str(p).strip() or str(p) == "." for p in v):
            raise ValueError("daftar berkas sertifikat akar diharapkan")
        return v

    @field_validator("tsa_url")
    @classmethod
    def _tsa(cls, v: str | None) -> str | None:
        if not v:
            return None
        if not v.startswith(("https://", "http://")):
            raise ValueError("alamat http(s):// layanan cap waktu (TSA) diharapkan")
        return v
