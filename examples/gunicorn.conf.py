"""gunicorn settings for examples/web_flask.py (see docs/web.md).

One LibreOffice per worker at most while letters come one per request; two
workers on two cores. Each worker opens its own register and converter after
the fork and closes them when it exits, so no LibreOffice outlives it.
"""

from __future__ import annotations

from typing import Any

bind = "127.0.0.1:8000"
workers = 2
threads = 2  # a worker's threads take turns on its converter; the register is thread-safe
timeout = 120  # a letter converts in well under a second; a cold LibreOffice takes a few


def post_fork(server: Any, worker: Any) -> None:
    from examples.web_flask import open_services

    open_services()


def worker_exit(server: Any, worker: Any) -> None:
    from examples.web_flask import close_services

    close_services()
