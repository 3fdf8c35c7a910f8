"""Målstatus: the quarterly score per intervention goal, written from the journal's evidence."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from fko_desktop.errors import ValidationError
from fko_desktop.models import Actor, GoalStatus, InterventionGoal
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.outcome import Outcome, outcome_category
from fko_desktop.models.schedule import period_for
from fko_desktop.models.scores import Score, parse_score
from fko_desktop.models.validation import require_text
from fko_desktop.ops.base import Changed, clean_text, get_or_refuse, withdraw
from fko_desktop.ops.journal import NoteRow, journal, sub_goal_ids_of_goal
from fko_desktop.storage.unitfile import UnitFile


def _check_source(source_code: str | None) -> None:
    if source_code is not None and source_code not in load_catalog("care_social").set("assessment_sources"):
        raise ValidationError(f"»{source_code}« er ikke en gyldig kilde.", field="source_code")


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
    parsed = parse_score(score)
    if parsed is None:
        raise ValidationError("Målstatus skal have en score 0–4 eller »Ikke vurderet«.", field="score")
    summary = require_text(summary, "summary", "Opsummering")
    parsed_citizen = parse_score(citizen_score)
    _check_source(source_code)
    with unit.write(actor) as session:
        goal = get_or_refuse(session, InterventionGoal, goal_id)
        if assessed_on < goal.start_date:
            raise ValidationError("Målstatus kan ikke ligge før målets startdato.", field="assessed_on")
        chosen = period if period is not None else period_for(goal.start_date, assessed_on)
        if chosen < 1:
            raise ValidationError("Perioden skal være M1 eller senere.", field="period")
        existing = session.scalars(
            select(GoalStatus).where(
                GoalStatus.goal_id == goal_id,
                GoalStatus.period == chosen,
                GoalStatus.withdrawn_at.is_(None),
            )
        ).first()
        if existing is not None:
            raise ValidationError(
                f"M{chosen} er allerede registreret for dette mål; ret den i stedet.", field="period"
            )
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
    return Changed(status, "goal_status", goal.citizen_id)


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
    parsed = parse_score(score)
    if parsed is None:
        raise ValidationError("Målstatus skal have en score 0–4 eller »Ikke vurderet«.", field="score")
    summary = require_text(summary, "summary", "Opsummering")
    parsed_citizen = parse_score(citizen_score)
    with unit.write(actor) as session:
        status = get_or_refuse(session, GoalStatus, status_id)
        status.score = parsed
        status.summary = summary
        status.citizen_score = parsed_citizen
        status.citizen_note = clean_text(citizen_note)
    return Changed(status, "goal_status", status.citizen_id)


def withdraw_goal_status(unit: UnitFile, actor: Actor, status_id: int, *, reason: str) -> Changed[GoalStatus]:
    return withdraw(unit, actor, GoalStatus, status_id, reason, "goal_status")


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
    latest = statuses[-1].score if statuses else None
    return GoalProgress(
        goal_id, goal.baseline, goal.target, statuses, outcome_category(goal.baseline, goal.target, latest)
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
