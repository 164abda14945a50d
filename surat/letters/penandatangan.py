"""Who signs a letter, and how: definitive, a.n., u.b., Plt. or Plh.

Permendagri 1/2023 and BKN circular 1/SE/I/2021 (FORMS.md, "Who signs"):

- definitive: JABATAN, space, NAME, pangkat, NIP;
- a.n. (atas nama): an official signs on behalf of the head: "a.n. <head's
  jabatan>," over the signer's own jabatan; name, pangkat, NIP the signer's;
- u.b. (untuk beliau): one level further down, under an a.n.: "a.n. <head>,"
  / "<jabatan of the a.n. official>," / "u.b." / "<signer's jabatan>,";
- Plt. (vacancy) and Plh. (temporary absence): "Plt. <JABATAN>," with the
  acting official's OWN name, pangkat and NIP: never the absent holder's.

A letter names its signer with ``penandatangan``; without it the profile
decides: the kind's signer role (``[penandatangan]``), its ``[atas_nama]``,
and a standing appointment (``[plt.<role>]``) whose period holds the letter's
date.

A numbered letter carries the number of the letterhead it is printed on and
is signed for that letterhead: by its head (``pimpinan`` of the office's own
kop, ``kop.<name>.pimpinan`` of a further one), by an official a.n. the head
(or u.b., under an a.n. official), or by the head's Plt./Plh.; anyone else is
refused before a number is taken. A report an official only acknowledges
("Mengetahui": ``konseling``, the kronologi and the monthly report:
:data:`MENGETAHUI`) is not signed for a letterhead.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from pydantic import field_validator, model_validator

from ..errors import SuratError
from ..identitas import format_nip
from ..office import Office
from .fields import Baris, Kunci, Nama, check_nip
from .shared import DOTTED_NAME, DataSurat, pejabat_context

__all__ = [
    "MENGETAHUI",
    "STATUS",
    "Ditandatangani",
    "Penandatangan",
    "StatusPenandatangan",
    "agenda_tanggal",
    "check_signer",
    "pengesahan",
    "printed_name",
    "printed_nip",
    "refuse_status_penandatangan",
    "signer_context",
    "signer_role",
]

MENGETAHUI: frozenset[str] = frozenset(
    {"konseling", "kronologi", "laporan", "laporan_pendampingan"}
)
"""Kinds whose signature block is "Mengetahui,": an official acknowledges a report
someone else wrote (the counselor's; the staff's book and monthly report), and signs
for no letterhead. Every other kind with a signer (the numbered letters) is signed
for the head of its letterhead."""

StatusPenandatangan = Literal["", "Plt.", "Plh.", "a.n.", "u.b."]
"""'' (definitive), 'Plt.', 'Plh.', 'a.n.' (atas nama) or 'u.b.' (untuk beliau)."""
STATUS: tuple[str, ...] = ("", "Plt.", "Plh.", "a.n.", "u.b.")


class Penandatangan(DataSurat):
    """Who signs this letter, when the office profile's default does not hold.

    ``peran``, ``atas_nama`` and ``melalui`` are role keys of the profile's
    ``[pejabat]``. Plt./Plh. name the acting official (``nama``, ``nip``,
    ``pangkat``: all three); a.n. and u.b. take name, NIP and pangkat from the
    profile.
    """

    status: StatusPenandatangan = ""
    peran: Kunci | None = None
    """The signer's role (Plt./Plh.: the office acted for); the kind's signer role when empty."""
    atas_nama: Kunci | None = None
    """a.n./u.b.: the head on whose behalf the letter is signed."""
    melalui: Kunci | None = None
    """u.b.: the official between the head and the signer (the a.n. official)."""
    nama: Nama | None = None
    nip: str | None = None
    pangkat: Baris | None = None

    @field_validator("nip")
    @classmethod
    def _nip(cls, v: str | None) -> str | None:
        return check_nip(v)

    @model_validator(mode="after")
    def _shape(self) -> Penandatangan:
        s = self.status
        if s in ("Plt.", "Plh."):
            missing = [k for k in ("nama", "nip", "pangkat") if not getattr(self, k)]
            if missing:
                raise ValueError(
                    f"{s} menandatangani dengan nama, NIP dan pangkatnya sendiri: "
                    f"{', '.join(missing)} belum diisi"
                )
        elif self.nama or self.nip or self.pangkat:
            raise ValueError(
                "nama, nip dan pangkat hanya untuk Plt./Plh.: penandatangan definitif, a.n. "
                "atau u.b. dicetak seperti dalam profil kantor"
            )
        if s == "a.n." and not self.atas_nama:
            raise ValueError("a.n. memerlukan atas_nama (peran pimpinan)")
        if s == "u.b." and not (self.atas_nama and self.melalui):
            raise ValueError("u.b. memerlukan atas_nama (pimpinan) dan melalui (pejabat a.n.)")
        if self.melalui and s != "u.b.":
            raise ValueError("melalui hanya untuk u.b.")
        if self.atas_nama and s == "":
            raise ValueError("atas_nama memerlukan status 'a.n.' atau 'u.b.'")
        return self


def refuse_status_penandatangan(data: Any) -> Any:
    """A clear word for data written before ``penandatangan`` replaced ``status_penandatangan``."""
    if isinstance(data, dict) and "status_penandatangan" in data:
        raise ValueError(
            "status_penandatangan: diganti penandatangan = {status, peran, nama, nip, "
            "pangkat} (Plt./Plh. mencetak nama dan NIP pejabat itu sendiri)"
        )
    return data


class Ditandatangani(DataSurat):
    """The data of a letter that names who signs it (its own ``penandatangan`` field):
    data written for the old ``status_penandatangan`` is refused with a clear word."""

    @model_validator(mode="before")
    @classmethod
    def _legacy(cls, data: Any) -> Any:
        return refuse_status_penandatangan(data)


def signer_role(kind: str, office: Office, given: Penandatangan | None = None) -> str:
    """The role key of the official whose name the letter prints as its signer."""
    role = (given.peran if given else None) or office.penandatangan.get(kind, "kepala_dinas")
    _role(office, role, "penandatangan.peran")
    return role


def _role(office: Office, role: str, field: str) -> None:
    if role not in office.pejabat:
        known = ", ".join(sorted(office.pejabat))
        raise SuratError(f"{field}: '{role}' bukan peran dalam profil kantor ({known})")


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _check_head(kind: str, office: Office, role: str, atas_nama: str | None) -> None:
    """A letter under a kop is signed by its head, a.n./u.b. for them, or their Plt./Plh.

    The message names the field, the letterhead and the role keys, never a person.
    """
    head, field = office.pimpinan_for(kind)
    where = "kop kantor sendiri" if field == "pimpinan" else field.rsplit(".", 1)[0]
    if head not in office.pejabat:  # only the default can be missing: a declared one is checked
        raise SuratError(
            f"{field}: pimpinan {where} adalah '{head}', yang bukan peran dalam profil "
            'kantor: sebut pimpinannya dengan pimpinan = "<kunci dalam [pejabat]>"'
        )
    if atas_nama is not None:
        if atas_nama != head:
            raise SuratError(
                f"penandatangan.atas_nama: surat {kind} di bawah {where} ditandatangani a.n. "
                f"pimpinannya ({field} = '{head}'), bukan a.n. '{atas_nama}'"
            )
        return
    if role != head:
        raise SuratError(
            f"penandatangan: surat {kind} di bawah {where} ditandatangani pimpinannya "
            f"({field} = '{head}'), pejabat a.n. (atau u.b.) pimpinan itu, atau Plt./Plh.-nya; "
            f"bukan oleh '{role}' (tandatangani a.n. pimpinan, atau cetak {kind} dengan kop "
            "yang dipimpin pejabat ini: [kop_surat])"
        )


def signer_context(
    kind: str, office: Office, tanggal: date, given: Penandatangan | None = None
) -> dict[str, Any]:
    """The signature block, top to bottom: ``an`` ('a.n. <head>,'), ``melalui``
    (the a.n. official's jabatan, u.b. only), ``ub`` ('u.b.'), ``jabatan`` (with
    Plt./Plh.), then ``nama``, ``pangkat``, ``nip``; ``peran`` is the signer's role.
    """
    role = signer_role(kind, office, given)
    holder = office.official(role)
    status: str
    if given is not None:
        status = given.status
        atas_nama, melalui = given.atas_nama, given.melalui
    else:
        atas_nama, melalui = office.atas_nama.get(kind), None
        status = "a.n." if atas_nama else ""
    for field, key in (("atas_nama", atas_nama), ("melalui", melalui)):
        if key is not None:
            _role(office, key, f"penandatangan.{field}")
            if key == role:
                raise SuratError(
                    f"penandatangan.{field}: penanda tangan tidak dapat menandatangani atas nama "
                    "dirinya sendiri"
                )
    if melalui is not None and melalui == atas_nama:
        raise SuratError(
            "penandatangan.melalui: u.b. melalui pejabat a.n., satu tingkat di bawah "
            "pimpinan, tidak pernah melalui pimpinan itu sendiri (atas_nama)"
        )
    if kind not in MENGETAHUI:
        _check_head(kind, office, role, atas_nama)
    nama, nip, pangkat = holder.nama, holder.nip, holder.pangkat
    acting = ""
    if given is not None and given.status in ("Plt.", "Plh."):
        acting = given.status
        if (holder.nip and given.nip == holder.nip) or (
            holder.nama and _same(holder.nama, given.nama or "")
        ):
            raise SuratError(
                f"penandatangan: {acting} mewakili pemegang jabatan '{role}', bukan "
                "pemegang jabatan itu sendiri (penanda tangan definitif berstatus '')"
            )
        nama, nip, pangkat = given.nama or "", given.nip, given.pangkat
    elif given is None and (period := office.acting(role, tanggal)) is not None:
        acting = period.status
        nama, nip, pangkat = period.nama, period.nip, period.pangkat
    return {
        "peran": role,
        "atas_nama_peran": atas_nama or "",
        "melalui_peran": melalui or "",
        "status": acting or status,
        "an": f"a.n. {office.official(atas_nama).jabatan}," if atas_nama else "",
        "melalui": f"{office.official(melalui).jabatan}," if melalui else "",
        "ub": "u.b." if melalui else "",
        "jabatan": f"{acting} {holder.jabatan}".strip(),
        "singkatan": holder.singkatan or holder.jabatan,
        "nama": nama or DOTTED_NAME,
        "pangkat": pangkat or "",
        "nip": format_nip(nip) if nip else "",
    }


def agenda_tanggal(
    kind: str, office: Office, tanggal: date | None, given: Penandatangan | None
) -> date:
    """The date of a numbered letter's agenda entry: its own, else today (WIB).

    Its signer is worked out first (:func:`signer_context`), so that a role the
    profile lacks, or a Plt. who is the holder themself, stops the letter
    before a number is taken.
    """
    from ..dates import today

    when = tanggal or today()
    signer_context(kind, office, when, given)
    return when


def check_signer(kind: str, data: Any, office: Office, tanggal: date | None = None) -> None:
    """Whether the signature block of a letter of *kind* with the validated *data*
    holds under the office profile (:func:`signer_context`): checked with every
    other row of a batch before any number is taken. A kind without a signer
    (``penandatangan``) passes.

    >>> from surat.letters import example_data, validate
    >>> check_signer("tugas", validate("tugas", example_data("tugas")), Office.default())
    """
    if isinstance(data, Ditandatangani):
        when = getattr(data, "tanggal", None) or tanggal
        if when is None:
            from ..dates import today

            when = today()
        signer_context(kind, office, when, getattr(data, "penandatangan", None))


def printed_name(context: Mapping[str, Any]) -> str:
    """The signer's name a letter's context prints; '' when it prints none (no
    signature block, or the dotted line where a name is written by hand).

    >>> printed_name({"penandatangan": {"nama": "Dra. SITI RAHAYU, M.Si"}})
    'Dra. SITI RAHAYU, M.Si'
    >>> printed_name({"penandatangan": {"nama": DOTTED_NAME}}), printed_name({})
    ('', '')
    """
    block = context.get("penandatangan")
    nama = block.get("nama", "") if isinstance(block, Mapping) else ""
    return "" if not isinstance(nama, str) or set(nama) <= {".", " "} else nama


def printed_nip(context: Mapping[str, Any]) -> str:
    """The NIP a letter's context prints under its signer, digits only; '' for none.

    >>> printed_nip({"penandatangan": {"nip": "19621027 198503 2 006"}}), printed_nip({})
    ('196210271985032006', '')
    """
    block = context.get("penandatangan")
    nip = block.get("nip", "") if isinstance(block, Mapping) else ""
    return "".join(ch for ch in nip if ch.isdigit()) if isinstance(nip, str) else ""


def pengesahan(kind: str, office: Office, tanggal: date) -> dict[str, Any]:
    """The signature block of a report *kind* ('kronologi', 'laporan'): who made it
    (``dibuat``: the profile's first staff role, :func:`staf`) and who acknowledges it
    (``penandatangan``, under "Mengetahui,": the profile's ``[penandatangan]`` for
    *kind*, else the office's head, :func:`kepala`; a standing Plt./Plh. on *tanggal*
    signs for them), each with jabatan, name, pangkat and NIP as every signature block
    prints them; a dotted line for a name the profile leaves empty.

    >>> block = pengesahan("laporan", Office.default(), date(2026, 12, 1))
    >>> block["dibuat"]["jabatan"], block["penandatangan"]["nama"]
    ('Staf Seksi Perlindungan Anak', 'UMIYATI, SE')
    """
    from .hierarki import kepala, staf

    pembuat = staf(office)
    dibuat = (
        pejabat_context(office.official(pembuat[0]))
        if pembuat
        else {"jabatan": "Staf", "singkatan": "Staf", "nama": DOTTED_NAME, "pangkat": "", "nip": ""}
    )
    head = office.penandatangan.get(kind) or kepala(office)
    if head is None:
        return {"dibuat": dibuat, "penandatangan": None}
    signs = office.model_copy(update={"penandatangan": {**office.penandatangan, kind: head}})
    return {"dibuat": dibuat, "penandatangan": signer_context(kind, signs, tanggal)}
