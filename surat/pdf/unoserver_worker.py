"""The ``url="unoserver://host:port"`` backend: a running unoserver (API 3) converts.

The document travels as bytes over XML-RPC, so several machines can share one
server. surat starts no process here: ``kill`` and ``close`` only drop the
connection. The server's machine runs LibreOffice under its own rules (see
the README's "Security" section).
"""

from __future__ import annotations

import xmlrpc.client
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import SuratError
from .worker import DOCX_FILTER, PDF_FILTER, Failure, Job

#: Seconds one request may take when the converter gives no shorter limit.
TIMEOUT = 600.0


class _Timeout:
    """XML-RPC with a socket timeout: a server that accepts and then never
    answers must not hang the batch. Mixed into both transports below."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host: Any) -> Any:
        conn = super().make_connection(host)  # type: ignore[misc]
        conn.timeout = self.timeout
        return conn


class _Transport(_Timeout, xmlrpc.client.Transport):
    pass


class _SafeTransport(_Timeout, xmlrpc.client.SafeTransport):
    pass


class UnoserverWorker:
    """A running unoserver (XML-RPC, API 3): the document travels as bytes."""

    chunk = 1

    def __init__(self, url: str, timeout: float = TIMEOUT) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("unoserver", "http", "https") or not parts.hostname:
            raise SuratError(f"{url}: 'unoserver://HOST:PORT' diharapkan")
        scheme = "https" if parts.scheme == "https" else "http"
        self.endpoint = f"{scheme}://{parts.hostname}:{parts.port or 2003}"
        self.url = url
        self.timeout = timeout
        self.proxy: xmlrpc.client.ServerProxy | None = None

    @property
    def ready(self) -> bool:
        return self.proxy is not None

    def launch(self) -> None:
        """Nothing to start here: :meth:`start` connects to the running server."""

    def start(self) -> None:
        transport: xmlrpc.client.Transport = (
            _SafeTransport(self.timeout)
            if self.endpoint.startswith("https")
            else _Transport(self.timeout)
        )
        proxy = xmlrpc.client.ServerProxy(self.endpoint, transport=transport, allow_none=True)
        try:
            info = proxy.info()
        except (OSError, xmlrpc.client.Error) as exc:
            raise SuratError(
                f"{self.url}: tidak ada unoserver yang menjawab ({type(exc).__name__})"
            ) from None
        if not isinstance(info, dict) or str(info.get("api")) != "3":
            raise SuratError(f"{self.url}: unoserver API 3 diharapkan")
        self.proxy = proxy

    def run(self, jobs: list[Job], folder: Path) -> list[bytes | Failure]:
        (job,) = jobs
        if self.proxy is None:
            self.start()
        assert self.proxy is not None
        options = ["SelectPdfVersion=2"] if job.pdfa else []
        try:
            result = self.proxy.convert(
                None,
                xmlrpc.client.Binary(job.docx),
                None,
                "pdf",
                PDF_FILTER,
                options,
                False,
                DOCX_FILTER,
                None,
            )
        except xmlrpc.client.Fault:
            return [
                Failure("unoserver tidak dapat membacanya (apakah .docx-nya sah?)", crash=False)
            ]
        except (OSError, xmlrpc.client.Error):
            self.proxy = None
            return [Failure("unoserver berhenti menjawab", crash=True)]
        if not isinstance(result, xmlrpc.client.Binary):
            return [Failure("unoserver tidak menghasilkan PDF", crash=False)]
        return [bytes(result.data)]

    def kill(self) -> None:
        self.proxy = None

    def close(self) -> None:
        self.proxy = None
