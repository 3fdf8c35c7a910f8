"""The citizen's people: guardians, next of kin and other contacts in a table, and the staff
member responsible for the citizen (kontaktperson) chosen from the unit's staff."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.models.enums import ContactKind
from fko_desktop.ui.i18n import tr
from fko_desktop.unit.inputs import ContactInput
from fko_desktop.unit.rows import ContactRow, StaffRow

#: The kinds a person outside the unit can be; the kontaktperson is one of the staff.
OUTSIDE_KINDS = (ContactKind.GUARDIAN, ContactKind.NEXT_OF_KIN, ContactKind.OTHER)
COLUMNS = ("Type", "Navn", "Relation", "Telefon", "E-mail")
TEXT_COLUMNS = ("name", "relation", "phone", "email")


class ContactsTable(QWidget):
    """One row per contact; the type is a combo, the rest typed into the cells."""

    def __init__(self, on_change: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_change = on_change
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setAccessibleName(tr("Kontakter"))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(120)
        self.table.itemChanged.connect(lambda _item: self._on_change())
        add = QPushButton(tr("Tilføj kontakt"))
        add.clicked.connect(lambda: self.add_row(focus=True))
        remove = QPushButton(tr("Fjern valgte"))
        remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, values: dict[str, Any] | None = None, *, focus: bool = False) -> int:
        values = values or {}
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind = QComboBox()
        for option in OUTSIDE_KINDS:
            kind.addItem(tr(option.label), option.value)
        kind.setCurrentIndex(max(0, kind.findData(values.get("kind", ContactKind.GUARDIAN.value))))
        kind.currentIndexChanged.connect(lambda _index: self._on_change())
        self.table.setCellWidget(row, 0, kind)
        self.table.blockSignals(True)
        for column, key in enumerate(TEXT_COLUMNS, start=1):
            self.table.setItem(row, column, QTableWidgetItem(str(values.get(key) or "")))
        self.table.blockSignals(False)
        if focus:
            self.table.setCurrentCell(row, 1)
            first = self.table.item(row, 1)
            if first is not None:
                self.table.editItem(first)
        self._on_change()
        return row

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
        self._on_change()

    def set_contacts(self, contacts: Sequence[ContactRow | dict[str, Any]]) -> None:
        self.table.setRowCount(0)
        for contact in contacts:
            values = contact if isinstance(contact, dict) else _values(contact)
            if values.get("kind") != ContactKind.CONTACT_PERSON.value:
                self.add_row(values)

    def rows(self) -> list[dict[str, Any]]:
        """What the table holds, as plain values (also what a draft keeps)."""
        found = []
        for row in range(self.table.rowCount()):
            kind = self.table.cellWidget(row, 0)
            assert isinstance(kind, QComboBox)
            values: dict[str, Any] = {"kind": kind.currentData()}
            for column, key in enumerate(TEXT_COLUMNS, start=1):
                item = self.table.item(row, column)
                values[key] = item.text() if item is not None else ""
            found.append(values)
        return found

    def inputs(self) -> list[ContactInput]:
        """The rows with something typed in them (an untouched new row is not a contact)."""
        return [
            ContactInput(r["kind"], r["name"], r["relation"], r["phone"], r["email"])
            for r in self.rows()
            if any(str(r[key]).strip() for key in TEXT_COLUMNS)
        ]


def _values(contact: ContactRow) -> dict[str, Any]:
    return {
        "kind": contact.kind.value,
        "name": contact.name,
        "relation": contact.relation,
        "phone": contact.phone,
        "email": contact.email,
    }


def responsible_combo(staff: Sequence[StaffRow]) -> QComboBox:
    """The kontaktperson: one of the unit's active staff, or none yet."""
    combo = QComboBox()
    combo.addItem(tr("(ingen endnu)"), None)
    for member in staff:
        combo.addItem(f"{member.name} ({member.initials})", member.id)
    return combo


def responsible_input(combo: QComboBox, staff: Sequence[StaffRow]) -> ContactInput | None:
    member = next((m for m in staff if m.id == combo.currentData()), None)
    if member is None:
        return None
    return ContactInput(ContactKind.CONTACT_PERSON, member.name, tr("Kontaktperson"), staff_id=member.id)
