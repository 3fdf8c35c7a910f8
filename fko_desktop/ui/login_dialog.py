"""The login: initials and password before a unit file opens, and choosing a new password
after a one-time one (or as a migrated unit's first leder).

The dialog only asks; the core decides (``unit.accounts`` / ``Unit.open_as``), and its Danish
refusal — wrong initials or password, or a lock until a given time — is shown as it comes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.errors import FkoError, LoginRefused, PasswordChangeRequired
from fko_desktop.ui.editors.base import ERROR_STYLE
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.screen_fit import fit_to_screen

#: What a login attempt is: (initials, password, new password or None) → the logged-in result.
Attempt = Callable[[str, str, "str | None"], Any]


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def password_field(accessible: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible)
    return field


class NewPasswordDialog(QDialog):
    """A new password, typed twice; the core's policy refuses a weak one with its reason."""

    def __init__(
        self,
        reason: str,
        parent: QWidget | None = None,
        *,
        ask_old: bool = False,
        title: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or tr("Vælg en ny adgangskode"))
        intro = QLabel(reason + " " + tr("Mindst 10 tegn, ikke initialerne eller navnet."))
        intro.setWordWrap(True)
        self.old = password_field(tr("Nuværende adgangskode"))
        self.first = password_field(tr("Ny adgangskode"))
        self.second = password_field(tr("Gentag den nye adgangskode"))
        form = QFormLayout()
        if ask_old:
            form.addRow(tr("Nuværende adgangskode") + ":", self.old)
        form.addRow(tr("Ny adgangskode") + ":", self.first)
        form.addRow(tr("Gentag") + ":", self.second)
        self.message = _error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Gem adgangskoden"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annullér"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        fit_to_screen(self, 460, self.sizeHint().height())

    def show_error(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()

    def _check(self) -> None:
        if self.first.text() != self.second.text():
            self.show_error(tr("De to adgangskoder er ikke ens."))
            return
        self.accept()

    @property
    def password(self) -> str:
        return self.first.text()


class LoginDialog(QDialog):
    """Initials and password. ``attempt`` logs in (it raises the core's refusals); ``result``
    holds what it returned once the dialog is accepted. Esc or Annullér: nothing opens."""

    def __init__(
        self,
        unit_name: str,
        attempt: Attempt,
        *,
        demo_logins: list[tuple[str, str]] | None = None,
        demo_password: str = "",
        first_password: bool = False,
        initials: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._attempt = attempt
        self.result_value: Any = None
        self.setWindowTitle(tr("Log ind – {unit}").format(unit=unit_name))
        intro = QLabel(tr("Log ind i »{unit}« med dine initialer og din adgangskode.").format(unit=unit_name))
        intro.setWordWrap(True)
        self.initials = QLineEdit(initials)
        self.initials.setMaxLength(12)
        self.initials.setAccessibleName(tr("Initialer"))
        self.password = password_field(tr("Adgangskode"))
        form = QFormLayout()
        form.addRow(tr("Initialer") + ":", self.initials)
        form.addRow(tr("Adgangskode") + ":", self.password)
        self.message = _error_label()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.hide()
        if demo_logins:
            shown = ", ".join(initials for initials, _ in demo_logins[:6])
            more = tr(" m.fl.") if len(demo_logins) > 6 else ""
            self.hint.setText(
                tr("Demo: log ind som {logins}{more} med adgangskoden {password}").format(
                    logins=shown, more=more, password=demo_password
                )
            )
            self.hint.show()
            # Fictitious data: one Enter takes a newcomer in.
            self.initials.setText(self.initials.text() or demo_logins[0][0])
            self.password.setText(demo_password)
        elif first_password:
            self.hint.setText(
                tr(
                    "Enheden har endnu ingen adgangskoder. Er du leder eller administrator, så "
                    "skriv dine initialer og lad adgangskoden stå tom: du vælger din egen nu og "
                    "giver derefter kollegerne en engangskode under Filer → Medarbejdere."
                )
            )
            self.hint.show()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.login_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.login_button.setText(tr("Log ind"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annullér"))
        buttons.accepted.connect(self.log_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.password if self.initials.text() else self.initials).setFocus()
        fit_to_screen(self, 460, self.sizeHint().height())

    def show_error(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()

    def log_in(self, new_password: str | None = None) -> bool:
        """Try the login; on success the dialog is accepted. A one-time password (or a migrated
        unit's first) asks for a new one first."""
        initials, password = self.initials.text().strip(), self.password.text()
        try:
            self.result_value = self._attempt(initials, password, new_password)
        except PasswordChangeRequired as required:
            if new_password is not None:
                self.show_error(required.message)
                return False
            return self._choose_new(required)
        except LoginRefused as refused:
            self.password.clear()
            self.show_error(refused.message)
            return False
        except FkoError as error:  # a policy refusal of the new password, a file problem, …
            self.show_error(error.message)
            return False
        self.accept()
        return True

    def _choose_new(self, required: PasswordChangeRequired) -> bool:
        dialog = NewPasswordDialog(required.message, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                self.result_value = self._attempt(
                    self.initials.text().strip(), self.password.text(), dialog.password
                )
            except LoginRefused as refused:
                self.show_error(refused.message)
                return False
            except FkoError as error:
                dialog.show_error(error.message)
                continue
            self.accept()
            return True
        return False


def ask_login(
    unit_name: str,
    attempt: Attempt,
    *,
    demo_logins: list[tuple[str, str]] | None = None,
    demo_password: str = "",
    first_password: bool = False,
    initials: str = "",
    parent: QWidget | None = None,
) -> Any:
    """Show the login until it succeeds (its result) or is cancelled (None)."""
    dialog = LoginDialog(
        unit_name,
        attempt,
        demo_logins=demo_logins,
        demo_password=demo_password,
        first_password=first_password,
        initials=initials,
        parent=parent,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.result_value
