import datetime as dt

import pytest

from fko_desktop.errors import InvalidScore, ValidationError
from fko_desktop.models.enums import OrderState, PlanState
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.ops import orders, plans

START = dt.date(2025, 3, 1)


def goal(text="Mål", code="sundhed", **kw):
    return orders.GoalInput(text, code, START, **kw)


def test_order_with_goals_round_trips_codes_and_scores(world):
    order = orders.create_order(
        world.unit,
        world.actor,
        world.citizen.id,
        received_date=dt.date(2025, 3, 1),
        intervention_purpose="Formål",
        goals=[goal("Spiser morgenmad", baseline=4, target=NOT_ASSESSED, goal_type_code="udvikling")],
        services=[orders.ServiceInput("Anbringelse", legal_basis="SEL § 66")],
    )
    assert order.warnings == ()
    loaded = orders.orders_for_citizen(world.unit, world.citizen.id)[0]
    stored = loaded.goals[0]
    assert (stored.domain_catalog, stored.domain_code, stored.baseline, stored.target) == (
        "ics",
        "sundhed",
        4,
        NOT_ASSESSED,
    )
    assert loaded.services[0].legal_basis == "SEL § 66"


def test_more_than_three_goals_warns_but_stores(world):
    result = orders.create_order(
        world.unit, world.actor, world.citizen.id, goals=[goal(f"Mål {i}") for i in range(4)]
    )
    assert len(result.warnings) == 1 and "4 indsatsmål" in result.warnings[0]
    stored = [o for o in orders.orders_for_citizen(world.unit, world.citizen.id) if o.id == result.value.id]
    assert len(stored[0].goals) == 4


@pytest.mark.parametrize(
    "bad, error",
    [
        (dict(baseline=5), InvalidScore),
        (dict(code="skole"), ValidationError),  # not an ICS dimension
        (dict(code="885400cc-dd71-479e-8993-3fc48fdd6710"), ValidationError),  # FFB code on a child
        (dict(text="   "), ValidationError),
        (
            dict(goal_type_code="d41c8072-52f8-42b5-9375-ddbea454d27f"),
            ValidationError,
        ),  # FFB type on ICS goal
    ],
)
def test_bad_goal_refuses_the_whole_order(world, bad, error):
    before = len(orders.orders_for_citizen(world.unit, world.citizen.id))
    with pytest.raises(error):
        orders.create_order(world.unit, world.actor, world.citizen.id, goals=[goal("God"), goal(**bad)])
    assert len(orders.orders_for_citizen(world.unit, world.citizen.id)) == before


def test_return_for_reformulation_and_revised_order(world):
    first = world.goals[0].order_id
    returned = orders.return_for_reformulation(
        world.unit, world.actor, first, reason="Mål 1 er ikke målbart", returned_on=dt.date(2025, 1, 12)
    ).value
    assert returned.state is OrderState.RETURNED
    revised = orders.create_order(
        world.unit, world.actor, world.citizen.id, replaces_order_id=first, goals=[goal()]
    ).value
    states = {o.id: o.state for o in orders.orders_for_citizen(world.unit, world.citizen.id)}
    assert states[first] is OrderState.REPLACED and states[revised.id] is OrderState.RECEIVED


def test_plan_is_active_only_when_every_goal_has_a_sub_goal(world):
    order = orders.create_order(world.unit, world.actor, world.citizen.id, goals=[goal("A"), goal("B")]).value
    plan = plans.create_plan(
        world.unit, world.actor, world.citizen.id, order_id=order.id, background="Baggrund"
    ).value
    with pytest.raises(ValidationError, match="mindst ét delmål"):
        plans.activate_plan(world.unit, world.actor, plan.id)
    for g in order.goals:
        plans.add_sub_goal(world.unit, world.actor, g.id, text="Delmål", start_date=START)
    assert plans.activate_plan(world.unit, world.actor, plan.id).value.state is PlanState.ACTIVE


def test_plan_contexts_store_the_four_fields(world):
    plan = plans.create_plan(world.unit, world.actor, world.citizen.id).value
    plans.set_plan_context(
        world.unit,
        world.actor,
        plan.id,
        "familieforhold",
        resources_and_challenges="Tæt på mor",
        evaluation=" ",
    )
    plans.set_plan_context(
        world.unit, world.actor, plan.id, "familieforhold", support_need="Samvær hver 14. dag"
    )
    with pytest.raises(ValidationError):
        plans.set_plan_context(world.unit, world.actor, plan.id, "ukendt", support_need="x")
    (context,) = plans.plans_for_citizen(world.unit, world.citizen.id)[0].contexts
    assert (context.resources_and_challenges, context.support_need, context.evaluation) == (
        "Tæt på mor",
        "Samvær hver 14. dag",
        None,
    )


def test_sub_goal_dates_and_evaluations(world):
    sub_goal = world.sub_goals[0]
    with pytest.raises(ValidationError, match="før startdatoen"):
        plans.update_sub_goal(world.unit, world.actor, sub_goal.id, end_date=dt.date(2020, 1, 1))
    plans.add_sub_goal_evaluation(
        world.unit, world.actor, sub_goal.id, evaluated_on=dt.date(2025, 5, 1), text="Går godt"
    )
    loaded = plans.get_sub_goal(world.unit, sub_goal.id)
    assert loaded.end_date is None
    assert [(e.evaluated_on, e.text) for e in loaded.evaluations] == [(dt.date(2025, 5, 1), "Går godt")]
