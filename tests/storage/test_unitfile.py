"""A unit file through its life: create, write, close, reopen, read back; settings; backups."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import func, select

from fko_desktop.errors import FkoError, ReadOnlyError, UnitFileError
from fko_desktop.models import (
    Actor,
    AuditEvent,
    Citizen,
    GoalStatus,
    JournalNote,
    Order,
    Plan,
    StaffMember,
    SubGoal,
    Unit,
)
from fko_desktop.models.enums import Area, ContactKind, MeetingKind, OrderState, PlanState, SubGoalState
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.ops import citizens, goal_status, journal, orders, plans, staff
from fko_desktop.ops.info import unit_info
from fko_desktop.storage import schema
from fko_desktop.storage.unitfile import UnitFile

from .util import file_state

SUMMER = dt.timezone(dt.timedelta(hours=2))
NEWFOUNDLAND = dt.timezone(dt.timedelta(hours=-3, minutes=-30))
TARGET_GROUPS = ["0d66b364-958e-48cf-a18b-744fab284194", "7ef8be83-90d1-4375-b1cb-24710bea21c7"]
THEMES = ["4934e45a-0f93-4c23-a767-2b681378700b", "8028b034-cad2-42df-b51c-aaba9c0bba61"]
SOURCE_CITIZEN = "25b4e705-2e9a-47a2-b11a-c829316b9d3a"


def test_round_trip_through_a_real_file(tmp_path):
    path = tmp_path / "runde.fko"
    unit = UnitFile.create(path, "  Bostedet Åløkke  ", organisation="Ærø Kommune")
    member = staff.add_staff(
        unit, Actor(None, "test"), name="Søren Ølgaard", initials="sø", title="Pædagog"
    ).value
    actor = staff.actor_for(member)
    citizen = citizens.create_citizen(
        unit,
        actor,
        name="Åse Æbelø",
        cpr="2902121234",
        area="children",
        department="Afdeling Øst",
        intake_date=dt.date(2024, 2, 29),
        caseworker_name="Bente Sagsbehandler",
        caseworker_contact="bente@kommune.dk",
        acting_municipality="Randers",
        paying_municipality="Aarhus",
        diagnoses="ADHD",
        wishes="Vil gerne spille på trommer.",
        target_groups=TARGET_GROUPS,
        contacts=[citizens.ContactInput("guardian", "Mor Æbelø", relation="Mor", phone="12 34 56 78")],
    ).value
    order = orders.create_order(
        unit,
        actor,
        citizen.id,
        meeting_date=dt.date(2024, 3, 1),
        meeting_kind="annual",
        received_date=dt.date(2024, 3, 12),
        sender_name="Bente Sagsbehandler",
        intervention_purpose="Åse får en stabil hverdag.",
        goals=[
            orders.GoalInput(
                "Åse sover hele natten.",
                "sundhed",
                dt.date(2024, 3, 15),
                baseline=0,
                target=NOT_ASSESSED,
                follow_up_date=dt.date(2024, 9, 15),
                related_themes=THEMES,
                justification="Søvn først.",
            ),
            orders.GoalInput(
                "Åse går i skole.", "skole_og_laering", dt.date(2024, 3, 15), baseline=4, target=2
            ),
        ],
    ).value
    plan = plans.create_plan(
        unit, actor, citizen.id, order_id=order.id, background="Kom fra plejefamilie."
    ).value
    sleep, school = order.goals
    sub_goal = plans.add_sub_goal(
        unit,
        actor,
        sleep.id,
        text="Åse går i seng kl. 21.",
        start_date=dt.date(2024, 3, 15),
        end_date=dt.date(2024, 12, 31),
        method="Fast aftenrutine.",
        justification="Rutiner giver ro.",
        responsible_id=member.id,
    ).value
    notes = [
        (dt.datetime(2024, 7, 1, 21, 5, 30, 123456, tzinfo=SUMMER), "Sov kl. 21.30, vågnede én gang.", 0),
        (dt.datetime(2024, 7, 2, 7, 0, tzinfo=NEWFOUNDLAND), "Ville ikke vurdere i dag.", NOT_ASSESSED),
        (dt.datetime(2024, 7, 3, 22, 0, tzinfo=dt.UTC), "Urolig nat; råbte.", 4),
        (dt.datetime(2024, 7, 4, 20, 0, tzinfo=SUMMER), "Kun en observation uden score.", None),
    ]
    note_ids = [
        journal.add_note(unit, actor, sub_goal.id, text=text, score=score, observed_at=when).value.id
        for when, text, score in notes
    ]
    status = goal_status.record_goal_status(
        unit,
        actor,
        sleep.id,
        score=NOT_ASSESSED,
        summary="Ikke nok notater endnu.",
        assessed_on=dt.date(2024, 6, 15),
        source_code=SOURCE_CITIZEN,
        citizen_score=0,
        citizen_note="Åse siger hun sover godt.",
    ).value
    unit.close()

    with UnitFile.open(path) as reopened, reopened.read() as session:
        stored_unit = session.scalars(select(Unit)).one()
        assert (stored_unit.name, stored_unit.organisation) == ("Bostedet Åløkke", "Ærø Kommune")
        assert stored_unit.created_at.tzinfo is not None
        stored_member = session.get(StaffMember, member.id)
        assert (stored_member.name, stored_member.initials, stored_member.title, stored_member.active) == (
            "Søren Ølgaard", "SØ", "Pædagog", True,
        )  # fmt: skip

        stored = session.get(Citizen, citizen.id)
        assert stored.name == "Åse Æbelø" and stored.cpr == "290212-1234"
        assert stored.area is Area.CHILDREN
        assert stored.intake_date == dt.date(2024, 2, 29) and type(stored.intake_date) is dt.date
        assert stored.end_date is None and stored.active
        assert (stored.department, stored.caseworker_name, stored.caseworker_contact) == (
            "Afdeling Øst", "Bente Sagsbehandler", "bente@kommune.dk",
        )  # fmt: skip
        assert (stored.acting_municipality, stored.paying_municipality) == ("Randers", "Aarhus")
        assert (stored.diagnoses, stored.wishes) == ("ADHD", "Vil gerne spille på trommer.")
        assert stored.target_groups == TARGET_GROUPS
        assert stored.created_by_id == member.id
        [contact] = stored.contacts
        assert (contact.kind, contact.name, contact.relation, contact.phone) == (
            ContactKind.GUARDIAN, "Mor Æbelø", "Mor", "12 34 56 78",
        )  # fmt: skip

        stored_order = session.get(Order, order.id)
        assert stored_order.meeting_kind is MeetingKind.ANNUAL and stored_order.state is OrderState.RECEIVED
        assert (stored_order.meeting_date, stored_order.received_date) == (
            dt.date(2024, 3, 1),
            dt.date(2024, 3, 12),
        )
        assert stored_order.intervention_purpose == "Åse får en stabil hverdag."
        goal_one, goal_two = stored_order.goals
        assert (goal_one.text, goal_one.domain_catalog, goal_one.domain_code) == (
            "Åse sover hele natten.",
            "ics",
            "sundhed",
        )
        assert goal_one.baseline == 0 and goal_one.baseline is not None
        assert goal_one.target is NOT_ASSESSED
        assert (goal_two.baseline, goal_two.target) == (4, 2)
        assert goal_one.related_themes == THEMES and goal_two.related_themes == []
        assert (goal_one.start_date, goal_one.follow_up_date) == (dt.date(2024, 3, 15), dt.date(2024, 9, 15))
        assert goal_one.justification == "Søvn først."

        stored_plan = session.get(Plan, plan.id)
        assert (stored_plan.order_id, stored_plan.state, stored_plan.background) == (
            order.id, PlanState.DRAFT, "Kom fra plejefamilie.",
        )  # fmt: skip
        stored_sub = session.get(SubGoal, sub_goal.id)
        assert (stored_sub.text, stored_sub.method, stored_sub.justification) == (
            "Åse går i seng kl. 21.", "Fast aftenrutine.", "Rutiner giver ro.",
        )  # fmt: skip
        assert (stored_sub.start_date, stored_sub.end_date) == (dt.date(2024, 3, 15), dt.date(2024, 12, 31))
        assert stored_sub.state is SubGoalState.ACTIVE and stored_sub.responsible_id == member.id

        for note_id, (when, text, score) in zip(note_ids, notes, strict=True):
            note = session.get(JournalNote, note_id)
            assert note.text == text
            assert note.observed_at == when  # the same instant, to the microsecond
            assert note.observed_at.utcoffset() == dt.timedelta(0)  # kept as UTC, never naive
            assert note.created_at.tzinfo is not None
            assert (note.author_id, note.created_by_id, note.version) == (member.id, member.id, 1)
            if score is None or score is NOT_ASSESSED:
                assert note.score is score
            else:
                assert note.score == score and type(note.score) is int

        stored_status = session.get(GoalStatus, status.id)
        assert stored_status.score is NOT_ASSESSED
        assert stored_status.citizen_score == 0 and stored_status.citizen_score is not None
        assert (stored_status.period, stored_status.assessed_on) == (1, dt.date(2024, 6, 15))
        assert (stored_status.source_code, stored_status.citizen_note) == (
            SOURCE_CITIZEN,
            "Åse siger hun sover godt.",
        )

    # What other tools see in the file: UTC ISO text, -1 for "Ikke vurderet", JSON arrays.
    with sqlite3.connect(path) as raw:
        rows = raw.execute("SELECT observed_at, score FROM journal_note ORDER BY id").fetchall()
        assert rows == [
            ("2024-07-01T19:05:30.123456+00:00", 0),
            ("2024-07-02T10:30:00.000000+00:00", -1),
            ("2024-07-03T22:00:00.000000+00:00", 4),
            ("2024-07-04T18:00:00.000000+00:00", None),
        ]
        assert raw.execute("SELECT intake_date, target_groups FROM citizen").fetchone() == (
            "2024-02-29", f'["{TARGET_GROUPS[0]}", "{TARGET_GROUPS[1]}"]',
        )  # fmt: skip
        assert raw.execute("SELECT baseline, target FROM intervention_goal ORDER BY id").fetchall() == [
            (0, -1),
            (4, 2),
        ]
        assert raw.execute("SELECT score, citizen_score FROM goal_status").fetchone() == (-1, 0)
    raw.close()


def test_pragmas_of_an_open_unit(unit_path):
    with UnitFile.open(unit_path) as unit, unit.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL
        assert pragma("application_id") == schema.APPLICATION_ID == 0x464B4F31
    with UnitFile.open(unit_path, readonly=True) as unit, unit.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert unit_path.read_bytes()[68:72] == bytes.fromhex("464B4F31")


def test_foreign_keys_are_enforced(unit_path, unit_facts):
    with UnitFile.open(unit_path) as unit:
        actor = staff.actor_for(unit.staff()[0])
        with pytest.raises(FkoError) as refused, unit.write(actor) as session:
            session.add(
                JournalNote(
                    sub_goal_id=999,
                    citizen_id=1,
                    observed_at=dt.datetime.now(dt.UTC),
                    author_id=1,
                    text="Til et delmål der ikke findes.",
                )
            )
        assert "FOREIGN KEY" in str(refused.value)
        with unit.read() as session:
            assert session.scalar(select(func.count()).select_from(JournalNote)) == len(unit_facts["notes"])


def test_create_refuses_an_existing_path_and_an_empty_name(unit_path, tmp_path):
    before = file_state(unit_path)
    with pytest.raises(UnitFileError, match="findes allerede"):
        UnitFile.create(unit_path, "Ny enhed")
    assert file_state(unit_path) == before
    with pytest.raises(FkoError, match="navn"):
        UnitFile.create(tmp_path / "uden-navn.fko", "   ")
    assert not (tmp_path / "uden-navn.fko").exists()
    assert not (tmp_path / "uden-navn.fko.part").exists()


def test_created_file_is_head_and_audited(tmp_path):
    with UnitFile.create(tmp_path / "ny.fko", "Egely") as unit:
        assert unit.schema_version() == schema.head_revision() == "0013"
        assert unit.unit().name == "Egely"
        with unit.read() as session:
            events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert [(e.action, e.record_type, e.actor_name, e.details) for e in events] == [
            ("create_unit_file", None, "FKO Desktop", {"unit_name": "Egely"}),
            ("create", "unit", "FKO Desktop", {}),
        ]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_readonly_unit_refuses_writes_and_leaves_the_file_alone(unit_path, unit_facts):
    before = unit_path.read_bytes()
    mtime = unit_path.stat().st_mtime_ns
    with UnitFile.open(unit_path, readonly=True) as unit:
        assert unit.readonly
        actor = staff.actor_for(unit.staff()[0])
        with pytest.raises(ReadOnlyError, match="skrivebeskyttet"), unit.write(actor):
            pass
        sub_goal_id = journal.journal(unit)[0].sub_goal_id
        with pytest.raises(ReadOnlyError):
            journal.add_note(unit, actor, sub_goal_id, text="Må ikke gemmes.")
        with pytest.raises(ReadOnlyError):
            staff.add_staff(unit, actor, name="Ny Person", initials="np")
        # A backup only reads the unit file; the copy is written elsewhere and nothing is audited.
        copy = unit.backup(unit_path.parent / "kopier")
        assert copy.exists() and copy.parent.name == "kopier"
        # Even a session handed out for reading cannot be used to write.
        with pytest.raises(FkoError, match="skrivebeskyttet"), unit.read() as session:
            session.add(StaffMember(name="Snydt", initials="SN"))
            session.flush()
        assert unit_info(unit)["counts"] == unit_facts["counts"]
    assert unit_path.read_bytes() == before
    assert unit_path.stat().st_mtime_ns == mtime
    assert not unit_path.with_name(unit_path.name + ".lock").exists()


def test_a_failed_write_rolls_back_the_whole_transaction(unit_path, unit_facts):
    with UnitFile.open(unit_path) as unit:
        actor = staff.actor_for(unit.staff()[0])
        with pytest.raises(RuntimeError), unit.write(actor) as session:
            session.add(StaffMember(name="Halv Person", initials="HP"))
            session.flush()
            raise RuntimeError("afbrudt midt i")
        assert [m.name for m in unit.staff()] == [unit_facts["staff_name"]]


def test_backup_while_open_for_writing(unit_path, tmp_path, unit_facts):
    out = tmp_path / "kopier"
    with UnitFile.open(unit_path) as unit:
        actor = staff.actor_for(unit.staff()[0])
        sub_goal_id = journal.journal(unit)[0].sub_goal_id
        journal.add_note(unit, actor, sub_goal_id, text="Skrevet lige før kopien.", score=1)
        assert unit_path.with_name(unit_path.name + "-wal").stat().st_size > 0  # the note is still in the WAL
        copy = unit.backup(out)
        counts = unit_info(unit)["counts"]
        with unit.read() as session:
            audited = session.scalars(select(AuditEvent).where(AuditEvent.action == "backup")).one()
        assert audited.details == {"file": copy.name}
    assert copy.parent == out and copy.suffix == ".fko" and copy.name.startswith("egely-")
    assert sorted(p.name for p in out.iterdir()) == [copy.name]  # one file: no -wal, no .part
    assert counts["journal_notes"] == unit_facts["counts"]["journal_notes"] + 1
    with UnitFile.open(copy, readonly=True) as restored:
        assert unit_info(restored)["counts"] == counts
        assert journal.journal(restored, limit=1)[0].text == "Skrevet lige før kopien."
        assert restored.unit().name == unit_facts["unit_name"]
    with sqlite3.connect(copy) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    raw.close()


def test_two_backups_in_the_same_second_get_two_names(unit_path, tmp_path):
    with UnitFile.open(unit_path) as unit:
        first, second = unit.backup(tmp_path / "b"), unit.backup(tmp_path / "b")
    assert first != second and first.exists() and second.exists()


def test_backup_reports_progress_and_a_cancelled_copy_leaves_nothing(unit_path, tmp_path, monkeypatch):
    from fko_desktop.progress import Cancelled, Progress
    from fko_desktop.storage import backup as backup_module

    monkeypatch.setattr(backup_module, "BACKUP_PAGES_PER_STEP", 2)  # a small file still takes steps
    seen: list[tuple[int, int]] = []
    with UnitFile.open(unit_path) as unit:
        copy = unit.backup(tmp_path / "ok", Progress(lambda done, total, _text: seen.append((done, total))))
        assert copy.exists()
        assert (
            len(seen) > 1
            and seen[-1][0] == seen[-1][1]
            and [d for d, _ in seen] == sorted(d for d, _ in seen)
        )

        def stop_after_first(done: int, total: int, _text: object) -> None:
            stopper.cancel()

        stopper = Progress(stop_after_first)
        with pytest.raises(Cancelled):
            unit.backup(tmp_path / "stopped", stopper)
        with unit.read() as session:
            events = session.scalars(select(AuditEvent).where(AuditEvent.action == "backup")).all()
    assert list((tmp_path / "stopped").iterdir()) == []  # no copy, no .part
    assert [e.details["file"] for e in events] == [copy.name]  # only the finished copy is audited
