"""What a bundle says, as plain data: the pivot between the unit file and FHIR.

``snapshot`` reads these from the unit file and ``fhir.to_fhir`` writes them as FHIR;
``fhir.from_fhir`` reads FHIR back into them and ``importer`` writes them into another unit file.
Records refer to each other by ``uid``, never by a file's own row ids. Scores are what
``fko_desktop.models.scores`` uses: 0–4, ``NOT_ASSESSED`` or ``None``.

``content_hash`` is a record's fingerprint for the three-way comparison on import (see
``models.exchange.SyncState``): it leaves out what legitimately differs between two files
holding the same record (time stamps of local edits, version counters, and the order's
handling state at the unit).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
from typing import Any

from fko_desktop.exchange.format import BundleKind
from fko_desktop.models.citizen import DEFAULT_OUTCOME_SCHEMA
from fko_desktop.models.scores import NOT_ASSESSED

Score = Any  # int 0–4, NOT_ASSESSED or None; validated by models.scores where it enters


@dataclasses.dataclass(frozen=True)
class Author:
    """Who wrote a note, by name: staff ids mean nothing in another unit file."""

    name: str
    initials: str


@dataclasses.dataclass(frozen=True)
class EarlierVersion:
    """A kept earlier version of a legal record (``record_version``), with authors by name."""

    version: int
    saved_at: dt.datetime
    data: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class ContactData:
    kind: str
    name: str
    relation: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclasses.dataclass(frozen=True)
class CitizenData:
    uid: str
    cpr: str
    name: str
    area: str
    department: str | None = None
    intake_date: dt.date | None = None
    end_date: dt.date | None = None
    caseworker_name: str | None = None
    caseworker_contact: str | None = None
    acting_municipality: str | None = None
    paying_municipality: str | None = None
    diagnoses: str | None = None
    wishes: str | None = None
    target_groups: tuple[str, ...] = ()
    contacts: tuple[ContactData, ...] = ()
    # A child's Århus schema (models.citizen.OutcomeSchema); None for an adult, and in a bundle
    # written before the schema was chosen per child (the receiver then keeps its own).
    outcome_schema: str | None = None


@dataclasses.dataclass(frozen=True)
class ServiceData:
    name: str
    code: str | None = None
    legal_basis: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None


@dataclasses.dataclass(frozen=True)
class GoalData:
    uid: str
    position: int
    text: str
    domain_catalog: str
    domain_code: str
    start_date: dt.date
    goal_type_code: str | None = None
    baseline: Score = None
    target: Score = None
    follow_up_date: dt.date | None = None
    end_date: dt.date | None = None
    related_themes: tuple[str, ...] = ()
    justification: str | None = None
    created_at: dt.datetime | None = None
    end_reason: str | None = None


@dataclasses.dataclass(frozen=True)
class OrderData:
    uid: str
    intervention_purpose: str
    goals: tuple[GoalData, ...] = ()
    services: tuple[ServiceData, ...] = ()
    meeting_date: dt.date | None = None
    meeting_kind: str | None = None
    received_date: dt.date | None = None
    sender_name: str | None = None
    sender_organisation: str | None = None
    agreements: str | None = None
    other_needs: str | None = None
    support_need_code: str | None = None
    state: str = "received"
    returned_date: dt.date | None = None
    return_reason: str | None = None
    replaces_uid: str | None = None
    created_at: dt.datetime | None = None


@dataclasses.dataclass(frozen=True)
class PlanContextData:
    context_code: str
    resources_and_challenges: str | None = None
    support_need: str | None = None
    goals_and_sub_goals: str | None = None
    evaluation: str | None = None


@dataclasses.dataclass(frozen=True)
class PlanData:
    uid: str
    order_uid: str | None = None
    state: str = "draft"
    background: str | None = None
    purpose_unit_addition: str | None = None
    purpose_citizen_addition: str | None = None
    presentation: str | None = None
    earlier_interventions: str | None = None
    use_of_force_prevention: str | None = None
    contexts: tuple[PlanContextData, ...] = ()
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@dataclasses.dataclass(frozen=True)
class EvaluationData:
    evaluated_on: dt.date
    text: str


@dataclasses.dataclass(frozen=True)
class SubGoalData:
    uid: str
    goal_uid: str
    position: int
    text: str
    start_date: dt.date
    justification: str | None = None
    method: str | None = None
    end_date: dt.date | None = None
    state: str = "active"
    evaluations: tuple[EvaluationData, ...] = ()
    created_at: dt.datetime | None = None


@dataclasses.dataclass(frozen=True)
class Legal:
    """The fields every versioned record (``models.base.Versioned``) carries."""

    version: int = 1
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    withdrawn_at: dt.datetime | None = None
    withdrawal_reason: str | None = None
    earlier: tuple[EarlierVersion, ...] = ()


@dataclasses.dataclass(frozen=True)
class JournalNoteData:
    uid: str
    sub_goal_uid: str
    observed_at: dt.datetime
    author: Author
    text: str
    score: Score = None
    legal: Legal = Legal()


@dataclasses.dataclass(frozen=True)
class DiaryNoteData:
    uid: str
    observed_at: dt.datetime
    author: Author
    text: str
    tags: tuple[tuple[str, str], ...] = ()
    legal: Legal = Legal()


@dataclasses.dataclass(frozen=True)
class GoalStatusData:
    uid: str
    goal_uid: str
    period: int
    assessed_on: dt.date
    score: Score
    summary: str
    source_code: str | None = None
    citizen_score: Score = None
    citizen_note: str | None = None
    legal: Legal = Legal()


@dataclasses.dataclass(frozen=True)
class AssessmentData:
    uid: str
    goal_uid: str
    role: str
    score: Score = None
    note: str | None = None
    source_code: str | None = None
    agrees_with_status: bool | None = None
    legal: Legal = Legal()


@dataclasses.dataclass(frozen=True)
class FollowUpData:
    uid: str
    meeting_date: dt.date
    form: str = "meeting"
    order_uid: str | None = None
    invitation_date: dt.date | None = None
    report_sent_date: dt.date | None = None
    caseworker_name: str | None = None
    support_need_code: str | None = None
    intervention_status_code: str | None = None
    agreements: str | None = None
    agenda_points: str | None = None
    held: bool = False
    assessments: tuple[AssessmentData, ...] = ()
    # A follow-up is a legal record too (migration 0005): its creation time lives here, as for
    # the notes, and a bundle from before then reads as version 1, never withdrawn.
    legal: Legal = Legal()


@dataclasses.dataclass(frozen=True)
class UseOfForceData:
    uid: str
    kind: str
    description: str
    occurred_on: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    review_date: dt.date | None = None
    reported_to: str | None = None
    # Migration 0007's facts; a bundle from before then carries none of them.
    occurred_time: dt.time | None = None
    measure_code: str | None = None
    duration_minutes: int | None = None
    participants: str | None = None
    prevention_tried: str | None = None
    reported_on: dt.date | None = None
    legal: Legal = Legal()


@dataclasses.dataclass(frozen=True)
class StatusAssessmentData:
    """Bostedets vurdering for a period: of one goal (``goal_uid``) or of the whole (None)."""

    uid: str
    goal_uid: str | None
    period_from: dt.date
    period_to: dt.date
    done: str | None = None
    effect: str | None = None
    purpose: str | None = None
    legal: Legal = Legal()


@dataclasses.dataclass(frozen=True)
class BundleContent:
    kind: BundleKind
    citizen: CitizenData
    orders: tuple[OrderData, ...] = ()
    plans: tuple[PlanData, ...] = ()
    sub_goals: tuple[SubGoalData, ...] = ()
    journal_notes: tuple[JournalNoteData, ...] = ()
    diary_notes: tuple[DiaryNoteData, ...] = ()
    goal_statuses: tuple[GoalStatusData, ...] = ()
    follow_ups: tuple[FollowUpData, ...] = ()
    uses_of_force: tuple[UseOfForceData, ...] = ()
    status_assessments: tuple[StatusAssessmentData, ...] = ()

    @property
    def goals(self) -> tuple[GoalData, ...]:
        return tuple(goal for order in self.orders for goal in order.goals)

    def counts(self) -> dict[str, int]:
        return {
            "orders": len(self.orders),
            "goals": len(self.goals),
            "plans": len(self.plans),
            "sub_goals": len(self.sub_goals),
            "journal_notes": len(self.journal_notes),
            "diary_notes": len(self.diary_notes),
            "goal_statuses": len(self.goal_statuses),
            "follow_ups": len(self.follow_ups),
            "follow_up_assessments": sum(len(f.assessments) for f in self.follow_ups),
            "uses_of_force": len(self.uses_of_force),
        }


# -- the record fingerprint ------------------------------------------------------------------------

# Left out of every comparison: when and how often a file changed a record is its own affair.
_ALWAYS_LEFT_OUT = {"created_at", "updated_at", "version", "earlier"}
# Children with their own uid are compared on their own; the order's state is the unit's
# handling of it (accepted, returned …), not the authority's content.
_LEFT_OUT = {
    OrderData: {"goals", "state", "received_date", "returned_date", "return_reason"},
    FollowUpData: {"assessments"},
}
# Records that became legal records after files had already exchanged them: a live one leaves
# its legal part out, so its fingerprint is the one remembered in ``sync_state`` before then and
# the next exchange is no false conflict; a withdrawal still counts.
_LEGAL_ONLY_WHEN_WITHDRAWN = (FollowUpData,)
# Fields added after files had exchanged the record, left out while they hold what every such
# record got (the migration gave each child the default schema, an adult none): the fingerprint
# stays the one remembered, and a schema someone chose still counts. Use of force's facts of
# migration 0007 are left out while empty, for the same reason.
_LEFT_OUT_WHEN: dict[type, dict[str, tuple[object, ...]]] = {
    CitizenData: {"outcome_schema": (None, DEFAULT_OUTCOME_SCHEMA.value)},
    UseOfForceData: {
        name: (None,)
        for name in ("occurred_time", "measure_code", "duration_minutes", "participants",
                     "prevention_tried", "reported_on")
    },
}  # fmt: skip


def plain(value: Any) -> Any:
    """A JSON-ready form of content values (also what the PDF-free ``inspect`` prints)."""
    if value is NOT_ASSESSED:
        return "ikke_vurderet"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _compared(record: Any) -> dict[str, Any]:
    left_out = _ALWAYS_LEFT_OUT | _LEFT_OUT.get(type(record), set())
    result = {}
    for f in dataclasses.fields(record):
        if f.name in left_out:
            continue
        value = getattr(record, f.name)
        if value in _LEFT_OUT_WHEN.get(type(record), {}).get(f.name, ()):
            continue
        if (
            isinstance(value, Legal)
            and value.withdrawn_at is None
            and isinstance(record, _LEGAL_ONLY_WHEN_WITHDRAWN)
        ):
            continue
        if isinstance(value, Legal):
            # Withdrawal is content (a withdrawn note reads differently); its exact time is not.
            value = {"withdrawn": value.withdrawn_at is not None, "reason": value.withdrawal_reason}
        result[f.name] = plain(value)
    return result


def content_hash(record: Any) -> str:
    text = json.dumps(_compared(record), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
