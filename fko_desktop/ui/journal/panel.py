"""The sub-goal journal panel: a quick "Nyt notat" box above a lazily loaded list of note cards.

Every write goes through the window's :class:`OpRunner`; refusals from the core are shown in
red next to the box (or in the open dialog) and nothing typed is cleared until it is stored.
What is typed in the box is kept as a draft; Ctrl+Enter saves it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.ops import journal as journal_ops
from fko_desktop.ops.journal import NoteRow
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.journal.delegate import NoteCardDelegate
from fko_desktop.ui.journal.dialogs import (
    ERROR_STYLE,
    NoteEditDialog,
    NoteHistoryDialog,
    load_staff_names,
    make_score_combo,
)
from fko_desktop.ui.journal.model import PAGE_SIZE, JournalModel
from fko_desktop.ui.runner import OpRunner


class _CtrlEnterFilter(QObject):
    def __init__(self, callback: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                key_event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self._callback()
                return True
        return False


class JournalPanel(QWidget):
    """The journal of one sub-goal (or all sub-goals of a goal) with a quick new-note box.

    API: ``set_scope(unit, sub_goal_ids, target_sub_goal_id=None, sub_goal_labels=None)``,
    ``set_actor(actor)``, ``set_readonly(bool)``, ``save_note()``, ``edit_selected()``,
    ``show_history()``, ``withdraw_selected()``. Writes go through ``runner``.
    """

    #: A note was stored (its id), after the view has been updated.
    note_saved = Signal(int)

    def __init__(
        self, runner: OpRunner | None = None, parent: QWidget | None = None, *, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(parent)
        self.runner = runner if runner is not None else OpRunner(self)
        self.runner.changed.connect(self._on_changed)
        self.actor: Any = None
        self.readonly = False
        self._unit: Any = None
        self._sub_goal_ids: list[int] = []
        self._target_sub_goal_id: int | None = None
        self.active_dialog: QDialog | None = None
        #: Where the unsaved note box is kept (set by the window); None: no drafts.
        self.drafts: Any = None
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(500)
        self._draft_timer.timeout.connect(self.flush_draft)
        #: Asks for a withdrawal reason: ``(note) -> (text, ok)``; replaceable in tests.
        self.ask_reason: Callable[[NoteRow], tuple[str, bool]] = self._ask_reason

        self.model = JournalModel(self, page_size=page_size)
        self.setAccessibleName(tr("Delmålsdagbog"))

        # new-note box
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlaceholderText(tr("Skriv en observation … (Ctrl+Enter gemmer)"))
        self.note_edit.setAccessibleName(tr("Nyt notat"))
        self.note_edit.textChanged.connect(lambda: self._draft_timer.start())
        self.note_edit.setAccessibleDescription(tr("Skriv observationen; Ctrl+Enter gemmer notatet."))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(QFontMetrics(self.note_edit.font()).lineSpacing() * 4 + 14)
        self.note_edit.installEventFilter(_CtrlEnterFilter(self.save_note, self))

        self.sub_goal_combo = QComboBox(self)
        self.sub_goal_combo.setAccessibleName(tr("Delmål for nyt notat"))
        self.sub_goal_combo.hide()
        self.score_combo = make_score_combo(self)
        self.save_button = QPushButton(tr("Gem"), self)
        self.save_button.setAccessibleName(tr("Gem notat"))
        self.save_button.setToolTip(tr("Gem notatet (Ctrl+Enter)"))
        self.save_button.clicked.connect(self.save_note)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(tr("Fejlbesked"))
        self.error_label.hide()

        # list
        self.list_view = QListView(self)
        self.list_view.setModel(self.model)
        self.delegate = NoteCardDelegate(self.list_view)
        self.list_view.setItemDelegate(self.delegate)
        self.list_view.setAccessibleName(tr("Notater, nyeste først"))
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.list_view.setUniformItemSizes(False)
        self.list_view.setWordWrap(True)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list_view.customContextMenuRequested.connect(self._context_menu)
        self.list_view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.list_view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.model.modelReset.connect(self._update_actions)

        self.edit_button = QPushButton(tr("Ret notat…"), self)
        self.edit_button.setAccessibleName(tr("Ret det valgte notat"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.history_button = QPushButton(tr("Vis historik…"), self)
        self.history_button.setAccessibleName(tr("Vis historik for det valgte notat"))
        self.history_button.clicked.connect(self.show_history)
        self.withdraw_button = QPushButton(tr("Træk tilbage…"), self)
        self.withdraw_button.setAccessibleName(tr("Træk det valgte notat tilbage"))
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(tr("Antal notater"))
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(lambda *_: self._update_count())

        # layout
        title = QLabel(tr("&Nyt notat"), self)
        title.setBuddy(self.note_edit)
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        controls = QHBoxLayout()
        controls.addWidget(self.sub_goal_combo, 1)
        score_label = QLabel(tr("S&core:"), self)
        score_label.setBuddy(self.score_combo)
        controls.addWidget(score_label)
        controls.addWidget(self.score_combo)
        controls.addWidget(self.error_label, 1)
        controls.addStretch(0)
        controls.addWidget(self.save_button)

        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.history_button)
        actions.addWidget(self.withdraw_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.note_edit)
        layout.addLayout(controls)
        layout.addWidget(self.list_view, 1)
        layout.addLayout(actions)

        for first, second in (
            (self.note_edit, self.sub_goal_combo),
            (self.sub_goal_combo, self.score_combo),
            (self.score_combo, self.save_button),
            (self.save_button, self.list_view),
            (self.list_view, self.edit_button),
            (self.edit_button, self.history_button),
            (self.history_button, self.withdraw_button),
        ):
            QWidget.setTabOrder(first, second)
        self._update_actions()
        self._update_count()

    # -- configuration -----------------------------------------------------------------------

    def set_scope(
        self,
        unit: Any,
        sub_goal_ids: Sequence[int] | None,
        *,
        target_sub_goal_id: int | None = None,
        sub_goal_labels: dict[int, str] | None = None,
    ) -> None:
        """Show the notes of these sub-goals; new notes go to ``target_sub_goal_id`` (default:
        the first), and with several sub-goals a chooser labelled by ``sub_goal_labels`` shows."""
        self.flush_draft()
        self._unit = unit
        self._sub_goal_ids = list(sub_goal_ids or [])
        self._target_sub_goal_id = (
            target_sub_goal_id
            if target_sub_goal_id is not None
            else (self._sub_goal_ids[0] if self._sub_goal_ids else None)
        )
        self.sub_goal_combo.clear()
        labels = sub_goal_labels or {}
        for sub_goal_id in self._sub_goal_ids:
            self.sub_goal_combo.addItem(
                labels.get(sub_goal_id, tr("Delmål {id}").format(id=sub_goal_id)), sub_goal_id
            )
        if self._target_sub_goal_id in self._sub_goal_ids:
            self.sub_goal_combo.setCurrentIndex(self._sub_goal_ids.index(self._target_sub_goal_id))
        self.sub_goal_combo.setVisible(len(self._sub_goal_ids) > 1)
        self._clear_error()
        self.model.set_scope(unit, self._sub_goal_ids)
        self._restore_draft()

    def set_actor(self, actor: Any) -> None:
        """Who writes: every note saved from the panel carries this author."""
        self.actor = actor
        self._update_actions()

    def set_readonly(self, readonly: bool) -> None:
        self.readonly = bool(readonly)
        self._update_actions()

    def refresh(self) -> None:
        self.model.refresh()

    # -- state -------------------------------------------------------------------------------

    def can_write(self) -> bool:
        return (
            not self.readonly
            and self.actor is not None
            and self._unit is not None
            and bool(self._sub_goal_ids)
        )

    def selected_note(self) -> NoteRow | None:
        index = self.list_view.currentIndex()
        if not index.isValid() or not self.list_view.selectionModel().isSelected(index):
            return None
        return self.model.note(index.row())

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.list_view.setCurrentIndex(index)

    def _update_actions(self) -> None:
        writable = self.can_write()
        for widget in (self.note_edit, self.score_combo, self.save_button, self.sub_goal_combo):
            widget.setEnabled(writable)
        note = self.selected_note()
        self.history_button.setEnabled(note is not None)
        self.edit_button.setEnabled(writable and note is not None and not note.withdrawn)
        self.withdraw_button.setEnabled(writable and note is not None and not note.withdrawn)

    def _update_count(self) -> None:
        total, loaded = self.model.total(), self.model.rowCount()
        if total == loaded:
            self.count_label.setText(tr("{n} notater").format(n=total))
        else:
            self.count_label.setText(tr("{loaded} af {n} notater vist").format(loaded=loaded, n=total))

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()

    def _run(self, operation: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, str | None]:
        """Run through the runner; returns (result, refusal message or None)."""
        messages: list[str] = []

        def on_failed(message: str, _field: object) -> None:
            messages.append(message)

        self.runner.failed.connect(on_failed)
        try:
            result = self.runner.run(operation, *args, **kwargs)
        finally:
            self.runner.failed.disconnect(on_failed)
        if result is None:
            return None, messages[0] if messages else tr("Notatet blev ikke gemt.")
        return result, None

    def _on_changed(self, change: Any) -> None:
        if getattr(change, "kind", None) == "journal" and self._unit is not None:
            self.model.refresh()

    # -- writing -----------------------------------------------------------------------------

    def _draft_key(self) -> str:
        return "sub_goals:" + ",".join(str(i) for i in self._sub_goal_ids)

    def flush_draft(self) -> None:
        """Keep what is typed in the note box on disk, so a crash or a closed window loses nothing."""
        self._draft_timer.stop()
        if self.drafts is None or not self._sub_goal_ids:
            return
        text = self.note_edit.toPlainText()
        if text.strip():
            self.drafts.save(
                "journal_note",
                self._draft_key(),
                {"text": text, "score_index": self.score_combo.currentIndex()},
            )
        else:
            self.drafts.discard("journal_note", self._draft_key())

    def _restore_draft(self) -> None:
        draft = self.drafts.load("journal_note", self._draft_key()) if self.drafts is not None else None
        self.note_edit.blockSignals(True)
        self.note_edit.setPlainText(draft["text"] if draft else "")
        self.note_edit.blockSignals(False)
        self.score_combo.setCurrentIndex(int(draft.get("score_index", 0)) if draft else 0)
        if draft:
            self._show_error(tr("Gendannet kladde – notatet er ikke gemt endnu."))

    def save_note(self) -> bool:
        """Store the new-note box as a note; clears it on success, keeps it on refusal."""
        if not self.can_write():
            if self.readonly:
                self._show_error(tr("Enheden er åbnet skrivebeskyttet; notatet kan ikke gemmes."))
            return False
        sub_goal_id = self._target_sub_goal_id
        if len(self._sub_goal_ids) > 1 and self.sub_goal_combo.currentData() is not None:
            sub_goal_id = self.sub_goal_combo.currentData()
        result, message = self._run(
            journal_ops.add_note,
            self._unit,
            self.actor,
            sub_goal_id,
            text=self.note_edit.toPlainText(),
            score=self.score_combo.currentData(),
        )
        if message:
            self._show_error(message)
            return False
        self._clear_error()
        self.note_edit.clear()
        self.score_combo.setCurrentIndex(0)
        self._draft_timer.stop()
        if self.drafts is not None:
            self.drafts.discard("journal_note", self._draft_key())
        note_id = result.value.id
        row = self.model.row_of(note_id)
        if row >= 0:
            self.list_view.scrollToTop()
        self.note_edit.setFocus()
        self.note_saved.emit(note_id)
        return True

    def edit_selected(self) -> NoteEditDialog | None:
        """Open "Ret notat" for the selected note (non-blocking; returned for tests)."""
        note = self.selected_note()
        if note is None or not self.can_write() or note.withdrawn:
            return None

        def on_save(text: str, score: object) -> str | None:
            _result, message = self._run(
                journal_ops.edit_note, self._unit, self.actor, note.id, text=text, score=score
            )
            if message is None:
                self._reselect(note.id)
            return message

        dialog = NoteEditDialog(note, on_save, self)
        self._open(dialog)
        return dialog

    def show_history(self) -> NoteHistoryDialog | None:
        note = self.selected_note()
        if note is None:
            return None
        versions = journal_ops.note_history(self._unit, note.id)
        dialog = NoteHistoryDialog(note, versions, load_staff_names(self._unit), self)
        self._open(dialog)
        return dialog

    def withdraw_selected(self) -> bool:
        """Ask for a reason and withdraw the selected note; an empty reason is refused."""
        note = self.selected_note()
        if note is None or not self.can_write() or note.withdrawn:
            return False
        reason, ok = self.ask_reason(note)
        if not ok:
            return False
        _result, message = self._run(
            journal_ops.withdraw_note, self._unit, self.actor, note.id, reason=reason
        )
        if message:
            self._show_error(message)
            return False
        self._clear_error()
        self._reselect(note.id)
        return True

    def _ask_reason(self, note: NoteRow) -> tuple[str, bool]:
        text, ok = QInputDialog.getText(
            self,
            tr("Træk notat tilbage"),
            tr("Notatet bliver stående, men markeres som trukket tilbage.\nBegrundelse:"),
        )
        return text, ok

    def _open(self, dialog: QDialog) -> None:
        self.active_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: setattr(self, "active_dialog", None))
        dialog.open()

    def _reselect(self, note_id: int) -> None:
        row = self.model.row_of(note_id)
        if row >= 0:
            self.select_row(row)
        self._update_actions()

    def _context_menu(self, pos: QPoint) -> None:
        index = self.list_view.indexAt(pos)
        if not index.isValid():
            return
        self.list_view.setCurrentIndex(index)
        menu = QMenu(self)
        for text, slot, enabled in (
            (tr("Ret notat…"), self.edit_selected, self.edit_button.isEnabled()),
            (tr("Vis historik…"), self.show_history, self.history_button.isEnabled()),
            (tr("Træk tilbage…"), self.withdraw_selected, self.withdraw_button.isEnabled()),
        ):
            action = QAction(text, menu)
            action.setEnabled(enabled)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            menu.addAction(action)
        menu.exec(self.list_view.viewport().mapToGlobal(pos))
