"""The note card: how one journal note is painted in the panel's list.

A header (time · author, the score chip, "Rettet (vN)"), the wrapped text, and for a withdrawn
note greyed, struck-through text with the reason under it. Painting only: the delegate reads
the whole ``NoteRow`` from the model's ``NoteRole`` and never writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from fko_desktop.models.formatting import format_datetime
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.journal.model import NoteRole, score_chip_text

if TYPE_CHECKING:
    from fko_desktop.unit.rows import NoteRow

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
        header = max(
            QFontMetrics(self._header_font(option.font)).height(),
            QFontMetrics(self._small_font(option.font)).height() + 2 * self.CHIP_PAD_Y,
        )
        body = self._wrapped_height(option.font, note.text, width)
        reason = (
            self._wrapped_height(self._small_font(option.font), self._reason_text(note), width)
            if note.withdrawn
            else 0
        )
        return header, body, reason

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        note = index.data(NoteRole)
        if note is None:
            return super().sizeHint(option, index)
        header, body, reason = self._heights(option, note)
        height = 2 * (self.MARGIN + self.PADDING) + header + self.GAP + body
        if reason:
            height += self.GAP + reason
        return QSize(self._card_width(option), height)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
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
        painter.drawText(
            header_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), header_text
        )
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
            painter.drawText(
                header_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), marker
            )

        # text
        body_font = QFont(option.font)
        if note.withdrawn:
            body_font.setStrikeOut(True)
        painter.setFont(body_font)
        painter.setPen(muted if note.withdrawn else text_colour)
        top = inner.top() + header_h + self.GAP
        body_rect = QRect(inner.left(), top, inner.width(), body_h)
        painter.drawText(
            body_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            note.text,
        )

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
