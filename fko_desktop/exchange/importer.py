"""Import a verified bundle into a unit file: first a preview, then one transaction.

``plan_import`` only reads. It refuses outright what must never be imported (a bundle for
another unit, a CPR number that belongs to someone else here, records that belong to another
citizen) and otherwise lists, as Danish lines, what would be created and changed, what is
already there, and where the bundle conflicts with local edits. ``apply_import`` re-plans in
its own write transaction (the file may have changed since the preview) and applies it whole.

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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fko_desktop.errors import BundleError, ValidationError
from fko_desktop.exchange import content as c
from fko_desktop.exchange.exporter import remember_sync
from fko_desktop.exchange.format import BundleKind, Party
from fko_desktop.exchange.reader import ReceivedBundle
from fko_desktop.exchange.snapshot import RecordReader
from fko_desktop.models import (
    Actor,
    BundleReceipt,
    Citizen,
    CitizenContact,
    DiaryNote,
    DiaryTag,
    FollowUp,
    FollowUpAssessment,
    GoalStatus,
    InterventionGoal,
    JournalNote,
    Order,
    OrderService,
    Plan,
    PlanContext,
    RecordVersion,
    StaffMember,
    SubGoal,
    SubGoalEvaluation,
    SyncState,
    Unit,
    UseOfForce,
)
from fko_desktop.models.base import utc_now
from fko_desktop.models.cpr import mask_cpr
from fko_desktop.models.enums import (
    LIVE_ORDER_STATES,
    Area,
    AssessmentRole,
    FollowUpForm,
    MeetingKind,
    OrderState,
    PlanState,
    SubGoalState,
    UseOfForceKind,
)
from fko_desktop.models.formatting import format_date
from fko_desktop.models.history import record_event
from fko_desktop.models.scores import display_score
from fko_desktop.ops.base import Changed
from fko_desktop.storage.unitfile import UnitFile


class ConflictPolicy(enum.StrEnum):
    REFUSE = "refuse"  # the default: nothing is imported while a conflict remains
    KEEP_LOCAL = "keep-local"  # import the rest, keep what was changed here
    TAKE_INCOMING = "take-incoming"  # the bundle wins; legal records keep the local text as a version


ALL_TYPES = frozenset(
    {"citizen", "order", "intervention_goal", "plan", "sub_goal", "journal_note", "diary_note", "goal_status",
     "follow_up", "follow_up_assessment", "use_of_force"}
)  # fmt: skip
OWNED = {
    BundleKind.ORDER: frozenset({"order", "intervention_goal"}),
    BundleKind.STATUS: frozenset({"plan", "sub_goal", "goal_status"}),
    BundleKind.FOLLOWUP: frozenset({"follow_up", "follow_up_assessment"}),
    BundleKind.TRANSFER: ALL_TYPES,
}
MODELS: dict[str, Any] = {
    "citizen": Citizen, "order": Order, "intervention_goal": InterventionGoal, "plan": Plan, "sub_goal": SubGoal,
    "journal_note": JournalNote, "diary_note": DiaryNote, "goal_status": GoalStatus, "follow_up": FollowUp,
    "follow_up_assessment": FollowUpAssessment, "use_of_force": UseOfForce,
}  # fmt: skip

# The fields an update may change, per record type (children and parents are handled apart).
FIELDS = {
    "citizen": ("name", "cpr", "area", "department", "intake_date", "end_date", "caseworker_name", "caseworker_contact",
                "acting_municipality", "paying_municipality", "diagnoses", "wishes", "target_groups"),
    "order": ("meeting_date", "meeting_kind", "sender_name", "sender_organisation", "intervention_purpose", "agreements",
              "other_needs", "support_need_code"),
    "intervention_goal": ("position", "text", "domain_catalog", "domain_code", "goal_type_code", "baseline", "target",
                          "start_date", "follow_up_date", "end_date", "related_themes", "justification"),
    "plan": ("state", "background", "purpose_unit_addition", "purpose_citizen_addition", "presentation",
             "earlier_interventions", "use_of_force_prevention"),
    "sub_goal": ("position", "text", "justification", "method", "start_date", "end_date", "state"),
    "journal_note": ("observed_at", "text", "score"),
    "diary_note": ("observed_at", "text"),
    "goal_status": ("period", "assessed_on", "score", "summary", "source_code", "citizen_score", "citizen_note"),
    "follow_up": ("meeting_date", "form", "invitation_date", "report_sent_date", "caseworker_name", "support_need_code",
                  "intervention_status_code", "agreements", "agenda_points", "held"),
    "follow_up_assessment": ("role", "score", "note", "source_code", "agrees_with_status"),
    "use_of_force": ("kind", "description", "occurred_on", "period_start", "period_end", "review_date", "reported_to"),
}  # fmt: skip
ENUMS: dict[str, dict[str, type[enum.Enum]]] = {
    "citizen": {"area": Area},
    "order": {"meeting_kind": MeetingKind, "state": OrderState},
    "plan": {"state": PlanState},
    "sub_goal": {"state": SubGoalState},
    "follow_up": {"form": FollowUpForm},
    "follow_up_assessment": {"role": AssessmentRole},
    "use_of_force": {"kind": UseOfForceKind},
}
_LABELS = {
    "citizen": "borgeren", "order": "bestillingen", "intervention_goal": "indsatsmålet", "plan": "planen",
    "sub_goal": "delmålet", "journal_note": "delmålsnotat", "diary_note": "dagbogsnotat", "goal_status": "målstatus",
    "follow_up": "opfølgningen", "follow_up_assessment": "vurderingen", "use_of_force": "magtanvendelse",
}  # fmt: skip
# Records other records point at: flushed at once so their row id is known.
_PARENTS = frozenset({"citizen", "order", "intervention_goal", "sub_goal", "follow_up"})
# Many of these arrive in a transfer; the preview counts them instead of listing each.
_COUNTED = {
    "journal_note": "delmålsnotater",
    "diary_note": "dagbogsnotater",
    "use_of_force": "registreringer af magtanvendelse",
}


@dataclasses.dataclass
class _Action:
    op: str  # create, update, unchanged, keep, conflict
    record_type: str
    record: Any
    local: Any = None
    changed_fields: tuple[str, ...] = ()
    replaces: Any = None  # a live local record this one takes the place of (same M-period, same role)


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
    def nothing_to_do(self) -> bool:
        return self.already_imported_at is not None or not (self.creations or self.changes)

    def lines(self) -> list[str]:
        head = f"{self.kind.label} fra {self.sender.describe()} om {self.citizen_name}."
        if self.already_imported_at is not None:
            return [
                head,
                f"Bundtet er allerede indlæst {format_date(self.already_imported_at.astimezone().date())}; intet ændres.",
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


@dataclasses.dataclass(frozen=True)
class ImportResult:
    bundle_id: str
    citizen_id: int | None
    created: int
    changed: int
    kept: int
    lines: tuple[str, ...]


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:49] + "…"


def _describe(record_type: str, record: Any, goal_texts: dict[str, str]) -> str:
    if record_type == "citizen":
        return f"borgeren {record.name} ({mask_cpr(record.cpr)})"
    if record_type == "order":
        meeting = f" fra mødet {format_date(record.meeting_date)}" if record.meeting_date else ""
        return f"bestilling{meeting} med {len(record.goals)} indsatsmål"
    if record_type == "intervention_goal":
        return f"indsatsmål {record.position} »{_short(record.text)}« (baseline {display_score(record.baseline)}, mål {display_score(record.target)})"
    if record_type == "plan":
        return "handleplanen"
    if record_type == "sub_goal":
        return f"delmål »{_short(record.text)}«"
    if record_type == "goal_status":
        return f"målstatus M{record.period} ({display_score(record.score)}) for »{_short(goal_texts.get(record.goal_uid, '?'))}«"
    if record_type == "follow_up":
        return f"opfølgning {format_date(record.meeting_date)}"
    if record_type == "follow_up_assessment":
        role = AssessmentRole(record.role).label.lower()
        return f"{role} ({display_score(record.score)}) af »{_short(goal_texts.get(record.goal_uid, '?'))}«"
    return _LABELS[record_type]


def _records(content: c.BundleContent) -> list[tuple[str, Any]]:
    """Parents before children: the order in which records are matched and created."""
    out: list[tuple[str, Any]] = [("citizen", content.citizen)]
    for order in content.orders:
        out.append(("order", order))
        out += [("intervention_goal", g) for g in order.goals]
    out += [("plan", p) for p in content.plans]
    out += [("sub_goal", s) for s in content.sub_goals]
    out += [("goal_status", s) for s in content.goal_statuses]
    for follow_up in content.follow_ups:
        out.append(("follow_up", follow_up))
        out += [("follow_up_assessment", a) for a in follow_up.assessments]
    out += [("journal_note", n) for n in content.journal_notes]
    out += [("diary_note", n) for n in content.diary_notes]
    out += [("use_of_force", u) for u in content.uses_of_force]
    return out


def _load_by_uid(session: Session, model: Any, uids: list[str]) -> dict[str, Any]:
    found = {}
    for start in range(0, len(uids), 500):
        for row in session.scalars(select(model).where(model.uid.in_(uids[start : start + 500]))):
            found[row.uid] = row
    return found


def _local_data(reader: RecordReader, record_type: str, obj: Any) -> Any:
    if record_type == "citizen":
        return reader.citizen_data()
    if record_type == "order":
        return reader.orders([obj])[0]
    if record_type == "intervention_goal":
        return reader.goal_data(obj)
    if record_type == "plan":
        return reader.plans([obj])[0]
    if record_type == "sub_goal":
        return reader.sub_goals([obj])[0]
    if record_type == "goal_status":
        return reader.goal_statuses([obj])[0]
    if record_type == "follow_up":
        return reader.follow_ups([obj])[0]
    if record_type == "follow_up_assessment":
        return reader.assessment_data(obj, {})
    if record_type == "journal_note":
        return reader.journal_note_data(obj, {})
    if record_type == "diary_note":
        return reader.diary_note_data(obj, {})
    return reader.use_of_force_data(obj, {})


def _changed_fields(local: Any, incoming: Any) -> tuple[str, ...]:
    a, b = c.plain(local), c.plain(incoming)
    ignore = {"uid", "created_at", "updated_at", "version", "earlier", "goals", "assessments"}
    return tuple(k for k in b if k not in ignore and a.get(k) != b.get(k))


def _match_citizen(session: Session, bundle: ReceivedBundle) -> Citizen | None:
    incoming = bundle.content.citizen
    by_uid = session.scalars(select(Citizen).where(Citizen.uid == incoming.uid)).first()
    by_cpr = session.scalars(select(Citizen).where(Citizen.cpr == incoming.cpr)).first()
    if by_cpr is not None and not _same_name(by_cpr.name, incoming.name):
        raise BundleError(
            f"CPR-nummeret {mask_cpr(incoming.cpr)} tilhører »{by_cpr.name}« i denne enhed, men bundtet kalder "
            f"borgeren »{incoming.name}«; bundtet afvises."
        )
    if by_uid is not None and by_uid is not by_cpr:
        raise BundleError(
            f"Bundtets borger findes her med et andet CPR-nummer ({mask_cpr(by_uid.cpr)}); bundtet afvises."
        )
    return by_cpr


def plan_import(
    session: Session, bundle: ReceivedBundle, policy: ConflictPolicy | str = ConflictPolicy.REFUSE
) -> ImportPlan:
    """What importing ``bundle`` would do; only reads. Raises BundleError for a hard refusal."""
    policy = ConflictPolicy(policy)
    manifest = bundle.manifest
    content = bundle.content
    unit = session.scalars(select(Unit).limit(1)).one()
    if manifest.sender.uid is not None and manifest.sender.uid == unit.uid:
        raise BundleError("Bundtet er sendt fra denne enhed selv og kan ikke indlæses her.")
    if manifest.recipient.uid is not None and manifest.recipient.uid != unit.uid:
        raise BundleError(
            f"Bundtet er til »{manifest.recipient.name}«, ikke til denne enhed (»{unit.name}«); bundtet afvises."
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
    owned = OWNED[manifest.kind]
    reader = RecordReader(session, citizen) if citizen is not None else None
    records = _records(content)
    locals_by_type: dict[str, dict[str, Any]] = {}
    for record_type in {t for t, _ in records}:
        uids = [r.uid for t, r in records if t == record_type]
        locals_by_type[record_type] = _load_by_uid(session, MODELS[record_type], uids)
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
        if record_type == "citizen":
            local = citizen
        else:
            local = locals_by_type[record_type].get(record.uid)
            if local is not None and (citizen is None or local.citizen_id != citizen.id):
                raise BundleError(
                    f"Bundtet indeholder {_LABELS[record_type]}, som her hører til en anden borger; bundtet afvises."
                )
        if local is None:
            actions.append(_Action("create", record_type, record))
            continue
        local_data = _local_data(reader, record_type, local)  # type: ignore[arg-type]
        local_hash, incoming_hash = c.content_hash(local_data), c.content_hash(record)
        if local_hash == incoming_hash or record_type not in owned:
            actions.append(_Action("unchanged", record_type, record, local))
            continue
        base = bases.get(record.uid)
        fields = _changed_fields(local_data, record)
        locally_withdrawn = getattr(local, "withdrawn_at", None) is not None
        if base == incoming_hash:
            actions.append(_Action("keep", record_type, record, local, fields))
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
    return _summarise(manifest, content, actions, warnings, goal_texts, session, citizen)


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
    for action in actions:
        if action.op != "create" or action.record_type not in ("goal_status", "follow_up_assessment"):
            continue
        if action.record.legal.withdrawn_at is not None:
            continue
        existing = None
        if action.record_type == "goal_status" and action.record.goal_uid in goals:
            existing = session.scalars(
                select(GoalStatus).where(
                    GoalStatus.goal_id == goals[action.record.goal_uid],
                    GoalStatus.period == action.record.period,
                    GoalStatus.withdrawn_at.is_(None),
                )
            ).first()
        elif action.record_type == "follow_up_assessment" and parent_of.get(action.record.uid) in follow_ups:
            goal_id = goals.get(action.record.goal_uid)
            existing = session.scalars(
                select(FollowUpAssessment).where(
                    FollowUpAssessment.follow_up_id == follow_ups[parent_of[action.record.uid]],
                    FollowUpAssessment.goal_id == goal_id,
                    FollowUpAssessment.role == AssessmentRole(action.record.role),
                    FollowUpAssessment.withdrawn_at.is_(None),
                )
            ).first()
        if existing is None:
            continue
        if policy is ConflictPolicy.TAKE_INCOMING:
            action.replaces = existing
        elif policy is ConflictPolicy.KEEP_LOCAL:
            action.op = "keep"
        else:
            action.op = "conflict"


def _summarise(
    manifest: Any, content: c.BundleContent, actions: list[_Action], warnings: list[str], goal_texts: dict[str, str],
    session: Session, citizen: Citizen | None,
) -> ImportPlan:  # fmt: skip
    creations, changes, kept, conflicts = [], [], [], []
    counted: dict[str, int] = {}
    for action in actions:
        what = _describe(action.record_type, action.record, goal_texts)
        if action.op == "create":
            if action.record_type in _COUNTED:
                counted[action.record_type] = counted.get(action.record_type, 0) + 1
            else:
                creations.append(what)
        elif action.op == "update":
            fields = ", ".join(action.changed_fields) or "indhold"
            extra = (
                " (den lokale tekst gemmes som tidligere version)" if hasattr(action.local, "version") else ""
            )
            changes.append(f"{what}: {fields}{extra}")
        elif action.op == "keep":
            kept.append(what)
        elif action.op == "conflict":
            conflicts.append(f"{what} er ændret både her og hos afsenderen siden sidste udveksling")
        if action.replaces is not None:
            changes.append(f"{what}: den eksisterende registrering trækkes tilbage og erstattes")
    creations += [f"{n} {_COUNTED[t]}" for t, n in counted.items()]
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


# -- applying ----------------------------------------------------------------------------------------


class _Applier:
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
        enums = ENUMS.get(record_type, {})
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
        if record_type == "citizen":
            obj = Citizen(
                uid=r.uid,
                contacts=[
                    CitizenContact(
                        kind=x.kind, name=x.name, relation=x.relation, phone=x.phone, email=x.email
                    )
                    for x in r.contacts
                ],
            )
            self._set(obj, record_type, r, FIELDS["citizen"])
        elif record_type == "order":
            transfer = self.kind is BundleKind.TRANSFER
            obj = Order(
                uid=r.uid,
                external_id=r.uid,
                citizen_id=self.citizen_id,
                state=OrderState(r.state) if transfer else OrderState.RECEIVED,
                received_date=r.received_date if transfer else (r.received_date or dt.date.today()),
                returned_date=r.returned_date if transfer else None,
                return_reason=r.return_reason if transfer else None,
                services=[
                    OrderService(
                        name=x.name,
                        code=x.code,
                        legal_basis=x.legal_basis,
                        start_date=x.start_date,
                        end_date=x.end_date,
                    )
                    for x in r.services
                ],
            )
            self._set(obj, record_type, r, FIELDS["order"])
            if obj.sender_organisation is None and self.kind is BundleKind.ORDER:
                obj.sender_organisation = self.bundle.manifest.sender.name
            if r.created_at:
                obj.created_at = r.created_at
            if r.replaces_uid:
                earlier = s.scalars(
                    select(Order).where(Order.uid == r.replaces_uid, Order.citizen_id == self.citizen_id)
                ).first()
                if earlier is not None:
                    obj.replaces_order_id = earlier.id
                    if earlier.state.is_live:
                        earlier.state = OrderState.REPLACED
        elif record_type == "intervention_goal":
            obj = InterventionGoal(
                uid=r.uid, citizen_id=self.citizen_id, order_id=self.ids[self.order_of_goal[r.uid]]
            )
            self._set(obj, record_type, r, FIELDS[record_type])
            if r.created_at:
                obj.created_at = r.created_at
        elif record_type == "plan":
            obj = Plan(
                uid=r.uid,
                citizen_id=self.citizen_id,
                order_id=self.ids.get(r.order_uid) if r.order_uid else None,
                updated_at=r.updated_at,
                contexts=[PlanContext(context_code=x.context_code, resources_and_challenges=x.resources_and_challenges,
                                      support_need=x.support_need, goals_and_sub_goals=x.goals_and_sub_goals, evaluation=x.evaluation)
                          for x in r.contexts],
            )  # fmt: skip
            self._set(obj, record_type, r, FIELDS[record_type])
            if r.created_at:
                obj.created_at = r.created_at
        elif record_type == "sub_goal":
            obj = SubGoal(uid=r.uid, citizen_id=self.citizen_id, goal_id=self.ids[r.goal_uid])
            self._set(obj, record_type, r, FIELDS[record_type])
            obj.evaluations = [
                SubGoalEvaluation(evaluated_on=e.evaluated_on, text=e.text) for e in r.evaluations
            ]
            if r.created_at:
                obj.created_at = r.created_at
        elif record_type == "goal_status":
            obj = GoalStatus(uid=r.uid, citizen_id=self.citizen_id, goal_id=self.ids[r.goal_uid])
            self._set(obj, record_type, r, FIELDS[record_type])
            self._legal(obj, r.legal)
        elif record_type == "follow_up":
            obj = FollowUp(
                uid=r.uid,
                citizen_id=self.citizen_id,
                order_id=self.ids.get(r.order_uid) if r.order_uid else None,
            )
            self._set(obj, record_type, r, FIELDS[record_type])
            if r.created_at:
                obj.created_at = r.created_at
        elif record_type == "follow_up_assessment":
            obj = FollowUpAssessment(
                uid=r.uid,
                citizen_id=self.citizen_id,
                goal_id=self.ids[r.goal_uid],
                follow_up_id=self.ids[self.follow_up_of[r.uid]],
            )
            self._set(obj, record_type, r, FIELDS[record_type])
            self._legal(obj, r.legal)
        elif record_type == "journal_note":
            obj = JournalNote(
                uid=r.uid,
                citizen_id=self.citizen_id,
                sub_goal_id=self.ids[r.sub_goal_uid],
                author_id=self.staff_id(r.author),
            )
            self._set(obj, record_type, r, FIELDS[record_type])
            self._legal(obj, r.legal)
        elif record_type == "diary_note":
            obj = DiaryNote(
                uid=r.uid,
                citizen_id=self.citizen_id,
                author_id=self.staff_id(r.author),
                tags=[DiaryTag(catalog=a, code=b) for a, b in r.tags],
            )
            self._set(obj, record_type, r, FIELDS[record_type])
            self._legal(obj, r.legal)
        else:
            obj = UseOfForce(uid=r.uid, citizen_id=self.citizen_id)
            self._set(obj, record_type, r, FIELDS[record_type])
            self._legal(obj, r.legal)
        s.add(obj)
        if record_type in _PARENTS:
            s.flush()  # its children need its id
        if isinstance(getattr(r, "legal", None), c.Legal) and r.legal.earlier:
            self.pending_versions.append((obj, r.legal))
        return obj

    def finish(self) -> None:
        """One flush for the many leaf records, then their kept earlier versions."""
        self.session.flush()
        for obj, legal in self.pending_versions:
            self._earlier_versions(obj, legal)
        self.pending_versions.clear()

    # -- update -------------------------------------------------------------------------------------

    def update(self, record_type: str, obj: Any, r: Any) -> None:
        legal = getattr(r, "legal", None)
        self._set(obj, record_type, r, FIELDS[record_type])
        if record_type == "citizen":
            incoming = [(x.kind, x.name, x.relation, x.phone, x.email) for x in r.contacts]
            if [(k.kind.value, k.name, k.relation, k.phone, k.email) for k in obj.contacts] != incoming:
                obj.contacts = [
                    CitizenContact(kind=k, name=n, relation=rel, phone=p, email=e)
                    for k, n, rel, p, e in incoming
                ]
        elif record_type == "order":
            incoming = [(x.name, x.code, x.legal_basis, x.start_date, x.end_date) for x in r.services]
            if [(x.name, x.code, x.legal_basis, x.start_date, x.end_date) for x in obj.services] != incoming:
                obj.services = [
                    OrderService(name=n, code=code, legal_basis=lb, start_date=sd, end_date=ed)
                    for n, code, lb, sd, ed in incoming
                ]
        elif record_type == "plan":
            by_code = {x.context_code: x for x in obj.contexts}
            for x in r.contexts:
                target = by_code.get(x.context_code) or PlanContext(context_code=x.context_code)
                if x.context_code not in by_code:
                    obj.contexts.append(target)
                for name in ("resources_and_challenges", "support_need", "goals_and_sub_goals", "evaluation"):
                    if getattr(target, name) != getattr(x, name):
                        setattr(target, name, getattr(x, name))
            obj.updated_at = utc_now()
        elif record_type == "sub_goal":
            have = {(e.evaluated_on, e.text) for e in obj.evaluations}
            for e in r.evaluations:
                if (e.evaluated_on, e.text) not in have:
                    obj.evaluations.append(SubGoalEvaluation(evaluated_on=e.evaluated_on, text=e.text))
        elif record_type == "diary_note":
            tags = [(t.catalog, t.code) for t in obj.tags]
            if tags != list(r.tags):
                obj.tags = [DiaryTag(catalog=a, code=b) for a, b in r.tags]
        if isinstance(legal, c.Legal) and legal.withdrawn_at is not None and obj.withdrawn_at is None:
            # Content first, then the withdrawal: a withdrawn record can no longer be edited.
            self.session.flush()
            obj.withdrawn_at = legal.withdrawn_at
            obj.withdrawal_reason = legal.withdrawal_reason


def apply_import(
    unit: UnitFile, actor: Actor, bundle: ReceivedBundle, policy: ConflictPolicy | str = ConflictPolicy.REFUSE
) -> Changed[ImportResult]:
    """Import ``bundle`` in one transaction; a second import of the same bundle changes nothing."""
    policy = ConflictPolicy(policy)
    with unit.read() as session:
        preview = plan_import(session, bundle, policy)
    if preview.already_imported_at is not None:
        return Changed(
            ImportResult(bundle.bundle_id, None, 0, 0, 0, tuple(preview.lines())), "bundle_import", None
        )
    if preview.conflicts:
        raise BundleError(
            f"Bundtet er i konflikt med nyere lokale ændringer ({len(preview.conflicts)}: {preview.conflicts[0]}); "
            "intet er indlæst."
        )
    # The transaction is rolled back before a refusal by the core becomes the bundle's.
    with _refused_whole(), unit.write(actor) as session:
        plan = plan_import(session, bundle, policy)
        if plan.conflicts:  # changed between the preview and now
            raise BundleError(
                "Enhedsfilen blev ændret under indlæsningen, og der er nu en konflikt; prøv igen."
            )
        applier = _Applier(session, bundle)
        counts = {"create": 0, "update": 0, "keep": 0}
        for action in plan.actions:
            if action.record_type == "citizen" and action.local is not None:
                applier.citizen_id = action.local.id
            if action.replaces is not None:
                action.replaces.withdrawn_at = utc_now()
                action.replaces.withdrawn_by_id = actor.staff_id
                action.replaces.withdrawal_reason = f"Erstattet ved indlæsning af bundt {bundle.bundle_id[:8]} fra {bundle.manifest.sender.name}"
                session.flush()
            if action.op == "create":
                obj = applier.create(action.record_type, action.record)
                if action.record_type == "citizen":
                    applier.citizen_id = obj.id
                if action.record_type in _PARENTS:
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
            BundleReceipt(
                bundle_id=manifest.bundle_id,
                direction="import",
                kind=manifest.kind.value,
                format_version=manifest.format_version,
                file_sha256=bundle.file_sha256,
                sender_uid=manifest.sender.uid,
                sender_name=manifest.sender.name,
                recipient_uid=manifest.recipient.uid,
                recipient_name=manifest.recipient.name,
                citizen_id=applier.citizen_id,
                citizen_uid=bundle.content.citizen.uid,
                bundle_created_at=manifest.created_at,
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
    return Changed(result, "bundle_import", applier.citizen_id)


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
    if local is None or local.uid == bundle.content.citizen.uid:
        return bundle.content.citizen
    return dataclasses.replace(bundle.content.citizen, uid=local.uid)
