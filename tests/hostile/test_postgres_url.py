"""A PostgreSQL URL's password never shows: not in a SuratError, its chain, nor
on the command's stderr.

libpq quotes what it cannot parse (an unclosed ``[``, a bad ``%`` escape, a
space): the password, or the whole URL, was in the error message.
"""

from __future__ import annotations

import socket
from typing import Any

import pytest

import surat
from surat.cli import main

PG_PASSWORD = "Pg-Rahasia-913"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port  # nothing listens there once the socket is closed


def _urls(postgres_db: str) -> dict[str, str]:
    rest = postgres_db.partition("://")[2]
    user, _, server = rest.partition("@")
    port = server.partition(":")[2].partition("/")[0]
    db = server.partition("/")[2]
    pw = PG_PASSWORD
    return {
        "unclosed-ipv6": f"postgresql://{user}:{pw}@[::1/{db}",
        "bad-percent": f"postgresql://{user}:{pw}%zz@127.0.0.1:{port}/{db}",
        "space": f"postgresql://{user}:kata {pw}@127.0.0.1:{port}/{db}",
        "query-bad-percent": f"postgresql://127.0.0.1:{port}/{db}?user={user}&password={pw}%zz",
        "query-space": f"postgresql://127.0.0.1:{port}/{db}?user={user}&password=a {pw}",
        "slash": f"postgresql://{user}:12/{pw}@127.0.0.1:{port}/{db}",
        "port-not-a-number": f"postgresql://{user}:{pw}@127.0.0.1:{port}x/{db}",
        "port-out-of-range": f"postgresql://{user}:{pw}@127.0.0.1:99999/{db}",
        "closed-port": f"postgresql://{user}:{pw}@127.0.0.1:{_closed_port()}/{db}",
        "closed-port-query": f"postgresql://127.0.0.1:{_closed_port()}/{db}?password={pw}",
        "bad-parameter": f"postgresql://{user}:{pw}@127.0.0.1:{port}/{db}?sslmode=bogus",
    }


CASES = list(_urls("postgresql://u@h:1/d"))


def _shows_no_password(exc: BaseException) -> None:
    assert isinstance(exc, surat.SuratError)
    for text in (str(exc), repr(exc), *(p.message for p in exc.errors)):
        assert PG_PASSWORD not in text and "Rahasia" not in text
    # no chained libpq message for a traceback or a logger to print
    assert exc.__cause__ is None and exc.__suppress_context__


@pytest.mark.parametrize("case", CASES)
def test_a_postgresql_url_that_fails_never_shows_its_password(
    case: str, postgres_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # libpq quotes what it cannot parse: an unclosed '[', a bad '%' escape or a
    # space put the password, or the whole URL, into the error and on stderr
    url = _urls(postgres_db)[case]
    with pytest.raises(surat.SuratError) as caught:
        surat.Register(url)
    _shows_no_password(caught.value)
    assert "tidak dapat terhubung ke server buku agenda: " in str(caught.value)
    assert main(["nomor", "lihat", "--db", url]) == 1
    printed = capsys.readouterr()
    assert PG_PASSWORD not in printed.out + printed.err and printed.err.count("\n") == 1
    assert printed.err.startswith("surat: postgresql://")


def test_a_lost_server_is_reported_without_the_password(private_pg_cluster: Any) -> None:
    cluster = private_pg_cluster
    url = f"postgresql://{cluster.user}:{PG_PASSWORD}@127.0.0.1:{cluster.port}/postgres"
    with surat.Register(url) as reg:
        reg.issue(perihal="Persetujuan", tanggal="2026-11-23")
        cluster.crash()
        for _ in range(2):  # the broken connection, then the failed reconnection
            with pytest.raises(surat.SuratError) as caught:
                reg.issue(perihal="Persetujuan", tanggal="2026-11-23")
            _shows_no_password(caught.value)
            assert "127.0.0.1" in str(caught.value)


def test_a_url_missing_its_slashes_is_not_quoted_as_a_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["nomor", "lihat", "--db", f"postgresql:/surat:{PG_PASSWORD}@h/d"]) == 1
    err = capsys.readouterr().err
    assert "postgresql://USER@HOST:PORT/DATABASE diharapkan" in err and PG_PASSWORD not in err
