"""The "Revisionsspor" view: what it lists and filters, its CSV export, a record's history, who
gets the menu item, and the read the window logs when a citizen is opened."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog

from fko_desktop.models import Actor
from fko_desktop.ops import journal, staff
from fko_desktop.ui.audit_view import AuditDialog
from fko_desktop.ui.main_window import MainWindow
from fko_desktop.ui.record_history import RecordHistoryDialog
from fko_desktop.unit import Unit
from fko_desktop.unit.inputs import AuditFilter, AuditKind

FIRST = "Mads spiste morgenmad uden at blive mindet om det."
SECOND = "Mads spiste morgenmad uden at blive mindet om det, og ryddede selv op."


def _actions(window: MainWindow, text: str) -> list[QAction]:
    found = [a for menu in window.menuBar().actions() for a in menu.menu().actions() if a.text() == text]
    return found + [a for a in window.tree.actions() if a.text() == text]


def _open_trail(qtbot, window: MainWindow) -> AuditDialog:  # type: ignore[no-untyped-def]
    (action,) = [a for a in _actions(window, "Revisionsspor …")]
    action.trigger()
    dialog = window.findChildren(AuditDialog)[-1]
    _loaded(qtbot, dialog)
    return dialog


def _loaded(qtbot, dialog: AuditDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)


def _shown(dialog: AuditDialog, column: int) -> list[str]:
    model = dialog.table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


@pytest.fixture
def edited_note(ui_world) -> int:  # type: ignore[no-untyped-def]
    note = journal.add_note(ui_world.unit, ui_world.actor, ui_world.sub_goal.id, text=FIRST).value
    journal.edit_note(ui_world.unit, ui_world.actor, note.id, text=SECOND)
    return note.id


def test_the_trail_lists_filters_and_opens_a_notes_history(qtbot, window, ui_world, edited_note):  # type: ignore[no-untyped-def]
    citizen = ui_world.citizen
    window.select_record("citizen", citizen.id, citizen.id)
    window.select_record("goal", ui_world.goal.id, citizen.id)  # the same citizen: no new read
    dialog = _open_trail(qtbot, window)
    assert dialog.isVisible() and dialog.width() <= 1366 and dialog.height() <= 768
    what = _shown(dialog, 3)
    assert f"Rettede notat #{edited_note} (tekst)" in what
    assert what.count("Åbnede borgerens sag") == 1
    read_row = what.index("Åbnede borgerens sag")
    assert _shown(dialog, 2)[read_row] == "Læst" and _shown(dialog, 4)[read_row] == citizen.name

    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(AuditKind.EDITED))
    _loaded(qtbot, dialog)
    assert set(_shown(dialog, 2)) == {"Rettet"}
    assert _shown(dialog, 3) == [f"Rettede notat #{edited_note} (tekst)"]

    dialog.open_history(0)
    qtbot.waitUntil(lambda: dialog.history_dialog is not None, timeout=10_000)
    history = dialog.history_dialog
    assert isinstance(history, RecordHistoryDialog)
    assert history.version_table.rowCount() == 2
    assert history.version_table.item(0, 3).text() == "tekst"
    shown = history.detail.toPlainText()
    assert "Før" in shown and FIRST in shown and SECOND in shown
    qtbot.keyClick(history, Qt.Key.Key_Escape)
    assert not history.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_trail_filters_by_person_and_exports_csv_to_the_chosen_file(  # type: ignore[no-untyped-def]
    qtbot, window, ui_world, edited_note, tmp_path: Path, monkeypatch
):
    other = staff.add_staff(
        ui_world.unit, Actor(None, "test", system=True), name="Bo Berg", initials="BB"
    ).value
    dialog = _open_trail(qtbot, window)
    added = f"Oprettede medarbejder #{other.id}"
    assert added in _shown(dialog, 3)  # written by the test's system actor, not by Anna
    dialog.person_combo.setCurrentIndex(dialog.person_combo.findData(ui_world.actor.staff_id))
    _loaded(qtbot, dialog)
    assert set(_shown(dialog, 1)) == {ui_world.actor.name}
    assert added not in _shown(dialog, 3)

    target = tmp_path / "revisionsspor.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.export_button.click()
    _loaded(qtbot, dialog)
    text = target.read_bytes().decode("utf-8-sig")  # bytes: keep the \r\n Excel expects
    lines = text.strip().split("\r\n")
    assert lines[0] == "Tid;Hvem;Handling;Hvad;Borger;Borger-id;Posttype;Post-id"
    # The file holds exactly what the view shows: Anna's events only.
    assert len(lines) - 1 == dialog.model.rowCount()
    assert all(";Anna Hansen (AH);" in line for line in lines[1:])
    assert "hændelser er gemt i" in dialog.status_label.text()


def test_from_the_citizen_the_trail_opens_on_that_citizen(qtbot, window, ui_world):  # type: ignore[no-untyped-def]
    citizen = ui_world.citizen
    window.select_record("citizen", citizen.id, citizen.id)
    (action,) = [a for a in window.tree.actions() if a.text() == "Hvem har set/ændret borgeren …"]
    action.trigger()
    dialog = window.findChildren(AuditDialog)[-1]
    _loaded(qtbot, dialog)
    assert dialog.citizen_combo.currentData() == citizen.id
    assert set(_shown(dialog, 4)) == {citizen.name}
    # The read the window logged when the citizen was selected, as the core stores it.
    reads = Unit(ui_world.unit, ui_world.actor).audit.events(
        AuditFilter(citizen_id=citizen.id, kinds=frozenset({AuditKind.READ}))
    )
    assert [(r.actor_name, r.description) for r in reads.rows] == [
        (ui_world.actor.name, "Åbnede borgerens sag")
    ]


def test_a_medarbejder_gets_no_audit_menu_item(qtbot, ui_world):  # type: ignore[no-untyped-def]
    member = staff.add_staff(
        ui_world.unit, Actor(None, "test", system=True), name="Bo Berg", initials="BB"
    ).value
    window = MainWindow(Unit(ui_world.unit, staff.actor_for(member)))
    try:
        window.show()
        assert _actions(window, "Revisionsspor …") == []
        assert _actions(window, "Hvem har set/ændret borgeren …") == []
        # Opening a citizen is logged for a medarbejder too: their reads are what the trail is for.
        window.select_record("citizen", ui_world.citizen.id, ui_world.citizen.id)
        leder = Unit(ui_world.unit, ui_world.actor)
        qtbot.waitUntil(
            lambda: any(r.actor_id == member.id for r in leder.audit.readers_of(ui_world.citizen.id)),
            timeout=10_000,
        )
    finally:
        window.close()
        window.deleteLater()
        QApplication.processEvents()
        gc.collect()


def test_the_screenshot_views_show_the_trail_and_a_notes_history(qtbot, window, ui_world, edited_note):  # type: ignore[no-untyped-def]
    trail = window.show_for_screenshot(ui_world.citizen.cpr, "audit")
    assert isinstance(trail, AuditDialog) and trail.citizen_combo.currentData() == ui_world.citizen.id
    history = window.show_for_screenshot(ui_world.citizen.cpr, "record-history")
    assert isinstance(history, RecordHistoryDialog)
    assert history.history.record_id == edited_note and SECOND in history.detail.toPlainText()
