"""A unit file with no staff yet (made by an older ``fko init``, or by a script) asks for its
first staff member when it opens, instead of opening read-only with nobody to write as."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.errors import FkoError
from fko_desktop.ui.editors.base import ERROR_STYLE
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.login_dialog import password_field
from fko_desktop.ui.screen_fit import fit_to_screen
from fko_desktop.unit import Unit
from fko_desktop.unit.rows import StaffRow


class FirstStaffDialog(QDialog):
    """Name, initials, title and password of the person opening the file: the unit's
    administrator."""

    def __init__(self, unit: Unit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = unit
        self.member: StaffRow | None = None
        self.setWindowTitle(tr("Første medarbejder"))
        intro = QLabel(
            tr(
                "Enheden »{unit}« har endnu ingen medarbejdere. Opret dig selv som den første – "
                "du bliver enhedens administrator og kan derefter tilføje kollegerne under "
                "Filer → Medarbejdere."
            ).format(unit=unit.name)
        )
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.initials = QLineEdit()
        self.initials.setMaxLength(12)
        self.title = QLineEdit()
        self.title.setPlaceholderText(tr("fx Afdelingsleder"))
        self.password = password_field(tr("Din adgangskode"))
        self.password.setPlaceholderText(tr("mindst 10 tegn"))
        self.password_again = password_field(tr("Gentag adgangskoden"))
        form = QFormLayout()
        for label, widget in (
            ("Dit navn", self.name),
            ("Dine initialer", self.initials),
            ("Din stilling", self.title),
            ("Din adgangskode", self.password),
            ("Gentag adgangskoden", self.password_again),
        ):
            widget.setAccessibleName(tr(label))
            form.addRow(tr(label) + ":", widget)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        buttons = QDialogButtonBox()
        self.create_button = buttons.addButton(tr("Opret og åbn"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Åbn skrivebeskyttet"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.create_member)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        fit_to_screen(self, 480, self.sizeHint().height())

    def _refuse(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()

    def create_member(self) -> StaffRow | None:
        if self.password.text() != self.password_again.text():
            self._refuse(tr("De to adgangskoder er ikke ens."))
            return None
        try:
            # Checked before the member is written: a weak password leaves no member behind.
            self.unit.accounts.check_policy(
                self.password.text(), initials=self.initials.text(), name=self.name.text()
            )
            member = self.unit.add_first_staff(
                name=self.name.text(), initials=self.initials.text(), title=self.title.text() or None
            )
            self.unit.accounts.set_first_password(member.id, self.password.text())
        except FkoError as error:
            self._refuse(error.message)
            return None
        self.member = member
        self.accept()
        return self.member


def ask_first_staff(unit: Unit) -> StaffRow | None:
    """The first staff member of a unit without any, or None (the user chose read-only)."""
    if unit.readonly or unit.staff.list(include_inactive=True):
        return None
    dialog = FirstStaffDialog(unit)
    dialog.exec()
    return dialog.member
