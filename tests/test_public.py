"""The public names: all there, lazily imported, and the right objects."""

from __future__ import annotations

import subprocess
import sys
from typing import get_args

import surat
from surat import letters
from surat.numbering import register


def test_every_public_name_resolves_and_is_listed() -> None:
    for name in surat.__all__:
        assert getattr(surat, name) is not None, name
    assert set(surat.__all__) <= set(dir(surat))


def test_render_is_the_function_even_after_its_module_is_imported() -> None:
    import surat.batch
    import surat.render  # the import system stores the submodule on the package

    assert callable(surat.render) and surat.render.__module__ == "surat.render"


def test_vocabularies_match_the_library() -> None:
    assert get_args(surat.Jenis) == letters.KINDS
    assert get_args(surat.Buku) == register.BOOKS
    assert get_args(surat.Status) == register.STATUSES


def test_import_surat_loads_nothing_heavy() -> None:
    code = (
        "import sys, surat; print([m for m in ('docxtpl', 'docx', 'pydantic', 'pypdf', "
        "'jinja2', 'babel', 'num2words', 'tqdm', 'sqlite3') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"
