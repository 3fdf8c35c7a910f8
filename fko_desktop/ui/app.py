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
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from fko_desktop.errors import FkoError, UnitFileLocked
from fko_desktop.storage import paths
from fko_desktop.ui.i18n import tr

# SQLAlchemy and the models are imported inside the functions below: importing them takes
# most of a second, during which the unit file's integrity check already runs in a thread.
if TYPE_CHECKING:
    from fko_desktop.models import StaffMember
    from fko_desktop.storage.unitfile import UnitFile

log = logging.getLogger(__name__)
ORGANISATION = "FKO"
APPLICATION = "FKO Desktop"
WINDOW_SIZE = (1366, 768)


def settings() -> QSettings:
    # The format argument makes QSettings.setDefaultFormat count (the two-argument constructor
    # ignores it): native (registry, .conf) for users, a private INI folder for tests.
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


class PreCheck(threading.Thread):
    """``check_unit_file`` in the background (SQLite releases the GIL while it reads)."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.revision: str | None = None
        self.error: BaseException | None = None
        self.start()

    def run(self) -> None:
        from fko_desktop.storage.integrity import check_unit_file

        try:
            self.revision = check_unit_file(self.path.resolve())
        except BaseException as error:  # noqa: BLE001 - re-raised in the main thread
            self.error = error

    def result(self, path: Path) -> str | None:
        """The checked revision for ``path``, or None if this check was for another file."""
        self.join()
        if path.resolve() != self.path.resolve():
            return None
        if self.error is not None:
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


def open_unit(path: Path, checked_revision: str | None = None) -> tuple["UnitFile", str | None]:
    """Open for writing, or read-only with the reason when another PC holds the lock."""
    from fko_desktop.storage.unitfile import UnitFile

    try:
        return UnitFile.open(path, checked_revision=checked_revision), None
    except UnitFileLocked as locked:
        return UnitFile.open(path, readonly=True, checked_revision=checked_revision), locked.message


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
    """An unexpected error is logged with its traceback and shown as a short Danish message."""
    import traceback

    def hook(kind: type[BaseException], error: BaseException, tb: object) -> None:
        log_dir = paths.log_dir()
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            with open(log_dir / "fko-desktop.log", "a", encoding="utf-8") as handle:
                handle.write("".join(traceback.format_exception(kind, error, tb)))  # type: ignore[arg-type]
        except OSError:
            pass
        if QApplication.instance() is not None:
            QMessageBox.critical(
                None,
                tr("Uventet fejl"),
                tr("Der skete en uventet fejl ({error}). Det, der allerede er gemt, er i behold; "
                   "detaljer står i {log}.").format(error=error, log=log_dir / "fko-desktop.log"),
            )

    sys.excepthook = hook


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
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
