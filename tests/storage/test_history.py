"""Records with legal weight: edits keep the earlier version, nothing is ever deleted, all is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from fko_desktop.errors import FkoError, ValidationError
from fko_desktop.models import Actor, AuditEvent, GoalStatus, JournalNote, RecordVersion
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.ops import goal_status, journal, staff
from fko_desktop.storage.unitfile import UnitFile


@pytest.fixture
def unit(unit_path) -> Iterator[UnitFile]:
    opened = UnitFile.open(unit_path)
    yield opened
    opened.close()


@pytest.fixture
def writers(unit) -> tuple[Actor, Actor]:
    """The fixture's author, and a leder who corrects her notes (with a reason, issue 13)."""
    anna = staff.actor_for(unit.staff()[0])
    bo = staff.actor_for(staff.add_staff(unit, anna, name="Bo Berg", initials="bb", role="leder").value)
    return anna, bo


def first_note(unit: UnitFile) -> JournalNote:
    with unit.read() as session:
        return session.scalars(select(JournalNote).order_by(JournalNote.id)).first()


def test_editing_a_note_keeps_the_earlier_version(unit, writers, unit_facts):
    anna, bo = writers
    note = first_note(unit)
    when, old_text, old_score = unit_facts["notes"][0]
    journal.edit_note(
        unit,
        bo,
        note.id,
        text="Mads holdt fødselsdag for hele klassen.",
        score=NOT_ASSESSED,
        reason="Uddybet.",
    )
    journal.edit_note(unit, anna, note.id, text="Mads holdt fødselsdag for hele klassen i dag.", score=1)

    with unit.read() as session:
        current = session.get(JournalNote, note.id)
        assert (current.text, current.score, current.version) == (
            "Mads holdt fødselsdag for hele klassen i dag.",
            1,
            3,
        )
        assert current.updated_by_id == anna.staff_id and current.updated_at.tzinfo is not None
        assert (current.author_id, current.created_by_id) == (
            anna.staff_id,
            anna.staff_id,
        )  # authorship stays
        versions = session.scalars(
            select(RecordVersion)
            .where(RecordVersion.record_type == "journal_note", RecordVersion.record_id == note.id)
            .order_by(RecordVersion.version)
        ).all()
    assert [v.version for v in versions] == [1, 2]
    first, second = versions
    assert dt.datetime.fromisoformat(first.data.pop("observed_at")) == when
    assert first.data == {"author_id": anna.staff_id, "text": old_text, "score": old_score}
    assert (first.saved_by_id, first.replaced_by_id) == (anna.staff_id, bo.staff_id)
    assert first.saved_at == note.created_at
    assert second.data["text"] == "Mads holdt fødselsdag for hele klassen."
    assert second.data["score"] == "ikke_vurderet"
    assert (second.saved_by_id, second.replaced_by_id) == (bo.staff_id, anna.staff_id)
    assert journal.note_history(unit, note.id)[0]["data"]["text"] == old_text


def test_an_edit_without_a_change_makes_no_version(unit, writers, unit_facts):
    anna, _ = writers
    note = first_note(unit)
    _, old_text, old_score = unit_facts["notes"][0]
    journal.edit_note(unit, anna, note.id, text=old_text, score=old_score)
    assert journal.note_history(unit, note.id) == []
    assert first_note(unit).version == 1


def test_withdrawal_keeps_the_note_with_its_reason(unit, writers):
    anna, bo = writers
    note = first_note(unit)
    journal.withdraw_note(unit, bo, note.id, reason="Skrevet på den forkerte borger.")
    with unit.read() as session:
        kept = session.get(JournalNote, note.id)
        assert kept.text == note.text and kept.is_withdrawn
        assert (kept.withdrawal_reason, kept.withdrawn_by_id) == (
            "Skrevet på den forkerte borger.",
            bo.staff_id,
        )
    assert [row.withdrawn for row in journal.journal(unit) if row.id == note.id] == [True]
    assert journal.count_notes(unit, include_withdrawn=False) == journal.count_notes(unit) - 1
    with pytest.raises(ValidationError, match="allerede trukket tilbage"):
        journal.withdraw_note(unit, anna, note.id, reason="Igen.")
    with pytest.raises(FkoError, match="tilbagetrukket notat kan ikke ændres"):
        journal.edit_note(unit, anna, note.id, text="Skjult rettelse.")
    with pytest.raises(ValidationError):
        journal.withdraw_note(unit, anna, first_note_after(unit, note.id), reason="   ")


def first_note_after(unit: UnitFile, note_id: int) -> int:
    with unit.read() as session:
        return session.scalars(
            select(JournalNote.id).where(JournalNote.id > note_id).order_by(JournalNote.id)
        ).first()


def test_deleting_a_note_through_the_orm_is_refused(unit, writers):
    anna, _ = writers
    note = first_note(unit)
    with pytest.raises(FkoError, match="slettes aldrig"), unit.write(anna) as session:
        session.delete(session.get(JournalNote, note.id))
    with pytest.raises(FkoError, match="slettes aldrig"), unit.write(anna) as session:
        session.delete(session.scalars(select(GoalStatus)).first())
    assert first_note(unit).id == note.id


def test_the_database_refuses_deletes_and_history_edits_from_any_tool(unit, writers, unit_facts):
    anna, bo = writers
    journal.edit_note(unit, bo, first_note(unit).id, text="Rettet notat.", score=2, reason="Rettet.")
    for statement, refusal in [
        ("DELETE FROM journal_note", "journal_note rows are never deleted"),
        ("DELETE FROM goal_status", "goal_status rows are never deleted"),
        ("DELETE FROM record_version", "record_version rows are never deleted"),
        ("DELETE FROM audit_event", "audit_event rows are never deleted"),
        ("UPDATE record_version SET data = '{}'", "record_version rows are never changed"),
        ("UPDATE audit_event SET actor_name = 'Ingen'", "audit_event rows are never changed"),
    ]:
        with pytest.raises(DBAPIError, match=refusal), unit.engine.begin() as connection:
            connection.exec_driver_sql(statement)
    # Through a write session the refusal arrives as a message for the user.
    with pytest.raises(FkoError, match="juridisk vægt kan ikke slettes"), unit.write(anna) as session:
        session.execute(text("DELETE FROM journal_note WHERE id = 1"))
    assert journal.count_notes(unit) == len(unit_facts["notes"])
    assert len(journal.note_history(unit, first_note(unit).id)) == 1


def test_the_audit_trail_names_who_created_edited_and_withdrew(unit, writers):
    anna, bo = writers
    sub_goal_id = first_note(unit).sub_goal_id
    note = journal.add_note(unit, anna, sub_goal_id, text="Mads ryddede op efter sig.", score=2).value
    journal.edit_note(
        unit, bo, note.id, text="Mads ryddede selv op efter aftensmaden.", score=2, reason="Uddybet."
    )
    journal.withdraw_note(unit, anna, note.id, reason="Dobbeltregistrering.")
    with unit.read() as session:
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.record_type == "journal_note", AuditEvent.record_id == note.id)
            .order_by(AuditEvent.id)
        ).all()
    assert [(e.action, e.actor_name, e.actor_id, e.citizen_id) for e in events] == [
        ("create", "Anna Hansen (AH)", anna.staff_id, 1),
        ("edit", "Bo Berg (BB)", bo.staff_id, 1),
        ("withdraw", "Anna Hansen (AH)", anna.staff_id, 1),
    ]
    assert "text" in events[1].details["fields"]
    assert events[2].details == {"reason": "Dobbeltregistrering."}
    assert all(e.at.tzinfo is not None for e in events)


def test_goal_status_edits_are_versioned_too(unit, writers):
    anna, bo = writers
    [status] = goal_status.statuses_for_goal(unit, 1)
    goal_status.edit_goal_status(unit, bo, status.id, score=3, summary="Færre skoledage end ventet.")
    with unit.read() as session:
        [version] = session.scalars(
            select(RecordVersion).where(RecordVersion.record_type == "goal_status")
        ).all()
    assert (version.data["score"], version.data["summary"], version.data["period"]) == (
        2,
        "Mads kommer oftere i skole.",
        1,
    )
    assert version.data["assessed_on"] == "2025-04-15"
    assert version.replaced_by_id == bo.staff_id


def test_a_write_without_an_author_is_refused(unit):
    with pytest.raises(FkoError, match="Ingen bruger er valgt"), unit.write(None) as session:  # type: ignore[arg-type]
        session.add(JournalNote(sub_goal_id=1, citizen_id=1, author_id=1, text="Anonym.",
                                observed_at=dt.datetime.now(dt.UTC)))  # fmt: skip
    assert journal.count_notes(unit) == 3
