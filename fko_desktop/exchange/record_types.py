"""What the importer knows about each kind of record, in one place: ``RECORD_TYPES``.

One ``RecordType`` per record a bundle can bring (the citizen, an order and its goals, the
unit's plan, sub-goals and målstatus, a follow-up and its assessments, the notes and the uses
of force). The preview (``import_plan``) and the transaction (``import_apply``) both read it:
which table and content dataclass it is, which fields an update may change and which of them
are enums, which records it points at, which bundle's sender owns it, how the preview names
it, how the local row reads back as content, and how a row is built and its children updated.
A new record type is one entry here (and its place in ``records_in``), not a branch in each
phase.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fko_desktop.exchange import content as c
from fko_desktop.exchange.format import BundleKind
from fko_desktop.models import (
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
    StatusAssessment,
    SubGoal,
    SubGoalEvaluation,
    UseOfForce,
)
from fko_desktop.models.base import utc_now
from fko_desktop.models.citizen import OutcomeSchema
from fko_desktop.models.cpr import mask_cpr
from fko_desktop.models.enums import (
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
from fko_desktop.models.scores import ScoreStyle

if TYPE_CHECKING:
    from fko_desktop.exchange.import_apply import Applier
    from fko_desktop.exchange.snapshot import RecordReader


@dataclasses.dataclass(frozen=True)
class LocalIds:
    """What a check for a second live record needs: the citizen's goals and follow-ups here
    (uid → row id) and, for each incoming assessment, the uid of its follow-up."""

    goals: dict[str | None, int]
    follow_ups: dict[str | None, int]
    follow_up_of: dict[str, str]


@dataclasses.dataclass(frozen=True)
class RecordType:
    """One kind of record, declared once for both the preview and the transaction."""

    name: str  # the key in the preview's actions ("journal_note")
    model: Any  # the unit file's table
    data: type  # the bundle's content dataclass
    label: str  # how a refusal names it: "Bundtet indeholder {label}, som …"
    # The fields an update may change (children and parents are handled apart).
    fields: tuple[str, ...]
    # The record types whose row id a row of this type holds.
    parents: tuple[str, ...]
    # The kind of bundle whose sender is responsible for it (a transfer brings everything):
    # those records are created or updated, in any other bundle they are context only.
    owner: BundleKind | None
    # The local row as content, to compare with the bundle's record.
    local_data: Callable[[RecordReader, Any], Any]
    # A new row with its parents' ids and its children, before its fields are set.
    build: Callable[[Applier, Any], Any]
    enums: Mapping[str, type[enum.Enum]] = dataclasses.field(default_factory=dict)
    # What a new row needs once its fields are set (a default, a link to an earlier record).
    complete: Callable[[Applier, Any, Any], None] | None = None
    # An update's children (contacts, services, contexts, evaluations, tags), after its fields.
    update_children: Callable[[Any, Any], None] | None = None
    # The preview's words for one record; without it, ``label``.
    describe: Callable[[Any, dict[str, str]], str] | None = None
    # The same for a record that names scores: their numbers as the window shows them (0–4 or
    # 1–5, the citizen's ScoreStyle); used instead of ``describe``.
    describe_scores: Callable[[Any, dict[str, str], ScoreStyle], str] | None = None
    # Many of these arrive in a transfer; the preview counts them (this is the plural) instead
    # of listing each.
    counted: str | None = None
    # A live local record a new one of this type may not stand beside (the database allows one).
    live_twin: Callable[[Session, Any, LocalIds], Any] | None = None

    def owned_in(self, kind: BundleKind) -> bool:
        return kind is BundleKind.TRANSFER or kind is self.owner

    def by_uid(self, session: Session, uids: list[str]) -> dict[str, Any]:
        """The local rows of this type with these uids, by uid."""
        model = self.model
        found = {}
        for start in range(0, len(uids), 500):
            for row in session.scalars(select(model).where(model.uid.in_(uids[start : start + 500]))):
                found[row.uid] = row
        return found

    def preview(self, record: Any, goal_texts: dict[str, str], style: ScoreStyle | None = None) -> str:
        if self.describe_scores is not None:
            return self.describe_scores(record, goal_texts, style or ScoreStyle())
        return self.describe(record, goal_texts) if self.describe is not None else self.label


def records_in(content: c.BundleContent) -> list[tuple[str, Any]]:
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
    out += [("status_assessment", a) for a in content.status_assessments]
    return out


def older_version(record: Any, local: Any) -> bool:
    """Whether a legal record arrives in an earlier version than the one here.

    Bundles are files sent by mail and may be imported out of order: a follow-up corrected
    after it was sent once must not be put back by the earlier bundle arriving late. The
    caller asks only when the local record is what the last exchange brought (unchanged
    here); a local edit since is the three-way decision's, not this one's.
    """
    legal = getattr(record, "legal", None)
    version = getattr(local, "version", None)
    return isinstance(legal, c.Legal) and isinstance(version, int) and legal.version < version


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:49] + "…"


# -- the citizen ----------------------------------------------------------------------------------


def _build_citizen(ap: Applier, r: c.CitizenData) -> Citizen:
    return Citizen(
        uid=r.uid,
        # Kept by the area set next for a child; an adult's bundle never carries one (reader).
        outcome_schema=OutcomeSchema(r.outcome_schema) if r.outcome_schema else None,
        contacts=[
            CitizenContact(kind=x.kind, name=x.name, relation=x.relation, phone=x.phone, email=x.email)
            for x in r.contacts
        ],
    )


def _update_schema_and_contacts(obj: Citizen, r: c.CitizenData) -> None:
    # Not one of the plain fields: a bundle without a schema (written before it was chosen per
    # child) leaves the receiver's choice alone, and the area (already set) gives an adult none.
    if r.outcome_schema is not None and obj.area is Area.CHILDREN:
        obj.outcome_schema = OutcomeSchema(r.outcome_schema)
    incoming = [(x.kind, x.name, x.relation, x.phone, x.email) for x in r.contacts]
    if [(k.kind.value, k.name, k.relation, k.phone, k.email) for k in obj.contacts] != incoming:
        obj.contacts = [
            CitizenContact(kind=k, name=n, relation=rel, phone=p, email=e) for k, n, rel, p, e in incoming
        ]


# -- the order and its goals ----------------------------------------------------------------------


def _build_order(ap: Applier, r: c.OrderData) -> Order:
    transfer = ap.kind is BundleKind.TRANSFER
    return Order(
        uid=r.uid,
        external_id=r.uid,
        citizen_id=ap.citizen_id,
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


def _complete_order(ap: Applier, obj: Order, r: c.OrderData) -> None:
    if obj.sender_organisation is None and ap.kind is BundleKind.ORDER:
        obj.sender_organisation = ap.bundle.manifest.sender.name
    if r.replaces_uid:
        earlier = ap.session.scalars(
            select(Order).where(Order.uid == r.replaces_uid, Order.citizen_id == ap.citizen_id)
        ).first()
        if earlier is not None:
            obj.replaces_order_id = earlier.id
            if earlier.state.is_live:
                earlier.state = OrderState.REPLACED


def _update_services(obj: Order, r: c.OrderData) -> None:
    incoming = [(x.name, x.code, x.legal_basis, x.start_date, x.end_date) for x in r.services]
    if [(x.name, x.code, x.legal_basis, x.start_date, x.end_date) for x in obj.services] != incoming:
        obj.services = [
            OrderService(name=n, code=code, legal_basis=lb, start_date=sd, end_date=ed)
            for n, code, lb, sd, ed in incoming
        ]


def _describe_order(record: c.OrderData, goal_texts: dict[str, str]) -> str:
    meeting = f" fra mødet {format_date(record.meeting_date)}" if record.meeting_date else ""
    return f"bestilling{meeting} med {len(record.goals)} indsatsmål"


def _build_goal(ap: Applier, r: c.GoalData) -> InterventionGoal:
    return InterventionGoal(uid=r.uid, citizen_id=ap.citizen_id, order_id=ap.ids[ap.order_of_goal[r.uid]])


def _describe_goal(record: c.GoalData, goal_texts: dict[str, str], style: ScoreStyle) -> str:
    return (
        f"indsatsmål {record.position} »{_short(record.text)}« "
        f"(baseline {style.number(record.baseline)}, mål {style.number(record.target)})"
    )


# -- the unit's plan, sub-goals and målstatus -----------------------------------------------------


def _build_plan(ap: Applier, r: c.PlanData) -> Plan:
    return Plan(
        uid=r.uid,
        citizen_id=ap.citizen_id,
        order_id=ap.ids.get(r.order_uid) if r.order_uid else None,
        updated_at=r.updated_at,
        contexts=[PlanContext(context_code=x.context_code,
                              resources_and_challenges=x.resources_and_challenges,
                              support_need=x.support_need, goals_and_sub_goals=x.goals_and_sub_goals,
                              evaluation=x.evaluation)
                  for x in r.contexts],
    )  # fmt: skip


def _update_contexts(obj: Plan, r: c.PlanData) -> None:
    by_code = {x.context_code: x for x in obj.contexts}
    for x in r.contexts:
        target = by_code.get(x.context_code) or PlanContext(context_code=x.context_code)
        if x.context_code not in by_code:
            obj.contexts.append(target)
        for name in ("resources_and_challenges", "support_need", "goals_and_sub_goals", "evaluation"):
            if getattr(target, name) != getattr(x, name):
                setattr(target, name, getattr(x, name))
    obj.updated_at = utc_now()


def _build_sub_goal(ap: Applier, r: c.SubGoalData) -> SubGoal:
    return SubGoal(
        uid=r.uid,
        citizen_id=ap.citizen_id,
        goal_id=ap.ids[r.goal_uid],
        evaluations=[SubGoalEvaluation(evaluated_on=e.evaluated_on, text=e.text) for e in r.evaluations],
    )


def _update_evaluations(obj: SubGoal, r: c.SubGoalData) -> None:
    have = {(e.evaluated_on, e.text) for e in obj.evaluations}
    for e in r.evaluations:
        if (e.evaluated_on, e.text) not in have:
            obj.evaluations.append(SubGoalEvaluation(evaluated_on=e.evaluated_on, text=e.text))


def _build_goal_status(ap: Applier, r: c.GoalStatusData) -> GoalStatus:
    return GoalStatus(uid=r.uid, citizen_id=ap.citizen_id, goal_id=ap.ids[r.goal_uid])


def _describe_goal_status(record: c.GoalStatusData, goal_texts: dict[str, str], style: ScoreStyle) -> str:
    goal = _short(goal_texts.get(record.goal_uid, "?"))
    return f"målstatus M{record.period} ({style.number(record.score)}) for »{goal}«"


def _live_goal_status(session: Session, record: c.GoalStatusData, here: LocalIds) -> GoalStatus | None:
    """One live målstatus per goal and period."""
    if record.goal_uid not in here.goals:
        return None
    return session.scalars(
        select(GoalStatus).where(
            GoalStatus.goal_id == here.goals[record.goal_uid],
            GoalStatus.period == record.period,
            GoalStatus.withdrawn_at.is_(None),
        )
    ).first()


# -- the follow-up and its assessments ------------------------------------------------------------


def _build_follow_up(ap: Applier, r: c.FollowUpData) -> FollowUp:
    return FollowUp(
        uid=r.uid,
        citizen_id=ap.citizen_id,
        order_id=ap.ids.get(r.order_uid) if r.order_uid else None,
    )


def _describe_follow_up(record: c.FollowUpData, goal_texts: dict[str, str]) -> str:
    what = "afholdt opfølgning" if record.held else "planlagt opfølgning"
    text = f"{what} {format_date(record.meeting_date)}"
    if record.legal.version > 1:
        text += f" (version {record.legal.version})"
    if record.legal.withdrawn_at is not None:
        # Said in the preview: the user must see that this meeting arrives as no meeting.
        text += f", trukket tilbage: »{_short(record.legal.withdrawal_reason or '')}«"
    return text


def _build_assessment(ap: Applier, r: c.AssessmentData) -> FollowUpAssessment:
    return FollowUpAssessment(
        uid=r.uid,
        citizen_id=ap.citizen_id,
        goal_id=ap.ids[r.goal_uid],
        follow_up_id=ap.ids[ap.follow_up_of[r.uid]],
    )


def _describe_assessment(record: c.AssessmentData, goal_texts: dict[str, str], style: ScoreStyle) -> str:
    role = AssessmentRole(record.role).label.lower()
    goal = _short(goal_texts.get(record.goal_uid, "?"))
    return f"{role} ({style.number(record.score)}) af »{goal}«"


def _live_assessment(session: Session, record: c.AssessmentData, here: LocalIds) -> FollowUpAssessment | None:
    """One live voice of each role about a goal at a follow-up."""
    if here.follow_up_of.get(record.uid) not in here.follow_ups:
        return None
    goal_id = here.goals.get(record.goal_uid)
    return session.scalars(
        select(FollowUpAssessment).where(
            FollowUpAssessment.follow_up_id == here.follow_ups[here.follow_up_of[record.uid]],
            FollowUpAssessment.goal_id == goal_id,
            FollowUpAssessment.role == AssessmentRole(record.role),
            FollowUpAssessment.withdrawn_at.is_(None),
        )
    ).first()


# -- the notes and the uses of force --------------------------------------------------------------


def _build_journal_note(ap: Applier, r: c.JournalNoteData) -> JournalNote:
    return JournalNote(
        uid=r.uid,
        citizen_id=ap.citizen_id,
        sub_goal_id=ap.ids[r.sub_goal_uid],
        author_id=ap.staff_id(r.author),
    )


def _build_diary_note(ap: Applier, r: c.DiaryNoteData) -> DiaryNote:
    return DiaryNote(
        uid=r.uid,
        citizen_id=ap.citizen_id,
        author_id=ap.staff_id(r.author),
        tags=[DiaryTag(catalog=a, code=b) for a, b in r.tags],
    )


def _update_tags(obj: DiaryNote, r: c.DiaryNoteData) -> None:
    tags = [(t.catalog, t.code) for t in obj.tags]
    if tags != list(r.tags):
        obj.set_tags(r.tags)  # the old ones stay, marked removed: the database never deletes them


def _build_use_of_force(ap: Applier, r: c.UseOfForceData) -> UseOfForce:
    return UseOfForce(uid=r.uid, citizen_id=ap.citizen_id)


def _build_status_assessment(ap: Applier, r: c.StatusAssessmentData) -> StatusAssessment:
    goal_id = ap.ids[r.goal_uid] if r.goal_uid else None
    return StatusAssessment(uid=r.uid, citizen_id=ap.citizen_id, goal_id=goal_id)


def _describe_status_assessment(record: c.StatusAssessmentData, goal_texts: dict[str, str]) -> str:
    what = f"»{_short(goal_texts.get(record.goal_uid, '?'))}«" if record.goal_uid else "indsatsen samlet"
    return f"bostedets vurdering af {what} ({record.period_from:%d.%m.%Y}–{record.period_to:%d.%m.%Y})"


# -- the registry ---------------------------------------------------------------------------------

_TYPES = (
    RecordType(
        "citizen", Citizen, c.CitizenData, "borgeren",
        fields=("name", "cpr", "area", "department", "intake_date", "end_date", "caseworker_name",
                "caseworker_contact", "acting_municipality", "paying_municipality", "diagnoses", "wishes",
                "target_groups"),
        parents=(), owner=None, enums={"area": Area},
        local_data=lambda reader, obj: reader.citizen_data(),
        build=_build_citizen, update_children=_update_schema_and_contacts,
        describe=lambda record, goal_texts: f"borgeren {record.name} ({mask_cpr(record.cpr)})",
    ),
    RecordType(
        "order", Order, c.OrderData, "bestillingen",
        fields=("meeting_date", "meeting_kind", "sender_name", "sender_organisation", "intervention_purpose",
                "agreements", "other_needs", "support_need_code"),
        parents=("citizen",), owner=BundleKind.ORDER,
        enums={"meeting_kind": MeetingKind, "state": OrderState},
        local_data=lambda reader, obj: reader.orders([obj])[0],
        build=_build_order, complete=_complete_order, update_children=_update_services,
        describe=_describe_order,
    ),
    RecordType(
        "intervention_goal", InterventionGoal, c.GoalData, "indsatsmålet",
        fields=("position", "text", "domain_catalog", "domain_code", "goal_type_code", "baseline", "target",
                "start_date", "follow_up_date", "end_date", "related_themes", "justification",
                "end_reason"),
        parents=("citizen", "order"), owner=BundleKind.ORDER,
        local_data=lambda reader, obj: reader.goal_data(obj),
        build=_build_goal, describe_scores=_describe_goal,
    ),
    RecordType(
        "plan", Plan, c.PlanData, "planen",
        fields=("state", "background", "purpose_unit_addition", "purpose_citizen_addition", "presentation",
                "earlier_interventions", "use_of_force_prevention"),
        parents=("citizen", "order"), owner=BundleKind.STATUS, enums={"state": PlanState},
        local_data=lambda reader, obj: reader.plans([obj])[0],
        build=_build_plan, update_children=_update_contexts,
        describe=lambda record, goal_texts: "handleplanen",
    ),
    RecordType(
        "sub_goal", SubGoal, c.SubGoalData, "delmålet",
        fields=("position", "text", "justification", "method", "start_date", "end_date", "state"),
        parents=("citizen", "intervention_goal"), owner=BundleKind.STATUS, enums={"state": SubGoalState},
        local_data=lambda reader, obj: reader.sub_goals([obj])[0],
        build=_build_sub_goal, update_children=_update_evaluations,
        describe=lambda record, goal_texts: f"delmål »{_short(record.text)}«",
    ),
    RecordType(
        "journal_note", JournalNote, c.JournalNoteData, "delmålsnotat",
        fields=("observed_at", "text", "score"),
        parents=("citizen", "sub_goal"), owner=None,
        local_data=lambda reader, obj: reader.journal_note_data(obj, {}),
        build=_build_journal_note, counted="delmålsnotater",
    ),
    RecordType(
        "diary_note", DiaryNote, c.DiaryNoteData, "dagbogsnotat",
        fields=("observed_at", "text"),
        parents=("citizen",), owner=None,
        local_data=lambda reader, obj: reader.diary_note_data(obj, {}),
        build=_build_diary_note, update_children=_update_tags, counted="dagbogsnotater",
    ),
    RecordType(
        "goal_status", GoalStatus, c.GoalStatusData, "målstatus",
        fields=("period", "assessed_on", "score", "summary", "source_code", "citizen_score", "citizen_note"),
        parents=("citizen", "intervention_goal"), owner=BundleKind.STATUS,
        local_data=lambda reader, obj: reader.goal_statuses([obj])[0],
        build=_build_goal_status, describe_scores=_describe_goal_status, live_twin=_live_goal_status,
    ),
    RecordType(
        "follow_up", FollowUp, c.FollowUpData, "opfølgningen",
        fields=("meeting_date", "form", "invitation_date", "report_sent_date", "caseworker_name",
                "support_need_code", "intervention_status_code", "agreements", "agenda_points", "held"),
        parents=("citizen", "order"), owner=BundleKind.FOLLOWUP, enums={"form": FollowUpForm},
        local_data=lambda reader, obj: reader.follow_ups([obj])[0],
        build=_build_follow_up, describe=_describe_follow_up,
    ),
    RecordType(
        "follow_up_assessment", FollowUpAssessment, c.AssessmentData, "vurderingen",
        fields=("role", "score", "note", "source_code", "agrees_with_status"),
        parents=("citizen", "intervention_goal", "follow_up"), owner=BundleKind.FOLLOWUP,
        enums={"role": AssessmentRole},
        local_data=lambda reader, obj: reader.assessment_data(obj, {}),
        build=_build_assessment, describe_scores=_describe_assessment, live_twin=_live_assessment,
    ),
    RecordType(
        "use_of_force", UseOfForce, c.UseOfForceData, "magtanvendelse",
        fields=("kind", "description", "occurred_on", "period_start", "period_end", "review_date",
                "reported_to", "occurred_time", "measure_code", "duration_minutes", "participants",
                "prevention_tried", "reported_on"),
        parents=("citizen",), owner=None, enums={"kind": UseOfForceKind},
        local_data=lambda reader, obj: reader.use_of_force_data(obj, {}),
        build=_build_use_of_force, counted="registreringer af magtanvendelse",
    ),
    RecordType(
        "status_assessment", StatusAssessment, c.StatusAssessmentData, "bostedets vurdering",
        fields=("period_from", "period_to", "done", "effect", "purpose"),
        parents=("citizen", "intervention_goal"), owner=BundleKind.STATUS,
        local_data=lambda reader, obj: reader.status_assessment_data(obj, {}),
        build=_build_status_assessment, describe=_describe_status_assessment,
    ),
)  # fmt: skip

RECORD_TYPES: Mapping[str, RecordType] = {t.name: t for t in _TYPES}

# Records other records point at: flushed at once so their row id is known.
PARENTS = frozenset(parent for t in _TYPES for parent in t.parents)
