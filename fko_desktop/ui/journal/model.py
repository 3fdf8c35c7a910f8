"""A lazily loaded list model over the sub-goal journal (delmålsdagbog).

The model never reads a whole journal: it asks the core for one page of notes (newest first)
at a time, and Qt's views call :meth:`JournalModel.fetchMore` when the user scrolls near the
end. A journal of 50,000 notes therefore costs one count and one page to open. The reads go
through the facade (``unit.journal``) on the GUI thread: a page is a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt

from fko_desktop.models.formatting import format_datetime
from fko_desktop.models.scores import NOT_ASSESSED, ScoreStyle
from fko_desktop.ui.i18n import tr

if TYPE_CHECKING:
    from fko_desktop.unit import Unit
    from fko_desktop.unit.rows import NoteRow

PAGE_SIZE = 200

# Custom roles; DisplayRole is the note text.
NoteRole = Qt.ItemDataRole.UserRole + 1  #: the whole ``NoteRow``
AuthorRole = Qt.ItemDataRole.UserRole + 2  #: author initials, e.g. "AH"
TimeRole = Qt.ItemDataRole.UserRole + 3  #: "23.11.2026 kl. 21.40"
ScoreLabelRole = Qt.ItemDataRole.UserRole + 4  #: "Score 2" (in the model's style), "Ikke vurderet" or ""
NoteIdRole = Qt.ItemDataRole.UserRole + 5  #: the note's id


def score_chip_text(score: object, style: ScoreStyle | None = None) -> str:
    """The text of a note's score chip in the citizen's numbers; empty without a score."""
    if score is None:
        return ""
    if score is NOT_ASSESSED:
        return tr("Ikke vurderet")
    if isinstance(score, int) and not isinstance(score, bool):
        return tr("Score {score}").format(score=(style or ScoreStyle()).number(score))
    return tr("Score {score}").format(score=score)  # a stored snapshot the core would refuse


class JournalModel(QAbstractListModel):
    """Notes of one or more sub-goals, newest first, loaded ``page_size`` rows at a time.

    ``set_scope(unit, sub_goal_ids)`` chooses the journal of the open unit (the facade; resets
    the model and loads the first page); ``refresh()`` reloads after a change, keeping as many
    rows as were loaded.
    """

    def __init__(self, parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self._unit: Unit | None = None
        self._sub_goal_ids: list[int] | None = None
        self._include_withdrawn = True
        self._rows: list[NoteRow] = []
        self._total = 0
        #: How the scores read (the citizen's words, 0–4 or 1–5); see ``set_style``.
        self.style = ScoreStyle()

    # -- scope -------------------------------------------------------------------------------

    @property
    def unit(self) -> Unit | None:
        return self._unit

    @property
    def sub_goal_ids(self) -> list[int] | None:
        return None if self._sub_goal_ids is None else list(self._sub_goal_ids)

    def total(self) -> int:
        """How many notes the journal has in the database (not how many are loaded)."""
        return self._total

    def set_scope(
        self, unit: Unit | None, sub_goal_ids: Sequence[int] | None, *, include_withdrawn: bool = True
    ) -> None:
        """Show the journal of these sub-goals (``None`` unit or empty ids: an empty list)."""
        self.beginResetModel()
        self._unit = unit
        self._sub_goal_ids = None if sub_goal_ids is None else list(sub_goal_ids)
        self._include_withdrawn = include_withdrawn
        self._rows = []
        self._total = 0
        if self._has_scope():
            self._total = self._count()
            self._rows = self._load(0, self.page_size)
        self.endResetModel()

    def set_style(self, style: ScoreStyle) -> None:
        """Show the scores in ``style``; the loaded rows are repainted, not read again."""
        if style == self.style:
            return
        self.style = style
        if self._rows:
            roles = [ScoreLabelRole, Qt.ItemDataRole.AccessibleTextRole]
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1), roles)

    def clear(self) -> None:
        self.set_scope(None, None)

    def refresh(self) -> None:
        """Reload after a change; keeps at least as many rows loaded as before (min. one page)."""
        if not self._has_scope():
            return
        keep = max(len(self._rows), self.page_size)
        self.beginResetModel()
        self._total = self._count()
        self._rows = self._load(0, keep)
        self.endResetModel()

    def _has_scope(self) -> bool:
        return self._unit is not None and bool(self._sub_goal_ids)

    def _count(self) -> int:
        assert self._unit is not None
        return self._unit.journal.count(
            sub_goal_ids=self._sub_goal_ids, include_withdrawn=self._include_withdrawn
        )

    def _load(self, offset: int, limit: int) -> list[NoteRow]:
        assert self._unit is not None
        return self._unit.journal.notes(
            sub_goal_ids=self._sub_goal_ids,
            include_withdrawn=self._include_withdrawn,
            offset=offset,
            limit=limit,
        )

    # -- lazy loading ------------------------------------------------------------------------

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        if parent.isValid() or not self._has_scope():
            return False
        return len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or not self._has_scope():
            return
        page = self._load(len(self._rows), self.page_size)
        if not page:
            self._total = len(self._rows)  # the journal shrank under us
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    # -- rows --------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def note(self, row: int) -> NoteRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, note_id: int) -> int:
        """The loaded row of a note, or -1."""
        for row, note in enumerate(self._rows):
            if note.id == note_id:
                return row
        return -1

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        note = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return note.text
        if role == NoteRole:
            return note
        if role == AuthorRole:
            return note.author
        if role == TimeRole:
            return format_datetime(note.observed_at)
        if role == ScoreLabelRole:
            return score_chip_text(note.score, self.style)
        if role == NoteIdRole:
            return note.id
        if role == Qt.ItemDataRole.AccessibleTextRole:
            chip = score_chip_text(note.score, self.style)
            parts = [format_datetime(note.observed_at), note.author, chip, note.text]
            if note.withdrawn:
                parts.append(tr("Trukket tilbage: {reason}").format(reason=note.withdrawal_reason or ""))
            return " · ".join(p for p in parts if p)
        if role == Qt.ItemDataRole.ToolTipRole and note.withdrawn:
            return tr("Trukket tilbage: {reason}").format(reason=note.withdrawal_reason or "")
        return None

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802
        names = dict(super().roleNames())
        names.update(
            {
                NoteRole: QByteArray(b"note"),
                AuthorRole: QByteArray(b"author"),
                TimeRole: QByteArray(b"time"),
                ScoreLabelRole: QByteArray(b"scoreLabel"),
                NoteIdRole: QByteArray(b"noteId"),
            }
        )
        return names
