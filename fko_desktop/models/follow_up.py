"""Opfølgning: the authority's follow-up meeting, its decision, and the three voices per goal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fko_desktop.models.base import Base, IdMixin, ScoreType, Versioned, score_check
from fko_desktop.models.enums import AssessmentRole, FollowUpForm, enum_column_type
from fko_desktop.models.exchange import ExchangeUid


class FollowUp(IdMixin, ExchangeUid, Versioned, Base):
    """A follow-up meeting, planned or held. Legal documentation: an edit keeps the earlier
    version and a mistaken one is withdrawn with a reason, never deleted."""

    __tablename__ = "follow_up"
    __versioned_fields__ = (
        "meeting_date",
        "form",
        "invitation_date",
        "report_sent_date",
        "caseworker_name",
        "support_need_code",
        "intervention_status_code",
        "agreements",
        "agenda_points",
        "held",
    )

    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("order.id"), index=True)
    meeting_date: Mapped[dt.date]
    form: Mapped[FollowUpForm] = mapped_column(
        enum_column_type(FollowUpForm, "follow_up_form"), default=FollowUpForm.MEETING
    )
    invitation_date: Mapped[dt.date | None]
    report_sent_date: Mapped[dt.date | None]
    caseworker_name: Mapped[str | None]
    support_need_code: Mapped[str | None] = mapped_column(String(36))  # FFB støttebehov
    intervention_status_code: Mapped[str | None] = mapped_column(String(36))  # status på indsats
    agreements: Mapped[str | None]
    # Extra agenda points the unit sends with the status report.
    agenda_points: Mapped[str | None]
    held: Mapped[bool] = mapped_column(default=False)

    assessments: Mapped[list[FollowUpAssessment]] = relationship(
        back_populates="follow_up", order_by="FollowUpAssessment.id"
    )

    @property
    def audit_citizen_id(self) -> int:
        return self.citizen_id


class FollowUpAssessment(IdMixin, ExchangeUid, Versioned, Base):
    """One voice's score of one goal at a follow-up: citizen, provider or caseworker."""

    __tablename__ = "follow_up_assessment"
    __versioned_fields__ = ("score", "note", "source_code", "agrees_with_status")
    __table_args__ = (
        CheckConstraint(score_check("score"), name="score"),
        Index(
            "uq_follow_up_assessment_live",
            "follow_up_id",
            "goal_id",
            "role",
            unique=True,
            # A partial index, declared for each database that has them (its own keyword each).
            sqlite_where=text("withdrawn_at IS NULL"),
            postgresql_where=text("withdrawn_at IS NULL"),
        ),
    )

    follow_up_id: Mapped[int] = mapped_column(ForeignKey("follow_up.id"), index=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("intervention_goal.id"), index=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"))
    role: Mapped[AssessmentRole] = mapped_column(enum_column_type(AssessmentRole, "assessment_role"))
    source_code: Mapped[str | None] = mapped_column(String(36))  # FFB "Kilde"
    score: Mapped[Any] = mapped_column(ScoreType, nullable=True)
    note: Mapped[str | None]
    # The caseworker's answer to "do you agree with the final målstatus score?".
    agrees_with_status: Mapped[bool | None]

    follow_up: Mapped[FollowUp] = relationship(back_populates="assessments")

    @property
    def audit_citizen_id(self) -> int:
        return self.citizen_id
