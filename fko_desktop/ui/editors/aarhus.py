"""The Århus schema assessment form (seed 003): every factor of the child's schema on one page.

Two lines per factor, in the recommended form's order: the professionals' agreed score, the
target for the next assessment and a wide free-text box beside the score; under them the child's
and the parents' own scores with a note each, kept beside the agreed one. (On one line the seven
boxes do not fit the dialog, and the text box the score rests on got the narrowest column.) The
core refuses a factor left without a score ("Ikke vurderet" is an answer), so the form starts
every score at "–" and says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from fko_desktop.models.aarhus_assessment import AarhusKind
from fko_desktop.models.citizen import OutcomeSchema
from fko_desktop.models.formatting import format_date
from fko_desktop.ui.editors.base import (
    DateEdit,
    EditorBase,
    ScoreCombo,
    Submission,
    set_combo_data,
    text_value,
)
from fko_desktop.ui.i18n import tr
from fko_desktop.unit.aarhus import AarhusAssessmentRow, FactorInput

#: The columns of a factor row, after the factor's name: field suffix → heading.
COLUMNS = {
    "score": "Score",
    "target": "Mål til næste gang",
    "note": "Begrundelse",
    "child_score": "Barnets score",
    "child_note": "Barnets bemærkning",
    "parent_score": "Forældrenes score",
    "parent_note": "Forældrenes bemærkning",
}
HELP = {
    "score": "De professionelles fælles score: 0 ingen problemer, 4 et massivt problem.",
    "target": "Hvor barnet skal være ved næste vurdering; samme tal som scoren er et mål om at fastholde.",
    "note": "Hvad scoren bygger på.",
    "child_score": "Barnets eller den unges egen score, gemt som en note ved siden af.",
    "parent_score": "Forældrenes egen score, gemt som en note ved siden af.",
}
PLACEHOLDERS = {
    "note": "Hvad scoren bygger på",
    "child_note": "Barnets bemærkning",
    "parent_note": "Forældrenes bemærkning",
}
#: Where each box of a factor goes: (line 0 or 1 of the factor, grid column, columns spanned).
PLACES = {
    "score": (0, 1, 1),
    "target": (0, 2, 1),
    "note": (0, 3, 2),
    "child_score": (1, 1, 1),
    "child_note": (1, 2, 1),
    "parent_score": (1, 3, 1),
    "parent_note": (1, 4, 1),
}
AUTOMATIC = "Efter kadencen"


class FactorRow:
    """The widgets of one factor, registered with the editor under ``<code>_<column>``."""

    def __init__(
        self, editor: AarhusAssessmentEditor, code: str, display: str, help_text: str | None
    ) -> None:
        self.code = code
        self.label = QLabel(tr(display))
        self.label.setWordWrap(True)
        if help_text:
            self.label.setToolTip(tr(help_text))
        self.widgets: dict[str, QWidget] = {}
        self.boxes: list[QWidget] = []
        for column, heading in COLUMNS.items():
            widget: QWidget
            if column.endswith("note"):
                widget = QLineEdit()
                widget.setPlaceholderText(tr(PLACEHOLDERS[column]))
            else:
                widget = ScoreCombo()
                if column == "target":  # a target is a level to reach, never "Ikke vurderet"
                    widget.removeItem(widget.count() - 1)
            label = f"{display}: {heading}"
            self.boxes.append(editor.make_field(f"{code}_{column}", widget, label, HELP.get(column)))
            self.widgets[column] = widget

    def score(self, column: str) -> Any:
        widget = self.widgets[column]
        assert isinstance(widget, ScoreCombo)
        return widget.value()

    def note(self, column: str) -> str | None:
        widget = self.widgets[column]
        assert isinstance(widget, QLineEdit)
        return text_value(widget).strip() or None

    def value(self) -> FactorInput:
        return FactorInput(
            self.code,
            self.score("score"),
            self.score("target"),
            self.note("note"),
            self.score("child_score"),
            self.note("child_note"),
            self.score("parent_score"),
            self.note("parent_note"),
        )

    def fill(self, row: Any) -> None:
        for column, widget in self.widgets.items():
            value = getattr(row, column) if row is not None else None
            if isinstance(widget, ScoreCombo):
                widget.set_value(value)
            elif isinstance(widget, QLineEdit):
                widget.setText(value or "")
                widget.setCursorPosition(0)  # a text longer than its box reads from its start


class AarhusAssessmentEditor(EditorBase):
    """``load(None, citizen_id=…)`` records a new assessment; ``load(id)`` corrects one."""

    EDITOR = "aarhus_assessment"
    TITLE = "Århus-vurdering"

    def _build(self) -> None:
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form.addRow(self.intro)
        self.date_edit = DateEdit()
        self.add_field("assessed_on", self.date_edit, "Dato")
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(tr(AUTOMATIC), None)
        for kind in AarhusKind:
            self.kind_combo.addItem(tr(kind.label), kind.value)
        self.add_field("kind", self.kind_combo, "Vurdering", "Indskrivning, opfølgning efter 3 måneder, "
                       "derefter opfølgning hvert halve år.")  # fmt: skip
        self.participants_edit = QLineEdit()
        self.add_field("participants", self.participants_edit, "Deltagere", "Hvem var med til at score?")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setFixedHeight(56)
        self.add_field("note", self.note_edit, "Bemærkning")
        self.reason_edit = QLineEdit()
        self.add_field("reason", self.reason_edit, "Begrundelse for rettelsen",
                       "Skal udfyldes, når du retter en kollegas vurdering.")  # fmt: skip
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.grid_host)
        self.rows: list[FactorRow] = []

    def _clear_rows(self) -> None:
        for row in self.rows:
            for column in COLUMNS:
                key = f"{row.code}_{column}"
                self.fields.pop(key, None)
                self.errors.pop(key, None)
            for widget in (row.label, *row.boxes):
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.rows = []
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]

    def _build_rows(self, schema: OutcomeSchema) -> None:
        self._clear_rows()
        for line, captions in enumerate(
            (("score", "target", "note"), ("child_score", "child_note", "parent_score", "parent_note"))
        ):
            for column in captions:
                _line, place, span = PLACES[column]
                caption = QLabel(tr(COLUMNS[column]))
                caption.setStyleSheet("font-weight: 600;" if line == 0 else "color: #555;")
                self.grid.addWidget(caption, line, place, 1, span)
        factor_caption = QLabel(tr("Faktor"))
        factor_caption.setStyleSheet("font-weight: 600;")
        self.grid.addWidget(factor_caption, 0, 0)
        self.grid.setColumnStretch(2, 1)
        self.grid.setColumnStretch(4, 1)
        for number, entry in enumerate(self.unit.aarhus.factors(schema)):
            row = FactorRow(self, entry.code, entry.display, entry.help)
            first = 2 + 3 * number  # two lines per factor and a gap line before the next
            row.label.setStyleSheet("font-weight: 600;")
            self.grid.addWidget(row.label, first, 0, 2, 1)
            for column, box in zip(COLUMNS, row.boxes, strict=True):
                line, place, span = PLACES[column]
                self.grid.addWidget(box, first + line, place, 1, span)
            self.grid.setRowMinimumHeight(first + 2, 8)
            self.rows.append(row)
        self.style_scores(self.citizen_id)

    def _populate(self, record_id: int | None, context: dict[str, Any]) -> None:
        existing: AarhusAssessmentRow | None = None
        schema: OutcomeSchema | None
        if record_id is not None:
            existing = self.unit.aarhus.get(record_id)
            self.citizen_id: int = existing.citizen_id
            schema = existing.outcome_schema
        else:
            self.citizen_id = context["citizen_id"]
            schema = self.unit.citizens.get(self.citizen_id).outcome_schema
        assert schema is not None, "only a child with an Århus schema is assessed"
        self._build_rows(schema)
        due = self.unit.aarhus.next_due(self.citizen_id)
        if existing is not None:
            self.intro.setText(
                tr("Ret Århus-vurderingen fra {day}. Den tidligere version gemmes.").format(
                    day=format_date(existing.assessed_on)
                )
            )
        elif due is not None:
            self.intro.setText(
                tr("Scor barnet på alle faktorer i skemaet; »Ikke vurderet« er også et svar. "
                   "Næste vurdering ({kind}) skal ifølge kadencen laves {day}.").format(
                    kind=tr(due.kind.label).lower(), day=format_date(due.due_on)
                )
            )  # fmt: skip
        self.show_row("reason", existing is not None)
        self.date_edit.set_value(existing.assessed_on if existing else dt.date.today())
        set_combo_data(self.kind_combo, existing.kind.value if existing else None)
        self.participants_edit.setText((existing.participants if existing else None) or "")
        self.note_edit.setPlainText((existing.note if existing else None) or "")
        self.reason_edit.clear()
        for row in self.rows:
            row.fill(existing.factor(row.code) if existing else None)
        if self.readonly:
            self.set_readonly(True)

    def _write(self) -> Submission | None:
        citizen_id, record_id = self.citizen_id, self.record_id
        assessed_on = self.date_edit.value() or dt.date.today()
        kind = self.kind_combo.currentData()
        participants = text_value(self.participants_edit).strip() or None
        note = text_value(self.note_edit).strip() or None
        factors = [row.value() for row in self.rows]
        if record_id is None:
            return Submission(
                lambda unit: unit.aarhus.record(
                    citizen_id, assessed_on=assessed_on, factors=factors, kind=kind,
                    participants=participants, note=note,
                )
            )  # fmt: skip
        reason = text_value(self.reason_edit).strip() or None
        return Submission(
            lambda unit: unit.aarhus.correct(
                record_id, assessed_on=assessed_on, factors=factors, kind=kind,
                participants=participants, note=note, reason=reason,
            )
        )  # fmt: skip
