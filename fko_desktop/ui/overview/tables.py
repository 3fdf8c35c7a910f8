"""The numbers behind the overview's bars, as Qt table models.

Each model shows one of the core's tables as it is (``fko_desktop.overview.model``): the
window shows the leader the real numbers, and marks a group of fewer than five citizens in
grey with "< 5" beside its citizens, because prints and exports will show it as "< 5" only.
The last row is the total.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from fko_desktop.overview.model import (
    CHANGE_STEPS,
    OUTCOME_ORDER,
    ChangeRow,
    ChangeTable,
    OutcomeRow,
    OutcomeTable,
    PracticeRow,
    PracticeTable,
)
from fko_desktop.overview.suppression import mark
from fko_desktop.ui.i18n import tr

_Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")
#: Text colour of a small group's row: still readable, clearly set apart.
MUTED = QColor("#8a8a8a")
#: Two-line headers for the outcome columns, so ten columns fit a 1366 pixel window.
OUTCOME_HEADERS = {
    "progression_goal_met": "Progressionsmål\nopfyldt",
    "maintenance_goal_met": "Fastholdelsesmål\nopfyldt",
    "unproblematic": "Uproble-\nmatisk",
    "progression": "Progres-\nsion",
    "no_progression": "Ingen\nprogression",
    "negative_progression": "Negativ\nprogression",
}


def percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)} %"


def count_and_share(count: int, total: int) -> str:
    return f"{count} ({percent(count / total)})" if total and count else str(count)


def citizens_text(row: OutcomeRow | ChangeRow | PracticeRow) -> str:
    return f"{row.citizens} ({mark(row)})" if row.suppressed else str(row.citizens)


class _RowsModel(QAbstractTableModel, Generic[R]):
    """Rows of one kind plus their total; subclasses say the headers and the cells."""

    headers: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[R] = []
        self.total: R | None = None

    def set_table(self, rows: Sequence[R], total: R | None) -> None:
        self.beginResetModel()
        self.rows, self.total = list(rows), total
        self.endResetModel()

    def row_at(self, row: int) -> R | None:
        """The group of a table row; the total for the last row."""
        if 0 <= row < len(self.rows):
            return self.rows[row]
        return self.total if row == len(self.rows) and self.total is not None else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows) + (1 if self.total is not None and self.rows else 0)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.headers[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return tr(self.headers[section]).replace("-\n", "").replace("\n", " ")
        return None

    if TYPE_CHECKING:  # each table's model says what its cells show

        def cell(self, row: R, column: int) -> str: ...

    def suppressed(self, row: R) -> bool:
        return bool(getattr(row, "suppressed", False))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and self.suppressed(row):
            if getattr(row, "complementary", False):
                return tr(
                    "Skjules i udskrifter og eksport, så en lille gruppe ikke kan regnes ud af totalen."
                )
            return tr("Færre end fem borgere: vises som »< 5« i udskrifter og eksport.")
        if role == Qt.ItemDataRole.ForegroundRole and self.suppressed(row):
            return QBrush(MUTED)
        if role == Qt.ItemDataRole.FontRole and row is self.total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class OutcomeTableModel(_RowsModel[OutcomeRow]):
    headers = (
        "Gruppe",
        *(OUTCOME_HEADERS[o.value] for o in OUTCOME_ORDER),
        "Uden\nkategori",
        "Mål",
        "Borgere",
    )

    #: Show a small group's numbers as "< 5" (another unit's figures, as the comparison shows).
    hide_small = False

    def show(self, table: OutcomeTable | None) -> None:
        self.set_table(table.rows if table else (), table.total if table else None)

    def cell(self, row: OutcomeRow, column: int) -> str:
        if column == 0:
            return row.label
        if self.hide_small and row.suppressed:
            return mark(row)
        if column <= len(OUTCOME_ORDER):
            return count_and_share(row.counts.get(OUTCOME_ORDER[column - 1], 0), row.categorised)
        rest = (str(row.uncategorised), str(row.goals), citizens_text(row))
        return rest[column - len(OUTCOME_ORDER) - 1]


def signed(step: int) -> str:
    return f"+{step}" if step > 0 else ("−" + str(-step) if step < 0 else "0")


class ChangeTableModel(_RowsModel[ChangeRow]):
    headers = ("Område", *(signed(step) for step in CHANGE_STEPS), "Mål", "Borgere", "Bedre", "Dårligere")

    def show(self, table: ChangeTable | None) -> None:
        self.set_table(table.rows if table else (), table.total if table else None)

    def cell(self, row: ChangeRow, column: int) -> str:
        if column == 0:
            return row.label
        if column <= len(CHANGE_STEPS):
            return str(row.counts.get(CHANGE_STEPS[column - 1], 0))
        total = sum(row.counts.get(step, 0) for step in CHANGE_STEPS)
        better = sum(n for step, n in row.counts.items() if step > 0)
        worse = sum(n for step, n in row.counts.items() if step < 0)
        rest = (
            str(row.goals),
            citizens_text(row),
            percent(better / total if total else None),
            percent(worse / total if total else None),
        )
        return rest[column - len(CHANGE_STEPS) - 1]


class PracticeTableModel(_RowsModel[PracticeRow]):
    """Documentation practice; the "N days" columns name the chosen number of days."""

    def __init__(self) -> None:
        super().__init__()
        self.quiet_days = 14
        self._set_headers()

    def _set_headers(self) -> None:
        days = self.quiet_days
        self.headers = (
            "Gruppe",
            "Borgere",
            "Målstatus\ntil tiden",
            "Overskredne\nmålstatus",
            "Overskredne\nstatusrapporter",
            "Opfølgninger\nafholdt",
            "Notater pr.\nborger pr. uge",
            f"Borgere uden\nnotat i {days} dage",
            f"Delmål uden\nnotat i {days} dage",
            "Notater\nmed score",
        )

    def show(self, table: PracticeTable | None) -> None:
        self.quiet_days = table.quiet_days if table else self.quiet_days
        self._set_headers()
        self.set_table(table.rows if table else (), table.total if table else None)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)

    def cell(self, row: PracticeRow, column: int) -> str:
        cells: tuple[Callable[[], str], ...] = (
            lambda: row.label,
            lambda: citizens_text(row),
            lambda: f"{percent(row.on_time_share)} ({row.statuses_on_time}/{row.statuses_due})",
            lambda: str(row.statuses_overdue),
            lambda: str(row.reports_overdue),
            lambda: f"{row.follow_ups_held}/{row.follow_ups_due}",
            lambda: f"{row.notes_per_citizen_week:.1f}".replace(".", ","),
            lambda: str(row.citizens_without_note),
            lambda: str(row.sub_goals_without_note),
            lambda: f"{percent(row.scored_share)} ({row.notes_with_score}/{row.notes})",
        )
        return cells[column]()
