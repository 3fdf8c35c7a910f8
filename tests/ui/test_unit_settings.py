"""Filer → Enhedens indstillinger: the days backups are kept and the years of retention are
set in the window, stored in one Gem; a refused setting is shown beside its field and stores
nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_daily_loop import save


def open_settings(window):
    window.unit_settings_action.trigger()
    dialog = window.active_editor
    assert dialog.windowTitle() == "Enhedens indstillinger"
    return dialog


def test_the_backup_days_and_the_retention_are_set_in_the_window(window, qtbot, ui_world):
    dialog = open_settings(window)
    editor = dialog.editor
    assert (editor.keep_days.value(), editor.retention.value()) == (30, 5)
    assert editor.keep_days.suffix() == " dage" and editor.retention.suffix() == " år"
    editor.keep_days.setValue(14)
    editor.retention.setValue(10)
    save(dialog, qtbot)
    stored = ui_world.unit.unit()
    assert (stored.backup_keep_days, stored.retention_years) == (14, 10)
    # Opened again, the form shows what is stored.
    again = open_settings(window).editor
    assert (again.keep_days.value(), again.retention.value()) == (14, 10)


def test_a_unit_without_areas_is_refused_beside_the_field(window, qtbot, ui_world):
    before = ui_world.unit.unit()
    dialog = open_settings(window)
    editor = dialog.editor
    editor.children_box.setChecked(False)
    editor.adults_box.setChecked(False)
    editor.keep_days.setValue(7)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(editor.shown_errors()), timeout=20_000)
    assert "Vælg mindst ét område" in editor.errors["areas"].text()
    after = ui_world.unit.unit()
    assert (after.backup_keep_days, after.areas) == (before.backup_keep_days, before.areas)


def test_the_small_groups_rule_of_the_overview_is_on_until_an_administrator_turns_it_off(
    window, qtbot, ui_world
):
    editor = open_settings(window).editor
    assert editor.suppress_box.isChecked() and "< 5" in editor.suppress_box.text()
    editor.suppress_box.setChecked(False)
    save(window.active_editor, qtbot)
    assert ui_world.unit.unit().suppress_small_groups is False
    assert open_settings(window).editor.suppress_box.isChecked() is False
