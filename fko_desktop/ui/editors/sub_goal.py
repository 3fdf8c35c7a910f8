"""Delmål: text, justification, method, dates, state, and its evaluations.

Gem saves the sub-goal, its state and an evaluation typed in "Ny evaluering" in ONE
``save_sub_goal_form`` call: a refused evaluation leaves the sub-goal unsaved too.
"Tilføj evaluering" still stores just the evaluation, at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from fko_desktop.models.enums import SubGoalState
from fko_desktop.models.formatting import format_date
from fko_desktop.ui.editors.base import (
    ERROR_STYLE,
    DateEdit,
    EditorBase,
    Submission,
    set_combo_data,
    text_value,
)
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.runner import Failure, Task
from fko_desktop.unit import Changed
from fko_desktop.unit.inputs import EvaluationInput
from fko_desktop.unit.rows import EvaluationRow


class SubGoalEditor(EditorBase):
    """``load(sub_goal_id)`` edits a delmål; ``load(None, goal_id=…)`` adds one to a goal.
    Evaluations are added to a saved delmål with "Tilføj evaluering" (saved at once), or
    with Gem together with the rest of the form."""

    EDITOR = "sub_goal"
    TITLE = "Delmål"

    def _build(self) -> None:
        self.goal_label = QLabel()
        self.goal_label.setWordWrap(True)
        self.form.addRow(self.goal_label)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setFixedHeight(70)
        self.add_field(
            "text",
            self.text_edit,
            "Delmålets tekst",
            "Et konkret, pædagogisk begrundet skridt mod indsatsmålet (SMART/SMORT).",
        )
        self.justification = QPlainTextEdit()
        self.justification.setFixedHeight(60)
        self.add_field(
            "justification",
            self.justification,
            "Begrundelse",
            "Hvorfor dette delmål – den pædagogiske begrundelse.",
        )
        self.method = QPlainTextEdit()
        self.method.setFixedHeight(60)
        self.add_field("method", self.method, "Metode", "Hvordan I arbejder med delmålet i hverdagen.")
        self.start_date = DateEdit()
        self.add_field("start_date", self.start_date, "Startdato")
        self.end_date = DateEdit(optional=True)
        self.add_field("end_date", self.end_date, "Slutdato")
        self.state = QComboBox()
        for state in SubGoalState:
            self.state.addItem(tr(state.label), state.value)
        self.add_field("state", self.state, "Status")
        self.evaluations = QListWidget()
        self.evaluations.setAccessibleName(tr("Evalueringer"))
        self.evaluations.setMaximumHeight(110)
        self.evaluations.setWordWrap(True)
        self.form.addRow(QLabel(tr("Evalueringer") + ":"), self.evaluations)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.evaluation_date = DateEdit()
        self.evaluation_date.setAccessibleName(tr("Evalueringsdato"))
        self.evaluation_text = QLineEdit()
        self.evaluation_text.setAccessibleName(tr("Ny evaluering"))
        self.evaluation_text.setPlaceholderText(tr("Skriv en evaluering af delmålet"))
        self.add_evaluation_button = QPushButton(tr("Tilføj evaluering"))
        self.add_evaluation_button.setAccessibleName(tr("Tilføj evaluering"))
        self.add_evaluation_button.clicked.connect(self.add_evaluation)
        line.addWidget(self.evaluation_date)
        line.addWidget(self.evaluation_text, 1)
        line.addWidget(self.add_evaluation_button)
        self.form.addRow(QLabel(tr("Ny evaluering") + ":"), row)
        self.evaluation_error = QLabel()
        self.evaluation_error.setStyleSheet(ERROR_STYLE)
        self.evaluation_error.setWordWrap(True)
        self.evaluation_error.setAccessibleName(tr("Ny evaluering") + " – " + tr("fejl"))
        self.evaluation_error.hide()
        self.form.addRow(self.evaluation_error)
        # The new evaluation is part of the form: Gem saves it, a draft keeps it, and the
        # core's refusal of it (``evaluation_text``/``evaluated_on``) is shown under the row.
        for key, widget in (
            ("evaluation_text", self.evaluation_text),
            ("evaluated_on", self.evaluation_date),
        ):
            self.fields[key] = widget
            self.errors[key] = self.evaluation_error
        self.evaluation_text.textChanged.connect(self._on_edited)
        self.evaluation_date.dateChanged.connect(self._on_edited)

    def _populate(self, record_id: int | None, context: dict[str, Any]) -> None:
        self.evaluations.clear()
        self.evaluation_text.clear()
        self.evaluation_error.hide()
        if record_id is not None:
            sub_goal = self.unit.plans.sub_goal(record_id)
            self.goal_id = sub_goal.goal_id
            goal_text = sub_goal.goal_text
            self.text_edit.setPlainText(sub_goal.text)
            self.justification.setPlainText(sub_goal.justification or "")
            self.method.setPlainText(sub_goal.method or "")
            self.start_date.set_value(sub_goal.start_date)
            self.end_date.set_value(sub_goal.end_date)
            set_combo_data(self.state, sub_goal.state.value)
            self._show_evaluations(sub_goal.evaluations)
        else:
            self.goal_id = context["goal_id"]
            goal = self.unit.orders.goal(self.goal_id)
            goal_text = goal.text
            for edit in (self.text_edit, self.justification, self.method):
                edit.clear()
            self.start_date.set_value(max(goal.start_date, dt.date.today()))
            self.end_date.set_value(None)
            self.state.setCurrentIndex(0)
        self.goal_label.setText(tr("Indsatsmål: {text}").format(text=goal_text))
        can_evaluate = record_id is not None and not self.readonly
        for widget in (self.evaluation_date, self.evaluation_text, self.add_evaluation_button):
            widget.setEnabled(can_evaluate)

    def _write(self) -> Submission | None:
        values = dict(
            text=text_value(self.text_edit),
            justification=text_value(self.justification),
            method=text_value(self.method),
            start_date=self.start_date.value(),
            end_date=self.end_date.value(),
            state=self.state.currentData(),
        )
        evaluations = []
        if self.evaluation_text.text().strip():
            evaluations.append(EvaluationInput(self.evaluation_date.value(), self.evaluation_text.text()))
        record_id, goal_id = self.record_id, self.goal_id

        def after(result: Changed[int]) -> None:
            if evaluations:
                self._show_evaluations(self.unit.plans.sub_goal(result.value).evaluations)
                self._clear_new_evaluation()
            if not self.readonly:
                for widget in (self.evaluation_date, self.evaluation_text, self.add_evaluation_button):
                    widget.setEnabled(True)

        return Submission(
            lambda unit: unit.plans.save_sub_goal_form(
                record_id, goal_id=goal_id, evaluations=evaluations, **values
            ),
            after,
        )

    def _show_evaluations(self, evaluations: Sequence[EvaluationRow]) -> None:
        self.evaluations.clear()
        for evaluation in sorted(evaluations, key=lambda e: e.evaluated_on):
            self.evaluations.addItem(f"{format_date(evaluation.evaluated_on)}: {evaluation.text}")

    def _clear_new_evaluation(self) -> None:
        # Emptying the row after Gem stored it is not an edit of the form (Gem discards the draft).
        self._loading = True
        try:
            self.evaluation_text.clear()
        finally:
            self._loading = False

    def add_evaluation(self) -> Task | None:
        """Store the evaluation row on its own ("Tilføj"); its refusal shows under the row."""
        if self.record_id is None:
            return None
        self.evaluation_error.hide()
        record_id, on, text = self.record_id, self.evaluation_date.shown_date(), self.evaluation_text.text()

        def added(result: Changed[int]) -> None:
            self.evaluations.addItem(f"{format_date(on)}: {text.strip()}")
            # As an edit: a draft written while the evaluation was typed is rewritten without it.
            self.evaluation_text.clear()
            self.saved.emit(result)

        def refused(failure: Failure) -> None:
            self.evaluation_error.setText(failure.message)
            self.evaluation_error.show()

        return (
            self.runner.op(
                self, lambda unit, _p: unit.plans.add_evaluation(record_id, evaluated_on=on, text=text)
            )
            .success(added)
            .failure(refused)
            .run(initiator=self)
        )
