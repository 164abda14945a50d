"""The SOPs as data: numbered steps, who performs each, and their time standard.

An SOP (standar operasional prosedur) is a flow: each step (``langkah``) has
its number, what is done (``kegiatan``), who does it (``pelaksana``, role ids
such as ``staf_penerima`` or ``kasi_pha``), what it needs (``kelengkapan``),
its time standard (``mutu_baku``) and what it yields (``output``). The two
SOPs the office works by ship as TOML files in ``surat/sop/``:

>>> import surat
>>> s = surat.sop("34")
>>> s.judul
'SOP Penanganan Korban Kekerasan Perempuan dan Anak'
>>> s.langkah[1].no, s.langkah[1].mutu_baku
(2, datetime.timedelta(seconds=3600))
>>> s.langkah[1].pelaksana
('staf_penerima',)
>>> s.step(4).kegiatan[:40]
'Meneliti, mengoreksi laporan kasus, jika'
>>> [x.menit for x in surat.sop("32").langkah]
[5, 10, 10, 15, 10, 10, 60, 30, 30]

An office that works by its own SOP writes a TOML file of the same shape and
passes its path: ``surat.sop("kantor/sop-40.toml")``. Its top level holds
``id`` (short, e.g. ``"40"``: the register records steps under it),
``nomor``, ``judul``, a ``[pelaksana]`` table (role id = name as printed) and
one ``[[langkah]]`` table per step with ``no`` (1, 2, 3 ... in order),
``kegiatan``, ``pelaksana`` (a list of role ids of the ``[pelaksana]``
table), ``kelengkapan``, ``mutu_baku`` (as the SOP prints it: ``"30 menit"``,
``"2 jam"``, ``"1 hari"``), ``output`` and, optionally, ``keterangan`` and
``dokumen``: the letter kinds (``surat.KINDS``: ``"permohonan"``,
``"konseling"``, ``"rujukan"``...) that evidence the step was done. A step
is evidenced for a case when the case has a document of one of them
(:meth:`surat.Register.documents`); the monthly report counts the steps run
without one (:func:`surat.laporan_bulanan`, *Langkah tanpa dokumen*).

>>> surat.sop("34").step(3).dokumen
('konseling',)
"""

from __future__ import annotations

import os
import re
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from .errors import SuratError, validate_model
from .files import read_data

__all__ = ["SOP", "SOP_DIR", "Langkah", "parse_mutu_baku", "sop"]

SOP_DIR = Path(__file__).parent / "sop"
"""Where the shipped SOPs live, one TOML file each (``34.toml``, ``32.toml``)."""

MAX_BYTES = 200_000
"""An SOP file is a few kilobytes; a larger one is refused before it is read."""

_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_.-]{0,31}$")
_ROLE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_WAKTU = re.compile(r"^\s*(\d{1,4})\s*(menit|jam|hari)\s*$", re.IGNORECASE)
_UNIT = {"menit": timedelta(minutes=1), "jam": timedelta(hours=1), "hari": timedelta(days=1)}

Teks = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]


def parse_mutu_baku(text: str) -> timedelta:
    """A time standard as an SOP prints it.

    >>> parse_mutu_baku("60 menit")
    datetime.timedelta(seconds=3600)
    >>> parse_mutu_baku("5 Menit")
    datetime.timedelta(seconds=300)
    >>> parse_mutu_baku("2 jam")
    datetime.timedelta(seconds=7200)
    >>> parse_mutu_baku("sebentar")
    Traceback (most recent call last):
    ...
    ValueError: waktu seperti '30 menit', '2 jam' atau '1 hari' diharapkan
    """
    m = _WAKTU.match(text)
    if m is None or int(m.group(1)) == 0:
        raise ValueError("waktu seperti '30 menit', '2 jam' atau '1 hari' diharapkan")
    return int(m.group(1)) * _UNIT[m.group(2).lower()]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


class Langkah(_Frozen):
    """One step of an SOP."""

    no: int = Field(ge=1, le=99)
    kegiatan: Teks = Field(min_length=1)
    pelaksana: tuple[str, ...] = Field(min_length=1, max_length=10)
    """Role ids of who performs the step (the SOP's ``pelaksana`` table names them)."""
    kelengkapan: Teks = ""
    mutu_baku: timedelta
    """The time standard: a step that takes longer is late (``terlambat``)."""
    output: Teks = ""
    keterangan: Teks = ""
    dokumen: tuple[str, ...] = Field(default=(), max_length=20)
    """The letter kinds that evidence the step (any one of them does); () when the
    step leaves no paper of its own."""

    @field_validator("mutu_baku", mode="before")
    @classmethod
    def _mutu_baku(cls, v: Any) -> Any:
        return parse_mutu_baku(v) if isinstance(v, str) else v

    @field_validator("pelaksana", mode="before")
    @classmethod
    def _one_role(cls, v: Any) -> Any:
        return (v,) if isinstance(v, str) else v

    @field_validator("dokumen", mode="before")
    @classmethod
    def _kinds(cls, v: Any) -> Any:
        from .vocab import KINDS

        v = (v,) if isinstance(v, str) else v
        if isinstance(v, list | tuple):
            for kind in v:
                if kind not in KINDS:
                    raise ValueError(
                        f"jenis surat {kind!r} tidak dikenal; salah satu dari "
                        f"{', '.join(KINDS)} diharapkan"
                    )
            if len(set(v)) != len(v):
                raise ValueError("jenis surat yang sama disebut dua kali")
        return v

    @property
    def menit(self) -> int:
        """The time standard in whole minutes."""
        return int(self.mutu_baku.total_seconds() // 60)


class SOP(_Frozen):
    """A standard operating procedure: its identity, its actors and its steps in order."""

    id: str
    """Short id the register records steps under, e.g. '34'."""
    nomor: Teks = ""
    """The SOP's number as signed, e.g. '34/DP3A-PP-KB/SOP/II/2020'."""
    judul: Teks = Field(min_length=1)
    pencatatan: Teks = ""
    """Where the SOP says its cases are recorded."""
    pelaksana: dict[str, Teks] = Field(min_length=1, max_length=30)
    """Role id -> the role as the SOP prints it."""
    langkah: tuple[Langkah, ...] = Field(min_length=1, max_length=99)

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError("huruf, angka, '.', '_' atau '-' (paling banyak 32) diharapkan")
        return v

    @field_validator("pelaksana")
    @classmethod
    def _roles(cls, v: dict[str, str]) -> dict[str, str]:
        for role in v:
            if not _ROLE.match(role):
                raise ValueError(f"kunci peran {role!r}: huruf kecil, angka dan '_' diharapkan")
        return v

    @model_validator(mode="after")
    def _steps(self) -> SOP:
        for i, step in enumerate(self.langkah, 1):
            if step.no != i:
                raise ValueError(
                    f"langkah: langkah ke-{i} bernomor {step.no}; 1, 2, 3 ... diharapkan"
                )
            for role in step.pelaksana:
                if role not in self.pelaksana:
                    raise ValueError(f"langkah {i}: pelaksana {role!r} tidak ada di [pelaksana]")
        return self

    def step(self, no: int) -> Langkah:
        """Step *no* (1-based), or a SuratError naming ``langkah``."""
        if isinstance(no, bool) or not isinstance(no, int) or not 1 <= no <= len(self.langkah):
            raise SuratError(
                f"langkah: langkah SOP {self.id} (1 sampai {len(self.langkah)}) diharapkan, "
                f"bukan {no!r}"
            )
        return self.langkah[no - 1]

    def __repr__(self) -> str:
        return f"SOP(id={self.id!r}, langkah={len(self.langkah)})"


def shipped() -> tuple[str, ...]:
    """The ids of the SOPs that ship with surat.

    >>> shipped()
    ('32', '34')
    """
    return tuple(sorted(p.stem for p in SOP_DIR.glob("*.toml")))


def sop(ref: str | os.PathLike[str] | SOP) -> SOP:
    """An SOP: a shipped one by its id (``"34"``, ``"32"``) or an office's own TOML file.

    >>> sop("34").langkah[0].mutu_baku
    datetime.timedelta(seconds=300)
    >>> sop("99")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: sop: salah satu dari 32, 34 atau jalur berkas .toml diharapkan, \
bukan '99'
    """
    if isinstance(ref, SOP):
        return ref
    if isinstance(ref, str) and _ID.match(ref) and not ref.lower().endswith(".toml"):
        if ref in shipped():
            return _shipped(ref)
        raise SuratError(
            f"sop: salah satu dari {', '.join(shipped())} atau jalur berkas .toml "
            f"diharapkan, bukan {ref!r}"
        )
    if not isinstance(ref, str | os.PathLike):
        raise SuratError(f"sop: id SOP atau jalur berkas diharapkan, bukan {type(ref).__name__}")
    return _load(Path(ref))


@lru_cache(maxsize=8)
def _shipped(sop_id: str) -> SOP:
    loaded = _load(SOP_DIR / f"{sop_id}.toml")
    if loaded.id != sop_id:  # pragma: no cover - guarded by the shipped files' test
        raise SuratError(f"{SOP_DIR / sop_id}.toml: id {loaded.id!r} seharusnya {sop_id!r}")
    return loaded


def _load(path: Path) -> SOP:
    if path.suffix.lower() != ".toml":
        raise SuratError(f"{path}: berkas SOP dalam TOML (.toml) diharapkan")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SuratError(f"{path}: berkas SOP tidak dapat dibaca ({exc.strerror})") from None
    if size > MAX_BYTES:
        raise SuratError(f"{path}: berkas SOP paling besar {MAX_BYTES // 1000} kB")
    data = read_data(path, "berkas SOP")
    return validate_model(SOP, data, str(path))
