"""A letter that leaves the office names no one its case protects.

Letters of the class ``keluar`` (:attr:`Kind.privasi`: the approval letter, the
assignment letter, their tembusan copies, and any kind registered so later)
identify the victim by initials and the case registration number only
(UU 11/2012 Pasal 19, UU 35/2014 Pasal 64, UU 12/2022 Pasal 69-71). Their
templates never get the victim's name; but a clerk can still type a name or
an address into a free-text field: ``kepada``, ``di``, ``tembusan``, a task's
place. So every free-text field of such a letter (:func:`free_text`, derived
from the model, not listed by hand) is read word by word against the protected
words of the case it cites (:func:`surat.privacy.protected_words`), and a
letter that holds one is refused, naming each field, never quoting it.

Two sources of protected words:

- the register (:meth:`surat.Register.find_protected`): the words of the case
  registered under the letter's ``nomor_registrasi``, kept as keyed digests;
  :func:`check_register`, which :func:`surat.letters.validate` calls when it
  is given ``register=``;
- the case's own data (:func:`check_words`): :class:`surat.Kasus` checks its
  letters against its own victim, family and addresses, with or without a
  register.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any, Literal, Protocol

from pydantic import BaseModel

from ..errors import SuratError
from ..privacy import words
from .shared import Kind

__all__ = ["ProtectedWords", "check_register", "check_words", "free_text"]


class ProtectedWords(Protocol):
    """What the check asks of a register (:class:`surat.Register` has it)."""

    def find_protected(self, nomor_registrasi: str, texts: Mapping[str, str]) -> list[str]:
        """Which of *texts* (by name) hold a protected word of the case."""
        ...


#: Containers whose ``nama`` is printed on purpose (the office's officials, the
#: companions, the signer), and the victim's, which only makes the initials.
_NAMA_BUKAN_TEKS = frozenset({"pendamping", "konselor", "pejabat", "penandatangan", "korban"})


def _choices(annotation: Any) -> bool:
    """True when *annotation* only admits fixed choices (a Literal, or a list of them)."""
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return True
    if origin is typing.Annotated:
        return _choices(typing.get_args(annotation)[0])
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (list, tuple, typing.Union, types.UnionType):
        return bool(args) and all(_choices(a) for a in args if a is not Ellipsis)
    return False


def _walk(value: Any, path: str, annotation: Any, parent: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            if name == "nama" and parent in _NAMA_BUKAN_TEKS:
                continue
            if _choices(info.annotation):
                continue
            inner = f"{path}.{name}" if path else name
            yield from _walk(getattr(value, name), inner, info.annotation, name)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}.{i}", None, parent)
    elif isinstance(value, str) and value.strip():
        yield path, value


def free_text(model: BaseModel) -> dict[str, str]:
    """Every free-text field of a letter's data, by its path (``tugas.0.tempat``).

    Derived from the model: every text a clerk types, at any depth; fields of
    fixed choices (Simfoni-PPA lists, ``diktum``), and the names printed on
    purpose (companions, officials, the signer) or never printed (the victim's,
    which only makes the initials) are left out.

    >>> from surat.letters import example_data, validate
    >>> sorted(free_text(validate("persetujuan", example_data("persetujuan"))))[:4]
    ['kepada', 'korban.nomor_registrasi', 'lampiran', 'pendamping.0.jabatan']
    """
    return dict(_walk(model, "", None, ""))


def _cited(model: BaseModel) -> list[str]:
    """The case registration numbers the letter cites (``nomor_registrasi`` at any depth)."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                inner = getattr(value, name)
                if name == "nomor_registrasi" and isinstance(inner, str) and inner.strip():
                    found.append(inner.strip())
                else:
                    walk(inner)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(model)
    return list(dict.fromkeys(found))


def _refuse(kind: Kind, hits: list[str], nomor: str) -> None:
    """The error for the fields *hits* of a letter citing case *nomor* ('' when it cites none)."""
    if not hits:
        return
    of = f" kasus {nomor}" if nomor else " kasus ini"
    why = (
        f"memuat kata yang dilindungi{of} (nama atau alamat): surat yang keluar dari "
        "kantor hanya menyebut korban dengan inisial dan nomor kasusnya"
    )
    problems = [(path, why, "kata_dilindungi") for path in hits]
    if len(hits) == 1:
        raise SuratError(f"{kind.id}: {hits[0]}: {why}", problems)
    lines = "\n  ".join(f"{path}: {why}" for path in hits)
    raise SuratError(
        f"{kind.id}: {len(hits)} isian menyebut orang-orang kasus ini\n  {lines}", problems
    )


def check_register(kind: Kind, model: BaseModel, register: ProtectedWords | None) -> None:
    """Refuse a letter of an outgoing *kind* whose free text holds a protected word
    of a case it cites, as *register* keeps them; nothing to check without one."""
    if register is None or kind.privasi != "keluar":
        return
    texts = free_text(model)
    for nomor in _cited(model):
        _refuse(kind, register.find_protected(nomor, texts), nomor)


def check_words(kind: Kind, model: BaseModel, kata: frozenset[str]) -> None:
    """Refuse a letter of an outgoing *kind* whose free text holds one of the
    protected words *kata* (:func:`surat.privacy.protected_words` of the case's own
    identity), whatever case it cites."""
    if not kata or kind.privasi != "keluar":
        return
    hits = [path for path, text in free_text(model).items() if not kata.isdisjoint(words(text))]
    cited = _cited(model)
    _refuse(kind, hits, cited[0] if len(cited) == 1 else "")
