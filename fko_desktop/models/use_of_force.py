"""Magtanvendelse: legally required records of use of force and of permissions for it.

One table holds both kinds (seed 002 keeps them together under "Magtanvendelser"): an
incident (*indberetning*) with its date and time, the measure used, how long it lasted, what
happened, who took part, what was tried first, and when and to whom it was reported; a
permission (*tilladelse*) with its measure, period, review date and the authority that gave
it. The fields of the other kind stay empty; ``ops.use_of_force`` enforces which apply.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from fko_desktop.models.base import Base, IdMixin, Versioned
from fko_desktop.models.enums import UseOfForceKind, enum_column_type
from fko_desktop.models.exchange import ExchangeUid

#: What an incident records, and what a permission records; the other kind's fields stay empty.
INCIDENT_FIELDS = frozenset(
    {"occurred_on", "occurred_time", "measure_code", "duration_minutes", "participants",
     "prevention_tried", "reported_on", "reported_to", "description"}
)  # fmt: skip
PERMISSION_FIELDS = frozenset(
    {"measure_code", "period_start", "period_end", "review_date", "reported_to", "description"}
)


class UseOfForce(IdMixin, ExchangeUid, Versioned, Base):
    """A reported use of force (with its date) or a permission (with period and review date)."""

    __tablename__ = "use_of_force"
    __table_args__ = (
        CheckConstraint(
            "duration_minutes IS NULL OR duration_minutes BETWEEN 0 AND 1440",
            name="duration",
        ),
    )
    __versioned_fields__ = ("kind", *sorted(INCIDENT_FIELDS | PERMISSION_FIELDS))

    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    kind: Mapped[UseOfForceKind] = mapped_column(enum_column_type(UseOfForceKind, "use_of_force_kind"))
    occurred_on: Mapped[dt.date | None]
    #: The time of day, when known (records from before migration 0007 have none).
    occurred_time: Mapped[dt.time | None]
    #: The measure (fastholdelse, alarm …), a code of the ``magtanvendelse`` catalog.
    measure_code: Mapped[str | None] = mapped_column(String(64))
    duration_minutes: Mapped[int | None]
    participants: Mapped[str | None]
    prevention_tried: Mapped[str | None]
    #: The day the incident was reported to the authority (``reported_to``); None: not yet.
    reported_on: Mapped[dt.date | None]
    period_start: Mapped[dt.date | None]
    period_end: Mapped[dt.date | None]
    review_date: Mapped[dt.date | None]
    #: What happened (an incident) or what the permission allows (a permission).
    description: Mapped[str]
    #: The authority: the one an incident was reported to, or the one that gave a permission.
    reported_to: Mapped[str | None]

    @property
    def audit_citizen_id(self) -> int:
        return self.citizen_id
