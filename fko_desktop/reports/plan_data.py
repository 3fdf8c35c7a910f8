"""What the plan (``plan.py``) shows, gathered from a session: the plan, its order and goals."""

from __future__ import annotations

from sqlalchemy.orm import Session

from fko_desktop.models import InterventionGoal, Order, Plan
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.reports.gather import (
    _citizen,
    _citizen_facts,
    _goal_facts,
    _header,
    _latest_plan,
    _numbered,
    _order_facts,
    _own_goal,
    _refuse_sub_goal,
    _staff_names,
    _today,
    current_order,
)
from fko_desktop.reports.model import ContextText, PlanFacts, PlanReport
from fko_desktop.reports.options import ReportKind, ReportOptions


def gather_plan(session: Session, citizen_id: int, options: ReportOptions) -> PlanReport:
    _refuse_sub_goal(options, ReportKind.PLAN)
    citizen = _citizen(session, citizen_id)
    today = _today(options)
    staff = _staff_names(session)
    plan = _latest_plan(session, citizen.id)
    order = (
        session.get(Order, plan.order_id) if plan and plan.order_id else current_order(session, citizen.id)
    )
    goals: list[InterventionGoal] = list(order.goals) if order is not None else []
    if options.goal_id is not None:
        goals = [_own_goal(session, citizen.id, options.goal_id)]
    return PlanReport(
        header=_header(session, ReportKind.PLAN, citizen, options, today),
        citizen=_citizen_facts(citizen, options),
        plan=_plan_facts(plan, staff) if plan is not None else None,
        order=_order_facts(order) if order is not None else None,
        goals=tuple(_goal_facts(g, number, staff) for number, g in _numbered(goals)),
    )


def _plan_facts(plan: Plan, staff: dict[int, str]) -> PlanFacts:
    contexts_catalog = load_catalog("specialsektoren")
    context_set = contexts_catalog.set("contexts")
    order = {code: i for i, code in enumerate(context_set.codes())}
    field_labels = [e.display for e in contexts_catalog.set("context_fields")]
    contexts = []
    for ctx in sorted(plan.contexts, key=lambda c: (order.get(c.context_code, len(order)), c.id)):
        values = (ctx.resources_and_challenges, ctx.support_need, ctx.goals_and_sub_goals, ctx.evaluation)
        filled = tuple(
            (label, text.strip())
            for label, text in zip(field_labels, values, strict=True)
            if text and text.strip()
        )
        if filled:  # only contexts with content are printed
            contexts.append(ContextText(context_set.display(ctx.context_code), filled))
    return PlanFacts(
        state_label=plan.state.label,
        created_at=plan.created_at,
        created_by=staff.get(plan.created_by_id) if plan.created_by_id else None,
        updated_at=plan.updated_at,
        responsible=staff.get(plan.responsible_id) if plan.responsible_id else None,
        background=plan.background,
        purpose_unit_addition=plan.purpose_unit_addition,
        purpose_citizen_addition=plan.purpose_citizen_addition,
        presentation=plan.presentation,
        earlier_interventions=plan.earlier_interventions,
        use_of_force_prevention=plan.use_of_force_prevention,
        contexts=tuple(contexts),
    )
