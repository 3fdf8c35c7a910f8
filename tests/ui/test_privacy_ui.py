"""The window's privacy actions: "Skjul navne", "Vis fulde CPR-numre", "Indsigt for borgeren …"
and erasure after the retention period."""

from __future__ import annotations

import datetime as dt
import stat

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from fko_desktop.ops import citizens, staff
from fko_desktop.ui import privacy_actions
from fko_desktop.unit import Unit

from .test_main_window import make_window


def _tree_texts(window) -> list[str]:
    model = window.tree_model
    # The label without its deadline badge ("  ⚑ 8 overskredet").
    return [model.index(row, 0).data().split("  ⚑")[0] for row in range(model.rowCount())]


def _tooltip(window) -> str:
    return window.tree_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_hide_names_shows_initials_in_the_tree_and_header_until_turned_off(qtbot, ui_world):
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    cid = ui_world.citizen.id
    window.select_record("goal", ui_world.goal.id, cid)
    assert "Mads Testesen" in _tree_texts(window)
    assert window.citizen_header.text().startswith("Mads Testesen · ")
    assert window.hide_names_action.shortcut() == QKeySequence("Ctrl+Shift+N")

    window.hide_names_action.trigger()
    assert _tree_texts(window) == [f"M.T. ({cid})"]
    assert window.citizen_header.text().startswith(f"M.T. ({cid}) · ")
    assert "Testesen" not in window.citizen_header.text()
    # The page shown stays the same record: the shared room only stops seeing the name.
    assert window.goal_page.isVisibleTo(window)
    window.show_today()
    today_names = [window.today.model.index(r, 2).data() for r in range(window.today.model.rowCount())]
    assert all("Testesen" not in name for name in today_names)

    window.hide_names_action.trigger()
    assert "Mads Testesen" in _tree_texts(window)
    # Not stored: a new window (the next start) shows names.
    again = make_window(qtbot, ui_world.unit, ui_world.actor)
    assert not again.hide_names_action.isChecked() and "Mads Testesen" in _tree_texts(again)


def test_full_cpr_is_the_persons_own_choice_stored_in_the_unit(qtbot, ui_world):
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    assert not window.full_cpr_action.isChecked()
    assert _tooltip(window).startswith("010215-XXXX")
    window.full_cpr_action.setChecked(True)
    qtbot.waitUntil(lambda: _tooltip(window).startswith("010215-4321"))
    # Stored on Anna's staff record: her next window shows full numbers, a colleague's does not.
    assert make_window(qtbot, ui_world.unit, ui_world.actor).full_cpr_action.isChecked()
    member = staff.add_staff(ui_world.unit, ui_world.actor, name="Bo Olsen", initials="BO").value
    other = make_window(qtbot, ui_world.unit, staff.actor_for(member))
    assert not other.full_cpr_action.isChecked() and _tooltip(other).startswith("010215-XXXX")


def test_subject_access_action_writes_the_pdf_and_json_of_the_selected_citizen(qtbot, ui_world, tmp_path):
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    window.select_record("citizen", ui_world.citizen.id, ui_world.citizen.id)
    target = tmp_path / "indsigt.pdf"
    task = privacy_actions.export_subject_access(window, str(target))
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=20000)
    assert task.failure is None
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "Mads Testesen" in target.with_suffix(".json").read_text(encoding="utf-8")
    assert "Indsigt gemt" in window.statusBar().currentMessage()


def test_privacy_menu_actions_follow_the_role(qtbot, ui_world):
    member = staff.add_staff(ui_world.unit, ui_world.actor, name="Bo Olsen", initials="BO").value
    employee = make_window(qtbot, ui_world.unit, staff.actor_for(member))
    labels = {a.text(): a for a in employee.menuBar().actions()[0].menu().actions()}
    assert not labels["Indsigt for borgeren …"].isEnabled()
    assert not labels["Sletning efter opbevaringsperioden …"].isEnabled()
    admin = make_window(qtbot, ui_world.unit, ui_world.actor)
    labels = {a.text(): a for a in admin.menuBar().actions()[0].menu().actions()}
    assert labels["Indsigt for borgeren …"].isEnabled()
    assert labels["Sletning efter opbevaringsperioden …"].isEnabled()
    assert "Indsigt for borgeren …" in [a.text() for a in admin.tree.actions()]  # right click
    assert "Indsigt for borgeren …" not in [a.text() for a in employee.tree.actions()]


def test_erasure_in_the_window_asks_for_slet_and_removes_the_citizen(qtbot, ui_world, monkeypatch):
    citizens.update_citizen(ui_world.unit, ui_world.actor, ui_world.citizen.id, end_date=dt.date(2025, 6, 1))
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    far = dt.date.today() + dt.timedelta(days=366 * 6)
    privacy = window.unit.privacy
    monkeypatch.setattr(privacy, "erasable", lambda today=None, _real=privacy.erasable: _real(far))
    monkeypatch.setattr(privacy, "erase", lambda cid, today=None, _real=privacy.erase: _real(cid, today=far))
    monkeypatch.setattr(
        privacy_actions.QInputDialog, "getItem", staticmethod(lambda *args, **kwargs: (args[3][0], True))
    )
    answers = iter([("nej", True), ("slet", True)])
    monkeypatch.setattr(privacy_actions.QInputDialog, "getText", staticmethod(lambda *a, **k: next(answers)))
    assert privacy_actions.erase_citizen(window) is None  # "nej" erases nothing
    assert Unit(ui_world.unit, ui_world.actor).citizens.get(ui_world.citizen.id).name == "Mads Testesen"
    task = privacy_actions.erase_citizen(window)
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=20000)
    assert task.failure is None
    assert Unit(ui_world.unit, ui_world.actor).citizens.list(active=None) == []
    assert window.pages.currentIndex() == 0  # back on today's list, not the erased citizen
