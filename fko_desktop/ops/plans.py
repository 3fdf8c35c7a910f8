"""The unit's plan (Specialsektoren model) and its sub-goals (delmål).

The window's plan form saves through ``save_plan_form`` (the plan with all its contexts) and
its sub-goal form through ``save_sub_goal_form`` (the sub-goal with its new evaluations): each
in ONE transaction, so a refusal of any part leaves the file as it was. The finer operations
run the same checks through the same helpers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from fko_desktop.errors import ValidationError
from fko_desktop.models import (
    Actor,
    Citizen,
    InterventionGoal,
    Order,
    Plan,
    PlanContext,
    SubGoal,
    SubGoalEvaluation,
)
from fko_desktop.models.authorization import require
from fko_desktop.models.base import utc_now
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.cpr import age_on
from fko_desktop.models.enums import Area, PlanState, SubGoalState
from fko_desktop.models.limits import MAX_TEXT_CHARS, check_length
from fko_desktop.models.permissions import Permission
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


#: The Danish names of a context's four fields (the plan form's captions).
CONTEXT_FIELD_LABELS = {
    "resources_and_challenges": "Ressourcer og udfordringer",
    "support_need": "Støttebehov",
    "goals_and_sub_goals": "Mål og delmål",
    "evaluation": "Evaluering",
}


#: From this age a citizen gets an FKO order but no plan (seed 001, the adult handbook).
NO_PLAN_AGE = 65


def no_plan_reason(citizen: Citizen, on: dt.date) -> str | None:
    """Why no plan may be made for ``citizen`` on ``on``, or None when one may.

    The rule is the adult area's (a child is never 65): a child's record whose CPR number reads
    as born long ago is a typing error to correct, not a reason to refuse the child a plan."""
    if citizen.area is not Area.ADULTS:
        return None
    try:
        age = age_on(citizen.cpr, on)
    except ValueError:  # ``on`` before the birth date: not old, whatever else is wrong
        return None
    if age >= NO_PLAN_AGE:
        return f"Borgeren er over {NO_PLAN_AGE} år: der udarbejdes ikke handleplan, kun en FKO-bestilling."
    return None


def context_field(context_code: str, field: str) -> str:
    """The field name a refusal of one context field carries: ``context.<code>.<field>``."""
    return f"context.{context_code}.{field}"


def _plan_fields(fields: dict[str, object]) -> dict[str, object]:
    unknown = set(fields) - PLAN_TEXT_FIELDS
    if unknown:
        raise ValueError(f"unknown plan fields: {sorted(unknown)}")
    return {k: clean_text(v) if isinstance(v, str) else v for k, v in fields.items()}


def _context_fields(context_code: str, fields: Mapping[str, str | None]) -> dict[str, str | None]:
    """Check one context's code and fields; return the cleaned values (blank = NULL)."""
    entry = load_catalog("specialsektoren").set("contexts").get(context_code)
    if entry is None:
        raise ValidationError(f"»{context_code}« er ikke en kontekst i planmodellen.", field="context")
    unknown = set(fields) - set(CONTEXT_FIELDS)
    if unknown:
        raise ValueError(f"unknown context fields: {sorted(unknown)}")
    clean = {key: clean_text(value) for key, value in fields.items()}
    for key, value in clean.items():
        check_length(
            value, context_field(context_code, key), limit=MAX_TEXT_CHARS,
            label=f"»{entry.display} – {CONTEXT_FIELD_LABELS[key]}«",
        )  # fmt: skip
    return clean


def _insert_plan(
    session: Session, citizen_id: int, order_id: int | None, clean: dict[str, object], *, on: dt.date
) -> Plan:
    reason = no_plan_reason(get_or_refuse(session, Citizen, citizen_id), on)
    if reason is not None:
        raise ValidationError(reason, field="citizen_id")
    if order_id is not None:
        order = get_or_refuse(session, Order, order_id)
        if order.citizen_id != citizen_id:
            raise ValidationError("Bestillingen tilhører en anden borger.")
    plan = Plan(citizen_id=citizen_id, order_id=order_id, **clean)
    session.add(plan)
    session.flush()
    return plan


def _write_context(
    session: Session, plan: Plan, context_code: str, clean: dict[str, str | None]
) -> tuple[PlanContext, bool]:
    """Write checked fields (``_context_fields``) into the plan's context, adding it if new;
    says whether anything changed."""
    context = session.scalars(
        select(PlanContext).where(PlanContext.plan_id == plan.id, PlanContext.context_code == context_code)
    ).first()
    changed = context is None
    if context is None:
        context = PlanContext(plan_id=plan.id, context_code=context_code)
        session.add(context)
    for key, value in clean.items():
        if getattr(context, key) != value:
            setattr(context, key, value)
            changed = True
    return context, changed


def create_plan(
    unit: UnitFile,
    actor: Actor,
    citizen_id: int,
    *,
    order_id: int | None = None,
    today: dt.date | None = None,
    **fields: object,
) -> Changed[Plan]:
    """Start a plan (as a draft) that carries over the order's purpose and goals; refused for
    a citizen who is too old for one on ``today`` (``no_plan_reason``)."""
    clean = _plan_fields(fields)
    with unit.write(actor) as session:
        plan = _insert_plan(session, citizen_id, order_id, clean, on=today or dt.date.today())
    return Changed.after(session, plan)


def update_plan(unit: UnitFile, actor: Actor, plan_id: int, **fields: object) -> Changed[Plan]:
    clean = _plan_fields(fields)
    with unit.write(actor) as session:
        plan = get_or_refuse(session, Plan, plan_id)
        for key, value in clean.items():
            setattr(plan, key, value)
        plan.updated_at = utc_now()
    return Changed.after(session, plan)


def set_plan_context(
    unit: UnitFile, actor: Actor, plan_id: int, context_code: str, **fields: str | None
) -> Changed[PlanContext]:
    """Write the four fields of one plan context (Familieforhold, Sundhedsforhold, …)."""
    clean = _context_fields(context_code, fields)
    with unit.write(actor) as session:
        plan = get_or_refuse(session, Plan, plan_id)
        context, _changed = _write_context(session, plan, context_code, clean)
        plan.updated_at = utc_now()
        session.flush()
    return Changed.after(session, context)


def save_plan_form(
    unit: UnitFile,
    actor: Actor,
    plan_id: int | None,
    *,
    citizen_id: int | None = None,
    order_id: int | None = None,
    contexts: Mapping[str, Mapping[str, str | None]] | None = None,
    today: dt.date | None = None,
    **fields: object,
) -> Changed[Plan]:
    """The plan form's Gem: the plan's sections and its contexts in ONE transaction.

    ``plan_id`` None starts a plan (a draft) for ``citizen_id`` on ``order_id``; otherwise the
    plan's sections are written; a new plan is refused for a citizen too old for one on
    ``today`` (``no_plan_reason``). ``contexts`` maps a context code to its fields; a context not
    stored yet is added. Every context is checked before anything is written (its code, and
    the length of each field, refused under ``context.<code>.<field>``): any refusal leaves the
    file exactly as it was. The plan's ``updated_at`` moves only when something changed.
    """
    clean = _plan_fields(fields)
    checked = {code: _context_fields(code, values) for code, values in (contexts or {}).items()}
    with unit.write(actor) as session:
        if plan_id is None:
            if citizen_id is None:
                raise ValueError("a new plan needs citizen_id")
            plan = _insert_plan(session, citizen_id, order_id, clean, on=today or dt.date.today())
            changed = False
        else:
            plan = get_or_refuse(session, Plan, plan_id)
            if citizen_id is not None and citizen_id != plan.citizen_id:
                raise ValidationError("Planen tilhører en anden borger.")
            changed = False
            for key, value in clean.items():
                if getattr(plan, key) != value:
                    setattr(plan, key, value)
                    changed = True
            session.flush()  # the plan's own sections are refused as its own, before any context
        for code, values in checked.items():
            changed = _write_context(session, plan, code, values)[1] or changed
        if changed:
            plan.updated_at = utc_now()
        session.flush()
        session.refresh(plan, ["contexts"])
    return Changed.after(session, plan)


def activate_plan(unit: UnitFile, actor: Actor, plan_id: int) -> Changed[Plan]:
    """A plan counts as active only when every goal of its order has at least one sub-goal."""
    with unit.write(actor) as session:
        require(session, Permission.APPROVE)
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
    return Changed.after(session, plan)


def plans_for_citizen(unit: UnitFile, citizen_id: int) -> list[Plan]:
    with unit.read() as session:
        query = (
            select(Plan)
            .where(Plan.citizen_id == citizen_id)
            .options(selectinload(Plan.contexts))
            .order_by(Plan.created_at.desc())
        )
        return list(session.scalars(query))


SUB_GOAL_FIELDS = {"text", "justification", "method", "start_date", "end_date", "state", "responsible_id"}


def _sub_goal_values(fields: Mapping[str, object]) -> dict[str, object]:
    """Check and clean a sub-goal's fields (any subset of ``SUB_GOAL_FIELDS``)."""
    unknown = set(fields) - SUB_GOAL_FIELDS
    if unknown:
        raise ValueError(f"unknown sub-goal fields: {sorted(unknown)}")
    clean: dict[str, object] = {}
    for key, value in fields.items():
        if key == "text":
            value = require_text(value, "text", "Delmålets tekst")  # type: ignore[arg-type]
        elif key == "state":
            try:
                value = SubGoalState(str(value))
            except ValueError:
                message = f"»{value}« er ikke en status for et delmål."
                raise ValidationError(message, field="state") from None
        elif isinstance(value, str):
            value = clean_text(value)
        clean[key] = value
    return clean


def _check_sub_goal_dates(sub_goal: SubGoal) -> None:
    if sub_goal.start_date is None:
        raise ValidationError("Udfyld »Startdato«.", field="start_date")
    if sub_goal.end_date is not None and sub_goal.end_date < sub_goal.start_date:
        raise ValidationError("Slutdatoen ligger før startdatoen.", field="end_date")


def _new_sub_goal(session: Session, goal: InterventionGoal, clean: dict[str, object]) -> SubGoal:
    """Add a sub-goal (checked fields from ``_sub_goal_values``) after the goal's others."""
    if "text" not in clean:
        require_text(None, "text", "Delmålets tekst")
    position = (session.scalar(select(func.max(SubGoal.position)).where(SubGoal.goal_id == goal.id)) or 0) + 1
    sub_goal = SubGoal(goal_id=goal.id, citizen_id=goal.citizen_id, position=position, **clean)
    _check_sub_goal_dates(sub_goal)
    session.add(sub_goal)
    return sub_goal


def _update_sub_goal(sub_goal: SubGoal, clean: dict[str, object]) -> None:
    for key, value in clean.items():
        if getattr(sub_goal, key) != value:
            setattr(sub_goal, key, value)
    _check_sub_goal_dates(sub_goal)


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
    clean = _sub_goal_values({
        "text": text, "justification": justification, "method": method, "start_date": start_date,
        "end_date": end_date, "responsible_id": responsible_id,
    })  # fmt: skip
    with unit.write(actor) as session:
        goal = get_or_refuse(session, InterventionGoal, goal_id)
        sub_goal = _new_sub_goal(session, goal, clean)
        session.flush()
    return Changed.after(session, sub_goal)


def update_sub_goal(unit: UnitFile, actor: Actor, sub_goal_id: int, **fields: object) -> Changed[SubGoal]:
    clean = _sub_goal_values(fields)
    with unit.write(actor) as session:
        sub_goal = get_or_refuse(session, SubGoal, sub_goal_id)
        _update_sub_goal(sub_goal, clean)
    return Changed.after(session, sub_goal)


@dataclasses.dataclass(frozen=True)
class EvaluationInput:
    """A new dated evaluation of a sub-goal."""

    evaluated_on: dt.date | None
    text: str | None


#: The field names an evaluation's refusal carries in the sub-goal form (its own "text" is
#: the sub-goal's text there).
EVALUATION_FORM_FIELDS = {"text": "evaluation_text", "evaluated_on": "evaluated_on"}


def _new_evaluation(
    session: Session, sub_goal: SubGoal, item: EvaluationInput, *, fields: Mapping[str, str] | None = None
) -> SubGoalEvaluation:
    """Check and add one evaluation; ``fields`` renames the fields a refusal names."""
    names = {"text": "text", "evaluated_on": "evaluated_on", **(fields or {})}
    text = require_text(item.text, names["text"], "Evaluering")
    check_length(text, names["text"], limit=MAX_TEXT_CHARS, label="Evalueringen")
    if item.evaluated_on is None:
        raise ValidationError("Udfyld »Evalueringsdato«.", field=names["evaluated_on"])
    evaluation = SubGoalEvaluation(sub_goal_id=sub_goal.id, evaluated_on=item.evaluated_on, text=text)
    session.add(evaluation)
    return evaluation


def add_sub_goal_evaluation(
    unit: UnitFile, actor: Actor, sub_goal_id: int, *, evaluated_on: dt.date, text: str
) -> Changed[SubGoalEvaluation]:
    with unit.write(actor) as session:
        sub_goal = get_or_refuse(session, SubGoal, sub_goal_id)
        evaluation = _new_evaluation(session, sub_goal, EvaluationInput(evaluated_on, text))
        session.flush()
    return Changed.after(session, evaluation)


def save_sub_goal_form(
    unit: UnitFile,
    actor: Actor,
    sub_goal_id: int | None,
    *,
    goal_id: int | None = None,
    evaluations: Sequence[EvaluationInput] = (),
    **fields: object,
) -> Changed[SubGoal]:
    """The sub-goal form's Gem: the sub-goal (with its state) and its new evaluations in ONE
    transaction.

    ``sub_goal_id`` None adds a sub-goal to ``goal_id`` (text and start date required);
    otherwise the given fields (``SUB_GOAL_FIELDS``) are written. The sub-goal is checked
    first (text, state, end date not before start date), then each evaluation (text, date);
    an evaluation's refusal names ``evaluation_text`` or ``evaluated_on``. Any refusal leaves
    the file exactly as it was. The returned sub-goal has its evaluations loaded.
    """
    clean = _sub_goal_values(fields)
    with unit.write(actor) as session:
        if sub_goal_id is None:
            if goal_id is None:
                raise ValueError("a new sub-goal needs goal_id")
            goal = get_or_refuse(session, InterventionGoal, goal_id)
            sub_goal = _new_sub_goal(session, goal, clean)
        else:
            sub_goal = get_or_refuse(session, SubGoal, sub_goal_id)
            if goal_id is not None and goal_id != sub_goal.goal_id:
                raise ValidationError("Delmålet hører til et andet indsatsmål.")
            _update_sub_goal(sub_goal, clean)
        session.flush()  # the sub-goal's own fields (and their lengths) are refused as its own
        for item in evaluations:
            _new_evaluation(session, sub_goal, item, fields=EVALUATION_FORM_FIELDS)
        session.flush()
        session.refresh(sub_goal, ["evaluations"])
    return Changed.after(session, sub_goal)


def get_sub_goal(unit: UnitFile, sub_goal_id: int) -> SubGoal:
    with unit.read() as session:
        return get_or_refuse(session, SubGoal, sub_goal_id, load=[SubGoal.evaluations, SubGoal.goal])
