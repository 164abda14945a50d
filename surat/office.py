"""The office profile: letterhead, officials, numbering and copy rules.

Nothing in surat assumes one office. Everything an office prints about itself
(the kop surat), who signs and who initials each letter, how numbers look and
who receives copies is data, read from a TOML file. ``Office.default()`` is
the Batam DP3A-PP-KB as its SOPs print it, shipped as ``surat/kantor.toml``.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .errors import SuratError, validate_model
from .files import MAX_TEMPLATE_BYTES, parse_text, read_regular, read_text
from .identitas import check_nip, check_required_nip
from .tte.profil import TteProfil
from .vocab import Jenis

__all__ = ["KANTOR", "PIMPINAN", "Batas", "Kop", "Office", "Pejabat", "Penjabat", "Penomoran"]

_CODE = re.compile(r"[^\s/]+")
_KOP_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,59}")

KANTOR = "kantor"
"""``induk = "kantor"``: a unit's letterhead belongs to the office's own (its kop prints
the office's lines above the unit's name)."""
PIMPINAN = "kepala_dinas"
"""The head of the office's own letterhead when the profile names none (``pimpinan``)."""

Text = Annotated[str, Field(min_length=1, max_length=300)]


class BagianProfil(BaseModel):
    """The base of every part of an office profile: fixed once read, no unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Pejabat(BagianProfil):
    """An official who signs or initials letters."""

    jabatan: Text
    nama: str = ""
    """Empty: the letter prints a dotted line for the name to be written by hand."""
    nip: str | None = None
    """18 digits; None for a regional head or contract staff."""
    pangkat: str | None = None
    """Pangkat/golongan, e.g. 'Pembina Tingkat I (IV/b)'."""
    singkatan: str | None = None
    """Short title for the paraf table, e.g. 'Kasi PHA'."""

    @field_validator("nip")
    @classmethod
    def _nip(cls, v: str | None) -> str | None:
        return check_nip(v)

    def __repr__(self) -> str:  # officials' names are public, but keep repr short
        return f"Pejabat(jabatan={self.jabatan!r})"


class Penjabat(BagianProfil):
    """A standing appointment: who acts for a role, how, and for which period.

    BKN circular 1/SE/I/2021: a Plt. (pelaksana tugas) acts while the post is
    vacant, a Plh. (pelaksana harian) while its holder is away; both are
    appointed in writing for a period, and sign with their OWN name, pangkat
    and NIP (FORMS.md, "Who signs").
    """

    status: Literal["Plt.", "Plh."]
    nama: Text
    nip: str
    """18 digits: an acting official is a civil servant."""
    pangkat: Text
    mulai: date
    sampai: date

    @field_validator("nip")
    @classmethod
    def _nip(cls, v: str) -> str:
        return check_required_nip(v)

    @model_validator(mode="after")
    def _period(self) -> Penjabat:
        if self.sampai < self.mulai:
            raise ValueError("sampai: masa jabatan berakhir sebelum dimulai (mulai)")
        return self

    def covers(self, day: date) -> bool:
        return self.mulai <= day <= self.sampai

    def __repr__(self) -> str:
        return f"Penjabat(status={self.status!r}, mulai={self.mulai}, sampai={self.sampai})"


class Kop(BagianProfil):
    """Another letterhead of the office, e.g. its UPTD PPA: the keys of the office's own kop.

    ``pimpinan`` is its head (a key of ``[pejabat]``): a letter under it is
    signed by them, a.n./u.b. for them, or their Plt./Plh. ``induk`` makes it
    a unit's letterhead: ``"kantor"`` (the office's own) or the name of another
    ``[kop.*]``, whose lines (``pemerintah``, then its ``nama``) it prints
    above its own name; a unit has no ``pemerintah`` of its own. ``kode``
    replaces the office code inside the numbers of the letters printed under
    it; without it they keep the office's code.
    """

    pemerintah: Text | None = None
    """First kop line; a unit (``induk``) prints its induk's instead."""
    nama: Text
    alamat: Text
    telepon: str = ""
    email: str = ""
    laman: str = ""
    logo: Path | None = None
    kode: str | None = None
    pimpinan: str | None = None
    """The head: the role key (of ``[pejabat]``) who signs the letters under this letterhead."""
    induk: str | None = None
    """A unit's letterhead: ``"kantor"`` or another ``[kop.*]`` it belongs to."""

    @field_validator("kode")
    @classmethod
    def _kode(cls, v: str | None) -> str | None:
        if v is not None and not _CODE.fullmatch(v):
            raise ValueError("kode tanpa '/' dan tanpa spasi diharapkan")
        return v


class Penomoran(BagianProfil):
    """How register numbers look and count."""

    pola: Text = "{urut:03d}/{kode}/{klasifikasi}/{bulan_romawi}/{tahun}"
    """Outgoing letter number. Fields: urut, kode, klasifikasi, bulan, bulan_romawi, tahun."""
    lingkup: Literal["tahun", "klasifikasi"] = "tahun"
    """One counter per year ('tahun', one agenda book) or per year and klasifikasi."""
    sisipan: Literal["sisipan", "urut", "tolak"] = "sisipan"
    """Backdated letters: an inserted number '002.a', the plain next number, or refusal."""
    maks_hari_ke_depan: int = Field(7, ge=0, le=366)
    """An outgoing letter dated more than this many days after today (WIB) is
    numbered only with an ``alasan``: its date would make every letter of the
    days before it a backdated one."""
    pola_masuk: Text = "{urut:03d}/SM/{tahun}"
    """Incoming agenda number (surat masuk)."""
    pola_kasus: Text = "{urut:03d}/REG-PPA/{bulan_romawi}/{tahun}"
    """Case registration number (Buku Register Penanganan Kasus)."""
    klasifikasi: dict[str, str] = Field(
        default_factory=lambda: {"persetujuan": "PPA", "tugas": "PPA"}
    )
    """Classification code per letter kind."""

    @field_validator("klasifikasi")
    @classmethod
    def _codes(cls, v: dict[str, str]) -> dict[str, str]:
        for kind, code in v.items():
            if code and not _CODE.fullmatch(code):
                raise ValueError(f"{kind}: kode tanpa '/' dan tanpa spasi diharapkan")
        return v


class Batas(BagianProfil):
    """Limits on filling in an office's own template (``[batas]`` in the profile).

    A template is a small program: one that loops or grows without end is
    stopped at these limits with an error naming it. The built-in letter
    kinds are not subject to them (their templates are surat's own).
    """

    waktu_render: float = Field(10.0, gt=0, le=600)
    """Seconds one letter may take to fill in."""
    memori_render_mb: int = Field(256, ge=32, le=16384)
    """Megabytes of memory one letter may take, beyond what surat itself uses."""


class Office(BagianProfil):
    """An office profile. Build it from TOML with :meth:`from_toml`.

    >>> office = Office.default()
    >>> office.kode, office.kota
    ('DP3A-PP-KB', 'Batam')
    >>> office.pejabat["kepala_dinas"].nama
    'UMIYATI, SE'
    """

    pemerintah: Text
    """First kop line, e.g. 'PEMERINTAH KOTA BATAM'."""
    nama: Text
    """The office's full name as the kop prints it."""
    singkatan: Text
    """Short name used in running text, e.g. 'DP3A-PP-KB Kota Batam'."""
    kode: Text
    """Office code inside letter numbers, e.g. 'DP3A-PP-KB'."""
    alamat: Text
    telepon: str = ""
    email: str = ""
    laman: str = ""
    kota: Text
    """Place printed before the date: 'Batam, 22 November 2026'."""
    logo: Path | None = None
    """PNG emblem for the kop; None uses the neutral placeholder shipped with surat."""
    kertas: Literal["A4", "F4"] = "A4"
    pejabat: dict[str, Pejabat]
    """Officials by role key: kepala_dinas, ketua_p2tp2a, kabid, kasi_pha, ..."""
    pimpinan: str = PIMPINAN
    """The head of the office's own letterhead (a role key): a letter under it is signed
    by them, a.n./u.b. for them, or their Plt./Plh."""
    penandatangan: dict[str, str] = Field(default_factory=dict)
    """Letter kind -> role key of who signs it."""
    atas_nama: dict[str, str] = Field(default_factory=dict)
    """Letter kind -> role key on whose behalf ('a.n.') the signer signs."""
    paraf: dict[str, list[str]] = Field(default_factory=dict)
    """Letter kind -> role keys that initial it, in rank order (at most three)."""
    tembusan: dict[str, list[str]] = Field(default_factory=dict)
    """Letter kind -> default copy recipients (tembusan)."""
    plt: dict[str, list[Penjabat]] = Field(default_factory=dict)
    """Role key -> standing appointments (Plt./Plh.) by period: ``[plt.kepala_dinas]``."""
    kop: dict[str, Kop] = Field(default_factory=dict)
    """Further letterheads by name: ``[kop.uptd]``."""
    kop_surat: dict[str, str] = Field(default_factory=dict)
    """Letter kind -> the letterhead (a name of ``[kop.*]``) it is printed on."""
    nomor_halaman: Literal["bawah", "atas"] = "bawah"
    """Page numbers from page 2 on: bottom centre ('bawah') or top centre ('atas')."""
    margin_bawah: float | None = Field(default=None, ge=1.5, le=4.0)
    """Bottom margin in cm where a local rule asks (e.g. 2.5); unset: the template's own (2.0)."""
    meterai: list[Jenis] = Field(default_factory=list)
    """Letter kinds signed by hand over a Meterai Rp10.000 (UU 10/2020), e.g.
    ``["pernyataan"]``: a box for it where the signature goes."""
    templat: dict[Jenis, Path] = Field(default_factory=dict)
    """Letter kind -> the office's edited copy of its built-in template (``[templat]``;
    relative to the profile file). The kind keeps its data model, checks and context."""
    penomoran: Penomoran = Field(default_factory=Penomoran)
    tte: TteProfil = Field(default_factory=TteProfil)
    """Electronically signed letters: footer wording, QR address, reason, time-stamping."""
    batas: Batas = Field(default_factory=Batas)

    @field_validator("kode")
    @classmethod
    def _kode(cls, v: str) -> str:
        if not _CODE.fullmatch(v):
            raise ValueError("kode kantor tanpa '/' dan tanpa spasi diharapkan")
        return v

    @field_validator("kop")
    @classmethod
    def _kop_names(cls, v: dict[str, Kop]) -> dict[str, Kop]:
        # typed after --kop and in [kop_surat]; '*' is every letterhead's book (surat agenda)
        for name in v:
            if not _KOP_NAME.fullmatch(name):
                raise ValueError(
                    "nama kop surat dari huruf, angka, '_' dan '-' diharapkan "
                    "([kop.uptd], [kop.p2tp2a])"
                )
        return v

    @field_validator("paraf")
    @classmethod
    def _paraf(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for kind, roles in v.items():
            if len(roles) > 3:
                raise ValueError(
                    f"{kind}: paling banyak tiga pejabat memaraf surat "
                    f"(Permendagri 54/2009, paraf hierarki), terisi {len(roles)}"
                )
            if len(set(roles)) != len(roles):
                raise ValueError(f"{kind}: seorang pejabat tercantum dua kali")
        return v

    @field_validator("plt", mode="before")
    @classmethod
    def _plt_lists(cls, v: Any) -> Any:
        # [plt.kepala_dinas] is one period; [[plt.kepala_dinas]] several
        if isinstance(v, dict):
            return {k: [p] if isinstance(p, dict) else p for k, p in v.items()}
        return v

    @model_validator(mode="after")
    def _plt_kop(self) -> Office:
        for role, periods in self.plt.items():
            if role not in self.pejabat:
                raise ValueError(f"plt.{role}: pejabat '{role}' tidak dikenal (lihat [pejabat])")
            spans = sorted(periods, key=lambda p: p.mulai)
            for a, b in itertools.pairwise(spans):
                if b.mulai <= a.sampai:
                    raise ValueError(
                        f"plt.{role}: dua penunjukan bertumpang tindih ({a.mulai} - {a.sampai} "
                        f"dan {b.mulai} - {b.sampai})"
                    )
        for kind, name in self.kop_surat.items():
            if name not in self.kop:
                known = ", ".join(sorted(self.kop)) or "none declared"
                raise ValueError(
                    f"kop_surat.{kind}: kop '{name}' tidak dikenal "
                    f"(nyatakan sebagai [kop.{name}]; yang dikenal: {known})"
                )
        return self

    @model_validator(mode="after")
    def _heads(self) -> Office:
        """Every letterhead names a head of [pejabat]; a unit's induk exists, without a circle."""
        if "pimpinan" in self.model_fields_set and self.pimpinan not in self.pejabat:
            raise ValueError(f"pimpinan: pejabat '{self.pimpinan}' tidak dikenal (lihat [pejabat])")
        for name, k in self.kop.items():
            if k.pimpinan is None:
                raise ValueError(
                    f"kop.{name}.pimpinan: pimpinan kop belum diisi: kunci [pejabat] "
                    'pejabat yang menandatangani suratnya (mis. pimpinan = "kepala_uptd")'
                )
            if k.pimpinan not in self.pejabat:
                raise ValueError(
                    f"kop.{name}.pimpinan: pejabat '{k.pimpinan}' tidak dikenal (lihat [pejabat])"
                )
            if k.induk is None:
                if k.pemerintah is None:
                    raise ValueError(
                        f"kop.{name}.pemerintah: isian wajib belum diisi (baris pertama kop, "
                        "mis. PEMERINTAH KOTA BATAM), kecuali kop itu milik sebuah unit: "
                        'induk = "kantor"'
                    )
                continue
            if k.pemerintah is not None:
                raise ValueError(
                    f"kop.{name}.pemerintah: kop sebuah unit mencetak baris kop induknya "
                    "di atas namanya: kosongkan pemerintah"
                )
            if k.induk == KANTOR and KANTOR in self.kop:
                raise ValueError(
                    f"kop.{name}.induk: 'kantor' berarti kop kantor sendiri, padahal "
                    "[kop.kantor] juga dinyatakan: ganti nama yang itu"
                )
            if k.induk != KANTOR and k.induk not in self.kop:
                known = ", ".join(sorted(self.kop))
                raise ValueError(
                    f"kop.{name}.induk: kop '{k.induk}' tidak dikenal ('kantor' untuk kop "
                    f"kantor sendiri, atau salah satu dari: {known})"
                )
            seen = {name}
            up: str | None = k.induk
            while up is not None and up != KANTOR:
                if up in seen:
                    raise ValueError(f"kop.{name}.induk: induk kop-kop itu berputar melingkar")
                seen.add(up)
                up = self.kop[up].induk
        return self

    @model_validator(mode="after")
    def _roles_exist(self) -> Office:
        roles = set(self.pejabat)
        tables = {"penandatangan": self.penandatangan, "atas_nama": self.atas_nama}
        tables.update(
            {
                f"paraf.{kind}": {str(i): r for i, r in enumerate(rs)}
                for kind, rs in self.paraf.items()
            }
        )
        for name, table in tables.items():
            for key, role in table.items():
                if role not in roles:
                    where = name if name.startswith("paraf") else f"{name}.{key}"
                    raise ValueError(f"{where}: pejabat '{role}' tidak dikenal (lihat [pejabat])")
        return self

    def __repr__(self) -> str:
        return f"Office(kode={self.kode!r}, kota={self.kota!r})"

    # -- loading -----------------------------------------------------------

    @classmethod
    def default(cls) -> Office:
        """The Batam DP3A-PP-KB, from the profile shipped with surat."""
        data = resources.files("surat").joinpath("kantor.toml").read_text(encoding="utf-8")
        return cls.from_toml_string(data, source="surat/kantor.toml")

    @classmethod
    def from_toml(cls, path: str | Path) -> Office:
        """Read a profile; an unknown or mistyped key is an error naming it and the file."""
        p = Path(path)
        office = cls.from_toml_string(read_text(p, "profil kantor"), source=str(p))
        if office.logo is not None:
            logo = office.logo if office.logo.is_absolute() else (p.parent / office.logo).resolve()
            _check_logo(logo, source=str(p))
            office = office.model_copy(update={"logo": logo})
        kops = {}
        for name, k in office.kop.items():
            if k.logo is not None:
                logo = k.logo if k.logo.is_absolute() else (p.parent / k.logo).resolve()
                _check_logo(logo, source=f"{p}: kop.{name}")
                k = k.model_copy(update={"logo": logo})
            kops[name] = k
        if kops:
            office = office.model_copy(update={"kop": kops})
        if office.templat:
            office = office.model_copy(update={"templat": _templates(office.templat, p)})
        if office.tte.ca:
            office = office.model_copy(update={"tte": office.tte.relative_to(p.parent.resolve())})
        return office

    @classmethod
    def from_toml_string(cls, text: str, source: str = "<toml>") -> Office:
        data = parse_text(text, ".toml", source)
        return validate_model(cls, data, source)

    # -- use ---------------------------------------------------------------

    def official(self, role: str) -> Pejabat:
        """The official for a role key, or a clear error."""
        try:
            return self.pejabat[role]
        except KeyError:
            raise SuratError(f"pejabat: tidak ada pejabat '{role}' di profil kantor") from None

    def signer(self, kind: str) -> Pejabat:
        """Who signs letters of this kind."""
        return self.official(self.penandatangan.get(kind, "kepala_dinas"))

    def klasifikasi(self, kind: str) -> str:
        return self.penomoran.klasifikasi.get(kind, "")

    def kop_for(self, kind: str) -> Kop | None:
        """The further letterhead letters of *kind* are printed on; None: the office's own."""
        name = self.kop_surat.get(kind)
        return self.kop[name] if name is not None else None

    def pimpinan_for(self, kind: str) -> tuple[str, str]:
        """The head of the letterhead *kind* is printed on (a role key), and the profile
        field that names them.

        >>> Office.default().pimpinan_for("tugas")
        ('kepala_dinas', 'pimpinan')
        >>> Office.default().pimpinan_for("persetujuan")
        ('ketua_p2tp2a', 'kop.p2tp2a.pimpinan')
        """
        name = self.kop_surat.get(kind)
        if name is None:
            return self.pimpinan, "pimpinan"
        head = self.kop[name].pimpinan
        if head is None:  # pragma: no cover - refused when the profile loads
            raise SuratError(f"kop.{name}.pimpinan: pimpinan kop belum diisi")
        return head, f"kop.{name}.pimpinan"

    def kop_induk(self, kop: Kop) -> list[Kop | Office]:
        """The letterheads a unit's letterhead belongs to, the nearest first (``induk``);
        [] for one that is not a unit's."""
        out: list[Kop | Office] = []
        up = kop.induk
        while up is not None:
            if up == KANTOR:
                out.append(self)
                break
            parent = self.kop[up]
            out.append(parent)
            up = parent.induk
        return out

    def kode_for(self, kind: str) -> str:
        """The code inside the numbers of *kind*: its letterhead's ``kode``, else the office's.

        >>> Office.default().kode_for("persetujuan")
        'DP3A-PP-KB'
        """
        k = self.kop_for(kind)
        return k.kode if k is not None and k.kode else self.kode

    def acting(self, role: str, day: date) -> Penjabat | None:
        """The standing appointment (Plt./Plh.) for *role* on *day*, if any."""
        for p in self.plt.get(role, ()):
            if p.covers(day):
                return p
        return None


def _templates(table: dict[Jenis, Path], profile: Path) -> dict[Jenis, Path]:
    """``[templat]`` paths made absolute (relative to the profile) and checked to exist,
    so that a missing template stops work before any number is taken."""
    out: dict[Jenis, Path] = {}
    for kind, path in table.items():
        full = path if path.is_absolute() else (profile.parent / path).resolve()
        if full.suffix.lower() != ".docx":
            raise SuratError(f"{profile}: templat.{kind}: berkas .docx diharapkan")
        if not full.exists():
            raise SuratError(f"{profile}: templat.{kind}: {full} tidak ditemukan")
        read_regular(full, f"templat.{kind}", MAX_TEMPLATE_BYTES)  # no FIFO, no device
        out[kind] = full
    return out


MAX_LOGO_BYTES = 8 * 2**20
"""An emblem larger than this is refused (a kop's emblem is tens of kB)."""


def _check_logo(logo: Path, source: str) -> None:
    """The emblem must be an image Word can hold: checked when the profile loads,
    so a bad file stops work before any number is taken."""
    from docx.image.exceptions import UnrecognizedImageError
    from docx.image.image import Image

    if not logo.exists():
        raise SuratError(
            f"{source}: logo: {logo} tidak ditemukan (berkas PNG atau JPEG diharapkan)"
        )
    try:
        # a regular file of a sensible size: '/dev/zero' or a FIFO is refused, not read
        Image.from_blob(read_regular(logo, "logo", MAX_LOGO_BYTES))
    except SuratError as exc:
        raise SuratError(f"{source}: logo: {exc}") from None
    except (UnrecognizedImageError, OSError, ValueError):
        raise SuratError(f"{source}: logo: {logo} bukan gambar PNG atau JPEG") from None
