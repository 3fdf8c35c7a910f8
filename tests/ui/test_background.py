"""Long work runs off the GUI thread, shows progress, can be cancelled and reports refusals."""

import threading

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from sqlalchemy import select

from fko_desktop.errors import ValidationError
from fko_desktop.models import AuditEvent
from fko_desktop.ui import background
from fko_desktop.ui.background import run_in_background

from .test_main_window import make_window


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_result_arrives_on_the_gui_thread_and_progress_moves_the_dialog(qtbot, parent):
    gui_thread = threading.get_ident()
    seen = {}
    release = threading.Event()

    def work(progress):
        seen["thread"] = threading.get_ident()
        progress.report(3, 10, "Tæller …")
        release.wait(5)
        return 42

    task = run_in_background(
        parent, "Test", work, lambda result: seen.update(result=result, on=threading.get_ident())
    )
    qtbot.waitUntil(lambda: task.dialog.value() == 3)
    assert task.dialog.labelText() == "Tæller …" and task.dialog.maximum() == 10
    with qtbot.waitSignal(task.ended, timeout=5000):
        release.set()
    assert seen == {"thread": seen["thread"], "result": 42, "on": gui_thread}
    assert seen["thread"] != gui_thread


def test_cancel_stops_the_work_and_says_so(qtbot, parent):
    messages = []
    done = []

    def work(progress):
        for step in range(10_000):
            progress.report(step, 10_000)
            threading.Event().wait(0.001)
        return "færdig"

    task = run_in_background(parent, "Test", work, done.append, on_cancelled=messages.append)
    qtbot.waitUntil(lambda: task.dialog.value() > 0)
    with qtbot.waitSignal(task.ended, timeout=5000):
        [button] = task.dialog.findChildren(QPushButton)
        assert button.text() == "Afbryd"
        button.click()
    assert done == [] and messages == ["Afbrudt – intet er ændret."]


def test_a_refusal_from_the_core_is_shown_as_its_message(qtbot, parent, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: shown.append((title, text)))

    def work(_progress):
        raise ValidationError("Mappen findes ikke.")

    run_in_background(parent, "Sikkerhedskopi", work, lambda _r: None)
    qtbot.waitUntil(lambda: shown != [])
    assert shown == [("Sikkerhedskopi", "Mappen findes ikke.")]


def test_window_backup_runs_in_the_background_and_is_audited(qtbot, ui_world, tmp_path, monkeypatch):
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: infos.append(text))
    monkeypatch.setattr(background, "SHOW_DIALOG_AFTER_MS", 0)
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    task = window.backup(str(tmp_path / "kopi"))
    with qtbot.waitSignal(task.ended, timeout=10000):
        pass
    [copy] = (tmp_path / "kopi").iterdir()
    assert infos == [f"Sikkerhedskopien er gemt som {copy}."]
    assert copy.name in window.statusBar().currentMessage()
    with ui_world.unit.read() as session:
        assert session.scalars(select(AuditEvent.details).where(AuditEvent.action == "backup")).all() == [
            {"file": copy.name}
        ]


def test_a_unit_with_a_second_name_offers_a_local_copy_and_opens_it(qtbot, unit_path, tmp_path, monkeypatch):
    """Issue 9, case 4: read-only with the reason, and one click to a working copy on this PC."""
    import os

    from fko_desktop.models import Actor
    from fko_desktop.storage import paths
    from fko_desktop.storage.unitfile import UnitFile
    from fko_desktop.ui import opening as app  # switch_unit moved here from ui/app.py

    monkeypatch.setattr(background, "SHOW_DIALOG_AFTER_MS", 0)
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    os.link(unit_path, tmp_path / "andet-navn.fko")
    unit = UnitFile.open(unit_path)
    window = make_window(qtbot, unit, Actor(1, "Anna Hansen"))
    assert window.banner_bar.isVisible() and "flere navne" in window.banner.text()
    assert window.copy_button.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    opened = []
    monkeypatch.setattr(app, "switch_unit", lambda old, path: opened.append(path))
    task = window.copy_to_this_pc()
    with qtbot.waitSignal(task.ended, timeout=10000):
        pass
    [copy] = opened
    assert copy.parent == paths.data_dir() and copy.name == "egely-lokal.fko"
    with UnitFile.open(copy) as local:
        assert not local.readonly and local.placement.writable
        assert local.staff()[0].name == "Anna Hansen"
