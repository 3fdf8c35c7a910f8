"""The journal's dialogs and the form pieces they share with the panel's new-note box.

"Ret notat" (text and score of a note, the earlier version kept), the history of a note's
versions, and the score combo both the box and "Ret notat" use. Withdrawing needs only a
reason, which the panel asks for with a plain input dialog. "Ret notat" stores the correction
through the window's runner and stays open, with the core's refusal in red, until it is stored;
closed with changes not stored (Annullér, Esc), it asks first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.errors import FkoError
from fko_desktop.models.formatting import format_datetime
from fko_desktop.models.journal import written_later
from fko_desktop.models.scores import NOT_ASSESSED, ScoreStyle, parse_score
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.journal.model import score_chip_text
from fko_desktop.ui.journal.note_time import ObservedTimeEdit
from fko_desktop.ui.score_style import add_level_items, restyle_levels, score_range_tip
from fko_desktop.ui.screen_fit import fit_to_screen
from fko_desktop.ui.unsaved import Unsaved, ask_unsaved, form_state

if TYPE_CHECKING:
    from fko_desktop.ui.runner import Failure, Runner, Task
    from fko_desktop.unit.rows import NoteRow, VersionRow, WithdrawalRow

#: Refusals from the core, in red next to the box or in the open dialog.
ERROR_STYLE = "color: #b3261e;"


# -- score combo ---------------------------------------------------------------------------------


def note_about(note: NoteRow) -> str:
    """What a note is about and when: its sub-goal, the observation's time, who wrote it, and
    when it was written down if that was noticeably later."""
    parts = [tr("Delmål: {text}").format(text=note.sub_goal)] if note.sub_goal else []
    parts.append(tr("observeret {time}").format(time=format_datetime(note.observed_at)))
    if written_later(note.observed_at, note.written_at):
        parts.append(tr("skrevet {time}").format(time=format_datetime(note.written_at)))
    parts.append(note.author)
    return " · ".join(parts)


def make_score_combo(parent: QWidget | None = None, style: ScoreStyle | None = None) -> QComboBox:
    """ "Ingen score", "0 – Ingen problemer" … (in ``style``), "Ikke vurderet"; item data is the
    stored value for ``parse_score`` whatever the display."""
    combo = QComboBox(parent)
    combo.addItem(tr("Ingen score"), None)
    add_level_items(combo, style or ScoreStyle())
    combo.addItem(tr("Ikke vurderet"), "ikke_vurderet")
    combo.setAccessibleName(tr("Score"))
    # The words make the items long; the closed box stays narrow, the list shows them whole.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    restyle_score_combo(combo, style or ScoreStyle())
    return combo


def restyle_score_combo(combo: QComboBox, style: ScoreStyle) -> None:
    """The items and the tooltip in ``style``; the chosen score stays chosen."""
    restyle_levels(combo, style)
    combo.setToolTip(score_range_tip(style))


def set_combo_score(combo: QComboBox, score: object) -> None:
    if score is None:
        combo.setCurrentIndex(0)
    elif score is NOT_ASSESSED:
        combo.setCurrentIndex(combo.count() - 1)
    else:
        combo.setCurrentIndex(int(score) + 1)  # type: ignore[call-overload]


# -- dialogs -------------------------------------------------------------------------------------


class NoteEditDialog(QDialog):
    """ "Ret notat": text and score prefilled. "Gem" stores the correction through ``runner``
    (the earlier version is kept by the core); the dialog closes once it is stored and stays
    open with the refusal in red otherwise. ``initiator`` is named in the runner's broadcast."""

    def __init__(
        self,
        note: NoteRow,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        initiator: object | None = None,
        style: ScoreStyle | None = None,
    ) -> None:
        super().__init__(parent)
        self.note = note
        self.runner = runner
        self._initiator = initiator
        #: The correction being stored, or None.
        self.task: Task | None = None
        self.setWindowTitle(tr("Ret notat"))
        self.setAccessibleName(tr("Ret notat"))
        self.text_edit = QPlainTextEdit(note.text, self)
        self.text_edit.setAccessibleName(tr("Observation"))
        self.text_edit.setTabChangesFocus(True)
        self.score_combo = make_score_combo(self, style)
        set_combo_score(self.score_combo, note.score)
        # A wrong date or time (the night's note dated the morning after) is corrected here too.
        self.time_edit = ObservedTimeEdit(self)
        self.time_edit.set_value(note.observed_at)
        self._opened_time = self.time_edit.value()
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(tr("Fejlbesked"))
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Gem"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annullér"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.info = info = QLabel(
            tr("Den tidligere version gemmes og kan ses under »Vis historik«.") + "\n" + note_about(note),
            self,
        )
        info.setWordWrap(True)
        score_row = QHBoxLayout()
        score_label = QLabel(tr("&Score:"), self)
        score_label.setBuddy(self.score_combo)
        score_row.addWidget(score_label)
        score_row.addWidget(self.score_combo)
        time_label = QLabel(tr("&Tidspunkt:"), self)
        time_label.setBuddy(self.time_edit)
        score_row.addSpacing(12)
        score_row.addWidget(time_label)
        score_row.addWidget(self.time_edit)
        score_row.addStretch(1)
        layout = QVBoxLayout(self)
        text_label = QLabel(tr("&Observation:"), self)
        text_label.setBuddy(self.text_edit)
        layout.addWidget(info)
        layout.addWidget(text_label)
        layout.addWidget(self.text_edit)
        layout.addLayout(score_row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 520, 320)
        #: The form as opened: its fields, whatever they are, compared on closing.
        self._opened_state: list[Any] = form_state(self)
        #: The question before changes are left; tests put their answer here.
        self.ask_unsaved: Callable[[], Unsaved] = lambda: ask_unsaved(self)

    def save(self) -> Task | None:
        """Start storing the correction; None when nothing was started (refused at once, or a
        save is already under way)."""
        if self.task is not None:
            return None
        note_id = self.note.id
        text, score = self.text_edit.toPlainText(), self.score_combo.currentData()
        chosen = self.time_edit.value()
        # Only a time the writer changed is sent: an untouched one keeps its seconds as stored.
        observed_at = chosen if chosen != self._opened_time else None
        try:
            # The core's own rule and message, before a write is queued behind other work.
            self.runner.unit.journal.check(text=text, score=score)
        except FkoError as error:
            self._refused(error.message)
            return None
        self._set_saving(True)
        self.task = (
            self.runner.op(
                self,
                lambda unit, _p: unit.journal.edit(note_id, text=text, score=score, observed_at=observed_at),
            )
            .success(lambda _changed: self._stored())
            .failure(self._failed)
            .run(initiator=self._initiator)
        )
        return self.task

    def accept(self) -> None:
        self.save()

    def has_changes(self) -> bool:
        return form_state(self) != self._opened_state

    def reject(self) -> None:
        # A correction under way is stored whatever the dialog does; closing now would hide
        # whether it was.
        if self.task is not None:
            return
        if self.has_changes():
            answer = self.ask_unsaved()
            if answer is Unsaved.KEEP_EDITING:
                return
            if answer is Unsaved.SAVE:
                self.save()  # closes once stored; a refusal is shown in red, still open
                return
        super().reject()

    def _stored(self) -> None:
        self.task = None
        self._set_saving(False)
        super().accept()

    def _failed(self, failure: Failure) -> None:
        self.task = None
        self._set_saving(False)
        if not failure.cancelled:
            self._refused(failure.message)

    def _refused(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _set_saving(self, saving: bool) -> None:
        self.buttons.setEnabled(not saving)
        self.text_edit.setReadOnly(saving)
        self.score_combo.setEnabled(not saving)
        self.time_edit.setEnabled(not saving)


class NoteHistoryDialog(QDialog):
    """Every version of a note, newest first: the current one and the earlier ones kept."""

    COLUMNS = ("Version", "Gemt", "Af", "Score", "Tekst")

    def __init__(
        self,
        note: NoteRow,
        versions: Sequence[VersionRow],
        staff_names: dict[int, str],
        parent: QWidget | None = None,
        style: ScoreStyle | None = None,
        withdrawal: WithdrawalRow | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Historik for notat"))
        self.setAccessibleName(tr("Historik for notat"))
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels([tr(c) for c in self.COLUMNS])
        self.table.setAccessibleName(tr("Versioner af notatet"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

        style = style or ScoreStyle()
        rows: list[tuple[str, str, str, str, str]] = []
        current = tr("v{version} (nu)").format(version=note.version)
        shown = score_chip_text(note.score, style) or tr("Ingen score")
        rows.append((current, "", note.author, shown, note.text))
        for version in sorted(versions, key=lambda v: v.version, reverse=True):
            data = version.data or {}
            score: object
            try:
                score = parse_score(data.get("score"))
            except Exception:  # noqa: BLE001 - show whatever the snapshot holds
                score = data.get("score")
            by_id = version.saved_by_id
            by = staff_names.get(by_id, f"#{by_id}") if by_id is not None else ""
            rows.append(
                (
                    f"v{version.version}",
                    format_datetime(version.saved_at),
                    by,
                    (
                        score_chip_text(score, style)
                        if score is None or score is NOT_ASSESSED or isinstance(score, int)
                        else str(score)
                    )
                    or tr("Ingen score"),
                    str(data.get("text", "")),
                )
            )
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeRowsToContents()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Luk"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.about = QLabel(note_about(note), self)
        self.about.setWordWrap(True)
        layout.addWidget(self.about)
        #: Who withdrew the note, when and why (empty while it stands).
        self.withdrawal_label = QLabel(self)
        self.withdrawal_label.setStyleSheet(ERROR_STYLE)
        self.withdrawal_label.setWordWrap(True)
        if note.withdrawn:
            if withdrawal is not None:
                withdrawn_by = withdrawal.withdrawn_by_id
                who = staff_names.get(withdrawn_by, f"#{withdrawn_by}") if withdrawn_by is not None else None
                text = tr("Trukket tilbage {when} af {who}. Begrundelse: {reason}").format(
                    when=format_datetime(withdrawal.withdrawn_at),
                    who=who or tr("ukendt"),
                    reason=withdrawal.withdrawal_reason or "–",
                )
            else:
                text = tr("Trukket tilbage. Begrundelse: {reason}").format(
                    reason=note.withdrawal_reason or "–"
                )
            self.withdrawal_label.setText(text)
            layout.addWidget(self.withdrawal_label)
        if not versions:
            layout.addWidget(QLabel(tr("Notatet er ikke rettet."), self))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 360)

    def row_count(self) -> int:
        return self.table.rowCount()
