"""Start-up: the QApplication, which unit file to open, who is writing, and the window.

``fko-desktop [UNITFILE]`` opens the given file, else the last one used, else the demo unit in
the user's data folder (built on first use). A file another PC holds open for writing opens
read-only with a banner. ``--screenshot OUT.png`` renders the window and exits.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from fko_desktop.errors import FkoError
from fko_desktop.storage import paths
from fko_desktop.ui.i18n import tr

# SQLAlchemy and the models are imported inside the functions below: importing them takes
# most of a second, during which the unit file's integrity check already runs in a thread.
if TYPE_CHECKING:
    from fko_desktop.models import StaffMember
    from fko_desktop.storage.integrity import FileInspection
    from fko_desktop.storage.unitfile import UnitFile

log = logging.getLogger(__name__)
ORGANISATION = "FKO"
APPLICATION = "FKO Desktop"
WINDOW_SIZE = (1366, 768)
DESKTOP_LOG = "fko-desktop.log"


def settings() -> QSettings:
    # The format argument makes QSettings.setDefaultFormat count (the two-argument constructor
    # ignores it): native (registry, .conf) for users, a private INI folder for tests.
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


class PreCheck(threading.Thread):
    """``inspect_unit_file`` in the background (SQLite releases the GIL while it reads)."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.revision: "FileInspection | None" = None
        self.error: BaseException | None = None
        self.start()

    def run(self) -> None:
        from fko_desktop.storage.integrity import inspect_unit_file

        try:
            self.revision = inspect_unit_file(self.path.resolve())
        except BaseException as error:  # noqa: BLE001 - re-raised in the main thread
            self.error = error

    def result(self, path: Path) -> "FileInspection | None":
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
    from fko_desktop.demo import build_demo
    from fko_desktop.storage.unitfile import UnitFile

    path = paths.demo_unit_path()
    if not path.exists():
        unit = UnitFile.create(path, "Bostedet Solbakken (demo)")
        try:
            build_demo(unit, citizens=12, years=2, seed=1)
        finally:
            unit.close()
    return path


def open_unit(path: Path, checked: "FileInspection | None" = None) -> tuple["UnitFile", str | None]:
    """Open for writing, or read-only with the reason (another program has it, a network
    share, a read-only medium, …)."""
    from fko_desktop.storage.unitfile import UnitFile

    unit = UnitFile.open_for_use(path, checked=checked)
    return unit, unit.readonly_reason


def choose_staff(unit: "UnitFile", remembered: int | None, *, ask: bool) -> "StaffMember | None":
    staff = unit.staff()
    if not staff:
        return None
    default = next((s for s in staff if s.id == remembered), staff[0])
    if not ask:
        return default
    names = [f"{s.name} ({s.initials})" for s in staff]
    choice, ok = QInputDialog.getItem(
        None, tr("Hvem er du?"), tr("Vælg dig selv – alt du skriver, får dit navn på:"), names,
        staff.index(default), False,
    )
    return staff[names.index(choice)] if ok else None


_open_windows: list["QWidget"] = []


def switch_unit(window: "QWidget", path: Path) -> "QWidget | None":
    """Close ``window`` and open ``path`` in a new main window, asking who is writing."""
    from fko_desktop.ops.staff import actor_for
    from fko_desktop.ui.main_window import MainWindow

    try:
        unit, reason = open_unit(path)
    except FkoError as error:
        QMessageBox.critical(window, tr("Enhedsfilen kan ikke åbnes"), error.message)
        return None
    store = settings()
    member = choose_staff(unit, store.value("staff_id", 0, int), ask=True)
    if member is not None:
        store.setValue("staff_id", member.id)
        unit.set_lock_holder(member.name)
    store.setValue("last_unit_file", str(unit.path))
    new_window = MainWindow(unit, actor_for(member) if member else None, readonly_reason=reason)
    new_window.resize(*WINDOW_SIZE)
    new_window.show()
    _open_windows.append(new_window)  # a top-level window without a Python owner is collected
    window.close()
    return new_window


#: Editor views for ``--screenshot --view``: the editor, and which of the citizen's records it
#: opens on. Here, not in main_window, so parsing arguments does not import the window.
SCREENSHOT_EDITORS = {
    "goal-editor": ("GoalEditor", "goal"),
    "goal-status": ("GoalStatusEditor", "new_status"),
    "sub-goal-editor": ("SubGoalEditor", "sub_goal"),
    "order-editor": ("OrderEditor", "order"),
    "plan-editor": ("PlanEditor", "plan"),
    "follow-up": ("FollowUpEditor", "new_follow_up"),
    "citizen-editor": ("CitizenEditor", "citizen"),
}


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fko-desktop", description="FKO Desktop")
    parser.add_argument("unitfile", nargs="?", help="enhedsfilen (*.fko); uden den åbnes den senest brugte eller demoenheden")
    parser.add_argument("--screenshot", metavar="OUT.png", help="gem et billede af vinduet og afslut")
    parser.add_argument("--citizen", help="borger (id eller CPR) der vælges, med sit første mål")
    parser.add_argument(
        "--view", default="goal", help="hvad skærmbilledet viser",
        choices=["goal", "journal", "today", "print", "send-bundle", "import-bundle", *SCREENSHOT_EDITORS],
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
                text = tr("Der skete en uventet fejl ({error}). Det, der allerede er gemt, er i behold; "
                          "detaljer står i {log}.").format(error=shown, log=log_file)
            else:
                text = tr("Der skete en uventet fejl ({error}). Det, der allerede er gemt, er i behold."
                          ).format(error=shown)
            QMessageBox.critical(None, tr("Uventet fejl"), text)

    sys.excepthook = hook


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    paths.prepare_private_data()
    _install_excepthook()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    store = settings()
    if args.unitfile:
        candidate: Path | None = Path(args.unitfile)
    else:
        last = store.value("last_unit_file", "", str)
        candidate = Path(last) if last and Path(last).exists() else None
    precheck = PreCheck(candidate) if candidate is not None and candidate.exists() else None
    from fko_desktop.ops.staff import actor_for
    from fko_desktop.ui.main_window import MainWindow

    try:
        path = candidate or ensure_demo_unit()
        unit, locked_reason = open_unit(path, precheck.result(path) if precheck else None)
    except FkoError as error:
        QMessageBox.critical(None, tr("Enhedsfilen kan ikke åbnes"), error.message)
        return 1
    store.setValue("last_unit_file", str(unit.path))
    interactive = args.screenshot is None
    member = choose_staff(unit, store.value("staff_id", 0, int), ask=interactive)
    if member is None and interactive and unit.staff():
        unit.close()
        return 0
    if member is not None:
        store.setValue("staff_id", member.id)
        unit.set_lock_holder(member.name)
    window = MainWindow(unit, actor_for(member) if member else None, readonly_reason=locked_reason)
    window.resize(*WINDOW_SIZE)
    if args.screenshot:
        window.show()
        target = window.show_for_screenshot(args.citizen, args.view) or window
        app.processEvents()

        waited = []

        def capture() -> None:
            if getattr(target, "task", None) is not None:  # a report still being made
                waited.append(True)
                QTimer.singleShot(100, capture)
                return
            if waited and len(waited) < 100:
                # The PDF preview paints its pages in the background once the report is there.
                waited.extend([True] * 100)
                QTimer.singleShot(800, capture)
                return
            target.grab().save(args.screenshot)
            window.close()
            app.quit()

        QTimer.singleShot(300, capture)
        app.exec()
        return 0
    window.restore_layout()
    window.show()
    code = app.exec()
    return code
