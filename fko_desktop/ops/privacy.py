"""Privacy: the person's CPR display choice, and everything the unit holds about one citizen.

``citizen_records`` is the one definition of "a citizen's data": the data subject access export
(``export_subject_access``) prints it and ``ops.erasure`` erases it, so the two can never
disagree about what belongs to a citizen.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, or_, select
from sqlalchemy.orm import Session

from fko_desktop.errors import FkoError, PermissionDenied
from fko_desktop.models import Citizen, StaffMember, authorization
from fko_desktop.models import Unit as UnitRecord
from fko_desktop.models.authorization import require
from fko_desktop.models.base import Base, utc_now
from fko_desktop.models.history import record_event
from fko_desktop.models.permissions import ANONYMOUS, Permission
from fko_desktop.ops.audit import record_read
from fko_desktop.ops.base import Changed, get_or_refuse

if TYPE_CHECKING:
    from fko_desktop.models.history import Actor
    from fko_desktop.storage.unitfile import UnitFile

#: Tables whose rows name the citizen in ``citizen_id``, in the order a reader meets them.
CITIZEN_TABLES = (
    "citizen_contact",
    "order",
    "plan",
    "intervention_goal",
    "sub_goal",
    "journal_note",
    "diary_note",
    "goal_status",
    "follow_up",
    "follow_up_assessment",
    "status_assessment",
    "aarhus_assessment",
    "aarhus_factor_score",
    "use_of_force",
    "bundle_receipt",
)
#: Tables whose rows belong to a citizen through a parent: table → (its column, parent table).
CHILD_TABLES = {
    "order_service": ("order_id", "order"),
    "plan_context": ("plan_id", "plan"),
    "sub_goal_evaluation": ("sub_goal_id", "sub_goal"),
    "diary_tag": ("note_id", "diary_note"),
}

#: What the export's read event says was read (``models.audit_vocabulary.READ_NAMES``).
EXPORT_READ = "data-subject-export"


def table(name: str) -> Table:
    return Base.metadata.tables[name]


@dataclasses.dataclass
class CitizenRecords:
    """Every row the unit file holds about one citizen, as plain values by table name."""

    citizen: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]
    #: Earlier versions of the citizen's legal records (``record_version`` rows).
    versions: list[dict[str, Any]]
    #: Every audit event about the citizen: who created, changed, withdrew, read or exported.
    audit: list[dict[str, Any]]

    def ids(self, name: str) -> list[int]:
        return [row["id"] for row in self.tables.get(name, [])]

    def counts(self) -> dict[str, int]:
        """How many rows of each kind (what the erasure's audit event keeps: no content)."""
        counts = {name: len(rows) for name, rows in self.tables.items() if rows}
        counts["citizen"] = 1
        counts["record_version"] = len(self.versions)
        counts["audit_event"] = len(self.audit)
        return counts


def _rows(session: Session, name: str, condition: Any) -> list[dict[str, Any]]:
    t = table(name)
    result = session.execute(select(t).where(condition).order_by(t.c.id))
    return [dict(row._mapping) for row in result]


def citizen_records(session: Session, citizen_id: int) -> CitizenRecords:
    """Read everything about the citizen (withdrawn records and their versions included)."""
    get_or_refuse(session, Citizen, citizen_id)
    citizen = _rows(session, "citizen", table("citizen").c.id == citizen_id)[0]
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in CITIZEN_TABLES:
        tables[name] = _rows(session, name, table(name).c.citizen_id == citizen_id)
    for name, (column, parent) in CHILD_TABLES.items():
        parent_ids = [row["id"] for row in tables[parent]]
        tables[name] = _rows(session, name, table(name).c[column].in_(parent_ids)) if parent_ids else []
    owned = {"citizen": [citizen_id], **{name: [row["id"] for row in tables[name]] for name in tables}}
    versions_t = table("record_version")
    version_match = [
        (versions_t.c.record_type == name) & versions_t.c.record_id.in_(ids)
        for name, ids in owned.items()
        if ids
    ]
    versions = _rows(session, "record_version", or_(*version_match))
    audit_t = table("audit_event")
    audit_match = [audit_t.c.citizen_id == citizen_id] + [
        (audit_t.c.record_type == name) & audit_t.c.record_id.in_(ids) for name, ids in owned.items() if ids
    ]
    audit = _rows(session, "audit_event", or_(*audit_match))
    return CitizenRecords(citizen, tables, versions, audit)


def staff_names(session: Session) -> dict[int, str]:
    """Staff by id, for naming authors and readers (a staff member is never deleted)."""
    return {m.id: f"{m.name} ({m.initials})" for m in session.scalars(select(StaffMember))}


# -- who may ---------------------------------------------------------------------------------


def acting_member(session: Session, actor: Actor) -> StaffMember:
    """The logged-in staff member behind ``actor``; a tool or nobody is refused."""
    if actor.staff_id is None:
        raise PermissionDenied(ANONYMOUS)
    member = session.get(StaffMember, actor.staff_id)
    if member is None or not member.active:
        raise PermissionDenied(ANONYMOUS)
    return member


def may(unit: UnitFile, actor: Actor, permission: Permission) -> bool:
    """Whether ``actor`` holds ``permission`` (for greying out; the write checks again)."""
    with unit.read() as session:
        session.info["actor"] = actor
        return authorization.may(session, permission)


# -- CPR shown in full or masked -------------------------------------------------------------


def show_full_cpr(unit: UnitFile, staff_id: int | None) -> bool:
    """The person's own choice; nobody logged in (or a tool) sees masked numbers."""
    if staff_id is None:
        return False
    with unit.read() as session:
        member = session.get(StaffMember, staff_id)
        return bool(member is not None and member.show_full_cpr)


def set_show_full_cpr(unit: UnitFile, actor: Actor, on: bool) -> Changed[StaffMember]:
    """Store the logged-in person's choice (audited as an edit of their staff record)."""
    with unit.write(actor) as session:
        member = acting_member(session, actor)
        member.show_full_cpr = bool(on)
        session.flush()
    return Changed.after(session, member)


# -- the data subject access export ----------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SubjectAccessExport:
    pdf: Path
    json: Path
    counts: dict[str, int]


def json_path_for(pdf: Path) -> Path:
    """The machine-readable copy lies next to the PDF, with the same name."""
    return pdf.with_suffix(".json")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def subject_access_json(records: CitizenRecords, unit_name: str, made_at: dt.datetime) -> bytes:
    document = {
        "format": "fko-desktop/indsigt",
        "version": 1,
        "unit": unit_name,
        "made_at": made_at.isoformat(),
        "citizen": records.citizen,
        "records": {name: rows for name, rows in records.tables.items() if rows},
        "record_versions": records.versions,
        "audit_events": records.audit,
    }
    return json.dumps(document, default=_plain, ensure_ascii=False, indent=2).encode("utf-8")


def export_subject_access(
    unit: UnitFile,
    actor: Actor,
    citizen_id: int,
    out: Path,
    *,
    replace: bool = False,
    replace_json: bool | None = None,
) -> SubjectAccessExport:
    """Write the citizen's data as a PDF (to read) and JSON (to process) at ``out`` and next to
    it, 0600; leder or administrator only. The export is logged as a read of the record in the
    same transaction, so a file that was written is always in the trail, and a refused or failed
    write leaves neither file nor event. ``replace_json`` (default: as ``replace``) lets a save
    dialog, which asked about the PDF's name only, refuse an existing JSON file."""
    # Loaded when used: reportlab is slow to import and the window starts without it.
    from fko_desktop.reports.subject_access import render_subject_access
    from fko_desktop.storage.files import check_target, write_file

    out = Path(out)
    if out.suffix.lower() != ".pdf":
        out = out.with_name(out.name + ".pdf")
    json_out = json_path_for(out)
    replace_json = replace if replace_json is None else replace_json
    check_target(out, replace=replace)
    check_target(json_out, replace=replace_json)
    with unit.write(actor) as session:
        require(session, Permission.AUDIT_VIEW)
        made_at = utc_now()
        records = citizen_records(session, citizen_id)
        # A read for "who has seen my data" (coalesced like every read), and an export event
        # that never is: data that left the unit is always on record.
        record_read(session, actor, citizen_id, EXPORT_READ, now=made_at)
        record_event(session, EXPORT_READ, citizen_id=citizen_id, details={"files": ["pdf", "json"]})
        unit_name = session.scalars(select(UnitRecord)).one().name
        pdf = render_subject_access(records, staff_names(session), unit_name, made_at, actor.name)
        data = subject_access_json(records, unit_name, made_at)
        try:
            write_file(out, pdf, replace=replace)
            write_file(json_out, data, replace=replace_json)
        except FkoError:
            out.unlink(missing_ok=True)
            raise
    return SubjectAccessExport(out, json_out, records.counts())
