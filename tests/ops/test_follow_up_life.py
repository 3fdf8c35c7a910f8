"""A follow-up's life in the core: planned with its date and form, held with what was said,
withdrawn with a reason when saved by mistake — and the deadlines that follow from it."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import func, select

from fko_desktop.errors import ValidationError
from fko_desktop.models import FollowUp, RecordVersion
from fko_desktop.models.schedule import DeadlineState
from fko_desktop.ops import follow_up
from fko_desktop.ops.deadlines import follow_up_outlook, unit_deadlines
from fko_desktop.reports import options as report_options
from fko_desktop.reports.status_data import gather_status

CONTINUE = "1e971d84-10a4-4ef8-a8b3-0daa4c7d088a"  # FFB status på indsats: fortsætter
TODAY = dt.date(2025, 6, 2)


def count_follow_ups(world) -> int:
    with world.unit.read() as session:
        return session.scalar(select(func.count()).select_from(FollowUp))


def plan(world, meeting: dt.date, **fields):
    return follow_up.record_follow_up(
        world.unit, world.actor, world.citizen.id, meeting_date=meeting, today=TODAY, **fields
    ).value


def hold(world, follow_up_id: int, **fields):
    goal = world.goals[0]
    voices = [
        follow_up.AssessmentInput(goal.id, "citizen", 1, note="Jeg kommer i skole"),
        follow_up.AssessmentInput(goal.id, "provider", 2),
        follow_up.AssessmentInput(goal.id, "caseworker", 2, agrees_with_status=True),
    ]
    return follow_up.update_follow_up(
        world.unit,
        world.actor,
        follow_up_id,
        held=True,
        assessments=voices,
        intervention_status_code=CONTINUE,
        today=fields.pop("today", dt.date(2025, 7, 21)),
        **fields,
    ).value


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"meeting_date": TODAY, "held": True}, "mindst én vurdering"),
        ({"meeting_date": TODAY, "held": True, "agreements": "   "}, "mindst én vurdering"),
        ({"meeting_date": dt.date(2025, 5, 1)}, "planlagt møde kan ikke ligge før i dag"),
        ({"meeting_date": dt.date(2025, 6, 3), "held": True, "agreements": "Fint"}, "ikke er kommet endnu"),
    ],
)
def test_an_empty_or_impossible_follow_up_is_refused_and_nothing_is_stored(world, kwargs, message):
    with pytest.raises(ValidationError, match=message):
        follow_up.record_follow_up(world.unit, world.actor, world.citizen.id, today=TODAY, **kwargs)
    assert count_follow_ups(world) == 0


def test_planned_then_held_with_the_three_voices_keeps_the_planned_version(world):
    planned = plan(world, dt.date(2025, 7, 20), form="meeting", invitation_date=dt.date(2025, 6, 1))
    assert planned.held is False and planned.assessments == []
    held = hold(world, planned.id, agreements="Fortsæt som nu.")
    assert held.held is True and held.version == 2
    voices = {a.role.value: a.score for a in held.assessments if a.withdrawn_at is None}
    assert voices == {"citizen": 1, "provider": 2, "caseworker": 2}
    with world.unit.read() as session:
        kept = session.scalars(
            select(RecordVersion).where(
                RecordVersion.record_type == "follow_up", RecordVersion.record_id == planned.id
            )
        ).all()
    assert [(v.version, v.data["held"]) for v in kept] == [(1, False)]
    # Emptying a held meeting is refused as its creation would be.
    with pytest.raises(ValidationError, match="mindst én vurdering"):
        follow_up.update_follow_up(
            world.unit,
            world.actor,
            planned.id,
            intervention_status_code=None,
            agreements=None,
            assessments=[
                follow_up.AssessmentInput(world.goals[0].id, role, None)
                for role in ("citizen", "provider", "caseworker")
            ],
            today=dt.date(2025, 7, 21),
        )


def test_a_mistaken_follow_up_is_withdrawn_with_its_assessments_and_kept(world):
    mistake = plan(world, TODAY)
    hold(world, mistake.id, today=TODAY)
    before = unit_deadlines(world.unit, TODAY)
    assert any(d.kind == "follow_up_meeting" for d in before) is False  # held: nothing owed for it
    follow_up.withdraw_follow_up(world.unit, world.actor, mistake.id, reason="Oprettet ved en fejl")
    assert follow_up.follow_ups_for_citizen(world.unit, world.citizen.id) == []
    (kept,) = follow_up.follow_ups_for_citizen(world.unit, world.citizen.id, include_withdrawn=True)
    assert kept.withdrawal_reason == "Oprettet ved en fejl" and kept.withdrawn_by_id == world.actor.staff_id
    assert all(a.withdrawn_at is not None for a in kept.assessments)
    with pytest.raises(ValidationError, match="allerede trukket tilbage"):
        follow_up.withdraw_follow_up(world.unit, world.actor, mistake.id, reason="Igen")
    with pytest.raises(ValidationError, match="trukket tilbage"):
        follow_up.update_follow_up(world.unit, world.actor, mistake.id, agreements="Ny", today=TODAY)
    with pytest.raises(ValidationError, match="Begrundelse"):
        follow_up.withdraw_follow_up(world.unit, world.actor, plan(world, TODAY).id, reason="  ")
    # The database itself refuses to delete it (any tool, not only this program).
    raw = sqlite3.connect(world.unit.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
            raw.execute("DELETE FROM follow_up WHERE id = ?", (mistake.id,))
    finally:
        raw.close()


def test_a_withdrawn_planned_meeting_no_longer_steers_deadlines_or_the_status_report(world):
    mistake = plan(world, dt.date(2025, 6, 10))
    kinds = {d.kind for d in unit_deadlines(world.unit, TODAY) if d.follow_up_id == mistake.id}
    assert kinds == {"status_report", "invitation", "follow_up_meeting"}
    options = report_options.ReportOptions(period_to=TODAY, today=TODAY)
    with world.unit.read() as session:
        assert gather_status(session, world.citizen.id, options).next_follow_up is not None
    follow_up.withdraw_follow_up(world.unit, world.actor, mistake.id, reason="Forkert dato")
    assert not [d for d in unit_deadlines(world.unit, TODAY) if d.follow_up_id == mistake.id]
    with world.unit.read() as session:
        assert gather_status(session, world.citizen.id, options).next_follow_up is None


def test_the_next_follow_up_is_owed_three_months_after_the_measure_then_every_half_year(world):
    # The goals started 15.01.2025: the first follow-up is owed 15.04.2025 and nobody planned it.
    owed = [d for d in unit_deadlines(world.unit, TODAY) if d.kind == "follow_up_due"]
    assert [(d.due, d.state) for d in owed] == [(dt.date(2025, 4, 15), DeadlineState.OVERDUE)]
    assert follow_up_outlook(world.unit, world.citizen.id, TODAY).owed_by == dt.date(2025, 4, 15)
    meeting = plan(world, dt.date(2025, 6, 20))
    outlook = follow_up_outlook(world.unit, world.citizen.id, TODAY)
    assert outlook.planned == dt.date(2025, 6, 20)
    assert outlook.invitation_by == dt.date(2025, 5, 9)  # six weeks before
    assert outlook.status_report_by == dt.date(2025, 6, 6)  # 14 days before
    assert not [d for d in unit_deadlines(world.unit, TODAY) if d.kind == "follow_up_due"]
    hold(world, meeting.id, today=dt.date(2025, 6, 20))
    later = dt.date(2025, 11, 20)
    outlook = follow_up_outlook(world.unit, world.citizen.id, later)
    assert outlook.owed_by == dt.date(2025, 12, 20) and outlook.planned is None  # children: 6 months
    (due,) = [d for d in unit_deadlines(world.unit, later) if d.kind == "follow_up_due"]
    assert due.due == dt.date(2025, 12, 20) and due.state is DeadlineState.DUE
