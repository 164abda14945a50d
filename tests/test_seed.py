"""The LibreOffice profile seed: saved once after a clean exit, copied into every
later profile, with the security settings written over the copy."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pdf_support import first_line, make_docx

import surat
from surat.pdf import Converter, soffice_path
from surat.pdf import seed as seedmod
from surat.pdf.profile import _FOOTER, _ITEMS, PREFIX, REGISTRY, Profile

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder of this test's own: no seed yet."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    yield tmp_path / "cache"


def modes(root: Path) -> set[int]:
    return {stat.S_IMODE(p.lstat().st_mode) for p in [root, *root.rglob("*")]}


def mine() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob(f"{PREFIX}{os.getpid()}-*"))


@pytest.mark.parametrize("backend", ["uno", "soffice"])
def test_the_first_clean_exit_leaves_a_seed_and_later_profiles_start_from_it(
    backend: str, cache: Path
) -> None:
    seed = seedmod.folder(soffice_path())
    assert seed is not None and seed.parent == cache / "surat" and not seed.exists()
    data = surat.example_data("persetujuan")
    letter = surat.render("persetujuan", data, nomor="001/DP3A-PP-KB/PPA/XI/2026")
    with Converter(workers=1, backend=backend) as conv:  # type: ignore[arg-type]
        conv.convert(letter.docx, "a")
        (worker,) = conv._pool  # type: ignore[attr-defined]
        assert not worker.profile.seeded
    assert (seed / "user" / "registrymodifications.xcu").is_file()
    assert modes(cache / "surat") <= {0o700, 0o600}  # owner-only, like every file surat writes
    # nothing of the letter it converted: no name, no file name, no folder
    kept = b"".join(p.read_bytes() for p in seed.rglob("*") if p.is_file())
    for secret in (data["korban"]["nama"], data["pendamping"][0]["nama"], ".docx", PREFIX):
        assert secret.encode() not in kept
    saved = {p: p.stat().st_mtime_ns for p in seed.rglob("*")}

    with Converter(workers=1, backend=backend) as conv:  # type: ignore[arg-type]
        assert first_line(conv.convert(make_docx("kedua"), "b")) == "kedua"
        (worker,) = conv._pool  # type: ignore[attr-defined]
        assert worker.profile.seeded
    assert {p: p.stat().st_mtime_ns for p in seed.rglob("*")} == saved  # used, never changed

    profile = Profile(soffice_path())  # as LibreOffice finds it when it starts
    try:
        xcu = (profile.path / "profile/user/registrymodifications.xcu").read_text()
        assert "FirstRun" in xcu  # LibreOffice's own settings, from the seed,
        assert xcu.endswith(_ITEMS + _FOOTER)  # and surat's security settings last
    finally:
        profile.remove()


def test_without_a_cache_folder_profiles_start_fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "/dev/null")  # not a folder: nothing can be made there
    assert seedmod.folder(soffice_path()) is None
    profile = Profile(soffice_path())
    try:
        assert not profile.seeded and not profile.wants_seed
        xcu = profile.path / "profile/user/registrymodifications.xcu"
        assert xcu.read_text() == REGISTRY
        assert stat.S_IMODE(xcu.stat().st_mode) == 0o600
    finally:
        profile.remove()


def test_a_seed_is_copied_never_used_in_place(cache: Path) -> None:
    seed = seedmod.folder(soffice_path())
    assert seed is not None
    (seed / "user").mkdir(parents=True, mode=0o700)
    os.chmod(seed, 0o700)
    (seed / "user" / "registrymodifications.xcu").write_text(REGISTRY)
    before = mine()
    profile = Profile(soffice_path())
    try:
        assert profile.seeded and not profile.wants_seed
        assert profile.path in mine() - before
        assert (profile.path / "profile" / "user").resolve() != (seed / "user").resolve()
        profile.keep_as_seed()  # a seeded profile is never saved back over its seed
        assert (seed / "user" / "registrymodifications.xcu").read_text() == REGISTRY
    finally:
        profile.remove()
    assert (seed / "user" / "registrymodifications.xcu").exists()


def test_a_broken_seed_is_discarded_whole(cache: Path) -> None:
    seed = seedmod.folder(soffice_path())
    assert seed is not None
    (seed / "user" / "a" / "b").mkdir(parents=True, mode=0o700)
    os.chmod(seed, 0o700)
    seedmod.discard(seed)
    assert not seed.exists()
    assert [p.name for p in seed.parent.iterdir()] == []  # nothing renamed-away left behind


@pytest.mark.parametrize("backend", ["uno", "soffice"])
def test_libreoffice_never_runs_its_graphics_tests_at_start(backend: str, cache: Path) -> None:
    """Headless, LibreOffice never records that a version has run on a profile,
    so without ``ooSetupLastVersion`` every start drew its ~100 render tests
    (most of a two-second start) and wrote their log into the profile."""
    for seeded in (False, True):  # the first start makes the seed, the second uses it
        with Converter(workers=1, backend=backend) as conv:  # type: ignore[arg-type]
            assert first_line(conv.convert(make_docx("satu"), "a")) == "satu"
            (worker,) = conv._pool  # type: ignore[attr-defined]
            assert worker.profile.seeded is seeded
            user = worker.profile.path / "profile" / "user"
            assert (user / "registrymodifications.xcu").is_file()
            assert not (user / "GraphicsRenderTests.log").exists()
