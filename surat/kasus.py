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
import re
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
from .tahap import (
    MAX_DOKUMEN,
    SEMUA,
    TAHAP,
    KasusLaporan,
    KasusMediasi,
    KasusNotaDinas,
    KasusPenerimaan,
    KasusPenutupan,
    KasusRujukan,
    pilih,
)

if TYPE_CHECKING:
    from .numbering import Nomor, Register
    from .numbering.dokumen import Dokumen
    from .pdf import Converter
    from .tte import TTE

__all__ = [
    "ATURAN_PSIKOLOG",
    "SEMUA",
    "TAHAP",
    "DokumenKasus",
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


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


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
    penerimaan: KasusPenerimaan | None = None
    """Intake: the receipt the reporter takes home, and the consent statement."""
    nota_dinas: KasusNotaDinas | None = None
    """The counseling stage's memos: the Kasi to the Kabid, the Kabid's decision."""
    rujukan: list[KasusRujukan] = Field(default_factory=list, max_length=MAX_DOKUMEN)
    """The referral letters, in the order written (added over weeks)."""
    laporan: list[KasusLaporan] = Field(default_factory=list, max_length=MAX_DOKUMEN)
    """The companions' reports, one per assistance."""
    mediasi: KasusMediasi | None = None
    penutupan: KasusPenutupan | None = None
    """The closure report: printing it closes the case in the register."""

    @model_validator(mode="after")
    def _stages(self) -> Kasus:
        names = {_fold(p.nama) for p in self.pendamping}

        def known(path: str, given: list[str] | None, one: bool = False) -> None:
            for i, nama in enumerate(given or ()):
                if _fold(nama) not in names:
                    where = path if one else f"{path}.{i}"
                    raise ValueError(f"{where}: bukan salah satu pendamping kasus (pendamping)")

        def unique(path: str, items: list[Any]) -> None:
            seen: set[str] = set()
            for i, item in enumerate(items):
                kunci = item.kunci or str(i + 1)
                if kunci in seen:
                    raise ValueError(f"{path}.{i}.kunci: kunci dokumen dipakai dua kali")
                seen.add(kunci)

        for i, r in enumerate(self.rujukan):
            known(f"rujukan.{i}.pendamping", r.pendamping)
            if r.narahubung is not None and r.narahubung.jabatan is None:
                known(f"rujukan.{i}.narahubung.nama", [r.narahubung.nama], one=True)
        for i, lap in enumerate(self.laporan):
            known(f"laporan.{i}.pendamping", lap.pendamping)
        for i, b in enumerate(self.mediasi.berita_acara if self.mediasi else ()):
            for j, saksi in enumerate(b.saksi):
                if isinstance(saksi, str):
                    known(f"mediasi.berita_acara.{i}.saksi.{j}", [saksi], one=True)
        if self.penutupan is not None and self.penutupan.pengelola is not None:
            known("penutupan.pengelola", [self.penutupan.pengelola], one=True)
        unique("rujukan", self.rujukan)
        unique("laporan", self.laporan)
        if self.mediasi is not None:
            unique("mediasi.undangan", self.mediasi.undangan)
            unique("mediasi.berita_acara", self.mediasi.berita_acara)
        return self

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

    def check(
        self, register: Register | None = None, *, tahap: str | Iterable[str] | None = None
    ) -> None:
        """Validate the letters of *tahap* (default: the four first letters) with
        placeholder numbers, before any number is taken.

        The letters that leave the office are refused when a free-text field holds
        a protected word of the case (its own :meth:`identitas`, and with
        *register* the words the register keeps for its ``nomor_registrasi``),
        naming the field. The case's own SOP rules too (SOP 32 step 9: an unstable
        client's psychologist consultation, from the case file and, with
        *register*, the steps it records).
        """
        self._checked(self._plan(tahap, register), register)
        self._check_konsultasi(register)

    # -- the stages ------------------------------------------------------------

    def _korban_kasus(self, nomor_registrasi: str) -> dict[str, Any]:
        lahir, years = self.korban.tanggal_lahir, self.korban.umur
        diterima = self.tanggal or today()
        return {
            "nama": self.korban.nama,
            "nomor_registrasi": nomor_registrasi,
            "anak": (umur(lahir, diterima) if lahir else (years or 0)) < 18,
        }

    def _companions(self, given: list[str] | None) -> list[dict[str, Any]]:
        """The case's companions *given* by name (None: all), as the letters take them."""
        if given is None:
            return [p.model_dump() for p in self.pendamping]
        by_name = {_fold(p.nama): p for p in self.pendamping}
        return [by_name[_fold(n)].model_dump() for n in given]

    def _companion(self, given: object) -> dict[str, Any]:
        """The case's companion named *given* (a text), else an empty dict."""
        if not isinstance(given, str):
            return {}
        (found,) = self._companions([given])
        return found

    def _plan(self, tahap: str | Iterable[str] | None, register: Register | None) -> list[_Rencana]:
        """The documents of the stages *tahap* (None: the four first letters), in SOP
        order, each with what the register already records of it."""
        dasar = tahap is None
        chosen = pilih(tahap) if tahap is not None else TAHAP[:4]
        # only the intake registers a case: a later stage printed from a file that
        # lacks the number would register the same case a second time
        unregistered = (
            register is not None and not self.nomor_registrasi and "penerimaan" not in chosen
        )
        recorded = self._recorded(register)
        diterima, tgl_konseling, tgl_persetujuan, tgl_tugas = self._dates()
        plan: list[_Rencana] = []
        refs_known = {ref for (jenis, kunci), ref in _REF.items() if (jenis, kunci) in recorded}

        def add(
            tahap_: str,
            jenis: str,
            path: str,
            build: _Build,
            *,
            kunci: str = "",
            given: date | None = None,
            default: date | None = None,
            butuh: tuple[str, ...] = (),
            sop: tuple[str, int] | None = None,
        ) -> None:
            rec = recorded.get((jenis, kunci))
            if rec is not None and given is not None and rec.tanggal != given:
                raise SuratError(
                    f"{path}.tanggal: {jenis} ini sudah tercatat bertanggal "
                    f"{rec.tanggal:%d-%m-%Y} dan dicetak ulang dengan tanggal itu; "
                    "tanggal dokumen yang sudah bernomor atau tercatat tidak diubah",
                    [
                        (
                            f"{path}.tanggal",
                            "berbeda dengan tanggal yang tercatat",
                            "tanggal_tercatat",
                        )
                    ],
                )
            for ref in butuh:
                if ref not in refs_known and unregistered:
                    raise _unregistered()
                if ref not in refs_known:
                    raise SuratError(
                        f"{path}: {_REF_NAMA[ref]} kasus ini belum tercatat di buku agenda; "
                        f"cetak tahap {_REF_TAHAP[ref]} lebih dahulu (atau bersama: "
                        f"--tahap {_REF_TAHAP[ref]},{tahap_})",
                        [(path, "dokumen yang dirujuk belum tercatat", "dokumen_belum_ada")],
                    )
            tanggal = rec.tanggal if rec is not None else (given or default or today())
            cited = _REF.get((jenis, kunci))
            if cited is not None:
                refs_known.add(cited)
            plan.append(
                _Rencana(
                    tahap=tahap_,
                    jenis=jenis,
                    kunci=kunci,
                    path=path,
                    tanggal=tanggal,
                    build=build,
                    ref=cited,
                    sop=sop,
                    recorded=rec,
                )
            )

        for t in chosen:
            if t == "penerimaan":
                add(t, "permohonan", "permohonan", self._build_permohonan, default=diterima,
                    sop=("34", 1))  # fmt: skip
                if self.penerimaan is not None and not dasar:
                    add(t, "tanda_terima", "penerimaan", self._build_tanda_terima,
                        default=diterima, sop=("34", 2))  # fmt: skip
                    if self.penerimaan.pernyataan is not None:
                        add(t, "pernyataan", "penerimaan.pernyataan", self._build_pernyataan,
                            given=self.penerimaan.pernyataan.tanggal, default=diterima,
                            sop=("34", 2))  # fmt: skip
            elif t == "konseling":
                add(t, "konseling", "konseling", self._build_konseling, default=tgl_konseling,
                    sop=("34", 3))  # fmt: skip
                nd = self.nota_dinas
                if nd is not None and not dasar:
                    add(t, "nota_dinas", "nota_dinas.laporan", self._build_nota("laporan"),
                        kunci="laporan", given=nd.laporan.tanggal, default=tgl_konseling,
                        sop=("34", 4))  # fmt: skip
                    if nd.keputusan is not None:
                        add(t, "nota_dinas", "nota_dinas.keputusan", self._build_nota("keputusan"),
                            kunci="keputusan", given=nd.keputusan.tanggal,
                            default=plan[-1].tanggal, butuh=("nota_dinas",),
                            sop=("34", 5))  # fmt: skip
            elif t == "persetujuan":
                add(t, "persetujuan", "persetujuan", self._build_dasar("persetujuan"),
                    default=tgl_persetujuan, sop=("32", 6))  # fmt: skip
            elif t == "penugasan":
                add(t, "tugas", "tugas", self._build_dasar("tugas"), default=tgl_tugas,
                    butuh=("persetujuan",))  # fmt: skip
            elif t == "rujukan":
                for i, r in enumerate(self.rujukan):
                    add(t, "rujukan", f"rujukan.{i}", self._build_rujukan(i),
                        kunci=r.kunci or str(i + 1), given=r.tanggal,
                        butuh=("tugas",) if r.dengan_tugas else (), sop=("34", 6))  # fmt: skip
            elif t == "laporan":
                for i, lap in enumerate(self.laporan):
                    if lap.tugas_ke is not None and lap.tugas_ke > len(self.tugas.tugas):
                        raise SuratError(
                            f"laporan.{i}.tugas_ke: surat tugas kasus ini memuat "
                            f"{len(self.tugas.tugas)} tugas"
                        )
                    task = self.tugas.tugas[lap.tugas_ke - 1] if lap.tugas_ke else None
                    pelaksanaan = lap.pelaksanaan.tanggal or (task.tanggal if task else None)
                    add(t, "laporan_pendampingan", f"laporan.{i}", self._build_laporan(i),
                        kunci=lap.kunci or str(i + 1), given=lap.tanggal, default=pelaksanaan,
                        butuh=("tugas",), sop=_langkah_laporan(lap.sop))  # fmt: skip
            elif t == "mediasi" and self.mediasi is not None:
                for i, u in enumerate(self.mediasi.undangan):
                    add(t, "undangan", f"mediasi.undangan.{i}", self._build_undangan(i),
                        kunci=u.kunci or str(i + 1), given=u.tanggal, sop=("32", 9))  # fmt: skip
                for i, b in enumerate(self.mediasi.berita_acara):
                    add(t, "berita_acara", f"mediasi.berita_acara.{i}", self._build_berita_acara(i),
                        kunci=b.kunci or str(i + 1), given=b.tanggal, sop=("32", 9))  # fmt: skip
            elif t == "penutupan" and self.penutupan is not None:
                add(t, "penutupan", "penutupan", self._build_penutupan,
                    given=self.penutupan.tanggal)  # fmt: skip
        if not plan:
            raise SuratError(
                f"tahap: berkas kasus tidak memuat dokumen tahap {', '.join(chosen)} "
                "(bagiannya belum diisi)",
                [("tahap", "tidak ada dokumen untuk dicetak", "dokumen_belum_ada")],
            )
        if unregistered:
            raise _unregistered()
        return plan

    def _recorded(self, register: Register | None) -> dict[tuple[str, str], Dokumen]:
        """The documents the register records for the case, by (jenis, kunci)."""
        nomor = self.nomor_registrasi
        if register is None or not nomor or not register.knows_case(nomor):
            return {}
        return {(d.jenis, d.kunci): d for d in register.documents(nomor)}

    # the letters' data, from the one case: (nomor_registrasi, nomor_agenda, refs)

    def _build_permohonan(self, nr: str, agenda: str, refs: _Refs, tanggal: date) -> dict[str, Any]:
        return {**self.letter_data(nr, agenda, "-")["permohonan"], "tanggal": tanggal}

    def _build_konseling(self, nr: str, agenda: str, refs: _Refs, tanggal: date) -> dict[str, Any]:
        return {**self.letter_data(nr, agenda, "-")["konseling"], "tanggal": tanggal}

    def _build_dasar(self, kind: str) -> _Build:
        def build(nr: str, agenda: str, refs: _Refs, tanggal: date) -> dict[str, Any]:
            persetujuan = refs.get("persetujuan")
            data = self.letter_data(nr, agenda, persetujuan[0] if persetujuan else "-")[kind]
            data["tanggal"] = tanggal
            if kind == "tugas" and persetujuan is not None:
                data["persetujuan"] = {"nomor": persetujuan[0], "tanggal": persetujuan[1]}
            return data

        return build

    def _build_tanda_terima(
        self, nr: str, agenda: str, refs: _Refs, tanggal: date
    ) -> dict[str, Any]:
        pen = self.penerimaan
        assert pen is not None  # planned only with its section
        return {
            "tanggal": tanggal,
            "jam": pen.jam,
            "pelapor": {"nama": self.pelapor.nama},
            "korban": self._korban_kasus(nr),
            "nomor_agenda": agenda,
            "berkas": {**self.lampiran.model_dump(), "lainnya": list(pen.berkas_lainnya)},
            "catatan": pen.catatan,
            "penerima": pen.penerima.model_dump(),
        }

    def _build_pernyataan(self, nr: str, agenda: str, refs: _Refs, tanggal: date) -> dict[str, Any]:
        assert self.penerimaan is not None and self.penerimaan.pernyataan is not None
        pn, p = self.penerimaan.pernyataan, self.pelapor
        return {
            "tanggal": tanggal,
            "tempat": pn.tempat,
            "yang_menyatakan": p.model_dump(include=set(_YANG_MENYATAKAN)),
            "korban": {
                "nama": self.korban.nama,
                "nomor_registrasi": nr,
                "tanggal_lahir": self.korban.tanggal_lahir,
                "umur": self.korban.umur,
            },
            "layanan": list(self.layanan),
            "penerima_data": list(pn.penerima_data),
            "data": list(pn.data),
            "meterai": pn.meterai,
            "saksi": pn.saksi,
        }

    def _build_nota(self, which: Literal["laporan", "keputusan"]) -> _Build:
        def build(nr: str, agenda: str, refs: _Refs, tanggal: date) -> dict[str, Any]:
            assert self.nota_dinas is not None
            nd = getattr(self.nota_dinas, which)
            assert nd is not None
            _, tgl_konseling, _, _ = self._dates()
            if which == "laporan":
                dari, kepada = nd.dari or "kasi_pha", nd.kepada or "kabid"
                hal = nd.hal or f"Laporan Hasil Konseling Kasus {nr}"
                rujukan: dict[str, Any] = {
                    "jenis": "Laporan Hasil Konseling Kasus",
                    "tanggal": tgl_konseling,
                }
            else:
                dari, kepada = nd.dari or "kabid", nd.kepada or "kasi_pha"
                hal = nd.hal or f"Keputusan Pendampingan Kasus {nr}"
                nomor_nd, tanggal_nd = refs.get("nota_dinas", ("-", tgl_konseling))
                rujukan = {"jenis": "Nota Dinas", "nomor": nomor_nd, "tanggal": tanggal_nd}
            return {
                "tanggal": tanggal,
                "kepada": kepada,
                "dari": dari,
                "tembusan": list(nd.tembusan),
                "sifat": "Rahasia",
                "lampiran": nd.lampiran,
                "hal": hal,
                "korban": self._korban_kasus(nr),
                "rujukan": rujukan,
                "isi": list(nd.isi),
                "layanan": list(nd.layanan),
                "penandatangan": _dump(nd.penandatangan),
            }

        return build

    def _build_rujukan(self, i: int) -> _Build:
        def build(nr: str, agenda: str, refs: _Refs, tanggal: date) -> dict[str, Any]:
            r = self.rujukan[i]
            tugas = refs.get("tugas") if r.dengan_tugas else None
            narahubung = None
            if r.narahubung is not None:
                jabatan = r.narahubung.jabatan
                if jabatan is None:
                    (companion,) = self._companions([r.narahubung.nama])
                    jabatan = companion["jabatan"]
                narahubung = {**r.narahubung.model_dump(), "jabatan": jabatan}
            return {
                "tanggal": tanggal,
                "kepada": r.kepada,
                "di": r.di,
                "korban": self._korban_kasus(nr),
                "keperluan": list(r.keperluan),
                "keterangan": r.keterangan,
                "jadwal": r.jadwal,
                "jam": r.jam,
                "tugas": {"nomor": tugas[0], "tanggal": tugas[1]} if tugas else None,
                "pendamping": self._companions(r.pendamping) if r.dengan_tugas else [],
                "narahubung": narahubung,
                "tembusan": list(r.tembusan),
                "penandatangan": _dump(r.penandatangan),
            }

        return build

    def _build_laporan(self, i: int) -> _Build:
        def build(nr: str, agenda: str, refs: _Refs, tanggal: date) -> dict[str, Any]:
            lap = self.laporan[i]
            task = self.tugas.tugas[lap.tugas_ke - 1] if lap.tugas_ke else None
            p = lap.pelaksanaan
            tugas = refs.get("tugas", ("-", self._dates()[3]))
            return {
                "tanggal": tanggal,
                "tugas": {"nomor": tugas[0], "tanggal": tugas[1]},
                "korban": self._korban_kasus(nr),
                "pendamping": self._companions(lap.pendamping),
                "pelaksanaan": {
                    "tanggal": p.tanggal or (task.tanggal if task else None),
                    "jam_mulai": p.jam_mulai,
                    "jam_selesai": p.jam_selesai,
                    "tempat": p.tempat or (task.tempat if task else None),
                },
                "kegiatan": lap.kegiatan,
                "hasil": lap.hasil,
                "hambatan": lap.hambatan,
                "tindak_lanjut": list(lap.tindak_lanjut),
                "sop": lap.sop,
                "penandatangan": _dump(lap.penandatangan),
            }

        return build

    def _build_undangan(self, i: int) -> _Build:
        def build(nr: str, agenda: str, refs: _Refs, tanggal: date) -> dict[str, Any]:
            assert self.mediasi is not None
            u = self.mediasi.undangan[i]
            return {
                **u.model_dump(exclude={"kunci", "penandatangan"}),
                "tanggal": tanggal,
                "korban": self._korban_kasus(nr),
                "penandatangan": _dump(u.penandatangan),
            }

        return build

    def _build_berita_acara(self, i: int) -> _Build:
        def build(nr: str, agenda: str, refs: _Refs, tanggal: date) -> dict[str, Any]:
            assert self.mediasi is not None
            b = self.mediasi.berita_acara[i]
            pertama = b.pihak_pertama
            saksi = [
                s.model_dump()
                if not isinstance(s, str)
                else {"nama": c["nama"], "peran": c["jabatan"]}
                for s, c in ((s, self._companion(s)) for s in b.saksi)
            ]
            return {
                **b.model_dump(exclude={"kunci", "pihak_pertama", "saksi"}),
                "saksi": saksi,
                "tanggal": tanggal,
                "korban": self._korban_kasus(nr),
                "pihak_pertama": pertama.model_dump()
                if pertama is not None
                else {"nama": self.pelapor.nama, "peran": f"{self.pelapor.hubungan} korban"},
            }

        return build

    def _build_penutupan(self, nr: str, agenda: str, refs: _Refs, tanggal: date) -> dict[str, Any]:
        t = self.penutupan
        assert t is not None
        pengelola = self._companions([t.pengelola] if t.pengelola else None)[0]
        return {
            **t.model_dump(exclude={"pengelola", "tanggal"}),
            "tanggal": tanggal,
            "korban": self._korban_kasus(nr),
            "tanggal_registrasi": refs["registrasi"][1],
            "pengelola": pengelola,
        }

    # -- checks, before any number is taken --------------------------------------

    def _case_date(self, register: Register | None) -> date:
        """The day the case is registered: the register's, else the day received."""
        nomor = self.nomor_registrasi
        if register is not None and nomor:
            for e in register.cases(tahun=None):
                if e.nomor == nomor:
                    return e.tanggal
        return self.tanggal or today()

    def _agenda(self, recorded: dict[tuple[str, str], Dokumen]) -> str | None:
        """The request's incoming agenda number: the case file's, else the one recorded."""
        rec = recorded.get(("permohonan", ""))
        if self.nomor_agenda and rec is not None and rec.nomor and rec.nomor != self.nomor_agenda:
            raise SuratError(
                f"nomor_agenda: berbeda dengan nomor agenda permohonan yang tercatat untuk kasus "
                f"ini ({rec.nomor})",
                [("nomor_agenda", "berbeda dengan yang tercatat", "nomor_tercatat")],
            )
        return self.nomor_agenda or (rec.nomor if rec is not None else None)

    def _refs(
        self,
        register: Register | None,
        nomor_registrasi: str,
        recorded: dict[tuple[str, str], Dokumen],
    ) -> _Refs:
        """The numbers and dates the documents cite, as recorded so far."""
        refs: _Refs = {"registrasi": (nomor_registrasi, self._case_date(register))}
        for key, ref in _REF.items():
            rec = recorded.get(key)
            if rec is not None:
                refs[ref] = (rec.nomor or "-", rec.tanggal)
        return refs

    def _validate(self, r: _Rencana, data: dict[str, Any]) -> DataSurat:
        """The document's model; its problems name the case file's section (rujukan.1...)."""
        from .errors import Problem

        try:
            return validate(r.jenis, data)
        except SuratError as exc:
            if r.path in _DASAR:  # the four first letters: their own messages
                raise
            errors = []
            for e in exc.errors:
                path, message = e.path, e.message
                if not path:  # a check of the whole letter names its field in the message
                    named = _FIELD.fullmatch(message)
                    if named:
                        path, message = named[1], named[2]
                errors.append(Problem(f"{r.path}.{path}" if path else r.path, message, e.type))
            lines = "\n  ".join(f"{e.path}: {e.message}" for e in errors)
            raise SuratError(
                f"kasus: {r.path} ({r.jenis}): {len(errors)} masalah\n  {lines}", errors
            ) from None

    def _checked(
        self, plan: list[_Rencana], register: Register | None = None
    ) -> list[tuple[_Rencana, DataSurat]]:
        from .letters import kind as spec
        from .letters.privasi import check_register, check_words
        from .privacy import protected_words

        placeholder = "000/CEK/I/2000"
        nomor = self.nomor_registrasi or placeholder
        recorded = self._recorded(register)
        agenda = self._agenda(recorded) or placeholder
        refs = self._refs(register, nomor, recorded)
        for r in plan:
            if r.ref is not None and r.ref not in refs:
                refs[r.ref] = (placeholder, r.tanggal)
        kata = protected_words(self.identitas())
        models = []
        for r in plan:
            model = self._validate(r, r.build(nomor, agenda, refs, r.tanggal))
            if r.jenis == "tanda_terima":  # it names the reporter, who takes it home
                self._check_receipt(model, kata, register)
            else:
                check_words(spec(r.jenis), model, kata)  # the case's own words, always
                if register is not None:  # and those the register keeps for the case
                    check_register(spec(r.jenis), model, register)
            models.append((r, model))
        return models

    def _check_receipt(
        self, model: DataSurat, kata: frozenset[str], register: Register | None
    ) -> None:
        """The receipt prints the reporter's name on purpose; no other field may hold a
        protected word of the case (the victim's name, an address)."""
        from .letters.privasi import free_text
        from .privacy import words

        texts = {p: t for p, t in free_text(model).items() if p != "pelapor.nama"}
        hits = [p for p, t in texts.items() if not kata.isdisjoint(words(t))]
        nomor = self.nomor_registrasi
        if register is not None and nomor and register.knows_case(nomor):
            hits += register.find_protected(nomor, texts)
        if hits:
            why = "memuat kata yang dilindungi (nama atau alamat) dari kasus ini"
            raise SuratError(
                f"penerimaan (tanda_terima): {', '.join(dict.fromkeys(hits))}: {why}",
                [(f"penerimaan.{p}", why) for p in dict.fromkeys(hits)],
            )

    def printed_signers(self, office: Office) -> dict[str, str]:
        """The signer's name each letter of the case will print, by kind (the
        reporter's request: ''): known before any number is taken."""
        return {kind: nama for kind, (nama, _) in self._signers(office).items()}

    def _signers(
        self, office: Office, plan: list[_Rencana] | None = None
    ) -> dict[str, tuple[str, str]]:
        """The signer's name and NIP each letter of the case will print, by kind."""
        from .letters import printed_signer

        plan = plan if plan is not None else self._plan(None, None)
        return {
            r.path: printed_signer(r.jenis, m, office, r.tanggal) for r, m in self._checked(plan)
        }

    def _check(
        self, office: Office, register: Register | None = None, plan: list[_Rencana] | None = None
    ) -> list[tuple[_Rencana, DataSurat]]:
        """What would stop the letters once numbered, checked before any number is
        taken: their data (and their free text against the case's protected
        words), the case and request the case file names (in *register*'s books),
        the psychologist consultation an unstable client needs first, the
        signers' roles (the profile's), and every copy recipient against its
        stamp; with *register*, the stages' own rules (a closed case takes no
        new document; a closure dated after every document of the case)."""
        from .letters import printed_signer

        plan = plan if plan is not None else self._plan(None, register)
        models = self._checked(plan, register)
        for r, model in models:
            check_copies(r.jenis, office, model, f"{r.path}: ")
            if r.path != r.jenis:
                printed_signer(r.jenis, model, office, r.tanggal)
        if register is not None:
            self._check_references(register)
            self._check_stages(register, plan)
        self._check_konsultasi(register)
        _, tgl_konseling, tgl_persetujuan, tgl_tugas = self._dates()
        signer_context("konseling", office, tgl_konseling, self.konseling.penandatangan)
        signer_context("persetujuan", office, tgl_persetujuan, self.persetujuan.penandatangan)
        signer_context("tugas", office, tgl_tugas, self.tugas.penandatangan)
        return models

    def _check_stages(self, register: Register, plan: list[_Rencana]) -> None:
        """A closed case takes no new document until it is reopened; the closure is
        dated on or after every document of the case; a document the case file
        needs but the register does not hold yet is named."""
        nomor = self.nomor_registrasi
        new = [r for r in plan if r.recorded is None]
        known = bool(nomor) and register.knows_case(nomor or "")
        if known and new and nomor:
            rows = [c for c in register.closures() if c.nomor_registrasi == nomor]
            if rows and rows[-1].tindakan == "tutup":
                names = ", ".join(dict.fromkeys(r.path for r in new))
                raise SuratError(
                    f"nomor_registrasi: kasus {nomor} sudah ditutup pada "
                    f"{rows[-1].tanggal:%d-%m-%Y}; dokumen baru ({names}) dibuat setelah kasus "
                    f"dibuka kembali (surat penutupan {nomor} --buka ALASAN). Dokumen yang "
                    "sudah tercatat tetap dapat dicetak ulang.",
                    [("nomor_registrasi", "kasus sudah ditutup", "kasus_ditutup")],
                )
        if (
            not any(r.jenis == "permohonan" for r in plan)
            and self._agenda(self._recorded(register)) is None
        ):
            for r in plan:
                if r.jenis in ("persetujuan", "tanda_terima"):
                    raise SuratError(
                        f"{r.path}: nomor agenda permohonan kasus ini belum diketahui: isi "
                        "nomor_agenda, atau cetak tahap penerimaan lebih dahulu",
                        [(r.path, "permohonan belum tercatat", "dokumen_belum_ada")],
                    )
        tutup = next((r for r in plan if r.jenis == "penutupan" and r.recorded is None), None)
        if tutup is not None:
            dates = [r.tanggal for r in plan if r is not tutup]
            if known and nomor:  # its documents, and any letter of the case in the agenda
                dates += [d.tanggal for d in register.documents(nomor)]
                dates += [
                    e.tanggal
                    for e in register.entries(tahun=None, nomor_registrasi=nomor)
                    if e.status == "aktif"
                ]
            if dates and tutup.tanggal < max(dates):
                raise SuratError(
                    f"penutupan.tanggal: kasus ditutup pada atau setelah dokumen terakhirnya "
                    f"({max(dates):%d-%m-%Y})",
                    [("penutupan.tanggal", "sebelum dokumen terakhir kasus", "tanggal_penutupan")],
                )

    def _check_dates(
        self, register: Register, office: Office, plan: list[_Rencana] | None = None
    ) -> None:
        """The dates the register would refuse to number (a new numbered letter's:
        too far ahead, or a backdate the office refuses), before any number."""
        plan = plan if plan is not None else self._plan(None, register)
        planned: list[tuple[_Rencana, dict[str, Any]]] = []
        for r, model in self._checked(plan):
            if r.recorded is None and _numbered(r.jenis):
                planned.append((r, self._agenda_fields(r, model, office, "000/CEK/I/2000")))
        found = register.check_issue([fields for _, fields in planned])
        if found:
            raise SuratError(
                "kasus: tidak ada yang diberi nomor atau dicetak\n  "
                + "\n  ".join(f"{planned[i][0].path}.{message}" for i, message in found)
            )

    @staticmethod
    def _agenda_fields(
        r: _Rencana, model: DataSurat, office: Office, nomor_registrasi: str
    ) -> dict[str, Any]:
        """The outgoing agenda's entry of a new numbered document (never a name)."""
        if r.jenis == "persetujuan":
            return {
                "klasifikasi": office.klasifikasi("persetujuan"),
                "tanggal": r.tanggal,
                "perihal": "Persetujuan Pendampingan",
                # the reporter, by the case's number: never a name in the agenda
                "tujuan": f"Pelapor kasus {nomor_registrasi}",
                "nomor_registrasi": nomor_registrasi,
                **agenda_kop("persetujuan", office),
            }
        if r.jenis == "tugas":
            return {
                "klasifikasi": office.klasifikasi("tugas"),
                "tanggal": r.tanggal,
                "perihal": "Surat Tugas Pendampingan",
                "tujuan": ", ".join(p.nama for p in getattr(model, "pendamping", ())),
                "nomor_registrasi": nomor_registrasi,
                **agenda_kop("tugas", office),
            }
        return {**model.agenda(office), "tanggal": r.tanggal}

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

    # -- numbering and printing ------------------------------------------------

    def letters(
        self,
        register: Register,
        office: Office | None = None,
        *,
        tahap: str | Iterable[str] | None = None,
    ) -> list[Document]:
        """Take the case's numbers and render its letters, in SOP order.

        *tahap* selects the stages (:data:`surat.tahap.TAHAP`: one, several, a
        comma-separated text, or ``'semua'``); None: the four first letters
        (permohonan, konseling, persetujuan, tugas). A document the register
        already records for the case (printed before) is rendered again with its
        recorded number and date; only new documents take numbers, and they are
        recorded as the case's documents in the transaction that confirms them.

        All-or-nothing: the numbers are pending (:meth:`surat.Register.pending`)
        until every letter is rendered; when a step fails, every number this
        call took is voided with the reason and a :class:`surat.batch.BatchError`
        lists them.
        """
        office = office or register.office
        plan = self._plan(tahap, register)
        self._check(office, register, plan)
        self._check_dates(register, office, plan)
        state: dict[str, str] = {}
        with Pending(register, what="kasus", alasan="kasus gagal") as pending:
            docs = self._render(pending, office, plan, state)
            self._still_new(register, plan, state["nomor_registrasi"])
            pending.finish()
        self._after(register, plan, state["nomor_registrasi"])
        return docs

    def _render(
        self,
        pending: Pending,
        office: Office,
        plan: list[_Rencana] | None = None,
        state: dict[str, str] | None = None,
    ) -> list[Document]:
        """Take the numbers the case has not got yet, then render its documents and
        record the new ones (pending, with the numbers)."""
        from .letters import kind as spec
        from .templating.letter import render

        plan = plan if plan is not None else self._plan(None, pending.register)
        diterima = self.tanggal or today()
        register = pending.register
        if self.nomor_registrasi:
            nomor_registrasi = self.nomor_registrasi
            if register is not None and register.knows_case(nomor_registrasi):
                # a case registered before: the register keeps its words from now on
                register.protect(nomor_registrasi, self.identitas())
        else:
            nomor_registrasi = pending.register_case(
                perihal="Penanganan kasus kekerasan: " + ", ".join(self.jenis_kekerasan),
                tanggal=diterima,
                kategori=self.kategori(),
                identitas=self.identitas(),
            ).nomor
        if state is not None:
            state["nomor_registrasi"] = nomor_registrasi
        self._record_konsultasi(pending, nomor_registrasi)
        recorded = self._recorded(register) if self.nomor_registrasi else {}
        nomor_agenda = self._agenda(recorded)
        if nomor_agenda is None and any(r.jenis == "permohonan" for r in plan):
            nomor_agenda = pending.receive(
                dari=f"Pelapor kasus {nomor_registrasi}",
                nomor_surat="",
                tanggal_surat=diterima,
                perihal="Permohonan Pendampingan Kasus",
                tanggal_terima=diterima,
                nomor_registrasi=nomor_registrasi,
            ).nomor
        agenda = nomor_agenda or "-"
        if state is not None and nomor_agenda is not None:
            state["nomor_agenda"] = nomor_agenda
        refs = self._refs(register, nomor_registrasi, recorded)
        for r in plan:  # the numbers, in SOP order: each cites the earlier ones
            if r.recorded is None and spec(r.jenis).numbered:
                model = self._validate(r, r.build(nomor_registrasi, agenda, refs, r.tanggal))
                r.taken = pending.issue(**self._agenda_fields(r, model, office, nomor_registrasi))
                if r.ref is not None:
                    refs[r.ref] = (r.taken.nomor, r.tanggal)
        docs = []
        for r in plan:
            data = r.build(nomor_registrasi, agenda, refs, r.tanggal)
            nomor = r.nomor(agenda)
            numbered = spec(r.jenis).numbered
            docs.append(render(r.jenis, data, office=office, nomor=nomor if numbered else None))
            if r.recorded is None:
                sop, langkah = r.sop if r.sop is not None else (None, None)
                pending.record_document(
                    nomor_registrasi,
                    jenis=r.jenis,
                    tanggal=r.tanggal,
                    nomor=nomor,
                    buku="masuk" if r.jenis == "permohonan" else ("keluar" if numbered else None),
                    tahap=r.tahap,
                    sop=sop,
                    langkah=langkah,
                    kunci=r.kunci,
                )
        return docs

    @staticmethod
    def _still_new(register: Register, plan: list[_Rencana], nomor_registrasi: str) -> None:
        """No other print recorded the new documents meanwhile (two clerks printing the
        same case at once): the later one stops, and its numbers are voided."""
        for r in plan:
            try:
                found = r.recorded is None and register.document(nomor_registrasi, r.jenis, r.kunci)
            except SuratError:  # the case was voided meanwhile: confirming says so
                return
            if found:
                raise SuratError(
                    f"{r.path}: {r.jenis} ini baru saja dicatat oleh cetakan lain kasus yang "
                    "sama; cetak lagi untuk mencetak ulang dengan nomornya",
                    [(r.path, "dicatat oleh cetakan lain", "nomor_tercatat")],
                )

    def _after(self, register: Register, plan: list[_Rencana], nomor_registrasi: str) -> None:
        """Once the documents are confirmed: each companion's report records its SOP
        step, and the closure report closes the case; each once (a reprint finds
        them, and completes what a run stopped after its documents left undone)."""
        from .letters.laporan_pendampingan import LaporanPendampingan

        refs = self._refs(
            register, nomor_registrasi, self._recorded_for(register, nomor_registrasi)
        )
        steps = None
        for r in plan:
            if r.jenis == "laporan_pendampingan":
                model = validate(r.jenis, r.build(nomor_registrasi, "-", refs, r.tanggal))
                assert isinstance(model, LaporanPendampingan)
                step = model.langkah()
                if steps is None:
                    steps = register.steps(nomor_registrasi)
                if not any(
                    (s.sop, s.langkah, s.mulai, s.selesai)
                    == (step["sop"], step["langkah"], step["mulai"], step["selesai"])
                    for s in steps
                ):
                    register.record_step(**step)
            elif r.jenis == "penutupan" and self.penutupan is not None:
                closed = [c for c in register.closures() if c.nomor_registrasi == nomor_registrasi]
                # a closure report recorded but not closed (the run stopped in between)
                # closes now; one the register closed on its day, then reopened, stays open
                if not any(c.tindakan == "tutup" and c.tanggal == r.tanggal for c in closed):
                    register.close_case(
                        nomor_registrasi, alasan=self.penutupan.alasan, tanggal=r.tanggal
                    )

    @staticmethod
    def _recorded_for(register: Register, nomor_registrasi: str) -> dict[tuple[str, str], Dokumen]:
        return {(d.jenis, d.kunci): d for d in register.documents(nomor_registrasi)}

    @staticmethod
    def _listed(plan: list[_Rencana], agenda: str | None) -> tuple[DokumenKasus, ...]:
        return tuple(
            DokumenKasus(
                jenis=r.jenis,
                tahap=r.tahap,
                kunci=r.kunci,
                tanggal=r.tanggal,
                nomor=r.nomor(agenda or "-"),
                baru=r.recorded is None,
            )
            for r in plan
        )

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
        tahap: str | Iterable[str] | None = None,
    ) -> HasilKasus:
        """The case's letters as two PDFs (each atomic, 0600): *output* holds the
        letters that leave the office (the approval, assignment, referral and
        invitation letters with their tembusan copies, and the reporter's
        receipt), *internal* the papers that stay in the case file (the request
        with NIK and addresses, the consent, the counseling report, the memos,
        the companions' reports, the minutes, the closure report).

        *tahap* selects the stages, as for :meth:`letters` (None: the four first
        letters). A document the register records for the case already is
        printed again with its recorded number and date; only new documents
        take numbers (:attr:`HasilKasus.dokumen` lists which). A new closure
        report closes the case in the register once both files are written;
        each companion's report records its SOP step.

        *output* may be a binary stream (``io.BytesIO``, an HTTP response, stdout)
        that gets the whole outgoing pack in one ``write``, then the internal file
        is written; *internal* is then required.
        *internal* defaults to *output* with ``-internal`` added to its name. It is
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
        plan = self._plan(tahap, register)
        if stream is not None and not any(spec(r.jenis).privasi == "keluar" for r in plan):
            raise SuratError(
                "-o -: tahap ini tidak memuat surat keluar untuk ditulis ke stdout; berikan "
                "berkas -o OUT.pdf"
            )
        reprinted: list[str] = []  # the holder's letters printed before: not signed again
        if tte is not None:  # the outgoing letters' printed signers, before any number
            from .tte.pack import Tertanda, check
            from .tte.sign import holds

            dated = {r.path: r for r in plan}
            outgoing = {
                p: named
                for p, named in self._signers(office, plan).items()
                if spec(dated[p].jenis).privasi == "keluar"
            }
            signers = []
            for p, (nama, nip) in outgoing.items():
                done = dated[p].recorded
                if done is None or not done.nomor:  # numbered now: signed now
                    signers.append(
                        Tertanda(dated[p].jenis, nama, nip=nip, tanggal=dated[p].tanggal)
                    )
                elif holds(tte, office, done.jenis, nama or None, nip or None):
                    reprinted.append(f"{p}: {done.nomor}")
            if reprinted and not any(
                holds(tte, office, t.kind, t.nama or None, t.nip or None) for t in signers
            ):
                raise SuratError(
                    "tte: surat pemegang sertifikat di tahap ini sudah bernomor sebelumnya ("
                    + "; ".join(reprinted)
                    + "); surat yang sudah bernomor ditandatangani satu per satu dengan paraf "
                    "elektroniknya (surat buat JENIS DATA --nomor NOMOR --db BUKU --tte "
                    "SERTIFIKAT), atau cetak ulang tanpa --tte"
                )
            check(tte, office, signers, arsip=arsip, encrypt=encrypt)
        self._check(office, register, plan)
        self._check_dates(register, office, plan)
        state: dict[str, str] = {}

        def write(
            documents: Iterable[Document], conv: Converter | None, pending: Pending
        ) -> HasilKasus:
            docs = list(documents)
            taken = frozenset(pending.numbers)  # every number is taken once docs are rendered
            inside = [d for d in docs if spec(d.kind).privasi != "keluar"]
            outside = [d for d in docs if spec(d.kind).privasi == "keluar"]
            buffer = io.BytesIO()  # the internal papers, written once the outgoing pack is
            kept = (
                write_pack(inside, buffer, duplex=duplex, encrypt=sandi_internal, converter=conv)
                if inside
                else None  # a stage of outgoing letters only: no internal file
            )

            def both_written() -> None:  # the outgoing pack is complete (or delivered)
                if kept is not None:
                    write_private(papers, buffer.getvalue(), on_written=confirmed)
                else:
                    confirmed()

            def confirmed() -> None:  # both files complete, not yet named
                self._still_new(register, plan, state["nomor_registrasi"])
                pending.finish()

            if not outside:  # a stage of internal papers only: no outgoing file
                sent = PackResult(path=None, letters=0, copies=0, pages=0, seconds=0.0)
                both_written()
            else:
                sent = write_pack(
                    outside,
                    stream if stream is not None else target,
                    duplex=duplex,
                    encrypt=encrypt,
                    converter=conv,
                    on_written=both_written,
                    tte=tte,
                    arsip=arsip,
                    on_signed=pending.record_tte,
                    # a letter numbered before keeps its parafs: signed on its own
                    should_sign=lambda d: not d.nomor or d.nomor in taken,
                )
                sent = dataclasses.replace(sent, peringatan=(*sent.peringatan, *(
                    f"{r} dicetak ulang tanpa tanda tangan elektronik: sudah bernomor "
                    "sebelumnya (surat buat --nomor N --tte menandatanganinya)"
                    for r in reprinted
                )))  # fmt: skip
            return HasilKasus(
                **{f.name: getattr(sent, f.name) for f in dataclasses.fields(sent)},
                internal=dataclasses.replace(kept, path=papers) if kept is not None else None,
                terenkripsi=sandi_internal is not None,
            )

        result: HasilKasus = print_numbered(
            lambda pending: self._render(pending, office, plan, state),
            stream if stream is not None else target,
            register=register,
            alasan="kasus gagal",
            converter=converter,
            write=write,
        )
        # both files written, the numbers and documents confirmed: the steps, the closure
        self._after(register, plan, state["nomor_registrasi"])
        return dataclasses.replace(
            result,
            nomor_registrasi=state.get("nomor_registrasi"),
            dokumen=self._listed(plan, state.get("nomor_agenda")),
        )


def _unregistered() -> SuratError:
    return SuratError(
        "nomor_registrasi: berkas kasus ini belum memuat nomor registrasinya; tahap "
        "sesudah penerimaan dicetak untuk kasus yang sudah terdaftar: isi nomor_registrasi "
        "dengan nomor dari cetakan tahap penerimaan",
        [("nomor_registrasi", "kasus belum terdaftar", "kasus_belum_terdaftar")],
    )


@dataclasses.dataclass
class _Rencana:
    """One document a print of the case makes: its stage, kind, key, date, data."""

    tahap: str
    jenis: str
    kunci: str
    path: str
    """Where its data is in the case file (``rujukan.1``)."""
    tanggal: date
    build: _Build
    ref: str | None = None
    """The name other documents cite its number by."""
    sop: tuple[str, int] | None = None
    recorded: Dokumen | None = None
    """The register's record of it: a reprint."""
    taken: Nomor | None = None
    """The number taken for it now."""

    def nomor(self, agenda: str) -> str | None:
        """Its number: taken now, recorded, or (the request) the incoming agenda's."""
        if self.taken is not None:
            return self.taken.nomor
        if self.recorded is not None and self.recorded.nomor:
            return self.recorded.nomor
        if self.jenis == "permohonan":
            return agenda or None
        return None


_Refs = dict[str, tuple[str, date]]
_FIELD = re.compile(r"([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*): (.+)", re.S)
_DASAR = frozenset({"permohonan", "konseling", "persetujuan", "tugas"})
"""The four first letters, whose problems keep their own messages (no section)."""
_YANG_MENYATAKAN = ("nama", "nik", "tempat_lahir", "tanggal_lahir", "alamat", "telepon", "hubungan")
"""The reporter's fields the consent statement prints of the one who consents."""
_Build = Callable[[str, str, _Refs, date], dict[str, Any]]

_REF: dict[tuple[str, str], str] = {
    ("persetujuan", ""): "persetujuan",
    ("tugas", ""): "tugas",
    ("nota_dinas", "laporan"): "nota_dinas",
}
"""The documents others cite by number: (jenis, kunci) -> the name cited by."""
_REF_NAMA = {
    "persetujuan": "surat persetujuan",
    "tugas": "surat tugas",
    "nota_dinas": "nota dinas laporan hasil konseling",
}
_REF_TAHAP = {"persetujuan": "persetujuan", "tugas": "penugasan", "nota_dinas": "konseling"}


def _langkah_laporan(sop: str) -> tuple[str, int]:
    from .letters.laporan_pendampingan import LANGKAH

    return sop, LANGKAH[sop][0]


def _numbered(jenis: str) -> bool:
    from .letters import kind

    return kind(jenis).numbered


@dataclasses.dataclass(frozen=True)
class DokumenKasus:
    """One document a print of the case made: new (numbered and recorded now) or
    printed again with the number and date the register records for it."""

    jenis: str
    tahap: str
    kunci: str
    tanggal: date
    nomor: str | None
    baru: bool

    def __str__(self) -> str:
        nomor = self.nomor or "(tanpa nomor)"
        status = "baru" if self.baru else "cetak ulang"
        return f"{self.tahap:<11} {self.jenis:<20} {nomor:<28} {self.tanggal:%d-%m-%Y}  {status}"


@dataclasses.dataclass(frozen=True)
class HasilKasus(PackResult):
    """What :meth:`Kasus.print_pack` wrote: the outgoing pack (the fields of
    :class:`surat.PackResult`), and the internal papers."""

    internal: PackResult | None = None
    """The internal papers' file (the request, the counseling report...); None when
    the stages printed have none (``path`` is None too when they have no outgoing
    letter: that file is not written)."""
    terenkripsi: bool = True
    """Whether the internal papers are encrypted."""
    nomor_registrasi: str | None = None
    """The case's registration number (given, or taken by this print)."""
    dokumen: tuple[DokumenKasus, ...] = ()
    """Every document printed, in SOP order: new, or printed again as recorded."""

    def __str__(self) -> str:
        keluar = PackResult.__str__(self) if self.letters else "(tidak ada surat keluar)"
        lines = [f"Keluar   : {keluar}"]
        if self.internal is not None:
            kunci = "terenkripsi" if self.terenkripsi else "TIDAK terenkripsi"
            lines.append(f"Internal : {self.internal} [{kunci}]")
        if self.dokumen:
            lines.append(f"Kasus {self.nomor_registrasi}:")
            lines += [f"  {d}" for d in self.dokumen]
        return "\n".join(lines)
