"""FKO content → a FHIR R4 message Bundle (a plain dict, ready for ``json.dumps``).

The mapping table is in docs/bundle-format.md; the national parts follow KL's FFB messaging
guide and KL's care-social profiles (see ``fhir_map``).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from fko_desktop.exchange import content as c
from fko_desktop.exchange import fhir_map as m
from fko_desktop.exchange.format import Manifest
from fko_desktop.models.catalogs import function_level_code, load_catalog

Json = dict[str, Any]

_ORDER_STATUS = {
    "received": "active",
    "accepted": "active",
    "returned": "active",
    "replaced": "revoked",
    "ended": "completed",
}
_PLAN_STATUS = {"draft": "draft", "active": "active", "ended": "completed"}
_SUB_GOAL_STATUS = {"active": "active", "achieved": "completed", "paused": "on-hold", "ended": "cancelled"}


def instant(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _coding(system: str, code: str, display: str | None = None) -> Json:
    coding = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return coding


def _concept(system: str, code: str, display: str | None = None) -> Json:
    return {"coding": [_coding(system, code, display)]}


def _care_social(pair: tuple[str, str]) -> Json:
    return _concept(m.CARE_SOCIAL_SYSTEM, *pair)


def _catalog_concept(catalog_id: str, code: str) -> Json:
    display = load_catalog(catalog_id).display(code)
    return _concept(m.catalog_system(catalog_id), code, display)


def _record_kind(kind: str) -> Json:
    return _concept(m.RECORD_KIND_SYSTEM, kind, m.RECORD_KIND_DISPLAY[kind])


def level(score: Any) -> Json | None:
    """A score as the FFB funktionsevneniveau code (``NOT_ASSESSED`` → "Ikke vurderet")."""
    if score is None:
        return None
    return _catalog_concept("ffb", function_level_code(score))


def _ext(name: str, kind: str, value: Any) -> list[Json]:
    """One extension, or none when the value is empty (FHIR allows no empty elements)."""
    if value is None or value == "":
        return []
    if kind == "valueDate":
        value = value.isoformat()
    elif kind == "valueDateTime":
        value = instant(value)
    return [{"url": m.ext_url(name), kind: value}]


def _exts(*items: tuple[str, str, Any]) -> list[Json]:
    return [e for item in items for e in _ext(*item)]


def _legal(legal: c.Legal) -> list[Json]:
    result = _exts(
        ("record-version", "valueInteger", legal.version),
        ("created-at", "valueDateTime", legal.created_at),
        ("updated-at", "valueDateTime", legal.updated_at),
        ("withdrawn-at", "valueDateTime", legal.withdrawn_at),
        ("withdrawal-reason", "valueString", legal.withdrawal_reason),
    )
    for earlier in legal.earlier:
        result.append(
            {
                "url": m.ext_url("earlier-version"),
                "extension": [
                    {"url": "version", "valueInteger": earlier.version},
                    {"url": "saved-at", "valueDateTime": instant(earlier.saved_at)},
                    {
                        "url": "content",
                        "valueString": json.dumps(earlier.data, ensure_ascii=False, sort_keys=True),
                    },
                ],
            }
        )
    return result


def _meta(legal: c.Legal) -> Json:
    stamp = legal.updated_at or legal.created_at
    meta: Json = {"versionId": str(legal.version)}
    if stamp:
        meta["lastUpdated"] = instant(stamp)
    return meta


def _observation_status(legal: c.Legal) -> str:
    if legal.withdrawn_at is not None:
        return "entered-in-error"
    return "amended" if legal.version > 1 else "final"


def _author(author: c.Author) -> list[Json]:
    return [
        {
            "url": m.ext_url("author"),
            "extension": [
                {"url": "name", "valueString": author.name},
                {"url": "initials", "valueString": author.initials},
            ],
        }
    ]


class _Writer:
    def __init__(self, content: c.BundleContent) -> None:
        self.content = content
        self.patient_ref = m.ref(content.citizen.uid)
        self.entries: list[Json] = []

    def add(self, resource: Json) -> None:
        self.entries.append({"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource})

    # -- the citizen -------------------------------------------------------------------------

    def patient(self) -> list[Json]:
        z = self.content.citizen
        given, _, family = z.name.rpartition(" ")
        name: Json = {"text": z.name, "family": family or z.name}
        if given:
            name["given"] = given.split()
        patient: Json = {
            "resourceType": "Patient",
            "id": z.uid,
            "identifier": [{"system": m.CPR_SYSTEM, "value": z.cpr.replace("-", "")}],
            "active": z.end_date is None,
            "name": [name],
            "extension": _exts(
                ("area", "valueCode", z.area),
                ("department", "valueString", z.department),
                ("intake-date", "valueDate", z.intake_date),
                ("end-date", "valueDate", z.end_date),
                ("caseworker-name", "valueString", z.caseworker_name),
                ("caseworker-contact", "valueString", z.caseworker_contact),
                ("acting-municipality", "valueString", z.acting_municipality),
                ("paying-municipality", "valueString", z.paying_municipality),
                ("diagnoses", "valueString", z.diagnoses),
                ("wishes", "valueString", z.wishes),
            ),
        }
        contacts = []
        for contact in z.contacts:
            item: Json = {
                "relationship": [
                    {
                        "coding": [_coding(m.CONTACT_KIND_SYSTEM, contact.kind)],
                        **({"text": contact.relation} if contact.relation else {}),
                    }
                ],
                "name": {"text": contact.name},
            }
            telecom = [{"system": "phone", "value": contact.phone}] if contact.phone else []
            telecom += [{"system": "email", "value": contact.email}] if contact.email else []
            if telecom:
                item["telecom"] = telecom
            contacts.append(item)
        if contacts:
            patient["contact"] = contacts
        if not patient["extension"]:
            del patient["extension"]
        self.add(patient)
        groups = []
        for code in z.target_groups:
            condition_id = m.derived_id(z.uid, f"target-group:{code}")
            self.add(
                {
                    "resourceType": "Condition",
                    "id": condition_id,
                    "category": [_record_kind(m.KIND_TARGET_GROUP)],
                    "code": _catalog_concept("ffb", code),
                    "subject": self.patient_ref,
                }
            )
            groups.append(m.ref(condition_id))
        return groups

    # -- orders and goals ----------------------------------------------------------------------

    def order(self, order: c.OrderData, target_groups: list[Json]) -> None:
        goal_refs = []
        if order.intervention_purpose.strip():
            purpose_id = m.derived_id(order.uid, "purpose")
            self.add(
                {
                    "resourceType": "Goal",
                    "id": purpose_id,
                    "lifecycleStatus": "active",
                    "category": [_care_social(m.GOAL_CATEGORY_PURPOSE)],
                    "description": {"text": order.intervention_purpose},
                    "subject": self.patient_ref,
                }
            )
            goal_refs.append(m.ref(purpose_id))
        for goal in order.goals:
            self.goal(goal)
            goal_refs.append(m.ref(goal.uid))
        plan: Json = {
            "resourceType": "CarePlan",
            "id": order.uid,
            "identifier": [{"system": m.UUID_SYSTEM, "value": f"urn:uuid:{order.uid}"}],
            "status": _ORDER_STATUS[order.state],
            "intent": "order",
            "category": [_care_social(m.CAREPLAN_CATEGORY_SOCIAL)],
            "subject": self.patient_ref,
            "extension": _exts(
                ("order-state", "valueCode", order.state),
                ("meeting-date", "valueDate", order.meeting_date),
                ("meeting-kind", "valueCode", order.meeting_kind),
                ("received-date", "valueDate", order.received_date),
                ("sender-name", "valueString", order.sender_name),
                ("sender-organisation", "valueString", order.sender_organisation),
                ("agreements", "valueString", order.agreements),
                ("other-needs", "valueString", order.other_needs),
                ("returned-date", "valueDate", order.returned_date),
                ("return-reason", "valueString", order.return_reason),
            ),
        }
        if order.created_at:
            plan["created"] = instant(order.created_at)
        if order.replaces_uid:
            plan["replaces"] = [m.ref(order.replaces_uid)]
        if goal_refs:
            plan["goal"] = goal_refs
        if target_groups:
            plan["addresses"] = target_groups
        if order.support_need_code:
            need_id = m.derived_id(order.uid, "support-need")
            self.add(self._support_need(need_id, order.support_need_code))
            plan["supportingInfo"] = [m.ref(need_id)]
        activities = []
        for service in order.services:
            code: Json = {"text": service.name}
            if service.code:
                code["coding"] = [_coding(m.FFB_SYSTEM, service.code)]
            detail: Json = {"status": "in-progress", "code": code}
            if service.start_date or service.end_date:
                detail["scheduledPeriod"] = {
                    k: v.isoformat()
                    for k, v in (("start", service.start_date), ("end", service.end_date))
                    if v
                }
            legal_basis = _ext("legal-basis", "valueString", service.legal_basis)
            if legal_basis:
                detail["extension"] = legal_basis
            activities.append({"detail": detail})
        if activities:
            plan["activity"] = activities
        if not plan["extension"]:
            del plan["extension"]
        self.add(plan)

    def _support_need(self, resource_id: str, code: str, encounter: str | None = None) -> Json:
        observation: Json = {
            "resourceType": "Observation",
            "id": resource_id,
            "status": "final",
            "category": [_record_kind(m.KIND_SUPPORT_NEED)],
            "code": _care_social(m.EVALUATION_SUPPORT_NEED),
            "subject": self.patient_ref,
            "valueCodeableConcept": _catalog_concept("ffb", code),
        }
        if encounter:
            observation["encounter"] = m.ref(encounter)
        return observation

    def goal(self, goal: c.GoalData) -> None:
        domain_id = m.derived_id(goal.uid, "domain")
        condition: Json = {
            "resourceType": "Condition",
            "id": domain_id,
            "category": [_record_kind(m.KIND_GOAL_DOMAIN)],
            "code": _catalog_concept(goal.domain_catalog, goal.domain_code),
            "subject": self.patient_ref,
        }
        baseline = level(goal.baseline)
        if baseline:
            # KL's model: the function level now is the severity of the condition the goal addresses.
            condition["severity"] = baseline
        self.add(condition)
        addresses = [
            {**m.ref(domain_id), "extension": [{"url": m.CONDITION_RANK_EXT, "valuePositiveInt": 1}]}
        ]
        for theme in goal.related_themes:
            theme_id = m.derived_id(goal.uid, f"related:{theme}")
            self.add(
                {
                    "resourceType": "Condition",
                    "id": theme_id,
                    "category": [_record_kind(m.KIND_RELATED_THEME)],
                    "code": _catalog_concept("ffb", theme),
                    "subject": self.patient_ref,
                }
            )
            addresses.append(
                {**m.ref(theme_id), "extension": [{"url": m.CONDITION_RANK_EXT, "valuePositiveInt": 2}]}
            )
        targets = []
        target = level(goal.target)
        if target:
            targets.append(
                {"measure": _care_social(m.MEASURE_FUNCTION_LEVEL), "detailCodeableConcept": target}
            )
        if goal.goal_type_code:
            type_catalog = "ffb" if goal.domain_catalog == "ffb" else "ics"
            targets.append(
                {
                    "measure": _care_social(m.MEASURE_GOAL_TYPE),
                    "detailCodeableConcept": _catalog_concept(type_catalog, goal.goal_type_code),
                }
            )
        resource: Json = {
            "resourceType": "Goal",
            "id": goal.uid,
            "lifecycleStatus": "completed" if goal.end_date else "active",
            "category": [_care_social(m.GOAL_CATEGORY_INTERVENTION)],
            "description": {"text": goal.text},
            "subject": self.patient_ref,
            "startDate": goal.start_date.isoformat(),
            "addresses": addresses,
            "extension": _exts(
                ("position", "valueInteger", goal.position),
                ("follow-up-date", "valueDate", goal.follow_up_date),
                ("end-date", "valueDate", goal.end_date),
                ("justification", "valueString", goal.justification),
                ("created-at", "valueDateTime", goal.created_at),
            ),
        }
        if targets:
            resource["target"] = targets
        self.add(resource)

    # -- the unit's plan -----------------------------------------------------------------------

    def plan(self, plan: c.PlanData) -> None:
        extensions = _exts(
            ("plan-state", "valueCode", plan.state),
            ("background", "valueString", plan.background),
            ("purpose-unit-addition", "valueString", plan.purpose_unit_addition),
            ("purpose-citizen-addition", "valueString", plan.purpose_citizen_addition),
            ("presentation", "valueString", plan.presentation),
            ("earlier-interventions", "valueString", plan.earlier_interventions),
            ("use-of-force-prevention", "valueString", plan.use_of_force_prevention),
            ("updated-at", "valueDateTime", plan.updated_at),
        )
        for context in plan.contexts:
            parts = [{"url": "context", "valueCode": context.context_code}]
            for name in ("resources_and_challenges", "support_need", "goals_and_sub_goals", "evaluation"):
                value = getattr(context, name)
                if value:
                    parts.append({"url": name.replace("_", "-"), "valueString": value})
            extensions.append({"url": m.ext_url("plan-context"), "extension": parts})
        resource: Json = {
            "resourceType": "CarePlan",
            "id": plan.uid,
            "status": _PLAN_STATUS[plan.state],
            "intent": "plan",
            "category": [_record_kind(m.KIND_UNIT_PLAN)],
            "subject": self.patient_ref,
            "extension": extensions,
        }
        if plan.order_uid:
            resource["basedOn"] = [m.ref(plan.order_uid)]
        if plan.created_at:
            resource["created"] = instant(plan.created_at)
        self.add(resource)

    def sub_goal(self, sub_goal: c.SubGoalData) -> None:
        resource: Json = {
            "resourceType": "Goal",
            "id": sub_goal.uid,
            "lifecycleStatus": _SUB_GOAL_STATUS[sub_goal.state],
            "category": [_care_social(m.GOAL_CATEGORY_SUB_GOAL)],
            "description": {"text": sub_goal.text},
            "subject": self.patient_ref,
            "startDate": sub_goal.start_date.isoformat(),
            "extension": [
                {
                    "url": m.GOAL_RELATIONSHIP_EXT,
                    "extension": [
                        {
                            "url": "type",
                            "valueCodeableConcept": {
                                "coding": [_coding(m.GOAL_RELATIONSHIP_TYPES, "other")],
                                "text": "based-on",
                            },
                        },
                        {"url": "target", "valueReference": m.ref(sub_goal.goal_uid)},
                    ],
                },
                *_exts(
                    ("sub-goal-state", "valueCode", sub_goal.state),
                    ("position", "valueInteger", sub_goal.position),
                    ("end-date", "valueDate", sub_goal.end_date),
                    ("justification", "valueString", sub_goal.justification),
                    ("method", "valueString", sub_goal.method),
                    ("created-at", "valueDateTime", sub_goal.created_at),
                ),
            ],
        }
        if sub_goal.evaluations:
            resource["note"] = [
                {"time": e.evaluated_on.isoformat(), "text": e.text} for e in sub_goal.evaluations
            ]
        self.add(resource)

    # -- observations ----------------------------------------------------------------------------

    def _observation(self, uid: str, kind: str, legal: c.Legal, code: Json, extensions: list[Json]) -> Json:
        return {
            "resourceType": "Observation",
            "id": uid,
            "meta": _meta(legal),
            "status": _observation_status(legal),
            "category": [_record_kind(kind)],
            "code": code,
            "subject": self.patient_ref,
            "extension": extensions + _legal(legal),
        }

    def goal_status(self, status: c.GoalStatusData) -> None:
        resource = self._observation(
            status.uid,
            m.KIND_GOAL_STATUS,
            status.legal,
            {**_care_social(m.MEASURE_FUNCTION_LEVEL), "text": "Målstatus"},
            _exts(("period", "valueInteger", status.period))
            + (
                [
                    {
                        "url": m.ext_url("assessment-source"),
                        "valueCoding": _coding(m.CARE_SOCIAL_SYSTEM, status.source_code),
                    }
                ]
                if status.source_code
                else []
            ),
        )
        resource["focus"] = [m.ref(status.goal_uid)]
        resource["effectiveDateTime"] = status.assessed_on.isoformat()
        resource["valueCodeableConcept"] = level(status.score)
        resource["note"] = [{"text": status.summary}]
        if status.citizen_score is not None or status.citizen_note:
            component: Json = {"code": _care_social(m.SOURCE_CITIZEN)}
            citizen_level = level(status.citizen_score)
            if citizen_level:
                component["valueCodeableConcept"] = citizen_level
            note = _ext("citizen-note", "valueString", status.citizen_note)
            if note:
                component["extension"] = note
            resource["component"] = [component]
        self.add(resource)

    def journal_note(self, note: c.JournalNoteData) -> None:
        resource = self._observation(
            note.uid, m.KIND_JOURNAL_NOTE, note.legal, _record_kind(m.KIND_JOURNAL_NOTE), _author(note.author)
        )
        resource["focus"] = [m.ref(note.sub_goal_uid)]
        resource["effectiveDateTime"] = instant(note.observed_at)
        score = level(note.score)
        if score:
            resource["valueCodeableConcept"] = score
        resource["note"] = [{"text": note.text}]
        self.add(resource)

    def diary_note(self, note: c.DiaryNoteData) -> None:
        tags = [
            {"url": m.ext_url("diary-tag"), "valueCoding": _coding(m.catalog_system(cat), code)}
            for cat, code in note.tags
        ]
        resource = self._observation(
            note.uid,
            m.KIND_DIARY_NOTE,
            note.legal,
            _record_kind(m.KIND_DIARY_NOTE),
            _author(note.author) + tags,
        )
        resource["effectiveDateTime"] = instant(note.observed_at)
        resource["note"] = [{"text": note.text}]
        self.add(resource)

    def use_of_force(self, record: c.UseOfForceData) -> None:
        resource = self._observation(
            record.uid,
            m.KIND_USE_OF_FORCE,
            record.legal,
            _catalog_concept("specialsektoren", record.kind),
            _exts(
                ("use-of-force-kind", "valueCode", record.kind),
                ("occurred-on", "valueDate", record.occurred_on),
                ("period-start", "valueDate", record.period_start),
                ("period-end", "valueDate", record.period_end),
                ("review-date", "valueDate", record.review_date),
                ("reported-to", "valueString", record.reported_to),
            ),
        )
        resource["note"] = [{"text": record.description}]
        self.add(resource)

    def follow_up(self, follow_up: c.FollowUpData) -> list[str]:
        encounter: Json = {
            "resourceType": "Encounter",
            "id": follow_up.uid,
            "status": "finished" if follow_up.held else "planned",
            # Meeting in person: ambulatory; by phone or in writing: virtual.
            "class": _coding(m.ACT_CODE_SYSTEM, "AMB" if follow_up.form == "meeting" else "VR"),
            "subject": self.patient_ref,
            "period": {"start": follow_up.meeting_date.isoformat()},
            "extension": _exts(
                ("follow-up-form", "valueCode", follow_up.form),
                ("held", "valueBoolean", follow_up.held),
                ("invitation-date", "valueDate", follow_up.invitation_date),
                ("report-sent-date", "valueDate", follow_up.report_sent_date),
                ("caseworker-name", "valueString", follow_up.caseworker_name),
                ("agreements", "valueString", follow_up.agreements),
                ("agenda-points", "valueString", follow_up.agenda_points),
                ("created-at", "valueDateTime", follow_up.created_at),
            )
            + (
                [{"url": m.ext_url("order"), "valueReference": m.ref(follow_up.order_uid)}]
                if follow_up.order_uid
                else []
            ),
        }
        self.add(encounter)
        ids = [follow_up.uid]
        if follow_up.support_need_code:
            need_id = m.derived_id(follow_up.uid, "support-need")
            self.add(self._support_need(need_id, follow_up.support_need_code, follow_up.uid))
        if follow_up.intervention_status_code:
            status_id = m.derived_id(follow_up.uid, "intervention-status")
            self.add(
                {
                    "resourceType": "Observation",
                    "id": status_id,
                    "status": "final",
                    "category": [_record_kind(m.KIND_INTERVENTION_STATUS)],
                    "code": _concept(m.FFB_SYSTEM, *m.INTERVENTION_STATUS),
                    "subject": self.patient_ref,
                    "encounter": m.ref(follow_up.uid),
                    "valueCodeableConcept": _catalog_concept("ffb", follow_up.intervention_status_code),
                }
            )
        for assessment in follow_up.assessments:
            extensions = _exts(
                ("assessment-role", "valueCode", assessment.role),
                ("agrees-with-status", "valueBoolean", assessment.agrees_with_status),
            )
            if assessment.source_code:
                extensions.append(
                    {
                        "url": m.ext_url("assessment-source"),
                        "valueCoding": _coding(m.CARE_SOCIAL_SYSTEM, assessment.source_code),
                    }
                )
            resource = self._observation(
                assessment.uid,
                m.KIND_ASSESSMENT,
                assessment.legal,
                {**_care_social(m.MEASURE_FUNCTION_LEVEL), "text": "Vurdering ved opfølgning"},
                extensions,
            )
            resource["focus"] = [m.ref(assessment.goal_uid)]
            resource["encounter"] = m.ref(follow_up.uid)
            resource["effectiveDateTime"] = follow_up.meeting_date.isoformat()
            score = level(assessment.score)
            if score:
                resource["valueCodeableConcept"] = score
            if assessment.note:
                resource["note"] = [{"text": assessment.note}]
            self.add(resource)
        return ids


def _organization(resource_id: str, party: Any) -> Json:
    organization: Json = {"resourceType": "Organization", "id": resource_id, "name": party.name}
    if party.uid:
        organization["identifier"] = [{"system": m.UNIT_SYSTEM, "value": party.uid}]
    if party.organisation:
        organization["alias"] = [party.organisation]
    return organization


def to_fhir(content: c.BundleContent, manifest: Manifest) -> Json:
    """The message Bundle for ``content``; ``manifest`` gives its identity, time and parties."""
    writer = _Writer(content)
    target_groups = writer.patient()
    focus: list[str] = []
    for order in content.orders:
        writer.order(order, target_groups)
        focus.append(order.uid)
    for plan in content.plans:
        writer.plan(plan)
        focus.append(plan.uid)
    for sub_goal in content.sub_goals:
        writer.sub_goal(sub_goal)
    for status in content.goal_statuses:
        writer.goal_status(status)
    follow_up_ids = [i for f in content.follow_ups for i in writer.follow_up(f)]
    for note in content.journal_notes:
        writer.journal_note(note)
    for note in content.diary_notes:
        writer.diary_note(note)
    for record in content.uses_of_force:
        writer.use_of_force(record)

    sender_id = m.derived_id(manifest.bundle_id, "sender")
    receiver_id = m.derived_id(manifest.bundle_id, "receiver")
    system, event = m.EVENTS[content.kind.value]
    if content.kind.value == "followup":
        focus = follow_up_ids
    elif content.kind.value == "transfer":
        focus = [content.citizen.uid]
    header: Json = {
        "resourceType": "MessageHeader",
        "id": m.derived_id(manifest.bundle_id, "header"),
        "eventCoding": _coding(system, event),
        "destination": [
            {
                "endpoint": f"{m.UNIT_SYSTEM}:{manifest.recipient.uid or 'ukendt'}",
                "receiver": m.ref(receiver_id),
            }
        ],
        "sender": m.ref(sender_id),
        "source": {
            "name": "FKO Desktop",
            "software": "FKO Desktop",
            "version": manifest.app_version,
            "endpoint": f"{m.UNIT_SYSTEM}:{manifest.sender.uid}",
        },
        "focus": [m.ref(i) for i in focus],
    }
    entries = [
        {"fullUrl": f"urn:uuid:{header['id']}", "resource": header},
        {"fullUrl": f"urn:uuid:{sender_id}", "resource": _organization(sender_id, manifest.sender)},
        {"fullUrl": f"urn:uuid:{receiver_id}", "resource": _organization(receiver_id, manifest.recipient)},
        *writer.entries,
    ]
    return {
        "resourceType": "Bundle",
        "id": manifest.bundle_id,
        "identifier": {"system": m.UUID_SYSTEM, "value": f"urn:uuid:{manifest.bundle_id}"},
        "type": "message",
        "timestamp": instant(manifest.created_at),
        "entry": entries,
    }
