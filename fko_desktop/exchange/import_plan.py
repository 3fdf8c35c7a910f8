"""The preview of an import: what a verified bundle would create and change here; only reads.

``plan_import`` refuses outright what must never be imported (a bundle for another unit, a CPR
number that belongs to someone else here, records that belong to another citizen) and
otherwise lists, as Danish lines, what would be created and changed, what is already there,
and where the bundle conflicts with local edits. ``import_apply`` plans again inside its own
transaction and carries out the plan's actions.

Who owns what: each kind of bundle brings records its sender is responsible for (an order's
goals, a unit's målstatus, a caseworker's follow-up). Those are created or updated; the other
records in the bundle are context, created if missing (so an order arrives whole) but never
used to overwrite what is here. An update is a three-way decision against the content last
exchanged (``SyncState``): changed only there → applied (legal records keep their earlier
version); changed only here → kept; changed on both sides → a conflict, refused unless the
user chose otherwise.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fko_desktop.errors import BundleError
from fko_desktop.exchange import content as c
from fko_desktop.exchange.exporter import SyncEntry
from fko_desktop.exchange.format import BundleKind, Party
from fko_desktop.exchange.reader import ReceivedBundle
from fko_desktop.exchange.record_types import RECORD_TYPES, LocalIds, older_version, records_in
from fko_desktop.exchange.snapshot import RecordReader
from fko_desktop.models import BundleReceipt, Citizen, FollowUp, InterventionGoal, Order, SyncState, Unit
from fko_desktop.models.cpr import mask_cpr
from fko_desktop.models.enums import LIVE_ORDER_STATES
from fko_desktop.models.formatting import format_date
from fko_desktop.models.scores import ScoreStyle
from fko_desktop.ops.order_warnings import order_warnings


class ConflictPolicy(enum.StrEnum):
    REFUSE = "refuse"  # the default: nothing is imported while a conflict remains
    KEEP_LOCAL = "keep-local"  # import the rest, keep what was changed here
    TAKE_INCOMING = "take-incoming"  # the bundle wins; legal records keep the local text as a version


@dataclasses.dataclass
class _Action:
    op: str  # create, update, unchanged, keep, conflict
    record_type: str
    record: Any
    local: Any = None
    changed_fields: tuple[str, ...] = ()
    replaces: Any = None  # a live local record this one takes the place of (same M-period, same role)
    # Kept because the bundle brings an earlier version of a legal record than is here: the
    # content hash here, which stays the common ancestor (see ``ImportPlan.newer_here``).
    older: str | None = None


@dataclasses.dataclass(frozen=True)
class ImportPlan:
    """The preview: what an import would do, as Danish lines, and whether it may go ahead."""

    bundle_id: str
    kind: BundleKind
    sender: Party
    citizen_name: str
    already_imported_at: dt.datetime | None
    creations: tuple[str, ...]
    changes: tuple[str, ...]
    kept: tuple[str, ...]
    conflicts: tuple[str, ...]
    warnings: tuple[str, ...]
    unchanged: int
    actions: tuple[_Action, ...] = dataclasses.field(repr=False, default=())

    @property
    def newer_here(self) -> tuple[SyncEntry, ...]:
        """The sync state of the records kept because the bundle is older than what is here.

        The import remembers every record of the bundle as last exchanged; for these it must
        remember the newer content here instead, or the sender's next version would meet a
        common ancestor older than the local record and be taken for a conflict.
        """
        return tuple(
            SyncEntry(a.record.uid, a.record_type, a.older) for a in self.actions if a.older is not None
        )

    @property
    def nothing_to_do(self) -> bool:
        return self.already_imported_at is not None or not (self.creations or self.changes)

    def lines(self) -> list[str]:
        head = f"{self.kind.label} fra {self.sender.describe()} om {self.citizen_name}."
        if self.already_imported_at is not None:
            return [
                head,
                f"Bundtet er allerede indlæst {format_date(self.already_imported_at.astimezone().date())}; "
                "intet ændres.",
            ]
        lines = [head]
        lines += [f"Advarsel: {w}" for w in self.warnings]
        lines += [f"Opretter: {x}" for x in self.creations]
        lines += [f"Ændrer: {x}" for x in self.changes]
        lines += [f"Beholder lokal ændring: {x}" for x in self.kept]
        lines += [f"Konflikt: {x}" for x in self.conflicts]
        if self.unchanged:
            lines.append(f"Uændret: {self.unchanged} poster findes allerede med samme indhold.")
        if not (self.creations or self.changes or self.conflicts):
            lines.append("Intet nyt at indlæse.")
        return lines


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _changed_fields(local: Any, incoming: Any) -> tuple[str, ...]:
    a, b = c.plain(local), c.plain(incoming)
    ignore = {"uid", "created_at", "updated_at", "version", "earlier", "goals", "assessments", "legal"}
    changed = tuple(k for k in b if k not in ignore and a.get(k) != b.get(k))
    # Of a legal record's own part only a withdrawal is news: its times and version counter
    # differ between any two files that hold it.
    if "legal" in b and (a.get("legal") or {}).get("withdrawn_at") is None and b["legal"]["withdrawn_at"]:
        changed += ("withdrawn",)
    return changed


def _match_citizen(session: Session, bundle: ReceivedBundle) -> Citizen | None:
    incoming = bundle.content.citizen
    by_uid = session.scalars(select(Citizen).where(Citizen.uid == incoming.uid)).first()
    by_cpr = session.scalars(select(Citizen).where(Citizen.cpr == incoming.cpr)).first()
    if by_cpr is not None and not _same_name(by_cpr.name, incoming.name):
        raise BundleError(
            f"CPR-nummeret {mask_cpr(incoming.cpr)} tilhører »{by_cpr.name}« i denne enhed, "
            f"men bundtet kalder borgeren »{incoming.name}«; bundtet afvises."
        )
    if by_uid is not None and by_uid is not by_cpr:
        raise BundleError(
            f"Bundtets borger findes her med et andet CPR-nummer ({mask_cpr(by_uid.cpr)}); bundtet afvises."
        )
    return by_cpr


def plan_import(
    session: Session,
    bundle: ReceivedBundle,
    policy: ConflictPolicy | str = ConflictPolicy.REFUSE,
    *,
    one_based: bool = False,
) -> ImportPlan:
    """What importing ``bundle`` would do; only reads. Raises BundleError for a hard refusal.
    ``one_based`` is the window's "Vis scorer som 1–5" for the scores the preview names."""
    policy = ConflictPolicy(policy)
    manifest = bundle.manifest
    content = bundle.content
    unit = session.scalars(select(Unit).limit(1)).one()
    if manifest.sender.uid is not None and manifest.sender.uid == unit.uid:
        raise BundleError("Bundtet er sendt fra denne enhed selv og kan ikke indlæses her.")
    if manifest.recipient.uid is not None and manifest.recipient.uid != unit.uid:
        raise BundleError(
            f"Bundtet er til »{manifest.recipient.name}«, ikke til denne enhed (»{unit.name}«); "
            "bundtet afvises."
        )
    receipt = session.scalars(
        select(BundleReceipt).where(
            BundleReceipt.bundle_id == manifest.bundle_id, BundleReceipt.direction == "import"
        )
    ).first()
    citizen = _match_citizen(session, bundle)
    if receipt is not None:
        return ImportPlan(
            manifest.bundle_id,
            manifest.kind,
            manifest.sender,
            content.citizen.name,
            receipt.at,
            (),
            (),
            (),
            (),
            (),
            0,
        )

    warnings = []
    if manifest.recipient.uid is None:
        warnings.append(
            f"Bundtet er ikke adresseret til en bestemt enhed (modtager: »{manifest.recipient.name}«)."
        )
    if citizen is not None and citizen.uid != content.citizen.uid:
        warnings.append(f"Borgeren findes allerede her og genkendes på CPR-nummeret ({citizen.name}).")
    reader = RecordReader(session, citizen) if citizen is not None else None
    records = records_in(content)
    locals_by_type: dict[str, dict[str, Any]] = {}
    for record_type in {t for t, _ in records}:
        uids = [r.uid for t, r in records if t == record_type]
        locals_by_type[record_type] = RECORD_TYPES[record_type].by_uid(session, uids)
    bases = {
        row.uid: row.content_sha256
        for start in range(0, len(records), 500)
        for row in session.scalars(
            select(SyncState).where(SyncState.uid.in_([r.uid for _, r in records[start : start + 500]]))
        )
    }
    goal_texts = {g.uid: g.text for g in content.goals}

    actions: list[_Action] = []
    for record_type, record in records:
        entry = RECORD_TYPES[record_type]
        if record_type == "citizen":
            local = citizen
        else:
            local = locals_by_type[record_type].get(record.uid)
            if local is not None and (citizen is None or local.citizen_id != citizen.id):
                raise BundleError(
                    f"Bundtet indeholder {entry.label}, som her hører til en anden borger; bundtet afvises."
                )
        # No reader means no local citizen, and so no local record either.
        if local is None or reader is None:
            actions.append(_Action("create", record_type, record))
            continue
        local_data = entry.local_data(reader, local)
        local_hash, incoming_hash = c.content_hash(local_data), c.content_hash(record)
        if local_hash == incoming_hash or not entry.owned_in(manifest.kind):
            actions.append(_Action("unchanged", record_type, record, local))
            continue
        base = bases.get(record.uid)
        fields = _changed_fields(local_data, record)
        locally_withdrawn = getattr(local, "withdrawn_at", None) is not None
        if base == incoming_hash:
            actions.append(_Action("keep", record_type, record, local, fields))
        elif base == local_hash and older_version(record, local):
            # Unchanged here since the last exchange, which brought a later version than this
            # bundle's: the bundle arrived late, and a late bundle never puts a record back.
            actions.append(_Action("keep", record_type, record, local, fields, older=local_hash))
        elif (base == local_hash or policy is ConflictPolicy.TAKE_INCOMING) and not locally_withdrawn:
            actions.append(_Action("update", record_type, record, local, fields))
        elif (
            policy is ConflictPolicy.KEEP_LOCAL
            or locally_withdrawn
            and policy is ConflictPolicy.TAKE_INCOMING
        ):
            actions.append(_Action("keep", record_type, record, local, fields))
        else:
            actions.append(_Action("conflict", record_type, record, local, fields))
    _check_live_duplicates(session, actions, citizen, policy, goal_texts)
    style = ScoreStyle.for_area(content.citizen.area, one_based=one_based)
    return _summarise(manifest, content, actions, warnings, goal_texts, session, citizen, style)


def _check_live_duplicates(
    session: Session,
    actions: list[_Action],
    citizen: Citizen | None,
    policy: ConflictPolicy,
    goal_texts: dict[str, str],
) -> None:
    """A new målstatus for a period that already has one here (or a second voice of the same
    role at a follow-up) is a conflict too: the database allows one live record of each."""
    if citizen is None:
        return
    goals = {
        g.uid: g.id
        for g in session.scalars(select(InterventionGoal).where(InterventionGoal.citizen_id == citizen.id))
    }
    follow_ups = {
        f.uid: f.id for f in session.scalars(select(FollowUp).where(FollowUp.citizen_id == citizen.id))
    }
    parent_of = {a.record.uid: f.record.uid for f in actions if f.record_type == "follow_up" for a in actions
                 if a.record_type == "follow_up_assessment" and a.record in f.record.assessments}  # fmt: skip
    here = LocalIds(goals, follow_ups, parent_of)
    for action in actions:
        live_twin = RECORD_TYPES[action.record_type].live_twin
        if action.op != "create" or live_twin is None:
            continue
        if action.record.legal.withdrawn_at is not None:
            continue
        existing = live_twin(session, action.record, here)
        if existing is None:
            continue
        if policy is ConflictPolicy.TAKE_INCOMING:
            action.replaces = existing
        elif policy is ConflictPolicy.KEEP_LOCAL:
            action.op = "keep"
        else:
            action.op = "conflict"


def _incoming_order_warnings(content: c.BundleContent, actions: list[_Action]) -> list[str]:
    """The warnings the unit would see typing in each order the bundle brings (``order_warnings``);
    an order without a received date is received on the day it is imported."""
    incoming = {a.record.uid for a in actions if a.record_type == "order" and a.op in ("create", "update")}
    today = dt.date.today()
    return [
        warning
        for order in content.orders
        if order.uid in incoming
        for warning in order_warnings(order, content.citizen, today)
    ]


def _summarise(
    manifest: Any, content: c.BundleContent, actions: list[_Action], warnings: list[str],
    goal_texts: dict[str, str], session: Session, citizen: Citizen | None, style: ScoreStyle,
) -> ImportPlan:  # fmt: skip
    creations, changes, kept, conflicts = [], [], [], []
    counted: dict[str, int] = {}
    for action in actions:
        entry = RECORD_TYPES[action.record_type]
        what = entry.preview(action.record, goal_texts, style)
        if action.op == "create":
            if entry.counted is not None:
                counted[action.record_type] = counted.get(action.record_type, 0) + 1
            else:
                creations.append(what)
        elif action.op == "update":
            fields = ", ".join(action.changed_fields) or "indhold"
            # A withdrawal alone changes no text, so no earlier version is kept for it.
            edits = set(action.changed_fields) != {"withdrawn"}
            extra = (
                " (den lokale tekst gemmes som tidligere version)"
                if hasattr(action.local, "version") and edits
                else ""
            )
            changes.append(f"{what}: {fields}{extra}")
        elif action.op == "keep":
            newer = ": her findes en nyere version end bundtets" if action.older is not None else ""
            kept.append(f"{what}{newer}")
        elif action.op == "conflict":
            conflicts.append(f"{what} er ændret både her og hos afsenderen siden sidste udveksling")
        if action.replaces is not None:
            changes.append(f"{what}: den eksisterende registrering trækkes tilbage og erstattes")
    creations += [f"{n} {RECORD_TYPES[t].counted}" for t, n in counted.items()]
    if manifest.kind is BundleKind.ORDER and citizen is not None:
        order = content.orders[0]
        live = session.scalars(
            select(Order).where(
                Order.citizen_id == citizen.id,
                Order.state.in_(LIVE_ORDER_STATES),
            )
        ).all()
        replaced = [o for o in live if o.uid == order.replaces_uid]
        if replaced:
            changes.append("den hidtidige bestilling markeres som erstattet af den nye")
        elif live and all(o.uid != order.uid for o in live):
            warnings.append("Borgeren har allerede en aktuel bestilling; den nye erstatter den ikke.")
    if manifest.kind is BundleKind.ORDER:
        warnings += _incoming_order_warnings(content, actions)
    return ImportPlan(
        bundle_id=manifest.bundle_id,
        kind=manifest.kind,
        sender=manifest.sender,
        citizen_name=content.citizen.name,
        already_imported_at=None,
        creations=tuple(creations),
        changes=tuple(changes),
        kept=tuple(kept),
        conflicts=tuple(conflicts),
        warnings=tuple(warnings),
        unchanged=sum(1 for a in actions if a.op == "unchanged"),
        actions=tuple(actions),
    )
