"""The målstatus rules every caller shares: a period owed is never skipped, the latest decides."""

import dataclasses
import datetime as dt

import pytest

from fko_desktop.errors import ValidationError
from fko_desktop.models import goal_status_rules as rules
from fko_desktop.models.outcome import Outcome
from fko_desktop.models.scores import NOT_ASSESSED

START = dt.date(2026, 7, 9)  # M1 due 09.10.2026, M2 09.01.2027


@dataclasses.dataclass
class Point:
    period: int
    score: object


def test_an_overdue_m1_is_proposed_before_m2():
    assert rules.next_period(START, [], dt.date(2026, 12, 2)) == 1  # M1 two months late
    # Nothing owed: M2's due date is the nearest.
    assert rules.next_period(START, [1], dt.date(2026, 12, 2)) == 2
    assert rules.next_period(START, [1, 2], dt.date(2027, 1, 5)) == 3


def test_with_nothing_owed_the_nearest_free_period_is_proposed():
    assert rules.next_period(START, [], dt.date(2026, 8, 1)) == 1  # early M1
    assert rules.next_period(START, [1], dt.date(2027, 1, 1)) == 2  # M2 due in 8 days: owed
    assert rules.next_period(START, [], dt.date(2026, 1, 1)) == 1  # before the start


def test_the_latest_period_decides_the_outcome_whatever_the_order():
    statuses = [Point(2, 1), Point(1, 3)]
    assert rules.latest(statuses).period == 2
    assert rules.outcome_so_far(3, 1, statuses) is Outcome.PROGRESSION_GOAL_MET  # M2's 1, not M1's 3
    assert rules.outcome_so_far(3, 1, []) is None
    assert rules.outcome_so_far(3, 1, [Point(1, NOT_ASSESSED)]) is None


@pytest.mark.parametrize(
    ("check", "value", "field"),
    [
        (rules.check_score, None, "score"),
        (rules.check_score, 7, "score"),
        (rules.check_period, 0, "period"),
        (rules.check_period, True, "period"),
        (rules.check_summary, "  ", "summary"),
        (rules.check_source, "ikke-en-kilde", "source_code"),
    ],
)
def test_each_check_refuses_with_the_field_it_concerns(check, value, field):
    with pytest.raises(ValidationError) as refused:
        check(value)
    assert refused.value.field == field


def test_a_status_before_the_goal_started_or_twice_for_a_period_is_refused():
    with pytest.raises(ValidationError, match="før målets startdato"):
        rules.check_date(START - dt.timedelta(days=1), START)
    with pytest.raises(ValidationError, match="M2 er allerede registreret"):
        rules.check_not_recorded(2, [1, 2])
