"""SIGTERM and SIGHUP stop a numbered run as Ctrl-C does: cleanly.

A batch killed with SIGTERM (``kill``, a service manager, a closed terminal's
SIGHUP) died at once: the letters being converted, with the reporter's name,
NIK and address, stayed in ``$TMPDIR/surat-batch-*``, and its numbers stayed
active. Ctrl-C (KeyboardInterrupt) already unwinds: the converter removes its
folders and the workflow voids its numbers. For the length of a numbered run,
:func:`stop_cleanly` makes SIGTERM and SIGHUP raise :class:`Stopped`, a
KeyboardInterrupt, instead.

It does so only where nobody else decides: in the main thread, for a signal
whose handler is still the default. A web server's own handlers are left alone.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["Stopped", "stop_cleanly"]

SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Stopped(KeyboardInterrupt):
    """A run stopped by a signal; ``signum`` says which (the exit status is 128 + it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Stopped(signum)


@contextmanager
def stop_cleanly() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`Stopped` (where their
    handler is the default and this is the main thread); restored after.

    >>> with stop_cleanly():
    ...     signal.getsignal(signal.SIGTERM) is _stop
    True
    >>> signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    True
    """
    taken: dict[int, object] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in SIGNALS:
            if signal.getsignal(signum) is signal.SIG_DFL:
                taken[signum] = signal.signal(signum, _stop)
    try:
        yield
    finally:
        for taken_signum in taken:
            signal.signal(taken_signum, signal.SIG_DFL)
