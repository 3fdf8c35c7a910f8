"""The main window's toolbar and menus: each action calls a method of the window.

Kept apart from the window so the window module stays about what it shows; the actions only
say what is offered, with which shortcut, and whether a read-only window offers it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMenu

from fko_desktop.ui.i18n import tr
from fko_desktop.ui.overview import add_overview_actions
from fko_desktop.ui.privacy_actions import build_privacy_actions
from fko_desktop.ui.settings import ONE_BASED_SETTING, bool_setting
from fko_desktop.unit import Permission

if TYPE_CHECKING:
    from fko_desktop.ui.main_window import MainWindow


def build_actions(window: MainWindow) -> None:
    toolbar = window.addToolBar(tr("Værktøjer"))
    toolbar.setObjectName("mainToolbar")
    today = QAction(tr("I dag"), window)
    today.setShortcut(QKeySequence("Ctrl+T"))
    today.triggered.connect(window.show_today)
    toolbar.addAction(today)
    for label, shortcut, slot in (
        (tr("Ny borger"), "Ctrl+Shift+B", window.new_citizen),
        (tr("Ny bestilling"), "Ctrl+Shift+O", window.new_order),
        (tr("Nyt delmål"), "Ctrl+Shift+D", window.new_sub_goal),
        (tr("Ny opfølgning"), "Ctrl+Shift+F", window.new_follow_up),
        (tr("Ret valgte…"), "Ctrl+E", window.edit_selected),
    ):
        action = QAction(label, window)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        action.setEnabled(not window.readonly)
        toolbar.addAction(action)
    # Printing only reads, so it stays available in a read-only window.
    print_action = QAction(tr("Udskriv…"), window)
    print_action.setShortcut(QKeySequence.StandardKey.Print)
    print_action.setToolTip(tr("Status til myndighed, plan, borgerens udgave eller journaludtræk (Ctrl+P)"))
    print_action.triggered.connect(lambda: window.print_reports())
    toolbar.addAction(print_action)
    window.search_edit = QLineEdit()
    window.search_edit.setPlaceholderText(tr("Søg i alle notater …"))
    window.search_edit.setAccessibleName(tr("Fritekstsøgning i notater"))
    window.search_edit.setMaximumWidth(320)
    window.search_edit.returnPressed.connect(window.search)
    toolbar.addWidget(window.search_edit)
    one_based = QAction(tr("Vis scorer som 1–5"), window)
    one_based.setCheckable(True)
    one_based.toggled.connect(window.set_one_based)
    toolbar.addAction(one_based)
    window.one_based_action = one_based
    # A display preference, remembered per user; the stored scores never change.
    one_based.setChecked(bool_setting(ONE_BASED_SETTING))
    file_menu = window.menuBar().addMenu(tr("&Filer"))
    staff_action = QAction(tr("&Medarbejdere…"), window)
    staff_action.triggered.connect(window.show_staff)
    _only_for(
        window, staff_action, Permission.MANAGE_STAFF, tr("Kun en leder kan administrere medarbejdere.")
    )
    file_menu.addAction(staff_action)
    settings_action = QAction(tr("Enhedens &indstillinger…"), window)
    settings_action.triggered.connect(lambda: window.open_editor("UnitSettingsEditor"))
    settings_action.setEnabled(not window.readonly)
    _only_for(
        window,
        settings_action,
        Permission.SETTINGS,
        tr("Kun en administrator kan ændre enhedens indstillinger."),
    )
    window.unit_settings_action = settings_action
    file_menu.addAction(settings_action)
    backup = QAction(tr("Tag sikkerhedskopi…"), window)
    backup.triggered.connect(window.backup)
    file_menu.addAction(backup)
    restore = QAction(tr("Gendan fra sikkerhedskopi …"), window)
    restore.triggered.connect(lambda: _show_restore(window))
    _only_for(window, restore, Permission.RESTORE, tr("Kun en administrator kan gendanne en sikkerhedskopi."))
    file_menu.addAction(restore)
    file_menu.addAction(print_action)
    audit_actions = _add_audit_actions(window, file_menu)
    file_menu.addSeparator()
    bundle_actions: tuple[tuple[str, Callable[[], object], bool], ...] = (
        (tr("Send bundt til myndighed eller tilbud…"), window.send_bundle, True),
        (tr("Indlæs modtaget bundt…"), window.import_bundle, True),
        (tr("Enhedens nøgle til bundter…"), window.show_keys, False),
    )
    for label, open_dialog, writes in bundle_actions:
        action = QAction(label, window)
        action.triggered.connect(lambda _checked=False, open_dialog=open_dialog: open_dialog())
        # Sending records the bundle in the unit's ledger and audit trail: a write.
        action.setEnabled(not (writes and window.readonly))
        file_menu.addAction(action)
    file_menu.addSeparator()
    quit_action = QAction(tr("Afslut"), window)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(window.close)
    file_menu.addAction(quit_action)
    view_menu = window.menuBar().addMenu(tr("&Vis"))
    view_menu.addAction(today)
    view_menu.addAction(one_based)
    build_privacy_actions(window, file_menu, view_menu, before=quit_action)
    view_menu.addActions(list(audit_actions[1:]))
    add_overview_actions(window, toolbar, view_menu)


def _add_audit_actions(window: MainWindow, file_menu: QMenu) -> tuple[QAction, ...]:
    """The audit trail, for those the core lets see it (a leder, an administrator): in the
    Filer menu, and for the selected citizen in the Vis menu and the tree's context menu."""
    if not window.unit.audit.may_view():
        return ()
    from fko_desktop.ui.audit_view import show_audit, show_citizen_audit

    trail = QAction(tr("Revisionsspor …"), window)
    trail.setToolTip(tr("Hvem har set, udskrevet og ændret hvad i enheden"))
    trail.triggered.connect(lambda: show_audit(window))
    file_menu.addAction(trail)
    citizen = QAction(tr("Hvem har set/ændret borgeren …"), window)
    citizen.triggered.connect(lambda: show_citizen_audit(window))
    window.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    window.tree.addAction(citizen)
    # Offered in a read-only window too: reading the trail writes nothing.
    return trail, citizen


def _only_for(window: MainWindow, action: QAction, permission: Permission, why: str) -> None:
    """Grey out what the logged-in person's role cannot use, saying who can; the core refuses
    it anyway, this only spares them the refusal."""
    if not window.unit.may(permission):
        action.setEnabled(False)
        action.setToolTip(why)


def _show_restore(window: MainWindow) -> None:
    # Loaded when asked for: the window's start does not need it.
    from fko_desktop.ui.restore_dialog import show_restore_dialog

    show_restore_dialog(window)
