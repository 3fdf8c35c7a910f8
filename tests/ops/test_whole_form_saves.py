"""The window's whole-form saves: one form, one transaction, and a refusal of any part – the
last one included – leaves the unit file exactly as it was."""

from __future__ import annotations

import datetime as dt

import pytest

from fko_desktop.errors import InvalidScore, ValidationError
from fko_desktop.models.enums import SubGoalState
from fko_desktop.models.limits import MAX_TEXT_CHARS
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.ops import orders, plans
from tests.unit_rows import WriteCounter, file_state

START = dt.date(2025, 1, 15)
TOO_LONG = "x" * (MAX_TEXT_CHARS + 1)

ORDER_FIELDS = {
    "meeting_date": dt.date(2025, 1, 2),
    "received_date": dt.date(2025, 1, 10),
    "sender_name": "Lone Rådgiver",
    "intervention_purpose": "At Mads trives, går i skole og har venner.",
}


def order_of(world, order_id):  # type: ignore[no-untyped-def]
    return next(o for o in orders.orders_for_citizen(world.unit, world.citizen.id) if o.id == order_id)


def goal(text: str, code: str = "sundhed", **kw) -> orders.GoalInput:  # type: ignore[no-untyped-def]
    return orders.GoalInput(text, code, START, **kw)


def stored_rows(world, **changes) -> list[orders.OrderFormGoal]:  # type: ignore[no-untyped-def]
    """The world's two goals as the order form shows them, ``changes`` applied to the first."""
    first, second = world.goals
    return [
        orders.OrderFormGoal(
            goal(first.text, first.domain_code, baseline=3, **{"target": 1, **changes}), first.id
        ),
        orders.OrderFormGoal(goal(second.text, second.domain_code, baseline=2, target=2), second.id),
    ]


# -- the order form -------------------------------------------------------------------------------


def test_order_form_saves_order_and_every_goal_row_in_one_transaction(world, monkeypatch):
    writes = WriteCounter(world.unit, monkeypatch)
    rows = stored_rows(world, target=0) + [
        orders.OrderFormGoal(goal("Mads spiser morgenmad.", baseline=2, target=1)),
        orders.OrderFormGoal(goal("Mads sover i egen seng.", target=NOT_ASSESSED)),
        orders.OrderFormGoal(goal("Mads cykler i skole.", "skole_og_laering")),
    ]
    result = orders.save_order_form(world.unit, world.actor, world.order_id, goals=rows, **ORDER_FIELDS)
    assert writes.count == 1
    # more than three goals: ONE warning for the save, not one per added goal
    assert len(result.warnings) == 1 and "5 indsatsmål" in result.warnings[0]
    stored = order_of(world, world.order_id)
    assert stored.sender_name == "Lone Rådgiver"
    assert [(g.position, g.text, g.target) for g in stored.goals] == [
        (1, "Mads går i skole fire dage om ugen.", 0),
        (2, "Mads har en fast ven.", 2),
        (3, "Mads spiser morgenmad.", 1),
        (4, "Mads sover i egen seng.", NOT_ASSESSED),
        (5, "Mads cykler i skole.", None),
    ]
    assert result.value.id == world.order_id and len(result.value.goals) == 5


def test_order_form_keeps_what_only_the_goal_form_edits_and_leaves_unchanged_goals_alone(world):
    first, second = world.goals
    orders.update_goal(
        world.unit, world.actor, first.id,
        goal(first.text, first.domain_code, baseline=3, target=1, goal_type_code="udvikling",
             follow_up_date=dt.date(2025, 6, 1), justification="Skolen er nøglen."),
    )  # fmt: skip
    before = file_state(world.unit)
    orders.save_order_form(
        world.unit, world.actor, world.order_id, goals=stored_rows(world, target=2), **ORDER_FIELDS
    )
    stored = {g.id: g for g in order_of(world, world.order_id).goals}
    assert stored[first.id].target == 2
    assert (
        stored[first.id].goal_type_code,
        stored[first.id].follow_up_date,
        stored[first.id].justification,
    ) == ("udvikling", dt.date(2025, 6, 1), "Skolen er nøglen.")
    # the unchanged second goal was not written: the one edit of it is absent from the audit
    after = file_state(world.unit)
    assert [row for row in after["intervention_goal"] if row[0] == second.id] == [
        row for row in before["intervention_goal"] if row[0] == second.id
    ]
    with world.unit.read() as session:
        from fko_desktop.models.history import AuditEvent

        edits = session.query(AuditEvent).filter_by(record_type="intervention_goal", action="edit").all()
    assert {e.record_id for e in edits} == {first.id}


@pytest.mark.parametrize("existing", [True, False], ids=["existing order", "new order"])
def test_order_form_refusal_of_the_last_goal_leaves_the_file_unchanged(world, existing):
    rows = (stored_rows(world, target=0) if existing else []) + [
        orders.OrderFormGoal(goal("Mads spiser morgenmad.", baseline=2, target=1)),
        orders.OrderFormGoal(
            goal("Mads sover i egen seng.", baseline=3, target=7)
        ),  # the last part: no such score
    ]
    before = file_state(world.unit)
    with pytest.raises(InvalidScore) as refused:
        orders.save_order_form(
            world.unit, world.actor, world.order_id if existing else None,
            citizen_id=None if existing else world.citizen.id, goals=rows, **ORDER_FIELDS,
        )  # fmt: skip
    number = len(rows)
    assert refused.value.field == "target"
    assert refused.value.message.startswith(f"Mål {number}, målscore: Scoren skal være")
    assert file_state(world.unit) == before


def test_order_form_names_the_row_the_form_shows(world):
    rows = stored_rows(world) + [orders.OrderFormGoal(goal("  "), number=4)]  # row 3 was a blank one
    before = file_state(world.unit)
    with pytest.raises(ValidationError) as refused:
        orders.save_order_form(world.unit, world.actor, world.order_id, goals=rows, **ORDER_FIELDS)
    assert (refused.value.field, refused.value.message) == ("text", "Mål 4: Udfyld »Målets tekst«.")
    assert file_state(world.unit) == before


def test_order_form_length_limit_of_the_last_goal_is_refused_as_that_row(world):
    rows = stored_rows(world, target=0) + [orders.OrderFormGoal(goal(TOO_LONG))]
    before = file_state(world.unit)
    with pytest.raises(ValidationError) as refused:
        orders.save_order_form(world.unit, world.actor, world.order_id, goals=rows, **ORDER_FIELDS)
    assert refused.value.field == "text"
    assert refused.value.message.startswith("Mål 3: Teksten er for lang")
    assert file_state(world.unit) == before


def test_order_form_cannot_remove_a_stored_goal(world):
    before = file_state(world.unit)
    with pytest.raises(ValidationError) as refused:
        orders.save_order_form(
            world.unit, world.actor, world.order_id, goals=stored_rows(world)[:1], **ORDER_FIELDS
        )
    assert refused.value.field == "goals" and "kan ikke fjernes" in refused.value.message
    assert file_state(world.unit) == before


def test_order_form_refuses_an_order_field_before_any_goal(world):
    before = file_state(world.unit)
    fields = {**ORDER_FIELDS, "received_date": dt.date(2024, 12, 1)}
    with pytest.raises(ValidationError) as refused:
        orders.save_order_form(
            world.unit, world.actor, world.order_id, goals=stored_rows(world, target=0), **fields
        )
    assert refused.value.field == "received_date"
    assert file_state(world.unit) == before


def test_the_finer_goal_ops_still_warn_per_call(world):
    result = orders.add_goal(world.unit, world.actor, world.order_id, goal("Tre"))
    assert result.warnings == () and result.value.position == 3
    result = orders.add_goal(world.unit, world.actor, world.order_id, goal("Fire"))
    assert "4 indsatsmål" in result.warnings[0] and result.value.position == 4


# -- the plan form ---------------------------------------------------------------------------------


CONTEXTS = {
    "familieforhold": {"resources_and_challenges": "God kontakt til mor.", "evaluation": "Besøg går godt."},
    "skoleforhold": {"support_need": "Støtte til morgenrutinen."},
}


def test_plan_form_saves_plan_and_contexts_in_one_transaction(world, monkeypatch):
    writes = WriteCounter(world.unit, monkeypatch)
    created = plans.save_plan_form(
        world.unit, world.actor, None, citizen_id=world.citizen.id, order_id=world.order_id,
        contexts=CONTEXTS, background="Mads kom fra en plejefamilie.",
    )  # fmt: skip
    assert writes.count == 1
    (plan,) = plans.plans_for_citizen(world.unit, world.citizen.id)
    assert plan.id == created.value.id and plan.background == "Mads kom fra en plejefamilie."
    contexts = {c.context_code: c for c in plan.contexts}
    assert contexts["familieforhold"].evaluation == "Besøg går godt."
    assert contexts["skoleforhold"].support_need == "Støtte til morgenrutinen."
    # saving the same form again changes nothing and leaves no audit trail
    before = file_state(world.unit)
    plans.save_plan_form(
        world.unit, world.actor, plan.id, contexts=CONTEXTS, background="Mads kom fra en plejefamilie."
    )
    assert file_state(world.unit) == before
    # emptying a stored context is written
    plans.save_plan_form(world.unit, world.actor, plan.id, contexts={"skoleforhold": {"support_need": " "}})
    again = plans.plans_for_citizen(world.unit, world.citizen.id)[0]
    assert {c.context_code: c.support_need for c in again.contexts}["skoleforhold"] is None
    assert again.updated_at is not None


@pytest.mark.parametrize("existing", [True, False], ids=["existing plan", "new plan"])
def test_plan_form_refusal_of_the_last_context_leaves_the_file_unchanged(world, existing):
    plan_id = None
    if existing:
        plan_id = plans.save_plan_form(
            world.unit, world.actor, None, citizen_id=world.citizen.id, contexts=CONTEXTS, background="Før."
        ).value.id
    contexts = {
        "familieforhold": {"resources_and_challenges": "Ny tekst om mor."},
        "sundhedsforhold": {"evaluation": "Sover bedre."},
        "venskabsforhold": {
            "support_need": "Hjælp til at invitere.",
            "evaluation": TOO_LONG,
        },  # the last part
    }
    before = file_state(world.unit)
    with pytest.raises(ValidationError) as refused:
        plans.save_plan_form(
            world.unit, world.actor, plan_id, citizen_id=world.citizen.id,
            order_id=None if existing else world.order_id,
            contexts=contexts, background="Efter.", presentation="Mads er 10 år.",
        )  # fmt: skip
    assert refused.value.field == "context.venskabsforhold.evaluation"
    assert refused.value.message.startswith("»Venskabsforhold – Evaluering« er for lang (20.001 tegn)")
    assert file_state(world.unit) == before


def test_plan_form_refuses_an_unknown_context(world):
    before = file_state(world.unit)
    with pytest.raises(ValidationError) as refused:
        plans.save_plan_form(
            world.unit,
            world.actor,
            None,
            citizen_id=world.citizen.id,
            contexts={**CONTEXTS, "ukendt": {"support_need": "x"}},
        )
    assert refused.value.field == "context"
    assert file_state(world.unit) == before


def test_set_plan_context_shares_the_form_check(world):
    plan = plans.create_plan(world.unit, world.actor, world.citizen.id).value
    with pytest.raises(ValidationError) as refused:
        plans.set_plan_context(world.unit, world.actor, plan.id, "familieforhold", support_need=TOO_LONG)
    assert refused.value.field == "context.familieforhold.support_need"


# -- the sub-goal form ------------------------------------------------------------------------------


def test_sub_goal_form_saves_new_sub_goal_state_and_evaluation_in_one_transaction(world, monkeypatch):
    writes = WriteCounter(world.unit, monkeypatch)
    result = plans.save_sub_goal_form(
        world.unit, world.actor, None, goal_id=world.goals[0].id, text="Mads pakker selv sin taske.",
        start_date=START, state="paused",
        evaluations=[plans.EvaluationInput(dt.date(2025, 3, 1), "Går godt med tjeklisten.")],
    )  # fmt: skip
    assert writes.count == 1
    stored = plans.get_sub_goal(world.unit, result.value.id)
    assert (stored.text, stored.state, stored.position) == (
        "Mads pakker selv sin taske.",
        SubGoalState.PAUSED,
        2,
    )
    assert [(e.evaluated_on, e.text) for e in stored.evaluations] == [
        (dt.date(2025, 3, 1), "Går godt med tjeklisten.")
    ]
    assert [e.text for e in result.value.evaluations] == ["Går godt med tjeklisten."]


@pytest.mark.parametrize(
    "last, field, message",
    [
        (plans.EvaluationInput(dt.date(2025, 6, 1), "   "), "evaluation_text", "Udfyld »Evaluering«."),
        (plans.EvaluationInput(dt.date(2025, 6, 1), TOO_LONG), "evaluation_text", "Evalueringen er for lang"),
        (plans.EvaluationInput(None, "Uden dato"), "evaluated_on", "Udfyld »Evalueringsdato«."),
    ],
    ids=["blank", "too long", "no date"],
)
@pytest.mark.parametrize("existing", [True, False], ids=["existing sub-goal", "new sub-goal"])
def test_sub_goal_form_refusal_of_the_last_evaluation_leaves_the_file_unchanged(
    world, existing, last, field, message
):
    sub_goal = world.sub_goals[0]
    before = file_state(world.unit)
    with pytest.raises(ValidationError) as refused:
        plans.save_sub_goal_form(
            world.unit, world.actor, sub_goal.id if existing else None, goal_id=world.goals[0].id,
            text="Mads står selv op kl. 6.30.", method="Vækkeur.", start_date=START,
            end_date=dt.date(2025, 12, 1), state="achieved",
            evaluations=[plans.EvaluationInput(dt.date(2025, 3, 1), "Første evaluering."), last],
        )  # fmt: skip
    assert refused.value.field == field
    assert refused.value.message.startswith(message)
    assert file_state(world.unit) == before


def test_sub_goal_form_refuses_its_own_fields_as_its_own(world):
    sub_goal = world.sub_goals[0]
    before = file_state(world.unit)
    with pytest.raises(ValidationError) as refused:
        plans.save_sub_goal_form(
            world.unit,
            world.actor,
            sub_goal.id,
            text="Ny",
            start_date=START,
            end_date=dt.date(2024, 1, 1),
            evaluations=[plans.EvaluationInput(START, "Fin")],
        )
    assert refused.value.field == "end_date"
    with pytest.raises(ValidationError) as refused:
        plans.save_sub_goal_form(world.unit, world.actor, sub_goal.id, state="forgotten")
    assert refused.value.field == "state"
    assert file_state(world.unit) == before
