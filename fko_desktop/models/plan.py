"""The unit's plan (handleplan / pædagogisk plan) in the Specialsektoren model, and sub-goals."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fko_desktop.models.base import Authored, Base, IdMixin
from fko_desktop.models.enums import PlanState, SubGoalState, enum_column_type
from fko_desktop.models.exchange import ExchangeUid

if TYPE_CHECKING:
    # For the annotation only; SQLAlchemy finds the class by name in the registry at run time.
    from fko_desktop.models.order import InterventionGoal


class Plan(IdMixin, ExchangeUid, Authored, Base):
    __tablename__ = "plan"

    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    # The order whose purpose and goals the plan carries over.
    order_id: Mapped[int | None] = mapped_column(ForeignKey("order.id"), index=True)
    state: Mapped[PlanState] = mapped_column(
        enum_column_type(PlanState, "plan_state"), default=PlanState.DRAFT
    )
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    background: Mapped[str | None]
    # The municipality's purpose is the order's intervention purpose; these are additions.
    purpose_unit_addition: Mapped[str | None]
    purpose_citizen_addition: Mapped[str | None]
    presentation: Mapped[str | None]
    earlier_interventions: Mapped[str | None]
    use_of_force_prevention: Mapped[str | None]
    updated_at: Mapped[dt.datetime | None]

    contexts: Mapped[list[PlanContext]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanContext.id"
    )

    @property
    def audit_citizen_id(self) -> int:
        return self.citizen_id


class PlanContext(IdMixin, Base):
    """One context of the plan (Familieforhold, Sundhedsforhold, …) with its four fields."""

    __tablename__ = "plan_context"
    __table_args__ = (UniqueConstraint("plan_id", "context_code"),)

    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    context_code: Mapped[str] = mapped_column(String(64))  # specialsektoren.contexts
    resources_and_challenges: Mapped[str | None]
    support_need: Mapped[str | None]
    goals_and_sub_goals: Mapped[str | None]
    evaluation: Mapped[str | None]

    plan: Mapped[Plan] = relationship(back_populates="contexts")


class SubGoal(IdMixin, ExchangeUid, Authored, Base):
    __tablename__ = "sub_goal"

    goal_id: Mapped[int] = mapped_column(ForeignKey("intervention_goal.id"), index=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    position: Mapped[int] = mapped_column(default=1)
    text: Mapped[str]
    justification: Mapped[str | None]
    method: Mapped[str | None]
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date | None]
    state: Mapped[SubGoalState] = mapped_column(
        enum_column_type(SubGoalState, "sub_goal_state"), default=SubGoalState.ACTIVE
    )
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))

    goal: Mapped[InterventionGoal] = relationship(back_populates="sub_goals")
    evaluations: Mapped[list[SubGoalEvaluation]] = relationship(
        back_populates="sub_goal", order_by="SubGoalEvaluation.evaluated_on"
    )

    @property
    def audit_citizen_id(self) -> int:
        return self.citizen_id

    def __repr__(self) -> str:
        return f"SubGoal({self.id}, {self.text[:30]!r})"


class SubGoalEvaluation(IdMixin, Authored, Base):
    """A dated evaluation of a sub-goal (how it went, what next)."""

    __tablename__ = "sub_goal_evaluation"

    sub_goal_id: Mapped[int] = mapped_column(ForeignKey("sub_goal.id"), index=True)
    evaluated_on: Mapped[dt.date]
    text: Mapped[str]

    sub_goal: Mapped[SubGoal] = relationship(back_populates="evaluations")
