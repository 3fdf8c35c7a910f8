"""The rules a plan is made under: none for a citizen of 65 or over (an order only, seed 001),
and active only when every goal of its order has a sub-goal (DOMAIN.md, the FKO cycle)."""

from __future__ import annotations

import datetime as dt

import pytest

from fko_desktop.errors import ValidationError
from fko_desktop.models.enums import PlanState
from fko_desktop.ops import citizens, orders, plans
from fko_desktop.unit import Unit

OVER_65 = "Borgeren er over 65 år: der udarbejdes ikke handleplan, kun en FKO-bestilling."
#: Born 2 June 1960 (serial 1…: the 1900s): 64 on 1 June 2025, 65 the day after.
CPR_1960 = "020660-1234"
BIRTHDAY_EVE, BIRTHDAY = dt.date(2025, 6, 1), dt.date(2025, 6, 2)


@pytest.fixture
def elder(world):  # type: ignore[no-untyped-def]
    return citizens.create_citizen(
        world.unit, world.actor, name="Ib Ældre", cpr=CPR_1960, area="adults"
    ).value


def test_a_citizen_of_65_gets_no_plan_and_one_of_64_does(world, elder):
    assert plans.no_plan_reason(elder, BIRTHDAY_EVE) is None
    assert plans.no_plan_reason(elder, BIRTHDAY) == OVER_65
    assert plans.no_plan_reason(world.citizen, BIRTHDAY) is None  # Mads, born 2015
    # The rule is the adult area's: a child whose CPR reads as 1912 (serial 1…) is mistyped, not old.
    mistyped = citizens.create_citizen(
        world.unit, world.actor, name="Åse", cpr="290212-1234", area="children"
    )
    assert plans.no_plan_reason(mistyped.value, BIRTHDAY) is None

    with pytest.raises(ValidationError) as refused:
        plans.create_plan(world.unit, world.actor, elder.id, today=BIRTHDAY)
    assert refused.value.message == OVER_65 and refused.value.field == "citizen_id"
    with pytest.raises(ValidationError, match="over 65 år"):
        plans.save_plan_form(
            world.unit, world.actor, None, citizen_id=elder.id, today=BIRTHDAY, background="x"
        )
    assert plans.plans_for_citizen(world.unit, elder.id) == []  # refused whole: nothing stored

    made = plans.create_plan(world.unit, world.actor, elder.id, today=BIRTHDAY_EVE).value
    assert made.state is PlanState.DRAFT
    saved = plans.save_plan_form(
        world.unit, world.actor, None, citizen_id=elder.id, today=BIRTHDAY_EVE, background="Ib flyttede ind."
    ).value
    # An existing plan goes on being edited after the birthday: the rule is about making one.
    plans.save_plan_form(world.unit, world.actor, saved.id, today=BIRTHDAY, background="Ib bor her.")
    assert plans.plans_for_citizen(world.unit, elder.id)[0].background == "Ib bor her."


def test_the_facade_says_why_no_plan_is_made_today(world):
    facade = Unit(world.unit, world.actor)
    born_1940 = citizens.create_citizen(
        world.unit, world.actor, name="Else Gammel", cpr="010140-1234", area="adults"
    ).value
    assert facade.plans.no_plan_reason(born_1940.id) == OVER_65
    assert facade.plans.no_plan_reason(world.citizen.id) is None
    with pytest.raises(ValidationError, match="over 65 år"):
        facade.plans.save_form(None, citizen_id=born_1940.id, background="x")


def test_activation_needs_a_sub_goal_for_every_goal(world):
    child = citizens.create_citizen(
        world.unit, world.actor, name="Sofie Test", cpr="030316-4322", area="children"
    ).value
    order = orders.create_order(
        world.unit, world.actor, child.id, received_date=dt.date(2025, 3, 1),
        intervention_purpose="At Sofie trives.",
        goals=[
            orders.GoalInput("Sofie sover hele natten.", "sundhed", dt.date(2025, 3, 1), 3, 1),
            orders.GoalInput("Sofie leger med andre.", "fritid_og_venskaber", dt.date(2025, 3, 1), 2, 1),
        ],
    ).value  # fmt: skip
    sleep, play = sorted(order.goals, key=lambda g: g.position)
    plan = plans.create_plan(world.unit, world.actor, child.id, order_id=order.id).value

    with pytest.raises(ValidationError, match="mindst ét delmål") as refused:
        plans.activate_plan(world.unit, world.actor, plan.id)
    assert "Sofie sover" in refused.value.message and "Sofie leger" in refused.value.message

    plans.add_sub_goal(
        world.unit, world.actor, sleep.id, text="Fast sengetid.", start_date=dt.date(2025, 3, 2)
    )
    with pytest.raises(ValidationError) as refused:
        plans.activate_plan(world.unit, world.actor, plan.id)
    assert "Sofie leger" in refused.value.message and "Sofie sover" not in refused.value.message
    assert plans.plans_for_citizen(world.unit, child.id)[0].state is PlanState.DRAFT

    plans.add_sub_goal(world.unit, world.actor, play.id, text="Legeaftale.", start_date=dt.date(2025, 3, 2))
    assert plans.activate_plan(world.unit, world.actor, plan.id).value.state is PlanState.ACTIVE
