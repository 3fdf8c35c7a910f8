"""Bundles from the window: the unit's key, sending to a passphrase or a key, and a received
bundle previewed and imported into another unit file, as two units would do it."""

import pytest
from sqlalchemy import select

from fko_desktop.models import AuditEvent
from fko_desktop.ops import citizens, staff
from fko_desktop.storage import paths
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.ui.bundle_keys import KeysDialog

from .test_main_window import make_window

PASSPHRASE = "hest-batteri-kaffe-42"


@pytest.fixture
def other_unit(tmp_path):
    unit = UnitFile.create(tmp_path / "andet.fko", "Bostedet Lærkereden")
    # The person who made the unit: its administrator, who may take in a transfer.
    member = staff.add_staff(
        unit, staff.Actor(None, "t"), name="Bo Berg", initials="bb", role="administrator"
    ).value
    yield unit, staff.actor_for(member)
    unit.close()


def wait_done(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.task is None, timeout=30000)


def send(qtbot, window, kind, *, passphrase=None, key=None, folder):
    window.select_record("citizen", window_citizen(window), window_citizen(window))
    dialog = window.send_bundle()
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.folder.setText(str(folder))
    if passphrase is not None:
        dialog.secret.by_passphrase.setChecked(True)
        dialog.secret.passphrase.setText(passphrase)
        dialog.secret.repeat.setText(passphrase)
    else:
        dialog.secret.by_key.setChecked(True)
        dialog.secret.key_path.setText(str(key))
    dialog.make()
    if dialog.task is not None:
        wait_done(qtbot, dialog)
    return dialog


def window_citizen(window):
    return window.unit.citizens.list()[0].id


def test_unit_key_pair_is_made_once_and_its_fingerprint_shown(qtbot, ui_world, tmp_path):
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    dialog = window.show_keys()
    assert dialog.create_button.isEnabled() and dialog.fingerprint.text() == "–"
    dialog.create_button.click()
    private, public = paths.unit_key_paths(ui_world.unit.unit().uid)
    assert private.exists() and (private.stat().st_mode & 0o777) == 0o600
    assert dialog.public.text().startswith("age1") and dialog.public.text() in public.read_text()
    assert len(dialog.fingerprint.text().split()) == 5 and not dialog.create_button.isEnabled()
    saved = dialog.save_public(str(tmp_path / "vores.pub"))
    assert dialog.public.text() in saved.read_text()
    dialog.close()
    again = KeysDialog(ui_world.facade)
    qtbot.addWidget(again)
    assert again.fingerprint.text() == dialog.fingerprint.text()  # the same key, not a new one


def test_send_refuses_mismatched_passphrases_and_writes_nothing(qtbot, ui_world, tmp_path):
    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    window.select_record("citizen", ui_world.citizen.id, ui_world.citizen.id)
    dialog = window.send_bundle()
    dialog.folder.setText(str(tmp_path / "ud"))
    dialog.secret.passphrase.setText(PASSPHRASE)
    dialog.secret.repeat.setText(PASSPHRASE + "x")
    assert dialog.make() is None
    assert dialog.message.text() == "De to adgangsfraser er ikke ens."
    assert not (tmp_path / "ud").exists() or list((tmp_path / "ud").iterdir()) == []
    dialog.close()


def test_transfer_by_passphrase_arrives_in_the_other_unit_after_a_preview(
    qtbot, ui_world, other_unit, tmp_path
):
    sender = make_window(qtbot, ui_world.unit, ui_world.actor)
    sent = send(qtbot, sender, "transfer", passphrase=PASSPHRASE, folder=tmp_path / "ud")
    assert sent.result_path is not None and sent.result_path.suffix == ".fkob", sent.message.text()
    assert "Bundtet er klar" in sent.message.text() and sent.open_folder_button.isEnabled()
    with ui_world.unit.read() as session:
        assert session.scalars(select(AuditEvent).where(AuditEvent.action == "bundle_export")).all()
    sent.close()

    unit_b, actor_b = other_unit
    receiver = make_window(qtbot, unit_b, actor_b)
    before = unit_b.path.read_bytes()
    dialog = receiver.import_bundle()
    dialog.file.setText(str(sent.result_path))
    dialog.secret.by_passphrase.setChecked(True)
    dialog.secret.passphrase.setText("forkert-frase-123")
    dialog.read()
    wait_done(qtbot, dialog)
    assert dialog.message.text() == "Forkert adgangsfrase, eller filen er ikke til dig."
    assert not dialog.import_button.isEnabled() and unit_b.path.read_bytes() == before

    dialog.secret.passphrase.setText(PASSPHRASE)
    dialog.read()
    wait_done(qtbot, dialog)
    preview = dialog.preview.toPlainText()
    assert "Mads Testesen" in preview and "Opretter" in preview, dialog.message.text()
    assert citizens.list_citizens(unit_b) == []  # the preview wrote nothing
    assert dialog.import_button.isEnabled()
    dialog.apply()
    wait_done(qtbot, dialog)
    assert "Indlæst" in dialog.message.text(), dialog.message.text()
    [arrived] = citizens.list_citizens(unit_b)
    assert (arrived.name, arrived.cpr) == ("Mads Testesen", "010215-4321")
    assert receiver.tree_model.index(0, 0).data().startswith("Mads Testesen")  # the tree heard the import
    dialog.read()  # the same bundle again
    wait_done(qtbot, dialog)
    assert "allerede indlæst" in dialog.preview.toPlainText() and not dialog.import_button.isEnabled()
    dialog.close()


def test_status_to_the_other_units_key_shows_its_fingerprint_and_opens_with_its_key(
    qtbot, ui_world, other_unit, tmp_path
):
    unit_b, actor_b = other_unit
    receiver = make_window(qtbot, unit_b, actor_b)
    keys = receiver.show_keys()
    keys.create_button.click()
    public = keys.save_public(str(tmp_path / "lærkereden.pub"))
    fingerprint_b = keys.fingerprint.text()
    keys.close()

    sender = make_window(qtbot, ui_world.unit, ui_world.actor)
    sender.select_record("citizen", ui_world.citizen.id, ui_world.citizen.id)
    dialog = sender.send_bundle()
    dialog.secret.by_key.setChecked(True)
    dialog.secret.key_path.setText(str(public))
    assert fingerprint_b in dialog.secret.fingerprint.text()
    dialog.close()
    sent = send(qtbot, sender, "transfer", key=public, folder=tmp_path / "ud")
    assert sent.result_path is not None, sent.message.text()
    sent.close()

    dialog = receiver.import_bundle()
    assert dialog.secret.by_key.isChecked()  # the unit's own key is the default
    dialog.file.setText(str(sent.result_path))
    dialog.read()
    wait_done(qtbot, dialog)
    assert "Opretter" in dialog.preview.toPlainText(), dialog.message.text()
    dialog.close()
