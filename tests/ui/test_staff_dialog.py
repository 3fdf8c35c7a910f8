"""Filer → Medarbejdere, on a unit made as ``fko init`` makes one: staff are added, corrected,
refused with the core's message and deactivated in the window."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtWidgets import QApplication

from fko_desktop.cli import main
from fko_desktop.ui.main_window import MainWindow
from fko_desktop.unit import Unit, actor_for
from tests.logins import TEST_PASSWORD, password_file
from tests.ui.conftest import finish


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "egely.fko"
    argv = ["init", str(path), "--unit-name", "Bostedet Egely", "--staff-name", "Lone Berg",
            "--staff-initials", "LB", "--department", "Afd. Nord", "--department", "Afd. Syd",
            "--adgangskode-fil", str(password_file())]  # fmt: skip
    assert main(argv) == 0
    unit = Unit.open_as(path, "LB", TEST_PASSWORD)
    win = MainWindow(unit)
    win.resize(1366, 768)
    win.show()
    yield win
    win.close()
    win.deleteLater()
    QApplication.processEvents()
    gc.collect()


def _table(dialog):
    return [
        [dialog.table.item(row, column).text() for column in range(dialog.table.columnCount())]
        for row in range(dialog.table.rowCount())
    ]


def test_staff_are_managed_in_the_window_from_an_initialised_unit(qtbot, window):
    assert not window.readonly  # fko init made a unit someone can write as
    dialog = window.show_staff()
    assert _table(dialog) == [["LB", "Lone Berg", "", "", "Administrator", "Aktiv"]]
    assert [dialog.department.itemText(i) for i in range(dialog.department.count())] == [
        "(ingen)",
        "Afd. Nord",
        "Afd. Syd",
    ]

    dialog.start_new()
    qtbot.keyClicks(dialog.name, "Anna Hansen")
    qtbot.keyClicks(dialog.initials, "ah")
    qtbot.keyClicks(dialog.title, "Pædagog")
    dialog.department.setCurrentIndex(dialog.department.findText("Afd. Nord"))
    finish(qtbot, dialog.save())
    assert _table(dialog)[0] == ["AH", "Anna Hansen", "Pædagog", "Afd. Nord", "Medarbejder", "Aktiv"]

    # The same initials again: the core's refusal under the form, the form kept, nothing stored.
    dialog.start_new()
    qtbot.keyClicks(dialog.name, "Anders Holm")
    qtbot.keyClicks(dialog.initials, "AH")
    finish(qtbot, dialog.save())
    assert dialog.message.text() == "Initialerne AH bruges allerede af Anna Hansen."
    assert dialog.name.text() == "Anders Holm"
    assert [m.name for m in window.unit.staff.list()] == ["Anna Hansen", "Lone Berg"]

    # Anna leaves: deactivated, gone from the list, kept with "Vis deaktiverede".
    dialog.table.selectRow(0)
    assert dialog.form_title.text() == "Ret Anna Hansen"
    finish(qtbot, dialog.toggle_active())
    assert [row[0] for row in _table(dialog)] == ["LB"]
    dialog.show_inactive.setChecked(True)
    assert [_table(dialog)[0][0], _table(dialog)[0][5]] == ["AH", "Deaktiveret"]

    # The last active member (and administrator) cannot be deactivated; the refusal says why.
    dialog.table.selectRow(1)
    finish(qtbot, dialog.toggle_active())
    assert dialog.message.text() == (
        "Du kan ikke deaktivere Lone Berg: enheden skal have mindst én aktiv medarbejder."
    )
    assert [m.initials for m in window.unit.staff.list()] == ["LB"]
    dialog.close()
    assert actor_for(window.unit.staff.list()[0]).staff_id == 1


def test_a_leder_gives_a_one_time_password_and_changes_their_own(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from fko_desktop.errors import LoginRefused, PasswordChangeRequired
    from fko_desktop.ui.login_dialog import NewPasswordDialog

    dialog = window.show_staff()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Anna Hansen")
    qtbot.keyClicks(dialog.initials, "ah")
    finish(qtbot, dialog.save())
    answers = iter([("", "kort", "kort"), ("", "annas-engangskode", "annas-engangskode")])

    def answer(self):  # the password dialog, answered as typed
        try:
            old, first, second = next(answers)
        except StopIteration:
            return QDialog.DialogCode.Rejected
        self.old.setText(old)
        self.first.setText(first)
        self.second.setText(second)
        self._check()
        return self.result()

    monkeypatch.setattr(NewPasswordDialog, "exec", answer)
    assert dialog.ask_password()
    assert dialog.password_dialog.message.text() == "Adgangskoden skal have mindst 10 tegn."
    assert dialog.message.text() == "Anna Hansen har fået en engangskode."
    anna = next(m for m in window.unit.staff.list() if m.initials == "AH")
    assert window.unit.accounts.has_password(anna.id)
    with pytest.raises(PasswordChangeRequired):  # Anna chooses her own at her next login
        window.unit.accounts.login("AH", "annas-engangskode")
    # The leder's own password: the old one is asked for (and a wrong one refused).
    window.unit.accounts.login("LB", TEST_PASSWORD)
    dialog.reload(select_id=window.unit.actor.staff_id)
    answers = iter([("forkert-gammel", "lones-nye-kode", "lones-nye-kode"),
                    (TEST_PASSWORD, "lones-nye-kode", "lones-nye-kode")])  # fmt: skip
    assert dialog.ask_password()
    assert dialog.message.text() == "Din nye adgangskode er gemt."
    with pytest.raises(LoginRefused):
        window.unit.accounts.check_password(TEST_PASSWORD)
    assert window.unit.accounts.check_password("lones-nye-kode").initials == "LB"
