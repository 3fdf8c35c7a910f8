"""The small unit most tests start from: one pædagog, one child, an order with two goals
(ICS), one sub-goal per goal — built through the operations, as a user would.

Built once per test session (``build_template``) and copied for each test (``open_copy``):
a copied file is the same unit as a freshly built one, in a fraction of the time."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

from sqlalchemy import select

from fko_desktop.models import Actor, Citizen, InterventionGoal, StaffMember, SubGoal
from fko_desktop.models.enums import StaffRole
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

    @property
    def order_id(self) -> int:
        return self.goals[0].order_id

    @property
    def staff_id(self) -> int:
        assert self.actor.staff_id is not None
        return self.actor.staff_id


def build_world(unit: UnitFile, *, second_goal_scores: tuple[object, object] = (2, 2)) -> World:
    member = staff.add_staff(
        unit,
        Actor(None, "test"),
        name="Anna Hansen",
        initials="ah",
        title="Pædagog",
        # The tests do a leder's and an administrator's work too (approve plans, settings,
        # keys); the role boundaries have their own tests (tests/ops/test_permissions.py).
        role=StaffRole.ADMINISTRATOR,
    ).value
    actor = staff.actor_for(member)
    citizen = citizens.create_citizen(
        unit, actor, name="Mads Testesen", cpr="010215-4321", area="children", intake_date=dt.date(2025, 1, 5)
    ).value
    baseline, target = second_goal_scores
    order = orders.create_order(
        unit,
        actor,
        citizen.id,
        meeting_date=dt.date(2025, 1, 2),
        received_date=dt.date(2025, 1, 10),
        intervention_purpose="At Mads trives og går i skole.",
        goals=[
            orders.GoalInput(
                "Mads går i skole fire dage om ugen.", "skole_og_laering", START, baseline=3, target=1
            ),
            orders.GoalInput(
                "Mads har en fast ven.", "fritid_og_venskaber", START, baseline=baseline, target=target
            ),
        ],
    ).value
    goals = sorted(order.goals, key=lambda g: g.position)
    sub_goals = [
        plans.add_sub_goal(unit, actor, goal.id, text=f"Delmål for {goal.text}", start_date=START).value
        for goal in goals
    ]
    return World(unit, actor, citizen, goals, sub_goals)


@dataclasses.dataclass(frozen=True)
class Template:
    """A closed, built unit file and the ids of its records, to be copied for each test."""

    path: Path
    staff_id: int
    citizen_id: int
    goal_ids: tuple[int, ...]
    sub_goal_ids: tuple[int, ...]


def build_template(path: Path) -> Template:
    unit = UnitFile.create(path, "Egely")
    try:
        world = build_world(unit)
        return Template(
            path,
            world.staff_id,
            world.citizen.id,
            tuple(g.id for g in world.goals),
            tuple(s.id for s in world.sub_goals),
        )
    finally:
        unit.close()


def open_copy(template: Template, path: Path) -> World:
    """Copy the template to ``path``, open it and load the world's records from the copy."""
    shutil.copyfile(template.path, path)
    unit = UnitFile.open(path)
    with unit.read() as session:
        member = session.scalars(select(StaffMember).where(StaffMember.id == template.staff_id)).one()
    return World(
        unit,
        staff.actor_for(member),
        citizens.get_citizen(unit, template.citizen_id),
        [orders.get_goal(unit, goal_id) for goal_id in template.goal_ids],
        [plans.get_sub_goal(unit, sub_goal_id) for sub_goal_id in template.sub_goal_ids],
    )
