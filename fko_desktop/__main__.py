"""``python -m fko_desktop`` starts the app like ``fko-desktop``."""

import sys

from fko_desktop.launcher import main

sys.exit(main())
