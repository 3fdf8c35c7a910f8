"""The login in the window: initials and password, the core's refusals as they come, a demo
unit's logins on its screen, the one-time password's new one, and the idle lock that keeps
what was typed."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import select

from fko_desktop.models import StaffMember
from fko_desktop.models.passwords import MAX_FAILED_LOGINS
from fko_desktop.ui import opening
from fko_desktop.ui.idle_lock import install_idle_lock
from fko_desktop.ui.login_dialog import LoginDialog, NewPasswordDialog
from fko_desktop.ui.screen_fit import available_geometry
from fko_desktop.unit import Unit

PASSWORD = "annas-gode-kode"


def _login_dialog(qtbot, unit: Unit) -> LoginDialog:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(
        unit.name,
        lambda initials, password, new: unit.accounts.login(initials, password, new_password=new),
        demo_logins=unit.accounts.demo_logins(),
        demo_password=unit.accounts.demo_password(),
        first_password=unit.accounts.needs_first_password(),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def unit(ui_world):  # type: ignore[no-untyped-def]
    """The ui world's unit with nobody logged in, and Anna (AH) with a password."""
    facade = ui_world.facade
    facade.accounts.set_first_password(ui_world.actor.staff_id, PASSWORD)
    facade.act_as(None)
    return facade


def _failed_logins(ui_world) -> int:  # type: ignore[no-untyped-def]
    with ui_world.unit.read() as session:
        return session.scalars(
            select(StaffMember.failed_logins).where(StaffMember.id == ui_world.actor.staff_id)
        ).one()


def test_login_with_initials_and_password(qtbot, unit):  # type: ignore[no-untyped-def]
    dialog = _login_dialog(qtbot, unit)
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    assert dialog.hint.isHidden()  # not a demo unit: no logins shown
    screen = available_geometry(dialog)
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    qtbot.keyClicks(dialog.initials, "ah")
    qtbot.keyClicks(dialog.password, PASSWORD)
    dialog.login_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert unit.actor is not None and unit.actor.name == "Anna Hansen (AH)"
    assert dialog.result_value.initials == "AH"


def test_a_wrong_password_is_refused_and_five_lock_the_account(qtbot, unit, ui_world):  # type: ignore[no-untyped-def]
    dialog = _login_dialog(qtbot, unit)
    qtbot.keyClicks(dialog.initials, "AH")
    qtbot.keyClicks(dialog.password, "forkert-kode-1")
    dialog.login_button.click()
    assert dialog.isVisible() and dialog.message.text() == "Forkerte initialer eller adgangskode."
    assert dialog.password.text() == ""  # cleared for the next try
    assert unit.actor is None and _failed_logins(ui_world) == 1
    for attempt in range(MAX_FAILED_LOGINS - 1):
        dialog.password.setText(f"forkert-kode-{attempt + 2}")
        dialog.login_button.click()
    assert "låst" in dialog.message.text() and "indtil" in dialog.message.text()
    dialog.password.setText(PASSWORD)  # the right one, but the account is locked
    dialog.login_button.click()
    assert dialog.isVisible() and "låst" in dialog.message.text() and unit.actor is None


def test_escape_cancels_and_the_unit_does_not_open(qtbot, ui_world, monkeypatch):  # type: ignore[no-untyped-def]
    path = ui_world.unit.path
    ui_world.unit.close()
    seen: list[LoginDialog] = []

    def escape(self):  # type: ignore[no-untyped-def]
        seen.append(self)
        QTimer.singleShot(0, lambda: qtbot.keyClick(self, "\x1b"))
        return QDialog.exec(self)

    monkeypatch.setattr(LoginDialog, "exec", escape)
    assert opening.open_and_log_in(path) is None
    assert seen and seen[0].result() == QDialog.DialogCode.Rejected
    with Unit.open(path) as again:  # the file was closed again (no lock left behind)
        assert not again.readonly


def test_a_one_time_password_leads_to_choosing_a_new_one(qtbot, unit, monkeypatch):  # type: ignore[no-untyped-def]
    anna_id = unit.staff.list()[0].id
    unit.accounts.login("AH", PASSWORD)
    unit.staff.add(name="Lise Leder", initials="LL", role="leder")
    lise = next(m for m in unit.staff.list() if m.initials == "LL")
    unit.accounts.reset_password(lise.id, "engangskode-lise")
    unit.act_as(None)
    typed = iter([("lises-kode-1", "lises-kode-2"), ("lises-egen-kode", "lises-egen-kode")])

    def answer(self):  # type: ignore[no-untyped-def]
        first, second = next(typed)
        self.first.setText(first)
        self.second.setText(second)
        self._check()
        if self.result() != QDialog.DialogCode.Accepted:
            assert self.message.text() == "De to adgangskoder er ikke ens."
            return answer(self)
        return self.result()

    monkeypatch.setattr(NewPasswordDialog, "exec", answer)
    dialog = _login_dialog(qtbot, unit)
    dialog.initials.setText("LL")
    dialog.password.setText("engangskode-lise")
    dialog.login_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert unit.actor is not None and unit.actor.staff_id == lise.id
    unit.act_as(None)
    assert unit.accounts.login("LL", "lises-egen-kode").id == lise.id
    assert anna_id != lise.id


def test_a_migrated_units_first_leder_chooses_a_password(qtbot, ui_unit, monkeypatch):  # type: ignore[no-untyped-def]
    from fko_desktop.models import Actor
    from fko_desktop.ops import staff

    staff.add_staff(ui_unit, Actor(None, "test"), name="Lise Leder", initials="LL", role="leder")
    unit = Unit(ui_unit, None)
    dialog = _login_dialog(qtbot, unit)
    assert "ingen adgangskoder" in dialog.hint.text() and dialog.hint.isVisible()

    def answer(self):  # type: ignore[no-untyped-def]
        self.first.setText("lises-egen-kode")
        self.second.setText("lises-egen-kode")
        self._check()
        return self.result()

    monkeypatch.setattr(NewPasswordDialog, "exec", answer)
    dialog.initials.setText("LL")
    dialog.login_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and unit.actor is not None
    assert not unit.accounts.needs_first_password()


def test_a_demo_unit_shows_its_logins(qtbot, demo_path, tmp_path):  # type: ignore[no-untyped-def]
    copy = tmp_path / "demo.fko"
    shutil.copyfile(demo_path, copy)
    with Unit.open(copy) as unit:
        dialog = _login_dialog(qtbot, unit)
        logins = unit.accounts.demo_logins()
        assert logins and dialog.hint.isVisible()
        assert dialog.hint.text().startswith(f"Demo: log ind som {logins[0][0]}")
        assert dialog.hint.text().endswith("med adgangskoden demo-adgangskode")
        dialog.login_button.click()  # filled in: one click takes a newcomer in
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert unit.actor is not None and unit.actor.staff_id is not None


def test_the_idle_lock_keeps_a_typed_note_and_counts_a_wrong_password(qtbot, window, ui_world):  # type: ignore[no-untyped-def]
    window.unit.accounts.set_first_password(ui_world.actor.staff_id, PASSWORD)
    editor = window.open_editor("GoalEditor", ui_world.goal.id)
    assert editor is not None
    qtbot.keyClicks(editor.editor.justification, "Skrevet lige før pausen")
    note = window.goal_page.journal.note_edit
    note.setPlainText("Et notat, der ikke er gemt endnu")
    lock = install_idle_lock(window, minutes=1)
    assert lock is not None
    seen: list[object] = []

    def answer() -> None:
        # Observations only: a failed assert in here would leave the lock's exec() waiting.
        dialog = lock.dialog
        seen.append(QApplication.activeModalWidget() is dialog)
        seen.append(editor.windowOpacity())  # the open editor is hidden, not closed
        dialog.password.setText("forkert-kode-1")
        seen.append(dialog.unlock())
        seen.append((dialog.message.text(), _failed_logins(ui_world)))
        qtbot.keyClick(dialog, "\x1b")  # Esc does not open the lock
        seen.append(dialog.isVisible())
        dialog.password.setText(PASSWORD)
        dialog.unlock_button.click()
        if dialog.isVisible():
            dialog.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, answer)
    result = lock.lock()
    assert result is not None and result.result() == QDialog.DialogCode.Accepted
    assert seen == [True, 0.0, False, ("Forkerte initialer eller adgangskode.", 1), True]
    assert editor.isVisible() and editor.windowOpacity() == 1.0
    assert editor.editor.justification.toPlainText() == "Skrevet lige før pausen"
    assert note.toPlainText() == "Et notat, der ikke er gemt endnu"
    assert window.unit.actor is not None and window.unit.actor.staff_id == ui_world.actor.staff_id
    assert _failed_logins(ui_world) == 0  # the right password reset the count
    lock.stop()
    note.clear()  # else closing the window asks about the unsaved note
    editor.editor.justification.clear()
    editor.hide()
