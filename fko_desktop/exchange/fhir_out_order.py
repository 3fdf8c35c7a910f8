"""The order as FHIR: the CarePlan with intent »order«, its services and support need, its
purpose and its intervention goals (Goals with their domain and theme Conditions).

Part of ``fhir_out._Writer`` (the support need is ``_WriterBase._support_need``, which the
follow-up writes too); its counterparts in ``fhir_in`` are ``_Reader.orders`` and ``_Reader.goal``.
"""

from __future__ import annotations

from fko_desktop.exchange import content as c
from fko_desktop.exchange import fhir_map as m
from fko_desktop.exchange.fhir_out_common import (
    _ORDER_STATUS,
    Json,
    _care_social,
    _catalog_concept,
    _coding,
    _ext,
    _exts,
    _record_kind,
    _WriterBase,
    instant,
    level,
)


class _OrderOut(_WriterBase):
    """Writes the orders and their intervention goals."""

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
