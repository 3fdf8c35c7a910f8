"""The core's målstatus periods: a status without a period fills the earliest one owed, the
progress names the missing periods, and a period's evidence is its own notes by sub-goal."""

import datetime as dt

from fko_desktop.models.schedule import DeadlineState, due_date
from fko_desktop.ops import goal_status, journal, plans
from tests.world import START  # the world's goals start 15.01.2025: M1 15.04., M2 15.07.

UTC = dt.UTC


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=UTC)


def test_a_status_without_a_period_fills_the_missing_m1_not_m2(world):
    goal = world.goals[0]
    recorded = goal_status.record_goal_status(
        world.unit, world.actor, goal.id, score=2, summary="Sent.", assessed_on=dt.date(2025, 7, 14)
    ).value
    assert recorded.period == 1  # M2's date is nearest, but M1 was owed and is not skipped
    nxt = goal_status.record_goal_status(
        world.unit, world.actor, goal.id, score=2, summary="Til tiden.", assessed_on=dt.date(2025, 7, 16)
    ).value
    assert nxt.period == 2


def test_progress_keeps_m1_missing_after_m2_is_recorded(world):
    goal = world.goals[0]
    goal_status.record_goal_status(
        world.unit, world.actor, goal.id, score=1, summary="M2.", period=2, assessed_on=dt.date(2025, 7, 15)
    )
    progress = goal_status.goal_progress(world.unit, goal.id, today=dt.date(2025, 8, 1))
    assert [(p.period, p.state, p.missing) for p in progress.periods] == [
        (1, DeadlineState.OVERDUE, True),
        (2, DeadlineState.DONE, False),
    ]
    assert progress.start_date == START


def test_evidence_is_the_period_s_notes_grouped_by_sub_goal_with_counts(world):
    goal = world.goals[0]
    first = world.sub_goals[0]
    second = plans.add_sub_goal(
        world.unit, world.actor, goal.id, text="Mads pakker tasken.", start_date=START
    )
    second_id = second.value.id
    m1 = due_date(START, 1)
    journal.add_note(
        world.unit, world.actor, first.id, text="Mads før M1, a", score=1, observed_at=_at(START)
    )
    journal.add_note(
        world.unit, world.actor, second_id, text="Mads før M1, b", score=None, observed_at=_at(m1)
    )
    journal.add_note(
        world.unit,
        world.actor,
        first.id,
        text="Mads efter M1",
        score=3,
        observed_at=_at(m1 + dt.timedelta(1)),
    )

    late_m1 = goal_status.evidence_for_period(world.unit, goal.id, 1, today=dt.date(2025, 7, 10))
    assert (late_m1.since, late_m1.until) == (START, m1)  # M2 is owed too: M1 ends at its date
    assert [(g.sub_goal_id, [n.text for n in g.notes]) for g in late_m1.groups] == [
        (first.id, ["Mads før M1, a"]),
        (second_id, ["Mads før M1, b"]),
    ]
    assert late_m1.distribution.counts() == [(1, 1)] and late_m1.distribution.without_score == 1

    on_time_m1 = goal_status.evidence_for_period(world.unit, goal.id, 1, today=dt.date(2025, 4, 20))
    assert on_time_m1.until is None and len(on_time_m1.notes) == 3  # up to today while M1 is the last owed

    m2 = goal_status.evidence_for_period(world.unit, goal.id, 2, today=dt.date(2025, 7, 10))
    assert m2.since == m1 + dt.timedelta(days=1)
    assert [n.text for n in m2.notes] == ["Mads efter M1"] and m2.distribution.counts() == [(3, 1)]
