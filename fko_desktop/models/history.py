"""The audit trail and the versions of records with legal weight.

Both are written by session hooks, not by each operation, so no write path can skip them:
``before_flush`` keeps the earlier content of every edited ``Versioned`` record and refuses
deletes of them; ``after_flush`` records who did what in ``audit_event``. The actor comes from
``session.info["actor"]`` (see ``fko_desktop.storage.unitfile``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, event, insert, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column

from fko_desktop.errors import FkoError
from fko_desktop.models import scores
from fko_desktop.models.base import Base, IdMixin, Versioned, utc_now


@dataclasses.dataclass(frozen=True)
class Actor:
    """Who is writing: a staff member of the unit, or the program itself (``system``: creating
    a unit file, the demo builder, its own bookkeeping), which the role checks let through."""

    staff_id: int | None
    name: str
    system: bool = False


class AuditEvent(IdMixin, Base):
    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_record", "record_type", "record_id"),
        # The audit view: newest first, and one person's events (migration 0011).
        Index("ix_audit_event_at", "at", "id"),
        Index("ix_audit_event_actor", "actor_id", "at"),
    )

    at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    actor_name: Mapped[str]
    action: Mapped[str] = mapped_column(String(32))  # create, edit, withdraw, import, …
    record_type: Mapped[str | None] = mapped_column(String(64))
    record_id: Mapped[int | None]
    citizen_id: Mapped[int | None] = mapped_column(index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class RecordVersion(IdMixin, Base):
    """An earlier version of a ``Versioned`` record, as it was before an edit."""

    __tablename__ = "record_version"
    __table_args__ = (Index("ix_record_version_record", "record_type", "record_id", "version"),)

    record_type: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[int]
    version: Mapped[int]
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_at: Mapped[dt.datetime]
    saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    replaced_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))


_NOT_AUDITED = (AuditEvent, RecordVersion)


def _json_value(value: Any) -> Any:
    """Make a column value JSON-safe for a version snapshot."""
    if isinstance(value, scores.NotAssessed):
        return "ikke_vurderet"
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _old_value(obj: Any, field: str) -> Any:
    history = inspect(obj).attrs[field].history
    if history.deleted:
        return history.deleted[0]
    if history.unchanged:
        return history.unchanged[0]
    return getattr(obj, field)


def _changed_fields(obj: Any) -> list[str]:
    state = inspect(obj)
    return [attr.key for attr in state.attrs if attr.history.has_changes()]


def current_actor(session: Session) -> Actor:
    actor: Actor | None = session.info.get("actor")
    if actor is None:
        # A write with no known author would break the rule that every record keeps it.
        raise FkoError("Ingen bruger er valgt: vælg hvem du er, før du skriver.")
    return actor


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    if session.info.get("unit_readonly"):
        raise FkoError("Filen er åbnet skrivebeskyttet; ændringer kan ikke gemmes.")
    actor: Actor | None = session.info.get("actor")
    now = utc_now()
    for obj in session.deleted:
        if isinstance(obj, Versioned):
            raise FkoError(
                "Dokumentation med juridisk vægt slettes aldrig; træk den tilbage med en begrundelse."
            )
    for obj in session.new:
        if isinstance(obj, _NOT_AUDITED):
            continue
        actor = current_actor(session)
        if hasattr(obj, "created_by_id") and obj.created_by_id is None:
            obj.created_by_id = actor.staff_id
    for obj in list(session.dirty):
        if not isinstance(obj, Versioned) or not session.is_modified(obj):
            continue
        actor = current_actor(session)
        changed = set(_changed_fields(obj))
        was_withdrawn = _old_value(obj, "withdrawn_at") is not None
        if was_withdrawn:
            raise FkoError("Et tilbagetrukket notat kan ikke ændres.")
        content_changed = changed & set(obj.__versioned_fields__)
        if not content_changed:
            continue
        old_version = _old_value(obj, "version")
        session.add(
            RecordVersion(
                record_type=obj.__tablename__,
                record_id=obj.id,
                version=old_version,
                data={f: _json_value(_old_value(obj, f)) for f in obj.__versioned_fields__},
                saved_at=_old_value(obj, "updated_at") or _old_value(obj, "created_at"),
                saved_by_id=_old_value(obj, "updated_by_id") or _old_value(obj, "created_by_id"),
                replaced_at=now,
                replaced_by_id=actor.staff_id,
            )
        )
        obj.version = old_version + 1
        obj.updated_at = now
        obj.updated_by_id = actor.staff_id


def _audit_row(session: Session, obj: Any, action: str, details: dict[str, Any]) -> dict[str, Any]:
    actor = current_actor(session)
    return {
        "at": utc_now(),
        "actor_id": actor.staff_id,
        "actor_name": actor.name,
        "action": action,
        "record_type": obj.__tablename__,
        "record_id": getattr(obj, "id", None),
        "citizen_id": getattr(obj, "audit_citizen_id", None),
        "details": details,
    }


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, flush_context: Any) -> None:
    rows = []
    for obj in session.new:
        if not isinstance(obj, _NOT_AUDITED):
            rows.append(_audit_row(session, obj, "create", {}))
    for obj in session.dirty:
        if isinstance(obj, _NOT_AUDITED) or not session.is_modified(obj):
            continue
        fields = sorted(_changed_fields(obj))
        if isinstance(obj, Versioned) and "withdrawn_at" in fields:
            rows.append(_audit_row(session, obj, "withdraw", {"reason": obj.withdrawal_reason}))
        else:
            rows.append(_audit_row(session, obj, "edit", {"fields": fields}))
    for obj in session.deleted:
        if not isinstance(obj, _NOT_AUDITED):
            rows.append(_audit_row(session, obj, "delete", {}))
    if rows:
        session.execute(insert(AuditEvent), rows)


def record_event(
    session: Session,
    action: str,
    *,
    citizen_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Audit an action that is not a row change: an export, a backup, a demo build, …."""
    actor = current_actor(session)
    session.add(
        AuditEvent(
            actor_id=actor.staff_id,
            actor_name=actor.name,
            action=action,
            citizen_id=citizen_id,
            details=details or {},
        )
    )
