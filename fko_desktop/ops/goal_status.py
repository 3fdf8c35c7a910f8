"""Målstatus: the quarterly score per intervention goal, written from the journal's evidence."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from fko_desktop.models import Actor, GoalStatus, InterventionGoal
from fko_desktop.models import goal_status_rules as rules
from fko_desktop.models.outcome import Outcome
from fko_desktop.models.schedule import period_for
from fko_desktop.models.scores import Score, parse_score
from fko_desktop.ops.base import Changed, clean_text, get_or_refuse, withdraw
from fko_desktop.ops.journal import NoteRow, journal, sub_goal_ids_of_goal
from fko_desktop.storage.unitfile import UnitFile


def record_goal_status(
    unit: UnitFile,
    actor: Actor,
    goal_id: int,
    *,
    score: object,
    summary: str,
    assessed_on: dt.date,
    period: int | None = None,
    source_code: str | None = None,
    citizen_score: object = None,
    citizen_note: str | None = None,
) -> Changed[GoalStatus]:
    """Record M<period> for a goal; the period defaults to the one nearest ``assessed_on``."""
    parsed = rules.check_score(score)
    summary = rules.check_summary(summary)
    parsed_citizen = parse_score(citizen_score)
    rules.check_source(source_code)
    with unit.write(actor) as session:
        goal = get_or_refuse(session, InterventionGoal, goal_id)
        rules.check_date(assessed_on, goal.start_date)
        recorded = session.scalars(
            select(GoalStatus.period).where(GoalStatus.goal_id == goal_id, GoalStatus.withdrawn_at.is_(None))
        ).all()
        # Without a period, the one whose due date is nearest (an explicit choice is the
        # editor's: it proposes the earliest period still owed, rules.next_period).
        chosen = rules.check_period(
            period if period is not None else period_for(goal.start_date, assessed_on)
        )
        rules.check_not_recorded(chosen, recorded)
        status = GoalStatus(
            goal_id=goal.id,
            citizen_id=goal.citizen_id,
            period=chosen,
            assessed_on=assessed_on,
            score=parsed,
            summary=summary,
            source_code=source_code,
            citizen_score=parsed_citizen,
            citizen_note=clean_text(citizen_note),
        )
        session.add(status)
        session.flush()
    return Changed.after(session, status)


def edit_goal_status(
    unit: UnitFile,
    actor: Actor,
    status_id: int,
    *,
    score: object,
    summary: str,
    citizen_score: object = None,
    citizen_note: str | None = None,
) -> Changed[GoalStatus]:
    parsed = rules.check_score(score)
    summary = rules.check_summary(summary)
    parsed_citizen = parse_score(citizen_score)
    with unit.write(actor) as session:
        status = get_or_refuse(session, GoalStatus, status_id)
        status.score = parsed
        status.summary = summary
        status.citizen_score = parsed_citizen
        status.citizen_note = clean_text(citizen_note)
    return Changed.after(session, status)


def withdraw_goal_status(unit: UnitFile, actor: Actor, status_id: int, *, reason: str) -> Changed[GoalStatus]:
    return withdraw(unit, actor, GoalStatus, status_id, reason)


def statuses_for_goal(unit: UnitFile, goal_id: int, *, include_withdrawn: bool = False) -> list[GoalStatus]:
    query = select(GoalStatus).where(GoalStatus.goal_id == goal_id).order_by(GoalStatus.period, GoalStatus.id)
    if not include_withdrawn:
        query = query.where(GoalStatus.withdrawn_at.is_(None))
    with unit.read() as session:
        return list(session.scalars(query))


@dataclasses.dataclass(frozen=True)
class GoalProgress:
    """A goal's baseline, target, its målstatus series and the outcome category so far."""

    goal_id: int
    baseline: Score | None
    target: Score | None
    statuses: list[GoalStatus]
    outcome: Outcome | None


def goal_progress(unit: UnitFile, goal_id: int) -> GoalProgress:
    with unit.read() as session:
        goal = get_or_refuse(session, InterventionGoal, goal_id)
    statuses = statuses_for_goal(unit, goal_id)
    return GoalProgress(
        goal_id,
        goal.baseline,
        goal.target,
        statuses,
        rules.outcome_so_far(goal.baseline, goal.target, statuses),
    )


def evidence_since_last_status(unit: UnitFile, goal_id: int) -> list[NoteRow]:
    """The journal notes of the goal's sub-goals since its latest målstatus (all if none yet),
    so the quarterly summary is written from the evidence."""
    statuses = statuses_for_goal(unit, goal_id)
    since = None
    if statuses:
        last = max(s.assessed_on for s in statuses)
        since = dt.datetime.combine(last, dt.time.min).astimezone()
    return journal(
        unit, sub_goal_ids=sub_goal_ids_of_goal(unit, goal_id), since=since, include_withdrawn=False
    )
