"""FKO content → a FHIR R4 message Bundle (a plain dict, ready for ``json.dumps``).

The mapping table is in docs/bundle-format.md; the national parts follow KL's FFB messaging
guide and KL's care-social profiles (see ``fhir_map``).

The writing is split by the part of the bundle it writes, each a part of ``_Writer`` in a module
of its own: ``fhir_out_citizen`` (the Patient), ``fhir_out_order`` (the order and its goals),
``fhir_out_status`` (the unit's plan, sub-goals and målstatus), ``fhir_out_journal`` (the notes
and the uses of force) and ``fhir_out_follow_up`` (the follow-ups), with what they share in
``fhir_out_common``.
"""

from __future__ import annotations

from typing import Any

from fko_desktop.exchange import content as c
from fko_desktop.exchange import fhir_map as m
from fko_desktop.exchange.fhir_out_citizen import _CitizenOut
from fko_desktop.exchange.fhir_out_common import Json, _coding, instant, level
from fko_desktop.exchange.fhir_out_follow_up import _FollowUpOut
from fko_desktop.exchange.fhir_out_journal import _JournalOut
from fko_desktop.exchange.fhir_out_order import _OrderOut
from fko_desktop.exchange.fhir_out_status import _StatusOut
from fko_desktop.exchange.format import Manifest

__all__ = ["instant", "level", "to_fhir"]


class _Writer(_CitizenOut, _OrderOut, _StatusOut, _JournalOut, _FollowUpOut):
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
