"""The audit trail as the leder and the data-protection officer read it, and the reads it logs.

Reads of a citizen's record (opening it in the window, printing, sending a bundle, a data
subject's export) are audit events of their own, action ``read``, whose details say *what* was
read ("citizen-opened", "report:status" …) and never any content. A person who clicks back and
forth between two citizens is not a new event each time: the same person reading the same thing
about the same citizen within ``READ_COALESCE`` is one event.

The trail of a 60-citizen unit after five years holds 100,000+ events, so every filter is a SQL
condition and a page is ``limit`` rows, newest first (by time, then id: a bundle import or the
demo records events with their own earlier times); a citizen's events use the ``citizen_id``
index. docs/screens.md ("The audit trail on a large unit") gives the measured times.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, and_, case, false, func, not_, or_, select
from sqlalchemy.orm import Session

from fko_desktop.models import Citizen
from fko_desktop.models.audit_vocabulary import (
    KIND_ACTIONS,
    KIND_PREFIXES,
    READ_ACTION,
    AuditKind,
    describe,
    kind_of,
    record_name,
)
from fko_desktop.models.base import utc_now
from fko_desktop.models.history import Actor, AuditEvent

if TYPE_CHECKING:
    from fko_desktop.storage.unitfile import UnitFile

#: Reads of the same thing by the same person within this time are one event.
READ_COALESCE = dt.timedelta(minutes=15)

#: A page of the trail when no limit is given (the window shows this many, then "more").
DEFAULT_LIMIT = 500


# -- logging reads ---------------------------------------------------------------------------


def record_read(
    target: Session | UnitFile, actor: Actor, citizen_id: int, what: str, *, now: dt.datetime | None = None
) -> bool:
    """Log that ``actor`` read ``what`` about the citizen; False when nothing was written
    (the same read within ``READ_COALESCE``, or a file opened read-only, which cannot log).

    Given a write session (an export that writes its own events), the read joins that
    transaction; given the unit file, it is one small transaction of its own.
    """
    now = now or utc_now()
    if isinstance(target, Session):
        if _read_recently(target, actor, citizen_id, what, now):
            return False
        _add_read(target, actor, citizen_id, what, now)
        return True
    if target.readonly:
        # Nothing can be written to a read-only file, the read log included; the window says
        # the file is read-only, and docs/privacy.md names this gap.
        return False
    with target.read() as session:
        if _read_recently(session, actor, citizen_id, what, now):
            return False
    with target.write(actor) as session:
        _add_read(session, actor, citizen_id, what, now)
    return True


def _read_recently(session: Session, actor: Actor, citizen_id: int, what: str, now: dt.datetime) -> bool:
    recent = session.execute(
        select(AuditEvent.actor_id, AuditEvent.actor_name, AuditEvent.details).where(
            AuditEvent.citizen_id == citizen_id,
            AuditEvent.action == READ_ACTION,
            AuditEvent.at >= now - READ_COALESCE,
        )
    )
    return any(
        actor_id == actor.staff_id and name == actor.name and (details or {}).get("what") == what
        for actor_id, name, details in recent
    )


def _add_read(session: Session, actor: Actor, citizen_id: int, what: str, now: dt.datetime) -> None:
    session.add(
        AuditEvent(
            at=now,
            actor_id=actor.staff_id,
            actor_name=actor.name,
            action=READ_ACTION,
            # No record: a read is of the citizen's whole case (``details`` says which part).
            citizen_id=citizen_id,
            details={"what": what},
        )
    )


# -- reading the trail -----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class AuditFilter:
    """What part of the trail to show; every field left None (or empty) shows all."""

    staff_id: int | None = None
    citizen_id: int | None = None
    kinds: frozenset[AuditKind] = frozenset()
    record_type: str | None = None
    #: Local calendar days, both included.
    since: dt.date | None = None
    until: dt.date | None = None


@dataclasses.dataclass(frozen=True)
class AuditRow:
    """One event of the trail, described in Danish (the details themselves stay in the file)."""

    id: int
    at: dt.datetime
    actor_id: int | None
    actor_name: str
    action: str
    kind: AuditKind
    kind_label: str
    record_type: str | None
    record_label: str
    record_id: int | None
    citizen_id: int | None
    citizen_name: str | None
    description: str
    #: The record has versions or events to show as its history (double-click in the view).
    has_history: bool


@dataclasses.dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    #: More events match than the page holds (ask again with ``after=page.rows[-1]``).
    more: bool


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()).astimezone().astimezone(dt.UTC)


def _kind_condition(kind: AuditKind) -> ColumnElement[bool]:
    if kind is AuditKind.OTHER:
        known = [_kind_condition(k) for k in AuditKind if k is not AuditKind.OTHER]
        return not_(or_(*known))
    conditions: list[ColumnElement[bool]] = [AuditEvent.action.in_(KIND_ACTIONS.get(kind, ()))]
    conditions += [
        AuditEvent.action.startswith(prefix, autoescape=True) for prefix in KIND_PREFIXES.get(kind, ())
    ]
    return or_(*conditions) if conditions else false()


def _conditions(where: AuditFilter) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if where.staff_id is not None:
        found.append(AuditEvent.actor_id == where.staff_id)
    if where.citizen_id is not None:
        found.append(
            or_(
                AuditEvent.citizen_id == where.citizen_id,
                and_(AuditEvent.record_type == "citizen", AuditEvent.record_id == where.citizen_id),
            )
        )
    if where.kinds:
        found.append(or_(*(_kind_condition(kind) for kind in sorted(where.kinds))))
    if where.record_type is not None:
        found.append(AuditEvent.record_type == where.record_type)
    if where.since is not None:
        found.append(AuditEvent.at >= _local_midnight(where.since))
    if where.until is not None:
        found.append(AuditEvent.at < _local_midnight(where.until + dt.timedelta(days=1)))
    return found


#: Whose record an event is about: its citizen, or the citizen record itself (whose own events
#: the session hook writes without a citizen id).
_EVENT_CITIZEN = func.coalesce(
    AuditEvent.citizen_id, case((AuditEvent.record_type == "citizen", AuditEvent.record_id))
)


def _row(event: AuditEvent, citizen_name: str | None) -> AuditRow:
    kind = kind_of(event.action)
    citizen_id = event.citizen_id
    if citizen_id is None and event.record_type == "citizen":
        citizen_id = event.record_id
    return AuditRow(
        id=event.id,
        at=event.at,
        actor_id=event.actor_id,
        actor_name=event.actor_name,
        action=event.action,
        kind=kind,
        kind_label=kind.label,
        record_type=event.record_type,
        record_label=record_name(event.record_type),
        record_id=event.record_id,
        citizen_id=citizen_id,
        citizen_name=citizen_name,
        description=describe(event.action, event.record_type, event.record_id, event.details),
        has_history=event.record_type is not None
        and event.record_id is not None
        and event.record_type not in ("unit", "sync_state"),
    )


def list_events(
    unit: UnitFile,
    where: AuditFilter | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
    after: AuditRow | None = None,
) -> AuditPage:
    """The newest ``limit`` events that match; the next (older) page follows ``after``."""
    conditions = _conditions(where or AuditFilter())
    if after is not None:
        # Keyset paging on (time, id): an event recorded while one pages is neither lost nor shown twice.
        conditions.append(
            or_(AuditEvent.at < after.at, and_(AuditEvent.at == after.at, AuditEvent.id < after.id))
        )
    query = (
        select(AuditEvent, Citizen.name)
        .outerjoin(Citizen, Citizen.id == _EVENT_CITIZEN)
        .where(*conditions)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit + 1)
    )
    with unit.read() as session:
        found = [_row(event, name) for event, name in session.execute(query)]
    return AuditPage(tuple(found[:limit]), more=len(found) > limit)


def all_events(unit: UnitFile, where: AuditFilter | None = None, *, batch: int = 5000) -> list[AuditRow]:
    """Every matching event, newest first (the CSV export), read page by page."""
    rows: list[AuditRow] = []
    after: AuditRow | None = None
    while True:
        page = list_events(unit, where, limit=batch, after=after)
        rows.extend(page.rows)
        if not page.more or not page.rows:
            return rows
        after = page.rows[-1]


def readers_of(unit: UnitFile, citizen_id: int) -> list[AuditRow]:
    """Who has read the citizen's record, newest first (a data subject may ask)."""
    return all_events(unit, AuditFilter(citizen_id=citizen_id, kinds=frozenset({AuditKind.READ})))


def record_events(session: Session, record_type: str, record_id: int) -> list[AuditRow]:
    """Every event of one record, oldest first (its history beside its versions)."""
    query = (
        select(AuditEvent, Citizen.name)
        .outerjoin(Citizen, Citizen.id == _EVENT_CITIZEN)
        .where(AuditEvent.record_type == record_type, AuditEvent.record_id == record_id)
        .order_by(AuditEvent.id)
    )
    return [_row(event, name) for event, name in session.execute(query)]
