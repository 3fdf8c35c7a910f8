"""What the status report to the authority (``status.py``) shows, gathered from a session: the
period, each goal's målstatus and sub-goal work in it, use of force and the follow-ups."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import TypedDict

from sqlalchemy import Integer, String, func, select, type_coerce
from sqlalchemy.orm import Session, selectinload

from fko_desktop.models import (
    Citizen,
    FollowUp,
    GoalStatus,
    InterventionGoal,
    JournalNote,
    Order,
    StatusAssessment,
    SubGoal,
    SubGoalEvaluation,
)
from fko_desktop.models.catalogs import display_code, load_catalog
from fko_desktop.models.enums import Area, OrderState
from fko_desktop.models.schedule import add_months
from fko_desktop.models.scores import Score, from_storage
from fko_desktop.ops.status_assessment import for_report
from fko_desktop.reports.aarhus_section import gather_aarhus
from fko_desktop.reports.gather import (
    _check_period,
    _citizen,
    _citizen_facts,
    _goal_facts,
    _header,
    _latest_plan,
    _live_statuses,
    _local_bounds,
    _order_facts,
    _order_number,
    _own_goal,
    _refuse_sub_goal,
    _series,
    _staff_names,
    _today,
    current_order,
)
from fko_desktop.reports.model import (
    Evaluation,
    FollowUpFacts,
    GoalStatusSection,
    SeriesPoint,
    StatusEntry,
    StatusReport,
    SubGoalWork,
    SupportNeedFacts,
    UnitAssessmentText,
)
from fko_desktop.reports.options import ReportKind, ReportOptions
from fko_desktop.reports.use_of_force import gather_use_of_force

#: The status period's fallback when a citizen has no follow-up, order or intake date.
STATUS_FALLBACK_MONTHS = 6


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
    sections = _status_sections(session, _current_first(goals, order), period_from, period_to, staff)
    found = for_report(session, citizen.id, period_from, period_to)
    written = {goal_id: _assessment_text(a, staff) for goal_id, a in found.items()}
    sections = tuple(dataclasses.replace(s, assessment=written.get(s.goal.id)) for s in sections)
    follow_ups = list(
        session.scalars(
            select(FollowUp)
            .where(FollowUp.citizen_id == citizen.id, FollowUp.withdrawn_at.is_(None))
            .order_by(FollowUp.meeting_date)
        )
    )
    last = next((f for f in reversed(follow_ups) if f.held and f.meeting_date <= period_to), None)
    coming = next((f for f in follow_ups if not f.held and f.meeting_date >= period_to), None)
    agenda = (
        options.extra_agenda
        if options.extra_agenda is not None
        else (coming.agenda_points if coming else None)
    )
    plan = _latest_plan(session, citizen.id)
    responsible = staff.get(plan.responsible_id) if plan and plan.responsible_id else None
    return StatusReport(
        header=_header(session, ReportKind.STATUS, citizen, options, today),
        citizen=_citizen_facts(citizen, options),
        period_from=period_from,
        period_to=period_to,
        order=_order_facts(order) if order is not None else None,
        goals=sections,
        use_of_force=gather_use_of_force(session, citizen.id, citizen.area, period_from, period_to),
        use_of_force_prevention=plan.use_of_force_prevention if plan else None,
        agenda=(agenda or "").strip() or None,
        last_follow_up=_follow_up_facts(last) if last else None,
        next_follow_up=_follow_up_facts(coming) if coming else None,
        responsible=responsible,
        overall_assessment=written.get(None),
        support_need=_support_need(order, follow_ups, period_to) if citizen.area is Area.ADULTS else None,
        # A print of one goal is about that goal; the assessments cover the whole child.
        aarhus=None
        if options.goal_id is not None
        else gather_aarhus(session, citizen.id, citizen.intake_date, period_from, period_to, today),
    )


def _current_first(goals: Sequence[InterventionGoal], order: Order | None) -> list[InterventionGoal]:
    """The current order's goals first, in its own numbering; then the goals of the orders it
    replaced (newest order first), each in that order's numbering: the caseworker reads
    "Indsatsmål 1, 2, 3" as the order they sent says it."""
    current = {g.id for g in order.goals} if order is not None else set()

    def key(goal: InterventionGoal) -> tuple[int, int, int, int]:
        received = goal.order.received_date or dt.date.min
        return (goal.id not in current, -received.toordinal(), -goal.order_id, _order_number(goal))

    return sorted(goals, key=key)


def _support_need(
    order: Order | None, follow_ups: Sequence[FollowUp], until: dt.date
) -> SupportNeedFacts | None:
    """The authority's latest word on the adult's støttebehov by the report's end: the latest
    held follow-up that set one, unless a newer order (received after it) says otherwise."""
    held = [f for f in follow_ups if f.held and f.support_need_code and f.meeting_date <= until]
    latest = held[-1] if held else None  # follow_ups come in meeting order
    from_order = order is not None and order.support_need_code is not None
    order_date = (order.received_date or order.meeting_date) if order is not None else None
    if latest is not None and not (
        from_order and order_date is not None and order_date > latest.meeting_date
    ):
        return SupportNeedFacts(_support_text(latest.support_need_code), latest.meeting_date, True)
    if order is not None and order.support_need_code is not None:
        return SupportNeedFacts(_support_text(order.support_need_code), order_date, False)
    return None


def _support_text(code: str | None) -> str:
    return display_code("ffb", code, "support_need")


def _assessment_text(record: StatusAssessment, staff: dict[int, str]) -> UnitAssessmentText:
    by = record.updated_by_id or record.created_by_id
    when = record.updated_at or record.created_at
    return UnitAssessmentText(
        done=record.done,
        effect=record.effect,
        purpose=record.purpose,
        written_by=staff.get(by) if by else None,
        written_on=when.astimezone().date() if when else None,
        period_from=record.period_from,
        period_to=record.period_to,
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
                FollowUp.withdrawn_at.is_(None),
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
    for goal in goals:
        facts = _goal_facts(goal, _order_number(goal), staff)
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
        series = _series(goal, [SeriesPoint(s.period, s.assessed_on, s.score) for s in mine], period_to)
        sections.append(
            GoalStatusSection(
                goal=facts,
                statuses=in_period,
                series=series,
                work=tuple(SubGoalWork(sub_goal=sf, **work.get(sf.id, _NO_WORK)) for sf in facts.sub_goals),
            )
        )
    return tuple(sections)


class _Work(TypedDict):
    """``SubGoalWork``'s fields but the sub-goal, as ``_sub_goal_work`` counts them."""

    notes: int
    scored_notes: int
    latest_score: Score | None
    latest_score_on: dt.date | None
    evaluations: tuple[Evaluation, ...]


_NO_WORK: _Work = {
    "notes": 0,
    "scored_notes": 0,
    "latest_score": None,
    "latest_score_on": None,
    "evaluations": (),
}


def _sub_goal_work(
    session: Session, goals: Sequence[InterventionGoal], period_from: dt.date, period_to: dt.date
) -> dict[int, _Work]:
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
        select(
            JournalNote.sub_goal_id,
            type_coerce(JournalNote.observed_at, String),
            type_coerce(JournalNote.score, Integer),
        )
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
    result: dict[int, _Work] = {}
    for sid in sub_ids:
        total, scored = counts.get(sid, (0, 0))
        latest_score, latest_on = latest.get(sid, (None, None))
        result[sid] = {
            "notes": total,
            "scored_notes": scored,
            "latest_score": latest_score,
            "latest_score_on": latest_on,
            "evaluations": tuple(evaluations.get(sid, ())),
        }
    return result


def _follow_up_facts(follow_up: FollowUp) -> FollowUpFacts:
    return FollowUpFacts(
        meeting_date=follow_up.meeting_date,
        form_label=follow_up.form.label,
        caseworker_name=follow_up.caseworker_name,
        held=follow_up.held,
    )
