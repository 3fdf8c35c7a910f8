"""The "Overblik" window: where it goes well and where more focus is needed.

A window of its own beside the main window (the leader has the citizen's record open beside
the figures): the filter bar, then tabs — Resultater (the six outcome categories per group),
Udvikling (the change baseline → latest målstatus per domain), Over tid (per quarter or
year), Dokumentationspraksis and, when the unit uses them, Århus-faktorer — and the buttons
that print the management report and export the figures. Every change of a filter asks the
core for the figures again through the runner (``unit.overview.build``), so the window never
freezes; a medarbejder gets their own department's figures, the core sees to that.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from fko_desktop.models.formatting import format_date
from fko_desktop.overview.model import Dimension, GoalFact, Overview, OverviewFilter
from fko_desktop.ui.file_names import safe_file_name
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.overview.filters import FilterBar
from fko_desktop.ui.overview.output import PdfPreview, choose_target, save_with
from fko_desktop.ui.overview.panels import FigurePanel, PracticePanel, domain_labels
from fko_desktop.ui.runner import Failure, Task

if TYPE_CHECKING:
    from fko_desktop.ui.main_window import MainWindow
    from fko_desktop.unit import Unit

TITLE = "Overblik"
TAB_RESULTS, TAB_CHANGE, TAB_TIME, TAB_PRACTICE, TAB_AARHUS = range(5)


class OverviewWindow(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.main_window = window
        self.runner = window.runner
        unit = window.unit
        self.setWindowTitle(tr("Overblik – {unit}").format(unit=unit.name))
        self.setAccessibleName(tr(TITLE))
        self.overview: Overview | None = None
        self.task: Task | None = None
        #: The audit of a PDF saved or printed (``record_output``), while it is written.
        self.recording: Task | None = None
        self._asked = 0  # the newest request; older answers are dropped
        self.filters = FilterBar(unit.overview.options(), unit.overview.default_filter(), self)
        self.filters.changed.connect(self.refresh)

        self.results = FigurePanel()
        self.change = FigurePanel(change=True)
        self.time_combo = QComboBox()
        self.time_combo.setAccessibleName(tr("Over tid pr."))
        self.time_combo.addItem(tr("Pr. kvartal"), Dimension.QUARTER)
        self.time_combo.addItem(tr("Pr. år"), Dimension.YEAR)
        self.time_combo.currentIndexChanged.connect(lambda _i: self._show_time())
        self.over_time = FigurePanel(chooser=self.time_combo)
        self.practice = PracticePanel()
        self.practice.days_changed.connect(lambda _days: self.refresh())
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName(tr("År"))
        self.year_combo.currentIndexChanged.connect(lambda _i: self._show_factors())
        self.aarhus = FigurePanel(chooser=self.year_combo)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(tr("Overblikkets figurer"))
        for panel, label in (
            (self.results, tr("Resultater")),
            (self.change, tr("Udvikling")),
            (self.over_time, tr("Over tid")),
            (self.practice, tr("Dokumentationspraksis")),
            (self.aarhus, tr("Århus-faktorer")),
        ):
            self.tabs.addTab(panel, label)
        for panel in (self.results, self.change, self.over_time, self.aarhus):
            panel.open_requested.connect(self.open_fact)

        self.status = QLabel(tr("Henter …"))
        self.status.setWordWrap(True)
        self.status.setAccessibleName(tr("Overblikkets status"))
        self.print_button = QPushButton(tr("Udskriv ledelsesrapport …"))
        self.print_button.clicked.connect(lambda: self.print_report())
        self.csv_button = QPushButton(tr("Eksportér CSV …"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.xlsx_button = QPushButton(tr("Eksportér Excel …"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        close = QPushButton(tr("Luk"))
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for button in (self.print_button, self.csv_button, self.xlsx_button, close):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.filters)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self._set_ready(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.refresh()

    # -- asking the core -----------------------------------------------------------------------

    def current_filter(self) -> OverviewFilter:
        return self.filters.current_filter()

    def refresh(self) -> Task:
        """The figures for the filters as they are now, off the GUI thread."""
        self._asked += 1
        asked, filt, days = self._asked, self.current_filter(), self.practice.quiet_days()
        self.status.setText(tr("Henter …"))
        self._set_ready(False)
        self.task = (
            self.runner.query(self, lambda unit, _p: unit.overview.build(filt, quiet_days=days))
            .success(lambda overview: self._arrived(asked, overview))
            .failure(lambda failure: self._failed(asked, failure))
            .run()
        )
        return self.task

    def _arrived(self, asked: int, overview: Overview) -> None:
        if asked != self._asked:
            return
        self.task = None
        self.show_overview(overview)

    def _failed(self, asked: int, failure: Failure) -> None:
        if asked != self._asked:
            return
        self.task = None
        self.status.setText(failure.message)

    def _set_ready(self, ready: bool) -> None:
        for button in (self.print_button, self.csv_button, self.xlsx_button):
            button.setEnabled(ready)

    # -- showing ---------------------------------------------------------------------------

    def show_overview(self, overview: Overview) -> None:
        self.overview = overview
        filt = overview.filter
        domains = domain_labels([overview.outcomes.get(Dimension.DOMAIN), *overview.factors_by_year.values()])
        name_of = self.main_window.unit.privacy.citizen_name
        for panel in (self.results, self.change, self.over_time, self.aarhus):
            panel.set_domains(domains, self.main_window.one_based, name_of)
        self.results.show(overview.outcomes.get(self.filters.group_by()), filt)
        self.change.show(overview.changes, filt)
        self._show_time()
        self.practice.show_tables(overview.practice_by_department, overview.practice_by_responsible)
        years = sorted(overview.factors_by_year, reverse=True)
        chosen = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(year, year)
        if chosen in years:
            self.year_combo.setCurrentIndex(years.index(chosen))
        self.year_combo.blockSignals(False)
        self._show_factors()
        self.tabs.setTabVisible(TAB_AARHUS, bool(years))
        total = self._total_of(overview)
        text = tr("{goals} mål for {citizens} borgere · opgjort {day}.").format(
            goals=total.goals if total else 0,
            citizens=total.citizens if total else 0,
            day=format_date(overview.made_on),
        )
        if filt.suppress_small_groups:
            text += " " + tr(
                "Grå grupper står i udskrift og eksport som »< 5« (færre end fem borgere) "
                "eller »skjult« (så en lille gruppe ikke kan regnes ud)."
            )
        self.status.setText(text)
        self._set_ready(True)

    @staticmethod
    def _total_of(overview: Overview) -> Any:
        table = overview.outcomes.get(Dimension.DOMAIN) or next(iter(overview.outcomes.values()), None)
        return table.total if table is not None else None

    def _show_time(self) -> None:
        if self.overview is not None:
            self.over_time.show(
                self.overview.outcomes.get(self.time_combo.currentData()), self.overview.filter
            )

    def _show_factors(self) -> None:
        if self.overview is not None:
            year = self.year_combo.currentData()
            self.aarhus.show(self.overview.factors_by_year.get(year) if year else None, self.overview.filter)

    def open_fact(self, fact: GoalFact) -> None:
        """Show the goal (or, for an Århus factor, the citizen) in the main window."""
        window = self.main_window
        if fact.citizen_id is None:
            return
        if fact.goal_id is not None:
            window.select_record("goal", fact.goal_id, fact.citizen_id)
        else:
            window.select_record("citizen", fact.citizen_id, fact.citizen_id)
        window.raise_()
        window.activateWindow()

    # -- print and export ------------------------------------------------------------------------

    def _base_name(self, suffix: str) -> str:
        unit = self.main_window.unit.name
        return safe_file_name(f"Ledelsesinformation – {unit} – {dt.date.today().isoformat()}{suffix}")

    def _groupings(self) -> tuple[Dimension, ...]:
        """The report and exports lead with the grouping on screen, then the rest."""
        chosen = self.filters.group_by()
        shown = tuple(self.overview.outcomes) if self.overview is not None else ()
        return (chosen, *(d for d in shown if d is not chosen))

    def print_report(self) -> Task | None:
        """Make the management report (PDF) off the GUI thread and show it to print or save."""
        overview = self.overview
        if overview is None:
            return None
        from fko_desktop.reports.management import management_pdf

        actor = self.main_window.actor
        printed_by, groupings = (actor.name if actor else None), self._groupings()
        self.task = (
            self.runner.compute(
                self, lambda _p: management_pdf(overview, groupings=groupings, printed_by=printed_by)
            )
            .with_progress(tr("Udskriv ledelsesrapport"))
            .success(lambda pdf: self._show_pdf(pdf, overview.filter, groupings))
            .failure(self._print_failed)
            .run()
        )
        return self.task

    def _show_pdf(self, pdf: bytes, filt: OverviewFilter, groupings: tuple[Dimension, ...]) -> None:
        self.task = None

        def output(kind: str, path: Path | None) -> None:
            self.record_output(kind, filt, groupings, path)

        preview = PdfPreview(pdf, tr("Ledelsesrapport"), self._base_name(".pdf"), self, output)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.show()
        self.preview = preview

    def record_output(
        self, kind: str, filt: OverviewFilter, groupings: tuple[Dimension, ...], path: Path | None
    ) -> Task:
        """Put the saved or printed report in the audit trail (one small write, off the GUI
        thread); should the trail refuse it, the status line says so."""
        self.recording = (
            self.runner.query(
                self,
                lambda unit, _p: unit.overview.record_output(kind, filt, groupings=groupings, file=path),
            )
            .success(lambda _written: setattr(self, "recording", None))
            .failure(self._record_failed)
            .run()
        )
        return self.recording

    def _record_failed(self, failure: Failure) -> None:
        self.recording = None
        self.status.setText(failure.message)

    def _print_failed(self, failure: Failure) -> None:
        self.task = None
        if not failure.cancelled:
            self.status.setText(failure.message)

    def export(self, kind: str, path: str | None = None) -> Task | None:
        """CSV or XLSX of the figures to a file the user chooses (a path given, by tests, must
        not exist yet)."""
        overview = self.overview
        if overview is None:
            return None
        from fko_desktop.overview import export

        title = tr("Eksportér CSV") if kind == "csv" else tr("Eksportér Excel")
        target = (
            choose_target(self, title, self._base_name("." + kind), kind)
            if path is None
            else (Path(path), False)
        )
        writer = export.write_csv if kind == "csv" else export.write_xlsx
        groupings = self._groupings()

        def audit(unit: Unit, written: Path) -> bool:
            return unit.overview.record_output(kind, overview.filter, groupings=groupings, file=written)

        self.task = save_with(
            self.runner,
            self,
            title,
            lambda target_path, replace: writer(overview, target_path, replace=replace, groupings=groupings),
            target,
            self._exported,
            audit,
        )
        return self.task

    def _exported(self, path: Path) -> None:
        self.task = None
        self.status.setText(tr("Gemt som {path}").format(path=path))
