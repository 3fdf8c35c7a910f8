"""The order form's services (ydelser): one line per service the order grants, with the law it
is granted under ("SEL § 107"), its start and its end. Gem hands the whole list to the core,
which makes it the order's service rows in the same transaction as the rest of the form.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from fko_desktop.ui.editors.base import DateEdit, set_widget_value, widget_value
from fko_desktop.ui.i18n import tr
from fko_desktop.unit.inputs import ServiceInput
from fko_desktop.unit.rows import ServiceRow

#: (caption, stretch) of the columns; a line's widgets use the same, so they stand in columns.
_COLUMNS = (("Ydelse", 3), ("Lovgrundlag", 2), ("Start", 0), ("Slut", 0))


def _date_width() -> int:
    """The date columns' width: the heading's captions stand over the date fields only if both
    have it (a zero-stretch caption would otherwise be only as wide as its word)."""
    return DateEdit(optional=True).sizeHint().width()


class ServiceLine(QWidget):
    """One service: name, legal basis, start and end (both dates optional), and Fjern."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: The FFB code a stored or imported service carries; the form does not show it.
        self.code: str | None = None
        self.name = QLineEdit()
        self.legal_basis = QLineEdit()
        self.legal_basis.setPlaceholderText(tr("fx SEL § 107"))
        self.start = DateEdit(optional=True)
        self.end = DateEdit(optional=True)
        for date in (self.start, self.end):
            date.setFixedWidth(_date_width())
        self.remove = QPushButton(tr("Fjern"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget, (_caption, stretch) in zip(self.inputs(), _COLUMNS, strict=True):
            row.addWidget(widget, stretch)
        row.addWidget(self.remove)
        self.set_number(number)

    def inputs(self) -> list[QWidget]:
        return [self.name, self.legal_basis, self.start, self.end]

    def widgets(self) -> list[QWidget]:
        return [*self.inputs(), self.remove]

    def set_number(self, number: int) -> None:
        prefix = tr("Ydelse {n}").format(n=number)
        for widget, label in zip(
            self.widgets(), ("navn", "lovgrundlag", "start", "slut", "fjern"), strict=True
        ):
            widget.setAccessibleName(f"{prefix} – {tr(label)}")

    def is_blank(self) -> bool:
        return not (self.name.text().strip() or self.legal_basis.text().strip()) and not (
            self.start.value() or self.end.value()
        )

    def service_input(self) -> ServiceInput:
        return ServiceInput(
            name=self.name.text(),
            legal_basis=self.legal_basis.text(),
            code=self.code,
            start_date=self.start.value(),
            end_date=self.end.value(),
        )

    def state(self) -> dict[str, Any]:
        return {"code": self.code, **{str(i): widget_value(w) for i, w in enumerate(self.inputs())}}

    def restore(self, state: dict[str, Any]) -> None:
        self.code = state.get("code")
        for index, widget in enumerate(self.inputs()):
            set_widget_value(widget, state.get(str(index)))

    def show_service(self, service: ServiceRow) -> None:
        self.code = service.code
        self.name.setText(service.name)
        self.legal_basis.setText(service.legal_basis or "")
        self.start.set_value(service.start_date)
        self.end.set_value(service.end_date)


class ServicesTable(QWidget):
    """The order's services as lines under a heading row; "Tilføj ydelse" adds a line."""

    #: A line was added, removed or edited.
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[ServiceLine] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.heading = QWidget()
        heading = QHBoxLayout(self.heading)
        heading.setContentsMargins(0, 0, 0, 0)
        for caption, stretch in _COLUMNS:
            label = QLabel(tr(caption))
            if not stretch:
                label.setFixedWidth(_date_width())
            heading.addWidget(label, stretch)
        heading.addSpacing(QPushButton(tr("Fjern")).sizeHint().width())
        column.addWidget(self.heading)
        self.box = QVBoxLayout()
        self.box.setSpacing(2)
        column.addLayout(self.box)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(tr("Tilføj ydelse"))
        self.add_button.clicked.connect(lambda: self.add_line(focus=True))
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self._show_heading()

    def add_line(self, focus: bool = False) -> ServiceLine:
        line = ServiceLine(len(self.lines) + 1)
        line.remove.clicked.connect(lambda: self.remove_line(line))
        for widget in (line.name, line.legal_basis):
            widget.textChanged.connect(self.changed)
        for date in (line.start, line.end):
            date.dateChanged.connect(self.changed)
        line.setEnabled(self.add_button.isEnabled())
        self.lines.append(line)
        self.box.addWidget(line)
        self._show_heading()
        if focus:
            line.name.setFocus()
        self.changed.emit()
        return line

    def remove_line(self, line: ServiceLine) -> None:
        self.lines.remove(line)
        line.setParent(None)
        line.deleteLater()
        for number, other in enumerate(self.lines, start=1):
            other.set_number(number)
        self._show_heading()
        self.changed.emit()

    def clear(self) -> None:
        for line in self.lines:
            line.setParent(None)
            line.deleteLater()
        self.lines = []
        self._show_heading()

    def show_services(self, services: tuple[ServiceRow, ...]) -> None:
        self.clear()
        for service in services:
            self.add_line().show_service(service)

    def services(self) -> list[ServiceInput]:
        """What Gem stores: every line that holds anything (an empty one is left out)."""
        return [line.service_input() for line in self.lines if not line.is_blank()]

    def state(self) -> list[dict[str, Any]]:
        return [line.state() for line in self.lines]

    def restore(self, states: list[dict[str, Any]]) -> None:
        self.clear()
        for state in states:
            self.add_line().restore(state)

    def widgets(self) -> list[QWidget]:
        return [widget for line in self.lines for widget in line.widgets()] + [self.add_button]

    def _show_heading(self) -> None:
        self.heading.setVisible(bool(self.lines))
