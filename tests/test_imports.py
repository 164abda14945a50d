"""The shape of the package: no import circle, and no arrow from a stage back to a later one.

The data's way through surat (shared DESIGN): data -> validate (letters) ->
number (numbering) -> context and render (templating, document) -> convert
(pdf) -> sign (tte) -> pack -> the workflows (batch, kasus, reports) -> the
command line. A module imported when its module is imported (not inside a
function, not only for type checkers) may import its own stage or an earlier
one, never a later one, and never in a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "surat"

#: Each top-level part of surat and its stage, earliest first.
STAGES: dict[str, int] = {
    **dict.fromkeys(
        [
            "errors",
            "vocab",
            "words",
            "dates",
            "identitas",
            "files",
            "archive",
            "simfoni",
            "privacy",
            "childenv",
            "stopping",
            "teks",
            "_submodules",
        ],
        0,
    ),
    # the [tte] table of the office profile is office data, kept beside the signing code
    **dict.fromkeys(["prosedur", "office", "tte.profil"], 1),
    "letters": 2,
    "numbering": 3,
    **dict.fromkeys(["templating", "document", "templates"], 4),
    "pdf": 5,
    "tte": 6,
    "pack": 7,
    **dict.fromkeys(["batch", "kasus", "tahap", "reports"], 8),
    "cli": 9,
    "templates._build": 10,  # build time only: it may read any stage, none reads it
}
#: Modules kept for one release so that old import paths work: they point forward.
MOVED = {"render", "sandbox", "limits", "template_check", "layout", "emblem", "pack_numbers",
         "kronologi", "laporan", "grafik", "__init__", "__main__"}  # fmt: skip


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _eager_imports(path: Path, lazy: bool = False) -> set[str]:
    """The surat modules *path* imports at import time (not in functions, not for
    types); with *lazy*, those its functions import too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                visit(node.orelse)
                continue
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("surat"))
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join([*base, node.module] if node.module else base)
                else:
                    target = node.module or ""
                if target.startswith("surat"):
                    if node.module:  # 'from .x import y': x, and y if it is a module
                        found.add(target)
                    # 'from . import x' imports the submodule x (its package is its parent)
                    found.update(f"{target}.{a.name}" for a in node.names)
            elif lazy and isinstance(node, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef):
                visit(node.body)
            elif isinstance(node, ast.If | ast.Try | ast.With | ast.For | ast.While):
                for block in ("body", "orelse", "finalbody", "handlers"):
                    inner = getattr(node, block, [])
                    for item in inner:
                        visit(item.body if isinstance(item, ast.ExceptHandler) else [item])

    visit(tree.body)
    return found


def _graph(lazy: bool = False) -> dict[str, set[str]]:
    files = {_module(p): p for p in ROOT.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        # the package surat itself is every module's parent, imported first anyway
        graph[name] = {
            t for t in _eager_imports(path, lazy) if t in files and t not in (name, "surat")
        }
    return graph


def _stage(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) < 2 or parts[1] in MOVED:
        return None
    return STAGES.get(".".join(parts[1:3]), STAGES.get(parts[1]))


def test_every_part_of_surat_has_a_stage() -> None:
    tops = {p.stem for p in ROOT.glob("*.py")} | {p.parent.name for p in ROOT.glob("*/__init__.py")}
    missing = sorted(t for t in tops - set(STAGES) - MOVED if not t.startswith("_"))
    assert not missing, f"give these a stage in STAGES: {missing}"


@pytest.mark.parametrize("lazy", [False, True], ids=["at-import", "in-functions-too"])
def test_no_import_circle(lazy: bool) -> None:
    """Not even through an import inside a function: a circle is a design knot."""
    graph = _graph(lazy)
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    path: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                walk(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            walk(node)
    assert not cycles, "import circles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_no_arrow_back_to_a_later_stage() -> None:
    back = []
    for module, targets in _graph().items():
        here = _stage(module)
        for target in targets:
            there = _stage(target)
            if here is not None and there is not None and there > here:
                back.append(f"{module} -> {target}")
    assert not back, "a module imports a later stage at import time:\n" + "\n".join(sorted(back))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from .errors import SuratError", {"surat.errors", "surat.errors.SuratError"}),
        ("if TYPE_CHECKING:\n    from .pdf import Converter", set()),
        ("def f():\n    from .pdf import Converter", set()),
    ],
)
def test_the_walk_reads_imports_as_python_does(
    tmp_path: Path, source: str, expected: set[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk itself: an eager import is seen; a type-only or a lazy one is not."""
    fake = tmp_path / "surat"
    fake.mkdir()
    (fake / "x.py").write_text(source)
    monkeypatch.setattr(f"{__name__}.ROOT", fake)
    assert _eager_imports(fake / "x.py") == expected
