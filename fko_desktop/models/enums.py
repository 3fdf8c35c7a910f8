"""The fixed vocabularies of the FKO cycle that are not catalog data.

Catalog codes (FFB themes, ICS dimensions, support need …) live in resources/catalogs and are
stored as codes; these enums are the product's own states and kinds, with Danish labels.
"""

from __future__ import annotations

import enum

import sqlalchemy as sa


class LabelledEnum(enum.StrEnum):
    """A StrEnum whose members carry a Danish label for display."""

    label: str

    def __new__(cls, value: str, label: str | None = None) -> LabelledEnum:
        # ``label`` defaults only for the type checker: ``Area("children")`` looks a member up
        # by value through the enum machinery (this method is not called), but mypy checks that
        # call against this signature. A member is always defined with both.
        if label is None:
            raise TypeError(f"{cls.__name__} member {value!r} needs a Danish label")
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class Area(LabelledEnum):
    CHILDREN = "children", "Børn og unge"
    ADULTS = "adults", "Voksne"


class StaffRole(LabelledEnum):
    """What a staff member may do (DOMAIN.md; enforced in the core from issue 13 on)."""

    EMPLOYEE = "medarbejder", "Medarbejder"
    LEADER = "leder", "Leder"
    ADMINISTRATOR = "administrator", "Administrator"


class ContactKind(LabelledEnum):
    CONTACT_PERSON = "contact_person", "Kontaktperson"
    GUARDIAN = "guardian", "Forældremyndighedsindehaver"
    NEXT_OF_KIN = "next_of_kin", "Pårørende"
    OTHER = "other", "Anden kontakt"


class MeetingKind(LabelledEnum):
    VISITATION = "visitation", "Visitationsmøde"
    ANNUAL = "annual", "Årligt planmøde"
    EVALUATION = "evaluation", "Evalueringsmøde"
    OTHER = "other", "Andet møde"


class OrderState(LabelledEnum):
    RECEIVED = "received", "Modtaget"
    ACCEPTED = "accepted", "Godkendt"
    RETURNED = "returned", "Sendt retur til omformulering"
    REPLACED = "replaced", "Erstattet af ny bestilling"
    ENDED = "ended", "Afsluttet"

    @property
    def is_live(self) -> bool:
        """The order the unit works by: received, accepted or out for reformulation — not
        one a newer order replaced or that has ended. The one definition of a live order."""
        return self in LIVE_ORDER_STATES


#: The states of a live order, for queries (``Order.state.in_(LIVE_ORDER_STATES)``).
LIVE_ORDER_STATES = (OrderState.RECEIVED, OrderState.ACCEPTED, OrderState.RETURNED)


class PlanState(LabelledEnum):
    DRAFT = "draft", "Kladde"
    ACTIVE = "active", "Aktiv"
    ENDED = "ended", "Afsluttet"


class SubGoalState(LabelledEnum):
    ACTIVE = "active", "Aktivt"
    ACHIEVED = "achieved", "Opnået"
    PAUSED = "paused", "Sat på pause"
    ENDED = "ended", "Afsluttet"


class FollowUpForm(LabelledEnum):
    MEETING = "meeting", "Møde"
    PHONE = "phone", "Telefonisk"
    WRITTEN = "written", "Skriftlig"


class AssessmentRole(LabelledEnum):
    """The three voices FFB keeps side by side at a follow-up."""

    CITIZEN = "citizen", "Borgerens vurdering"
    PROVIDER = "provider", "Udførers vurdering"
    CASEWORKER = "caseworker", "Sagsbehandlers vurdering"


class UseOfForceKind(LabelledEnum):
    REPORT = "indberetning", "Indberettet magtanvendelse"
    PERMISSION = "tilladelse", "Tilladelse til magtanvendelse"


def enum_column_type(enum_cls: type[enum.Enum], name: str) -> sa.Enum:
    """Store the enum's value as text with a CHECK constraint, never a native DB enum."""
    return sa.Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
