"""A goal's and a sub-goal's page: heading, facts, the graph, and the journal of its sub-goals.

The pages read through the facade (``runner.unit``) and write nothing themselves; the journal
panel on each writes through the runner and refreshes itself from its broadcast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from fko_desktop.models.catalogs import display_code
from fko_desktop.models.formatting import format_date
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.journal import JournalPanel
from fko_desktop.ui.score_style import citizen_style

if TYPE_CHECKING:
    from fko_desktop.ui.runner import Runner


def _goal_graph() -> QWidget:
    from fko_desktop.ui.graphs import GoalStatusGraph

    return GoalStatusGraph()


def _sub_goal_graph() -> QWidget:
    from fko_desktop.ui.graphs import SubGoalScoreGraph

    return SubGoalScoreGraph()


class RecordPage(QWidget):
    """A goal or sub-goal: heading, facts, graph and the journal of its sub-goals."""

    def __init__(
        self, graph_factory: Callable[[], QWidget], runner: Runner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self._graph_factory = graph_factory
        self._graph: Any = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.journal = JournalPanel(runner, self)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.heading)
        top_layout.addWidget(self.facts)
        top_layout.addLayout(self.buttons)
        self._graph_slot = QVBoxLayout()
        top_layout.addLayout(self._graph_slot, 1)
        splitter.addWidget(top)
        splitter.addWidget(self.journal)
        # The graph needs less height than the journal staff write in all day.
        splitter.setSizes([330, 370])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    @property
    def graph(self) -> Any:
        """Built on first use: importing pyqtgraph costs half a second the tree need not wait for."""
        if self._graph is None:
            self._graph = self._graph_factory()
            self._graph_slot.addWidget(self._graph)
        return self._graph


class GoalPage(RecordPage):
    """An intervention goal: its facts, the goal-status graph, the journal of all its sub-goals,
    and "Registrér målstatus…" (the window connects the button and enables it)."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(_goal_graph, runner, parent)
        self.status_button = QPushButton(tr("Registrér målstatus…"))
        self.status_button.setAccessibleName(tr("Registrér målstatus"))
        self.buttons.addWidget(self.status_button)
        # The goal's graph has two lines under each period (M1 and its date): a little more
        # room than a sub-goal's, so the score axis's caption fits at 1366×768.
        self.splitter.setSizes([360, 340])

    def show_goal(self, goal_id: int, *, one_based: bool, keep_journal: bool = False) -> None:
        """Show the goal; ``keep_journal`` only restyles the journal (a new display of the
        scores must not reset the note being written)."""
        unit = self.runner.unit
        goal = unit.orders.goal(goal_id)
        style = citizen_style(unit, goal.citizen_id, one_based=one_based)
        self.heading.setText(goal.text)
        self.facts.setText(
            tr("Område: {domain} · Udgangspunkt: {baseline} · Mål: {target} · Start: {start}").format(
                domain=display_code(goal.domain_catalog, goal.domain_code),
                baseline=style.number(goal.baseline),
                target=style.number(goal.target),
                start=format_date(goal.start_date),
            )
        )
        authors = {s.id: s.initials for s in unit.staff.list(include_inactive=True)}
        self.graph.show_goal(unit.goal_status.progress(goal_id), one_based=one_based, authors=authors)
        sub_goals = goal.sub_goals
        if keep_journal:
            self.journal.set_style(style)
            return
        self.journal.set_scope(
            [s.id for s in sub_goals],
            sub_goal_labels={s.id: s.text for s in sub_goals},
            citizen_id=goal.citizen_id,
            style=style,
        )


class SubGoalPage(RecordPage):
    """A sub-goal: its goal and method, the graph of its scores, and its journal."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(_sub_goal_graph, runner, parent)

    def show_sub_goal(self, sub_goal_id: int, *, one_based: bool, keep_journal: bool = False) -> None:
        sub_goal = self.runner.unit.plans.sub_goal(sub_goal_id)
        self.heading.setText(sub_goal.text)
        facts = [tr("Indsatsmål: {goal}").format(goal=sub_goal.goal_text)]
        if sub_goal.method:
            facts.append(tr("Metode: {method}").format(method=sub_goal.method))
        self.facts.setText("\n".join(facts))
        self.redraw_graph(sub_goal_id, one_based=one_based)
        style = citizen_style(self.runner.unit, sub_goal.citizen_id, one_based=one_based)
        if keep_journal:
            self.journal.set_style(style)
        else:
            self.journal.set_scope([sub_goal_id], citizen_id=sub_goal.citizen_id, style=style)

    def redraw_graph(self, sub_goal_id: int, *, one_based: bool) -> None:
        """The score graph again; the journal panel beside it refreshes itself."""
        self.graph.show_scores(self.runner.unit.journal.scores(sub_goal_id), one_based=one_based)
