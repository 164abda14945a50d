"""The template builders are build time only: no runtime module of surat loads them.

``surat/templates/_build/`` (the python-docx building blocks and each template's
``template()``) is run by ``tools/build_templates.py`` and left out of the wheel;
an installed surat that imported it would fail. Python-docx itself may be used
at run time (page setup, the stamp of a copy); the builders may not.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BUILD = "surat.templates._build"

# Imports every module of surat except the builders (and the __main__ modules,
# which run the CLI), then makes what the runtime makes from templates: each letter
# kind, the buku kronologi and the monthly report, a copy of a built-in
# template and its check (`surat templat salin`, `surat templat periksa`).
# Prints the modules it imported, then the build-time modules that got loaded.
RUNTIME = """
import importlib, importlib.util, pkgutil, sys
from pathlib import Path

import surat

BUILD = {build!r}
folder = Path(sys.argv[1])


def build_time(name):
    return name == BUILD or name.startswith(BUILD + ".")


def walk(package):
    # pkgutil.walk_packages would import every package to look inside it,
    # the builders' own included; this skips them before importing.
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        if build_time(info.name) or info.name.endswith(".__main__"):
            continue
        module = importlib.import_module(info.name)
        yield info.name
        if info.ispkg:
            yield from walk(module)


imported = list(walk(surat))
assert importlib.util.find_spec(BUILD) is not None, "the builders are not where this looks"

from surat import Register
from surat.cli import main
from surat.reports.kronologi import buku_kronologi
from surat.reports.laporan import laporan_bulanan
from surat.letters import KINDS, NUMBERED

for kind in KINDS:
    nomor = "001/DP3A-PP-KB/PPA/XI/2026" if kind in NUMBERED else None
    assert surat.render(kind, surat.example_data(kind), nomor=nomor).docx.startswith(b"PK")
with Register(str(folder / "agenda.db")) as reg:
    nomor = reg.register_case(perihal="Penanganan kasus", tanggal="2026-11-16")
    assert buku_kronologi(reg, str(nomor)).docx.startswith(b"PK")
    assert laporan_bulanan(reg, "2026-11").document().docx.startswith(b"PK")
assert main(["templat", "salin", "persetujuan", str(folder)]) == 0
assert main(["templat", "periksa", str(folder / "persetujuan.docx")]) == 0

print(" ".join(imported))
print(sorted(m for m in sys.modules if build_time(m)))
"""


def test_no_runtime_module_loads_the_template_builders(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", RUNTIME.format(build=BUILD), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    lines = out.stdout.splitlines()
    imported, loaded = lines[-2].split(), lines[-1]
    # the walk reached the modules that once held builders, and the template tools
    for name in (
        "surat.letters.persetujuan",
        "surat.letters.disposisi",
        "surat.letters.shared",
        "surat.reports.kronologi",
        "surat.reports.laporan",
        "surat.templating.letter",
        "surat.templating.inspect",
        "surat.cli.templat",
        "surat.templates",
    ):
        assert name in imported, name
    assert loaded == "[]", f"loaded at run time: {loaded}"
