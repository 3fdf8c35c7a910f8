"""The plan (handleplan / pædagogisk plan) as printed for a plan meeting."""

from __future__ import annotations

from reportlab.platypus import Flowable

from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.enums import Area
from fko_desktop.models.scores import ScoreStyle
from fko_desktop.reports.common import (
    NONE_TEXT,
    build_pdf,
    date_text,
    datetime_text,
    facts_table,
    heading,
    labelled,
    para,
    scale_note,
    styles,
    text_block,
    title_block,
)
from fko_desktop.reports.model import GoalFacts, PlanReport
from fko_desktop.reports.sections import (
    author,
    citizen_facts_table,
    goal_rows,
    goal_text,
    order_rows,
    page_info,
)


def render(report: PlanReport) -> bytes:
    info = page_info(report.header, "Handleplan / pædagogisk plan")
    return build_pdf(story(report), info, author=author(report.header))


def _subtitle(report: PlanReport) -> str:
    plan = report.plan
    if plan is None:
        return "Ingen plan oprettet endnu"
    made = f"Oprettet {datetime_text(plan.created_at).split(' kl.')[0]}"
    if plan.created_by:
        made += f" af {plan.created_by}"
    parts = [made, f"Status: {plan.state_label}"]
    if plan.updated_at:
        parts.append(f"Senest ændret {datetime_text(plan.updated_at).split(' kl.')[0]}")
    return " · ".join(parts)


def story(report: PlanReport) -> list[Flowable]:
    s = styles()
    plan, order = report.plan, report.order
    out: list[Flowable] = [*title_block("Handleplan / pædagogisk plan", _subtitle(report))]
    if plan is None and order is None:
        out.append(para("Borgeren har hverken en plan eller en bestilling endnu.", s.note))
    elif plan is None:
        out.append(
            para(
                "Der er endnu ikke oprettet en plan for borgeren. Nedenfor vises bestillingens "
                "formål og indsatsmål.",
                s.note,
            )
        )

    # Front page: the background facts.
    out += heading("Baggrundsoplysninger")
    plan_rows: list[tuple[str, object]] = []
    if plan is not None:
        made = datetime_text(plan.created_at).split(" kl.")[0]
        plan_rows.append(("Plan oprettet", f"{made} af {plan.created_by}" if plan.created_by else made))
        plan_rows.append(("Ansvarlig for planen", plan.responsible or NONE_TEXT))
    out.append(citizen_facts_table(report.citizen, plan_rows))
    if plan is not None:
        out += text_block("Baggrund", plan.background)
        out += text_block(_section("praesentation", report.citizen.area), plan.presentation)
        out += text_block(_section("tidligere_indsatser", report.citizen.area), plan.earlier_interventions)

    # Purpose with the unit's and the citizen's additions.
    out += heading("Formål")
    if order is not None:
        out += text_block(
            "Kommunens formål med indsatsen", order.purpose, empty="Bestillingen har intet formål skrevet."
        )
    else:
        out.append(para("Der er ingen bestilling, og derfor intet formål fra kommunen.", s.note))
    if plan is not None:
        out += text_block(_section("formaal_tilbud", report.citizen.area), plan.purpose_unit_addition)
        out += text_block(
            _section("formaal_barn_foraeldre", report.citizen.area), plan.purpose_citizen_addition
        )
    if order is not None:
        out += heading("Bestillingen", 2)
        out.append(facts_table(order_rows(order)))

    out += heading("Indsatsmål og delmål")
    if not report.goals:
        out.append(para("Der er ingen indsatsmål.", s.note))
    for goal in report.goals:
        out += _goal(goal, report.header.style)
    if report.goals:
        # The same key as the order's: which end of the scale is best, in the numbers printed.
        out.append(para(scale_note(report.header.style), s.small))

    if plan is not None and plan.contexts:
        out += heading("Planens kontekster")
        for context in plan.contexts:
            out += heading(context.title, 2)
            for label, text in context.fields:
                out += text_block(label, text)
    if plan is not None and plan.use_of_force_prevention:
        out += heading("Magtanvendelse")
        out += text_block("Forebyggelse af magtanvendelse", plan.use_of_force_prevention)
    return out


def _section(code: str, area: Area) -> str:
    """The plan section's name as the window shows it (children's or adults' wording)."""
    entry = load_catalog("specialsektoren").set("plan_sections").get(code)
    if entry is None:  # the report's own section codes: the shipped catalog lacks one
        raise LookupError(f"plan section {code!r} is not in the specialsektoren catalog")
    return entry.display_for(area.value)


def _goal(goal: GoalFacts, style: ScoreStyle) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [*heading(f"Indsatsmål {goal.number}", 2), goal_text(goal)]
    out.append(facts_table(goal_rows(goal, style=style)))
    if goal.justification:
        out.append(labelled("Begrundelse", goal.justification))
    if not goal.sub_goals:
        out.append(para("Der er endnu ikke formuleret delmål til dette indsatsmål.", s.note))
    for sub in goal.sub_goals:
        out.append(para(f"Delmål {sub.number}: {sub.text}", s.h3))
        out.append(labelled("Begrundelse", sub.justification, s.body))
        out.append(labelled("Metode", sub.method, s.body))
        span = f"fra {date_text(sub.start_date)}"
        if sub.end_date:
            span += f" til {date_text(sub.end_date)}"
        facts = f"{sub.state_label}, {span}"
        if sub.responsible:
            facts += f" · ansvarlig: {sub.responsible}"
        out.append(labelled("Status", facts, s.small))
    return out
