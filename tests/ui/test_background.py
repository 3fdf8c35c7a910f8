"""The window's long work (backup, copy to this PC) runs through the runner, off the GUI thread.

The runner itself (progress, cancel, refusals, one worker) is tested in test_runner.py."""

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from fko_desktop.models import AuditEvent
from fko_desktop.ui import runner as runner_module

from .test_main_window import make_window


def test_window_backup_runs_in_the_background_and_is_audited(qtbot, ui_world, tmp_path, monkeypatch):
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: infos.append(text))
    monkeypatch.setattr(runner_module, "SHOW_DIALOG_AFTER_MS", 0)
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

    monkeypatch.setattr(runner_module, "SHOW_DIALOG_AFTER_MS", 0)
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
