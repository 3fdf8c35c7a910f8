"""A note says what it is about and when it happened (issue 12, point 2): on a goal page the
writer picks the sub-goal on purpose, the observation time can be set back for the night
shift's notes, a card names its sub-goal and, when written later, when it was written; a long
note folds; an observation too short to be read later is refused with the core's words."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDateTime, QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QStyleOptionViewItem

from fko_desktop.ops import journal, plans
from fko_desktop.ui.journal import JournalPanel, NoteRole
from fko_desktop.ui.runner import Runner

from .conftest import START, finish


@pytest.fixture
def runner(ui_world):
    made = Runner(ui_world.facade)
    yield made
    made.close()


@pytest.fixture
def cooking(ui_world):
    return plans.add_sub_goal(
        ui_world.unit, ui_world.actor, ui_world.goal.id, text="Mads laver aftensmad en gang om ugen.",
        start_date=START,
    ).value  # fmt: skip


@pytest.fixture
def goal_panel(qtbot, ui_world, runner, cooking):
    """The journal of a goal with two sub-goals, as the goal page sets it up."""
    widget = JournalPanel(runner)
    qtbot.addWidget(widget)
    sub_goals = {ui_world.sub_goal.id: ui_world.sub_goal.text, cooking.id: cooking.text}
    widget.set_scope(list(sub_goals), sub_goal_labels=sub_goals, citizen_id=ui_world.citizen.id)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def stored(ui_world):
    return journal.journal(ui_world.unit, citizen_id=ui_world.citizen.id)


def test_on_a_goal_page_the_sub_goal_is_chosen_on_purpose(qtbot, goal_panel, ui_world, cooking):
    assert goal_panel.sub_goal_combo.isVisibleTo(goal_panel)
    assert goal_panel.sub_goal_combo.currentText() == "Vælg delmål …"
    qtbot.keyClicks(goal_panel.note_edit, "Mads skrællede kartofler og dækkede bord.")
    assert goal_panel.save_note() is None
    assert goal_panel.error_label.text() == "Vælg det delmål, notatet handler om."
    assert stored(ui_world) == []  # nothing went silently to the first sub-goal

    goal_panel.sub_goal_combo.setCurrentIndex(goal_panel.sub_goal_combo.findData(cooking.id))
    finish(qtbot, goal_panel.save_note())
    (note,) = stored(ui_world)
    assert note.sub_goal_id == cooking.id
    card = goal_panel.model.index(0, 0).data(NoteRole)
    assert goal_panel.delegate.about_text(card) == "Delmål: Mads laver aftensmad en gang om ugen."
    # The choice stays for the next note of the evening; the time is "now" again.
    assert goal_panel.sub_goal_combo.currentData() == cooking.id
    assert not goal_panel.time_edit.touched


def test_the_night_shift_dates_a_note_back_and_the_card_says_when_it_was_written(
    qtbot, goal_panel, ui_world, cooking
):
    evening = (dt.datetime.now() - dt.timedelta(days=1)).replace(hour=21, minute=30, second=0, microsecond=0)
    goal_panel.sub_goal_combo.setCurrentIndex(goal_panel.sub_goal_combo.findData(ui_world.sub_goal.id))
    goal_panel.time_edit.setDateTime(QDateTime(evening.date(), evening.time()))
    qtbot.keyClicks(goal_panel.note_edit, "Mads faldt først i søvn ved midnat.")
    finish(qtbot, goal_panel.save_note())

    (note,) = stored(ui_world)
    assert note.observed_at.astimezone().replace(tzinfo=None) == evening
    assert note.written_at is not None and note.written_at - note.observed_at > dt.timedelta(hours=1)
    card = goal_panel.model.index(0, 0).data(NoteRole)
    about = goal_panel.delegate.about_text(card)
    assert about.startswith("Delmål: Mads står selv op kl. 7. · skrevet ")
    assert dt.date.today().strftime("%d.%m.%Y") in about


def test_the_time_field_offers_no_future(goal_panel):
    latest = goal_panel.time_edit.maximumDateTime().toPython()
    assert latest <= dt.datetime.now() + dt.timedelta(minutes=2)
    goal_panel.time_edit.setDateTime(QDateTime.currentDateTime().addDays(1))
    assert goal_panel.time_edit.dateTime().toPython() <= latest


def test_a_note_too_short_to_be_read_later_is_refused_in_the_box(qtbot, goal_panel, ui_world, cooking):
    goal_panel.sub_goal_combo.setCurrentIndex(goal_panel.sub_goal_combo.findData(cooking.id))
    qtbot.keyClicks(goal_panel.note_edit, "ok")
    assert goal_panel.save_note() is None
    assert "mindst 8 tegn" in goal_panel.error_label.text()
    assert goal_panel.note_edit.toPlainText() == "ok" and stored(ui_world) == []


def test_a_long_note_folds_and_unfolds_with_vis_mere(qtbot, goal_panel, ui_world):
    long_text = "\n".join(f"Linje {n}: Mads fortalte om dagen i skolen." for n in range(30))
    journal.add_note(ui_world.unit, ui_world.actor, ui_world.sub_goal.id, text=long_text)
    goal_panel.refresh()
    delegate, index = goal_panel.delegate, goal_panel.model.index(0, 0)
    option = QStyleOptionViewItem()
    goal_panel.list_view.initViewItemOption(option)
    option.rect = goal_panel.list_view.visualRect(index)
    folded = delegate.sizeHint(option, index).height()

    toggle = delegate._toggle_rect(option, index.data(NoteRole))
    assert toggle is not None
    click = QMouseEvent(
        QEvent.Type.MouseButtonRelease, QPointF(toggle.center()), QPointF(toggle.center()),
        Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    assert delegate.editorEvent(click, goal_panel.model, option, index)
    unfolded = delegate.sizeHint(option, index).height()
    assert unfolded > folded * 2
    delegate.toggle(index)
    assert delegate.sizeHint(option, index).height() == folded


def test_a_long_sub_goal_does_not_widen_the_journal_beyond_a_small_screen(qtbot, ui_world, runner):
    long_text = "Mads " + "øver sig i at komme op, spise morgenmad og nå bussen til skole, " * 6
    long = plans.add_sub_goal(
        ui_world.unit, ui_world.actor, ui_world.goal.id, text=long_text.strip(), start_date=START
    ).value
    widget = JournalPanel(runner)
    qtbot.addWidget(widget)
    sub_goals = {ui_world.sub_goal.id: ui_world.sub_goal.text, long.id: long.text}
    widget.set_scope(list(sub_goals), sub_goal_labels=sub_goals, citizen_id=ui_world.citizen.id)
    # The page beside the 330-pixel tree has about 1,000 pixels on a 1366-pixel screen.
    assert widget.minimumSizeHint().width() < 900
    index = widget.sub_goal_combo.findData(long.id)
    assert widget.sub_goal_combo.itemData(index, Qt.ItemDataRole.ToolTipRole) == long.text


def test_a_wrong_time_is_corrected_in_ret_notat_and_the_earlier_version_kept(qtbot, goal_panel, ui_world):
    journal.add_note(ui_world.unit, ui_world.actor, ui_world.sub_goal.id, text="Mads stod selv op til tiden.")
    goal_panel.refresh()
    qtbot.waitUntil(lambda: goal_panel.model.rowCount() == 1)
    goal_panel.select_row(0)
    dialog = goal_panel.edit_selected()
    assert "Delmål: Mads står selv op kl. 7." in dialog.info.text()
    morning = (dt.datetime.now() - dt.timedelta(days=1)).replace(hour=7, minute=5, second=0, microsecond=0)
    dialog.time_edit.setDateTime(QDateTime(morning.date(), morning.time()))
    finish(qtbot, dialog.save())
    (note,) = stored(ui_world)
    assert note.observed_at.astimezone().replace(tzinfo=None) == morning and note.version == 2
    assert note.text == "Mads stod selv op til tiden."


def test_the_history_of_a_withdrawn_note_says_who_withdrew_it_when_and_why(qtbot, goal_panel, ui_world):
    note = journal.add_note(
        ui_world.unit, ui_world.actor, ui_world.sub_goal.id, text="Skrevet på den forkerte beboer."
    ).value
    journal.withdraw_note(ui_world.unit, ui_world.actor, note.id, reason="Forkert beboer")
    goal_panel.refresh()
    qtbot.waitUntil(lambda: goal_panel.model.rowCount() == 1)
    goal_panel.select_row(0)
    dialog = goal_panel.show_history()
    assert dialog.about.text().startswith("Delmål: Mads står selv op kl. 7. · observeret ")
    withdrawn = dialog.withdrawal_label.text()
    assert withdrawn.startswith("Trukket tilbage ") and "af AH (Anna Hansen)" in withdrawn
    assert withdrawn.endswith("Begrundelse: Forkert beboer")


def test_the_journal_print_says_when_a_late_note_was_written(ui_world):
    import io

    from pypdf import PdfReader

    from fko_desktop.unit.output import ReportKind, ReportOptions

    evening = (dt.datetime.now() - dt.timedelta(days=2)).replace(hour=21, minute=30).astimezone()
    journal.add_note(
        ui_world.unit, ui_world.actor, ui_world.sub_goal.id, text="Mads faldt først i søvn ved midnat.",
        observed_at=evening,
    )  # fmt: skip
    journal.add_note(ui_world.unit, ui_world.actor, ui_world.sub_goal.id, text="Mads stod selv op i dag.")
    pdf = ui_world.facade.reports.render(ReportKind.JOURNAL, ui_world.citizen.id, ReportOptions())
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert text.count("· skrevet ") == 1
    assert f"{evening:%d.%m.%Y} kl. 21.30 · Anna Hansen · skrevet {dt.date.today():%d.%m.%Y} kl." in text
