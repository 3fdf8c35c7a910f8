"""What more than one report's gathering needs: the lookups in the session and the conversions
of records into the model's dataclasses (``model.py``).

Each report's own gathering lives beside its layout: ``plan_data.py``, ``order_data.py``,
``status_data.py``, ``citizen_view_data.py`` and ``journal_data.py``. The helpers here keep
their leading underscore: they are for those modules, not part of the package's API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session, selectinload

from fko_desktop.errors import ValidationError
from fko_desktop.models import (
    Citizen,
    CitizenContact,
    GoalStatus,
    InterventionGoal,
    Order,
    Plan,
    StaffMember,
    SubGoal,
    Unit,
)
from fko_desktop.models import goal_status_rules as rules
from fko_desktop.models.catalogs import display_code, load_catalog
from fko_desktop.models.cpr import mask_cpr
from fko_desktop.models.enums import ContactKind, PlanState
from fko_desktop.models.scores import ScoreStyle
from fko_desktop.ops.base import get_or_refuse
from fko_desktop.reports.model import (
    CitizenFacts,
    Contact,
    GoalFacts,
    GoalSeries,
    OrderFacts,
    ReportHeader,
    SeriesPoint,
    ServiceFacts,
    SubGoalFacts,
)
from fko_desktop.reports.options import ReportKind, ReportOptions, base_title

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
    return next(iter(live or orders), None)


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
    return next(iter(active or plans), None)


def _numbered(goals: Sequence[InterventionGoal]) -> Iterable[tuple[int, InterventionGoal]]:
    return enumerate(goals, start=1)


def _order_number(goal: InterventionGoal) -> int:
    """The goal's number as its own order prints it (the order report numbers the order's
    goals 1, 2, 3 in position order), whichever other goals a report shows beside it."""
    return next((n for n, g in _numbered(goal.order.goals) if g.id == goal.id), goal.position)


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
        style=ScoreStyle.for_area(citizen.area, one_based=options.one_based),
    )


def _cpr(citizen: Citizen, options: ReportOptions) -> str:
    return mask_cpr(citizen.cpr) if options.mask_cpr else citizen.cpr


def _contact(c: CitizenContact) -> Contact:
    return Contact(c.name, c.relation, c.phone, c.email)


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
        others=tuple(_contact(c) for c in contacts if c.kind in (ContactKind.NEXT_OF_KIN, ContactKind.OTHER)),
    )


def _order_facts(order: Order) -> OrderFacts:
    services = tuple(ServiceFacts(s.name, s.legal_basis, s.start_date, s.end_date) for s in order.services)
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


def _scale(goal: InterventionGoal) -> str:
    """The words of a goal's scores: its citizen's area decides (ScoreStyle.for_area), not the
    goal's catalog, so a print reads like the window. The citizen is already in the session."""
    session = object_session(goal)
    citizen = session.get(Citizen, goal.citizen_id) if session is not None else None
    if citizen is None:
        raise ValidationError("Indsatsmålets borger findes ikke.")
    return ScoreStyle.for_area(citizen.area).words


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


def _series(goal: InterventionGoal, points: Sequence[SeriesPoint], on: dt.date | None = None) -> GoalSeries:
    """The graph's data; with ``on`` (the report's date) also the periods missing by then and
    the next one due, so the print can say so."""
    recorded = [p.period for p in points]
    return GoalSeries(
        start_date=goal.start_date,
        baseline=goal.baseline,
        target=goal.target,
        points=tuple(points),
        outcome=rules.outcome_so_far(goal.baseline, goal.target, points),
        scale=_scale(goal),
        missing=tuple(rules.missing_periods(goal.start_date, recorded, on, goal.end_date)) if on else (),
        next_due=rules.next_due(goal.start_date, recorded, on, goal.end_date) if on else None,
    )
