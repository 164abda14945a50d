"""Office profiles, SOP files and case files built to crash the reader.

A TOML or JSON document nested thousands of levels deep once made
``Office.from_toml`` die with a RecursionError and a traceback; a profile
saved in another encoding died with a UnicodeDecodeError. Every reader of
such a file must answer with a SuratError naming the file and what was
expected, and a command given one must write nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import surat
from surat.cli import main
from surat.files import MAX_DEPTH, read_data
from surat.kasus import Kasus
from surat.office import Office

EXAMPLES = Path(__file__).parent.parent.parent / "examples"

LOADERS: dict[str, Callable[[Path], Any]] = {
    "office": Office.from_toml,
    "sop": surat.sop,
    "kasus": Kasus.from_file,
    "data": read_data,
}

DEEP = {
    "toml-arrays-5000": ("x.toml", "a = " + "[" * 5000 + "]" * 5000),
    "toml-inline-tables-5000": ("x.toml", "a = " + "{b = " * 5000 + "1" + "}" * 5000),
    "toml-dotted-tables-5000": ("x.toml", "[" + ".".join(["a"] * 5000) + "]\n"),
    # deeper than the limit but well within Python's: refused by the limit itself
    "toml-arrays-past-limit": ("x.toml", "a = " + "[" * MAX_DEPTH + "]" * MAX_DEPTH),
    "json-arrays-100000": ("x.json", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    "json-objects-past-limit": ("x.json", '{"a": ' * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1)),
}


def _reads(loader: str, name: str) -> bool:
    """Whether *loader* takes a file of that kind (an SOP and an office profile are TOML)."""
    return name.endswith(".toml") or loader in ("kasus", "data")


@pytest.mark.parametrize(
    ("loader", "attack"), [(lo, at) for at in DEEP for lo in LOADERS if _reads(lo, DEEP[at][0])]
)
def test_a_deeply_nested_file_is_a_clear_error(loader: str, attack: str, tmp_path: Path) -> None:
    name, text = DEEP[attack]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(surat.SuratError) as caught:
        LOADERS[loader](path)
    expected = f"{path}: bersarang terlalu dalam (paling banyak {MAX_DEPTH} tingkat daftar"
    assert str(caught.value).startswith(expected), str(caught.value)


def test_the_limit_itself_is_allowed(tmp_path: Path) -> None:
    # exactly MAX_DEPTH lists and tables inside each other is data, not an attack
    path = tmp_path / "x.toml"
    path.write_text("a = " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1), encoding="utf-8")
    value = read_data(path)["a"]
    for _ in range(MAX_DEPTH - 2):
        (value,) = value
    assert value == []
    with pytest.raises(surat.SuratError, match=r"x\.toml: 8 masalah pada data"):
        Office.from_toml(path)  # read, then refused for what it lacks


def test_a_profile_in_another_encoding_names_the_file_and_line(tmp_path: Path) -> None:
    text = (EXAMPLES / "kantor.toml").read_text(encoding="utf-8")
    path = tmp_path / "kantor.toml"
    path.write_bytes(
        text.encode("utf-8")
        + "# Kepala Dinas Pemberdayaan Perempuan\n".encode("cp1252")
        + "# ü\n".encode("cp1252")
    )
    lines = text.count("\n") + 2
    with pytest.raises(surat.SuratError, match=rf"kantor\.toml: baris {lines}: bukan teks UTF-8"):
        Office.from_toml(path)


def test_an_invalid_profile_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "kantor.toml"
    path.write_text('kode = "A"\nnama = \n', encoding="utf-8")
    with pytest.raises(surat.SuratError, match=r"kantor\.toml: bukan TOML yang sah dekat baris 2$"):
        Office.from_toml(path)


def _deep_profile(tmp_path: Path) -> Path:
    path = tmp_path / "kantor.toml"
    path.write_text("a = " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    return path


def test_a_command_given_a_deep_profile_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kantor = _deep_profile(tmp_path)
    out, db = tmp_path / "kasus.pdf", tmp_path / "agenda.db"
    argv = ["kasus", str(EXAMPLES / "kasus.json"), "--kantor", str(kantor)]
    assert main([*argv, "-o", str(out), "--db", str(db), "--baru"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{kantor}: bersarang terlalu dalam" in err, err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kantor.toml"]


def test_a_command_given_a_deep_case_or_sop_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_path / "kasus.json"
    case.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    out, db = tmp_path / "kasus.pdf", tmp_path / "agenda.db"
    assert main(["kasus", str(case), "-o", str(out), "--db", str(db), "--baru"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{case}: bersarang terlalu dalam" in err, err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kasus.json"]
