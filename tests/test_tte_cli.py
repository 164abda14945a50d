"""The `--tte` options and `surat tte periksa`, run as a clerk would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tte_support as ts
from pypdf import PdfReader
from referensi_support import seed_books

import surat
from surat.cli import main
from surat.identitas import format_nip
from surat.tte.verify import periksa

pytest.importorskip("pyhanko")

ROOT = Path(__file__).resolve().parents[1]
KANTOR = str(ROOT / "examples" / "kantor.toml")


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> tuple[ts.CA, Path, Path]:
    folder = tmp_path_factory.mktemp("pki-cli")
    ca = ts.make_ca()
    return ca, ts.p12(folder, ca, "ROSMAWATI"), ca.pem(folder)


def _data(tmp_path: Path) -> str:
    data = surat.example_data("persetujuan")
    data.pop("tanggal")
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    return str(path)


def _books(db: Path) -> Path:
    """A register holding the case and the request the example approval cites."""
    with surat.Register(db, office=surat.Office.from_toml(KANTOR)) as reg:
        seed_books(reg, kasus=1, masuk=14)
    return db


def _agenda(db: Path) -> list[tuple[str, str]]:
    with surat.Register(db, office=surat.Office.from_toml(KANTOR)) as reg:
        return [(e.nomor, e.status) for e in reg.entries()]


def test_buat_signs_and_periksa_checks(
    pki: tuple[ts.CA, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, p12, root = pki
    monkeypatch.setenv("SURAT_TTE_SANDI", ts.SANDI)
    out = tmp_path / "persetujuan.pdf"
    db = _books(tmp_path / "agenda.db")
    args = ["buat", "persetujuan", _data(tmp_path), "--kantor", KANTOR, "--db", str(db)]
    assert main([*args, "--baru", "-o", str(out), "--tte", str(p12), "--paraf-kertas"]) == 0
    assert out.stat().st_mode & 0o777 == 0o600
    ((nomor, _),) = _agenda(db)
    with surat.Register(db, office=surat.Office.from_toml(KANTOR)) as reg:
        assert reg.tte(nomor) is not None  # signed as it was numbered: recorded with it
    assert main(["paraf", nomor, "kasi_pha", "--kantor", KANTOR, "--db", str(db)]) == 1
    assert "sudah ditandatangani secara elektronik" in capsys.readouterr().err
    assert main(["tte", "periksa", str(out), "--ca", str(root)]) == 0
    printed = capsys.readouterr()
    assert "Tanda tangan 1 (TTE): ROSMAWATI" in printed.out
    assert "utuh sejak ditandatangani: ya" in printed.out
    assert "berantai ke sertifikat akar (--ca): ya" in printed.out
    assert printed.out.rstrip().endswith("HASIL: SAH")
    assert ts.SANDI not in printed.out + printed.err

    # another root: not trusted, exit 1; a changed byte: reported, exit 1
    other = ts.make_ca("Root lain").pem(tmp_path)
    assert main(["tte", "periksa", str(out), "--ca", str(other)]) == 1
    data = bytearray(out.read_bytes())
    data[data.index(b"/Producer") + 1] ^= 0x20
    bad = tmp_path / "diubah.pdf"
    bad.write_bytes(bytes(data))
    assert main(["tte", "periksa", str(bad)]) == 1
    assert "HASIL: TIDAK SAH" in capsys.readouterr().out

    # a wrong passphrase: one clear line, no number taken, no file
    monkeypatch.setenv("SURAT_TTE_SANDI", "Z9-tebakan")
    out2 = tmp_path / "kedua.pdf"
    assert main([*args, "-o", str(out2), "--tte", str(p12), "--paraf-kertas"]) == 1
    err = capsys.readouterr().err
    assert "sandi salah" in err and "Z9-tebakan" not in err
    assert not out2.exists()
    assert [s for _, s in _agenda(db)] == ["aktif"]  # only the first letter's number


def test_the_passphrase_never_comes_from_the_command_line(
    pki: tuple[ts.CA, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, p12, _ = pki
    monkeypatch.delenv("SURAT_TTE_SANDI", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    out = tmp_path / "x.pdf"
    base = ["buat", "persetujuan", _data(tmp_path), "--kantor", KANTOR, "--nomor", "1/X/2026"]
    assert main([*base, "-o", str(out), "--tte", str(p12), "--paraf-kertas"]) == 1
    assert "SURAT_TTE_SANDI" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # there is no option to give it
        main([*base, "-o", str(out), "--tte", str(p12), "--paraf-kertas", "--tte-sandi", ts.SANDI])
    assert not out.exists()
    # a signed letter is a PDF
    monkeypatch.setenv("SURAT_TTE_SANDI", ts.SANDI)
    assert main([*base, "-o", str(tmp_path / "x.docx"), "--tte", str(p12), "--paraf-kertas"]) == 1
    assert "surat bertanda tangan adalah PDF" in capsys.readouterr().err


def test_kasus_signs_the_holders_letters_and_writes_the_originals(
    pki: tuple[ts.CA, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, p12, root = pki
    monkeypatch.setenv("SURAT_TTE_SANDI", ts.SANDI)
    arsip = tmp_path / "arsip"
    arsip.mkdir()
    out = tmp_path / "kasus.pdf"
    case = tmp_path / "kasus.json"  # its letters dated today: signed on their own date
    case.write_text(json.dumps(ts.kasus_hari_ini(ROOT / "examples" / "kasus.json")))
    code = main(
        [
            "kasus", str(case), "--kantor", KANTOR,
            "--db", str(tmp_path / "kasus.db"), "--baru", "-o", str(out),
            "--tte", str(p12), "--paraf-kertas", "--arsip", str(arsip), "--internal-terbuka",
        ]
    )  # fmt: skip
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "1 ditandatangani elektronik" in printed.out
    [original] = sorted(arsip.iterdir())
    assert original.name.startswith("persetujuan-")
    assert main(["tte", "periksa", str(original), "--ca", str(root)]) == 0
    assert main(["tte", "periksa", str(out), "--ca", str(root)]) == 0
    assert "Paket cetak" in capsys.readouterr().out


def test_the_readme_example_runs(
    pki: tuple[ts.CA, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Python block, then the command lines after it: each exits with the code
    its comment says and prints the line its comment quotes."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("```python\nimport os\nimport surat\nfrom surat.tte.verify")
    end = text.index("```\n", start + 10)
    block = text[start + len("```python\n") : end]
    sh = text.index("```sh\n", end)
    commands = text[sh + len("```sh\n") : text.index("```\n", sh + 6)].splitlines()
    ca, _, _ = pki
    ts.p12(tmp_path, ca, "ROSMAWATI", file="ketua.p12")
    ca.pem(tmp_path)  # root.pem
    monkeypatch.chdir(tmp_path)  # as a pip user: the starter profile, no examples/
    assert main(["contoh", "kantor", "-o", "kantor.toml"]) == 0
    monkeypatch.setenv("SURAT_TTE_SANDI", ts.SANDI)
    exec(compile(block, "README.md", "exec"), {})
    assert capsys.readouterr().out == (
        "SAH\nSAH\nTIDAK DIPERIKSA\nTIDAK SAH ('isi diubah setelah ditandatangani (halaman 1)',)\n"
    )
    from surat.dates import today

    with surat.Register(tmp_path / "agenda.db", office=surat.Office.from_toml("kantor.toml")) as r:
        ((nomor, paraf),) = [(e.nomor, r.paraf(e.nomor)) for e in r.entries()]
        assert [p.pejabat for p in paraf] == ["kasi_pha"] and r.tte(nomor) is not None
    assert nomor.endswith(f"/{today().year}")  # dated today, signed today
    assert [p.name for p in (tmp_path / "arsip").iterdir()] == [
        "persetujuan-" + nomor.replace("/", "_") + ".pdf"
    ]
    assert len(commands) == 3
    for line in commands:
        command, said = line.split("  # exit ")
        code, printed = said.split(": ", 1)
        argv = command.split()
        assert argv[:3] == ["surat", "tte", "periksa"]
        assert main(argv[1:]) == int(code), line
        out = capsys.readouterr().out
        assert printed in out.splitlines(), (line, out)


def test_cetak_signs_every_letter_and_keeps_each_original(
    pki: tuple[ts.CA, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, p12, root = pki
    monkeypatch.setenv("SURAT_TTE_SANDI", ts.SANDI)
    data = surat.example_data("persetujuan")
    data.pop("tanggal")
    rows = tmp_path / "data.json"
    rows.write_text(json.dumps([data, data], default=str), encoding="utf-8")
    arsip = tmp_path / "arsip"
    arsip.mkdir()
    out = tmp_path / "cetak.pdf"
    db = _books(tmp_path / "agenda.db")
    code = main(
        [
            "cetak", str(rows), "--jenis", "persetujuan", "--kantor", KANTOR,
            "--db", str(db), "-o", str(out), "--diam",
            "--salinan", "Arsip", "--tte", str(p12), "--paraf-kertas", "--arsip", str(arsip),
        ]
    )  # fmt: skip
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "TTE      : 2 surat ditandatangani elektronik" in printed.out
    originals = sorted(arsip.iterdir())
    assert [p.name[:16] for p in originals] == ["persetujuan-001_", "persetujuan-002_"]
    for path in [*originals, out]:
        assert main(["tte", "periksa", str(path), "--ca", str(root)]) == 0
    with surat.Register(db, office=surat.Office.from_toml(KANTOR)) as reg:
        signed = [e.nomor for e in reg.entries() if reg.tte(e.nomor) is not None]
    assert [n[:4] for n in signed] == ["001/", "002/"]  # recorded with the batch's numbers


def test_buat_signs_with_the_certificate_of_the_plt_the_letter_names(
    pki: tuple[ts.CA, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Plt. named in the letter's data signs it with their own certificate;
    the Ketua's certificate is refused for that letter before any number."""
    ca, ketua, root = pki
    plt = ts.p12(tmp_path, ca, "Budi Santoso")
    monkeypatch.setenv("SURAT_TTE_SANDI", ts.SANDI)
    data = surat.example_data("persetujuan")
    data.pop("tanggal")
    data["penandatangan"] = ts.PLT
    path = tmp_path / "plt.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    db = tmp_path / "agenda.db"
    args = ["buat", "persetujuan", str(path), "--kantor", KANTOR, "--db", str(db), "--baru"]

    refused = tmp_path / "ketua.pdf"
    assert main([*args, "-o", str(refused), "--tte", str(ketua), "--paraf-kertas"]) == 1
    err = capsys.readouterr().err
    assert "pemegang sertifikat bukan pejabat yang menandatangani surat ini" in err
    assert "BUDI" not in err and "ROSMAWATI" not in err
    assert not refused.exists() and not db.exists()  # refused before the register is made
    _books(db)

    out = tmp_path / "plt.pdf"
    monkeypatch.setenv("SURAT_TTE_SANDI", ts.SANDI)  # each run takes it out of the environment
    assert main([*args, "-o", str(out), "--tte", str(plt), "--paraf-kertas"]) == 0
    assert main(["tte", "periksa", str(out), "--ca", str(root)]) == 0
    printed = capsys.readouterr().out
    assert "Tanda tangan 1 (TTE): Budi Santoso" in printed
    assert printed.rstrip().endswith("HASIL: SAH")
    assert [s for _, s in _agenda(db)] == ["aktif"]


@pytest.mark.parametrize("missing", ["pyhanko", "qrcode"])
def test_without_the_tte_extra_the_command_names_it(
    missing: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # after a plain `pip install surat`, signing or checking printed a traceback
    monkeypatch.setitem(sys.modules, missing, None)  # what an absent package does to import
    monkeypatch.setenv("SURAT_TTE_SANDI", ts.SANDI)
    data = tmp_path / "data.json"
    assert main(["contoh", "persetujuan", "-o", str(data)]) == 0
    signed = ["buat", "persetujuan", str(data), "-o", str(tmp_path / "x.pdf")]
    for argv in (
        [*signed, "--nomor", "001/DP3A-PP-KB/PPA/XI/2026", "--tte", str(tmp_path / "k.p12")],
        ["tte", "periksa", str(tmp_path / "x.pdf")],
    ):
        capsys.readouterr()
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "pip install 'surat[tte]'" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json"]
    with pytest.raises(surat.SuratError, match=r"surat\[tte\]"):
        surat.TTE.from_p12(tmp_path / "k.p12", "sandi")


def test_periksa_trusts_the_roots_the_office_profile_names(
    pki: tuple[ts.CA, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``[tte] ca`` in the profile, relative to it: a clerk gives --kantor, not --ca;
    an explicit --ca wins; without either the signer is not checked (exit 3)."""
    ca, p12, _ = pki
    folder = tmp_path / "kantor"
    (folder / "pki").mkdir(parents=True)
    ca.pem(folder / "pki")
    text = Path(KANTOR).read_text(encoding="utf-8")
    profile = folder / "kantor.toml"
    profile.write_text(text.replace("[tte]\n", '[tte]\nca = ["pki/root.pem"]\n', 1))
    office = surat.Office.from_toml(profile)
    assert office.tte.ca == ((folder / "pki" / "root.pem").resolve(),)
    tte = ts.tte_kertas(p12)
    doc = surat.render("persetujuan", ts.hari_ini("persetujuan"), office=office, nomor="1/X")
    out = tmp_path / "persetujuan.pdf"
    doc.to_pdf(out, tte=tte)

    assert periksa(out, office=office).sah
    assert main(["tte", "periksa", str(out), "--kantor", str(profile)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("HASIL: SAH")
    assert main(["--kantor", str(profile), "tte", "periksa", str(out)]) == 0
    other = ts.make_ca("Root lain").pem(tmp_path)
    argv = ["tte", "periksa", str(out), "--kantor", str(profile), "--ca", str(other)]
    assert main(argv) == 1  # --ca given: the profile's roots are not used
    assert "tidak berantai ke sertifikat akar" in capsys.readouterr().out
    assert main(["tte", "periksa", str(out), "--kantor", KANTOR]) == 3  # no [tte] ca there
    printed = capsys.readouterr().out
    assert printed.rstrip().endswith(
        "HASIL: utuh, tetapi penanda tangan TIDAK diperiksa: berikan --ca"
    )


# -- as a script runs it: JSON, stdin and stdout, no file in between -----------------

SCRIPT = r"""
set -euo pipefail
surat() { "$PYTHON" -m surat "$@"; }

# 1. a number, as the application's form asks for one
nomor=$(surat --kantor "$KANTOR" nomor ambil --db "$DB" --baru \
          --perihal "Persetujuan Pendampingan" --klasifikasi PPA --json | jq -r .nomor)

# 2. the Kasi PHA initials it (electronic paraf); the letter from the application's
#    data (stdin), signed with the paraf in its table, to stdout, checked from stdin
surat --kantor "$KANTOR" paraf "$nomor" kasi_pha --db "$DB" --json >/dev/null
hasil=$(printf '%s' "$DATA" \
  | surat --kantor "$KANTOR" buat persetujuan - -o - --format pdf \
          --nomor "$nomor" --db "$DB" --tte "$P12" --json \
  | surat tte periksa - --ca "$ROOT" --json)
jq -r '.putusan, .tanda_tangan[0].pemegang' <<<"$hasil"
echo "$nomor"

# 3. data the form got wrong: exit 1, each problem with its field, stdout empty
code=0
galat=$(printf '{"korban": {}}' \
  | surat buat persetujuan - -o - --format pdf --nomor "$nomor" --json 2>&1 >/dev/null) || code=$?
echo "$code $(jq -r '[.problems[].path] | index("korban.nama") != null' <<<"$galat")"
"""


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_a_script_takes_a_number_builds_from_stdin_and_reads_the_verdict(
    pki: tuple[ts.CA, Path, Path], tmp_path: Path
) -> None:
    """An application's way (PHP's proc_open, here bash and jq): no temporary file."""
    _, p12, root = pki
    work, tmp = tmp_path / "work", tmp_path / "tmp"
    work.mkdir()
    tmp.mkdir()
    data = json.loads(json.dumps(surat.example_data("persetujuan"), default=str))
    data.pop("tanggal")  # dated today, as its number is
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "KANTOR": KANTOR,
        "DB": "agenda.db",
        "DATA": json.dumps(data),
        "P12": str(p12),
        "ROOT": str(root),
        "SURAT_TTE_SANDI": ts.SANDI,
        "TMPDIR": str(tmp),
    }
    _books(work / "agenda.db")  # the case and the request the application's letter cites
    done = subprocess.run(
        ["bash", "-c", SCRIPT], cwd=work, env=env, capture_output=True, text=True,
        timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    putusan, pemegang, nomor, errors = done.stdout.splitlines()
    assert (putusan, pemegang) == ("SAH", "ROSMAWATI")
    assert nomor.startswith("001/DP3A-PP-KB/PPA/")
    assert errors == "1 true"
    report = json.loads(done.stderr)  # buat's report: stdout carried the letter
    assert report["nomor"] == nomor and report["berkas"] is None
    assert sorted(p.name for p in work.iterdir()) == ["agenda.db"]  # nothing else written
    assert list(tmp.iterdir()) == []  # and nothing left in $TMPDIR
    assert _agenda(work / "agenda.db") == [(nomor, "aktif")]


def test_periksa_reads_stdin_as_another_language_calls_it(pki: tuple[ts.CA, Path, Path]) -> None:
    """The same, from Python's subprocess: bytes in, JSON out, the exit code."""
    _, p12, root = pki
    data = json.loads(json.dumps(surat.example_data("persetujuan"), default=str))
    data.pop("tanggal")
    env = {**os.environ, "SURAT_TTE_SANDI": ts.SANDI}
    made = subprocess.run(
        [sys.executable, "-m", "surat", "--kantor", KANTOR, "buat", "persetujuan", "-", "-o", "-",
         "--format", "pdf", "--nomor", "007/DP3A-PP-KB/PPA/XI/2026", "--tte", str(p12),
         "--paraf-kertas", "--json"],
        input=json.dumps(data).encode(), env=env, capture_output=True, timeout=600, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stderr)["nomor"] == "007/DP3A-PP-KB/PPA/XI/2026"

    def periksa_stdin(pdf: bytes, *ca: str) -> tuple[int, dict[str, object]]:
        done = subprocess.run(
            [sys.executable, "-m", "surat", "tte", "periksa", "-", *ca, "--json"],
            input=pdf, capture_output=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.stderr == b""  # no library's warning among the JSON
        result: dict[str, object] = json.loads(done.stdout)
        return done.returncode, result

    code, hasil = periksa_stdin(made.stdout, "--ca", str(root))
    assert (code, hasil["putusan"], hasil["sah"], hasil["alasan"]) == (0, "SAH", True, [])
    [ttd] = hasil["tanda_tangan"]  # type: ignore[misc]
    assert ttd["pemegang"] == "ROSMAWATI" and ttd["utuh"] and ttd["terpercaya"]
    assert hasil["berkas"] == "stdin"
    code, hasil = periksa_stdin(made.stdout)  # no root: intact, the signer not checked
    assert (code, hasil["putusan"]) == (3, "TIDAK DIPERIKSA")
    changed = bytearray(made.stdout)
    changed[changed.index(b"/Producer") + 1] ^= 0x20
    code, hasil = periksa_stdin(bytes(changed), "--ca", str(root))
    assert (code, hasil["putusan"]) == (1, "TIDAK SAH") and hasil["alasan"]


def test_a_letter_is_initialled_then_signed_and_then_takes_no_paraf(
    pki: tuple[ts.CA, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """sop-32 steps 4-6 at the command line: the number and the draft, the Kasi
    PHA's paraf, the Ketua's signature; then the letter is closed."""
    from pypdf import PdfReader

    _, p12, root = pki
    monkeypatch.setenv("SURAT_TTE_SANDI", ts.SANDI)
    db = str(_books(tmp_path / "agenda.db"))
    data = _data(tmp_path)
    k = ["--kantor", KANTOR]
    assert main([*k, "buat", "persetujuan", data, "--db", db, "-o",
                 str(tmp_path / "draf.docx")]) == 0  # fmt: skip
    ((nomor, _),) = _agenda(Path(db))
    capsys.readouterr()
    sign = [*k, "buat", "persetujuan", data, "--nomor", nomor, "--db", db, "--tte", str(p12)]
    out = tmp_path / "asli.pdf"
    # not yet initialled: refused, naming the title and role; nothing written
    assert main([*sign, "-o", str(out)]) == 1  # the passphrase is read once: set it again
    err = capsys.readouterr().err
    assert "belum ada paraf elektronik Kasi PHA (kasi_pha)" in err and "HENDRA" not in err.upper()
    assert not out.exists()
    # an official the profile does not name; then the Kasi PHA
    assert main([*k, "paraf", nomor, "camat", "--db", db]) == 1
    assert "pejabat: bukan pejabat dalam profil kantor" in capsys.readouterr().err
    assert main([*k, "paraf", nomor, "kasi_pha", "--db", db]) == 0
    assert "kasi_pha" in capsys.readouterr().out
    # a confirmed number keeps its date: the signing date is not taken for it
    assert main([*sign, "--tanggal-tte", "-o", str(out)]) == 1
    assert "tetap" in capsys.readouterr().err and not out.exists()
    monkeypatch.setenv("SURAT_TTE_SANDI", ts.SANDI)
    assert main([*sign, "-o", str(out)]) == 0
    text = " ".join(PdfReader(out).pages[-1].extract_text().split())
    assert "1 Kasi PHA e-paraf" in text
    assert main(["tte", "periksa", str(out), "--ca", str(root)]) == 0
    capsys.readouterr()
    # signed: no more paraf, no second signature
    assert main([*k, "paraf", nomor, "kabid", "--db", db]) == 1
    assert "sudah ditandatangani secara elektronik" in capsys.readouterr().err
    monkeypatch.setenv("SURAT_TTE_SANDI", ts.SANDI)
    assert main([*sign, "-o", str(tmp_path / "lagi.pdf")]) == 1
    assert "tidak ditandatangani lagi" in capsys.readouterr().err
    assert main([*k, "paraf", nomor, "--db", db, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [p["pejabat"] for p in listed["paraf"]] == ["kasi_pha"] and listed["tte"]


def test_a_letter_dated_another_day_is_signed_only_dated_today(
    pki: tuple[ts.CA, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The data says 22 November 2026: signing it today is refused before a number
    is taken; --tanggal-tte dates it today, its number too."""
    from pypdf import PdfReader

    from surat.dates import format_tanggal, today

    _, p12, _ = pki
    data = surat.example_data("persetujuan")
    assert data["tanggal"] != today().isoformat()
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    db = _books(tmp_path / "agenda.db")
    out = tmp_path / "persetujuan.pdf"
    argv = ["--kantor", KANTOR, "buat", "persetujuan", str(path), "--db", str(db),
            "-o", str(out), "--tte", str(p12), "--paraf-kertas"]  # fmt: skip
    monkeypatch.setenv("SURAT_TTE_SANDI", ts.SANDI)
    assert main(argv) == 1
    assert "surat ditandatangani pada tanggalnya sendiri" in capsys.readouterr().err
    assert not out.exists() and (not db.exists() or _agenda(db) == [])
    monkeypatch.setenv("SURAT_TTE_SANDI", ts.SANDI)
    assert main([*argv, "--tanggal-tte"]) == 0
    ((nomor, status),) = _agenda(db)
    assert status == "aktif"
    with surat.Register(db, office=surat.Office.from_toml(KANTOR)) as reg:
        (entry,) = reg.entries()
    assert entry.tanggal == today()
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert f"Batam, {format_tanggal(today())}" in text and nomor in text


def test_the_command_prints_no_library_s_deprecation_warning(
    pki: tuple[ts.CA, Path, Path], tmp_path: Path
) -> None:
    """Signing and checking as a clerk runs them (not --json): pyHanko imports DSA
    from cryptography, which warns; stderr has the command's own lines only, and
    surat's own deprecated module paths still warn."""
    _, p12, root = pki
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}
    env["SURAT_TTE_SANDI"] = ts.SANDI

    def surat_cmd(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "surat", *args], env=env, cwd=tmp_path,
            capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip

    out = tmp_path / "surat.pdf"
    made = surat_cmd("--kantor", KANTOR, "buat", "persetujuan", _data(tmp_path), "-o", str(out),
                     "--db", str(_books(tmp_path / "agenda.db")), "--tte", str(p12),
                     "--paraf-kertas")  # fmt: skip
    assert made.returncode == 0, made.stderr
    (tmp_path / "x.docx").write_bytes(b"PK\x03\x04 not a pdf")
    for done in (
        made,
        surat_cmd("tte", "periksa", str(out), "--ca", str(root)),
        surat_cmd("tte", "periksa", str(tmp_path / "x.docx")),
    ):
        assert "Warning" not in done.stderr and "warn" not in done.stderr.lower(), done.stderr
    assert surat_cmd("tte", "periksa", str(out), "--ca", str(root)).returncode == 0
    # a library's deprecation warning is shown by Python itself outside the command
    shown = subprocess.run(
        [sys.executable, "-W", "default", "-c", "import pyhanko.sign.signers"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert "DeprecationWarning" in shown.stderr


def test_kasus_signs_every_stage_of_the_whole_case(
    pki: tuple[ts.CA, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`surat kasus --tahap semua --tte` with the Head of Office's certificate: the
    letters she signs (the assignment, the three referrals, the invitation) are signed
    one by one after the split, each original verifies on its own (surat and poppler),
    and the letters others sign (the approval) stay for a wet signature."""
    ca, _, root = pki
    office = surat.Office.from_toml(KANTOR)
    nip = office.pejabat["kepala_dinas"].nip
    assert nip is not None
    p12 = ts.p12(tmp_path, ca, "UMIYATI", nip=format_nip(nip), file="kadis.p12")
    monkeypatch.setenv("SURAT_TTE_SANDI", ts.SANDI)
    arsip = tmp_path / "arsip"
    arsip.mkdir()
    out = tmp_path / "kasus.pdf"
    case = tmp_path / "kasus.json"
    case.write_text(json.dumps(ts.kasus_semua_hari_ini(ROOT / "examples" / "kasus.json")))
    code = main(
        [
            "kasus", str(case), "--tahap", "semua", "--kantor", KANTOR,
            "--db", str(tmp_path / "kasus.db"), "--baru", "-o", str(out),
            "--tte", str(p12), "--paraf-kertas", "--arsip", str(arsip), "--internal-terbuka",
            "--json",
        ]
    )  # fmt: skip
    printed = capsys.readouterr()
    assert code == 0, printed.err
    result = json.loads(printed.out)
    signed = [label.split(" — ")[1] for label in result["signed"]]
    assert signed == ["Surat Tugas Pendampingan", *["Surat Rujukan"] * 3, "Surat Undangan"]
    assert not result["internal"]["signed"]
    originals = [Path(p) for p in result["arsip"]]
    assert sorted(originals) == sorted(arsip.iterdir())
    assert [p.name.split("-", 1)[0] for p in originals] == [
        "tugas", "rujukan", "rujukan", "rujukan", "undangan",
    ]  # fmt: skip
    for original, label in zip(originals, result["signed"], strict=True):
        nomor = label.split(" — ")[0]
        assert nomor.replace("/", "_") in original.name
        hasil = periksa(original, ca=root)
        assert hasil.sah and "UMIYATI" in str(hasil), (original.name, str(hasil))
        poppler = subprocess.run(
            ["pdfsig", str(original)], capture_output=True, text=True, timeout=60, check=False
        ).stdout
        assert "Signature is Valid" in poppler and "Total document signed" in poppler
        assert nomor in " ".join(PdfReader(original).pages[0].extract_text().split())
    with surat.Register(tmp_path / "kasus.db", office=office) as reg:
        for label in result["signed"]:
            assert reg.tte(label.split(" — ")[0]) is not None  # recorded as signed
        persetujuan = next(e.nomor for e in reg.entries() if e.urut == 3)
        assert reg.tte(persetujuan) is None  # the Ketua signs it, on paper here
