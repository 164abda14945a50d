"""Print packs: every letter once as the original, then a stamped copy per tembusan.

One PDF goes to the printer: for each letter its original pages, then for each
copy recipient the same pages again with a stamp — a one-line box at the top
saying TEMBUSAN and the recipient, as real (searchable) text, in the top
margin above the kop, and a light diagonal band drawn under the page's content
so it never hides the letter's text, number or signature.

How it is put together, and why:

The parts: :mod:`~surat.pack.printing` (:func:`print_pack`),
:mod:`~surat.pack.stamp` (the TEMBUSAN box and band),
:mod:`~surat.pack.assemble` (the pypdf writer) and
:mod:`~surat.pack.workflow` (the numbered pack: batch, Kasus and ``surat buat``
take their numbers, print and confirm them through it).

- A copy page is a new page object with its own contents array and resources:
  its contents are ``[under, q <the letter's streams> Q, over]``, where
  *under* paints the band and *over* shows the stamp as a Form XObject. The
  letter's own streams are wrapped, never rewritten (pypdf's merge_page rewrites
  the page it stamps, which is how appending one reader twice ends with the
  original stamped too); so the copy may share them with the original, the
  file holds them once, and no content stream is parsed.
- The letters of one template and page setup are converted by LibreOffice
  as one document and split back at hidden markers (:mod:`surat.pdf.join`);
  a letter's pages go into the pack straight from that joined PDF, so the
  fonts and images its letters share are read once.
- The stamp box is a tiny Word document converted by LibreOffice in the same
  run as the letters, so its font is embedded like theirs and a PDF/A pack
  stays PDF/A; the band is pure vector graphics.
- Identical objects (fonts, the kop's emblem) are merged before writing.
"""

from __future__ import annotations

from .._submodules import submodules
from .printing import PackResult, print_pack
from .stamp import STAMP_TITLE, check_recipient, stamp_docx, stamp_size

__all__ = ["STAMP_TITLE", "PackResult", "check_recipient", "print_pack", "stamp_docx", "stamp_size"]

__getattr__ = submodules(__name__, ["assemble", "workflow"])
