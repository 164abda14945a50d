"""Read a template without filling it: the fields it needs, and what it may not do.

- :func:`check_template` (``surat templat periksa``): the fields a template
  needs; a syntax error is reported with the text near it; anything reaching
  beyond the data (:func:`unsafe_expressions`: ``kop.logo.tpl.save(...)``,
  ``x.__class__``, ``{% include %}``, a call of anything but a few methods of
  text, tables and dates) is refused, naming each expression.
- :func:`unknown_fields`: an office's edited copy of a built-in template,
  checked against its kind. ``surat templat salin persetujuan templat/``
  gives an office the template to edit (:func:`copy_template`);
  ``[templat] persetujuan = "templat/persetujuan.docx"`` in its profile makes
  :func:`surat.render` use it, with the kind's validation and context. What
  that context holds is decided by the kind (the victim's initials, never the
  full name, in letters that leave the office), so a field the edited
  template uses that the context does not provide can never print: it would
  fail on every letter. :func:`unknown_fields` names those fields beforehand.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes

from .. import letters
from ..errors import SuratError
from ..files import write_private
from ..office import Office
from .engine import ENV, default_office, near, read_template, template_path
from .isolation import run_limited
from .sandbox import CALLABLE_GLOBALS, SAFE_ATTRS, expression_text

__all__ = [
    "check_template",
    "context_fields",
    "copy_template",
    "detect_kind",
    "expression_text",
    "template_fields",
    "template_source",
    "unknown_fields",
    "unsafe_expressions",
]


_STATEMENTS: dict[type[nodes.Node], str] = {
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from ... import %}",
    nodes.Extends: "{% extends %}",
}


def unsafe_expressions(tree: nodes.Template) -> list[str]:
    """What a parsed template reaches beyond its data, one line per expression.

    >>> from jinja2 import Environment
    >>> unsafe_expressions(Environment().parse(
    ...     "{{ korban.inisial|upper }} {{ kop.logo.tpl.save('x') }} {{ nama.__class__ }}"))
    ['kop.logo.tpl.save(...): memanggil save, yang bukan metode data biasa', \
'nama.__class__: atribut tersembunyi']
    """
    macros = {m.name for m in tree.find_all(nodes.Macro)} | {"caller"}
    found: dict[str, str] = {}

    def visit(node: nodes.Node) -> None:
        for kind, text in _STATEMENTS.items():
            if isinstance(node, kind):
                found.setdefault(text, "templat tidak boleh memuat berkas lain")
        if isinstance(node, nodes.Name) and node.name == "self":
            found.setdefault("self", "objek templat itu sendiri")
        if isinstance(node, nodes.Getattr):
            text = expression_text(node)
            if node.attr.startswith("_"):
                found.setdefault(text, "atribut tersembunyi")
                return
            if text.startswith("kop.logo."):
                found.setdefault(text, "kop.logo adalah gambar, tidak berisian")
                return
            data = isinstance(node.node, nodes.Name | nodes.Getattr | nodes.Getitem)
            if not data and node.attr not in SAFE_ATTRS:
                found.setdefault(text, "bukan atribut data biasa")
                return
        if isinstance(node, nodes.Getitem):
            arg = node.arg
            hidden = isinstance(arg, nodes.Const) and str(arg.value).startswith("_")
            if hidden:
                found.setdefault(expression_text(node), "atribut tersembunyi")
                return
        if isinstance(node, nodes.Call):
            func = node.node
            ok = (isinstance(func, nodes.Name) and func.name in CALLABLE_GLOBALS | macros) or (
                isinstance(func, nodes.Getattr) and func.attr in SAFE_ATTRS
            )
            if not ok:
                name = func.attr if isinstance(func, nodes.Getattr) else expression_text(func)
                found.setdefault(
                    expression_text(node),
                    f"memanggil {name}, yang bukan metode data biasa",
                )
                return
        for child in node.iter_child_nodes():
            visit(child)

    visit(tree)
    return [f"{text}: {why}" for text, why in found.items()]


def _related(z: zipfile.ZipFile, rels: str, folder: str, kinds: tuple[str, ...]) -> list[str]:
    """The archive members that *rels* points to with a relationship of one of *kinds*."""
    from docx.oxml.parser import parse_xml

    if rels not in z.namelist():
        return []
    found = []
    for rel in parse_xml(z.read(rels)):
        kind = str(rel.get("Type", "")).rsplit("/", 1)[-1]
        target = str(rel.get("Target", ""))
        if kind in kinds and rel.get("TargetMode") != "External" and target:
            path = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"
            found.append(posixpath.normpath(path).lstrip("/"))
    return found


def template_source(source: bytes, name: str | Path) -> str:
    """The template's XML as docxtpl hands it to Jinja (body, headers, footers,
    footnotes), read from the archive itself: no Word document is built for it."""
    try:
        with zipfile.ZipFile(io.BytesIO(source)) as z:
            main = _related(z, "_rels/.rels", "", ("officeDocument",))[0]
            folder, _, base = main.rpartition("/")
            rels = f"{folder}/_rels/{base}.rels"
            parts = [main, *_related(z, rels, folder, ("header", "footer", "footnotes"))]
            # patch_xml uses no state of its own; made here, not at module level,
            # where doctest's finder would recurse in docxtpl's __getattr__
            patcher = DocxTemplate.__new__(DocxTemplate)
            xml = [patcher.patch_xml(z.read(part).decode("utf-8")) for part in parts]
    except SuratError:
        raise
    except Exception as exc:
        raise SuratError(f"{name}: bukan .docx yang terbaca ({type(exc).__name__})") from None
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", "".join(xml))


def _path_of(node: nodes.Node, aliases: dict[str, str | None]) -> str | None:
    """The dotted data path an expression reads, or None when it is not plain data."""
    if isinstance(node, nodes.Name):
        if node.name in aliases:
            return aliases[node.name]
        if node.name in ENV.globals:
            return None
        return node.name
    if isinstance(node, nodes.Getattr):
        base = _path_of(node.node, aliases)
        return f"{base}.{node.attr}" if base else None
    if isinstance(node, nodes.Getitem):
        base = _path_of(node.node, aliases)
        if base is None:
            return None
        arg = node.arg
        if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
            return f"{base}.{arg.value}"
        return f"{base}[]"
    return None


def _names(target: nodes.Node) -> list[str]:
    if isinstance(target, nodes.Name):
        return [target.name]
    return [n.name for n in target.find_all(nodes.Name)]


def _collect(node: nodes.Node, aliases: dict[str, str | None], out: set[str]) -> None:
    if isinstance(node, nodes.For):
        _collect(node.iter, aliases, out)
        inner = dict(aliases)
        base = _path_of(node.iter, aliases)
        targets = _names(node.target)
        for t in targets:
            inner[t] = f"{base}[]" if base and len(targets) == 1 else None
        inner["loop"] = None
        for child in [*node.body, *node.else_]:
            _collect(child, inner, out)
        if node.test is not None:
            _collect(node.test, inner, out)
        return
    if isinstance(node, nodes.Assign | nodes.AssignBlock):
        for name in _names(node.target):
            aliases[name] = None
    if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
        path = _path_of(node, aliases)
        if path is not None:
            out.add(path)
            if isinstance(node, nodes.Getitem):
                _collect(node.arg, aliases, out)
            return
    for child in node.iter_child_nodes():
        _collect(child, aliases, out)


def _analyse(source: bytes, name: str) -> tuple[list[str], list[str]]:
    """A template's fields and its unsafe expressions, found without running it."""
    xml = template_source(source, name)
    try:
        tree = ENV.parse(xml)
        ENV.compile(tree)  # unknown filters and tests are found here
    except TemplateSyntaxError as exc:
        raise SuratError(
            f"{name}: galat sintaksis templat: {exc.message}{near(xml, exc.lineno)}"
        ) from None
    except RecursionError:
        raise SuratError(f"{name}: galat sintaksis templat: bersarang terlalu dalam") from None
    out: set[str] = set()
    _collect(tree, {}, out)
    # A field whose sub-fields are listed is implied by them.
    fields = {f for f in out if not any(o.startswith((f + ".", f + "[")) for o in out)}
    return sorted(fields), unsafe_expressions(tree)


def inspect_source(source: bytes, name: str) -> list[str]:
    """The fields of a template that is safe to fill in; else a ``SuratError`` listing why not."""
    fields, unsafe = _analyse(source, name)
    if unsafe:
        raise SuratError(
            f"{name}: templat tidak aman: menjangkau di luar datanya "
            f"({len(unsafe)} ungkapan):\n  " + "\n  ".join(unsafe)
        )
    return list(fields)


def check_template(path: str | Path) -> list[str]:
    """Check an office template; return the fields it needs (``korban.inisial``,
    ``pendamping[].nama``...), sorted.

    A syntax error or an unknown filter raises ``SuratError`` naming the file,
    the problem and the document text near it. So does a template that reaches
    beyond its data (``kop.logo.tpl``, ``x.__class__``, ``{% include %}``, a
    call of anything but a few methods of text, tables and dates): the error
    lists each such expression (``surat templat periksa`` exits 1).

    The template is read in a child process under the default profile's
    limits, like a render: a template is not parsed anywhere else.
    """
    p = Path(path)
    if p.suffix.lower() != ".docx":
        raise SuratError(f"{p}: templat .docx diharapkan")
    office = default_office()
    return run_limited(
        inspect_source,
        (read_template(p), str(p)),
        name=str(p),
        seconds=office.batas.waktu_render,
        memory_mb=office.batas.memori_render_mb,
    )


template_fields = check_template
"""The fields a template needs (same as :func:`check_template`)."""


def copy_template(kind: str, folder: str | Path, *, overwrite: bool = False) -> Path:
    """Copy a built-in template into *folder* for an office to edit; return its path.

    The folder is created (owner-only) when missing; an existing file is kept
    unless *overwrite* (``surat templat salin --timpa``).
    """
    source = read_template(template_path(kind))
    target_dir = Path(folder)
    try:
        target_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise SuratError(f"{target_dir}: folder tidak dapat dibuat ({exc.strerror})") from None
    target = target_dir / f"{kind}.docx"
    if target.exists() and not overwrite:
        raise SuratError(f"{target}: sudah ada (pilih folder lain, atau tambahkan --timpa)")
    return write_private(target, source)


def _walk(value: Any, prefix: str, out: set[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            out.add(path)
            _walk(item, path, out)
    elif isinstance(value, list | tuple):
        out.add(f"{prefix}[]")
        for item in value:
            _walk(item, f"{prefix}[]", out)


def context_fields(kind: str, office: Office | None = None) -> set[str]:
    """Every field path the kind's context provides (``korban.inisial``,
    ``pendamping[].nama``), from its example data.

    >>> sorted(f for f in context_fields("persetujuan") if f.startswith("korban"))
    ['korban', 'korban.inisial', 'korban.nomor_registrasi']
    """
    kind = letters.kind(kind).id
    office = office or Office.default()
    model = letters.validate(kind, letters.example_data(kind))
    nomor = "001/X/2026" if kind in letters.NUMBERED else None
    tanggal = getattr(model, "tanggal", None) or date(2026, 1, 1)
    context = letters.build_context(kind, model, office, tanggal=tanggal, nomor=nomor)
    out: set[str] = {"kop.logo"}  # the emblem is added when the template is filled
    _walk(context, "", out)
    return out


def detect_kind(path: str | Path) -> str | None:
    """The kind a template file is a copy of, from its name (``persetujuan.docx``).

    >>> detect_kind("templat/persetujuan.docx"), detect_kind("memo.docx")
    ('persetujuan', None)
    """
    stem = Path(path).stem.lower()
    return stem if stem in letters.REGISTRY else None


def unknown_fields(fields: list[str], kind: str, office: Office | None = None) -> list[str]:
    """The fields of *fields* (as :func:`check_template` lists them)
    that the kind's context does not provide.

    A sub-field of something the context gives as plain text or a date
    (``surat.tanggal.year``) is not checked: it is an attribute of that value.
    """
    known = context_fields(kind, office)
    missing = []
    for field in fields:
        if field in known:
            continue
        parts = field.split(".")
        # a prefix known as a leaf (text, date...): the rest is that value's attribute
        prefixes = (".".join(parts[:n]) for n in range(len(parts) - 1, 0, -1))
        if any(p in known and not _has_children(p, known) for p in prefixes):
            continue
        missing.append(field)
    return missing


def _has_children(path: str, known: set[str]) -> bool:
    return any(k.startswith((path + ".", path + "[")) for k in known)
