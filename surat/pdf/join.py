"""Letters of one template converted as one document, then split back into letters.

LibreOffice spends most of a one-page letter's time opening and laying out a
document, not printing its page. The letters of a batch share their template,
so :class:`Grouper` gathers those that would be laid out alike (the same
parts but the body, headers and footers; the same page size, margins and
section settings) and :func:`join` makes one .docx of them: one styles part,
one numbering part, one emblem image, the bodies one after the other, each
letter a section of its own whose page numbers start again at 1 and which
keeps its own headers and footers (RAHASIA, the paraf box).

Where each letter's pages are in the joined PDF is never guessed from page
counts: the first line of text of each letter carries a hidden marker (a run
of hidden text, unique to the conversion, with the paragraph given an outline
level), which LibreOffice exports as an entry of the PDF's outline pointing to
that letter's first page; :func:`split` reads them back and cuts the PDF into
one PDF per letter, or answers None when any marker is missing or out of
order (the letters are then converted one at a time).

A letter whose layout could come out differently inside another document
is never joined (:func:`prepare` answers None): more than one section,
fields other than PAGE (NUMPAGES would count the whole group), lists (their
numbers would run on), footnotes, comments, tracked changes, internal links,
even and odd headers or mirrored margins, or no line of text near its top to
carry the marker.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import io
import itertools
import posixpath
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .package import Parts

__all__ = ["Grouper", "Member", "Pages", "Piece", "join", "new_nonce", "prepare", "split"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_R = "{" + _R_NS + "}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL = "{" + _REL_NS + "}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"

DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"

#: Elements that make a letter's layout depend on its neighbours in a joined document.
_REFUSED = frozenset(
    f"{_W}{tag}"
    for tag in (
        "footnoteReference", "endnoteReference", "commentReference", "commentRangeStart",
        "numPr", "ins", "del", "moveFrom", "moveTo", "altChunk", "subDoc",
    )
)  # fmt: skip
#: Words a field instruction may hold: only the page number, as the footers print it.
_FIELD_WORDS = frozenset({"PAGE", "MERGEFORMAT", "Arabic", "ARABIC", "CHARFORMAT"})
#: Document settings under which a section's first page depends on its page number.
_SETTINGS_REFUSED = tuple(
    f"{_W}{t}" for t in ("evenAndOddHeaders", "mirrorMargins", "bookFoldPrinting", "gutterAtTop")
)
#: Empty paragraphs a letter may start with before its first line of text.
_LEADING = 8
#: Where in a sectPr the page numbering goes: before the first of these.
_AFTER_PGNUM = tuple(
    f"{_W}{t}"
    for t in ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection",
              "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange")
)  # fmt: skip
#: Where in a pPr the outline level goes: before the first of these.
_AFTER_OUTLINE = tuple(f"{_W}{t}" for t in ("divId", "cnfStyle", "rPr", "sectPr", "pPrChange"))
#: Where in an rPr the hidden mark goes: before the first of these.
_AFTER_VANISH = tuple(
    f"{_W}{t}"
    for t in ("webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
              "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl",
              "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")
)  # fmt: skip
#: Where in a pPr the section properties go: before this.
_AFTER_SECT = (f"{_W}pPrChange",)


def _etree() -> Any:
    from lxml import etree  # type: ignore[import-untyped]

    return etree


def _parse(data: bytes, *, huge: bool = False) -> Any:
    """The part's XML (a parser each time: lxml's are not shared between threads);
    *huge* lifts lxml's limits to LibreOffice's."""
    etree = _etree()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=huge)
    return etree.fromstring(data, parser)


def _read_as_libreoffice(data: bytes) -> Any | None:
    """The part as LibreOffice reads it, or None where it reads none (it then
    refuses the letter, joined or alone)."""
    try:
        return _parse(data, huge=True)
    except Exception:
        return None


def _dump(root: Any) -> bytes:
    out: bytes = _etree().tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


@functools.lru_cache(maxsize=64)
def _digest(data: bytes) -> bytes:
    """Cached: the parts a template's letters share are one bytes object (the
    package cache), whose hash Python keeps."""
    return hashlib.sha256(data).digest()


@dataclass
class Piece:
    """A letter that can be joined: its parts, its parsed body, the group it joins."""

    key: str
    """Letters with the same key are laid out alike and may share one document."""
    parts: Parts = field(repr=False)
    """The letter's parts (its text: never shown)."""
    root: Any = field(repr=False)
    mark: Any = field(repr=False)
    """The paragraph that carries the marker: the letter's first line of text."""
    notes: dict[str, str] = field(repr=False)
    """Relationship id -> part name, of the headers and footers."""


@functools.lru_cache(maxsize=16)
def _styles_info(styles: bytes | None) -> tuple[frozenset[str], frozenset[str]]:
    """Paragraph styles that number their paragraphs, and those with an outline
    level (both through the styles they are based on)."""
    if not styles:
        return frozenset(), frozenset()
    try:
        root = _parse(styles)
    except Exception:
        return frozenset({"*"}), frozenset({"*"})
    table = {st.get(f"{_W}styleId"): st for st in root.findall(f"{_W}style")}

    def has(sid: str | None, tag: str, seen: frozenset[str] = frozenset()) -> bool:
        st = table.get(sid)
        if st is None or sid in seen:
            return False
        ppr = st.find(f"{_W}pPr")
        if ppr is not None and ppr.find(f"{_W}{tag}") is not None:
            return True
        base = st.find(f"{_W}basedOn")
        return base is not None and has(base.get(f"{_W}val"), tag, seen | {str(sid)})

    numbered = frozenset(str(s) for s in table if has(s, "numPr"))
    outlined = frozenset(str(s) for s in table if has(s, "outlineLvl"))
    return numbered, outlined


def _notes(rels: bytes) -> dict[str, str] | None:
    """Header and footer relationships of the document: id -> part name."""
    try:
        root = _parse(rels)
    except Exception:
        return None
    found = {}
    for rel in root.iter(_REL):
        kind = str(rel.get("Type", "")).rsplit("/", 1)[-1]
        if kind in ("header", "footer"):
            target = str(rel.get("Target", ""))
            if rel.get("TargetMode", "Internal") != "Internal":
                return None
            part = target.lstrip("/") if target.startswith("/") else (
                posixpath.normpath(posixpath.join("word", target))
            )  # fmt: skip
            found[str(rel.get("Id", ""))] = part
    return found


def _fields_allowed(root: Any) -> bool:
    """Only page numbers among the part's fields: every other field (NUMPAGES,
    SECTION, SEQ, a reference) would count or point across the whole group."""
    if root is None:
        return True
    if root.getroottree().docinfo.doctype:
        return False  # entities LibreOffice might expand into an instruction
    for el in root.iter(f"{_W}fldSimple", f"{_W}instrText", f"{_W}delInstrText"):
        if el.tag == f"{_W}fldSimple":
            text = str(el.get(f"{_W}instr", ""))
        elif len(el):
            return False  # not plain text
        else:
            text = el.text or ""
        if any(word not in _FIELD_WORDS for word in re.findall(r"[A-Za-z]+", text)):
            return False
    return True


@functools.lru_cache(maxsize=16)
def _settings_allowed(settings: bytes) -> bool:
    root = _read_as_libreoffice(settings) if settings else None
    if root is None:
        return not settings
    if root.getroottree().docinfo.doctype:
        return False
    return not any(True for _ in root.iter(*_SETTINGS_REFUSED))


def _text(el: Any) -> bool:
    return any((t.text or "").strip() for t in el.iter(f"{_W}t"))


def _breaks(el: Any) -> bool:
    """A page or column break, or something that may be taller than a line."""
    if any(True for _ in el.iter(f"{_W}pageBreakBefore")):
        return True
    for br in el.iter(f"{_W}br"):
        if br.get(f"{_W}type") in ("page", "column"):
            return True
    return any(
        True for _ in el.iter(f"{_W}drawing", f"{_W}pict", f"{_W}object", f"{_W}txbxContent")
    )


def _markable(p: Any, outlined: frozenset[str]) -> bool:
    ppr = p.find(f"{_W}pPr")
    if ppr is not None:
        if ppr.find(f"{_W}outlineLvl") is not None:
            return False
        style = ppr.find(f"{_W}pStyle")
        if style is not None and (style.get(f"{_W}val") in outlined or "*" in outlined):
            return False
        if ppr.find(f"{_W}pageBreakBefore") is not None:
            return False
    for el in p.iter(f"{_W}t", f"{_W}br"):  # a break before its first text: on a later page
        if el.tag == f"{_W}t" and (el.text or "").strip():
            break
        if el.tag == f"{_W}br" and el.get(f"{_W}type") in ("page", "column"):
            return False
    return all(a.tag != f"{_W}txbxContent" for a in p.iterancestors())


def _first_line(body: list[Any], outlined: frozenset[str]) -> Any:
    """The paragraph with the letter's first line of text, if it surely is on the
    letter's first page: in the first paragraph or table (the first row of it),
    after nothing but a few empty paragraphs."""
    for n, el in enumerate(body):
        if n > _LEADING:
            return None
        if el.tag == f"{_W}p":
            if _text(el):
                return el if _markable(el, outlined) else None
            if _breaks(el):
                return None
            continue
        if el.tag == f"{_W}tbl":
            row = el.find(f"{_W}tr")
            if row is None:
                return None
            for p in row.iter(f"{_W}p"):
                if _text(p):
                    return p if _markable(p, outlined) else None
            return None
        return None
    return None


def prepare(parts: Parts) -> Piece | None:
    """*parts* (an offline letter) as a :class:`Piece`, or None: convert it alone."""
    doc, rels = parts.get(DOCUMENT), parts.get(DOCUMENT_RELS)
    settings = parts.get("word/settings.xml", b"")
    if doc is None or rels is None or CONTENT_TYPES not in parts:
        return None
    if not _settings_allowed(settings):
        return None
    notes = _notes(rels)
    if notes is None or any(part not in parts for part in notes.values()):
        return None
    try:
        root = _parse(doc)
    except Exception:
        return None
    if not _fields_allowed(root):
        return None
    if not all(_fields_allowed(_read_as_libreoffice(parts[p])) for p in set(notes.values())):
        return None
    body = root.find(f"{_W}body")
    if body is None or root.tag != f"{_W}document":
        return None
    kids = list(body)
    if not kids or kids[-1].tag != f"{_W}sectPr":
        return None
    numbered, outlined = _styles_info(parts.get("word/styles.xml"))
    sections = 0
    for el in root.iter(*_REFUSED, f"{_W}sectPr", f"{_W}pStyle", f"{_W}hyperlink"):
        tag = el.tag
        if tag in _REFUSED:
            return None
        if tag == f"{_W}sectPr":
            sections += 1
        elif tag == f"{_W}pStyle":
            if el.get(f"{_W}val") in numbered or "*" in numbered:
                return None  # its numbers would run on from the letter before
        elif tag == f"{_W}hyperlink" and el.get(f"{_W}anchor") is not None:
            return None  # a link inside the letter: its target may be another's page
    if sections != 1:
        return None
    sect = kids[-1]
    kind = sect.find(f"{_W}type")
    if kind is not None and kind.get(f"{_W}val", "nextPage") != "nextPage":
        return None
    mark = _first_line(kids[:-1], outlined)
    if mark is None:
        return None
    # the group: every part but the body and the headers and footers, and the page setup
    shape = _etree().fromstring(_etree().tostring(sect))
    for ref in shape:
        ref.attrib.pop(f"{_R}id", None)
    key = hashlib.sha256(_etree().tostring(shape, method="c14n"))
    own = {DOCUMENT, *notes.values()}
    for name in sorted(parts):
        if name not in own:
            key.update(name.encode() + b"\0" + _digest(parts[name]))
    return Piece(key.hexdigest(), parts, root, mark, notes)


def new_nonce() -> str:
    """A marker no letter's text contains by chance."""
    return "SJ" + secrets.token_hex(6)


def _insert(parent: Any, child: Any, before: tuple[str, ...]) -> None:
    for n, el in enumerate(parent):
        if el.tag in before:
            parent.insert(n, child)
            return
    parent.append(child)


def _sub(parent: Any, tag: str, **attrs: str) -> Any:
    el = _etree().SubElement(parent, f"{_W}{tag}")
    for k, v in attrs.items():
        el.set(f"{_W}{k}", v)
    return el


def _element(tag: str, **attrs: str) -> Any:
    el = _etree().Element(f"{_W}{tag}")
    for k, v in attrs.items():
        el.set(f"{_W}{k}", v)
    return el


def _restart(sect: Any) -> None:
    """The section's pages numbered from 1, unless the letter says otherwise."""
    num = sect.find(f"{_W}pgNumType")
    if num is None:
        num = _element("pgNumType")
        _insert(sect, num, _AFTER_PGNUM)
    if num.get(f"{_W}start") is None:
        num.set(f"{_W}start", "1")


def _ppr(p: Any) -> Any:
    ppr = p.find(f"{_W}pPr")
    if ppr is None:
        ppr = _element("pPr")
        p.insert(0, ppr)
    return ppr


def _mark(p: Any, text: str) -> None:
    """A hidden run with *text* first in *p*, which becomes an outline entry.

    The run is formatted as the paragraph's first text (hidden text still
    counts in the height of its line), plus hidden.
    """
    ppr = _ppr(p)
    _insert(ppr, _element("outlineLvl", val="0"), _AFTER_OUTLINE)
    run = _element("r")
    first = next((t for t in p.iter(f"{_W}t") if (t.text or "").strip()), None)
    own = first.getparent().find(f"{_W}rPr") if first is not None else None
    rpr = copy.deepcopy(own) if own is not None else _element("rPr")
    for shown in rpr.findall(f"{_W}vanish"):
        rpr.remove(shown)
    _insert(rpr, _element("vanish"), _AFTER_VANISH)
    run.append(rpr)
    _sub(run, "t").text = text
    p.insert(list(p).index(ppr) + 1, run)


def marker(nonce: str, index: int) -> str:
    return f"{nonce}-{index}-"


def join(pieces: list[Piece], nonce: str) -> Parts:
    """One document of *pieces* (same key), each a section of its own, marked.

    The pieces' parsed bodies are used up.
    """
    etree = _etree()
    first = pieces[0]
    out = dict(first.parts)
    rels = _parse(out[DOCUMENT_RELS])
    types = _parse(out[CONTENT_TYPES])
    overrides = {str(o.get("PartName", "")): o for o in types.iter(f"{_CT}Override")}
    known: dict[tuple[str, bytes], str] = {}
    for rid, part in first.notes.items():
        known.setdefault((part, first.parts[part]), rid)
    body = first.root.find(f"{_W}body")
    bodies = [list(p.root.find(f"{_W}body")) for p in pieces]
    for el in bodies[0]:
        body.remove(el)
    drawing = bookmark = 0
    last = len(pieces) - 1
    for i, (piece, kids) in enumerate(zip(pieces, bodies, strict=True)):
        sect = kids.pop()
        for ref in sect:
            rid = ref.get(f"{_R}id")
            if rid is None or rid not in piece.notes:
                continue
            part = piece.notes[rid]
            data = piece.parts[part]
            new = known.get((part, data))
            if new is None:
                new = f"rIdSuratJoin{i}x{len(known)}"
                stem, ext = posixpath.splitext(part)
                name = f"{stem}-{i}{ext}"
                out[name] = data
                folder, file = posixpath.split(part)
                own_rels = posixpath.join(folder, "_rels", file + ".rels")
                if own_rels in piece.parts:
                    out[posixpath.join(folder, "_rels", posixpath.basename(name) + ".rels")] = (
                        piece.parts[own_rels]
                    )
                old = next(r for r in rels.iter(_REL) if r.get("Id") == rid)
                rel = etree.SubElement(rels, _REL)
                rel.set("Id", new)
                rel.set("Type", str(old.get("Type")))
                rel.set("Target", posixpath.relpath(name, "word"))
                over = overrides.get("/" + part)
                if over is not None:
                    o = etree.SubElement(types, f"{_CT}Override")
                    o.set("PartName", "/" + name)
                    o.set("ContentType", str(over.get("ContentType")))
                known[(part, data)] = new
            ref.set(f"{_R}id", new)
        _restart(sect)
        _mark(piece.mark, marker(nonce, i))
        ids: dict[str, str] = {}
        for kid in kids:
            for el in kid.iter(f"{_WP}docPr", f"{_W}bookmarkStart", f"{_W}bookmarkEnd"):
                if el.tag == f"{_WP}docPr":
                    drawing += 1
                    el.set("id", str(drawing))
                else:
                    old_id = str(el.get(f"{_W}id"))
                    if old_id not in ids:
                        bookmark += 1
                        ids[old_id] = str(bookmark)
                    el.set(f"{_W}id", ids[old_id])
        if i < last:
            tail = kids[-1] if kids else None
            if tail is None or tail.tag != f"{_W}p":
                # after a table: a paragraph for the break, hidden as the one a
                # document ending in a table has (it never takes a line)
                tail = _element("p")
                _sub(_sub(_ppr(tail), "rPr"), "vanish")
                kids.append(tail)
            _insert(_ppr(tail), sect, _AFTER_SECT)
        else:
            kids.append(sect)
        body.extend(kids)
    out[DOCUMENT] = _dump(first.root)
    out[DOCUMENT_RELS] = _dump(rels)
    out[CONTENT_TYPES] = _dump(types)
    return out


class Pages:
    """One letter's pages in a joined PDF.

    A print pack copies them straight from the joined PDF (:attr:`reader`,
    :attr:`start`, :attr:`stop`), so the fonts and images the letters share
    are read once; :attr:`pdf` is the letter as a PDF of its own.
    """

    def __init__(self, reader: Any, start: int, stop: int) -> None:
        self.reader = reader
        self.start = start
        self.stop = stop
        self._pdf: bytes | None = None

    def __len__(self) -> int:
        return self.stop - self.start

    def __repr__(self) -> str:
        return f"Pages({self.start}..{self.stop})"

    @property
    def pdf(self) -> bytes:
        """The letter's pages as a PDF of their own (made once)."""
        if self._pdf is None:
            from pypdf import PdfWriter
            from pypdf.generic import NameObject

            reader = self.reader
            w = PdfWriter()
            for n in range(self.start, self.stop):
                w.add_page(reader.pages[n])
            root = reader.root_object
            for key in ("/Lang", "/OutputIntents", "/Metadata"):
                if key in root:
                    w._root_object[NameObject(key)] = root[key].clone(w)
            info = reader.metadata
            if info is not None:
                w.add_metadata({k: v for k, v in info.items() if isinstance(k, str)})
            buf = io.BytesIO()
            w.write(buf)
            self._pdf = buf.getvalue()
        return self._pdf


#: Outline entries read at most (a joined PDF has one per letter, and the
#: headings of its letters, if any).
_MAX_ENTRIES = 100_000


def _entries(root: Any) -> Iterator[tuple[str, Any]]:
    """Every outline entry of a PDF: its title and its destination (an array)."""
    outlines = root.get("/Outlines")
    if outlines is None:
        return
    todo = [outlines.get_object().get("/First")]
    seen: set[int] = set()
    while todo:
        ref = todo.pop()
        if ref is None:
            continue
        num = getattr(ref, "idnum", None)
        if num is None or num in seen or len(seen) > _MAX_ENTRIES:
            continue
        seen.add(num)
        node = ref.get_object()
        dest = node.get("/Dest")
        action = node.get("/A")
        if dest is None and action is not None:
            dest = action.get_object().get("/D")
        yield str(node.get("/Title", "")), dest.get_object() if dest is not None else None
        todo.append(node.get("/Next"))
        todo.append(node.get("/First"))


def split(pdf: bytes, count: int, nonce: str) -> list[Pages] | None:
    """The joined *pdf* cut into *count* letters at their markers; None when it
    is no PDF or its markers do not say where every letter starts."""
    from pypdf import PdfReader

    if not pdf.startswith(b"%PDF"):
        return None
    pattern = re.compile(re.escape(nonce) + r"-(\d+)-")
    starts: dict[int, int] = {}
    try:
        reader = PdfReader(io.BytesIO(pdf))
        number = {
            page.indirect_reference.idnum: n
            for n, page in enumerate(reader.pages)
            if page.indirect_reference is not None
        }
        for title, dest in _entries(reader.root_object):
            found = pattern.search(title)
            if found is None:
                continue
            index = int(found.group(1))
            target = dest[0] if dest is not None and len(dest) else None
            page = number.get(int(getattr(target, "idnum", -1)))
            if index in starts or page is None:
                return None
            starts[index] = page
        total = len(reader.pages)
    except Exception:  # a PDF pypdf cannot read: the letters go one at a time
        return None
    if sorted(starts) != list(range(count)):
        return None
    first = [starts[i] for i in range(count)]
    if first[0] != 0 or any(b <= a for a, b in itertools.pairwise(first)) or first[-1] >= total:
        return None
    ends = [*first[1:], total]
    return [Pages(reader, a, b) for a, b in zip(first, ends, strict=True)]


@dataclass
class Member:
    """A letter waiting in a group: its place in the call, its name, its parts."""

    index: int
    name: str
    piece: Piece


class Grouper:
    """Gathers letters with the same key into groups of at most *size*.

    A group is handed out when it is full, or when its first letter is *size*
    letters behind the last one seen (a letter of a rarer kind does not wait
    for the end of the batch, and no more than about *size* letters wait at
    once); :meth:`rest` hands out what is left.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.open: dict[str, list[Member]] = {}

    def add(self, member: Member) -> list[list[Member]]:
        group = self.open.setdefault(member.piece.key, [])
        group.append(member)
        ready = []
        for key, waiting in list(self.open.items()):
            if len(waiting) >= self.size or waiting[0].index <= member.index - self.size:
                ready.append(self.open.pop(key))
        return sorted(ready, key=lambda g: g[0].index)

    def early(self, least: int) -> list[list[Member]]:
        """For a worker with nothing to do: the groups of at least *least*
        letters, and those whose first letter waits since *least* letters."""
        newest = max((g[-1].index for g in self.open.values()), default=0)
        ready = [
            self.open.pop(key)
            for key, g in list(self.open.items())
            if len(g) >= least or g[0].index <= newest - least
        ]
        return sorted(ready, key=lambda g: g[0].index)

    def rest(self) -> list[list[Member]]:
        ready = sorted(self.open.values(), key=lambda g: g[0].index)
        self.open = {}
        return ready
