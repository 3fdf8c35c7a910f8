"""What the order (``order.py``) shows, gathered from a session: the order as it was sent,
and the orders it replaces or was replaced by."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from fko_desktop.errors import ValidationError
from fko_desktop.models import Order
from fko_desktop.ops.base import get_or_refuse
from fko_desktop.reports.gather import (
    _citizen,
    _citizen_facts,
    _goal_facts,
    _header,
    _numbered,
    _order_facts,
    _refuse_sub_goal,
    _staff_names,
    _today,
    current_order,
)
from fko_desktop.reports.model import OrderLink, OrderReport
from fko_desktop.reports.options import ReportKind, ReportOptions


def gather_order(session: Session, citizen_id: int, options: ReportOptions) -> OrderReport:
    _refuse_sub_goal(options, ReportKind.ORDER)
    if options.goal_id is not None:
        # An order is printed whole: it is the authority's document, not a selection from it.
        raise ValidationError(
            "Bestillingen udskrives altid hel; der kan ikke vælges ét indsatsmål.", field="goal_id"
        )
    citizen = _citizen(session, citizen_id)
    today = _today(options)
    order: Order | None
    if options.order_id is not None:
        order = get_or_refuse(session, Order, options.order_id)
        if order.citizen_id != citizen.id:
            raise ValidationError("Bestillingen tilhører en anden borger.", field="order_id")
    else:
        order = current_order(session, citizen.id)
    if order is None:
        raise ValidationError(
            f"{citizen.name} har ingen bestilling, så der er ingen bestilling at udskrive.",
            field="order_id",
        )
    staff = _staff_names(session)
    earlier = session.get(Order, order.replaces_order_id) if order.replaces_order_id else None
    successor = session.scalars(
        select(Order).where(Order.replaces_order_id == order.id).order_by(Order.id.desc()).limit(1)
    ).first()
    return OrderReport(
        header=_header(session, ReportKind.ORDER, citizen, options, today),
        citizen=_citizen_facts(citizen, options),
        order=_order_facts(order),
        replaces=_order_link(earlier) if earlier is not None else None,
        replaced_by=_order_link(successor) if successor is not None else None,
        goals=tuple(_goal_facts(g, number, staff) for number, g in _numbered(list(order.goals))),
    )


def _order_link(order: Order) -> OrderLink:
    return OrderLink(received_date=order.received_date, meeting_date=order.meeting_date)
