"""A letter service for an office's web application: Flask under gunicorn.

    SURAT_KANTOR=kantor.toml SURAT_DB=out/agenda.db \
        gunicorn -c examples/gunicorn.conf.py examples.web_flask:app

``POST /surat/<jenis>`` with the letter's data as JSON answers the numbered
letter as a PDF (its number in the ``X-Nomor`` header), or 422 with the
problems as JSON (each names its field, never its value). The Register and
the Converter belong to each worker process: ``gunicorn.conf.py`` makes them
after the fork (``post_fork``) and closes them when the worker exits; nothing
is opened at import, so ``--preload`` is safe. Handlers are plain ``def``:
surat blocks (the register's transaction, LibreOffice), and a worker's
threads take turns on its converter.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from flask import Flask, Response, jsonify, request

import surat
from surat.pdf import Converter

app = Flask(__name__)
log = logging.getLogger("surat")  # surat logs numbers and kinds, never personal data


class Services:
    """The office profile, the register and the converter of one worker process."""

    def __init__(self) -> None:
        self.office = surat.Office.from_toml(os.environ["SURAT_KANTOR"])
        self.register = surat.Register(os.environ["SURAT_DB"], office=self.office)
        self.converter = Converter()  # its LibreOffice starts with the first letter

    def close(self) -> None:
        self.converter.close()
        self.register.close()


_services: Services | None = None
_lock = threading.Lock()


def open_services() -> Services:
    """This process's services, made once (gunicorn's post_fork calls it first)."""
    global _services
    with _lock:
        if _services is None:
            _services = Services()
        return _services


def close_services() -> None:
    """Stop this process's LibreOffice and close its register (worker exit)."""
    global _services
    with _lock:
        services, _services = _services, None
    if services is not None:
        services.close()


@app.post("/surat/<jenis>")
def buat_surat(jenis: str) -> Any:
    s = open_services()
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return jsonify(error="data: a JSON object expected"), 400
    try:
        letter = surat.letters.validate(jenis, data)
        # the number is voided if rendering or converting fails: no gap, no lost number
        with s.register.reserve(**letter.agenda(s.office)) as nomor:
            doc = surat.render(jenis, letter, office=s.office, nomor=nomor)
            pdf = doc.to_pdf(converter=s.converter)
    except surat.SuratError as exc:
        problems = [{"path": p.path, "message": p.message} for p in exc.errors]
        return jsonify(error=str(exc), problems=problems), 422
    log.info("web: %s %s", jenis, nomor.nomor)
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"X-Nomor": nomor.nomor},
    )
