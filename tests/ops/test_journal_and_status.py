import datetime as dt

import pytest
from sqlalchemy import select

from fko_desktop.errors import FkoError, InvalidScore, ValidationError
from fko_desktop.models import AuditEvent
from fko_desktop.models.enums import AssessmentRole
from fko_desktop.models.outcome import Outcome
from fko_desktop.models.schedule import DeadlineState
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.ops import follow_up, goal_status, journal, orders

UTC = dt.UTC


def at(day, hour=12):
    return dt.datetime(2025, 3, day, hour, tzinfo=UTC)


def test_notes_newest_first_with_paging_and_counts(world):
    sub_goal = world.sub_goals[0]
    for day in (3, 1, 2):
        journal.add_note(
            world.unit,
            world.actor,
            sub_goal.id,
            text=f"Notat fra dag {day}",
            score=day % 5,
            observed_at=at(day),
        )
    journal.add_note(world.unit, world.actor, sub_goal.id, text="Uden score", observed_at=at(4))
    rows = journal.journal(world.unit, sub_goal_ids=[sub_goal.id])
    assert [r.text for r in rows] == ["Uden score", "Notat fra dag 3", "Notat fra dag 2", "Notat fra dag 1"]
    # Each row says which sub-goal it is about and when it was written down.
    assert {r.sub_goal for r in rows} == {sub_goal.text} and all(r.written_at for r in rows)
    assert rows[0].score is None and rows[1].score == 3 and rows[1].author == "AH"
    assert [r.text for r in journal.journal(world.unit, sub_goal_ids=[sub_goal.id], offset=1, limit=2)] == [
        "Notat fra dag 3",
        "Notat fra dag 2",
    ]
    assert journal.count_notes(world.unit, citizen_id=world.citizen.id) == 4


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (dict(text="  ", score=2), ValidationError, "score kræver"),
        (dict(text="", score=None), ValidationError, "Skriv en observation"),
        (dict(text="Fin dag", score=5), InvalidScore, "0 til 4"),
        (dict(text="Fin dag", score="abc"), InvalidScore, "0 til 4"),
        (
            dict(text="Fin dag i dag", observed_at=dt.datetime(2099, 1, 1, tzinfo=UTC)),
            ValidationError,
            "fremtiden",
        ),
    ],
)
def test_bad_notes_are_refused_and_nothing_is_stored(world, kwargs, error, message):
    with pytest.raises(error, match=message):
        journal.add_note(world.unit, world.actor, world.sub_goals[0].id, **kwargs)
    assert journal.count_notes(world.unit, citizen_id=world.citizen.id) == 0


def test_edit_keeps_earlier_version_and_withdraw_keeps_the_note(world):
    note = journal.add_note(
        world.unit, world.actor, world.sub_goals[0].id, text="Første tekst", score=3
    ).value
    journal.edit_note(world.unit, world.actor, note.id, text="Rettet tekst", score=NOT_ASSESSED)
    (row,) = journal.journal(world.unit, citizen_id=world.citizen.id)
    assert (row.text, row.score, row.version) == ("Rettet tekst", NOT_ASSESSED, 2)
    (earlier,) = journal.note_history(world.unit, note.id)
    assert (
        earlier["version"] == 1
        and earlier["data"]["text"] == "Første tekst"
        and earlier["data"]["score"] == 3
    )
    with pytest.raises(ValidationError):
        journal.withdraw_note(world.unit, world.actor, note.id, reason=" ")
    journal.withdraw_note(world.unit, world.actor, note.id, reason="Forkert borger")
    (row,) = journal.journal(world.unit, citizen_id=world.citizen.id)
    assert row.withdrawn and row.withdrawal_reason == "Forkert borger"
    assert journal.journal(world.unit, citizen_id=world.citizen.id, include_withdrawn=False) == []
    with pytest.raises(FkoError, match="tilbagetrukket"):
        journal.edit_note(world.unit, world.actor, note.id, text="Igen en rettelse", score=1)
    with world.unit.read() as session:
        actions = [
            e.action
            for e in session.scalars(select(AuditEvent).where(AuditEvent.record_type == "journal_note"))
        ]
    assert actions == ["create", "edit", "withdraw"]


def test_goal_status_periods_outcome_and_evidence(world):
    goal = world.goals[0]  # baseline 3, target 1, start 2025-01-15
    journal.add_note(
        world.unit, world.actor, world.sub_goals[0].id, text="Notat før M1", score=3, observed_at=at(1)
    )
    first = goal_status.record_goal_status(
        world.unit, world.actor, goal.id, score=2, summary="Bedre", assessed_on=dt.date(2025, 4, 20)
    ).value
    assert first.period == 1
    with pytest.raises(ValidationError, match="M1 er allerede"):
        goal_status.record_goal_status(
            world.unit, world.actor, goal.id, score=2, summary="x", assessed_on=dt.date(2025, 4, 21)
        )
    with pytest.raises(ValidationError):
        goal_status.record_goal_status(
            world.unit, world.actor, goal.id, score=None, summary="x", assessed_on=dt.date(2025, 7, 15)
        )
    assert goal_status.goal_progress(world.unit, goal.id).outcome is Outcome.PROGRESSION
    goal_status.record_goal_status(
        world.unit, world.actor, goal.id, score=1, summary="Nået", assessed_on=dt.date(2025, 7, 15)
    )
    progress = goal_status.goal_progress(world.unit, goal.id)
    assert [s.period for s in progress.statuses] == [
        1,
        2,
    ] and progress.outcome is Outcome.PROGRESSION_GOAL_MET
    assert goal_status.evidence_since_last_status(world.unit, goal.id) == []
    journal.add_note(world.unit, world.actor, world.sub_goals[0].id, text="Efter M2", score=1)
    assert [n.text for n in goal_status.evidence_since_last_status(world.unit, goal.id)] == ["Efter M2"]
    edited = goal_status.edit_goal_status(world.unit, world.actor, first.id, score=3, summary="Rettet").value
    assert edited.version == 2


def test_follow_up_keeps_three_voices_and_corrections(world):
    goal = world.goals[0]
    fu = follow_up.record_follow_up(
        world.unit,
        world.actor,
        world.citizen.id,
        meeting_date=dt.date(2025, 7, 20),
        held=True,
        today=dt.date(2025, 7, 21),
        form="phone",
        assessments=[
            follow_up.AssessmentInput(goal.id, "citizen", 1, note="Jeg har det godt"),
            follow_up.AssessmentInput(goal.id, "provider", 2),
            follow_up.AssessmentInput(goal.id, "caseworker", 2, agrees_with_status=True),
        ],
        intervention_status_code="1e971d84-10a4-4ef8-a8b3-0daa4c7d088a",
    ).value
    with pytest.raises(ValidationError, match="én gang"):
        follow_up.record_follow_up(
            world.unit,
            world.actor,
            world.citizen.id,
            meeting_date=dt.date(2025, 8, 1),
            today=dt.date(2025, 7, 21),
            assessments=[
                follow_up.AssessmentInput(goal.id, "citizen", 1),
                follow_up.AssessmentInput(goal.id, "citizen", 2),
            ],
        )
    with pytest.raises(ValidationError):
        follow_up.record_follow_up(
            world.unit,
            world.actor,
            world.citizen.id,
            meeting_date=dt.date(2025, 8, 1),
            today=dt.date(2025, 7, 21),
            support_need_code="nope",
        )
    follow_up.update_follow_up(
        world.unit,
        world.actor,
        fu.id,
        assessments=[follow_up.AssessmentInput(goal.id, "caseworker", 3)],
        today=dt.date(2025, 7, 21),
    )
    (stored,) = follow_up.follow_ups_for_citizen(world.unit, world.citizen.id)
    voices = {a.role: (a.score, a.version) for a in stored.assessments}
    assert voices == {
        AssessmentRole.CITIZEN: (1, 1),
        AssessmentRole.PROVIDER: (2, 1),
        AssessmentRole.CASEWORKER: (3, 2),
    }


def test_deadlines_list_overdue_statuses_reports_and_reformulation(world):
    from fko_desktop.ops.deadlines import unit_deadlines

    today = dt.date(2025, 7, 10)
    goal_status.record_goal_status(
        world.unit, world.actor, world.goals[0].id, score=2, summary="M1", assessed_on=dt.date(2025, 4, 15)
    )
    follow_up.record_follow_up(
        world.unit, world.actor, world.citizen.id, meeting_date=dt.date(2025, 7, 20), today=today
    )
    orders.return_for_reformulation(
        world.unit, world.actor, world.goals[0].order_id, reason="Ikke SMART", returned_on=dt.date(2025, 6, 1)
    )
    items = {(d.kind, d.goal_id, d.period): d for d in unit_deadlines(world.unit, today)}
    assert items[("goal_status", world.goals[1].id, 1)].state is DeadlineState.OVERDUE
    assert (
        items[("goal_status", world.goals[1].id, 2)].state is DeadlineState.DUE
    )  # due 15.07, within 14 days
    assert ("goal_status", world.goals[0].id, 1) not in items
    report = items[("status_report", None, None)]
    assert report.due == dt.date(2025, 7, 6) and report.state is DeadlineState.OVERDUE
    assert items[("reformulation", None, None)].due == dt.date(2025, 6, 15)


@pytest.mark.parametrize("text", ["x", "ok", "Fin dag", "  Sov.  "])
def test_a_new_observation_says_enough_to_be_read_later(world, text):
    with pytest.raises(ValidationError, match="mindst 8 tegn") as refused:
        journal.add_note(world.unit, world.actor, world.sub_goals[0].id, text=text)
    assert refused.value.field == "text"
    with pytest.raises(ValidationError, match="mindst 8 tegn"):
        journal.add_diary_note(world.unit, world.actor, world.citizen.id, text=text)
    assert journal.count_notes(world.unit, citizen_id=world.citizen.id) == 0
    journal.add_note(world.unit, world.actor, world.sub_goals[0].id, text="Sov til kl. 7.")
