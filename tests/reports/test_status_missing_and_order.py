"""The prints say when a målstatus is missing, the status report numbers the current order's
goals as that order does (a replaced order's goals after, marked), and an adult's status report
carries the authority's support need."""

from __future__ import annotations

import datetime as dt

from fko_desktop.ops import citizens, follow_up, goal_status, orders, plans
from tests.reports.conftest import render
from tests.world import build_world

START = dt.date(2026, 7, 9)  # M1 due 09.10.2026, M2 09.01.2027
TWO_MONTHS_LATE = dt.date(2026, 12, 2)
MODERATE = "401a397b-b3aa-4ca3-8b23-bd8f99dd3f76"  # FFB "Moderat støttebehov"
HIGH = "b99a0790-4d70-4152-b149-3fe58b745583"  # FFB "Højt støttebehov"
SHOPPING = "b947f321-7cdb-4b33-9653-f3ff800572b0"  # an FFB Aktivitet og deltagelse sub-theme


def _child_goal(unit, start: dt.date = START):  # type: ignore[no-untyped-def]
    world = build_world(unit)
    child = citizens.create_citizen(
        unit, world.actor, name="Sofie Mangler", cpr="020316-4322", area="children", intake_date=start
    ).value
    order = orders.create_order(
        unit, world.actor, child.id, received_date=start, intervention_purpose="At Sofie trives.",
        goals=[orders.GoalInput("Sofie spiser morgenmad hver dag.", "sundhed", start, baseline=3, target=1)],
    ).value  # fmt: skip
    goal = order.goals[0]
    plans.add_sub_goal(unit, world.actor, goal.id, text="Sofie står op til vækning.", start_date=start)
    return world, child, goal


def test_status_report_states_the_missing_m1_before_and_after_m2(unit):
    world, child, goal = _child_goal(unit)
    text = render(unit, "status", child.id, today=TWO_MONTHS_LATE).text
    assert "Manglende målstatus: M1 (09.10.2026) ikke registreret." in text
    assert "Mangler = målstatus ikke registreret: M1 (09.10.2026)." in text  # under the graph

    goal_status.record_goal_status(
        unit, world.actor, goal.id, score=2, summary="Sofie spiser oftere.", period=2,
        assessed_on=dt.date(2027, 1, 9),
    )  # fmt: skip
    text = render(unit, "status", child.id, today=dt.date(2027, 1, 20)).text
    assert "M2 09.01.2027" in text
    assert "M1 (09.10.2026) ikke registreret" in text  # still missing: never silently gone
    # A period recorded is not called missing.
    assert "M2 (09.01.2027) ikke registreret" not in text


def test_citizen_view_says_plainly_that_the_first_status_is_late(unit):
    _world, child, _goal = _child_goal(unit)
    text = render(unit, "citizen", child.id, today=TWO_MONTHS_LATE).text
    assert "Den første målstatus skulle have været givet 09.10.2026 og mangler endnu." in text
    assert "kommer" not in text.split("Sofie spiser morgenmad hver dag.", 1)[1]


def test_citizen_view_says_when_the_first_status_comes_while_it_is_ahead(unit):
    _world, child, _goal = _child_goal(unit, dt.date(2026, 11, 1))
    text = render(unit, "citizen", child.id, today=TWO_MONTHS_LATE).text
    assert (
        "Der er ikke givet en målstatus endnu. Den første kommer 01.02.2027, tre måneder efter at "
        "målet er startet."
    ) in text
    assert "mangler" not in text


def test_citizen_view_after_m2_names_the_missing_m1(unit):
    world, child, goal = _child_goal(unit)
    goal_status.record_goal_status(
        unit, world.actor, goal.id, score=2, summary="x", period=2, assessed_on=dt.date(2027, 1, 9)
    )
    text = render(unit, "citizen", child.id, today=dt.date(2027, 1, 20)).text
    assert "Seneste målstatus er M2 fra 09.01.2027: 2." in text
    assert "Målstatus M1 skulle have været givet 09.10.2026 og mangler endnu." in text


def test_current_order_goals_come_first_with_its_numbers_and_the_replaced_ones_after(unit):
    world = build_world(unit)  # order of 10.01.2025: two goals from 15.01.2025
    goal_status.record_goal_status(
        unit, world.actor, world.goals[0].id, score=2, summary="Tre dage om ugen.",
        assessed_on=dt.date(2025, 4, 15),
    )  # fmt: skip
    new_goals = ("Mads møder til tiden.", "Mads spiser med ved aftensmaden.", "Mads cykler selv i skole.")
    orders.create_order(
        unit, world.actor, world.citizen.id, replaces_order_id=world.order_id,
        received_date=dt.date(2025, 5, 1), intervention_purpose="Ny bestilling.",
        goals=[orders.GoalInput(t, "skole_og_laering", dt.date(2025, 5, 1), baseline=2, target=1)
               for t in new_goals],
    )  # fmt: skip
    text = render(
        unit, "status", world.citizen.id, period_from=dt.date(2025, 4, 1), period_to=dt.date(2025, 6, 30)
    ).text
    places = [text.index(f"Indsatsmål {n} {t}") for n, t in enumerate(new_goals, start=1)]
    assert places == sorted(places)
    old = text.index("Indsatsmål 1 (tidligere bestilling af 10.01.2025) Mads går i skole fire dage om ugen.")
    assert old > places[-1]  # the replaced order's goal comes after the current ones
    assert "Indsatsmål 4" not in text and "Indsatsmål 2 (tidligere" not in text


def _adult(unit, support_need_code: str | None):  # type: ignore[no-untyped-def]
    world = build_world(unit)
    adult = citizens.create_citizen(
        unit, world.actor, name="Søren Voksen", cpr="050570-2345", area="adults",
        intake_date=dt.date(2025, 11, 1),
    ).value  # fmt: skip
    orders.create_order(
        unit, world.actor, adult.id, received_date=dt.date(2026, 1, 5), support_need_code=support_need_code,
        intervention_purpose="At Søren klarer flere gøremål selv.",
        goals=[orders.GoalInput("Søren handler selv ind.", SHOPPING, dt.date(2026, 1, 5),
                                baseline=3, target=1)],
    )  # fmt: skip
    return world, adult


def test_adults_status_report_states_the_support_need_from_the_order(unit):
    _world, adult = _adult(unit, MODERATE)
    text = render(unit, "status", adult.id, today=TWO_MONTHS_LATE).text
    assert "Støttebehov Moderat støttebehov (ifølge bestillingen af 05.01.2026)" in text


def test_a_held_follow_up_s_support_need_is_the_latest_word(unit):
    world, adult = _adult(unit, MODERATE)
    follow_up.record_follow_up(
        unit, world.actor, adult.id, meeting_date=dt.date(2026, 6, 1), held=True,
        support_need_code=HIGH, agreements="Mere støtte til indkøb.", today=TWO_MONTHS_LATE,
    )  # fmt: skip
    text = render(unit, "status", adult.id, today=TWO_MONTHS_LATE).text
    assert "Støttebehov Højt støttebehov (fastsat ved opfølgningen 01.06.2026)" in text


def test_adult_without_a_support_need_is_told_so_and_children_get_no_such_row(unit):
    world, adult = _adult(unit, None)
    assert "Støttebehov Ikke angivet af myndigheden" in render(unit, "status", adult.id).text
    assert "Støttebehov" not in render(unit, "status", world.citizen.id).text.split("Indsatsformål")[0]
