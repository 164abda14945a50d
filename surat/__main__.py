"""``python -m surat``: the same as the `surat` command."""

from .cli import run

run()
