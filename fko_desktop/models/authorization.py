"""The role checks of issue 13, applied to every write in the core.

A ``before_flush`` hook (beside the audit hooks in ``models/history.py``) checks, for every
transaction that changes anything, who is writing and then each new, changed or removed row
against the rules in ``models/permissions.py``. Being in the flush rather than in each
operation means a new operation, an import or a script through the core cannot forget the
check. Actions that are not a row type (approve, settings, keys, restore, erasure) call
``require`` at their start as well, so the refusal comes before any work is done.

The acting staff member is read once per session and cached in ``session.info``; the program's
own identity (``Actor.system``) passes every check.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from fko_desktop.errors import PermissionDenied
from fko_desktop.models import permissions as p
from fko_desktop.models.base import Versioned, utc_now
from fko_desktop.models.citizen import Citizen
from fko_desktop.models.enums import PlanState, StaffRole
from fko_desktop.models.history import Actor, AuditEvent, RecordVersion, current_actor, record_event
from fko_desktop.models.journal import DiaryNote, DiaryTag, JournalNote
from fko_desktop.models.order import OrderService
from fko_desktop.models.plan import Plan, PlanContext
from fko_desktop.models.unit import StaffMember, Unit

_MEMBER_KEY = "authorization_member"
#: Set by ``allow_import``: an imported bundle brings records written by others, under their names.
_IMPORT_KEY = "authorization_import"
#: Set by an edit operation with the reason a leder gives for correcting a colleague's note.
EDIT_REASON_KEY = "edit_reason"

_NOT_CHECKED = (AuditEvent, RecordVersion)
_NOTES = (JournalNote, DiaryNote)
#: What a person may change on their own staff record without managing staff: their password
#: and its bookkeeping, and their own display choices.
_SELF_SERVICE = frozenset(
    {
        "password_hash",
        "password_set_at",
        "must_change_password",
        "failed_logins",
        "locked_until",
        "show_full_cpr",
    }
)


@dataclasses.dataclass(frozen=True)
class ActingMember:
    id: int
    role: StaffRole
    department: str | None
    department_only: bool

    def may(self, permission: p.Permission) -> bool:
        return p.allows(self.role, permission)

    def sees(self, department: str | None) -> bool:
        """Whether this person may see and document for a citizen of ``department``."""
        if not self.department_only or self.may(p.Permission.EDIT_OTHERS):
            return True
        return department is not None and department == self.department


def _has_manager(session: Session) -> bool:
    return (
        session.scalars(
            select(StaffMember.id).where(
                StaffMember.active.is_(True),
                StaffMember.role.in_((StaffRole.LEADER, StaffRole.ADMINISTRATOR)),
            )
        ).first()
        is not None
    )


def _load_member(session: Session, actor: Actor, now: dt.datetime | None = None) -> ActingMember | None:
    if actor.system:
        return None
    cached: ActingMember | None = session.info.get(_MEMBER_KEY)
    if cached is not None and cached.id == actor.staff_id:
        return cached
    if actor.staff_id is None:
        raise PermissionDenied(p.ANONYMOUS)
    row = session.execute(
        select(
            StaffMember.role,
            StaffMember.active,
            StaffMember.locked_until,
            StaffMember.department,
            StaffMember.department_only,
        ).where(StaffMember.id == actor.staff_id)
    ).one_or_none()
    if row is None:
        raise PermissionDenied(p.ANONYMOUS)
    if not row.active:
        raise PermissionDenied(p.INACTIVE)
    if row.locked_until is not None and p.aware(row.locked_until) > (now or utc_now()):
        raise PermissionDenied(p.LOCKED)
    member = ActingMember(actor.staff_id, row.role, row.department, bool(row.department_only))
    session.info[_MEMBER_KEY] = member
    return member


def acting_member(session: Session, now: dt.datetime | None = None) -> ActingMember | None:
    """The staff member who writes in ``session``; None for the program itself. Refuses an
    anonymous, unknown, deactivated or locked actor."""
    return _load_member(session, current_actor(session), now)


def member_of(session: Session, actor: Actor | None) -> ActingMember | None:
    """``actor`` as a staff member, for a read (the window asking what to show); None for the
    program itself. Refuses as ``acting_member`` does; nobody bound is refused too."""
    if actor is None:
        raise PermissionDenied(p.ANONYMOUS)
    # A read session serves one question; its cache must not outlive the actor asked about.
    session.info.pop(_MEMBER_KEY, None)
    return _load_member(session, actor)


def actor_may(session: Session, actor: Actor | None, permission: p.Permission) -> bool:
    try:
        member = member_of(session, actor)
    except PermissionDenied:
        return False
    return member is None or member.may(permission)


def require(session: Session, permission: p.Permission) -> None:
    """Refuse the transaction unless the acting person's role holds ``permission``."""
    member = acting_member(session)
    if member is not None:
        p.require_role(member.role, permission)


def may(session: Session, permission: p.Permission) -> bool:
    try:
        require(session, permission)
    except PermissionDenied:
        return False
    return True


def allow_import(session: Session, permission: p.Permission) -> None:
    """An import applies records written elsewhere under their own authors; the importer needs
    ``permission`` and the per-record authorship rules step aside for this transaction."""
    require(session, permission)
    session.info[_IMPORT_KEY] = True


def give_edit_reason(session: Session, record: Any, reason: str | None) -> None:
    """The reason a leder gives for correcting a colleague's note: the check asks for it, the
    audit trail keeps it next to the edit."""
    cleaned = (reason or "").strip()
    if not cleaned:
        return
    session.info[EDIT_REASON_KEY] = cleaned
    record_event(
        session,
        "correction_reason",
        citizen_id=getattr(record, "citizen_id", None),
        details={"record_type": record.__tablename__, "record_id": record.id, "reason": cleaned},
    )


def department_scope(session: Session, actor: Actor | None) -> tuple[bool, str | None]:
    """(restricted, department): whether what ``actor`` is shown keeps to one department's
    citizens, and which. Who may read at all is the login's question, not this one's."""
    try:
        member = member_of(session, actor)
    except PermissionDenied:
        return False, None
    if member is None or member.sees(None):
        return False, None
    return True, member.department


# -- the flush check -------------------------------------------------------------------------


def _changed(obj: Any) -> set[str]:
    return {attr.key for attr in inspect(obj).attrs if attr.history.has_changes()}


def _old(obj: Any, field: str) -> Any:
    history = inspect(obj).attrs[field].history
    if history.deleted:
        return history.deleted[0]
    return getattr(obj, field)


def _citizen_department(session: Session, citizen_id: int | None) -> tuple[bool, str | None]:
    if citizen_id is None:
        return False, None
    citizen = session.get(Citizen, citizen_id)
    return (citizen is not None), (citizen.department if citizen is not None else None)


def _citizen_of(obj: Any) -> int | None:
    if isinstance(obj, DiaryTag):
        return obj.note.citizen_id if obj.note is not None else None
    if isinstance(obj, PlanContext):
        return obj.plan.citizen_id if obj.plan is not None else None
    if isinstance(obj, OrderService):
        return obj.order.citizen_id if obj.order is not None else None
    return getattr(obj, "citizen_id", None)


def _check_department(session: Session, member: ActingMember, obj: Any, new: bool) -> None:
    if member.sees(None):
        return
    if isinstance(obj, Citizen):
        departments = {obj.department} if new else {obj.department, _old(obj, "department")}
    else:
        known, department = _citizen_department(session, _citizen_of(obj))
        if not known:
            return
        departments = {department}
    if not all(member.sees(d) for d in departments):
        raise PermissionDenied(p.DEPARTMENT)


def _check_author(member: ActingMember, obj: Any, new: bool) -> None:
    """Nobody writes in a colleague's name unless a leder: notes' authors and the staff a
    record names as responsible."""
    if member.may(p.Permission.EDIT_OTHERS):
        return
    changed = None if new else _changed(obj)
    for column in ("author_id", "responsible_id"):
        if not hasattr(obj, column) or (changed is not None and column not in changed):
            continue
        value = getattr(obj, column)
        if value is not None and value != member.id:
            raise PermissionDenied(p.AUTHOR)


def _author(record: Any) -> int | None:
    """Who wrote the record: a note's author as it was before this change, else its creator."""
    if hasattr(record, "author_id"):
        return _old(record, "author_id")  # type: ignore[no-any-return]
    return record.created_by_id  # type: ignore[no-any-return]


def _check_own_edit(member: ActingMember, record: Any) -> None:
    refusal = p.own_edit_refusal(
        role=member.role,
        actor_id=member.id,
        author_id=_author(record),
        written_at=record.created_at,
        now=utc_now(),
    )
    if refusal is not None:
        raise PermissionDenied(refusal)


def _check_versioned_edit(session: Session, member: ActingMember, obj: Any) -> None:
    changed = _changed(obj)
    content = changed & set(obj.__versioned_fields__)
    if not content and "withdrawn_at" not in changed:
        return
    _check_own_edit(member, obj)
    # A withdrawal always carries its reason; a correction of someone else's note asks for one.
    needs_reason = isinstance(obj, _NOTES) and content and _author(obj) != member.id
    if needs_reason and not str(session.info.get(EDIT_REASON_KEY) or "").strip():
        raise PermissionDenied(p.REASON)


def _check_staff(session: Session, member: ActingMember, obj: StaffMember, new: bool) -> None:
    if not new and obj.id == member.id and _changed(obj) <= _SELF_SERVICE:
        return
    p.require_role(member.role, p.Permission.MANAGE_STAFF)
    touches_admin = obj.role is StaffRole.ADMINISTRATOR or (
        not new and _old(obj, "role") is StaffRole.ADMINISTRATOR
    )
    if touches_admin and member.role is not StaffRole.ADMINISTRATOR:
        raise PermissionDenied("Kun en administrator kan oprette, rette eller deaktivere en administrator.")


def _check_plan(member: ActingMember, obj: Plan, new: bool) -> None:
    # A new plan's state is None until the column default makes it a draft at insert.
    approving = obj.state not in (None, PlanState.DRAFT) if new else "state" in _changed(obj)
    if approving:
        p.require_role(member.role, p.Permission.APPROVE)


def _check_object(session: Session, member: ActingMember, obj: Any, new: bool) -> None:
    if isinstance(obj, StaffMember):
        # An import names the authors of what it brings as inactive members of this unit.
        if not (new and session.info.get(_IMPORT_KEY) and not obj.active):
            _check_staff(session, member, obj, new)
        return
    if isinstance(obj, Unit):
        p.require_role(member.role, p.Permission.SETTINGS)
        return
    p.require_role(member.role, p.Permission.DOCUMENT)
    _check_department(session, member, obj, new)
    if isinstance(obj, Plan):
        _check_plan(member, obj, new)
    if session.info.get(_IMPORT_KEY):
        return
    _check_author(member, obj, new)
    if isinstance(obj, DiaryTag) and obj.note is not None and inspect(obj.note).persistent:
        _check_own_edit(member, obj.note)
    if not new and isinstance(obj, Versioned):
        _check_versioned_edit(session, member, obj)


def _bootstrap(session: Session) -> bool:
    """The guided start: while the unit has no active leder or administrator, adding the first
    staff is the only write an actor without a staff member may make."""
    objects = [o for o in (*session.new, *session.dirty) if not isinstance(o, _NOT_CHECKED)]
    return all(isinstance(o, StaffMember) and o in session.new for o in objects) and not _has_manager(session)


@event.listens_for(Session, "before_flush")
def _authorize(session: Session, flush_context: Any, instances: Any) -> None:
    if not (session.new or session.dirty or session.deleted):
        return
    actor = current_actor(session)
    if actor.system:
        return
    if actor.staff_id is None:
        if _bootstrap(session):
            return
        raise PermissionDenied(p.ANONYMOUS)
    member = acting_member(session)
    assert member is not None
    for obj in list(session.new):
        if not isinstance(obj, _NOT_CHECKED):
            _check_object(session, member, obj, new=True)
    for obj in list(session.dirty):
        if not isinstance(obj, _NOT_CHECKED) and session.is_modified(obj):
            _check_object(session, member, obj, new=False)
    for obj in list(session.deleted):
        if isinstance(obj, DiaryTag) and not session.info.get(_IMPORT_KEY):
            note = obj.note if obj.note is not None else session.get(DiaryNote, obj.note_id)
            if note is not None:
                _check_own_edit(member, note)
        elif not isinstance(obj, _NOT_CHECKED):
            p.require_role(member.role, p.Permission.DOCUMENT)
