"""The rules of målstatus, in one place for the window, the core, the prints and the exchange.

A målstatus is the goal's score every three months (M1 = start + 3 months, …). What a valid
one is, which period the next one belongs to, and what the latest one says about the goal's
outcome are asked by the goal-status editor, ``ops.goal_status``, the bundle reader and the
status report alike; they all call these functions, so the answers cannot drift apart.

The same goes for a period that is *missing* (its due date passed with no status): the editor
proposes it first, the window's graph and both prints mark it, and it stays missing whatever
later period is recorded meanwhile. And for the evidence's scores: counted per score, never
averaged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from fko_desktop.errors import ValidationError
from fko_desktop.models.outcome import Outcome, outcome_category
from fko_desktop.models.schedule import (
    DUE_SOON_DAYS,
    DeadlineState,
    StatusDue,
    due_date,
    goal_status_schedule,
    period_for,
)
from fko_desktop.models.scores import NOT_ASSESSED, SCORE_VALUES, Score, is_numeric, parse_score
from fko_desktop.models.validation import require_text


class ScoredPeriod(Protocol):
    """Anything with a period and a score: a stored status, a row, a point of a graph."""

    @property
    def period(self) -> int: ...

    @property
    def score(self) -> Score | None: ...


def check_score(value: object) -> Score:
    """A målstatus's score: 0–4 or "Ikke vurderet", never empty."""
    parsed = parse_score(value)
    if parsed is None:
        raise ValidationError("Målstatus skal have en score 0–4 eller »Ikke vurderet«.", field="score")
    return parsed


def check_summary(text: str | None) -> str:
    return require_text(text, "summary", "Opsummering")


def check_source(source_code: str | None) -> str | None:
    """Who assessed (FFB "Kilde"): a code of the CareSocial catalog, or none given."""
    from fko_desktop.models.catalogs import load_catalog  # the catalog loads on first use

    if source_code is not None and source_code not in load_catalog("care_social").set("assessment_sources"):
        raise ValidationError(f"»{str(source_code)[:40]}« er ikke en gyldig kilde.", field="source_code")
    return source_code


def check_period(period: object) -> int:
    if not isinstance(period, int) or isinstance(period, bool) or period < 1:
        raise ValidationError("Perioden skal være M1 eller senere.", field="period")
    return period


def check_date(assessed_on: date, goal_start: date) -> date:
    if assessed_on < goal_start:
        raise ValidationError("Målstatus kan ikke ligge før målets startdato.", field="assessed_on")
    return assessed_on


def check_not_recorded(period: int, recorded: Iterable[int]) -> None:
    if period in set(recorded):
        raise ValidationError(
            f"M{period} er allerede registreret for dette mål; ret den i stedet.", field="period"
        )


def owed_period(goal_start: date, recorded: Iterable[int], on: date, end: date | None = None) -> int | None:
    """The earliest period still owed on ``on``: due by ``on`` plus the "due soon" window (and,
    for a goal that has ended, due by its end date) with no status yet. None: nothing owed."""
    taken = set(recorded)
    horizon = max(on, goal_start) + timedelta(days=DUE_SOON_DAYS)
    if end is not None:
        horizon = min(horizon, end)
    for status in goal_status_schedule(goal_start, horizon):
        if status.period not in taken:
            return status.period
    return None


def next_period(goal_start: date, recorded: Iterable[int], on: date) -> int:
    """The period a status recorded on ``on`` should get: the earliest one still owed.

    A period is owed when it is due by ``on`` plus the "due soon" window and has no status yet,
    so an M1 that was never recorded is proposed before M2 — never skipped. With nothing owed,
    the period nearest ``on`` that is still free (an early status for the next period).
    """
    taken = set(recorded)
    owed = owed_period(goal_start, taken, on)
    if owed is not None:
        return owed
    period = period_for(goal_start, max(on, goal_start))
    while period in taken:
        period += 1
    return period


@dataclass(frozen=True)
class PeriodState:
    """Where one period of a goal's schedule stands on a given day.

    DONE: recorded; OVERDUE: its due date has passed with no status, so it is *missing* (the
    window's graph, the status report and the citizen's view say so); DUE: due within the
    "due soon" window; UPCOMING: later.
    """

    period: int
    due: date
    state: DeadlineState

    @property
    def label(self) -> str:
        return f"M{self.period}"

    @property
    def missing(self) -> bool:
        return self.state is DeadlineState.OVERDUE


def period_states(
    goal_start: date, recorded: Iterable[int], on: date, end: date | None = None
) -> list[PeriodState]:
    """M1 … the later of the highest recorded period and the last one owed by ``on``.

    A period due after the goal ended is not owed: it is left out unless it was recorded.
    """
    taken = set(recorded)
    horizon = on + timedelta(days=DUE_SOON_DAYS)
    if end is not None:
        horizon = min(horizon, end)
    last_owed = max((s.period for s in goal_status_schedule(goal_start, horizon)), default=0)
    states = []
    for period in range(1, max(last_owed, max(taken, default=0)) + 1):
        try:
            due = due_date(goal_start, period)
        except ValueError:  # beyond year 9999
            break
        if period in taken:
            state = DeadlineState.DONE
        elif end is not None and due > end:
            continue
        elif due < on:
            state = DeadlineState.OVERDUE
        elif due <= on + timedelta(days=DUE_SOON_DAYS):
            state = DeadlineState.DUE
        else:
            state = DeadlineState.UPCOMING
        states.append(PeriodState(period, due, state))
    return states


def missing_periods(
    goal_start: date, recorded: Iterable[int], on: date, end: date | None = None
) -> list[StatusDue]:
    """The periods whose due date has passed by ``on`` without a status, oldest first."""
    return [StatusDue(s.period, s.due) for s in period_states(goal_start, recorded, on, end) if s.missing]


def next_due(
    goal_start: date, recorded: Iterable[int], on: date, end: date | None = None
) -> StatusDue | None:
    """The first period not recorded whose due date is ``on`` or later (None past the goal's end)."""
    taken = set(recorded)
    period = 1
    while True:
        try:
            due = due_date(goal_start, period)
        except ValueError:
            return None
        if end is not None and due > end:
            return None
        if due >= on and period not in taken:
            return StatusDue(period, due)
        period += 1


def period_span(goal_start: date, period: int) -> tuple[date, date]:
    """The days a period's notes come from: from the previous period's due date (the goal's
    start for M1) to this period's due date."""
    since = goal_start if period <= 1 else due_date(goal_start, period - 1)
    return since, due_date(goal_start, period)


@dataclass(frozen=True)
class ScoreDistribution:
    """How many notes gave each score. Scores are levels, not amounts, so they are counted,
    never averaged (the prints say so too)."""

    levels: tuple[int, ...]  # the count of each of SCORE_VALUES
    not_assessed: int
    without_score: int

    @property
    def total(self) -> int:
        return sum(self.levels) + self.not_assessed + self.without_score

    @property
    def scored(self) -> int:
        return sum(self.levels)

    def counts(self) -> list[tuple[Score, int]]:
        """(score, how many) for each score given at least once, 0 … 4 then "Ikke vurderet"."""
        found: list[tuple[Score, int]] = [(v, n) for v, n in zip(SCORE_VALUES, self.levels, strict=True) if n]
        if self.not_assessed:
            found.append((NOT_ASSESSED, self.not_assessed))
        return found


def score_distribution(scores: Iterable[Score | None]) -> ScoreDistribution:
    levels = dict.fromkeys(SCORE_VALUES, 0)
    not_assessed = without = 0
    for score in scores:
        if score is None:
            without += 1
        elif score is NOT_ASSESSED:
            not_assessed += 1
        elif is_numeric(score):
            levels[score] += 1
    return ScoreDistribution(tuple(levels[v] for v in SCORE_VALUES), not_assessed, without)


def latest(statuses: Sequence[ScoredPeriod]) -> ScoredPeriod | None:
    """The status of the highest period (the latest word on the goal), if any."""
    return max(statuses, key=lambda status: status.period, default=None)


def outcome_so_far(
    baseline: Score | None, target: Score | None, statuses: Sequence[ScoredPeriod]
) -> Outcome | None:
    """The goal's outcome category from its latest målstatus (None before the first)."""
    found = latest(statuses)
    return outcome_category(baseline, target, found.score if found is not None else None)
