"""A citizen's or an order's page: the facts, laid out as the staff read them.

The citizen page shows all that the citizen form holds — the authority's people, the unit's
kontaktperson, guardians and next of kin — so nobody needs to open the form to find a phone
number. Text is escaped: what staff typed is shown, never interpreted as markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.models.catalogs import display_code
from fko_desktop.models.enums import ContactKind, OrderState
from fko_desktop.models.formatting import format_date
from fko_desktop.models.scores import ScoreStyle
from fko_desktop.progress import Progress
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.pages.html import DASH, rows, section
from fko_desktop.ui.runner import Failure, Runner, Task
from fko_desktop.unit import Changed, Unit
from fko_desktop.unit.rows import CitizenRow, ContactRow, GoalRow, OrderRow, ServiceRow


def _contact_line(contact: ContactRow) -> str:
    details = [d for d in (contact.relation, contact.phone, contact.email) if d]
    return f"{contact.name} ({', '.join(details)})" if details else contact.name


def _state_text(order: OrderRow) -> str:
    # Reformulated goals bring a returned order back to received: say what it is waiting for.
    if order.state is OrderState.RECEIVED and order.reformulated_date is not None:
        return tr("Omformuleret – afventer godkendelse")
    return tr(order.state.label)


def _history(order: OrderRow) -> list[tuple[str, str]]:
    """The order's life from its dates, oldest first: received, returned (with the reason),
    reformulated, accepted, replaced. Each date holds its latest event only (it is one field)."""
    returned = format_date(order.returned_date)
    if order.return_reason:
        returned += f" – {order.return_reason}"
    events = [
        (order.received_date, tr("Modtaget"), format_date(order.received_date)),
        (order.returned_date, tr("Sendt retur"), returned),
        (order.reformulated_date, tr("Omformuleret"), format_date(order.reformulated_date)),
        (order.accepted_date, tr("Godkendt"), format_date(order.accepted_date)),
        (order.replaced_on, tr("Erstattet af bestilling"), format_date(order.replaced_on)),
    ]
    happened = [(day, label, text) for day, label, text in events if day is not None]
    return [(label, text) for _day, label, text in sorted(happened, key=lambda event: event[0])]


def _service_text(service: ServiceRow) -> str:
    """ "SEL § 107 · 01.02.2025–31.01.2026": the legal basis and the period, what is known of them."""
    period = "–".join(format_date(d) for d in (service.start_date, service.end_date) if d)
    if service.start_date and not service.end_date:
        period = tr("fra {d}").format(d=period)
    elif service.end_date and not service.start_date:
        period = tr("til {d}").format(d=period)
    return " · ".join(part for part in (service.legal_basis, period) if part)


class InfoPage(QScrollArea):
    """The citizen's facts; for an order, the order first and the citizen's facts below.
    Scrolls: an order with many goals and a citizen with many contacts do not fit a laptop.

    An order's next steps are buttons above it: accept it, return it to the caseworker for
    reformulation with the reason, make the plan from an accepted order (seeds 000/001), or
    type in the newer order that replaces it. Its "Forløb" tells what happened to it when."""

    #: "Opret plan": (citizen_id, order_id); the window opens the plan editor.
    plan_requested = Signal(int, int)
    #: "Ny bestilling, der erstatter denne": (citizen_id, order_id); the window opens the order editor.
    replace_requested = Signal(int, int)

    def __init__(self, runner: Runner) -> None:
        super().__init__()
        self.runner = runner
        self._unit = runner.unit
        self._order_id: int | None = None
        self._citizen_id: int | None = None
        self._style = ScoreStyle()
        self.task: Task | None = None
        #: Asks for the reason an order goes back: ``() -> (text, ok)``; replaceable in tests.
        self.ask_reason: Callable[[], tuple[str, bool]] = self._ask_reason
        self.accept_button = QPushButton(tr("Godkend bestillingen"))
        self.accept_button.clicked.connect(self.accept_order)
        self.return_button = QPushButton(tr("Send retur til omformulering …"))
        self.return_button.clicked.connect(self.return_order)
        self.plan_button = QPushButton(tr("Opret plan ud fra bestillingen"))
        self.plan_button.clicked.connect(lambda: self.plan_requested.emit(self._citizen_id, self._order_id))
        self.replace_button = QPushButton(tr("Ny bestilling, der erstatter denne …"))
        self.replace_button.clicked.connect(
            lambda: self.replace_requested.emit(self._citizen_id, self._order_id)
        )
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        # Why a step is not offered (over 65: an order but no plan, seed 001) - information, not an error.
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setContentsMargins(12, 4, 12, 0)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setMargin(12)
        body = QWidget()
        column = QVBoxLayout(body)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(12, 8, 12, 0)
        for button in (self.accept_button, self.return_button, self.plan_button, self.replace_button):
            button.hide()
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(self.message)
        column.addWidget(self.notice)
        column.addWidget(self.label, 1)
        self.message.hide()
        self.notice.hide()
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)

    def text(self) -> str:
        return self.label.text()

    def show_record(self, kind: str, record_id: int, citizen_id: int, *, one_based: bool = False) -> None:
        citizen = self._unit.citizens.get(citizen_id)
        self._style = ScoreStyle.for_area(citizen.area, one_based=one_based)
        html = self._citizen(citizen)
        order = self._unit.orders.get(record_id) if kind == "order" else None
        if order is not None:
            html = self._order(order) + html
        self._show_actions(order, citizen_id)
        self.label.setText(html)
        self.verticalScrollBar().setValue(0)

    # -- the order's next steps --------------------------------------------------------------

    def _show_actions(self, order: OrderRow | None, citizen_id: int) -> None:
        self._order_id = order.id if order else None
        self._citizen_id = citizen_id
        self.message.hide()
        writable = not self._unit.readonly and self._unit.actor is not None
        state = order.state if order else None
        planned = order is not None and any(
            p.order_id == order.id for p in self._unit.plans.for_citizen(citizen_id)
        )
        self.accept_button.setVisible(writable and state in (OrderState.RECEIVED, OrderState.RETURNED))
        self.return_button.setVisible(writable and state is OrderState.RECEIVED)
        no_plan = self._unit.plans.no_plan_reason(citizen_id) if order is not None and not planned else None
        self.plan_button.setVisible(
            writable and state is OrderState.ACCEPTED and not planned and no_plan is None
        )
        self.notice.setText(no_plan or "")
        self.notice.setVisible(no_plan is not None)
        self.replace_button.setVisible(writable and state is not None and state.is_live)

    def accept_order(self) -> Task | None:
        order_id = self._order_id
        if order_id is None or self.task is not None:
            return None
        return self._run(lambda unit, _p: unit.orders.accept(order_id))

    def return_order(self) -> Task | None:
        order_id = self._order_id
        if order_id is None or self.task is not None:
            return None
        reason, ok = self.ask_reason()
        if not ok:
            return None
        today = dt.date.today()
        return self._run(
            lambda unit, _p: unit.orders.return_for_reformulation(order_id, reason=reason, returned_on=today)
        )

    def _run(self, work: Callable[[Unit, Progress], Changed[int]]) -> Task:
        # The window redraws this page from the broadcast; a refusal is shown above the order.
        self.task = self.runner.op(self, work).success(self._done).failure(self._refused).run(initiator=self)
        return self.task

    def _done(self, _changed: Changed[int]) -> None:
        self.task = None

    def _refused(self, failure: Failure) -> None:
        self.task = None
        self.message.setText(failure.message)
        self.message.show()

    def _ask_reason(self) -> tuple[str, bool]:
        return QInputDialog.getMultiLineText(
            self,
            tr("Send retur til omformulering"),
            tr("Hvorfor skal myndigheden omformulere bestillingen? (fx mål der ikke er målbare)"),
        )

    def _order(self, order: OrderRow) -> str:
        """The authority's order first (what the user selected), the citizen's facts below."""
        meeting = [
            format_date(order.meeting_date),
            tr(order.meeting_kind.label) if order.meeting_kind else "",
        ]
        facts = [
            (tr("Tilstand"), _state_text(order)),
            (tr("Møde"), " · ".join(part for part in meeting if part)),
            (tr("Modtaget"), format_date(order.received_date)),
            (tr("Fra"), ", ".join(p for p in (order.sender_name, order.sender_organisation) if p)),
            (tr("Indsatsformål"), order.intervention_purpose),
            (tr("Aftaler"), order.agreements),
            (tr("Andre behov"), order.other_needs),
        ]
        if order.replaces_order_id is not None:
            earlier = self._unit.orders.get(order.replaces_order_id)
            when = format_date(earlier.named_on) or tr("uden dato")
            facts.append((tr("Erstatter"), tr("bestillingen fra {d}").format(d=when)))
        html = section(tr("Bestilling"), rows(facts)) + section(tr("Forløb"), rows(_history(order)))
        goals = sorted(order.goals, key=lambda g: g.position)
        html += section(tr("Indsatsmål"), self._goals(goals) if goals else escape(tr("Ingen mål endnu.")))
        services = [(s.name, _service_text(s)) for s in order.services]
        none = escape(tr("Ingen ydelser registreret."))
        return html + section(tr("Ydelser"), rows(services) if services else none)

    def _goals(self, goals: Sequence[GoalRow]) -> str:
        staff = {m.id: m.name for m in self._unit.staff.list(include_inactive=True)}
        headings = ("Mål", "Målområde", "Udgangspunkt", "Målscore", "Start", "Ansvarlig")
        head = "".join(
            f"<th style='text-align:left; padding:2px 12px 2px 0'>{escape(tr(h))}</th>" for h in headings
        )
        lines = []
        for goal in goals:
            ended = f" ({tr('afsluttet')} {format_date(goal.end_date)})" if goal.end_date else ""
            cells = (
                goal.text + ended,
                display_code(goal.domain_catalog, goal.domain_code),
                self._style.text(goal.baseline),
                self._style.text(goal.target),
                format_date(goal.start_date),
                staff.get(goal.responsible_id) if goal.responsible_id else None,
            )
            lines.append(
                "<tr>"
                + "".join(
                    f"<td style='padding:2px 12px 2px 0; vertical-align:top'>{escape(c or DASH)}</td>"
                    for c in cells
                )
                + "</tr>"
            )
        return f"<table><tr>{head}</tr>{''.join(lines)}</table>"

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
        facts = [(tr("Område"), tr(citizen.area.label))]
        if citizen.outcome_schema is not None:  # children only; adults are scored in VUM/FFB
            facts.append((tr("Århus-skema"), tr(citizen.outcome_schema.label)))
        # A move-out date still to come is a plan, not a fact yet.
        moved = tr("Fraflytter") if citizen.end_date and citizen.active else tr("Fraflyttet")
        html = section(
            tr("Borger"),
            rows(
                [
                    *facts,
                    (tr("Afdeling"), citizen.department),
                    (tr("Indflyttet"), format_date(citizen.intake_date)),
                    (moved, format_date(citizen.end_date)),
                    (tr("Kontaktperson"), responsible),
                ]
            ),
        )
        html += section(
            tr("Myndighed"),
            rows(
                [
                    (tr("Sagsbehandler"), citizen.caseworker_name),
                    (tr("Sagsbehandlers kontakt"), citizen.caseworker_contact),
                    (tr("Handlekommune"), citizen.acting_municipality),
                    (tr("Betalingskommune"), citizen.paying_municipality),
                ]
            ),
        )
        html += section(
            tr("Forældremyndighed, værge og pårørende"),
            rows(people) if people else escape(tr("Ingen registreret endnu.")),
        )
        extra = [(tr("Diagnoser"), citizen.diagnoses), (tr("Borgerens ønsker"), citizen.wishes)]
        if any(value for _, value in extra):
            html += section(tr("Om borgeren"), rows(extra))
        return html
