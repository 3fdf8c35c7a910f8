"""What the unit should look twice at in an order it has stored: warnings, never refusals.

The authority decides what it orders; the unit only points out what does not fit the FKO cycle
(DOMAIN.md, seed 001): more goals than usual, an order that came late, a measure that is outside
FKO, a citizen too old for a plan. ``order_warnings`` reads only the facts it names, so a stored
order and an order in a bundle (``exchange.content.OrderData``) are warned about alike.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Protocol

from fko_desktop.models.cpr import age_on
from fko_desktop.models.deadlines import ORDER_DUE_DAYS, order_due
from fko_desktop.models.enums import Area
from fko_desktop.models.validation import goal_count_warning
from fko_desktop.ops.plans import NO_PLAN_AGE


class ServiceFacts(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def legal_basis(self) -> str | None: ...


class OrderFacts(Protocol):
    @property
    def meeting_date(self) -> dt.date | None: ...
    @property
    def received_date(self) -> dt.date | None: ...
    @property
    def goals(self) -> Sequence[object]: ...
    @property
    def services(self) -> Sequence[ServiceFacts]: ...


class CitizenFacts(Protocol):
    @property
    def cpr(self) -> str: ...
    @property
    def area(self) -> str: ...


#: Adult measures that are outside FKO (seed 001, 1.1): a pattern over the service's name and
#: legal basis, and how the warning names the measure. § 85 as such is ordinary socio-
#: pedagogical support (inside FKO); only its escort to activities not chosen by the citizen is out.
_OUTSIDE_FKO = (
    (re.compile(r"§+\s*97\b"), "§ 97, ledsagelse"),
    (re.compile(r"§+\s*100\b"), "§ 100, merudgifter"),
    (
        re.compile(r"§+\s*85\b.*ledsag|ledsag.*§+\s*85\b", re.IGNORECASE),
        "§ 85, ledsagelse til ikke-selvvalgte aktiviteter",
    ),
    (re.compile(r"specialundervisning", re.IGNORECASE), "specialundervisning for voksne"),
)


def _late(order: OrderFacts, received: dt.date) -> str | None:
    if order.meeting_date is None or received <= order_due(order.meeting_date):
        return None
    days = (received - order.meeting_date).days
    return (
        f"Bestillingen er modtaget {days} dage efter mødet; "
        f"den skal være hos udfører senest {ORDER_DUE_DAYS} dage efter."
    )


def _outside_fko(service: ServiceFacts) -> str | None:
    text = " ".join(part for part in (service.name, service.legal_basis) if part)
    for pattern, measure in _OUTSIDE_FKO:
        if pattern.search(text):
            return f"Ydelsen »{service.name}« ({measure}) er ikke omfattet af FKO."
    return None


def _too_old(citizen: CitizenFacts, received: dt.date) -> str | None:
    # The adult area's rule, as ``plans.no_plan_reason`` keeps it: a child's old-looking CPR is a typo.
    if citizen.area != Area.ADULTS:
        return None
    try:
        age = age_on(citizen.cpr, received)
    except ValueError:  # received before the birth date (or no CPR to read): not old
        return None
    if age < NO_PLAN_AGE:
        return None
    return f"Borgeren er over {NO_PLAN_AGE} år: der udarbejdes ikke handleplan (FKO-bestilling som minimum)."


def order_warnings(order: OrderFacts, citizen: CitizenFacts, today: dt.date) -> tuple[str, ...]:
    """The order's warnings, one Danish line each; an order without a received date counts as
    received ``today`` (the day it is typed in or imported)."""
    received = order.received_date or today
    found = [goal_count_warning(len(order.goals)), _late(order, received)]
    # DOMAIN.md: "some adult measures … are outside FKO"; a child's order may cite other laws.
    if citizen.area == Area.ADULTS:
        found += [_outside_fko(service) for service in order.services]
    found.append(_too_old(citizen, received))
    return tuple(dict.fromkeys(warning for warning in found if warning))
