"""``fko-desktop``: start FKO Desktop on a unit file, by default the demo unit.

Until the window exists (issue 3) this prepares the demo unit in the user's data folder and
prints its summary, so the README's first command shows a working unit on a fresh machine.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from fko_desktop.cli import main as fko_main
from fko_desktop.storage import paths


def ensure_demo_unit() -> Path:
    """The demo unit in the user's data folder, built on first use."""
    path = paths.demo_unit_path()
    if not path.exists():
        code = fko_main(["demo", str(path), "--citizens", "12", "--years", "2"])
        if code != 0:
            raise SystemExit(code)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fko-desktop", description="Start FKO Desktop.")
    parser.add_argument("unitfile", nargs="?", help="enhedsfilen; uden den bruges demoenheden")
    args = parser.parse_args(argv)
    unit_path = Path(args.unitfile) if args.unitfile else ensure_demo_unit()
    return fko_main(["info", str(unit_path)])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
