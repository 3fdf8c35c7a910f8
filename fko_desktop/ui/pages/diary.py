"""A citizen's resident diary (beboerdagbog): write a note about the day, tagged with the plan's
contexts (children) or the FFB themes (adults), and read, filter, correct and withdraw notes.

The write box doubles as the correction box ("Ret"): a correction is stored as a new version
and the earlier one is kept, so the box shows what will replace what, not a second editor.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.errors import FkoError
from fko_desktop.models.formatting import format_datetime
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.journal.note_time import ObservedTimeEdit
from fko_desktop.ui.pages.diary_list import CardDelegate, DiaryModel
from fko_desktop.ui.pages.withdrawal import ask_reason, start_withdrawal
from fko_desktop.ui.runner import Failure, Runner, Task
from fko_desktop.ui.screen_fit import fit_to_screen
from fko_desktop.unit import Changed, OpChanges, RecordKind
from fko_desktop.unit.rows import DiaryRow

TagRole = Qt.ItemDataRole.UserRole + 1


class DiaryPage(QWidget):
    """``show_citizen(citizen_id)`` shows the citizen's diary, newest first."""

    def __init__(self, runner: Runner) -> None:
        super().__init__()
        self.runner = runner
        self._unit = runner.unit
        self.citizen_id: int | None = None
        self.editing: DiaryRow | None = None
        self._unsaved: dict[int, str] = {}
        self.task: Task | None = None
        #: Asks why a note is withdrawn: ``() -> (text, ok)``; replaceable in tests.
        self.ask_reason: Callable[[], tuple[str, bool]] = self._ask_reason
        runner.changed.connect(self._on_changed)

        self.heading = QLabel(tr("Beboerdagbog"))
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")

        # -- the write box
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName(tr("Dagbogsnotat"))
        self.text_edit.setPlaceholderText(
            tr("Hvad skete der i dag? Skriv det, du så og hørte. (Ctrl+Enter gemmer)")
        )
        self.text_edit.setMinimumHeight(70)
        self.time_edit = ObservedTimeEdit()
        self.tag_list = QListWidget()
        self.tag_list.setAccessibleName(tr("Emner"))
        self.tag_list.setToolTip(tr("Sæt flueben ved de emner, notatet handler om."))
        self.save_button = QPushButton(tr("Gem"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence("Ctrl+Return"), self.text_edit, self.save)
        self.cancel_button = QPushButton(tr("Annullér"))
        self.cancel_button.clicked.connect(self.cancel_edit)
        self.cancel_button.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        self.editing_label = QLabel()
        self.editing_label.setStyleSheet("color: #5c4400;")
        self.editing_label.hide()

        # -- filters
        self.tag_filter = QComboBox()
        self.tag_filter.setAccessibleName(tr("Filtrér på emne"))
        self.author_filter = QComboBox()
        self.author_filter.setAccessibleName(tr("Filtrér på forfatter"))
        # The FFB theme names are long: the tag filter is capped, the author filter fits its text.
        self.tag_filter.setMaximumWidth(280)
        self.author_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period_check = QCheckBox(tr("Periode"))
        self.from_date = QDateEdit()
        self.to_date = QDateEdit()
        for edit, name in ((self.from_date, "Fra dato"), (self.to_date, "Til dato")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setAccessibleName(tr(name))
            edit.setEnabled(False)
            edit.dateChanged.connect(self.apply_filters)
        self.from_date.setDate(QDate.currentDate().addMonths(-1))
        self.to_date.setDate(QDate.currentDate())
        self.period_check.toggled.connect(self.from_date.setEnabled)
        self.period_check.toggled.connect(self.to_date.setEnabled)
        self.period_check.toggled.connect(self.apply_filters)
        self.show_withdrawn = QCheckBox(tr("Vis tilbagetrukne"))
        self.show_withdrawn.setChecked(True)
        self.show_withdrawn.toggled.connect(self.apply_filters)
        self.tag_filter.currentIndexChanged.connect(self.apply_filters)
        self.author_filter.currentIndexChanged.connect(self.apply_filters)
        self.count_label = QLabel()

        # -- the list and what can be done with a note
        self.model = DiaryModel(self._unit)
        self.list_view = QListView()
        self.list_view.setModel(self.model)
        self.list_view.setItemDelegate(CardDelegate(self.list_view))
        self.list_view.setAccessibleName(tr("Dagbogsnotater"))
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.list_view.setWordWrap(True)
        self.list_view.selectionModel().currentChanged.connect(lambda *_: self._enable())
        self.edit_button = QPushButton(tr("Ret …"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.withdraw_button = QPushButton(tr("Træk tilbage …"))
        self.withdraw_button.setToolTip(
            tr("Et notat skrevet ved en fejl trækkes tilbage med en begrundelse.")
        )
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.history_button = QPushButton(tr("Vis historik"))
        self.history_button.clicked.connect(self.show_history)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.heading)
        write = QGridLayout()
        write.addWidget(self.text_edit, 0, 0, 3, 1)
        write.addWidget(QLabel(tr("Tidspunkt")), 0, 1)
        write.addWidget(self.time_edit, 0, 2)
        write.addWidget(QLabel(tr("Emner")), 1, 1, Qt.AlignmentFlag.AlignTop)
        write.addWidget(self.tag_list, 1, 2, 2, 1)
        write.setColumnStretch(0, 3)
        write.setColumnStretch(2, 2)
        self.tag_list.setMaximumHeight(110)
        self.text_edit.setMaximumHeight(110)
        layout.addLayout(write)
        save_row = QHBoxLayout()
        save_row.addWidget(self.editing_label, 1)
        save_row.addWidget(self.message, 1)
        save_row.addStretch(0)
        save_row.addWidget(self.cancel_button)
        save_row.addWidget(self.save_button)
        layout.addLayout(save_row)
        filters = QHBoxLayout()
        row: tuple[QWidget, ...] = (
            QLabel(tr("Emne")),
            self.tag_filter,
            QLabel(tr("Forfatter")),
            self.author_filter,
        )
        row += (self.period_check, self.from_date, QLabel("–"), self.to_date, self.show_withdrawn)
        for widget in row:
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout.addLayout(filters)
        layout.addWidget(self.list_view, 1)
        actions = QHBoxLayout()
        for button in (self.edit_button, self.withdraw_button, self.history_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)

    @property
    def writable(self) -> bool:
        return not self._unit.readonly and self._unit.actor is not None

    # -- showing -----------------------------------------------------------------------------

    def show_citizen(self, citizen_id: int) -> None:
        if citizen_id != self.citizen_id:
            # A half-written note stays with its citizen (never carried over to another one)
            # and is back in the box when that citizen's diary is opened again.
            self.cancel_edit()
            if self.citizen_id is not None:
                self._unsaved[self.citizen_id] = self.text_edit.toPlainText()
            self.text_edit.setPlainText(self._unsaved.pop(citizen_id, ""))
        self.citizen_id = citizen_id
        self.message.hide()
        area = self._unit.citizens.get(citizen_id).area
        choices = self._unit.diary.tag_choices(str(getattr(area, "value", area)))
        self._fill_choosers(citizen_id, choices)
        self.apply_filters()

    def _fill_choosers(self, citizen_id: int, choices: list[Any]) -> None:
        self.tag_list.clear()
        for combo in (self.tag_filter, self.author_filter):
            combo.blockSignals(True)
            combo.clear()
        self.tag_filter.addItem(tr("Alle emner"), None)
        for choice in choices:
            item = QListWidgetItem("    " * choice.depth + choice.label)
            item.setData(TagRole, (choice.catalog, choice.code))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.tag_list.addItem(item)
            self.tag_filter.addItem("  " * choice.depth + choice.label, (choice.catalog, choice.code))
        self.author_filter.addItem(tr("Alle forfattere"), None)
        for staff_id, initials in self._unit.diary.authors(citizen_id):
            self.author_filter.addItem(initials, staff_id)
        for combo in (self.tag_filter, self.author_filter):
            combo.blockSignals(False)

    def filters(self) -> dict[str, Any]:
        """What the filter row asks for, as the core's diary query takes it."""
        found: dict[str, Any] = {"include_withdrawn": self.show_withdrawn.isChecked()}
        if self.tag_filter.currentData() is not None:
            found["tag"] = tuple(self.tag_filter.currentData())
        if self.author_filter.currentData() is not None:
            found["author_id"] = self.author_filter.currentData()
        if self.period_check.isChecked():
            start = self.from_date.date().toPython()
            end = self.to_date.date().toPython()
            assert isinstance(start, dt.date) and isinstance(end, dt.date)
            # Whole days in local time: "til 31.03" includes the evening of the 31st.
            found["since"] = dt.datetime.combine(start, dt.time()).astimezone()
            found["until"] = dt.datetime.combine(end + dt.timedelta(days=1), dt.time()).astimezone()
        return found

    def apply_filters(self) -> None:
        if self.citizen_id is None:
            return
        self.model.set_scope(self.citizen_id, self.filters())
        self._show_count()
        self._enable()

    def refresh(self) -> None:
        chosen = self.selected()
        self.model.refresh()
        self._show_count()
        if chosen is not None:
            self.select_note(chosen.id)
        self._enable()

    def _show_count(self) -> None:
        total = self.model.total
        self.count_label.setText(tr("{n} notater").format(n=total) if total != 1 else tr("1 notat"))
        if total == 0:
            self.list_view.setToolTip(tr("Ingen dagbogsnotater med disse filtre."))

    def selected(self) -> DiaryRow | None:
        index = self.list_view.currentIndex()
        if not index.isValid() or not self.list_view.selectionModel().isSelected(index):
            return None
        return self.model.note(index.row())

    def select_note(self, note_id: int) -> bool:
        """Select a note (a search hit): the filters are cleared if they hide it."""
        row = self.model.row_of(note_id)
        if row < 0 and (self.model.filters != {"include_withdrawn": True}):
            self.clear_filters()
            row = self.model.row_of(note_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.list_view.setCurrentIndex(index)
        self.list_view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def clear_filters(self) -> None:
        for widget in (self.tag_filter, self.author_filter, self.period_check, self.show_withdrawn):
            widget.blockSignals(True)
        self.tag_filter.setCurrentIndex(0)
        self.author_filter.setCurrentIndex(0)
        self.period_check.setChecked(False)
        self.from_date.setEnabled(False)
        self.to_date.setEnabled(False)
        self.show_withdrawn.setChecked(True)
        for widget in (self.tag_filter, self.author_filter, self.period_check, self.show_withdrawn):
            widget.blockSignals(False)
        self.apply_filters()

    def _enable(self) -> None:
        chosen = self.selected()
        live = chosen is not None and not chosen.withdrawn
        idle = self.task is None
        for widget in (self.text_edit, self.time_edit, self.tag_list, self.save_button):
            widget.setEnabled(self.writable and idle)
        self.edit_button.setEnabled(self.writable and live and idle)
        self.withdraw_button.setEnabled(self.writable and live and idle)
        self.history_button.setEnabled(chosen is not None)

    def _on_changed(self, changes: OpChanges, _initiator: object) -> None:
        if changes.touches(RecordKind.DIARY_NOTE, RecordKind.DIARY_TAG) and (
            self.citizen_id is not None
            and (changes.concerns_citizen(self.citizen_id) or not changes.citizen_ids)
        ):
            self.refresh()

    # -- writing -----------------------------------------------------------------------------

    def checked_tags(self) -> list[tuple[str, str]]:
        items = (self.tag_list.item(i) for i in range(self.tag_list.count()))
        return [tuple(item.data(TagRole)) for item in items if item.checkState() == Qt.CheckState.Checked]

    def save(self) -> Task | None:
        """Store the box as a new note, or as the correction of the note being corrected."""
        if self.citizen_id is None or self.task is not None or not self.writable:
            return None
        text = self.text_edit.toPlainText()
        try:
            self._unit.diary.check(text)
        except FkoError as refused:
            self._refused(Failure(str(refused)))
            return None
        tags, when, citizen_id = self.checked_tags(), self.time_edit.value(), self.citizen_id
        editing = self.editing
        if editing is not None:
            note_id = editing.id
            work: Callable[..., Changed[int]] = lambda unit, _p: unit.diary.edit(  # noqa: E731
                note_id, text=text, tags=tags, observed_at=when
            )
        else:
            work = lambda unit, _p: unit.diary.add(citizen_id, text=text, tags=tags, observed_at=when)  # noqa: E731
        self.task = self.runner.op(self, work).success(self._saved).failure(self._refused).run(initiator=self)
        self._enable()
        return self.task

    def _saved(self, changed: Changed[int]) -> None:
        self.task = None
        self.cancel_edit()
        self.text_edit.clear()
        self.message.hide()
        if self.citizen_id is not None:
            self._fill_choosers(self.citizen_id, self._unit.diary.tag_choices(self._area()))
        self.apply_filters()
        self.select_note(changed.value)

    def _area(self) -> str:
        assert self.citizen_id is not None
        area = self._unit.citizens.get(self.citizen_id).area
        return str(getattr(area, "value", area))

    def _refused(self, failure: Failure) -> None:
        self.task = None
        self.message.setText(failure.message)
        self.message.show()
        self._enable()

    def edit_selected(self) -> None:
        """Load the selected note into the box; Gem stores the correction as a new version."""
        chosen = self.selected()
        if chosen is None or chosen.withdrawn or not self.writable:
            return
        self.editing = chosen
        self.text_edit.setPlainText(chosen.text)
        self.time_edit.set_value(chosen.observed_at)
        codes = {(t.catalog, t.code) for t in chosen.tags}
        for i in range(self.tag_list.count()):
            item = self.tag_list.item(i)
            checked = tuple(item.data(TagRole)) in codes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        when = format_datetime(chosen.observed_at)
        self.editing_label.setText(
            tr("Du retter notatet fra {when}; det tidligere gemmes i historikken.").format(when=when)
        )
        self.editing_label.show()
        self.cancel_button.show()
        self.save_button.setText(tr("Gem rettelse"))
        self.text_edit.setFocus()

    def cancel_edit(self) -> None:
        if self.editing is not None:
            self.text_edit.clear()
        self.editing = None
        self.editing_label.hide()
        self.cancel_button.hide()
        self.save_button.setText(tr("Gem"))
        self.time_edit.reset()
        for i in range(self.tag_list.count()):
            self.tag_list.item(i).setCheckState(Qt.CheckState.Unchecked)

    def withdraw_selected(self) -> Task | None:
        chosen = self.selected()
        if chosen is None or chosen.withdrawn or self.task is not None or not self.writable:
            return None
        reason, ok = self.ask_reason()
        if not ok:
            return None
        note_id = chosen.id
        self.task = start_withdrawal(
            self,
            self.runner,
            reason,
            lambda unit, why: unit.diary.withdraw(note_id, reason=why),
            self._withdrawn,
            self._refused,
        )
        return self.task

    def _withdrawn(self, _changed: Changed[int]) -> None:
        self.task = None
        self.message.hide()
        self.refresh()

    def _ask_reason(self) -> tuple[str, bool]:
        return ask_reason(
            self, "Træk notatet tilbage", "Hvorfor trækkes notatet tilbage? (fx skrevet på forkert borger)"
        )

    # -- history -----------------------------------------------------------------------------

    def history_html(self, note: DiaryRow) -> str:
        """The note as it stands, then each earlier version, newest first, with who and when."""
        names = {member.id: member.initials for member in self._unit.staff.list(include_inactive=True)}
        parts = [
            f"<p><b>{html.escape(tr('Nu (version {v})').format(v=note.version))}</b> · "
            f"{html.escape(format_datetime(note.observed_at))}<br>{html.escape(note.text)}</p>"
        ]
        for version in reversed(self._unit.diary.history(note.id)):
            text = str(version.data.get("text", ""))
            saved = tr("gemt {when} af {who}").format(
                when=format_datetime(version.saved_at), who=names.get(version.saved_by_id or -1, "?")
            )
            parts.append(
                f"<p><b>{html.escape(tr('Version {v}').format(v=version.version))}</b> · "
                f"{html.escape(saved)}<br>{html.escape(text)}</p>"
            )
        if note.withdrawn:
            reason = tr("Trukket tilbage: {reason}").format(reason=note.withdrawal_reason or "")
            parts.append(f"<p style='color:#b00020'>{html.escape(reason)}</p>")
        return "".join(parts)

    def show_history(self) -> QDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        dialog = QDialog(self)
        dialog.setWindowTitle(tr("Historik for dagbogsnotatet"))
        browser = QTextBrowser()
        browser.setHtml(self.history_html(chosen))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(browser)
        layout.addWidget(buttons)
        fit_to_screen(dialog, 640, 440)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.history_dialog = dialog
        return dialog
