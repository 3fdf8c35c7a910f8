"""``python -m fko_desktop.cli``: the same as ``fko``."""

import sys

from fko_desktop.cli import main

sys.exit(main())
