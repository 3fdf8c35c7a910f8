"""Bostedets vurdering: the unit's own written assessment in the status report to the authority.

Seed 002's status template asks the unit to look back on the period: what have we done, with
what effect and result for the citizen, and how does that relate to the municipality's purpose
with the intervention (is it still right, is an adjustment needed)? The unit answers per
intervention goal and once for the whole (``goal_id`` None). It is written for the period the
status report covers, printed in it and sent with the status bundle, so it is a legal record:
versioned on every edit and withdrawn with a reason, never deleted.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from fko_desktop.models.base import Base, IdMixin, Versioned
from fko_desktop.models.exchange import ExchangeUid

#: The three questions, as the form and the print ask them (field name → Danish question).
QUESTIONS = {
    "done": "Hvad har vi gjort?",
    "effect": "Med hvilken virkning og hvilket resultat?",
    "purpose": "Hvordan hænger det sammen med formålet, og er der brug for justeringer?",
}


class StatusAssessment(IdMixin, ExchangeUid, Versioned, Base):
    """The unit's assessment of one goal (or of the whole, ``goal_id`` None) for one period."""

    __tablename__ = "status_assessment"
    __versioned_fields__ = ("period_from", "period_to", "done", "effect", "purpose")
    __table_args__ = (CheckConstraint("period_from <= period_to", name="period_order"),)

    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("intervention_goal.id"), index=True)
    period_from: Mapped[dt.date]
    period_to: Mapped[dt.date]
    done: Mapped[str | None]
    effect: Mapped[str | None]
    purpose: Mapped[str | None]

    @property
    def audit_citizen_id(self) -> int:
        return self.citizen_id
