"""Ledelsesinformation in the window: the "Overblik" of the open unit and the comparison of
several units' statistics files (issue 14).

``add_overview_actions`` puts both in the main window's menus and toolbar; the modules under
this package are loaded only when one of them is opened, so the window's start does not pay
for pyqtgraph's bar charts or reportlab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from fko_desktop.ui.i18n import tr

if TYPE_CHECKING:
    from fko_desktop.ui.main_window import MainWindow
    from fko_desktop.ui.overview.comparison import ComparisonDialog
    from fko_desktop.ui.overview.view import OverviewWindow
    from fko_desktop.ui.runner import Runner

#: Why the action is greyed out for someone the core gives no overview (nobody logged in, a
#: medarbejder with no department).
NO_OVERVIEW = "Log ind som leder – eller som medarbejder i en afdeling – for at se overblikket."


def add_overview_actions(window: MainWindow, toolbar: QToolBar, view_menu: QMenu) -> tuple[QAction, QAction]:
    """ "Overblik" (Ctrl+Shift+L) in the toolbar and the Vis menu, greyed out for whoever the
    core would refuse; "Sammenlign enheder …" in the Vis menu for everyone (statistics files
    hold no names, and a municipal manager may open the program only to compare)."""
    overview = QAction(tr("Overblik"), window)
    overview.setShortcut(QKeySequence("Ctrl+Shift+L"))
    overview.setToolTip(tr("Ledelsesinformation: målopfyldelse, udvikling og dokumentationspraksis"))
    overview.triggered.connect(lambda: show_overview(window))
    if not window.unit.overview.may_view():
        overview.setEnabled(False)
        overview.setToolTip(tr(NO_OVERVIEW))
    toolbar.addAction(overview)
    view_menu.addAction(overview)
    compare = QAction(tr("Sammenlign enheder …"), window)
    compare.setToolTip(tr("Sammenlign statistikfiler fra flere enheder (pr. enhed og pr. år)"))
    compare.triggered.connect(lambda: show_comparison(window))
    view_menu.addAction(compare)
    return overview, compare


def show_overview(window: MainWindow) -> OverviewWindow | None:
    """Open the overview beside the main window (one at a time: a second click raises it)."""
    if not window.unit.overview.may_view():
        window.statusBar().showMessage(tr(NO_OVERVIEW), 10000)
        return None
    from fko_desktop.ui.overview.view import OverviewWindow
    from fko_desktop.ui.screen_fit import fit_to_screen

    existing = window.overview_window
    # Closed, it is deleted (WA_DeleteOnClose): its wrapper must not be asked anything then.
    if isinstance(existing, OverviewWindow) and shiboken6.isValid(existing) and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    view = OverviewWindow(window)
    view.setParent(window, Qt.WindowType.Window)
    fit_to_screen(view, 1366, 768)
    view.show()
    window.overview_window = view
    return view


def show_comparison(window: MainWindow, paths: list[str] | None = None) -> ComparisonDialog:
    """The comparison of statistics files: it reads only the files chosen, never the unit."""
    return open_comparison(window.runner, window, paths)


def open_comparison(
    runner: Runner, parent: QWidget | None, paths: list[str] | None = None
) -> ComparisonDialog:
    """The comparison on any runner, a unit's or the start screen's without one (it uses
    only ``runner.compute``)."""
    from fko_desktop.ui.overview.comparison import ComparisonDialog

    dialog = ComparisonDialog(runner, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    if paths:
        dialog.compare(paths)
    return dialog


def run_comparison(paths: list[str]) -> int:
    """``fko-desktop --compare FILE…``: the comparison alone, on a runner without a unit, for
    the municipality's manager who has no unit file; ends when the dialog is closed."""
    from fko_desktop.ui.runner import Runner

    runner = Runner(None)
    try:
        open_comparison(runner, None, paths).exec()
    finally:
        runner.close()
    return 0
