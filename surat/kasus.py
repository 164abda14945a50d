"""One case, every letter: the case file (berkas kasus) and the SOP's chain of documents.

A case holds the people once (reporter, victim, companions, counselor) and
produces, in the order of SOP 34 and SOP 32:

1. ``permohonan``  the reporter's request, recorded in the incoming agenda;
2. ``konseling``   the counseling report (internal; initials by default);
3. ``persetujuan`` the approval letter, numbered from the outgoing agenda;
4. ``tugas``       the assignment letter, numbered, citing the approval's number.

The case's registration number comes from the register's third book, the
Buku Register Penanganan Kasus (SOP 34); the outgoing letters print it beside
the victim's initials and never the name. Taking the numbers of one case is
all-or-nothing, as for ``surat cetak`` (:mod:`surat.pack.workflow`): the
letters' data, signers and copy recipients are checked before any number is
taken; the numbers are pending under one batch id until the pack is written
(a killed run leaves them in :meth:`surat.Register.pending`); if anything
fails after the first number, each number the case took is voided with the
reason and a :class:`surat.batch.BatchError` lists them.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from .dates import today
from .document import Document
from .errors import SuratError, validate_model
from .files import read_data
from .letters import (
    Baris,
    HasilKonseling,
    NomorTeks,
    Penandatangan,
    Pendamping,
    Pengaduan,
    Penugasan,
    Tanggal,
    Teks,
    umur,
    validate,
)
from .letters.penandatangan import Ditandatangani, signer_context
from .letters.shared import MAX_PENDAMPING, agenda_kode
from .numbering.pending import Pending
from .office import Office
from .pack.workflow import check_copies, check_output, print_numbered
from .simfoni import KategoriKasus, kelompok_umur

if TYPE_CHECKING:
    from .numbering import Register
    from .pack import PackResult
    from .pdf import Converter
    from .tte import TTE

__all__ = ["Kasus", "KasusKonseling", "KasusPersetujuan", "KasusTugas"]


def _dump(p: Penandatangan | None) -> dict[str, Any] | None:
    return p.model_dump(exclude_none=True) if p is not None else None


class KasusKonseling(HasilKonseling):
    """The counseling session of the case (SOP 34 steps 2-3); the client is the case's victim."""

    sumber_rujukan: Baris = "Datang langsung"
    riwayat: Teks | None = None
    """Case history; the case's chronology when empty."""
    penandatangan: Penandatangan | None = None
    """Who signs "Mengetahui", when not the profile's signer (Plt., Plh., a.n., u.b.)."""


class KasusPersetujuan(Ditandatangani):
    """The approval letter's own details (SOP 32 steps 3-6)."""

    tanggal: Tanggal | None = None
    """The letter's date; the day the request was received when empty."""
    kepada: Baris = "Sdr. Pelapor"
    di: Baris | None = None
    tembusan: list[Baris] = Field(default_factory=list, max_length=10)
    penandatangan: Penandatangan | None = None
    """Who signs the approval, when not the profile's signer (Plt., Plh., a.n., u.b.)."""


class KasusTugas(Ditandatangani):
    """The assignment letter's own details."""

    tanggal: Tanggal | None = None
    """The letter's date; the approval's date when empty."""
    dasar: list[Baris] = Field(default_factory=list, max_length=6)
    diktum: Literal["MENUGASKAN", "MEMERINTAHKAN"] = "MENUGASKAN"
    tugas: list[Penugasan] = Field(min_length=1, max_length=8)
    tembusan: list[Baris] = Field(default_factory=list, max_length=10)
    penandatangan: Penandatangan | None = None
    """Who signs the assignment, when not the profile's signer."""


class Kasus(Pengaduan):
    """A case file. ``repr()`` names nobody.

    One victim per case file, as the national case system (Simfoni-PPA)
    records them: siblings hurt in one incident get one file each. The
    reporter's part (``tanggal`` is the day the request is received) is that
    of the request letter; the rest is the office's work on the case.
    """

    nomor_registrasi: NomorTeks | None = None
    """Set when the case is already in the Buku Register; otherwise the register gives one."""
    nomor_agenda: NomorTeks | None = None
    """Set when the request is already in the incoming agenda; otherwise the register gives one."""
    pendamping: list[Pendamping] = Field(min_length=1, max_length=MAX_PENDAMPING)
    """More than ten are listed on the letters' Lampiran page."""
    konseling: KasusKonseling
    persetujuan: KasusPersetujuan = Field(default_factory=KasusPersetujuan)
    tugas: KasusTugas

    # -- loading -------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Any, source: str = "kasus") -> Kasus:
        """Validate a case; every problem is listed with its field path, no value quoted."""
        if not isinstance(data, dict):
            raise SuratError(f"{source}: objek (kunci: nilai) diharapkan")
        return validate_model(cls, data, source)

    @classmethod
    def from_file(cls, path: str | Path) -> Kasus:
        """Read a case from a .json or .toml file."""
        data = read_data(path, "berkas kasus")
        return cls.from_dict(data, source=str(path))

    # -- the letters -----------------------------------------------------------

    def _dates(self) -> tuple[date, date, date, date]:
        diterima = self.tanggal or today()
        konseling = self.konseling.tanggal or self.konseling.sesi.tanggal
        persetujuan = self.persetujuan.tanggal or diterima
        tugas = self.tugas.tanggal or persetujuan
        return diterima, konseling, persetujuan, tugas

    def letter_data(
        self, nomor_registrasi: str, nomor_agenda: str, nomor_persetujuan: str
    ) -> dict[str, dict[str, Any]]:
        """The four letters' data, built from the one case (same people, same numbers)."""
        diterima, tgl_konseling, tgl_persetujuan, tgl_tugas = self._dates()
        k = self.konseling
        lahir, years = self.korban.tanggal_lahir, self.korban.umur
        korban_kasus = {
            "nama": self.korban.nama,
            "nomor_registrasi": nomor_registrasi,
            "anak": (umur(lahir, diterima) if lahir else (years or 0)) < 18,
        }
        pendamping = [p.model_dump() for p in self.pendamping]
        permohonan: dict[str, Any] = {
            **self.model_dump(include=set(Pengaduan.model_fields)),
            "tanggal": diterima,
            "nomor_agenda": nomor_agenda,
            "tanggal_diterima": diterima,
        }
        konseling: dict[str, Any] = {
            **k.model_dump(),
            "tanggal": tgl_konseling,
            "korban": {
                "nama": self.korban.nama,
                "nomor_registrasi": nomor_registrasi,
                "tanggal_lahir": self.korban.tanggal_lahir,
                "umur": self.korban.umur,
                "jenis_kelamin": self.korban.jenis_kelamin,
            },
            "riwayat": k.riwayat or self.kronologi,
        }
        persetujuan: dict[str, Any] = {
            "tanggal": tgl_persetujuan,
            "kepada": self.persetujuan.kepada,
            "di": self.persetujuan.di,
            "permohonan": {"tanggal": diterima, "nomor_agenda": nomor_agenda},
            "korban": korban_kasus,
            "layanan": list(self.layanan),
            "jenis_kekerasan": list(self.jenis_kekerasan),
            "pendamping": pendamping,
            "tembusan": list(self.persetujuan.tembusan),
            "penandatangan": _dump(self.persetujuan.penandatangan),
        }
        tugas: dict[str, Any] = {
            "tanggal": tgl_tugas,
            "korban": korban_kasus,
            "persetujuan": {"nomor": nomor_persetujuan, "tanggal": tgl_persetujuan},
            "dasar": list(self.tugas.dasar),
            "hubungan_pelaku": self.terlapor.hubungan if self.terlapor else None,
            "diktum": self.tugas.diktum,
            "pendamping": pendamping,
            "tugas": [t.model_dump() for t in self.tugas.tugas],
            "tembusan": list(self.tugas.tembusan),
            "penandatangan": _dump(self.tugas.penandatangan),
        }
        return {
            "permohonan": permohonan,
            "konseling": konseling,
            "persetujuan": persetujuan,
            "tugas": tugas,
        }

    def kategori(self) -> KategoriKasus:
        """The case's Simfoni-PPA categories for the case register: never a name.

        The victim's age group is taken on the day the request is received.
        """
        k = self.korban
        diterima = self.tanggal or today()
        years = umur(k.tanggal_lahir, diterima) if k.tanggal_lahir else (k.umur or 0)
        return KategoriKasus(
            jenis_kekerasan=tuple(self.jenis_kekerasan),
            tempat_kejadian=self.tempat_kejadian,
            hubungan_pelaku=self.terlapor.hubungan if self.terlapor else "Tidak Diketahui",
            layanan=tuple(self.layanan),
            jenis_kelamin=k.jenis_kelamin,
            kelompok_umur=kelompok_umur(max(years, 0)),
        )

    def check(self) -> None:
        """Validate the four letters with placeholder numbers, before any number is taken."""
        self._checked()

    def _checked(self) -> dict[str, Any]:
        placeholder = "000/CEK/I/2000"
        data = self.letter_data(placeholder, placeholder, placeholder)
        return {kind: validate(kind, d) for kind, d in data.items()}

    def printed_signers(self, office: Office) -> dict[str, str]:
        """The signer's name each letter of the case will print, by kind (the
        reporter's request: ''): known before any number is taken."""
        return {kind: nama for kind, (nama, _) in self._signers(office).items()}

    def _signers(self, office: Office) -> dict[str, tuple[str, str]]:
        """The signer's name and NIP each letter of the case will print, by kind."""
        from .letters import printed_signer

        return {kind: printed_signer(kind, m, office) for kind, m in self._checked().items()}

    def _check(self, office: Office) -> None:
        """What would stop the letters once numbered, checked before any number is
        taken: their data, the signers' roles (the profile's), and every copy
        recipient against its stamp."""
        for kind, model in self._checked().items():
            check_copies(kind, office, model, f"{kind}: ")
        _, tgl_konseling, tgl_persetujuan, tgl_tugas = self._dates()
        signer_context("konseling", office, tgl_konseling, self.konseling.penandatangan)
        signer_context("persetujuan", office, tgl_persetujuan, self.persetujuan.penandatangan)
        signer_context("tugas", office, tgl_tugas, self.tugas.penandatangan)

    def letters(self, register: Register, office: Office | None = None) -> list[Document]:
        """Take the case's numbers and render its four letters, in SOP order.

        All-or-nothing: the numbers are pending (:meth:`surat.Register.pending`)
        until every letter is rendered; when a step fails, every number this
        call took is voided with the reason and a :class:`surat.batch.BatchError`
        lists them.
        """
        office = office or register.office
        self._check(office)
        with Pending(register, what="kasus", alasan="kasus gagal") as pending:
            docs = self._render(pending, office)
            pending.finish()
        return docs

    def _render(self, pending: Pending, office: Office) -> list[Document]:
        """Take the numbers the case has not got yet, then render its letters."""
        from .templating.letter import render

        diterima, _, tgl_persetujuan, tgl_tugas = self._dates()
        if self.nomor_registrasi:
            nomor_registrasi = self.nomor_registrasi
        else:
            nomor_registrasi = pending.register_case(
                perihal="Penanganan kasus kekerasan: " + ", ".join(self.jenis_kekerasan),
                tanggal=diterima,
                kategori=self.kategori(),
            ).nomor
        if self.nomor_agenda:
            nomor_agenda = self.nomor_agenda
        else:
            nomor_agenda = pending.receive(
                dari=f"Pelapor kasus {nomor_registrasi}",
                nomor_surat="",
                tanggal_surat=diterima,
                perihal="Permohonan Pendampingan Kasus",
                tanggal_terima=diterima,
                nomor_registrasi=nomor_registrasi,
            ).nomor
        n_persetujuan = pending.issue(
            klasifikasi=office.klasifikasi("persetujuan"),
            tanggal=tgl_persetujuan,
            perihal="Persetujuan Pendampingan",
            # the reporter, by the case's number: never a name in the agenda
            tujuan=f"Pelapor kasus {nomor_registrasi}",
            nomor_registrasi=nomor_registrasi,
            **agenda_kode("persetujuan", office),
        )
        n_tugas = pending.issue(
            klasifikasi=office.klasifikasi("tugas"),
            tanggal=tgl_tugas,
            perihal="Surat Tugas Pendampingan",
            tujuan=", ".join(p.nama for p in self.pendamping),
            nomor_registrasi=nomor_registrasi,
            **agenda_kode("tugas", office),
        )
        data = self.letter_data(nomor_registrasi, nomor_agenda, n_persetujuan.nomor)
        return [
            render("permohonan", data["permohonan"], office=office),
            render("konseling", data["konseling"], office=office),
            render("persetujuan", data["persetujuan"], office=office, nomor=n_persetujuan),
            render("tugas", data["tugas"], office=office, nomor=n_tugas),
        ]

    def print_pack(
        self,
        register: Register,
        output: str | os.PathLike[str],
        *,
        office: Office | None = None,
        duplex: bool = False,
        encrypt: str | None = None,
        tte: TTE | None = None,
        arsip: str | os.PathLike[str] | None = None,
        converter: Converter | None = None,
    ) -> PackResult:
        """Every letter of the case with its copies, in one PDF (atomic, 0600).

        The contract of ``surat cetak`` (:mod:`surat.pack.workflow`): the
        output, the letters, the signers and every copy recipient are checked,
        and LibreOffice started, before any number is taken; the numbers stay
        pending under one batch id until the pack is complete, so a killed run
        leaves them in :meth:`surat.Register.pending` (``surat agenda
        --tertunda``); if printing fails after the numbers were taken, they
        are voided and a :class:`surat.batch.BatchError` lists them: a number
        the agenda holds is a letter that exists. ``tte`` and ``arsip`` sign
        the letters whose signer holds the certificate, as
        :func:`surat.print_pack` does; checked before any number is taken.
        ``converter`` defaults to the process-wide one.
        """
        office = office or register.office
        target = check_output(output, encrypt=encrypt)
        if tte is not None:  # the letters' printed signers, before any number
            from .tte.pack import Tertanda, check

            signers = [
                Tertanda(k, nama, nip=nip) for k, (nama, nip) in self._signers(office).items()
            ]
            check(tte, office, signers, arsip=arsip, encrypt=encrypt)
        self._check(office)
        result: PackResult = print_numbered(
            lambda pending: self._render(pending, office),
            target,
            register=register,
            alasan="kasus gagal",
            converter=converter,
            duplex=duplex,
            encrypt=encrypt,
            tte=tte,
            arsip=arsip,
        )
        return result
