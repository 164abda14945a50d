"""Text as a letter and an agenda can hold it: one cleaning, one rule of what prints.

The letters' fields (:mod:`surat.letters.fields`) and the register's agenda
text (:mod:`surat.numbering.checks`) both go through these, so a character a
letter refuses is refused in the agenda too.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_text", "unprintable"]

#: Characters XML 1.0 forbids (and U+FFFE/U+FFFF, lone surrogates). Tab (\x09),
#: line feed (\x0a) and carriage return (\x0d, folded into \n) are allowed.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Other line ends (next line, Unicode's line and paragraph separators): a word
#: processor breaks the line at each, so they are line breaks like \n.
_LINE_ENDS = re.compile("[\x85\u2028\u2029]")


def clean_text(value: str) -> str:
    """Remove what XML 1.0 forbids; fold every other line end into ``\\n``.

    >>> clean_text("PT Maju\\x0b & Jaya\\x00")
    'PT Maju & Jaya'
    >>> clean_text("baris 1\\r\\nbaris 2\\rbaris 3")
    'baris 1\\nbaris 2\\nbaris 3'
    >>> clean_text("baris 1\\u2028baris 2\\u2029baris 3")
    'baris 1\\nbaris 2\\nbaris 3'
    >>> clean_text("kolom\\tkolom")
    'kolom\\tkolom'
    """
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _LINE_ENDS.sub("\n", value)
    return _XML_ILLEGAL.sub("", value)


def unprintable(text: str, *, allow: str = "") -> bool:
    """Whether *text* holds a character that prints other than it reads: a control
    character, a line or paragraph separator, or a format character such as
    U+202E (right-to-left override), which shows "PT Maju" typed backwards as
    something else. The characters of *allow* (a tab, a line break) are
    allowed; a line break allows the other line separators too. The zero-width
    joiners that emoji and some scripts are made of are always allowed.

    >>> unprintable("Inspektorat Kota Batam"), unprintable("Arsip\\u202eJK")
    (False, True)
    >>> unprintable("baris 1\\nbaris 2", allow="\\n\\t"), unprintable("baris 1\\u2028baris 2")
    (False, True)
    """
    if text.isprintable():  # no category C, Zl or Zp (the common case, at C speed)
        return False
    for c in text:
        category = unicodedata.category(c)
        if c in _JOINERS or c in allow or ("\n" in allow and category in ("Zl", "Zp")):
            continue
        if category[0] == "C" or category in ("Zl", "Zp"):
            return True
    return False


_JOINERS = frozenset("\u200c\u200d")
"""Zero-width non-joiner and joiner: parts of emoji sequences and of some scripts."""
