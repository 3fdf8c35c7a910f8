"""The resident diary's list: a lazily paged model over the core's diary query, and the card
each note is drawn as (time · author, tags, text, and a withdrawal with its reason).

Model/view, so the busiest citizen's diary opens with one page read, not every note.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from fko_desktop.models.formatting import format_datetime
from fko_desktop.models.journal import written_later
from fko_desktop.ui.i18n import tr
from fko_desktop.unit import Unit
from fko_desktop.unit.rows import DiaryRow

AnyIndex = QModelIndex | QPersistentModelIndex
NoteRole = Qt.ItemDataRole.UserRole + 1
HtmlRole = Qt.ItemDataRole.UserRole + 2


def card_html(note: DiaryRow) -> str:
    """One note as a card: when and who, its tags, the text; a withdrawal says why."""
    when = format_datetime(note.observed_at)
    head = f"<b>{html.escape(when)}</b> · {html.escape(note.author)}"
    if note.written_at is not None and written_later(note.observed_at, note.written_at):
        written = tr("skrevet {when}").format(when=format_datetime(note.written_at))
        head += f" <span style='color:#666'>({html.escape(written)})</span>"
    if note.version > 1:
        head += f" <span style='color:#666'>· {html.escape(tr('rettet'))}</span>"
    parts = [head]
    if note.tags:
        chips = " ".join(
            f"<span style='background:#e8eef7; color:#1f3a5f'>&nbsp;{html.escape(t.label)}&nbsp;</span>"
            for t in note.tags
        )
        parts.append(chips)
    text = html.escape(note.text).replace("\n", "<br>")
    parts.append(f"<span style='color:#777'><s>{text}</s></span>" if note.withdrawn else text)
    if note.withdrawn:
        reason = tr("Trukket tilbage: {reason}").format(reason=note.withdrawal_reason or "")
        parts.append(f"<span style='color:#b00020'>{html.escape(reason)}</span>")
    return "<br>".join(parts)


class DiaryModel(QAbstractListModel):
    """A citizen's diary notes newest first, with the page's filters; loads a page at a time."""

    page_size = 200

    def __init__(self, unit: Unit) -> None:
        super().__init__()
        self._unit = unit
        self.citizen_id: int | None = None
        self.filters: dict[str, Any] = {}
        self._rows: list[DiaryRow] = []
        self._total = 0

    def set_scope(self, citizen_id: int | None, filters: dict[str, Any]) -> None:
        self.beginResetModel()
        self.citizen_id, self.filters = citizen_id, dict(filters)
        self._total = self._count()
        self._rows = self._load(0, self.page_size)
        self.endResetModel()

    def refresh(self) -> None:
        """Reload after a change, keeping as many rows loaded as before (min. one page)."""
        keep = max(len(self._rows), self.page_size)
        self.beginResetModel()
        self._total = self._count()
        self._rows = self._load(0, keep)
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def _count(self) -> int:
        return 0 if self.citizen_id is None else self._unit.diary.count(self.citizen_id, **self.filters)

    def _load(self, offset: int, limit: int) -> list[DiaryRow]:
        if self.citizen_id is None:
            return []
        return self._unit.diary.notes(self.citizen_id, offset=offset, limit=limit, **self.filters)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid():
            return
        page = self._load(len(self._rows), self.page_size)
        if not page:
            self._total = len(self._rows)  # the diary shrank under us
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def note(self, row: int) -> DiaryRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, note_id: int) -> int:
        """The row of a note, loading further pages until it is found; -1 if it is not listed."""
        while True:
            for row, note in enumerate(self._rows):
                if note.id == note_id:
                    return row
            if not self.canFetchMore():
                return -1
            self.fetchMore()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        note = self.note(index.row()) if index.isValid() else None
        if note is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return note.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            tags = ", ".join(t.label for t in note.tags)
            return f"{format_datetime(note.observed_at)}, {note.author}, {tags}: {note.text}"
        if role == NoteRole:
            return note
        if role == HtmlRole:
            return card_html(note)
        return None


class CardDelegate(QStyledItemDelegate):
    """Draws a row's ``HtmlRole`` as wrapped rich text, as tall as it needs."""

    margin = 6
    #: Card heights remembered (by their text, width and font) before they are all forgotten.
    max_cached = 4000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The list asks every loaded card's height (a page: 200) each time the diary is shown or
        # laid out, and a height is a rich-text layout: remembered, reopening the diary costs
        # none. The key is what the height depends on, so a corrected note is measured anew.
        self._heights: dict[tuple[str, float, str], int] = {}

    def _text_width(self, option: QStyleOptionViewItem) -> float:
        width = option.rect.width()
        widget = option.widget
        if width <= 0 and isinstance(widget, QWidget):
            width = widget.width()
        return max(200, width - 2 * self.margin)

    def _document(self, option: QStyleOptionViewItem, index: AnyIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(index.data(HtmlRole) or "")
        document.setTextWidth(self._text_width(option))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        self.initStyleOption(option, index)
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        painter.save()
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight).lighter(170))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        document = self._document(option, index)
        painter.translate(rect.left() + self.margin, rect.top() + self.margin)
        context = QAbstractTextDocumentLayout.PaintContext()
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        width = self._text_width(option)
        key = (index.data(HtmlRole) or "", width, option.font.key())
        height = self._heights.get(key)
        if height is None:
            document = self._document(option, index)
            height = int(document.size().height()) + 2 * self.margin
            if len(self._heights) >= self.max_cached:
                self._heights.clear()
            self._heights[key] = height
        return QSize(int(width), height)
