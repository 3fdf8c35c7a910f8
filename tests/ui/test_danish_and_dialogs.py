"""Danish throughout (issue 12, point 9): Qt's own buttons and calendars in Danish whatever the
PC's language, every dialog inside a 1366×768 screen with a taskbar, and every editing window
with Gem and Annullér that asks before changes not stored are left."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QLocale, QRect, QSize, Qt, QTimer, QTranslator
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QTableView,
    QToolButton,
    QWidget,
)

from fko_desktop.ops import journal, orders
from fko_desktop.ui.editor_dialog import EditorDialog
from fko_desktop.ui.editors import DateEdit
from fko_desktop.ui.first_staff_dialog import FirstStaffDialog
from fko_desktop.ui.i18n import QT_TRANSLATOR_NAME, install_danish
from fko_desktop.ui.main_window import MainWindow
from fko_desktop.ui.screen_fit import FRAME, assume_screen, fit_to_screen, fitted_size
from fko_desktop.ui.start_dialog import StartDialog
from fko_desktop.ui.unsaved import Unsaved, ask_unsaved, unsaved_question

from .conftest import UiWorld
from .test_editors import click_save, fill_row

#: A 1366×768 screen less a 40-pixel taskbar: the smallest the units have.
SMALL_SCREEN = QRect(0, 0, 1366, 728)
SB = QMessageBox.StandardButton
BB = QDialogButtonBox.StandardButton


def _texts(buttons) -> list[str]:  # type: ignore[no-untyped-def]
    return [button.text().replace("&", "") for button in buttons]


def never_asked() -> Unsaved:
    raise AssertionError("closing a form without changes must not ask")


def answering(answer: Unsaved, asked: list[str]) -> Callable[[], Unsaved]:
    def ask() -> Unsaved:
        asked.append("asked")
        return answer

    return ask


# -- Qt's own texts --------------------------------------------------------------------------------


def test_qt_standard_buttons_are_danish(qtbot):
    box = QMessageBox(QMessageBox.Icon.Question, "Spørgsmål", "Er du sikker?", SB.Yes | SB.No)
    qtbot.addWidget(box)
    assert _texts([box.button(SB.Yes), box.button(SB.No)]) == ["Ja", "Nej"]
    buttons = QDialogButtonBox(BB.Ok | BB.Cancel | BB.Save | BB.Close)
    qtbot.addWidget(buttons)
    assert _texts(buttons.button(b) for b in (BB.Ok, BB.Cancel, BB.Save, BB.Close)) == [
        "OK",
        "Annuller",
        "Gem",
        "Luk",
    ]


def test_input_and_file_dialogs_are_danish(qtbot):
    asking = QInputDialog()
    qtbot.addWidget(asking)
    asking.show()
    assert _texts(asking.findChild(QDialogButtonBox).buttons()) == ["OK", "Annuller"]
    files = QFileDialog()
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(files)
    files.show()
    assert _texts(files.findChild(QDialogButtonBox).buttons()) == ["Åbn", "Annuller"]


def test_the_translator_is_installed_once(qapp):
    assert install_danish(qapp) and install_danish(qapp)
    assert len(qapp.findChildren(QTranslator, QT_TRANSLATOR_NAME)) == 1


# -- dates and calendars ---------------------------------------------------------------------------


def test_date_fields_and_their_calendar_are_danish_and_start_on_monday(qtbot):
    assert QLocale().language() is QLocale.Language.Danish
    field = DateEdit()
    qtbot.addWidget(field)
    field.set_value(dt.date(2026, 10, 9))
    field.show()
    assert field.text() == "09.10.2026"
    calendar = field.calendarWidget()
    assert calendar.firstDayOfWeek() is Qt.DayOfWeek.Monday
    assert calendar.findChild(QToolButton, "qt_calendar_monthbutton").text() == "oktober"
    days = calendar.findChild(QTableView, "qt_calendar_calendarview").model()
    assert [days.data(days.index(0, column)) for column in range(7)] == [
        "man.",
        "tirs.",
        "ons.",
        "tors.",
        "fre.",
        "lør.",
        "søn.",
    ]


# -- sizes -----------------------------------------------------------------------------------------


def test_a_window_and_its_frame_are_fitted_inside_the_free_area():
    frame_w, frame_h = FRAME.left() + FRAME.right(), FRAME.top() + FRAME.bottom()
    assert fitted_size(1200, 740, SMALL_SCREEN) == QSize(1200, 728 - frame_h)
    assert fitted_size(520, 320, SMALL_SCREEN) == QSize(520, 320)  # small enough: as asked
    assert fitted_size(2000, 300, SMALL_SCREEN) == QSize(1366 - frame_w, 300)
    assert fitted_size(1366, 768, QSize(1920, 1040)) == QSize(1366, 768)
    assert fitted_size(800, 600, QRect()) == QSize(1, 1)


def test_fit_to_screen_uses_the_screen_the_window_opens_on(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    free = widget.screen().availableGeometry()
    size = fit_to_screen(widget, 5000, 5000)
    assert widget.size() == size
    assert size.width() + FRAME.left() + FRAME.right() == free.width()
    assert size.height() + FRAME.top() + FRAME.bottom() == free.height()


def _dialogs(window: MainWindow, world: UiWorld) -> dict[str, Callable[[], QDialog | None]]:
    note = journal.add_note(world.unit, world.actor, world.sub_goal.id, text="Mads stod op kl. 7.").value

    def note_dialog(kind: str) -> QDialog | None:
        window.select_record("sub_goal", world.sub_goal.id, world.citizen.id)
        panel = window.sub_goal_page.journal
        panel.refresh()
        row = next(r for r in range(panel.model.rowCount()) if panel.model.note(r).id == note.id)
        panel.select_row(row)
        return panel.edit_selected() if kind == "edit" else panel.show_history()

    def on_citizen(open_it: Callable[[], QDialog | None]) -> Callable[[], QDialog | None]:
        def opened() -> QDialog | None:
            window.select_record("goal", world.goal.id, world.citizen.id)
            return open_it()

        return opened

    return {
        "print": on_citizen(lambda: window.print_reports("status")),
        "order-editor": lambda: window.open_editor("OrderEditor", world.goal.order_id),
        "goal-status": lambda: window.open_editor("GoalStatusEditor", None, goal_id=world.goal.id),
        "citizen-editor": lambda: window.open_editor("CitizenEditor", world.citizen.id),
        "staff": window.show_staff,
        "send-bundle": on_citizen(window.send_bundle),
        "import-bundle": window.import_bundle,
        "start": lambda: StartDialog(),
        "first-staff": lambda: FirstStaffDialog(window.unit),
        "edit-note": lambda: note_dialog("edit"),
        "note-history": lambda: note_dialog("history"),
    }


DIALOGS = (
    "print",
    "order-editor",
    "goal-status",
    "citizen-editor",
    "staff",
    "send-bundle",
    "import-bundle",
    "start",
    "first-staff",
    "edit-note",
    "note-history",
)


@pytest.fixture
def small_screen() -> Iterator[QRect]:
    assume_screen(SMALL_SCREEN)
    yield SMALL_SCREEN
    assume_screen(None)


@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_fits_a_1366x768_screen_with_a_taskbar(qtbot, window, ui_world, small_screen, name):
    dialog = _dialogs(window, ui_world)[name]()
    assert dialog is not None
    if not dialog.isVisible():
        qtbot.addWidget(dialog)
        dialog.show()
    QApplication.processEvents()
    # The offscreen frame is thin: the one Windows adds (FRAME) is put around the dialog instead.
    framed = dialog.size().grownBy(FRAME)
    assert dialog.frameGeometry().size().boundedTo(framed) == dialog.frameGeometry().size()
    assert framed.width() <= small_screen.width() and framed.height() <= small_screen.height(), (
        f"{name}: {framed.width()}×{framed.height()} does not fit 1366×728"
    )
    if name == "print":  # it asks for 1200×740: the screen's height decides
        assert dialog.width() == 1200 and framed.height() == small_screen.height()
        # Closed only once its report is made: closing the window while the report of a deleted
        # print dialog is still being made crashes (a runner matter, outside what this test is about).
        qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)
    dialog.reject()


# -- Gem and Annullér ------------------------------------------------------------------------------


def _goal_editor(window: MainWindow, world: UiWorld) -> EditorDialog:
    dialog = window.open_editor("GoalEditor", world.goal.id)
    assert dialog is not None
    return dialog


def _stored_justification(world: UiWorld) -> str | None:
    return orders.get_goal(world.unit, world.goal.id).justification


def test_every_editor_has_gem_and_annuller_and_closes_untouched_without_asking(qtbot, window, ui_world):
    for name, record, context in (
        ("GoalEditor", ui_world.goal.id, {}),
        ("SubGoalEditor", ui_world.sub_goal.id, {"goal_id": ui_world.goal.id}),
        ("GoalStatusEditor", None, {"goal_id": ui_world.goal.id}),
        ("OrderEditor", ui_world.goal.order_id, {}),
        ("CitizenEditor", ui_world.citizen.id, {}),
        ("FollowUpEditor", None, {"citizen_id": ui_world.citizen.id, "held": True}),
    ):
        dialog = window.open_editor(name, record, **context)
        assert dialog is not None
        editor = dialog.editor
        assert [editor.save_button.text(), editor.cancel_button.text()] == ["Gem", "Annullér"], name
        assert editor.save_button.isVisible() and editor.cancel_button.isVisible(), name
        dialog.ask_unsaved = never_asked
        qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible(), name


def test_annuller_with_changes_asks_and_keeps_editing_or_discards(qtbot, window, ui_world):
    dialog = _goal_editor(window, ui_world)
    editor = dialog.editor
    qtbot.keyClicks(editor.justification, "Skrevet, men ikke gemt")
    asked: list[str] = []
    dialog.ask_unsaved = answering(Unsaved.KEEP_EDITING, asked)
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
    assert asked and dialog.isVisible()
    assert editor.justification.toPlainText() == "Skrevet, men ikke gemt"

    dialog.ask_unsaved = answering(Unsaved.DISCARD, asked)
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert _stored_justification(ui_world) is None
    # Discarded means discarded: the next opening shows the stored goal, not a draft.
    reopened = _goal_editor(window, ui_world)
    assert reopened.editor.justification.toPlainText() == ""
    assert reopened.editor.draft_banner.isHidden()
    reopened.ask_unsaved = never_asked
    reopened.reject()


def test_esc_and_the_close_button_ask_too(qtbot, window, ui_world):
    dialog = _goal_editor(window, ui_world)
    qtbot.keyClicks(dialog.editor.justification, "Noget")
    asked: list[str] = []
    dialog.ask_unsaved = answering(Unsaved.KEEP_EDITING, asked)
    qtbot.keyClick(dialog.editor.justification, Qt.Key.Key_Escape)
    assert asked == ["asked"] and dialog.isVisible()
    dialog.close()  # the window's close button
    assert asked == ["asked", "asked"] and dialog.isVisible()
    dialog.ask_unsaved = answering(Unsaved.DISCARD, asked)
    qtbot.keyClick(dialog.editor.justification, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and _stored_justification(ui_world) is None


def test_gem_in_the_question_stores_and_closes(qtbot, window, ui_world):
    dialog = _goal_editor(window, ui_world)
    qtbot.keyClicks(dialog.editor.justification, "Begrundet i bestillingen")
    dialog.ask_unsaved = answering(Unsaved.SAVE, [])
    qtbot.mouseClick(dialog.editor.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    assert _stored_justification(ui_world) == "Begrundet i bestillingen"


def test_an_edit_undone_is_no_change(qtbot, window, ui_world):
    dialog = _goal_editor(window, ui_world)
    editor = dialog.editor
    qtbot.keyClicks(editor.justification, "x")
    qtbot.keyClick(editor.justification, Qt.Key.Key_Backspace)
    assert editor.is_dirty() and not editor.has_changes()
    dialog.ask_unsaved = never_asked
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_after_a_save_with_warnings_only_luk_is_offered(qtbot, window, ui_world):
    dialog = window.open_editor("OrderEditor", None, citizen_id=ui_world.citizen.id)
    assert dialog is not None
    editor = dialog.editor
    editor.meeting_date.set_value(editor.received_date.value() - dt.timedelta(days=20))
    qtbot.keyClicks(editor.purpose, "Formål")
    fill_row(editor.goal_rows[0], "Mads spiser morgenmad.", "sundhed", 2, 1, qtbot)
    click_save(editor, qtbot)
    assert not editor.warning_label.isHidden()  # stored, with a warning to read
    assert editor.save_button.text() == "Luk" and editor.cancel_button.isHidden()
    qtbot.keyClicks(editor.sender_name, "Lone")  # edited again: Gem and Annullér are back
    assert editor.save_button.text() == "Gem" and not editor.cancel_button.isHidden()
    dialog.ask_unsaved = answering(Unsaved.DISCARD, [])
    dialog.reject()
    assert not dialog.isVisible()


def test_the_question_itself_is_danish_and_esc_keeps_editing(qtbot):
    box, answers = unsaved_question(None)
    qtbot.addWidget(box)
    assert box.text() == "Der er ændringer, som ikke er gemt."
    assert sorted(_texts(box.buttons())) == sorted(["Gem", "Kassér ændringerne", "Fortsæt redigering"])
    assert answers[box.escapeButton()] is Unsaved.KEEP_EDITING
    assert answers[box.defaultButton()] is Unsaved.SAVE

    def press_discard() -> None:
        shown = QApplication.activeModalWidget()
        assert isinstance(shown, QMessageBox)
        next(b for b in shown.buttons() if b.text() == "Kassér ændringerne").click()

    QTimer.singleShot(0, press_discard)
    assert ask_unsaved(None) is Unsaved.DISCARD


# -- the other editing dialogs ---------------------------------------------------------------------


def test_staff_dialog_asks_before_a_typed_member_is_left(qtbot, window):
    dialog = window.show_staff()
    dialog.ask_unsaved = never_asked
    dialog.reject()
    assert not dialog.isVisible()

    dialog = window.show_staff()
    qtbot.keyClicks(dialog.name, "Bo Jensen")
    qtbot.keyClicks(dialog.initials, "BJ")
    asked: list[str] = []
    dialog.ask_unsaved = answering(Unsaved.KEEP_EDITING, asked)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()
    dialog.ask_unsaved = answering(Unsaved.DISCARD, asked)
    dialog.accept()  # "Luk"
    assert not dialog.isVisible()
    assert "Bo Jensen" not in [m.name for m in window.unit.staff.list()]

    dialog = window.show_staff()
    qtbot.keyClicks(dialog.name, "Bo Jensen")
    qtbot.keyClicks(dialog.initials, "BJ")
    dialog.ask_unsaved = answering(Unsaved.SAVE, asked)
    with qtbot.waitSignal(dialog.finished, timeout=20_000):  # closed once stored
        dialog.accept()
    assert "Bo Jensen" in [m.name for m in window.unit.staff.list()]


def test_ret_notat_has_annuller_and_asks_before_a_correction_is_left(qtbot, window, ui_world):
    dialogs = _dialogs(window, ui_world)
    dialog = dialogs["edit-note"]()
    assert dialog is not None
    assert _texts(dialog.buttons.buttons()) == ["Gem", "Annullér"]
    dialog.ask_unsaved = never_asked
    dialog.reject()
    assert not dialog.isVisible()

    dialog = dialogs["edit-note"]()
    dialog.text_edit.setPlainText("Mads stod selv op kl. 7.")
    asked: list[str] = []
    dialog.ask_unsaved = answering(Unsaved.KEEP_EDITING, asked)
    qtbot.mouseClick(dialog.buttons.button(BB.Cancel), Qt.MouseButton.LeftButton)
    assert asked and dialog.isVisible()
    dialog.ask_unsaved = answering(Unsaved.DISCARD, asked)
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    texts = [n.text for n in journal.journal(ui_world.unit, sub_goal_ids=[ui_world.sub_goal.id])]
    assert texts == ["Mads stod op kl. 7."]  # as written: the correction was discarded


@pytest.mark.parametrize("name", ["print", "order-editor", "staff", "import-bundle"])
def test_the_largest_dialogs_fit_whatever_screen_they_open_on(qtbot, window, ui_world, name):
    """The offscreen screen is 800×800: smaller than any the units have, and still no dialog
    (the four that ask for the most) is larger than its free area."""
    dialog = _dialogs(window, ui_world)[name]()
    assert dialog is not None
    QApplication.processEvents()
    free = dialog.screen().availableGeometry().size()
    assert dialog.frameGeometry().size().boundedTo(free) == dialog.frameGeometry().size(), name
    if name == "print":
        qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)
    dialog.reject()
