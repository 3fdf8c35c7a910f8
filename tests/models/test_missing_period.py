"""A målstatus owed is never skipped: which periods are missing, which is owed, which comes next,
the days a period's notes come from, and how many notes gave each score (never an average)."""

import datetime as dt

from fko_desktop.models import goal_status_rules as rules
from fko_desktop.models.schedule import DeadlineState, StatusDue
from fko_desktop.models.scores import NOT_ASSESSED

START = dt.date(2026, 7, 9)  # M1 due 09.10.2026, M2 09.01.2027, M3 09.04.2027
TWO_MONTHS_LATE = dt.date(2026, 12, 2)


def test_m1_two_months_late_is_missing_and_owed():
    assert rules.missing_periods(START, [], TWO_MONTHS_LATE) == [StatusDue(1, dt.date(2026, 10, 9))]
    assert rules.owed_period(START, [], TWO_MONTHS_LATE) == 1
    assert rules.next_due(START, [], TWO_MONTHS_LATE) == StatusDue(2, dt.date(2027, 1, 9))


def test_m1_stays_missing_after_m2_is_recorded():
    on = dt.date(2027, 1, 12)
    states = rules.period_states(START, [2], on)
    assert [(s.period, s.state) for s in states] == [(1, DeadlineState.OVERDUE), (2, DeadlineState.DONE)]
    assert states[0].missing and not states[1].missing
    assert rules.missing_periods(START, [2], on) == [StatusDue(1, dt.date(2026, 10, 9))]
    # The editor and the core both still propose M1 first.
    assert rules.owed_period(START, [2], on) == 1
    assert rules.next_period(START, [2], on) == 1


def test_period_states_name_the_due_soon_and_leave_out_what_an_ended_goal_no_longer_owes():
    on = dt.date(2027, 1, 1)  # M2 due in 8 days
    assert [(s.period, s.state) for s in rules.period_states(START, [], on)] == [
        (1, DeadlineState.OVERDUE),
        (2, DeadlineState.DUE),
    ]
    # The goal ended before M2 was due: M2 is not owed, and not missing later either.
    ended = dt.date(2026, 12, 15)
    assert [s.period for s in rules.period_states(START, [], dt.date(2027, 6, 1), ended)] == [1]
    assert rules.next_due(START, [1], dt.date(2027, 6, 1), ended) is None
    # Nothing is missing before the first due date, and M1 is what comes next.
    assert rules.missing_periods(START, [], dt.date(2026, 8, 1)) == []
    assert rules.next_due(START, [], dt.date(2026, 8, 1)) == StatusDue(1, dt.date(2026, 10, 9))


def test_a_period_s_notes_come_from_the_previous_due_date_to_its_own():
    assert rules.period_span(START, 1) == (START, dt.date(2026, 10, 9))
    assert rules.period_span(START, 2) == (dt.date(2026, 10, 9), dt.date(2027, 1, 9))


def test_scores_are_counted_never_averaged():
    counted = rules.score_distribution([0, 1, 1, None, NOT_ASSESSED, 1, 0, 2])
    assert counted.counts() == [(0, 2), (1, 3), (2, 1), (NOT_ASSESSED, 1)]
    assert (counted.total, counted.scored, counted.without_score) == (8, 6, 1)
    assert not hasattr(counted, "mean") and not hasattr(counted, "average")
    assert rules.score_distribution([]).counts() == []
