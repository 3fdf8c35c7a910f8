"""What each report shows, gathered from a session into plain frozen dataclasses.

The layout modules never query: they get one of the ``*Report`` objects below. That keeps the
rules about *what* a document may contain here, where they can be tested without a PDF — most
importantly that the citizen's view carries no journal note or journal score at all (its
dataclasses have no field that could hold one).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Integer, String, func, select, type_coerce
from sqlalchemy.orm import Session, selectinload

from fko_desktop.errors import ValidationError
from fko_desktop.models import (
    Citizen,
    FollowUp,
    GoalStatus,
    InterventionGoal,
    JournalNote,
    Order,
    Plan,
    StaffMember,
    SubGoal,
    SubGoalEvaluation,
    Unit,
    UseOfForce,
)
from fko_desktop.models.catalogs import display_code, load_catalog
from fko_desktop.models.cpr import mask_cpr
from fko_desktop.models.enums import Area, ContactKind, OrderState, PlanState, UseOfForceKind
from fko_desktop.models.outcome import Outcome, outcome_category
from fko_desktop.models.schedule import add_months
from fko_desktop.models.scores import Score, from_storage
from fko_desktop.ops.base import get_or_refuse
from fko_desktop.reports.options import ReportKind, ReportOptions, base_title

#: The journal extract's default span, counted back from the print date.
JOURNAL_DEFAULT_MONTHS = 3
#: The status period's fallback when a citizen has no follow-up, order or intake date.
STATUS_FALLBACK_MONTHS = 6



# -- the dataclasses ----------------------------------------------------------------------------


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
    one_based: bool


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
class GoalStatusSection:
    goal: GoalFacts
    statuses: tuple[StatusEntry, ...]  # in the period
    series: GoalSeries  # every status up to the period's end, for the graph
    work: tuple[SubGoalWork, ...]


@dataclass(frozen=True)
class UseOfForceItem:
    kind: UseOfForceKind
    occurred_on: dt.date | None
    period_start: dt.date | None
    period_end: dt.date | None
    review_date: dt.date | None
    description: str
    reported_to: str | None


@dataclass(frozen=True)
class FollowUpFacts:
    meeting_date: dt.date
    form_label: str
    caseworker_name: str | None
    held: bool


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


# -- entry points ------------------------------------------------------------------------------


def gather_plan(session: Session, citizen_id: int, options: ReportOptions) -> PlanReport:
    _refuse_sub_goal(options, ReportKind.PLAN)
    citizen = _citizen(session, citizen_id)
    today = _today(options)
    staff = _staff_names(session)
    plan = _latest_plan(session, citizen.id)
    order = session.get(Order, plan.order_id) if plan and plan.order_id else current_order(session, citizen.id)
    goals: list[InterventionGoal] = list(order.goals) if order is not None else []
    if options.goal_id is not None:
        goals = [_own_goal(session, citizen.id, options.goal_id)]
    return PlanReport(
        header=_header(session, ReportKind.PLAN, citizen, options, today),
        citizen=_citizen_facts(citizen, options),
        plan=_plan_facts(plan, staff) if plan is not None else None,
        order=_order_facts(order) if order is not None else None,
        goals=tuple(_goal_facts(g, number, staff) for number, g in _numbered(goals)),
    )


def gather_order(session: Session, citizen_id: int, options: ReportOptions) -> OrderReport:
    _refuse_sub_goal(options, ReportKind.ORDER)
    if options.goal_id is not None:
        # An order is printed whole: it is the authority's document, not a selection from it.
        raise ValidationError(
            "Bestillingen udskrives altid hel; der kan ikke vælges ét indsatsmål.", field="goal_id"
        )
    citizen = _citizen(session, citizen_id)
    today = _today(options)
    if options.order_id is not None:
        order = get_or_refuse(session, Order, options.order_id)
        if order.citizen_id != citizen.id:
            raise ValidationError("Bestillingen tilhører en anden borger.", field="order_id")
    else:
        order = current_order(session, citizen.id)
    if order is None:
        raise ValidationError(
            f"{citizen.name} har ingen bestilling, så der er ingen bestilling at udskrive.",
            field="order_id",
        )
    staff = _staff_names(session)
    earlier = session.get(Order, order.replaces_order_id) if order.replaces_order_id else None
    successor = session.scalars(
        select(Order).where(Order.replaces_order_id == order.id).order_by(Order.id.desc()).limit(1)
    ).first()
    return OrderReport(
        header=_header(session, ReportKind.ORDER, citizen, options, today),
        citizen=_citizen_facts(citizen, options),
        order=_order_facts(order),
        replaces=_order_link(earlier) if earlier is not None else None,
        replaced_by=_order_link(successor) if successor is not None else None,
        goals=tuple(_goal_facts(g, number, staff) for number, g in _numbered(list(order.goals))),
    )


def gather_status(session: Session, citizen_id: int, options: ReportOptions) -> StatusReport:
    _refuse_sub_goal(options, ReportKind.STATUS)
    citizen = _citizen(session, citizen_id)
    today = _today(options)
    staff = _staff_names(session)
    period_from, period_to = status_period(session, citizen, options, today)
    order = current_order(session, citizen.id)
    if options.goal_id is not None:
        goals = [_own_goal(session, citizen.id, options.goal_id)]
    else:
        goals = _goals_in_period(session, citizen.id, period_from, period_to)
        goals = _without_silent_earlier_goals(session, goals, order, period_from, period_to)
    sections = _status_sections(session, goals, period_from, period_to, staff)
    follow_ups = list(
        session.scalars(
            select(FollowUp).where(FollowUp.citizen_id == citizen.id).order_by(FollowUp.meeting_date)
        )
    )
    last = next(
        (f for f in reversed(follow_ups) if f.held and f.meeting_date <= period_to), None
    )
    coming = next((f for f in follow_ups if not f.held and f.meeting_date >= period_to), None)
    agenda = options.extra_agenda if options.extra_agenda is not None else (coming.agenda_points if coming else None)
    plan = _latest_plan(session, citizen.id)
    responsible = staff.get(plan.responsible_id) if plan and plan.responsible_id else None
    return StatusReport(
        header=_header(session, ReportKind.STATUS, citizen, options, today),
        citizen=_citizen_facts(citizen, options),
        period_from=period_from,
        period_to=period_to,
        order=_order_facts(order) if order is not None else None,
        goals=sections,
        use_of_force=_use_of_force(session, citizen.id, period_from, period_to),
        use_of_force_prevention=plan.use_of_force_prevention if plan else None,
        agenda=(agenda or "").strip() or None,
        last_follow_up=_follow_up_facts(last) if last else None,
        next_follow_up=_follow_up_facts(coming) if coming else None,
        responsible=responsible,
    )


def gather_citizen_view(session: Session, citizen_id: int, options: ReportOptions) -> CitizenViewReport:
    _refuse_sub_goal(options, ReportKind.CITIZEN)
    citizen = _citizen(session, citizen_id)
    today = _today(options)
    until = options.period_to or today
    order = current_order(session, citizen.id)
    if options.goal_id is not None:
        goals = [_own_goal(session, citizen.id, options.goal_id)]
    else:
        goals = list(order.goals) if order is not None else []
        goals = [g for g in goals if g.end_date is None or g.end_date >= until]
    points = _series_points(session, [g.id for g in goals], until)
    shown = tuple(
        CitizenGoal(
            number=number,
            text=goal.text,
            domain=_domain(goal),
            baseline=goal.baseline,
            target=goal.target,
            series=_series(goal, points.get(goal.id, ())),
        )
        for number, goal in _numbered(goals)
    )
    return CitizenViewReport(
        header=_header(session, ReportKind.CITIZEN, citizen, options, today),
        first_name=citizen.name.split()[0] if citizen.name.split() else citizen.name,
        area=citizen.area,
        goals=shown,
        has_order=order is not None,
    )


def gather_journal(session: Session, citizen_id: int, options: ReportOptions) -> JournalReport:
    citizen = _citizen(session, citizen_id)
    today = _today(options)
    staff = _staff_names(session)
    period_to = options.period_to or today
    period_from = options.period_from or add_months(period_to, -JOURNAL_DEFAULT_MONTHS)
    _check_period(period_from, period_to)

    sub_goal: SubGoal | None = None
    goal: InterventionGoal | None = None
    if options.sub_goal_id is not None:
        sub_goal = get_or_refuse(session, SubGoal, options.sub_goal_id)
        if sub_goal.citizen_id != citizen.id:
            raise ValidationError("Delmålet tilhører en anden borger.", field="sub_goal_id")
        if options.goal_id is not None and sub_goal.goal_id != options.goal_id:
            raise ValidationError("Delmålet hører ikke til det valgte indsatsmål.", field="sub_goal_id")
        goal = sub_goal.goal
    elif options.goal_id is not None:
        goal = _own_goal(session, citizen.id, options.goal_id)

    if sub_goal is not None:
        sub_goals = [sub_goal]
    elif goal is not None:
        sub_goals = list(goal.sub_goals)
    else:
        sub_goals = list(
            session.scalars(
                select(SubGoal)
                .where(SubGoal.citizen_id == citizen.id)
                .options(selectinload(SubGoal.goal))
            )
        )
    since, until = _local_bounds(period_from, period_to)
    where = [
        JournalNote.citizen_id == citizen.id,
        JournalNote.sub_goal_id.in_([s.id for s in sub_goals]),
        JournalNote.observed_at >= since,
        JournalNote.observed_at < until,
    ]
    rows = session.execute(
        select(
            JournalNote.sub_goal_id,
            type_coerce(JournalNote.observed_at, String),
            JournalNote.author_id,
            type_coerce(JournalNote.score, Integer),
            JournalNote.text,
            JournalNote.version,
        )
        .where(*where, JournalNote.withdrawn_at.is_(None))
        .order_by(JournalNote.observed_at, JournalNote.id)
    ).all()
    withdrawn = session.scalar(
        select(func.count()).select_from(JournalNote).where(*where, JournalNote.withdrawn_at.is_not(None))
    )
    by_sub_goal: dict[int, list[JournalEntry]] = defaultdict(list)
    for sub_goal_id, observed, author_id, score, text, version in rows:
        by_sub_goal[sub_goal_id].append(
            JournalEntry(
                observed_at=dt.datetime.fromisoformat(observed),
                author=staff.get(author_id, "ukendt medarbejder"),
                score=from_storage(score),
                text=text,
                version=version,
            )
        )
    numbers = _goal_numbers(session, citizen.id)
    # A chosen sub-goal or goal is shown even without notes (the reader asked for it); the whole
    # journal lists only the sub-goals that have notes in the period.
    explicit = sub_goal is not None or goal is not None
    chosen = [s for s in sub_goals if explicit or by_sub_goal.get(s.id)]
    chosen.sort(key=lambda s: (s.goal.order_id, s.goal.position, s.position, s.id))
    groups = tuple(
        JournalGroup(
            goal_number=numbers.get(s.goal_id, s.goal.position),
            goal_text=s.goal.text,
            sub_goal=_sub_goal_facts(s, numbers.get(s.goal_id, s.goal.position), staff),
            entries=tuple(by_sub_goal.get(s.id, ())),
        )
        for s in chosen
    )
    if sub_goal is not None:
        number = numbers.get(sub_goal.goal_id, sub_goal.goal.position)
        scope = f"Delmål {number}.{sub_goal.position}: {sub_goal.text}"
    elif goal is not None:
        scope = f"Indsatsmål {numbers.get(goal.id, goal.position)}: {goal.text}"
    else:
        scope = "Alle delmål"
    scale = _scale(goal) if goal is not None else ("ffb" if citizen.area is Area.ADULTS else "arhus")
    return JournalReport(
        header=_header(session, ReportKind.JOURNAL, citizen, options, today),
        scope=scope,
        period_from=period_from,
        period_to=period_to,
        groups=groups,
        withdrawn_left_out=withdrawn or 0,
        scale=scale,
        total=len(rows),
    )


def status_period(
    session: Session, citizen: Citizen, options: ReportOptions, today: dt.date
) -> tuple[dt.date, dt.date]:
    """The span a status report covers: since the last held follow-up (else the current order's
    start, else the intake) up to today, unless the options give the dates."""
    period_to = options.period_to or today
    period_from = options.period_from
    if period_from is None:
        last_meeting = session.scalar(
            select(func.max(FollowUp.meeting_date)).where(
                FollowUp.citizen_id == citizen.id,
                FollowUp.held.is_(True),
                FollowUp.meeting_date <= period_to,
            )
        )
        period_from = last_meeting
    if period_from is None:
        order = current_order(session, citizen.id)
        starts = [g.start_date for g in order.goals] if order is not None else []
        period_from = min(starts) if starts else (order.received_date if order else None)
    if period_from is None:
        period_from = citizen.intake_date or add_months(period_to, -STATUS_FALLBACK_MONTHS)
    if options.period_from is None and period_from > period_to:
        # A derived start after an explicit end (say, the intake after the chosen to-date):
        # the user only chose the end, so print up to it rather than refuse.
        period_from = period_to
    _check_period(period_from, period_to)
    return period_from, period_to


# -- lookups -----------------------------------------------------------------------------------


def _today(options: ReportOptions) -> dt.date:
    return options.today or dt.date.today()


def _check_period(period_from: dt.date, period_to: dt.date) -> None:
    if period_to < period_from:
        raise ValidationError("Til-dato ligger før fra-dato.", field="period_to")


def _refuse_sub_goal(options: ReportOptions, kind: ReportKind) -> None:
    if options.sub_goal_id is not None:
        raise ValidationError(
            f"Et delmål kan kun vælges til journaludtræk, ikke til »{base_title(kind)}«.",
            field="sub_goal_id",
        )


def _citizen(session: Session, citizen_id: int) -> Citizen:
    return get_or_refuse(session, Citizen, citizen_id)


def _own_goal(session: Session, citizen_id: int, goal_id: int) -> InterventionGoal:
    goal = get_or_refuse(session, InterventionGoal, goal_id)
    if goal.citizen_id != citizen_id:
        raise ValidationError("Indsatsmålet tilhører en anden borger.", field="goal_id")
    return goal


def _staff_names(session: Session) -> dict[int, str]:
    return {sid: name for sid, name in session.execute(select(StaffMember.id, StaffMember.name))}


def current_order(session: Session, citizen_id: int) -> Order | None:
    """The order the unit works from now: the newest live one, else the newest of any state."""
    query = (
        select(Order)
        .where(Order.citizen_id == citizen_id)
        .options(selectinload(Order.goals).selectinload(InterventionGoal.sub_goals))
        .order_by(Order.received_date.desc().nulls_last(), Order.id.desc())
    )
    orders = list(session.scalars(query))
    live = [o for o in orders if o.state.is_live]
    return (live or orders or [None])[0]


def _latest_plan(session: Session, citizen_id: int) -> Plan | None:
    plans = list(
        session.scalars(
            select(Plan)
            .where(Plan.citizen_id == citizen_id)
            .options(selectinload(Plan.contexts))
            .order_by(Plan.created_at.desc(), Plan.id.desc())
        )
    )
    # An active plan wins over a newer draft: the draft is not what the unit works from yet.
    active = [p for p in plans if p.state is PlanState.ACTIVE]
    return (active or plans or [None])[0]


def _goals_in_period(
    session: Session, citizen_id: int, period_from: dt.date, period_to: dt.date
) -> list[InterventionGoal]:
    """Every goal that was running at some point of the period, including goals of an order
    replaced during it: their last statuses belong in the report."""
    query = (
        select(InterventionGoal)
        .join(Order)
        .where(
            InterventionGoal.citizen_id == citizen_id,
            InterventionGoal.start_date <= period_to,
            (InterventionGoal.end_date.is_(None)) | (InterventionGoal.end_date >= period_from),
            Order.state != OrderState.RETURNED,
        )
        .options(selectinload(InterventionGoal.sub_goals).selectinload(SubGoal.evaluations))
        .order_by(InterventionGoal.start_date, Order.id, InterventionGoal.position)
    )
    return list(session.scalars(query))


def _without_silent_earlier_goals(
    session: Session,
    goals: list[InterventionGoal],
    order: Order | None,
    period_from: dt.date,
    period_to: dt.date,
) -> list[InterventionGoal]:
    """A goal of an earlier order stays in the status report only when a målstatus was given
    for it in the period; otherwise it would repeat the old order's goals next to the new."""
    current = {g.id for g in order.goals} if order is not None else set()
    earlier = [g.id for g in goals if g.id not in current]
    if not earlier:
        return goals
    with_status = set(
        session.scalars(
            select(GoalStatus.goal_id).where(
                GoalStatus.goal_id.in_(earlier),
                GoalStatus.assessed_on.between(period_from, period_to),
                GoalStatus.withdrawn_at.is_(None),
            )
        )
    )
    return [g for g in goals if g.id in current or g.id in with_status]


def _goal_numbers(session: Session, citizen_id: int) -> dict[int, int]:
    """Each goal's number as printed: its position in its own order."""
    return {
        gid: position
        for gid, position in session.execute(
            select(InterventionGoal.id, InterventionGoal.position).where(
                InterventionGoal.citizen_id == citizen_id
            )
        )
    }


def _numbered(goals: Sequence[InterventionGoal]) -> Iterable[tuple[int, InterventionGoal]]:
    return enumerate(goals, start=1)


def _local_bounds(period_from: dt.date, period_to: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Whole local days: from the start of *period_from* to the end of *period_to*."""
    since = dt.datetime.combine(period_from, dt.time.min).astimezone()
    until = dt.datetime.combine(period_to + dt.timedelta(days=1), dt.time.min).astimezone()
    return since, until


# -- conversions -------------------------------------------------------------------------------


def _header(
    session: Session, kind: ReportKind, citizen: Citizen, options: ReportOptions, today: dt.date
) -> ReportHeader:
    unit = session.scalars(select(Unit).limit(1)).first()
    printed_by = (options.printed_by or "").strip() or None
    return ReportHeader(
        kind=kind,
        title=base_title(kind),
        unit_name=unit.name if unit is not None else "",
        citizen_name=citizen.name,
        cpr=_cpr(citizen, options),
        printed_on=today,
        printed_by=printed_by,
        one_based=options.one_based,
    )


def _cpr(citizen: Citizen, options: ReportOptions) -> str:
    return mask_cpr(citizen.cpr) if options.mask_cpr else citizen.cpr


def _contact(c: object) -> Contact:
    return Contact(c.name, c.relation, c.phone, c.email)  # type: ignore[attr-defined]


def _citizen_facts(citizen: Citizen, options: ReportOptions) -> CitizenFacts:
    contacts = list(citizen.contacts)
    return CitizenFacts(
        name=citizen.name,
        cpr=_cpr(citizen, options),
        area=citizen.area,
        department=citizen.department,
        intake_date=citizen.intake_date,
        end_date=citizen.end_date,
        caseworker_name=citizen.caseworker_name,
        caseworker_contact=citizen.caseworker_contact,
        acting_municipality=citizen.acting_municipality,
        paying_municipality=citizen.paying_municipality,
        contact_persons=tuple(_contact(c) for c in contacts if c.kind is ContactKind.CONTACT_PERSON),
        guardians=tuple(_contact(c) for c in contacts if c.kind is ContactKind.GUARDIAN),
        others=tuple(
            _contact(c) for c in contacts if c.kind in (ContactKind.NEXT_OF_KIN, ContactKind.OTHER)
        ),
    )


def _order_facts(order: Order) -> OrderFacts:
    services = tuple(
        ServiceFacts(s.name, s.legal_basis, s.start_date, s.end_date) for s in order.services
    )
    return OrderFacts(
        state=order.state,
        state_label=order.state.label,
        meeting_date=order.meeting_date,
        meeting_kind=order.meeting_kind.label if order.meeting_kind else None,
        received_date=order.received_date,
        sender_name=order.sender_name,
        sender_organisation=order.sender_organisation,
        purpose=order.intervention_purpose or "",
        agreements=order.agreements,
        other_needs=order.other_needs,
        support_need=display_code("ffb", order.support_need_code, "support_need") or None,
        services=services,
        returned_date=order.returned_date,
        return_reason=order.return_reason,
    )


def _order_link(order: Order) -> OrderLink:
    return OrderLink(received_date=order.received_date, meeting_date=order.meeting_date)


def _plan_facts(plan: Plan, staff: dict[int, str]) -> PlanFacts:
    contexts_catalog = load_catalog("specialsektoren")
    context_set = contexts_catalog.set("contexts")
    order = {code: i for i, code in enumerate(context_set.codes())}
    field_labels = [e.display for e in contexts_catalog.set("context_fields")]
    contexts = []
    for ctx in sorted(plan.contexts, key=lambda c: (order.get(c.context_code, len(order)), c.id)):
        values = (ctx.resources_and_challenges, ctx.support_need, ctx.goals_and_sub_goals, ctx.evaluation)
        filled = tuple(
            (label, text.strip()) for label, text in zip(field_labels, values) if text and text.strip()
        )
        if filled:  # only contexts with content are printed
            contexts.append(ContextText(context_set.display(ctx.context_code), filled))
    return PlanFacts(
        state_label=plan.state.label,
        created_at=plan.created_at,
        created_by=staff.get(plan.created_by_id) if plan.created_by_id else None,
        updated_at=plan.updated_at,
        responsible=staff.get(plan.responsible_id) if plan.responsible_id else None,
        background=plan.background,
        purpose_unit_addition=plan.purpose_unit_addition,
        purpose_citizen_addition=plan.purpose_citizen_addition,
        presentation=plan.presentation,
        earlier_interventions=plan.earlier_interventions,
        use_of_force_prevention=plan.use_of_force_prevention,
        contexts=tuple(contexts),
    )


def _scale(goal: InterventionGoal) -> str:
    # FFB goals speak of function levels; ICS and Århus goals of problems (seed 003's words).
    return "ffb" if goal.domain_catalog == "ffb" else "arhus"


def _domain(goal: InterventionGoal) -> str:
    """The goal's domain; an FFB sub-theme is shown under its theme ("Egenomsorg › …")."""
    text = display_code(goal.domain_catalog, goal.domain_code)
    if goal.domain_catalog == "ffb":
        domains = load_catalog("ffb").set("goal_domains")
        entry = domains.get(goal.domain_code)
        if entry is not None and entry.parent is not None and entry.parent in domains:
            return f"{domains.display(entry.parent)} › {text}"
    return text


def _goal_type(goal: InterventionGoal) -> str:
    if not goal.goal_type_code:
        return ""
    catalog = "ffb" if goal.domain_catalog == "ffb" else "ics"
    return display_code(catalog, goal.goal_type_code, "goal_types")


def _sub_goal_facts(sub: SubGoal, goal_number: int, staff: dict[int, str]) -> SubGoalFacts:
    return SubGoalFacts(
        id=sub.id,
        number=f"{goal_number}.{sub.position}",
        text=sub.text,
        justification=sub.justification,
        method=sub.method,
        start_date=sub.start_date,
        end_date=sub.end_date,
        state_label=sub.state.label,
        responsible=staff.get(sub.responsible_id) if sub.responsible_id else None,
    )


def _goal_facts(goal: InterventionGoal, number: int, staff: dict[int, str]) -> GoalFacts:
    return GoalFacts(
        id=goal.id,
        number=number,
        text=goal.text,
        domain=_domain(goal),
        goal_type=_goal_type(goal),
        baseline=goal.baseline,
        target=goal.target,
        start_date=goal.start_date,
        end_date=goal.end_date,
        follow_up_date=goal.follow_up_date,
        responsible=staff.get(goal.responsible_id) if goal.responsible_id else None,
        justification=goal.justification,
        related_themes=tuple(display_code("ffb", t, "related_themes") for t in goal.related_themes or ()),
        scale=_scale(goal),
        order_state=goal.order.state,
        order_received=goal.order.received_date,
        sub_goals=tuple(_sub_goal_facts(s, number, staff) for s in goal.sub_goals),
    )


def _live_statuses(session: Session, goal_ids: Sequence[int], until: dt.date) -> list[GoalStatus]:
    if not goal_ids:
        return []
    return list(
        session.scalars(
            select(GoalStatus)
            .where(
                GoalStatus.goal_id.in_(list(goal_ids)),
                GoalStatus.withdrawn_at.is_(None),
                GoalStatus.assessed_on <= until,
            )
            .order_by(GoalStatus.goal_id, GoalStatus.period, GoalStatus.id)
        )
    )


def _series_points(
    session: Session, goal_ids: Sequence[int], until: dt.date
) -> dict[int, tuple[SeriesPoint, ...]]:
    points: dict[int, list[SeriesPoint]] = defaultdict(list)
    for status in _live_statuses(session, goal_ids, until):
        points[status.goal_id].append(SeriesPoint(status.period, status.assessed_on, status.score))
    return {gid: tuple(p) for gid, p in points.items()}


def _series(goal: InterventionGoal, points: Sequence[SeriesPoint]) -> GoalSeries:
    latest = points[-1].score if points else None
    return GoalSeries(
        start_date=goal.start_date,
        baseline=goal.baseline,
        target=goal.target,
        points=tuple(points),
        outcome=outcome_category(goal.baseline, goal.target, latest),
        scale=_scale(goal),
    )


def _status_sections(
    session: Session,
    goals: Sequence[InterventionGoal],
    period_from: dt.date,
    period_to: dt.date,
    staff: dict[int, str],
) -> tuple[GoalStatusSection, ...]:
    goal_ids = [g.id for g in goals]
    statuses = _live_statuses(session, goal_ids, period_to)
    sources = load_catalog("care_social").set("assessment_sources")
    by_goal: dict[int, list[GoalStatus]] = defaultdict(list)
    for status in statuses:
        by_goal[status.goal_id].append(status)
    work = _sub_goal_work(session, goals, period_from, period_to)
    sections = []
    for number, goal in _numbered(goals):
        facts = _goal_facts(goal, number, staff)
        mine = by_goal.get(goal.id, [])
        in_period = tuple(
            StatusEntry(
                period=s.period,
                assessed_on=s.assessed_on,
                score=s.score,
                summary=s.summary,
                source=sources.display(s.source_code) if s.source_code else None,
                citizen_score=s.citizen_score,
                citizen_note=s.citizen_note,
                author=staff.get(s.created_by_id) if s.created_by_id else None,
            )
            for s in mine
            if period_from <= s.assessed_on <= period_to
        )
        series = _series(goal, [SeriesPoint(s.period, s.assessed_on, s.score) for s in mine])
        sections.append(
            GoalStatusSection(
                goal=facts,
                statuses=in_period,
                series=series,
                work=tuple(
                    SubGoalWork(sub_goal=sf, **work.get(sf.id, _NO_WORK)) for sf in facts.sub_goals
                ),
            )
        )
    return tuple(sections)


_NO_WORK: dict[str, object] = {
    "notes": 0,
    "scored_notes": 0,
    "latest_score": None,
    "latest_score_on": None,
    "evaluations": (),
}


def _sub_goal_work(
    session: Session, goals: Sequence[InterventionGoal], period_from: dt.date, period_to: dt.date
) -> dict[int, dict[str, object]]:
    """Per sub-goal: notes and scored notes in the period, the latest score, the evaluations.

    Counted in SQL (one grouped query, one for the latest scores) so two years of notes cost
    milliseconds; a score is never averaged, only counted and the latest one named.
    """
    sub_ids = [s.id for g in goals for s in g.sub_goals]
    if not sub_ids:
        return {}
    since, until = _local_bounds(period_from, period_to)
    where = (
        JournalNote.sub_goal_id.in_(sub_ids),
        JournalNote.withdrawn_at.is_(None),
        JournalNote.observed_at >= since,
        JournalNote.observed_at < until,
    )
    counts = {
        sid: (total, scored)
        for sid, total, scored in session.execute(
            select(JournalNote.sub_goal_id, func.count(), func.count(JournalNote.score))
            .where(*where)
            .group_by(JournalNote.sub_goal_id)
        )
    }
    latest_time = (
        select(JournalNote.sub_goal_id, func.max(JournalNote.observed_at).label("at"))
        .where(*where, JournalNote.score.is_not(None))
        .group_by(JournalNote.sub_goal_id)
        .subquery()
    )
    latest: dict[int, tuple[Score | None, dt.date]] = {}
    for sid, observed, score in session.execute(
        select(JournalNote.sub_goal_id, type_coerce(JournalNote.observed_at, String), type_coerce(JournalNote.score, Integer))
        .join(
            latest_time,
            (latest_time.c.sub_goal_id == JournalNote.sub_goal_id)
            & (latest_time.c.at == JournalNote.observed_at),
        )
        .where(*where)
    ):
        latest[sid] = (from_storage(score), dt.datetime.fromisoformat(observed).astimezone().date())
    evaluations: dict[int, list[Evaluation]] = defaultdict(list)
    for ev in session.scalars(
        select(SubGoalEvaluation)
        .where(
            SubGoalEvaluation.sub_goal_id.in_(sub_ids),
            SubGoalEvaluation.evaluated_on >= period_from,
            SubGoalEvaluation.evaluated_on <= period_to,
        )
        .order_by(SubGoalEvaluation.evaluated_on, SubGoalEvaluation.id)
    ):
        evaluations[ev.sub_goal_id].append(Evaluation(ev.evaluated_on, ev.text))
    result: dict[int, dict[str, object]] = {}
    for sid in sub_ids:
        total, scored = counts.get(sid, (0, 0))
        score, on = latest.get(sid, (None, None))
        result[sid] = {
            "notes": total,
            "scored_notes": scored,
            "latest_score": score,
            "latest_score_on": on,
            "evaluations": tuple(evaluations.get(sid, ())),
        }
    return result


def _use_of_force(
    session: Session, citizen_id: int, period_from: dt.date, period_to: dt.date
) -> tuple[UseOfForceItem, ...]:
    """Reports that occurred in the period and permissions whose span touches it."""
    records = session.scalars(
        select(UseOfForce)
        .where(UseOfForce.citizen_id == citizen_id, UseOfForce.withdrawn_at.is_(None))
        .order_by(UseOfForce.occurred_on, UseOfForce.period_start, UseOfForce.id)
    )
    items = []
    for r in records:
        if r.kind is UseOfForceKind.REPORT:
            inside = r.occurred_on is not None and period_from <= r.occurred_on <= period_to
        else:
            starts_before_end = r.period_start is None or r.period_start <= period_to
            ends_after_start = r.period_end is None or r.period_end >= period_from
            inside = starts_before_end and ends_after_start
        if inside:
            items.append(
                UseOfForceItem(
                    kind=r.kind,
                    occurred_on=r.occurred_on,
                    period_start=r.period_start,
                    period_end=r.period_end,
                    review_date=r.review_date,
                    description=r.description,
                    reported_to=r.reported_to,
                )
            )
    # Permissions first: they frame the reports that follow.
    items.sort(key=lambda i: (i.kind is UseOfForceKind.REPORT, i.occurred_on or i.period_start or dt.date.min))
    return tuple(items)


def _follow_up_facts(follow_up: FollowUp) -> FollowUpFacts:
    return FollowUpFacts(
        meeting_date=follow_up.meeting_date,
        form_label=follow_up.form.label,
        caseworker_name=follow_up.caseworker_name,
        held=follow_up.held,
    )

