"""The one base class of every error that surat raises on purpose."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["CODES", "MESSAGES", "Problem", "SuratError"]


class _Where(NamedTuple):
    path: str
    message: str


class Problem(_Where):
    """One problem: the field's path as the user wrote it, and what was expected.

    ``path`` is dotted (``pelapor.nik``, ``pendamping.0.nip`` for the first
    item of a JSON list); a batch row's problems start with ``baris.N.`` and
    keep the spreadsheet's own column name (``baris.2.pendamping.1.nip``).
    ``path`` is ``""`` for a problem that belongs to no one field.

    ``message`` is Indonesian, for a clerk. ``type`` is a stable code for an
    application that shows its own words: pydantic's error type for a field
    the model refused (``missing``, ``extra_forbidden``, ``string_too_long``...,
    see :data:`MESSAGES`), or surat's own code (``tanggal_format``,
    ``tanggal_mustahil``..., see :data:`CODES`); ``None`` when the problem has
    no code of its own (a file, the register, a service).

    A problem is still the pair ``(path, message)`` it always was (it unpacks
    and compares as one); ``type`` rides along:

    >>> p = Problem("surat.tanggal", "tanggal ini tidak ada di kalender", "tanggal_mustahil")
    >>> path, message = p
    >>> p == ("surat.tanggal", "tanggal ini tidak ada di kalender"), p.type
    (True, 'tanggal_mustahil')
    """

    type: str | None = None

    def __new__(cls, path: str, message: str, type: str | None = None) -> Problem:
        self = super().__new__(cls, path, message)
        self.type = type
        return self

    def __getnewargs__(self) -> tuple[str, str, str | None]:
        return (self.path, self.message, self.type)

    def __repr__(self) -> str:
        code = f", type={self.type!r}" if self.type is not None else ""
        return f"Problem(path={self.path!r}, message={self.message!r}{code})"


_FIELD = re.compile(r"([A-Za-z_][\w]*(?:\.[\w]+)*): (.+)", re.S)


class SuratError(Exception):
    """A problem with the caller's input, a file, a template or a service.

    The message names the field or file that is wrong and what was expected.
    It never quotes personal data (names, NIK, addresses, chronologies): those
    values may belong to a child victim and messages end up in logs.

    ``errors`` lists the problems one by one, for a web form to show each next
    to its field:

    >>> try:
    ...     import surat
    ...     surat.validate_nik("123")
    ... except SuratError as exc:
    ...     exc.errors
    [Problem(path='nik', message='16 angka diharapkan, terisi 3')]
    """

    errors: list[Problem]

    def __init__(
        self,
        message: str = "",
        errors: Iterable[tuple[str, str] | tuple[str, str, str | None]] | None = None,
        *,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        if errors is not None:
            self.errors = [e if isinstance(e, Problem) else Problem(*e) for e in errors]
        else:
            m = _FIELD.fullmatch(message) if "\n" not in message else None
            self.errors = [Problem(m[1], m[2], code) if m else Problem("", message, code)]


#: The Indonesian message of each pydantic error type, filled from the error's
#: ``ctx`` (limits, the values a field allows; never the value typed). Keyed by
#: type, as pydantic's own guide to custom error messages does, so that one line
#: covers every field that can fail that way.
MESSAGES: dict[str, str] = {
    "missing": "isian wajib belum diisi",
    "extra_forbidden": "isian tidak dikenal (periksa ejaannya)",
    "string_type": "teks diharapkan",
    "string_too_short": "paling sedikit {min_length} karakter",
    "string_too_long": "paling banyak {max_length} karakter",
    "string_pattern_mismatch": "bentuknya tidak sesuai dengan yang diharapkan",
    "string_unicode": "teks Unicode yang sah diharapkan",
    "literal_error": "salah satu dari {expected} diharapkan",
    "enum": "salah satu dari {expected} diharapkan",
    "int_type": "bilangan bulat diharapkan",
    "int_parsing": "bilangan bulat diharapkan",
    "int_from_float": "bilangan bulat diharapkan (tanpa pecahan)",
    "float_type": "bilangan diharapkan",
    "float_parsing": "bilangan diharapkan",
    "finite_number": "bilangan terhingga diharapkan",
    "bool_type": "ya atau tidak (true/false) diharapkan",
    "bool_parsing": "ya atau tidak (true/false) diharapkan",
    "greater_than": "lebih dari {gt} diharapkan",
    "greater_than_equal": "paling kecil {ge}",
    "less_than": "kurang dari {lt} diharapkan",
    "less_than_equal": "paling besar {le}",
    "multiple_of": "kelipatan {multiple_of} diharapkan",
    "date_type": "tanggal diharapkan, seperti 22/11/2026 atau 22 November 2026",
    "date_parsing": "tanggal diharapkan, seperti 22/11/2026 atau 22 November 2026",
    "date_from_datetime_parsing": "tanggal diharapkan, seperti 22/11/2026 atau 22 November 2026",
    "date_from_datetime_inexact": "tanggal saja diharapkan, tanpa jam",
    "date_past": "tanggal yang sudah lewat diharapkan",
    "date_future": "tanggal yang akan datang diharapkan",
    "datetime_type": "tanggal dan jam diharapkan, seperti 2026-11-22 09:10",
    "datetime_parsing": "tanggal dan jam diharapkan, seperti 2026-11-22 09:10",
    "datetime_from_date_parsing": "tanggal dan jam diharapkan, seperti 2026-11-22 09:10",
    "time_type": "jam diharapkan, seperti 09:10",
    "time_parsing": "jam diharapkan, seperti 09:10",
    "timezone_naive": "jam tanpa zona waktu diharapkan",
    "timezone_aware": "jam dengan zona waktu diharapkan",
    "list_type": "daftar diharapkan",
    "tuple_type": "daftar diharapkan",
    "set_type": "daftar diharapkan",
    "too_short": "paling sedikit {min_length} butir",
    "too_long": "paling banyak {max_length} butir",
    "dict_type": "objek (isian: nilai) diharapkan",
    "model_type": "objek (isian: nilai) diharapkan",
    "model_attributes_type": "objek (isian: nilai) diharapkan",
    "dataclass_type": "objek (isian: nilai) diharapkan",
    "is_instance_of": "objek (isian: nilai) diharapkan",
    "union_tag_invalid": "jenis {tag} tidak dikenal; salah satu dari {expected_tags} diharapkan",
    "union_tag_not_found": "isian {discriminator} diperlukan untuk mengenali jenisnya",
    "frozen_instance": "isian ini tidak dapat diubah",
    "frozen_field": "isian ini tidak dapat diubah",
    "json_invalid": "JSON yang sah diharapkan",
    "json_type": "JSON diharapkan",
    "url_parsing": "alamat URL yang sah diharapkan",
    "url_scheme": "alamat URL dengan skema {expected_schemes} diharapkan",
    "uuid_parsing": "UUID yang sah diharapkan",
}

#: The message of a pydantic error type the table does not list (the code still says which).
OTHER = "isian tidak sah"

#: surat's own codes (:attr:`Problem.type`) of a field its validators refuse.
CODES: dict[str, str] = {
    "tanggal_format": "not a date form surat reads (22/11/2026, 22 November 2026, 2026-11-22)",
    "tanggal_ambigu": "a date whose day, month and year cannot be told apart (2026/11/22)",
    "tanggal_urutan": "a month past 12: the date was written month first (11/22/2026)",
    "tanggal_bulan": "a month name that is not Indonesian",
    "tanggal_mustahil": "a day the calendar does not have (31/02/2026)",
    "value_error": "a rule of the letter (its message says which); pydantic's own code",
    "kasus_tidak_dikenal": "a case number that is not in this office's case book",
    "kasus_batal": "a case whose registration is void",
    "kasus_ditutup": "a closed case: reopen it before it takes a new document",
    "dokumen_tidak_sah": "a field of a case's document (its kind, date, number, key, step)",
    "tahap_tidak_dikenal": "a stage name `surat kasus --tahap` does not know",
    "dokumen_belum_ada": "a case document cites one the register does not hold yet",
    "tanggal_tercatat": "a printed document's date changed: it keeps the date recorded",
    "nomor_tercatat": "a number differs from the one the register records for the case",
    "tanggal_penutupan": "a closure dated before the case's last document",
}


def _indonesian(kind: str, ctx: dict[str, object]) -> str:
    """The Indonesian words of a pydantic error *kind* with its *ctx*.

    >>> _indonesian("string_too_long", {"max_length": 100})
    'paling banyak 100 karakter'
    >>> _indonesian("literal_error", {"expected": "'Plt.' or 'Plh.'"})
    "salah satu dari 'Plt.' atau 'Plh.' diharapkan"
    >>> _indonesian("string_too_short", {"min_length": 1})
    'tidak boleh kosong'
    >>> _indonesian("no_such_type", {})
    'isian tidak sah'
    """
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "tidak boleh kosong"
    if kind == "too_short" and ctx.get("min_length") == 1:
        return "paling sedikit satu butir"
    template = MESSAGES.get(kind, OTHER)
    words = {k: str(v) for k, v in ctx.items()}
    if "expected" in words:  # pydantic joins the allowed values with an English 'or'
        words["expected"] = re.sub(r"(?<=') or (?=')", " atau ", words["expected"])
    try:
        return template.format(**words)
    except (KeyError, IndexError):  # a ctx without the number: the words without it
        return re.sub(r" ?\{\w+\}", "", template)


def pydantic_problems(exc: Exception) -> list[Problem]:
    """Each problem of a pydantic ``ValidationError``, with its field path, an
    Indonesian message and the error's type as its code.

    The message comes from :data:`MESSAGES` by the error's type; an error that a
    validator of surat raised (a rule of the letter, a date) keeps its own
    Indonesian message, and its code. The offending values are left out on
    purpose: they may be personal data.
    """
    errors = getattr(exc, "errors", None)
    if errors is None:  # pragma: no cover - only ValidationError is passed
        return [Problem("", str(exc))]
    out = []
    for e in errors(include_url=False, include_input=False, include_context=True):
        path = ".".join(str(p) for p in e["loc"])
        kind = str(e["type"])
        ctx = dict(e.get("ctx") or {})
        if kind in MESSAGES:
            msg = _indonesian(kind, ctx)
        elif kind in CODES or kind == "assertion_error":
            # surat's own validators: their message is already the clerk's words
            msg = str(e["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        else:
            msg = OTHER
        out.append(Problem(path, msg, kind))
    return out


def field_errors(exc: Exception, source: str | None = None) -> SuratError:
    """Turn a pydantic ``ValidationError`` into one ``SuratError`` listing every
    problem with its field path (``pelapor.nik: 16 angka diharapkan``).

    The offending values are left out on purpose: they may be personal data.
    """
    problems = pydantic_problems(exc)
    lines = [f"{p.path}: {p.message}" if p.path else p.message for p in problems]
    where = f"{source}: " if source else ""
    head = f"{where}{len(lines)} masalah pada data"
    return SuratError(head + "\n  " + "\n  ".join(lines), problems)


_Model = TypeVar("_Model", bound="BaseModel")


def validate_model(model: type[_Model], data: object, source: str | None = None) -> _Model:
    """Check *data* with the pydantic *model*; a ``ValidationError`` becomes the
    ``SuratError`` of :func:`field_errors`, headed by *source* (a file, a kind).

    >>> from pydantic import BaseModel
    >>> class Korban(BaseModel):
    ...     umur: int
    >>> validate_model(Korban, {"umur": 9})
    Korban(umur=9)
    >>> validate_model(Korban, {"umur": "sembilan"}, "kasus.json")
    Traceback (most recent call last):
    ...
    surat.errors.SuratError: kasus.json: 1 masalah pada data
      umur: bilangan bulat diharapkan
    """
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise field_errors(exc, source) from None
