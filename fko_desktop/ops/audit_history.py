"""A record's full history: every version with who saved it, what each edit changed (field by
field, old → new, in Danish), its audit events, and who withdrew it and why.

The versions come from ``record_version`` (the content as it was before each edit, written by
the session hook in ``models.history``) followed by the record as it is now; a record without
versions (a plan, an order) still has its audit events, which say when and which fields changed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fko_desktop.errors import NotFound
from fko_desktop.models import Citizen, StaffMember
from fko_desktop.models.audit_vocabulary import field_name, record_name
from fko_desktop.models.base import Base, Versioned
from fko_desktop.models.formatting import format_date, format_datetime
from fko_desktop.models.history import RecordVersion, _json_value
from fko_desktop.ops.audit import AuditRow, record_events

if TYPE_CHECKING:
    from fko_desktop.storage.unitfile import UnitFile


@dataclasses.dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclasses.dataclass(frozen=True)
class HistoryVersion:
    """One version of the record: who saved it and what it changed against the one before."""

    version: int
    saved_at: dt.datetime | None
    saved_by: str
    current: bool
    #: Against the previous version (empty for the first).
    changes: tuple[FieldChange, ...]
    #: The content of this version, (Danish field name, shown value), in the form's order.
    values: tuple[tuple[str, str], ...]


@dataclasses.dataclass(frozen=True)
class RecordHistory:
    record_type: str
    record_label: str
    record_id: int
    citizen_id: int | None
    citizen_name: str | None
    #: Oldest first; empty for a record that keeps no versions.
    versions: tuple[HistoryVersion, ...]
    #: The record's audit events, oldest first.
    events: tuple[AuditRow, ...]
    withdrawn_at: dt.datetime | None = None
    withdrawn_by: str | None = None
    withdrawal_reason: str | None = None


def _model_for(record_type: str) -> type[Any] | None:
    for mapper in Base.registry.mappers:
        if getattr(mapper.class_, "__tablename__", None) == record_type:
            return mapper.class_
    return None


def versioned_types() -> frozenset[str]:
    """The tables whose records keep every earlier version."""
    return frozenset(
        mapper.class_.__tablename__
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Versioned)
    )


def _enum_of(model: type[Any], field: str) -> type[enum.Enum] | None:
    column = getattr(model, "__table__", None)
    if column is None or field not in column.c:
        return None
    return getattr(column.c[field].type, "enum_class", None)


_SCORE_FIELDS = frozenset({"score", "citizen_score"})


def _shown(model: type[Any], field: str, value: Any, names: dict[int, str]) -> str:
    """A stored (JSON) value as a person reads it."""
    if value is None or value == "":
        return "Ingen score" if field in _SCORE_FIELDS else "–"
    if field.endswith("_id") and isinstance(value, int):
        return names.get(value, f"#{value}")
    if value == "ikke_vurderet":
        return "Ikke vurderet"
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    enum_class = _enum_of(model, field)
    if enum_class is not None:
        try:
            member = enum_class(value)
        except ValueError:
            return str(value)
        return str(getattr(member, "label", member.value))
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            if len(value) == 10:
                return format_date(dt.date.fromisoformat(value))
            return format_datetime(dt.datetime.fromisoformat(value))
        except ValueError:
            pass  # text that happens to start like a date
    return str(value)


def _staff_names(session: Session) -> dict[int, str]:
    return {member.id: member.name for member in session.scalars(select(StaffMember))}


def record_history(unit: UnitFile, record_type: str, record_id: int) -> RecordHistory:
    """The history of one record; refused in Danish if there is no such record."""
    model = _model_for(record_type)
    with unit.read() as session:
        record = session.get(model, record_id) if model is not None else None
        events = record_events(session, record_type, record_id)
        if record is None and not events:
            raise NotFound(f"Der findes ingen {record_name(record_type)} med nummer {record_id}.")
        names = _staff_names(session)
        citizen_id = _citizen_of(record, events)
        citizen = session.get(Citizen, citizen_id) if citizen_id is not None else None
        versions: tuple[HistoryVersion, ...] = ()
        withdrawal: dict[str, Any] = {}
        if isinstance(record, Versioned) and model is not None:
            versions = _versions(session, model, record, names)
            if record.withdrawn_at is not None:
                who = record.withdrawn_by_id
                withdrawal = {
                    "withdrawn_at": record.withdrawn_at,
                    "withdrawn_by": names.get(who, f"#{who}") if who is not None else None,
                    "withdrawal_reason": record.withdrawal_reason,
                }
        return RecordHistory(
            record_type=record_type,
            record_label=record_name(record_type),
            record_id=record_id,
            citizen_id=citizen_id,
            citizen_name=citizen.name if citizen is not None else None,
            versions=versions,
            events=tuple(events),
            **withdrawal,
        )


def _citizen_of(record: Any, events: list[AuditRow]) -> int | None:
    if record is not None:
        if getattr(record, "__tablename__", None) == "citizen":
            return int(record.id)
        found = getattr(record, "audit_citizen_id", None) or getattr(record, "citizen_id", None)
        if found is not None:
            return int(found)
    return next((event.citizen_id for event in events if event.citizen_id is not None), None)


def _versions(
    session: Session, model: type[Any], record: Versioned, names: dict[int, str]
) -> tuple[HistoryVersion, ...]:
    fields = model.__versioned_fields__
    earlier = session.scalars(
        select(RecordVersion)
        .where(RecordVersion.record_type == record.__tablename__, RecordVersion.record_id == record.id)
        .order_by(RecordVersion.version)
    ).all()
    states: list[tuple[int, dict[str, Any], dt.datetime | None, int | None]] = [
        (version.version, dict(version.data or {}), version.saved_at, version.saved_by_id)
        for version in earlier
    ]
    now_data = {field: _json_value(getattr(record, field)) for field in fields}
    saved_by = record.updated_by_id if record.updated_at is not None else record.created_by_id
    states.append((record.version, now_data, record.updated_at or record.created_at, saved_by))
    result: list[HistoryVersion] = []
    previous: dict[str, Any] | None = None
    for index, (number, data, at, by) in enumerate(states):
        changes: list[FieldChange] = []
        if previous is not None:
            for field in fields:
                if previous.get(field) != data.get(field):
                    changes.append(
                        FieldChange(
                            field,
                            field_name(field),
                            _shown(model, field, previous.get(field), names),
                            _shown(model, field, data.get(field), names),
                        )
                    )
        result.append(
            HistoryVersion(
                version=number,
                saved_at=at,
                saved_by=names.get(by, f"#{by}") if by is not None else "–",
                current=index == len(states) - 1,
                changes=tuple(changes),
                values=tuple((field_name(f), _shown(model, f, data.get(f), names)) for f in fields),
            )
        )
        previous = data
    return tuple(result)
