"""The goals and citizens behind a bar: who, which goal, its domain, baseline → latest, the
outcome and who is responsible. Double-click opens the goal in the main window.

Only the unit's own window has these facts with names (a statistics file never does); what a
goal scored and its outcome are the core's (``fko_desktop.overview.figures``), for the same
filter the bar was counted with, so the list always adds up to the bar.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from fko_desktop.models.outcome import Outcome
from fko_desktop.models.scores import NOT_ASSESSED, display_score
from fko_desktop.overview import figures
from fko_desktop.overview.model import GoalFact, OverviewFilter
from fko_desktop.ui.i18n import tr

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Borger", "Mål", "Område", "Baseline → seneste", "Udfald", "Ansvarlig")
#: Shown for a goal whose målstatus puts it in no category (none in the period, "Ikke vurderet").
NO_OUTCOME = "Uden kategori"
HINT = "Klik på en søjle (eller dobbeltklik på en række i tallene) for at se målene og borgerne bag."


def score_text(score: object, one_based: bool) -> str:
    if score is NOT_ASSESSED:
        return tr("Ikke vurderet")
    return display_score(score, one_based=one_based)  # type: ignore[arg-type]


class DrillModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.facts: list[GoalFact] = []
        self.filter = OverviewFilter()
        self.one_based = False
        #: Display name of a fact's domain ("catalog:group" → label), from the overview's rows.
        self.domains: Mapping[str, str] = {}
        #: How a citizen is named on screen (``unit.privacy.citizen_name``: "Skjul navne").
        self.citizen_name: Callable[[int, str], str] = lambda _citizen_id, name: name

    def set_facts(self, facts: Sequence[GoalFact], filt: OverviewFilter) -> None:
        self.beginResetModel()
        self.facts = sorted(facts, key=lambda f: ((f.citizen_name or "").lower(), f.text or ""))
        self.filter = filt
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.facts)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None

    def outcome(self, fact: GoalFact) -> Outcome | None:
        return figures.outcome_of(fact, self.filter)

    def citizen(self, fact: GoalFact) -> str:
        name = fact.citizen_name or ""
        return self.citizen_name(fact.citizen_id, name) if fact.citizen_id is not None else name

    def cell(self, fact: GoalFact, column: int) -> str:
        if column == 0:
            return self.citizen(fact)
        if column == 1:
            return fact.text or ""
        if column == 2:
            key = f"{fact.catalog}:{fact.domain_group}"
            return self.domains.get(key) or self.domains.get(fact.domain_group) or fact.domain_code
        if column == 3:
            latest = figures.latest_status(fact, self.filter)
            now = score_text(latest.score, self.one_based) if latest is not None else "–"
            return f"{score_text(fact.baseline, self.one_based)} → {now}"
        if column == 4:
            outcome = self.outcome(fact)
            return tr(outcome.label) if outcome is not None else tr(NO_OUTCOME)
        return fact.responsible_name or "–"

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.facts):
            return None
        fact = self.facts[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.cell(fact, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell(fact, index.column()) + "\n" + tr("Dobbeltklik for at åbne målet.")
        return None


class DrillView(QWidget):
    """A heading ("Progression · Skole og læring: 4 mål, 3 borgere") over the list of goals.

    ``open_requested(fact)``: the user double-clicked a goal (or pressed Enter on it)."""

    open_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(
            tr("Klik på en søjle (eller dobbeltklik på en række i tallene) for at se målene og borgerne bag.")
        )
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName(tr("Mål bag tallet"))
        self.model = DrillModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Mål og borgere bag tallet"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        # One line per goal, its text cut short: the whole text is in the tooltip and the goal
        # itself a double-click away, and every column fits the half window the list has.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.activated.connect(lambda index: self._open(index.row()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)

    def show_facts(self, title: str, facts: Sequence[GoalFact], filt: OverviewFilter) -> None:
        self.model.set_facts(facts, filt)
        citizens = len({fact.citizen_key for fact in facts})
        self.heading.setText(
            tr("{title}: {goals} mål, {citizens} borgere. Dobbeltklik for at åbne målet.").format(
                title=title, goals=len(facts), citizens=citizens
            )
        )

    def clear(self) -> None:
        self.model.set_facts([], self.model.filter)
        self.heading.setText(
            tr("Klik på en søjle (eller dobbeltklik på en række i tallene) for at se målene og borgerne bag.")
        )

    def names(self) -> list[str]:
        """The citizens listed, as shown (tests, screen readers)."""
        return [self.model.cell(fact, 0) for fact in self.model.facts]

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.model.facts):
            self.open_requested.emit(self.model.facts[row])
