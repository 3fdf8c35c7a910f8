"""Opening a unit file in the window: for writing or read-only, who is writing, and moving a
window to another unit file.

Below both the start-up code (``app``) and the window (``main_window``): start-up opens the
first file with it, and the window uses ``switch_unit`` to reopen itself on a copy, without
importing the start-up code that imports it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox

from fko_desktop.errors import FkoError
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.screen_fit import fit_to_screen
from fko_desktop.ui.settings import LAST_UNIT_FILE_SETTING, STAFF_ID_SETTING, int_setting, settings

# The facade (and with it SQLAlchemy and the models) is imported inside the functions below:
# importing it takes most of a second, during which the unit file's integrity check already
# runs in a thread. main_window only for type checkers: it imports this module.
if TYPE_CHECKING:
    from fko_desktop.ui.main_window import MainWindow
    from fko_desktop.unit import Unit
    from fko_desktop.unit.rows import StaffRow

WINDOW_SIZE = (1366, 768)


def open_unit(path: Path, checked: object | None = None) -> tuple[Unit, str | None]:
    """Open for writing, or read-only with the reason (another program has it, a network
    share, a read-only medium, …). ``checked``: the start-up's inspection of this very file."""
    from fko_desktop.unit import Unit

    unit = Unit.open_for_use(path, checked=checked)  # type: ignore[arg-type]
    return unit, unit.readonly_reason


def choose_staff(unit: Unit, remembered: int | None, *, ask: bool) -> StaffRow | None:
    staff = unit.staff.list()
    if not staff:
        if not ask:
            return None
        from fko_desktop.ui.first_staff_dialog import ask_first_staff

        return ask_first_staff(unit)
    default = next((s for s in staff if s.id == remembered), staff[0])
    if not ask:
        return default
    names = [f"{s.name} ({s.initials})" for s in staff]
    choice, ok = QInputDialog.getItem(
        None,
        tr("Hvem er du?"),
        tr("Vælg dig selv – alt du skriver, får dit navn på:"),
        names,
        staff.index(default),
        False,
    )
    return staff[names.index(choice)] if ok else None


_open_windows: list[MainWindow] = []


def switch_unit(window: MainWindow, path: Path) -> MainWindow | None:
    """Close ``window`` and open ``path`` in a new main window, asking who is writing.

    The new window is made from the old one's class, so this module never imports main_window
    at run time (main_window imports it; the import above is for type checkers only).
    """
    try:
        unit, reason = open_unit(path)
    except FkoError as error:
        QMessageBox.critical(window, tr("Enhedsfilen kan ikke åbnes"), error.message)
        return None
    store = settings()
    member = choose_staff(unit, int_setting(STAFF_ID_SETTING), ask=True)
    if member is not None:
        store.setValue(STAFF_ID_SETTING, member.id)
        unit.act_as(member)
    store.setValue(LAST_UNIT_FILE_SETTING, str(unit.path))
    new_window = type(window)(unit, readonly_reason=reason)
    fit_to_screen(new_window, *WINDOW_SIZE)
    new_window.show()
    _open_windows.append(new_window)  # a top-level window without a Python owner is collected
    window.close()
    return new_window
