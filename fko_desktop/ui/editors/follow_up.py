"""Opfølgning: the follow-up meeting, its decision, and the three voices per current goal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.enums import AssessmentRole, FollowUpForm
from fko_desktop.ui.editors.base import (
    DateEdit,
    EditorBase,
    ScoreCombo,
    Submission,
    fill_catalog_combo,
    set_combo_data,
    text_value,
)
from fko_desktop.ui.editors.goal import citizen_area
from fko_desktop.ui.i18n import tr
from fko_desktop.unit import Changed
from fko_desktop.unit.inputs import AssessmentInput
from fko_desktop.unit.rows import FollowUpRow

ROLE_HELP = {
    AssessmentRole.CITIZEN: "Borgerens egen vurdering af målet, 0–4 (lavere er bedre).",
    AssessmentRole.PROVIDER: "Udførers (enhedens) vurdering af målet, 0–4 (lavere er bedre).",
    AssessmentRole.CASEWORKER: "Sagsbehandlerens vurdering af målet, 0–4 (lavere er bedre).",
}


class GoalAssessmentBox(QGroupBox):
    """One current goal: a score and a one-line note per voice, and the caseworker's answer
    to "agrees with the last målstatus?"."""

    def __init__(self, editor: FollowUpEditor, goal_id: int, goal_text: str) -> None:
        super().__init__(goal_text)
        self.goal_id = goal_id
        self.setToolTip(goal_text)
        layout = QFormLayout(self)
        self.scores: dict[AssessmentRole, ScoreCombo] = {}
        self.notes: dict[AssessmentRole, QLineEdit] = {}
        self.keys: list[str] = []
        for role in AssessmentRole:
            score = ScoreCombo()
            note = QLineEdit()
            note.setPlaceholderText(tr("Kort bemærkning"))
            score_key = f"goal_{goal_id}_{role.value}_score"
            note_key = f"goal_{goal_id}_{role.value}_note"
            editor.add_field(score_key, score, role.label, ROLE_HELP[role], form=layout)
            editor.add_field(note_key, note, "Bemærkning", None, form=layout)
            note.setAccessibleName(tr(role.label) + " – " + tr("bemærkning"))
            self.scores[role] = score
            self.notes[role] = note
            self.keys += [score_key, note_key]
        self.agrees = QCheckBox(tr("Sagsbehandler er enig i sidste målstatus"))
        agrees_key = f"goal_{goal_id}_agrees"
        layout.addRow(editor.make_field(agrees_key, self.agrees, "Sagsbehandler er enig i sidste målstatus"))
        self.keys.append(agrees_key)
        #: Roles already stored for this goal on the loaded follow-up.
        self.stored_roles: set[str] = set()

    def has_content(self) -> bool:
        return any(
            self.scores[role].value() is not None or self.notes[role].text().strip()
            for role in AssessmentRole
        )

    def inputs(self) -> list[AssessmentInput]:
        if not self.has_content() and not self.stored_roles:
            return []
        items = []
        for role in AssessmentRole:
            score = self.scores[role].value()
            note = self.notes[role].text().strip() or None
            agrees = self.agrees.isChecked() if role is AssessmentRole.CASEWORKER else None
            untouched = score is None and note is None and role.value not in self.stored_roles
            if untouched and not (role is AssessmentRole.CASEWORKER and agrees):
                continue
            items.append(AssessmentInput(self.goal_id, role, score, note, None, agrees))
        return items


class FollowUpEditor(EditorBase):
    """``load(follow_up_id)`` edits a follow-up; ``load(None, citizen_id=…)`` records a new one.
    Each current goal of the citizen gets a box with the three voices' scores."""

    EDITOR = "follow_up"
    TITLE = "Opfølgning"

    def _build(self) -> None:
        self.goal_boxes: list[GoalAssessmentBox] = []
        self.meeting_date = DateEdit()
        self.add_field("meeting_date", self.meeting_date, "Mødedato", "Datoen for opfølgningen.")
        self.form_combo = QComboBox()
        for form in FollowUpForm:
            self.form_combo.addItem(tr(form.label), form.value)
        self.add_field("form", self.form_combo, "Form", "Møde, telefonisk eller skriftlig opfølgning.")
        self.invitation_date = DateEdit(optional=True)
        self.add_field(
            "invitation_date", self.invitation_date, "Indkaldt", "Datoen, indkaldelsen til opfølgningen kom."
        )
        self.report_sent_date = DateEdit(optional=True)
        self.add_field(
            "report_sent_date",
            self.report_sent_date,
            "Statusrapport sendt",
            "Datoen, enheden sendte statusrapporten til sagsbehandleren.",
        )
        self.caseworker_name = QLineEdit()
        self.add_field(
            "caseworker_name", self.caseworker_name, "Sagsbehandler", "Sagsbehandleren ved opfølgningen."
        )
        self.held = QCheckBox(tr("Mødet er afholdt"))
        self.form.addRow(self.make_field("held", self.held, "Mødet er afholdt"))
        # A planned meeting is only its date, form and invitation; the voices, the decision and
        # the agreements belong to a held one, so they show when the meeting is marked held.
        self.held.toggled.connect(self._show_held_fields)
        self._adults = False

        self.goals_host = QWidget()
        self.goals_layout = QFormLayout(self.goals_host)
        self.goals_layout.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.goals_host)

        self.support_need = QComboBox()
        fill_catalog_combo(self.support_need, load_catalog("ffb").set("support_need"))
        self.add_field(
            "support_need_code",
            self.support_need,
            "Støttebehov",
            "Sagsbehandlerens vurdering af støttebehovet (voksne, FFB).",
        )
        self.intervention_status = QComboBox()
        fill_catalog_combo(self.intervention_status, load_catalog("ffb").set("intervention_status"))
        self.add_field(
            "intervention_status_code",
            self.intervention_status,
            "Status på indsats",
            "Myndighedens beslutning om indsatsen efter opfølgningen.",
        )
        self.agreements = QPlainTextEdit()
        self.agreements.setFixedHeight(70)
        self.add_field("agreements", self.agreements, "Aftaler", "Det, der blev aftalt ved opfølgningen.")
        self.agenda_points = QPlainTextEdit()
        self.agenda_points.setFixedHeight(56)
        self.add_field(
            "agenda_points",
            self.agenda_points,
            "Dagsordenspunkter",
            "Punkter, enheden sender med statusrapporten.",
        )

    # -- goal boxes --------------------------------------------------------------------------------

    def _clear_goal_boxes(self) -> None:
        for box in self.goal_boxes:
            for key in box.keys:
                self.fields.pop(key, None)
                self.errors.pop(key, None)
            self.goals_layout.removeRow(box)
        self.goal_boxes = []

    def _add_goal_box(self, goal_id: int, text: str) -> GoalAssessmentBox:
        box = GoalAssessmentBox(self, goal_id, text)
        self.goals_layout.addRow(box)
        self.goal_boxes.append(box)
        if self.readonly:
            self.set_readonly(True)
        return box

    def _goals(self, citizen_id: int, extra_ids: set[int]) -> list[tuple[int, str]]:
        goals = self.unit.orders.current_goals(citizen_id)
        ids = {g.id for g in goals}
        goals += self.unit.orders.goals(sorted(extra_ids - ids))
        return [(g.id, g.text) for g in goals]

    # -- load / save -------------------------------------------------------------------------------

    def _find(self, follow_up_id: int) -> FollowUpRow:
        return self.unit.follow_ups.get(follow_up_id)

    def _populate(self, record_id: int | None, context: dict[str, Any]) -> None:
        self._clear_goal_boxes()
        follow_up = self._find(record_id) if record_id is not None else None
        self.citizen_id = follow_up.citizen_id if follow_up is not None else context["citizen_id"]
        live = [a for a in (follow_up.assessments if follow_up is not None else []) if a.withdrawn_at is None]
        for goal_id, text in self._goals(self.citizen_id, {a.goal_id for a in live}):
            self._add_goal_box(goal_id, text)
        self._adults = citizen_area(self.unit, self.citizen_id) == "adults"
        self.style_scores(self.citizen_id)
        if follow_up is None:
            self.meeting_date.set_value(context.get("meeting_date") or dt.date.today())
            self.form_combo.setCurrentIndex(0)
            self.invitation_date.set_value(None)
            self.report_sent_date.set_value(None)
            self.caseworker_name.clear()
            self.held.setChecked(bool(context.get("held")))
            self._show_held_fields(self.held.isChecked())
            self.support_need.setCurrentIndex(0)
            self.intervention_status.setCurrentIndex(0)
            self.agreements.clear()
            self.agenda_points.clear()
            return
        self.meeting_date.set_value(follow_up.meeting_date)
        set_combo_data(self.form_combo, follow_up.form.value)
        self.invitation_date.set_value(follow_up.invitation_date)
        self.report_sent_date.set_value(follow_up.report_sent_date)
        self.caseworker_name.setText(follow_up.caseworker_name or "")
        self.held.setChecked(bool(follow_up.held))
        self._show_held_fields(self.held.isChecked())
        self.support_need.setCurrentIndex(0)
        set_combo_data(self.support_need, follow_up.support_need_code)
        self.intervention_status.setCurrentIndex(0)
        set_combo_data(self.intervention_status, follow_up.intervention_status_code)
        self.agreements.setPlainText(follow_up.agreements or "")
        self.agenda_points.setPlainText(follow_up.agenda_points or "")
        boxes = {box.goal_id: box for box in self.goal_boxes}
        for assessment in live:
            box = boxes.get(assessment.goal_id)
            if box is None:
                continue
            role = AssessmentRole(assessment.role)
            box.stored_roles.add(role.value)
            box.scores[role].set_value(assessment.score)
            box.notes[role].setText(assessment.note or "")
            if role is AssessmentRole.CASEWORKER:
                box.agrees.setChecked(bool(assessment.agrees_with_status))

    def _show_held_fields(self, held: bool) -> None:
        self.goals_host.setVisible(held)
        self.show_row("support_need_code", held and self._adults)
        for key in ("intervention_status_code", "agreements"):
            self.show_row(key, held)

    def assessment_inputs(self) -> list[AssessmentInput]:
        return [item for box in self.goal_boxes for item in box.inputs()]

    def follow_up_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "form": self.form_combo.currentData(),
            "invitation_date": self.invitation_date.value(),
            "report_sent_date": self.report_sent_date.value(),
            "caseworker_name": text_value(self.caseworker_name),
            "held": self.held.isChecked(),
            "intervention_status_code": self.intervention_status.currentData(),
            "agreements": text_value(self.agreements),
            "agenda_points": text_value(self.agenda_points),
        }
        if self._adults:
            fields["support_need_code"] = self.support_need.currentData()
        return fields

    def _write(self) -> Submission | None:
        assessments = self.assessment_inputs()
        fields = self.follow_up_fields()
        meeting_date = self.meeting_date.shown_date()
        record_id, citizen_id = self.record_id, self.citizen_id

        def after(_result: Changed[int]) -> None:
            self._mark_stored(assessments)

        if record_id is None:
            return Submission(
                lambda unit: unit.follow_ups.record(
                    citizen_id, meeting_date=meeting_date, assessments=assessments, **fields
                ),
                after,
            )
        return Submission(
            lambda unit: unit.follow_ups.update(
                record_id, assessments=assessments, meeting_date=meeting_date, **fields
            ),
            after,
        )

    def _mark_stored(self, assessments: list[AssessmentInput]) -> None:
        boxes = {box.goal_id: box for box in self.goal_boxes}
        for item in assessments:
            boxes[item.goal_id].stored_roles.add(AssessmentRole(item.role).value)
