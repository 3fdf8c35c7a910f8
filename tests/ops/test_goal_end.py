"""A goal ends with a date and a reason; after it, the goal owes no målstatus."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from fko_desktop.errors import ValidationError
from fko_desktop.ops import deadlines, orders
from tests.unit_rows import file_state


def _stored_input(world, goal_id):
    return orders._stored_goal_input(orders.get_goal(world.unit, goal_id))


def test_an_ended_goal_keeps_its_reason_and_owes_no_more_status(world):
    goal = world.goals[0]
    today = dt.date(2026, 1, 20)
    owed = [d for d in deadlines.unit_deadlines(world.unit, today) if d.goal_id == goal.id]
    assert owed  # M1..M3 of a goal started 15.01.2025 are overdue
    ended = dataclasses.replace(
        _stored_input(world, goal.id), end_date=dt.date(2025, 3, 1), end_reason="Erstattet af ny bestilling."
    )
    orders.update_goal(world.unit, world.actor, goal.id, ended)
    stored = orders.get_goal(world.unit, goal.id)
    assert (stored.end_date, stored.end_reason) == (dt.date(2025, 3, 1), "Erstattet af ny bestilling.")
    assert [d for d in deadlines.unit_deadlines(world.unit, today) if d.goal_id == goal.id] == []


@pytest.mark.parametrize(
    ("end_date", "reason", "field", "message"),
    [
        (dt.date(2025, 3, 1), "  ", "end_reason", "Skriv hvorfor målet afsluttes."),
        (dt.date(2024, 12, 31), "Nået.", "end_date", "Slutdatoen ligger før målets startdato."),
        (None, "Nået.", "end_date", "Angiv slutdatoen for et afsluttet mål."),
    ],
)
def test_an_end_without_its_reason_or_before_the_start_is_refused(world, end_date, reason, field, message):
    goal = world.goals[0]
    before = file_state(world.unit)
    wanted = dataclasses.replace(_stored_input(world, goal.id), end_date=end_date, end_reason=reason)
    with pytest.raises(ValidationError) as refused:
        orders.update_goal(world.unit, world.actor, goal.id, wanted)
    assert (refused.value.field, refused.value.message) == (field, message)
    assert file_state(world.unit) == before
