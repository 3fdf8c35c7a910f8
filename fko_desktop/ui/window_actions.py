"""The main window's toolbar and menus: each action calls a method of the window.

Kept apart from the window so the window module stays about what it shows; the actions only
say what is offered, with which shortcut, and whether a read-only window offers it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit

from fko_desktop.ui.i18n import tr
from fko_desktop.ui.settings import MASK_CPR_ON_SCREEN_SETTING, ONE_BASED_SETTING, bool_setting

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
    file_menu.addAction(staff_action)
    settings_action = QAction(tr("Enhedens &indstillinger…"), window)
    settings_action.triggered.connect(lambda: window.open_editor("UnitSettingsEditor"))
    settings_action.setEnabled(not window.readonly)
    window.unit_settings_action = settings_action
    file_menu.addAction(settings_action)
    backup = QAction(tr("Tag sikkerhedskopi…"), window)
    backup.triggered.connect(window.backup)
    file_menu.addAction(backup)
    restore = QAction(tr("Gendan fra sikkerhedskopi …"), window)
    restore.triggered.connect(lambda: _show_restore(window))
    file_menu.addAction(restore)
    file_menu.addAction(print_action)
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
    window.mask_cpr_action = mask = QAction(tr("Skjul CPR-numre på skærmen"), window, checkable=True)
    mask.setChecked(bool_setting(MASK_CPR_ON_SCREEN_SETTING))
    mask.toggled.connect(window.set_mask_cpr)
    view_menu.addAction(mask)


def _show_restore(window: MainWindow) -> None:
    # Loaded when asked for: the window's start does not need it.
    from fko_desktop.ui.restore_dialog import show_restore_dialog

    show_restore_dialog(window)
