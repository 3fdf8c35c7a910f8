"""A FHIR message Bundle → FKO content, refusing anything that breaks an FKO rule.

Runs after ``validate.validate_fhir`` (so every element has its FHIR type) and before the unit
file is touched. The rules are the product's own, reused from ``fko_desktop.models`` and the
operations (scores, CPR numbers, observations, catalog codes, goal fields), so a bundle can
bring nothing a user could not have typed.

The reading is split by the part of the bundle it reads, each a part of ``_Reader`` in a module
of its own: ``fhir_in_citizen`` (the Patient), ``fhir_in_order`` (the order and its goals),
``fhir_in_status`` (the unit's plan, sub-goals and målstatus), ``fhir_in_journal`` (the notes
and the uses of force) and ``fhir_in_follow_up`` (the follow-ups), with what they share in
``fhir_in_common``.
"""

from __future__ import annotations

from fko_desktop.exchange import content as c
from fko_desktop.exchange import fhir_map as m
from fko_desktop.exchange.bounds import check_content
from fko_desktop.exchange.fhir_in_citizen import _CitizenIn
from fko_desktop.exchange.fhir_in_common import Json, _refuse
from fko_desktop.exchange.fhir_in_follow_up import _FollowUpIn
from fko_desktop.exchange.fhir_in_journal import _JournalIn
from fko_desktop.exchange.fhir_in_order import _OrderIn
from fko_desktop.exchange.fhir_in_status import _StatusIn
from fko_desktop.exchange.format import BundleKind


class _Reader(_CitizenIn, _OrderIn, _StatusIn, _JournalIn, _FollowUpIn):
    """The whole bundle, read part by part; ``from_fhir`` calls the parts in the order the
    records point at each other (goals before sub-goals before notes)."""


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
