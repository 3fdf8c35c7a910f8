"""Printing a previewed PDF: the one loop every print preview uses (reports, the overview).

Qt PDF renders each page to an image at the printer's resolution; the pages the user chose in
the print dialog are printed in order. Kept in one place so a fix to printing (a page range, a
printer that will not start) reaches every preview.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from fko_desktop.ui.i18n import tr


def print_document(
    parent: QWidget, document: QPdfDocument, name: str, printer: QPrinter | None = None
) -> bool:
    """Print ``document``; without ``printer`` the user picks one (and the pages) in the print
    dialog. False when the user cancelled or the printer could not start (they are told)."""
    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(name)
        if QPrintDialog(printer, parent).exec() != QDialog.DialogCode.Accepted:
            return False
    pages = document.pageCount()
    first, last = printer.fromPage() or 1, printer.toPage() or pages
    painter = QPainter()
    if not painter.begin(printer):
        QMessageBox.warning(parent, tr("Udskriv"), tr("Printeren kunne ikke startes."))
        return False
    try:
        target = painter.viewport()
        for number in range(first - 1, min(last, pages)):
            if number > first - 1:
                printer.newPage()
            size = document.pagePointSize(number)
            scale = min(target.width() / size.width(), target.height() / size.height())
            image = document.render(number, QSize(int(size.width() * scale), int(size.height() * scale)))
            painter.drawImage(0, 0, image)
    finally:
        painter.end()
    return True
