""" "Sammenlign enheder": several units' statistics files side by side (seed 003 Figures 8
and 9) — one domain across the units, and the same domain across the years.

The files are read and counted by the core (``fko_desktop.stats.merge.compare``) off the GUI
thread; a file that is not a statistics file, is damaged or comes twice is refused with the
core's Danish message. The figures leave the units, so a group of fewer than five citizens
is "< 5" here too, on screen as in the PDF and the Excel file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.overview.model import Comparison, OutcomeTable, OverviewFilter
from fko_desktop.ui.file_names import safe_file_name
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.overview.charts import StackedBars, outcome_bars, outcome_legend
from fko_desktop.ui.overview.filters import ALL, CHOSEN, PERIODS, quick_period
from fko_desktop.ui.overview.output import PdfPreview, choose_target, save_with
from fko_desktop.ui.overview.panels import make_table
from fko_desktop.ui.overview.tables import OutcomeTableModel
from fko_desktop.ui.runner import Failure, Runner, Task, TaskDialog
from fko_desktop.ui.screen_fit import fit_to_screen

FILES_FILTER = "Statistikfiler (*.json);;Alle filer (*)"
EVERY_DOMAIN = "__all__"


class ComparisonFigure(QWidget):
    """A heading, a chart of one outcome table and its numbers ("< 5" for small groups)."""

    def __init__(self, heading: str, x_label: str) -> None:
        super().__init__()
        self.heading = QLabel(f"<b>{heading}</b>")
        self.chart = StackedBars(x_label=x_label)
        self.model = OutcomeTableModel()
        self.model.hide_small = True
        self.table = make_table(self.model, heading)
        self.note = QLabel()
        self.note.setStyleSheet("color: #555;")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.chart, 3)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 2)

    def show_table(self, table: OutcomeTable | None, empty_note: str = "") -> None:
        self.model.show(table)
        self.chart.set_bars(outcome_bars(table.rows if table else (), hide_small=True))
        self.note.setText(empty_note if table is None else "")
        self.note.setVisible(table is None and bool(empty_note))

    def cells(self) -> list[list[str]]:
        model = self.model
        return [
            [str(model.index(r, c).data()) for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]


class ComparisonDialog(TaskDialog):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle(tr("Sammenlign enheder"))
        self.setAccessibleName(tr("Sammenlign enheder"))
        self.comparison: Comparison | None = None
        self.paths: list[str] = []
        self.choose_button = QPushButton(tr("Vælg statistikfiler …"))
        self.choose_button.clicked.connect(lambda: self.choose_files())
        self.files_label = QLabel(tr("Vælg statistikfilerne fra de enheder, der skal sammenlignes."))
        self.files_label.setWordWrap(True)
        self.period_combo = QComboBox()
        self.period_combo.setAccessibleName(tr("Periode"))
        for key, label in PERIODS:
            if key != CHOSEN:
                self.period_combo.addItem(tr(label), key)
        self.period_combo.currentIndexChanged.connect(
            lambda _i: self.compare(self.paths) if self.paths else None
        )
        self.domain_combo = QComboBox()
        self.domain_combo.setAccessibleName(tr("Område"))
        self.domain_combo.setMinimumContentsLength(28)
        self.domain_combo.currentIndexChanged.connect(lambda _i: self._show_domain())
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.files_label, 1)
        top.addWidget(QLabel(tr("Periode:")))
        top.addWidget(self.period_combo)
        top.addWidget(QLabel(tr("Område:")))
        top.addWidget(self.domain_combo)
        self.by_unit = ComparisonFigure(tr("Pr. enhed (figur 8)"), tr("Andel af målene med udfald"))
        self.by_year = ComparisonFigure(tr("Pr. år (figur 9)"), tr("Andel af målene med udfald"))
        figures = QSplitter(Qt.Orientation.Horizontal)
        figures.addWidget(self.by_unit)
        figures.addWidget(self.by_year)
        self.legend = QLabel(outcome_legend())
        self.legend.setWordWrap(True)
        self.status = QLabel(tr("Grupper med færre end fem borgere vises som »< 5«."))
        self.status.setWordWrap(True)
        self.pdf_button = QPushButton(tr("Gem som PDF …"))
        self.pdf_button.clicked.connect(lambda: self.make_pdf())
        self.xlsx_button = QPushButton(tr("Gem som Excel …"))
        self.xlsx_button.clicked.connect(lambda: self.save_xlsx())
        close = QPushButton(tr("Luk"))
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for button in (self.pdf_button, self.xlsx_button, close):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(figures, 1)
        layout.addWidget(self.legend)
        layout.addLayout(bottom)
        self._set_ready(False)
        fit_to_screen(self, 1340, 740)

    def _set_ready(self, ready: bool) -> None:
        for widget in (self.pdf_button, self.xlsx_button, self.domain_combo):
            widget.setEnabled(ready)

    # -- choosing and comparing ------------------------------------------------------------------

    def choose_files(self) -> Task | None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self, tr("Vælg statistikfiler"), str(Path.home()), tr(FILES_FILTER)
        )
        return self.compare(chosen) if chosen else None

    def current_filter(self) -> OverviewFilter:
        start, end = quick_period(self.period_combo.currentData() or ALL, dt.date.today())
        return OverviewFilter(date_from=start, date_to=end, suppress_small_groups=True)

    def compare(self, paths: list[str]) -> Task:
        """Read and compare ``paths`` off the GUI thread."""
        from fko_desktop.stats.merge import compare

        self.paths = list(paths)
        names = ", ".join(Path(path).name for path in self.paths)
        self.files_label.setText(tr("{n} filer: {names}").format(n=len(self.paths), names=names))
        self.status.setText(tr("Læser statistikfilerne …"))
        chosen, filt = list(self.paths), self.current_filter()
        self.task = (
            self.runner.compute(self, lambda _p: compare(chosen, filt))
            .with_progress(tr("Sammenlign enheder"))
            .success(self.show_comparison)
            .failure(self._failed)
            .run()
        )
        return self.task

    def _failed(self, failure: Failure) -> None:
        self.task = None
        self.status.setText(failure.message)
        if not failure.cancelled:
            QMessageBox.warning(self, tr("Sammenlign enheder"), failure.message)

    def show_comparison(self, comparison: Comparison) -> None:
        self.task = None
        self.comparison = comparison
        chosen = self.domain_combo.currentData()
        self.domain_combo.blockSignals(True)
        self.domain_combo.clear()
        self.domain_combo.addItem(tr("Alle områder"), EVERY_DOMAIN)
        for key, label in comparison.domains:
            self.domain_combo.addItem(label, key)
        index = self.domain_combo.findData(chosen)
        self.domain_combo.setCurrentIndex(max(0, index))
        self.domain_combo.blockSignals(False)
        self._show_domain()
        self.status.setText(
            tr("{n} enheder: {units}. Grupper med færre end fem borgere vises som »< 5«.").format(
                n=len(comparison.units), units=", ".join(comparison.units)
            )
        )
        self._set_ready(True)

    def choose_domain(self, key: str) -> None:
        self.domain_combo.setCurrentIndex(max(0, self.domain_combo.findData(key)))

    def _show_domain(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        key = self.domain_combo.currentData()
        if key == EVERY_DOMAIN or key is None:
            self.by_unit.show_table(comparison.all_by_unit)
            self.by_year.show_table(None, tr("Vælg et område for at se det år for år."))
        else:
            self.by_unit.show_table(comparison.by_unit.get(key))
            self.by_year.show_table(comparison.by_year.get(key))

    # -- saving ------------------------------------------------------------------------------

    def _name(self, suffix: str) -> str:
        return safe_file_name(f"Sammenligning af enheder – {dt.date.today().isoformat()}{suffix}")

    def make_pdf(self) -> Task | None:
        comparison = self.comparison
        if comparison is None:
            return None
        from fko_desktop.reports.management import comparison_pdf

        self.task = (
            self.runner.compute(self, lambda _p: comparison_pdf(comparison))
            .with_progress(tr("Gem som PDF"))
            .success(self._show_pdf)
            .failure(self._failed)
            .run()
        )
        return self.task

    def _show_pdf(self, pdf: bytes) -> None:
        self.task = None
        preview = PdfPreview(pdf, tr("Sammenligning af enheder"), self._name(".pdf"), self)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.show()
        self.preview = preview

    def save_xlsx(self, path: str | None = None) -> Task | None:
        comparison = self.comparison
        if comparison is None:
            return None
        from fko_desktop.overview.export import write_comparison_xlsx

        title = tr("Gem som Excel")
        target = (
            choose_target(self, title, self._name(".xlsx"), "xlsx") if path is None else (Path(path), False)
        )

        def write(target_path: Path, replace: bool) -> Any:
            return write_comparison_xlsx(comparison, target_path, replace=replace)

        self.task = save_with(self.runner, self, title, write, target, self._saved)
        return self.task

    def _saved(self, path: Path) -> None:
        self.task = None
        self.status.setText(tr("Gemt som {path}").format(path=path))
