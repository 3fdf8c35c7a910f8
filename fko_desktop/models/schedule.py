"""The quarterly målstatus schedule of an indsatsmål.

Every third month counted from the goal's start date the unit records one målstatus score
(M1, M2, …). Period *k* is always computed as ``add_months(start, 3 * k)`` from the start date,
never by adding three months to the previous due date: chaining would let a goal started on
31 January drift to the 28th/29th for good after its first February.
"""

from __future__ import annotations

import calendar
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS_PER_PERIOD = 3

#: A status is shown as due this many days before its date, so the unit has time to
#: summarise the diary notes before the quarter ends.
DUE_SOON_DAYS = 14


def add_months(d: date, n: int) -> date:
    """*d* moved *n* months (negative allowed), clamped to the last day of the month."""
    index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(index, 12)
    month = month0 + 1
    if not date.min.year <= year <= date.max.year:
        raise ValueError(f"{d.isoformat()} + {n} months is outside the supported years")
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


class DeadlineState(enum.Enum):
    """Where a deadline stands; shared by målstatus and the follow-up deadlines."""

    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"
    DONE = "done"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    DeadlineState.OVERDUE: "Overskredet",
    DeadlineState.DUE: "Snart",
    DeadlineState.UPCOMING: "Kommende",
    DeadlineState.DONE: "Udført",
}


@dataclass(frozen=True)
class StatusDue:
    """One målstatus in a goal's schedule."""

    period: int  # 1-based: M1, M2, …
    due: date

    @property
    def label(self) -> str:
        return f"M{self.period}"


def due_date(start: date, period: int) -> date:
    """The due date of målstatus *period* (1-based) of a goal started on *start*."""
    if period < 1:
        raise ValueError(f"period must be 1 or more, got {period}")
    return add_months(start, MONTHS_PER_PERIOD * period)


def goal_status_schedule(start: date, until: date) -> list[StatusDue]:
    """M1 = start + 3 months, M2 = start + 6 months, … up to and including *until*."""
    schedule: list[StatusDue] = []
    period = 1
    while True:
        try:
            due = due_date(start, period)
        except ValueError:  # past year 9999: nothing more can be due
            break
        if due > until:
            break
        schedule.append(StatusDue(period, due))
        period += 1
    return schedule


def open_statuses(
    start: date,
    recorded_periods: Iterable[int],
    today: date,
    end: date | None = None,
) -> list[tuple[StatusDue, DeadlineState]]:
    """The målstatus periods that still need a score, oldest first.

    A period is open when it is due by ``today + DUE_SOON_DAYS``, is not recorded yet and, if
    the goal has ended, falls on or before *end* (a status due after the goal ended is not
    owed). Its state is OVERDUE once the due date has passed, DUE otherwise.
    """
    recorded = set(recorded_periods)
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    if end is not None:
        horizon = min(horizon, end)
    return [
        (status, DeadlineState.OVERDUE if status.due < today else DeadlineState.DUE)
        for status in goal_status_schedule(start, horizon)
        if status.period not in recorded
    ]


def period_for(start: date, on: date) -> int:
    """The period a målstatus recorded on *on* most naturally belongs to.

    The period whose due date is nearest; at least 1, since a status recorded before M1 is an
    early M1. On an exact tie the earlier period wins: being late for the previous status is
    more common than being six weeks early for the next.
    """
    months = (on.year - start.year) * 12 + (on.month - start.month)
    guess = months // MONTHS_PER_PERIOD
    best_period, best_distance = 1, abs((due_date(start, 1) - on).days)
    # The nearest due date is within one period of the month-based guess; look a little
    # wider so clamped month ends can never push it outside the window.
    for period in range(max(1, guess - 2), guess + 3):
        try:
            distance = abs((due_date(start, period) - on).days)
        except ValueError:  # beyond year 9999
            break
        if distance < best_distance:
            best_period, best_distance = period, distance
    return best_period
