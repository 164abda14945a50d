"""The public names: all there, lazily imported, and the right objects."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import pytest

import surat
from surat import letters
from surat.numbering import register

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_every_public_name_resolves_and_is_listed() -> None:
    for name in surat.__all__:
        assert getattr(surat, name) is not None, name
    assert set(surat.__all__) <= set(dir(surat))


OLD_MODULES = {
    "surat.render": "surat.templating",
    "surat.sandbox": "surat.templating.sandbox",
    "surat.limits": "surat.templating.isolation",
    "surat.template_check": "surat.templating.inspect",
    "surat.layout": "surat.templating.page",
    "surat.emblem": "surat.templating.emblem",
}


@pytest.mark.parametrize("old", sorted(OLD_MODULES))
def test_moved_modules_still_import_and_say_where_they_went(old: str) -> None:
    code = (
        "import importlib, warnings, surat\n"
        "with warnings.catch_warnings(record=True) as w:\n"
        "    warnings.simplefilter('always')\n"
        f"    m = importlib.import_module({old!r})\n"
        "print(w[0].category.__name__, w[0].message)\n"
        "print(callable(surat.render), surat.render.__module__)\n"
        "print(all(getattr(m, n) is not None for n in m.__all__))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0] == f"DeprecationWarning {old} moved to {OLD_MODULES[old]}"
    # the public function stays surat.render, though a module of that name was imported
    assert out[1] == "True surat.templating.letter"
    assert out[2] == "True"


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


def test_render_takes_a_nomor_or_its_text_and_nothing_else() -> None:
    from datetime import date

    data = surat.example_data("persetujuan")
    for wrong in (date(2026, 11, 22), 5, 5.0, b"001/X/2026"):
        try:
            surat.render("persetujuan", data, nomor=wrong)  # type: ignore[arg-type]
        except surat.SuratError as exc:
            assert exc.errors[0].path == "nomor" and type(wrong).__name__ in str(exc)
        else:
            raise AssertionError(f"{wrong!r} was printed as a letter number")


def test_errors_are_listed_for_a_form() -> None:
    data = surat.example_data("persetujuan")
    data["pendamping"][0]["nip"] = "123"
    del data["korban"]["nama"]
    data["warna"] = "merah"
    try:
        surat.render("persetujuan", data, nomor="001/DP3A-PP-KB/PPA/XI/2026")
    except surat.SuratError as exc:
        paths = {path for path, _ in exc.errors}
        assert paths == {"pendamping.0.nip", "korban.nama", "warna"}
        assert all(msg and "123" not in msg for _, msg in exc.errors)
    else:
        raise AssertionError("bad data rendered")
    # a one-line error is one problem, its field taken from the message
    assert surat.SuratError("perihal: empty").errors == [surat.Problem("perihal", "empty")]
    assert surat.SuratError("/tmp/x.csv: no such file").errors[0].path == ""


def test_batch_errors_name_the_column_as_the_sheet_has_it(tmp_path: Path) -> None:
    import csv

    from surat import batch

    rows = list(csv.DictReader(EXAMPLES.joinpath("batch.csv").open(encoding="utf-8")))
    rows[1]["pendamping.1.nip"] = "123"
    path = tmp_path / "b.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    try:
        batch.validate_rows("persetujuan", batch.load_rows(path))
    except surat.SuratError as exc:
        assert exc.errors == [surat.Problem("baris.3.pendamping.1.nip", exc.errors[0].message)]
        assert "pendamping.1.nip" in str(exc) and "pendamping.0" not in str(exc)
    else:
        raise AssertionError("a bad NIP passed")


def test_the_letters_number_text_type_is_not_named_like_the_registers_number() -> None:
    from surat import letters as lt

    assert lt.NomorTeks is not surat.Nomor
    with pytest.warns(DeprecationWarning, match="NomorTeks"):
        assert lt.Nomor is lt.NomorTeks  # the old name, until 0.3


def test_submodules_are_attributes_after_import_surat_alone() -> None:
    """A web application's shutdown hook calls surat.pdf.close_shared() before any
    letter was converted; the README calls surat.tte.verify.periksa(...)."""
    code = (
        "import surat\n"
        "surat.pdf.close_shared()\n"
        "print(surat.tte.verify.periksa.__module__, surat.reports.laporan.__name__,\n"
        "      surat.templating.inspect.__name__, surat.pack.workflow.__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == [
        "surat.tte.verify",
        "surat.reports.laporan",
        "surat.templating.inspect",
        "surat.pack.workflow",
    ]


def test_to_pdf_converts_with_the_applications_converter() -> None:
    """doc.to_pdf(buf, converter=conv): the application's converter, never the shared one."""
    code = (
        "import io, surat\n"
        "from surat.pdf import Converter, shared\n"
        "doc = surat.render('konseling', surat.example_data('konseling'))\n"
        "buf = io.BytesIO()\n"
        "with Converter(workers=1) as conv:\n"
        "    pdf = doc.to_pdf(buf, converter=conv)\n"
        "print(pdf[:5] == b'%PDF-', buf.getvalue() == pdf, shared._shared is None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["True", "True", "True"]


def _documented() -> set[str]:
    """The objects docs/api.md documents, as 'module.name' (a module documents its own names)."""
    text = (Path(__file__).parent.parent / "docs" / "api.md").read_text(encoding="utf-8")
    return {
        line.split(maxsplit=1)[1].strip() for line in text.splitlines() if line.startswith("::: ")
    }


@pytest.mark.parametrize("name", [n for n in surat.__all__ if not n.startswith("_")])
def test_the_api_reference_documents_every_public_name(name: str) -> None:
    import importlib
    import types

    documented = _documented()
    value = getattr(surat, name)
    if isinstance(value, types.ModuleType):
        # a subpackage: its own public names, where they are defined
        wanted = {
            f"{getattr(value, n).__module__}.{n}"
            for n in getattr(value, "__all__", ())
            if callable(getattr(value, n)) and n in PUBLIC_OF.get(name, ())
        }
        missing = {
            w
            for w in wanted
            if w not in documented and f"{value.__name__}.{w.rsplit('.', 1)[1]}" not in documented
        }
        assert not missing, f"docs/api.md lacks {sorted(missing)}"
        return
    module = getattr(value, "__module__", "")
    if module == "typing":  # a Literal vocabulary: documented with its module
        assert "surat.vocab" in documented
        return
    candidates = {f"{module}.{name}", f"surat.{name}", module}
    parent = module
    while "." in parent:
        parent = parent.rsplit(".", 1)[0]
        candidates.add(f"{parent}.{name}")
    assert candidates & documented, f"docs/api.md has no ::: entry for surat.{name} ({module})"
    importlib.import_module(module)


#: Names of the subpackages that an application calls, as the README shows them.
PUBLIC_OF: dict[str, tuple[str, ...]] = {
    "pdf": ("Converter", "convert", "shared_converter", "close_shared"),
    "batch": ("print_batch", "BatchError", "Ringkasan"),
    "reports": ("buku_kronologi", "laporan_bulanan", "Laporan"),
}


def test_every_problem_code_is_documented() -> None:
    from surat.errors import CODES, MESSAGES

    text = (Path(__file__).parent.parent / "docs" / "galat.md").read_text(encoding="utf-8")
    for code in [*MESSAGES, *CODES]:
        assert f"| `{code}` |" in text, code


def _spoiled(node: Any, bad: Any) -> Any:
    if isinstance(node, dict):
        return {k: _spoiled(v, bad) for k, v in node.items()} | {"warna": "merah"}
    if isinstance(node, list):
        return [_spoiled(v, bad) for v in node]
    return bad


@pytest.mark.parametrize("bad", [[{"x": 1}], 10**30, "", "x" * 20_000, True, 1.5, None])
def test_a_refused_field_is_told_in_indonesian_with_a_code(bad: Any) -> None:
    """Every leaf of every kind's data spoiled the same way: no problem keeps
    pydantic's English, each has a code, and no value is quoted."""
    from surat import letters

    english = re.compile(r"\b(should|Input|Field required|valid|must|expected)\b")
    for kind in letters.REGISTRY:
        with pytest.raises(surat.SuratError) as err:
            letters.validate(kind, _spoiled(letters.example_data(kind), bad))
        assert len(err.value.errors) >= 3, kind
        for p in err.value.errors:
            assert p.type, (kind, p)
            assert not english.search(p.message), (kind, p)
        assert "xxxxxxxx" not in str(err.value) and "1000000000000" not in str(err.value)
