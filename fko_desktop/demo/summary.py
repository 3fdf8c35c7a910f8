"""``DemoSummary``, what ``build_demo`` reports having stored.

Its own module so the builder can return it without importing the package's ``__init__``,
which imports the builder (the package and its builder would import each other).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoSummary:
    """What ``build_demo`` stored."""

    citizens: int
    children: int
    adults: int
    ended_citizens: int
    staff: int
    orders: int
    goals: int
    sub_goals: int
    journal_notes: int
    diary_notes: int
    goal_statuses: int
    follow_ups: int
    follow_up_assessments: int
    use_of_force: int
    edited_notes: int
    withdrawn_notes: int
    aarhus_assessments: int = 0
    aarhus_factor_scores: int = 0
