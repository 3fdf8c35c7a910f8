"""Opening a unit file in the window: for writing or read-only, who is writing, and moving a
window to another unit file.

Below both the start-up code (``app``) and the window (``main_window``): start-up opens the
first file with it, and the window uses ``switch_unit`` to reopen itself on a copy, without
importing the start-up code that imports it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

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
    """Who writes in an open (plain) unit file: the login, or the first staff member of a unit
    without any. Without ``ask`` (a screenshot) only a demo unit logs in, with its demo login."""
    staff = unit.staff.list()
    if not staff:
        if not ask:
            return None
        from fko_desktop.ui.first_staff_dialog import ask_first_staff

        return ask_first_staff(unit)
    demo = unit.accounts.demo_logins()
    if not ask:
        if not demo:
            return None
        return unit.accounts.login(demo[0][0], unit.accounts.demo_password())
    from fko_desktop.ui.login_dialog import ask_login

    last = next((s.initials for s in staff if s.id == remembered), "")
    member: StaffRow | None = ask_login(
        unit.name,
        lambda initials, password, new: unit.accounts.login(initials, password, new_password=new),
        demo_logins=demo,
        demo_password=unit.accounts.demo_password(),
        first_password=unit.accounts.needs_first_password(),
        initials=last,
    )
    return member


def open_and_log_in(
    path: Path, checked: object | None = None, *, ask: bool = True
) -> tuple[Unit, str | None] | None:
    """Open ``path`` with the person at the keyboard logged in; None when they cancel (the
    file is closed again). An encrypted file cannot be read before the password unlocks it,
    so it is opened by the login itself (``Unit.open_as``)."""
    from fko_desktop.unit import Unit

    if Unit.is_encrypted_file(path):
        if not ask:
            raise FkoError(tr("Filen er krypteret; den kan kun åbnes med en adgangskode."))
        from fko_desktop.ui.login_dialog import ask_login

        def attempt(initials: str, password: str, new: str | None) -> Unit:
            return Unit.open_as(path, initials, password, new_password=new, checked=checked)  # type: ignore[arg-type]

        opened: Unit | None = ask_login(path.stem, attempt)
        if opened is None:
            return None
        _remember(opened)
        return opened, opened.readonly_reason
    unit, reason = open_unit(path, checked)
    try:
        member = choose_staff(unit, int_setting(STAFF_ID_SETTING), ask=ask)
    except BaseException:
        unit.close()
        raise
    if member is None and ask and unit.staff.list():
        unit.close()
        return None
    if member is not None and unit.actor is None:
        unit.act_as(member)  # the first staff member of a unit without any
    _remember(unit)
    return unit, reason


def _remember(unit: Unit) -> None:
    actor = unit.actor
    if actor is not None and actor.staff_id is not None:
        settings().setValue(STAFF_ID_SETTING, actor.staff_id)


_open_windows: list[MainWindow] = []


def switch_unit(window: MainWindow, path: Path) -> MainWindow | None:
    """Close ``window`` and open ``path`` in a new main window, with a login.

    The new window is made from the old one's class, so this module never imports main_window
    at run time (main_window imports it; the import above is for type checkers only).
    """
    try:
        opened = open_and_log_in(path)
    except FkoError as error:
        QMessageBox.critical(window, tr("Enhedsfilen kan ikke åbnes"), error.message)
        return None
    if opened is None:
        return None  # the login was cancelled: the window stays as it was
    unit, reason = opened
    settings().setValue(LAST_UNIT_FILE_SETTING, str(unit.path))
    new_window = type(window)(unit, readonly_reason=reason)
    fit_to_screen(new_window, *WINDOW_SIZE)
    new_window.show()
    _open_windows.append(new_window)  # a top-level window without a Python owner is collected
    window.close()
    return new_window
