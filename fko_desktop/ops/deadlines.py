"""What is due and overdue in the unit: goal statuses, status reports, reformulated orders."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from sqlalchemy import ColumnElement, select

from fko_desktop.models import Citizen, FollowUp, GoalStatus, InterventionGoal, Order
from fko_desktop.models.deadlines import deadline_state, reformulation_due, status_report_due
from fko_desktop.models.enums import LIVE_ORDER_STATES, OrderState
from fko_desktop.models.limits import check_date
from fko_desktop.models.schedule import DUE_SOON_DAYS, DeadlineState, open_statuses
from fko_desktop.storage.unitfile import UnitFile


@dataclasses.dataclass(frozen=True)
class Deadline:
    kind: str  # "goal_status", "status_report", "reformulation"
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


def unit_deadlines(unit: UnitFile, today: dt.date, *, citizen_id: int | None = None) -> list[Deadline]:
    """Everything due within two weeks or overdue, for active citizens, most urgent first.

    Raises ValidationError for a ``today`` outside 1900–2100 (``today + 14 days`` overflows
    near the year 9999).
    """
    check_date(today, "today")
    items: list[Deadline] = []
    with unit.read() as session:
        citizen_filter: list[ColumnElement[bool]] = [Citizen.end_date.is_(None)]
        if citizen_id is not None:
            citizen_filter.append(Citizen.id == citizen_id)
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
        follow_ups = session.execute(
            select(FollowUp, Citizen.name)
            .join(Citizen, Citizen.id == FollowUp.citizen_id)
            .where(FollowUp.held.is_(False), FollowUp.report_sent_date.is_(None), *citizen_filter)
        ).all()
        for follow_up, name in follow_ups:
            report_due = status_report_due(follow_up.meeting_date)
            if follow_up.meeting_date < today or report_due > today + dt.timedelta(days=DUE_SOON_DAYS):
                continue
            items.append(
                Deadline(
                    "status_report",
                    "Status til myndighed",
                    report_due,
                    deadline_state(report_due, today),
                    follow_up.citizen_id,
                    name,
                    follow_up_id=follow_up.id,
                )
            )
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
    urgency = {
        DeadlineState.OVERDUE: 0,
        DeadlineState.DUE: 1,
        DeadlineState.UPCOMING: 2,
        DeadlineState.DONE: 3,
    }
    return sorted(items, key=lambda d: (urgency[d.state], d.due, d.citizen_name))
