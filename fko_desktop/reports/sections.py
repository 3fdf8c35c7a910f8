"""Blocks more than one report prints: the citizen's facts, the order, a goal's facts, the graph.

Each function takes the plain dataclasses from ``model.py`` and returns flowables.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Spacer

from fko_desktop.models.enums import Area, OrderState
from fko_desktop.models.scores import ScoreStyle
from fko_desktop.reports.common import (
    CONTENT_WIDTH,
    NONE_TEXT,
    PageInfo,
    date_text,
    facts_table,
    para,
    scale_note,
    styles,
)
from fko_desktop.reports.graph import goal_status_drawing, missing_note, not_assessed_note
from fko_desktop.reports.model import (
    CitizenFacts,
    Contact,
    GoalFacts,
    GoalSeries,
    OrderFacts,
    ReportHeader,
    ServiceFacts,
)


def page_info(header: ReportHeader, subject: str) -> PageInfo:
    return PageInfo(
        title=header.title,
        citizen_name=header.citizen_name,
        cpr=header.cpr,
        unit_name=header.unit_name,
        printed_on=header.printed_on,
        printed_by=header.printed_by,
        subject=subject,
    )


def author(header: ReportHeader) -> str:
    """The PDF's author: the person who printed it, on behalf of the unit."""
    if header.printed_by:
        return f"{header.printed_by}, {header.unit_name}" if header.unit_name else header.printed_by
    return header.unit_name or "FKO Desktop"


def contacts_text(contacts: Sequence[Contact]) -> str:
    """ "Name (relation, phone)" per line; a dash when there is nobody."""
    lines = []
    for c in contacts:
        extra = ", ".join(x for x in (c.relation, c.phone, c.email) if x)
        lines.append(f"{c.name} ({extra})" if extra else c.name)
    return "\n".join(lines) or NONE_TEXT


def municipality_text(citizen: CitizenFacts) -> str:
    """One line when the acting and paying municipality are the same (the usual case)."""
    acting, paying = citizen.acting_municipality, citizen.paying_municipality
    if acting and paying and acting == paying:
        return f"{acting} (handle- og betalingskommune)"
    return f"Handlekommune: {acting or NONE_TEXT}\nBetalingskommune: {paying or NONE_TEXT}"


def caseworker_text(citizen: CitizenFacts) -> str:
    parts = [p for p in (citizen.caseworker_name, citizen.caseworker_contact) if p]
    return ", ".join(parts) or NONE_TEXT


def guardian_label(area: Area) -> str:
    return "Forældremyndighed" if area is Area.CHILDREN else "Værge"


def meeting_text(order: OrderFacts) -> str:
    meeting = date_text(order.meeting_date)
    if order.meeting_kind:
        meeting += f" ({order.meeting_kind})"
    return meeting


def sender_text(order: OrderFacts) -> str:
    """The caseworker and the organisation the order came from."""
    return ", ".join(x for x in (order.sender_name, order.sender_organisation) if x) or NONE_TEXT


def service_period(service: ServiceFacts) -> str:
    if service.start_date is None and service.end_date is None:
        return NONE_TEXT
    if service.end_date is None:
        return f"fra {date_text(service.start_date)}"
    return f"{date_text(service.start_date)} – {date_text(service.end_date)}"


def service_text(service: ServiceFacts) -> str:
    """ "Anbringelse på døgninstitution (SEL § 66), fra 18.12.2024" on one line."""
    text = f"{service.name} ({service.legal_basis})" if service.legal_basis else service.name
    period = service_period(service)
    return text if period == NONE_TEXT else f"{text}, {period}"


def order_rows(order: OrderFacts) -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = [
        ("Bestilling modtaget", f"{date_text(order.received_date)} · {order.state_label}"),
        ("Møde", meeting_text(order)),
        ("Afsender", sender_text(order)),
    ]
    if order.support_need:
        rows.append(("Støttebehov", order.support_need))
    if order.services:
        rows.append(("Ydelser", "\n".join(service_text(s) for s in order.services)))
    if order.agreements:
        rows.append(("Aftaler", order.agreements))
    if order.other_needs:
        rows.append(("Andre behov", order.other_needs))
    return rows


def goal_rows(goal: GoalFacts, *, style: ScoreStyle) -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = [
        ("Område", goal.domain),
        ("Måltype", goal.goal_type),
        ("Udgangspunkt (baseline)", style.text(goal.baseline)),
        ("Mål (target)", style.text(goal.target)),
        ("Startdato", date_text(goal.start_date)),
    ]
    if goal.follow_up_date:
        rows.append(("Opfølgning", date_text(goal.follow_up_date)))
    if goal.end_date:
        ended = date_text(goal.end_date)
        if goal.order_state is OrderState.REPLACED:
            ended += " (bestillingen er erstattet af en ny)"
        rows.append(("Afsluttet", ended))
    if goal.responsible:
        rows.append(("Ansvarlig", goal.responsible))
    if goal.related_themes:
        rows.append(("Relaterede temaer", ", ".join(goal.related_themes)))
    return rows


def goal_text(goal: GoalFacts) -> Flowable:
    return para(goal.text, styles().h3)


def graph_parts(
    series: GoalSeries, *, style: ScoreStyle, show_outcome: bool = True, caption: str | None = None
) -> list[Flowable]:
    """The graph with its key. Callers wrap it in one KeepTogether with whatever must stay
    beside it: reportlab's KeepTogether cannot be nested (the inner one always asks to split)."""
    s = styles()
    parts: list[Flowable] = []
    if caption:
        parts.append(para(caption, s.h3))
    parts.append(
        goal_status_drawing(series, width=CONTENT_WIDTH, one_based=style.one_based, show_outcome=show_outcome)
    )
    for note in (missing_note(series), not_assessed_note(series)):
        if note:
            parts.append(para(note, s.small))
    parts.append(para(scale_note(style), s.small))
    parts.append(Spacer(1, 4))
    return parts


def citizen_facts_table(citizen: CitizenFacts, extra: Sequence[tuple[str, object]] = ()) -> Flowable:
    rows: list[tuple[str, object]] = [
        ("Navn", citizen.name),
        ("CPR-nummer", citizen.cpr),
        ("Område", citizen.area.label),
        ("Afdeling", citizen.department),
        ("Indflytningsdato", date_text(citizen.intake_date)),
    ]
    if citizen.end_date:
        rows.append(("Fraflytningsdato", date_text(citizen.end_date)))
    rows += [
        *extra,
        ("Kontaktpersoner", contacts_text(citizen.contact_persons)),
        (guardian_label(citizen.area), contacts_text(citizen.guardians)),
    ]
    if citizen.others:
        rows.append(("Pårørende og andre", contacts_text(citizen.others)))
    rows += [
        ("Sagsbehandler", caseworker_text(citizen)),
        ("Kommune", municipality_text(citizen)),
    ]
    return facts_table(rows)
