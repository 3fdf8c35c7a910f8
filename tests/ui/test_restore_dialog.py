"""Filer → Gendan fra sikkerhedskopi: the list, the confirmation, the restore and the reopening."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from fko_desktop.ops import journal
from fko_desktop.storage.backups import REASON_CLOSE, automatic_backup
from fko_desktop.ui import opening, restore_dialog


def _logged_in(unit, *args, **kwargs):  # type: ignore[no-untyped-def]
    """The reopened file's login, answered by its first staff member (tests/ui/test_login_dialog.py
    drives the real dialog)."""
    return unit.staff.list()[0]


def _notes(path: Path) -> list[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(row[0] for row in connection.execute("SELECT text FROM journal_note"))
    finally:
        connection.close()


def _answer_restore(monkeypatch, shown: list[str]) -> None:  # type: ignore[no-untyped-def]
    def fake_exec(box: QMessageBox) -> int:
        shown.append(f"{box.text()} {box.informativeText()}")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(
        QMessageBox, "clickedButton", lambda box: next(b for b in box.buttons() if b.text() == "Gendan")
    )


def test_the_dialog_lists_confirms_restores_and_reopens(qtbot, window, ui_world, monkeypatch):  # type: ignore[no-untyped-def]
    path = ui_world.unit.path
    journal.add_note(ui_world.unit, ui_world.actor, ui_world.sub_goal.id, text="Før kopien.")
    automatic_backup(ui_world.unit, REASON_CLOSE)
    at_backup = _notes(path)
    journal.add_note(ui_world.unit, ui_world.actor, ui_world.sub_goal.id, text="Efter kopien.")

    dialog = restore_dialog.show_restore_dialog(window)
    qtbot.addWidget(dialog)
    # The day's first save made one too, before the one the test made.
    assert dialog.table.rowCount() == 2 and not dialog.empty.isVisible()
    assert [dialog.table.item(row, 1).text() for row in (0, 1)] == [
        "ved lukning",
        "ved dagens første gemning",
    ]
    assert dialog.table.item(0, 2).text().endswith("kB")
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()

    shown: list[str] = []
    _answer_restore(monkeypatch, shown)
    reopened = []
    real_switch = opening.switch_unit
    monkeypatch.setattr(opening, "choose_staff", _logged_in)
    monkeypatch.setattr(
        opening, "switch_unit", lambda old, p: reopened.append(real_switch(old, p)) or reopened[-1]
    )
    dialog.restore_button.click()

    [text] = shown
    assert "gemmes først som en sikkerhedskopi" in text and "erstattes" in text
    [new_window] = reopened
    assert new_window is not None and new_window.unit.path == path
    try:
        assert _notes(path) == at_backup
        assert "gendannet" in new_window.statusBar().currentMessage()
        reasons = [b.reason for b in new_window.unit.automatic_backups()]
        assert "før-gendannelse" in reasons
    finally:
        new_window.close()


def test_a_refused_restore_is_shown_and_the_file_reopened(qtbot, window, ui_world, monkeypatch):  # type: ignore[no-untyped-def]
    path = ui_world.unit.path
    broken = path.with_name("ødelagt.fko")
    broken.write_bytes(b"ikke en enhedsfil")
    before = path.read_bytes()
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: errors.append(text))
    monkeypatch.setattr(opening, "choose_staff", _logged_in)
    new_window = restore_dialog.restore_into(window, broken)
    try:
        assert new_window is not None and new_window.unit.path == path
        [message] = errors
        assert "ødelagt.fko" in message
        assert path.read_bytes() == before
    finally:
        if new_window is not None:
            new_window.close()


def test_an_empty_list_says_so(qtbot, window):  # type: ignore[no-untyped-def]
    dialog = restore_dialog.show_restore_dialog(window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and not dialog.empty.isHidden()
    assert not dialog.restore_button.isEnabled()
