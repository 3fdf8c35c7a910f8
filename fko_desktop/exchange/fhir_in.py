"""A FHIR message Bundle → FKO content, refusing anything that breaks an FKO rule.

Runs after ``validate.validate_fhir`` (so every element has its FHIR type) and before the unit
file is touched. The rules are the product's own, reused from ``fko_desktop.models`` and the
operations (scores, CPR numbers, observations, catalog codes, goal fields), so a bundle can
bring nothing a user could not have typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from fko_desktop.errors import BundleError, FkoError
from fko_desktop.exchange import content as c
from fko_desktop.exchange import fhir_map as m
from fko_desktop.exchange.bounds import check_content
from fko_desktop.exchange.format import MAX_FHIR_BYTES, BundleKind, load_json, printable
from fko_desktop.models import Citizen
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.cpr import parse_cpr
from fko_desktop.models.enums import (
    Area,
    AssessmentRole,
    ContactKind,
    FollowUpForm,
    MeetingKind,
    OrderState,
    PlanState,
    SubGoalState,
    UseOfForceKind,
)
from fko_desktop.models.scores import NOT_ASSESSED, Score
from fko_desktop.models.validation import check_observation, require_text

Json = dict[str, Any]
_MAX_EARLIER_VERSION_CHARS = 200_000


def _refuse(detail: str) -> BundleError:
    return BundleError(f"Bundtet kan ikke indlæses: {printable(detail)}")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


class _Resources:
    """The bundle's resources by id and by type, with the reference rules checked."""

    def __init__(self, message: Json) -> None:
        self.by_id: dict[str, Json] = {}
        self.by_type: dict[str, list[Json]] = {}
        for entry in message.get("entry") or []:
            resource = entry.get("resource")
            if not isinstance(resource, dict) or "id" not in resource:
                raise _refuse("en post i bundtet mangler sit id.")
            resource_id = resource["id"]
            if entry.get("fullUrl") != f"urn:uuid:{resource_id}":
                raise _refuse(f"posten {resource_id[:40]} har en fullUrl, der ikke passer til dens id.")
            if resource_id in self.by_id:
                raise _refuse(f"id'et {resource_id[:40]} står to gange i bundtet.")
            self.by_id[resource_id] = resource
            self.by_type.setdefault(resource["resourceType"], []).append(resource)

    def of(self, resource_type: str) -> list[Json]:
        return self.by_type.get(resource_type, [])

    def target(
        self, reference: Any, resource_type: str | None = None, *, required: bool = True
    ) -> str | None:
        """The id a ``urn:uuid:`` reference points at, checked to be in the bundle."""
        value = reference.get("reference") if isinstance(reference, dict) else None
        if not isinstance(value, str) or not value.startswith("urn:uuid:"):
            raise _refuse("en henvisning i bundtet er ikke på formen urn:uuid:….")
        resource_id = value.removeprefix("urn:uuid:")
        resource = self.by_id.get(resource_id)
        if resource is None:
            if required:
                raise _refuse(f"en henvisning peger på {resource_id[:40]}, som ikke er i bundtet.")
            return resource_id
        if resource_type and resource["resourceType"] != resource_type:
            raise _refuse(
                f"en henvisning peger på en {resource['resourceType']}, hvor der skulle stå {resource_type}."
            )
        return resource_id


# -- element helpers --------------------------------------------------------------------------------


def _extensions(resource: Json, name: str) -> list[Json]:
    url = m.ext_url(name)
    return [e for e in resource.get("extension") or [] if e.get("url") == url]


def _ext(resource: Json, name: str, kind: str) -> Any:
    found = _extensions(resource, name)
    if not found:
        return None
    if len(found) > 1:
        raise _refuse(f"udvidelsen »{name}« står mere end én gang.")
    if kind not in found[0]:
        raise _refuse(f"udvidelsen »{name}« har en forkert værditype.")
    return found[0][kind]


def _date(value: Any, what: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        # FHIR allows "2025" or "2025-03"; an FKO date is always a whole day.
        raise _refuse(f"{what} er ikke en hel dato (fik »{str(value)[:20]}«).") from None


def _instant(value: Any, what: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        raise _refuse(f"{what} er ikke et tidspunkt (fik »{str(value)[:30]}«).") from None
    if parsed.tzinfo is None or "T" not in str(value):
        raise _refuse(f"{what} skal være et tidspunkt med tidszone (fik »{str(value)[:30]}«).")
    return parsed


def _codings(concept: Any) -> list[Json]:
    return list(concept.get("coding") or []) if isinstance(concept, dict) else []


def _code_in(concept: Any, system: str) -> str | None:
    codes = [x.get("code") for x in _codings(concept) if x.get("system") == system]
    if len(codes) > 1:
        raise _refuse(f"et felt har flere koder fra {system}.")
    return codes[0] if codes else None


def _has_code(concept: Any, system: str, code: str) -> bool:
    return any(x.get("system") == system and x.get("code") == code for x in _codings(concept))


def _record_kind(resource: Json) -> str | None:
    for category in resource.get("category") or []:
        code = _code_in(category, m.RECORD_KIND_SYSTEM)
        if code:
            return code
    return None


def _score(concept: Any, what: str) -> Score | None:
    """An FFB funktionsevneniveau code back to a score 0–4 or NOT_ASSESSED."""
    if concept is None:
        return None
    code = _code_in(concept, m.FFB_SYSTEM)
    entry = load_catalog("ffb").set("function_levels").get(code) if code else None
    if entry is None:
        shown = code or ", ".join(str(x.get("code"))[:20] for x in _codings(concept)) or "ingen kode"
        raise _refuse(f"{what}: »{shown[:40]}« er ikke en gyldig score (0–4 eller Ikke vurderet).")
    return NOT_ASSESSED if entry.score is None else entry.score


def _catalog_code(concept: Any, catalog_id: str, set_name: str, what: str, *, selectable: bool = True) -> str:
    code = _code_in(concept, m.catalog_system(catalog_id))
    entry = load_catalog(catalog_id).set(set_name).get(code) if code else None
    if entry is None or (selectable and not entry.selectable):
        raise _refuse(f"{what}: koden »{str(code)[:40]}« findes ikke i kataloget.")
    return code  # type: ignore[return-value]


def _optional_code(value: Any, catalog_id: str, set_name: str, what: str) -> str | None:
    if value is None:
        return None
    if load_catalog(catalog_id).set(set_name).get(value) is None:
        raise _refuse(f"{what}: koden »{str(value)[:40]}« findes ikke i kataloget.")
    return value


def _enum(value: Any, enum_cls: Any, what: str, default: Any = None) -> str:
    if value is None:
        if default is None:
            raise _refuse(f"{what} mangler.")
        return default.value
    try:
        return enum_cls(value).value
    except ValueError:
        raise _refuse(f"{what} »{str(value)[:20]}« er ukendt.") from None


def _note_text(resource: Json) -> str | None:
    notes = resource.get("note") or []
    if len(notes) > 1:
        raise _refuse("en post har mere end én tekst.")
    return notes[0].get("text") if notes else None


def _rule(what: str, check: Callable[..., Any], *args: Any) -> Any:
    """Run one of the product's own checks and report a refusal with the record it concerns."""
    try:
        return check(*args)
    except BundleError:
        raise
    except FkoError as error:
        raise _refuse(f"{what}: {error.message}") from None


# -- records ----------------------------------------------------------------------------------------


def _legal(resource: Json, what: str) -> c.Legal:
    version = _ext(resource, "record-version", "valueInteger") or 1
    if version < 1 or version > 10_000:
        raise _refuse(f"{what}: ugyldigt versionsnummer.")
    earlier = []
    for item in _extensions(resource, "earlier-version"):
        parts = {p.get("url"): p for p in item.get("extension") or []}
        try:
            number = parts["version"]["valueInteger"]
            saved_at = _instant(parts["saved-at"]["valueDateTime"], f"{what}, tidligere version")
            text = parts["content"]["valueString"]
        except (KeyError, TypeError):
            raise _refuse(f"{what}: en tidligere version er ufuldstændig.") from None
        if len(text) > _MAX_EARLIER_VERSION_CHARS:
            raise _refuse(f"{what}: en tidligere version er for stor.")
        try:
            # The same caps as the bundle's own JSON: this text is parsed again here.
            data = load_json(text.encode("utf-8"), what="En tidligere version", max_bytes=MAX_FHIR_BYTES)
        except BundleError:
            data = None
        if not isinstance(data, dict) or not isinstance(number, int) or not 1 <= number < version:
            raise _refuse(f"{what}: en tidligere version er ugyldig.")
        earlier.append(c.EarlierVersion(number, saved_at, data))  # type: ignore[arg-type]
    withdrawn_at = _instant(_ext(resource, "withdrawn-at", "valueDateTime"), f"{what}, tilbagetrukket")
    reason = _ext(resource, "withdrawal-reason", "valueString")
    if withdrawn_at is not None and not (reason or "").strip():
        raise _refuse(f"{what}: en tilbagetrækning mangler sin begrundelse.")
    return c.Legal(
        version=version,
        created_at=_instant(_ext(resource, "created-at", "valueDateTime"), f"{what}, oprettet"),
        updated_at=_instant(_ext(resource, "updated-at", "valueDateTime"), f"{what}, rettet"),
        withdrawn_at=withdrawn_at,
        withdrawal_reason=reason if withdrawn_at else None,
        earlier=tuple(sorted(earlier, key=lambda v: v.version)),
    )


def _author(resource: Json, what: str) -> c.Author:
    found = _extensions(resource, "author")
    parts = (
        {p.get("url"): p.get("valueString") for p in (found[0].get("extension") or [])}
        if len(found) == 1
        else {}
    )
    name, initials = parts.get("name"), parts.get("initials")
    if not (isinstance(name, str) and name.strip() and isinstance(initials, str) and initials.strip()):
        raise _refuse(f"{what}: forfatteren mangler.")
    return c.Author(name.strip(), initials.strip()[:12])


class _Reader:
    def __init__(self, message: Json, kind: BundleKind) -> None:
        self.kind = kind
        self.resources = _Resources(message)
        self.goal_uids: set[str] = set()
        self.sub_goal_uids: set[str] = set()

    def citizen(self) -> c.CitizenData:
        patients = self.resources.of("Patient")
        if len(patients) != 1:
            raise _refuse("bundtet skal handle om præcis én borger.")
        p = patients[0]
        cprs = [i.get("value") for i in p.get("identifier") or [] if i.get("system") == m.CPR_SYSTEM]
        if len(cprs) != 1:
            raise _refuse("borgerens CPR-nummer mangler.")
        cpr = _rule("borgerens CPR-nummer", parse_cpr, cprs[0])
        names = p.get("name") or []
        name = _rule("borgerens navn", require_text, names[0].get("text") if names else None, "name", "Navn")
        area = _enum(_ext(p, "area", "valueCode"), Area, "borgerens område (børn/voksne)")
        groups = []
        for condition in self.resources.of("Condition"):
            if _record_kind(condition) == m.KIND_TARGET_GROUP:
                groups.append(
                    _catalog_code(
                        condition.get("code"), "ffb", "target_groups", "målgruppe", selectable=False
                    )
                )
        contacts = []
        for contact in p.get("contact") or []:
            relationship = (contact.get("relationship") or [{}])[0]
            kind = _enum(
                _code_in(relationship, m.CONTACT_KIND_SYSTEM),
                ContactKind,
                "kontaktens type",
                ContactKind.OTHER,
            )
            contact_name = _rule(
                "kontaktperson",
                require_text,
                (contact.get("name") or {}).get("text"),
                "contacts",
                "Kontaktens navn",
            )
            telecom = {t.get("system"): t.get("value") for t in contact.get("telecom") or []}
            contacts.append(
                c.ContactData(
                    kind, contact_name, relationship.get("text"), telecom.get("phone"), telecom.get("email")
                )
            )
        return c.CitizenData(
            uid=p["id"],
            cpr=cpr,
            name=name,
            area=area,
            department=_ext(p, "department", "valueString"),
            intake_date=_date(_ext(p, "intake-date", "valueDate"), "indflytningsdatoen"),
            end_date=_date(_ext(p, "end-date", "valueDate"), "fraflytningsdatoen"),
            caseworker_name=_ext(p, "caseworker-name", "valueString"),
            caseworker_contact=_ext(p, "caseworker-contact", "valueString"),
            acting_municipality=_ext(p, "acting-municipality", "valueString"),
            paying_municipality=_ext(p, "paying-municipality", "valueString"),
            diagnoses=_ext(p, "diagnoses", "valueString"),
            wishes=_ext(p, "wishes", "valueString"),
            target_groups=tuple(groups),
            contacts=tuple(contacts),
        )

    # -- orders and goals ----------------------------------------------------------------------

    def orders(self, citizen: c.CitizenData) -> tuple[c.OrderData, ...]:
        orders = []
        for plan in self.resources.of("CarePlan"):
            if plan.get("intent") != "order":
                continue
            what = "bestillingen"
            purpose = ""
            goals = []
            for reference in plan.get("goal") or []:
                goal = self.resources.by_id[self.resources.target(reference, "Goal")]  # type: ignore[index]
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
                need = self.resources.by_id[self.resources.target(reference, "Observation")]  # type: ignore[index]
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
        domain = None
        related = []
        baseline = None
        for address in goal.get("addresses") or []:
            condition = self.resources.by_id[self.resources.target(address, "Condition")]  # type: ignore[index]
            kind = _record_kind(condition)
            if kind == m.KIND_GOAL_DOMAIN:
                if domain is not None:
                    raise _refuse(f"{what} har mere end ét målområde.")
                codings = _codings(condition.get("code"))
                catalog_id = m.catalog_for_system(codings[0].get("system")) if len(codings) == 1 else None
                if catalog_id not in ("ffb", "ics", "aarhus"):
                    raise _refuse(f"{what}: målområdets kodesystem er ukendt.")
                domain = (catalog_id, codings[0].get("code"))
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
        position = _ext(goal, "position", "valueInteger") or default_position
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

    # -- the unit's records --------------------------------------------------------------------

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
                if code not in contexts_catalog:
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
                    goal_uid=goal_uid,  # type: ignore[arg-type]
                    position=_ext(goal, "position", "valueInteger") or 1,
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

    def _observations(self, kind: str) -> Iterable[Json]:
        return (o for o in self.resources.of("Observation") if _record_kind(o) == kind)

    def _focus(self, observation: Json, known: set[str], what: str, label: str) -> str:
        focus = observation.get("focus") or []
        if len(focus) != 1:
            raise _refuse(f"{what} skal handle om præcis ét {label}.")
        uid = self.resources.target(focus[0], "Goal")
        if uid not in known:
            raise _refuse(f"{what} handler om et {label}, der ikke er med i bundtet.")
        return uid  # type: ignore[return-value]

    def goal_statuses(self) -> tuple[c.GoalStatusData, ...]:
        sources = load_catalog("care_social").set("assessment_sources")
        result = []
        for o in self._observations(m.KIND_GOAL_STATUS):
            period = _ext(o, "period", "valueInteger")
            what = f"målstatus M{period}" if period else "en målstatus"
            goal_uid = self._focus(o, self.goal_uids, what, "indsatsmål")
            score = _score(o.get("valueCodeableConcept"), what)
            if score is None:
                raise _refuse(f"{what}: Målstatus skal have en score 0–4 eller »Ikke vurderet«.")
            if not isinstance(period, int) or period < 1:
                raise _refuse(f"{what}: perioden skal være M1 eller senere.")
            summary = _rule(what, require_text, _note_text(o), "summary", "Opsummering")
            assessed_on = _date(o.get("effectiveDateTime"), f"{what}s dato")
            if assessed_on is None:
                raise _refuse(f"{what} mangler sin dato.")
            source = _ext(o, "assessment-source", "valueCoding")
            source_code = source.get("code") if source else None
            if source_code is not None and source_code not in sources:
                raise _refuse(f"{what}: »{str(source_code)[:40]}« er ikke en gyldig kilde.")
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

    def journal_notes(self) -> tuple[c.JournalNoteData, ...]:
        result = []
        for o in self._observations(m.KIND_JOURNAL_NOTE):
            what = "et delmålsnotat"
            sub_goal_uid = self._focus(o, self.sub_goal_uids, what, "delmål")
            score = _score(o.get("valueCodeableConcept"), what)
            text = _rule(what, check_observation, _note_text(o), score)
            observed_at = _instant(o.get("effectiveDateTime"), f"{what}s tidspunkt")
            if observed_at is None:
                raise _refuse(f"{what} mangler sit tidspunkt.")
            result.append(
                c.JournalNoteData(
                    o["id"], sub_goal_uid, observed_at, _author(o, what), text, score, _legal(o, what)
                )
            )
        return tuple(result)

    def diary_notes(self) -> tuple[c.DiaryNoteData, ...]:
        from fko_desktop.ops.journal import is_diary_tag

        result = []
        for o in self._observations(m.KIND_DIARY_NOTE):
            what = "et dagbogsnotat"
            text = _rule(what, check_observation, _note_text(o), None)
            observed_at = _instant(o.get("effectiveDateTime"), f"{what}s tidspunkt")
            if observed_at is None:
                raise _refuse(f"{what} mangler sit tidspunkt.")
            tags = []
            for tag in _extensions(o, "diary-tag"):
                coding = tag.get("valueCoding") or {}
                catalog_id = m.catalog_for_system(coding.get("system"))
                # The same rule as the diary editor's, so an imported note is one this unit
                # could have written itself.
                if not is_diary_tag(catalog_id, coding.get("code")):
                    raise _refuse(
                        f"{what}: »{str(coding.get('code'))[:40]}« er ikke et gyldigt emne for dagbogen."
                    )
                tags.append((catalog_id, coding["code"]))
            result.append(
                c.DiaryNoteData(o["id"], observed_at, _author(o, what), text, tuple(tags), _legal(o, what))
            )  # type: ignore[arg-type]
        return tuple(result)

    def follow_ups(self, order_uids: set[str]) -> tuple[c.FollowUpData, ...]:
        sources = load_catalog("care_social").set("assessment_sources")
        by_encounter: dict[str, list[c.AssessmentData]] = {}
        decisions: dict[str, dict[str, str]] = {}
        for o in self.resources.of("Observation"):
            kind = _record_kind(o)
            if (
                kind not in (m.KIND_ASSESSMENT, m.KIND_SUPPORT_NEED, m.KIND_INTERVENTION_STATUS)
                or "encounter" not in o
            ):
                continue
            encounter = self.resources.target(o["encounter"], "Encounter")
            if kind == m.KIND_SUPPORT_NEED:
                decisions.setdefault(encounter, {})["support_need_code"] = _catalog_code(  # type: ignore[index]
                    o.get("valueCodeableConcept"), "ffb", "support_need", "opfølgningens støttebehov"
                )
                continue
            if kind == m.KIND_INTERVENTION_STATUS:
                decisions.setdefault(encounter, {})["intervention_status_code"] = _catalog_code(  # type: ignore[index]
                    o.get("valueCodeableConcept"), "ffb", "intervention_status", "status på indsats"
                )
                continue
            what = "en vurdering ved opfølgning"
            source = _ext(o, "assessment-source", "valueCoding")
            source_code = source.get("code") if source else None
            if source_code is not None and source_code not in sources:
                raise _refuse(f"{what}: »{str(source_code)[:40]}« er ikke en gyldig kilde.")
            by_encounter.setdefault(encounter, []).append(  # type: ignore[arg-type]
                c.AssessmentData(
                    uid=o["id"],
                    goal_uid=self._focus(o, self.goal_uids, what, "indsatsmål"),
                    role=_enum(_ext(o, "assessment-role", "valueCode"), AssessmentRole, "vurderingens rolle"),
                    score=_score(o.get("valueCodeableConcept"), what),
                    note=_note_text(o),
                    source_code=source_code,
                    agrees_with_status=_ext(o, "agrees-with-status", "valueBoolean"),
                    legal=_legal(o, what),
                )
            )
        result = []
        for e in self.resources.of("Encounter"):
            what = "en opfølgning"
            meeting = _date((e.get("period") or {}).get("start"), "opfølgningens mødedato")
            if meeting is None:
                raise _refuse(f"{what} mangler sin mødedato.")
            order_ref = _ext(e, "order", "valueReference")
            order_uid = self.resources.target(order_ref, "CarePlan", required=False) if order_ref else None
            if order_uid and order_uid not in order_uids:
                raise _refuse(f"{what} henviser til en bestilling, der ikke er med i bundtet.")
            assessments = by_encounter.pop(e["id"], [])
            seen = set()
            for a in assessments:
                if a.legal.withdrawn_at is None:
                    if (a.goal_uid, a.role) in seen:
                        raise _refuse("Hver rolle kan kun vurdere et mål én gang pr. opfølgning.")
                    seen.add((a.goal_uid, a.role))
            result.append(
                c.FollowUpData(
                    uid=e["id"],
                    meeting_date=meeting,
                    form=_enum(
                        _ext(e, "follow-up-form", "valueCode"),
                        FollowUpForm,
                        "opfølgningsformen",
                        FollowUpForm.MEETING,
                    ),
                    order_uid=order_uid,
                    invitation_date=_date(_ext(e, "invitation-date", "valueDate"), "indkaldelsesdatoen"),
                    report_sent_date=_date(
                        _ext(e, "report-sent-date", "valueDate"), "datoen for statusrapporten"
                    ),
                    caseworker_name=_ext(e, "caseworker-name", "valueString"),
                    agreements=_ext(e, "agreements", "valueString"),
                    agenda_points=_ext(e, "agenda-points", "valueString"),
                    held=bool(_ext(e, "held", "valueBoolean")),
                    assessments=tuple(assessments),
                    created_at=_instant(_ext(e, "created-at", "valueDateTime"), "opfølgningens oprettelse"),
                    **decisions.pop(e["id"], {}),
                )
            )
        if by_encounter or decisions:
            raise _refuse("en vurdering hører til en opfølgning, der ikke er med i bundtet.")
        return tuple(result)

    def uses_of_force(self) -> tuple[c.UseOfForceData, ...]:
        result = []
        for o in self._observations(m.KIND_USE_OF_FORCE):
            what = "en magtanvendelse"
            description = _rule(what, require_text, _note_text(o), "description", "Beskrivelse")
            result.append(
                c.UseOfForceData(
                    uid=o["id"],
                    kind=_enum(
                        _ext(o, "use-of-force-kind", "valueCode"), UseOfForceKind, "magtanvendelsens type"
                    ),
                    description=description,
                    occurred_on=_date(_ext(o, "occurred-on", "valueDate"), "datoen for magtanvendelsen"),
                    period_start=_date(_ext(o, "period-start", "valueDate"), "periodens start"),
                    period_end=_date(_ext(o, "period-end", "valueDate"), "periodens slutning"),
                    review_date=_date(_ext(o, "review-date", "valueDate"), "revurderingsdatoen"),
                    reported_to=_ext(o, "reported-to", "valueString"),
                    legal=_legal(o, what),
                )
            )
        return tuple(result)


def header_event(message: Json) -> tuple[str | None, str | None]:
    """The (system, code) of the MessageHeader's event; the header must be the first entry."""
    entries = message.get("entry") or []
    first = entries[0].get("resource") if entries else None
    if not isinstance(first, dict) or first.get("resourceType") != "MessageHeader":
        raise _refuse("bundtets første post skal være en MessageHeader.")
    coding = first.get("eventCoding") or {}
    return coding.get("system"), coding.get("code")


def from_fhir(message: Json, kind: BundleKind) -> c.BundleContent:
    if message.get("type") != "message":
        raise _refuse("FHIR-bundtet er ikke en meddelelse (type »message«).")
    if header_event(message) != m.EVENTS[kind.value]:
        raise _refuse("meddelelsens hændelse passer ikke til bundtets slags.")
    reader = _Reader(message, kind)
    citizen = reader.citizen()
    orders = reader.orders(citizen)
    order_uids = {o.uid for o in orders}
    if kind is BundleKind.ORDER and (len(orders) != 1 or not orders[0].goals):
        raise _refuse("en bestilling skal indeholde præcis én bestilling med mindst ét indsatsmål.")
    sub_goals = reader.sub_goals()
    content = c.BundleContent(
        kind=kind,
        citizen=citizen,
        orders=orders,
        plans=reader.plans(order_uids),
        sub_goals=sub_goals,
        journal_notes=reader.journal_notes(),
        diary_notes=reader.diary_notes(),
        goal_statuses=reader.goal_statuses(),
        follow_ups=reader.follow_ups(order_uids),
        uses_of_force=reader.uses_of_force(),
    )
    # Every text and date against the core's limits, before anything can be stored.
    check_content(content)
    return content
