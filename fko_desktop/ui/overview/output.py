"""Saving what the overview and the comparison show: a PDF previewed before it is printed or
saved, and CSV/XLSX files written where the user chooses.

The files are made by the core (``fko_desktop.reports.management``, ``fko_desktop.overview.
export``) off the GUI thread, with every group of fewer than five citizens as "< 5" when the
unit's setting says so. A name the save dialog confirmed may be replaced; a suffix we add
makes another name, which is never replaced unasked (as the print dialog does).

What leaves the screen from the unit's overview is audited (``unit.overview.record_output``):
an export in the same worker call that wrote its file, a PDF when it is saved or printed (the
preview's ``output`` callback); the comparison of statistics files reads no unit and has
nothing to audit it in.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.errors import FkoError
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.pdf_printing import print_document
from fko_desktop.ui.runner import Failure, Runner, Task
from fko_desktop.ui.screen_fit import fit_to_screen
from fko_desktop.unit import Unit, places

#: (file-dialog filter, suffix) per kind of file.
KINDS = {
    "pdf": ("PDF-filer (*.pdf)", ".pdf"),
    "csv": ("CSV-filer (*.csv)", ".csv"),
    "xlsx": ("Excel-filer (*.xlsx)", ".xlsx"),
}


def choose_target(parent: QWidget, title: str, name: str, kind: str) -> tuple[Path, bool] | None:
    """Ask where to save; (path, whether it may be replaced), or None when cancelled."""
    file_filter, suffix = KINDS[kind]
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / name), tr(file_filter))
    if not chosen:
        return None
    target = Path(chosen)
    if target.suffix.lower() != suffix:
        target = target.with_name(target.name + suffix)
    return target, target == Path(chosen)


def save_with(
    runner: Runner,
    parent: QWidget,
    title: str,
    write: Callable[[Path, bool], object],
    target: tuple[Path, bool] | None,
    done: Callable[[Path], None],
    audit: Callable[[Unit, Path], object] | None = None,
) -> Task | None:
    """Write the file off the GUI thread; a refusal (a file that exists, the unit file itself)
    is shown as the window's normal message. With ``audit`` the work runs on the unit's worker
    and audits the file once it is written, so no export goes unrecorded."""
    if target is None:
        return None
    path, replace = target

    def failed(failure: Failure) -> None:
        if not failure.cancelled:
            QMessageBox.warning(parent, title, failure.message)

    if audit is None:
        call = runner.compute(parent, lambda _progress: write(path, replace))
    else:
        call = runner.query(parent, lambda unit, _progress: (write(path, replace), audit(unit, path)))
    return call.with_progress(title).success(lambda _result: done(path)).failure(failed).run()


class PdfPreview(QDialog):
    """A made PDF on screen, with "Gem som PDF …" and "Udskriv …": what is saved and printed
    are the bytes shown."""

    def __init__(
        self,
        pdf: bytes,
        title: str,
        file_name: str,
        parent: QWidget | None = None,
        output: Callable[[str, Path | None], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.file_name = file_name
        #: Told ("pdf", path) when the PDF is saved, ("print", None) when it is printed.
        self.output = output
        self.setWindowTitle(title)
        self.document = QPdfDocument(self)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(tr("Forhåndsvisning"))
        self.message = QLabel(tr("{n} sider").format(n=self.document.pageCount()))
        save = QPushButton(tr("Gem som PDF …"))
        save.clicked.connect(lambda: self.save_pdf())
        print_button = QPushButton(tr("Udskriv …"))
        print_button.clicked.connect(lambda: self.print_pdf())
        close = QPushButton(tr("Luk"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button in (save, print_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        fit_to_screen(self, 900, 760)

    def save_pdf(self, path: str | None = None) -> Path | None:
        chosen = (
            choose_target(self, tr("Gem som PDF"), self.file_name, "pdf")
            if path is None
            else (Path(path), False)
        )
        if chosen is None:
            return None
        target, replace = chosen
        try:
            places.write_file(target, self.pdf, replace=replace)
        except FkoError as error:
            QMessageBox.warning(self, tr("Gem som PDF"), error.message)
            return None
        self.message.setText(tr("Gemt som {path}").format(path=target))
        if self.output is not None:
            self.output("pdf", target)
        return target

    def print_pdf(self, printer: QPrinter | None = None) -> bool:
        if not print_document(self, self.document, self.file_name, printer):
            return False
        self.message.setText(tr("Sendt til printeren."))
        if self.output is not None:
            self.output("print", None)
        return True
