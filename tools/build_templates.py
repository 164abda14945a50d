"""Build the shipped letter templates (and the placeholder emblem) as code.

Run ``python tools/build_templates.py`` (or ``make templates``) after editing
a template's ``template()`` in :mod:`surat.templates._build` (one module per
kind and report; the building blocks are in :mod:`surat.templates._build.docx`);
the committed .docx files must match its output (a test compares their text
and structure). A reviewer reads the letters there, not in Word. Neither this
script nor that package is installed: an installed surat reads the built files
and never runs them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from surat.templates._build import BUILDERS
from surat.templates._build.docx import schema_order

HERE = Path(__file__).resolve().parent.parent / "surat" / "templates"


# -- the placeholder emblem ------------------------------------------------------


def emblem(path: Path) -> None:
    """A neutral placeholder emblem: a plain grey shield with a ring. No real crest."""
    from PIL import Image, ImageDraw

    w, h = 240, 280
    # RGB on white, no alpha: some PDF renderers drop soft-masked images at low zoom.
    img = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    shield = [(20, 20), (220, 20), (220, 150), (120, 262), (20, 150)]
    d.polygon(shield, fill=(236, 239, 243), outline=(70, 80, 95))
    inner = [(34, 34), (206, 34), (206, 146), (120, 242), (34, 146)]
    d.line([*inner, inner[0]], fill=(70, 80, 95), width=4)
    d.line([*shield, shield[0]], fill=(70, 80, 95), width=8)
    d.ellipse((72, 62, 168, 158), outline=(70, 80, 95), width=8)
    img.save(path, format="PNG", optimize=True)


def build(folder: Path = HERE, *, with_emblem: bool = True) -> list[Path]:
    """Write the templates (and the emblem) into *folder*; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for kind, builder in BUILDERS.items():
        path = folder / f"{kind}.docx"
        doc = builder()
        schema_order(doc)
        doc.save(str(path))
        out.append(path)
    if with_emblem:
        logo = folder / "lambang.png"
        emblem(logo)
        out.append(logo)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else HERE
    for path in build(folder):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
