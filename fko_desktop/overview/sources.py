"""What the overview's readers of a unit file share (goals here, Århus assessments in
``aarhus_facts``, documentation practice in ``practice``): staff names, the plan's responsible,
and when a goal ends for the overview. A module of its own so that ``facts`` can gather the
Århus facts without an import cycle."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from fko_desktop.models import Plan, StaffMember


def staff_names(session: Session) -> dict[int, str]:
    return {staff_id: name for staff_id, name in session.execute(select(StaffMember.id, StaffMember.name))}


def plan_responsible(session: Session) -> dict[int, int]:
    """citizen id → the responsible of the citizen's newest plan that names one."""
    found: dict[int, int] = {}
    rows = session.execute(
        select(Plan.citizen_id, Plan.responsible_id)
        .where(Plan.responsible_id.is_not(None))
        .order_by(Plan.citizen_id, Plan.id)
    )
    for citizen_id, responsible_id in rows:
        if responsible_id is not None:  # the query asks for it
            found[citizen_id] = responsible_id  # the newest (highest id) wins
    return found


def effective_end(goal_end: dt.date | None, moved_out: dt.date | None) -> dt.date | None:
    """The goal's end for the overview: its own end date or the day its citizen moved out,
    whichever comes first (a citizen who has moved out works toward no goal)."""
    if moved_out is None:
        return goal_end
    return moved_out if goal_end is None else min(goal_end, moved_out)
