"""What every editor shares: form layout, field errors from the core, drafts, read-only mode.

An editor never writes to the database itself: ``save()`` hands an operation to the
``OpRunner``; a refusal comes back as ``failed(message, field)`` and is shown in red under
the field the core named (or at the top of the form). While the user types, the form's
content is written as a draft (debounced), so nothing typed is lost; a successful save
discards it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.errors import FkoError
from fko_desktop.models.catalogs import CodeSet
from fko_desktop.models.limits import MAX_DATE, MIN_DATE
from fko_desktop.models.scores import ScoreStyle
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.runner import Failure, Runner, Task
from fko_desktop.ui.score_style import ScoreCombo, citizen_style
from fko_desktop.unit import Changed, Unit

DRAFT_DELAY_MS = 500
NO_DATE = QDate(1900, 1, 1)
ERROR_STYLE = "color: #b00020;"
BANNER_STYLE = "background: #fff3b0; color: #4a3b00; padding: 6px; border: 1px solid #e0c860;"
WARNING_STYLE = "background: #ffe2c2; color: #5a2d00; padding: 6px; border: 1px solid #e0a060;"


class DateEdit(QDateEdit):
    """A Danish date field (dd.MM.yyyy, calendar popup); ``optional`` allows "no date" (–)."""

    def __init__(self, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self.setDisplayFormat("dd.MM.yyyy")
        self.setCalendarPopup(True)
        # The core refuses dates outside 1900–2100 (models.limits); the field never offers them.
        self.setDateRange(QDate(MIN_DATE.year, 1, 1), QDate(MAX_DATE.year, 12, 31))
        if optional:
            self.setMinimumDate(NO_DATE)
            self.setSpecialValueText(tr("–"))
            self.setDate(NO_DATE)
        else:
            self.setDate(QDate.currentDate())

    def value(self) -> dt.date | None:
        if self.optional and self.date() == NO_DATE:
            return None
        return self.shown_date()

    def shown_date(self) -> dt.date:
        """The date in the box; for a field that is never empty (not ``optional``)."""
        value: dt.date = self.date().toPython()  # type: ignore[assignment]  # QDate → date
        return value

    def set_value(self, value: dt.date | None) -> None:
        if value is None:
            self.setDate(NO_DATE if self.optional else QDate.currentDate())
        else:
            self.setDate(QDate(value.year, value.month, value.day))


def compact_combo(combo: QComboBox, chars: int = 12) -> QComboBox:
    """Let a combo shrink to fit a narrow row (its popup still shows the full texts)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    view = combo.view()
    view.setMinimumWidth(max(view.sizeHintForColumn(0) + 24, 0))
    return combo


def fill_catalog_combo(combo: QComboBox, code_set: CodeSet, *, none_text: str | None = "–") -> None:
    """Fill a combo from a code set; non-selectable entries become greyed headings and the
    entries under them are indented, so FFB sub-themes read as grouped under their theme."""
    model = QStandardItemModel(combo)
    if none_text is not None:
        item = QStandardItem(tr(none_text))
        item.setData(None, Qt.ItemDataRole.UserRole)
        model.appendRow(item)
    for entry in code_set:
        if entry.selectable:
            text = ("    " + entry.display) if entry.parent else entry.display
            item = QStandardItem(text)
            item.setData(entry.code, Qt.ItemDataRole.UserRole)
        else:
            item = QStandardItem(entry.display.upper())
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        if entry.help:
            item.setToolTip(entry.help)
        model.appendRow(item)
    combo.setModel(model)
    combo.setCurrentIndex(0 if none_text is not None else first_selectable(combo))


def first_selectable(combo: QComboBox) -> int:
    for row in range(combo.count()):
        if combo.itemData(row) is not None:
            return row
    return -1


def set_combo_data(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)


def widget_value(widget: QWidget) -> Any:
    """A JSON-friendly value of an input widget (for drafts)."""
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QDateEdit):
        return widget.date().toString(Qt.DateFormat.ISODate)
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    return None


def set_widget_value(widget: QWidget, value: Any) -> None:
    if value is None:
        return
    if isinstance(widget, QComboBox):
        widget.setCurrentIndex(int(value))
    elif isinstance(widget, QDateEdit):
        widget.setDate(QDate.fromString(str(value), Qt.DateFormat.ISODate))
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value))
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))


def change_signal(widget: QWidget) -> SignalInstance | None:
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QDateEdit):
        return widget.dateChanged
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        return widget.textChanged
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    return None


def text_value(widget: QLineEdit | QPlainTextEdit) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


@dataclasses.dataclass(frozen=True)
class Submission:
    """What an editor's Gem asks the core to do: ``work(unit)`` runs on the runner's unit worker
    (one transaction); ``after(changed)`` runs on the GUI thread once the core has stored it."""

    work: Callable[[Unit], Changed[int]]
    after: Callable[[Changed[int]], None] | None = None


class EditorBase(QWidget):
    """Base of every editor. Subclasses set ``EDITOR``/``TITLE``, build their fields in
    ``_build()``, fill them in ``_populate(record_id, context)`` and say what to write in
    ``_write()`` (a ``Submission``, or None after showing why the form itself refused)."""

    #: The record was saved; carries the ``Changed`` the core returned.
    saved = Signal(object)
    #: The form became dirty/clean.
    dirty_changed = Signal(bool)
    #: "Luk" after a save with warnings: the user has read them and the form may close.
    close_requested = Signal()
    #: "Annullér": the user wants to leave the form (its window asks first if it has changes).
    cancel_requested = Signal()

    EDITOR = "editor"
    TITLE = "Editor"

    # The hooks every editor must define. Checked when the class is created, so a missing one
    # fails at import (and in every test), not when a user first opens the form.
    REQUIRED_HOOKS = ("_build", "_populate", "_write")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        missing = [hook for hook in cls.REQUIRED_HOOKS if not callable(getattr(cls, hook, None))]
        if missing:
            raise TypeError(f"{cls.__name__} must define {', '.join(missing)}")

    if TYPE_CHECKING:  # the hooks' shapes, for the type checker; each subclass defines them

        def _build(self) -> None: ...

        def _populate(self, record_id: int | None, context: dict[str, Any]) -> None: ...

        def _write(self) -> Submission | None: ...

    def __init__(self, unit: Unit, runner: Runner, drafts: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = unit
        self.runner = runner
        self.drafts = drafts
        #: The write in flight, if any (its Gem is disabled meanwhile).
        self.task: Task | None = None
        self.record_id: int | None = None
        self.context: dict[str, Any] = {}
        self.readonly = False
        #: The window's "Vis scorer som 1–5", set before ``load``; see ``style_scores``.
        self.one_based = False
        self.score_style = ScoreStyle()
        self._dirty = False
        #: ``draft_fields()`` as loaded or last stored, to tell real changes from edits undone.
        self._loaded_fields: dict[str, Any] = {}
        self._loading = False
        self._saving = False
        #: A save returned warnings: Gem reads "Luk" until the form is edited again.
        self._warned = False
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        # Each field row added with add_field: its caption and the box holding widget + error.
        self._rows: dict[str, tuple[QLabel, QWidget]] = {}
        self._hidden_rows: set[str] = set()
        #: Core field names that are shown under another field of this form.
        self.field_aliases: dict[str, str] = {}

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush_draft)

        outer = QVBoxLayout(self)
        self.title_label = QLabel(tr(self.TITLE))
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        outer.addWidget(self.title_label)

        self.draft_banner = QLabel(tr("Gendannet kladde – ikke gemt endnu"))
        self.draft_banner.setStyleSheet(BANNER_STYLE)
        self.draft_banner.setAccessibleName(tr("Kladde gendannet"))
        self.draft_banner.hide()
        outer.addWidget(self.draft_banner)

        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(tr("Fejl"))
        self.error_label.hide()
        outer.addWidget(self.error_label)

        self.warning_label = QLabel()
        self.warning_label.setStyleSheet(WARNING_STYLE)
        self.warning_label.setWordWrap(True)
        self.warning_label.setAccessibleName(tr("Advarsel"))
        self.warning_label.hide()
        outer.addWidget(self.warning_label)

        self.body = QWidget()
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Captions sit at the top of their field, so a caption beside a tall text box is read first.
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._build_body()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.body)
        outer.addWidget(scroll, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(tr("Gem"))
        self.save_button.setAccessibleName(tr("Gem"))
        self.save_button.setToolTip(tr("Gem (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        self.cancel_button = QPushButton(tr("Annullér"))
        self.cancel_button.setAccessibleName(tr("Annullér"))
        self.cancel_button.setToolTip(tr("Luk uden at gemme (Esc)"))
        self.cancel_button.clicked.connect(lambda: self.cancel_requested.emit())
        buttons.addWidget(self.cancel_button)
        outer.addLayout(buttons)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

    # -- building -----------------------------------------------------------------------------

    def _build_body(self) -> None:
        """Lay out ``self.body``; the default is the form alone, kept at its natural height
        (spare room goes below it, not into gaps between the fields)."""
        column = QVBoxLayout(self.body)
        column.addLayout(self.form)
        column.addStretch(1)
        self._build()

    def make_field(self, key: str, widget: QWidget, label: str, help_text: str | None = None) -> QWidget:
        """Register ``widget`` under ``key`` (a core field name) and return a container with
        the widget and its (hidden) red error label underneath."""
        widget.setAccessibleName(tr(label))
        if help_text:
            widget.setToolTip(tr(help_text))
        if isinstance(widget, QPlainTextEdit):
            widget.setTabChangesFocus(True)
        self.fields[key] = widget
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setAccessibleName(tr(label) + " – " + tr("fejl"))
        error.hide()
        self.errors[key] = error
        signal = change_signal(widget)
        if signal is not None:
            signal.connect(self._on_edited)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(error)
        return box

    def add_field(
        self,
        key: str,
        widget: QWidget,
        label: str,
        help_text: str | None = None,
        form: QFormLayout | None = None,
    ) -> QWidget:
        box = self.make_field(key, widget, label, help_text)
        caption = QLabel(tr(label) + ":")
        caption.setBuddy(widget)
        if help_text:
            caption.setToolTip(tr(help_text))
        (form or self.form).addRow(caption, box)
        self._rows[key] = (caption, box)
        return widget

    def caption(self, key: str) -> QLabel:
        """The label in front of the field ``key`` (the text depends on the citizen's area)."""
        return self._rows[key][0]

    def show_row(self, key: str, shown: bool) -> None:
        """Show or hide a whole field row, caption included (fields only adults have)."""
        caption, box = self._rows[key]
        caption.setVisible(shown)
        box.setVisible(shown)
        (self._hidden_rows.discard if shown else self._hidden_rows.add)(key)

    def row_shown(self, key: str) -> bool:
        return key not in self._hidden_rows

    # -- state ----------------------------------------------------------------------------------

    def record_key(self) -> str:
        if self.record_id is not None:
            return str(self.record_id)
        parts = [f"{k}={v}" for k, v in sorted(self.context.items())]
        return "new:" + ",".join(parts)

    def is_dirty(self) -> bool:
        return self._dirty

    def has_changes(self) -> bool:
        """Whether closing now would lose something: edited, and not back to what was loaded
        (or stored); a restored draft counts, as it is not stored."""
        return self._dirty and not self.readonly and self.draft_fields() != self._loaded_fields

    def _set_dirty(self, dirty: bool) -> None:
        if dirty:
            self._show_warned(False)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def _on_edited(self, *_args: object) -> None:
        if self._loading:
            return
        self._set_dirty(True)
        if not self.readonly:
            self._draft_timer.start()

    def set_readonly(self, readonly: bool) -> None:
        self.readonly = readonly
        for widget in self._inputs():
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.setReadOnly(readonly)
            else:
                widget.setEnabled(not readonly)
        self.save_button.setVisible(not readonly)
        leave = tr("Luk") if readonly else tr("Annullér")
        self.cancel_button.setText(leave)
        self.cancel_button.setAccessibleName(leave)
        if readonly:
            self._draft_timer.stop()

    def _inputs(self) -> list[QWidget]:
        found: list[QWidget] = []
        for cls in (QLineEdit, QPlainTextEdit, QComboBox, QDateEdit, QSpinBox, QCheckBox, QPushButton):
            for widget in self.body.findChildren(cls):
                if isinstance(widget, QLineEdit) and isinstance(
                    widget.parent(), (QComboBox, QDateEdit, QSpinBox)
                ):
                    continue
                if widget not in found:
                    found.append(widget)
        return found

    # -- drafts ----------------------------------------------------------------------------------

    def draft_fields(self) -> dict[str, Any]:
        return {key: widget_value(widget) for key, widget in self.fields.items()}

    def restore_fields(self, fields: dict[str, Any]) -> None:
        for key, value in fields.items():
            widget = self.fields.get(key)
            if widget is not None:
                set_widget_value(widget, value)

    def flush_draft(self) -> None:
        """Write the draft now (the debounce timer calls this)."""
        self._draft_timer.stop()
        if self._dirty and not self.readonly and self.drafts is not None:
            self.drafts.save(self.EDITOR, self.record_key(), self.draft_fields())

    def discard_draft(self) -> None:
        self._draft_timer.stop()
        if self.drafts is not None:
            self.drafts.discard(self.EDITOR, self.record_key())
        self.draft_banner.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._draft_timer.isActive():
            self.flush_draft()
        super().closeEvent(event)

    def style_scores(self, citizen_id: int | None) -> ScoreStyle:
        """Let every score combo of the form read in the citizen's words and numbers."""
        self.score_style = citizen_style(self.unit, citizen_id, one_based=self.one_based)
        for combo in self.findChildren(ScoreCombo):
            combo.set_style(self.score_style)
        return self.score_style

    # -- load / save -------------------------------------------------------------------------------

    def load(self, record_id: int | None, **context: Any) -> None:
        """Show a record (``None`` = a new one; ``context`` says where it belongs, e.g.
        ``order_id=`` for a new goal). A draft left for this record is restored."""
        if self._draft_timer.isActive():
            self.flush_draft()
        self.record_id = record_id
        self.context = dict(context)
        self._loading = True
        try:
            self.clear_messages()
            self.warning_label.hide()
            self._show_warned(False)
            self._populate(record_id, self.context)
            self._loaded_fields = self.draft_fields()
            draft = self.drafts.load(self.EDITOR, self.record_key()) if self.drafts is not None else None
            if draft:
                self.restore_fields(draft)
                self.draft_banner.show()
            else:
                self.draft_banner.hide()
        finally:
            self._loading = False
        self._set_dirty(bool(draft))

    def clear_messages(self) -> None:
        self.error_label.hide()
        self.error_label.clear()
        for label in self.errors.values():
            label.hide()
            label.clear()

    def shown_errors(self) -> list[str]:
        """Every message the form shows now, beside a field or below the form."""
        labels = [self.error_label, *self.errors.values()]
        return [label.text() for label in labels if not label.isHidden() and label.text()]

    def focus_first_field(self) -> None:
        """Typing starts in the first field, not on whichever button Qt happened to pick."""
        for widget in self.fields.values():
            if widget.isVisibleTo(self) and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def show_error(self, message: str, field: str | None = None) -> None:
        key = self.field_aliases.get(field, field) if field else None
        label = self.errors.get(key) if key else None
        if label is None:
            label = self.error_label
        label.setText(message)
        label.show()
        widget = self.fields.get(key) if key else None
        if widget is not None:
            widget.setFocus()

    def save(self) -> Task | None:
        """Start writing the form through the core; the Task, or None when nothing started
        (read-only, a write already under way, or the form itself refused and says why)."""
        if self.readonly or self.task is not None:
            return None
        if self._warned and not self._dirty:  # "Luk": the warnings are read, nothing new to save
            self.close_requested.emit()
            return None
        self.clear_messages()
        self.warning_label.hide()
        try:
            submission = self._write()
        except FkoError as error:  # a check the form runs itself, before anything is sent
            self.show_error(error.message, error.field)
            return None
        if submission is None:
            return None
        self.save_button.setEnabled(False)
        self.task = (
            self.runner.op(self, lambda unit, _progress: submission.work(unit))
            .success(lambda result: self._stored(result, submission.after))
            .failure(self._refused)
            .run(initiator=self)
        )
        return self.task

    def _refused(self, failure: Failure) -> None:
        self.task = None
        self.save_button.setEnabled(True)
        self.show_error(failure.message, failure.field)

    def _stored(self, result: Changed[int], after: Callable[[Changed[int]], None] | None) -> None:
        self.task = None
        self.save_button.setEnabled(True)
        if after is not None:
            after(result)
        self.discard_draft()
        if self.record_id is None and self._reload_after_create():
            self.record_id = result.value
        self._loaded_fields = self.draft_fields()
        self._set_dirty(False)
        if result.warnings:
            self.warning_label.setText("\n".join(result.warnings))
            self.warning_label.show()
            self._show_warned(True)
        self.saved.emit(result)

    def _show_warned(self, warned: bool) -> None:
        """After a save with warnings Gem reads "Luk", so the form is closed only once they are read."""
        if warned != self._warned:
            self._warned = warned
            text = tr("Luk") if warned else tr("Gem")
            self.save_button.setText(text)
            self.save_button.setAccessibleName(text)
            self.cancel_button.setHidden(warned)  # beside "Luk" it would do the same

    def _reload_after_create(self) -> bool:
        """After creating a record, the editor continues editing that record."""
        return True
