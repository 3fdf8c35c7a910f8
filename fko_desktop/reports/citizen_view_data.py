"""What the citizen's view (``citizen_view.py``) shows, gathered from a session: the current
goals in the citizen's words and their målstatus graphs — no journal note or journal score."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.orm import Session

from fko_desktop.reports.gather import (
    _citizen,
    _domain,
    _header,
    _live_statuses,
    _numbered,
    _own_goal,
    _refuse_sub_goal,
    _series,
    _today,
    current_order,
)
from fko_desktop.reports.model import CitizenGoal, CitizenViewReport, SeriesPoint
from fko_desktop.reports.options import ReportKind, ReportOptions


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
            series=_series(goal, points.get(goal.id, ()), until),
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


def _series_points(
    session: Session, goal_ids: Sequence[int], until: dt.date
) -> dict[int, tuple[SeriesPoint, ...]]:
    points: dict[int, list[SeriesPoint]] = defaultdict(list)
    for status in _live_statuses(session, goal_ids, until):
        points[status.goal_id].append(SeriesPoint(status.period, status.assessed_on, status.score))
    return {gid: tuple(p) for gid, p in points.items()}
