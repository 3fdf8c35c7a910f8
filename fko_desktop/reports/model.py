"""What each report shows, as plain frozen dataclasses: the model the layouts print.

The layout modules never query: they get one of the ``*Report`` objects below, gathered from a
session by the ``*_data`` module beside each layout (``status_data.py`` for ``status.py``, …;
what several of them share is in ``gather.py``). That keeps the rules about *what* a document
may contain in the model and its gatherers, where they can be tested without a PDF — most
importantly that the citizen's view carries no journal note or journal score at all (its
dataclasses have no field that could hold one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fko_desktop.models.enums import Area, OrderState, UseOfForceKind
from fko_desktop.models.outcome import Outcome
from fko_desktop.models.schedule import StatusDue
from fko_desktop.models.scores import Score, ScoreStyle
from fko_desktop.reports.options import ReportKind


@dataclass(frozen=True)
class ReportHeader:
    """What every page carries: the title, the citizen, the unit and the print facts."""

    kind: ReportKind
    title: str  # without the citizen's name
    unit_name: str
    citizen_name: str
    cpr: str  # as printed: masked DDMMYY-XXXX when the option says so
    printed_on: dt.date
    printed_by: str | None
    style: ScoreStyle  # the citizen's words and the 1–5 choice, for every score in the print


@dataclass(frozen=True)
class Contact:
    name: str
    relation: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class CitizenFacts:
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
    contact_persons: tuple[Contact, ...]
    guardians: tuple[Contact, ...]
    others: tuple[Contact, ...]  # next of kin and other contacts


@dataclass(frozen=True)
class SeriesPoint:
    """One målstatus as the graph needs it: no summary, no journal, nothing else."""

    period: int
    assessed_on: dt.date
    score: Score


@dataclass(frozen=True)
class GoalSeries:
    """The graph's input: a goal's målstatus development and its reference scores."""

    start_date: dt.date
    baseline: Score | None
    target: Score | None
    points: tuple[SeriesPoint, ...]
    outcome: Outcome | None
    scale: str  # "ffb" or "arhus": which words describe a level
    #: Periods whose due date had passed by the report's date with no status: printed as missing.
    missing: tuple[StatusDue, ...] = ()
    #: The next period not recorded whose due date is the report's date or later.
    next_due: StatusDue | None = None


@dataclass(frozen=True)
class StatusEntry:
    """One målstatus as the status report lists it."""

    period: int
    assessed_on: dt.date
    score: Score
    summary: str
    source: str | None
    citizen_score: Score | None
    citizen_note: str | None
    author: str | None


@dataclass(frozen=True)
class Evaluation:
    evaluated_on: dt.date
    text: str


@dataclass(frozen=True)
class SubGoalFacts:
    id: int
    number: str  # "1.2": goal number . sub-goal position
    text: str
    justification: str | None
    method: str | None
    start_date: dt.date
    end_date: dt.date | None
    state_label: str
    responsible: str | None


@dataclass(frozen=True)
class GoalFacts:
    id: int
    number: int
    text: str
    domain: str
    goal_type: str
    baseline: Score | None
    target: Score | None
    start_date: dt.date
    end_date: dt.date | None
    follow_up_date: dt.date | None
    responsible: str | None
    justification: str | None
    related_themes: tuple[str, ...]
    scale: str
    order_state: OrderState
    order_received: dt.date | None
    sub_goals: tuple[SubGoalFacts, ...]


@dataclass(frozen=True)
class ServiceFacts:
    """A service (ydelse) the order grants."""

    name: str
    legal_basis: str | None
    start_date: dt.date | None
    end_date: dt.date | None


@dataclass(frozen=True)
class OrderFacts:
    state: OrderState
    state_label: str
    meeting_date: dt.date | None
    meeting_kind: str | None
    received_date: dt.date | None
    sender_name: str | None
    sender_organisation: str | None
    purpose: str
    agreements: str | None
    other_needs: str | None
    support_need: str | None
    services: tuple[ServiceFacts, ...]
    returned_date: dt.date | None
    return_reason: str | None


@dataclass(frozen=True)
class ContextText:
    title: str
    fields: tuple[tuple[str, str], ...]  # (field label, text) of the fields that have text


@dataclass(frozen=True)
class PlanFacts:
    state_label: str
    created_at: dt.datetime
    created_by: str | None
    updated_at: dt.datetime | None
    responsible: str | None
    background: str | None
    purpose_unit_addition: str | None
    purpose_citizen_addition: str | None
    presentation: str | None
    earlier_interventions: str | None
    use_of_force_prevention: str | None
    contexts: tuple[ContextText, ...]


@dataclass(frozen=True)
class PlanReport:
    header: ReportHeader
    citizen: CitizenFacts
    plan: PlanFacts | None
    order: OrderFacts | None
    goals: tuple[GoalFacts, ...]


@dataclass(frozen=True)
class OrderLink:
    """Another order named beside the printed one (the one it replaces, or its successor)."""

    received_date: dt.date | None
    meeting_date: dt.date | None


@dataclass(frozen=True)
class OrderReport:
    """The order (bestilling) alone, as the caseworker sent it: no plan, no sub-goals."""

    header: ReportHeader
    citizen: CitizenFacts
    order: OrderFacts
    replaces: OrderLink | None
    replaced_by: OrderLink | None
    goals: tuple[GoalFacts, ...]


@dataclass(frozen=True)
class SubGoalWork:
    """What happened on one sub-goal in the status period."""

    sub_goal: SubGoalFacts
    notes: int
    scored_notes: int
    latest_score: Score | None
    latest_score_on: dt.date | None
    evaluations: tuple[Evaluation, ...]


@dataclass(frozen=True)
class UnitAssessmentText:
    """Bostedets vurdering as written in the window: seed 002's three answers, who and when."""

    done: str | None
    effect: str | None
    purpose: str | None
    written_by: str | None
    written_on: dt.date | None
    period_from: dt.date
    period_to: dt.date


@dataclass(frozen=True)
class GoalStatusSection:
    goal: GoalFacts
    statuses: tuple[StatusEntry, ...]  # in the period
    series: GoalSeries  # every status up to the period's end, for the graph
    work: tuple[SubGoalWork, ...]
    assessment: UnitAssessmentText | None = None


@dataclass(frozen=True)
class UseOfForceItem:
    kind: UseOfForceKind
    occurred_on: dt.date | None
    period_start: dt.date | None
    period_end: dt.date | None
    review_date: dt.date | None
    description: str
    reported_to: str | None
    measure: str = "–"  # the measure's display name (the catalog of the citizen's area)
    occurred_time: dt.time | None = None
    duration_minutes: int | None = None
    prevention_tried: str | None = None
    reported_on: dt.date | None = None


@dataclass(frozen=True)
class FollowUpFacts:
    meeting_date: dt.date
    form_label: str
    caseworker_name: str | None
    held: bool


@dataclass(frozen=True)
class SupportNeedFacts:
    """The authority's latest støttebehov (FFB, adults) and where it was set."""

    level: str  # the FFB display text, e.g. "Moderat støttebehov"
    set_on: dt.date | None
    at_follow_up: bool  # set at a held follow-up (else: in the order)


@dataclass(frozen=True)
class AarhusFactorLine:
    """One factor of an Århus assessment in the status report: the score and target of the
    assessment before, the new score, its outcome category and the text and own scores."""

    name: str
    previous: Score | None  # the score at the assessment before; None when not scored then
    previous_target: Score | None  # the target set then, for this assessment
    score: Score | None
    target: Score | None  # the target set now, for the next assessment
    outcome: Outcome | None
    note: str | None
    child_score: Score | None = None
    child_note: str | None = None
    parent_score: Score | None = None
    parent_note: str | None = None


@dataclass(frozen=True)
class AarhusAssessmentFacts:
    """A standing Århus assessment, compared with the standing one before it (if any)."""

    assessed_on: dt.date
    kind_label: str
    schema_label: str
    participants: str | None
    note: str | None
    previous_on: dt.date | None
    in_period: bool  # False: the latest one before the period, shown since none fell in it
    factors: tuple[AarhusFactorLine, ...]


@dataclass(frozen=True)
class AarhusPart:
    """The status report's Århus assessments and when the next one is due."""

    assessments: tuple[AarhusAssessmentFacts, ...]
    next_due: dt.date
    next_kind_label: str


@dataclass(frozen=True)
class StatusReport:
    header: ReportHeader
    citizen: CitizenFacts
    period_from: dt.date
    period_to: dt.date
    order: OrderFacts | None
    goals: tuple[GoalStatusSection, ...]
    use_of_force: tuple[UseOfForceItem, ...]
    use_of_force_prevention: str | None
    agenda: str | None
    last_follow_up: FollowUpFacts | None
    next_follow_up: FollowUpFacts | None
    responsible: str | None
    overall_assessment: UnitAssessmentText | None = None
    support_need: SupportNeedFacts | None = None
    #: The child's Århus schema assessments of the period; None when there are none to show.
    aarhus: AarhusPart | None = None


@dataclass(frozen=True)
class CitizenGoal:
    """A goal as the citizen and parents see it: its words, start, aim and the quarterly graph."""

    number: int
    text: str
    domain: str
    baseline: Score | None
    target: Score | None
    series: GoalSeries


@dataclass(frozen=True)
class CitizenViewReport:
    header: ReportHeader
    first_name: str
    area: Area
    goals: tuple[CitizenGoal, ...]
    has_order: bool


@dataclass(frozen=True)
class JournalEntry:
    observed_at: dt.datetime
    author: str
    score: Score | None
    text: str
    version: int
    written_at: dt.datetime | None = None  # when it was written down (printed when later)


@dataclass(frozen=True)
class JournalGroup:
    goal_number: int
    goal_text: str
    sub_goal: SubGoalFacts
    entries: tuple[JournalEntry, ...]


@dataclass(frozen=True)
class JournalReport:
    header: ReportHeader
    scope: str  # "Hele journalen", "Indsatsmål 1: …", "Delmål 1.2: …"
    period_from: dt.date
    period_to: dt.date
    groups: tuple[JournalGroup, ...]
    withdrawn_left_out: int
    scale: str
    total: int = field(default=0)
