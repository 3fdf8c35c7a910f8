"""The window an editor opens in, with the question before unsaved input is set aside."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QMessageBox, QScrollArea, QVBoxLayout, QWidget

from fko_desktop.ui.i18n import tr


class EditorDialog(QDialog):
    """An editor in its own window; it closes when the record is saved (after a save with
    warnings, once the user presses "Luk") and asks before discarding unsaved input (the draft
    stays on disk either way)."""

    def __init__(self, editor: Any, parent: QWidget) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setWindowTitle(tr(editor.TITLE))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        editor.saved.connect(self._saved)
        editor.close_requested.connect(self.accept)
        self.resize(1000, 700)

    def _saved(self, change: Any) -> None:
        # A save with warnings stays open: they are shown in the form, and its Gem reads "Luk".
        if not change.warnings:
            self.accept()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.editor.focus_first_field()

    def reject(self) -> None:
        if self.editor.is_dirty():
            self.editor.flush_draft()
            answer = QMessageBox.question(
                self,
                tr("Ikke gemt"),
                tr("Formularen er ikke gemt. Luk alligevel? Det skrevne gemmes som kladde."),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()
