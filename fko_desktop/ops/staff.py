"""The unit's staff: who documents, in which department, with which role.

Staff are never deleted: a member who leaves is deactivated (with the date), so every note,
status and audit event keeps its author. Initials identify a person on every note card, so
they are unique among the active staff.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fko_desktop.errors import ValidationError
from fko_desktop.models import Actor, StaffMember, Unit
from fko_desktop.models.authorization import require
from fko_desktop.models.base import utc_now
from fko_desktop.models.enums import StaffRole
from fko_desktop.models.permissions import Permission
from fko_desktop.models.validation import require_text
from fko_desktop.ops.base import Changed, clean_text, get_or_refuse
from fko_desktop.storage.unitfile import UnitFile

#: Letters (æøå included), digits and a hyphen: what fits on a note card and is typed at login.
INITIALS = re.compile(r"^[^\W_][\w-]{0,11}$")
STAFF_FIELDS = frozenset({"name", "initials", "title", "department", "role"})


def _initials(value: str | None) -> str:
    initials = require_text(value, "initials", "Initialer").upper()
    if not INITIALS.match(initials) or "_" in initials:
        raise ValidationError(
            f"»{initials[:20]}« kan ikke bruges som initialer: "
            "højst 12 bogstaver eller cifre, uden mellemrum.",
            field="initials",
        )
    return initials


def _role(value: object) -> StaffRole:
    try:
        return StaffRole(str(value))
    except ValueError:
        choices = ", ".join(role.value for role in StaffRole)
        raise ValidationError(f"»{value}« er ikke en rolle (vælg {choices}).", field="role") from None


def _department(session: Session, value: str | None) -> str | None:
    department = clean_text(value)
    if department is None:
        return None
    known = session.scalars(select(Unit.departments)).first() or []
    if known and department not in known:
        raise ValidationError(
            f"Enheden har ingen afdeling »{department[:60]}« (den har {', '.join(known)}).",
            field="department",
        )
    return department


def _refuse_taken_initials(session: Session, initials: str, member_id: int | None) -> None:
    query = select(StaffMember.name).where(StaffMember.active.is_(True), StaffMember.initials == initials)
    if member_id is not None:
        query = query.where(StaffMember.id != member_id)
    holder = session.scalars(query).first()
    if holder is not None:
        raise ValidationError(f"Initialerne {initials} bruges allerede af {holder}.", field="initials")


def check_person(name: str | None, initials: str | None) -> None:
    """The checks a new member's name and initials get, without a unit (before one exists)."""
    require_text(name, "name", "Navn")
    _initials(initials)


def add_staff(
    unit: UnitFile,
    actor: Actor,
    *,
    name: str,
    initials: str,
    title: str | None = None,
    department: str | None = None,
    role: StaffRole | str = StaffRole.EMPLOYEE,
) -> Changed[StaffMember]:
    name = require_text(name, "name", "Navn")
    initials = _initials(initials)
    chosen_role = _role(role)
    with unit.write(actor) as session:
        _refuse_taken_initials(session, initials, None)
        member = StaffMember(
            name=name,
            initials=initials,
            title=clean_text(title),
            department=_department(session, department),
            role=chosen_role,
        )
        session.add(member)
        session.flush()
    return Changed.after(session, member)


def edit_staff(unit: UnitFile, actor: Actor, member_id: int, **fields: Any) -> Changed[StaffMember]:
    """Change name, initials, title, department or role (the fields given)."""
    unknown = set(fields) - STAFF_FIELDS
    if unknown:
        raise ValueError(f"unknown staff fields: {sorted(unknown)}")
    with unit.write(actor) as session:
        require(session, Permission.MANAGE_STAFF)
        member = get_or_refuse(session, StaffMember, member_id)
        if "name" in fields:
            member.name = require_text(fields["name"], "name", "Navn")
        if "initials" in fields:
            initials = _initials(fields["initials"])
            if member.active:
                _refuse_taken_initials(session, initials, member.id)
            member.initials = initials
        if "title" in fields:
            member.title = clean_text(fields["title"])
        if "department" in fields:
            member.department = _department(session, fields["department"])
        if "role" in fields:
            role = _role(fields["role"])
            if member.role == StaffRole.ADMINISTRATOR and role != StaffRole.ADMINISTRATOR:
                _refuse_last(session, member, "administrator", "ændre rollen for")
            member.role = role
        session.flush()
    return Changed.after(session, member)


def _refuse_last(session: Session, member: StaffMember, what: str, verb: str) -> None:
    """Refuse leaving the unit without an active member (of the administrator role)."""
    query = select(func.count(StaffMember.id)).where(
        StaffMember.active.is_(True), StaffMember.id != member.id
    )
    if what == "administrator":
        query = query.where(StaffMember.role == StaffRole.ADMINISTRATOR)
    if not session.scalar(query):
        if what == "administrator":
            message = f"Du kan ikke {verb} {member.name}: enheden skal have mindst én aktiv administrator."
        else:
            message = f"Du kan ikke {verb} {member.name}: enheden skal have mindst én aktiv medarbejder."
        raise ValidationError(message, field="active")


def deactivate_staff(unit: UnitFile, actor: Actor, member_id: int) -> Changed[StaffMember]:
    """A member who has left: kept as the author of what they wrote, no longer offered."""
    with unit.write(actor) as session:
        require(session, Permission.MANAGE_STAFF)
        member = get_or_refuse(session, StaffMember, member_id)
        if not member.active:
            raise ValidationError(f"{member.name} er allerede deaktiveret.", field="active")
        _refuse_last(session, member, "medarbejder", "deaktivere")
        if member.role == StaffRole.ADMINISTRATOR:
            _refuse_last(session, member, "administrator", "deaktivere")
        member.active = False
        member.deactivated_at = utc_now()
        session.flush()
    # In an encrypted unit their password must no longer open the file (a copy of it included);
    # back, they get a one-time password, which writes a new slot.
    unit.staff_removed(member.id)
    return Changed.after(session, member)


def reactivate_staff(unit: UnitFile, actor: Actor, member_id: int) -> Changed[StaffMember]:
    """A member who comes back; refused if someone active has taken their initials meanwhile."""
    with unit.write(actor) as session:
        require(session, Permission.MANAGE_STAFF)
        member = get_or_refuse(session, StaffMember, member_id)
        if member.active:
            raise ValidationError(f"{member.name} er allerede aktiv.", field="active")
        _refuse_taken_initials(session, member.initials, member.id)
        member.active = True
        member.deactivated_at = None
        session.flush()
    return Changed.after(session, member)


def actor_for(member: StaffMember) -> Actor:
    return Actor(member.id, f"{member.name} ({member.initials})")
