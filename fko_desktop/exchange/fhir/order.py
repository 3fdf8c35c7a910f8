"""The order in FHIR, both ways: the CarePlan with intent »order«, its services and support
need, its purpose and its intervention goals (Goals with their domain and theme Conditions).

``OrderOut.order`` and ``OrderOut.goal`` write them (the support need is
``WriterBase._support_need``, which the follow-up writes too); ``OrderIn.orders`` and
``OrderIn.goal`` read them back. The two sit side by side so that a change to how the order maps
is made in both directions at once. Each is a part of the writer or the reader that ``bundle``
composes.
"""

from __future__ import annotations

from fko_desktop.exchange import content as c
from fko_desktop.exchange.fhir import map as m
from fko_desktop.exchange.fhir.common import (
    ORDER_STATUS,
    Json,
    ReaderBase,
    WriterBase,
    care_social,
    catalog_code,
    catalog_concept,
    code_in,
    coding,
    codings_of,
    enum_value,
    ext,
    ext_value,
    exts,
    has_code,
    instant,
    level,
    read_date,
    read_instant,
    read_score,
    record_kind_concept,
    record_kind_of,
    refuse,
    rule,
    short,
)
from fko_desktop.models import Citizen
from fko_desktop.models.enums import Area, MeetingKind, OrderState
from fko_desktop.models.validation import require_text

# == writing ======================================================================================


class OrderOut(WriterBase):
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
                    "category": [care_social(m.GOAL_CATEGORY_PURPOSE)],
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
            "status": ORDER_STATUS[order.state],
            "intent": "order",
            "category": [care_social(m.CAREPLAN_CATEGORY_SOCIAL)],
            "subject": self.patient_ref,
            "extension": exts(
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
                code["coding"] = [coding(m.FFB_SYSTEM, service.code)]
            detail: Json = {"status": "in-progress", "code": code}
            if service.start_date or service.end_date:
                detail["scheduledPeriod"] = {
                    k: v.isoformat()
                    for k, v in (("start", service.start_date), ("end", service.end_date))
                    if v
                }
            legal_basis = ext("legal-basis", "valueString", service.legal_basis)
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
            "category": [record_kind_concept(m.KIND_GOAL_DOMAIN)],
            "code": catalog_concept(goal.domain_catalog, goal.domain_code),
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
                    "category": [record_kind_concept(m.KIND_RELATED_THEME)],
                    "code": catalog_concept("ffb", theme),
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
                {"measure": care_social(m.MEASURE_FUNCTION_LEVEL), "detailCodeableConcept": target}
            )
        if goal.goal_type_code:
            type_catalog = "ffb" if goal.domain_catalog == "ffb" else "ics"
            targets.append(
                {
                    "measure": care_social(m.MEASURE_GOAL_TYPE),
                    "detailCodeableConcept": catalog_concept(type_catalog, goal.goal_type_code),
                }
            )
        resource: Json = {
            "resourceType": "Goal",
            "id": goal.uid,
            "lifecycleStatus": "completed" if goal.end_date else "active",
            "category": [care_social(m.GOAL_CATEGORY_INTERVENTION)],
            "description": {"text": goal.text},
            "subject": self.patient_ref,
            "startDate": goal.start_date.isoformat(),
            "addresses": addresses,
            "extension": exts(
                ("position", "valueInteger", goal.position),
                ("follow-up-date", "valueDate", goal.follow_up_date),
                ("end-date", "valueDate", goal.end_date),
                ("end-reason", "valueString", goal.end_reason),
                ("justification", "valueString", goal.justification),
                ("created-at", "valueDateTime", goal.created_at),
            ),
        }
        if targets:
            resource["target"] = targets
        self.add(resource)


# == reading ======================================================================================


class OrderIn(ReaderBase):
    """Reads the orders and their intervention goals; every goal read is remembered in
    ``goal_uids`` for the records that point at it."""

    def orders(self, citizen: c.CitizenData) -> tuple[c.OrderData, ...]:
        orders = []
        for plan in self.resources.of("CarePlan"):
            if plan.get("intent") != "order":
                continue
            what = "bestillingen"
            purpose = ""
            goals: list[c.GoalData] = []
            for reference in plan.get("goal") or []:
                goal = self.resources.by_id[self.resources.target(reference, "Goal")]
                if any(
                    has_code(cat, m.CARE_SOCIAL_SYSTEM, m.GOAL_CATEGORY_PURPOSE[0])
                    for cat in goal.get("category") or []
                ):
                    purpose = (goal.get("description") or {}).get("text") or ""
                elif any(
                    has_code(cat, m.CARE_SOCIAL_SYSTEM, m.GOAL_CATEGORY_INTERVENTION[0])
                    for cat in goal.get("category") or []
                ):
                    goals.append(self.goal(goal, citizen, len(goals) + 1))
                else:
                    raise refuse(
                        "en bestilling henviser til et mål, der hverken er indsatsformål eller indsatsmål."
                    )
            support_need = None
            for reference in plan.get("supportingInfo") or []:
                need = self.resources.by_id[self.resources.target(reference, "Observation")]
                if record_kind_of(need) == m.KIND_SUPPORT_NEED:
                    support_need = catalog_code(
                        need.get("valueCodeableConcept"), "ffb", "support_need", "støttebehov"
                    )
            services = []
            for activity in plan.get("activity") or []:
                detail = activity.get("detail") or {}
                code = detail.get("code") or {}
                service_name = rule("en ydelse", require_text, code.get("text"), "services", "Ydelsens navn")
                period = detail.get("scheduledPeriod") or {}
                services.append(
                    c.ServiceData(
                        name=service_name,
                        code=code_in(code, m.FFB_SYSTEM),
                        legal_basis=ext_value(detail, "legal-basis", "valueString"),
                        start_date=read_date(period.get("start"), "ydelsens startdato"),
                        end_date=read_date(period.get("end"), "ydelsens slutdato"),
                    )
                )
            replaces = [
                self.resources.target(r, "CarePlan", required=False) for r in plan.get("replaces") or []
            ]
            meeting = read_date(ext_value(plan, "meeting-date", "valueDate"), "mødedatoen")
            received = read_date(ext_value(plan, "received-date", "valueDate"), "modtagelsesdatoen")
            if meeting and received and received < meeting:
                raise refuse("bestillingen kan ikke være modtaget før mødet.")
            meeting_kind = ext_value(plan, "meeting-kind", "valueCode")
            orders.append(
                c.OrderData(
                    uid=plan["id"],
                    intervention_purpose=purpose.strip(),
                    goals=tuple(goals),
                    services=tuple(services),
                    meeting_date=meeting,
                    meeting_kind=enum_value(meeting_kind, MeetingKind, "mødetypen") if meeting_kind else None,
                    received_date=received,
                    sender_name=ext_value(plan, "sender-name", "valueString"),
                    sender_organisation=ext_value(plan, "sender-organisation", "valueString"),
                    agreements=ext_value(plan, "agreements", "valueString"),
                    other_needs=ext_value(plan, "other-needs", "valueString"),
                    support_need_code=support_need,
                    state=enum_value(
                        ext_value(plan, "order-state", "valueCode"),
                        OrderState,
                        f"{what}s tilstand",
                        OrderState.RECEIVED,
                    ),
                    returned_date=read_date(ext_value(plan, "returned-date", "valueDate"), "returdatoen"),
                    return_reason=ext_value(plan, "return-reason", "valueString"),
                    replaces_uid=replaces[0] if replaces else None,
                    created_at=read_instant(plan.get("created"), "bestillingens oprettelse"),
                )
            )
        return tuple(orders)

    def goal(self, goal: Json, citizen: c.CitizenData, default_position: int) -> c.GoalData:
        from fko_desktop.ops.orders import GoalInput, _build_goal

        text = (goal.get("description") or {}).get("text")
        what = f"indsatsmålet »{short(text)}«" if isinstance(text, str) and text.strip() else "et indsatsmål"
        if not isinstance(text, str) or not text.strip():
            raise refuse("et indsatsmål mangler sin tekst.")
        domain: tuple[str, str] | None = None
        related = []
        baseline = None
        for address in goal.get("addresses") or []:
            condition = self.resources.by_id[self.resources.target(address, "Condition")]
            kind = record_kind_of(condition)
            if kind == m.KIND_GOAL_DOMAIN:
                if domain is not None:
                    raise refuse(f"{what} har mere end ét målområde.")
                codings = codings_of(condition.get("code"))
                catalog_id = m.catalog_for_system(codings[0].get("system")) if len(codings) == 1 else None
                if catalog_id not in ("ffb", "ics", "aarhus"):
                    raise refuse(f"{what}: målområdets kodesystem er ukendt.")
                code = codings[0].get("code")
                if catalog_id is None or not isinstance(code, str):
                    raise refuse(f"{what}: målområdet mangler sin kode.")
                domain = (catalog_id, code)
                baseline = read_score(condition.get("severity"), f"{what}, baseline")
            elif kind == m.KIND_RELATED_THEME:
                related.append(
                    catalog_code(condition.get("code"), "ffb", "related_themes", f"{what}, relateret tema")
                )
        if domain is None:
            raise refuse(f"{what} mangler sit målområde (ICS-dimension eller FFB-tema).")
        target = None
        goal_type = None
        for item in goal.get("target") or []:
            measure = item.get("measure")
            if has_code(measure, m.CARE_SOCIAL_SYSTEM, m.MEASURE_FUNCTION_LEVEL[0]):
                target = read_score(item.get("detailCodeableConcept"), f"{what}, målscore")
            elif has_code(measure, m.CARE_SOCIAL_SYSTEM, m.MEASURE_GOAL_TYPE[0]):
                concept = item.get("detailCodeableConcept")
                goal_type = code_in(concept, m.FFB_SYSTEM) or code_in(concept, m.catalog_system("ics"))
        start = read_date(goal.get("startDate"), f"{what}s startdato")
        if start is None:
            raise refuse(f"{what} mangler sin startdato.")
        typed = GoalInput(
            text=text,
            domain_code=domain[1],
            start_date=start,
            baseline=baseline,
            target=target,
            goal_type_code=goal_type,
            follow_up_date=read_date(
                ext_value(goal, "follow-up-date", "valueDate"), f"{what}s opfølgningsdato"
            ),
            related_themes=tuple(related),
            justification=ext_value(goal, "justification", "valueString"),
            domain_catalog=domain[0],
        )
        # The same checks as a goal typed in the order editor: text, catalog codes, scores, dates.
        transient = Citizen(id=0, area=Area(citizen.area), outcome_schema=citizen.outcome_schema)
        built = rule(what, _build_goal, transient, typed, 1)
        end = read_date(ext_value(goal, "end-date", "valueDate"), f"{what}s slutdato")
        if end and end < start:
            raise refuse(f"{what} slutter før det starter.")
        self.goal_uids.add(goal["id"])
        # "is None", not "or": a position of 0 is an error to refuse (bounds.py), not a default.
        position = ext_value(goal, "position", "valueInteger")
        if position is None:
            position = default_position
        return c.GoalData(
            uid=goal["id"],
            position=position,
            text=built.text,
            domain_catalog=built.domain_catalog,
            domain_code=built.domain_code,
            start_date=start,
            goal_type_code=built.goal_type_code,
            baseline=built.baseline,
            target=built.target,
            follow_up_date=built.follow_up_date,
            end_date=end,
            related_themes=tuple(built.related_themes),
            justification=built.justification,
            created_at=read_instant(ext_value(goal, "created-at", "valueDateTime"), f"{what}, oprettet"),
            end_reason=ext_value(goal, "end-reason", "valueString"),
        )
