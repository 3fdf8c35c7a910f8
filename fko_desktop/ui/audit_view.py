"""The "Revisionsspor" dialog: who read and changed what, for the leder and the administrator.

A dialog over ``unit.audit``: filters (person, citizen, kind, period), a table of the newest
events (a page at a time: a unit's trail runs to 100,000+ events), CSV export to a file the
user chooses, and a double-click opens the record's full history (``record_history``). The
core refuses the trail to anyone else whatever the window offers; the window offers it only to
those the core lets see it. Also here: logging that the window showed a citizen's record.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.models.formatting import format_datetime
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.runner import Failure, Runner, Task
from fko_desktop.ui.screen_fit import fit_to_screen
from fko_desktop.unit.inputs import AuditFilter, AuditKind
from fko_desktop.unit.rows import AuditPage, AuditRow, RecordHistory

if TYPE_CHECKING:
    from fko_desktop.ui.main_window import MainWindow

#: Events shown at a time; "Vis flere" adds the next page.
PAGE_SIZE = 500

_Index = QModelIndex | QPersistentModelIndex


class AuditTableModel(QAbstractTableModel):
    COLUMNS = ("Tid", "Hvem", "Handling", "Hvad", "Borger")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[AuditRow] = []

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def add_rows(self, rows: tuple[AuditRow, ...]) -> None:
        if not rows:
            return
        start = len(self.rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(self.COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            citizen = row.citizen_name or (f"#{row.citizen_id}" if row.citizen_id is not None else "")
            values = (format_datetime(row.at), row.actor_name, tr(row.kind_label), row.description, citizen)
            return values[index.column()]
        return None


class AuditDialog(QDialog):
    """The trail, filtered; ``citizen_id`` opens it on one citizen ("Hvem har set/ændret …")."""

    def __init__(
        self, runner: Runner, parent: QWidget | None = None, *, citizen_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        unit = runner.unit
        self.setWindowTitle(tr("Revisionsspor – hvem har set og ændret hvad"))
        self.setAccessibleName(tr("Revisionsspor"))
        self.task: Task | None = None
        self.page: AuditPage | None = None
        #: Set by tests and the screenshot: the history dialog last opened.
        self.history_dialog: QDialog | None = None

        self.person_combo = QComboBox(self)
        self.person_combo.setAccessibleName(tr("Medarbejder"))
        self.person_combo.addItem(tr("Alle medarbejdere"), None)
        for member in sorted(unit.staff.list(include_inactive=True), key=lambda m: m.name):
            self.person_combo.addItem(f"{member.name} ({member.initials})", member.id)
        self.citizen_combo = QComboBox(self)
        self.citizen_combo.setAccessibleName(tr("Borger"))
        self.citizen_combo.addItem(tr("Alle borgere"), None)
        for citizen in unit.citizens.list():
            self.citizen_combo.addItem(citizen.name, citizen.id)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName(tr("Handling"))
        self.kind_combo.addItem(tr("Alle handlinger"), None)
        for kind in AuditKind:
            self.kind_combo.addItem(tr(kind.label), kind)
        today = QDate.currentDate()
        self.from_check = QCheckBox(tr("Fra"), self)
        self.from_edit = self._date_edit(today.addMonths(-1), tr("Fra dato"))
        self.to_check = QCheckBox(tr("Til"), self)
        self.to_edit = self._date_edit(today, tr("Til dato"))
        if citizen_id is not None:
            self.citizen_combo.setCurrentIndex(max(0, self.citizen_combo.findData(citizen_id)))
        for combo in (self.person_combo, self.citizen_combo, self.kind_combo):
            combo.currentIndexChanged.connect(self.refresh)
        for check in (self.from_check, self.to_check):
            check.toggled.connect(self.refresh)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self._date_changed)
        filters = QHBoxLayout()
        for label, widget in ((tr("Hvem:"), self.person_combo), (tr("Borger:"), self.citizen_combo)):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget, 1)
        filters.addWidget(QLabel(tr("Handling:"), self))
        filters.addWidget(self.kind_combo)
        for check, edit in ((self.from_check, self.from_edit), (self.to_check, self.to_edit)):
            filters.addWidget(check)
            filters.addWidget(edit)

        self.model = AuditTableModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Hændelser i revisionssporet"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda index: self.open_history(index.row()))

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.more_button = QPushButton(tr("Vis flere"), self)
        self.more_button.clicked.connect(self.load_more)
        self.more_button.hide()
        self.history_button = QPushButton(tr("Vis postens historik …"), self)
        self.history_button.clicked.connect(lambda: self.open_history(self.table.currentIndex().row()))
        self.export_button = QPushButton(tr("Eksportér til CSV …"), self)
        self.export_button.clicked.connect(lambda: self.export_csv())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Luk"))
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.more_button)
        bottom.addWidget(self.history_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(buttons)

        hint = QLabel(
            tr(
                "Alt hvad der er oprettet, rettet, trukket tilbage, udskrevet, sendt og set i enheden, "
                "nyeste først. Dobbeltklik på en hændelse for at se postens historik."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        fit_to_screen(self, 1240, 720)
        self.refresh()

    def _date_edit(self, date: QDate, name: str) -> QDateEdit:
        edit = QDateEdit(date, self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd.MM.yyyy")
        edit.setAccessibleName(name)
        return edit

    def _date_changed(self) -> None:
        if self.from_check.isChecked() or self.to_check.isChecked():
            self.refresh()

    def current_filter(self) -> AuditFilter:
        kind = self.kind_combo.currentData()
        return AuditFilter(
            staff_id=self.person_combo.currentData(),
            citizen_id=self.citizen_combo.currentData(),
            kinds=frozenset({kind}) if kind is not None else frozenset(),
            since=_day(self.from_edit.date()) if self.from_check.isChecked() else None,
            until=_day(self.to_edit.date()) if self.to_check.isChecked() else None,
        )

    # -- loading ---------------------------------------------------------------------------

    def refresh(self) -> Task:
        """Read the first page for the filters as they are now (off the GUI thread)."""
        where = self.current_filter()
        self.status_label.setText(tr("Henter …"))
        self.task = (
            self.runner.query(self, lambda unit, _p: unit.audit.events(where, limit=PAGE_SIZE))
            .success(lambda page: self._show(page, append=False))
            .failure(self._failed)
            .run()
        )
        return self.task

    def load_more(self) -> Task | None:
        if self.page is None or not self.page.more or not self.model.rows:
            return None
        where, after = self.current_filter(), self.model.rows[-1]
        self.task = (
            self.runner.query(self, lambda unit, _p: unit.audit.events(where, limit=PAGE_SIZE, after=after))
            .success(lambda page: self._show(page, append=True))
            .failure(self._failed)
            .run()
        )
        return self.task

    def _show(self, page: AuditPage, *, append: bool) -> None:
        self.task = None
        self.page = page
        if append:
            self.model.add_rows(page.rows)
        else:
            self.model.set_rows(list(page.rows))
        count = len(self.model.rows)
        if count == 0:
            text = tr("Ingen hændelser passer til valget.")
        elif page.more:
            text = tr("Viser de nyeste {count} hændelser; der er flere.").format(count=count)
        else:
            text = tr("{count} hændelser.").format(count=count)
        self.status_label.setText(text)
        self.more_button.setVisible(page.more)

    def _failed(self, failure: Failure) -> None:
        self.task = None
        self.status_label.setText(failure.message)

    # -- history and export ----------------------------------------------------------------

    def open_history(self, row: int) -> QDialog | None:
        if not 0 <= row < len(self.model.rows):
            return None
        event = self.model.rows[row]
        if not event.has_history or event.record_type is None or event.record_id is None:
            self.status_label.setText(tr("Hændelsen hører ikke til en bestemt post."))
            return None
        record_type, record_id = event.record_type, event.record_id
        self.task = (
            self.runner.query(self, lambda unit, _p: unit.audit.record_history(record_type, record_id))
            .success(self._show_history)
            .failure(self._failed)
            .run()
        )
        return None

    def _show_history(self, history: RecordHistory) -> None:
        from fko_desktop.ui.record_history import RecordHistoryDialog

        self.task = None
        dialog = RecordHistoryDialog(history, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.history_dialog = dialog

    def export_csv(self, path: str | None = None) -> Task | None:
        """Write the events the filters select to a CSV file the user chooses; a path given
        (tests) must not exist yet, while one chosen in the dialog was confirmed there."""
        replace = path is None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, tr("Eksportér revisionsspor"), "revisionsspor.csv", tr("CSV-filer (*.csv)")
            )
            if not path:
                return None
        where, target = self.current_filter(), path
        self.task = (
            self.runner.query(self, lambda unit, _p: unit.audit.export_csv(target, where, replace=replace))
            .with_progress(tr("Eksportér revisionsspor"))
            .success(lambda count: self._exported(target, count))
            .failure(lambda failure: self._export_failed(failure))
            .run()
        )
        return self.task

    def _exported(self, path: str, count: int) -> None:
        self.task = None
        self.status_label.setText(tr("{count} hændelser er gemt i {path}.").format(count=count, path=path))

    def _export_failed(self, failure: Failure) -> None:
        self.task = None
        if not failure.cancelled:
            QMessageBox.warning(self, tr("Eksportér revisionsspor"), failure.message)


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


# -- the window's side -------------------------------------------------------------------------


def show_audit(window: MainWindow, citizen_id: int | None = None) -> AuditDialog | None:
    """Open the trail (on one citizen if given); nothing for a person who may not see it."""
    if not window.unit.audit.may_view():
        return None
    dialog = AuditDialog(window.runner, window, citizen_id=citizen_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def show_citizen_audit(window: MainWindow) -> AuditDialog | None:
    """The trail of the citizen selected in the tree ("Hvem har set/ændret borgeren …")."""
    found = window._need("citizen", "en borger")
    return show_audit(window, found[1]) if found is not None else None


def log_citizen_opened(window: MainWindow, citizen_id: int) -> Task | None:
    """Log that the window shows this citizen's record (coalesced in the core); a read-only
    file cannot log, which its banner already says."""
    if window.readonly:
        return None
    return (
        window.runner.query(window, lambda unit, _p: unit.audit.citizen_opened(citizen_id))
        .failure(lambda failure: window.statusBar().showMessage(failure.message, 10000))
        .run()
    )
