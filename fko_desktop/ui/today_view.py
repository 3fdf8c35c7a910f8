"""Today: what is due and overdue in the unit, each row a double-click from its editor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from fko_desktop.models.formatting import format_date
from fko_desktop.models.schedule import DUE_SOON_DAYS, DeadlineState
from fko_desktop.ui.i18n import tr
from fko_desktop.unit import Unit
from fko_desktop.unit.rows import Deadline


def open_work(window: Any, deadline: Deadline) -> None:
    """A today row leads to the work it names: a målstatus row to the goal-status editor for
    that period, a status-report row to the print dialog on the status report, a
    reformulation row to the order, a follow-up meeting row to that meeting (to mark it held),
    the other follow-up rows to the citizen's follow-ups, and a use-of-force row to that
    incident (to record its reporting) or permission (to record its review)."""
    citizen_id = deadline.citizen_id
    if deadline.kind == "goal_status" and deadline.goal_id is not None:
        window.select_record("goal", deadline.goal_id, citizen_id)
        if not window.readonly:
            window.open_editor("GoalStatusEditor", None, goal_id=deadline.goal_id, period=deadline.period)
    elif deadline.kind == "status_report":
        window.select_record("citizen", citizen_id, citizen_id)
        window.print_reports("status")
    elif deadline.kind == "reformulation" and deadline.order_id is not None:
        window.select_record("order", deadline.order_id, citizen_id)
    elif deadline.kind in ("follow_up_meeting", "invitation", "follow_up_due"):
        window.select_record("follow_ups", citizen_id, citizen_id)
        if deadline.kind == "follow_up_meeting" and deadline.follow_up_id and not window.readonly:
            window.open_editor("FollowUpEditor", deadline.follow_up_id)
    elif deadline.kind in ("use_of_force_report", "use_of_force_review"):
        window.select_record("use_of_force", citizen_id, citizen_id)
        if deadline.use_of_force_id is not None and not window.readonly:
            window.use_of_force_page.select_record(deadline.use_of_force_id)
            window.open_editor("UseOfForceEditor", deadline.use_of_force_id)
    else:
        window.select_record("citizen", citizen_id, citizen_id)


STATE_COLOURS = {DeadlineState.OVERDUE: QColor("#b3261e"), DeadlineState.DUE: QColor("#8a5a00")}


class DeadlineModel(QAbstractTableModel):
    HEADERS = ("Status", "Frist", "Borger", "Hvad", "Indsatsmål")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[Deadline] = []
        #: How a citizen is named (``unit.privacy.citizen_name``: initials in "Skjul navne").
        self.citizen_name: Callable[[int, str], str] = lambda _citizen_id, name: name

    def set_items(self, items: list[Deadline]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(self.HEADERS[section])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                tr(item.state.label),
                format_date(item.due),
                self.citizen_name(item.citizen_id, item.citizen_name),
                tr(item.label),
                item.goal_text or "",
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            colour = STATE_COLOURS.get(item.state)
            return QBrush(colour) if colour else None
        return None


class TodayView(QWidget):
    """The unit's open deadlines; ``open_requested(deadline)`` asks the window to open one."""

    open_requested = Signal(object)

    def __init__(self, unit: Unit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._unit = unit
        self._today = dt.date.today()
        self.heading = QLabel()
        self.heading.setObjectName("todayHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.model = DeadlineModel(self)
        self.model.citizen_name = unit.privacy.citizen_name
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Frister i dag"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)  # Enter on the keyboard
        # What an empty list means: a new unit starts here and needs to know the first step.
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #444; padding: 8px 0;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)

    def refresh(self, today: dt.date | None = None) -> None:
        self._today = today or self._today
        items = self._unit.deadlines.due(self._today)
        self.model.set_items(items)
        overdue = sum(1 for i in items if i.state is DeadlineState.OVERDUE)
        self.heading.setText(
            tr("I dag {date}: {overdue} overskredet, {due} forfalder inden for {days} dage").format(
                date=format_date(self._today), overdue=overdue, due=len(items) - overdue, days=DUE_SOON_DAYS
            )
        )
        self.hint.setText(self._hint(bool(items)))
        self.hint.setVisible(bool(self.hint.text()))

    def _hint(self, has_items: bool) -> str:
        if has_items:
            return ""
        if not self._unit.citizens.list(active=True):
            return tr(
                "Enheden har endnu ingen borgere. Opret den første med »Ny borger« (Ctrl+Shift+B); "
                "vælg derefter borgeren i træet og registrér bestillingen med »Ny bestilling«. "
                "Frister for målstatus, statusrapporter og opfølgninger vises her, når de kommer."
            )
        return tr("Ingen frister er overskredet eller forfalder de næste {days} dage.").format(
            days=DUE_SOON_DAYS
        )

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.model.items[index.row()])
