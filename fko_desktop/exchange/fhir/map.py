"""The FHIR vocabulary both directions share: code systems, national codes, extension URLs.

National first: KL Terminologi's FFB and CareSocialCodes code systems (the URLs our catalogs
carry), KL's profiles' structure (Goal category "FFB indsatsmål", target slices for function
level and goal type, Condition for the function level the goal addresses, ConditionRank), the
core ``goal-relationship`` extension KL uses for sub-goals, and the FFB messaging event
``ffb-order``. Where KL's profiles have no place for an FKO field, an extension below names it;
docs/bundle-format.md lists every one with its meaning.
"""

from __future__ import annotations

import uuid

from fko_desktop.models.catalogs import load_catalog

FFB_SYSTEM = "urn:oid:1.2.208.176.2.22"
CARE_SOCIAL_SYSTEM = "http://fhir.kl.dk/term/CodeSystem/CareSocialCodes"
CPR_SYSTEM = "urn:oid:1.2.208.176.1.2"
UUID_SYSTEM = "urn:ietf:rfc:3986"
UNIT_SYSTEM = "urn:fko-desktop:unit"
FFB_MESSAGE_EVENTS = "http://ffb/messaging/kl.dk/1.0/CodeSystem/kl-messaging-ffb-messageEventSystem"
FKO_MESSAGE_EVENTS = "urn:fko-desktop:fhir:CodeSystem:message-event"
RECORD_KIND_SYSTEM = "urn:fko-desktop:fhir:CodeSystem:record-kind"
CONTACT_KIND_SYSTEM = "urn:fko-desktop:fhir:CodeSystem:contact-kind"
ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
GOAL_RELATIONSHIP_TYPES = "http://terminology.hl7.org/CodeSystem/goal-relationship-type"

GOAL_RELATIONSHIP_EXT = "http://hl7.org/fhir/StructureDefinition/goal-relationship"
CONDITION_RANK_EXT = "http://kl.dk/fhir/common/caresocial/StructureDefinition/ConditionRank"

# CareSocialCodes
GOAL_CATEGORY_INTERVENTION = ("0bb3daef-538d-45dc-b444-abdbcb63f6bc", "FFB indsatsmål")
GOAL_CATEGORY_SUB_GOAL = ("6746d4af-145a-4bfd-a672-05c0cf11b53b", "FFB delmål")
GOAL_CATEGORY_PURPOSE = ("424827b1-23aa-4848-962b-56ee47def560", "Indsatsformål")
MEASURE_FUNCTION_LEVEL = ("66959f77-6e2a-4574-8423-3ff097f8b9fa", "funktionsevneniveau")
MEASURE_GOAL_TYPE = ("90c48f03-f194-4b2f-ad7d-6cba1069ae48", "måltype")
CAREPLAN_CATEGORY_SOCIAL = ("e459386d-1474-4c31-89c5-c8bc7a25e3d4", "Social indsats")
EVALUATION_SUPPORT_NEED = ("effe55c7-572c-4a99-8fb4-2a9dda2f6572", "FFB støttebehovsvurdering")
SOURCE_CITIZEN = ("25b4e705-2e9a-47a2-b11a-c829316b9d3a", "Borger")
# FFB
INTERVENTION_STATUS = ("90479ffa-bf46-4b3a-a172-91f2798e2a43", "Status på indsats")

ORDER_EVENT = "ffb-order"
EVENTS = {
    "order": (FFB_MESSAGE_EVENTS, ORDER_EVENT),
    "status": (FKO_MESSAGE_EVENTS, "fko-status"),
    "followup": (FKO_MESSAGE_EVENTS, "fko-followup"),
    "transfer": (FKO_MESSAGE_EVENTS, "fko-transfer"),
}

# record-kind codes: what an Observation, Condition or CarePlan is in FKO terms.
KIND_GOAL_STATUS = "goal-status"
KIND_JOURNAL_NOTE = "journal-note"
KIND_DIARY_NOTE = "diary-note"
KIND_ASSESSMENT = "follow-up-assessment"
KIND_USE_OF_FORCE = "use-of-force"
KIND_TARGET_GROUP = "target-group"
KIND_GOAL_DOMAIN = "goal-domain"
KIND_RELATED_THEME = "related-theme"
KIND_UNIT_PLAN = "unit-plan"
KIND_SUPPORT_NEED = "support-need"
KIND_INTERVENTION_STATUS = "intervention-status"
KIND_UNIT_ASSESSMENT = "unit-assessment"
RECORD_KIND_DISPLAY = {
    KIND_GOAL_STATUS: "Målstatus",
    KIND_JOURNAL_NOTE: "Delmålsnotat",
    KIND_DIARY_NOTE: "Beboerdagbogsnotat",
    KIND_ASSESSMENT: "Vurdering ved opfølgning",
    KIND_USE_OF_FORCE: "Magtanvendelse",
    KIND_TARGET_GROUP: "Målgruppe",
    KIND_GOAL_DOMAIN: "Målets område og udgangspunkt",
    KIND_RELATED_THEME: "Relateret tema",
    KIND_UNIT_PLAN: "Handleplan / pædagogisk plan",
    KIND_SUPPORT_NEED: "Støttebehov",
    KIND_INTERVENTION_STATUS: "Status på indsats",
    KIND_UNIT_ASSESSMENT: "Bostedets vurdering",
}

_EXT = "urn:fko-desktop:fhir:extension:"


def ext_url(name: str) -> str:
    return _EXT + name


def derived_id(parent_uid: str, role: str) -> str:
    """A stable id for a resource FKO keeps as part of a record (an order's purpose Goal, a
    goal's domain Condition …): the same record always gives the same FHIR id."""
    return str(uuid.uuid5(uuid.UUID(parent_uid), role))


def ref(resource_id: str) -> dict[str, str]:
    return {"reference": f"urn:uuid:{resource_id}"}


def catalog_system(catalog_id: str) -> str:
    system = load_catalog(catalog_id).system
    assert system, f"catalog {catalog_id} has no system URI"
    return system


_SYSTEM_CATALOGS: dict[str, str] | None = None


def catalog_for_system(system: str | None) -> str | None:
    global _SYSTEM_CATALOGS
    if _SYSTEM_CATALOGS is None:
        _SYSTEM_CATALOGS = {
            catalog_system(catalog_id): catalog_id
            for catalog_id in ("ffb", "care_social", "ics", "aarhus", "specialsektoren")
        }
    return _SYSTEM_CATALOGS.get(system or "")
