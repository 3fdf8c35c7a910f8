"""A citizen's or an order's page: the facts, laid out as the staff read them.

The citizen page shows all that the citizen form holds — the authority's people, the unit's
kontaktperson, guardians and next of kin — so nobody needs to open the form to find a phone
number. Text is escaped: what staff typed is shown, never interpreted as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from fko_desktop.models.enums import ContactKind
from fko_desktop.models.formatting import format_date
from fko_desktop.ui.i18n import tr
from fko_desktop.unit import Unit
from fko_desktop.unit.rows import CitizenRow, ContactRow

DASH = "–"


def _rows(pairs: Sequence[tuple[str, str | None]]) -> str:
    cells = "".join(
        f"<tr><td style='color:#555; padding:2px 16px 2px 0'>{escape(label)}</td>"
        f"<td style='padding:2px 0'>{escape(value or DASH)}</td></tr>"
        for label, value in pairs
    )
    return f"<table>{cells}</table>"


def _section(title: str, body: str) -> str:
    return f"<h3 style='margin:14px 0 4px 0'>{escape(title)}</h3>{body}"


def _contact_line(contact: ContactRow) -> str:
    details = [d for d in (contact.relation, contact.phone, contact.email) if d]
    return f"{contact.name} ({', '.join(details)})" if details else contact.name


class InfoPage(QLabel):
    """The citizen's facts; for an order, its receipt, state and purpose below them."""

    def __init__(self, unit: Unit) -> None:
        super().__init__()
        self._unit = unit
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setMargin(12)

    def show_record(self, kind: str, record_id: int, citizen_id: int) -> None:
        citizen = self._unit.citizens.get(citizen_id)
        html = self._citizen(citizen)
        if kind == "order":
            order = self._unit.orders.get(record_id)
            html += _section(
                tr("Bestilling"),
                _rows(
                    [
                        (tr("Modtaget"), format_date(order.received_date)),
                        (tr("Tilstand"), tr(order.state.label)),
                        (tr("Indsatsformål"), order.intervention_purpose),
                    ]
                ),
            )
        self.setText(html)

    def _citizen(self, citizen: CitizenRow) -> str:
        by_kind: dict[ContactKind, list[ContactRow]] = {}
        for contact in citizen.contacts:
            by_kind.setdefault(contact.kind, []).append(contact)
        responsible = ", ".join(c.name for c in by_kind.get(ContactKind.CONTACT_PERSON, [])) or None
        people = [
            (tr(kind.label), "; ".join(_contact_line(c) for c in by_kind[kind]))
            for kind in (ContactKind.GUARDIAN, ContactKind.NEXT_OF_KIN, ContactKind.OTHER)
            if kind in by_kind
        ]
        html = _section(
            tr("Borger"),
            _rows(
                [
                    (tr("Område"), tr(citizen.area.label)),
                    (tr("Afdeling"), citizen.department),
                    (tr("Indflyttet"), format_date(citizen.intake_date)),
                    (tr("Fraflyttet"), format_date(citizen.end_date)),
                    (tr("Kontaktperson"), responsible),
                ]
            ),
        )
        html += _section(
            tr("Myndighed"),
            _rows(
                [
                    (tr("Sagsbehandler"), citizen.caseworker_name),
                    (tr("Sagsbehandlers kontakt"), citizen.caseworker_contact),
                    (tr("Handlekommune"), citizen.acting_municipality),
                    (tr("Betalingskommune"), citizen.paying_municipality),
                ]
            ),
        )
        html += _section(
            tr("Forældremyndighed, værge og pårørende"),
            _rows(people) if people else escape(tr("Ingen registreret endnu.")),
        )
        extra = [(tr("Diagnoser"), citizen.diagnoses), (tr("Borgerens ønsker"), citizen.wishes)]
        if any(value for _, value in extra):
            html += _section(tr("Om borgeren"), _rows(extra))
        return html
