"""Print and save the reports: choose the report and its period, see it, then print or save.

The PDF is made by the core (``fko_desktop.reports.render_report``) off the GUI thread; the
preview shows exactly that PDF (Qt PDF), so what is printed, saved and previewed are the same
bytes. Printing rasterises the pages at the printer's resolution.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.errors import FkoError
from fko_desktop.reports import GatheredReport, ReportKind, ReportOptions, base_title
from fko_desktop.ui.editors.base import DateEdit
from fko_desktop.ui.file_names import safe_file_name
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.pdf_printing import print_document
from fko_desktop.ui.runner import Failure, Runner, Task, TaskDialog
from fko_desktop.ui.screen_fit import fit_to_screen
from fko_desktop.unit import places

#: The reports in the order a unit uses them most; labels as the staff say them.
KINDS = (
    (ReportKind.STATUS, "Status til myndighed"),
    (ReportKind.PLAN, "Handleplan / pædagogisk plan"),
    (ReportKind.CITIZEN, "Borgerens udgave (til borger og forældre)"),
    (ReportKind.JOURNAL, "Journaludtræk"),
    (ReportKind.ORDER, "Bestilling (som modtaget)"),
)


class ReportDialog(TaskDialog):
    """``ReportDialog(runner, citizen_id, citizen_name, goal_id=…, sub_goal_id=…)``; the goal or
    sub-goal selected in the window narrows the journal extract and may narrow the others."""

    def __init__(
        self,
        runner: Runner,
        citizen_id: int,
        citizen_name: str,
        *,
        goal_id: int | None = None,
        sub_goal_id: int | None = None,
        one_based: bool = False,
        printed_by: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.unit = runner.unit
        self.citizen_id = citizen_id
        self.citizen_name = citizen_name
        self.goal_id = goal_id
        self.sub_goal_id = sub_goal_id
        self.one_based = one_based
        self.printed_by = printed_by
        self.pdf: bytes | None = None
        self.task: Task | None = None
        self._buffer: QBuffer | None = None
        self.setWindowTitle(tr("Udskriv – {name}").format(name=citizen_name))
        fit_to_screen(self, 1200, 740)  # a 1366×768 screen with a taskbar gets less

        self.kind = QComboBox()
        for kind, label in KINDS:
            self.kind.addItem(tr(label), kind)
        self.kind.setAccessibleName(tr("Rapport"))
        self.scope = QComboBox()
        self.scope.setAccessibleName(tr("Omfang"))
        self.scope.addItem(tr("Alle borgerens mål"), None)
        if goal_id is not None:
            self.scope.addItem(tr("Kun det valgte indsatsmål"), "goal")
        if sub_goal_id is not None:
            self.scope.addItem(tr("Kun det valgte delmål"), "sub_goal")
        self.period_from = DateEdit(optional=True)
        self.period_from.setAccessibleName(tr("Fra dato"))
        self.period_from.setToolTip(
            tr(
                "Tom: statusrapporten dækker perioden siden sidste opfølgning, "
                "journaludtrækket de seneste tre måneder."
            )
        )
        self.period_to = DateEdit(optional=True)
        self.period_to.setAccessibleName(tr("Til dato"))
        self.period_to.setToolTip(tr("Tom: til i dag."))
        self.mask_cpr = QCheckBox(tr("Skjul CPR-nummerets sidste fire cifre"))
        # Masked unless the person chose full numbers (Vis > Vis fulde CPR-numre); this print only.
        self.mask_cpr.setChecked(not runner.unit.privacy.show_full_cpr)
        self.extra_agenda = QPlainTextEdit()
        self.extra_agenda.setTabChangesFocus(True)
        self.extra_agenda.setAccessibleName(tr("Ekstra dagsordenspunkter"))
        self.extra_agenda.setPlaceholderText(tr("Tom: punkterne fra den kommende opfølgning"))
        self.extra_agenda.setFixedHeight(90)
        #: Opens an editor in the window (``MainWindow.open_editor``); None when read-only.
        self.open_editor: Callable[..., Any] | None = None
        self.assessment_button = QPushButton(tr("Skriv bostedets vurdering …"))
        self.assessment_button.setToolTip(
            tr("Bostedets egen vurdering af perioden, pr. indsatsmål og samlet; den kommer med i rapporten.")
        )
        self.assessment_button.clicked.connect(self.write_assessment)
        self.show_button = QPushButton(tr("Vis"))
        self.show_button.setToolTip(tr("Lav rapporten med de valgte indstillinger"))
        self.show_button.clicked.connect(self.refresh)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for label, widget in (
            (tr("Rapport"), self.kind),
            (tr("Omfang"), self.scope),
            (tr("Fra"), self.period_from),
            (tr("Til"), self.period_to),
        ):
            caption = QLabel(label + ":")
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        form.addRow(self.mask_cpr)
        self.agenda_caption = QLabel(tr("Ekstra dagsordenspunkter") + ":")
        self.agenda_caption.setBuddy(self.extra_agenda)
        form.addRow(self.agenda_caption, self.extra_agenda)
        form.addRow(self.assessment_button)
        form.addRow(self.show_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("Besked"))
        form.addRow(self.message)
        options = QWidget()
        column = QVBoxLayout(options)
        column.addLayout(form)
        column.addStretch(1)
        options.setFixedWidth(320)
        # The options scroll rather than make the dialog taller than a small screen.
        options_area = QScrollArea()
        options_area.setWidget(options)
        options_area.setWidgetResizable(True)
        options_area.setFrameShape(QScrollArea.Shape.NoFrame)
        options_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll_bar = options_area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        options_area.setFixedWidth(options.width() + scroll_bar)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(tr("Forhåndsvisning"))

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(tr("Gem som PDF …"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = self.buttons.addButton(tr("Udskriv …"), QDialogButtonBox.ButtonRole.ActionRole)
        close = self.buttons.addButton(tr("Luk"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.print_button.clicked.connect(self.print_pdf)
        for button in (self.save_button, self.print_button, self.show_button):
            button.setAutoDefault(False)

        body = QHBoxLayout()
        body.addWidget(options_area)
        body.addWidget(self.view, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    # -- options ----------------------------------------------------------------------------------

    def current_kind(self) -> ReportKind:
        # Qt hands item data back as a plain str; the enum is rebuilt so `is` comparisons hold.
        return ReportKind(self.kind.currentData())

    def set_kind(self, kind: ReportKind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind.value))

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        is_status = kind is ReportKind.STATUS
        self.agenda_caption.setVisible(is_status)
        self.extra_agenda.setVisible(is_status)
        self.assessment_button.setVisible(is_status)
        # A plan or an order is printed whole; periods and scope mean nothing to them.
        whole = kind in (ReportKind.PLAN, ReportKind.ORDER)
        for widget in (self.period_from, self.period_to):
            widget.setEnabled(not whole)
        self.scope.setEnabled(not whole)
        self._set_pdf(None)

    def options(self) -> ReportOptions:
        scope = self.scope.currentData() if self.scope.isEnabled() else None
        agenda = self.extra_agenda.toPlainText().strip() if self.current_kind() is ReportKind.STATUS else ""
        return ReportOptions(
            mask_cpr=self.mask_cpr.isChecked(),
            period_from=self.period_from.value() if self.period_from.isEnabled() else None,
            period_to=self.period_to.value() if self.period_to.isEnabled() else None,
            goal_id=self.goal_id if scope == "goal" else None,
            sub_goal_id=self.sub_goal_id if scope == "sub_goal" else None,
            printed_by=self.printed_by,
            extra_agenda=agenda or None,
            one_based=self.one_based,
        )

    def write_assessment(self) -> QWidget | None:
        """Open "Bostedets vurdering" for the period the status report covers; a save shows the
        report again with what was written."""
        if self.open_editor is None:
            return None
        try:
            start, end = self.unit.status_assessments.period(
                self.citizen_id,
                period_from=self.period_from.value(),
                period_to=self.period_to.value(),
            )
        except FkoError as error:
            self.message.setText(error.message)
            return None
        dialog = self.open_editor(
            "StatusAssessmentEditor", None, citizen_id=self.citizen_id, period_from=start, period_to=end
        )
        if dialog is not None:
            dialog.editor.saved.connect(lambda _result: self.refresh())
        return dialog

    # -- making and showing the PDF ---------------------------------------------------------------

    def refresh(self) -> Task:
        """Make the report in the background; the preview shows it when it is ready.

        Two steps: the report's content is read on the worker that owns the unit, then laid
        out as PDF on the other, so a note saved meanwhile never waits for reportlab."""
        kind, options, citizen_id = self.current_kind(), self.options(), self.citizen_id
        self._set_pdf(None)
        self.message.setText(tr("Laver rapporten …"))
        self.show_button.setEnabled(False)

        def done(pdf: bytes) -> None:
            self.task = None
            self.show_button.setEnabled(True)
            self._set_pdf(pdf)

        def refused(failure: Failure) -> None:
            self.task = None
            self.show_button.setEnabled(True)
            self.message.setText(failure.message)

        def lay_out(gathered: GatheredReport) -> None:
            self.task = (
                self.runner.compute(self, lambda _progress: gathered.render())
                .with_progress(tr("Udskriv"), cancellable=False)
                .success(done)
                .failure(refused)
                .run()
            )

        self.task = (
            self.runner.query(self, lambda unit, _p: unit.reports.gather(kind, citizen_id, options))
            .with_progress(tr("Udskriv"), cancellable=True)
            .success(lay_out)
            .failure(refused)
            .run()
        )
        return self.task

    def _set_pdf(self, pdf: bytes | None) -> None:
        self.pdf = pdf
        self.document.close()
        self._buffer = None
        if pdf is not None:
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(pdf))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(self._buffer)
            pages = self.document.pageCount()
            self.message.setText(tr("{n} sider").format(n=pages) if pages != 1 else tr("1 side"))
        elif self.task is None:
            self.message.setText(tr("Vælg rapport og tryk »Vis«."))
        self.save_button.setEnabled(pdf is not None)
        self.print_button.setEnabled(pdf is not None)

    def default_file_name(self) -> str:
        title = base_title(self.current_kind()).split(" / ")[0]
        return safe_file_name(f"{title} – {self.citizen_name} – {dt.date.today().isoformat()}.pdf")

    def save_pdf(self, path: str | None = None) -> Path | None:
        if self.pdf is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, tr("Gem som PDF"), str(Path.home() / self.default_file_name()), tr("PDF-filer (*.pdf)")
            )
            if not path:
                return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            # The save dialog asked before replacing the name the user typed; a ".pdf" we
            # added makes another name, which is never replaced unasked. A unit file, its
            # companions and backups are refused whatever the dialog said.
            places.write_file(target, self.pdf, replace=target == Path(path))
        except FkoError as error:
            QMessageBox.warning(self, tr("Gem som PDF"), error.message)
            return None
        self.message.setText(tr("Gemt som {path}").format(path=target))
        return target

    def print_pdf(self, printer: QPrinter | None = None) -> bool:
        """Print the previewed PDF; without ``printer`` the user picks one in the print dialog."""
        if self.pdf is None:
            return False
        if not print_document(self, self.document, self.default_file_name(), printer):
            return False
        self.message.setText(tr("Sendt til printeren."))
        return True
