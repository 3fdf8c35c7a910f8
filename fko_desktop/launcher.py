"""``fko-desktop``: start FKO Desktop on a unit file (by default the last used, else the demo).

Qt is imported only here, inside ``main``, so importing the package stays Qt-free.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from fko_desktop.ui.app import main as run_app

    return run_app(argv)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
