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

import dataclasses
import io
import os
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from .dates import WIB, today
from .document import Document
from .errors import SuratError, validate_model
from .files import Target, read_data, write_private
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
from .letters.shared import MAX_PENDAMPING, DataSurat, agenda_kop
from .numbering.langkah import waktu
from .numbering.pending import Pending
from .office import Office
from .pack.printing import PackResult, check_options
from .pack.workflow import check_copies, check_output, print_numbered
from .simfoni import KategoriKasus, kelompok_umur

if TYPE_CHECKING:
    from .numbering import Register
    from .pdf import Converter
    from .tte import TTE

__all__ = [
    "ATURAN_PSIKOLOG",
    "HasilKasus",
    "Kasus",
    "KasusKonseling",
    "KasusPersetujuan",
    "KasusTugas",
    "KonsultasiPsikolog",
]

ATURAN_PSIKOLOG = "SOP 32 langkah 9 (konsultasi psikolog lebih dahulu)"
"""The rule a task at the police or a court breaks when an unstable client has not
yet consulted a psychologist."""


def _dump(p: Penandatangan | None) -> dict[str, Any] | None:
    return p.model_dump(exclude_none=True) if p is not None else None


class KonsultasiPsikolog(DataSurat):
    """When the client consulted a psychologist (SOP 32 step 9), in WIB: recorded in
    the register as that step, done by the psychologist (``oleh`` ``psikolog``)."""

    mulai: datetime
    selesai: datetime

    @model_validator(mode="after")
    def _order(self) -> KonsultasiPsikolog:
        if self.selesai < self.mulai:
            raise ValueError("selesai: waktu pada atau sesudah mulai diharapkan")
        return self


class KasusKonseling(HasilKonseling):
    """The counseling session of the case (SOP 34 steps 2-3); the client is the case's victim."""

    konsultasi_psikolog: KonsultasiPsikolog | None = None
    """The psychologist consultation a client who is not stable has before any task at
    the police or a court (SOP 32 step 9); recorded in the register with the case's
    numbers. Not needed when the register already holds it as a step of the case."""
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

    The starter case (``surat contoh kasus``), registered and numbered in a
    register of its own; :meth:`print_pack` prints it as two PDFs:

    >>> import json, surat
    >>> from importlib.resources import files
    >>> data = json.loads((files("surat") / "starter" / "kasus.json").read_text("utf-8"))
    >>> kasus = surat.Kasus.from_dict(data)
    >>> kasus
    Kasus(...)
    >>> with surat.Register(":memory:") as reg:
    ...     docs = kasus.letters(reg)
    ...     [c.nomor for c in reg.cases()]
    ['001/REG-PPA/XI/2026']
    >>> [(d.kind, d.nomor) for d in docs]  # doctest: +NORMALIZE_WHITESPACE
    [('permohonan', None), ('konseling', None),
     ('persetujuan', '001/DP3A-PP-KB/PPA/XI/2026'), ('tugas', '002/DP3A-PP-KB/PPA/XI/2026')]

    A field the clerk got wrong is named, its value never quoted:

    >>> data["pelapor"]["nik"] = "123"
    >>> surat.Kasus.from_dict(data)
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: kasus: 1 masalah pada data
      pelapor.nik: 16 angka diharapkan, terisi 3
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
            **k.model_dump(exclude={"konsultasi_psikolog"}),
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

    def identitas(self) -> list[str]:
        """The texts that identify the victim: the victim's name and address, the
        reporter's (often a parent) and the guardian's names, the reporter's
        addresses. Their words are the case's protected words
        (:func:`surat.privacy.protected_words`): no letter that leaves the office
        may hold one, and the register keeps them as digests only."""
        p, k = self.pelapor, self.korban
        texts = [k.nama, k.alamat, p.nama, p.alamat, p.alamat_domisili]
        if self.wali is not None:
            texts.append(self.wali.nama)
        return [t for t in texts if t]

    def check(self, register: Register | None = None) -> None:
        """Validate the four letters with placeholder numbers, before any number is taken.

        The letters that leave the office are refused when a free-text field holds
        a protected word of the case (its own :meth:`identitas`, and with
        *register* the words the register keeps for its ``nomor_registrasi``),
        naming the field. The case's own SOP rules too (SOP 32 step 9: an unstable
        client's psychologist consultation, from the case file and, with
        *register*, the steps it records).
        """
        self._checked(register)
        self._check_konsultasi(register)

    def _checked(self, register: Register | None = None) -> dict[str, Any]:
        from .letters import kind as spec
        from .letters.privasi import check_register, check_words
        from .privacy import protected_words

        placeholder = "000/CEK/I/2000"
        data = self.letter_data(
            self.nomor_registrasi or placeholder, self.nomor_agenda or placeholder, placeholder
        )
        kata = protected_words(self.identitas())
        models = {}
        for kind, d in data.items():
            models[kind] = validate(kind, d)  # the case and request: _check_references
            check_words(spec(kind), models[kind], kata)  # the case's own words, always
            if register is not None:  # and those the register keeps for the case
                check_register(spec(kind), models[kind], register)
        return models

    def printed_signers(self, office: Office) -> dict[str, str]:
        """The signer's name each letter of the case will print, by kind (the
        reporter's request: ''): known before any number is taken."""
        return {kind: nama for kind, (nama, _) in self._signers(office).items()}

    def _signers(self, office: Office) -> dict[str, tuple[str, str]]:
        """The signer's name and NIP each letter of the case will print, by kind."""
        from .letters import printed_signer

        return {kind: printed_signer(kind, m, office) for kind, m in self._checked().items()}

    def _check(self, office: Office, register: Register | None = None) -> None:
        """What would stop the letters once numbered, checked before any number is
        taken: their data (and their free text against the case's protected
        words), the case and request the case file names (in *register*'s books),
        the psychologist consultation an unstable client needs first, the
        signers' roles (the profile's), and every copy recipient against its
        stamp."""
        for kind, model in self._checked(register).items():
            check_copies(kind, office, model, f"{kind}: ")
        if register is not None:
            self._check_references(register)
        self._check_konsultasi(register)
        _, tgl_konseling, tgl_persetujuan, tgl_tugas = self._dates()
        signer_context("konseling", office, tgl_konseling, self.konseling.penandatangan)
        signer_context("persetujuan", office, tgl_persetujuan, self.persetujuan.penandatangan)
        signer_context("tugas", office, tgl_tugas, self.tugas.penandatangan)

    def _check_dates(self, register: Register, office: Office) -> None:
        """The dates the register would refuse to number (the persetujuan's and the
        tugas's: too far ahead, or a backdate the office refuses), before any number."""
        _, _, tgl_persetujuan, tgl_tugas = self._dates()
        planned = [
            {"tanggal": tgl_persetujuan, "klasifikasi": office.klasifikasi("persetujuan")},
            {"tanggal": tgl_tugas, "klasifikasi": office.klasifikasi("tugas")},
        ]
        found = register.check_issue(planned)
        if found:
            names = ("persetujuan", "tugas")
            raise SuratError(
                "kasus: tidak ada yang diberi nomor atau dicetak\n  "
                + "\n  ".join(f"{names[i]}.{message}" for i, message in found)
            )

    def _check_references(self, register: Register) -> None:
        """The case and the request the case file names are in the register's books,
        with the day the request was received as the case file says."""
        from .letters import referensi

        if self.nomor_registrasi:
            referensi.kasus(register, self.nomor_registrasi, "nomor_registrasi")
        if self.nomor_agenda:
            masuk = referensi.masuk(register, self.nomor_agenda, "nomor_agenda", None)
            linked = masuk.nomor_registrasi
            if linked and linked != self.nomor_registrasi:
                raise SuratError(
                    "nomor_agenda: milik kasus lain di register"
                    if self.nomor_registrasi
                    else "nomor_agenda: milik sebuah kasus di register: berikan "
                    "nomor_registrasi-nya"
                )
            if masuk.tanggal_terima != (self.tanggal or today()):
                raise SuratError(
                    "tanggal: berbeda dengan tanggal diterimanya permohonan di buku agenda "
                    "surat masuk (nomor_agenda)"
                )

    def _check_konsultasi(self, register: Register | None) -> None:
        """SOP 32 step 9: a client who is not stable consults a psychologist before
        any task takes them to the police or a court."""
        from .letters.tugas import ke_penegak_hukum
        from .numbering.langkah import konsultasi_psikolog

        if self.konseling.kondisi_psikis_stabil:
            return
        tasks = [(i, t) for i, t in enumerate(self.tugas.tugas) if ke_penegak_hukum(t)]
        if not tasks:
            return
        done: list[datetime] = []
        given = self.konseling.konsultasi_psikolog
        if given is not None:
            done.append(waktu("konseling.konsultasi_psikolog.selesai", given.selesai))
        if register is not None and self.nomor_registrasi:
            recorded = konsultasi_psikolog(register.steps(self.nomor_registrasi))
            if recorded is not None:
                done.append(recorded)
        selesai = min(done) if done else None
        for i, t in tasks:
            if selesai is None:
                ok = False
            elif t.jam is not None:
                ok = selesai <= datetime.combine(t.tanggal, t.jam, WIB)
            else:  # no hour on the letter: only an earlier day shows it came first
                ok = selesai.date() < t.tanggal
            if not ok:
                raise SuratError(
                    f"tugas.tugas.{i}.tanggal: {ATURAN_PSIKOLOG}: kondisi psikis klien belum "
                    "stabil (konseling.kondisi_psikis_stabil), jadi konsultasi psikolog "
                    "mendahului tugas ke kepolisian atau pengadilan; catat konsultasinya "
                    "sebelum tugas itu (Register.record_step dengan oleh 'psikolog', atau "
                    "konseling.konsultasi_psikolog)"
                )

    def letters(self, register: Register, office: Office | None = None) -> list[Document]:
        """Take the case's numbers and render its four letters, in SOP order.

        All-or-nothing: the numbers are pending (:meth:`surat.Register.pending`)
        until every letter is rendered; when a step fails, every number this
        call took is voided with the reason and a :class:`surat.batch.BatchError`
        lists them.
        """
        office = office or register.office
        self._check(office, register)
        self._check_dates(register, office)
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
            if pending.register is not None and pending.register.knows_case(nomor_registrasi):
                # a case registered before: the register keeps its words from now on
                pending.register.protect(nomor_registrasi, self.identitas())
        else:
            nomor_registrasi = pending.register_case(
                perihal="Penanganan kasus kekerasan: " + ", ".join(self.jenis_kekerasan),
                tanggal=diterima,
                kategori=self.kategori(),
                identitas=self.identitas(),
            ).nomor
        self._record_konsultasi(pending, nomor_registrasi)
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
            **agenda_kop("persetujuan", office),
        )
        n_tugas = pending.issue(
            klasifikasi=office.klasifikasi("tugas"),
            tanggal=tgl_tugas,
            perihal="Surat Tugas Pendampingan",
            tujuan=", ".join(p.nama for p in self.pendamping),
            nomor_registrasi=nomor_registrasi,
            **agenda_kop("tugas", office),
        )
        data = self.letter_data(nomor_registrasi, nomor_agenda, n_persetujuan.nomor)
        return [
            render("permohonan", data["permohonan"], office=office),
            render("konseling", data["konseling"], office=office),
            render("persetujuan", data["persetujuan"], office=office, nomor=n_persetujuan),
            render("tugas", data["tugas"], office=office, nomor=n_tugas),
        ]

    def _record_konsultasi(self, pending: Pending, nomor_registrasi: str) -> None:
        """The case file's psychologist consultation, as the case's step (once)."""
        from .numbering.langkah import KONSULTASI, PSIKOLOG

        given = self.konseling.konsultasi_psikolog
        if given is None or pending.register is None:
            return
        register = pending.register
        mulai = waktu("konseling.konsultasi_psikolog.mulai", given.mulai)
        selesai = waktu("konseling.konsultasi_psikolog.selesai", given.selesai)
        if self.nomor_registrasi and any(
            s.oleh == PSIKOLOG and s.mulai == mulai and s.selesai == selesai
            for s in register.steps(nomor_registrasi)
        ):
            return
        sop, langkah = KONSULTASI
        register.record_step(
            nomor_registrasi, sop=sop, langkah=langkah, mulai=mulai, selesai=selesai,
            oleh=PSIKOLOG,
        )  # fmt: skip

    def print_pack(
        self,
        register: Register,
        output: Target,
        *,
        internal: str | os.PathLike[str] | None = None,
        sandi_internal: str | None = None,
        internal_terbuka: bool = False,
        office: Office | None = None,
        duplex: bool = False,
        encrypt: str | None = None,
        tte: TTE | None = None,
        arsip: str | os.PathLike[str] | None = None,
        converter: Converter | None = None,
    ) -> HasilKasus:
        """The case's letters as two PDFs (each atomic, 0600): *output* holds the
        letters that leave the office (the approval and assignment letters with
        their tembusan copies), *internal* the papers that stay in the case file
        (the request with NIK and addresses, the counseling report).

        *output* may be a binary stream (``io.BytesIO``, an HTTP response, stdout)
        that gets the whole outgoing pack in one ``write``; *internal* is then a
        path of its own. *internal* defaults to *output* with ``-internal`` added
        to its name. It is
        encrypted (AES-256) with *sandi_internal*; it is written unencrypted only
        with ``internal_terbuka=True``, and neither is refused before any number
        is taken. *encrypt* is the outgoing pack's own password (optional).

        The contract of ``surat cetak`` (:mod:`surat.pack.workflow`): the
        outputs, the letters (their free text against the case's protected
        words), the signers and every copy recipient are checked, and
        LibreOffice started, before any number is taken; the numbers stay
        pending under one batch id until both files are complete, so a killed
        run leaves them in :meth:`surat.Register.pending` (``surat agenda
        --tertunda``); if printing fails after the numbers were taken, they
        are voided, neither file is left, and a :class:`surat.batch.BatchError`
        lists them: a number the agenda holds is a letter that exists. ``tte``
        and ``arsip`` sign the outgoing letters whose signer holds the
        certificate, as :func:`surat.print_pack` does; checked before any
        number is taken. ``converter`` defaults to the process-wide one.
        """
        from .letters import kind as spec
        from .pack.printing import print_pack as write_pack

        office = office or register.office
        stream = None if isinstance(output, str | os.PathLike) else output
        if stream is not None:
            if internal is None:
                raise SuratError(
                    "internal: paket keluar ditulis ke aliran; dokumen internal memerlukan "
                    "berkasnya sendiri (internal=, --internal BERKAS.pdf)"
                )
            check_options(encrypt, False)
        target = (
            check_output(output, encrypt=encrypt)
            if isinstance(output, str | os.PathLike)
            else Path("(aliran)")
        )
        papers = check_output(
            internal if internal is not None else target.with_name(f"{target.stem}-internal.pdf")
        )
        if stream is None and papers.resolve() == target.resolve():
            raise SuratError(f"{papers}: dokumen internal memerlukan berkasnya sendiri")
        if internal_terbuka and sandi_internal is not None:
            raise SuratError(
                "sandi_internal: berikan sandi atau internal_terbuka=True, tidak keduanya"
            )
        if not internal_terbuka:
            if sandi_internal is None:
                raise SuratError(
                    "sandi_internal: dokumen internal (permohonan dengan NIK dan alamat, "
                    "laporan konseling) dienkripsi: berikan sandi, atau "
                    "internal_terbuka=True untuk menulisnya tanpa enkripsi"
                )
            if not isinstance(sandi_internal, str) or not sandi_internal:
                raise SuratError("sandi_internal: sandi yang tidak kosong diharapkan")
        if tte is not None:  # the outgoing letters' printed signers, before any number
            from .tte.pack import Tertanda, check

            _, *dates = self._dates()  # konseling, persetujuan, tugas: signed on their date
            dated = dict(zip(("konseling", "persetujuan", "tugas"), dates, strict=True))
            signers = [
                Tertanda(k, nama, nip=nip, tanggal=dated.get(k))
                for k, (nama, nip) in self._signers(office).items()
                if spec(k).privasi == "keluar"
            ]
            check(tte, office, signers, arsip=arsip, encrypt=encrypt)
        self._check(office, register)
        self._check_dates(register, office)

        def write(
            documents: Iterable[Document], conv: Converter | None, confirm: Callable[[], None]
        ) -> HasilKasus:
            docs = list(documents)
            inside = [d for d in docs if spec(d.kind).privasi != "keluar"]
            outside = [d for d in docs if spec(d.kind).privasi == "keluar"]
            buffer = io.BytesIO()  # the internal papers, written once the outgoing pack is
            kept = write_pack(inside, buffer, duplex=duplex, encrypt=sandi_internal, converter=conv)

            def both_written() -> None:  # the outgoing pack is complete (or delivered)
                write_private(papers, buffer.getvalue(), on_written=confirm)

            sent = write_pack(
                outside,
                stream if stream is not None else target,
                duplex=duplex,
                encrypt=encrypt,
                converter=conv,
                on_written=both_written,
                tte=tte,
                arsip=arsip,
            )
            return HasilKasus(
                **{f.name: getattr(sent, f.name) for f in dataclasses.fields(sent)},
                internal=dataclasses.replace(kept, path=papers),
                terenkripsi=sandi_internal is not None,
            )

        result: HasilKasus = print_numbered(
            lambda pending: self._render(pending, office),
            stream if stream is not None else target,
            register=register,
            alasan="kasus gagal",
            converter=converter,
            write=write,
        )
        return result


@dataclasses.dataclass(frozen=True)
class HasilKasus(PackResult):
    """What :meth:`Kasus.print_pack` wrote: the outgoing pack (the fields of
    :class:`surat.PackResult`), and the internal papers."""

    internal: PackResult | None = None
    """The internal papers' file (the request, the counseling report)."""
    terenkripsi: bool = True
    """Whether the internal papers are encrypted."""

    def __str__(self) -> str:
        lines = [f"Keluar   : {PackResult.__str__(self)}"]
        if self.internal is not None:
            kunci = "terenkripsi" if self.terenkripsi else "TIDAK terenkripsi"
            lines.append(f"Internal : {self.internal} [{kunci}]")
        return "\n".join(lines)
