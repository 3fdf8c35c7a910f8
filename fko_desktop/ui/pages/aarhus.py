"""A child's Århus schema assessments: every factor against every assessment, one table.

Seed 003 Figure 7 compares the status at måletidspunkt 1 (and the target set then) with the
status at måletidspunkt 2. The table puts the factors in rows and the assessments in columns,
oldest first, each cell the agreed score with the target set for the next time, so the change
from one column to the next reads across; the cell's tooltip has the text beside the score and
the child's and parents' own scores. The page also says when the next assessment is due.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

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

from fko_desktop.models.catalogs import Entry
from fko_desktop.models.formatting import format_date
from fko_desktop.models.scores import ScoreStyle
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.pages.withdrawal import WithdrawsSelected
from fko_desktop.ui.runner import Runner, Task
from fko_desktop.ui.score_style import citizen_style
from fko_desktop.unit import Changed, Unit
from fko_desktop.unit.aarhus import AarhusAssessmentRow, AarhusFactorRow

if TYPE_CHECKING:
    from fko_desktop.ui.main_window import MainWindow

DASH = "–"


def cell_text(factor: AarhusFactorRow | None, style: ScoreStyle) -> str:
    """ "2 (mål 1)": the agreed score and the target set for the next assessment."""
    if factor is None:
        return DASH
    text = style.number(factor.score)
    if factor.target is not None:
        text += " " + tr("(mål {t})").format(t=style.number(factor.target))
    return text


def cell_tip(factor: AarhusFactorRow | None, style: ScoreStyle) -> str:
    if factor is None:
        return tr("Ikke scoret i denne vurdering (et andet skema).")
    lines = [tr("Score: {s}").format(s=style.text(factor.score))]
    if factor.target is not None:
        lines.append(tr("Mål til næste gang: {t}").format(t=style.text(factor.target)))
    if factor.note:
        lines.append(factor.note)
    if factor.child_score is not None or factor.child_note:
        lines.append(
            tr("Barnet: {s} {n}").format(s=style.number(factor.child_score), n=factor.child_note or "")
        )
    if factor.parent_score is not None or factor.parent_note:
        lines.append(
            tr("Forældrene: {s} {n}").format(s=style.number(factor.parent_score), n=factor.parent_note or "")
        )
    return "\n".join(line.strip() for line in lines)


class AarhusPage(WithdrawsSelected, QWidget):
    """``show_citizen(citizen_id)`` shows the child's assessments and when the next is due."""

    WITHDRAW_TITLE = "Træk Århus-vurderingen tilbage"
    WITHDRAW_QUESTION = "Hvorfor trækkes vurderingen tilbage? (fx scoret på forkert barn)"

    #: (record id or None, editor context): the window opens the editor.
    open_requested = Signal(object, dict)

    def __init__(self, runner: Runner) -> None:
        super().__init__()
        self.runner = runner
        self._unit = runner.unit
        self.citizen_id: int | None = None
        self.assessments: list[AarhusAssessmentRow] = []
        self._factors: list[Entry] = []
        self.task: Task | None = None
        self.one_based = False
        #: Asks why an assessment is withdrawn: ``() -> (text, ok)``; replaceable in tests.
        self.ask_reason: Callable[[], tuple[str, bool]] = self._ask_reason

        self.heading = QLabel(tr("Århus-vurderinger"))
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.new_button = QPushButton(tr("Ny Århus-vurdering …"))
        self.new_button.clicked.connect(self._new)
        self.open_button = QPushButton(tr("Ret den valgte …"))
        self.open_button.clicked.connect(self._open_selected)
        self.withdraw_button = QPushButton(tr("Træk tilbage …"))
        self.withdraw_button.setToolTip(
            tr("En vurdering gemt ved en fejl trækkes tilbage med en begrundelse; den slettes ikke.")
        )
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.show_withdrawn = QCheckBox(tr("Vis tilbagetrukne"))
        self.show_withdrawn.toggled.connect(self.refresh)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()
        self.table = QTableWidget(0, 0)
        self.table.setAccessibleName(tr("Faktorer og vurderinger"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self._open_selected())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.withdraw_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_withdrawn)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)

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
        citizen_id = self.citizen_id
        style = citizen_style(self._unit, citizen_id, one_based=self.one_based)
        self.assessments = self._unit.aarhus.for_citizen(
            citizen_id, include_withdrawn=self.show_withdrawn.isChecked()
        )
        citizen = self._unit.citizens.get(citizen_id)
        schema = citizen.outcome_schema
        factors = list(self._unit.aarhus.factors(schema)) if schema is not None else []
        self._factors = factors
        due = self._unit.aarhus.next_due(citizen_id)
        parts = [tr("Skema: {s}.").format(s=tr(schema.label)) if schema is not None else ""]
        if due is not None:
            parts.append(
                tr("Næste vurdering: {kind}, {day}.").format(
                    kind=tr(due.kind.label).lower(), day=format_date(due.due_on)
                )
            )
        self.summary.setText(" ".join(p for p in parts if p))
        self.table.clear()
        self.table.setRowCount(len(factors))
        self.table.setColumnCount(len(self.assessments))
        self.table.setVerticalHeaderLabels([tr(f.display) for f in factors])
        self.table.setHorizontalHeaderLabels(
            [f"{format_date(a.assessed_on)}\n{tr(a.kind.label)}" for a in self.assessments]
        )
        for column, assessment in enumerate(self.assessments):
            for row, entry in enumerate(factors):
                found = assessment.factor(entry.code)
                item = QTableWidgetItem(cell_text(found, style))
                item.setToolTip(cell_tip(found, style))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if assessment.withdrawn_at is not None:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
        self.new_button.setVisible(self.writable)
        self.open_button.setVisible(self.writable)
        self.withdraw_button.setVisible(self.writable)
        self._selection_changed()

    def selected(self) -> AarhusAssessmentRow | None:
        columns = self.table.selectionModel().selectedColumns()
        return self.assessments[columns[0].column()] if columns else None

    def select_assessment(self, assessment_id: int) -> None:
        for column, assessment in enumerate(self.assessments):
            if assessment.id == assessment_id:
                self.table.selectColumn(column)

    def _selection_changed(self) -> None:
        chosen = self.selected()
        live = chosen is not None and chosen.withdrawn_at is None
        self.open_button.setEnabled(live)
        self.withdraw_button.setEnabled(live and self.task is None)
        if chosen is None:
            self.detail.setText(
                tr("Vælg en vurdering (en kolonne) for at se deltagere og bemærkning.")
                if self.assessments
                else tr("Der er endnu ingen Århus-vurderinger af barnet.")
            )
            return
        lines = [
            tr("Deltagere: {p}").format(p=chosen.participants or DASH),
            tr("Bemærkning: {n}").format(n=chosen.note or DASH),
            tr("Version {v}").format(v=chosen.version),
        ]
        if chosen.withdrawn_at is not None:
            lines.append(tr("Trukket tilbage: {reason}").format(reason=chosen.withdrawal_reason or ""))
        # The text beside each score is what the score rests on: shown for the chosen
        # assessment, not only in the cells' tooltips.
        names = {row.factor_code: row for row in chosen.factors}
        texts = [
            f"<b>{html.escape(tr(entry.display))}:</b> {html.escape(names[entry.code].note or '')}"
            for entry in self._factors
            if entry.code in names and names[entry.code].note
        ]
        self.detail.setText("<br>".join([*(html.escape(line) for line in lines), *texts]))

    # -- actions ------------------------------------------------------------------------------

    def _new(self) -> None:
        if self.citizen_id is not None:
            self.open_requested.emit(None, {"citizen_id": self.citizen_id})

    def _open_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None and chosen.withdrawn_at is None:
            self.open_requested.emit(chosen.id, {})

    def withdraw_record(self, unit: Unit, record_id: int, reason: str) -> Changed[int]:
        return unit.aarhus.withdraw(record_id, reason=reason)

    def after_refusal(self) -> None:
        self._selection_changed()


def install_aarhus_page(window: MainWindow) -> AarhusPage:
    """Put the page in the window's stack and let it open the editor (main_window stays small)."""
    page = AarhusPage(window.runner)
    page.open_requested.connect(
        lambda record_id, context: window.open_editor("AarhusAssessmentEditor", record_id, **context)
    )
    window.pages.addWidget(page)
    return page


def show_aarhus_page(window: MainWindow, page: AarhusPage, citizen_id: int) -> None:
    page.one_based = window.one_based
    page.show_citizen(citizen_id)
    window.pages.setCurrentWidget(page)
