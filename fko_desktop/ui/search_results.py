"""The hits of a free-text search over every note, as a view of their own: who, when, journal or
diary, the sub-goal, who wrote it and the words around the match (marked); filtered by citizen,
kind and period. Opening a hit opens that very note, not just the citizen.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.models.formatting import format_datetime
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.pages.diary_list import CardDelegate, HtmlRole
from fko_desktop.ui.screen_fit import fit_to_screen
from fko_desktop.unit.rows import SearchHit

if TYPE_CHECKING:  # main_window imports this module
    from fko_desktop.ui.main_window import MainWindow

AnyIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("Borger", "Tidspunkt", "Type", "Delmål", "Forfatter", "Uddrag")
EXCERPT = COLUMNS.index("Uddrag")
HitRole = Qt.ItemDataRole.UserRole + 10
#: How many hits the window asks the core for (main_window's search).
SEARCH_LIMIT = 200


def kind_label(kind: str) -> str:
    return tr("Delmålsjournal") if kind == "journal" else tr("Beboerdagbog")


def marked_excerpt(snippet: str) -> str:
    """The search's excerpt as rich text, the matched words (between the index's [ and ]) bold."""
    return html.escape(snippet).replace("[", "<b>").replace("]", "</b>")


def plain_excerpt(snippet: str) -> str:
    """The excerpt as plain text, the matched words in «» (for screen readers and copying)."""
    return snippet.replace("[", "«").replace("]", "»")


class HitsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []
        #: How a citizen is named (``unit.privacy.citizen_name``: initials in "Skjul navne").
        self.citizen_name: Callable[[int, str], str] = lambda _citizen_id, name: name

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.hits)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None

    def cell(self, row: int, column: int) -> str:
        hit = self.hits[row]
        values = (
            self.citizen_name(hit.citizen_id, hit.citizen_name),
            format_datetime(hit.observed_at),
            kind_label(hit.kind) + (f" ({tr('trukket tilbage')})" if hit.withdrawn else ""),
            hit.sub_goal or "–",
            hit.author,
            plain_excerpt(hit.snippet),
        )
        return values[column]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.DisplayRole and index.column() == EXCERPT:
                return None  # drawn by the delegate, as rich text
            return self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.cell(index.row(), index.column())
        if role == HtmlRole:
            return marked_excerpt(hit.snippet)
        if role == HitRole:
            return hit
        if role == Qt.ItemDataRole.ForegroundRole and hit.withdrawn:
            return Qt.GlobalColor.gray
        return None


class SearchView(QWidget):
    """The hits of one search, with filters; ``open_hit`` opens a hit's note in the window."""

    def __init__(self, window: MainWindow, text: str, hits: list[SearchHit]) -> None:
        super().__init__()
        self.main_window = window
        self.all_hits = hits
        self.setWindowTitle(tr("Søgning: {text}").format(text=text))
        self.summary = QLabel()
        self.citizen_filter = QComboBox()
        self.citizen_filter.setAccessibleName(tr("Filtrér på borger"))
        self.citizen_filter.addItem(tr("Alle borgere"), None)
        shown = window.unit.privacy.citizen_name
        for citizen_id, name in sorted({(h.citizen_id, h.citizen_name) for h in hits}, key=lambda c: c[1]):
            self.citizen_filter.addItem(shown(citizen_id, name), citizen_id)
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName(tr("Filtrér på type"))
        for label, kind in (
            (tr("Alle typer"), None),
            (kind_label("journal"), "journal"),
            (kind_label("diary"), "diary"),
        ):
            self.kind_filter.addItem(label, kind)
        self.period_check = QCheckBox(tr("Periode"))
        self.from_date, self.to_date = QDateEdit(), QDateEdit()
        oldest = min((h.observed_at for h in hits), default=dt.datetime.now()).astimezone().date()
        for edit, name, start in (
            (self.from_date, "Fra dato", oldest),
            (self.to_date, "Til dato", dt.date.today()),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setAccessibleName(tr(name))
            edit.setDate(QDate(start.year, start.month, start.day))
            edit.setEnabled(False)
            edit.dateChanged.connect(self.apply_filters)
            self.period_check.toggled.connect(edit.setEnabled)
        self.period_check.toggled.connect(self.apply_filters)
        self.citizen_filter.currentIndexChanged.connect(self.apply_filters)
        self.kind_filter.currentIndexChanged.connect(self.apply_filters)

        self.model = HitsModel()
        self.model.citizen_name = window.unit.privacy.citizen_name
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Søgeresultater"))
        self.table.setItemDelegateForColumn(EXCERPT, CardDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in range(EXCERPT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.activated.connect(lambda index: self.open_hit(self.model.hits[index.row()]))
        self.table.doubleClicked.connect(lambda index: self.open_hit(self.model.hits[index.row()]))
        self.hint = QLabel(tr("Dobbeltklik (eller Enter) for at åbne notatet."))
        self.hint.setStyleSheet("color: #555;")

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(tr("Borger")))
        filters.addWidget(self.citizen_filter)
        filters.addWidget(QLabel(tr("Type")))
        filters.addWidget(self.kind_filter)
        for widget in (self.period_check, self.from_date, QLabel("–"), self.to_date):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self.text = text
        for column, width in enumerate((150, 140, 120, 260, 70)):
            self.table.setColumnWidth(column, width)
        self.apply_filters()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        # The excerpt wraps to the width the stretched column gets only once it is laid out.
        super().resizeEvent(event)
        self.table.resizeRowsToContents()

    def shown(self) -> list[SearchHit]:
        """The hits the filters let through, newest first."""
        citizen_id, kind = self.citizen_filter.currentData(), self.kind_filter.currentData()
        since: dt.date | None = None
        until: dt.date | None = None
        if self.period_check.isChecked():
            since, until = _date(self.from_date), _date(self.to_date)
        return [
            hit
            for hit in self.all_hits
            if (citizen_id is None or hit.citizen_id == citizen_id)
            and (kind is None or hit.kind == kind)
            and (since is None or hit.observed_at.astimezone().date() >= since)
            and (until is None or hit.observed_at.astimezone().date() <= until)
        ]

    def apply_filters(self) -> None:
        hits = self.shown()
        self.model.set_hits(hits)
        self.table.resizeRowsToContents()
        if not self.all_hits:
            self.summary.setText(tr("Ingen notater matcher »{text}«.").format(text=self.text))
        else:
            summary = tr("{shown} af {total} notater matcher »{text}«.").format(
                shown=len(hits), total=len(self.all_hits), text=self.text
            )
            if len(self.all_hits) >= SEARCH_LIMIT:
                summary += " " + tr("Kun de {n} nyeste vises; søg på flere ord for at finde ældre.").format(
                    n=SEARCH_LIMIT
                )
            self.summary.setText(summary)

    def open_hit(self, hit: SearchHit) -> None:
        open_hit(self.main_window, hit)


def _date(edit: QDateEdit) -> dt.date:
    chosen = edit.date().toPython()
    assert isinstance(chosen, dt.date)
    return chosen


def open_hit(window: MainWindow, hit: SearchHit) -> None:
    """Show the hit's note: a journal note selected in its sub-goal's journal, a diary note
    selected on the citizen's Beboerdagbog page."""
    if hit.kind == "journal" and hit.sub_goal_id is not None:
        window.select_record("sub_goal", hit.sub_goal_id, hit.citizen_id)
        panel = window.sub_goal_page.journal
        model = panel.model
        row = model.row_of(hit.note_id)
        while row < 0 and model.canFetchMore():  # an older note: load pages until it is there
            model.fetchMore()
            row = model.row_of(hit.note_id)
        if row >= 0:
            panel.select_row(row)
            panel.list_view.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
    else:
        window.select_record("diary", hit.citizen_id, hit.citizen_id)
        window.diary_page.select_note(hit.note_id)
    window.raise_()
    window.activateWindow()


def hits_window(window: MainWindow, text: str, hits: list[SearchHit]) -> SearchView:
    """The search view in a window of its own beside the main window (non-modal)."""
    view = SearchView(window, text, hits)
    fit_to_screen(view, 1100, 560)
    view.setParent(window, Qt.WindowType.Window)
    view.show()
    return view
