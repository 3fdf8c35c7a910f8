"""The window an editor opens in, with the question before unsaved changes are left."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QScrollArea, QVBoxLayout, QWidget

from fko_desktop.ui.i18n import tr
from fko_desktop.ui.screen_fit import fit_to_screen
from fko_desktop.ui.unsaved import Unsaved, ask_unsaved

#: The size an editor asks for; a smaller screen gets less (the form scrolls).
EDITOR_SIZE = (1000, 700)


class EditorDialog(QDialog):
    """An editor in its own window; it closes when the record is saved (after a save with
    warnings, once the user presses "Luk"). Annullér, Esc and the window's close button close it
    at once when nothing is changed, and otherwise ask: Gem, Kassér ændringerne or Fortsæt
    redigering."""

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
        editor.cancel_requested.connect(self.reject)
        #: The question before changes are left; tests put their answer here.
        self.ask_unsaved: Callable[[], Unsaved] = lambda: ask_unsaved(self)
        fit_to_screen(self, *EDITOR_SIZE)

    def _saved(self, change: Any) -> None:
        # A save with warnings stays open: they are shown in the form, and its Gem reads "Luk".
        if not change.warnings:
            self.accept()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.editor.focus_first_field()

    def reject(self) -> None:
        editor = self.editor
        if editor.task is not None:
            return  # a save under way closes the window itself, or shows why it was refused
        if editor.has_changes():
            editor.flush_draft()  # on disk while the question is open: a crash loses nothing
            answer = self.ask_unsaved()
            if answer is Unsaved.KEEP_EDITING:
                return
            if answer is Unsaved.SAVE:
                editor.save()  # closes once stored; a refusal is shown in the form, still open
                return
        if editor.is_dirty() and not editor.readonly:
            # Discarded, or edited back to what is stored: the next opening starts from the record.
            editor.discard_draft()
        super().reject()
