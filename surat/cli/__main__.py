"""``python -m surat.cli``: the same as the `surat` command."""

import sys

from . import main

sys.exit(main())
