"""The sandbox a template is filled in: plain data goes in, nothing else is reachable.

Templates come from outside (an office edits one, another office sends one),
so a template is untrusted text. It is filled in by a Jinja environment that
decides by allow-lists, never by deny-lists:

- **Values** (:func:`plain`): the whole context is converted before rendering.
  Only text, numbers (int, float, Decimal), dates and times, true/false, None,
  lists and tables (dicts with text keys) of those pass; anything else is a
  :class:`~surat.SuratError` naming its path. A table becomes :class:`Fields`
  (a dict that knows its path, for messages), None becomes :class:`Empty`
  (false in ``{% if %}``, an error when printed). No library object (docxtpl,
  python-docx, an Office, a Register, a Document) can get in.
- **Attributes and calls** (:class:`Sandbox`): a template may read the fields
  of its data, call a few harmless methods of text (``upper``, ``title``,
  ``strip``...), tables (``items``, ``keys``, ``values``, ``get``) and dates
  (``year``, ``isoformat``...), use ``loop.index`` and friends, ``range``,
  ``dict`` and ``namespace``, and call its own macros. Every other attribute
  of every object is refused, whatever its name.
- **Filters**: surat's own, and those of Jinja's that only reshape bounded
  data; ``format``, ``attr``, ``safe``, ``center``, ``indent``, ``batch``...
  are not there.
- **Sizes**: text or lists made by ``*``, ``+``, ``~``, ``join``, ``replace``
  stop at :data:`MAX_STRING` characters, ``range`` at :data:`MAX_RANGE`
  numbers, ``**`` and ``*`` of integers at :data:`MAX_INT_BITS` bits, and ``%``
  formatting of text is not available. These stop the obvious attempts to
  exhaust the machine at once; the real bound of an office's template is the
  child process with a time and memory limit it is filled in
  (:mod:`surat.templating.isolation`).
- **Messages**: a failed lookup names the expression as the template spells it
  (``wilayah[pelapor.alamat]: kunci itu tidak ada``), never the value that was
  looked up, which may be an address.

:func:`surat.templating.inspect.unsafe_expressions` finds the same without
running a template: ``surat templat periksa`` refuses such a template, and
so does rendering.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from types import BuiltinMethodType, MethodType
from typing import Any, NoReturn

from jinja2 import StrictUndefined, nodes
from jinja2 import filters as jinja_filters
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext, Macro
from jinja2.runtime import Undefined as JinjaUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace, missing
from markupsafe import Markup, soft_str
from pydantic import BaseModel

from ..errors import SuratError
from ..files import MAX_DEPTH

__all__ = [
    "MAX_RANGE",
    "MAX_STRING",
    "Empty",
    "Fields",
    "Sandbox",
    "TemplateLimit",
    "expression_text",
    "plain",
]

MAX_STRING = 1_000_000
"""Longest text or list a template may build (a letter holds some 20,000 characters)."""
MAX_RANGE = 10_000
"""Most numbers one ``range()`` may give."""
MAX_INT_BITS = 100_000
"""Largest integer (in bits) ``*`` and ``**`` may make (some 30,000 digits)."""

#: What a template may read or call on each type of value it can hold.
STR_METHODS = frozenset(
    [
        "capitalize",
        "casefold",
        "count",
        "endswith",
        "find",
        "isalnum",
        "isalpha",
        "isdecimal",
        "isdigit",
        "islower",
        "isnumeric",
        "isspace",
        "istitle",
        "isupper",
        "lower",
        "lstrip",
        "partition",
        "removeprefix",
        "removesuffix",
        "rfind",
        "rpartition",
        "rsplit",
        "rstrip",
        "split",
        "splitlines",
        "startswith",
        "strip",
        "swapcase",
        "title",
        "upper",
    ]
)
DICT_METHODS = frozenset({"get", "items", "keys", "values"})
LIST_METHODS = frozenset({"count", "index"})
DATE_ATTRS = frozenset(
    ["year", "month", "day", "hour", "minute", "second", "weekday", "isoweekday", "isoformat"]
)
LOOP_ATTRS = frozenset(
    [
        "index",
        "index0",
        "revindex",
        "revindex0",
        "first",
        "last",
        "length",
        "depth",
        "depth0",
        "previtem",
        "nextitem",
        "cycle",
        "changed",
    ]
)
GROUP_ATTRS = frozenset({"grouper", "list"})
CALLABLE_GLOBALS = frozenset({"range", "dict", "namespace"})
SAFE_ATTRS = STR_METHODS | DICT_METHODS | LIST_METHODS | DATE_ATTRS | LOOP_ATTRS | GROUP_ATTRS

#: Jinja's own filters that reshape data and cannot grow it past its size.
JINJA_FILTERS = frozenset(
    [
        "abs",
        "capitalize",
        "count",
        "d",
        "default",
        "dictsort",
        "e",
        "escape",
        "first",
        "float",
        "forceescape",
        "groupby",
        "int",
        "items",
        "last",
        "length",
        "list",
        "lower",
        "map",
        "max",
        "min",
        "reject",
        "rejectattr",
        "reverse",
        "round",
        "select",
        "selectattr",
        "sort",
        "string",
        "striptags",
        "title",
        "trim",
        "truncate",
        "unique",
        "upper",
        "wordcount",
    ]
)


class TemplateLimit(SecurityError):
    """A template went past one of the sandbox's size limits (a clear, value-free message)."""


# -- values ---------------------------------------------------------------------


class Fields(dict[str, Any]):
    """A table of context fields that knows its own path, for error messages."""

    __slots__ = ("_path",)

    def __init__(self, path: str, items: dict[str, Any]) -> None:
        super().__init__(items)
        self._path = path

    def __reduce__(self) -> Any:  # to the child process that fills a template
        return (Fields, (self._path, dict(self)))


class Empty:
    """A field whose value is None: false in ``{% if %}``, an error when printed."""

    __slots__ = ("_path",)

    def __init__(self, path: str) -> None:
        self._path = path

    def __reduce__(self) -> Any:
        return (Empty, (self._path,))

    def __bool__(self) -> bool:
        return False

    def __len__(self) -> int:
        return 0

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __eq__(self, other: object) -> bool:
        return other is None or isinstance(other, Empty)

    def __hash__(self) -> int:
        return hash(None)

    def fail(self) -> NoReturn:
        raise SuratError(
            f"{self._path}: templat mencetak isian ini tetapi isinya kosong; "
            "isilah, atau cetak hanya {% if " + self._path + " %}"
        )

    def __repr__(self) -> str:
        return f"<Empty {self._path}>"

    def __str__(self) -> str:
        self.fail()

    def __html__(self) -> str:
        self.fail()


_SCALARS = (bool, int, float, Decimal, datetime, date, time)


def plain(
    value: Any, path: str = "", *, check: bool = False, limits: tuple[int, int] = (0, 0)
) -> Any:
    """The allow-listed copy of a value for a template: Fields, lists, Empty, scalars.

    A pydantic model counts as its fields, a tuple as a list, an Enum as its
    value, docxtpl's RichText/Listing as the XML they stand for (the caller's
    own formatting). Anything else is refused, naming its path and type, never
    its value. With *check*, text longer than ``limits`` (any text, one line)
    is refused too.

    >>> plain({"a": [1, None], "b": {"c": "x"}})
    {'a': [1, <Empty a[1]>], 'b': {'c': 'x'}}
    >>> plain({"f": open})
    Traceback (most recent call last):
    surat.errors.SuratError: f: builtin_function_or_method tidak dapat masuk ke templat \
(teks, bilangan, tanggal, benar/salah, serta daftar dan tabelnya diharapkan)
    """
    return _plain(value, path, check, limits, 0)


def _plain(value: Any, path: str, check: bool, limits: tuple[int, int], depth: int) -> Any:
    if value is None:
        return Empty(path)
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, str):
        if isinstance(value, Markup):
            return Markup(value)
        text = str.__str__(value)
        if check:
            most, line = limits
            if len(text) > most:
                raise SuratError(f"{path}: terlalu panjang (paling banyak {most} karakter)")
            if len(text) > line and "\n" not in text:
                raise SuratError(
                    f"{path}: terlalu panjang untuk satu baris (paling banyak {line} karakter "
                    "tanpa ganti baris)"
                )
        return text
    if type(value) in _SCALARS:
        return value
    if isinstance(value, _SCALARS):  # a subclass: its plain base value
        for base in _SCALARS:
            if isinstance(value, base):
                return _plain_scalar(value, base)
    if depth >= MAX_DEPTH:
        raise SuratError(f"{path}: bersarang lebih dari {MAX_DEPTH} tingkat")
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, Mapping):
        prefix = f"{path}." if path else ""
        items = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise SuratError(f"{path or '(data)'}: nama isian harus berupa teks")
            items[k] = _plain(v, prefix + k, check, limits, depth + 1)
        return Fields(path, items)
    if isinstance(value, list | tuple):
        return [_plain(v, f"{path}[{i}]", check, limits, depth + 1) for i, v in enumerate(value)]
    if type(value).__module__.startswith("docxtpl.") and type(value).__name__ in (
        "RichText",
        "Listing",
    ):
        return Markup(value.__html__())
    raise SuratError(
        f"{path or '(data)'}: {type(value).__name__} tidak dapat masuk ke templat "
        "(teks, bilangan, tanggal, benar/salah, serta daftar dan tabelnya diharapkan)"
    )


def _plain_scalar(value: Any, base: type) -> Any:
    if base is bool:
        return bool(value)
    if base in (int, float):
        return base(value)
    if base is Decimal:
        return Decimal(value)
    if base is datetime:
        return datetime.combine(value.date(), value.timetz())
    if base is date:
        return date(value.year, value.month, value.day)
    return time(value.hour, value.minute, value.second, value.microsecond, value.tzinfo)


class Undefined(StrictUndefined):
    """StrictUndefined whose message is the missing field's full path."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        if self._undefined_hint:
            return self._undefined_hint
        name = str(self._undefined_name)
        obj = self._undefined_obj
        if obj is missing:
            path = name
        elif isinstance(obj, Empty):
            return f"{obj._path}: templat memakai '{name}' dari isian ini, tetapi isiannya kosong"
        elif isinstance(obj, Fields):
            path = f"{obj._path}.{name}" if obj._path else name
        else:
            path = f"({type(obj).__name__}).{name}"
        return f"{path}: templat memerlukan isian ini, tetapi datanya tidak memuatnya"


# -- size guards ------------------------------------------------------------------


def _too_long() -> TemplateLimit:
    return TemplateLimit(
        f"templat membuat teks atau daftar lebih panjang dari {MAX_STRING:,} karakter"
    )


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | list | tuple) else 0


def safe_range(*args: int) -> range:
    """``range`` of at most :data:`MAX_RANGE` numbers."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimit(f"range() lebih dari {MAX_RANGE:,} bilangan")
    return numbers


def _join(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> str:
    items = list(value)
    total = sum(len(soft_str(x)) for x in items) + len(d) * max(len(items) - 1, 0)
    if total > MAX_STRING:
        raise _too_long()
    return jinja_filters.sync_do_join(eval_ctx, items, d, attribute)


def _replace(eval_ctx: Any, s: str, old: str, new: str, count: int | None = None) -> str:
    text, old_, new_ = soft_str(s), soft_str(old), soft_str(new)
    n = text.count(old_) if old_ else len(text) + 1
    if count is not None and count >= 0:
        n = min(n, count)
    if len(text) + n * max(len(new_) - len(old_), 0) > MAX_STRING:
        raise _too_long()
    return jinja_filters.do_replace(eval_ctx, s, old, new, count)


def _sum(environment: Any, iterable: Iterable[Any], attribute: Any = None, start: Any = 0) -> Any:
    if not isinstance(start, int | float | Decimal):
        raise TemplateLimit("sum: hanya bilangan yang dapat dijumlahkan")
    return jinja_filters.sync_do_sum(environment, iterable, attribute, start)


_join.jinja_pass_arg = jinja_filters.sync_do_join.jinja_pass_arg  # type: ignore[attr-defined]
_replace.jinja_pass_arg = jinja_filters.do_replace.jinja_pass_arg  # type: ignore[attr-defined]
_sum.jinja_pass_arg = jinja_filters.sync_do_sum.jinja_pass_arg  # type: ignore[attr-defined]


# -- the environment --------------------------------------------------------------


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, with two calls routed through the environment.

    ``a[b]`` calls ``environment.getitem_at(a, b, "a[b]")``, so that a failed
    lookup is named by the expression as written, and ``a ~ b`` calls
    ``environment.join_text`` so that joined text is bounded too (Jinja's sandbox
    can intercept ``+`` and ``*``, not ``~``).
    """

    def visit_Getitem(self, node: nodes.Getitem, frame: Frame) -> None:
        if isinstance(node.arg, nodes.Slice) or self.environment.is_async:
            super().visit_Getitem(node, frame)
            return
        self.write("environment.getitem_at(")
        self.visit(node.node, frame)
        self.write(", ")
        self.visit(node.arg, frame)
        self.write(f", {expression_text(node)!r})")

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.join_text((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class Sandbox(ImmutableSandboxedEnvironment):
    """The one Jinja environment of surat: allow-listed, bounded, strict, autoescaping.

    docxtpl compiles the document's whole XML on every render; the compiled
    template is kept (keyed by its source) so a batch compiles each template
    once.
    """

    code_generator_class = _CodeGenerator
    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(
        self, filters: Mapping[str, Callable[..., Any]], finalize: Callable[[Any], Any]
    ) -> None:
        super().__init__(autoescape=True, undefined=Undefined, finalize=finalize)
        own = {name: f for name, f in self.filters.items() if name in JINJA_FILTERS}
        own.update({"join": _join, "replace": _replace, "sum": _sum})
        own.update(filters)
        self.filters = own
        self.globals = {"range": safe_range, "dict": dict, "namespace": Namespace}
        self._compiled = lru_cache(maxsize=32)(self._compile_source)

    def _compile_source(self, source: str) -> Any:
        return super().from_string(source)

    def from_string(
        self, source: str | nodes.Template, globals: Any = None, template_class: Any = None
    ) -> Any:
        if globals is None and template_class is None and isinstance(source, str):
            return self._compiled(source)
        return super().from_string(source, globals, template_class)

    # -- what a template may touch --

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr.startswith("_"):
            return False
        kind = type(obj)
        if kind is str or kind is Markup:
            return attr in STR_METHODS
        if kind is Fields or kind is dict:
            return attr in DICT_METHODS
        if kind is list:
            return attr in LIST_METHODS
        if kind is date or kind is datetime or kind is time:
            return attr in DATE_ATTRS
        if kind is Namespace:  # holds the template's own values
            return True
        if isinstance(obj, LoopContext):
            return attr in LOOP_ATTRS
        if kind is jinja_filters._GroupTuple:
            return attr in GROUP_ATTRS
        return False

    def is_safe_callable(self, obj: Any) -> bool:
        if isinstance(obj, Macro) or obj is safe_range or obj is dict or obj is Namespace:
            return True
        if isinstance(obj, BuiltinMethodType | MethodType):
            owner = getattr(obj, "__self__", None)
            return owner is not None and self.is_safe_attribute(owner, obj.__name__, obj)
        return False

    def wrap_str_format(self, value: Any) -> None:
        return None  # str.format is not on the allow-list at all

    def getattr(self, obj: Any, attribute: str) -> Any:
        # A field named like a dict method ('items', 'keys') is the field.
        if type(obj) is Fields and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def getitem_at(self, obj: Any, argument: Any, label: str) -> Any:
        """``obj[argument]``; when missing, an error naming *label*, not the key."""
        value = self.getitem(obj, argument)
        if isinstance(value, JinjaUndefined) and value._undefined_exception is not SecurityError:
            if isinstance(obj, Empty):
                return self.undefined(hint=f"{label}: {obj._path} tidak berisi")
            what = "kunci itu tidak ada" if isinstance(obj, Mapping) else "butir itu tidak ada"
            return self.undefined(hint=f"{label}: {what}")
        return value

    def join_text(self, values: tuple[Any, ...]) -> str:
        """``a ~ b ~ ...``, bounded: Jinja's markup_join with a size limit."""
        parts = [soft_str(v) for v in values]
        if sum(len(p) for p in parts) > MAX_STRING:
            raise _too_long()
        if any(hasattr(p, "__html__") for p in parts):
            return Markup("").join(parts)
        return "".join(parts)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "%" and isinstance(left, str):
            raise TemplateLimit("format '%' untuk teks tidak tersedia; gabungkan teks dengan ~")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(n, int) and _size(seq) * n > MAX_STRING:
                    raise _too_long()
            if _int_bits(left) + _int_bits(right) > MAX_INT_BITS:
                raise TemplateLimit(f"bilangan lebih besar dari {MAX_INT_BITS:,} bit")
        elif operator == "+":
            if _size(left) + _size(right) > MAX_STRING:
                raise _too_long()
        elif operator == "**" and isinstance(right, int) and _int_bits(left) * right > MAX_INT_BITS:
            raise TemplateLimit(f"bilangan lebih besar dari {MAX_INT_BITS:,} bit")
        return self.binop_table[operator](left, right)


def _int_bits(value: Any) -> int:
    return abs(value).bit_length() if isinstance(value, int) else 0


def expression_text(node: nodes.Node) -> str:
    """An expression as the template spells it (for messages; never a runtime value).

    >>> from jinja2 import Environment
    >>> expr = Environment().parse("{{ wilayah[pelapor.alamat] }}").body[0].nodes[0]
    >>> expression_text(expr)
    'wilayah[pelapor.alamat]'
    """
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{expression_text(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{expression_text(node.node)}[{expression_text(node.arg)}]"
    if isinstance(node, nodes.Call):
        return f"{expression_text(node.node)}(...)"
    if isinstance(node, nodes.Filter):
        inner = expression_text(node.node) if node.node is not None else ""
        return f"{inner}|{node.name}"
    if isinstance(node, nodes.Const):
        text = repr(node.value)
        return text if len(text) <= 40 else text[:39] + "…"
    return "…"
