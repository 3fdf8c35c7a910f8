"""An order's life: received, returned for reformulation, reformulated, accepted, replaced –
and the warnings an order brings when it does not fit the FKO cycle (seed 001)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fko_desktop.errors import ValidationError
from fko_desktop.exchange import apply_import, plan_import
from fko_desktop.models import Order
from fko_desktop.models.enums import OrderState
from fko_desktop.ops import citizens, orders
from fko_desktop.ops.order_life import REPLACED_REASON
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.unit import Unit
from tests.exchange.helpers import export, importer, make_keys, reread
from tests.unit_rows import file_state

START = dt.date(2025, 3, 1)
TODAY = dt.date(2025, 3, 10)
OVER_65 = "Borgeren er over 65 år: der udarbejdes ikke handleplan (FKO-bestilling som minimum)."


def goal(text: str = "Mads spiser morgenmad.", code: str = "sundhed", **kw) -> orders.GoalInput:  # type: ignore[no-untyped-def]
    return orders.GoalInput(text, code, START, **kw)


def stored(world, order_id: int) -> Order:  # type: ignore[no-untyped-def]
    return next(o for o in orders.orders_for_citizen(world.unit, world.citizen.id) if o.id == order_id)


def form_rows(world, **first_changes) -> list[orders.OrderFormGoal]:  # type: ignore[no-untyped-def]
    """The world's two goals as the order form shows them, ``first_changes`` applied to goal 1."""
    rows = []
    for number, existing in enumerate(world.goals):
        fields = dict(text=existing.text, baseline=existing.baseline, target=existing.target)
        if number == 0:
            fields.update(first_changes)
        entered = orders.GoalInput(domain_code=existing.domain_code, start_date=existing.start_date, **fields)
        rows.append(orders.OrderFormGoal(entered, existing.id))
    return rows


def adult(world, cpr: str = "010185-1234"):  # type: ignore[no-untyped-def]
    return citizens.create_citizen(world.unit, world.actor, name="Bente Voksen", cpr=cpr, area="adults").value


# -- accepting ------------------------------------------------------------------------------------


def test_accepting_records_the_day_and_returns_the_orders_warnings(world):
    result = orders.accept_order(world.unit, world.actor, world.order_id, today=TODAY)
    assert (result.value.state, result.value.accepted_date) == (OrderState.ACCEPTED, TODAY)
    assert result.warnings == ()
    row = Unit(world.unit, world.actor).orders.get(world.order_id)
    assert (row.state, row.accepted_date) == (OrderState.ACCEPTED, TODAY)


@pytest.mark.parametrize(
    ("goals", "message"),
    [
        ((), "Bestillingen har ingen indsatsmål og kan ikke godkendes."),
        (
            (goal(baseline=2, target=1), goal("Mads sover.", target=1), goal("Mads cykler.")),
            "Mål 2 mangler baseline; ret bestillingen, før den godkendes.",
        ),
        (
            (goal(baseline=2, target=1), goal("Mads cykler.")),
            "Mål 2 mangler baseline og målscore; ret bestillingen, før den godkendes.",
        ),
    ],
)
def test_an_order_without_complete_goals_is_not_accepted(world, goals, message):
    order = orders.create_order(world.unit, world.actor, world.citizen.id, goals=goals).value
    before = file_state(world.unit)
    with pytest.raises(ValidationError) as refused:
        orders.accept_order(world.unit, world.actor, order.id)
    assert refused.value.message == message and refused.value.field == "goals"
    assert file_state(world.unit) == before


def test_an_accepted_replaced_or_ended_order_is_not_accepted(world):
    orders.accept_order(world.unit, world.actor, world.order_id)
    with pytest.raises(ValidationError, match="^Bestillingen er allerede godkendt.$"):
        orders.accept_order(world.unit, world.actor, world.order_id)
    orders.create_order(
        world.unit, world.actor, world.citizen.id, replaces_order_id=world.order_id, goals=[goal(baseline=1)]
    )
    with pytest.raises(ValidationError, match="erstattet af ny bestilling og kan ikke godkendes"):
        orders.accept_order(world.unit, world.actor, world.order_id)
    ended = orders.create_order(world.unit, world.actor, world.citizen.id, goals=[goal()]).value
    with world.unit.write(world.actor) as session:
        session.get(Order, ended.id).state = OrderState.ENDED
    with pytest.raises(ValidationError, match="^Bestillingen er afsluttet og kan ikke godkendes.$"):
        orders.accept_order(world.unit, world.actor, ended.id)


# -- returned, reformulated, accepted -------------------------------------------------------------


def test_a_returned_order_is_reformulated_when_its_goals_are_saved_and_then_accepted(world):
    returned_on, reformulated_on = dt.date(2025, 1, 12), dt.date(2025, 1, 20)
    orders.return_for_reformulation(
        world.unit, world.actor, world.order_id, reason="Mål 2 er ikke SMART", returned_on=returned_on
    )
    # Only the order's own fields changed: still waiting for the caseworker's goals.
    orders.save_order_form(
        world.unit, world.actor, world.order_id, goals=form_rows(world), other_needs="Bostøtte", today=TODAY
    )
    assert (stored(world, world.order_id).state, stored(world, world.order_id).reformulated_date) == (
        OrderState.RETURNED,
        None,
    )
    rows = form_rows(world, text="Mads går i skole fem dage om ugen.")
    orders.save_order_form(world.unit, world.actor, world.order_id, goals=rows, today=reformulated_on)
    order = stored(world, world.order_id)
    assert (order.state, order.reformulated_date) == (OrderState.RECEIVED, reformulated_on)
    assert (order.returned_date, order.return_reason) == (returned_on, "Mål 2 er ikke SMART")
    accepted = orders.accept_order(world.unit, world.actor, world.order_id, today=TODAY).value
    assert (accepted.state, accepted.accepted_date, accepted.reformulated_date) == (
        OrderState.ACCEPTED,
        TODAY,
        reformulated_on,
    )


def test_an_added_goal_reformulates_a_returned_order_and_a_phone_answer_accepts_it_as_returned(world):
    orders.return_for_reformulation(
        world.unit, world.actor, world.order_id, reason="Uklart", returned_on=dt.date(2025, 1, 12)
    )
    rows = [*form_rows(world), orders.OrderFormGoal(goal(baseline=2, target=1))]
    orders.save_order_form(world.unit, world.actor, world.order_id, goals=rows, today=TODAY)
    assert stored(world, world.order_id).state is OrderState.RECEIVED
    other = orders.create_order(world.unit, world.actor, world.citizen.id, goals=[goal(baseline=2, target=1)])
    orders.return_for_reformulation(
        world.unit, world.actor, other.value.id, reason="Uklart", returned_on=dt.date(2025, 1, 12)
    )
    assert orders.accept_order(world.unit, world.actor, other.value.id).value.state is OrderState.ACCEPTED


# -- replaced -------------------------------------------------------------------------------------


def test_a_new_order_replaces_the_earlier_one_and_ends_its_open_goals(world):
    received = dt.date(2025, 6, 2)
    first, second = world.goals
    ended_before = dt.date(2025, 4, 1)
    orders.update_goal(
        world.unit,
        world.actor,
        second.id,
        goal(second.text, second.domain_code, end_date=ended_before, end_reason="Nået."),
    )
    newer = orders.create_order(
        world.unit,
        world.actor,
        world.citizen.id,
        replaces_order_id=world.order_id,
        received_date=received,
        goals=[goal(baseline=2, target=1)],
    ).value
    earlier = stored(world, world.order_id)
    assert earlier.state is OrderState.REPLACED and newer.replaces_order_id == world.order_id
    assert [(g.end_date, g.end_reason) for g in earlier.goals] == [
        (received, REPLACED_REASON),
        (ended_before, "Nået."),  # an ended goal keeps its own end
    ]
    row = Unit(world.unit, world.actor).orders.get(world.order_id)
    assert (row.replaced_by_id, row.replaced_on) == (newer.id, received)
    listed = next(
        o
        for o in Unit(world.unit, world.actor).orders.for_citizen(world.citizen.id)
        if o.id == first.order_id
    )
    assert listed.replaced_by_id == newer.id


def test_the_order_form_replaces_too_ending_goals_today_without_a_received_date(world):
    result = orders.save_order_form(
        world.unit,
        world.actor,
        None,
        citizen_id=world.citizen.id,
        replaces_order_id=world.order_id,
        goals=[orders.OrderFormGoal(goal(baseline=2, target=1))],
        received_date=None,
        today=TODAY,
    )
    earlier = stored(world, world.order_id)
    assert earlier.state is OrderState.REPLACED and result.value.replaces_order_id == world.order_id
    assert {(g.end_date, g.end_reason) for g in earlier.goals} == {(TODAY, REPLACED_REASON)}


def test_an_order_of_another_citizen_or_one_already_replaced_is_not_replaced(world):
    other = adult(world)
    before = file_state(world.unit)
    with pytest.raises(ValidationError, match="tilhører en anden borger"):
        orders.create_order(world.unit, world.actor, other.id, replaces_order_id=world.order_id)
    assert file_state(world.unit) == before
    orders.create_order(world.unit, world.actor, world.citizen.id, replaces_order_id=world.order_id)
    with pytest.raises(
        ValidationError, match="^Den bestilling, der erstattes, er allerede erstattet af en nyere.$"
    ):
        orders.save_order_form(
            world.unit, world.actor, None, citizen_id=world.citizen.id, replaces_order_id=world.order_id
        )


# -- services -------------------------------------------------------------------------------------


def test_the_order_form_replaces_the_services_in_the_same_save(world):
    services = [
        orders.ServiceInput("Længerevarende botilbud", legal_basis="SEL § 108", start_date=START),
        orders.ServiceInput("Aflastning", legal_basis="SEL § 84"),
    ]
    orders.save_order_form(world.unit, world.actor, world.order_id, goals=form_rows(world), services=services)
    assert [(s.name, s.legal_basis) for s in stored(world, world.order_id).services] == [
        ("Længerevarende botilbud", "SEL § 108"),
        ("Aflastning", "SEL § 84"),
    ]
    orders.save_order_form(
        world.unit, world.actor, world.order_id, goals=form_rows(world), services=services[1:]
    )
    assert [s.name for s in stored(world, world.order_id).services] == ["Aflastning"]
    before = file_state(world.unit)
    backwards = orders.ServiceInput("Aflastning", start_date=START, end_date=START - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="slutter før den starter") as refused:
        orders.save_order_form(
            world.unit, world.actor, world.order_id, goals=form_rows(world), services=[backwards]
        )
    assert refused.value.field == "services" and file_state(world.unit) == before


# -- warnings -------------------------------------------------------------------------------------


def test_an_order_received_more_than_14_days_after_the_meeting_warns(world):
    meeting = dt.date(2025, 2, 1)

    def received_after(days: int) -> tuple[str, ...]:
        return orders.create_order(
            world.unit,
            world.actor,
            world.citizen.id,
            meeting_date=meeting,
            received_date=meeting + dt.timedelta(days=days),
        ).warnings

    assert received_after(14) == ()
    assert received_after(18) == (
        "Bestillingen er modtaget 18 dage efter mødet; den skal være hos udfører senest 14 dage efter.",
    )


@pytest.mark.parametrize(
    ("name", "legal_basis", "warned"),
    [
        ("Ledsageordning", "SEL § 97", "(§ 97, ledsagelse)"),
        ("Merudgifter", "Serviceloven §100", "(§ 100, merudgifter)"),
        ("Ledsagelse til lægebesøg", "SEL § 85", "(§ 85, ledsagelse til ikke-selvvalgte aktiviteter)"),
        ("Specialundervisning for voksne", None, "(specialundervisning for voksne)"),
        ("Socialpædagogisk støtte", "SEL § 85", None),  # § 85 support itself is FKO's
        ("Længerevarende botilbud", "SEL § 108", None),
        ("Aktivitetstilbud", "SEL § 1007", None),
    ],
)
def test_an_adult_service_outside_fko_warns(world, name, legal_basis, warned):
    citizen = adult(world)
    warnings = orders.create_order(
        world.unit,
        world.actor,
        citizen.id,
        received_date=TODAY,
        services=[orders.ServiceInput(name, legal_basis=legal_basis)],
    ).warnings
    if warned is None:
        assert warnings == ()
    else:
        assert warnings == (f"Ydelsen »{name}« {warned} er ikke omfattet af FKO.",)


def test_a_childs_order_is_not_warned_about_adult_measures(world):
    services = [orders.ServiceInput("Specialundervisning", legal_basis="§ 97")]
    assert orders.create_order(world.unit, world.actor, world.citizen.id, services=services).warnings == ()


def test_a_citizen_of_65_on_the_received_date_gets_no_plan_warning(world):
    citizen = adult(world, cpr="010360-1234")  # 65 on 1 March 2025

    def warnings(received: dt.date) -> tuple[str, ...]:
        return orders.create_order(world.unit, world.actor, citizen.id, received_date=received).warnings

    assert warnings(dt.date(2025, 2, 28)) == ()
    assert warnings(dt.date(2025, 3, 1)) == (OVER_65,)


def test_the_order_form_and_accepting_return_the_warnings_too(world):
    citizen = adult(world, cpr="010150-1234")
    four = [orders.OrderFormGoal(goal(code=FFB_DOMAIN, baseline=2, target=1)) for _ in range(4)]
    saved = orders.save_order_form(
        world.unit, world.actor, None, citizen_id=citizen.id, goals=four, received_date=TODAY
    )
    assert len(saved.warnings) == 2 and "4 indsatsmål" in saved.warnings[0] and saved.warnings[1] == OVER_65
    assert (
        orders.accept_order(world.unit, world.actor, saved.value.id, today=TODAY).warnings == saved.warnings
    )


def test_an_imported_order_brings_its_warnings(world, tmp_path: Path):
    orders.update_order(world.unit, world.actor, world.order_id, meeting_date=dt.date(2024, 12, 1))
    keys = make_keys(tmp_path, "egely")
    provider = UnitFile.create(tmp_path / "egely.fko", "Bostedet Egely")
    try:
        bundle = reread(export(world.unit, world.actor, "order", world.citizen.id, keys), keys)
        with provider.read() as session:
            preview = plan_import(session, bundle).lines()
        assert any(line.startswith("Advarsel: Bestillingen er modtaget") for line in preview), preview
        result = apply_import(provider, importer(provider), bundle)
        assert any("dage efter mødet" in warning for warning in result.warnings)
        assert any(line.startswith("Advarsel: Bestillingen er modtaget") for line in result.value.lines)
    finally:
        provider.close()


#: An FFB goal domain (an adult's goals are FFB themes).
FFB_DOMAIN = "885400cc-dd71-479e-8993-3fc48fdd6710"
