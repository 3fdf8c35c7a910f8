"""The authority's order (bestilling) and the intervention goals (indsatsmål) it sets."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fko_desktop.models.base import Authored, Base, IdMixin, ScoreType, score_check
from fko_desktop.models.enums import MeetingKind, OrderState, enum_column_type
from fko_desktop.models.exchange import ExchangeUid

if TYPE_CHECKING:
    # For the annotation only; SQLAlchemy finds the class by name in the registry at run time.
    from fko_desktop.models.plan import SubGoal


class Order(IdMixin, ExchangeUid, Authored, Base):
    __tablename__ = "order"  # quoted by SQLAlchemy; "order" reads best in the vocabulary

    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    meeting_date: Mapped[dt.date | None]
    meeting_kind: Mapped[MeetingKind | None] = mapped_column(enum_column_type(MeetingKind, "meeting_kind"))
    received_date: Mapped[dt.date | None]
    sender_name: Mapped[str | None]  # the caseworker who sent it
    sender_organisation: Mapped[str | None]
    intervention_purpose: Mapped[str] = mapped_column(default="")
    agreements: Mapped[str | None]
    other_needs: Mapped[str | None]
    support_need_code: Mapped[str | None] = mapped_column(String(36))  # FFB støttebehov
    state: Mapped[OrderState] = mapped_column(
        enum_column_type(OrderState, "order_state"), default=OrderState.RECEIVED
    )
    returned_date: Mapped[dt.date | None]
    return_reason: Mapped[str | None]
    # When the caseworker's reformulated goals arrived, and when the unit accepted the order.
    reformulated_date: Mapped[dt.date | None]
    accepted_date: Mapped[dt.date | None]
    # A revised order replaces the earlier one; the earlier one keeps its goals and history.
    replaces_order_id: Mapped[int | None] = mapped_column(ForeignKey("order.id"))
    # The identifier the order carried in an exchange bundle, to recognise a re-import.
    external_id: Mapped[str | None] = mapped_column(String(64), index=True)

    goals: Mapped[list[InterventionGoal]] = relationship(
        back_populates="order", order_by="InterventionGoal.position"
    )
    services: Mapped[list[OrderService]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderService.id"
    )
    #: The order that replaced this one, read from the newer order's ``replaces_order_id``
    #: (view only: replacing is written on the newer order, so there is one place to change).
    replaced_by: Mapped[Order | None] = relationship(
        primaryjoin="Order.id == foreign(remote(Order.replaces_order_id))", viewonly=True, uselist=False
    )

    @property
    def audit_citizen_id(self) -> int:
        return self.citizen_id

    @property
    def replaced_by_id(self) -> int | None:
        return self.replaced_by.id if self.replaced_by is not None else None

    @property
    def replaced_on(self) -> dt.date | None:
        """When the newer order took over: its received date (the day it was typed in if none)."""
        newer = self.replaced_by
        if newer is None:
            return None
        return newer.received_date or newer.created_at.date()


class OrderService(IdMixin, Base):
    """A service (ydelse) the order grants, e.g. "§ 108 længerevarende botilbud"."""

    __tablename__ = "order_service"

    order_id: Mapped[int] = mapped_column(ForeignKey("order.id"), index=True)
    name: Mapped[str]
    code: Mapped[str | None] = mapped_column(String(36))  # FFB Ydelse/Tilbud code if known
    legal_basis: Mapped[str | None]  # "SEL § 108"
    start_date: Mapped[dt.date | None]
    end_date: Mapped[dt.date | None]

    order: Mapped[Order] = relationship(back_populates="services")


class InterventionGoal(IdMixin, ExchangeUid, Authored, Base):
    __tablename__ = "intervention_goal"
    __table_args__ = (
        CheckConstraint(score_check("baseline"), name="baseline_score"),
        CheckConstraint(score_check("target"), name="target_score"),
    )

    order_id: Mapped[int] = mapped_column(ForeignKey("order.id"), index=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    position: Mapped[int] = mapped_column(default=1)
    text: Mapped[str]
    # The catalog the domain code belongs to ("ics", "ffb", "aarhus") and the code itself.
    domain_catalog: Mapped[str] = mapped_column(String(32))
    domain_code: Mapped[str] = mapped_column(String(64))
    goal_type_code: Mapped[str | None] = mapped_column(String(64))
    baseline: Mapped[Any] = mapped_column(ScoreType, nullable=True)
    target: Mapped[Any] = mapped_column(ScoreType, nullable=True)
    start_date: Mapped[dt.date]
    follow_up_date: Mapped[dt.date | None]
    end_date: Mapped[dt.date | None]
    #: Why the goal ended before or at its order's end (achieved, replaced, the citizen moved).
    end_reason: Mapped[str | None]
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    related_themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    justification: Mapped[str | None]

    order: Mapped[Order] = relationship(back_populates="goals")
    sub_goals: Mapped[list[SubGoal]] = relationship(back_populates="goal", order_by="SubGoal.position")

    @property
    def audit_citizen_id(self) -> int:
        return self.citizen_id

    def __repr__(self) -> str:
        return f"InterventionGoal({self.id}, {self.text[:30]!r})"
