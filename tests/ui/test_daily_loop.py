"""The whole working day through the real window on a fresh unit: citizen, order with three
goals, sub-goals, notes with and without score, a goal status seen in the graph, a follow-up."""

import datetime as dt
import gc

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from fko_desktop.models import Actor
from fko_desktop.models.enums import AssessmentRole
from fko_desktop.models.schedule import due_date
from fko_desktop.ops import citizens, follow_up, goal_status, journal, orders, staff
from fko_desktop.ui.main_window import PAGE_GOAL, MainWindow
from fko_desktop.unit import Unit
from tests.ui.test_editors import fill_row

GOALS = [
    ("Mads møder i skole hver dag.", "skole_og_laering", 3, 1),
    ("Mads spiser morgenmad hver dag.", "sundhed", 2, 1),
    ("Mads ser sin far hver anden weekend.", "familieforhold", 2, 2),
]


@pytest.fixture
def window(qtbot, ui_unit):
    member = staff.add_staff(ui_unit, Actor(None, "test"), name="Anna Hansen", initials="ah").value
    win = MainWindow(Unit(ui_unit, staff.actor_for(member)))
    win.resize(1366, 768)
    win.show()
    yield win
    win.close()
    win.deleteLater()
    QApplication.processEvents()
    gc.collect()


def save(dialog, qtbot):
    """Press Gem and wait for the write to be stored: the dialog closes when it is."""
    qtbot.mouseClick(dialog.editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible() or bool(dialog.editor.shown_errors()), timeout=20_000)
    assert not dialog.editor.shown_errors()


def test_the_daily_loop_through_the_window(window, qtbot, ui_unit):
    unit = ui_unit  # the same open file, read directly to check what the window stored
    # 1. a new citizen
    dialog = window.open_editor("CitizenEditor", None, area="children")
    qtbot.keyClicks(dialog.editor.name, "Mads Testesen")
    qtbot.keyClicks(dialog.editor.cpr, "010215-4321")
    save(dialog, qtbot)
    (citizen,) = citizens.list_citizens(unit)
    assert citizen.name == "Mads Testesen" and window.tree_model.index(0, 0).data().startswith(
        "Mads Testesen"
    )

    # 2. the order from the authority's PDF, three goals in one go
    window.select_record("citizen", citizen.id, citizen.id)
    window.new_order()
    dialog = window.active_editor
    dialog.editor.received_date.setDate(QDate(2025, 1, 10))
    qtbot.keyClicks(dialog.editor.purpose, "At Mads får en stabil hverdag.")
    fill_row(dialog.editor.goal_rows[0], *GOALS[0], qtbot)
    for spec in GOALS[1:]:
        qtbot.mouseClick(dialog.editor.add_goal_button, Qt.MouseButton.LeftButton)
        fill_row(dialog.editor.goal_rows[-1], *spec, qtbot)
    save(dialog, qtbot)
    (order,) = orders.orders_for_citizen(unit, citizen.id)
    goals = sorted(order.goals, key=lambda g: g.position)
    assert [(g.text, g.domain_code, g.baseline, g.target) for g in goals] == GOALS

    # 3. a sub-goal under each goal
    for goal in goals:
        window.select_record("goal", goal.id, citizen.id)
        window.new_sub_goal()
        dialog = window.active_editor
        qtbot.keyClicks(dialog.editor.text_edit, f"Delmål: {goal.text}")
        dialog.editor.start_date.setDate(QDate(2025, 1, 15))
        save(dialog, qtbot)
    assert all(len(g.sub_goals) == 1 for g in orders.orders_for_citizen(unit, citizen.id)[0].goals)

    # 4. notes on the first goal's page, with and without score
    window.select_record("goal", goals[0].id, citizen.id)
    assert window.pages.currentIndex() == PAGE_GOAL
    panel = window.goal_page.journal
    qtbot.keyClicks(panel.note_edit, "Mads kom i skole og var glad.")
    panel.score_combo.setCurrentIndex(panel.score_combo.findData(2))
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.task is None, timeout=20_000)  # stored off the GUI thread
    qtbot.keyClicks(panel.note_edit, "Kort besked: syg i dag.")
    panel.score_combo.setCurrentIndex(0)
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.task is None, timeout=20_000)
    notes = journal.journal(unit, citizen_id=citizen.id)
    assert sorted((n.text, n.score) for n in notes) == [
        ("Kort besked: syg i dag.", None),
        ("Mads kom i skole og var glad.", 2),
    ]

    # 5. the quarterly goal status, seen in the graph
    qtbot.mouseClick(window.status_button, Qt.MouseButton.LeftButton)
    dialog = window.active_editor
    # The notes are beside the form, under the period they were written in: today's, while the
    # form proposes the earliest period owed (M1, long overdue, has no notes).
    assert dialog.editor.period.value() == 1 and dialog.editor.evidence.rowCount() == 0
    current = next(k for k in range(1, 99) if due_date(goals[0].start_date, k) >= dt.date.today())
    dialog.editor.period.setValue(current)
    assert dialog.editor.evidence.rowCount() == 2
    dialog.editor.assessed_on.setDate(QDate(2025, 4, 15))
    dialog.editor.period.setValue(1)
    dialog.editor.score.setCurrentIndex(3)  # 2
    qtbot.keyClicks(dialog.editor.summary, "Mads kommer oftere i skole.")
    save(dialog, qtbot)
    (status,) = goal_status.statuses_for_goal(unit, goals[0].id)
    assert (status.period, status.score) == (1, 2)
    assert window.goal_page.graph.plotted_points() == [(1, 2)]
    assert window.goal_page.graph.outcome_text() == "Progression"

    # 6. the follow-up with the three voices
    window.select_record("citizen", citizen.id, citizen.id)
    window.new_follow_up()
    dialog = window.active_editor
    fill_follow_up(dialog.editor, goals[0].id, qtbot)
    save(dialog, qtbot)
    (stored,) = follow_up.follow_ups_for_citizen(unit, citizen.id)
    voices = {a.role: a.score for a in stored.assessments if a.goal_id == goals[0].id}
    assert voices == {AssessmentRole.CITIZEN: 1, AssessmentRole.PROVIDER: 2, AssessmentRole.CASEWORKER: 2}


def fill_follow_up(editor, goal_id, qtbot):
    editor.meeting_date.setDate(QDate(2025, 7, 1))
    editor.held.setChecked(True)  # recorded afterwards: a planned meeting cannot lie in the past
    editor.fields[f"goal_{goal_id}_citizen_score"].setCurrentIndex(2)  # 1
    editor.fields[f"goal_{goal_id}_provider_score"].setCurrentIndex(3)  # 2
    editor.fields[f"goal_{goal_id}_caseworker_score"].setCurrentIndex(3)  # 2
