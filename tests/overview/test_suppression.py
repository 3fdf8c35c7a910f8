"""The "< 5" rule hides a second row when one hidden row could be worked out from the total.

Facts are written by hand here: each department's citizens and goals are known without the
overview's code, so the expected hidden rows follow from the rule alone."""

from __future__ import annotations

import datetime as dt

from fko_desktop.overview import figures
from fko_desktop.overview.labels import Labels
from fko_desktop.overview.model import Dimension, FactKind, GoalFact, OverviewFilter, StatusPoint
from fko_desktop.overview.suppression import HIDDEN, SUPPRESSED, shown

ON = dt.date(2026, 3, 1)


def goals(department: str, citizens: int) -> list[GoalFact]:
    """One progression goal 3 → 1 (met) for each of ``citizens`` citizens of ``department``."""
    return [
        GoalFact(
            kind=FactKind.GOAL,
            unit_name="Enheden",
            citizen_key=f"{department}-{n}",
            department=department,
            area="adults",
            catalog="ics",
            domain_code="sundhed",
            domain_group="ics:sundhed",
            goal_type=None,
            baseline=3,
            target=1,
            statuses=(StatusPoint(ON, 1),),
            start_date=dt.date(2025, 1, 1),
            end_date=None,
        )
        for n in range(citizens)
    ]


def hidden(sizes: dict[str, int]) -> dict[str, bool]:
    facts = [fact for department, n in sizes.items() for fact in goals(department, n)]
    table = figures.outcome_table(facts, Dimension.DEPARTMENT, OverviewFilter(), Labels(), today=ON)
    return {row.label: row.suppressed for row in table.rows}


def test_one_small_department_takes_the_next_smallest_with_it() -> None:
    # Without the second, 13 − 5 − 6 would give Lille's 2 citizens back.
    assert hidden({"Lille": 2, "Mellem": 5, "Stor": 6}) == {"Lille": True, "Mellem": True, "Stor": False}


def test_two_small_departments_are_enough_on_their_own() -> None:
    assert hidden({"Lille": 2, "Lidt": 3, "Stor": 6}) == {"Lille": True, "Lidt": True, "Stor": False}


def test_no_small_department_hides_nothing() -> None:
    assert hidden({"Mellem": 5, "Stor": 6}) == {"Mellem": False, "Stor": False}


def test_the_small_row_prints_less_than_five_and_the_other_says_hidden() -> None:
    facts = goals("Lille", 2) + goals("Mellem", 5) + goals("Stor", 6)
    table = figures.outcome_table(facts, Dimension.DEPARTMENT, OverviewFilter(), Labels(), today=ON)
    lille, mellem, stor = table.rows
    assert shown(lille.goals, lille) == SUPPRESSED  # "< 5": it is small
    assert shown(mellem.goals, mellem) == HIDDEN  # "skjult": five is not fewer than five
    assert shown(stor.goals, stor) == 6 and shown(table.total.goals, table.total) == 13
