"""``python -m surat.cli``: the same as the `surat` command."""

from . import run

run()
