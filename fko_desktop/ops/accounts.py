"""Staff logins: checking a password, locking after repeated failures, choosing and resetting
passwords (issue 13).

A refusal never tells whether the initials exist. Failures and lockouts are audited, each in
its own small transaction, so a refused login leaves nothing behind but its count and its
audit event. The bookkeeping columns (``failed_logins``, ``locked_until``) are written with a
plain UPDATE: the explicit audit event says what happened, an extra "edit" event per typo
would only bury it. Password changes go through the ORM and are audited twice on purpose: the
edit names the changed columns, the explicit event the kind of change (never the secret).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fko_desktop.errors import LoginRefused, PasswordChangeRequired, ValidationError
from fko_desktop.models import Actor, StaffMember, passwords
from fko_desktop.models.base import utc_now
from fko_desktop.models.enums import StaffRole
from fko_desktop.models.formatting import format_datetime
from fko_desktop.models.history import AuditEvent
from fko_desktop.ops.base import get_or_refuse
from fko_desktop.storage.unitfile import UnitFile

WRONG = "Forkerte initialer eller adgangskode."
#: Who writes a refused login's audit event: nobody is logged in yet.
LOGIN_ACTOR = Actor(None, "FKO Desktop (log ind)", system=True)
MANAGERS = (StaffRole.LEADER, StaffRole.ADMINISTRATOR)


def _actor(member: StaffMember) -> Actor:
    return Actor(member.id, f"{member.name} ({member.initials})")


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else utc_now()


def _locked_message(until: dt.datetime) -> str:
    return (
        f"Kontoen er låst efter {passwords.MAX_FAILED_LOGINS} forkerte forsøg, indtil "
        f"{format_datetime(until)}. Prøv igen derefter, eller bed en leder om en ny adgangskode."
    )


def _audit(session: Session, actor: Actor, action: str, member_id: int | None, **details: Any) -> None:
    session.add(
        AuditEvent(
            actor_id=actor.staff_id,
            actor_name=actor.name,
            action=action,
            record_type="staff_member" if member_id is not None else None,
            record_id=member_id,
            details=details,
        )
    )


def _find(session: Session, initials: str) -> StaffMember | None:
    wanted = (initials or "").strip().upper()
    if not wanted:
        return None
    return session.scalars(
        select(StaffMember).where(StaffMember.active.is_(True), StaffMember.initials == wanted)
    ).first()


def _managers_have_passwords(session: Session) -> bool:
    return (
        session.scalars(
            select(StaffMember.id).where(
                StaffMember.active.is_(True),
                StaffMember.role.in_(MANAGERS),
                StaffMember.password_hash.is_not(None),
            )
        ).first()
        is not None
    )


def _record_failure(unit: UnitFile, member: StaffMember | None, now: dt.datetime) -> dt.datetime | None:
    """Count a failed attempt (and lock at the limit); the lock's end if this one locked."""
    if unit.readonly:
        return None  # nothing can be written; the refusal itself still stands
    locked_until = None
    with unit.write(LOGIN_ACTOR) as session:
        if member is None:
            # Unknown initials: no initials in the event, they may be a mistyped password.
            _audit(session, LOGIN_ACTOR, "login-failed", None, reason="unknown")
            return None
        failed = member.failed_logins + 1
        values: dict[str, Any] = {"failed_logins": failed}
        if failed >= passwords.MAX_FAILED_LOGINS:
            locked_until = now + dt.timedelta(minutes=passwords.LOCK_MINUTES)
            values = {"failed_logins": 0, "locked_until": locked_until}
        session.execute(update(StaffMember).where(StaffMember.id == member.id).values(**values))
        _audit(session, LOGIN_ACTOR, "login-failed", member.id, failed=failed)
        if locked_until is not None:
            _audit(
                session,
                LOGIN_ACTOR,
                "locked",
                member.id,
                minutes=passwords.LOCK_MINUTES,
                until=locked_until.isoformat(),
            )
    return locked_until


def _refuse_locked(unit: UnitFile, member: StaffMember, now: dt.datetime) -> None:
    until = member.locked_until
    if until is not None and until > now:
        if not unit.readonly:
            with unit.write(LOGIN_ACTOR) as session:
                _audit(session, LOGIN_ACTOR, "login-failed", member.id, reason="locked")
        raise LoginRefused(_locked_message(until), locked_until=until)


def verify_login(unit: UnitFile, initials: str, password: str, now: dt.datetime | None = None) -> StaffMember:
    """The active staff member with these initials and this password, or a ``LoginRefused``.

    Raises ``PasswordChangeRequired(first_password=True)`` for a leder or administrator of a
    migrated unit in which no leder or administrator has a password yet: they choose one with
    ``claim_first_password``. The caller checks ``must_change_password`` on the result.
    """
    now = _now(now)
    with unit.read() as session:
        member = _find(session, initials)
        if member is not None:
            session.expunge(member)
        first_claim = (
            member is not None
            and member.password_hash is None
            and member.role in MANAGERS
            and not _managers_have_passwords(session)
        )
    if first_claim:
        raise PasswordChangeRequired(
            "Enheden har endnu ingen adgangskoder. Som leder vælger du din egen nu; derefter "
            "giver du de andre medarbejdere en engangskode.",
            first_password=True,
        )
    if member is not None:
        _refuse_locked(unit, member, now)
    stored = member.password_hash if member is not None else None
    # Verify even without a hash, so the time taken does not tell whether the initials exist.
    if not passwords.verify_password(stored or passwords.dummy_hash(), password) or stored is None:
        locked = _record_failure(unit, member, now)
        if locked is not None:
            raise LoginRefused(_locked_message(locked), locked_until=locked)
        raise LoginRefused(WRONG)
    assert member is not None
    _after_success(unit, member, password)
    return member


def _after_success(unit: UnitFile, member: StaffMember, password: str) -> None:
    assert member.password_hash is not None
    values: dict[str, Any] = {}
    if member.failed_logins or member.locked_until is not None:
        values.update(failed_logins=0, locked_until=None)
    if passwords.needs_rehash(member.password_hash):
        values["password_hash"] = passwords.hash_password(password)
    if values and not unit.readonly:
        with unit.write(_actor(member)) as session:
            session.execute(update(StaffMember).where(StaffMember.id == member.id).values(**values))
        member.failed_logins, member.locked_until = 0, None


def _store_password(
    session: Session, member: StaffMember, password: str, now: dt.datetime, *, one_time: bool
) -> None:
    passwords.check_policy(password, initials=member.initials, name=member.name)
    member.password_hash = passwords.hash_password(password)
    member.password_set_at = now
    member.must_change_password = one_time
    member.failed_logins = 0
    member.locked_until = None


def set_own_password(
    unit: UnitFile, initials: str, old_password: str, new_password: str, now: dt.datetime | None = None
) -> StaffMember:
    """Choose a new password, proving the old (or one-time) one; a wrong old password counts
    as a failed login."""
    now = _now(now)
    member = verify_login(unit, initials, old_password, now)
    if new_password == old_password:
        raise ValidationError("Den nye adgangskode skal være en anden end den gamle.", field="password")
    return _change(unit, member.id, new_password, now, action="password-changed", one_time=False)


def claim_first_password(
    unit: UnitFile, initials: str, new_password: str, now: dt.datetime | None = None
) -> StaffMember:
    """A migrated unit's first leder or administrator chooses a password; refused (as a wrong
    login) once any leder or administrator has one."""
    now = _now(now)
    with unit.read() as session:
        member = _find(session, initials)
        allowed = (
            member is not None
            and member.password_hash is None
            and member.role in MANAGERS
            and not _managers_have_passwords(session)
        )
    if not allowed or member is None:
        _record_failure(unit, member, now)
        raise LoginRefused(WRONG)
    return _change(unit, member.id, new_password, now, action="first-password", one_time=False)


def set_first_password(unit: UnitFile, member_id: int, password: str) -> StaffMember:
    """The password of a new unit's first member (its administrator, in ``fko init`` and the
    guided start): only while nobody in the unit has a password."""
    with unit.read() as session:
        if session.scalars(select(StaffMember.id).where(StaffMember.password_hash.is_not(None))).first():
            raise ValidationError("Enheden har allerede adgangskoder.", field="password")
    return _change(unit, member_id, password, utc_now(), action="first-password", one_time=False)


def _change(
    unit: UnitFile,
    member_id: int,
    password: str,
    now: dt.datetime,
    *,
    action: str,
    one_time: bool,
    actor: Actor | None = None,
    check: Callable[[Session, StaffMember], None] | None = None,
) -> StaffMember:
    with unit.read() as session:
        target = get_or_refuse(session, StaffMember, member_id)
        writer = actor or _actor(target)
    with unit.write(writer) as session:
        member = get_or_refuse(session, StaffMember, member_id)
        if check is not None:
            check(session, member)
        _store_password(session, member, password, now, one_time=one_time)
        session.flush()
        _audit(session, writer, action, member.id)
        session.flush()
        session.expunge(member)
    unit.password_changed(member.id, member.initials, password)
    return member


def reset_password(
    unit: UnitFile, actor: Actor, member_id: int, one_time_password: str, now: dt.datetime | None = None
) -> StaffMember:
    """A leder or administrator gives a colleague a one-time password (the colleague chooses
    their own at the next login). A leder cannot reset an administrator's password: that would
    let a leder log in as an administrator."""

    def check(session: Session, member: StaffMember) -> None:
        acting = session.get(StaffMember, actor.staff_id) if actor.staff_id is not None else None
        if acting is None or not acting.active or acting.role not in MANAGERS:
            raise ValidationError(
                "Kun en leder eller administrator kan give en medarbejder en ny adgangskode.",
                field="password",
            )
        if acting.id == member.id:
            raise ValidationError("Din egen adgangskode skifter du selv (med den gamle).", field="password")
        if member.role == StaffRole.ADMINISTRATOR and acting.role != StaffRole.ADMINISTRATOR:
            raise ValidationError(
                "Kun en administrator kan give en administrator en ny adgangskode.", field="password"
            )
        if not member.active:
            raise ValidationError(f"{member.name} er deaktiveret.", field="password")

    return _change(
        unit,
        member_id,
        one_time_password,
        _now(now),
        action="password-reset",
        one_time=True,
        actor=actor,
        check=check,
    )


def has_password(unit: UnitFile, member_id: int) -> bool:
    with unit.read() as session:
        return get_or_refuse(session, StaffMember, member_id).password_hash is not None


def needs_first_password(unit: UnitFile) -> bool:
    """A migrated unit: it has staff, but no active leder or administrator has a password."""
    with unit.read() as session:
        has_staff = session.scalars(select(StaffMember.id).where(StaffMember.active.is_(True))).first()
        return has_staff is not None and not _managers_have_passwords(session)


def demo_logins(unit: UnitFile, demo_password: str) -> list[tuple[str, str]]:
    """(initials, name) of the active staff of a demo unit (one the demo builder filled) whose
    password is still the demo's; empty for any other unit."""
    with unit.read() as session:
        if session.scalars(select(AuditEvent.id).where(AuditEvent.action == "demo")).first() is None:
            return []
        rows = session.execute(
            select(StaffMember.initials, StaffMember.name, StaffMember.password_hash)
            .where(StaffMember.active.is_(True), StaffMember.password_hash.is_not(None))
            .order_by(StaffMember.id)
        ).all()
    # The builder hashes once for all, so this verifies once per distinct hash (usually one).
    matches = {h: passwords.verify_password(h, demo_password) for h in {row[2] for row in rows}}
    return [(initials, name) for initials, name, stored in rows if matches[stored]]
