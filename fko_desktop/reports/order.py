"""Bestilling: the authority's order as the caseworker's document reads — who it is for, who
sent it and when, the purpose, the services, each intervention goal with its scores, the
agreements and other needs.

Only what the authority ordered: the unit's plan and sub-goals belong in the plan report.
An order bundle carries this document as ``pdf/bestilling.pdf``.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from fko_desktop.models.enums import Area, OrderState
from fko_desktop.models.scores import ScoreStyle
from fko_desktop.reports.common import (
    CONTENT_WIDTH,
    NONE_TEXT,
    build_pdf,
    date_text,
    facts_table,
    grid_table,
    heading,
    labelled,
    para,
    scale_note,
    styles,
    text_block,
    title_block,
)
from fko_desktop.reports.model import GoalFacts, OrderLink, OrderReport
from fko_desktop.reports.sections import (
    author,
    goal_rows,
    goal_text,
    meeting_text,
    municipality_text,
    page_info,
    sender_text,
    service_period,
)

TITLE = "Bestilling"


def render(report: OrderReport) -> bytes:
    info = page_info(report.header, f"Bestilling modtaget {date_text(report.order.received_date)}")
    return build_pdf(story(report), info, author=author(report.header))


def link_date(link: OrderLink) -> str:
    """An order is named by the day it arrived; the meeting date when that is not known."""
    return date_text(link.received_date or link.meeting_date)


def state_text(report: OrderReport) -> str:
    """The order's state in words, with the order it replaces or that replaced it."""
    order = report.order
    parts = [order.state_label]
    if order.state is OrderState.RETURNED and order.returned_date:
        parts[0] += f" {date_text(order.returned_date)}"
    if report.replaced_by is not None:
        # The state label already says "Erstattet af ny bestilling"; add which one.
        parts[0] += f" af {link_date(report.replaced_by)}"
    if report.replaces is not None:
        parts.append(f"erstatter bestillingen af {link_date(report.replaces)}")
    return "; ".join(parts)


def _subtitle(report: OrderReport) -> str:
    order = report.order
    sender = escape(order.sender_organisation or order.sender_name or "myndigheden")
    if order.received_date is None:
        return f"Fra {sender}"
    return f"Modtaget {date_text(order.received_date)} fra {sender}"


def story(report: OrderReport) -> list[Flowable]:
    s = styles()
    order, citizen = report.order, report.citizen
    style = report.header.style
    out: list[Flowable] = [*title_block(TITLE, _subtitle(report))]

    out += heading("Borger")
    out.append(
        facts_table(
            [
                ("Navn", citizen.name),
                ("CPR-nummer", citizen.cpr),
                ("Område", citizen.area.label),
                ("Kommune", municipality_text(citizen)),
            ]
        )
    )

    out += heading("Bestillingen")
    rows: list[tuple[str, object]] = [
        ("Afsender (sagsbehandler)", sender_text(order)),
        ("Møde", meeting_text(order)),
        ("Modtaget", date_text(order.received_date)),
        ("Status", state_text(report)),
    ]
    if order.state is OrderState.RETURNED and order.return_reason:
        rows.append(("Begrundelse for retur", order.return_reason))
    if citizen.area is Area.ADULTS:
        # FFB's støttebehov is the authority's assessment of adults only.
        rows.append(("Støttebehov", order.support_need or "Ikke angivet i bestillingen"))
    out.append(facts_table(rows))

    out += heading("Indsatsformål")
    if order.purpose.strip():
        out.append(para(order.purpose))
    else:
        out.append(para("Bestillingen har intet formål skrevet.", s.note))

    if order.services:
        out += heading("Ydelser")
        out.append(
            grid_table(
                ["Ydelse", "Lovgrundlag", "Periode"],
                [[sv.name, sv.legal_basis or NONE_TEXT, service_period(sv)] for sv in order.services],
                [CONTENT_WIDTH - 80 * mm, 35 * mm, 45 * mm],
            )
        )

    out += heading("Indsatsmål")
    if not report.goals:
        out.append(para("Bestillingen har ingen indsatsmål.", s.note))
    for goal in report.goals:
        out += _goal(goal, style)
    if report.goals:
        out.append(para(scale_note(style), s.small))

    out += heading("Aftaler og andre behov")
    out += text_block("Aftaler mellem myndighed og udfører", order.agreements,
                      empty="Bestillingen nævner ingen aftaler.")  # fmt: skip
    out += text_block("Andre behov (uden indsatsmål)", order.other_needs,
                      empty="Bestillingen nævner ingen andre behov.")  # fmt: skip
    return out


def _goal(goal: GoalFacts, style: ScoreStyle) -> list[Flowable]:
    out: list[Flowable] = [*heading(f"Indsatsmål {goal.number}", 2), goal_text(goal)]
    out.append(facts_table(goal_rows(goal, style=style)))
    if goal.justification:
        out.append(labelled("Begrundelse", goal.justification))
    return out
