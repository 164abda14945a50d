"""Build the sdist and the wheel and check what each holds.

The wheel holds the library and its data (templates, starter files, the
type marker) and nothing a running surat never uses (no tests, no build
scripts, no template builders); the sdist holds everything needed to run the
test suite and rebuild the templates. Run by ``make dist`` (part of ``make
test``).
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WHEEL_MUST = [
    "surat/__init__.py",
    "surat/__main__.py",
    "surat/cli/__init__.py",
    "surat/py.typed",
    "surat/kantor.toml",
    "surat/starter/kantor.toml",
    "surat/starter/kasus.json",
    "surat/starter/batch.csv",
    "surat/starter/panduan.ipynb",
    "surat/templates/persetujuan.docx",
    "surat/templates/lambang.png",
]
WHEEL_NEVER = (
    "tests/",
    "tools/",
    "examples/",
    "benchmarks/",
    "surat/templates/build.py",
    "surat/templates/_build/",  # the template builders: build time only
)
SDIST_MUST = [
    "LICENSE",
    "README.md",
    "CHANGELOG.md",
    "Makefile",
    "conftest.py",
    "mkdocs.yml",
    "pyproject.toml",
    "tests/conftest.py",
    "tests/test_cli.py",
    "tests/hostile/__init__.py",
    "examples/kantor.toml",
    "surat/starter/panduan.ipynb",
    "benchmarks/import_time.py",
    "tools/build_templates.py",
    "surat/templates/_build/__init__.py",  # so that the sdist rebuilds its templates
    "surat/templates/_build/docx.py",
    "surat/templates/_build/persetujuan.py",
    "docs/api.md",
]


def main() -> int:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as out:
        # No --sdist --wheel: the wheel is built from the unpacked sdist, as pip
        # builds it, and never from a build/ folder an earlier run left behind.
        built = subprocess.run(
            [sys.executable, "-m", "build", "--outdir", out, str(ROOT)],
            capture_output=True,
            text=True,
        )
        if built.returncode != 0:
            print(built.stdout[-4000:], built.stderr[-4000:], file=sys.stderr)
            return 1
        (wheel,) = Path(out).glob("*.whl")
        (sdist,) = Path(out).glob("*.tar.gz")
        with zipfile.ZipFile(wheel) as z:
            names = z.namelist()
        problems += [f"wheel: {n} missing" for n in WHEEL_MUST if n not in names]
        problems += [f"wheel: {n} shipped" for n in names if n.startswith(WHEEL_NEVER)]
        if not any(n.endswith("licenses/LICENSE") for n in names):
            problems.append("wheel: LICENSE missing")
        with tarfile.open(sdist) as t:
            top = t.getnames()[0].split("/")[0]
            members = {n.removeprefix(top + "/") for n in t.getnames()}
        problems += [f"sdist: {n} missing" for n in SDIST_MUST if n not in members]
        print(f"{wheel.name}: {len(names)} files; {sdist.name}: {len(members)} entries")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
