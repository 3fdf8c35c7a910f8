"""A citizen's follow-ups (opfølgninger): planned and held, and when the next one is owed.

The list is where a follow-up is found again: planned ones are opened to be marked held with
the three voices, and one saved by mistake is withdrawn with a reason (it stays in the file,
marked, because a follow-up is legal documentation).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.models.catalogs import display_code
from fko_desktop.models.formatting import format_date
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.pages.withdrawal import WithdrawsSelected
from fko_desktop.ui.runner import Runner, Task
from fko_desktop.unit import Changed, Unit
from fko_desktop.unit.rows import FollowUpRow

COLUMNS = ("Dato", "Form", "Tilstand", "Indkaldt", "Statusrapport sendt", "Vurderinger", "Status på indsats")
DASH = "–"


def state_text(follow_up: FollowUpRow) -> str:
    if follow_up.withdrawn_at is not None:
        reason = f": {follow_up.withdrawal_reason}" if follow_up.withdrawal_reason else ""
        return tr("Trukket tilbage") + reason
    return tr("Afholdt") if follow_up.held else tr("Planlagt")


def outlook_text(owed_by: dt.date | None, planned: dt.date | None, extra: dict[str, dt.date | None]) -> str:
    """One line a pædagog can act on: the meeting ahead and its deadlines, or what is owed."""
    parts = []
    if planned is not None:
        parts.append(tr("Næste opfølgning er planlagt til {d}").format(d=format_date(planned)))
        if extra.get("invitation_by"):
            parts.append(tr("indkaldelse senest {d}").format(d=format_date(extra["invitation_by"])))
        if extra.get("status_report_by"):
            parts.append(
                tr("statusrapport sendes senest {d}").format(d=format_date(extra["status_report_by"]))
            )
    elif owed_by is not None:
        parts.append(
            tr("Næste opfølgning skal holdes senest {d} og er ikke planlagt").format(d=format_date(owed_by))
        )
    else:
        parts.append(tr("Ingen opfølgning skyldes endnu (den første følger bestillingen)"))
    return "; ".join(parts) + "."


class FollowUpsPage(WithdrawsSelected, QWidget):
    """``show_citizen(citizen_id)`` lists the citizen's follow-ups, latest first."""

    WITHDRAW_TITLE = "Træk opfølgningen tilbage"
    WITHDRAW_QUESTION = "Hvorfor trækkes opfølgningen tilbage? (fx oprettet ved en fejl)"

    #: "Planlæg opfølgning": (citizen_id, proposed date); the window opens the editor.
    plan_requested = Signal(int, object)
    #: "Registrér afholdt opfølgning": citizen_id.
    held_requested = Signal(int)
    #: "Åbn": follow_up_id.
    open_requested = Signal(int)

    def __init__(self, runner: Runner) -> None:
        super().__init__()
        self.runner = runner
        self._unit = runner.unit
        self.citizen_id: int | None = None
        self.rows: list[FollowUpRow] = []
        self._owed_by: dt.date | None = None
        self.task: Task | None = None
        #: Asks why a follow-up is withdrawn: ``() -> (text, ok)``; replaceable in tests.
        self.ask_reason: Callable[[], tuple[str, bool]] = self._ask_reason

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.outlook = QLabel()
        self.outlook.setWordWrap(True)
        self.plan_button = QPushButton(tr("Planlæg opfølgning …"))
        self.plan_button.clicked.connect(self._plan)
        self.held_button = QPushButton(tr("Registrér afholdt opfølgning …"))
        self.held_button.clicked.connect(lambda: self.held_requested.emit(self.citizen_id))
        self.open_button = QPushButton(tr("Åbn …"))
        self.open_button.clicked.connect(self._open_selected)
        self.withdraw_button = QPushButton(tr("Træk tilbage …"))
        self.withdraw_button.setToolTip(
            tr("En opfølgning gemt ved en fejl trækkes tilbage med en begrundelse; den slettes ikke.")
        )
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.show_withdrawn = QCheckBox(tr("Vis tilbagetrukne"))
        self.show_withdrawn.toggled.connect(self.refresh)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setAccessibleName(tr("Opfølgninger"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self._open_selected())
        self.table.itemSelectionChanged.connect(self._enable)
        self.agreements = QLabel()
        self.agreements.setWordWrap(True)
        self.agreements.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.outlook)
        buttons = QHBoxLayout()
        for button in (self.plan_button, self.held_button, self.open_button, self.withdraw_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_withdrawn)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.agreements)

    @property
    def writable(self) -> bool:
        return not self._unit.readonly and self._unit.actor is not None

    def show_citizen(self, citizen_id: int) -> None:
        self.citizen_id = citizen_id
        self.message.hide()
        self.refresh()

    def refresh(self) -> None:
        if self.citizen_id is None:
            return
        today = dt.date.today()
        rows = self._unit.follow_ups.for_citizen(
            self.citizen_id, include_withdrawn=self.show_withdrawn.isChecked()
        )
        outlook = self._unit.follow_ups.outlook(self.citizen_id, today)
        self._owed_by = outlook.owed_by
        self.rows = rows
        self.heading.setText(tr("Opfølgninger"))
        extra = {"invitation_by": outlook.invitation_by, "status_report_by": outlook.status_report_by}
        self.outlook.setText(outlook_text(outlook.owed_by, outlook.planned, extra))
        self.table.setRowCount(len(rows))
        for row, follow_up in enumerate(rows):
            self._fill_row(row, follow_up)
        self.table.resizeRowsToContents()
        self.plan_button.setVisible(self.writable)
        self.held_button.setVisible(self.writable)
        self.withdraw_button.setVisible(self.writable)
        if not rows:
            self.agreements.setText(tr("Ingen opfølgninger endnu."))
        self._enable()

    def _fill_row(self, row: int, follow_up: FollowUpRow) -> None:
        voices = sum(1 for a in follow_up.assessments if a.withdrawn_at is None and a.score is not None)
        status = (
            display_code("ffb", follow_up.intervention_status_code)
            if follow_up.intervention_status_code
            else DASH
        )
        cells = (
            format_date(follow_up.meeting_date),
            tr(follow_up.form.label),
            state_text(follow_up),
            format_date(follow_up.invitation_date) or DASH,
            format_date(follow_up.report_sent_date) or DASH,
            str(voices) if follow_up.held else DASH,
            status,
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if follow_up.withdrawn_at is not None:
                item.setForeground(Qt.GlobalColor.gray)
            self.table.setItem(row, column, item)

    def selected(self) -> FollowUpRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _enable(self) -> None:
        chosen = self.selected()
        live = chosen is not None and chosen.withdrawn_at is None
        self.open_button.setEnabled(chosen is not None)
        self.withdraw_button.setEnabled(live and self.task is None)
        if chosen is not None:
            agreed = chosen.agreements or tr("Ingen aftaler registreret.")
            self.agreements.setText(tr("Aftaler {d}: ").format(d=format_date(chosen.meeting_date)) + agreed)
        elif self.rows:
            self.agreements.clear()

    def select_follow_up(self, follow_up_id: int) -> None:
        for row, follow_up in enumerate(self.rows):
            if follow_up.id == follow_up_id:
                self.table.selectRow(row)

    def proposed_date(self) -> dt.date:
        """The date a new planned meeting gets: when the next one is owed, never in the past."""
        today = dt.date.today()
        return self._owed_by if self._owed_by and self._owed_by >= today else today

    def _plan(self) -> None:
        if self.citizen_id is not None:
            self.plan_requested.emit(self.citizen_id, self.proposed_date())

    def _open_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.open_requested.emit(chosen.id)

    def withdraw_record(self, unit: Unit, record_id: int, reason: str) -> Changed[int]:
        return unit.follow_ups.withdraw(record_id, reason=reason)

    def after_refusal(self) -> None:
        self._enable()
