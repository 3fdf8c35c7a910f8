"""Roles through the core (issue 13): every boundary is refused by the core itself, whatever the
window shows, and a refused write leaves the file as it was."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select, update

from fko_desktop.errors import FkoError, PermissionDenied
from fko_desktop.exchange.exporter import prepare_export
from fko_desktop.models import Actor, AuditEvent, Plan, StaffMember, authorization, permissions
from fko_desktop.models.enums import PlanState, StaffRole
from fko_desktop.models.permissions import Permission
from fko_desktop.ops import accounts, citizens, diary, goal_status, journal, plans, staff, unit_settings
from fko_desktop.unit import Unit
from tests.unit_rows import file_state
from tests.world import START, World

#: What a refused write must leave exactly as it was (the audit and version counts too).
TABLES = (
    "staff_member",
    "unit",
    "citizen",
    "plan",
    "journal_note",
    "diary_note",
    "diary_tag",
    "goal_status",
)
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _add(world: World, name: str, initials: str, role: StaffRole = StaffRole.EMPLOYEE, **fields) -> Actor:
    member = staff.add_staff(world.unit, world.actor, name=name, initials=initials, role=role, **fields).value
    return staff.actor_for(member)


@pytest.fixture
def team(world: World) -> tuple[World, Actor, Actor, Actor]:
    """The world with Lise (leder), Bo and Ea (medarbejdere) beside Anna (administrator)."""
    return (
        world,
        _add(world, "Lise Leder", "LL", StaffRole.LEADER),
        _add(world, "Bo Berg", "BB"),
        _add(world, "Ea Eriksen", "EE"),
    )


def _refused(world: World, call, message: str | None = None) -> PermissionDenied:
    before = file_state(world.unit, TABLES)
    with pytest.raises(PermissionDenied) as refused:
        call()
    if message is not None:
        assert refused.value.message == message
    assert file_state(world.unit, TABLES) == before
    return refused.value


def _later(monkeypatch: pytest.MonkeyPatch, delta: dt.timedelta) -> None:
    """The core's clock, ``delta`` from now, for the own-note window."""
    real = authorization.utc_now
    monkeypatch.setattr(authorization, "utc_now", lambda: real() + delta)


# -- nobody, inactive, locked ------------------------------------------------------------------


def test_anyone_without_a_staff_member_writes_nothing(world: World) -> None:
    anyone = Actor(None, "Hvem som helst")
    _refused(
        world,
        lambda: journal.add_note(
            world.unit, anyone, world.sub_goals[0].id, text="Skrevet i Annas navn.", author_id=world.staff_id
        ),
        permissions.ANONYMOUS,
    )
    _refused(world, lambda: staff.add_staff(world.unit, anyone, name="Ny Chef", initials="NC", role="leder"))
    _refused(world, lambda: unit_settings.set_unit_settings(world.unit, anyone, departments=["Afd. X"]))
    # An id the unit does not know is nobody too.
    _refused(
        world,
        lambda: journal.add_note(
            world.unit, Actor(9999, "Spøgelse"), world.sub_goals[0].id, text="Mads spiste morgenmad."
        ),
        permissions.ANONYMOUS,
    )


def test_the_first_staff_member_is_added_before_anyone_can_log_in(unit) -> None:
    starter = Actor(None, "Guidet start")
    first = staff.add_staff(unit, starter, name="Eva Berg", initials="EB", role="administrator").value
    assert first.role is StaffRole.ADMINISTRATOR
    # Once the unit has its administrator, the same door is shut.
    with pytest.raises(PermissionDenied):
        staff.add_staff(unit, starter, name="Ole Snyd", initials="OS", role="administrator")
    assert [m.initials for m in unit.staff()] == ["EB"]


def test_an_inactive_or_locked_member_cannot_write(team) -> None:
    world, leder, bo, _ea = team
    staff.deactivate_staff(world.unit, leder, bo.staff_id)
    _refused(
        world,
        lambda: journal.add_note(world.unit, bo, world.sub_goals[0].id, text="Efter sidste arbejdsdag."),
        permissions.INACTIVE,
    )
    with world.unit.write(world.actor) as session:
        session.execute(
            update(StaffMember)
            .where(StaffMember.id == leder.staff_id)
            .values(locked_until=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10))
        )
    _refused(
        world,
        lambda: journal.add_note(world.unit, leder, world.sub_goals[0].id, text="Mens kontoen er låst."),
        permissions.LOCKED,
    )


# -- a medarbejder's boundaries ----------------------------------------------------------------


def test_a_medarbejder_documents(team) -> None:
    world, _leder, bo, _ea = team
    note = journal.add_note(world.unit, bo, world.sub_goals[0].id, text="Mads var i skole.", score=2).value
    assert note.author_id == bo.staff_id
    status = goal_status.record_goal_status(
        world.unit,
        bo,
        world.goals[0].id,
        score=2,
        summary="Går oftere i skole.",
        assessed_on=dt.date(2025, 4, 10),
    ).value
    assert status.created_by_id == bo.staff_id


def test_a_medarbejder_cannot_write_in_a_colleagues_name(team) -> None:
    world, leder, bo, ea = team
    _refused(
        world,
        lambda: journal.add_note(
            world.unit, bo, world.sub_goals[0].id, text="Ea så det.", author_id=ea.staff_id
        ),
        permissions.AUTHOR,
    )
    _refused(
        world,
        lambda: journal.add_diary_note(
            world.unit, bo, world.citizen.id, text="Ea så det.", author_id=ea.staff_id
        ),
        permissions.AUTHOR,
    )
    # A leder may record what a colleague told them, in the colleague's name.
    note = journal.add_note(
        world.unit, leder, world.sub_goals[0].id, text="Ea ringede.", author_id=ea.staff_id
    )
    assert note.value.author_id == ea.staff_id


def test_a_medarbejder_cannot_approve_a_plan_or_send_a_status_report(team, tmp_path: Path) -> None:
    world, leder, bo, _ea = team
    plan = plans.create_plan(world.unit, bo, world.citizen.id, order_id=world.order_id).value
    assert plan.state is PlanState.DRAFT
    _refused(
        world, lambda: plans.activate_plan(world.unit, bo, plan.id), permissions.REFUSALS[Permission.APPROVE]
    )
    _refused(
        world,
        lambda: prepare_export(world.unit, bo, kind="status", citizen_id=world.citizen.id),
        permissions.REFUSALS[Permission.APPROVE],
    )

    # Not by the back door either (a script writing through the core): the plan's state is
    # the approval, whichever code sets it.
    def set_state() -> None:
        with world.unit.write(bo) as session:
            session.get(Plan, plan.id).state = PlanState.ACTIVE

    _refused(world, set_state, permissions.REFUSALS[Permission.APPROVE])
    assert plans.activate_plan(world.unit, leder, plan.id).value.state is PlanState.ACTIVE
    assert (
        prepare_export(world.unit, leder, kind="status", citizen_id=world.citizen.id).citizen_id
        == world.citizen.id
    )


def test_a_medarbejder_cannot_manage_staff(team) -> None:
    world, leder, bo, ea = team
    refusal = permissions.REFUSALS[Permission.MANAGE_STAFF]
    _refused(world, lambda: staff.add_staff(world.unit, bo, name="Ny Kollega", initials="NK"), refusal)
    _refused(world, lambda: staff.deactivate_staff(world.unit, bo, ea.staff_id), refusal)
    _refused(world, lambda: staff.edit_staff(world.unit, bo, ea.staff_id, title="Chef"), refusal)
    # Nor make themselves a leder.
    _refused(world, lambda: staff.edit_staff(world.unit, bo, bo.staff_id, role="leder"), refusal)
    before = file_state(world.unit, TABLES)
    with pytest.raises(FkoError):
        accounts.reset_password(world.unit, bo, ea.staff_id, "en-ny-engangskode", NOW)
    assert file_state(world.unit, TABLES) == before
    staff.edit_staff(world.unit, leder, ea.staff_id, title="Pædagog")


def test_a_leder_cannot_make_an_administrator(team) -> None:
    world, leder, bo, _ea = team
    refusal = "Kun en administrator kan oprette, rette eller deaktivere en administrator."
    _refused(
        world, lambda: staff.edit_staff(world.unit, leder, leder.staff_id, role="administrator"), refusal
    )
    _refused(
        world,
        lambda: staff.add_staff(world.unit, leder, name="Ny Admin", initials="NA", role="administrator"),
    )
    ida = staff.add_staff(
        world.unit, world.actor, name="Ida Admin", initials="IA", role="administrator"
    ).value
    _refused(world, lambda: staff.deactivate_staff(world.unit, leder, ida.id), refusal)
    staff.edit_staff(world.unit, leder, bo.staff_id, role="leder")


def test_settings_and_keys_are_an_administrators(team, tmp_path: Path) -> None:
    world, leder, bo, _ea = team
    refusal = permissions.REFUSALS[Permission.SETTINGS]
    for who in (bo, leder):
        _refused(
            world,
            lambda who=who: unit_settings.set_unit_settings(world.unit, who, backup_keep_days=3),
            refusal,
        )
    unit_settings.set_unit_settings(world.unit, world.actor, backup_keep_days=3)
    assert world.unit.unit().backup_keep_days == 3
    identity, public = tmp_path / "enhed.key", tmp_path / "enhed.pub"
    for who in (bo, leder):
        _refused(
            world,
            lambda who=who: Unit(world.unit, who).bundles.create_key_pair(identity, public, label="Egely"),
            permissions.REFUSALS[Permission.KEYS],
        )
        assert not identity.exists()
    made = Unit(world.unit, world.actor).bundles.create_key_pair(identity, public, label="Egely")
    assert identity.exists() and made.fingerprint


def test_only_an_administrator_restores_a_backup(team) -> None:
    world, leder, bo, _ea = team
    backup = world.unit.backup()
    for who in (bo, leder):
        with pytest.raises(PermissionDenied, match="Kun en administrator kan gendanne"):
            Unit(world.unit, who).restore_when_closed(backup)
    restore = Unit(world.unit, world.actor).restore_when_closed(backup)
    assert callable(restore)  # run by the window once it has closed the unit


def test_the_window_asks_the_core_what_a_role_may(team) -> None:
    world, leder, bo, _ea = team
    as_bo, as_leder, as_admin = (Unit(world.unit, who) for who in (bo, leder, world.actor))
    assert as_bo.role is StaffRole.EMPLOYEE and as_leder.role is StaffRole.LEADER
    assert as_bo.may(Permission.DOCUMENT) and not as_bo.may(Permission.APPROVE)
    assert not as_bo.may(Permission.MANAGE_STAFF) and not as_bo.may(Permission.AUDIT_VIEW)
    assert as_leder.may(Permission.APPROVE) and as_leder.may(Permission.AUDIT_VIEW)
    assert not as_leder.may(Permission.RESTORE) and not as_leder.may(Permission.SETTINGS)
    assert all(as_admin.may(permission) for permission in Permission)
    assert not Unit(world.unit, Actor(None, "Hvem som helst")).may(Permission.DOCUMENT)


# -- own notes within a day; a leder's corrections ---------------------------------------------


def test_a_medarbejder_corrects_their_own_note_within_a_day_only(team, monkeypatch) -> None:
    world, _leder, bo, _ea = team
    note = journal.add_note(world.unit, bo, world.sub_goals[0].id, text="Mads gik i skole.").value
    diary_note = journal.add_diary_note(world.unit, bo, world.citizen.id, text="En god dag.").value
    journal.edit_note(world.unit, bo, note.id, text="Mads gik i skole hele dagen.")
    _later(monkeypatch, dt.timedelta(hours=25))
    _refused(
        world,
        lambda: journal.edit_note(world.unit, bo, note.id, text="Omskrevet dagen efter."),
        permissions.TOO_LATE,
    )
    _refused(
        world,
        lambda: journal.withdraw_note(world.unit, bo, note.id, reason="Skrevet ved en fejl"),
        permissions.TOO_LATE,
    )
    _refused(
        world,
        lambda: diary.edit_diary_note(world.unit, bo, diary_note.id, text="Skrevet om dagen efter."),
        permissions.TOO_LATE,
    )


def test_a_medarbejder_cannot_touch_a_colleagues_note(team) -> None:
    world, _leder, bo, ea = team
    note = journal.add_note(world.unit, ea, world.sub_goals[0].id, text="Eas observation.").value
    diary_note = journal.add_diary_note(world.unit, ea, world.citizen.id, text="Eas dagbog.").value
    _refused(
        world,
        lambda: journal.edit_note(world.unit, bo, note.id, text="Bos egen version af det."),
        permissions.OTHERS_NOTE,
    )
    _refused(
        world,
        lambda: journal.withdraw_note(world.unit, bo, note.id, reason="Uenig i beskrivelsen"),
        permissions.OTHERS_NOTE,
    )
    _refused(
        world,
        lambda: diary.edit_diary_note(world.unit, bo, diary_note.id, text="Bos egen version af det."),
        permissions.OTHERS_NOTE,
    )
    _refused(
        world,
        lambda: diary.withdraw_diary_note(world.unit, bo, diary_note.id, reason="Uenig i beskrivelsen"),
        permissions.OTHERS_NOTE,
    )


def test_a_leder_corrects_a_colleagues_note_with_a_reason(team, monkeypatch) -> None:
    world, leder, _bo, ea = team
    note = journal.add_note(world.unit, ea, world.sub_goals[0].id, text="Mads slog Ole.").value
    _later(monkeypatch, dt.timedelta(days=30))
    _refused(
        world,
        lambda: journal.edit_note(world.unit, leder, note.id, text="Mads skubbede Ole."),
        permissions.REASON,
    )
    edited = journal.edit_note(
        world.unit, leder, note.id, text="Mads skubbede Ole.", reason="Rettet efter samtale med Ea."
    ).value
    assert (edited.text, edited.author_id, edited.updated_by_id) == (
        "Mads skubbede Ole.",
        ea.staff_id,
        leder.staff_id,
    )
    with world.unit.read() as session:
        events = list(session.scalars(select(AuditEvent).where(AuditEvent.action == "correction_reason")))
    assert [(e.actor_id, e.details["reason"]) for e in events] == [
        (leder.staff_id, "Rettet efter samtale med Ea.")
    ]
    journal.withdraw_note(world.unit, leder, note.id, reason="Skrevet på den forkerte borger.")


# -- department_only ---------------------------------------------------------------------------


def test_department_only_hides_and_refuses_other_departments(team) -> None:
    world, _leder, _bo, _ea = team
    unit_settings.set_unit_settings(world.unit, world.actor, departments=["Afd. Nord", "Afd. Syd"])
    citizens.update_citizen(world.unit, world.actor, world.citizen.id, department="Afd. Syd")
    north = citizens.create_citizen(
        world.unit, world.actor, name="Nora Nord", cpr="010214-4322", area="children", department="Afd. Nord"
    ).value
    nils = staff.add_staff(
        world.unit, world.actor, name="Nils Nord", initials="NN", department="Afd. Nord"
    ).value
    staff.edit_staff(world.unit, world.actor, nils.id, department="Afd. Nord")
    with world.unit.write(world.actor) as session:
        session.get(StaffMember, nils.id).department_only = True
    as_nils = staff.actor_for(nils)
    seen = Unit(world.unit, as_nils).citizens
    assert [c.name for c in seen.list()] == ["Nora Nord"]
    with pytest.raises(PermissionDenied, match="egen afdeling"):
        seen.get(world.citizen.id)
    _refused(
        world,
        lambda: journal.add_diary_note(world.unit, as_nils, world.citizen.id, text="Hos naboafdelingen."),
        permissions.DEPARTMENT,
    )
    _refused(
        world,
        lambda: citizens.update_citizen(world.unit, as_nils, north.id, department="Afd. Syd"),
        permissions.DEPARTMENT,
    )
    journal.add_diary_note(world.unit, as_nils, north.id, text="Nora malede.")
    # Without the restriction, a colleague in the same department sees everyone.
    bo_seen = Unit(world.unit, team[2]).citizens.list()
    assert {c.name for c in bo_seen} == {"Mads Testesen", "Nora Nord"}
    assert START  # the world's goals start before any of this
