"""Plain, typed rows: what the facade's reads hand to the window and the command line.

A row is a frozen dataclass filled from an ORM record while its session is open, so nothing
that leaves the core can lazy-load, expire or be written back by accident. The field names are
the records' own attribute names (``citizen.name``, ``order.goals``), so a view reads a row the
way it read a record; a row carries only what views use, plus ids to ask for more.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, TypeVar

from fko_desktop.models.citizen import OutcomeSchema, lives_here_on
from fko_desktop.models.enums import (
    Area,
    AssessmentRole,
    ContactKind,
    FollowUpForm,
    MeetingKind,
    OrderState,
    PlanState,
    StaffRole,
    SubGoalState,
    UseOfForceKind,
)
from fko_desktop.models.goal_status_rules import PeriodState
from fko_desktop.models.outcome import Outcome
from fko_desktop.models.scores import Score

# Rows the core already builds as plain values (a journal page, a deadline, a search hit).
from fko_desktop.ops.audit import AuditPage, AuditRow
from fko_desktop.ops.audit_history import FieldChange, HistoryVersion, RecordHistory
from fko_desktop.ops.deadlines import Deadline
from fko_desktop.ops.diary import DiaryRow, DiaryTagLabel, TagChoice
from fko_desktop.ops.journal import NoteRow, ScorePoint
from fko_desktop.storage.search import SearchHit

__all__ = [
    "AuditPage",
    "AuditRow",
    "Deadline",
    "DiaryRow",
    "DiaryTagLabel",
    "FieldChange",
    "HistoryVersion",
    "NoteRow",
    "RecordHistory",
    "ScorePoint",
    "SearchHit",
    "TagChoice",
]  # and the row classes below

R = TypeVar("R")


def nested(row_type: type[Any]) -> Any:
    """Declare a field that holds rows of ``row_type`` built from a relationship."""
    return dataclasses.field(default=(), metadata={"rows": row_type})


def to_row(row_type: type[R], record: Any, **given: Any) -> R:
    """Fill ``row_type`` from ``record``'s attributes of the same names (nested rows too);
    ``given`` supplies fields the record does not have itself (facts of a parent record)."""
    values: dict[str, Any] = dict(given)
    for field in dataclasses.fields(row_type):  # type: ignore[arg-type]
        if field.name in given:
            continue
        value = getattr(record, field.name)
        sub_type = field.metadata.get("rows")
        if sub_type is not None:
            value = tuple(to_row(sub_type, item) for item in value)
        elif isinstance(value, list):
            value = tuple(value)
        values[field.name] = value
    return row_type(**values)


def to_rows(row_type: type[R], records: Any) -> list[R]:
    return [to_row(row_type, record) for record in records]


@dataclasses.dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    uid: str
    organisation: str | None
    departments: tuple[str, ...] = ()
    areas: tuple[str, ...] = ("children", "adults")
    backup_keep_days: int = 30
    retention_years: int = 5
    suppress_small_groups: bool = True


@dataclasses.dataclass(frozen=True)
class StaffRow:
    id: int
    name: str
    initials: str
    title: str | None
    active: bool
    department: str | None = None
    role: StaffRole = StaffRole.EMPLOYEE
    deactivated_at: dt.datetime | None = None

    @property
    def label(self) -> str:
        """How a staff member is named in lists and histories: "ah (Anna Hansen)"."""
        return f"{self.initials} ({self.name})"


@dataclasses.dataclass(frozen=True)
class ContactRow:
    id: int
    kind: ContactKind
    name: str
    relation: str | None
    phone: str | None
    email: str | None
    staff_id: int | None


@dataclasses.dataclass(frozen=True)
class CitizenRow:
    id: int
    name: str
    cpr: str
    area: Area
    department: str | None
    intake_date: dt.date | None
    end_date: dt.date | None
    caseworker_name: str | None
    caseworker_contact: str | None
    acting_municipality: str | None
    paying_municipality: str | None
    diagnoses: str | None
    wishes: str | None
    target_groups: tuple[str, ...]
    contacts: tuple[ContactRow, ...] = nested(ContactRow)
    outcome_schema: OutcomeSchema | None = None  # children only

    def lives_here_on(self, day: dt.date) -> bool:
        """Living at the unit on ``day``: no move-out date, or one still to come."""
        return lives_here_on(self.end_date, day)

    @property
    def active(self) -> bool:
        """Living at the unit today (a planned move-out does not end it before its date)."""
        return lives_here_on(self.end_date, dt.date.today())


@dataclasses.dataclass(frozen=True)
class SubGoalRow:
    id: int
    goal_id: int
    citizen_id: int
    position: int
    text: str
    justification: str | None
    method: str | None
    start_date: dt.date
    end_date: dt.date | None
    state: SubGoalState
    responsible_id: int | None


@dataclasses.dataclass(frozen=True)
class EvaluationRow:
    id: int
    sub_goal_id: int
    evaluated_on: dt.date
    text: str
    created_at: dt.datetime
    created_by_id: int | None


@dataclasses.dataclass(frozen=True)
class SubGoalDetail(SubGoalRow):
    """A sub-goal with its evaluations and the goal it serves (the sub-goal page and editor)."""

    goal_text: str = ""
    order_id: int = 0
    evaluations: tuple[EvaluationRow, ...] = nested(EvaluationRow)


@dataclasses.dataclass(frozen=True)
class GoalRow:
    id: int
    order_id: int
    citizen_id: int
    position: int
    text: str
    domain_catalog: str
    domain_code: str
    goal_type_code: str | None
    baseline: Score | None
    target: Score | None
    start_date: dt.date
    follow_up_date: dt.date | None
    end_date: dt.date | None
    responsible_id: int | None
    related_themes: tuple[str, ...]
    justification: str | None
    sub_goals: tuple[SubGoalRow, ...] = nested(SubGoalRow)
    end_reason: str | None = None


@dataclasses.dataclass(frozen=True)
class ServiceRow:
    id: int
    name: str
    code: str | None
    legal_basis: str | None
    start_date: dt.date | None
    end_date: dt.date | None


@dataclasses.dataclass(frozen=True)
class OrderRow:
    id: int
    citizen_id: int
    meeting_date: dt.date | None
    meeting_kind: MeetingKind | None
    received_date: dt.date | None
    sender_name: str | None
    sender_organisation: str | None
    intervention_purpose: str
    agreements: str | None
    other_needs: str | None
    support_need_code: str | None
    state: OrderState
    returned_date: dt.date | None
    return_reason: str | None
    replaces_order_id: int | None
    goals: tuple[GoalRow, ...] = nested(GoalRow)
    services: tuple[ServiceRow, ...] = nested(ServiceRow)
    reformulated_date: dt.date | None = None
    accepted_date: dt.date | None = None
    #: The newer order that replaced this one, and the day it took over (its received date).
    replaced_by_id: int | None = None
    replaced_on: dt.date | None = None

    @property
    def named_on(self) -> dt.date | None:
        """The date an order is called by ("the order of 10.01.2025"): received, else its meeting."""
        return self.received_date or self.meeting_date


@dataclasses.dataclass(frozen=True)
class PlanContextRow:
    id: int
    context_code: str
    resources_and_challenges: str | None
    support_need: str | None
    goals_and_sub_goals: str | None
    evaluation: str | None


@dataclasses.dataclass(frozen=True)
class PlanRow:
    id: int
    citizen_id: int
    order_id: int | None
    state: PlanState
    responsible_id: int | None
    background: str | None
    purpose_unit_addition: str | None
    purpose_citizen_addition: str | None
    presentation: str | None
    earlier_interventions: str | None
    use_of_force_prevention: str | None
    created_at: dt.datetime
    updated_at: dt.datetime | None
    contexts: tuple[PlanContextRow, ...] = nested(PlanContextRow)


@dataclasses.dataclass(frozen=True)
class GoalStatusRow:
    id: int
    goal_id: int
    citizen_id: int
    period: int
    assessed_on: dt.date
    score: Score | None
    summary: str
    source_code: str | None
    citizen_score: Score | None
    citizen_note: str | None
    version: int
    created_at: dt.datetime
    created_by_id: int | None
    updated_at: dt.datetime | None
    withdrawn_at: dt.datetime | None
    withdrawal_reason: str | None


@dataclasses.dataclass(frozen=True)
class GoalProgressRow:
    """A goal's baseline, target, its målstatus series and the outcome category so far."""

    goal_id: int
    baseline: Score | None
    target: Score | None
    statuses: tuple[GoalStatusRow, ...]
    outcome: Outcome | None
    start_date: dt.date | None = None
    #: Each period of the schedule up to the last one owed: recorded, missing (overdue), due.
    periods: tuple[PeriodState, ...] = ()


@dataclasses.dataclass(frozen=True)
class AssessmentRow:
    id: int
    follow_up_id: int
    goal_id: int
    role: AssessmentRole
    source_code: str | None
    score: Score | None
    note: str | None
    agrees_with_status: bool | None
    withdrawn_at: dt.datetime | None


@dataclasses.dataclass(frozen=True)
class FollowUpRow:
    id: int
    citizen_id: int
    order_id: int | None
    meeting_date: dt.date
    form: FollowUpForm
    invitation_date: dt.date | None
    report_sent_date: dt.date | None
    caseworker_name: str | None
    support_need_code: str | None
    intervention_status_code: str | None
    agreements: str | None
    agenda_points: str | None
    held: bool
    version: int = 1
    withdrawn_at: dt.datetime | None = None
    withdrawal_reason: str | None = None
    withdrawn_by_id: int | None = None
    assessments: tuple[AssessmentRow, ...] = nested(AssessmentRow)


@dataclasses.dataclass(frozen=True)
class UseOfForceRow:
    """An incident of use of force or a permission for it (the other kind's fields are None)."""

    id: int
    citizen_id: int
    kind: UseOfForceKind
    description: str
    measure_code: str | None = None
    occurred_on: dt.date | None = None
    occurred_time: dt.time | None = None
    duration_minutes: int | None = None
    participants: str | None = None
    prevention_tried: str | None = None
    reported_on: dt.date | None = None
    reported_to: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    review_date: dt.date | None = None
    version: int = 1
    created_at: dt.datetime | None = None
    created_by_id: int | None = None
    withdrawn_at: dt.datetime | None = None
    withdrawal_reason: str | None = None
    withdrawn_by_id: int | None = None

    @property
    def is_incident(self) -> bool:
        return self.kind is UseOfForceKind.REPORT

    @property
    def reported(self) -> bool:
        """Reported to the authority (before migration 0007 only the authority was kept)."""
        return self.reported_on is not None or bool(self.reported_to)


@dataclasses.dataclass(frozen=True)
class StatusAssessmentRow:
    """The unit's written assessment of a goal (``goal_id`` None: of the whole) for a period."""

    id: int
    citizen_id: int
    goal_id: int | None
    period_from: dt.date
    period_to: dt.date
    done: str | None
    effect: str | None
    purpose: str | None
    version: int = 1
    created_at: dt.datetime | None = None
    created_by_id: int | None = None
    updated_at: dt.datetime | None = None
    updated_by_id: int | None = None


@dataclasses.dataclass(frozen=True)
class WithdrawalRow:
    """Who withdrew a record, when and why (the record itself stays, marked)."""

    withdrawn_at: dt.datetime
    withdrawn_by_id: int | None
    withdrawal_reason: str | None


@dataclasses.dataclass(frozen=True)
class VersionRow:
    """An earlier version of a legal record, as it was before an edit."""

    version: int
    data: dict[str, object]
    saved_at: dt.datetime
    saved_by_id: int | None
    replaced_at: dt.datetime
    replaced_by_id: int | None
