"""One whole FKO cycle in the window, from nothing, as a new unit does it (seeds 000/001):
the guided start, a second staff member, a citizen with a guardian, an order returned for
reformulation, reformulated and accepted, the plan from it with a sub-goal per goal made
active, notes, the first målstatus, a follow-up planned and then held with the three voices,
one made by mistake withdrawn, and the status report printed."""

import datetime as dt
import gc

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fko_desktop.models.enums import AssessmentRole, OrderState, PlanState
from fko_desktop.ops import citizens, follow_up, goal_status, journal, orders, plans
from fko_desktop.ui.main_window import PAGE_FOLLOW_UPS, PAGE_PLAN, MainWindow
from fko_desktop.ui.start_dialog import StartDialog
from tests.ui.conftest import finish
from tests.ui.test_daily_loop import save
from tests.ui.test_editors import fill_row
from tests.ui.test_report_dialog import pdf_text, wait_for_pdf

TODAY = dt.date.today()
START = TODAY - dt.timedelta(days=120)  # long enough ago that the first målstatus is owed
GOALS = [
    ("Mads møder i skole hver dag.", "skole_og_laering", 3, 1),
    ("Mads spiser morgenmad hver dag.", "sundhed", 2, 1),
    ("Mads ser sin far hver anden weekend.", "familieforhold", 2, 2),
]


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    start = StartDialog()
    qtbot.addWidget(start)
    start.show_new_unit()
    qtbot.keyClicks(start.unit_name, "Bostedet Egely")
    qtbot.keyClicks(start.departments, "Afd. Nord")
    qtbot.keyClicks(start.staff_name, "Lone Berg")
    qtbot.keyClicks(start.staff_initials, "lb")
    qtbot.keyClicks(start.staff_title, "Afdelingsleder")
    qtbot.keyClicks(start.staff_password, "lones-gode-kode")
    qtbot.keyClicks(start.staff_password_again, "lones-gode-kode")
    unit = start.create_unit()
    assert unit is not None
    win = MainWindow(unit)
    win.resize(1366, 768)
    win.show()
    yield win
    win.close()
    win.deleteLater()
    QApplication.processEvents()
    gc.collect()


def test_a_whole_cycle_from_an_empty_unit(window, qtbot, tmp_path):
    unit = window.unit._file  # the same open file, read directly to check what the window stored
    assert not window.readonly and "ingen borgere" in window.today.hint.text()

    # a colleague, who will be the kontaktperson
    staff_dialog = window.show_staff()
    staff_dialog.start_new()
    qtbot.keyClicks(staff_dialog.name, "Anna Hansen")
    qtbot.keyClicks(staff_dialog.initials, "ah")
    finish(qtbot, staff_dialog.save())
    staff_dialog.close()
    anna = next(m for m in window.unit.staff.list() if m.initials == "AH")

    # the citizen, with the kontaktperson and a guardian
    dialog = window.open_editor("CitizenEditor", None, area="children")
    editor = dialog.editor
    qtbot.keyClicks(editor.name, "Mads Testesen")
    qtbot.keyClicks(editor.cpr, "010215-4321")
    editor.intake_date.set_value(START - dt.timedelta(days=10))
    editor.department.setCurrentIndex(editor.department.findText("Afd. Nord"))
    editor.responsible.setCurrentIndex(editor.responsible.findData(anna.id))
    row = editor.contacts.add_row()
    editor.contacts.table.item(row, 1).setText("Mette Testesen")
    editor.contacts.table.item(row, 2).setText("Mor")
    save(dialog, qtbot)
    (citizen,) = citizens.list_citizens(unit)
    assert {c.name for c in citizen.contacts} == {"Anna Hansen", "Mette Testesen"}

    # the order from the authority, three goals
    window.select_record("citizen", citizen.id, citizen.id)
    assert window.citizen_header.isVisible() and "Mads Testesen" in window.citizen_header.text()
    window.new_order()
    dialog = window.active_editor
    dialog.editor.meeting_date.set_value(START - dt.timedelta(days=8))
    dialog.editor.received_date.set_value(START - dt.timedelta(days=5))
    qtbot.keyClicks(dialog.editor.purpose, "At Mads får en stabil hverdag.")
    for number, spec in enumerate(GOALS):
        if number:
            qtbot.mouseClick(dialog.editor.add_goal_button, Qt.MouseButton.LeftButton)
        goal_row = dialog.editor.goal_rows[-1]
        fill_row(goal_row, *spec, qtbot)
        goal_row.start.set_value(START)
    save(dialog, qtbot)
    (order,) = orders.orders_for_citizen(unit, citizen.id)

    # returned for reformulation from its page, reformulated, accepted
    window.select_record("order", order.id, citizen.id)
    page = window.info_page
    page.ask_reason = lambda: ("Mål 3 er ikke målbart.", True)
    finish(qtbot, page.return_order())
    assert orders.orders_for_citizen(unit, citizen.id)[0].state is OrderState.RETURNED
    dialog = window.open_editor("OrderEditor", order.id)
    third = dialog.editor.goal_rows[2]
    third.text.setPlainText("Mads ser sin far to weekender om måneden.")
    save(dialog, qtbot)
    reformulated = orders.orders_for_citizen(unit, citizen.id)[0]
    assert reformulated.state is OrderState.RECEIVED and reformulated.reformulated_date == TODAY
    window.select_record("order", order.id, citizen.id)
    assert "Omformuleret" in page.text()
    finish(qtbot, page.accept_order())
    accepted = orders.orders_for_citizen(unit, citizen.id)[0]
    assert accepted.state is OrderState.ACCEPTED and accepted.accepted_date == TODAY
    goals = sorted(accepted.goals, key=lambda g: g.position)

    # the plan from the order; active once every goal has a sub-goal
    window.select_record("order", order.id, citizen.id)
    assert page.plan_button.isVisible()
    qtbot.mouseClick(page.plan_button, Qt.MouseButton.LeftButton)
    dialog = window.active_editor
    qtbot.keyClicks(dialog.editor.fields["background"], "Mads flyttede ind fra en plejefamilie.")
    save(dialog, qtbot)
    (plan,) = plans.plans_for_citizen(unit, citizen.id)
    window.select_record("plan", plan.id, citizen.id)
    assert window.pages.currentIndex() == PAGE_PLAN
    plan_page = window.plan_page
    assert "Mads flyttede ind fra en plejefamilie." in plan_page.text()
    finish(qtbot, plan_page.activate())
    assert "mindst ét delmål" in plan_page.message.text()
    for goal in goals:
        qtbot.mouseClick(plan_page.sub_goal_buttons[goal.id], Qt.MouseButton.LeftButton)
        dialog = window.active_editor
        qtbot.keyClicks(dialog.editor.text_edit, f"Delmål: {goal.text}")
        dialog.editor.start_date.set_value(START)
        save(dialog, qtbot)
    qtbot.waitUntil(lambda: not plan_page.sub_goal_buttons, timeout=10_000)
    finish(qtbot, plan_page.activate())
    assert plans.plans_for_citizen(unit, citizen.id)[0].state is PlanState.ACTIVE

    # the daily note and the first målstatus
    window.select_record("goal", goals[0].id, citizen.id)
    panel = window.goal_page.journal
    qtbot.keyClicks(panel.note_edit, "Mads kom i skole og var glad.")
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.task is None, timeout=20_000)
    assert [n.text for n in journal.journal(unit, citizen_id=citizen.id)] == ["Mads kom i skole og var glad."]
    qtbot.mouseClick(window.status_button, Qt.MouseButton.LeftButton)
    dialog = window.active_editor
    dialog.editor.assessed_on.set_value(TODAY)
    dialog.editor.period.setValue(1)
    dialog.editor.score.setCurrentIndex(3)  # 2
    qtbot.keyClicks(dialog.editor.summary, "Mads kommer oftere i skole.")
    save(dialog, qtbot)
    assert [(s.period, s.score) for s in goal_status.statuses_for_goal(unit, goals[0].id)] == [(1, 2)]

    # a follow-up planned, one planned by mistake and withdrawn, then the meeting held
    window.select_record("follow_ups", citizen.id, citizen.id)
    assert window.pages.currentIndex() == PAGE_FOLLOW_UPS
    follow_ups = window.follow_ups_page
    for _ in range(2):
        qtbot.mouseClick(follow_ups.plan_button, Qt.MouseButton.LeftButton)
        dialog = window.active_editor
        dialog.editor.meeting_date.set_value(TODAY + dt.timedelta(days=30))
        save(dialog, qtbot)
    qtbot.waitUntil(lambda: follow_ups.table.rowCount() == 2, timeout=10_000)
    follow_ups.table.selectRow(1)
    follow_ups.ask_reason = lambda: ("Oprettet to gange ved en fejl.", True)
    finish(qtbot, follow_ups.withdraw_selected())
    qtbot.waitUntil(lambda: follow_ups.table.rowCount() == 1, timeout=10_000)
    follow_ups.table.selectRow(0)
    qtbot.mouseClick(follow_ups.open_button, Qt.MouseButton.LeftButton)
    dialog = window.active_editor
    editor = dialog.editor
    editor.meeting_date.set_value(TODAY)  # moved forward and held today
    editor.held.setChecked(True)
    for goal in goals:
        for role, index in (("citizen", 2), ("provider", 3), ("caseworker", 3)):
            editor.fields[f"goal_{goal.id}_{role}_score"].setCurrentIndex(index)
    qtbot.keyClicks(editor.agreements, "Næste opfølgning om seks måneder.")
    save(dialog, qtbot)
    (held,) = follow_up.follow_ups_for_citizen(unit, citizen.id)
    assert held.held and held.meeting_date == TODAY
    voices = {(a.goal_id, a.role): a.score for a in held.assessments}
    assert voices[(goals[2].id, AssessmentRole.CASEWORKER)] == 2 and len(voices) == 9
    assert len(follow_up.follow_ups_for_citizen(unit, citizen.id, include_withdrawn=True)) == 2

    # the status report, printed
    window.select_record("citizen", citizen.id, citizen.id)
    report = window.print_reports("status")
    wait_for_pdf(qtbot, report)
    path = report.save_pdf(str(tmp_path / "status"))
    text = pdf_text(path.read_bytes())
    assert "Mads Testesen" in text and "Mads kommer oftere i skole." in text
    report.close()
