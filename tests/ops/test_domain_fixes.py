"""Issue 12, point 8: a planned move-out keeps the deadlines until that date; a CPR number with a
birth date still to come is refused; the Århus schema is chosen per child, never for an adult."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from sqlalchemy import select

from fko_desktop.cli import main
from fko_desktop.errors import BundleError, InvalidCpr, ValidationError
from fko_desktop.exchange import apply_import, read_bundle
from fko_desktop.models import Citizen, InterventionGoal
from fko_desktop.models.citizen import (
    DEFAULT_OUTCOME_SCHEMA,
    OutcomeSchema,
    lives_here_on,
    outcome_schema_for,
)
from fko_desktop.models.cpr import birth_date, parse_citizen_cpr
from fko_desktop.ops import citizens, follow_up, orders
from fko_desktop.ops.deadlines import unit_deadlines
from fko_desktop.ops.info import unit_info
from fko_desktop.storage.unitfile import UnitFile
from tests.exchange.helpers import export, importer, make_keys, reread, reseal, resources
from tests.unit_rows import file_state
from tests.world import START, World

# The world's two goals start 15.01.2025: M1 is due 15.04.2025, M2 15.07.2025; the first
# follow-up is owed three months after the measure started (15.04.2025).


def shown(unit: UnitFile, today: dt.date) -> list[tuple[str, str]]:
    return [(d.kind, d.due.isoformat()) for d in unit_deadlines(unit, today)]


def move_out(world: World, on: dt.date | None) -> None:
    citizens.update_citizen(world.unit, world.actor, world.citizen.id, end_date=on)


# -- 1. a planned move-out --------------------------------------------------------------------------


def test_living_here_ends_on_the_move_out_date():
    day = dt.date(2025, 7, 5)
    assert lives_here_on(None, day)
    assert lives_here_on(dt.date(2025, 7, 6), day)
    assert not lives_here_on(day, day)  # the move-out day itself: moved out
    assert not lives_here_on(dt.date(2025, 7, 1), day)


def test_a_future_move_out_keeps_the_deadlines_up_to_that_date(world):
    today = dt.date(2025, 7, 5)  # M1 and the follow-up overdue, M2 (15.07) due within two weeks
    everything = shown(world.unit, today)
    assert sorted(everything) == sorted(
        [
            ("goal_status", "2025-04-15"),
            ("goal_status", "2025-04-15"),
            ("follow_up_due", "2025-04-15"),
            ("goal_status", "2025-07-15"),
            ("goal_status", "2025-07-15"),
        ]
    )
    move_out(world, dt.date(2025, 7, 15))  # M2 falls due on the move-out date: still owed
    assert sorted(shown(world.unit, today)) == sorted(everything)
    move_out(world, dt.date(2025, 7, 10))  # M2 would fall due after the move-out: not owed
    assert sorted(shown(world.unit, today)) == [
        ("follow_up_due", "2025-04-15"),
        ("goal_status", "2025-04-15"),
        ("goal_status", "2025-04-15"),
    ]


def test_a_citizen_who_has_moved_out_has_no_deadlines_not_even_overdue_ones(world):
    today = dt.date(2025, 7, 5)
    move_out(world, today)
    assert shown(world.unit, today) == []
    move_out(world, dt.date(2025, 6, 1))
    assert shown(world.unit, today) == []
    assert unit_deadlines(world.unit, today, citizen_id=world.citizen.id) == []


def test_a_planned_meeting_after_the_move_out_asks_nothing_of_the_unit(world):
    follow_up.record_follow_up(
        world.unit,
        world.actor,
        world.citizen.id,
        meeting_date=dt.date(2025, 7, 18),
        today=dt.date(2025, 7, 1),
    )
    today = dt.date(2025, 7, 5)
    assert ("follow_up_meeting", "2025-07-18") in shown(world.unit, today)
    move_out(world, dt.date(2025, 7, 12))
    kinds = shown(world.unit, today)
    assert ("follow_up_meeting", "2025-07-18") not in kinds
    # The status report for it was due 04.07, before the move-out: still shown.
    assert ("status_report", "2025-07-04") in kinds


def test_the_citizen_list_and_the_count_keep_a_citizen_until_the_move_out(world):
    today = dt.date.today()
    move_out(world, today + dt.timedelta(days=30))
    assert [c.id for c in citizens.list_citizens(world.unit, active=True)] == [world.citizen.id]
    assert citizens.list_citizens(world.unit, active=False) == []
    assert unit_info(world.unit)["active_citizens"] == 1
    later = today + dt.timedelta(days=30)
    assert citizens.list_citizens(world.unit, active=True, today=later) == []
    assert [c.id for c in citizens.list_citizens(world.unit, active=False, today=later)] == [world.citizen.id]
    move_out(world, today)
    assert unit_info(world.unit)["active_citizens"] == 0


def test_fko_deadlines_keeps_a_future_move_out(world, capsys):
    path = world.unit.path
    world.unit.close()

    def listed() -> list[tuple[str, str]]:
        assert main(["deadlines", str(path), "--today", "2025-08-01", "--json"]) == 0
        return [(d["kind"], d["due"]) for d in json.loads(capsys.readouterr().out)["deadlines"]]

    def moving(on: dt.date) -> None:
        with UnitFile.open(path) as unit:
            citizens.update_citizen(unit, world.actor, world.citizen.id, end_date=on)

    everything = listed()
    assert len(everything) == 5  # M1 and M2 of both goals, the first follow-up
    moving(dt.date(2025, 8, 10))
    assert listed() == everything
    moving(dt.date(2025, 7, 31))
    assert listed() == []
    world.unit = UnitFile.open(path)  # the fixture closes it


# -- 2. a CPR number with a birth date still to come ------------------------------------------------


def test_a_cpr_number_born_in_the_future_is_refused_by_the_rule():
    today = dt.date(2026, 12, 3)
    assert birth_date("010150-5123") == dt.date(2050, 1, 1)  # serial 5xxx, year 50: 2050
    with pytest.raises(InvalidCpr) as refused:
        parse_citizen_cpr("010150-5123", today)
    assert refused.value.field == "cpr"
    assert refused.value.message == (
        "CPR-nummeret (010150-…) giver fødselsdatoen 01.01.2050, som ligger i fremtiden."
    )
    assert "\n" not in refused.value.message
    assert parse_citizen_cpr("0101505123", dt.date(2050, 1, 1)) == "010150-5123"  # born today
    assert parse_citizen_cpr("010150-1234", today) == "010150-1234"  # 1950
    assert parse_citizen_cpr("031226-4321", today) == "031226-4321"  # born today, 2026
    with pytest.raises(InvalidCpr):
        parse_citizen_cpr("041226-4321", today)  # tomorrow


def test_creating_or_editing_a_citizen_with_a_future_birth_date_changes_nothing(world):
    before = file_state(world.unit)
    with pytest.raises(ValidationError) as refused:
        citizens.create_citizen(
            world.unit, world.actor, name="Ida Fremtid", cpr="010150-5123", area="children"
        )
    assert refused.value.field == "cpr" and "01.01.2050" in refused.value.message
    with pytest.raises(ValidationError) as refused:
        citizens.update_citizen(world.unit, world.actor, world.citizen.id, cpr="010150-5123", name="Ny")
    assert refused.value.field == "cpr"
    assert file_state(world.unit) == before
    # The same number on a day it is in the past is an ordinary number.
    made = citizens.create_citizen(
        world.unit, world.actor, name="Ida", cpr="010150-5123", area="children", today=dt.date(2051, 1, 1)
    ).value
    assert citizens.get_citizen(world.unit, made.id).cpr == "010150-5123"


def test_the_demo_never_makes_a_citizen_born_after_its_today(demo_path):
    connection = sqlite3.connect(f"file:{demo_path}?mode=ro", uri=True)
    try:
        cprs = [row[0] for row in connection.execute("SELECT cpr FROM citizen")]
    finally:
        connection.close()
    assert len(cprs) == 6
    assert all(birth_date(cpr) <= dt.date(2026, 11, 23) for cpr in cprs)  # the demo's today


# -- 3. the Århus schema per child -------------------------------------------------------------------


def test_the_schema_rule():
    assert outcome_schema_for("children", None) is DEFAULT_OUTCOME_SCHEMA is OutcomeSchema.BOERN_OG_FAMILIE
    assert outcome_schema_for("children", "unge") is OutcomeSchema.UNGE
    assert outcome_schema_for("adults", None) is None
    with pytest.raises(ValidationError) as refused:
        outcome_schema_for("adults", "handicap")
    assert refused.value.field == "outcome_schema" and "VUM/FFB" in refused.value.message
    with pytest.raises(ValidationError) as refused:
        outcome_schema_for("children", "voksne")
    assert refused.value.field == "outcome_schema" and "»unge« (Unge)" in refused.value.message


def test_every_schema_is_a_code_set_of_the_aarhus_catalog():
    from fko_desktop.models.catalogs import load_catalog

    assert set(load_catalog("aarhus").sets) == {s.value for s in OutcomeSchema}


def test_a_child_chooses_a_schema_and_an_adult_has_none(world):
    assert citizens.get_citizen(world.unit, world.citizen.id).outcome_schema is OutcomeSchema.BOERN_OG_FAMILIE
    young = citizens.create_citizen(
        world.unit, world.actor, name="Emil Ung", cpr="020309-4233", area="children", outcome_schema="unge"
    ).value
    adult = citizens.create_citizen(
        world.unit, world.actor, name="Åse Voksen", cpr="120380-1234", area="adults"
    )
    assert citizens.get_citizen(world.unit, young.id).outcome_schema is OutcomeSchema.UNGE
    assert citizens.get_citizen(world.unit, adult.value.id).outcome_schema is None
    before = file_state(world.unit)
    with pytest.raises(ValidationError) as refused:
        citizens.create_citizen(
            world.unit, world.actor, name="Bo", cpr="120381-1235", area="adults", outcome_schema="handicap"
        )
    assert refused.value.field == "outcome_schema"
    with pytest.raises(ValidationError):
        citizens.update_citizen(world.unit, world.actor, adult.value.id, outcome_schema="unge")
    assert file_state(world.unit) == before
    # Moving areas: the adult's area takes the schema away, the children's gives the default.
    citizens.update_citizen(world.unit, world.actor, young.id, area="adults")
    assert citizens.get_citizen(world.unit, young.id).outcome_schema is None
    citizens.update_citizen(world.unit, world.actor, young.id, area="children")
    assert citizens.get_citizen(world.unit, young.id).outcome_schema is OutcomeSchema.BOERN_OG_FAMILIE


def aarhus_goal(code: str) -> orders.GoalInput:
    return orders.GoalInput(
        "Emil holder sig fra hash.", code, START, baseline=3, target=1, domain_catalog="aarhus"
    )


def test_an_aarhus_goal_takes_its_factor_from_the_childs_own_schema(world):
    # "Misbrug" is a factor of the young people's schema only.
    with pytest.raises(ValidationError) as refused:
        orders.create_order(world.unit, world.actor, world.citizen.id, goals=[aarhus_goal("misbrug")])
    assert refused.value.field == "domain_code"
    citizens.update_citizen(world.unit, world.actor, world.citizen.id, outcome_schema="unge")
    order = orders.create_order(
        world.unit, world.actor, world.citizen.id, goals=[aarhus_goal("misbrug")]
    ).value
    assert [(g.domain_catalog, g.domain_code) for g in order.goals] == [("aarhus", "misbrug")]
    # The schema is not changed under the goal, nor the child moved to the adults' area.
    before = file_state(world.unit)
    with pytest.raises(ValidationError) as refused:
        citizens.update_citizen(world.unit, world.actor, world.citizen.id, outcome_schema="handicap")
    assert refused.value.field == "outcome_schema" and "Emil holder sig fra hash." in refused.value.message
    with pytest.raises(ValidationError) as refused:
        citizens.update_citizen(world.unit, world.actor, world.citizen.id, area="adults")
    assert refused.value.field == "area"
    assert file_state(world.unit) == before


def test_an_adult_is_never_given_an_aarhus_goal(world):
    adult = citizens.create_citizen(
        world.unit, world.actor, name="Åse", cpr="120380-1234", area="adults"
    ).value
    with pytest.raises(ValidationError) as refused:
        orders.create_order(world.unit, world.actor, adult.id, goals=[aarhus_goal("livsduelighed")])
    assert refused.value.field == "domain_code" and "VUM/FFB" in refused.value.message


def test_an_order_bundle_carries_the_childs_schema(world, tmp_path):
    citizens.update_citizen(world.unit, world.actor, world.citizen.id, outcome_schema="unge")
    orders.create_order(world.unit, world.actor, world.citizen.id, goals=[aarhus_goal("misbrug")])
    keys = make_keys(tmp_path, "egely")
    data = export(world.unit, world.actor, "order", world.citizen.id, keys)
    with UnitFile.create(tmp_path / "egely.fko", "Bostedet Egely") as provider:
        apply_import(provider, importer(provider), reread(data, keys))
        with provider.read() as session:
            citizen = session.scalars(select(Citizen)).one()
            codes = sorted(session.scalars(select(InterventionGoal.domain_code)))
        assert citizen.outcome_schema is OutcomeSchema.UNGE
        assert "misbrug" in codes


def test_a_bundle_giving_an_adult_a_schema_is_refused(world, tmp_path):
    keys = make_keys(tmp_path, "egely")
    data = export(world.unit, world.actor, "order", world.citizen.id, keys)

    def make_adult(message: dict) -> None:
        (patient,) = resources(message, "Patient")
        for extension in patient["extension"]:
            if extension["url"].endswith(":area"):
                extension["valueCode"] = "adults"
        assert any(e["url"].endswith(":outcome-schema") for e in patient["extension"])

    with pytest.raises(BundleError) as refused:
        read_bundle(reseal(data, keys, fhir=make_adult), keys.identity)
    assert str(refused.value) == (
        "Bundtet kan ikke indlæses: bundtet giver en voksen et Århus-skema; "
        "Århus-skemaerne er for børn og unge; en voksens mål følger VUM/FFB."
    )
