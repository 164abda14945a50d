"""``python -m surat``: the same as the `surat` command."""

import sys

from .cli import main

sys.exit(main())
