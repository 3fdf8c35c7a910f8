import dataclasses
import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko_desktop.models.schedule import (
    DUE_SOON_DAYS,
    DeadlineState,
    StatusDue,
    add_months,
    due_date,
    goal_status_schedule,
    open_statuses,
    period_for,
)

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


# --- add_months ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, n, expected",
    [
        (date(2024, 1, 15), 1, date(2024, 2, 15)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2024, 12, 31), 12, date(2025, 12, 31)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 5, 31), -3, date(2024, 2, 29)),
        (date(2024, 1, 10), -1, date(2023, 12, 10)),
        (date(2024, 1, 10), 0, date(2024, 1, 10)),
    ],
)
def test_add_months(start, n, expected):
    assert add_months(start, n) == expected


def test_add_months_out_of_range():
    with pytest.raises(ValueError):
        add_months(date(9999, 12, 1), 1)
    with pytest.raises(ValueError):
        add_months(date(1, 1, 1), -1)


@given(dates, st.integers(-240, 240))
def test_add_months_lands_in_the_right_month(d, n):
    result = add_months(d, n)
    assert (result.year * 12 + result.month) - (d.year * 12 + d.month) == n
    assert result.day <= d.day
    # Clamping only happens when the day does not exist in the target month.
    if result.day < d.day:
        assert (result + timedelta(days=1)).month != result.month


@given(dates, st.integers(-120, 120))
def test_add_months_keeps_days_up_to_28(d, n):
    d = d.replace(day=min(d.day, 28))
    assert add_months(d, n).day == d.day
    assert add_months(add_months(d, n), -n) == d


# --- schedule -----------------------------------------------------------------------------


def test_status_due_label_and_immutability():
    status = StatusDue(3, date(2024, 1, 1))
    assert status.label == "M3"
    with pytest.raises(dataclasses.FrozenInstanceError):
        status.period = 4  # type: ignore[misc]


def test_schedule_from_month_end_does_not_drift():
    schedule = goal_status_schedule(date(2023, 11, 30), date(2025, 1, 1))
    assert [(s.label, s.due) for s in schedule] == [
        ("M1", date(2024, 2, 29)),
        ("M2", date(2024, 5, 30)),  # back on the 30th: computed from the start, not chained
        ("M3", date(2024, 8, 30)),
        ("M4", date(2024, 11, 30)),
    ]


def test_schedule_includes_until():
    schedule = goal_status_schedule(date(2024, 1, 15), date(2024, 7, 15))
    assert [s.due for s in schedule] == [date(2024, 4, 15), date(2024, 7, 15)]


def test_schedule_empty_before_first_status():
    assert goal_status_schedule(date(2024, 1, 15), date(2024, 4, 14)) == []
    assert goal_status_schedule(date(2024, 1, 15), date(2023, 1, 1)) == []


def test_due_date_rejects_period_zero():
    with pytest.raises(ValueError):
        due_date(date(2024, 1, 1), 0)


@given(dates, st.integers(0, 2000))
def test_schedule_properties(start, days):
    until = start + timedelta(days=days)
    schedule = goal_status_schedule(start, until)
    assert [s.period for s in schedule] == list(range(1, len(schedule) + 1))
    assert all(s.due == add_months(start, 3 * s.period) for s in schedule)
    assert all(start < s.due <= until for s in schedule)
    assert all(a.due < b.due for a, b in itertools.pairwise(schedule))
    # Nothing missing at the end.
    assert add_months(start, 3 * (len(schedule) + 1)) > until


# --- DeadlineState ------------------------------------------------------------------------


def test_deadline_state_labels():
    assert {s: s.label for s in DeadlineState} == {
        DeadlineState.OVERDUE: "Overskredet",
        DeadlineState.DUE: "Snart",
        DeadlineState.UPCOMING: "Kommende",
        DeadlineState.DONE: "Udført",
    }


# --- open_statuses ------------------------------------------------------------------------

START = date(2024, 1, 15)  # M1 2024-04-15, M2 2024-07-15, M3 2024-10-15, M4 2025-01-15


def _labels(result):
    return [(s.label, state) for s, state in result]


def test_nothing_open_long_before_m1():
    assert open_statuses(START, set(), date(2024, 3, 31)) == []


def test_due_from_fourteen_days_before():
    assert DUE_SOON_DAYS == 14
    assert _labels(open_statuses(START, set(), date(2024, 4, 1))) == [("M1", DeadlineState.DUE)]


def test_due_on_the_day_itself():
    assert _labels(open_statuses(START, set(), date(2024, 4, 15))) == [("M1", DeadlineState.DUE)]


def test_overdue_the_day_after():
    assert _labels(open_statuses(START, set(), date(2024, 4, 16))) == [("M1", DeadlineState.OVERDUE)]


def test_recorded_periods_are_not_open_and_result_is_sorted():
    today = date(2024, 10, 5)
    assert _labels(open_statuses(START, {2}, today)) == [
        ("M1", DeadlineState.OVERDUE),
        ("M3", DeadlineState.DUE),
    ]
    assert open_statuses(START, {1, 2, 3}, today) == []


def test_recorded_periods_may_be_any_iterable():
    assert _labels(open_statuses(START, [1], date(2024, 4, 20))) == []


def test_ended_goal_owes_nothing_after_its_end():
    result = open_statuses(START, set(), date(2025, 6, 1), end=date(2024, 9, 1))
    assert _labels(result) == [("M1", DeadlineState.OVERDUE), ("M2", DeadlineState.OVERDUE)]


def test_status_due_on_the_end_date_is_owed():
    result = open_statuses(START, set(), date(2024, 8, 1), end=date(2024, 7, 15))
    assert [s.label for s, _ in result] == ["M1", "M2"]


@given(dates, st.integers(0, 1500), st.sets(st.integers(1, 20)))
def test_open_statuses_properties(start, days, recorded):
    today = start + timedelta(days=days)
    result = open_statuses(start, recorded, today)
    for status, state in result:
        assert status.period not in recorded
        assert status.due <= today + timedelta(days=DUE_SOON_DAYS)
        assert state is (DeadlineState.OVERDUE if status.due < today else DeadlineState.DUE)
    assert [s.due for s, _ in result] == sorted(s.due for s, _ in result)
    # Complete: every unrecorded period up to the horizon is there.
    horizon = goal_status_schedule(start, today + timedelta(days=DUE_SOON_DAYS))
    assert {s.period for s, _ in result} == {s.period for s in horizon} - recorded


# --- period_for ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "on, period",
    [
        (date(2023, 12, 1), 1),  # before the start: still M1
        (date(2024, 1, 15), 1),
        (date(2024, 4, 1), 1),  # early M1
        (date(2024, 4, 15), 1),
        (date(2024, 5, 20), 1),  # late M1
        (date(2024, 6, 20), 2),  # early M2
        (date(2024, 7, 15), 2),
        (date(2025, 1, 10), 4),
    ],
)
def test_period_for(on, period):
    assert period_for(START, on) == period


def test_period_for_tie_goes_to_the_earlier_period():
    # An exact tie needs an even gap: M1 2024-08-01 and M2 2024-11-01 are 92 days apart.
    start = date(2024, 5, 1)
    assert period_for(start, date(2024, 9, 16)) == 1  # 46 days either side
    assert period_for(start, date(2024, 9, 17)) == 2


@given(dates, st.integers(-400, 3000))
def test_period_for_is_the_nearest_due_date(start, offset):
    on = start + timedelta(days=offset)
    period = period_for(start, on)
    assert period >= 1
    distance = abs((add_months(start, 3 * period) - on).days)
    for k in range(1, (max(offset, 0) // 89) + 4):
        other = abs((add_months(start, 3 * k) - on).days)
        assert distance < other or (distance == other and period <= k)


@given(dates, st.integers(1, 40))
def test_a_status_recorded_on_its_due_date_belongs_to_it(start, period):
    assert period_for(start, add_months(start, 3 * period)) == period
