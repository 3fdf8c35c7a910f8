"""The unit's status in FHIR, both ways: its plan (the CarePlan with intent »plan«), its
sub-goals (Goals) and its målstatus (Observations about an intervention goal).

``StatusOut.plan``, ``StatusOut.sub_goal`` and ``StatusOut.goal_status`` write them;
``StatusIn.plans``, ``StatusIn.sub_goals`` and ``StatusIn.goal_statuses`` read them back. The two
sit side by side so that a change to how the status maps is made in both directions at once.
Each is a part of the writer or the reader that ``bundle`` composes.
"""

from __future__ import annotations

from fko_desktop.exchange import content as c
from fko_desktop.exchange.fhir import map as m
from fko_desktop.exchange.fhir.common import (
    PLAN_STATUS,
    SUB_GOAL_STATUS,
    Json,
    ReaderBase,
    WriterBase,
    care_social,
    coding,
    enum_value,
    ext,
    ext_value,
    exts,
    find_extensions,
    has_code,
    instant,
    level,
    note_text,
    read_date,
    read_instant,
    read_legal,
    read_score,
    record_kind_concept,
    record_kind_of,
    refuse,
    rule,
    short,
)
from fko_desktop.models import goal_status_rules as rules
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.enums import PlanState, SubGoalState
from fko_desktop.models.validation import require_text

# == writing ======================================================================================


class StatusOut(WriterBase):
    """Writes the plans, the sub-goals and the målstatus."""

    def plan(self, plan: c.PlanData) -> None:
        extensions = exts(
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
            "status": PLAN_STATUS[plan.state],
            "intent": "plan",
            "category": [record_kind_concept(m.KIND_UNIT_PLAN)],
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
            "lifecycleStatus": SUB_GOAL_STATUS[sub_goal.state],
            "category": [care_social(m.GOAL_CATEGORY_SUB_GOAL)],
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
                                "coding": [coding(m.GOAL_RELATIONSHIP_TYPES, "other")],
                                "text": "based-on",
                            },
                        },
                        {"url": "target", "valueReference": m.ref(sub_goal.goal_uid)},
                    ],
                },
                *exts(
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
            {**care_social(m.MEASURE_FUNCTION_LEVEL), "text": "Målstatus"},
            exts(("period", "valueInteger", status.period))
            + (
                [
                    {
                        "url": m.ext_url("assessment-source"),
                        "valueCoding": coding(m.CARE_SOCIAL_SYSTEM, status.source_code),
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
            component: Json = {"code": care_social(m.SOURCE_CITIZEN)}
            citizen_level = level(status.citizen_score)
            if citizen_level:
                component["valueCodeableConcept"] = citizen_level
            note = ext("citizen-note", "valueString", status.citizen_note)
            if note:
                component["extension"] = note
            resource["component"] = [component]
        self.add(resource)


# == reading ======================================================================================


class StatusIn(ReaderBase):
    """Reads the plans, the sub-goals and the målstatus; every sub-goal read is remembered in
    ``sub_goal_uids`` for the notes that point at it."""

    def plans(self, order_uids: set[str]) -> tuple[c.PlanData, ...]:
        contexts_catalog = load_catalog("specialsektoren").set("contexts")
        plans = []
        for plan in self.resources.of("CarePlan"):
            if plan.get("intent") != "plan":
                continue
            if record_kind_of(plan) != m.KIND_UNIT_PLAN:
                raise refuse("en plan i bundtet er ikke en FKO-handleplan.")
            based_on = [
                self.resources.target(r, "CarePlan", required=False) for r in plan.get("basedOn") or []
            ]
            order_uid = based_on[0] if based_on else None
            if order_uid and order_uid not in order_uids:
                raise refuse("en plan bygger på en bestilling, der ikke er med i bundtet.")
            contexts = []
            for item in find_extensions(plan, "plan-context"):
                parts = {p.get("url"): p for p in item.get("extension") or []}
                code = (parts.get("context") or {}).get("valueCode")
                if not isinstance(code, str) or code not in contexts_catalog:
                    raise refuse(f"planen har en ukendt kontekst »{str(code)[:30]}«.")
                contexts.append(
                    c.PlanContextData(
                        code,
                        *(
                            (parts.get(f.replace("_", "-")) or {}).get("valueString")
                            for f in (
                                "resources_and_challenges",
                                "support_need",
                                "goals_and_sub_goals",
                                "evaluation",
                            )
                        ),
                    )
                )
            plans.append(
                c.PlanData(
                    uid=plan["id"],
                    order_uid=order_uid,
                    state=enum_value(
                        ext_value(plan, "plan-state", "valueCode"),
                        PlanState,
                        "planens tilstand",
                        PlanState.DRAFT,
                    ),
                    background=ext_value(plan, "background", "valueString"),
                    purpose_unit_addition=ext_value(plan, "purpose-unit-addition", "valueString"),
                    purpose_citizen_addition=ext_value(plan, "purpose-citizen-addition", "valueString"),
                    presentation=ext_value(plan, "presentation", "valueString"),
                    earlier_interventions=ext_value(plan, "earlier-interventions", "valueString"),
                    use_of_force_prevention=ext_value(plan, "use-of-force-prevention", "valueString"),
                    contexts=tuple(contexts),
                    created_at=read_instant(plan.get("created"), "planens oprettelse"),
                    updated_at=read_instant(
                        ext_value(plan, "updated-at", "valueDateTime"), "planens rettelse"
                    ),
                )
            )
        return tuple(plans)

    def sub_goals(self) -> tuple[c.SubGoalData, ...]:
        result = []
        for goal in self.resources.of("Goal"):
            if not any(
                has_code(cat, m.CARE_SOCIAL_SYSTEM, m.GOAL_CATEGORY_SUB_GOAL[0])
                for cat in goal.get("category") or []
            ):
                continue
            text = (goal.get("description") or {}).get("text")
            what = f"delmålet »{short(text)}«" if isinstance(text, str) and text.strip() else "et delmål"
            text = rule(what, require_text, text, "text", "Delmålets tekst")
            relation = [e for e in goal.get("extension") or [] if e.get("url") == m.GOAL_RELATIONSHIP_EXT]
            parts = (
                {p.get("url"): p for p in (relation[0].get("extension") or [])} if len(relation) == 1 else {}
            )
            target = parts.get("target", {}).get("valueReference")
            if target is None:
                raise refuse(f"{what} er ikke knyttet til et indsatsmål.")
            goal_uid = self.resources.target(target, "Goal")
            if goal_uid not in self.goal_uids:
                raise refuse(f"{what} er knyttet til et mål, der ikke er et indsatsmål i bundtet.")
            start = read_date(goal.get("startDate"), f"{what}s startdato")
            end = read_date(ext_value(goal, "end-date", "valueDate"), f"{what}s slutdato")
            if start is None:
                raise refuse(f"{what} mangler sin startdato.")
            if end and end < start:
                raise refuse(f"{what}: Slutdatoen ligger før startdatoen.")
            evaluations = []
            for note in goal.get("note") or []:
                evaluated_on = read_date(note.get("time"), f"{what}, evaluering")
                if evaluated_on is None:
                    raise refuse(f"{what}: en evaluering mangler sin dato.")
                evaluations.append(
                    c.EvaluationData(
                        evaluated_on, rule(what, require_text, note.get("text"), "text", "Evaluering")
                    )
                )
            self.sub_goal_uids.add(goal["id"])
            result.append(
                c.SubGoalData(
                    uid=goal["id"],
                    goal_uid=goal_uid,
                    position=_position(goal),
                    text=text,
                    start_date=start,
                    justification=ext_value(goal, "justification", "valueString"),
                    method=ext_value(goal, "method", "valueString"),
                    end_date=end,
                    state=enum_value(
                        ext_value(goal, "sub-goal-state", "valueCode"),
                        SubGoalState,
                        f"{what}s tilstand",
                        SubGoalState.ACTIVE,
                    ),
                    evaluations=tuple(evaluations),
                    created_at=read_instant(
                        ext_value(goal, "created-at", "valueDateTime"), f"{what}, oprettet"
                    ),
                )
            )
        return tuple(result)

    def goal_statuses(self) -> tuple[c.GoalStatusData, ...]:
        result = []
        for o in self._observations(m.KIND_GOAL_STATUS):
            period = ext_value(o, "period", "valueInteger")
            what = f"målstatus M{period}" if period else "en målstatus"
            goal_uid = self._focus(o, self.goal_uids, what, "indsatsmål")
            # The same rules as a status typed in the window (models.goal_status_rules).
            score = rule(what, rules.check_score, read_score(o.get("valueCodeableConcept"), what))
            period = rule(what, rules.check_period, period)
            summary = rule(what, rules.check_summary, note_text(o))
            assessed_on = read_date(o.get("effectiveDateTime"), f"{what}s dato")
            if assessed_on is None:
                raise refuse(f"{what} mangler sin dato.")
            source = ext_value(o, "assessment-source", "valueCoding")
            source_code = rule(what, rules.check_source, source.get("code") if source else None)
            citizen_score, citizen_note = None, None
            for component in o.get("component") or []:
                if has_code(component.get("code"), m.CARE_SOCIAL_SYSTEM, m.SOURCE_CITIZEN[0]):
                    citizen_score = read_score(
                        component.get("valueCodeableConcept"), f"{what}, borgerens score"
                    )
                    citizen_note = ext_value(component, "citizen-note", "valueString")
            result.append(
                c.GoalStatusData(
                    uid=o["id"],
                    goal_uid=goal_uid,
                    period=period,
                    assessed_on=assessed_on,
                    score=score,
                    summary=summary,
                    source_code=source_code,
                    citizen_score=citizen_score,
                    citizen_note=citizen_note,
                    legal=read_legal(o, what),
                )
            )
        return tuple(result)


def _position(goal: dict) -> int:
    """A sub-goal's number; a missing one is 1, but a 0 is kept so bounds.py refuses it."""
    position = ext_value(goal, "position", "valueInteger")
    return 1 if position is None else position
