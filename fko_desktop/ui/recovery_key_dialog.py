"""The recovery key of a new encrypted unit, shown once to the administrator after the guided start.

It is the only way into the unit if the administrator's password is lost (or the key file
with it), so the dialog offers the printable page and asks the person to confirm they kept
it before it closes; it is never shown again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.errors import FkoError
from fko_desktop.ui.i18n import tr

if TYPE_CHECKING:
    from fko_desktop.unit import Unit


class RecoveryKeyDialog(QDialog):
    def __init__(self, unit: Unit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = unit
        self.saved_to: Path | None = None
        self.setWindowTitle(tr("Gendannelsesnøgle"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "Enhedsfilen er krypteret. Gendannelsesnøglen herunder åbner den, hvis din adgangskode "
                "bliver glemt, eller nøglefilen går tabt (»fko recover«). Den vises kun nu: udskriv "
                "den, og opbevar den aflåst, adskilt fra pc'en."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.key = QLabel(unit.recovery_key or "")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(13)
        self.key.setFont(font)
        self.key.setWordWrap(True)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.key)
        self.save_button = QPushButton(tr("Gem som PDF til udskrift …"))
        self.save_button.clicked.connect(self.save_pdf)
        layout.addWidget(self.save_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.kept = QCheckBox(tr("Jeg har udskrevet eller gemt gendannelsesnøglen et sikkert sted"))
        layout.addWidget(self.kept)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.kept.toggled.connect(self.ok.setEnabled)
        layout.addWidget(self.buttons)

    def save_pdf(self, target: Path | None = None) -> Path | None:
        if not target:
            chosen, _ = QFileDialog.getSaveFileName(
                self, tr("Gem gendannelsesnøglen"), str(Path.home() / "Gendannelsesnøgle.pdf"), "PDF (*.pdf)"
            )
            if not chosen:
                return None
            target = Path(chosen)
        try:
            self.saved_to = self.unit.write_recovery_sheet(target)
        except FkoError as error:
            self.message.setText(error.message)
            self.message.show()
            return None
        self.message.setText(tr("Gemt som {path}.").format(path=self.saved_to))
        self.message.show()
        return self.saved_to

    def reject(self) -> None:
        # Closing without confirming would lose the key for good: only OK (after the tick) closes.
        if self.kept.isChecked():
            super().reject()


# Shown without blocking (the guided start goes on to open the window beneath it), so kept
# referenced here until closed.
_shown: list[RecoveryKeyDialog] = []


def show_recovery_key(unit: Unit, parent: QWidget | None = None) -> RecoveryKeyDialog | None:
    """Show a new encrypted unit's recovery key once (nothing for a plain unit): application
    modal, so the window opened beneath it waits until the key is confirmed kept."""
    if unit.recovery_key is None:
        return None
    dialog = RecoveryKeyDialog(unit, parent)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    _shown.append(dialog)
    dialog.finished.connect(lambda _result: _shown.remove(dialog))
    dialog.show()
    return dialog
