"""The citizen (borger/barn/ung) a plan is for, and the people around them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fko_desktop.models.base import Authored, Base, IdMixin
from fko_desktop.models.enums import Area, ContactKind, enum_column_type
from fko_desktop.models.exchange import ExchangeUid


class Citizen(IdMixin, ExchangeUid, Authored, Base):
    __tablename__ = "citizen"

    name: Mapped[str]
    cpr: Mapped[str] = mapped_column(String(11), unique=True)
    area: Mapped[Area] = mapped_column(enum_column_type(Area, "area"))
    department: Mapped[str | None]
    intake_date: Mapped[dt.date | None]
    # A citizen who has moved out keeps every record; ``end_date`` marks them inactive.
    end_date: Mapped[dt.date | None]
    caseworker_name: Mapped[str | None]
    caseworker_contact: Mapped[str | None]
    acting_municipality: Mapped[str | None]
    paying_municipality: Mapped[str | None]
    diagnoses: Mapped[str | None]
    wishes: Mapped[str | None]
    # FFB Målgruppe codes (see resources/catalogs/ffb.json, set target_groups).
    target_groups: Mapped[list[str]] = mapped_column(JSON, default=list)

    contacts: Mapped[list[CitizenContact]] = relationship(
        back_populates="citizen", cascade="all, delete-orphan", order_by="CitizenContact.id"
    )

    @property
    def active(self) -> bool:
        return self.end_date is None

    def __repr__(self) -> str:
        return f"Citizen({self.id}, {self.name!r})"


class CitizenContact(IdMixin, Base):
    """Contact persons at the unit, guardians (forældremyndighed) and next of kin."""

    __tablename__ = "citizen_contact"

    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    kind: Mapped[ContactKind] = mapped_column(enum_column_type(ContactKind, "contact_kind"))
    name: Mapped[str]
    relation: Mapped[str | None]  # "Mor", "Værge", …
    phone: Mapped[str | None]
    email: Mapped[str | None]
    # When the contact person is one of the unit's staff.
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))

    citizen: Mapped[Citizen] = relationship(back_populates="contacts")
