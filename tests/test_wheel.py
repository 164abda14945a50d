"""The wheel, installed in a fresh venv, used as a PHP application uses it.

The other command-line tests run ``python -m surat`` from this tree. Here the
wheel is built from a copy of the tree, installed with its dependencies into a
new venv (as ``make venv`` makes one: LibreOffice's Python bridge is the
system's), and a shell script that knows only the ``surat`` command, pipes and
JSON (bash and jq, as PHP's ``proc_open`` would) takes a number, builds the
signed letter from its data on stdin to stdout, and reads the verdict of the
signature: no file in between, nothing of this tree on the path.

One test, slow: it builds and installs (about a minute with a warm pip cache).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tte_support as ts

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

SCRIPT = r"""
set -euo pipefail
# the wheel's own command, not this tree's
[ "$(command -v surat)" = "$VENV/bin/surat" ]

nomor=$(surat --kantor "$KANTOR" nomor ambil --db agenda.db --baru \
          --perihal "Persetujuan Pendampingan" --klasifikasi PPA --json | jq -r .nomor)

# the application's data (here the wheel's example, dated today) on stdin, the signed
# letter on stdout, straight into the check of its signature
hasil=$(surat contoh persetujuan --json | jq '.data | del(.tanggal)' \
  | surat --kantor "$KANTOR" buat persetujuan - -o - --nomor "$nomor" \
          --tte "$P12" --paraf-kertas --json 2>/dev/null \
  | surat tte periksa - --ca "$CA" --json)
jq -r '.putusan, .tanda_tangan[0].pemegang' <<<"$hasil"
echo "$nomor"
surat --kantor "$KANTOR" agenda --db agenda.db --json | jq -r '.baris[] | .status'

# a wrong field: exit 1, its path in the JSON on stderr, nothing on stdout
code=0
galat=$(printf '{"korban": {}}' | surat buat persetujuan - -o - --nomor "$nomor" --json \
          2>&1 >/dev/null) || code=$?
echo "$code $(jq -r '[.problems[] | select(.path == "korban.nama") | .type] | first' <<<"$galat")"
"""


def _run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, **kw)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{cmd[:4]}: {done.stderr[-3000:]}"
    return done  # type: ignore[no-any-return]


def test_a_php_style_script_uses_the_installed_wheel(tmp_path: Path) -> None:
    assert shutil.which("jq"), "jq is needed (make system installs it)"
    # 1. the wheel, from a copy of the tree (a build leaves build/ where it runs)
    src = tmp_path / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "site", "out", "*.egg-info", "__pycache__",
            ".*_cache", ".hypothesis",
        ),
    )  # fmt: skip
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(src)])
    (wheel,) = dist.glob("surat-*.whl")

    # 2. a fresh venv holding the wheel and its dependencies, nothing of this tree
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    _run([str(python), "-m", "pip", "install", "-q", f"{wheel}[tte]"], env=env)
    where = _run([str(python), "-c", "import surat; print(surat.__file__)"], env=env, cwd=tmp_path)
    assert where.stdout.strip().startswith(str(venv)), where.stdout

    # 3. the office's files: the wheel's example profile, a certificate of its signer
    config, work, tmp = tmp_path / "config", tmp_path / "work", tmp_path / "tmp"
    for d in (config, work, tmp):
        d.mkdir()
    kantor = config / "kantor.toml"
    _run([str(venv / "bin" / "surat"), "contoh", "kantor", "-o", str(kantor)], env=env)
    ca = ts.make_ca()
    p12 = ts.p12(config, ca, "ROSMAWATI")
    env.update(
        VENV=str(venv),
        KANTOR=str(kantor),
        P12=str(p12),
        CA=str(ca.pem(config)),
        SURAT_TTE_SANDI=ts.SANDI,
        TMPDIR=str(tmp),
    )

    # 4. the script, as an application runs it
    done = subprocess.run(
        ["bash", "-c", SCRIPT], cwd=work, env=env, capture_output=True, text=True,
        timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stderr == ""  # no library's warning (pyHanko's, cryptography's) on stderr
    putusan, pemegang, nomor, status, galat = done.stdout.splitlines()
    assert (putusan, pemegang) == ("SAH", "ROSMAWATI")
    assert nomor.startswith("001/DP3A-PP-KB/PPA/"), nomor
    assert status == "aktif"  # confirmed: the letter reached stdout whole
    assert galat == "1 missing"  # exit 1, and pydantic's type for an application's words
    assert sorted(p.name for p in work.iterdir()) == ["agenda.db"]  # no file in between
    assert list(tmp.iterdir()) == []  # and nothing left in $TMPDIR
