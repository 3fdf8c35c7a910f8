"""The sub-goal journal panel: a quick "Nyt notat" box above a lazily loaded list of note cards.

Every write goes through the window's :class:`Runner` (off the GUI thread, as the facade's bound
actor); refusals are shown in red next to the box (or in the open dialog) and nothing typed is
cleared until it is stored. The panel refreshes itself from the runner's ``changed`` broadcast
when a change concerns the journal it shows. What is typed in the box is kept as a draft;
Ctrl+Enter saves it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

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

from fko_desktop.errors import FkoError
from fko_desktop.models.scores import ScoreStyle
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.journal.delegate import NoteCardDelegate
from fko_desktop.ui.journal.dialogs import (
    ERROR_STYLE,
    NoteEditDialog,
    NoteHistoryDialog,
    make_score_combo,
    restyle_score_combo,
)
from fko_desktop.ui.journal.model import PAGE_SIZE, JournalModel
from fko_desktop.ui.journal.note_time import ObservedTimeEdit
from fko_desktop.unit import RecordKind

if TYPE_CHECKING:
    from fko_desktop.ui.runner import Failure, Runner, Task
    from fko_desktop.unit import OpChanges
    from fko_desktop.unit.rows import NoteRow


class _CtrlEnterFilter(QObject):
    def __init__(self, callback: Callable[[], Any], parent: QObject) -> None:
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

    API: ``set_scope(sub_goal_ids, target_sub_goal_id=None, sub_goal_labels=None,
    citizen_id=None)``, ``set_readonly(bool)``, ``save_note()``, ``edit_selected()``,
    ``show_history()``, ``withdraw_selected()``. Reads and writes go through ``runner``; the
    author of every note is the facade's bound actor (``runner.unit.actor``).
    """

    #: A note from the box was stored (its id), after the view has been updated.
    note_saved = Signal(int)

    def __init__(self, runner: Runner, parent: QWidget | None = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.runner = runner
        self.runner.changed.connect(self._on_changed)
        self.readonly = bool(runner.unit.readonly)
        self._sub_goal_ids: list[int] = []
        self._target_sub_goal_id: int | None = None
        self._citizen_id: int | None = None
        #: The note from the box being stored, or None.
        self.task: Task | None = None
        #: The id of the note just stored from the box, until the refresh shows it.
        self._stored_note_id: int | None = None
        self.active_dialog: QDialog | None = None
        self._closed_dialog: QDialog | None = None
        #: Where the unsaved note box is kept (set by the window); None: no drafts.
        self.drafts: Any = None
        #: Whether the note this panel stored last had a score (a graph beside it moves only then).
        self.last_note_scored = False
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
        # A sub-goal's text is a sentence or two: the combo shows its start and the popup all of
        # it, or one long sub-goal would make the window wider than a 1366-pixel screen.
        self.sub_goal_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.sub_goal_combo.setMinimumContentsLength(24)
        self.sub_goal_combo.hide()
        self.sub_goal_combo.currentIndexChanged.connect(lambda _index: self._draft_timer.start())
        self.time_edit = ObservedTimeEdit(self)
        self.time_edit.dateTimeChanged.connect(lambda _when: self._draft_timer.start())
        self.score_combo = make_score_combo(self)
        # The chosen score belongs to the draft as much as the text.
        self.score_combo.currentIndexChanged.connect(lambda _index: self._draft_timer.start())
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
        time_label = QLabel(tr("&Tidspunkt:"), self)
        time_label.setBuddy(self.time_edit)
        controls.addWidget(time_label)
        controls.addWidget(self.time_edit)
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
            (self.sub_goal_combo, self.time_edit),
            (self.time_edit, self.score_combo),
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
        sub_goal_ids: Sequence[int] | None,
        *,
        target_sub_goal_id: int | None = None,
        sub_goal_labels: dict[int, str] | None = None,
        citizen_id: int | None = None,
        style: ScoreStyle | None = None,
    ) -> None:
        """Show the notes of these sub-goals (of ``citizen_id``'s record). With one sub-goal new
        notes go to it; with several a chooser labelled by ``sub_goal_labels`` shows, and the
        writer picks the sub-goal on purpose (``target_sub_goal_id`` pre-chooses one): a note
        about cooking must not land under the bus sub-goal because it came first. ``style`` is
        how the citizen's scores read (chips, the score box, "Ret notat", the history)."""
        self.flush_draft()
        if style is not None:
            self.set_style(style)
        self._sub_goal_ids = list(sub_goal_ids or [])
        self._citizen_id = citizen_id
        single = self._sub_goal_ids[0] if len(self._sub_goal_ids) == 1 else None
        self._target_sub_goal_id = target_sub_goal_id if target_sub_goal_id is not None else single
        self.sub_goal_combo.blockSignals(True)
        self.sub_goal_combo.clear()
        labels = sub_goal_labels or {}
        self.sub_goal_combo.addItem(tr("Vælg delmål …"), None)
        for sub_goal_id in self._sub_goal_ids:
            label = labels.get(sub_goal_id, tr("Delmål {id}").format(id=sub_goal_id))
            self.sub_goal_combo.addItem(label, sub_goal_id)
            self.sub_goal_combo.setItemData(
                self.sub_goal_combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole
            )
        if self._target_sub_goal_id in self._sub_goal_ids:
            self.sub_goal_combo.setCurrentIndex(self._sub_goal_ids.index(self._target_sub_goal_id) + 1)
        self.sub_goal_combo.blockSignals(False)
        self.sub_goal_combo.setVisible(len(self._sub_goal_ids) > 1)
        self.time_edit.reset()
        self._clear_error()
        self.model.set_scope(self.runner.unit, self._sub_goal_ids)
        self._restore_draft()

    def set_style(self, style: ScoreStyle) -> None:
        """Read the scores in ``style`` from now on; the chosen score in the box stays."""
        restyle_score_combo(self.score_combo, style)
        self.model.set_style(style)

    def set_readonly(self, readonly: bool) -> None:
        self.readonly = bool(readonly)
        self._update_actions()

    def refresh(self) -> None:
        self.model.refresh()

    # -- state -------------------------------------------------------------------------------

    def can_write(self) -> bool:
        return not self.readonly and self.runner.unit.actor is not None and bool(self._sub_goal_ids)

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
        saving = self.task is not None
        self.note_edit.setEnabled(writable)
        # While the note is being stored nothing more is typed into the box it is cleared from.
        self.note_edit.setReadOnly(saving)
        for widget in (self.score_combo, self.save_button, self.sub_goal_combo, self.time_edit):
            widget.setEnabled(writable and not saving)
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

    def _concerns(self, changes: OpChanges) -> bool:
        if changes.sub_goal_ids:
            return any(changes.concerns_sub_goal(i) for i in self._sub_goal_ids)
        # A change stated for whole records (an import) names citizens, not sub-goals.
        return changes.concerns_citizen(self._citizen_id)

    def _on_changed(self, changes: OpChanges, initiator: object) -> None:
        """Reload when a write (from here or anywhere else) changed notes this panel shows."""
        if not changes.touches(RecordKind.JOURNAL_NOTE) or not self._concerns(changes):
            return
        selected = self.selected_note()
        self.model.refresh()
        if selected is not None:
            self._reselect(selected.id)
        stored, self._stored_note_id = self._stored_note_id, None
        if initiator is self and stored is not None:
            self.list_view.scrollToTop()  # the new note is the newest: first in the list
            self.note_saved.emit(stored)

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
            observed = self.time_edit.value()
            self.drafts.save(
                "journal_note",
                self._draft_key(),
                {
                    "text": text,
                    "score_index": self.score_combo.currentIndex(),
                    "sub_goal_index": self.sub_goal_combo.currentIndex(),
                    "observed_at": observed.isoformat() if observed else None,
                },
            )
        else:
            self.drafts.discard("journal_note", self._draft_key())

    def _restore_draft(self) -> None:
        draft = self.drafts.load("journal_note", self._draft_key()) if self.drafts is not None else None
        self.note_edit.blockSignals(True)
        self.note_edit.setPlainText(draft["text"] if draft else "")
        self.note_edit.blockSignals(False)
        self.score_combo.blockSignals(True)
        self.score_combo.setCurrentIndex(int(draft.get("score_index", 0)) if draft else 0)
        self.score_combo.blockSignals(False)
        if draft and len(self._sub_goal_ids) > 1 and draft.get("sub_goal_index"):
            self.sub_goal_combo.blockSignals(True)
            self.sub_goal_combo.setCurrentIndex(int(draft["sub_goal_index"]))
            self.sub_goal_combo.blockSignals(False)
        self.time_edit.blockSignals(True)
        observed = draft.get("observed_at") if draft else None
        self.time_edit.set_value(dt.datetime.fromisoformat(observed) if observed else None)
        self.time_edit.blockSignals(False)
        if draft:
            self._show_error(tr("Gendannet kladde – notatet er ikke gemt endnu."))

    def save_note(self) -> Task | None:
        """Start storing the new-note box as a note; the box is cleared once it is stored and
        kept on refusal. None when nothing was started (refused at once, or already saving)."""
        if self.task is not None:
            return None
        if not self.can_write():
            if self.readonly:
                self._show_error(tr("Enheden er åbnet skrivebeskyttet; notatet kan ikke gemmes."))
            return None
        sub_goal_id = self._target_sub_goal_id
        if len(self._sub_goal_ids) > 1:
            sub_goal_id = self.sub_goal_combo.currentData()
        if sub_goal_id is None:
            self._show_error(tr("Vælg det delmål, notatet handler om."))
            self.sub_goal_combo.setFocus()
            return None
        text, score = self.note_edit.toPlainText(), self.score_combo.currentData()
        observed_at = self.time_edit.value()
        try:
            # The core's own rule and message, at once rather than after the queue of writes.
            self.runner.unit.journal.check(text=text, score=score)
        except FkoError as error:
            self._show_error(error.message)
            return None
        # The draft stays on disk until the note is stored: a crash meanwhile loses nothing.
        # (Written now only if typing has outrun the draft timer; otherwise it is on disk.)
        if self._draft_timer.isActive():
            self.flush_draft()
        key = self._draft_key()
        self.task = (
            self.runner.op(
                self,
                lambda unit, _p: unit.journal.add(
                    sub_goal_id, text=text, score=score, observed_at=observed_at
                ),
            )
            .success(lambda changed: self._note_stored(key, changed.value, scored=score is not None))
            .failure(self._note_refused)
            .run(initiator=self)
        )
        self._update_actions()
        return self.task

    def _note_stored(self, key: str, note_id: int, *, scored: bool) -> None:
        self.task = None
        self._stored_note_id = note_id
        self.last_note_scored = scored
        if self.drafts is not None:
            self.drafts.discard("journal_note", key)
        if key == self._draft_key():  # still showing the journal the note was written in
            self._clear_error()
            self.note_edit.clear()
            self.score_combo.setCurrentIndex(0)
            self.time_edit.reset()  # the next note is "now" again; the chosen sub-goal stays chosen
            self._draft_timer.stop()
            self.note_edit.setFocus()
        self._update_actions()

    def _note_refused(self, failure: Failure) -> None:
        self.task = None
        self._update_actions()
        if not failure.cancelled:
            self._show_error(failure.message)

    def edit_selected(self) -> NoteEditDialog | None:
        """Open "Ret notat" for the selected note (non-blocking; returned for tests). Its
        ``save()`` starts the correction and returns the Task."""
        note = self.selected_note()
        if note is None or not self.can_write() or note.withdrawn:
            return None
        dialog = NoteEditDialog(note, self.runner, self, initiator=self, style=self.model.style)
        self._open(dialog)
        return dialog

    def show_history(self) -> NoteHistoryDialog | None:
        note = self.selected_note()
        if note is None:
            return None
        unit = self.runner.unit
        dialog = NoteHistoryDialog(
            note,
            unit.journal.history(note.id),
            unit.staff.names(),
            self,
            style=self.model.style,
            withdrawal=unit.journal.withdrawal(note.id) if note.withdrawn else None,
        )
        self._open(dialog)
        return dialog

    def withdraw_selected(self) -> Task | None:
        """Ask for a reason and start withdrawing the selected note; None when nothing was
        started (no note, the question cancelled, or an empty reason, which is refused)."""
        note = self.selected_note()
        if note is None or not self.can_write() or note.withdrawn:
            return None
        reason, ok = self.ask_reason(note)
        if not ok:
            return None
        try:
            self.runner.unit.journal.check_withdrawal(reason)
        except FkoError as error:
            self._show_error(error.message)
            return None
        note_id = note.id
        return (
            self.runner.op(self, lambda unit, _p: unit.journal.withdraw(note_id, reason=reason))
            .success(lambda _changed: self._clear_error())
            .failure(lambda failure: self._show_error(failure.message))
            .run(initiator=self)
        )

    def _ask_reason(self, note: NoteRow) -> tuple[str, bool]:
        text, ok = QInputDialog.getText(
            self,
            tr("Træk notat tilbage"),
            tr("Notatet bliver stående, men markeres som trukket tilbage.\nBegrundelse:"),
        )
        return text, ok

    def _open(self, dialog: QDialog) -> None:
        # A dialog is not deleted as it closes: "Ret notat" closes from its write's callback
        # while whoever opened it may still hold it. The last closed one goes when the next opens.
        if self._closed_dialog is not None:
            self._closed_dialog.deleteLater()
            self._closed_dialog = None
        self.active_dialog = dialog
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None
        if self._closed_dialog is not None and self._closed_dialog is not dialog:
            self._closed_dialog.deleteLater()
        self._closed_dialog = dialog

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
