"""A fresh, open unit with one staff member and one child with an order of two goals."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from fko_desktop.models import Actor, Citizen, InterventionGoal, SubGoal
from fko_desktop.ops import citizens, orders, plans, staff
from fko_desktop.storage.unitfile import UnitFile

START = dt.date(2025, 1, 15)


@dataclasses.dataclass
class World:
    unit: UnitFile
    actor: Actor
    citizen: Citizen
    goals: list[InterventionGoal]
    sub_goals: list[SubGoal]


@pytest.fixture
def unit(tmp_path, monkeypatch) -> Iterator[UnitFile]:
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    opened = UnitFile.create(tmp_path / "enhed.fko", "Egely")
    yield opened
    opened.close()


@pytest.fixture
def world(unit: UnitFile) -> World:
    member = staff.add_staff(unit, Actor(None, "test"), name="Anna Hansen", initials="ah", title="Pædagog").value
    actor = staff.actor_for(member)
    citizen = citizens.create_citizen(
        unit, actor, name="Mads Testesen", cpr="010215-4321", area="children", intake_date=dt.date(2025, 1, 5)
    ).value
    order = orders.create_order(
        unit,
        actor,
        citizen.id,
        meeting_date=dt.date(2025, 1, 2),
        received_date=dt.date(2025, 1, 10),
        intervention_purpose="At Mads trives og går i skole.",
        goals=[
            orders.GoalInput("Mads går i skole fire dage om ugen.", "skole_og_laering", START, baseline=3, target=1),
            orders.GoalInput("Mads har en fast ven.", "fritid_og_venskaber", START, baseline=2, target=2),
        ],
    ).value
    sub_goals = [
        plans.add_sub_goal(unit, actor, goal.id, text=f"Delmål for {goal.text}", start_date=START).value
        for goal in order.goals
    ]
    return World(unit, actor, citizen, list(order.goals), sub_goals)
