"""A citizen's or an order's page: the facts as plain text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from fko_desktop.models.formatting import format_date
from fko_desktop.ops import citizens as citizen_ops
from fko_desktop.ops import orders
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.ui.i18n import tr


class InfoPage(QLabel):
    """The citizen's facts; for an order, its receipt, state and purpose below them."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMargin(12)

    def show_record(self, unit: UnitFile, kind: str, record_id: int, citizen_id: int) -> None:
        citizen = citizen_ops.get_citizen(unit, citizen_id)
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
            order = next(o for o in orders.orders_for_citizen(unit, citizen_id) if o.id == record_id)
            lines += [
                "",
                tr("Bestilling modtaget {d} · {s}").format(
                    d=format_date(order.received_date), s=order.state.label
                ),
                tr("Indsatsformål: {p}").format(p=order.intervention_purpose or "–"),
            ]
        self.setText("\n".join(lines))
