"""The unit's status as FHIR: its plan (the CarePlan with intent »plan«), its sub-goals (Goals)
and its målstatus (Observations about an intervention goal).

Part of ``fhir_out._Writer``; its counterparts in ``fhir_in`` are ``_Reader.plans``,
``_Reader.sub_goals`` and ``_Reader.goal_statuses``.
"""

from __future__ import annotations

from fko_desktop.exchange import content as c
from fko_desktop.exchange import fhir_map as m
from fko_desktop.exchange.fhir_out_common import (
    _PLAN_STATUS,
    _SUB_GOAL_STATUS,
    Json,
    _care_social,
    _coding,
    _ext,
    _exts,
    _record_kind,
    _WriterBase,
    instant,
    level,
)


class _StatusOut(_WriterBase):
    """Writes the plans, the sub-goals and the målstatus."""

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
