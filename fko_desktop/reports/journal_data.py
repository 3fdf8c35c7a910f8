"""What a journal extract (``journal.py``) shows, gathered from a session: the notes of a
period for the whole journal, one goal or one sub-goal."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import Integer, String, func, select, type_coerce
from sqlalchemy.orm import Session, selectinload

from fko_desktop.errors import ValidationError
from fko_desktop.models import InterventionGoal, JournalNote, SubGoal
from fko_desktop.models.schedule import add_months
from fko_desktop.models.scores import from_storage
from fko_desktop.ops.base import get_or_refuse
from fko_desktop.reports.gather import (
    _check_period,
    _citizen,
    _header,
    _local_bounds,
    _own_goal,
    _staff_names,
    _sub_goal_facts,
    _today,
)
from fko_desktop.reports.model import JournalEntry, JournalGroup, JournalReport
from fko_desktop.reports.options import ReportKind, ReportOptions

#: The journal extract's default span, counted back from the print date.
JOURNAL_DEFAULT_MONTHS = 3


def gather_journal(session: Session, citizen_id: int, options: ReportOptions) -> JournalReport:
    citizen = _citizen(session, citizen_id)
    today = _today(options)
    staff = _staff_names(session)
    period_to = options.period_to or today
    period_from = options.period_from or add_months(period_to, -JOURNAL_DEFAULT_MONTHS)
    _check_period(period_from, period_to)

    sub_goal: SubGoal | None = None
    goal: InterventionGoal | None = None
    if options.sub_goal_id is not None:
        sub_goal = get_or_refuse(session, SubGoal, options.sub_goal_id)
        if sub_goal.citizen_id != citizen.id:
            raise ValidationError("Delmålet tilhører en anden borger.", field="sub_goal_id")
        if options.goal_id is not None and sub_goal.goal_id != options.goal_id:
            raise ValidationError("Delmålet hører ikke til det valgte indsatsmål.", field="sub_goal_id")
        goal = sub_goal.goal
    elif options.goal_id is not None:
        goal = _own_goal(session, citizen.id, options.goal_id)

    if sub_goal is not None:
        sub_goals = [sub_goal]
    elif goal is not None:
        sub_goals = list(goal.sub_goals)
    else:
        sub_goals = list(
            session.scalars(
                select(SubGoal).where(SubGoal.citizen_id == citizen.id).options(selectinload(SubGoal.goal))
            )
        )
    since, until = _local_bounds(period_from, period_to)
    where = [
        JournalNote.citizen_id == citizen.id,
        JournalNote.sub_goal_id.in_([s.id for s in sub_goals]),
        JournalNote.observed_at >= since,
        JournalNote.observed_at < until,
    ]
    rows = session.execute(
        select(
            JournalNote.sub_goal_id,
            type_coerce(JournalNote.observed_at, String),
            JournalNote.author_id,
            type_coerce(JournalNote.score, Integer),
            JournalNote.text,
            JournalNote.version,
            type_coerce(JournalNote.created_at, String),
        )
        .where(*where, JournalNote.withdrawn_at.is_(None))
        .order_by(JournalNote.observed_at, JournalNote.id)
    ).all()
    withdrawn = session.scalar(
        select(func.count()).select_from(JournalNote).where(*where, JournalNote.withdrawn_at.is_not(None))
    )
    by_sub_goal: dict[int, list[JournalEntry]] = defaultdict(list)
    for sub_goal_id, observed, author_id, score, text, version, written in rows:
        by_sub_goal[sub_goal_id].append(
            JournalEntry(
                observed_at=dt.datetime.fromisoformat(observed),
                author=staff.get(author_id, "ukendt medarbejder"),
                score=from_storage(score),
                text=text,
                version=version,
                written_at=dt.datetime.fromisoformat(written) if written else None,
            )
        )
    numbers = _goal_numbers(session, citizen.id)
    # A chosen sub-goal or goal is shown even without notes (the reader asked for it); the whole
    # journal lists only the sub-goals that have notes in the period.
    explicit = sub_goal is not None or goal is not None
    chosen = [s for s in sub_goals if explicit or by_sub_goal.get(s.id)]
    chosen.sort(key=lambda s: (s.goal.order_id, s.goal.position, s.position, s.id))
    groups = tuple(
        JournalGroup(
            goal_number=numbers.get(s.goal_id, s.goal.position),
            goal_text=s.goal.text,
            sub_goal=_sub_goal_facts(s, numbers.get(s.goal_id, s.goal.position), staff),
            entries=tuple(by_sub_goal.get(s.id, ())),
        )
        for s in chosen
    )
    if sub_goal is not None:
        number = numbers.get(sub_goal.goal_id, sub_goal.goal.position)
        scope = f"Delmål {number}.{sub_goal.position}: {sub_goal.text}"
    elif goal is not None:
        scope = f"Indsatsmål {numbers.get(goal.id, goal.position)}: {goal.text}"
    else:
        scope = "Alle delmål"
    header = _header(session, ReportKind.JOURNAL, citizen, options, today)
    return JournalReport(
        header=header,
        scope=scope,
        period_from=period_from,
        period_to=period_to,
        groups=groups,
        withdrawn_left_out=withdrawn or 0,
        scale=header.style.words,
        total=len(rows),
    )


def _goal_numbers(session: Session, citizen_id: int) -> dict[int, int]:
    """Each goal's number as printed: its position in its own order."""
    return {
        gid: position
        for gid, position in session.execute(
            select(InterventionGoal.id, InterventionGoal.position).where(
                InterventionGoal.citizen_id == citizen_id
            )
        )
    }
