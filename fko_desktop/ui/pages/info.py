"""A citizen's or an order's page: the facts as plain text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from fko_desktop.models.formatting import format_date
from fko_desktop.ui.i18n import tr
from fko_desktop.unit import Unit


class InfoPage(QLabel):
    """The citizen's facts; for an order, its receipt, state and purpose below them."""

    def __init__(self, unit: Unit) -> None:
        super().__init__()
        self._unit = unit
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMargin(12)

    def show_record(self, kind: str, record_id: int, citizen_id: int) -> None:
        citizen = self._unit.citizens.get(citizen_id)
        lines = [
            citizen.name,
            f"{citizen.cpr} · {citizen.area.label}",
            tr("Afdeling: {d}").format(d=citizen.department or "–"),
            tr("Indflyttet: {d}").format(d=format_date(citizen.intake_date) or "–"),
            tr("Sagsbehandler: {c}").format(c=citizen.caseworker_name or "–"),
            tr("Handlekommune: {a} · Betalingskommune: {p}").format(
                a=citizen.acting_municipality or "–", p=citizen.paying_municipality or "–"
            ),
        ]
        if kind == "order":
            order = self._unit.orders.get(record_id)
            lines += [
                "",
                tr("Bestilling modtaget {d} · {s}").format(
                    d=format_date(order.received_date), s=order.state.label
                ),
                tr("Indsatsformål: {p}").format(p=order.intervention_purpose or "–"),
            ]
        self.setText("\n".join(lines))
