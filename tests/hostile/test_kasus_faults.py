"""One case's pack that fails half-way: every number the case took is voided or
listed as pending, and nothing is numbered for a case whose copies cannot be
stamped.

The faults are real: ``surat kasus`` killed with SIGKILL while LibreOffice
converts its letters, a clerk voiding the case's number while it prints.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import surat
from surat.batch import BatchError
from surat.cli import main
from surat.kasus import Kasus
from surat.pdf import Converter

from .faults import MidwayConverter, docx_under, kill_all_under

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
KANTOR = EXAMPLES / "kantor.toml"
OFFICE = surat.Office.from_toml(KANTOR)
#: Longer than the stamp's one-line box holds, shorter than a letter field allows.
TOO_LONG = ("Kepala Kepolisian Resor Kota Barelang, Kepulauan Riau, " * 3).strip()


def books(reg: surat.Register) -> list[tuple[str, str, str | None]]:
    """Every number of the three books: (nomor, status, batch)."""
    return [
        *((e.nomor, e.status, e.batch) for e in reg.cases()),
        *((m.nomor, m.status, None) for m in reg.received()),
        *((e.nomor, e.status, e.batch) for e in reg.entries()),
    ]


@pytest.fixture(scope="module")
def conv() -> Iterator[Converter]:
    with Converter(workers=1) as c:
        yield c


def test_a_case_killed_mid_conversion_leaves_its_numbers_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "agenda.db"
    surat.Register(db, office=OFFICE).close()
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "kasus.pdf"
    command = [sys.executable, "-m", "surat", "kasus", str(EXAMPLES / "kasus.json")]
    command += ["-o", str(out), "--db", str(db), "--kantor", str(KANTOR), "--internal-terbuka"]
    proc = subprocess.Popen(
        command,
        env={**os.environ, "TMPDIR": str(tmp)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 180
        converting: list[Path] = []  # a letter LibreOffice converts now
        while not converting and proc.poll() is None:
            assert time.monotonic() < deadline, "the case converted nothing"
            time.sleep(0.02)
            converting = docx_under(tmp)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kill_all_under(tmp)
        assert converting, "the case finished before it could be killed"
        assert not out.exists()

        with surat.Register(db, office=OFFICE) as reg:
            taken = books(reg)
            pending = reg.pending()
        # the case number, the request's incoming number, the two letters' numbers
        assert len(taken) == 4 and {status for _, status, _ in taken} == {"aktif"}
        assert sorted(e.nomor for e in pending) == sorted(nomor for nomor, _, _ in taken)
        assert {e.batch for e in pending} == {pending[0].batch}
        assert f":{proc.pid}:" in str(pending[0].batch)

        # the clerk sees them, and voids them in one go as the listing says
        assert main(["agenda", "--db", str(db), "--kantor", str(KANTOR), "--tertunda"]) == 0
        listing = capsys.readouterr().out
        assert f"{pending[0].batch} (terhenti): 4 nomor" in listing
        assert all(e.nomor in listing for e in pending) and "4 nomor tertunda" in listing
        assert f"surat nomor batal --db {db} --batch {pending[0].batch}" in listing
        batal = ["nomor", "batal", "--db", str(db), "--kantor", str(KANTOR)]
        assert main([*batal, "--batch", str(pending[0].batch), "--alasan", "terhenti"]) == 0
        with surat.Register(db, office=OFFICE) as reg:
            assert reg.pending() == []
            assert {status for _, status, _ in books(reg)} == {"batal"}
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        kill_all_under(tmp)


def _case_file(tmp_path: Path, **changes: Any) -> Path:
    data = json.loads((EXAMPLES / "kasus.json").read_text(encoding="utf-8"))
    for part, fields in changes.items():
        data[part] = {**data.get(part, {}), **fields}
    path = tmp_path / "kasus.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("part", ["persetujuan", "tugas"])
def test_a_copy_recipient_the_stamp_cannot_hold_takes_no_number(
    tmp_path: Path, part: str, capsys: pytest.CaptureFixture[str]
) -> None:
    case = _case_file(tmp_path, **{part: {"tembusan": ["Inspektorat", TOO_LONG]}})
    db = tmp_path / "agenda.db"
    out = tmp_path / "kasus.pdf"
    command = ["kasus", str(case), "-o", str(out), "--db", str(db), "--baru", "--internal-terbuka"]
    assert main([*command, "--kantor", str(KANTOR)]) != 0
    with surat.Register(db, office=OFFICE) as reg:
        assert books(reg) == []
    err = capsys.readouterr().err
    assert f"{part}: tembusan" in err and "terlalu panjang untuk cap" in err
    assert TOO_LONG not in err
    assert not out.exists()


def test_an_office_default_copy_recipient_too_long_takes_no_number(tmp_path: Path) -> None:
    """The profile's own tembusan for a kind is stamped on the case's letter too."""
    office = OFFICE.model_copy(update={"tembusan": {**OFFICE.tembusan, "tugas": [TOO_LONG]}})
    with surat.Register(tmp_path / "agenda.db", office=office) as reg:
        with pytest.raises(surat.SuratError, match="terlalu panjang untuk cap") as err:
            Kasus.from_file(EXAMPLES / "kasus.json").print_pack(
                reg, tmp_path / "kasus.pdf", sandi_internal="s"
            )
        assert books(reg) == []
        assert str(err.value).startswith("tugas: tembusan 1: terlalu panjang untuk cap")


def test_a_number_voided_while_the_case_prints_fails_the_pack(
    tmp_path: Path, conv: Converter
) -> None:
    """A clerk voids the case's registration number while its letters convert:
    no pack may print a void number, and the other numbers are voided too."""
    with surat.Register(tmp_path / "agenda.db", office=OFFICE) as reg:

        def void_the_case() -> None:  # once: the case's two files convert one after another
            (case,) = reg.cases()
            if case.status == "aktif":
                reg.void(case.nomor, alasan="salah catat", buku="kasus")

        kasus = Kasus.from_file(EXAMPLES / "kasus.json")
        with pytest.raises(BatchError, match="dibatalkan saat proses mencetak") as err:
            kasus.print_pack(
                reg,
                tmp_path / "kasus.pdf",
                converter=MidwayConverter(conv, void_the_case),  # type: ignore[arg-type]
                sandi_internal="s",
            )
        assert {status for _, status, _ in books(reg)} == {"batal"}
        assert reg.pending() == []
        (case,) = reg.cases()
        assert len(err.value.voided) == 3 and case.nomor not in err.value.voided
        assert f"nomor yang sementara itu dibatalkan orang lain: {case.nomor}" in str(err.value)
        assert "without a letter" not in str(err.value)
        assert not (tmp_path / "kasus.pdf").exists()
        assert not (tmp_path / "kasus-internal.pdf").exists()


def test_a_case_printed_in_full_leaves_nothing_pending(
    tmp_path: Path, register_db: str, conv: Converter
) -> None:
    out = tmp_path / "kasus.pdf"
    with surat.Register(register_db, office=OFFICE) as reg:
        result = Kasus.from_file(EXAMPLES / "kasus.json").print_pack(
            reg, out, converter=conv, sandi_internal="s"
        )
        taken = books(reg)
        assert len(taken) == 4 and {(s, b) for _, s, b in taken} == {("aktif", None)}
        assert reg.pending() == []
    assert os.stat(out).st_mode & 0o777 == 0o600
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert all(nomor in text for nomor, _, _ in taken)
