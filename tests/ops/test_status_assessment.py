"""Bostedets vurdering in the core: written per goal and for the whole for a status period,
saved in one transaction, corrected with its earlier version kept, and found for the report."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from fko_desktop.errors import ValidationError
from fko_desktop.models import RecordVersion, StatusAssessment
from fko_desktop.ops import status_assessment as sa
from fko_desktop.ops.status_assessment import StatusAssessmentInput as Answer

FROM, TO = dt.date(2025, 1, 15), dt.date(2025, 7, 1)


def save(world, entries, period=(FROM, TO)):
    return sa.save_status_assessments(
        world.unit, world.actor, world.citizen.id, period_from=period[0], period_to=period[1], entries=entries
    ).value


def count(world) -> int:
    with world.unit.read() as session:
        return session.scalar(select(func.count()).select_from(StatusAssessment))


def test_the_whole_form_is_saved_at_once_and_empty_goals_get_nothing(world):
    goal, other = world.goals
    ids = save(
        world,
        [
            Answer(
                goal.id, done="Fast morgenrutine med vækning kl. 7.", effect="Mads kommer oftere i skole."
            ),
            Answer(other.id),  # nothing written about this goal
            Answer(None, purpose="Indsatsen lever op til formålet; vi foreslår samme mål."),
        ],
    )
    assert len(ids) == 2 and count(world) == 2
    with world.unit.read() as session:
        found = sa.for_report(session, world.citizen.id, FROM, TO)
        assert set(found) == {goal.id, None}
        assert found[goal.id].effect == "Mads kommer oftere i skole."
        assert found[None].done is None


def test_a_correction_keeps_the_earlier_version_and_a_bad_save_changes_nothing(world):
    goal = world.goals[0]
    [first] = save(world, [Answer(goal.id, done="Første udkast.")])
    [again] = save(world, [Answer(goal.id, done="Rettet: fast morgenrutine.")])
    assert again == first
    with world.unit.read() as session:
        record = session.get(StatusAssessment, first)
        assert (record.version, record.done) == (2, "Rettet: fast morgenrutine.")
        [kept] = session.scalars(
            select(RecordVersion).where(RecordVersion.record_type == "status_assessment")
        ).all()
        assert kept.data["done"] == "Første udkast."
    # One transaction: a bad entry after a good one stores neither.
    with pytest.raises(ValidationError):
        save(world, [Answer(None, done="Ny samlet tekst."), Answer(goal.id), Answer(goal.id)])
    assert count(world) == 1
    with pytest.raises(ValidationError):
        save(world, [Answer(None, done="x")], period=(TO, FROM))
    assert count(world) == 1


def test_the_report_prefers_the_exact_period_then_the_latest_ending_inside_it(world):
    goal = world.goals[0]
    save(world, [Answer(goal.id, done="For en kortere periode.")], period=(FROM, dt.date(2025, 6, 20)))
    with world.unit.read() as session:
        assert sa.for_report(session, world.citizen.id, FROM, TO)[goal.id].done == "For en kortere periode."
        # A period that ended before the report's start is another report's.
        assert sa.for_report(session, world.citizen.id, dt.date(2025, 6, 21), TO) == {}
    save(world, [Answer(goal.id, done="Præcis denne periode.")])
    with world.unit.read() as session:
        assert sa.for_report(session, world.citizen.id, FROM, TO)[goal.id].done == "Præcis denne periode."
    [record_id] = save(world, [Answer(goal.id, done="Præcis denne periode.")])
    sa.withdraw_status_assessment(world.unit, world.actor, record_id, reason="Skrevet på forkert mål")
    with world.unit.read() as session:
        assert sa.for_report(session, world.citizen.id, FROM, TO)[goal.id].done == "For en kortere periode."
