"""Shared plumbing of the operations: the change description and lookups by id."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, selectinload

from fko_desktop.errors import NotFound, ValidationError
from fko_desktop.models.base import Versioned, utc_now
from fko_desktop.models.changes import OpChanges, collected_changes
from fko_desktop.models.history import RecordVersion, current_actor
from fko_desktop.models.validation import require_text

if TYPE_CHECKING:
    from fko_desktop.models.history import Actor
    from fko_desktop.storage.unitfile import UnitFile

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class Changed(Generic[T]):
    """The result of a write, what it changed (computed by the core's session hook, see
    ``models.changes``) and the warnings the user must see (the write itself succeeded)."""

    value: T
    changes: OpChanges = OpChanges()
    warnings: tuple[str, ...] = ()

    @classmethod
    def after(cls, session: Session, value: T, warnings: tuple[str, ...] = ()) -> Changed[T]:
        """The result of the transaction ``session`` has just committed."""
        return cls(value, collected_changes(session), warnings)


_KIND_NAMES = {
    "Citizen": "Borgeren",
    "Order": "Bestillingen",
    "InterventionGoal": "Indsatsmålet",
    "Plan": "Planen",
    "SubGoal": "Delmålet",
    "JournalNote": "Notatet",
    "DiaryNote": "Dagbogsnotatet",
    "GoalStatus": "Målstatussen",
    "FollowUp": "Opfølgningen",
    "FollowUpAssessment": "Vurderingen",
    "StaffMember": "Medarbejderen",
    "UseOfForce": "Magtanvendelsen",
    "StatusAssessment": "Bostedets vurdering",
    "AarhusAssessment": "Århus-vurderingen",
}


def get_or_refuse(session: Session, model: type[T], record_id: int, *, load: Sequence[Any] = ()) -> T:
    """Load a record by id or refuse with a Danish "not found" message.

    `load` names relationships to load with the record (selectinload), for records that leave
    the session: a detached record must not need the session for what its reader looks at."""
    record = session.get(model, record_id, options=[selectinload(rel) for rel in load])
    if record is None:
        name = _KIND_NAMES.get(model.__name__, model.__name__)
        raise NotFound(f"{name} med id {record_id} findes ikke i enhedsfilen.")
    return record


def clean_text(value: str | None) -> str | None:
    """Strip whitespace; an empty field is stored as NULL, not as an empty string."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def withdraw_record(session: Session, record: object, reason: str) -> None:
    """Mark a versioned record withdrawn with a reason; it stays in the file and the history."""
    assert isinstance(record, Versioned)
    reason = require_text(reason, "reason", "Begrundelse for tilbagetrækning")
    if record.withdrawn_at is not None:
        raise ValidationError("Posten er allerede trukket tilbage.")
    record.withdrawn_at = utc_now()
    record.withdrawn_by_id = current_actor(session).staff_id
    record.withdrawal_reason = reason


def withdraw(unit: UnitFile, actor: Actor, model: type[T], record_id: int, reason: str) -> Changed[T]:
    """The withdrawal operation every versioned record kind shares."""
    with unit.write(actor) as session:
        record = get_or_refuse(session, model, record_id)
        withdraw_record(session, record, reason)
    return Changed.after(session, record)


def record_history(session: Session, record: object) -> list[dict[str, object]]:
    """Earlier versions of a versioned record, oldest first, as stored before each edit."""
    rows = session.scalars(
        select(RecordVersion)
        .where(
            RecordVersion.record_type == record.__tablename__,  # type: ignore[attr-defined]
            RecordVersion.record_id == record.id,  # type: ignore[attr-defined]
        )
        .order_by(RecordVersion.version)
    )
    return [
        {
            "version": row.version,
            "data": row.data,
            "saved_at": row.saved_at,
            "saved_by_id": row.saved_by_id,
            "replaced_at": row.replaced_at,
            "replaced_by_id": row.replaced_by_id,
        }
        for row in rows
    ]


def note_period_filter(
    model: Any, since: dt.datetime | None, until: dt.datetime | None, include_withdrawn: bool
) -> list[ColumnElement[bool]]:
    """The period (``since`` ≤ observed < ``until``) and withdrawal conditions every list of
    notes shares, journal and diary alike (``model`` has ``observed_at`` and ``withdrawn_at``)."""
    where: list[ColumnElement[bool]] = []
    if since is not None:
        where.append(model.observed_at >= since)
    if until is not None:
        where.append(model.observed_at < until)
    if not include_withdrawn:
        where.append(model.withdrawn_at.is_(None))
    return where
