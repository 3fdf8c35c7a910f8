"""Applying an import: the plan carried out whole, in one transaction, or nothing at all.

``apply_import`` re-plans in its own write transaction (the file may have changed since the
preview) and applies it whole: each record is created or updated as its ``RecordType`` says,
then the receipt, the state last exchanged (``SyncState``) and the history event are written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fko_desktop.errors import BundleError, ValidationError
from fko_desktop.exchange import content as c
from fko_desktop.exchange.exporter import remember_sync, store_sync
from fko_desktop.exchange.format import BundleKind
from fko_desktop.exchange.import_plan import ConflictPolicy, plan_import
from fko_desktop.exchange.reader import ReceivedBundle
from fko_desktop.exchange.record_types import PARENTS, RECORD_TYPES
from fko_desktop.models import Actor, BundleReceipt, Citizen, RecordVersion, StaffMember
from fko_desktop.models.authorization import allow_import
from fko_desktop.models.base import utc_now
from fko_desktop.models.changes import CITIZEN_RECORD_KINDS, OpChanges, collected_changes
from fko_desktop.models.history import record_event
from fko_desktop.models.permissions import Permission
from fko_desktop.ops.base import Changed
from fko_desktop.storage.backups import REASON_IMPORT, automatic_backup
from fko_desktop.storage.unitfile import UnitFile


@dataclasses.dataclass(frozen=True)
class ImportResult:
    bundle_id: str
    citizen_id: int | None
    created: int
    changed: int
    kept: int
    lines: tuple[str, ...]


class Applier:
    """Writes one bundle's records into the session; what it knows of each type comes from
    ``RECORD_TYPES``, the row ids and authors met so far are kept here."""

    def __init__(self, session: Session, bundle: ReceivedBundle) -> None:
        self.session = session
        self.bundle = bundle
        self.kind = bundle.manifest.kind
        self.ids: dict[str, int] = {}  # uid → local row id, for every record of the bundle
        self.citizen_id: int | None = None
        self._staff: dict[tuple[str, str], int] = {}
        self.order_of_goal = {g.uid: o.uid for o in bundle.content.orders for g in o.goals}
        self.follow_up_of = {a.uid: f.uid for f in bundle.content.follow_ups for a in f.assessments}
        self.pending_versions: list[tuple[Any, c.Legal]] = []

    def staff_id(self, author: c.Author) -> int:
        """The author of an imported note: the same person here, or a new inactive staff entry."""
        key = (author.name, author.initials)
        if key not in self._staff:
            member = self.session.scalars(
                select(StaffMember).where(
                    StaffMember.name == author.name, StaffMember.initials == author.initials
                )
            ).first()
            if member is None:
                member = StaffMember(
                    name=author.name,
                    initials=author.initials,
                    title=f"Tidligere medarbejder, {self.bundle.manifest.sender.name}"[:200],
                    active=False,
                )
                self.session.add(member)
                self.session.flush()
            self._staff[key] = member.id
        return self._staff[key]

    def _set(self, obj: Any, record_type: str, record: Any, fields: Iterable[str]) -> None:
        enums = RECORD_TYPES[record_type].enums
        for name in fields:
            value = getattr(record, name)
            if name in enums and value is not None:
                value = enums[name](value)
            elif isinstance(value, tuple):
                value = list(value)
            current = getattr(obj, name)
            if current is not value and current != value:
                setattr(obj, name, value)

    def _legal(self, obj: Any, legal: c.Legal) -> None:
        obj.version = legal.version
        if legal.created_at:
            obj.created_at = legal.created_at
        obj.updated_at = legal.updated_at
        obj.withdrawn_at = legal.withdrawn_at
        obj.withdrawal_reason = legal.withdrawal_reason

    def _earlier_versions(self, obj: Any, legal: c.Legal) -> None:
        versions = list(legal.earlier)
        for index, earlier in enumerate(versions):
            data = dict(earlier.data)
            if isinstance(data.get("author"), dict):
                author = data.pop("author")
                data["author_id"] = self.staff_id(
                    c.Author(str(author.get("name", "Ukendt")), str(author.get("initials", "?")))
                )
            replaced_at = (
                versions[index + 1].saved_at if index + 1 < len(versions) else (legal.updated_at or utc_now())
            )
            self.session.add(
                RecordVersion(
                    record_type=obj.__tablename__,
                    record_id=obj.id,
                    version=earlier.version,
                    data=data,
                    saved_at=earlier.saved_at,
                    replaced_at=replaced_at,
                )
            )

    # -- create ------------------------------------------------------------------------------------

    def create(self, record_type: str, r: Any) -> Any:
        s = self.session
        entry = RECORD_TYPES[record_type]
        obj = entry.build(self, r)
        self._set(obj, record_type, r, entry.fields)
        if entry.complete is not None:
            entry.complete(self, obj, r)
        legal = getattr(r, "legal", None)
        if isinstance(legal, c.Legal):  # a legal record brings its own times and version
            self._legal(obj, legal)
        elif getattr(r, "created_at", None):
            obj.created_at = r.created_at
        s.add(obj)
        if record_type in PARENTS:
            s.flush()  # its children need its id
        if isinstance(legal, c.Legal) and legal.earlier:
            self.pending_versions.append((obj, legal))
        return obj

    def finish(self) -> None:
        """One flush for the many leaf records, then their kept earlier versions."""
        self.session.flush()
        for obj, legal in self.pending_versions:
            self._earlier_versions(obj, legal)
        self.pending_versions.clear()

    # -- update -------------------------------------------------------------------------------------

    def update(self, record_type: str, obj: Any, r: Any) -> None:
        entry = RECORD_TYPES[record_type]
        legal = getattr(r, "legal", None)
        self._set(obj, record_type, r, entry.fields)
        if entry.update_children is not None:
            entry.update_children(obj, r)
        if isinstance(legal, c.Legal) and legal.withdrawn_at is not None and obj.withdrawn_at is None:
            # Content first, then the withdrawal: a withdrawn record can no longer be edited.
            self.session.flush()
            obj.withdrawn_at = legal.withdrawn_at
            obj.withdrawal_reason = legal.withdrawal_reason


#: Who may import what. The authority's order and follow-up bundles are everyday post for whoever
#: receives them; a status or transfer bundle brings (and may replace) the documentation written
#: by others under their names, a leder's decision like correcting a colleague's record.
IMPORT_PERMISSION = {
    BundleKind.ORDER: Permission.DOCUMENT,
    BundleKind.FOLLOWUP: Permission.DOCUMENT,
    BundleKind.STATUS: Permission.EDIT_OTHERS,
    BundleKind.TRANSFER: Permission.EDIT_OTHERS,
}


def apply_import(
    unit: UnitFile, actor: Actor, bundle: ReceivedBundle, policy: ConflictPolicy | str = ConflictPolicy.REFUSE
) -> Changed[ImportResult]:
    """Import ``bundle`` in one transaction; a second import of the same bundle changes nothing."""
    policy = ConflictPolicy(policy)
    with unit.read() as session:
        preview = plan_import(session, bundle, policy)
    if preview.already_imported_at is not None:
        return Changed(ImportResult(bundle.bundle_id, None, 0, 0, 0, tuple(preview.lines())))
    if preview.conflicts:
        raise BundleError(
            "Bundtet er i konflikt med nyere lokale ændringer "
            f"({len(preview.conflicts)}: {preview.conflicts[0]}); intet er indlæst."
        )
    # A bundle can change many records at once: the unit as it was is kept first. A backup
    # that cannot be written stops the import (nothing imported) rather than risk it.
    if not unit.readonly:
        automatic_backup(unit, REASON_IMPORT)
    # The transaction is rolled back before a refusal by the core becomes the bundle's.
    with _refused_whole(), unit.write(actor) as session:
        allow_import(session, IMPORT_PERMISSION.get(bundle.manifest.kind, Permission.EDIT_OTHERS))
        plan = plan_import(session, bundle, policy)
        if plan.conflicts:  # changed between the preview and now
            raise BundleError(
                "Enhedsfilen blev ændret under indlæsningen, og der er nu en konflikt; prøv igen."
            )
        applier = Applier(session, bundle)
        counts = {"create": 0, "update": 0, "keep": 0}
        for action in plan.actions:
            if action.record_type == "citizen" and action.local is not None:
                applier.citizen_id = action.local.id
            if action.replaces is not None:
                action.replaces.withdrawn_at = utc_now()
                action.replaces.withdrawn_by_id = actor.staff_id
                action.replaces.withdrawal_reason = (
                    f"Erstattet ved indlæsning af bundt {bundle.bundle_id[:8]} "
                    f"fra {bundle.manifest.sender.name}"
                )
                session.flush()
            if action.op == "create":
                obj = applier.create(action.record_type, action.record)
                if action.record_type == "citizen":
                    applier.citizen_id = obj.id
                if action.record_type in PARENTS:
                    applier.ids[action.record.uid] = obj.id
                counts["create"] += 1
                continue
            applier.ids[action.record.uid] = action.local.id
            if action.op == "update":
                applier.update(action.record_type, action.local, action.record)
                counts["update"] += 1
            elif action.op == "keep":
                counts["keep"] += 1
        applier.finish()
        manifest = bundle.manifest
        session.add(
            BundleReceipt.of_bundle(
                manifest,
                direction="import",
                file_sha256=bundle.file_sha256,
                citizen_id=applier.citizen_id,
                citizen_uid=bundle.content.citizen.uid,
                actor_name=actor.name,
                summary={"created": counts["create"], "changed": counts["update"], "kept": counts["keep"]},
            )
        )
        # The citizen may be known here under its own uid; remember the bundle's record state
        # for every record that carries the bundle's uid.
        remember_sync(
            session,
            dataclasses.replace(bundle.content, citizen=_local_citizen(bundle, session, applier.citizen_id)),
            manifest.bundle_id,
        )
        # Kept as older than what is here: the newer content here stays the common ancestor.
        store_sync(session, plan.newer_here, manifest.bundle_id)
        record_event(
            session,
            "bundle_import",
            citizen_id=applier.citizen_id,
            details={
                "bundle_id": manifest.bundle_id,
                "kind": manifest.kind.value,
                "sender": manifest.sender.to_json(),
                "file_sha256": bundle.file_sha256,
                "policy": policy.value,
                "created": counts["create"],
                "changed": counts["update"],
                "kept": counts["keep"],
            },
        )
    result = ImportResult(
        manifest.bundle_id,
        applier.citizen_id,
        counts["create"],
        counts["update"],
        counts["keep"],
        tuple(plan.lines()),
    )
    # The importer writes with Core statements too, which pass no ORM hook: it says itself
    # that the citizen's whole record may have changed.
    changes = collected_changes(session).merged(
        OpChanges.of(
            CITIZEN_RECORD_KINDS, citizen_ids=[applier.citizen_id] if applier.citizen_id is not None else []
        )
    )
    # The preview's warnings (an imported order's among them) are the import's too.
    return Changed(result, changes, plan.warnings)


@contextmanager
def _refused_whole() -> Iterator[None]:
    """A core rule broken at flush refuses the whole bundle, in the bundle's words.

    The reader checks every text and date against the same limits first; this is for a rule
    only the core knows, so the user still sees one message and nothing is imported.
    """
    try:
        yield
    except ValidationError as error:
        raise BundleError(f"Bundtet kan ikke indlæses: {error.message} Intet er indlæst.") from None


def _local_citizen(bundle: ReceivedBundle, session: Session, citizen_id: int | None) -> c.CitizenData:
    local = session.get(Citizen, citizen_id) if citizen_id is not None else None
    # A local citizen without a uid (left so by a bulk writer) gets one at its first export:
    # until then the bundle's uid is the only one its records can be remembered by.
    if local is None or local.uid is None or local.uid == bundle.content.citizen.uid:
        return bundle.content.citizen
    return dataclasses.replace(bundle.content.citizen, uid=local.uid)
