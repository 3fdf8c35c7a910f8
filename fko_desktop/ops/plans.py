"""The unit's plan (Specialsektoren model) and its sub-goals (delmål)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from fko_desktop.errors import ValidationError
from fko_desktop.models import (
    Actor,
    InterventionGoal,
    Order,
    Plan,
    PlanContext,
    SubGoal,
    SubGoalEvaluation,
)
from fko_desktop.models.base import utc_now
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.enums import PlanState, SubGoalState
from fko_desktop.models.validation import missing_sub_goals, require_text
from fko_desktop.ops.base import Changed, clean_text, get_or_refuse
from fko_desktop.storage.unitfile import UnitFile

PLAN_TEXT_FIELDS = {
    "background",
    "purpose_unit_addition",
    "purpose_citizen_addition",
    "presentation",
    "earlier_interventions",
    "use_of_force_prevention",
    "responsible_id",
}
CONTEXT_FIELDS = ("resources_and_challenges", "support_need", "goals_and_sub_goals", "evaluation")


def create_plan(
    unit: UnitFile, actor: Actor, citizen_id: int, *, order_id: int | None = None, **fields: object
) -> Changed[Plan]:
    """Start a plan (as a draft) that carries over the order's purpose and goals."""
    clean = _plan_fields(fields)
    with unit.write(actor) as session:
        if order_id is not None:
            order = get_or_refuse(session, Order, order_id)
            if order.citizen_id != citizen_id:
                raise ValidationError("Bestillingen tilhører en anden borger.")
        plan = Plan(citizen_id=citizen_id, order_id=order_id, **clean)
        session.add(plan)
        session.flush()
    return Changed(plan, "plan", citizen_id)


def _plan_fields(fields: dict[str, object]) -> dict[str, object]:
    unknown = set(fields) - PLAN_TEXT_FIELDS
    if unknown:
        raise ValueError(f"unknown plan fields: {sorted(unknown)}")
    return {k: clean_text(v) if isinstance(v, str) else v for k, v in fields.items()}


def update_plan(unit: UnitFile, actor: Actor, plan_id: int, **fields: object) -> Changed[Plan]:
    clean = _plan_fields(fields)
    with unit.write(actor) as session:
        plan = get_or_refuse(session, Plan, plan_id)
        for key, value in clean.items():
            setattr(plan, key, value)
        plan.updated_at = utc_now()
    return Changed(plan, "plan", plan.citizen_id)


def set_plan_context(
    unit: UnitFile, actor: Actor, plan_id: int, context_code: str, **fields: str | None
) -> Changed[PlanContext]:
    """Write the four fields of one plan context (Familieforhold, Sundhedsforhold, …)."""
    if context_code not in load_catalog("specialsektoren").set("contexts"):
        raise ValidationError(f"»{context_code}« er ikke en kontekst i planmodellen.", field="context")
    unknown = set(fields) - set(CONTEXT_FIELDS)
    if unknown:
        raise ValueError(f"unknown context fields: {sorted(unknown)}")
    with unit.write(actor) as session:
        plan = get_or_refuse(session, Plan, plan_id)
        context = session.scalars(
            select(PlanContext).where(
                PlanContext.plan_id == plan_id, PlanContext.context_code == context_code
            )
        ).first()
        if context is None:
            context = PlanContext(plan_id=plan_id, context_code=context_code)
            session.add(context)
        for key, value in fields.items():
            setattr(context, key, clean_text(value))
        plan.updated_at = utc_now()
        session.flush()
    return Changed(context, "plan", plan.citizen_id)


def activate_plan(unit: UnitFile, actor: Actor, plan_id: int) -> Changed[Plan]:
    """A plan counts as active only when every goal of its order has at least one sub-goal."""
    with unit.write(actor) as session:
        plan = get_or_refuse(session, Plan, plan_id)
        if plan.order_id is None:
            raise ValidationError("Planen skal bygge på en bestilling, før den kan gøres aktiv.")
        counts = session.execute(
            select(InterventionGoal.id, InterventionGoal.text, func.count(SubGoal.id))
            .outerjoin(SubGoal, SubGoal.goal_id == InterventionGoal.id)
            .where(InterventionGoal.order_id == plan.order_id)
            .group_by(InterventionGoal.id)
            .order_by(InterventionGoal.position)
        ).all()
        if not counts:
            raise ValidationError("Bestillingen har ingen indsatsmål endnu.")
        missing = missing_sub_goals((row[0], row[2]) for row in counts)
        if missing:
            texts = [row[1] for row in counts if row[0] in missing]
            raise ValidationError(
                "Hvert indsatsmål skal have mindst ét delmål, før planen kan gøres aktiv; "
                f"mangler for: {'; '.join(t[:60] for t in texts)}."
            )
        plan.state = PlanState.ACTIVE
    return Changed(plan, "plan", plan.citizen_id)


def plans_for_citizen(unit: UnitFile, citizen_id: int) -> list[Plan]:
    with unit.read() as session:
        query = (
            select(Plan)
            .where(Plan.citizen_id == citizen_id)
            .options(selectinload(Plan.contexts))
            .order_by(Plan.created_at.desc())
        )
        return list(session.scalars(query))


def add_sub_goal(
    unit: UnitFile,
    actor: Actor,
    goal_id: int,
    *,
    text: str,
    start_date: dt.date,
    justification: str | None = None,
    method: str | None = None,
    end_date: dt.date | None = None,
    responsible_id: int | None = None,
) -> Changed[SubGoal]:
    text = require_text(text, "text", "Delmålets tekst")
    if end_date is not None and end_date < start_date:
        raise ValidationError("Slutdatoen ligger før startdatoen.", field="end_date")
    with unit.write(actor) as session:
        goal = get_or_refuse(session, InterventionGoal, goal_id)
        position = (
            session.scalar(select(func.max(SubGoal.position)).where(SubGoal.goal_id == goal_id)) or 0
        ) + 1
        sub_goal = SubGoal(
            goal_id=goal.id,
            citizen_id=goal.citizen_id,
            position=position,
            text=text,
            justification=clean_text(justification),
            method=clean_text(method),
            start_date=start_date,
            end_date=end_date,
            responsible_id=responsible_id,
        )
        session.add(sub_goal)
        session.flush()
    return Changed(sub_goal, "sub_goal", goal.citizen_id)


SUB_GOAL_FIELDS = {"text", "justification", "method", "start_date", "end_date", "state", "responsible_id"}


def update_sub_goal(unit: UnitFile, actor: Actor, sub_goal_id: int, **fields: object) -> Changed[SubGoal]:
    unknown = set(fields) - SUB_GOAL_FIELDS
    if unknown:
        raise ValueError(f"unknown sub-goal fields: {sorted(unknown)}")
    with unit.write(actor) as session:
        sub_goal = get_or_refuse(session, SubGoal, sub_goal_id)
        for key, value in fields.items():
            if key == "text":
                value = require_text(value, "text", "Delmålets tekst")  # type: ignore[arg-type]
            elif key == "state":
                value = SubGoalState(value)
            elif isinstance(value, str):
                value = clean_text(value)
            setattr(sub_goal, key, value)
        if sub_goal.end_date and sub_goal.end_date < sub_goal.start_date:
            raise ValidationError("Slutdatoen ligger før startdatoen.", field="end_date")
    return Changed(sub_goal, "sub_goal", sub_goal.citizen_id)


def add_sub_goal_evaluation(
    unit: UnitFile, actor: Actor, sub_goal_id: int, *, evaluated_on: dt.date, text: str
) -> Changed[SubGoalEvaluation]:
    text = require_text(text, "text", "Evaluering")
    with unit.write(actor) as session:
        sub_goal = get_or_refuse(session, SubGoal, sub_goal_id)
        evaluation = SubGoalEvaluation(sub_goal_id=sub_goal.id, evaluated_on=evaluated_on, text=text)
        session.add(evaluation)
        session.flush()
    return Changed(evaluation, "sub_goal", sub_goal.citizen_id)


def get_sub_goal(unit: UnitFile, sub_goal_id: int) -> SubGoal:
    with unit.read() as session:
        sub_goal = get_or_refuse(session, SubGoal, sub_goal_id)
        sub_goal.evaluations
        sub_goal.goal
        return sub_goal
