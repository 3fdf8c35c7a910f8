"""The sub-goal journal panel: a quick "Nyt notat" box above a lazily loaded list of note cards.

Every write goes through the window's :class:`OpRunner`; refusals from the core are shown in
red next to the box (or in the open dialog) and nothing typed is cleared until it is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListView,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.models.formatting import format_datetime
from fko_desktop.models.scores import NOT_ASSESSED, parse_score
from fko_desktop.ops import journal as journal_ops
from fko_desktop.ops.journal import NoteRow
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.journal_model import PAGE_SIZE, JournalModel, NoteRole, score_chip_text
from fko_desktop.ui.runner import OpRunner

ERROR_STYLE = "color: #b3261e;"

# Score chip colours (background, text). Lower is better, so 0 is green and 4 is red;
# "Ikke vurderet" is neutral grey because it is not a level.
CHIP_COLOURS: dict[object, tuple[str, str]] = {
    0: ("#d8f0dc", "#1b5e20"),
    1: ("#e6f2d2", "#33691e"),
    2: ("#fbf0c8", "#6d4c00"),
    3: ("#fde0c8", "#8a3b00"),
    4: ("#f9d2d0", "#8e1b14"),
    NOT_ASSESSED: ("#e6e6e6", "#424242"),
}


# -- score combo ---------------------------------------------------------------------------------

def make_score_combo(parent: QWidget | None = None) -> QComboBox:
    """"Ingen score", "0" … "4", "Ikke vurderet"; item data is the value for ``parse_score``."""
    combo = QComboBox(parent)
    combo.addItem(tr("Ingen score"), None)
    for level in range(5):
        combo.addItem(str(level), level)
    combo.addItem(tr("Ikke vurderet"), "ikke_vurderet")
    combo.setAccessibleName(tr("Score"))
    combo.setToolTip(tr("0 er bedst, 4 er dårligst. En score kræver en skriftlig observation."))
    return combo


def set_combo_score(combo: QComboBox, score: object) -> None:
    if score is None:
        combo.setCurrentIndex(0)
    elif score is NOT_ASSESSED:
        combo.setCurrentIndex(combo.count() - 1)
    else:
        combo.setCurrentIndex(int(score) + 1)  # type: ignore[call-overload]


# -- delegate ------------------------------------------------------------------------------------

class NoteCardDelegate(QStyledItemDelegate):
    """Paints a note as a card: header (time · author, score chip, "Rettet"), wrapped text,
    and for withdrawn notes greyed, struck-through text with the reason."""

    MARGIN = 6  # around the card
    PADDING = 10  # inside the card
    GAP = 6  # between header and text
    CHIP_PAD_X = 8
    CHIP_PAD_Y = 2

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    # geometry helpers
    def _card_width(self, option: QStyleOptionViewItem) -> int:
        width = self._view.viewport().width() if self._view is not None else option.rect.width()
        return max(width, 200)

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        return max(self._card_width(option) - 2 * (self.MARGIN + self.PADDING), 50)

    @staticmethod
    def _header_font(base: QFont) -> QFont:
        font = QFont(base)
        font.setBold(True)
        return font

    @staticmethod
    def _small_font(base: QFont) -> QFont:
        font = QFont(base)
        size = font.pointSizeF()
        if size > 0:
            font.setPointSizeF(max(size * 0.9, 7.0))
        return font

    @staticmethod
    def _header_text(note: NoteRow) -> str:
        return f"{format_datetime(note.observed_at)} · {note.author}"

    @staticmethod
    def _reason_text(note: NoteRow) -> str:
        return tr("Trukket tilbage: {reason}").format(reason=note.withdrawal_reason or "")

    def _wrapped_height(self, font: QFont, text: str, width: int) -> int:
        metrics = QFontMetrics(font)
        rect = metrics.boundingRect(QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), text)
        return max(rect.height(), metrics.height())

    def _heights(self, option: QStyleOptionViewItem, note: NoteRow) -> tuple[int, int, int]:
        width = self._text_width(option)
        header = max(QFontMetrics(self._header_font(option.font)).height(),
                     QFontMetrics(self._small_font(option.font)).height() + 2 * self.CHIP_PAD_Y)
        body = self._wrapped_height(option.font, note.text, width)
        reason = self._wrapped_height(self._small_font(option.font), self._reason_text(note), width) if note.withdrawn else 0
        return header, body, reason

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        note = index.data(NoteRole)
        if note is None:
            return super().sizeHint(option, index)
        header, body, reason = self._heights(option, note)
        height = 2 * (self.MARGIN + self.PADDING) + header + self.GAP + body
        if reason:
            height += self.GAP + reason
        return QSize(self._card_width(option), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        note: NoteRow | None = index.data(NoteRole)
        if note is None:
            super().paint(painter, option, index)
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        card = option.rect.adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)

        base = palette.color(QPalette.ColorRole.Base)
        text_colour = palette.color(QPalette.ColorRole.Text)
        muted = QColor(text_colour)
        muted.setAlpha(140)
        background = QColor("#f4f4f4") if note.withdrawn else base
        border = palette.color(QPalette.ColorRole.Highlight) if selected else QColor("#d0d0d0")
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.setBrush(background)
        painter.drawRoundedRect(card, 6, 6)

        inner = card.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        header_h, body_h, reason_h = self._heights(option, note)

        # header: time · author
        header_font = self._header_font(option.font)
        painter.setFont(header_font)
        painter.setPen(muted if note.withdrawn else text_colour)
        header_text = self._header_text(note)
        header_rect = QRect(inner.left(), inner.top(), inner.width(), header_h)
        painter.drawText(header_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), header_text)
        x = inner.left() + QFontMetrics(header_font).horizontalAdvance(header_text) + 12

        # score chip
        small = self._small_font(option.font)
        small_metrics = QFontMetrics(small)
        chip_text = score_chip_text(note.score)
        if chip_text:
            bg, fg = CHIP_COLOURS.get(note.score, CHIP_COLOURS[NOT_ASSESSED])
            chip_w = small_metrics.horizontalAdvance(chip_text) + 2 * self.CHIP_PAD_X
            chip_h = small_metrics.height() + 2 * self.CHIP_PAD_Y
            chip = QRect(x, inner.top() + (header_h - chip_h) // 2, chip_w, chip_h)
            painter.setPen(Qt.PenStyle.NoPen)
            chip_bg = QColor(bg)
            if note.withdrawn:
                chip_bg.setAlpha(120)
            painter.setBrush(chip_bg)
            painter.drawRoundedRect(chip, chip_h / 2, chip_h / 2)
            painter.setFont(small)
            painter.setPen(QColor(fg))
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), chip_text)
            x = chip.right() + 10

        # "Rettet (v2)" marker, right-aligned
        if note.version > 1:
            painter.setFont(small)
            painter.setPen(muted)
            marker = tr("Rettet (v{version})").format(version=note.version)
            painter.drawText(header_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), marker)

        # text
        body_font = QFont(option.font)
        if note.withdrawn:
            body_font.setStrikeOut(True)
        painter.setFont(body_font)
        painter.setPen(muted if note.withdrawn else text_colour)
        top = inner.top() + header_h + self.GAP
        body_rect = QRect(inner.left(), top, inner.width(), body_h)
        painter.drawText(body_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap), note.text)

        if note.withdrawn:
            reason_font = self._small_font(option.font)
            reason_font.setItalic(True)
            painter.setFont(reason_font)
            painter.setPen(QColor("#8e1b14"))
            reason_rect = QRect(inner.left(), top + body_h + self.GAP, inner.width(), reason_h)
            painter.drawText(
                reason_rect,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                self._reason_text(note),
            )
        painter.restore()


# -- dialogs -------------------------------------------------------------------------------------

class NoteEditDialog(QDialog):
    """"Ret notat": text and score prefilled; ``on_save(text, score) -> str | None`` stores the
    correction and returns a refusal message (the dialog then stays open) or None."""

    def __init__(self, note: NoteRow, on_save: Callable[[str, object], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = note
        self._on_save = on_save
        self.setWindowTitle(tr("Ret notat"))
        self.setAccessibleName(tr("Ret notat"))
        self.text_edit = QPlainTextEdit(note.text, self)
        self.text_edit.setAccessibleName(tr("Observation"))
        self.text_edit.setTabChangesFocus(True)
        self.score_combo = make_score_combo(self)
        set_combo_score(self.score_combo, note.score)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(tr("Fejlbesked"))
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Gem"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annuller"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        info = QLabel(
            tr("Den tidligere version gemmes og kan ses under »Vis historik«. Notat fra {time} · {author}.").format(
                time=format_datetime(note.observed_at), author=note.author
            ),
            self,
        )
        info.setWordWrap(True)
        score_row = QHBoxLayout()
        score_label = QLabel(tr("&Score:"), self)
        score_label.setBuddy(self.score_combo)
        score_row.addWidget(score_label)
        score_row.addWidget(self.score_combo)
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
        self.resize(520, 320)

    def accept(self) -> None:
        message = self._on_save(self.text_edit.toPlainText(), self.score_combo.currentData())
        if message:
            self.error_label.setText(message)
            self.error_label.show()
            return
        super().accept()


class NoteHistoryDialog(QDialog):
    """Every version of a note, newest first: the current one and the earlier ones kept."""

    COLUMNS = ("Version", "Gemt", "Af", "Score", "Tekst")

    def __init__(self, note: NoteRow, versions: list[dict[str, Any]], staff_names: dict[int, str],
                 parent: QWidget | None = None) -> None:
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

        rows: list[tuple[str, str, str, str, str]] = []
        current = tr("v{version} (nu)").format(version=note.version)
        rows.append((current, "", note.author, score_chip_text(note.score) or tr("Ingen score"), note.text))
        for version in sorted(versions, key=lambda v: v.get("version", 0), reverse=True):
            data = version.get("data") or {}
            try:
                score = parse_score(data.get("score"))
            except Exception:  # noqa: BLE001 - show whatever the snapshot holds
                score = data.get("score")
            saved_at = version.get("saved_at")
            if isinstance(saved_at, str):
                try:
                    saved_at = dt.datetime.fromisoformat(saved_at)
                except ValueError:
                    pass
            when = format_datetime(saved_at) if isinstance(saved_at, dt.datetime) else str(saved_at or "")
            by_id = version.get("saved_by_id")
            by = staff_names.get(by_id, f"#{by_id}") if by_id is not None else ""
            rows.append((
                f"v{version.get('version')}",
                when,
                by,
                (score_chip_text(score) if score is None or score is NOT_ASSESSED or isinstance(score, int) else str(score))
                or tr("Ingen score"),
                str(data.get("text", "")),
            ))
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeRowsToContents()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Luk"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not versions:
            layout.addWidget(QLabel(tr("Notatet er ikke rettet."), self))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 360)

    def row_count(self) -> int:
        return self.table.rowCount()


def _staff_names(unit: Any) -> dict[int, str]:
    """Staff id → "initials (name)" for the history dialog (a read, no write)."""
    try:
        from sqlalchemy import select

        from fko_desktop.models import StaffMember

        with unit.read() as session:
            return {
                row.id: f"{row.initials} ({row.name})"
                for row in session.execute(select(StaffMember.id, StaffMember.initials, StaffMember.name))
            }
    except Exception:  # noqa: BLE001 - the dialog falls back to ids
        return {}


# -- panel ---------------------------------------------------------------------------------------

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

    def __init__(self, runner: OpRunner | None = None, parent: QWidget | None = None, *, page_size: int = PAGE_SIZE) -> None:
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

    def set_scope(self, unit: Any, sub_goal_ids: Sequence[int] | None, *, target_sub_goal_id: int | None = None,
                  sub_goal_labels: dict[int, str] | None = None) -> None:
        """Show the notes of these sub-goals; new notes go to ``target_sub_goal_id`` (default:
        the first), and with several sub-goals a chooser labelled by ``sub_goal_labels`` shows."""
        self.flush_draft()
        self._unit = unit
        self._sub_goal_ids = list(sub_goal_ids or [])
        self._target_sub_goal_id = target_sub_goal_id if target_sub_goal_id is not None else (
            self._sub_goal_ids[0] if self._sub_goal_ids else None
        )
        self.sub_goal_combo.clear()
        labels = sub_goal_labels or {}
        for sub_goal_id in self._sub_goal_ids:
            self.sub_goal_combo.addItem(labels.get(sub_goal_id, tr("Delmål {id}").format(id=sub_goal_id)), sub_goal_id)
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
        return not self.readonly and self.actor is not None and self._unit is not None and bool(self._sub_goal_ids)

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
            self.drafts.save("journal_note", self._draft_key(), {"text": text, "score_index": self.score_combo.currentIndex()})
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
            _result, message = self._run(journal_ops.edit_note, self._unit, self.actor, note.id, text=text, score=score)
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
        dialog = NoteHistoryDialog(note, versions, _staff_names(self._unit), self)
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
        _result, message = self._run(journal_ops.withdraw_note, self._unit, self.actor, note.id, reason=reason)
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
