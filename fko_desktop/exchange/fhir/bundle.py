"""The whole FHIR R4 message Bundle, both ways: FKO content → a Bundle (a plain dict, ready for
``json.dumps``), and a Bundle → FKO content, refusing anything that breaks an FKO rule.

The mapping table is in docs/bundle-format.md; the national parts follow KL's FFB messaging
guide and KL's care-social profiles (see ``map``).

Writing and reading are each composed here from one part per resource module: ``citizen`` (the
Patient), ``order`` (the order and its goals), ``status`` (the unit's plan, sub-goals and
målstatus), ``journal`` (the notes and the uses of force) and ``follow_up`` (the follow-ups),
with what they share in ``common``. This module adds what belongs to the bundle as a whole: the
MessageHeader, the sender and receiver Organizations, and the order of the parts.

Reading runs after ``validate.validate_fhir`` (so every element has its FHIR type) and before the
unit file is touched. The rules are the product's own, reused from ``fko_desktop.models`` and the
operations (scores, CPR numbers, observations, catalog codes, goal fields), so a bundle can
bring nothing a user could not have typed.
"""

from __future__ import annotations

from typing import Any

from fko_desktop.exchange import content as c
from fko_desktop.exchange.bounds import check_content
from fko_desktop.exchange.fhir import map as m
from fko_desktop.exchange.fhir.assessment import AssessmentIn, AssessmentOut
from fko_desktop.exchange.fhir.citizen import CitizenIn, CitizenOut
from fko_desktop.exchange.fhir.common import Json, coding, instant, refuse
from fko_desktop.exchange.fhir.follow_up import FollowUpIn, FollowUpOut
from fko_desktop.exchange.fhir.journal import JournalIn, JournalOut
from fko_desktop.exchange.fhir.order import OrderIn, OrderOut
from fko_desktop.exchange.fhir.status import StatusIn, StatusOut
from fko_desktop.exchange.format import BundleKind, Manifest

# == writing ======================================================================================


class _Writer(CitizenOut, OrderOut, StatusOut, JournalOut, FollowUpOut, AssessmentOut):
    """The whole bundle, written part by part; ``to_fhir`` calls the parts in the order of the
    bundle's entries (the citizen, the orders and plans, then the records about them)."""


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
    for diary_note in content.diary_notes:
        writer.diary_note(diary_note)
    for record in content.uses_of_force:
        writer.use_of_force(record)
    for assessment in content.status_assessments:
        writer.status_assessment(assessment)

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
        "eventCoding": coding(system, event),
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


# == reading ======================================================================================


class _Reader(CitizenIn, OrderIn, StatusIn, JournalIn, FollowUpIn, AssessmentIn):
    """The whole bundle, read part by part; ``from_fhir`` calls the parts in the order the
    records point at each other (goals before sub-goals before notes)."""


def header_event(message: Json) -> tuple[str | None, str | None]:
    """The (system, code) of the MessageHeader's event; the header must be the first entry."""
    entries = message.get("entry") or []
    first = entries[0].get("resource") if entries else None
    if not isinstance(first, dict) or first.get("resourceType") != "MessageHeader":
        raise refuse("bundtets første post skal være en MessageHeader.")
    event = first.get("eventCoding") or {}
    return event.get("system"), event.get("code")


def from_fhir(message: Json, kind: BundleKind) -> c.BundleContent:
    if message.get("type") != "message":
        raise refuse("FHIR-bundtet er ikke en meddelelse (type »message«).")
    if header_event(message) != m.EVENTS[kind.value]:
        raise refuse("meddelelsens hændelse passer ikke til bundtets slags.")
    reader = _Reader(message, kind)
    citizen = reader.citizen()
    orders = reader.orders(citizen)
    order_uids = {o.uid for o in orders}
    if kind is BundleKind.ORDER and (len(orders) != 1 or not orders[0].goals):
        raise refuse("en bestilling skal indeholde præcis én bestilling med mindst ét indsatsmål.")
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
        status_assessments=reader.status_assessments(),
    )
    # Every text and date against the core's limits, before anything can be stored.
    check_content(content)
    return content
