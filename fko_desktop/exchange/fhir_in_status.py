"""The unit's status in a FHIR bundle: its plan (the CarePlan with intent »plan«), its sub-goals
(Goals) and its målstatus (Observations about an intervention goal).

Part of ``fhir_in._Reader``; its counterparts in ``fhir_out`` are ``_Writer.plan``,
``_Writer.sub_goal`` and ``_Writer.goal_status``.
"""

from __future__ import annotations

from fko_desktop.exchange import content as c
from fko_desktop.exchange import fhir_map as m
from fko_desktop.exchange.fhir_in_common import (
    _date,
    _enum,
    _ext,
    _extensions,
    _has_code,
    _instant,
    _legal,
    _note_text,
    _ReaderBase,
    _record_kind,
    _refuse,
    _rule,
    _score,
    _short,
)
from fko_desktop.models import goal_status_rules as rules
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.enums import PlanState, SubGoalState
from fko_desktop.models.validation import require_text


class _StatusIn(_ReaderBase):
    """Reads the plans, the sub-goals and the målstatus; every sub-goal read is remembered in
    ``sub_goal_uids`` for the notes that point at it."""

    def plans(self, order_uids: set[str]) -> tuple[c.PlanData, ...]:
        contexts_catalog = load_catalog("specialsektoren").set("contexts")
        plans = []
        for plan in self.resources.of("CarePlan"):
            if plan.get("intent") != "plan":
                continue
            if _record_kind(plan) != m.KIND_UNIT_PLAN:
                raise _refuse("en plan i bundtet er ikke en FKO-handleplan.")
            based_on = [
                self.resources.target(r, "CarePlan", required=False) for r in plan.get("basedOn") or []
            ]
            order_uid = based_on[0] if based_on else None
            if order_uid and order_uid not in order_uids:
                raise _refuse("en plan bygger på en bestilling, der ikke er med i bundtet.")
            contexts = []
            for item in _extensions(plan, "plan-context"):
                parts = {p.get("url"): p for p in item.get("extension") or []}
                code = (parts.get("context") or {}).get("valueCode")
                if not isinstance(code, str) or code not in contexts_catalog:
                    raise _refuse(f"planen har en ukendt kontekst »{str(code)[:30]}«.")
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
                    state=_enum(
                        _ext(plan, "plan-state", "valueCode"), PlanState, "planens tilstand", PlanState.DRAFT
                    ),
                    background=_ext(plan, "background", "valueString"),
                    purpose_unit_addition=_ext(plan, "purpose-unit-addition", "valueString"),
                    purpose_citizen_addition=_ext(plan, "purpose-citizen-addition", "valueString"),
                    presentation=_ext(plan, "presentation", "valueString"),
                    earlier_interventions=_ext(plan, "earlier-interventions", "valueString"),
                    use_of_force_prevention=_ext(plan, "use-of-force-prevention", "valueString"),
                    contexts=tuple(contexts),
                    created_at=_instant(plan.get("created"), "planens oprettelse"),
                    updated_at=_instant(_ext(plan, "updated-at", "valueDateTime"), "planens rettelse"),
                )
            )
        return tuple(plans)

    def sub_goals(self) -> tuple[c.SubGoalData, ...]:
        result = []
        for goal in self.resources.of("Goal"):
            if not any(
                _has_code(cat, m.CARE_SOCIAL_SYSTEM, m.GOAL_CATEGORY_SUB_GOAL[0])
                for cat in goal.get("category") or []
            ):
                continue
            text = (goal.get("description") or {}).get("text")
            what = f"delmålet »{_short(text)}«" if isinstance(text, str) and text.strip() else "et delmål"
            text = _rule(what, require_text, text, "text", "Delmålets tekst")
            relation = [e for e in goal.get("extension") or [] if e.get("url") == m.GOAL_RELATIONSHIP_EXT]
            parts = (
                {p.get("url"): p for p in (relation[0].get("extension") or [])} if len(relation) == 1 else {}
            )
            target = parts.get("target", {}).get("valueReference")
            if target is None:
                raise _refuse(f"{what} er ikke knyttet til et indsatsmål.")
            goal_uid = self.resources.target(target, "Goal")
            if goal_uid not in self.goal_uids:
                raise _refuse(f"{what} er knyttet til et mål, der ikke er et indsatsmål i bundtet.")
            start = _date(goal.get("startDate"), f"{what}s startdato")
            end = _date(_ext(goal, "end-date", "valueDate"), f"{what}s slutdato")
            if start is None:
                raise _refuse(f"{what} mangler sin startdato.")
            if end and end < start:
                raise _refuse(f"{what}: Slutdatoen ligger før startdatoen.")
            evaluations = []
            for note in goal.get("note") or []:
                evaluated_on = _date(note.get("time"), f"{what}, evaluering")
                if evaluated_on is None:
                    raise _refuse(f"{what}: en evaluering mangler sin dato.")
                evaluations.append(
                    c.EvaluationData(
                        evaluated_on, _rule(what, require_text, note.get("text"), "text", "Evaluering")
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
                    justification=_ext(goal, "justification", "valueString"),
                    method=_ext(goal, "method", "valueString"),
                    end_date=end,
                    state=_enum(
                        _ext(goal, "sub-goal-state", "valueCode"),
                        SubGoalState,
                        f"{what}s tilstand",
                        SubGoalState.ACTIVE,
                    ),
                    evaluations=tuple(evaluations),
                    created_at=_instant(_ext(goal, "created-at", "valueDateTime"), f"{what}, oprettet"),
                )
            )
        return tuple(result)

    def goal_statuses(self) -> tuple[c.GoalStatusData, ...]:
        result = []
        for o in self._observations(m.KIND_GOAL_STATUS):
            period = _ext(o, "period", "valueInteger")
            what = f"målstatus M{period}" if period else "en målstatus"
            goal_uid = self._focus(o, self.goal_uids, what, "indsatsmål")
            # The same rules as a status typed in the window (models.goal_status_rules).
            score = _rule(what, rules.check_score, _score(o.get("valueCodeableConcept"), what))
            period = _rule(what, rules.check_period, period)
            summary = _rule(what, rules.check_summary, _note_text(o))
            assessed_on = _date(o.get("effectiveDateTime"), f"{what}s dato")
            if assessed_on is None:
                raise _refuse(f"{what} mangler sin dato.")
            source = _ext(o, "assessment-source", "valueCoding")
            source_code = _rule(what, rules.check_source, source.get("code") if source else None)
            citizen_score, citizen_note = None, None
            for component in o.get("component") or []:
                if _has_code(component.get("code"), m.CARE_SOCIAL_SYSTEM, m.SOURCE_CITIZEN[0]):
                    citizen_score = _score(component.get("valueCodeableConcept"), f"{what}, borgerens score")
                    citizen_note = _ext(component, "citizen-note", "valueString")
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
                    legal=_legal(o, what),
                )
            )
        return tuple(result)


def _position(goal: dict) -> int:
    """A sub-goal's number; a missing one is 1, but a 0 is kept so bounds.py refuses it."""
    position = _ext(goal, "position", "valueInteger")
    return 1 if position is None else position
