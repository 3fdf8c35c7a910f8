"""What is due and overdue in the unit: goal statuses, status reports, reformulated orders."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from fko_desktop.models import Citizen, FollowUp, GoalStatus, InterventionGoal, Order, UseOfForce
from fko_desktop.models.deadlines import (
    INVITATION_WEEKS,
    deadline_state,
    invitation_due,
    next_follow_up,
    reformulation_due,
    status_report_due,
    use_of_force_report_due,
)
from fko_desktop.models.enums import LIVE_ORDER_STATES, OrderState, UseOfForceKind
from fko_desktop.models.limits import check_date
from fko_desktop.models.schedule import DUE_SOON_DAYS, DeadlineState, open_statuses
from fko_desktop.storage.unitfile import UnitFile


@dataclasses.dataclass(frozen=True)
class Deadline:
    # "goal_status", "status_report", "reformulation", "follow_up_meeting", "invitation",
    # "follow_up_due", "use_of_force_report", "use_of_force_review"
    kind: str
    label: str  # Danish: "Målstatus M3", "Status til myndighed", …
    due: dt.date
    state: DeadlineState
    citizen_id: int
    citizen_name: str
    goal_id: int | None = None
    goal_text: str | None = None
    period: int | None = None
    follow_up_id: int | None = None
    order_id: int | None = None
    use_of_force_id: int | None = None


def unit_deadlines(unit: UnitFile, today: dt.date, *, citizen_id: int | None = None) -> list[Deadline]:
    """Everything due within two weeks or overdue, for active citizens, most urgent first.

    Raises ValidationError for a ``today`` outside 1900–2100 (``today + 14 days`` overflows
    near the year 9999).
    """
    check_date(today, "today")
    items: list[Deadline] = []
    with unit.read() as session:
        # Who lives here today, a planned move-out included. Someone who has moved out has no
        # deadlines, not even an overdue one: the unit no longer owes the authority a status
        # for them, and a badge nobody can clear would hide the ones that matter.
        citizen_filter: list[ColumnElement[bool]] = [Citizen.lives_here(today)]
        if citizen_id is not None:
            citizen_filter.append(Citizen.id == citizen_id)
        moving_out: dict[int, dt.date] = {
            citizen: end
            for citizen, end in session.execute(
                select(Citizen.id, Citizen.end_date).where(Citizen.end_date.is_not(None), *citizen_filter)
            )
            if end is not None  # the query asks for it
        }
        goals = session.execute(
            select(InterventionGoal, Citizen.name)
            .join(Order, Order.id == InterventionGoal.order_id)
            .join(Citizen, Citizen.id == InterventionGoal.citizen_id)
            .where(Order.state.in_(LIVE_ORDER_STATES), *citizen_filter)
        ).all()
        recorded: dict[int, set[int]] = defaultdict(set)
        for goal_id, period in session.execute(
            select(GoalStatus.goal_id, GoalStatus.period).where(GoalStatus.withdrawn_at.is_(None))
        ):
            recorded[goal_id].add(period)
        for goal, name in goals:
            for due, state in open_statuses(goal.start_date, recorded[goal.id], today, end=goal.end_date):
                items.append(
                    Deadline(
                        "goal_status",
                        f"Målstatus {due.label}",
                        due.due,
                        state,
                        goal.citizen_id,
                        name,
                        goal.id,
                        goal.text,
                        due.period,
                    )
                )
        items += _follow_up_deadlines(session, today, citizen_filter)
        items += _use_of_force_deadlines(session, today, citizen_filter)
        returned = session.execute(
            select(Order, Citizen.name)
            .join(Citizen, Citizen.id == Order.citizen_id)
            .where(Order.state == OrderState.RETURNED, Order.returned_date.is_not(None), *citizen_filter)
        ).all()
        for order, name in returned:
            assert order.returned_date is not None  # the query asks for it
            reformulation = reformulation_due(order.returned_date)
            items.append(
                Deadline(
                    "reformulation",
                    "Omformuleret bestilling fra myndighed",
                    reformulation,
                    deadline_state(reformulation, today),
                    order.citizen_id,
                    name,
                    order_id=order.id,
                )
            )
    # A planned move-out keeps what falls due up to that date, and nothing after it.
    items = [d for d in items if d.citizen_id not in moving_out or d.due <= moving_out[d.citizen_id]]
    urgency = {
        DeadlineState.OVERDUE: 0,
        DeadlineState.DUE: 1,
        DeadlineState.UPCOMING: 2,
        DeadlineState.DONE: 3,
    }
    return sorted(items, key=lambda d: (urgency[d.state], d.due, d.citizen_name))


def _follow_up_deadlines(
    session: Session, today: dt.date, citizen_filter: list[ColumnElement[bool]]
) -> list[Deadline]:
    """What the planned meetings ask of the unit, and the follow-ups nobody has planned yet."""
    items: list[Deadline] = []
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    planned = session.execute(
        select(FollowUp, Citizen.name)
        .join(Citizen, Citizen.id == FollowUp.citizen_id)
        .where(FollowUp.held.is_(False), FollowUp.withdrawn_at.is_(None), *citizen_filter)
    ).all()
    planned_ahead: set[int] = set()
    for follow_up, name in planned:
        meeting = follow_up.meeting_date
        if meeting >= today:
            planned_ahead.add(follow_up.citizen_id)
        wanted: list[tuple[str, str, dt.date]] = []
        if meeting >= today and follow_up.report_sent_date is None:
            wanted.append(("status_report", "Status til myndighed", status_report_due(meeting)))
        if meeting >= today and follow_up.invitation_date is None:
            # The authority's duty, shown so the unit can ask for the invitation in time.
            wanted.append(("invitation", "Indkaldelse til opfølgning", invitation_due(meeting)))
        if meeting >= today:
            wanted.append(("follow_up_meeting", "Opfølgningsmøde", meeting))
        else:
            wanted.append(("follow_up_meeting", "Opfølgningsmøde – registrér det som afholdt", meeting))
        items += [
            Deadline(
                kind,
                label,
                due,
                deadline_state(due, today),
                follow_up.citizen_id,
                name,
                follow_up_id=follow_up.id,
            )
            for kind, label, due in wanted
            if due <= soon
        ]
    items += _unplanned_follow_ups(session, today, citizen_filter, planned_ahead)
    return items


def _owed_follow_ups(
    session: Session, citizen_filter: list[ColumnElement[bool]]
) -> list[tuple[int, str, dt.date]]:
    """(citizen id, name, date) of the next follow-up each citizen with live goals is owed.

    Counted from the current measure (its earliest live goal's start): three months after it,
    then every six months for children and twelve for adults from the last meeting held since
    (models.deadlines.next_follow_up).
    """
    starts = session.execute(
        select(Citizen.id, Citizen.name, Citizen.area, func.min(InterventionGoal.start_date))
        .join(InterventionGoal, InterventionGoal.citizen_id == Citizen.id)
        .join(Order, Order.id == InterventionGoal.order_id)
        .where(Order.state.in_(LIVE_ORDER_STATES), InterventionGoal.end_date.is_(None), *citizen_filter)
        .group_by(Citizen.id)
    ).all()
    held: dict[int, dt.date] = dict(
        session.execute(
            select(FollowUp.citizen_id, func.max(FollowUp.meeting_date))
            .join(Citizen, Citizen.id == FollowUp.citizen_id)
            .where(FollowUp.held.is_(True), FollowUp.withdrawn_at.is_(None), *citizen_filter)
            .group_by(FollowUp.citizen_id)
        ).all()
    )
    owed = []
    for citizen_id, name, area, measure_start in starts:
        if measure_start is None:
            continue
        last = held.get(citizen_id)
        since_measure = last if last is not None and last >= measure_start else None
        owed.append(
            (
                citizen_id,
                name,
                next_follow_up(area.value, measure_start=measure_start, last_follow_up=since_measure),
            )
        )
    return owed


def _unplanned_follow_ups(
    session: Session, today: dt.date, citizen_filter: list[ColumnElement[bool]], planned_ahead: set[int]
) -> list[Deadline]:
    """The follow-ups owed where no meeting is planned yet. Shown from the six weeks before,
    when the invitation should go out, so the unit can ask the caseworker for a date."""
    horizon = today + dt.timedelta(weeks=INVITATION_WEEKS)
    return [
        Deadline(
            "follow_up_due",
            "Opfølgning skal planlægges",
            due,
            deadline_state(due, today, soon_days=INVITATION_WEEKS * 7),
            citizen_id,
            name,
        )
        for citizen_id, name, due in _owed_follow_ups(session, citizen_filter)
        if citizen_id not in planned_ahead and due <= horizon
    ]


@dataclasses.dataclass(frozen=True)
class FollowUpOutlook:
    """A citizen's coming follow-up, as the follow-up page states it."""

    owed_by: dt.date | None  # the latest date the next follow-up should be held
    planned: dt.date | None  # the next planned meeting, if any
    invitation_by: dt.date | None  # the authority's last day to call that meeting
    status_report_by: dt.date | None  # the unit's last day to send the status report for it


def follow_up_outlook(unit: UnitFile, citizen_id: int, today: dt.date) -> FollowUpOutlook:
    check_date(today, "today")
    with unit.read() as session:
        owed = _owed_follow_ups(session, [Citizen.id == citizen_id])
        planned = session.scalar(
            select(func.min(FollowUp.meeting_date)).where(
                FollowUp.citizen_id == citizen_id,
                FollowUp.held.is_(False),
                FollowUp.withdrawn_at.is_(None),
                FollowUp.meeting_date >= today,
            )
        )
    return FollowUpOutlook(
        owed_by=owed[0][2] if owed else None,
        planned=planned,
        invitation_by=invitation_due(planned) if planned else None,
        status_report_by=status_report_due(planned) if planned else None,
    )


def _use_of_force_deadlines(
    session: Session, today: dt.date, citizen_filter: list[ColumnElement[bool]]
) -> list[Deadline]:
    """An incident not yet reported to the authority is due until it is; a permission in force
    is reviewed on its review date (a permission whose period has ended owes no review)."""
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    items = []
    for record, name in session.execute(
        select(UseOfForce, Citizen.name)
        .join(Citizen, Citizen.id == UseOfForce.citizen_id)
        .where(UseOfForce.withdrawn_at.is_(None), *citizen_filter)
    ):
        if record.kind is UseOfForceKind.REPORT:
            # An incident from before migration 0007 kept only whom it was reported to.
            if record.reported_on is not None or record.reported_to or record.occurred_on is None:
                continue
            kind, label, due = (
                "use_of_force_report",
                "Indberet magtanvendelse",
                use_of_force_report_due(record.occurred_on),
            )
        else:
            ended = record.period_end is not None and record.period_end < today
            if record.review_date is None or ended or record.review_date > soon:
                continue
            kind, label, due = (
                "use_of_force_review",
                "Revurdér tilladelse til magtanvendelse",
                record.review_date,
            )
        items.append(
            Deadline(kind, label, due, deadline_state(due, today), record.citizen_id, name,
                     use_of_force_id=record.id)
        )  # fmt: skip
    return items
