"""The overview's outcome figures, counted from facts: pure functions, no session.

Which goals a figure counts, for a filter with the period ``date_from``–``date_to``:

- A goal's *latest målstatus* is its latest one dated on or before ``date_to`` (any date
  without one), provided that one is dated on or after ``date_from``: a goal whose latest word
  is older than the period says nothing about the period. Its outcome is
  ``outcome_category(baseline, target, latest score)`` (``models.outcome``, the one rule).
- A goal *counts* in the outcome figures when it has such a latest målstatus, or when it owed
  one in the period and has none: a målstatus fell due (``models.schedule.due_date``) within
  the period — up to ``today`` when the period is open — and not after the goal ended. Such
  goals, and those whose latest score gives no category ("Ikke vurderet", a target worse than
  the baseline, a missing baseline), are the row's ``uncategorised``: the reader sees how much
  is missing. A goal that has owed nothing yet (started less than three months ago) is not
  counted at all: it is not a gap in the documentation.
- An Århus factor fact (``FactKind.AARHUS_FACTOR``) counts only with an assessment in the
  period: it has no quarterly schedule to owe one by.

``citizens`` of a row is the number of distinct ``citizen_key`` among its counted facts;
``suppressed`` follows ``suppression.is_small``. Quarter and year are those of the latest
målstatus ("2026-K3", "2026"); counted goals without one are the row "Ingen målstatus i
perioden" at the end, so the rows add up to the total.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from fko_desktop.models.outcome import Outcome, outcome_category
from fko_desktop.models.schedule import due_date
from fko_desktop.models.scores import Score, is_numeric

from .labels import NO_STATUS, TOTAL, Labels, danish_key
from .model import (
    CHANGE_STEPS,
    OUTCOME_ORDER,
    ChangeRow,
    ChangeTable,
    Dimension,
    FactKind,
    GoalFact,
    GoalState,
    OutcomeRow,
    OutcomeTable,
    Overview,
    OverviewFilter,
    PracticeTable,
    StatusPoint,
)
from .suppression import complementary, is_small

TOTAL_KEY = "total"


# -- one fact ----------------------------------------------------------------------------------


def latest_status(fact: GoalFact, filt: OverviewFilter) -> StatusPoint | None:
    """The latest målstatus on or before ``date_to``, if it is on or after ``date_from``."""
    for point in reversed(fact.statuses):
        if filt.date_to is not None and point.on > filt.date_to:
            continue
        if filt.date_from is not None and point.on < filt.date_from:
            return None
        return point
    return None


def outcome_of(fact: GoalFact, filt: OverviewFilter) -> Outcome | None:
    point = latest_status(fact, filt)
    return _category(fact.baseline, fact.target, point.score) if point is not None else None


def _category(baseline: Score | None, target: Score | None, current: Score | None) -> Outcome | None:
    """``outcome_category``, remembered: there are only a few dozen combinations of three
    scores, and a comparison of 20 units asks for them 100,000 times."""
    if isinstance(baseline, bool) or isinstance(target, bool) or isinstance(current, bool):
        return outcome_category(baseline, target, current)  # refused there; True is not 1
    return _remembered_category(baseline, target, current)


_remembered_category = functools.cache(outcome_category)


def change_of(fact: GoalFact, filt: OverviewFilter) -> int | None:
    """Baseline − latest målstatus (positive = better: lower is better); None unless both are
    levels 0–4."""
    point = latest_status(fact, filt)
    if point is None or not (is_numeric(fact.baseline) and is_numeric(point.score)):
        return None
    return fact.baseline - point.score


def owed_status(fact: GoalFact, filt: OverviewFilter, today: dt.date | None = None) -> bool:
    """Whether the goal had a målstatus fall due in the period (see the module docstring)."""
    if fact.kind is not FactKind.GOAL or fact.start_date is None:
        return False
    until = min(filt.date_to, today) if filt.date_to and today else filt.date_to or today
    if until is None:
        until = dt.date.today()
    if fact.end_date is not None:
        until = min(until, fact.end_date)
    period = 1
    while True:
        try:
            due = due_date(fact.start_date, period)
        except ValueError:
            return False
        if due > until:
            return False
        if filt.date_from is None or due >= filt.date_from:
            return True
        period += 1


def counts(fact: GoalFact, filt: OverviewFilter, today: dt.date | None = None) -> bool:
    """Whether the fact is counted in the outcome figures of the period."""
    return latest_status(fact, filt) is not None or owed_status(fact, filt, today)


# -- choosing facts ----------------------------------------------------------------------------


def _state_day(filt: OverviewFilter, today: dt.date | None) -> dt.date:
    return filt.date_to or today or dt.date.today()


def select(
    facts: Iterable[GoalFact], filt: OverviewFilter, *, today: dt.date | None = None
) -> list[GoalFact]:
    """The facts every filter field lets through (an empty set lets everything through).

    ACTIVE: no end date, or one after ``date_to`` (today when the period is open); ENDED: ended
    on or before that day."""
    day = _state_day(filt, today)
    chosen = []
    for fact in facts:
        if filt.departments and fact.department not in filt.departments:
            continue
        if filt.areas and fact.area not in filt.areas:
            continue
        if filt.catalogs and fact.catalog not in filt.catalogs:
            continue
        if filt.responsible_ids and fact.responsible_id not in filt.responsible_ids:
            continue
        if filt.units and fact.unit_name not in filt.units:
            continue
        ended = fact.end_date is not None and fact.end_date <= day
        if filt.goal_state is GoalState.ACTIVE and ended:
            continue
        if filt.goal_state is GoalState.ENDED and not ended:
            continue
        chosen.append(fact)
    return chosen


# -- grouping ------------------------------------------------------------------------------------


def quarter_key(day: dt.date) -> str:
    return f"{day.year}-K{(day.month - 1) // 3 + 1}"


def _key_of(by: Dimension, filt: OverviewFilter) -> Callable[[GoalFact], str]:
    def of_time(fact: GoalFact) -> str:
        point = latest_status(fact, filt)
        if point is None:
            return ""
        return quarter_key(point.on) if by is Dimension.QUARTER else str(point.on.year)

    keys: dict[Dimension, Callable[[GoalFact], str]] = {
        Dimension.DOMAIN: lambda f: f.domain_group,
        Dimension.DEPARTMENT: lambda f: f.department or "",
        Dimension.AREA: lambda f: f.area,
        Dimension.GOAL_TYPE: lambda f: f.goal_type or "",
        Dimension.RESPONSIBLE: lambda f: "" if f.responsible_id is None else str(f.responsible_id),
        Dimension.QUARTER: of_time,
        Dimension.YEAR: of_time,
        Dimension.UNIT: lambda f: f.unit_name,
    }
    return keys[by]


def _names(by: Dimension, keys: Iterable[str], labels: Labels) -> dict[str, str]:
    """The rows' names of one table: domains told apart where two catalogs share a name."""
    if by is Dimension.DOMAIN:
        return labels.domains(keys)
    return {key: label_of(by, key, labels) for key in keys}


def label_of(by: Dimension, key: str, labels: Labels) -> str:
    if by is Dimension.DOMAIN:
        return labels.domain(key)
    if by is Dimension.DEPARTMENT:
        return labels.department(key or None)
    if by is Dimension.AREA:
        return labels.area(key)
    if by is Dimension.GOAL_TYPE:
        return labels.goal_type(key or None)
    if by is Dimension.RESPONSIBLE:
        return labels.responsible(int(key) if key else None)
    if by in (Dimension.QUARTER, Dimension.YEAR):
        return key or NO_STATUS
    return labels.unit(key)


def sort_key(by: Dimension, key: str, labels: Labels) -> tuple[object, ...]:
    """Catalog order for domains, time for quarters and years, the areas' own order, else by
    name; the group without a value ("Uden afdeling", …) last."""
    if by is Dimension.DOMAIN:
        return (0, *labels.domain_sort(key))
    if not key:
        return (1,)
    if by in (Dimension.QUARTER, Dimension.YEAR):
        return (0, key)
    if by is Dimension.AREA:
        return (0, labels.area_sort(key))
    return (0, danish_key(label_of(by, key, labels)))


def _grouped(facts: Sequence[GoalFact], by: Dimension, filt: OverviewFilter) -> dict[str, list[GoalFact]]:
    key_of = _key_of(by, filt)
    groups: dict[str, list[GoalFact]] = defaultdict(list)
    for fact in facts:
        groups[key_of(fact)].append(fact)
    return groups


def _citizens(facts: Sequence[GoalFact]) -> int:
    # With the unit: two units' keys may coincide, and they are still two citizens.
    return len({(fact.unit_name, fact.citizen_key) for fact in facts})


_OutcomeOf = Callable[[GoalFact], "Outcome | None"]


def _memo(filt: OverviewFilter) -> _OutcomeOf:
    """``outcome_of`` remembered per fact: every table of one overview asks for each fact."""
    known: dict[int, Outcome | None] = {}

    def outcome(fact: GoalFact) -> Outcome | None:
        key = id(fact)
        if key not in known:
            known[key] = outcome_of(fact, filt)
        return known[key]

    return outcome


def outcome_row(
    key: str, label: str, facts: Sequence[GoalFact], filt: OverviewFilter, of: _OutcomeOf | None = None
) -> OutcomeRow:
    """One bar over already counted facts."""
    tally: Counter[Outcome] = Counter()
    uncategorised = 0
    for fact in facts:
        outcome = of(fact) if of is not None else outcome_of(fact, filt)
        if outcome is None:
            uncategorised += 1
        else:
            tally[outcome] += 1
    citizens = _citizens(facts)
    return OutcomeRow(
        key=key,
        label=label,
        counts={outcome: tally[outcome] for outcome in OUTCOME_ORDER},
        uncategorised=uncategorised,
        goals=len(facts),
        citizens=citizens,
        suppressed=is_small(citizens, filt),
        facts=tuple(facts),
    )


def outcome_table(
    facts: Iterable[GoalFact],
    by: Dimension,
    filt: OverviewFilter,
    labels: Labels,
    *,
    today: dt.date | None = None,
    memo: _OutcomeOf | None = None,
) -> OutcomeTable:
    """The six categories per group of ``by``, over the facts ``select`` and ``counts`` keep.
    Several tables over the same facts share one ``outcome_memo`` and work out each outcome once."""
    counted = counted_facts(facts, filt, today=today)
    return _outcome_table(counted, by, filt, labels, memo or _memo(filt))


def outcome_memo(filt: OverviewFilter) -> _OutcomeOf:
    """Each fact's outcome under ``filt``, worked out once and remembered (``outcome_table``)."""
    return _memo(filt)


def counted_facts(
    facts: Iterable[GoalFact], filt: OverviewFilter, *, today: dt.date | None = None
) -> list[GoalFact]:
    """The facts the outcome figures count: selected, and counted in the period."""
    return [fact for fact in select(facts, filt, today=today) if counts(fact, filt, today)]


def _outcome_table(
    counted: Sequence[GoalFact], by: Dimension, filt: OverviewFilter, labels: Labels, of: _OutcomeOf
) -> OutcomeTable:
    groups = _grouped(counted, by, filt)
    names = _names(by, groups, labels)
    rows = tuple(
        outcome_row(key, names[key], groups[key], filt, of)
        for key in sorted(groups, key=lambda k: sort_key(by, k, labels))
    )
    total = outcome_row(TOTAL_KEY, TOTAL, counted, filt, of)
    return OutcomeTable(by, complementary(rows, total), total)


def change_row(key: str, label: str, facts: Sequence[GoalFact], filt: OverviewFilter) -> ChangeRow:
    tally: Counter[int] = Counter()
    kept = []
    for fact in facts:
        change = change_of(fact, filt)
        if change is not None:
            tally[change] += 1
            kept.append(fact)
    citizens = _citizens(kept)
    return ChangeRow(
        key=key,
        label=label,
        counts={step: tally[step] for step in CHANGE_STEPS},
        goals=len(kept),
        citizens=citizens,
        suppressed=is_small(citizens, filt),
        facts=tuple(kept),
    )


def change_table(
    facts: Iterable[GoalFact], filt: OverviewFilter, labels: Labels, *, today: dt.date | None = None
) -> ChangeTable:
    """How far the goals moved from baseline to latest målstatus, per domain; goals without a
    numeric baseline and latest score are left out (they have no distance to show)."""
    with_change = [fact for fact in select(facts, filt, today=today) if change_of(fact, filt) is not None]
    groups = _grouped(with_change, Dimension.DOMAIN, filt)
    names = labels.domains(groups)
    rows = tuple(
        change_row(key, names[key], groups[key], filt)
        for key in sorted(groups, key=lambda k: sort_key(Dimension.DOMAIN, k, labels))
    )
    total = change_row(TOTAL_KEY, TOTAL, with_change, filt)
    return ChangeTable(Dimension.DOMAIN, complementary(rows, total), total)


def is_aarhus(fact: GoalFact) -> bool:
    return fact.kind is FactKind.AARHUS_FACTOR or fact.catalog == "aarhus"


def factors_by_year(
    facts: Iterable[GoalFact], filt: OverviewFilter, labels: Labels, *, today: dt.date | None = None
) -> dict[str, OutcomeTable]:
    """Seed 003 Figure 9: per year of the latest assessment (målstatus), the Århus factors'
    outcome categories; the Århus schema assessments and the goals on Århus factors alike."""
    chosen = [
        f for f in select(facts, filt, today=today) if is_aarhus(f) and latest_status(f, filt) is not None
    ]
    by_year = _grouped(chosen, Dimension.YEAR, filt)
    tables = {}
    for year in sorted(by_year):
        groups = _grouped(by_year[year], Dimension.DOMAIN, filt)
        names = labels.domains(groups)
        rows = tuple(
            outcome_row(key, names[key], groups[key], filt)
            for key in sorted(groups, key=lambda k: sort_key(Dimension.DOMAIN, k, labels))
        )
        tables[year] = OutcomeTable(
            Dimension.DOMAIN, rows, outcome_row(TOTAL_KEY, TOTAL, by_year[year], filt)
        )
    return tables


def build_overview(
    facts: Iterable[GoalFact],
    filt: OverviewFilter,
    *,
    unit_name: str,
    made_on: dt.date,
    labels: Labels,
    practice_by_department: PracticeTable | None = None,
    practice_by_responsible: PracticeTable | None = None,
) -> Overview:
    """Every outcome figure for ``filt`` (``made_on`` is "today" for goals still owing).

    The outcome and change figures count the goals; the Århus schema's factors, assessed
    between two assessments, are not goals and are counted apart (``factors_by_year``), so
    "mål" in a figure always means an indsatsmål."""
    facts = list(facts)
    goals = [fact for fact in facts if fact.kind is FactKind.GOAL]
    counted, of = counted_facts(goals, filt, today=made_on), _memo(filt)
    outcomes: Mapping[Dimension, OutcomeTable] = {
        by: _outcome_table(counted, by, filt, labels, of) for by in Dimension
    }
    return Overview(
        unit_name=unit_name,
        filter=filt,
        made_on=made_on,
        outcomes=outcomes,
        changes=change_table(goals, filt, labels, today=made_on),
        factors_by_year=factors_by_year(facts, filt, labels, today=made_on),
        practice_by_department=practice_by_department,
        practice_by_responsible=practice_by_responsible,
    )


def with_departments(filt: OverviewFilter, departments: Iterable[str]) -> OverviewFilter:
    return dataclasses.replace(filt, departments=frozenset(departments))
