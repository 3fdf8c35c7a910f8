"""The overview's filter bar: period (with quick choices), department, area, catalog,
responsible staff member, active or ended goals, and what the bars are grouped by.

The choices are the unit's (``unit.overview.options()``): a medarbejder's list of departments
holds only their own. ``changed`` fires on every change; ``current_filter()`` is the core's
``OverviewFilter`` for what is chosen, ``group_by()`` the ``Dimension``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QHBoxLayout, QLabel, QWidget

from fko_desktop.models.enums import Area
from fko_desktop.overview.model import Dimension, GoalState, OverviewFilter
from fko_desktop.ui.i18n import tr

#: "Gruppér efter": what a medarbejder and a leder group the bars by.
GROUPINGS = (
    Dimension.DOMAIN,
    Dimension.DEPARTMENT,
    Dimension.AREA,
    Dimension.GOAL_TYPE,
    Dimension.RESPONSIBLE,
    Dimension.QUARTER,
    Dimension.YEAR,
)
ALL, QUARTER, TWELVE_MONTHS, LAST_YEAR, CHOSEN = "all", "quarter", "12m", "last_year", "chosen"
PERIODS = (
    (ALL, "Hele perioden"),
    (QUARTER, "Seneste hele kvartal"),
    (TWELVE_MONTHS, "Seneste 12 måneder"),
    (LAST_YEAR, "Sidste kalenderår"),
    (CHOSEN, "Valgt periode"),
)
_CATALOG_NAMES = {"ics": "ICS (børn)", "ffb": "FFB (voksne)", "aarhus": "Århus-skemaer"}


def quick_period(choice: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The dates of a quick choice: the last whole calendar quarter (the quarters of the
    "Kvartal" grouping), the twelve months up to today, or last calendar year."""
    if choice == QUARTER:
        first_month = (today.month - 1) // 3 * 3 + 1
        this_quarter = dt.date(today.year, first_month, 1)
        end = this_quarter - dt.timedelta(days=1)
        return dt.date(end.year, (end.month - 1) // 3 * 3 + 1, 1), end
    if choice == TWELVE_MONTHS:
        try:
            start = today.replace(year=today.year - 1) + dt.timedelta(days=1)
        except ValueError:  # 29 February
            start = dt.date(today.year - 1, 3, 1)
        return start, today
    if choice == LAST_YEAR:
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    return None, None


def _pairs(items: Iterable[Any], names: dict[str, str] | None = None) -> list[tuple[object, str]]:
    """(value, label) pairs from the options: plain codes, (code, label) pairs, or rows with
    an ``id`` and a ``name``."""
    pairs: list[tuple[object, str]] = []
    for item in items:
        if isinstance(item, tuple) and len(item) == 2:
            pairs.append((item[0], str(item[1])))
        elif hasattr(item, "id") and hasattr(item, "name"):
            pairs.append((item.id, str(item.name)))
        else:
            pairs.append((item, (names or {}).get(str(item), str(item))))
    return pairs


def _date(edit: QDateEdit) -> dt.date:
    chosen = edit.date().toPython()
    assert isinstance(chosen, dt.date)
    return chosen


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, options: Any, base: OverviewFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.base = base
        self._quiet = False
        self.period_combo = self._combo(tr("Periode"), [(key, tr(label)) for key, label in PERIODS], None)
        today = QDate.currentDate()
        self.from_edit = self._date_edit(today.addYears(-1), tr("Fra dato"))
        self.to_edit = self._date_edit(today, tr("Til dato"))
        self.department_combo = self._combo(
            tr("Afdeling"), _pairs(getattr(options, "departments", ())), tr("Alle afdelinger")
        )
        area_names = {area.value: tr(area.label) for area in Area}
        self.area_combo = self._combo(
            tr("Målgruppe"), _pairs(getattr(options, "areas", ()), area_names), tr("Alle målgrupper")
        )
        self.catalog_combo = self._combo(
            tr("Katalog"), _pairs(getattr(options, "catalogs", ()), _CATALOG_NAMES), tr("Alle kataloger")
        )
        self.responsible_combo = self._combo(
            tr("Ansvarlig"), _pairs(getattr(options, "staff", ())), tr("Alle ansvarlige")
        )
        states = [
            (GoalState.ALL, tr("Alle mål")),
            (GoalState.ACTIVE, tr("Aktive mål")),
            (GoalState.ENDED, tr("Afsluttede mål")),
        ]
        self.state_combo = self._combo(tr("Mål"), states, None)
        self.group_combo = self._combo(tr("Gruppér efter"), [(d, tr(d.label)) for d in GROUPINGS], None)
        self.period_combo.currentIndexChanged.connect(self._period_chosen)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self._date_edited)
        for combo in (
            self.department_combo,
            self.area_combo,
            self.catalog_combo,
            self.responsible_combo,
            self.state_combo,
            self.group_combo,
        ):
            combo.currentIndexChanged.connect(self._emit)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        period = QHBoxLayout()
        period.addWidget(self.period_combo)
        period.addWidget(self.from_edit)
        period.addWidget(QLabel("–"))
        period.addWidget(self.to_edit)
        cells: tuple[tuple[str, Any], ...] = (
            (tr("Periode:"), period),
            (tr("Afdeling:"), self.department_combo),
            (tr("Målgruppe:"), self.area_combo),
            (tr("Katalog:"), self.catalog_combo),
            (tr("Ansvarlig:"), self.responsible_combo),
            (tr("Mål:"), self.state_combo),
            (tr("Gruppér efter:"), self.group_combo),
        )
        for number, (label, widget) in enumerate(cells):
            row, column = divmod(number, 4)
            grid.addWidget(QLabel(label), row, column * 2)
            if isinstance(widget, QHBoxLayout):
                grid.addLayout(widget, row, column * 2 + 1)
            else:
                grid.addWidget(widget, row, column * 2 + 1)
        for column in (1, 3, 5, 7):
            grid.setColumnStretch(column, 1)
        self._set_dates_enabled()

    def _combo(self, name: str, pairs: Sequence[tuple[object, str]], everything: str | None) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        if everything is not None:
            combo.addItem(everything, None)
        for value, label in pairs:
            combo.addItem(label, value)
        return combo

    def _date_edit(self, date: QDate, name: str) -> QDateEdit:
        edit = QDateEdit(date, self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd.MM.yyyy")
        edit.setAccessibleName(name)
        return edit

    # -- changes --------------------------------------------------------------------------

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit()

    def _set_dates_enabled(self) -> None:
        chosen = self.period_combo.currentData() != ALL
        self.from_edit.setEnabled(chosen)
        self.to_edit.setEnabled(chosen)

    def _period_chosen(self) -> None:
        choice = self.period_combo.currentData()
        start, end = quick_period(choice, dt.date.today())
        if start is not None and end is not None:
            self._quiet = True
            self.from_edit.setDate(QDate(start.year, start.month, start.day))
            self.to_edit.setDate(QDate(end.year, end.month, end.day))
            self._quiet = False
        self._set_dates_enabled()
        self._emit()

    def _date_edited(self) -> None:
        if self._quiet:
            return
        if self.period_combo.currentData() != CHOSEN:
            self._quiet = True
            self.period_combo.setCurrentIndex(self.period_combo.findData(CHOSEN))
            self._quiet = False
        self._emit()

    def set_period(self, date_from: dt.date, date_to: dt.date) -> None:
        """Choose a period of one's own (tests; the screenshot)."""
        self._quiet = True
        self.period_combo.setCurrentIndex(self.period_combo.findData(CHOSEN))
        self.from_edit.setDate(QDate(date_from.year, date_from.month, date_from.day))
        self.to_edit.setDate(QDate(date_to.year, date_to.month, date_to.day))
        self._quiet = False
        self._set_dates_enabled()
        self._emit()

    @staticmethod
    def choose(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    # -- what is chosen ----------------------------------------------------------------------

    def group_by(self) -> Dimension:
        chosen = self.group_combo.currentData()
        return chosen if isinstance(chosen, Dimension) else Dimension.DOMAIN

    def current_filter(self) -> OverviewFilter:
        def one(combo: QComboBox) -> frozenset[Any]:
            value = combo.currentData()
            return frozenset() if value is None else frozenset({value})

        dated = self.period_combo.currentData() != ALL
        state = self.state_combo.currentData()
        return OverviewFilter(
            date_from=_date(self.from_edit) if dated else None,
            date_to=_date(self.to_edit) if dated else None,
            departments=one(self.department_combo),
            areas=one(self.area_combo),
            catalogs=one(self.catalog_combo),
            responsible_ids=one(self.responsible_combo),
            goal_state=state if isinstance(state, GoalState) else GoalState.ALL,
            suppress_small_groups=self.base.suppress_small_groups,
        )
