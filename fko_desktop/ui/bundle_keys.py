"""The unit's own key pair for encrypted bundles: make, show and share it, from the window.

The dialogs only collect choices and show results: making, reading, checking and importing a
bundle are core calls (``fko_desktop.exchange``), run off the GUI thread because a transfer of a
citizen's whole history, or a passphrase's deliberately slow key derivation, takes seconds.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.errors import FkoError
from fko_desktop.exchange import (
    fingerprint,
    load_recipient,
)
from fko_desktop.ui.bundle_dialogs import message_label, unit_key_paths, unit_party_name
from fko_desktop.ui.file_names import safe_file_name
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.screen_fit import fit_to_screen
from fko_desktop.unit import Permission, Unit, places


class KeysDialog(QDialog):
    """The unit's own key pair on this PC: make it once, send the public half, read the
    fingerprint aloud when the other party checks it."""

    def __init__(self, unit: Unit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = unit
        self.identity_path, self.public_path = unit_key_paths(unit)
        self.setWindowTitle(tr("Enhedens nøgle til bundter"))
        fit_to_screen(self, 620, 300)
        self.public = QLineEdit()
        self.public.setReadOnly(True)
        self.public.setAccessibleName(tr("Offentlig nøgle"))
        self.fingerprint = QLabel()
        self.fingerprint.setAccessibleName(tr("Fingeraftryk"))
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.message = message_label()
        self.create_button = QPushButton(tr("Lav enhedens nøglepar"))
        self.create_button.clicked.connect(self.create_key_pair)
        self.copy_button = QPushButton(tr("Kopiér offentlig nøgle"))
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.public.text()))
        self.save_button = QPushButton(tr("Gem offentlig nøgle som fil …"))
        self.save_button.clicked.connect(lambda: self.save_public())
        form = QFormLayout()
        form.addRow(tr("Offentlig nøgle:"), self.public)
        form.addRow(tr("Fingeraftryk:"), self.fingerprint)
        row = QHBoxLayout()
        for button in (self.create_button, self.copy_button, self.save_button):
            row.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("Luk"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.where)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        exists = self.identity_path.exists()
        if exists:
            try:
                key = load_recipient(self.public_path if self.public_path.exists() else self.identity_path)
            except FkoError as error:
                self.message.setText(error.message)
                exists = False
            else:
                self.public.setText(key.text)
                self.fingerprint.setText(fingerprint(key))
                self.where.setText(
                    tr(
                        "Den private nøgle ligger på denne pc: {path}. Den forlader aldrig pc'en; "
                        "tag en kopi på et sikkert sted."
                    ).format(path=self.identity_path)
                )
        if not exists:
            self.public.clear()
            self.fingerprint.setText("–")
            self.where.setText(
                tr(
                    "Enheden har ingen nøgle på denne pc endnu. Uden nøgle kan bundter "
                    "stadig sendes og modtages med en adgangsfrase."
                )
            )
        may_make = self.unit.may(Permission.KEYS)
        self.create_button.setEnabled(not exists and may_make)
        self.create_button.setToolTip(
            "" if may_make else tr("Kun en administrator kan lave enhedens nøglepar.")
        )
        self.copy_button.setEnabled(exists)
        self.save_button.setEnabled(exists)

    def create_key_pair(self) -> None:  # not `create`: that is QWidget's own window creation
        try:
            places.private_dir(self.identity_path.parent)
            self.unit.bundles.create_key_pair(
                self.identity_path, self.public_path, label=unit_party_name(self.unit)
            )
        except FkoError as error:
            self.message.setText(error.message)
            return
        except OSError as error:
            self.message.setText(tr("Nøglen kan ikke gemmes: {reason}.").format(reason=error.strerror))
            return
        self.message.setText(
            tr(
                "Nøgleparret er lavet. Send den offentlige nøgle til jeres myndighed, "
                "og læs fingeraftrykket op, når de ringer for at tjekke den."
            )
        )
        self.refresh()

    def save_public(self, path: str | None = None) -> Path | None:
        if path is None:
            suggested = Path.home() / safe_file_name(f"{unit_party_name(self.unit)} – offentlig nøgle.pub")
            path, _ = QFileDialog.getSaveFileName(self, tr("Gem offentlig nøgle"), str(suggested))
            if not path:
                return None
        target = Path(path)
        try:
            # The save dialog has asked before replacing. Private like every file we write: the
            # user attaches it to a mail; nobody else on this PC needs to read it.
            places.write_file(target, self.public_path.read_bytes(), replace=True)
        except FkoError as error:
            self.message.setText(error.message)
            return None
        except OSError as error:
            self.message.setText(tr("Filen kan ikke gemmes: {reason}.").format(reason=error.strerror))
            return None
        self.message.setText(tr("Gemt som {path}.").format(path=target))
        return target
