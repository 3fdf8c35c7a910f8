"""Filer → Gendan fra sikkerhedskopi: the unit's automatic backups, one of them put back.

The list is the unit's own backups on this PC (time, reason, size), newest first. Restoring
asks first, saying what happens: the current file is backed up before it is replaced, and
what was written after the backup is not in the restored file. The window then closes its
unit (which releases the write lock the restore needs), the facade restores, and the file is
opened again in a new window. A refusal is shown, and the file is opened again as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.errors import FkoError
from fko_desktop.models.formatting import format_datetime
from fko_desktop.ui import opening
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from fko_desktop.ui.main_window import MainWindow

HEADERS = ("Tidspunkt", "Årsag", "Størrelse")
DIALOG_SIZE = (640, 420)


def format_size(size: int) -> str:
    """A file size the way Danish users read it: 1,2 MB, 340 kB."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} kB"


class RestoreDialog(QDialog):
    """The backups in a table; »Gendan …« asks, then hands the chosen one to ``restore``."""

    def __init__(
        self,
        backups: list[Any],
        unit_name: str,
        restore: Callable[[Any], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.backups = backups
        self._restore = restore
        self.setWindowTitle(tr("Gendan fra sikkerhedskopi"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "Automatiske sikkerhedskopier af {unit} på denne pc, nyeste først. De tages, når "
                "enheden lukkes efter ændringer, ved dagens første gemning, før filen opdateres, "
                "og før et bundt indlæses."
            ).format(unit=unit_name)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(backups), len(HEADERS))
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, backup in enumerate(backups):
            cells = (format_datetime(backup.made_at), tr(backup.reason_label), format_size(backup.size))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(0)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        layout.addWidget(self.table)
        self.empty = QLabel(tr("Der er endnu ingen automatiske sikkerhedskopier af enheden på denne pc."))
        self.empty.setVisible(not backups)
        layout.addWidget(self.empty)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.restore_button = QPushButton(tr("Gendan …"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton(tr("Luk"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        fit_to_screen(self, *DIALOG_SIZE)

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def confirm(self, backup: Any) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Gendan fra sikkerhedskopi"))
        box.setText(
            tr(
                "Enhedsfilen erstattes af sikkerhedskopien fra {when}. Det, der er skrevet siden da, "
                "er ikke med i den gendannede fil."
            ).format(when=format_datetime(backup.made_at))
        )
        box.setInformativeText(
            tr(
                "Den nuværende fil gemmes først som en sikkerhedskopi (»før gendannelse«), så den "
                "kan hentes tilbage. Enheden lukkes og åbnes igen."
            )
        )
        go = box.addButton(tr("Gendan"), QMessageBox.ButtonRole.AcceptRole)
        # Cancelling is the default: Enter alone never replaces the unit file.
        box.setDefaultButton(box.addButton(tr("Annullér"), QMessageBox.ButtonRole.RejectRole))
        box.exec()
        return box.clickedButton() is go

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None or not self.confirm(backup):
            return
        self.accept()
        self._restore(backup)


def restore_into(window: MainWindow, backup_path: Path) -> MainWindow | None:
    """Close the window's unit, restore ``backup_path`` over its file and open it again."""
    path = window.unit.path
    try:
        restore = window.unit.restore_when_closed(backup_path)  # the role, while it is open
    except FkoError as error:
        QMessageBox.critical(window, tr("Sikkerhedskopien kan ikke gendannes"), error.message)
        return window
    if not window.close():  # an unsaved note the user chose to keep writing
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = restore()
    except FkoError as error:
        QApplication.restoreOverrideCursor()
        QMessageBox.critical(window, tr("Sikkerhedskopien kan ikke gendannes"), error.message)
        return opening.switch_unit(window, path)
    QApplication.restoreOverrideCursor()
    new_window = opening.switch_unit(window, path)
    if new_window is not None:
        saved = tr("Enhedsfilen er gendannet. Den tidligere udgave er gemt som {path}.").format(
            path=result.previous_copy
        )
        new_window.statusBar().showMessage(saved, 20000)
    return new_window


def show_restore_dialog(window: MainWindow) -> RestoreDialog:
    dialog = RestoreDialog(
        window.unit.automatic_backups(),
        window.unit.name,
        lambda backup: restore_into(window, backup.path),
        window,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
