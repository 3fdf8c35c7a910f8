"""The main window driven through its real widgets: tree, goal page, journal, today, read-only."""

import datetime as dt
import gc
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fko_desktop.ops import goal_status, journal
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.ui.main_window import PAGE_GOAL, PAGE_SUB_GOAL, PAGE_TODAY, MainWindow
from fko_desktop.unit import Unit
from tests.ui.conftest import finish

_windows = []


@pytest.fixture(autouse=True)
def _tear_down_windows():
    yield
    while _windows:
        window = _windows.pop()
        window.close()
        window.deleteLater()
    QApplication.processEvents()
    gc.collect()


def make_window(qtbot, unit, actor, **kwargs):
    """The window on ``unit`` (an open UnitFile) as ``actor`` (None: nobody to write as)."""
    window = MainWindow(Unit(unit, actor), **kwargs)
    # Not qtbot.addWidget: the window is torn down explicitly below, so PySide6 does not meet
    # half-destroyed pyqtgraph items during interpreter shutdown.
    _windows.append(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.today.heading.text() != "")  # today's list fills after show
    return window


def test_window_opens_on_today_and_the_tree_lists_citizens(qtbot, ui_world):
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    assert window.pages.currentIndex() == PAGE_TODAY
    assert "overskredet" in window.today.heading.text()
    assert window.tree_model.index(0, 0).data().startswith("Mads Testesen")
    assert not window.banner.isVisible()


def test_selecting_a_goal_shows_graph_and_a_note_written_there_is_stored(qtbot, ui_world):
    goal_status.record_goal_status(
        ui_world.unit,
        ui_world.actor,
        ui_world.goal.id,
        score=2,
        summary="Bedre",
        assessed_on=dt.date(2025, 4, 15),
    )
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    window.select_record("goal", ui_world.goal.id, ui_world.citizen.id)
    assert window.pages.currentIndex() == PAGE_GOAL
    page = window.goal_page
    assert page.heading.text() == "Mads går i skole fire dage om ugen."
    assert page.graph.plotted_points() == [(1, 2)]
    assert page.graph.outcome_text() == "Progression"
    qtbot.keyClicks(page.journal.note_edit, "Mads stod selv op og nåede bussen.")
    page.journal.score_combo.setCurrentIndex(page.journal.score_combo.findData(1))
    qtbot.keyClick(page.journal.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.journal.task is None, timeout=20_000)  # stored off the GUI thread
    (stored,) = journal.journal(ui_world.unit, sub_goal_ids=[ui_world.sub_goal.id])
    assert (stored.text, stored.score, stored.author) == ("Mads stod selv op og nåede bussen.", 1, "AH")
    assert page.journal.model.note(0).id == stored.id


def test_sub_goal_page_and_one_to_five_display(qtbot, ui_world):
    journal.add_note(
        ui_world.unit,
        ui_world.actor,
        ui_world.sub_goal.id,
        text="God morgen",
        score=0,
        observed_at=dt.datetime(2025, 3, 1, 8, tzinfo=dt.UTC),
    )
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    window.select_record("sub_goal", ui_world.sub_goal.id, ui_world.citizen.id)
    assert window.pages.currentIndex() == PAGE_SUB_GOAL
    assert [score for _when, score in window.sub_goal_page.graph.plotted_points()] == [0]
    window.select_record("goal", ui_world.goal.id, ui_world.citizen.id)
    window.one_based_action.setChecked(True)
    assert "Udgangspunkt: 4 · Mål: 2" in window.goal_page.facts.text()


def test_the_score_graph_follows_the_notes_written_beside_it(qtbot, ui_world):
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    window.select_record("sub_goal", ui_world.sub_goal.id, ui_world.citizen.id)
    page = window.sub_goal_page

    def write(text, score_label):
        page.journal.note_edit.setPlainText(text)
        combo = page.journal.score_combo  # "2" is the item "2 – Moderat problem"
        combo.setCurrentIndex(combo.findText(score_label, Qt.MatchFlag.MatchStartsWith))
        page.journal.save_note()
        qtbot.waitUntil(lambda: page.journal.task is None, timeout=20_000)

    write("Mads stod selv op.", "2")
    assert [score for _when, score in page.graph.plotted_points()] == [2]
    write("Morgenmad uden bemærkninger.", "Ingen score")  # nothing to plot
    assert [score for _when, score in page.graph.plotted_points()] == [2]
    assert page.journal.model.rowCount() == 2
    write("Mads nåede bussen.", "1")
    assert [score for _when, score in page.graph.plotted_points()] == [2, 1]
    # A withdrawal elsewhere (here: the core) is a change to the sub-goal: the graph is read again.
    first = min(journal.journal(ui_world.unit, sub_goal_ids=[ui_world.sub_goal.id]), key=lambda n: n.id)
    changed = window.unit.journal.withdraw(first.id, reason="Skrevet på forkert delmål.")
    window.runner.changed.emit(changed.changes, None)
    assert [score for _when, score in page.graph.plotted_points()] == [1]


def test_today_row_opens_the_goal(qtbot, ui_world):
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    rows = window.today.model.items
    row = next(i for i, d in enumerate(rows) if d.goal_id == ui_world.goal.id)
    window.today.table.doubleClicked.emit(window.today.model.index(row, 0))
    assert window.pages.currentIndex() == PAGE_GOAL
    assert window.goal_page.heading.text() == "Mads går i skole fire dage om ugen."
    # The row leads to the work: the goal-status editor, on the very period the row named.
    editor = window.active_editor.editor
    assert type(editor).__name__ == "GoalStatusEditor"
    assert editor.period.value() == rows[row].period
    window.active_editor.reject()


def test_read_only_window_shows_banner_and_refuses_notes(qtbot, ui_world, tmp_path):
    path = ui_world.unit.path
    readonly = UnitFile.open(path, readonly=True)
    try:
        window = make_window(
            qtbot,
            readonly,
            ui_world.actor,
            readonly_reason="Enhedsfilen er åbnet af Bo på PC-2 siden 23.11.2026 kl. 08.00",
        )
        assert window.banner.isVisible() and "Bo på PC-2" in window.banner.text()
        window.select_record("goal", ui_world.goal.id, ui_world.citizen.id)
        assert not window.goal_page.journal.note_edit.isEnabled()
        assert not window.status_button.isEnabled()
    finally:
        readonly.close()


def test_screenshot_command_writes_a_png(ui_world, tmp_path):
    path = ui_world.unit.path
    ui_world.unit.close()
    out = tmp_path / "shot.png"
    exe = Path(sys.executable).with_name("fko-desktop")
    result = subprocess.run(
        [str(exe), "--screenshot", str(out), "--citizen", "010215-4321", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        # Its own config folder: the app remembers the last file in the user's settings.
        env={
            **__import__("os").environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
        },
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 20_000


def test_unsaved_note_survives_a_crash(qtbot, ui_world):
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    window.select_record("goal", ui_world.goal.id, ui_world.citizen.id)
    qtbot.keyClicks(window.goal_page.journal.note_edit, "Halvt skrevet notat om Mads")
    qtbot.waitUntil(lambda: window.drafts.pending() != [], timeout=3000)  # the debounced draft is on disk
    # A crash: the window goes away without closeEvent, nothing is saved to the unit file.
    window.hide()
    _windows.remove(window)
    window.deleteLater()
    assert journal.journal(ui_world.unit, citizen_id=ui_world.citizen.id) == []
    again = make_window(qtbot, ui_world.unit, ui_world.actor)
    again.select_record("goal", ui_world.goal.id, ui_world.citizen.id)
    panel = again.goal_page.journal
    assert panel.note_edit.toPlainText() == "Halvt skrevet notat om Mads"
    assert "kladde" in panel.error_label.text()
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.task is None, timeout=20_000)
    assert [n.text for n in journal.journal(ui_world.unit, citizen_id=ui_world.citizen.id)] == [
        "Halvt skrevet notat om Mads"
    ]
    assert again.drafts.pending() == []


@pytest.mark.parametrize(
    ("view", "editor_name"),
    [
        ("goal-status", "GoalStatusEditor"),
        ("order-editor", "OrderEditor"),
        ("goal-editor", "GoalEditor"),
        ("follow-up", "FollowUpEditor"),
    ],
)
def test_screenshot_editor_views_open_that_editor_on_the_citizens_first_goal(
    qtbot, ui_world, view, editor_name
):
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    dialog = window.show_for_screenshot("010215-4321", view)
    assert type(dialog.editor).__name__ == editor_name and dialog.isVisible()
    assert window.tree.currentIndex().data().startswith("Mads går i skole")  # the first goal is selected
    if view == "goal-editor":
        assert dialog.editor.record_id == ui_world.goal.id
    if view == "goal-status":
        assert dialog.editor.context == {"goal_id": ui_world.goal.id}
    dialog.editor.discard_draft()
    dialog.close()


def test_the_one_to_five_display_preference_is_remembered(qtbot, ui_world):
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    assert not window.one_based_action.isChecked()
    window.one_based_action.trigger()
    window.select_record("goal", ui_world.goal.id, ui_world.citizen.id)
    assert window.goal_page.graph.y_tick_labels() == ["1", "2", "3", "4", "5"]
    again = make_window(qtbot, ui_world.unit, ui_world.actor)
    assert again.one_based_action.isChecked() and again.one_based


def test_every_citizen_page_says_whose_it_is_and_the_citizen_page_shows_their_people(qtbot, ui_world):
    from fko_desktop.unit.inputs import ContactInput

    facade = Unit(ui_world.unit, ui_world.actor)
    facade.citizens.update(
        ui_world.citizen.id,
        caseworker_name="Rikke Sagsbehandler",
        acting_municipality="Randers",
        contacts=[
            ContactInput("contact_person", "Anna Hansen", "Kontaktperson", staff_id=ui_world.actor.staff_id),
            ContactInput("guardian", "Mette <b>Testesen</b>", "Mor", "20 30 40 50"),
        ],
    )
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    assert window.citizen_header.isHidden()  # today's list belongs to nobody
    window.select_record("citizen", ui_world.citizen.id, ui_world.citizen.id)
    # Masked by default (issue 13): the person chooses "Vis fulde CPR-numre" themselves.
    assert window.citizen_header.text() == "Mads Testesen · 010215-XXXX · Børn og unge"
    page = window.info_page.text()
    for shown in ("Rikke Sagsbehandler", "Randers", "Kontaktperson", "Anna Hansen", "20 30 40 50", "Mor"):
        assert shown in page
    assert "Mette &lt;b&gt;Testesen&lt;/b&gt;" in page  # typed text is shown, never read as markup
    window.select_record("goal", ui_world.goal.id, ui_world.citizen.id)
    assert window.citizen_header.isVisibleTo(window) and "Mads Testesen" in window.citizen_header.text()
    window.full_cpr_action.setChecked(True)
    qtbot.waitUntil(lambda: "010215-4321" in window.citizen_header.text())
    assert window.citizen_header.text() == "Mads Testesen · 010215-4321 · Børn og unge"
    window.full_cpr_action.setChecked(False)
    qtbot.waitUntil(lambda: "010215-XXXX" in window.citizen_header.text())
    window.show_today()
    assert window.citizen_header.isHidden()

    # A planned move-out is said as one still to come, a past one as done.
    soon, past = dt.date.today() + dt.timedelta(days=30), dt.date.today() - dt.timedelta(days=1)
    for end, words in ((soon, "fraflytter"), (past, "fraflyttet")):
        facade.citizens.update(ui_world.citizen.id, end_date=end)
        # Written past the window (and a moved-out citizen is out of the tree): ask the header.
        window.citizen_header.show_citizen(ui_world.citizen.id)
        assert window.citizen_header.text().endswith(f" · {words} {end:%d.%m.%Y}")


def test_status_report_and_reformulation_rows_open_their_work(qtbot, ui_world):
    from fko_desktop.ops import follow_up, orders

    today = dt.date.today()
    follow_up.record_follow_up(
        ui_world.unit, ui_world.actor, ui_world.citizen.id, meeting_date=today + dt.timedelta(days=2)
    )
    orders.return_for_reformulation(
        ui_world.unit,
        ui_world.actor,
        ui_world.goal.order_id,
        reason="Målene er ikke målbare.",
        returned_on=today,
    )
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    rows = window.today.model.items
    by_kind = {d.kind: i for i, d in enumerate(rows)}
    assert {"status_report", "reformulation"} <= set(by_kind)
    window.today.table.doubleClicked.emit(window.today.model.index(by_kind["reformulation"], 0))
    assert window._current[0] == "order" and window._current[1] == ui_world.goal.order_id
    window.today.table.doubleClicked.emit(window.today.model.index(by_kind["status_report"], 0))
    from fko_desktop.ui.report_dialog import ReportDialog

    dialog = window.findChild(ReportDialog)  # the print dialog, on the status report
    assert dialog is not None and dialog.current_kind().value == "status"
    # Let the preview finish before closing: a PDF view torn down mid-render crashes Qt.
    qtbot.waitUntil(lambda: dialog.pdf is not None or "Laver" not in dialog.message.text(), timeout=15000)
    dialog.close()


def test_the_order_page_shows_the_order_its_goals_and_services(qtbot, ui_world):
    from fko_desktop.ops import orders

    orders.update_order(
        ui_world.unit, ui_world.actor, ui_world.goal.order_id, agreements="Status sendes 14 dage før mødet."
    )
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    window.select_record("order", ui_world.goal.order_id, ui_world.citizen.id)
    page = window.info_page.text()
    assert window.pages.currentIndex() == window.pages.indexOf(window.info_page)
    for shown in (
        "Modtaget",
        "10.01.2025",
        "At Mads trives og går i skole.",
        "Status sendes 14 dage før mødet.",
        "Mads går i skole fire dage om ugen.",
        "15.01.2025",
    ):
        assert shown in page, shown
    assert window.citizen_header.text().startswith("Mads Testesen · ")


def test_an_order_is_returned_accepted_and_made_a_plan_from_its_page(qtbot, ui_world):
    from fko_desktop.ops import orders

    def stored_state():
        return orders.orders_for_citizen(ui_world.unit, ui_world.citizen.id)[0].state.value

    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    order_id = ui_world.goal.order_id
    window.select_record("order", order_id, ui_world.citizen.id)
    page = window.info_page
    assert stored_state() == "received"
    assert page.accept_button.isVisibleTo(page) and page.return_button.isVisibleTo(page)
    assert not page.plan_button.isVisibleTo(page)

    page.ask_reason = lambda: ("Målene er ikke målbare.", True)
    finish(qtbot, page.return_order())
    assert stored_state() == "returned"
    assert "Målene er ikke målbare." in page.text() and "Sendt retur" in page.text()
    assert not page.return_button.isVisibleTo(page) and page.accept_button.isVisibleTo(page)

    finish(qtbot, page.accept_order())
    assert stored_state() == "accepted"
    assert page.plan_button.isVisibleTo(page) and not page.accept_button.isVisibleTo(page)
    page.plan_button.click()
    editor = window.active_editor.editor
    assert type(editor).__name__ == "PlanEditor" and editor.order_id == order_id
    assert editor.purpose_label.text() == "At Mads trives og går i skole."
    window.active_editor.reject()
