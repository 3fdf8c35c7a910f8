"""Staff logins through the core: hashing, lockout, resets, one-time and first passwords."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

import pytest
from sqlalchemy import select

from fko_desktop.errors import LoginRefused, PasswordChangeRequired, ValidationError
from fko_desktop.models import Actor, StaffMember, passwords
from fko_desktop.models.history import AuditEvent
from fko_desktop.ops import accounts, staff
from fko_desktop.storage import paths
from fko_desktop.unit import Unit
from tests.world import World

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
SECRET = "hemmelig-kode-4711"
LEADER_SECRET = "ledelsens-kode-0815"


def _member(world: World, initials: str) -> StaffMember:
    with world.unit.read() as session:
        member = session.scalars(select(StaffMember).where(StaffMember.initials == initials)).one()
        session.expunge(member)
        return member


def _events(world: World) -> list[AuditEvent]:
    with world.unit.read() as session:
        events = list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
        for event in events:
            session.expunge(event)
        return events


@pytest.fixture
def staffed(world: World) -> World:
    """Anna (AH, medarbejder) with a password; Lise (LL, leder) with one; Bo (BO) without."""
    leader = staff.add_staff(world.unit, world.actor, name="Lise Leder", initials="LL", role="leder").value
    staff.add_staff(world.unit, world.actor, name="Bo Olsen", initials="BO")
    admin = staff.add_staff(world.unit, world.actor, name="Ida Admin", initials="IA", role="administrator")
    # The world's first member is its administrator; here Anna works as a medarbejder.
    staff.edit_staff(world.unit, staff.actor_for(admin.value), world.staff_id, role="medarbejder")
    accounts.claim_first_password(world.unit, "LL", LEADER_SECRET, NOW)
    accounts.reset_password(world.unit, staff.actor_for(leader), world.staff_id, "engangskode-123", NOW)
    accounts.set_own_password(world.unit, "AH", "engangskode-123", SECRET, NOW)
    return world


def test_policy_refuses_short_initials_name_and_repeated() -> None:
    for weak in ("kort", "aaaaaaaaaaaa", "annahansen", "Anna Hansen"):
        with pytest.raises(ValidationError) as refused:
            passwords.check_policy(weak, initials="AH", name="Anna Hansen")
        assert weak not in refused.value.message
    passwords.check_policy("en-god-lang-kode", initials="AH", name="Anna Hansen")


def test_hash_is_argon2id_and_no_clear_password_anywhere(staffed: World, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    member = _member(staffed, "AH")
    assert member.password_hash is not None and member.password_hash.startswith("$argon2id$")
    assert accounts.verify_login(staffed.unit, "ah", SECRET, NOW).id == member.id
    with pytest.raises(LoginRefused):
        accounts.verify_login(staffed.unit, "AH", "forkert-" + SECRET, NOW)
    secrets = [SECRET.encode(), LEADER_SECRET.encode(), b"engangskode-123"]
    unit_path = staffed.unit.path
    files = [p for p in unit_path.parent.iterdir() if p.name.startswith(unit_path.name)]
    files += [p for p in Path(os.environ["FKO_DATA_DIR"]).rglob("*") if p.is_file()]
    files += [p for p in paths.log_dir().rglob("*") if p.is_file()]
    assert any(p.suffix == ".fko" for p in files)
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            assert secret not in data, path
    assert all(SECRET not in record.getMessage() for record in caplog.records)
    assert all(SECRET not in str(e.details) for e in _events(staffed))


def test_wrong_password_writes_only_the_count_and_its_event(staffed: World) -> None:
    before = _member(staffed, "AH")
    events_before = len(_events(staffed))
    with pytest.raises(LoginRefused) as refused:
        accounts.verify_login(staffed.unit, "AH", "forkert-kode-123", NOW)
    assert refused.value.message == accounts.WRONG
    after = _member(staffed, "AH")
    assert after.failed_logins == before.failed_logins + 1
    assert after.password_hash == before.password_hash
    new = _events(staffed)[events_before:]
    assert [(e.action, e.record_id) for e in new] == [("login-failed", before.id)]
    # Unknown initials: the same message; the event does not repeat what was typed.
    with pytest.raises(LoginRefused) as unknown:
        accounts.verify_login(staffed.unit, "XYZ", "forkert-kode-123", NOW)
    assert unknown.value.message == accounts.WRONG
    last = _events(staffed)[-1]
    assert last.action == "login-failed" and "XYZ" not in str(last.details)


def test_lockout_after_five_and_refused_while_locked(staffed: World) -> None:
    for attempt in range(passwords.MAX_FAILED_LOGINS):
        with pytest.raises(LoginRefused) as refused:
            accounts.verify_login(staffed.unit, "AH", f"forkert-kode-{attempt}", NOW)
    assert refused.value.locked_until == NOW + dt.timedelta(minutes=passwords.LOCK_MINUTES)
    assert "låst" in refused.value.message
    assert "locked" in [e.action for e in _events(staffed)]
    later = NOW + dt.timedelta(minutes=passwords.LOCK_MINUTES - 1)
    with pytest.raises(LoginRefused) as still:
        accounts.verify_login(staffed.unit, "AH", SECRET, later)
    assert still.value.locked_until is not None
    after = NOW + dt.timedelta(minutes=passwords.LOCK_MINUTES, seconds=1)
    assert accounts.verify_login(staffed.unit, "AH", SECRET, after).initials == "AH"
    member = _member(staffed, "AH")
    assert member.failed_logins == 0 and member.locked_until is None


def test_reset_only_by_leder_audited_without_secret(staffed: World) -> None:
    anna = _member(staffed, "AH")
    bo = _member(staffed, "BO")
    with pytest.raises(ValidationError):
        accounts.reset_password(staffed.unit, staff.actor_for(anna), bo.id, "ny-kode-til-bo-1", NOW)
    with pytest.raises(ValidationError):
        accounts.reset_password(staffed.unit, Actor(None, "et værktøj"), bo.id, "ny-kode-til-bo-1", NOW)
    assert not accounts.has_password(staffed.unit, bo.id)
    leader = _member(staffed, "LL")
    accounts.reset_password(staffed.unit, staff.actor_for(leader), bo.id, "ny-kode-til-bo-1", NOW)
    reset = [e for e in _events(staffed) if e.action == "password-reset" and e.record_id == bo.id]
    assert len(reset) == 1 and reset[0].actor_id == leader.id
    assert "ny-kode" not in str(reset[0].details)
    assert _member(staffed, "BO").must_change_password


def test_leder_cannot_reset_an_administrator(staffed: World) -> None:
    admin = _member(staffed, "IA")
    leader = _member(staffed, "LL")
    with pytest.raises(ValidationError):
        accounts.reset_password(staffed.unit, staff.actor_for(leader), admin.id, "overtag-konto-1", NOW)


def test_must_change_flow_through_the_facade(staffed: World) -> None:
    leader = _member(staffed, "LL")
    bo = _member(staffed, "BO")
    accounts.reset_password(staffed.unit, staff.actor_for(leader), bo.id, "engangskode-bo", NOW)
    path = staffed.unit.path
    staffed.unit.close()
    with pytest.raises(PasswordChangeRequired):
        Unit.open_as(path, "BO", "engangskode-bo")
    unit = Unit.open(path)
    with pytest.raises(PasswordChangeRequired):
        unit.accounts.login("BO", "engangskode-bo")
    assert unit.actor is None  # nothing can be written yet
    row = unit.accounts.login("BO", "engangskode-bo", new_password="bos-egen-kode-1")
    assert unit.actor is not None and unit.actor.staff_id == row.id
    unit.close()
    with Unit.open_as(path, "bo", "bos-egen-kode-1") as unit:
        assert unit.actor is not None and unit.actor.staff_id == bo.id
    with pytest.raises(LoginRefused):
        Unit.open_as(path, "BO", "engangskode-bo")


def test_inactive_member_cannot_log_in(staffed: World) -> None:
    anna = _member(staffed, "AH")
    leader = _member(staffed, "LL")
    staff.deactivate_staff(staffed.unit, staff.actor_for(leader), anna.id)
    with pytest.raises(LoginRefused) as refused:
        accounts.verify_login(staffed.unit, "AH", SECRET, NOW)
    assert refused.value.message == accounts.WRONG


def test_migrated_unit_first_leder_chooses_then_others_wait(unit) -> None:
    # A unit from before issue 13: staff and leders, no administrator, no passwords.
    staff.add_staff(unit, Actor(None, "test"), name="Anna Hansen", initials="AH")
    lise = staff.add_staff(unit, Actor(None, "test"), name="Lise Leder", initials="LL", role="leder").value
    staff.add_staff(unit, staff.actor_for(lise), name="Karl Leder", initials="KL", role="leder")
    assert accounts.needs_first_password(unit)
    # A medarbejder without a password is refused like a wrong password.
    with pytest.raises(LoginRefused):
        accounts.verify_login(unit, "AH", "hvad-som-helst-1", NOW)
    with pytest.raises(PasswordChangeRequired) as first:
        accounts.verify_login(unit, "LL", "", NOW)
    assert first.value.first_password
    with pytest.raises(LoginRefused):
        accounts.claim_first_password(unit, "AH", "medarbejder-kode-1", NOW)
    accounts.claim_first_password(unit, "LL", LEADER_SECRET, NOW)
    assert not accounts.needs_first_password(unit)
    assert accounts.verify_login(unit, "LL", LEADER_SECRET, NOW).initials == "LL"
    # Now the other leder without a password waits for a one-time password too.
    with pytest.raises(LoginRefused):
        accounts.verify_login(unit, "KL", "", NOW)
    with pytest.raises(LoginRefused):
        accounts.claim_first_password(unit, "KL", "karls-egen-kode-1", NOW)


def test_create_with_first_staff_sets_the_administrators_password(tmp_path: Path) -> None:
    path = tmp_path / "ny.fko"
    with pytest.raises(ValidationError):
        Unit.create_with_first_staff(
            path, "Ny enhed", staff_name="Eva Berg", staff_initials="EB", staff_password="kort"
        )
    assert not path.exists()
    Unit.create_with_first_staff(
        path, "Ny enhed", staff_name="Eva Berg", staff_initials="EB", staff_password="evas-gode-kode"
    ).close()
    with Unit.open_as(path, "EB", "evas-gode-kode") as unit:
        assert unit.actor is not None
        (member,) = unit.staff.list()
        assert member.role.value == "administrator"
