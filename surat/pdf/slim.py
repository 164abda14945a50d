"""Drop the style definitions a letter does not use, before LibreOffice reads it.

Templates made from python-docx's default carry about 160 styles (350 KB of
XML) of which a letter uses ten; LibreOffice parses every one of them, which
is most of its time for a one-page letter.
"""

from __future__ import annotations

import functools
import re

from ..errors import SuratError
from .package import Parts, read_parts, write_parts

_STYLE_REF = re.compile(
    rb"<w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink|clickAndTypeStyle|defaultTableStyle)"
    rb' w:val="([^"]+)"'
)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@functools.lru_cache(maxsize=16)
def _slim_styles(styles: bytes, used: frozenset[str]) -> bytes | None:
    """styles.xml with only the styles in use (and what they build on)."""
    from lxml import etree  # type: ignore[import-untyped]

    try:
        root = etree.fromstring(styles)
    except etree.XMLSyntaxError:
        return None
    table = {st.get(f"{_W}styleId"): st for st in root.findall(f"{_W}style")}
    keep = set(used) | {k for k, st in table.items() if st.get(f"{_W}default") == "1"}
    todo = list(keep)
    while todo:
        st = table.get(todo.pop())
        if st is None:
            continue
        for tag in ("basedOn", "next", "link"):
            ref = st.find(f"{_W}{tag}")
            val = ref.get(f"{_W}val") if ref is not None else None
            if val and val not in keep:
                keep.add(val)
                todo.append(val)
    for sid, st in table.items():
        if sid not in keep:
            root.remove(st)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


def _style_refs(part: bytes) -> frozenset[str]:
    return frozenset(m.decode() for m in _STYLE_REF.findall(part))


def slim_parts(parts: Parts) -> Parts:
    """*parts* with ``word/styles.xml`` holding only the styles in use."""
    styles = parts.get("word/styles.xml")
    if styles is None:
        return parts
    used: set[str] = set()
    for n, data in parts.items():
        if n.startswith("word/") and n.endswith(".xml") and "styles" not in n.lower():
            used |= _style_refs(data)
    slim = _slim_styles(styles, frozenset(used))
    if slim is None:
        return parts
    return {**parts, "word/styles.xml": slim}


def slim_docx(docx: bytes, *, compress: bool = False) -> bytes:
    """The same letter without the style definitions nobody uses.

    Templates made from python-docx's default carry about 160 styles (350 KB
    of XML) of which a letter uses ten; LibreOffice parses every one of them,
    which is most of its time for a one-page letter. Dropping the unused ones
    changes nothing on the page (the PDF renders pixel for pixel the same) and
    makes loading about a third faster. The parts are stored, not deflated
    (cheaper when the file goes to a local disk); ``compress=True`` deflates
    them for a trip over the network. Anything unexpected: the bytes as given.
    """
    try:
        parts = read_parts(docx, "document")
    except SuratError:
        return docx  # LibreOffice will say what is wrong with it
    return write_parts(slim_parts(parts), compress=compress)
