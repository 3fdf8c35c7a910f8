"""One Gem, one transaction: through the real order, plan and sub-goal forms, a refusal of the
form's LAST part leaves the unit file unchanged, shows the message by that part, and keeps
what was typed (form and draft); fixing the part and saving again stores everything."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fko_desktop.models.limits import MAX_TEXT_CHARS
from fko_desktop.ops import orders, plans
from fko_desktop.ui.editors import OrderEditor, PlanEditor, SubGoalEditor
from fko_desktop.ui.editors.plan import context_key
from tests.ui.test_editors import click_save, domain_index, fill_row, make, order_goals
from tests.unit_rows import WriteCounter, file_state

TOO_LONG = "x" * (MAX_TEXT_CHARS + 1)


def test_order_editor_refused_last_goal_saves_nothing(world, qtbot, monkeypatch):
    editor = make(OrderEditor, world, qtbot)
    editor.load(world.order_id)
    qtbot.keyClicks(editor.sender_name, "Lone Rådgiver")  # the order's fields: valid
    editor.goal_rows[0].target.setCurrentIndex(1)  # goal 1 changed to 0: valid
    qtbot.mouseClick(editor.add_goal_button, Qt.MouseButton.LeftButton)
    fill_row(editor.goal_rows[-1], "Mads spiser morgenmad.", "sundhed", 2, 1, qtbot)  # goal 3: valid
    qtbot.mouseClick(editor.add_goal_button, Qt.MouseButton.LeftButton)
    last = editor.goal_rows[-1]  # goal 4, the last part: a domain but no text
    last.domain.setCurrentIndex(domain_index(last.domain, "familieforhold"))
    key = editor.record_key()
    qtbot.waitUntil(lambda: world.drafts.load("order", key) is not None, timeout=3000)
    before = file_state(world.unit)
    writes = WriteCounter(world.unit, monkeypatch)
    saved = []
    editor.saved.connect(saved.append)

    click_save(editor, qtbot)

    assert writes.count == 1 and saved == []
    assert not editor.goals_error.isHidden()
    assert editor.goals_error.text() == "Mål 4: Udfyld »Målets tekst«."
    assert editor.error_label.isHidden()
    assert file_state(world.unit) == before
    # what was typed is still there, in the form and in its draft
    assert editor.is_dirty() and editor.sender_name.text() == "Lone Rådgiver"
    assert len(editor.goal_rows) == 4 and [row.goal_id is None for row in editor.goal_rows] == [
        False,
        False,
        True,
        True,
    ]
    assert world.drafts.load("order", key) is not None

    qtbot.keyClicks(last.text, "Mads ser sin far hver anden weekend.")
    click_save(editor, qtbot)
    assert editor.goals_error.isHidden(), editor.goals_error.text()
    assert writes.count == 2 and len(saved) == 1
    assert saved[0].warnings and "4 indsatsmål" in saved[0].warnings[0]
    assert editor.warning_label.text() == saved[0].warnings[0]  # one warning for the save
    goals = order_goals(world, world.order_id)
    assert [g.text for g in goals][2:] == ["Mads spiser morgenmad.", "Mads ser sin far hver anden weekend."]
    assert goals[0].target == 0
    assert [row.goal_id for row in editor.goal_rows] == [g.id for g in goals]
    assert world.drafts.load("order", key) is None
    # saving again adds nothing
    click_save(editor, qtbot)
    assert len(order_goals(world, world.order_id)) == 4


def test_plan_editor_refused_last_context_saves_nothing(world, qtbot, monkeypatch):
    editor = make(PlanEditor, world, qtbot)
    editor.load(None, citizen_id=world.citizen.id, order_id=world.order_id)
    qtbot.keyClicks(editor.sections["background"], "Mads bor på Egely siden januar.")
    family = editor.context_boxes["familieforhold"]
    qtbot.mouseClick(family.toggle, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(family.edits["resources_and_challenges"], "God kontakt til mor.")
    friends = editor.context_boxes["venskabsforhold"]  # the last context, the last part: too long
    qtbot.mouseClick(friends.toggle, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(friends.edits["support_need"], "Hjælp til at invitere.")
    friends.edits["evaluation"].setPlainText(TOO_LONG)
    key = editor.record_key()
    qtbot.waitUntil(lambda: world.drafts.load("plan", key) is not None, timeout=3000)
    before = file_state(world.unit)
    writes = WriteCounter(world.unit, monkeypatch)

    click_save(editor, qtbot)

    assert writes.count == 0  # every context is checked before the transaction opens
    label = editor.errors[context_key("venskabsforhold", "evaluation")]
    assert not label.isHidden()
    assert label.text().startswith("»Venskabsforhold – Evaluering« er for lang")
    assert editor.error_label.isHidden()
    assert file_state(world.unit) == before
    assert plans.plans_for_citizen(world.unit, world.citizen.id) == []
    assert editor.record_id is None  # no half-made plan to go on editing
    assert editor.is_dirty() and world.drafts.load("plan", key) is not None

    friends.edits["evaluation"].setPlainText("Har fået en ven i klassen.")
    click_save(editor, qtbot)
    assert writes.count == 1
    assert label.isHidden() and editor.error_label.isHidden(), editor.error_label.text()
    (plan,) = plans.plans_for_citizen(world.unit, world.citizen.id)
    assert editor.record_id == plan.id and plan.background == "Mads bor på Egely siden januar."
    contexts = {c.context_code: c for c in plan.contexts}
    assert set(contexts) == {"familieforhold", "venskabsforhold"}
    assert contexts["venskabsforhold"].evaluation == "Har fået en ven i klassen."
    assert world.drafts.load("plan", key) is None


def test_sub_goal_editor_refused_evaluation_saves_nothing(world, qtbot, monkeypatch):
    sub_goal = world.sub_goals[0]
    editor = make(SubGoalEditor, world, qtbot)
    editor.load(sub_goal.id)
    editor.text_edit.clear()
    qtbot.keyClicks(editor.text_edit, "Mads står selv op kl. 6.30.")  # the sub-goal: valid
    qtbot.keyClicks(editor.method, "Vækkeur.")
    editor.state.setCurrentIndex(editor.state.findData("achieved"))
    editor.evaluation_text.setText(TOO_LONG)  # the evaluation, the last part: too long
    key = editor.record_key()
    qtbot.waitUntil(lambda: world.drafts.load("sub_goal", key) is not None, timeout=3000)
    before = file_state(world.unit)
    writes = WriteCounter(world.unit, monkeypatch)

    click_save(editor, qtbot)

    assert writes.count == 1
    assert not editor.evaluation_error.isHidden()
    assert editor.evaluation_error.text().startswith("Evalueringen er for lang")
    assert editor.errors["text"].isHidden() and editor.error_label.isHidden()
    assert file_state(world.unit) == before
    assert editor.is_dirty() and editor.evaluation_text.text() == TOO_LONG
    assert world.drafts.load("sub_goal", key) is not None

    editor.evaluation_text.setText("Det virker.")
    click_save(editor, qtbot)
    assert editor.evaluation_error.isHidden(), editor.evaluation_error.text()
    assert writes.count == 2
    stored = plans.get_sub_goal(world.unit, sub_goal.id)
    assert (stored.text, stored.method, stored.state.value) == (
        "Mads står selv op kl. 6.30.",
        "Vækkeur.",
        "achieved",
    )
    assert [e.text for e in stored.evaluations] == ["Det virker."]
    assert editor.evaluations.count() == 1 and editor.evaluation_text.text() == ""
    assert not editor.is_dirty() and world.drafts.load("sub_goal", key) is None
    # Gem with no new evaluation adds none
    click_save(editor, qtbot)
    assert len(plans.get_sub_goal(world.unit, sub_goal.id).evaluations) == 1


def test_order_editor_draft_gets_a_goal_stored_after_it(world, qtbot):
    """A draft of the order written before a goal was added on the goal's own form still
    shows that goal, so Gem does not refuse as if the form had removed it."""
    editor = make(OrderEditor, world, qtbot)
    editor.load(world.order_id)
    key = editor.record_key()
    qtbot.keyClicks(editor.sender_name, "Lone")
    qtbot.waitUntil(lambda: world.drafts.load("order", key) is not None, timeout=3000)
    editor.close()
    added = orders.add_goal(
        world.unit,
        world.actor,
        world.order_id,
        orders.GoalInput("Mads cykler.", "sundhed", world.goals[0].start_date),
    ).value
    reopened = make(OrderEditor, world, qtbot)
    reopened.load(world.order_id)
    assert not reopened.draft_banner.isHidden() and reopened.sender_name.text() == "Lone"
    assert [row.goal_id for row in reopened.goal_rows] == [g.id for g in world.goals] + [added.id]
    click_save(reopened, qtbot)
    assert reopened.goals_error.isHidden(), reopened.goals_error.text()
    assert orders.orders_for_citizen(world.unit, world.citizen.id)[0].sender_name == "Lone"
