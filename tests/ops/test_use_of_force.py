"""Use of force in the core: incidents and permissions with their rules, versioned and
withdrawn like every legal record, and the deadlines they create (report, review)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import func, select

from fko_desktop.errors import ValidationError
from fko_desktop.models import RecordVersion, UseOfForce
from fko_desktop.models.deadlines import use_of_force_report_due
from fko_desktop.models.enums import UseOfForceKind
from fko_desktop.models.schedule import DeadlineState
from fko_desktop.ops import use_of_force
from fko_desktop.ops.deadlines import unit_deadlines

NOW = dt.datetime(2025, 6, 4, 22, 15)  # a Wednesday evening
INCIDENT = {
    "occurred_on": dt.date(2025, 6, 4),
    "occurred_time": dt.time(19, 40),
    "measure_code": "fastholdelse",
    "duration_minutes": 4,
    "participants": "AH og en kollega",
    "prevention_tried": "Talte roligt, tilbød at gå en tur, gav plads.",
    "description": "Mads slog ud efter en anden beboer ved aftensmaden og blev holdt fast.",
}
PERMISSION = {
    "measure_code": "kommunikation",
    "period_start": dt.date(2025, 3, 1),
    "period_end": dt.date(2025, 12, 31),
    "review_date": dt.date(2025, 6, 10),
    "reported_to": "Aarhus Kommune",
    "description": "Kontrol af mobiltelefon om natten efter kommunens afgørelse.",
}


def incident(world, **changes):
    fields = {**INCIDENT, **changes}
    return use_of_force.record_use_of_force(
        world.unit, world.actor, world.citizen.id, kind="indberetning", now=NOW, **fields
    ).value


def count(world) -> int:
    with world.unit.read() as session:
        return session.scalar(select(func.count()).select_from(UseOfForce))


def test_an_incident_is_stored_with_every_fact_and_owes_a_report(world):
    record = incident(world)
    found = use_of_force.uses_of_force_for_citizen(world.unit, world.citizen.id)
    assert [r.id for r in found] == [record.id]
    stored = found[0]
    assert stored.kind is UseOfForceKind.REPORT
    assert (stored.occurred_on, stored.occurred_time) == (dt.date(2025, 6, 4), dt.time(19, 40))
    assert (stored.duration_minutes, stored.participants) == (4, "AH og en kollega")
    assert stored.prevention_tried.startswith("Talte roligt")
    assert stored.period_start is None and stored.review_date is None

    due = use_of_force_report_due(dt.date(2025, 6, 4))
    assert due == dt.date(2025, 6, 9)  # three working days: Thu, Fri, Mon
    deadlines = [d for d in unit_deadlines(world.unit, NOW.date()) if d.kind == "use_of_force_report"]
    assert [(d.due, d.use_of_force_id, d.state) for d in deadlines] == [(due, record.id, DeadlineState.DUE)]
    late = [d for d in unit_deadlines(world.unit, dt.date(2025, 6, 10)) if d.kind == "use_of_force_report"]
    assert late[0].state is DeadlineState.OVERDUE


def test_reporting_the_incident_clears_the_deadline_and_keeps_the_earlier_version(world):
    record = incident(world)
    use_of_force.update_use_of_force(
        world.unit, world.actor, record.id, now=NOW, reported_on=dt.date(2025, 6, 4), reported_to="Kommunen"
    )
    assert not [d for d in unit_deadlines(world.unit, NOW.date()) if d.kind == "use_of_force_report"]
    with world.unit.read() as session:
        versions = session.scalars(
            select(RecordVersion).where(
                RecordVersion.record_type == "use_of_force", RecordVersion.record_id == record.id
            )
        ).all()
        assert [v.data["reported_on"] for v in versions] == [None]
        assert session.get(UseOfForce, record.id).version == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"occurred_on": None}, "occurred_on"),
        ({"occurred_on": dt.date(2025, 6, 5)}, "occurred_on"),  # tomorrow
        ({"occurred_time": dt.time(23, 30)}, "occurred_on"),  # later tonight
        ({"occurred_on": dt.date(2024, 12, 1)}, "occurred_on"),  # before moving in
        ({"measure_code": None}, "measure_code"),
        ({"measure_code": "alarm"}, "measure_code"),  # an adults' measure, Mads is a child
        ({"duration_minutes": -1}, "duration_minutes"),
        ({"duration_minutes": 2000}, "duration_minutes"),
        ({"description": "  "}, "description"),
        ({"description": "slog"}, "description"),
        ({"reported_on": dt.date(2025, 6, 3), "reported_to": "Kommunen"}, "reported_on"),
        ({"reported_on": dt.date(2025, 6, 4)}, "reported_to"),
        ({"reported_to": "Kommunen"}, "reported_on"),  # reported: when?
    ],
)
def test_a_bad_incident_is_refused_and_nothing_is_stored(world, changes, field):
    with pytest.raises(ValidationError) as caught:
        incident(world, **changes)
    assert caught.value.field == field
    assert count(world) == 0


def test_a_permission_needs_its_period_and_review_and_the_review_is_a_deadline(world):
    for missing in ("period_start", "review_date"):
        with pytest.raises(ValidationError) as caught:
            use_of_force.record_use_of_force(
                world.unit, world.actor, world.citizen.id, kind="tilladelse", **{**PERMISSION, missing: None}
            )
        assert caught.value.field == missing
    with pytest.raises(ValidationError):
        use_of_force.record_use_of_force(
            world.unit, world.actor, world.citizen.id, kind="tilladelse",
            **{**PERMISSION, "period_end": dt.date(2025, 2, 1)},
        )  # fmt: skip
    record = use_of_force.record_use_of_force(
        world.unit,
        world.actor,
        world.citizen.id,
        kind="tilladelse",
        occurred_on=dt.date(2025, 6, 1),
        **PERMISSION,
    ).value
    assert record.occurred_on is None  # an incident's field is not kept on a permission
    reviews = [d for d in unit_deadlines(world.unit, dt.date(2025, 6, 1)) if d.kind == "use_of_force_review"]
    assert [(d.due, d.use_of_force_id) for d in reviews] == [(dt.date(2025, 6, 10), record.id)]
    # Far ahead, not yet shown; after the period has ended, no review is owed.
    assert not [d for d in unit_deadlines(world.unit, dt.date(2025, 4, 1)) if d.kind == "use_of_force_review"]
    assert not [d for d in unit_deadlines(world.unit, dt.date(2026, 1, 5)) if d.kind == "use_of_force_review"]


def test_a_withdrawn_registration_is_kept_with_its_reason_and_owes_nothing(world):
    record = incident(world)
    use_of_force.withdraw_use_of_force(
        world.unit, world.actor, record.id, reason="Registreret på forkert borger"
    )
    assert use_of_force.uses_of_force_for_citizen(world.unit, world.citizen.id) == []
    kept = use_of_force.uses_of_force_for_citizen(world.unit, world.citizen.id, include_withdrawn=True)
    assert kept[0].withdrawal_reason == "Registreret på forkert borger"
    assert not [d for d in unit_deadlines(world.unit, NOW.date()) if d.kind.startswith("use_of_force")]
    with pytest.raises(ValidationError):
        use_of_force.update_use_of_force(world.unit, world.actor, record.id, now=NOW, participants="x")


def test_the_database_itself_refuses_deleting_a_registration_or_a_bad_duration(world):
    record = incident(world)
    world.unit.close()
    connection = sqlite3.connect(world.unit.path)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            connection.execute("DELETE FROM use_of_force WHERE id = ?", (record.id,))
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute("UPDATE use_of_force SET duration_minutes = -5 WHERE id = ?", (record.id,))
    finally:
        connection.close()
