"""The order in a FHIR bundle: the CarePlan with intent »order«, its services and support need,
its purpose and its intervention goals (Goals with their domain and theme Conditions).

Part of ``fhir_in._Reader``; its counterparts in ``fhir_out`` are ``_Writer.order``,
``_Writer._support_need`` and ``_Writer.goal``.
"""

from __future__ import annotations

from fko_desktop.exchange import content as c
from fko_desktop.exchange import fhir_map as m
from fko_desktop.exchange.fhir_in_common import (
    Json,
    _catalog_code,
    _code_in,
    _codings,
    _date,
    _enum,
    _ext,
    _has_code,
    _instant,
    _ReaderBase,
    _record_kind,
    _refuse,
    _rule,
    _score,
    _short,
)
from fko_desktop.models import Citizen
from fko_desktop.models.enums import Area, MeetingKind, OrderState
from fko_desktop.models.validation import require_text


class _OrderIn(_ReaderBase):
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
                    _has_code(cat, m.CARE_SOCIAL_SYSTEM, m.GOAL_CATEGORY_PURPOSE[0])
                    for cat in goal.get("category") or []
                ):
                    purpose = (goal.get("description") or {}).get("text") or ""
                elif any(
                    _has_code(cat, m.CARE_SOCIAL_SYSTEM, m.GOAL_CATEGORY_INTERVENTION[0])
                    for cat in goal.get("category") or []
                ):
                    goals.append(self.goal(goal, citizen, len(goals) + 1))
                else:
                    raise _refuse(
                        "en bestilling henviser til et mål, der hverken er indsatsformål eller indsatsmål."
                    )
            support_need = None
            for reference in plan.get("supportingInfo") or []:
                need = self.resources.by_id[self.resources.target(reference, "Observation")]
                if _record_kind(need) == m.KIND_SUPPORT_NEED:
                    support_need = _catalog_code(
                        need.get("valueCodeableConcept"), "ffb", "support_need", "støttebehov"
                    )
            services = []
            for activity in plan.get("activity") or []:
                detail = activity.get("detail") or {}
                code = detail.get("code") or {}
                service_name = _rule("en ydelse", require_text, code.get("text"), "services", "Ydelsens navn")
                period = detail.get("scheduledPeriod") or {}
                services.append(
                    c.ServiceData(
                        name=service_name,
                        code=_code_in(code, m.FFB_SYSTEM),
                        legal_basis=_ext(detail, "legal-basis", "valueString"),
                        start_date=_date(period.get("start"), "ydelsens startdato"),
                        end_date=_date(period.get("end"), "ydelsens slutdato"),
                    )
                )
            replaces = [
                self.resources.target(r, "CarePlan", required=False) for r in plan.get("replaces") or []
            ]
            meeting = _date(_ext(plan, "meeting-date", "valueDate"), "mødedatoen")
            received = _date(_ext(plan, "received-date", "valueDate"), "modtagelsesdatoen")
            if meeting and received and received < meeting:
                raise _refuse("bestillingen kan ikke være modtaget før mødet.")
            meeting_kind = _ext(plan, "meeting-kind", "valueCode")
            orders.append(
                c.OrderData(
                    uid=plan["id"],
                    intervention_purpose=purpose.strip(),
                    goals=tuple(goals),
                    services=tuple(services),
                    meeting_date=meeting,
                    meeting_kind=_enum(meeting_kind, MeetingKind, "mødetypen") if meeting_kind else None,
                    received_date=received,
                    sender_name=_ext(plan, "sender-name", "valueString"),
                    sender_organisation=_ext(plan, "sender-organisation", "valueString"),
                    agreements=_ext(plan, "agreements", "valueString"),
                    other_needs=_ext(plan, "other-needs", "valueString"),
                    support_need_code=support_need,
                    state=_enum(
                        _ext(plan, "order-state", "valueCode"),
                        OrderState,
                        f"{what}s tilstand",
                        OrderState.RECEIVED,
                    ),
                    returned_date=_date(_ext(plan, "returned-date", "valueDate"), "returdatoen"),
                    return_reason=_ext(plan, "return-reason", "valueString"),
                    replaces_uid=replaces[0] if replaces else None,
                    created_at=_instant(plan.get("created"), "bestillingens oprettelse"),
                )
            )
        return tuple(orders)

    def goal(self, goal: Json, citizen: c.CitizenData, default_position: int) -> c.GoalData:
        from fko_desktop.ops.orders import GoalInput, _build_goal

        text = (goal.get("description") or {}).get("text")
        what = f"indsatsmålet »{_short(text)}«" if isinstance(text, str) and text.strip() else "et indsatsmål"
        if not isinstance(text, str) or not text.strip():
            raise _refuse("et indsatsmål mangler sin tekst.")
        domain: tuple[str, str] | None = None
        related = []
        baseline = None
        for address in goal.get("addresses") or []:
            condition = self.resources.by_id[self.resources.target(address, "Condition")]
            kind = _record_kind(condition)
            if kind == m.KIND_GOAL_DOMAIN:
                if domain is not None:
                    raise _refuse(f"{what} har mere end ét målområde.")
                codings = _codings(condition.get("code"))
                catalog_id = m.catalog_for_system(codings[0].get("system")) if len(codings) == 1 else None
                if catalog_id not in ("ffb", "ics", "aarhus"):
                    raise _refuse(f"{what}: målområdets kodesystem er ukendt.")
                code = codings[0].get("code")
                if catalog_id is None or not isinstance(code, str):
                    raise _refuse(f"{what}: målområdet mangler sin kode.")
                domain = (catalog_id, code)
                baseline = _score(condition.get("severity"), f"{what}, baseline")
            elif kind == m.KIND_RELATED_THEME:
                related.append(
                    _catalog_code(condition.get("code"), "ffb", "related_themes", f"{what}, relateret tema")
                )
        if domain is None:
            raise _refuse(f"{what} mangler sit målområde (ICS-dimension eller FFB-tema).")
        target = None
        goal_type = None
        for item in goal.get("target") or []:
            measure = item.get("measure")
            if _has_code(measure, m.CARE_SOCIAL_SYSTEM, m.MEASURE_FUNCTION_LEVEL[0]):
                target = _score(item.get("detailCodeableConcept"), f"{what}, målscore")
            elif _has_code(measure, m.CARE_SOCIAL_SYSTEM, m.MEASURE_GOAL_TYPE[0]):
                concept = item.get("detailCodeableConcept")
                goal_type = _code_in(concept, m.FFB_SYSTEM) or _code_in(concept, m.catalog_system("ics"))
        start = _date(goal.get("startDate"), f"{what}s startdato")
        if start is None:
            raise _refuse(f"{what} mangler sin startdato.")
        typed = GoalInput(
            text=text,
            domain_code=domain[1],
            start_date=start,
            baseline=baseline,
            target=target,
            goal_type_code=goal_type,
            follow_up_date=_date(_ext(goal, "follow-up-date", "valueDate"), f"{what}s opfølgningsdato"),
            related_themes=tuple(related),
            justification=_ext(goal, "justification", "valueString"),
            domain_catalog=domain[0],
        )
        # The same checks as a goal typed in the order editor: text, catalog codes, scores, dates.
        transient = Citizen(id=0, area=Area(citizen.area))
        built = _rule(what, _build_goal, transient, typed, 1)
        end = _date(_ext(goal, "end-date", "valueDate"), f"{what}s slutdato")
        if end and end < start:
            raise _refuse(f"{what} slutter før det starter.")
        self.goal_uids.add(goal["id"])
        # "is None", not "or": a position of 0 is an error to refuse (bounds.py), not a default.
        position = _ext(goal, "position", "valueInteger")
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
            created_at=_instant(_ext(goal, "created-at", "valueDateTime"), f"{what}, oprettet"),
        )
