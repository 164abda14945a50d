"""A profile seed that is not what surat left is not used: every profile then
starts fresh. (That a planted seed cannot turn LibreOffice's protections off is
in test_convert_external.py, with a real conversion.)"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from surat.pdf import seed as seedmod
from surat.pdf.profile import REGISTRY, Profile

SOFFICE = "/usr/lib/libreoffice/program/soffice"


@pytest.fixture
def planted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A well-formed seed in this test's own cache folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    seed = seedmod.folder(SOFFICE)
    assert seed is not None
    (seed / "user" / "basic").mkdir(parents=True, mode=0o700)
    seed.chmod(0o700)
    (seed / "user").chmod(0o700)
    (seed / "user" / "registrymodifications.xcu").write_text(REGISTRY.replace("3", "0"))
    (seed / "user" / "basic" / "script.xlc").write_text("<library/>")
    yield seed


def fresh(xcu_must_be: str = REGISTRY) -> bool:
    """Whether a new profile starts fresh (not from the seed), with surat's registry."""
    profile = Profile(SOFFICE)
    try:
        user = profile.path / "profile" / "user"
        xcu = (user / "registrymodifications.xcu").read_text()
        if profile.seeded:
            return False
        assert xcu == xcu_must_be
        assert sorted(p.name for p in user.iterdir()) == ["registrymodifications.xcu"]
        return True
    finally:
        profile.remove()


def test_the_well_formed_seed_is_used(planted: Path) -> None:
    assert not fresh()  # the baseline of the attacks below


def test_a_link_in_the_seed_is_refused(planted: Path, tmp_path: Path) -> None:
    secret = tmp_path / "rahasia.txt"
    secret.write_text("NIK 2171000000000001")
    (planted / "user" / "basic" / "script.xlc").unlink()
    (planted / "user" / "basic" / "script.xlc").symlink_to(secret)
    assert fresh()  # nothing of the seed copied, the link least of all


def test_a_linked_folder_in_the_seed_is_refused(planted: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (planted / "user" / "config").symlink_to(elsewhere, target_is_directory=True)
    assert fresh()


def test_a_linked_seed_is_refused(planted: Path, tmp_path: Path) -> None:
    real = tmp_path / "real-seed"
    planted.rename(real)
    planted.symlink_to(real, target_is_directory=True)
    assert fresh()


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o750, 0o705])
def test_a_seed_others_may_write_or_read_is_refused(planted: Path, mode: int) -> None:
    planted.chmod(mode)
    assert fresh()
    planted.chmod(0o700)
    (planted / "user").chmod(mode)
    assert fresh()


def test_a_cache_folder_others_may_write_is_not_used(planted: Path) -> None:
    planted.parent.chmod(0o777)
    assert seedmod.folder(SOFFICE) is None
    assert fresh()


def test_a_linked_cache_folder_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "other"
    other.mkdir(mode=0o700)
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "surat").symlink_to(other, target_is_directory=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert seedmod.folder(SOFFICE) is None


def test_a_relative_cache_path_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "cache")  # the XDG rule: relative paths are ignored
    monkeypatch.setenv("HOME", "relative/home")
    assert seedmod.folder(SOFFICE) is None


@pytest.mark.skipif(os.getuid() != 0, reason="giving a folder to another user needs root")
def test_a_seed_of_another_user_is_refused(planted: Path) -> None:
    os.chown(planted, 65534, 65534)
    assert fresh()


def test_a_seed_too_big_to_be_a_profile_is_refused(planted: Path) -> None:
    with open(planted / "user" / "big.dat", "wb") as f:
        f.truncate(seedmod.MAX_BYTES + 1)  # sparse: costs nothing on disk
    assert fresh()


def test_a_fifo_in_the_seed_is_refused(planted: Path) -> None:
    os.mkfifo(planted / "user" / "pipe")  # reading it would block the start for ever
    assert fresh()


def test_a_seed_without_a_registry_list_gets_surats(planted: Path) -> None:
    (planted / "user" / "registrymodifications.xcu").write_text("<oor:items>")
    profile = Profile(SOFFICE)
    try:
        assert profile.seeded
        xcu = profile.path / "profile" / "user" / "registrymodifications.xcu"
        assert xcu.read_text() == REGISTRY
        assert stat.S_IMODE(xcu.stat().st_mode) == 0o600
    finally:
        profile.remove()


def test_a_seed_that_asks_for_the_graphics_tests_does_not_get_them(planted: Path) -> None:
    """A seed whose registry says an old version ran on it (so LibreOffice would
    run its graphics render tests at every start) gets surat's setting last:
    the LibreOffice started on it runs none."""
    from pdf_support import first_line, make_docx

    from surat.pdf import Converter

    xcu = planted / "user" / "registrymodifications.xcu"
    old = (
        '<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" '
        'oor:op="fuse"><value>1.0</value></prop></item>\n</oor:items>'
    )
    xcu.write_text(xcu.read_text().replace("</oor:items>", old))
    with Converter(workers=1, backend="uno") as conv:
        assert first_line(conv.convert(make_docx("benih"), "a")) == "benih"
        (worker,) = conv._pool  # type: ignore[attr-defined]
        assert worker.profile.seeded
        user = worker.profile.path / "profile" / "user"
        assert not (user / "GraphicsRenderTests.log").exists()
