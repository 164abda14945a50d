"""The monthly report for the head of office: counts, never a name.

:func:`laporan_bulanan` counts one month of the register (Asia/Jakarta):

- the cases registered, by the Simfoni-PPA categories the case book keeps
  (type of violence, the victim's sex and age group, place, the
  perpetrator's relation, services);
- the letters issued and voided in the outgoing and incoming agenda books;
- for each SOP step run that month: how many times, the median time against
  its mutu baku, how many ran over it and how many were returned;
- the steps run that month without their paper (*Langkah tanpa dokumen*): for
  each step whose SOP names the letter kinds that evidence it
  (:attr:`surat.Langkah.dokumen`), how many of the cases it ran for have no
  document of those kinds (:meth:`surat.Register.documents`; one whose number
  is void does not count).

:class:`Laporan` holds only those counts. ``to_xlsx`` writes one sheet per
table; ``document()``/``to_pdf`` fill a Word template like the letters'
(kop, tables) with a chart drawn by matplotlib for paper in black and white:
grey fills and hatching, values printed on the bars, nothing told by colour
alone. matplotlib is the optional extra ``surat[laporan]`` and is imported
only when a chart is drawn.
"""

from __future__ import annotations

import os
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..dates import WIB, format_tanggal, lama, today
from ..errors import SuratError
from ..simfoni import (
    HUBUNGAN_PELAKU,
    JENIS_KEKERASAN,
    JENIS_KELAMIN,
    KELOMPOK_UMUR,
    LAYANAN,
    TEMPAT_KEJADIAN,
)

if TYPE_CHECKING:
    from ..document import Document
    from ..numbering import Register
    from ..office import Office

__all__ = ["JUDUL", "Laporan", "RingkasanLangkah", "bulan", "laporan_bulanan"]

JUDUL = "Laporan Bulanan Penanganan Kasus"
_BULAN = re.compile(r"^(\d{4})-(\d{2})$")


def bulan(text: str | date) -> tuple[date, date]:
    """The first and last day of a month given as ``'YYYY-MM'`` (or any date in it).

    >>> bulan("2026-11")
    (datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))
    >>> bulan("2026-13")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: bulan: bulan YYYY-MM diharapkan (mis. 2026-11)
    """
    if isinstance(text, date):
        first = text.replace(day=1)
    else:
        m = _BULAN.match(text.strip()) if isinstance(text, str) else None
        if m is None or not 1 <= int(m.group(2)) <= 12 or not 2000 <= int(m.group(1)) <= 2999:
            raise SuratError("bulan: bulan YYYY-MM diharapkan (mis. 2026-11)")
        first = date(int(m.group(1)), int(m.group(2)), 1)
    nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class RingkasanLangkah:
    """One SOP step over the month: how often, how long (median), how often late."""

    sop: str
    langkah: int
    kegiatan: str
    mutu_baku: timedelta
    jumlah: int
    """Times the step was recorded this month (a returned step and its redo count twice)."""
    median: timedelta | None
    """Median time taken; None when the step was not recorded."""
    terlambat: int
    dikembalikan: int
    kasus: int = 0
    """Cases the step ran for this month (a psychologist's consultation, recorded under
    SOP 32 step 9, is not the step's own work: not counted)."""
    dokumen: tuple[str, ...] = ()
    """The letter kinds that evidence the step (:attr:`surat.Langkah.dokumen`)."""
    tanpa_dokumen: int = 0
    """Of :attr:`kasus`, those that have no document of a kind of :attr:`dokumen`."""


@dataclass(frozen=True)
class Laporan:
    """One month's counts. Nothing in it can name a person."""

    awal: date
    akhir: date
    kasus: int
    """Cases registered this month (active)."""
    kasus_batal: int
    tanpa_kategori: int
    """Cases registered without Simfoni-PPA categories (counted in ``kasus`` only)."""
    jenis_kekerasan: dict[str, int]
    """A case of several types counts once under each."""
    jenis_kelamin_umur: dict[str, dict[str, int]]
    """Age group -> sex -> cases."""
    tempat_kejadian: dict[str, int]
    hubungan_pelaku: dict[str, int]
    layanan: dict[str, int]
    surat_keluar: int
    surat_keluar_batal: int
    surat_masuk: int
    surat_masuk_batal: int
    langkah: list[RingkasanLangkah] = field(default_factory=list)
    dibuat: date | None = None
    kasus_berjalan: int = 0
    """Cases open at the month's end: registered by then, not void, not closed by then
    (a case reopened is open again)."""
    kasus_ditutup: int = 0
    """Cases closed this month (:meth:`surat.Register.close_case`), each once."""
    lama_penanganan: timedelta | None = None
    """The median time from registration to closing of the cases closed this month."""

    @property
    def tanpa_dokumen(self) -> list[RingkasanLangkah]:
        """The steps run this month of which a case lacks its paper (*Langkah tanpa dokumen*)."""
        return [s for s in self.langkah if s.tanpa_dokumen]

    @property
    def periode(self) -> str:
        """The month in words, e.g. 'November 2026'."""
        return format_tanggal(self.awal, "MMMM yyyy")

    def tables(self) -> dict[str, tuple[list[str], list[list[Any]]]]:
        """Every table of the report: title -> (header, rows). XLSX and PDF print these."""
        umur_rows: list[list[Any]] = []
        for g in KELOMPOK_UMUR:
            by_sex = [self.jenis_kelamin_umur[g][s] for s in JENIS_KELAMIN]
            umur_rows.append([g, *by_sex, sum(by_sex)])
        totals = [sum(int(r[i]) for r in umur_rows) for i in range(1, len(JENIS_KELAMIN) + 2)]
        return {
            "Ringkasan": (
                ["Uraian", "Jumlah"],
                [
                    ["Kasus terdaftar", self.kasus],
                    ["Kasus batal (salah daftar)", self.kasus_batal],
                    ["Kasus ditutup", self.kasus_ditutup],
                    ["Kasus berjalan pada akhir bulan", self.kasus_berjalan],
                    [
                        "Median lama kasus ditutup (hari)",
                        "-" if self.lama_penanganan is None else self.lama_penanganan.days,
                    ],
                    ["Kasus tanpa kategori Simfoni-PPA", self.tanpa_kategori],
                    ["Surat keluar terbit", self.surat_keluar],
                    ["Surat keluar batal", self.surat_keluar_batal],
                    ["Surat masuk dicatat", self.surat_masuk],
                    ["Surat masuk batal", self.surat_masuk_batal],
                ],
            ),
            "Jenis kekerasan": (["Jenis kekerasan", "Kasus"], _rows(self.jenis_kekerasan)),
            "Jenis kelamin dan umur": (
                ["Kelompok umur", *JENIS_KELAMIN, "Jumlah"],
                [*umur_rows, ["Jumlah", *totals]],
            ),
            "Tempat kejadian": (["Tempat kejadian", "Kasus"], _rows(self.tempat_kejadian)),
            "Hubungan pelaku": (["Hubungan pelaku", "Kasus"], _rows(self.hubungan_pelaku)),
            "Layanan": (["Layanan", "Kasus"], _rows(self.layanan)),
            "Langkah SOP": (
                [
                    "SOP",
                    "Langkah",
                    "Kegiatan",
                    "Mutu baku (menit)",
                    "Dicatat",
                    "Median (menit)",
                    "Terlambat",
                    "Dikembalikan",
                ],
                [
                    [
                        s.sop,
                        s.langkah,
                        s.kegiatan,
                        _menit(s.mutu_baku),
                        s.jumlah,
                        None if s.median is None else _menit(s.median),
                        s.terlambat,
                        s.dikembalikan,
                    ]
                    for s in self.langkah
                ],
            ),
            "Langkah tanpa dokumen": (
                ["SOP", "Langkah", "Kegiatan", "Dokumen bukti", "Kasus", "Tanpa dokumen"],
                [
                    [s.sop, s.langkah, s.kegiatan, _jenis(s.dokumen), s.kasus, s.tanpa_dokumen]
                    for s in self.tanpa_dokumen
                ],
            ),
        }

    # -- outputs -------------------------------------------------------------

    def to_xlsx(self, path: str | os.PathLike[str]) -> Path:
        """One sheet per table, atomically, owner-only (0600)."""
        from ..files import atomic_path

        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            raise SuratError(f"{target}: nama berkas .xlsx diharapkan")
        try:
            import openpyxl
            from openpyxl.styles import Font
        except ImportError:
            raise SuratError(f"{target}: menulis .xlsx memerlukan tambahan surat[xlsx]") from None
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for title, (header, rows) in self.tables().items():
            ws = wb.create_sheet(title)
            ws.append([f"{JUDUL} — {self.periode}"])
            ws["A1"].font = Font(bold=True)
            ws.append(header)
            for cell in ws[2]:
                cell.font = Font(bold=True)
            for row in rows:
                ws.append(row)
            for cells in ws.iter_rows(min_row=3):
                for cell in cells:  # text is text: never a formula
                    if isinstance(cell.value, str):
                        cell.data_type = "s"
            ws.column_dimensions["A"].width = (
                max(16, *(len(str(r[0])) + 2 for r in rows)) if rows else 16
            )
            if title in ("Langkah SOP", "Langkah tanpa dokumen"):
                ws.column_dimensions["C"].width = 60
        wb.properties.creator = "surat"
        with atomic_path(target) as tmp:
            wb.save(tmp)
        return target

    def grafik(self, dpi: int = 200) -> bytes:
        """The report's chart as PNG bytes (needs the extra surat[laporan])."""
        from .grafik import chart

        return chart(self, dpi=dpi)

    def document(self, office: Office | None = None) -> Document:
        """The report as a Word document in the office's style, with its chart."""
        from ..letters import kop_context
        from ..letters.penandatangan import pengesahan
        from ..office import Office as _Office
        from ..templating.book import render_book

        office = office or _Office.default()
        tables = self.tables()
        day = self.dibuat or today()
        ctx = {
            "kop": kop_context(office),
            "surat": {"tanggal": day, "tanggal_teks": f"{office.kota}, {format_tanggal(day)}"},
            "periode": self.periode,
            "ringkasan": [{"uraian": r[0], "jumlah": r[1]} for r in tables["Ringkasan"][1]],
            "jenis_kekerasan": _items(self.jenis_kekerasan),
            "tempat_kejadian": _items(self.tempat_kejadian),
            "hubungan_pelaku": _items(self.hubungan_pelaku),
            "umur": [
                {"kelompok": r[0], "laki": r[1], "perempuan": r[2], "jumlah": r[3]}
                for r in tables["Jenis kelamin dan umur"][1]
            ],
            "langkah": [
                {
                    "sop": s.sop,
                    "no": s.langkah,
                    "kegiatan": s.kegiatan,
                    "mutu_baku": lama(s.mutu_baku),
                    "jumlah": s.jumlah,
                    "median": "-" if s.median is None else lama(s.median),
                    "terlambat": s.terlambat,
                    "dikembalikan": s.dikembalikan,
                }
                for s in self.langkah
            ],
            "tanpa_dokumen": [
                {
                    "sop": s.sop,
                    "no": s.langkah,
                    "kegiatan": s.kegiatan,
                    "dokumen": _jenis(s.dokumen),
                    "kasus": s.kasus,
                    "tanpa": s.tanpa_dokumen,
                }
                for s in self.tanpa_dokumen
            ],
            "langkah_berbukti": sum(s.kasus for s in self.langkah if s.dokumen),
            # made by the staff, acknowledged ("Mengetahui") by the head
            **pengesahan("laporan", office, day),
        }
        return render_book(
            "laporan", ctx, office, judul=f"{JUDUL} {self.periode}", tanggal=day,
            grafik=self.grafik(),
        )  # fmt: skip

    def to_pdf(self, path: str | os.PathLike[str], office: Office | None = None) -> bytes:
        """The report as PDF, written atomically (0600)."""
        return self.document(office).to_pdf(path)

    def save(self, path: str | os.PathLike[str], office: Office | None = None) -> Path:
        """Write ``.pdf`` or ``.xlsx`` by the file's name."""
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix == ".xlsx":
            return self.to_xlsx(target)
        if suffix == ".pdf":
            self.to_pdf(target, office)
            return target
        raise SuratError(f"{target}: nama berkas .pdf atau .xlsx diharapkan")


def _rows(counts: dict[str, int]) -> list[list[Any]]:
    return [[k, v] for k, v in counts.items()] + [["Jumlah", sum(counts.values())]]


def _jenis(kinds: tuple[str, ...]) -> str:
    """The letter kinds as the report prints them: short, any one of them evidences.

    >>> _jenis(("laporan_pendampingan", "rujukan"))
    'laporan pendampingan, rujukan'
    """
    return ", ".join(k.replace("_", " ") for k in kinds)


def _items(counts: dict[str, int]) -> list[dict[str, Any]]:
    return [{"nama": k, "jumlah": v} for k, v in counts.items()]


def _menit(t: timedelta) -> float:
    m = t.total_seconds() / 60
    return int(m) if m == int(m) else round(m, 1)


def laporan_bulanan(
    register: Register, bulan_: str | date, *, dibuat: date | None = None
) -> Laporan:
    """Count one month (``'2026-11'``) of *register*: cases, letters and SOP steps.

    Cases and letters count by their date in the books; steps by the day they
    began (WIB). Only categories, counts and durations are read: no name,
    no ``catatan``.
    """
    from ..numbering.langkah import PSIKOLOG
    from ..prosedur import sop as load_sop

    awal, akhir = bulan(bulan_)

    def inside(d: date) -> bool:
        return awal <= d <= akhir

    years = sorted({awal.year, akhir.year})
    cases = [e for y in years for e in register.cases(tahun=y) if inside(e.tanggal)]
    active = [e for e in cases if e.status == "aktif"]
    jenis: Counter[str] = Counter()
    tempat: Counter[str] = Counter()
    hubungan: Counter[str] = Counter()
    layanan: Counter[str] = Counter()
    umur = {g: dict.fromkeys(JENIS_KELAMIN, 0) for g in KELOMPOK_UMUR}
    tanpa = 0
    for e in active:
        k = e.kategori
        if k is None:
            tanpa += 1
            continue
        jenis.update(set(k.jenis_kekerasan))
        tempat[k.tempat_kejadian] += 1
        hubungan[k.hubungan_pelaku] += 1
        layanan.update(set(k.layanan))
        umur[k.kelompok_umur][k.jenis_kelamin] += 1
    from ..numbering.register import SEMUA_KOP  # every letterhead's book

    keluar = [
        e for y in years for e in register.entries(tahun=y, kop=SEMUA_KOP) if inside(e.tanggal)
    ]
    masuk = [m for y in years for m in register.received(tahun=y) if inside(m.tanggal_terima)]

    # steps that began this month, of every active case (a case of last month may run on)
    runs: dict[tuple[str, int], list[Any]] = {}
    for e in register.cases(tahun=None):
        if e.status != "aktif" or e.tanggal > akhir:
            continue
        for s in register.steps(e.nomor):
            if inside(s.mulai.astimezone(WIB).date()):
                runs.setdefault((s.sop, s.langkah), []).append(s)
    berjalan, ditutup, lama_penanganan = _penutupan(register, awal, akhir)
    papers = _papers(register) if runs else {}
    ringkasan: list[RingkasanLangkah] = []
    for sop_id in sorted({k[0] for k in runs}, key=_sop_order):
        steps: list[tuple[int, str, timedelta, tuple[str, ...]]]
        try:
            steps = [(x.no, x.kegiatan, x.mutu_baku, x.dokumen) for x in load_sop(sop_id).langkah]
        except SuratError:  # an office's own SOP: the steps as recorded
            steps = sorted(
                {
                    (no, rs[0].kegiatan, rs[0].mutu_baku, ())
                    for (i, no), rs in runs.items()
                    if i == sop_id
                }
            )
        for no, kegiatan, mutu, bukti in steps:
            rs = runs.get((sop_id, no), [])
            # a psychologist's consultation (SOP 32 step 9) is not the step's own work
            ran_for = {r.nomor_registrasi for r in rs if r.oleh != PSIKOLOG}
            ringkasan.append(
                RingkasanLangkah(
                    sop=sop_id,
                    langkah=no,
                    kegiatan=kegiatan,
                    mutu_baku=rs[0].mutu_baku if rs else mutu,
                    jumlah=len(rs),
                    median=timedelta(
                        seconds=statistics.median(r.durasi.total_seconds() for r in rs)
                    )
                    if rs
                    else None,
                    terlambat=sum(1 for r in rs if r.terlambat),
                    dikembalikan=sum(1 for r in rs if r.hasil == "dikembalikan"),
                    kasus=len(ran_for),
                    dokumen=bukti,
                    tanpa_dokumen=sum(
                        1 for c in ran_for if bukti and not papers.get(c, set()) & set(bukti)
                    ),
                )
            )
    return Laporan(
        awal=awal,
        akhir=akhir,
        kasus=len(active),
        kasus_batal=len(cases) - len(active),
        tanpa_kategori=tanpa,
        jenis_kekerasan={j: jenis[j] for j in JENIS_KEKERASAN},
        jenis_kelamin_umur=umur,
        tempat_kejadian={t: tempat[t] for t in TEMPAT_KEJADIAN},
        hubungan_pelaku={h: hubungan[h] for h in HUBUNGAN_PELAKU},
        layanan={x: layanan[x] for x in LAYANAN},
        surat_keluar=sum(1 for e in keluar if e.status == "aktif"),
        surat_keluar_batal=sum(1 for e in keluar if e.status == "batal"),
        surat_masuk=sum(1 for m in masuk if m.status == "aktif"),
        surat_masuk_batal=sum(1 for m in masuk if m.status == "batal"),
        langkah=ringkasan,
        dibuat=dibuat,
        kasus_berjalan=berjalan,
        kasus_ditutup=ditutup,
        lama_penanganan=lama_penanganan,
    )


def _penutupan(register: Register, awal: date, akhir: date) -> tuple[int, int, timedelta | None]:
    """(cases open at *akhir*, cases closed from *awal* to *akhir*, the median time from
    registration to closing of those): each case's closings and reopenings read up to
    *akhir*, the last one deciding."""
    registered = {e.nomor: e.tanggal for e in register.cases(tahun=None) if e.status == "aktif"}
    last: dict[str, tuple[str, date]] = {}
    closed_in: dict[str, date] = {}
    for p in register.closures(tahun=None):
        if p.tanggal > akhir or p.nomor_registrasi not in registered:
            continue
        last[p.nomor_registrasi] = (p.tindakan, p.tanggal)
        if p.tindakan == "tutup" and p.tanggal >= awal:
            closed_in[p.nomor_registrasi] = p.tanggal
    berjalan = sum(
        1
        for nomor, day in registered.items()
        if day <= akhir and last.get(nomor, ("",))[0] != "tutup"
    )
    # a case closed this month and reopened before its end is not closed
    ditutup = {n: d for n, d in closed_in.items() if last[n][0] == "tutup"}
    days = [(d - registered[n]).days for n, d in ditutup.items()]
    median = timedelta(days=statistics.median(days)) if days else None
    return berjalan, len(ditutup), median


def _papers(register: Register) -> dict[str, set[str]]:
    """Each case's kinds of document (:meth:`surat.Register.documents`), leaving out a
    document whose number is void in its book: it evidences nothing."""
    from ..numbering.register import SEMUA_KOP  # every letterhead's book

    void = {("keluar", e.nomor) for e in register.entries(tahun=None, kop=SEMUA_KOP)
            if e.status == "batal"}  # fmt: skip
    void |= {("masuk", m.nomor) for m in register.received(tahun=None) if m.status == "batal"}
    kinds: dict[str, set[str]] = {}
    for d in register.documents():
        if d.nomor is None or (d.buku, d.nomor) not in void:
            kinds.setdefault(d.nomor_registrasi, set()).add(d.jenis)
    return kinds


def _sop_order(sop_id: str) -> tuple[int, str]:
    return (int(sop_id), "") if sop_id.isdigit() else (10**6, sop_id)
