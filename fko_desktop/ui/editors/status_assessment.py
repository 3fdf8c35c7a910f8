"""Bostedets vurdering: the unit's written assessment for a status report, before it is printed.

One form per citizen and period: a box for each current intervention goal and one for the
whole, each with seed 002's three questions (what did we do, with what effect, how does it fit
the purpose). Beside each goal the form shows the period's målstatus, so the writer has the
scores in front of them; one Gem stores every box in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPlainTextEdit, QWidget

from fko_desktop.models.formatting import format_date
from fko_desktop.models.status_assessment import QUESTIONS
from fko_desktop.ui.editors.base import EditorBase, Submission, text_value
from fko_desktop.ui.i18n import tr
from fko_desktop.unit.inputs import StatusAssessmentInput

#: Help under each question, in our words from seed 002's status template.
HELP = {
    "done": "Beskriv indsatsen i perioden: de pædagogiske metoder, aftaler og aktiviteter, I har brugt.",
    "effect": "Hvad er der kommet ud af det for borgeren? Henvis gerne til målstatus og notaterne.",
    "purpose": (
        "Lever indsatsen fortsat op til kommunens formål? Foreslå justeringer, hvis der er brug for dem."
    ),
}
OVERALL = "Indsatsen samlet"


class AssessmentBox(QGroupBox):
    """The three answers for one goal (``goal_id``) or for the whole (None)."""

    def __init__(self, editor: StatusAssessmentEditor, goal_id: int | None, title: str, scores: str) -> None:
        super().__init__(title)
        self.goal_id = goal_id
        self.setToolTip(title)
        layout = QFormLayout(self)
        if scores:
            facts = QLabel(scores)
            facts.setWordWrap(True)
            facts.setStyleSheet("color: #444;")
            layout.addRow(facts)
        self.answers: dict[str, QPlainTextEdit] = {}
        self.keys: list[str] = []
        for field, question in QUESTIONS.items():
            box = QPlainTextEdit()
            box.setFixedHeight(64)
            box.setPlaceholderText(tr(HELP[field]))
            key = f"{goal_id or 'samlet'}_{field}"
            editor.add_field(key, box, question, HELP[field], form=layout)
            caption = editor.caption(key)
            caption.setText(tr(question))  # a question needs no colon after its mark
            caption.setWordWrap(True)
            self.answers[field] = box
            self.keys.append(key)

    def answer(self) -> StatusAssessmentInput:
        texts = {field: text_value(box).strip() or None for field, box in self.answers.items()}
        return StatusAssessmentInput(self.goal_id, **texts)


class StatusAssessmentEditor(EditorBase):
    """``load(None, citizen_id=…, period_from=…, period_to=…)``: the assessment for that period."""

    EDITOR = "status_assessment"
    TITLE = "Bostedets vurdering"

    def _build(self) -> None:
        self.boxes: list[AssessmentBox] = []
        self.period_label = QLabel()
        self.period_label.setWordWrap(True)
        self.form.addRow(self.period_label)
        self.boxes_host = QWidget()
        self.boxes_layout = QFormLayout(self.boxes_host)
        self.boxes_layout.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.boxes_host)

    def _clear_boxes(self) -> None:
        for box in self.boxes:
            for key in box.keys:
                self.fields.pop(key, None)
                self.errors.pop(key, None)
                self._rows.pop(key, None)
            self.boxes_layout.removeRow(box)
        self.boxes = []

    def _scores_text(self, goal_id: int, period_from: dt.date, period_to: dt.date) -> str:
        style = self.score_style
        inside = [
            s for s in self.unit.goal_status.for_goal(goal_id) if period_from <= s.assessed_on <= period_to
        ]
        if not inside:
            return tr("Ingen målstatus i perioden.")
        shown = "; ".join(f"M{s.period} {format_date(s.assessed_on)}: {style.text(s.score)}" for s in inside)
        return tr("Målstatus i perioden: {scores}").format(scores=shown)

    def _populate(self, record_id: int | None, context: dict[str, Any]) -> None:
        self._clear_boxes()
        self.citizen_id: int = context["citizen_id"]
        self.period_from: dt.date = context["period_from"]
        self.period_to: dt.date = context["period_to"]
        self.style_scores(self.citizen_id)
        self.period_label.setText(
            tr("Til statusrapporten for perioden {start} – {end}. Det, I skriver, kommer med i "
               "rapporten og i statusbundtet til myndigheden.").format(
                start=format_date(self.period_from), end=format_date(self.period_to)
            )
        )  # fmt: skip
        written = {
            a.goal_id: a
            for a in self.unit.status_assessments.for_report(
                self.citizen_id, self.period_from, self.period_to
            )
        }
        goals = [(g.id, g.text) for g in self.unit.orders.current_goals(self.citizen_id)]
        for goal_id, text in [*goals, (None, tr(OVERALL))]:
            scores = self._scores_text(goal_id, self.period_from, self.period_to) if goal_id else ""
            box = AssessmentBox(self, goal_id, text, scores)
            self.boxes_layout.addRow(box)
            self.boxes.append(box)
            earlier = written.get(goal_id)
            for field, widget in box.answers.items():
                widget.setPlainText((getattr(earlier, field) or "") if earlier else "")
        if self.readonly:
            self.set_readonly(True)

    def _reload_after_create(self) -> bool:
        return False  # the form is the citizen's and the period's, not one record's

    def _write(self) -> Submission | None:
        citizen_id, period_from, period_to = self.citizen_id, self.period_from, self.period_to
        entries = [box.answer() for box in self.boxes]
        return Submission(
            lambda unit: unit.status_assessments.save(
                citizen_id, period_from=period_from, period_to=period_to, entries=entries
            )
        )
