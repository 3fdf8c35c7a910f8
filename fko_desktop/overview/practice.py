"""Documentation practice (issue 14, item 2): is the documentation kept, per department and per
responsible staff member — the leader's daily worry.

The period is the filter's (by default the three months up to today). Every rule is the unit's
own, so this page and the deadline list can never disagree:

- *Målstatus due in the period*: the periods of a goal's schedule (``models.schedule``, every
  three months from its start) whose due date falls in the period, up to today, and not after
  the goal ended or its citizen moved out. *On time*: recorded (not withdrawn) with an
  assessment date on or before the due date — the day after it, ``open_statuses`` calls the
  period overdue.
- *Overdue today*: what the deadline list shows as overdue today: målstatus of live orders'
  goals (``models.schedule.open_statuses``) and status reports before a planned follow-up
  (``models.deadlines.status_report_due``), for citizens who live here.
- *Follow-ups due in the period*: the meetings (planned or held, not withdrawn) dated in the
  period up to today, and a follow-up owed (``ops.deadlines``' rule) in the period for a citizen
  without any meeting in it; *held*: those registered as held.
- *Notes*: sub-goal journal notes (not withdrawn) observed in the period; *with score*: a level
  0–4 ("Ikke vurderet" is an answer, not a score). Per citizen per week: the notes over the
  weeks the row's citizens lived here in the period.
- *Without a note*: today, active sub-goals (of live goals, started at least ``quiet_days`` ago)
  with no note in the last ``quiet_days`` days, and citizens who have such a sub-goal and no
  sub-goal note at all in those days.

Goal-level figures (målstatus, notes, sub-goals) belong to the goal's responsible (the plan's
when the goal names none, as in ``facts``); citizen-level ones (status reports, follow-ups,
citizens without a note) to the citizen's (their newest plan's, else their first goal's). A
row's ``citizens`` are every citizen behind any of its figures, so a row about one citizen is
suppressed even when the figure is a goal's.

Filters: departments and areas choose the citizens; catalogs the goals (goal-level figures
only); responsible staff the goals and the citizens as above. Active/ended goals and units do
not apply: documentation practice is about what was owed in the period.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from fko_desktop.models import Citizen, FollowUp, GoalStatus, InterventionGoal, JournalNote, Order, SubGoal
from fko_desktop.models.citizen import lives_here_on
from fko_desktop.models.deadlines import status_report_due
from fko_desktop.models.enums import LIVE_ORDER_STATES, SubGoalState
from fko_desktop.models.schedule import DeadlineState, add_months, due_date, open_statuses
from fko_desktop.ops.deadlines import _owed_follow_ups  # the unit's own rule for a follow-up owed

from .labels import TOTAL, Labels, danish_key
from .model import Dimension, OverviewFilter, PracticeRow, PracticeTable
from .sources import effective_end, plan_responsible, staff_names
from .suppression import complementary, is_small

#: The period when the filter gives none: the last three months up to today.
DEFAULT_MONTHS = 3
QUIET_DAYS = 14


def period_of(filt: OverviewFilter, today: dt.date) -> tuple[dt.date, dt.date]:
    """(first, last day) of the practice period."""
    last = filt.date_to or today
    first = filt.date_from or add_months(last, -DEFAULT_MONTHS) + dt.timedelta(days=1)
    return first, last


def _local_start(day: dt.date) -> dt.datetime:
    # Notes are stored as instants; a day is the user's own (local) day.
    return dt.datetime.combine(day, dt.time.min).astimezone()


@dataclass
class _Tally:
    citizens: set[int] = field(default_factory=set)
    statuses_due: int = 0
    statuses_on_time: int = 0
    statuses_overdue: int = 0
    reports_overdue: int = 0
    follow_ups_due: int = 0
    follow_ups_held: int = 0
    notes: int = 0
    notes_with_score: int = 0
    citizens_without_note: int = 0
    sub_goals_without_note: int = 0


@dataclass(frozen=True)
class _Citizen:
    id: int
    department: str | None
    intake: dt.date | None
    end: dt.date | None
    responsible: int | None


@dataclass(frozen=True)
class _Goal:
    id: int
    citizen: _Citizen
    start: dt.date
    end: dt.date | None  # the goal's own end date
    live: bool
    responsible: int | None


def _days_here(citizen: _Citizen, first: dt.date, last: dt.date) -> int:
    since = max(first, citizen.intake) if citizen.intake else first
    until = min(last, citizen.end - dt.timedelta(days=1)) if citizen.end else last
    return max(0, (until - since).days + 1)


def _load_citizens(
    session: Session, filt: OverviewFilter, first: dt.date, last: dt.date
) -> dict[int, _Citizen]:
    plans = plan_responsible(session)
    first_goal: dict[int, int] = {}
    for citizen_id, responsible_id in session.execute(
        select(InterventionGoal.citizen_id, InterventionGoal.responsible_id)
        .where(InterventionGoal.responsible_id.is_not(None))
        .order_by(InterventionGoal.id.desc())
    ):
        if responsible_id is not None:  # the query asks for it
            first_goal[citizen_id] = responsible_id  # the lowest id is written last
    found = {}
    for cid, department, area, intake, end in session.execute(
        select(Citizen.id, Citizen.department, Citizen.area, Citizen.intake_date, Citizen.end_date)
    ):
        if filt.departments and department not in filt.departments:
            continue
        if filt.areas and area.value not in filt.areas:
            continue
        if (intake is not None and intake > last) or (end is not None and end <= first):
            continue  # did not live here in the period
        found[cid] = _Citizen(cid, department, intake, end, plans.get(cid, first_goal.get(cid)))
    return found


def _load_goals(session: Session, filt: OverviewFilter, citizens: dict[int, _Citizen]) -> dict[int, _Goal]:
    plans = plan_responsible(session)
    goals = {}
    for gid, cid, catalog, start, end, responsible, live in session.execute(
        select(
            InterventionGoal.id,
            InterventionGoal.citizen_id,
            InterventionGoal.domain_catalog,
            InterventionGoal.start_date,
            InterventionGoal.end_date,
            InterventionGoal.responsible_id,
            Order.state.in_(LIVE_ORDER_STATES),
        ).join(Order, Order.id == InterventionGoal.order_id)
    ):
        citizen = citizens.get(cid)
        if citizen is None or (filt.catalogs and catalog not in filt.catalogs):
            continue
        owner = responsible if responsible is not None else plans.get(cid)
        if filt.responsible_ids and owner not in filt.responsible_ids:
            continue
        goals[gid] = _Goal(gid, citizen, start, end, bool(live), owner)
    return goals


class _Rows:
    """The tallies by group for each grouping asked for, with the rule of which group a goal
    or a citizen belongs to; one pass over the file serves every grouping."""

    def __init__(self, bys: tuple[Dimension, ...]) -> None:
        self.bys = bys
        self.tallies: dict[Dimension, dict[str, _Tally]] = {by: defaultdict(_Tally) for by in bys}
        self.total = _Tally()

    @staticmethod
    def _key(by: Dimension, department: str | None, responsible: int | None) -> str:
        if by is Dimension.DEPARTMENT:
            return department or ""
        return "" if responsible is None else str(responsible)

    def _of(self, citizen_id: int, department: str | None, responsible: int | None) -> list[_Tally]:
        found = [self.tallies[by][self._key(by, department, responsible)] for by in self.bys]
        found.append(self.total)
        for tally in found:
            tally.citizens.add(citizen_id)
        return found

    def of_goal(self, goal: _Goal) -> list[_Tally]:
        return self._of(goal.citizen.id, goal.citizen.department, goal.responsible)

    def of_citizen(self, citizen: _Citizen) -> list[_Tally]:
        return self._of(citizen.id, citizen.department, citizen.responsible)


def _add(tallies: Iterable[_Tally], name: str, amount: int = 1) -> None:
    for tally in tallies:
        setattr(tally, name, getattr(tally, name) + amount)


def practice_table(
    session: Session,
    filt: OverviewFilter,
    by: Dimension,
    *,
    today: dt.date,
    quiet_days: int = QUIET_DAYS,
    labels: Labels | None = None,
) -> PracticeTable:
    """The documentation practice per department (``by`` DEPARTMENT) or responsible staff
    member (RESPONSIBLE) for the filter's period (see the module docstring)."""
    return practice_tables(session, filt, (by,), today=today, quiet_days=quiet_days, labels=labels)[by]


def practice_tables(
    session: Session,
    filt: OverviewFilter,
    bys: tuple[Dimension, ...] = (Dimension.DEPARTMENT, Dimension.RESPONSIBLE),
    *,
    today: dt.date,
    quiet_days: int = QUIET_DAYS,
    labels: Labels | None = None,
) -> dict[Dimension, PracticeTable]:
    """``practice_table`` for several groupings from one reading of the file."""
    for by in bys:
        if by not in (Dimension.DEPARTMENT, Dimension.RESPONSIBLE):
            raise ValueError(f"practice is grouped by department or responsible, not {by}")
    first, last = period_of(filt, today)
    until = min(last, today)
    citizens = _load_citizens(session, filt, first, last)
    staff_filter = filt.responsible_ids
    rows = _Rows(bys)
    citizen_rows = {c.id: c for c in citizens.values() if not staff_filter or c.responsible in staff_filter}
    for citizen in citizen_rows.values():
        rows.of_citizen(citizen)
    goals = _load_goals(session, filt, citizens)
    _statuses(session, goals, rows, first, until, today)
    _follow_ups(session, citizen_rows, rows, first, until, today)
    _notes(session, goals, citizen_rows, rows, first, last, today, quiet_days)
    labels = labels or Labels(staff_names(session))
    days = {c.id: _days_here(c, first, last) for c in citizens.values()}
    total = _row("total", TOTAL, rows.total, filt, days)
    tables = {}
    for by in bys:
        key_label: Callable[[str], str] = (
            (lambda key: labels.department(key or None))
            if by is Dimension.DEPARTMENT
            else (lambda key: labels.responsible(int(key) if key else None))
        )
        built = [_row(key, key_label(key), tally, filt, days) for key, tally in rows.tallies[by].items()]
        built.sort(key=lambda row: (row.key == "", danish_key(row.label)))
        tables[by] = PracticeTable(by, complementary(built, total), total, quiet_days)
    return tables


def _statuses(
    session: Session, goals: dict[int, _Goal], rows: _Rows, first: dt.date, until: dt.date, today: dt.date
) -> None:
    recorded: dict[int, dict[int, dt.date]] = defaultdict(dict)
    for goal_id, period, assessed_on in session.execute(
        select(GoalStatus.goal_id, GoalStatus.period, GoalStatus.assessed_on).where(
            GoalStatus.withdrawn_at.is_(None)
        )
    ):
        recorded[goal_id][period] = assessed_on
    for goal in goals.values():
        done = recorded.get(goal.id, {})
        end = effective_end(goal.end, goal.citizen.end)
        horizon = min(until, end) if end is not None else until
        period = 1
        while True:
            due = due_date(goal.start, period)
            if due > horizon:
                break
            if due >= first:
                tallies = rows.of_goal(goal)
                _add(tallies, "statuses_due")
                if period in done and done[period] <= due:
                    _add(tallies, "statuses_on_time")
            period += 1
        # Today's overdue ones, exactly as the deadline list finds them (ops.deadlines).
        if goal.live and lives_here_on(goal.citizen.end, today):
            overdue = [
                status
                for status, state in open_statuses(goal.start, done, today, end=goal.end)
                if state is DeadlineState.OVERDUE
                and (goal.citizen.end is None or status.due <= goal.citizen.end)
            ]
            if overdue:
                _add(rows.of_goal(goal), "statuses_overdue", len(overdue))


def _follow_ups(
    session: Session,
    citizens: dict[int, _Citizen],
    rows: _Rows,
    first: dt.date,
    until: dt.date,
    today: dt.date,
) -> None:
    met: set[int] = set()
    for cid, meeting, held, report_sent in session.execute(
        select(FollowUp.citizen_id, FollowUp.meeting_date, FollowUp.held, FollowUp.report_sent_date).where(
            FollowUp.withdrawn_at.is_(None)
        )
    ):
        citizen = citizens.get(cid)
        if citizen is None:
            continue
        if first <= meeting <= until:
            met.add(cid)
            tallies = rows.of_citizen(citizen)
            _add(tallies, "follow_ups_due")
            if held:
                _add(tallies, "follow_ups_held")
        if (
            not held
            and meeting >= today
            and report_sent is None
            and status_report_due(meeting) < today
            and lives_here_on(citizen.end, today)
        ):
            _add(rows.of_citizen(citizen), "reports_overdue")
    for cid, _name, owed in _owed_follow_ups(session, []):
        citizen = citizens.get(cid)
        if citizen is not None and cid not in met and first <= owed <= until:
            _add(rows.of_citizen(citizen), "follow_ups_due")


def _notes(
    session: Session,
    goals: dict[int, _Goal],
    citizens: dict[int, _Citizen],
    rows: _Rows,
    first: dt.date,
    last: dt.date,
    today: dt.date,
    quiet_days: int,
) -> None:
    cutoff = today - dt.timedelta(days=quiet_days)
    # By citizen: the journal's (citizen, time) index serves each range (a 60-citizen unit
    # holds a quarter of a million notes; a scan by time alone reads them all).
    of_citizens = JournalNote.citizen_id.in_(sorted({goal.citizen.id for goal in goals.values()}))
    live_note = JournalNote.withdrawn_at.is_(None)
    in_period = and_(
        JournalNote.observed_at >= _local_start(first),
        JournalNote.observed_at < _local_start(last + dt.timedelta(days=1)),
    )
    scored = case((JournalNote.score.between(0, 4), 1), else_=0)
    goal_of = {sid: gid for sid, gid in session.execute(select(SubGoal.id, SubGoal.goal_id))}
    for sid, count, with_score in session.execute(
        select(JournalNote.sub_goal_id, func.count(), func.sum(scored))
        .where(of_citizens, live_note, in_period)
        .group_by(JournalNote.sub_goal_id)
    ):
        goal = goals.get(goal_of.get(sid, -1))
        if goal is not None:
            tallies = rows.of_goal(goal)
            _add(tallies, "notes", count)
            _add(tallies, "notes_with_score", int(with_score or 0))
    noted_sub_goals: set[int] = set()
    noted_citizens: set[int] = set()
    for sid, cid in session.execute(
        select(JournalNote.sub_goal_id, JournalNote.citizen_id)
        .where(of_citizens, live_note, JournalNote.observed_at >= _local_start(cutoff))
        .distinct()
    ):
        noted_sub_goals.add(sid)
        noted_citizens.add(cid)
    # Active today and started at least ``quiet_days`` ago (a new sub-goal has had no time).
    active = session.execute(
        select(SubGoal.id, SubGoal.goal_id).where(
            SubGoal.state == SubGoalState.ACTIVE,
            SubGoal.start_date <= cutoff,
            or_(SubGoal.end_date.is_(None), SubGoal.end_date > today),
        )
    )
    quiet_citizens: set[int] = set()
    for sid, gid in active:
        goal = goals.get(gid)
        if goal is None or not _live_today(goal, today):
            continue
        if sid not in noted_sub_goals:
            _add(rows.of_goal(goal), "sub_goals_without_note")
        if goal.citizen.id not in noted_citizens and goal.citizen.id in citizens:
            quiet_citizens.add(goal.citizen.id)
    for cid in quiet_citizens:
        _add(rows.of_citizen(citizens[cid]), "citizens_without_note")


def _live_today(goal: _Goal, today: dt.date) -> bool:
    """The goal is worked on today: a live order's, not ended, its citizen living here."""
    goal_end = effective_end(goal.end, goal.citizen.end)
    return goal.live and lives_here_on(goal.citizen.end, today) and (goal_end is None or goal_end > today)


def _row(key: str, label: str, tally: _Tally, filt: OverviewFilter, days: dict[int, int]) -> PracticeRow:
    citizens = len(tally.citizens)
    weeks = sum(days.get(cid, 0) for cid in tally.citizens) / 7
    return PracticeRow(
        key=key,
        label=label,
        citizens=citizens,
        statuses_due=tally.statuses_due,
        statuses_on_time=tally.statuses_on_time,
        statuses_overdue=tally.statuses_overdue,
        reports_overdue=tally.reports_overdue,
        follow_ups_due=tally.follow_ups_due,
        follow_ups_held=tally.follow_ups_held,
        notes=tally.notes,
        notes_with_score=tally.notes_with_score,
        notes_per_citizen_week=tally.notes / weeks if weeks else 0.0,
        citizens_without_note=tally.citizens_without_note,
        sub_goals_without_note=tally.sub_goals_without_note,
        suppressed=is_small(citizens, filt),
    )
