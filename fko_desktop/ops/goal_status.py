"""Målstatus: the quarterly score per intervention goal, written from the journal's evidence."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from fko_desktop.models import Actor, GoalStatus, InterventionGoal, SubGoal
from fko_desktop.models import goal_status_rules as rules
from fko_desktop.models.goal_status_rules import PeriodState, ScoreDistribution
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
    """Record M<period> for a goal; the period defaults to the earliest one still owed on
    ``assessed_on`` (never skipping a missing M1), else the one nearest it."""
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
        # Without a period: the earliest still owed, as the editor proposes (rules.next_period);
        # with nothing owed, the nearest, so a second status for a recorded period is refused
        # instead of silently becoming an early status for the next one.
        if period is None:
            period = rules.owed_period(goal.start_date, recorded, assessed_on, goal.end_date)
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
    """A goal's baseline, target, its målstatus series and the outcome category so far, and
    where each period of its schedule stands (the missing ones included)."""

    goal_id: int
    baseline: Score | None
    target: Score | None
    statuses: list[GoalStatus]
    outcome: Outcome | None
    start_date: dt.date | None = None
    periods: list[PeriodState] = dataclasses.field(default_factory=list)


def goal_progress(unit: UnitFile, goal_id: int, *, today: dt.date | None = None) -> GoalProgress:
    with unit.read() as session:
        goal = get_or_refuse(session, InterventionGoal, goal_id)
    statuses = statuses_for_goal(unit, goal_id)
    periods = rules.period_states(
        goal.start_date, [s.period for s in statuses], today or dt.date.today(), goal.end_date
    )
    return GoalProgress(
        goal.id,
        goal.baseline,
        goal.target,
        statuses,
        rules.outcome_so_far(goal.baseline, goal.target, statuses),
        goal.start_date,
        periods,
    )


@dataclasses.dataclass(frozen=True)
class SubGoalEvidence:
    """One sub-goal's notes in a period, with how many gave each score."""

    sub_goal_id: int
    position: int
    text: str
    notes: tuple[NoteRow, ...]
    distribution: ScoreDistribution


@dataclasses.dataclass(frozen=True)
class PeriodEvidence:
    """The journal notes a målstatus for ``period`` is written from, grouped by sub-goal.

    ``until`` is None while the period is the latest one owed: notes written up to today
    count. Once a later period is owed too, the period ends at its own due date, so a late M1
    is written from M1's notes, not from M2's.
    """

    period: int
    since: dt.date
    until: dt.date | None
    groups: tuple[SubGoalEvidence, ...]
    distribution: ScoreDistribution

    @property
    def notes(self) -> list[NoteRow]:
        """Every note of the period, sub-goal by sub-goal, oldest first within each."""
        return [note for group in self.groups for note in group.notes]


def evidence_for_period(
    unit: UnitFile, goal_id: int, period: int, *, today: dt.date | None = None
) -> PeriodEvidence:
    """The notes of the goal's sub-goals in M<period>'s span (``rules.period_span``), grouped
    by sub-goal in plan order, each group and the whole with its score distribution."""
    rules.check_period(period)
    today = today or dt.date.today()
    with unit.read() as session:
        goal = get_or_refuse(session, InterventionGoal, goal_id)
        subs = [
            (s.id, s.position, s.text)
            for s in session.scalars(
                select(SubGoal).where(SubGoal.goal_id == goal_id).order_by(SubGoal.position, SubGoal.id)
            )
        ]
        start, end = goal.start_date, goal.end_date
    since, due = rules.period_span(start, period)
    if period > 1:
        since += dt.timedelta(days=1)  # the previous due date's notes belong to that period
    recorded = {s.period for s in statuses_for_goal(unit, goal_id)}
    later_owed = rules.owed_period(start, recorded | set(range(1, period + 1)), today, end)
    until = due if later_owed is not None or any(p > period for p in recorded) else None
    rows = journal(
        unit,
        sub_goal_ids=[sid for sid, _, _ in subs],
        since=_day_start(since),
        until=_day_start(until + dt.timedelta(days=1)) if until is not None else None,
        include_withdrawn=False,
    )
    by_sub: dict[int, list[NoteRow]] = {sid: [] for sid, _, _ in subs}
    for row in reversed(rows):  # the journal lists newest first
        by_sub.setdefault(row.sub_goal_id, []).append(row)
    groups = tuple(
        SubGoalEvidence(
            sid, position, text, tuple(by_sub[sid]), rules.score_distribution(r.score for r in by_sub[sid])
        )
        for sid, position, text in subs
        if by_sub[sid]
    )
    return PeriodEvidence(period, since, until, groups, rules.score_distribution(r.score for r in rows))


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min).astimezone()


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
