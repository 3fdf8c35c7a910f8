"""Saving a journal note in the window while a bundle is being made in the background.

The export (``ExportBundleDialog`` → the runner: prepare, make, record) holds no write
transaction while it renders or encrypts, so the note box saves at once: no "Enhedsfilen er
optaget" after the busy timeout, and the GUI thread keeps processing events meanwhile. The
export waits at a gate in ``crypto.encrypt`` until the test releases it; the busy timeout is cut
to a fraction of a second, so a regression fails fast.

qtbot's key clicks and ``QPushButton.click()`` reach the note box directly, as in the other
window tests; they pass by the export's progress dialog, which is window-modal once shown.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer

from fko_desktop.exchange import crypto, read_bundle_file
from fko_desktop.ops import journal
from fko_desktop.storage import unitfile
from fko_desktop.ui.main_window import PAGE_GOAL
from tests.exchange.helpers import make_keys

from .test_main_window import make_window

QUICK_BUSY_MS = 200
PATIENCE_S = 60
#: A save that took longer waited for something (fsync on a busy test machine stays well below).
PROMPT_S = 2.0


@pytest.fixture
def quick_busy(monkeypatch, ui_world):
    monkeypatch.setattr(unitfile, "BUSY_TIMEOUT_MS", QUICK_BUSY_MS)
    ui_world.unit.engine.dispose()  # pooled connections were made with the old timeout
    return ui_world


@pytest.fixture
def encrypt_gate(monkeypatch):
    """``crypto.encrypt`` waits until ``release`` is set; ``entered`` says it has been reached."""
    entered, release = threading.Event(), threading.Event()
    real = crypto.encrypt

    def gated(*args: Any, **kwargs: Any) -> bytes:
        entered.set()
        if not release.wait(PATIENCE_S):
            raise AssertionError("the test never released the export")
        return real(*args, **kwargs)

    monkeypatch.setattr(crypto, "encrypt", gated)
    yield entered, release
    release.set()  # never leave a worker thread waiting, whatever the test did


@pytest.mark.parametrize("save", ["ctrl_enter", "button"])
def test_a_note_saved_while_a_transfer_is_made_in_the_background_is_stored_and_shown(
    qtbot, quick_busy, encrypt_gate, tmp_path, save
):
    world = quick_busy
    entered, release = encrypt_gate
    keys = make_keys(tmp_path, "modtager")
    journal.add_note(world.unit, world.actor, world.sub_goal.id, text="Før bundtet.", score=2)
    window = make_window(qtbot, world.unit, world.actor)
    window.select_record("citizen", world.citizen.id, world.citizen.id)
    dialog = window.send_bundle()
    dialog.kind.setCurrentIndex(dialog.kind.findData("transfer"))
    dialog.folder.setText(str(tmp_path / "ud"))
    dialog.secret.by_key.setChecked(True)
    dialog.secret.key_path.setText(str(keys.recipient_path))

    ticks = [0]
    ticker = QTimer(window)
    ticker.setInterval(10)
    ticker.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    ticker.start()
    try:
        task = dialog.make()
        assert task is not None, dialog.message.text()
        qtbot.waitUntil(entered.is_set, timeout=PATIENCE_S * 1000)  # PDFs made, encryption waits

        window.select_record("goal", world.goal.id, world.citizen.id)
        assert window.pages.currentIndex() == PAGE_GOAL
        panel = window.goal_page.journal
        qtbot.keyClicks(panel.note_edit, "Skrevet mens bundtet blev lavet.")
        panel.score_combo.setCurrentIndex(panel.score_combo.findData(1))
        started = time.monotonic()
        if save == "ctrl_enter":
            qtbot.keyClick(panel.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        else:
            panel.save_button.click()
        qtbot.waitUntil(lambda: panel.task is None, timeout=PATIENCE_S * 1000)  # stored off the GUI thread
        waited = time.monotonic() - started
        assert not panel.error_label.text(), panel.error_label.text()
        assert waited < PROMPT_S, f"saving the note waited {waited:.2f} s for the export"
        assert panel.note_edit.toPlainText() == ""
        assert panel.model.note(0).text == "Skrevet mens bundtet blev lavet."  # shown, newest first

        # The GUI thread goes on handling events while the export is still held at the gate.
        ticked = ticks[0]
        qtbot.waitUntil(lambda: ticks[0] >= ticked + 10, timeout=5000)
        assert dialog.task is not None and dialog.task.running and not release.is_set()  # step 2 of 3
    finally:
        release.set()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=PATIENCE_S * 1000)
    ticker.stop()

    assert "Bundtet er klar" in dialog.message.text(), dialog.message.text()
    assert dialog.result_path is not None and dialog.result_path.exists()
    arrived = read_bundle_file(dialog.result_path, keys.identity)
    assert [n.text for n in arrived.content.journal_notes] == ["Før bundtet."]
    stored = journal.journal(world.unit, citizen_id=world.citizen.id)
    assert {(n.text, n.score) for n in stored} == {
        ("Før bundtet.", 2),
        ("Skrevet mens bundtet blev lavet.", 1),
    }
    dialog.close()
