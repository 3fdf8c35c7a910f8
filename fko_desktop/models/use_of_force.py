"""Magtanvendelse: legally required records of use of force and of permissions for it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from fko_desktop.models.base import Base, IdMixin, Versioned
from fko_desktop.models.enums import UseOfForceKind, enum_column_type
from fko_desktop.models.exchange import ExchangeUid


class UseOfForce(IdMixin, ExchangeUid, Versioned, Base):
    """A reported use of force (with its date) or a permission (with period and review date)."""

    __tablename__ = "use_of_force"
    __versioned_fields__ = (
        "kind",
        "occurred_on",
        "period_start",
        "period_end",
        "review_date",
        "description",
        "reported_to",
    )

    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    kind: Mapped[UseOfForceKind] = mapped_column(enum_column_type(UseOfForceKind, "use_of_force_kind"))
    occurred_on: Mapped[dt.date | None]
    period_start: Mapped[dt.date | None]
    period_end: Mapped[dt.date | None]
    review_date: Mapped[dt.date | None]
    description: Mapped[str]
    reported_to: Mapped[str | None]

    @property
    def audit_citizen_id(self) -> int:
        return self.citizen_id
