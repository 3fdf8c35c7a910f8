"""A citizen's follow-ups in the window: planned with date and form, held with the three
voices, and one saved by mistake withdrawn with its reason and still shown when asked."""

import datetime as dt

from PySide6.QtCore import QDate, Qt

from fko_desktop.models.enums import AssessmentRole, FollowUpForm
from fko_desktop.ops import follow_up
from fko_desktop.ui.main_window import PAGE_FOLLOW_UPS
from tests.ui.test_daily_loop import save
from tests.ui.test_main_window import make_window


def cells(page, row):
    return [page.table.item(row, column).text() for column in range(page.table.columnCount())]


def test_follow_ups_are_planned_held_and_withdrawn_from_their_list(qtbot, ui_world):
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    citizen, goal = ui_world.citizen, ui_world.goal
    window.select_record("follow_ups", citizen.id, citizen.id)
    assert window.pages.currentIndex() == PAGE_FOLLOW_UPS
    page = window.follow_ups_page
    assert page.table.rowCount() == 0 and "Ingen opfølgninger" in page.agreements.text()
    assert "skal holdes senest" in page.outlook.text()  # owed after the order's start

    # planned: the date proposed is never in the past, and the voices are not asked for yet
    qtbot.mouseClick(page.plan_button, Qt.MouseButton.LeftButton)
    dialog = window.active_editor
    editor = dialog.editor
    assert editor.meeting_date.value() >= dt.date.today()
    assert not editor.held.isChecked() and editor.goals_host.isHidden()
    editor.meeting_date.set_value(dt.date.today() + dt.timedelta(days=20))
    editor.form_combo.setCurrentIndex(editor.form_combo.findData(FollowUpForm.PHONE.value))
    save(dialog, qtbot)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert cells(page, 0)[1:3] == ["Telefonisk", "Planlagt"]
    assert "planlagt til" in page.outlook.text() and "statusrapport sendes senest" in page.outlook.text()

    # held: recorded today with the three voices for the goal
    qtbot.mouseClick(page.held_button, Qt.MouseButton.LeftButton)
    dialog = window.active_editor
    editor = dialog.editor
    assert editor.held.isChecked() and not editor.goals_host.isHidden()
    assert editor.meeting_date.value() == dt.date.today()
    for role, index in (("citizen", 2), ("provider", 3), ("caseworker", 3)):
        editor.fields[f"goal_{goal.id}_{role}_score"].setCurrentIndex(index)
    qtbot.keyClicks(editor.agreements, "Skolen kontaktes inden næste møde.")
    save(dialog, qtbot)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    held_row = next(r for r in range(2) if cells(page, r)[2] == "Afholdt")
    assert cells(page, held_row)[5] == "3"
    page.table.selectRow(held_row)
    assert "Skolen kontaktes" in page.agreements.text()
    stored = next(f for f in follow_up.follow_ups_for_citizen(ui_world.unit, citizen.id) if f.held)
    assert {a.role: a.score for a in stored.assessments} == {
        AssessmentRole.CITIZEN: 1,
        AssessmentRole.PROVIDER: 2,
        AssessmentRole.CASEWORKER: 2,
    }

    # the planned one was a mistake: withdrawn with a reason, gone from the list, kept in the file
    planned_row = 1 - held_row
    page.table.selectRow(planned_row)
    page.ask_reason = lambda: ("Oprettet ved en fejl", True)
    task = page.withdraw_selected()
    qtbot.waitUntil(lambda: task.done and page.table.rowCount() == 1, timeout=10_000)
    assert cells(page, 0)[2] == "Afholdt"
    assert "skal holdes senest" in page.outlook.text()  # the withdrawn meeting plans nothing
    page.show_withdrawn.setChecked(True)
    assert page.table.rowCount() == 2
    assert any(cells(page, r)[2] == "Trukket tilbage: Oprettet ved en fejl" for r in range(2))
    assert len(follow_up.follow_ups_for_citizen(ui_world.unit, citizen.id, include_withdrawn=True)) == 2


def test_an_empty_held_follow_up_is_refused_beside_its_field(qtbot, ui_world):
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    citizen = ui_world.citizen
    window.select_record("follow_ups", citizen.id, citizen.id)
    qtbot.mouseClick(window.follow_ups_page.held_button, Qt.MouseButton.LeftButton)
    dialog = window.active_editor
    dialog.editor.meeting_date.setDate(QDate.currentDate())
    qtbot.mouseClick(dialog.editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.editor.shown_errors()), timeout=10_000)
    assert any("mindst én vurdering" in message for message in dialog.editor.shown_errors())
    assert follow_up.follow_ups_for_citizen(ui_world.unit, citizen.id) == []
