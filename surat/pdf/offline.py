"""Nothing in a document reaches outside it: the last step before LibreOffice reads it.

A .docx can make LibreOffice fetch a URL or read a local file while it
converts: an image, OLE object, frame or sub-document whose relationship has
``TargetMode="External"``, an attached template, an alternative-format chunk,
or an ``INCLUDEPICTURE`` / ``INCLUDETEXT`` / ``LINK`` / ``DDE`` field. Every
document the converter is given (built-in or custom template, or bytes from
anywhere) passes through :func:`offline_parts` first. It works by allow-list:

- a relationship is kept only if it is internal, of a kind listed in
  :data:`INTERNAL`, and points inside the package (no scheme, no ``//``); an
  image is kept only when its bytes are a raster image or a Windows metafile
  (an SVG may itself link to files);
- an external relationship is kept only as a hyperlink to ``http``, ``https``
  or ``mailto`` that is used by hyperlinks alone (LibreOffice does not follow
  those while converting; the PDF keeps them clickable);
- a field is kept only if its instruction is listed in :data:`FIELDS`; any
  other is replaced by the text it last showed (its cached result);
- ``settings.xml`` loses its mail-merge data source and its order to update
  styles from the attached template.

The worker's LibreOffice profile never updates links either
(:data:`surat.pdf.profile.REGISTRY`); this module is the first wall.
"""

from __future__ import annotations

import functools
import posixpath
import re
from typing import Any

from .package import Parts, read_parts, write_parts

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_R_NAMESPACES = (
    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}",
    "{http://purl.oclc.org/ooxml/officeDocument/relationships}",
)
_HYPERLINK_USES = frozenset(
    {
        (f"{_W}hyperlink", "id"),
        ("{http://schemas.openxmlformats.org/drawingml/2006/main}hlinkClick", "id"),
        ("{http://schemas.openxmlformats.org/drawingml/2006/main}hlinkHover", "id"),
    }
)

#: Kinds of internal relationship kept (the last segment of the Type URI). Left
#: out on purpose: oleObject, package, control, aFChunk, subDocument,
#: attachedTemplate, frame, vbaProject, mailMergeSource, recipientData, media.
INTERNAL = frozenset(
    {
        "officeDocument", "styles", "stylesWithEffects", "settings", "webSettings",
        "fontTable", "font", "theme", "themeOverride", "numbering", "header", "footer",
        "footnotes", "endnotes", "comments", "commentsExtended", "commentsIds",
        "commentsExtensible", "people", "image", "customXml", "customXmlProps",
        "core-properties", "extended-properties", "custom-properties", "thumbnail",
        "glossaryDocument", "chart", "chartUserShapes", "chartStyle", "chartColorStyle",
        "diagramData", "diagramLayout", "diagramQuickStyle", "diagramColors",
        "diagramDrawing",
    }
)  # fmt: skip

#: Field instructions kept (the first word); any other field prints its cached result.
FIELDS = frozenset(
    {
        "PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "DATE", "TIME", "CREATEDATE",
        "SAVEDATE", "PRINTDATE", "EDITTIME", "REF", "PAGEREF", "NOTEREF", "SEQ", "TOC",
        "TC", "HYPERLINK", "FORMTEXT", "FORMCHECKBOX", "FORMDROPDOWN", "SYMBOL",
        "MERGEFIELD", "DOCPROPERTY", "TITLE", "SUBJECT", "AUTHOR", "KEYWORDS",
        "COMMENTS", "NUMWORDS", "NUMCHARS", "AUTONUM", "AUTONUMLGL", "AUTONUMOUT",
        "LISTNUM", "EQ", "ADVANCE", "QUOTE", "IF", "=", "SET", "SHAPE", "BIDIOUTLINE",
    }
)  # fmt: skip

#: A raster image or Windows metafile, by its first bytes (EMF: by its signature at 40).
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM",
                b"II*\x00", b"MM\x00*", b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00",
                b"\x02\x00\x09\x00")  # fmt: skip
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_WEB = ("http://", "https://", "mailto:")


def offline_docx(docx: bytes, name: str = "document") -> bytes:
    """*docx* with nothing that makes LibreOffice reach outside the file.

    A :class:`~surat.SuratError` naming *name* if it is not a .docx that surat
    will hand to LibreOffice.
    """
    return write_parts(offline_parts(read_parts(docx, name)))


def offline_parts(parts: Parts) -> Parts:
    """The parts of a document, each external reference removed (see the module)."""
    out = dict(parts)
    for part, data in parts.items():
        if part.lower().endswith(".rels"):
            source = _source_of(part)
            out[part] = _clean_rels(data, parts, source, parts.get(source, b""))
        elif part == "word/settings.xml":
            out[part] = _clean_settings(data)
        elif part.startswith("word/") and part.endswith(".xml") and _has_fields(data):
            out[part] = _clean_fields(data)
    return out


def _etree() -> Any:
    from lxml import etree  # type: ignore[import-untyped]

    return etree


def _parse(data: bytes) -> Any:
    etree = _etree()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


def _dump(root: Any) -> bytes:
    out: bytes = _etree().tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


# -- relationships ------------------------------------------------------------


def _source_of(rels: str) -> str:
    """``word/_rels/document.xml.rels`` -> ``word/document.xml``."""
    folder, _, file = rels.rpartition("_rels/")
    return folder + file[: -len(".rels")]


def _kind(rel: Any) -> str:
    return str(rel.get("Type", "")).rstrip("/").rsplit("/", 1)[-1]


def _is_image(data: bytes | None) -> bool:
    if data is None:
        return False
    if data.startswith(_IMAGE_MAGIC):
        return True
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return True
    return data[:4] == b"\x01\x00\x00\x00" and data[40:44] == b" EMF"


@functools.lru_cache(maxsize=8)
def _uses(source: bytes) -> dict[str, frozenset[tuple[str, str]]]:
    """Each relationship id used in a part: by which element and attribute."""
    found: dict[str, set[tuple[str, str]]] = {}
    if source:
        for el in _parse(source).iter():
            for attr, value in el.attrib.items():
                if attr.startswith(_R_NAMESPACES):
                    found.setdefault(value, set()).add((str(el.tag), attr.rsplit("}", 1)[1]))
    return {k: frozenset(v) for k, v in found.items()}


def _hyperlink_only(rid: str, source: bytes) -> bool:
    """Whether *rid* is used in the source part, and only as a hyperlink's ``r:id``."""
    try:
        uses = _uses(source).get(rid)
    except Exception:
        return False
    return uses is not None and bool(uses) and uses <= _HYPERLINK_USES


def _keep(rel: Any, parts: Parts, source: str, source_xml: bytes) -> bool:
    target = str(rel.get("Target", ""))
    kind = _kind(rel)
    if rel.get("TargetMode", "Internal") != "Internal":
        return (
            kind == "hyperlink"
            and target.lower().startswith(_WEB)
            and _hyperlink_only(str(rel.get("Id", "")), source_xml)
        )
    if kind not in INTERNAL or not target or "\\" in target or target.startswith("//"):
        return False
    if _SCHEME.match(target):
        return False
    if kind == "image":
        path = target.lstrip("/") if target.startswith("/") else (
            posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
        )  # fmt: skip
        return _is_image(parts.get(path))
    return True


def _clean_rels(data: bytes, parts: Parts, source: str, source_xml: bytes) -> bytes:
    try:
        root = _parse(data)
    except Exception:
        return _EMPTY_RELS
    dropped = False
    for rel in list(root):
        if rel.tag != _REL or not _keep(rel, parts, source, source_xml):
            root.remove(rel)
            dropped = True
    return _dump(root) if dropped else data


_EMPTY_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
)


# -- settings -----------------------------------------------------------------


@functools.lru_cache(maxsize=16)
def _clean_settings(data: bytes) -> bytes:
    """settings.xml without a mail-merge source or an order to update styles from
    the attached template (whose relationship is gone anyway)."""
    if b"mailMerge" not in data and b"linkStyles" not in data and b"attachedTemplate" not in data:
        return data
    try:
        root = _parse(data)
    except Exception:
        return data  # LibreOffice ignores settings it cannot read
    for tag in ("mailMerge", "linkStyles", "attachedTemplate"):
        for el in root.findall(f"{_W}{tag}"):
            root.remove(el)
    return _dump(root)


# -- fields -------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _has_fields(data: bytes) -> bool:
    """Cached: a template's large shared parts (styles, theme) are the same bytes
    object for every letter, and a bytes object keeps its hash."""
    return b"instrText" in data or b"fldSimple" in data


def _instruction_word(text: str) -> str:
    word = text.strip().split(None, 1)[0] if text.strip() else ""
    if word.startswith("="):
        return "="
    return word.upper()


def _clean_fields(data: bytes) -> bytes:
    """Unlisted fields replaced by their cached result (see :data:`FIELDS`)."""
    try:
        root = _parse(data)
    except Exception:
        return data  # not XML: LibreOffice will refuse the document
    changed = False
    for simple in list(root.iter(f"{_W}fldSimple")):
        if _instruction_word(str(simple.get(f"{_W}instr", ""))) in FIELDS:
            continue
        parent = simple.getparent()
        at = parent.index(simple)
        for child in reversed(list(simple)):
            if child.tag != f"{_W}fldData":
                parent.insert(at, child)
        parent.remove(simple)
        changed = True
    changed |= _clean_complex_fields(root)
    return _dump(root) if changed else data


def _clean_complex_fields(root: Any) -> bool:
    """Complex fields (``w:fldChar`` begin / ``w:instrText`` / separate / end).

    For an unlisted one, every run from its begin up to its separator (or its
    end, without a result) goes, nested fields in its instruction included,
    and its end mark goes; the runs of its result stay as plain text.
    """
    runs = list(root.iter(f"{_W}r"))
    position = {id(r): i for i, r in enumerate(runs)}
    stack: list[dict[str, Any]] = []  # open fields: begin run, instruction, separator
    doomed: set[int] = set()  # run indexes to remove
    ends: list[Any] = []  # end fldChar elements to remove
    marks = (f"{_W}fldChar", f"{_W}instrText", f"{_W}delInstrText")
    for el in root.iter(*marks):
        run = el.getparent()
        index = position.get(id(run))
        if index is None:
            continue
        if el.tag != f"{_W}fldChar":
            if stack and stack[-1]["separate"] is None:
                stack[-1]["instr"].append(el.text or "")
                stack[-1]["runs"].append(index)
            continue
        kind = el.get(f"{_W}fldCharType")
        if kind == "begin":
            stack.append({"begin": index, "instr": [], "runs": [], "separate": None})
        elif kind == "separate" and stack:
            stack[-1]["separate"] = index
        elif kind == "end" and stack:
            field = stack.pop()
            if _instruction_word("".join(field["instr"])) in FIELDS:
                continue
            last = field["separate"] if field["separate"] is not None else index
            doomed.update(range(field["begin"], last + 1))
            ends.append(el)
    for field in stack:  # never closed: its marks and instruction go, its text stays
        if _instruction_word("".join(field["instr"])) not in FIELDS:
            doomed.update([field["begin"], *field["runs"]])
            if field["separate"] is not None:
                doomed.add(field["separate"])
    if not doomed and not ends:
        return False
    for el in ends:
        run = el.getparent()
        if run is not None:
            run.remove(el)
    for index in sorted(doomed, reverse=True):
        run = runs[index]
        parent = run.getparent()
        if parent is not None:
            parent.remove(run)
    return True
