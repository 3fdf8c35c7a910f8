"""The rules of an order's life that more than one operation keeps (``ops.orders`` runs them):
when the unit may accept an order, and what replacing an order does to the earlier one.

They work on records inside the caller's write transaction, so a refusal leaves the file as it
was; the messages are one Danish line, as the window shows them above the order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from fko_desktop.errors import ValidationError
from fko_desktop.models import Citizen, Order
from fko_desktop.models.enums import OrderState

#: Why the goals of a replaced order ended (the words the goal's own form suggests).
REPLACED_REASON = "Erstattet af ny bestilling"


def replace_earlier(earlier: Order, citizen: Citizen, on: dt.date) -> None:
    """A newer order of ``citizen`` takes over from ``earlier``: that one is replaced and its
    open goals end on ``on`` (they owe no more målstatus; the newer order's goals do)."""
    if earlier.citizen_id != citizen.id:
        raise ValidationError(
            "Den bestilling, der erstattes, tilhører en anden borger.", field="replaces_order_id"
        )
    if not earlier.state.is_live:
        why = "allerede erstattet af en nyere" if earlier.state is OrderState.REPLACED else "afsluttet"
        raise ValidationError(f"Den bestilling, der erstattes, er {why}.", field="replaces_order_id")
    earlier.state = OrderState.REPLACED
    for goal in earlier.goals:
        if goal.end_date is None:
            goal.end_date = max(on, goal.start_date)  # a goal never ends before it starts
            goal.end_reason = REPLACED_REASON


def _listing(words: Sequence[str]) -> str:
    """ "a", "a og b", "a, b og c"."""
    return " og ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else words[0]


def refuse_acceptance(order: Order) -> None:
    """Refuse an order the unit cannot accept: not live, already accepted, without goals, or
    with a goal that lacks its domain, baseline or target (the plan carries them over)."""
    if order.state is OrderState.ACCEPTED:
        raise ValidationError("Bestillingen er allerede godkendt.", field="state")
    if not order.state.is_live:
        raise ValidationError(
            f"Bestillingen er {order.state.label.lower()} og kan ikke godkendes.", field="state"
        )
    # Numbered as the order form numbers its rows: every goal, ended ones too.
    numbered = [(number, g) for number, g in enumerate(order.goals, start=1) if g.end_date is None]
    if not numbered:
        raise ValidationError("Bestillingen har ingen indsatsmål og kan ikke godkendes.", field="goals")
    for number, goal in numbered:
        facts = {"målområde": goal.domain_code or None, "baseline": goal.baseline, "målscore": goal.target}
        missing = [name for name, value in facts.items() if value is None]
        if missing:
            raise ValidationError(
                f"Mål {number} mangler {_listing(missing)}; ret bestillingen, før den godkendes.",
                field="goals",
            )
