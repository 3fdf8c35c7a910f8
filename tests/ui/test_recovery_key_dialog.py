"""The recovery key of a new encrypted unit is shown once, can be saved as a PDF, and the
dialog closes only after the person confirms they kept it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fko_desktop.storage import cipher
from fko_desktop.ui.recovery_key_dialog import show_recovery_key
from fko_desktop.unit import Unit


def test_the_recovery_key_is_shown_saved_and_confirmed(qtbot, tmp_path):
    unit = Unit.create_with_first_staff(
        tmp_path / "ny.fko",
        "Bostedet Ny",
        staff_name="Eva Berg",
        staff_initials="EB",
        staff_password="Solbakken-2025!",
    )
    try:
        dialog = show_recovery_key(unit)
        assert dialog is not None
        qtbot.addWidget(dialog)
        assert dialog.isVisible() and dialog.key.text() == unit.recovery_key
        assert len(dialog.key.text().split("-")) == 14
        assert not dialog.ok.isEnabled()
        dialog.reject()  # Escape: the key is not lost by a slip
        assert dialog.isVisible()
        saved = dialog.save_pdf(tmp_path / "nøgle.pdf")
        assert saved is not None and saved.read_bytes().startswith(b"%PDF")
        assert str(saved) in dialog.message.text()
        assert dialog.save_pdf(tmp_path / "nøgle.pdf") is None  # never over an existing file
        assert "findes allerede" in dialog.message.text()
        qtbot.mouseClick(dialog.kept, Qt.MouseButton.LeftButton)
        assert dialog.ok.isEnabled()
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
    finally:
        unit.close()
        cipher.forget_all()


def test_a_plain_unit_has_no_recovery_key_to_show(qtbot, tmp_path):
    with Unit.create(tmp_path / "demo.fko", "Demo") as unit:
        assert show_recovery_key(unit) is None
