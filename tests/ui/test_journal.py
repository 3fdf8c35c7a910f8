"""The sub-goal journal panel, driven through its real widgets."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt

from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.ops import journal, plans
from fko_desktop.ui.journal import (
    AuthorRole,
    JournalModel,
    JournalPanel,
    NoteRole,
    ScoreLabelRole,
    TimeRole,
)
from fko_desktop.ui.runner import Runner
from fko_desktop.ui.unsaved import Unsaved
from fko_desktop.unit import OpChanges, RecordKind

from .conftest import START, finish

CET = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture
def runner(ui_world):
    """The window's runner over the facade (actor bound), closed before the file is."""
    made = Runner(ui_world.facade)
    yield made
    made.close()


@pytest.fixture
def panel(qtbot, ui_world, runner):
    widget = JournalPanel(runner)
    qtbot.addWidget(widget)
    widget.set_scope([ui_world.sub_goal.id], citizen_id=ui_world.citizen.id)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _add(world, text, score=None, minutes_ago=60):
    when = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes_ago)
    return journal.add_note(
        world.unit, world.actor, world.sub_goal.id, text=text, score=score, observed_at=when
    ).value


def _stored(world):
    return journal.journal(world.unit, sub_goal_ids=[world.sub_goal.id])


def test_ctrl_enter_saves_note_with_score_and_shows_it_first(qtbot, panel, ui_world):
    _add(ui_world, "Et ældre notat.", 3)
    panel.refresh()
    assert panel.model.rowCount() == 1

    panel.note_edit.setFocus()
    qtbot.keyClicks(panel.note_edit, "Mads stod selv op i dag.")
    panel.score_combo.setCurrentIndex(panel.score_combo.findData(2))
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    finish(qtbot, panel.task)

    stored = _stored(ui_world)
    assert [n.text for n in stored] == ["Mads stod selv op i dag.", "Et ældre notat."]
    assert stored[0].score == 2
    assert stored[0].author == "AH"
    # shown first in the view, with its roles
    first = panel.model.index(0, 0)
    assert first.data() == "Mads stod selv op i dag."
    assert first.data(NoteRole).id == stored[0].id
    assert first.data(AuthorRole) == "AH"
    assert first.data(ScoreLabelRole) == "Score 2"
    assert " kl. " in first.data(TimeRole)
    # the box is cleared, no error
    assert panel.note_edit.toPlainText() == ""
    assert panel.score_combo.currentIndex() == 0
    assert panel.error_label.isHidden()


def test_not_assessed_and_no_score(qtbot, panel, ui_world):
    qtbot.keyClicks(panel.note_edit, "Uden score.")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    finish(qtbot, panel.task)
    qtbot.keyClicks(panel.note_edit, "Ikke vurderet i dag.")
    panel.score_combo.setCurrentIndex(panel.score_combo.findText("Ikke vurderet"))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    finish(qtbot, panel.task)
    stored = _stored(ui_world)
    assert {n.text: n.score for n in stored} == {"Uden score.": None, "Ikke vurderet i dag.": NOT_ASSESSED}
    labels = {panel.model.index(r, 0).data(): panel.model.index(r, 0).data(ScoreLabelRole) for r in range(2)}
    assert labels == {"Uden score.": "", "Ikke vurderet i dag.": "Ikke vurderet"}


def test_score_without_text_is_refused_and_kept(qtbot, panel, ui_world):
    panel.score_combo.setCurrentIndex(panel.score_combo.findData(1))
    qtbot.keyClicks(panel.note_edit, "   ")
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert panel.task is None  # refused before anything was started

    assert _stored(ui_world) == []
    assert panel.model.rowCount() == 0
    assert panel.error_label.isVisible()
    assert "kræver en skriftlig observation" in panel.error_label.text()
    assert panel.note_edit.toPlainText() == "   "
    assert panel.score_combo.currentData() == 1


def test_lazy_loading_pages_of_200(qtbot, ui_world, runner):
    base = dt.datetime(2025, 2, 1, 8, 0, tzinfo=CET)
    for i in range(450):
        journal.add_note(
            ui_world.unit,
            ui_world.actor,
            ui_world.sub_goal.id,
            text=f"Notat nr. {i}",
            score=i % 5,
            observed_at=base + dt.timedelta(hours=i),
        )
    model = JournalModel()
    model.set_scope(ui_world.facade, [ui_world.sub_goal.id])
    assert model.total() == 450
    assert model.rowCount() == 200
    assert model.index(0, 0).data() == "Notat nr. 449"  # newest first
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 400
    model.fetchMore()
    assert model.rowCount() == 450
    assert not model.canFetchMore()
    assert model.index(449, 0).data() == "Notat nr. 0"
    # a refresh keeps what was loaded; a new scope starts over with one page
    model.refresh()
    assert model.rowCount() == 450
    model.set_scope(ui_world.facade, [ui_world.sub_goal.id])
    assert model.rowCount() == 200

    # the panel's view loads more when scrolled to the end
    widget = JournalPanel(runner, page_size=50)
    qtbot.addWidget(widget)
    widget.set_scope([ui_world.sub_goal.id])
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.model.rowCount() == 50
    widget.list_view.scrollToBottom()
    qtbot.waitUntil(lambda: widget.model.rowCount() > 50)


def test_edit_through_dialog_keeps_history(qtbot, panel, ui_world):
    note = _add(ui_world, "Mads kom for sent.", 3)
    panel.refresh()
    panel.select_row(0)
    dialog = panel.edit_selected()
    assert dialog is not None and panel.active_dialog is dialog
    assert dialog.text_edit.toPlainText() == "Mads kom for sent."
    assert dialog.score_combo.currentData() == 3

    dialog.text_edit.setPlainText("Mads kom ti minutter for sent.")
    dialog.score_combo.setCurrentIndex(dialog.score_combo.findData(2))
    dialog.buttons.accepted.emit()
    finish(qtbot, dialog.task)
    assert not dialog.isVisible()

    history = journal.note_history(ui_world.unit, note.id)
    assert [v["version"] for v in history] == [1]
    assert history[0]["data"]["text"] == "Mads kom for sent."
    row = panel.model.index(0, 0).data(NoteRole)
    assert (row.text, row.score, row.version) == ("Mads kom ti minutter for sent.", 2, 2)

    history_dialog = panel.show_history()
    assert history_dialog.row_count() == 2  # current + v1
    assert history_dialog.table.item(1, 4).text() == "Mads kom for sent."
    history_dialog.reject()


def test_edit_refusal_stays_in_dialog(qtbot, panel, ui_world):
    _add(ui_world, "Mads spiste morgenmad.", 1)
    panel.refresh()
    panel.select_row(0)
    dialog = panel.edit_selected()
    dialog.text_edit.setPlainText("")
    dialog.buttons.accepted.emit()
    assert dialog.task is None  # refused before anything was started
    assert dialog.isVisible()
    assert "skriftlig observation" in dialog.error_label.text()
    dialog.ask_unsaved = lambda: Unsaved.DISCARD  # closing with the refused text asks first
    dialog.reject()
    assert not dialog.isVisible()
    assert _stored(ui_world)[0].version == 1


def test_withdraw_asks_for_reason(qtbot, panel, ui_world):
    note = _add(ui_world, "Skrevet på den forkerte borger.", 2)
    panel.refresh()
    panel.select_row(0)

    panel.ask_reason = lambda _note: ("", True)
    assert not panel.withdraw_selected()
    assert panel.error_label.isVisible()
    assert not panel.model.index(0, 0).data(NoteRole).withdrawn

    panel.ask_reason = lambda _note: ("Forkert borger", True)
    finish(qtbot, panel.withdraw_selected())
    row = panel.model.index(0, 0).data(NoteRole)
    assert row.id == note.id and row.withdrawn and row.withdrawal_reason == "Forkert borger"
    assert _stored(ui_world)[0].withdrawn
    assert not panel.withdraw_button.isEnabled()


def test_withdraw_uses_input_dialog(qtbot, panel, ui_world, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    _add(ui_world, "Dobbelt notat.")
    panel.refresh()
    panel.select_row(0)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Dobbelt", True)))
    finish(qtbot, panel.withdraw_selected())
    assert _stored(ui_world)[0].withdrawal_reason == "Dobbelt"


def test_readonly_disables_writing(qtbot, panel, ui_world):
    _add(ui_world, "Et notat.")
    panel.refresh()
    assert panel.save_button.isEnabled()
    panel.set_readonly(True)
    panel.select_row(0)
    assert not panel.save_button.isEnabled()
    assert not panel.note_edit.isEnabled()
    assert not panel.score_combo.isEnabled()
    assert not panel.edit_button.isEnabled()
    assert not panel.withdraw_button.isEnabled()
    assert panel.history_button.isEnabled()
    assert not panel.save_note()
    assert len(_stored(ui_world)) == 1


def test_accessible_names(panel):
    for widget in (
        panel.note_edit,
        panel.score_combo,
        panel.save_button,
        panel.list_view,
        panel.edit_button,
        panel.history_button,
        panel.withdraw_button,
    ):
        assert widget.accessibleName()


def test_while_a_note_is_being_stored_the_box_waits(qtbot, panel, runner, ui_world):
    release = threading.Event()
    # Other unit work ahead of the note in the runner's one queue keeps it waiting.
    ahead = runner.query(panel, lambda _unit, _p: release.wait(10)).run()
    qtbot.keyClicks(panel.note_edit, "Mads var glad.")
    task = panel.save_note()
    assert task is not None and task.running
    assert not panel.save_button.isEnabled()
    assert panel.note_edit.isReadOnly()
    assert panel.save_note() is None  # Ctrl+Enter twice stores one note
    release.set()
    finish(qtbot, ahead)
    finish(qtbot, task)
    assert [n.text for n in _stored(ui_world)] == ["Mads var glad."]
    assert panel.save_button.isEnabled() and not panel.note_edit.isReadOnly()
    assert panel.note_edit.toPlainText() == ""
    assert panel.model.note(0).text == "Mads var glad."


def test_a_refusal_by_the_core_is_shown_and_the_text_kept(qtbot, panel, ui_world):
    too_long = "Mads " * 4001  # over the 20,000 characters a note may hold
    panel.note_edit.setPlainText(too_long)
    task = finish(qtbot, panel.save_note())
    assert task.failure is not None
    assert panel.error_label.isVisible() and panel.error_label.text() == task.failure.message
    assert panel.note_edit.toPlainText() == too_long
    assert panel.save_button.isEnabled()
    assert _stored(ui_world) == []


def test_a_note_written_elsewhere_shows_and_other_journals_leave_the_panel_alone(
    qtbot, panel, runner, ui_world
):
    other = plans.add_sub_goal(
        ui_world.unit, ui_world.actor, ui_world.goal.id, text="Mads rydder op.", start_date=START
    ).value
    resets = []
    panel.model.modelReset.connect(lambda: resets.append(1))
    finish(qtbot, runner.op(None, lambda unit, _p: unit.journal.add(other.id, text="Ryddede op.")).run())
    assert resets == [] and panel.model.rowCount() == 0
    finish(
        qtbot,
        runner.op(None, lambda unit, _p: unit.journal.add(ui_world.sub_goal.id, text="Stod op.")).run(),
    )
    assert resets == [1]
    assert [panel.model.note(r).text for r in range(panel.model.rowCount())] == ["Stod op."]
    # A change stated for whole records (a bundle import) names the citizen, not sub-goals.
    _add(ui_world, "Fra et bundt.")
    runner.changed.emit(OpChanges.of({RecordKind.JOURNAL_NOTE}, citizen_ids={ui_world.citizen.id}), None)
    assert resets == [1, 1] and panel.model.rowCount() == 2


def test_history_names_the_author_of_each_version(qtbot, panel, ui_world):
    note = _add(ui_world, "Første udgave.", 2)
    journal.edit_note(ui_world.unit, ui_world.actor, note.id, text="Anden udgave.", score=2)
    panel.refresh()
    panel.select_row(0)
    dialog = panel.show_history()
    assert dialog.row_count() == 2
    assert dialog.table.item(1, 0).text() == "v1"
    assert dialog.table.item(1, 2).text() == "AH (Anna Hansen)"
    assert dialog.table.item(1, 4).text() == "Første udgave."
    dialog.reject()


def test_record_pages_read_through_the_facade_and_their_panel_writes_through_the_runner(
    qtbot, runner, ui_world
):
    from fko_desktop.ui.pages import GoalPage, SubGoalPage

    _add(ui_world, "Stod op til tiden.", 2)
    goal_page = GoalPage(runner)
    qtbot.addWidget(goal_page)
    goal_page.show_goal(ui_world.goal.id, one_based=False)
    assert goal_page.heading.text() == "Mads går i skole fire dage om ugen."
    assert "Udgangspunkt: 3" in goal_page.facts.text()
    assert goal_page.graph.reference_lines() == {"Udgangspunkt": 3.0, "Mål": 1.0}
    assert goal_page.journal.model.rowCount() == 1

    page = SubGoalPage(runner)
    qtbot.addWidget(page)
    page.show_sub_goal(ui_world.sub_goal.id, one_based=True)
    assert page.heading.text() == "Mads står selv op kl. 7."
    assert page.facts.text() == "Indsatsmål: Mads går i skole fire dage om ugen."
    assert [score for _, score in page.graph.plotted_points()] == [2]
    qtbot.keyClicks(page.journal.note_edit, "Stod op før vækkeuret.")
    page.journal.score_combo.setCurrentIndex(page.journal.score_combo.findData(1))
    finish(qtbot, page.journal.save_note())
    # Both pages' panels show the sub-goal's journal; each refreshed itself from the broadcast.
    assert page.journal.model.rowCount() == 2 and goal_page.journal.model.rowCount() == 2
    page.redraw_graph(ui_world.sub_goal.id, one_based=True)
    assert sorted(score for _, score in page.graph.plotted_points()) == [1, 2]
