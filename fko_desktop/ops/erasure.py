"""Erasure after the retention period: an administrator deletes everything about a citizen.

The only place the product deletes legal records. The database refuses that by its protection
triggers (``storage.triggers``), so erasure drops them inside its own write transaction and
creates them again before it commits (DDL is transactional in SQLite): no other connection ever
sees the file unprotected, and a failure anywhere rolls the triggers back with the rest.

What erasure cannot delete without breaking the tamper-evident chains it empties instead: the
citizen's earlier record versions and audit events keep their place, ids and stored digests,
their content replaced by ``chain.tombstone`` (``fko check`` trusts a tombstoned row's stored
digest). One new audit event, ``erased``, says what went: counts per kind and the citizen's
internal id, never a name, CPR number or text. Afterwards the file is VACUUMed and its WAL
truncated, so freed pages do not keep the erased text on disk.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from fko_desktop.errors import ValidationError
from fko_desktop.models import Citizen
from fko_desktop.models import Unit as UnitRecord
from fko_desktop.models.audit_vocabulary import READ_ACTION
from fko_desktop.models.authorization import require
from fko_desktop.models.chain import tombstone
from fko_desktop.models.formatting import format_date
from fko_desktop.models.history import AuditEvent, record_event
from fko_desktop.models.permissions import Permission
from fko_desktop.models.retention import retention_ends
from fko_desktop.ops.base import get_or_refuse
from fko_desktop.ops.privacy import CitizenRecords, citizen_records, table
from fko_desktop.storage import purge

if TYPE_CHECKING:
    from fko_desktop.models.history import Actor
    from fko_desktop.storage.unitfile import UnitFile

ERASED_ACTION = "erased"

#: Delete order: a row goes before the rows it points at (foreign keys are on).
DELETE_ORDER = (
    "diary_tag",
    "sub_goal_evaluation",
    "plan_context",
    "order_service",
    "journal_note",
    "diary_note",
    "goal_status",
    "follow_up_assessment",
    "status_assessment",
    "aarhus_factor_score",
    "aarhus_assessment",
    "use_of_force",
    "follow_up",
    "sub_goal",
    "intervention_goal",
    "plan",
    "order",
    "citizen_contact",
    "bundle_receipt",
)


@dataclasses.dataclass(frozen=True)
class ErasureCandidate:
    citizen_id: int
    name: str
    end_date: dt.date
    last_record: dt.date
    retention_ends: dt.date


@dataclasses.dataclass(frozen=True)
class ErasureResult:
    citizen_id: int
    counts: dict[str, int]


def _last_records(session: Session, citizen_ids: list[int]) -> dict[int, dt.date]:
    """The day of each citizen's last record: their last audited change (a read changes nothing)."""
    rows = session.execute(
        select(AuditEvent.citizen_id, func.max(AuditEvent.at))
        .where(AuditEvent.citizen_id.in_(citizen_ids), AuditEvent.action != READ_ACTION)
        .group_by(AuditEvent.citizen_id)
    )
    return {int(cid): at.date() for cid, at in rows if cid is not None and at is not None}


def _candidate(citizen: Citizen, last: dt.date | None, years: int) -> ErasureCandidate | None:
    if citizen.end_date is None:
        return None
    last_record = max(last or citizen.end_date, citizen.end_date)
    return ErasureCandidate(
        citizen.id,
        citizen.name,
        citizen.end_date,
        last_record,
        retention_ends(citizen.end_date, last_record, years),
    )


def erasable_citizens(unit: UnitFile, today: dt.date) -> list[ErasureCandidate]:
    """Citizens who moved out and whose retention period has ended by ``today``."""
    with unit.read() as session:
        years = session.scalars(select(UnitRecord.retention_years)).one()
        moved_out = list(
            session.scalars(select(Citizen).where(Citizen.end_date.is_not(None), Citizen.end_date <= today))
        )
        last = _last_records(session, [c.id for c in moved_out])
        found = [_candidate(c, last.get(c.id), years) for c in moved_out]
    return sorted(
        (c for c in found if c is not None and c.retention_ends <= today), key=lambda c: c.retention_ends
    )


def _refuse_before_retention(session: Session, citizen: Citizen, today: dt.date) -> None:
    if citizen.end_date is None or citizen.end_date > today:
        raise ValidationError(
            "Borgeren bor stadig i enheden; oplysningerne kan først slettes efter fraflytning."
        )
    years = session.scalars(select(UnitRecord.retention_years)).one()
    candidate = _candidate(citizen, _last_records(session, [citizen.id]).get(citizen.id), years)
    assert candidate is not None
    if candidate.retention_ends > today:
        raise ValidationError(
            f"Opbevaringsperioden ({years} år efter den seneste registrering) udløber først "
            f"{format_date(candidate.retention_ends)}; borgerens oplysninger kan ikke slettes før."
        )


def _delete_rows(session: Session, records: CitizenRecords) -> None:
    purge.forget_indexed(session.connection(), records.tables)
    for name in DELETE_ORDER:
        ids = records.ids(name)
        if ids:
            session.execute(delete(table(name)).where(table(name).c.id.in_(ids)))
    uids = [row["uid"] for rows in records.tables.values() for row in rows if row.get("uid")]
    uids.append(records.citizen["uid"])
    session.execute(delete(table("sync_state")).where(table("sync_state").c.uid.in_(uids)))
    session.execute(delete(table("citizen")).where(table("citizen").c.id == records.citizen["id"]))


def _empty_history(session: Session, records: CitizenRecords, today: dt.date) -> None:
    version_ids = [row["id"] for row in records.versions]
    if version_ids:
        versions = table("record_version")
        session.execute(update(versions).where(versions.c.id.in_(version_ids)).values(data=tombstone(today)))
    event_ids = [row["id"] for row in records.audit]
    if event_ids:
        events = table("audit_event")
        session.execute(update(events).where(events.c.id.in_(event_ids)).values(details=tombstone(today)))


def _check(session: Session, actor: Actor, citizen_id: int, today: dt.date) -> None:
    require(session, Permission.ERASE)
    _refuse_before_retention(session, get_or_refuse(session, Citizen, citizen_id), today)


def check_erasure(unit: UnitFile, actor: Actor, citizen_id: int, *, today: dt.date) -> None:
    """Raise the refusal erasure would give (role, still living here, retention), writing nothing."""
    with unit.read() as session:
        session.info["actor"] = actor  # whom the role check asks about
        _check(session, actor, citizen_id, today)


def erase_citizen(unit: UnitFile, actor: Actor, citizen_id: int, *, today: dt.date) -> ErasureResult:
    """Erase the citizen in one transaction (administrator only, after the retention period)."""
    with unit.write(actor) as session:
        _check(session, actor, citizen_id, today)
        records = citizen_records(session, citizen_id)
        counts = records.counts()
        # Core statements, not the ORM: the session hooks would refuse (and audit) each delete.
        session.expunge_all()
        with purge.zeroing_deletes(session.connection()):
            triggers = purge.lift_protection(session.connection())
            _delete_rows(session, records)
            _empty_history(session, records, today)
            purge.restore_protection(session.connection(), triggers)
        record_event(
            session,
            ERASED_ACTION,
            citizen_id=citizen_id,
            details={"citizen_id": citizen_id, "counts": counts},
        )
    purge.compact(unit)
    return ErasureResult(citizen_id, counts)
