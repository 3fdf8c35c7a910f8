"""Filer → Medarbejdere: the unit's staff, added, corrected and deactivated in the window.

Every change is a core write through the runner (``unit.staff``); the core's refusal (initials
in use, the last administrator) is shown under the form and the form keeps what was typed.
Staff are deactivated, never deleted: their notes keep their author. Closing the dialog with
changes in the form not stored asks first (Gem, Kassér ændringerne, Fortsæt redigering).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.errors import FkoError
from fko_desktop.models.enums import StaffRole
from fko_desktop.progress import Progress
from fko_desktop.ui.editors.base import ERROR_STYLE
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.login_dialog import NewPasswordDialog
from fko_desktop.ui.runner import Failure, Runner, Task
from fko_desktop.ui.screen_fit import fit_to_screen
from fko_desktop.ui.unsaved import Unsaved, ask_unsaved, form_state
from fko_desktop.unit import Changed, Unit
from fko_desktop.unit.rows import StaffRow

HEADERS = ("Initialer", "Navn", "Stilling", "Afdeling", "Rolle", "Status")


class StaffDialog(QDialog):
    """The staff list above, the selected (or new) member's form below."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.unit = runner.unit
        self.task: Task | None = None
        self.members: list[StaffRow] = []
        self.selected: StaffRow | None = None
        #: What the form held when a member (or an empty new one) was put in it.
        self._shown_state: list[Any] = []
        #: The question's Gem: close once the member is stored.
        self._close_when_stored = False
        #: The question before changes are left; tests put their answer here.
        self.ask_unsaved: Callable[[], Unsaved] = lambda: ask_unsaved(self)
        self.setWindowTitle(tr("Medarbejdere"))
        fit_to_screen(self, 860, 560)

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.setAccessibleName(tr("Medarbejdere"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.show_inactive = QCheckBox(tr("Vis deaktiverede"))
        self.show_inactive.toggled.connect(lambda _on: self.reload())

        self.name = QLineEdit()
        self.initials = QLineEdit()
        self.initials.setMaxLength(12)
        self.title = QLineEdit()
        self.department = QComboBox()
        self.role = QComboBox()
        for role in StaffRole:
            self.role.addItem(tr(role.label), role.value)
        form = QFormLayout()
        for label, widget in (
            ("Navn", self.name),
            ("Initialer", self.initials),
            ("Stilling", self.title),
            ("Afdeling", self.department),
            ("Rolle", self.role),
        ):
            widget.setAccessibleName(tr(label))
            form.addRow(tr(label) + ":", widget)
        self.initials.setToolTip(tr("Står på hvert notat; unikke blandt de aktive medarbejdere."))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()

        self.new_button = QPushButton(tr("&Ny medarbejder"))
        self.new_button.clicked.connect(self.start_new)
        self.save_button = QPushButton(tr("&Gem"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.deactivate_button = QPushButton(tr("&Deaktivér"))
        self.deactivate_button.setToolTip(
            tr("For en medarbejder, der er holdt op; notaterne beholder forfatteren.")
        )
        self.deactivate_button.clicked.connect(self.toggle_active)
        self.password_button = QPushButton(tr("&Adgangskode …"))
        self.password_button.setToolTip(
            tr("Skift din egen adgangskode, eller giv som leder en kollega en engangskode.")
        )
        self.password_button.clicked.connect(self.ask_password)
        close = QPushButton(tr("&Luk"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.deactivate_button, self.password_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.show_inactive)
        self.form_title = QLabel()
        self.form_title.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.form_title)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.reload()
        self.start_new()

    # -- showing -----------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        self.members = self.unit.staff.list(include_inactive=self.show_inactive.isChecked())
        # Refilled, keeping the form's choice: "Vis deaktiverede" must not change what Gem stores.
        department = self.department.currentData()
        self.department.clear()
        self.department.addItem(tr("(ingen)"), None)
        for name in self.unit.record.departments:
            self.department.addItem(name, name)
        self.department.setCurrentIndex(max(0, self.department.findData(department)))
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.members))
        for row, member in enumerate(self.members):
            cells = (
                member.initials,
                member.name,
                member.title or "",
                member.department or "",
                tr(member.role.label),
                tr("Aktiv") if member.active else tr("Deaktiveret"),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not member.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.blockSignals(False)
        if select_id is not None:
            for row, member in enumerate(self.members):
                if member.id == select_id:
                    self.table.selectRow(row)
                    return

    def _on_selection(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self.show_member(self.members[rows[0].row()])

    def show_member(self, member: StaffRow) -> None:
        self.selected = member
        self.form_title.setText(tr("Ret {name}").format(name=member.name))
        self.name.setText(member.name)
        self.initials.setText(member.initials)
        self.title.setText(member.title or "")
        self.department.setCurrentIndex(max(0, self.department.findData(member.department)))
        self.role.setCurrentIndex(max(0, self.role.findData(member.role.value)))
        self.deactivate_button.setEnabled(not self.unit.readonly)
        self.deactivate_button.setText(tr("&Deaktivér") if member.active else tr("&Aktivér igen"))
        self.password_button.setEnabled(not self.unit.readonly and member.active)
        self._clear_message()
        self._shown_state = self._form_state()

    def start_new(self) -> None:
        self.selected = None
        self.table.clearSelection()
        self.form_title.setText(tr("Ny medarbejder"))
        for edit in (self.name, self.initials, self.title):
            edit.clear()
        self.department.setCurrentIndex(0)
        self.role.setCurrentIndex(0)
        self.deactivate_button.setEnabled(False)
        self.password_button.setEnabled(False)
        self.save_button.setEnabled(not self.unit.readonly)
        self._clear_message()
        self._shown_state = self._form_state()
        self.name.setFocus()

    # -- writing -----------------------------------------------------------------------------

    def save(self) -> Task | None:
        """Add the new member or store the corrections to the selected one."""
        if self.task is not None:
            return None
        fields = {
            "name": self.name.text(),
            "initials": self.initials.text(),
            "title": self.title.text(),
            "department": self.department.currentData(),
            "role": self.role.currentData(),
        }
        member = self.selected
        if member is None:
            return self._run(lambda unit, _p: unit.staff.add(**fields))
        return self._run(lambda unit, _p: unit.staff.edit(member.id, **fields))

    def toggle_active(self) -> Task | None:
        member = self.selected
        if member is None or self.task is not None:
            return None
        if member.active:
            return self._run(lambda unit, _p: unit.staff.deactivate(member.id))
        return self._run(lambda unit, _p: unit.staff.reactivate(member.id))

    def ask_password(self) -> bool:
        """The selected member's password: one's own changed (with the old one), or as a
        leder a one-time password for a colleague (the core refuses anyone else)."""
        member = self.selected
        if member is None:
            return False
        actor = self.unit.actor
        own = actor is not None and actor.staff_id == member.id
        if own:
            dialog = NewPasswordDialog(tr("Skift din adgangskode."), self, ask_old=True)
        else:
            dialog = NewPasswordDialog(
                tr(
                    "Giv {name} en engangskode. Sig den til {name} personligt; ved næste login "
                    "vælger {name} sin egen."
                ).format(name=member.name),
                self,
                title=tr("Engangskode til {initials}").format(initials=member.initials),
            )
        self.password_dialog = dialog  # tests answer it
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                if own:
                    self.unit.accounts.set_own_password(dialog.old.text(), dialog.password)
                else:
                    self.unit.accounts.reset_password(member.id, dialog.password)
            except FkoError as error:
                dialog.show_error(error.message)
                continue
            self.message.setText(
                tr("Din nye adgangskode er gemt.")
                if own
                else tr("{name} har fået en engangskode.").format(name=member.name)
            )
            self.message.setStyleSheet("")
            self.message.show()
            return True
        return False

    def _run(self, work: Callable[[Unit, Progress], Changed[int]]) -> Task:
        self._clear_message()
        self.task = (
            self.runner.op(self, work).success(self._stored).failure(self._refused).run(initiator=self)
        )
        return self.task

    def _stored(self, changed: Changed[int]) -> None:
        self.task = None
        if not self.show_inactive.isChecked() and not self.unit.staff.get(changed.value).active:
            self.reload()
            self.start_new()
        else:
            self.reload(select_id=changed.value)
            self._shown_state = self._form_state()  # the form shows what is stored now
        if self._close_when_stored:
            self._close_when_stored = False
            super().done(QDialog.DialogCode.Accepted)

    def _refused(self, failure: Failure) -> None:
        self.task = None
        self._close_when_stored = False
        self.message.setText(failure.message)
        self.message.show()

    def _clear_message(self) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.clear()
        self.message.hide()

    # -- closing -----------------------------------------------------------------------------

    def _form_state(self) -> list[Any]:
        return form_state(self.name, self.initials, self.title, self.department, self.role)

    def has_changes(self) -> bool:
        """Whether the form holds something not stored (typed for a new member, or a change
        to the selected one)."""
        return not self.unit.readonly and self._form_state() != self._shown_state

    def done(self, result: int) -> None:
        # Luk, Esc and the window's close button all end here.
        if self.task is None and self.has_changes():
            answer = self.ask_unsaved()
            if answer is Unsaved.KEEP_EDITING:
                return
            if answer is Unsaved.SAVE:
                self._close_when_stored = True
                self.save()  # closes once stored; a refusal is shown under the form, still open
                return
        super().done(result)
