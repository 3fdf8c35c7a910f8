"""A unit with something to hide, built from the small world (tests/world.py): a second
citizen (an adult with FFB goals) and a second staff member, notes, målstatus with their
summaries; ``SOURCE`` lists every name, CPR number and text that must not leave it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from fko_desktop.models import Citizen
from fko_desktop.models.enums import StaffRole
from fko_desktop.ops import (
    aarhus_assessment,
    citizens,
    goal_status,
    journal,
    orders,
    plans,
    staff,
    unit_settings,
)
from tests.world import World

#: An FFB sub-theme ("Vaske sig") and its theme ("Egenomsorg"), and the FFB goal type
#: "Udvikle funktionsevne".
WASHING = "885400cc-dd71-479e-8993-3fc48fdd6710"
SELF_CARE = "da3f488f-1742-4d00-b247-a7d47500b36b"
DEVELOP = "d41c8072-52f8-42b5-9375-ddbea454d27f"


@dataclass
class Source:
    """What the statistics file must not hold, and the ids to check against."""

    names: list[str] = field(default_factory=list)
    cprs: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    citizen_ids: list[int] = field(default_factory=list)


def enrich(world: World) -> Source:
    unit, actor = world.unit, world.actor
    unit_settings.set_unit_settings(unit, actor, departments=["Afd. Kastanjen", "Afd. Egen"])
    colleague = staff.add_staff(
        unit, actor, name="Birgitte Sørensen", initials="BS", title="Socialrådgiver", role=StaffRole.LEADER
    ).value
    adult = citizens.create_citizen(
        unit,
        actor,
        name="Ølstykke Jørgensen",
        cpr="120379-1235",
        area="adults",
        department="Afd. Egen",
        intake_date=dt.date(2024, 2, 1),
    ).value
    texts = [
        "Mads går i skole fire dage om ugen.",
        "Mads har en fast ven.",
        "At Mads trives og går i skole.",
        "At Ølstykke klarer sin egen morgen.",
        "Ølstykke vasker sig selv hver morgen.",
        "Ølstykke var glad for badet i dag, sagde han til Birgitte.",
        "Mads spillede fodbold med Ali i frikvarteret.",
        "Mads kommer oftere i skole end før jul.",
        "Ølstykke vasker sig nu uden hjælp.",
        "Delmål: Ølstykke tænder selv for bruseren.",
    ]
    order = orders.create_order(
        unit,
        actor,
        adult.id,
        meeting_date=dt.date(2024, 2, 1),
        received_date=dt.date(2024, 2, 5),
        intervention_purpose=texts[3],
        goals=[
            orders.GoalInput(
                texts[4],
                WASHING,
                dt.date(2024, 2, 15),
                baseline=3,
                target=1,
                goal_type_code=DEVELOP,
                responsible_id=colleague.id,
            )
        ],
    ).value
    washing = order.goals[0]
    sub_goal = plans.add_sub_goal(
        unit, actor, washing.id, text=texts[9], start_date=dt.date(2024, 2, 15)
    ).value
    journal.add_note(
        unit,
        actor,
        sub_goal.id,
        text=texts[5],
        score=2,
        observed_at=dt.datetime(2024, 4, 1, 9, tzinfo=dt.UTC),
    )
    journal.add_note(
        unit,
        actor,
        world.sub_goals[0].id,
        text=texts[6],
        observed_at=dt.datetime(2025, 3, 1, 9, tzinfo=dt.UTC),
    )
    school = world.goals[0]
    goal_status.record_goal_status(
        unit, actor, school.id, score=2, summary=texts[7], assessed_on=dt.date(2025, 4, 15)
    )
    goal_status.record_goal_status(
        unit,
        actor,
        washing.id,
        score=2,
        summary="Ølstykke øver sig stadig.",
        assessed_on=dt.date(2024, 5, 15),
    )
    goal_status.record_goal_status(
        unit, actor, washing.id, score=1, summary=texts[8], assessed_on=dt.date(2025, 5, 15)
    )
    texts.append("Ølstykke øver sig stadig.")
    texts += _aarhus_assessments(world)
    return Source(
        names=[
            "Mads Testesen",
            "Ølstykke Jørgensen",
            "Anna Hansen",
            "Birgitte Sørensen",
            "Testesen",
            "Jørgensen",
        ],
        cprs=["010215-4321", "0102154321", "120379-1235", "1203791235"],
        texts=texts,
        citizen_ids=[world.citizen.id, adult.id],
    )


def _aarhus_assessments(world: World) -> list[str]:
    """Two Århus schema assessments of the child, every text box filled in; their texts."""
    with world.unit.read() as session:
        schema = session.get(Citizen, world.citizen.id).outcome_schema
    first, *others = aarhus_assessment.schema_factors(schema)
    texts = [
        "Mads sover dårligt, når far ikke kommer.",
        "Mads siger selv, at det går fint.",
        "Mor mener, Mads har det svært i skolen.",
        "Til stede: Mads, mor og kontaktpædagogen.",
    ]
    for day, scores in ((dt.date(2025, 2, 1), (3, 2)), (dt.date(2025, 5, 1), (2, 2))):
        aarhus_assessment.record_aarhus_assessment(
            world.unit,
            world.actor,
            world.citizen.id,
            assessed_on=day,
            participants=texts[3],
            note=texts[0],
            factors=[
                aarhus_assessment.FactorInput(
                    first.code,
                    scores[0],
                    target=1,
                    note=texts[0],
                    child_score=1,
                    child_note=texts[1],
                    parent_score=4,
                    parent_note=texts[2],
                ),
                *(aarhus_assessment.FactorInput(other.code, scores[1], target=2) for other in others),
            ],
            today=dt.date(2025, 11, 23),
        )
    return texts


@pytest.fixture
def source(world: World) -> Source:
    return enrich(world)
