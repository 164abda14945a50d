"""The stages of a case file (tahap kasus), in the order of SOP 34 and SOP 32.

A case file (:class:`surat.Kasus`) holds the people once; each stage's own
section holds only what that stage adds, and names the case's companions by
name (``pendamping``: one of the case's ``pendamping``). The sections are
optional: a case file is completed over weeks, and ``surat kasus --tahap``
prints one stage, several, or all (:data:`SEMUA`).

======================  =====================================================
tahap                   documents
======================  =====================================================
``penerimaan``          permohonan; tanda_terima and pernyataan (``penerimaan``)
``konseling``           konseling; nota_dinas Kasi to Kabid, Kabid's decision
``persetujuan``         persetujuan
``penugasan``           tugas
``rujukan``             rujukan, one per item of ``rujukan``
``laporan``             laporan_pendampingan, one per item of ``laporan``
``mediasi``             undangan and berita_acara (``mediasi``)
``penutupan``           penutupan: closes the case in the register
======================  =====================================================

>>> TAHAP[0], TAHAP[-1], len(TAHAP)
('penerimaan', 'penutupan', 8)
>>> pilih("konseling, rujukan")
('konseling', 'rujukan')
>>> pilih("semua") == TAHAP
True
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .errors import SuratError
from .letters.berita_acara import MAX_SAKSI, Butir, Jenis, Pihak, Saksi
from .letters.fields import Baris, Kunci, Nama, Tanggal, Teks, Telepon
from .letters.nota_dinas import MAX_PARAGRAF, Paragraf, Peran
from .letters.penandatangan import Ditandatangani, Penandatangan
from .letters.penutupan import LayananDiberikan, Uraian
from .letters.pernyataan import DATA, DataDibagikan
from .letters.rujukan import KEPERLUAN, Keperluan, Keterangan
from .letters.shared import DataSurat
from .letters.tanda_terima import CATATAN_MAX, Penerima
from .letters.undangan import Catatan
from .simfoni import Layanan
from .vocab import TAHAP, AlasanPenutupan, Tahap

__all__ = [
    "MAX_DOKUMEN",
    "SEMUA",
    "TAHAP",
    "KasusBeritaAcara",
    "KasusLaporan",
    "KasusMediasi",
    "KasusNotaDinas",
    "KasusPenerimaan",
    "KasusPenutupan",
    "KasusPernyataan",
    "KasusRujukan",
    "KasusUndangan",
    "NotaDinasKasus",
    "Pelaksanaan",
    "pilih",
]

SEMUA = "semua"
"""Every stage (``--tahap semua``)."""
MAX_DOKUMEN = 20
"""At most this many referrals, reports, invitations or minutes in one case file."""

Pendampingnya = list[Nama] | None
"""Companions by name, each one of the case's ``pendamping``; None: all of them."""
Pendamping4 = Annotated[list[Nama], Field(max_length=4)] | None
Pendamping10 = Annotated[list[Nama], Field(max_length=10)] | None


def pilih(tahap: str | Iterable[str] | None) -> tuple[Tahap, ...]:
    """The stages *tahap* names (one, several separated by commas, or ``semua``), in
    SOP order; refused with the stages expected when a name is not one.

    >>> pilih(["rujukan", "penerimaan", "rujukan"])
    ('penerimaan', 'rujukan')
    >>> pilih("rujuk")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: tahap: 'rujuk' bukan tahap kasus; salah satu dari penerimaan, \
konseling, persetujuan, penugasan, rujukan, laporan, mediasi, penutupan atau semua diharapkan
    """
    if tahap is None:
        return TAHAP
    names = tahap.split(",") if isinstance(tahap, str) else list(tahap)
    wanted: set[str] = set()
    for raw in names:
        if not isinstance(raw, str):
            raise SuratError("tahap: nama tahap (teks) diharapkan")
        name = raw.strip()
        if name == SEMUA:
            wanted.update(TAHAP)
        elif name in TAHAP:
            wanted.add(name)
        else:
            shown = name if len(name) <= 30 and name.isprintable() else name[:30] + "..."
            raise SuratError(
                f"tahap: {shown!r} bukan tahap kasus; salah satu dari "
                f"{', '.join(TAHAP)} atau {SEMUA} diharapkan",
                [("tahap", "tahap kasus yang dikenal diharapkan", "tahap_tidak_dikenal")],
            )
    if not wanted:
        raise SuratError("tahap: paling sedikit satu tahap diharapkan")
    return tuple(t for t in TAHAP if t in wanted)


class Dokumen(DataSurat):
    """What every document of a stage's list may give: its key and its date."""

    kunci: Kunci | None = None
    """How the register recognises this document when the case is printed again
    (letters, digits, ``-`` and ``_``); its place in the list when empty. Give one
    before reordering a list that was printed."""
    tanggal: Tanggal | None = None
    """The document's date; the day it is first printed when empty (and then kept)."""


class KasusPernyataan(DataSurat):
    """The consent and data-sharing statement (internal): the reporter consents, or
    for a child the parent or guardian who reports (the case's ``pelapor``)."""

    tanggal: Tanggal | None = None
    """The statement's date; the day the request is received when empty."""
    tempat: Baris | None = None
    penerima_data: list[Baris] = Field(min_length=1, max_length=8)
    data: list[DataDibagikan] = Field(min_length=1, max_length=len(DATA))
    meterai: bool | None = None
    saksi: Nama | None = None


class KasusPenerimaan(DataSurat):
    """Intake (SOP 34 step 2): the receipt the reporter takes home, and the consent."""

    jam: time
    """When the documents were received (WIB)."""
    berkas_lainnya: list[Baris] = Field(default_factory=list, max_length=5)
    """Documents received besides those of the request's ``lampiran``."""
    catatan: Annotated[Teks, Field(max_length=CATATAN_MAX)] | None = None
    penerima: Penerima
    """The staff who receives the documents and signs the receipt."""
    pernyataan: KasusPernyataan | None = None


class NotaDinasKasus(DataSurat):
    """One nota dinas of the counseling stage."""

    tanggal: Tanggal | None = None
    """Its date; the counseling report's (the forwarding memo's) date when empty."""
    dari: Peran | None = None
    kepada: Peran | None = None
    hal: Baris | None = None
    """The subject; the stage's own with the case number when empty."""
    isi: list[Paragraf] = Field(min_length=1, max_length=MAX_PARAGRAF)
    lampiran: Baris = "-"
    tembusan: list[Baris] = Field(default_factory=list, max_length=6)
    layanan: list[Layanan] = Field(default_factory=list, max_length=11)
    """The decision: the services the victim is given."""
    penandatangan: Penandatangan | None = None


class KasusNotaDinas(DataSurat):
    """SOP 34 steps 4 and 5: the Kasi forwards the counseling report to the Kabid
    (``laporan``, from ``kasi_pha`` to ``kabid``), the Kabid answers with the
    decision (``keputusan``, from ``kabid`` to ``kasi_pha``)."""

    laporan: NotaDinasKasus
    keputusan: NotaDinasKasus | None = None


class NarahubungKasus(DataSurat):
    """The office's contact person: one of the case's companions, or another staff."""

    nama: Nama
    jabatan: Baris | None = None
    """The companion's when empty."""
    telepon: Telepon


class KasusRujukan(Dokumen, Ditandatangani):
    """One referral letter (outgoing: initials and case number only)."""

    kepada: Baris
    di: Baris | None = None
    keperluan: list[Keperluan] = Field(min_length=1, max_length=len(KEPERLUAN))
    keterangan: Keterangan | None = None
    jadwal: Tanggal | None = None
    jam: time | None = None
    dengan_tugas: bool = True
    """Cites the case's surat tugas (its companions come along)."""
    pendamping: Pendamping4 = None
    narahubung: NarahubungKasus | None = None
    tembusan: list[Baris] = Field(default_factory=list, max_length=10)
    penandatangan: Penandatangan | None = None


class Pelaksanaan(DataSurat):
    """When and where the assistance took place; the task's day and place when empty."""

    tanggal: Tanggal | None = None
    jam_mulai: time
    jam_selesai: time
    tempat: Baris | None = None


class KasusLaporan(Dokumen, Ditandatangani):
    """One companion's report (internal), on a task of the case's surat tugas;
    writing it records the SOP step in the register."""

    tugas_ke: int | None = Field(default=None, ge=1, le=8)
    """Which task of ``tugas.tugas`` (1 = the first) it reports: its day and place."""
    pendamping: Pendamping10 = None
    pelaksanaan: Pelaksanaan
    kegiatan: Teks
    hasil: Teks
    hambatan: Teks | None = None
    tindak_lanjut: list[Teks] = Field(default_factory=list, max_length=10)
    sop: Literal["34", "32"] = "34"
    penandatangan: Penandatangan | None = None

    @model_validator(mode="after")
    def _where(self) -> KasusLaporan:
        if self.tugas_ke is None and (
            self.pelaksanaan.tanggal is None or self.pelaksanaan.tempat is None
        ):
            raise ValueError(
                "pelaksanaan: tanggal dan tempat diisi bila tugas_ke (tugas yang dilaporkan) "
                "tidak diisi"
            )
        return self


class Pertemuan(DataSurat):
    """The meeting an invitation calls."""

    tanggal: Tanggal
    mulai: time
    selesai: time | None = None
    tempat: Baris
    acara: Baris


class KasusUndangan(Dokumen, Ditandatangani):
    """One invitation (outgoing: the parties as roles, never a name)."""

    jenis: Literal["mediasi", "koordinasi"] = "mediasi"
    kepada: list[Baris] = Field(min_length=1, max_length=40)
    di: Baris | None = None
    sifat: Literal["Biasa", "Segera", "Sangat Segera", "Rahasia"] = "Rahasia"
    lampiran: Baris | None = None
    hal: Baris = "Undangan"
    pertemuan: Pertemuan
    pihak: list[Baris] = Field(default_factory=list, max_length=10)
    catatan: Catatan | None = None
    tembusan: list[Baris] = Field(default_factory=list, max_length=10)
    penandatangan: Penandatangan | None = None


class KasusBeritaAcara(Dokumen):
    """One berita acara (internal): a mediation, a handover into or out of the safe
    house (``serah_terima_masuk``, ``serah_terima_keluar``) or the return home
    (``pemulangan``)."""

    jam: time | None = None
    jenis: Jenis
    tempat: Baris
    pihak_pertama: Pihak | None = None
    """The reporter (and her relation to the victim) when empty."""
    pihak_kedua: Pihak
    uraian: list[Butir] = Field(min_length=1, max_length=10)
    kesepakatan: list[Butir] = Field(default_factory=list, max_length=10)
    saksi: list[Nama | Saksi] = Field(default_factory=list, max_length=MAX_SAKSI)
    """The witnesses: a companion of the case by name (their jabatan as the role), or
    another person with a role."""


class KasusMediasi(DataSurat):
    """Mediation and safe house (SOP 34 step 6, SOP 32 steps 7 and 9)."""

    undangan: list[KasusUndangan] = Field(default_factory=list, max_length=MAX_DOKUMEN)
    berita_acara: list[KasusBeritaAcara] = Field(default_factory=list, max_length=MAX_DOKUMEN)


class KasusPenutupan(DataSurat):
    """The closure report: it closes the case in the register."""

    tanggal: Tanggal | None = None
    """The closing date; the day it is first printed when empty."""
    layanan: list[LayananDiberikan] = Field(min_length=1, max_length=20)
    hasil: Uraian
    alasan: AlasanPenutupan
    dirujuk_ke: Baris | None = None
    keterangan: Uraian | None = None
    pemantauan: Uraian | None = None
    pengelola: Nama | None = None
    """The case manager, one of the case's companions; the first when empty."""
    mengetahui: Kunci = "kabid"
