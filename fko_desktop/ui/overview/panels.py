"""The overview's tabs: a chart with its table and the goals behind a clicked bar, and the
documentation practice tables.

``FigurePanel`` serves the outcome figures (Resultater, Over tid, Århus-faktorer) and the
change figure (Udvikling) alike: the chart on the left, the drill-down on the right, the table
with every number below. A click on a bar's segment lists the goals of that group in that
category (or with that change); a click on the bar beside its segments, or on a table row,
lists all the group's goals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.models.outcome import Outcome
from fko_desktop.overview import figures
from fko_desktop.overview.model import (
    ChangeRow,
    ChangeTable,
    GoalFact,
    OutcomeRow,
    OutcomeTable,
    OverviewFilter,
    PracticeTable,
)
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.overview.charts import (
    StackedBars,
    change_bars,
    change_legend,
    outcome_bars,
    outcome_legend,
)
from fko_desktop.ui.overview.drill import DrillView
from fko_desktop.ui.overview.tables import ChangeTableModel, OutcomeTableModel, PracticeTableModel, signed

#: Days without a note the practice tab can ask about.
QUIET_DAYS = (7, 14, 30)


def make_table(model: Any, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
    return table


class FigurePanel(QWidget):
    """One figure: ``show(table, filt)`` draws it; ``open_requested(fact)`` from the drill-down."""

    open_requested = Signal(object)

    def __init__(self, *, change: bool = False, chooser: QComboBox | None = None) -> None:
        super().__init__()
        self.change = change
        self.filter = OverviewFilter()
        self.rows: list[Any] = []
        self.table_data: OutcomeTable | ChangeTable | None = None
        x_label = (
            tr("Andel af målene  ·  ← dårligere | bedre →") if change else tr("Andel af målene med udfald")
        )
        self.chart = StackedBars(diverging=change, x_label=x_label)
        self.chart.clicked.connect(self.drill)
        self.legend = QLabel(change_legend() if change else outcome_legend())
        self.legend.setWordWrap(True)
        self.legend.setAccessibleName(tr("Forklaring til farverne"))
        self.model: OutcomeTableModel | ChangeTableModel = (
            ChangeTableModel() if change else OutcomeTableModel()
        )
        self.table = make_table(self.model, tr("Tallene bag søjlerne"))
        self.table.setToolTip(tr("Dobbeltklik på en række for at se målene og borgerne bag den."))
        self.table.activated.connect(lambda index: self.drill(index.row(), None))
        self.drill_view = DrillView()
        self.drill_view.open_requested.connect(self.open_requested)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        if chooser is not None:
            row = QHBoxLayout()
            row.addWidget(chooser)
            row.addStretch(1)
            top_layout.addLayout(row)
        # Many groups (every ICS, FFB and Århus domain) make the chart taller than a laptop
        # screen: it scrolls inside its half instead of pushing the window past the screen.
        chart_scroll = QScrollArea()
        chart_scroll.setWidgetResizable(True)
        chart_scroll.setFrameShape(QFrame.Shape.NoFrame)
        chart_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        chart_scroll.setWidget(self.chart)
        top_layout.addWidget(chart_scroll, 1)
        top_layout.addWidget(self.legend)
        # The numbers and the goals behind a bar share the lower half, each at full width: a
        # goal's text, its citizen, scores, outcome and responsible need the whole window.
        self.lower_tabs = QTabWidget()
        self.lower_tabs.setDocumentMode(True)
        self.lower_tabs.addTab(self.table, tr("Tallene bag søjlerne"))
        self.lower_tabs.addTab(self.drill_view, tr("Mål og borgere bag søjlen"))
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.lower_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([310, 250])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def show(self, table: OutcomeTable | ChangeTable | None, filt: OverviewFilter) -> None:  # type: ignore[override]
        self.filter = filt
        self.table_data = table
        self.rows = list(table.rows) if table is not None else []
        if self.change:
            assert isinstance(self.model, ChangeTableModel)
            self.model.show(table if isinstance(table, ChangeTable) else None)
            self.chart.set_bars(change_bars(self.rows))
        else:
            assert isinstance(self.model, OutcomeTableModel)
            self.model.show(table if isinstance(table, OutcomeTable) else None)
            self.chart.set_bars(outcome_bars(self.rows))
        self.drill_view.clear()
        self.drill_view.model.filter = filt
        self.lower_tabs.setCurrentWidget(self.table)

    def row_of(self, row: int) -> OutcomeRow | ChangeRow | None:
        found = self.model.row_at(row)
        return found if isinstance(found, (OutcomeRow, ChangeRow)) else None

    def facts_for(self, row: OutcomeRow | ChangeRow, key: object) -> list[GoalFact]:
        if key is None:
            return list(row.facts)
        if isinstance(key, Outcome):
            return [f for f in row.facts if figures.outcome_of(f, self.filter) == key]
        return [f for f in row.facts if figures.change_of(f, self.filter) == key]

    def drill(self, row: int, key: object = None) -> list[GoalFact]:
        """List the goals behind bar ``row`` (the table's row; its last is the total), in
        category/change ``key`` or all of them; returns what is listed."""
        group = self.row_of(row)
        if group is None:
            return []
        facts = self.facts_for(group, key)
        title = group.label
        if isinstance(key, Outcome):
            title += " · " + tr(key.label)
        elif isinstance(key, int) and not isinstance(key, bool):
            title += " · " + tr("ændring {step}").format(step=signed(key))
        self.drill_view.show_facts(title, facts, self.filter)
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)
        self.lower_tabs.setCurrentWidget(self.drill_view)
        return facts

    def set_domains(
        self, domains: dict[str, str], one_based: bool, citizen_name: Callable[[int, str], str]
    ) -> None:
        model = self.drill_view.model
        model.domains, model.one_based, model.citizen_name = domains, one_based, citizen_name

    def shown_cells(self) -> list[list[str]]:
        """What the table shows, row by row (tests, the screenshot script)."""
        model = self.model
        return [
            [str(model.index(r, c).data()) for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]


class PracticePanel(QWidget):
    """Documentation practice per department and per responsible staff member."""

    days_changed = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.days_combo = QComboBox()
        self.days_combo.setAccessibleName(tr("Dage uden notat"))
        for days in QUIET_DAYS:
            self.days_combo.addItem(tr("{n} dage").format(n=days), days)
        self.days_combo.setCurrentIndex(QUIET_DAYS.index(14))
        self.days_combo.currentIndexChanged.connect(lambda _i: self.days_changed.emit(self.quiet_days()))
        self.by_department = PracticeTableModel()
        self.by_responsible = PracticeTableModel()
        self.department_table = make_table(self.by_department, tr("Dokumentationspraksis pr. afdeling"))
        self.responsible_table = make_table(self.by_responsible, tr("Dokumentationspraksis pr. ansvarlig"))
        self.note = QLabel(
            tr(
                "Målstatus til tiden: de målstatus, der faldt i perioden, og hvor mange der blev "
                "givet inden fristen. Overskredne tal gælder i dag."
            )
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Borgere og delmål uden notat i:")))
        top.addWidget(self.days_combo)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        for heading, table in (
            (tr("Pr. afdeling"), self.department_table),
            (tr("Pr. ansvarlig medarbejder"), self.responsible_table),
        ):
            title = QLabel(f"<b>{heading}</b>")
            layout.addWidget(title)
            layout.addWidget(table, 1)
        layout.addWidget(self.note)

    def quiet_days(self) -> int:
        chosen = self.days_combo.currentData()
        return chosen if isinstance(chosen, int) else 14

    def show_tables(self, by_department: PracticeTable | None, by_responsible: PracticeTable | None) -> None:
        self.by_department.show(by_department)
        self.by_responsible.show(by_responsible)

    @staticmethod
    def cells(model: PracticeTableModel) -> list[list[str]]:
        return [
            [str(model.index(r, c).data()) for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]


def domain_labels(tables: Sequence[OutcomeTable | None]) -> dict[str, str]:
    """Domain key → label from the overview's domain tables (for the drill-down's column)."""
    labels: dict[str, str] = {}
    for table in tables:
        for row in table.rows if table is not None else ():
            labels.setdefault(row.key, row.label)
    return labels
