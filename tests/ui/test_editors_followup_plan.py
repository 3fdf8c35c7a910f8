"""The follow-up and plan editors driven as a user would: choose, type, click Gem; assert what is stored."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from fko_desktop.models.enums import AssessmentRole, FollowUpForm
from fko_desktop.ops import citizens, follow_up, plans
from fko_desktop.ui.editors.follow_up import FollowUpEditor
from fko_desktop.ui.editors.plan import PlanEditor
from tests.world import World

START = dt.date(2025, 1, 15)


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


def stored_follow_up(world: World, follow_up_id: int):  # type: ignore[no-untyped-def]
    return next(
        f for f in follow_up.follow_ups_for_citizen(world.unit, world.citizen.id) if f.id == follow_up_id
    )


def live_scores(record) -> dict[tuple[int, str], object]:  # type: ignore[no-untyped-def]
    return {(a.goal_id, a.role.value): a.score for a in record.assessments if a.withdrawn_at is None}


# -- follow-up editor -----------------------------------------------------------------------------


def fill_three_voices(editor: FollowUpEditor, world: World, qtbot) -> None:
    first, second = editor.goal_boxes
    first.scores[AssessmentRole.CITIZEN].set_value(2)
    first.scores[AssessmentRole.PROVIDER].set_value(2)
    first.scores[AssessmentRole.CASEWORKER].set_value(3)
    qtbot.keyClicks(first.notes[AssessmentRole.CITIZEN], "Jeg kommer oftere i skole.")
    first.agrees.setChecked(True)
    second.scores[AssessmentRole.CITIZEN].set_value(1)
    second.scores[AssessmentRole.PROVIDER].set_value(2)
    second.scores[AssessmentRole.CASEWORKER].set_value(2)


def test_follow_up_editor_records_three_voices_for_two_goals(world, qtbot):
    editor = make(FollowUpEditor, world, qtbot)
    editor.load(None, citizen_id=world.citizen.id)
    assert [box.goal_id for box in editor.goal_boxes] == [g.id for g in world.goals]
    assert editor.goal_boxes[0].title() == world.goals[0].text
    assert editor.support_need.parentWidget().isHidden()  # children: no FFB support need
    editor.meeting_date.setDate(QDate(2025, 4, 20))
    editor.form_combo.setCurrentIndex(editor.form_combo.findData(FollowUpForm.PHONE.value))
    editor.invitation_date.setDate(QDate(2025, 3, 30))
    qtbot.keyClicks(editor.caseworker_name, "Lone Rådgiver")
    editor.held.setChecked(True)
    fill_three_voices(editor, world, qtbot)
    editor.intervention_status.setCurrentIndex(1)
    qtbot.keyClicks(editor.agreements, "Ny opfølgning om et halvt år.")
    saved = []
    editor.saved.connect(saved.append)
    click_save(editor, qtbot)
    assert editor.error_label.isHidden(), editor.error_label.text()
    assert len(saved) == 1
    assert editor.record_id == saved[0].value
    record = stored_follow_up(world, saved[0].value)
    assert record.meeting_date == dt.date(2025, 4, 20)
    assert record.form == FollowUpForm.PHONE
    assert record.invitation_date == dt.date(2025, 3, 30)
    assert record.report_sent_date is None
    assert record.caseworker_name == "Lone Rådgiver"
    assert record.held is True
    assert record.intervention_status_code == editor.intervention_status.itemData(1)
    assert record.agreements == "Ny opfølgning om et halvt år."
    g1, g2 = (g.id for g in world.goals)
    assert live_scores(record) == {
        (g1, "citizen"): 2,
        (g1, "provider"): 2,
        (g1, "caseworker"): 3,
        (g2, "citizen"): 1,
        (g2, "provider"): 2,
        (g2, "caseworker"): 2,
    }
    by_key = {(a.goal_id, a.role.value): a for a in record.assessments}
    assert by_key[(g1, "citizen")].note == "Jeg kommer oftere i skole."
    assert by_key[(g1, "caseworker")].agrees_with_status is True
    assert by_key[(g2, "caseworker")].agrees_with_status is False
    assert by_key[(g1, "citizen")].agrees_with_status is None
    assert not editor.is_dirty()
    assert world.drafts.pending() == []
    # saving again does not duplicate anything
    click_save(editor, qtbot)
    assert editor.error_label.isHidden(), editor.error_label.text()
    assert len(stored_follow_up(world, record.id).assessments) == 6
    assert len(follow_up.follow_ups_for_citizen(world.unit, world.citizen.id)) == 1


def test_follow_up_editor_only_goals_with_content_are_assessed(world, qtbot):
    editor = make(FollowUpEditor, world, qtbot)
    editor.load(None, citizen_id=world.citizen.id)
    editor.goal_boxes[1].scores[AssessmentRole.CASEWORKER].set_value(1)
    saved = []
    editor.saved.connect(saved.append)
    click_save(editor, qtbot)
    record = stored_follow_up(world, saved[0].value)
    assert live_scores(record) == {(world.goals[1].id, "caseworker"): 1}


def test_follow_up_editor_edit_keeps_version_history(world, qtbot):
    g1, g2 = (g.id for g in world.goals)
    created = follow_up.record_follow_up(
        world.unit,
        world.actor,
        world.citizen.id,
        meeting_date=dt.date(2025, 4, 20),
        today=dt.date(2025, 4, 1),  # planned ahead, in the story's time
        form="meeting",
        assessments=[
            follow_up.AssessmentInput(g1, "citizen", 2),
            follow_up.AssessmentInput(g1, "provider", 2),
            follow_up.AssessmentInput(g1, "caseworker", 3, agrees_with_status=False),
        ],
    ).value
    editor = make(FollowUpEditor, world, qtbot)
    editor.load(created.id)
    first = editor.goal_boxes[0]
    assert first.scores[AssessmentRole.CASEWORKER].value() == 3
    assert first.scores[AssessmentRole.CITIZEN].value() == 2
    assert editor.meeting_date.value() == dt.date(2025, 4, 20)
    first.scores[AssessmentRole.CASEWORKER].set_value(2)
    assert editor.is_dirty()
    click_save(editor, qtbot)
    assert editor.error_label.isHidden(), editor.error_label.text()
    record = stored_follow_up(world, created.id)
    by_key = {(a.goal_id, a.role.value): a for a in record.assessments if a.withdrawn_at is None}
    assert len(record.assessments) == 3  # corrected in place, not added
    assert by_key[(g1, "caseworker")].score == 2
    assert by_key[(g1, "caseworker")].version == 2
    assert by_key[(g1, "citizen")].version == 1
    assert (g2, "caseworker") not in by_key


def test_follow_up_editor_draft_survives_and_is_discarded_after_save(world, qtbot):
    editor = make(FollowUpEditor, world, qtbot)
    editor.load(None, citizen_id=world.citizen.id)
    assert editor.draft_banner.isHidden()
    key = editor.record_key()
    qtbot.keyClicks(editor.caseworker_name, "Lone")
    editor.goal_boxes[1].scores[AssessmentRole.PROVIDER].set_value(3)
    qtbot.waitUntil(lambda: world.drafts.load("follow_up", key) is not None, timeout=3000)
    editor.close()

    reopened = make(FollowUpEditor, world, qtbot)
    reopened.load(None, citizen_id=world.citizen.id)
    assert not reopened.draft_banner.isHidden()
    assert reopened.caseworker_name.text() == "Lone"
    assert reopened.goal_boxes[1].scores[AssessmentRole.PROVIDER].value() == 3
    assert reopened.is_dirty()
    saved = []
    reopened.saved.connect(saved.append)
    click_save(reopened, qtbot)
    assert len(saved) == 1
    assert world.drafts.load("follow_up", key) is None
    assert reopened.draft_banner.isHidden()
    qtbot.wait(700)  # no late timer writes the draft back
    assert world.drafts.pending() == []
    record = stored_follow_up(world, saved[0].value)
    assert live_scores(record) == {(world.goals[1].id, "provider"): 3}


# -- plan editor ------------------------------------------------------------------------------------


def test_plan_editor_creates_plan_with_two_contexts(world, qtbot):
    editor = make(PlanEditor, world, qtbot)
    editor.load(None, citizen_id=world.citizen.id, order_id=world.order_id)
    assert len(editor.context_boxes) == 10
    assert editor.purpose_label.text() == "At Mads trives og går i skole."
    assert editor.sections["background"].toolTip()  # catalog help
    family = editor.context_boxes["familieforhold"]
    school = editor.context_boxes["skoleforhold"]
    assert not family.isCheckable()
    assert not family.content.isVisibleTo(editor)
    assert family.edits["resources_and_challenges"].toolTip()
    qtbot.mouseClick(family.toggle, Qt.MouseButton.LeftButton)
    assert family.content.isVisibleTo(editor)
    assert family.toggle.arrowType() == Qt.ArrowType.DownArrow
    qtbot.keyClicks(editor.sections["background"], "Mads bor på Egely siden januar.")
    qtbot.keyClicks(editor.sections["purpose_unit_addition"], "Fokus på skolegang.")
    qtbot.keyClicks(family.edits["resources_and_challenges"], "God kontakt til mor.")
    qtbot.keyClicks(family.edits["evaluation"], "Besøg hver anden weekend går godt.")
    qtbot.mouseClick(school.toggle, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(school.edits["support_need"], "Støtte til morgenrutinen.")
    saved = []
    editor.saved.connect(saved.append)
    click_save(editor, qtbot)
    assert editor.error_label.isHidden(), editor.error_label.text()
    assert len(saved) == 1
    stored = plans.plans_for_citizen(world.unit, world.citizen.id)
    assert len(stored) == 1
    plan = stored[0]
    assert editor.record_id == plan.id
    assert plan.order_id == world.order_id
    assert plan.background == "Mads bor på Egely siden januar."
    assert plan.purpose_unit_addition == "Fokus på skolegang."
    contexts = {c.context_code: c for c in plan.contexts}
    assert set(contexts) == {"familieforhold", "skoleforhold"}
    assert contexts["familieforhold"].resources_and_challenges == "God kontakt til mor."
    assert contexts["familieforhold"].evaluation == "Besøg hver anden weekend går godt."
    assert contexts["familieforhold"].support_need is None
    assert contexts["skoleforhold"].support_need == "Støtte til morgenrutinen."
    assert not editor.is_dirty()
    assert world.drafts.pending() == []

    # reopening shows the stored text, with the filled contexts expanded; editing updates in place
    reopened = make(PlanEditor, world, qtbot)
    reopened.load(plan.id)
    assert reopened.sections["background"].toPlainText() == "Mads bor på Egely siden januar."
    assert reopened.context_boxes["familieforhold"].content.isVisibleTo(reopened)
    assert not reopened.context_boxes["sundhedsforhold"].content.isVisibleTo(reopened)
    reopened.context_boxes["skoleforhold"].edits["support_need"].clear()
    qtbot.keyClicks(reopened.context_boxes["sundhedsforhold"].edits["evaluation"], "Sover bedre.")
    click_save(reopened, qtbot)
    assert reopened.error_label.isHidden(), reopened.error_label.text()
    again = plans.plans_for_citizen(world.unit, world.citizen.id)
    assert len(again) == 1
    contexts = {c.context_code: c for c in again[0].contexts}
    assert set(contexts) == {"familieforhold", "skoleforhold", "sundhedsforhold"}
    assert contexts["skoleforhold"].support_need is None
    assert contexts["sundhedsforhold"].evaluation == "Sover bedre."


def test_plan_editor_draft_restored(world, qtbot):
    editor = make(PlanEditor, world, qtbot)
    editor.load(None, citizen_id=world.citizen.id, order_id=world.order_id)
    key = editor.record_key()
    qtbot.mouseClick(editor.context_boxes["identitet"].toggle, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.context_boxes["identitet"].edits["goals_and_sub_goals"], "Delmål om selvværd.")
    qtbot.waitUntil(lambda: world.drafts.load("plan", key) is not None, timeout=3000)
    editor.close()
    reopened = make(PlanEditor, world, qtbot)
    reopened.load(None, citizen_id=world.citizen.id, order_id=world.order_id)
    assert not reopened.draft_banner.isHidden()
    box = reopened.context_boxes["identitet"]
    assert box.edits["goals_and_sub_goals"].toPlainText() == "Delmål om selvværd."
    assert box.content.isVisibleTo(reopened)
    click_save(reopened, qtbot)
    assert world.drafts.load("plan", key) is None
    qtbot.wait(700)
    assert world.drafts.pending() == []
    plan = plans.plans_for_citizen(world.unit, world.citizen.id)[0]
    assert [c.context_code for c in plan.contexts] == ["identitet"]


def test_plan_editor_speaks_of_the_citizen_for_an_adult_and_of_the_child_for_a_child(world, qtbot):
    def caption(editor, field):  # type: ignore[no-untyped-def]
        return editor.form.labelForField(editor.sections[field].parentWidget()).text()

    editor = make(PlanEditor, world, qtbot)
    editor.load(None, citizen_id=world.citizen.id, order_id=world.order_id)
    assert caption(editor, "presentation") == "Præsentation af barnet/den unge:"
    adult = citizens.create_citizen(
        world.unit, world.actor, name="Bo Voksen", cpr="010170-1234", area="adults"
    ).value
    editor.load(None, citizen_id=adult.id)
    assert caption(editor, "presentation") == "Præsentation af borgeren:"
    assert caption(editor, "purpose_citizen_addition") == "Borgerens tilføjelser til formålet:"
    assert editor.sections["presentation"].accessibleName() == "Præsentation af borgeren"


def test_an_adults_plan_offers_the_goals_ffb_themes_not_the_childrens_contexts(world, qtbot):
    import datetime as dt

    from fko_desktop.ops import orders

    editor = make(PlanEditor, world, qtbot)
    editor.load(None, citizen_id=world.citizen.id, order_id=world.order_id)
    assert editor.contexts_heading.text() == "Kontekster"
    assert all(box.isVisibleTo(editor) for box in editor.context_boxes.values())
    assert not editor.adult_themes.isVisibleTo(editor)

    adult = citizens.create_citizen(
        world.unit, world.actor, name="Bo Voksen", cpr="010170-1234", area="adults"
    ).value
    goal = orders.GoalInput(
        "Bo handler selv ind.", _first_ffb_domain(), dt.date(2025, 2, 1), baseline=3, target=1
    )
    order = orders.create_order(
        world.unit, world.actor, adult.id, received_date=dt.date(2025, 2, 1),
        intervention_purpose="At Bo bor selv.", goals=[goal],
    ).value  # fmt: skip
    editor.load(None, citizen_id=adult.id, order_id=order.id)
    assert editor.contexts_heading.text() == "Temaer (FFB)"
    assert not any(box.isVisibleTo(editor) for box in editor.context_boxes.values())
    assert editor.adult_themes.isVisibleTo(editor)
    assert "Voksenudredningsmetoden" in editor.adult_themes.text()
    assert editor.adult_themes.text().count("•") == 1


def _first_ffb_domain() -> str:
    from fko_desktop.models.catalogs import load_catalog

    return next(e.code for e in load_catalog("ffb").set("goal_domains") if e.selectable)
