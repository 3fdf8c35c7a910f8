"""The note card: how one journal note is painted in the panel's list.

A header (time · author, the score chip, "Rettet (vN)"), the sub-goal it is about (and when it
was written, when that was later than the observation), the wrapped text — a long one folded
after a few lines with "vis mere" — and for a withdrawn note greyed, struck-through text with
the reason under it. The delegate reads the whole ``NoteRow`` from the model's ``NoteRole`` and
never writes; the only state it keeps is which long notes are unfolded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from fko_desktop.models.formatting import format_datetime
from fko_desktop.models.journal import written_later as late
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.journal.model import NoteRole, ScoreLabelRole

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


#: Lines of text a card shows before "vis mere": a long incident report must not push the
#: rest of the evening's notes off the screen.
FOLD_LINES = 6


def written_later(note: NoteRow) -> bool:
    return late(note.observed_at, note.written_at)


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
        #: The long notes the reader has unfolded ("vis mere").
        self.unfolded: set[int] = set()
        self._height_cache: dict[tuple[object, ...], tuple[int, int, int, int, int]] = {}

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
    def about_text(note: NoteRow) -> str:
        about = tr("Delmål: {sub_goal}").format(sub_goal=note.sub_goal) if note.sub_goal else ""
        if note.written_at is not None and written_later(note):
            written = tr("skrevet {time}").format(time=format_datetime(note.written_at))
            about = f"{about} · {written}" if about else written
        return about

    @staticmethod
    def _toggle_text(unfolded: bool) -> str:
        return tr("vis mindre ▴") if unfolded else tr("vis mere ▾")

    @staticmethod
    def _reason_text(note: NoteRow) -> str:
        return tr("Trukket tilbage: {reason}").format(reason=note.withdrawal_reason or "")

    def _wrapped_height(self, font: QFont, text: str, width: int) -> int:
        metrics = QFontMetrics(font)
        rect = metrics.boundingRect(QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), text)
        return max(rect.height(), metrics.height())

    def _heights(self, option: QStyleOptionViewItem, note: NoteRow) -> tuple[int, int, int, int, int]:
        """(header, about line, body, fold toggle, reason) heights; 0 for what the card lacks.

        Remembered per note version and width: the view asks for every loaded card's size after
        each change, and measuring wrapped text is most of what a refresh costs."""
        key = (note.id, note.version, note.withdrawn, note.id in self.unfolded, self._text_width(option))
        found = self._height_cache.get(key)
        if found is None:
            if len(self._height_cache) > 20_000:  # a long evening of scrolling: start over
                self._height_cache.clear()
            found = self._height_cache[key] = self._measure(option, note)
        return found

    def _measure(self, option: QStyleOptionViewItem, note: NoteRow) -> tuple[int, int, int, int, int]:
        width = self._text_width(option)
        small = self._small_font(option.font)
        header = max(
            QFontMetrics(self._header_font(option.font)).height(),
            QFontMetrics(small).height() + 2 * self.CHIP_PAD_Y,
        )
        about_text = self.about_text(note)
        about = self._wrapped_height(small, about_text, width) if about_text else 0
        body = self._wrapped_height(option.font, note.text, width)
        folded_body = QFontMetrics(option.font).lineSpacing() * FOLD_LINES
        toggle = 0
        if body > folded_body:  # long: folded unless unfolded, and a toggle either way
            toggle = QFontMetrics(small).height()
            if note.id not in self.unfolded:
                body = folded_body
        reason = self._wrapped_height(small, self._reason_text(note), width) if note.withdrawn else 0
        return header, about, body, toggle, reason

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        note = index.data(NoteRole)
        if note is None:
            return super().sizeHint(option, index)
        header, about, body, toggle, reason = self._heights(option, note)
        height = 2 * (self.MARGIN + self.PADDING) + header + self.GAP + body
        for part in (about, toggle, reason):
            if part:
                height += self.GAP + part
        return QSize(self._card_width(option), height)

    def _toggle_rect(self, option: QStyleOptionViewItem, note: NoteRow) -> QRect | None:
        """Where "vis mere"/"vis mindre" is on the card, or None for a short note."""
        header, about, body, toggle, _reason = self._heights(option, note)
        if not toggle:
            return None
        inner = option.rect.adjusted(
            self.MARGIN + self.PADDING, self.MARGIN + self.PADDING, -self.MARGIN - self.PADDING, 0
        )
        top = inner.top() + header + self.GAP + (about + self.GAP if about else 0) + body + self.GAP
        width = QFontMetrics(self._small_font(option.font)).horizontalAdvance(
            self._toggle_text(note.id in self.unfolded)
        )
        return QRect(inner.left(), top, width + 4, toggle)

    def toggle(self, index: QModelIndex | QPersistentModelIndex) -> None:
        """Fold or unfold the note at ``index`` (a long one)."""
        note: NoteRow | None = index.data(NoteRole)
        if note is None:
            return
        self.unfolded.symmetric_difference_update({note.id})
        self.sizeHintChanged.emit(index.model().index(index.row(), index.column()))

    def editorEvent(  # noqa: N802
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        # A click on "vis mere" unfolds the note; anywhere else on the card selects it as before.
        if event.type() == QEvent.Type.MouseButtonRelease:
            note: NoteRow | None = index.data(NoteRole)
            mouse: QMouseEvent = event  # type: ignore[assignment]
            rect = self._toggle_rect(option, note) if note is not None else None
            if rect is not None and rect.contains(mouse.position().toPoint()):
                self.toggle(index)
                return True
        return super().editorEvent(event, model, option, index)

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
        header_h, about_h, body_h, toggle_h, reason_h = self._heights(option, note)

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
        chip_text = index.data(ScoreLabelRole)  # the model knows the citizen's style
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

        top = inner.top() + header_h + self.GAP
        small_muted = QColor(muted)
        if about_h:
            painter.setFont(small)
            painter.setPen(small_muted)
            painter.drawText(
                QRect(inner.left(), top, inner.width(), about_h),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                self.about_text(note),
            )
            top += about_h + self.GAP

        # text
        body_font = QFont(option.font)
        if note.withdrawn:
            body_font.setStrikeOut(True)
        painter.setFont(body_font)
        painter.setPen(muted if note.withdrawn else text_colour)
        body_rect = QRect(inner.left(), top, inner.width(), body_h)
        painter.save()
        painter.setClipRect(body_rect)  # a folded note shows whole lines only
        painter.drawText(
            body_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            note.text,
        )
        painter.restore()
        top += body_h
        if toggle_h:
            painter.setFont(small)
            painter.setPen(palette.color(QPalette.ColorRole.Link))
            painter.drawText(
                QRect(inner.left(), top + self.GAP, inner.width(), toggle_h),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                self._toggle_text(note.id in self.unfolded),
            )
            top += self.GAP + toggle_h

        if note.withdrawn:
            reason_font = self._small_font(option.font)
            reason_font.setItalic(True)
            painter.setFont(reason_font)
            painter.setPen(QColor("#8e1b14"))
            reason_rect = QRect(inner.left(), top + self.GAP, inner.width(), reason_h)
            painter.drawText(
                reason_rect,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                self._reason_text(note),
            )
        painter.restore()
