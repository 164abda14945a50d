"""Dates are Indonesian and always on the clock of Asia/Jakarta."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import surat
from surat import SuratError, bulan_romawi, format_tanggal, hari, tanggal_terbilang
from surat.dates import WIB, to_wib_date

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
         "Agustus", "September", "Oktober", "November", "Desember"]  # fmt: skip


def test_contract_examples() -> None:
    assert format_tanggal(date(2026, 11, 22)) == "22 November 2026"
    assert format_tanggal(date(2026, 11, 22), "full") == "Minggu, 22 November 2026"
    assert format_tanggal(date(2020, 1, 7), "full") == "Selasa, 7 Januari 2020"
    assert bulan_romawi(11) == "XI"


def test_every_month_name() -> None:
    for m, name in enumerate(BULAN, start=1):
        assert format_tanggal(date(2026, m, 3)) == f"3 {name} 2026"


def test_aware_datetime_counts_in_wib() -> None:
    late = datetime(2026, 12, 31, 17, 30, tzinfo=UTC)
    assert format_tanggal(late) == "1 Januari 2027"
    assert format_tanggal(datetime(2026, 12, 31, 16, 59, tzinfo=UTC)) == "31 Desember 2026"
    # another zone: 23:00 in New York is 11:00 next day in Jakarta
    ny = timezone(timedelta(hours=-5))
    assert to_wib_date(datetime(2026, 3, 1, 23, 0, tzinfo=ny)) == date(2026, 3, 2)
    # a naive datetime is taken as WIB already
    assert format_tanggal(datetime(2026, 12, 31, 23, 59)) == "31 Desember 2026"
    assert hari(late) == "Jumat"


def test_now_and_today_are_wib() -> None:
    n = surat.now()
    assert n.tzinfo is not None and n.utcoffset() == timedelta(hours=7)
    assert surat.today() == datetime.now(WIB).date()


def test_today_ignores_machine_zone() -> None:
    # a process in a zone far from Jakarta still gets Jakarta's date
    code = (
        "import surat, datetime, zoneinfo;"
        "print(surat.today() == datetime.datetime.now(zoneinfo.ZoneInfo('Asia/Jakarta')).date())"
    )
    env = dict(os.environ, TZ="Pacific/Kiritimati")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "True", out.stderr


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_long_format_is_day_month_year(d: date) -> None:
    assert format_tanggal(d) == f"{d.day} {BULAN[d.month - 1]} {d.year}"
    assert format_tanggal(d, "full").endswith(f", {d.day} {BULAN[d.month - 1]} {d.year}")


@pytest.mark.parametrize("m", [0, 13, -1, True, "11"])
def test_bulan_romawi_refuses(m: object) -> None:
    with pytest.raises(SuratError, match="bulan"):
        bulan_romawi(m)  # type: ignore[arg-type]


def test_hari_whole_week() -> None:
    names = [hari(date(2026, 11, 22) + timedelta(days=i)) for i in range(7)]
    assert names == ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]


def test_tanggal_terbilang() -> None:
    assert tanggal_terbilang(date(2026, 11, 22)) == "dua puluh dua November dua ribu dua puluh enam"
    assert tanggal_terbilang(date(2000, 5, 11)) == "sebelas Mei dua ribu"


def test_cldr_pattern_and_bad_style() -> None:
    assert format_tanggal(date(2026, 11, 22), "MMMM y") == "November 2026"
    with pytest.raises(SuratError, match="style"):
        format_tanggal(date(2026, 11, 22), "")
    with pytest.raises(SuratError, match="tanggal"):
        format_tanggal("2026-11-22")  # type: ignore[arg-type]


# -- dates as people type them ---------------------------------------------------

TYPED = [
    ("2026-11-22", date(2026, 11, 22)),
    ("22/11/2026", date(2026, 11, 22)),
    ("22-11-2026", date(2026, 11, 22)),
    ("5/3/2026", date(2026, 3, 5)),
    ("05-03-2026", date(2026, 3, 5)),
    ("22 November 2026", date(2026, 11, 22)),
    ("22 november 2026", date(2026, 11, 22)),
    ("22 Nov 2026", date(2026, 11, 22)),
    ("22 Nov. 2026", date(2026, 11, 22)),
    ("17 Agustus 2026", date(2026, 8, 17)),
    ("17 Agu 2026", date(2026, 8, 17)),
    ("1 Mei 2026", date(2026, 5, 1)),
    ("29/02/2028", date(2028, 2, 29)),
    ("  22 / 11 / 2026  ".replace(" / ", "/"), date(2026, 11, 22)),
    ("22\u00a0November\u00a02026", date(2026, 11, 22)),  # Word's no-break spaces
]


@pytest.mark.parametrize(("text", "expected"), TYPED)
def test_a_date_is_read_as_people_type_it(text: str, expected: date) -> None:
    from surat.dates import parse_tanggal

    assert parse_tanggal(text) == expected


def test_every_month_name_and_abbreviation_of_babel_is_read() -> None:
    from babel.dates import get_month_names

    from surat.dates import parse_tanggal

    for width in ("wide", "abbreviated"):
        for m, name in get_month_names(width, locale="id").items():
            assert parse_tanggal(f"3 {name} 2026") == date(2026, m, 3)
            assert parse_tanggal(f"3 {name.upper()} 2026") == date(2026, m, 3)
    # what a letter prints reads back as the same date
    for m in range(1, 13):
        for style in ("long", "medium", "short"):
            day = date(2026, m, 28)
            assert parse_tanggal(format_tanggal(day, style)) == day


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("31/02/2026", "tanggal_mustahil"),
        ("29/02/2026", "tanggal_mustahil"),
        ("0/11/2026", "tanggal_mustahil"),
        ("32 Januari 2026", "tanggal_mustahil"),
        ("2026-02-30", "tanggal_mustahil"),
        ("0000-01-01", "tanggal_mustahil"),
        ("11/22/2026", "tanggal_urutan"),
        ("12/31/2026", "tanggal_urutan"),
        ("2026/11/22", "tanggal_ambigu"),
        ("2026.11.22", "tanggal_ambigu"),
        ("22/11/26", "tanggal_ambigu"),
        ("22-11-26", "tanggal_ambigu"),
        ("22 Novembre 2026", "tanggal_bulan"),
        ("22 August 2026", "tanggal_bulan"),
        ("22/11-2026", "tanggal_format"),
        ("22 November", "tanggal_format"),
        ("November 2026", "tanggal_format"),
        ("20261122", "tanggal_format"),
        ("2026-W47-7", "tanggal_format"),
        ("", "tanggal_format"),
        ("besok", "tanggal_format"),
    ],
)
def test_an_impossible_or_ambiguous_date_is_refused_by_its_field(text: str, code: str) -> None:
    from surat.dates import parse_tanggal

    with pytest.raises(SuratError) as err:
        parse_tanggal(text, "permohonan.tanggal")
    (problem,) = err.value.errors
    assert problem.path == "permohonan.tanggal" and problem.type == code
    assert problem.message in _fixed_messages()  # the same words whatever was typed
    assert str(err.value).startswith("permohonan.tanggal: ")


def _fixed_messages() -> set[str]:
    """The messages of a refused date, each got from a text of its own."""
    from surat.dates import parse_tanggal

    found = set()
    for text in ("31/04/1999", "10/13/1999", "1999/01/02", "9 Janvier 1999", "x", "٢٢/١١/٢٠٢٦"):
        with pytest.raises(SuratError) as err:
            parse_tanggal(text)
        found.add(err.value.errors[0].message)
    assert len(found) == 6
    return found


def _dates_typed(node: Any, form: str) -> Any:
    """*node* with every ISO date in it written as *form* (a format_tanggal style)."""
    if isinstance(node, dict):
        return {k: _dates_typed(v, form) for k, v in node.items()}
    if isinstance(node, list):
        return [_dates_typed(v, form) for v in node]
    if isinstance(node, str) and len(node) == 10 and node[4] == "-" and node[7] == "-":
        day = date.fromisoformat(node)
        return {"slash": f"{day:%d/%m/%Y}", "dash": f"{day:%d-%m-%Y}"}.get(form) or format_tanggal(
            day, form
        )
    return node


@pytest.mark.parametrize("form", ["slash", "dash", "long", "medium"])
def test_every_letter_kind_reads_its_dates_as_typed(form: str) -> None:
    """Every date of every kind's data (the example fills them all) is read in each
    form to the same model as from ISO."""
    from surat import letters

    for kind in letters.REGISTRY:
        iso = letters.example_data(kind)
        typed = _dates_typed(iso, form)
        assert typed != iso, kind  # the example has dates, and they were rewritten
        assert letters.validate(kind, typed) == letters.validate(kind, iso), kind


def test_every_date_field_of_the_letters_is_a_tanggal() -> None:
    """No date field of a letter's model (nor of a case's) reads dates with pydantic's
    ISO-only parser: each is letters.fields.Tanggal."""
    import typing

    from pydantic import BaseModel

    from surat import letters
    from surat.kasus import Kasus
    from surat.letters.fields import _tanggal

    def reads(metadata: list[Any]) -> bool:
        return any(getattr(m, "func", None) is _tanggal for m in metadata)

    def walk(model: type[BaseModel], seen: set[type]) -> list[str]:
        if model in seen:
            return []
        seen.add(model)
        found: list[str] = []
        for name, info in model.model_fields.items():
            stack: list[tuple[Any, bool]] = [(info.annotation, reads(info.metadata))]
            while stack:
                ann, typed = stack.pop()
                if isinstance(ann, type) and issubclass(ann, BaseModel):
                    found += walk(ann, seen)
                elif ann is date:
                    found.append(f"{model.__name__}.{name}" + ("" if typed else " (ISO only)"))
                elif typing.get_origin(ann) is typing.Annotated:
                    inner, *meta = typing.get_args(ann)
                    stack.append((inner, typed or reads(meta)))
                else:
                    stack.extend((a, typed) for a in typing.get_args(ann))
        return found

    seen: set[type] = set()
    fields = [f for k in letters.REGISTRY.values() for f in walk(k.model, seen)]
    fields += walk(Kasus, seen)
    assert len(fields) >= 15
    assert [f for f in fields if f.endswith("(ISO only)")] == []


def test_a_letter_date_problem_is_indonesian_names_the_field_and_keeps_a_code() -> None:
    from surat import letters

    data = letters.example_data("persetujuan")
    data["permohonan"]["tanggal"] = "31/02/2026"
    data["tanggal"] = 20261122  # a number, not a count of seconds since 1970
    with pytest.raises(SuratError) as err:
        letters.validate("persetujuan", data)
    problems = {p.path: p for p in err.value.errors}
    assert problems["permohonan.tanggal"].type == "tanggal_mustahil"
    assert problems["permohonan.tanggal"].message == "tanggal ini tidak ada di kalender"
    assert problems["tanggal"].type == "date_type"
    assert "31/02/2026" not in str(err.value) and "20261122" not in str(err.value)
    assert str(err.value).startswith("persetujuan: 2 masalah pada data")


def test_the_cli_reads_a_date_option_as_typed(tmp_path: Path, capsys: Any) -> None:
    from surat.cli import main

    db = str(tmp_path / "agenda.db")
    args = ["nomor", "ambil", "--db", db, "--baru", "--perihal", "Uji", "--json"]
    assert main([*args, "--tanggal", "2 Januari 2026"]) == 0
    assert '"tanggal": "2026-01-02"' in capsys.readouterr().out
    assert main([*args, "--tanggal", "03/01/2026"]) == 0
    assert '"tanggal": "2026-01-03"' in capsys.readouterr().out
    with pytest.raises(SystemExit) as stop:
        main(["nomor", "ambil", "--db", db, "--perihal", "Uji", "--tanggal", "01/13/2026"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "--tanggal: bulan lebih dari 12" in err and "01/13/2026" not in err
