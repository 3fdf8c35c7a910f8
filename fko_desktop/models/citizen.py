"""The citizen (borger/barn/ung) a plan is for, and the people around them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ColumnElement, ForeignKey, String, or_
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from fko_desktop.errors import ValidationError
from fko_desktop.models.base import Authored, Base, IdMixin
from fko_desktop.models.enums import Area, ContactKind, LabelledEnum, enum_column_type
from fko_desktop.models.exchange import ExchangeUid


class OutcomeSchema(LabelledEnum):
    """The Århus outcome schema (seed 003) a child or young person's Århus goals are scored in.

    All three schemas are for children and young people; an adult's goals belong to VUM/FFB, so
    an adult has none. The values are the code sets of ``resources/catalogs/aarhus.json``.
    """

    UNGE = "unge", "Unge"
    BOERN_OG_FAMILIE = "boern_og_familie", "Børn og familie"
    HANDICAP = "handicap", "Handicap"


# What a child gets until someone chooses: the schema every child was scored in before the
# choice existed (migration 0006 gives it to the children already there).
DEFAULT_OUTCOME_SCHEMA = OutcomeSchema.BOERN_OG_FAMILIE

ADULTS_HAVE_NO_SCHEMA = "Århus-skemaerne er for børn og unge; en voksens mål følger VUM/FFB."


def outcome_schema_for(area: Area | str, chosen: OutcomeSchema | str | None) -> OutcomeSchema | None:
    """The schema a citizen of ``area`` is to have when ``chosen`` is asked for: a child keeps
    the choice (the default when none is made); an adult has none, and asking for one is refused."""
    if Area(area) is Area.ADULTS:
        if chosen is not None:
            raise ValidationError(ADULTS_HAVE_NO_SCHEMA, field="outcome_schema")
        return None
    if chosen is None:
        return DEFAULT_OUTCOME_SCHEMA
    try:
        return OutcomeSchema(chosen)
    except ValueError:
        names = ", ".join(f"»{s.value}« ({s.label})" for s in OutcomeSchema)
        raise ValidationError(f"Århus-skemaet skal være {names}.", field="outcome_schema") from None


def lives_here_on(end_date: dt.date | None, day: dt.date) -> bool:
    """A citizen lives at the unit until the move-out date; on that date they have moved out.

    One rule for every "current citizens" view: the tree, the deadlines, the counts. A move-out
    date still to come keeps the citizen current (and their deadlines, up to that date).
    """
    return end_date is None or end_date > day


class Citizen(IdMixin, ExchangeUid, Authored, Base):
    __tablename__ = "citizen"

    name: Mapped[str]
    cpr: Mapped[str] = mapped_column(String(11), unique=True)
    area: Mapped[Area] = mapped_column(enum_column_type(Area, "area"))
    department: Mapped[str | None]
    intake_date: Mapped[dt.date | None]
    # A citizen who has moved out keeps every record; from ``end_date`` on they are no longer
    # current (see lives_here_on), and a date still to come is a planned move-out.
    end_date: Mapped[dt.date | None]
    caseworker_name: Mapped[str | None]
    caseworker_contact: Mapped[str | None]
    acting_municipality: Mapped[str | None]
    paying_municipality: Mapped[str | None]
    diagnoses: Mapped[str | None]
    wishes: Mapped[str | None]
    # FFB Målgruppe codes (see resources/catalogs/ffb.json, set target_groups).
    target_groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Children only (NULL for adults, a CHECK in the file holds that): see OutcomeSchema.
    outcome_schema: Mapped[OutcomeSchema | None] = mapped_column(
        enum_column_type(OutcomeSchema, "outcome_schema")
    )

    contacts: Mapped[list[CitizenContact]] = relationship(
        back_populates="citizen", cascade="all, delete-orphan", order_by="CitizenContact.id"
    )

    @validates("area")
    def _area_keeps_schema_right(self, _key: str, area: Area | str) -> Area | str:
        # Every writer (the forms, an imported bundle, the demo) gets the same invariant: a
        # child always has a schema, an adult never; a child's own choice is kept.
        if Area(area) is Area.ADULTS:
            self.outcome_schema = None
        elif self.outcome_schema is None:
            self.outcome_schema = DEFAULT_OUTCOME_SCHEMA
        return area

    @classmethod
    def lives_here(cls, day: dt.date) -> ColumnElement[bool]:
        """:func:`lives_here_on` as a query condition."""
        return or_(cls.end_date.is_(None), cls.end_date > day)

    def lives_here_on(self, day: dt.date) -> bool:
        return lives_here_on(self.end_date, day)

    @property
    def active(self) -> bool:
        """Current today (a move-out date still to come does not end it)."""
        return lives_here_on(self.end_date, dt.date.today())

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
