"""The journal's dialogs and the form pieces they share with the panel's new-note box.

"Ret notat" (text and score of a note, the earlier version kept), the history of a note's
versions, and the score combo both the box and "Ret notat" use. Withdrawing needs only a
reason, which the panel asks for with a plain input dialog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

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

from fko_desktop.models.formatting import format_datetime
from fko_desktop.models.scores import NOT_ASSESSED, parse_score
from fko_desktop.ops.journal import NoteRow
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.journal.model import score_chip_text

#: Refusals from the core, in red next to the box or in the open dialog.
ERROR_STYLE = "color: #b3261e;"


# -- score combo ---------------------------------------------------------------------------------


def make_score_combo(parent: QWidget | None = None) -> QComboBox:
    """ "Ingen score", "0" … "4", "Ikke vurderet"; item data is the value for ``parse_score``."""
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


# -- dialogs -------------------------------------------------------------------------------------


class NoteEditDialog(QDialog):
    """ "Ret notat": text and score prefilled; ``on_save(text, score) -> str | None`` stores the
    correction and returns a refusal message (the dialog then stays open) or None."""

    def __init__(
        self, note: NoteRow, on_save: Callable[[str, object], str | None], parent: QWidget | None = None
    ) -> None:
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
            tr(
                "Den tidligere version gemmes og kan ses under »Vis historik«. Notat fra {time} · {author}."
            ).format(time=format_datetime(note.observed_at), author=note.author),
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

    def __init__(
        self,
        note: NoteRow,
        versions: list[dict[str, Any]],
        staff_names: dict[int, str],
        parent: QWidget | None = None,
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
            rows.append(
                (
                    f"v{version.get('version')}",
                    when,
                    by,
                    (
                        score_chip_text(score)
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
        if not versions:
            layout.addWidget(QLabel(tr("Notatet er ikke rettet."), self))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 360)

    def row_count(self) -> int:
        return self.table.rowCount()


def load_staff_names(unit: Any) -> dict[int, str]:
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
