from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko_desktop.models import deadlines
from fko_desktop.models.deadlines import (
    FOLLOW_UP_MONTHS,
    INVITATION_WEEKS,
    NEW_MEASURE_FOLLOW_UP_MONTHS,
    ORDER_DUE_DAYS,
    REFORMULATION_DAYS,
    STATUS_REPORT_DAYS_BEFORE,
    deadline_state,
    invitation_due,
    invitation_is_late,
    next_follow_up,
    order_due,
    order_is_late,
    reformulation_due,
    status_report_due,
    status_report_is_late,
)
from fko_desktop.models.schedule import DeadlineState

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


def test_constants_match_the_domain():
    assert ORDER_DUE_DAYS == 14
    assert REFORMULATION_DAYS == 14
    assert STATUS_REPORT_DAYS_BEFORE == 14
    assert INVITATION_WEEKS == 6
    assert FOLLOW_UP_MONTHS == {"children": 6, "adults": 12}
    assert NEW_MEASURE_FOLLOW_UP_MONTHS == 3


def test_follow_up_months_cannot_be_changed_by_accident():
    with pytest.raises(TypeError):
        FOLLOW_UP_MONTHS["children"] = 3  # type: ignore[index]


def test_simple_deadlines():
    meeting = date(2024, 3, 1)
    assert order_due(meeting) == date(2024, 3, 15)
    assert reformulation_due(date(2024, 12, 20)) == date(2025, 1, 3)
    assert status_report_due(date(2024, 6, 20)) == date(2024, 6, 6)
    assert invitation_due(date(2024, 6, 20)) == date(2024, 5, 9)


def test_deadlines_follow_their_constant(monkeypatch):
    # One place each: changing a constant changes the rule.
    monkeypatch.setattr(deadlines, "ORDER_DUE_DAYS", 10)
    assert order_due(date(2024, 3, 1)) == date(2024, 3, 11)
    monkeypatch.setattr(deadlines, "INVITATION_WEEKS", 4)
    assert invitation_due(date(2024, 6, 20)) == date(2024, 5, 23)


# --- next_follow_up -----------------------------------------------------------------------


@pytest.mark.parametrize("area", ["children", "adults"])
def test_first_follow_up_is_three_months_after_the_measure_starts(area):
    assert next_follow_up(area, measure_start=date(2024, 1, 31)) == date(2024, 4, 30)


def test_later_follow_ups():
    last = date(2024, 8, 31)
    assert next_follow_up("children", measure_start=date(2024, 1, 1), last_follow_up=last) == date(
        2025, 2, 28
    )
    assert next_follow_up("adults", measure_start=date(2024, 1, 1), last_follow_up=last) == date(2025, 8, 31)


@pytest.mark.parametrize("area", ["Children", "børn", "", "elderly"])
def test_unknown_area(area):
    with pytest.raises(ValueError):
        next_follow_up(area, measure_start=date(2024, 1, 1))


def test_next_follow_up_arguments_are_keyword_only():
    with pytest.raises(TypeError):
        next_follow_up("children", date(2024, 1, 1))  # type: ignore[misc]


# --- deadline_state -----------------------------------------------------------------------

TODAY = date(2024, 6, 1)


@pytest.mark.parametrize(
    "due, done, expected",
    [
        (date(2024, 5, 31), False, DeadlineState.OVERDUE),
        (date(2024, 6, 1), False, DeadlineState.DUE),
        (date(2024, 6, 15), False, DeadlineState.DUE),
        (date(2024, 6, 16), False, DeadlineState.UPCOMING),
        (date(2024, 5, 31), True, DeadlineState.DONE),
        (date(2024, 9, 1), True, DeadlineState.DONE),
    ],
)
def test_deadline_state(due, done, expected):
    assert deadline_state(due, TODAY, done=done) is expected


def test_deadline_state_soon_days():
    assert deadline_state(date(2024, 6, 3), TODAY, soon_days=0) is DeadlineState.UPCOMING
    assert deadline_state(date(2024, 6, 1), TODAY, soon_days=0) is DeadlineState.DUE
    assert deadline_state(date(2024, 7, 1), TODAY, soon_days=30) is DeadlineState.DUE
    with pytest.raises(ValueError):
        deadline_state(TODAY, TODAY, soon_days=-1)


@given(dates, dates, st.integers(0, 60))
def test_deadline_state_is_monotonic_in_time(due, today, soon):
    # As days pass, a deadline only moves UPCOMING → DUE → OVERDUE.
    order = [DeadlineState.UPCOMING, DeadlineState.DUE, DeadlineState.OVERDUE]
    now = order.index(deadline_state(due, today, soon_days=soon))
    later = order.index(deadline_state(due, today + timedelta(days=1), soon_days=soon))
    assert later >= now


# --- lateness -----------------------------------------------------------------------------


def test_order_is_late():
    meeting = date(2024, 3, 1)
    assert not order_is_late(meeting, date(2024, 3, 15))  # the last day is on time
    assert order_is_late(meeting, date(2024, 3, 16))
    assert not order_is_late(meeting, meeting)


def test_invitation_is_late():
    meeting = date(2024, 6, 20)
    assert not invitation_is_late(date(2024, 5, 9), meeting)  # exactly six weeks
    assert invitation_is_late(date(2024, 5, 10), meeting)
    assert not invitation_is_late(date(2024, 1, 1), meeting)


def test_status_report_is_late():
    meeting = date(2024, 6, 20)
    assert not status_report_is_late(date(2024, 6, 6), meeting)
    assert status_report_is_late(date(2024, 6, 7), meeting)


@given(dates, st.integers(-30, 60))
def test_order_lateness_agrees_with_the_due_date(meeting, days):
    received = meeting + timedelta(days=days)
    assert order_is_late(meeting, received) == (days > ORDER_DUE_DAYS)


@given(dates, st.integers(0, 120))
def test_invitation_lateness_agrees_with_the_due_date(meeting, days_ahead):
    sent = meeting - timedelta(days=days_ahead)
    assert invitation_is_late(sent, meeting) == (days_ahead < INVITATION_WEEKS * 7)
