"""The centre editors driven as a user would: type, choose, click Gem; assert what is stored."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from fko_desktop.models import Citizen, InterventionGoal
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.ops import citizens, goal_status, journal, orders, plans
from fko_desktop.ui.editors import (
    CitizenEditor,
    GoalEditor,
    GoalStatusEditor,
    OrderEditor,
    ScoreCombo,
    SubGoalEditor,
)
from tests.ui.conftest import finish
from tests.world import World

START = dt.date(2025, 1, 15)
CET = dt.timezone(dt.timedelta(hours=1))


def make(cls, world: World, qtbot):  # type: ignore[no-untyped-def]
    editor = cls(world.facade, world.runner, world.drafts)
    qtbot.addWidget(editor)
    editor.resize(1000, 700)
    editor.show()
    return editor


def click_save(editor, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Press Gem and wait until the write it started (if any) is stored or refused."""
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    settle(editor, qtbot)


def settle(editor, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the editor's writes on the runner's worker have ended and been shown."""
    qtbot.waitUntil(lambda: not editor.runner.busy, timeout=20_000)


def order_goals(world: World, order_id: int) -> list[InterventionGoal]:
    order = next(o for o in orders.orders_for_citizen(world.unit, world.citizen.id) if o.id == order_id)
    return sorted(order.goals, key=lambda g: g.position)


def domain_index(combo, code: str) -> int:  # type: ignore[no-untyped-def]
    index = combo.findData(code)
    assert index > 0
    return index


def fill_row(row, text: str, domain: str, baseline: int, target: int, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(row.text, text)
    row.domain.setCurrentIndex(domain_index(row.domain, domain))
    row.baseline.setCurrentIndex(baseline + 1)
    row.target.setCurrentIndex(target + 1)


# -- ScoreCombo -------------------------------------------------------------------------------------


def test_score_combo_values(qtbot):
    combo = ScoreCombo()
    qtbot.addWidget(combo)
    assert combo.count() == 7
    assert combo.value() is None
    assert combo.itemText(3) == "2 – Moderat nedsat funktionsevne"
    combo.setCurrentIndex(1)
    assert combo.value() == 0
    combo.setCurrentIndex(6)
    assert combo.value() is NOT_ASSESSED
    combo.set_value(4)
    assert combo.value() == 4


# -- order editor -------------------------------------------------------------------------------------


def test_order_editor_saves_three_goals_in_one_order(world, qtbot):
    editor = make(OrderEditor, world, qtbot)
    editor.load(None, citizen_id=world.citizen.id)
    assert not editor.support_need.isVisibleTo(editor)  # children: no FFB support need
    editor.meeting_date.setDate(QDate(2026, 11, 2))
    editor.received_date.setDate(QDate(2026, 11, 10))
    qtbot.keyClicks(editor.sender_name, "Lone Rådgiver")
    qtbot.keyClicks(editor.purpose, "At Mads får en stabil hverdag.")
    goals = [
        ("Mads møder i skole hver dag.", "skole_og_laering", 3, 1),
        ("Mads spiser morgenmad hver dag.", "sundhed", 2, 1),
        ("Mads ser sin far hver anden weekend.", "familieforhold", 2, 2),
    ]
    fill_row(editor.goal_rows[0], *goals[0], qtbot)
    for spec in goals[1:]:
        qtbot.mouseClick(editor.add_goal_button, Qt.MouseButton.LeftButton)
        fill_row(editor.goal_rows[-1], *spec, qtbot)
    saved = []
    editor.saved.connect(saved.append)
    before = len(orders.orders_for_citizen(world.unit, world.citizen.id))
    click_save(editor, qtbot)
    assert editor.error_label.isHidden(), editor.error_label.text()
    assert len(saved) == 1 and saved[0].warnings == ()
    assert editor.warning_label.isHidden()
    stored = orders.orders_for_citizen(world.unit, world.citizen.id)
    assert len(stored) == before + 1
    new = next(o for o in stored if o.id == saved[0].value)
    assert new.sender_name == "Lone Rådgiver"
    assert new.intervention_purpose == "At Mads får en stabil hverdag."
    assert new.meeting_date == dt.date(2026, 11, 2)
    got = [(g.text, g.domain_code, g.baseline, g.target) for g in sorted(new.goals, key=lambda g: g.position)]
    assert got == goals
    assert all(g.domain_catalog == "ics" and g.start_date == dt.date(2026, 11, 10) for g in new.goals)
    assert not editor.is_dirty()
    assert world.drafts.pending() == []
    # saving again does not duplicate anything
    click_save(editor, qtbot)
    again = next(o for o in orders.orders_for_citizen(world.unit, world.citizen.id) if o.id == new.id)
    assert len(again.goals) == 3


def test_order_editor_fourth_goal_warns_but_saves(world, qtbot):
    editor = make(OrderEditor, world, qtbot)
    editor.load(None, citizen_id=world.citizen.id)
    qtbot.keyClicks(editor.purpose, "Formål")
    for number in range(4):
        if number:
            qtbot.mouseClick(editor.add_goal_button, Qt.MouseButton.LeftButton)
        fill_row(editor.goal_rows[-1], f"Mål nummer {number + 1}", "sundhed", 2, 1, qtbot)
    saved = []
    editor.saved.connect(saved.append)
    click_save(editor, qtbot)
    assert len(saved) == 1
    assert not editor.warning_label.isHidden()
    assert "4 indsatsmål" in editor.warning_label.text()
    order = next(o for o in orders.orders_for_citizen(world.unit, world.citizen.id) if o.id == saved[0].value)
    assert len(order.goals) == 4


def test_order_editor_goal_without_domain_is_refused(world, qtbot):
    editor = make(OrderEditor, world, qtbot)
    editor.load(None, citizen_id=world.citizen.id)
    qtbot.keyClicks(editor.goal_rows[0].text, "Et mål uden område")
    before = len(orders.orders_for_citizen(world.unit, world.citizen.id))
    click_save(editor, qtbot)
    assert not editor.goals_error.isHidden()
    assert "målområde" in editor.goals_error.text()
    assert len(orders.orders_for_citizen(world.unit, world.citizen.id)) == before


def test_order_editor_edits_existing_order(world, qtbot):
    editor = make(OrderEditor, world, qtbot)
    order_id = world.goals[0].order_id
    editor.load(order_id)
    assert len(editor.goal_rows) == 2
    assert editor.goal_rows[0].text.toPlainText() == "Mads går i skole fire dage om ugen."
    editor.goal_rows[1].target.setCurrentIndex(2)  # score 1
    qtbot.mouseClick(editor.add_goal_button, Qt.MouseButton.LeftButton)
    fill_row(editor.goal_rows[-1], "Mads sover hjemme hos en ven.", "fritid_og_venskaber", 3, 2, qtbot)
    finish(qtbot, editor.save())
    goals = order_goals(world, order_id)
    assert [g.target for g in goals] == [1, 1, 2]
    assert goals[2].text == "Mads sover hjemme hos en ven."


# -- goal editor --------------------------------------------------------------------------------------


def test_goal_editor_loads_and_updates(world, qtbot):
    editor = make(GoalEditor, world, qtbot)
    goal = world.goals[0]
    editor.load(goal.id)
    assert editor.text_edit.toPlainText() == goal.text
    assert editor.domain.currentData() == "skole_og_laering"
    assert editor.baseline.value() == 3 and editor.target.value() == 1
    assert editor.start_date.displayFormat() == "dd.MM.yyyy" and editor.start_date.calendarPopup()
    editor.target.setCurrentIndex(1)  # 0
    editor.goal_type.setCurrentIndex(editor.goal_type.findData("udvikling"))
    qtbot.keyClicks(editor.justification, "Skolen er nøglen.")
    click_save(editor, qtbot)
    stored = orders.get_goal(world.unit, goal.id)
    assert stored.target == 0 and stored.goal_type_code == "udvikling"
    assert stored.justification == "Skolen er nøglen."


def test_a_goal_is_ended_in_its_editor_with_a_reason_and_its_responsible(world, qtbot):
    import datetime as dt

    goal = world.goals[0]
    editor = make(GoalEditor, world, qtbot)
    editor.load(goal.id)
    editor.responsible.setCurrentIndex(editor.responsible.findData(world.staff_id))
    editor.end_date.set_value(dt.date(2025, 6, 30))
    click_save(editor, qtbot)  # an end without its reason
    assert editor.errors["end_reason"].text() == "Skriv hvorfor målet afsluttes."
    assert orders.get_goal(world.unit, goal.id).end_date is None
    qtbot.keyClicks(editor.end_reason, "Målet er nået.")
    click_save(editor, qtbot)
    stored = orders.get_goal(world.unit, goal.id)
    assert (stored.end_date, stored.end_reason, stored.responsible_id) == (
        dt.date(2025, 6, 30),
        "Målet er nået.",
        world.staff_id,
    )


def test_goal_editor_empty_text_is_refused_next_to_text(world, qtbot):
    editor = make(GoalEditor, world, qtbot)
    order_id = world.goals[0].order_id
    editor.load(None, order_id=order_id)
    editor.domain.setCurrentIndex(domain_index(editor.domain, "sundhed"))
    click_save(editor, qtbot)
    label = editor.errors["text"]
    assert not label.isHidden()
    assert "Målets tekst" in label.text()
    assert editor.error_label.isHidden()
    assert len(order_goals(world, order_id)) == 2


def test_goal_editor_adds_goal_to_order(world, qtbot):
    editor = make(GoalEditor, world, qtbot)
    editor.load(None, order_id=world.goals[0].order_id)
    qtbot.keyClicks(editor.text_edit, "Mads cykler selv til træning.")
    editor.domain.setCurrentIndex(domain_index(editor.domain, "fritid_og_venskaber"))
    editor.baseline.setCurrentIndex(4)
    editor.target.setCurrentIndex(6)  # Ikke vurderet
    finish(qtbot, editor.save())
    goals = order_goals(world, world.goals[0].order_id)
    new = [g for g in goals if g.text == "Mads cykler selv til træning."]
    assert len(new) == 1 and new[0].baseline == 3 and new[0].target is NOT_ASSESSED


def test_goal_editor_adult_domains_grouped_under_themes(world, qtbot):
    adult = citizens.create_citizen(
        world.unit, world.actor, name="Bo Voksen", cpr="010170-1234", area="adults"
    ).value
    order = orders.create_order(world.unit, world.actor, adult.id, intervention_purpose="x").value
    editor = make(GoalEditor, world, qtbot)
    editor.load(None, order_id=order.id)
    model = editor.domain.model()
    heading = model.item(1)
    assert heading.text() == "EGENOMSORG" and not heading.isEnabled()
    assert editor.domain.itemData(2) is not None and editor.domain.itemText(2).startswith("    ")
    order_editor = make(OrderEditor, world, qtbot)
    order_editor.load(None, citizen_id=adult.id)
    assert order_editor.support_need.isVisibleTo(order_editor)


def test_goal_editor_draft_survives_and_is_discarded_after_save(world, qtbot):
    goal = world.goals[0]
    editor = make(GoalEditor, world, qtbot)
    editor.load(goal.id)
    assert editor.draft_banner.isHidden()
    qtbot.keyClicks(editor.justification, "Ikke gemt endnu")
    assert editor.is_dirty()
    qtbot.waitUntil(lambda: world.drafts.load("goal", str(goal.id)) is not None, timeout=3000)
    editor.close()
    editor.deleteLater()
    del editor
    qtbot.wait(10)

    reopened = make(GoalEditor, world, qtbot)
    reopened.load(goal.id)
    assert reopened.justification.toPlainText() == "Ikke gemt endnu"
    assert not reopened.draft_banner.isHidden()
    assert reopened.draft_banner.text() == "Gendannet kladde – ikke gemt endnu"
    assert reopened.is_dirty()
    assert orders.get_goal(world.unit, goal.id).justification is None
    click_save(reopened, qtbot)
    assert orders.get_goal(world.unit, goal.id).justification == "Ikke gemt endnu"
    assert world.drafts.load("goal", str(goal.id)) is None
    assert reopened.draft_banner.isHidden()
    qtbot.wait(700)  # no late timer writes the draft back
    assert world.drafts.pending() == []


def test_readonly_editor_hides_save(world, qtbot):
    editor = make(GoalEditor, world, qtbot)
    editor.load(world.goals[0].id)
    editor.set_readonly(True)
    assert editor.save_button.isHidden()
    assert editor.text_edit.isReadOnly() and not editor.domain.isEnabled()
    assert editor.save() is None


# -- goal status editor ------------------------------------------------------------------------------


def test_goal_status_editor_shows_evidence_and_saves_m1(world, qtbot):
    goal, sub_goal = world.goals[0], world.sub_goals[0]
    journal.add_note(
        world.unit,
        world.actor,
        sub_goal.id,
        text="Mads kom i skole alle dage.",
        score=1,
        observed_at=dt.datetime(2025, 3, 1, 10, 0, tzinfo=CET),
    )
    journal.add_note(
        world.unit,
        world.actor,
        sub_goal.id,
        text="Mads blev hjemme mandag.",
        score=3,
        observed_at=dt.datetime(2025, 3, 10, 10, 0, tzinfo=CET),
    )
    journal.add_note(
        world.unit,
        world.actor,
        sub_goal.id,
        text="Mads var glad.",
        score=None,
        observed_at=dt.datetime(2025, 4, 1, 10, 0, tzinfo=CET),
    )
    editor = make(GoalStatusEditor, world, qtbot)
    editor.load(None, goal_id=goal.id)
    assert editor.evidence.rowCount() == 3
    texts = {editor.evidence.item(i, 4).text() for i in range(3)}
    assert "Mads blev hjemme mandag." in texts
    assert all(editor.evidence.item(i, 2).text() for i in range(3))  # the author
    # How many of each score, never an average (scores are levels).
    assert "I alt 3 notater, 2 med score – 1: 1 · 3: 1 · uden score: 1" in editor.summary_label.text()
    assert "gennemsnit" not in editor.summary_label.text()
    editor.assessed_on.setDate(QDate(2025, 4, 15))
    assert editor.period.value() == 1
    editor.score.setCurrentIndex(3)  # 2
    qtbot.keyClicks(editor.summary, "Mads kommer oftere i skole.")
    editor.citizen_score.setCurrentIndex(2)  # 1
    editor.source.setCurrentIndex(editor.source.findData("f00a6844-1005-401d-965d-1c5859df7beb"))
    click_save(editor, qtbot)
    assert editor.error_label.isHidden(), editor.error_label.text()
    statuses = goal_status.statuses_for_goal(world.unit, goal.id)
    assert [(s.period, s.score, s.summary, s.citizen_score) for s in statuses] == [
        (1, 2, "Mads kommer oftere i skole.", 1)
    ]
    assert statuses[0].source_code == "f00a6844-1005-401d-965d-1c5859df7beb"
    # ready for the next one: no evidence since M1 (all notes were before it), M1 listed
    assert "M1 = 2" in editor.earlier_label.text()
    assert editor.evidence.rowCount() == 0


def test_goal_status_editor_refuses_missing_score(world, qtbot):
    editor = make(GoalStatusEditor, world, qtbot)
    editor.load(None, goal_id=world.goals[0].id)
    qtbot.keyClicks(editor.summary, "Uden score")
    click_save(editor, qtbot)
    assert not editor.errors["score"].isHidden()
    assert goal_status.statuses_for_goal(world.unit, world.goals[0].id) == []


# -- citizen editor ------------------------------------------------------------------------------


def test_citizen_editor_bad_cpr_shows_message_next_to_cpr(world, qtbot):
    editor = make(CitizenEditor, world, qtbot)
    editor.load(None)
    qtbot.keyClicks(editor.name, "Sofie Ny")
    qtbot.keyClicks(editor.cpr, "12345")
    click_save(editor, qtbot)
    label = editor.errors["cpr"]
    assert not label.isHidden() and "CPR" in label.text()
    assert editor.error_label.isHidden()
    with world.unit.read() as session:
        assert session.query(Citizen).count() == 1


def test_citizen_editor_creates_and_edits(world, qtbot):
    editor = make(CitizenEditor, world, qtbot)
    editor.load(None)
    qtbot.keyClicks(editor.name, "Sofie Ny")
    qtbot.keyClicks(editor.cpr, "020304-1236")
    editor.area.setCurrentIndex(editor.area.findData("adults"))
    qtbot.keyClicks(editor.acting_municipality, "Randers")
    saved = []
    editor.saved.connect(saved.append)
    click_save(editor, qtbot)
    assert editor.error_label.isHidden() and editor.errors["cpr"].isHidden(), editor.errors["cpr"].text()
    citizen = citizens.get_citizen(world.unit, saved[0].value)
    assert (citizen.name, citizen.area.value, citizen.acting_municipality) == (
        "Sofie Ny",
        "adults",
        "Randers",
    )
    # The unit's departments are the choices; the kontaktperson is one of its staff; guardians
    # and next of kin are typed into the table — and all of it is saved in one transaction.
    world.facade.set_settings(departments=["Afd. Nord", "Afd. Syd"])
    editor.load(citizen.id)
    editor.department.setCurrentIndex(editor.department.findText("Afd. Nord"))
    editor.responsible.setCurrentIndex(editor.responsible.findData(world.staff_id))
    row = editor.contacts.add_row()
    editor.contacts.table.item(row, 1).setText("Mette Ny")
    editor.contacts.table.item(row, 2).setText("Mor")
    editor.contacts.table.item(row, 3).setText("20 30 40 50")
    editor.contacts.add_row()  # left empty: not a contact
    click_save(editor, qtbot)
    stored = citizens.get_citizen(world.unit, citizen.id)
    assert stored.department == "Afd. Nord"
    assert sorted((c.kind.value, c.name, c.relation, c.phone, c.staff_id) for c in stored.contacts) == [
        ("contact_person", "Anna Hansen", "Kontaktperson", None, world.staff_id),
        ("guardian", "Mette Ny", "Mor", "20 30 40 50", None),
    ]
    editor.load(citizen.id)
    assert editor.responsible.currentData() == world.staff_id
    assert [r["name"] for r in editor.contacts.rows()] == ["Mette Ny"]


# -- sub-goal editor ------------------------------------------------------------------------------


def test_sub_goal_editor_adds_edits_and_evaluates(world, qtbot):
    goal = world.goals[0]
    editor = make(SubGoalEditor, world, qtbot)
    editor.load(None, goal_id=goal.id)
    assert not editor.add_evaluation_button.isEnabled()
    qtbot.keyClicks(editor.text_edit, "Mads pakker selv sin taske.")
    qtbot.keyClicks(editor.method, "Tjekliste på døren.")
    saved = []
    editor.saved.connect(saved.append)
    click_save(editor, qtbot)
    assert len(saved) == 1, editor.error_label.text()
    sub_goal = plans.get_sub_goal(world.unit, saved[0].value)
    assert (sub_goal.text, sub_goal.method, sub_goal.goal_id) == (
        "Mads pakker selv sin taske.",
        "Tjekliste på døren.",
        goal.id,
    )
    # evaluation without text is refused next to the evaluation row; with text it is stored
    qtbot.mouseClick(editor.add_evaluation_button, Qt.MouseButton.LeftButton)
    settle(editor, qtbot)
    assert not editor.evaluation_error.isHidden()
    qtbot.keyClicks(editor.evaluation_text, "Det virker.")
    qtbot.mouseClick(editor.add_evaluation_button, Qt.MouseButton.LeftButton)
    settle(editor, qtbot)
    assert editor.evaluation_error.isHidden()
    assert editor.evaluations.count() == 1
    assert [e.text for e in plans.get_sub_goal(world.unit, sub_goal.id).evaluations] == ["Det virker."]
    editor.state.setCurrentIndex(editor.state.findData("achieved"))
    click_save(editor, qtbot)
    assert plans.get_sub_goal(world.unit, sub_goal.id).state.value == "achieved"
    # an empty text is refused next to the text field
    editor.text_edit.clear()
    click_save(editor, qtbot)
    assert not editor.errors["text"].isHidden()
    assert plans.get_sub_goal(world.unit, sub_goal.id).text == "Mads pakker selv sin taske."


def test_the_citizen_form_keeps_a_second_kontaktperson_it_does_not_show(world, qtbot):
    from fko_desktop.unit.inputs import ContactInput

    stand_in = world.facade.staff.add(name="Lone Berg", initials="LB").value
    world.facade.citizens.update(
        world.citizen.id,
        contacts=[
            ContactInput("contact_person", "Anna Hansen", "Kontaktperson", staff_id=world.staff_id),
            ContactInput("contact_person", "Lone Berg", "Kontaktperson", staff_id=stand_in),
        ],
    )
    editor = make(CitizenEditor, world, qtbot)
    editor.load(world.citizen.id)
    qtbot.keyClicks(editor.acting_municipality, "Viborg")
    click_save(editor, qtbot)
    stored = citizens.get_citizen(world.unit, world.citizen.id)
    assert stored.acting_municipality == "Viborg"
    assert sorted(c.staff_id for c in stored.contacts) == sorted([world.staff_id, stand_in])
