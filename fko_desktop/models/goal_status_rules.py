"""The rules of målstatus, in one place for the window, the core, the prints and the exchange.

A målstatus is the goal's score every three months (M1 = start + 3 months, …). What a valid
one is, which period the next one belongs to, and what the latest one says about the goal's
outcome are asked by the goal-status editor, ``ops.goal_status``, the bundle reader and the
status report alike; they all call these functions, so the answers cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Protocol

from fko_desktop.errors import ValidationError
from fko_desktop.models.outcome import Outcome, outcome_category
from fko_desktop.models.schedule import DUE_SOON_DAYS, goal_status_schedule, period_for
from fko_desktop.models.scores import Score, parse_score
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


def next_period(goal_start: date, recorded: Iterable[int], on: date) -> int:
    """The period a status recorded on ``on`` should get: the earliest one still owed.

    A period is owed when it is due by ``on`` plus the "due soon" window and has no status yet,
    so an M1 that was never recorded is proposed before M2 — never skipped. With nothing owed,
    the period nearest ``on`` that is still free (an early status for the next period).
    """
    taken = set(recorded)
    if on < goal_start:
        on = goal_start
    for status in goal_status_schedule(goal_start, on + timedelta(days=DUE_SOON_DAYS)):
        if status.period not in taken:
            return status.period
    period = period_for(goal_start, on)
    while period in taken:
        period += 1
    return period


def latest(statuses: Sequence[ScoredPeriod]) -> ScoredPeriod | None:
    """The status of the highest period (the latest word on the goal), if any."""
    return max(statuses, key=lambda status: status.period, default=None)


def outcome_so_far(
    baseline: Score | None, target: Score | None, statuses: Sequence[ScoredPeriod]
) -> Outcome | None:
    """The goal's outcome category from its latest målstatus (None before the first)."""
    found = latest(statuses)
    return outcome_category(baseline, target, found.score if found is not None else None)
