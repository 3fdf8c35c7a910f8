"""Closing the window while a print preview is still being made (its data read, the read
logged in the audit trail): the window waits for the work and closes; nothing is left open."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from fko_desktop.reports import ReportKind
from fko_desktop.storage import schema
from fko_desktop.storage.integrity import check_unit_file


def test_the_window_closes_while_a_preview_is_being_made(qtbot, window, ui_world):
    window.select_record("citizen", ui_world.citizen.id, ui_world.citizen.id)
    for kind in ReportKind:
        dialog = window.print_reports(kind.value)
        assert dialog is not None
        dialog.close()
    path = ui_world.unit.path
    window.close()
    QApplication.processEvents()
    assert not window.runner.busy
    # The file closed whole: its history chain verifies from the start, reads logged included.
    assert check_unit_file(path, full=True) == schema.head_revision()
