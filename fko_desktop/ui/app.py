"""Start-up: the QApplication, which unit file to open, who is writing, and the window.

``fko-desktop [UNITFILE]`` opens the given file, else the last one used, else the demo unit in
the user's data folder (built on first use). A file another PC holds open for writing opens
read-only with a banner. ``--screenshot OUT.png`` renders the window and exits; ``--compare
FILE…`` shows only the comparison of statistics files (no unit file is opened).
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QMessageBox

from fko_desktop.errors import FkoError
from fko_desktop.ui import screenshot
from fko_desktop.ui.i18n import install_danish, tr
from fko_desktop.ui.opening import WINDOW_SIZE, open_and_log_in
from fko_desktop.ui.screen_fit import assume_screen, fit_to_screen
from fko_desktop.ui.settings import (
    APPLICATION,
    LAST_UNIT_FILE_SETTING,
    ORGANISATION,
    settings,
    str_setting,
)

# The facade (and with it SQLAlchemy and the models) is imported inside the functions below:
# importing it takes most of a second, during which the unit file's integrity check already
# runs in a thread.
if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)
DESKTOP_LOG = "fko-desktop.log"
#: The screen the documentation's pictures show, whatever screen makes them: 1366×768 with a
#: 40-pixel taskbar, the smallest the units have; the window itself fills the whole 1366×768.
SCREENSHOT_SCREEN = QRect(0, 0, WINDOW_SIZE[0], WINDOW_SIZE[1] - 40)


class PreCheck(threading.Thread):
    """The unit file's read-only check in the background (SQLite releases the GIL while it
    reads), started before the facade's modules are imported."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.revision: object | None = None
        self.error: BaseException | None = None
        self.start()

    def run(self) -> None:
        # The light check only: importing the facade here would race the main thread's imports.
        from fko_desktop.unit.places import inspect_unit_file

        try:
            self.revision = inspect_unit_file(self.path.resolve())
        except BaseException as error:  # noqa: BLE001 - re-raised in the main thread
            self.error = error

    def result(self, path: Path) -> object | None:
        """The inspection of ``path``, or None if this check was for another file."""
        self.join()
        if path.resolve() != self.path.resolve():
            return None
        if self.error is not None:
            if Path(f"{path}-journal").exists():
                return None  # a hot journal: opening for writing recovers it, then checks again
            raise self.error
        return self.revision


def ensure_demo_unit() -> Path:
    """The demo unit in the user's data folder, built on first use."""
    from fko_desktop.unit import Unit

    path = Unit.demo_path()
    if not path.exists():
        Unit.create_demo(path, citizens=12, years=2, seed=1)
    return path


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fko-desktop", description="FKO Desktop")
    parser.add_argument(
        "unitfile",
        nargs="?",
        help="enhedsfilen (*.fko); uden den åbnes den senest brugte, ellers vises velkomsten",
    )
    parser.add_argument(
        "--demo", action="store_true", help="åbn demoenheden (laves i datamappen første gang)"
    )
    parser.add_argument("--screenshot", metavar="OUT.png", help="gem et billede af vinduet og afslut")
    parser.add_argument("--compare", nargs="+", metavar="STATISTIKFIL",
                        help="sammenlign enheders statistikfiler uden at åbne en enhedsfil")  # fmt: skip
    parser.add_argument("--citizen", help="borger (id eller CPR) der vælges, med sit første mål")
    parser.add_argument(
        "--view",
        default="goal",
        help="hvad skærmbilledet viser",
        choices=screenshot.VIEWS,
    )
    return parser.parse_args(list(argv))


def _install_excepthook() -> None:
    """An unexpected error is logged with its traceback and shown as a short Danish message.

    Both go through fko_desktop.logs: the message of a database error carries the SQL and
    its parameters (CPR numbers, note texts), which belong neither in a log nor in a dialog.
    """
    from fko_desktop.logs import configure_logging, error_message, log_unexpected

    # The runner and background tasks log failed operations with logging.exception; without
    # this, Python's fallback handler would print their raw SQL and parameters to stderr.
    configure_logging()

    def hook(kind: type[BaseException], error: BaseException, tb: object) -> None:
        if error.__traceback__ is None and tb is not None:
            error = error.with_traceback(tb)  # type: ignore[arg-type]
        log_file = log_unexpected(error, DESKTOP_LOG)
        if QApplication.instance() is not None:
            shown = error_message(error) or kind.__name__
            if log_file is not None:
                text = tr(
                    "Der skete en uventet fejl ({error}). Det, der allerede er gemt, er i behold; "
                    "detaljer står i {log}."
                ).format(error=shown, log=log_file)
            else:
                text = tr(
                    "Der skete en uventet fejl ({error}). Det, der allerede er gemt, er i behold."
                ).format(error=shown)
            QMessageBox.critical(None, tr("Uventet fejl"), text)

    sys.excepthook = hook


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from fko_desktop.unit.places import prepare_private_data

    prepare_private_data()
    _install_excepthook()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    install_danish(app)  # before the first widget: widgets take the locale they are made with
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    if args.compare:
        from fko_desktop.ui.overview import run_comparison

        return run_comparison(args.compare)
    store = settings()
    interactive = args.screenshot is None
    candidate: Path | None = None
    if args.unitfile:
        candidate = Path(args.unitfile)
    elif not args.demo:
        last = str_setting(LAST_UNIT_FILE_SETTING)
        candidate = Path(last) if last and Path(last).exists() else None
    created = None
    if candidate is None and not args.demo and interactive:
        # Nothing to open: the guided start (a new unit, an existing file, or the demo).
        from fko_desktop.ui.start_dialog import StartDialog

        start = StartDialog()
        if start.exec() != StartDialog.DialogCode.Accepted:
            return 0
        created = start.created
        if isinstance(start.chosen_path, Path):
            candidate = start.chosen_path
    precheck = PreCheck(candidate) if candidate is not None and candidate.exists() else None
    from fko_desktop.ui.main_window import MainWindow

    if created is not None:
        unit, locked_reason = created, None  # open, with its first staff member as the actor
    else:
        try:
            path = candidate or ensure_demo_unit()
            # The login (ui/login_dialog.py) before anything of the unit is shown.
            opened = open_and_log_in(path, precheck.result(path) if precheck else None, ask=interactive)
        except FkoError as error:
            QMessageBox.critical(None, tr("Enhedsfilen kan ikke åbnes"), error.message)
            return 1
        if opened is None:
            return 0  # the login was cancelled: the unit does not open
        unit, locked_reason = opened
    store.setValue(LAST_UNIT_FILE_SETTING, str(unit.path))
    window = MainWindow(unit, readonly_reason=locked_reason)
    if args.screenshot:
        window.resize(*WINDOW_SIZE)
        window.show()
        assume_screen(SCREENSHOT_SCREEN)
        try:
            screenshot.render(app, window, args.citizen, args.view, args.screenshot)
        finally:
            assume_screen(None)
        return 0
    fit_to_screen(window, *WINDOW_SIZE)
    window.restore_layout()
    window.show()
    from fko_desktop.ui.idle_lock import install_idle_lock

    install_idle_lock(window)
    code = app.exec()
    return code
