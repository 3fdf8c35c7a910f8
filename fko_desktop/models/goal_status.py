"""Målstatus: the quarterly score per intervention goal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from fko_desktop.models.base import Base, IdMixin, ScoreType, Versioned, score_check
from fko_desktop.models.exchange import ExchangeUid


class GoalStatus(IdMixin, ExchangeUid, Versioned, Base):
    """M1, M2, …: the unit's agreed score for a goal, summarising the journal since the last.

    The professionals' agreed score is the one reported; the citizen's (or parents') own
    score is kept beside it (DOMAIN.md, "Several voices per score").
    """

    __tablename__ = "goal_status"
    __versioned_fields__ = (
        "period",
        "assessed_on",
        "score",
        "summary",
        "source_code",
        "citizen_score",
        "citizen_note",
    )
    __table_args__ = (
        CheckConstraint(score_check("score"), name="score"),
        CheckConstraint(score_check("citizen_score"), name="citizen_score"),
        CheckConstraint("period >= 1", name="period_positive"),
        # One live status per goal and period; withdrawn ones stay beside it.
        Index(
            "uq_goal_status_live_period",
            "goal_id",
            "period",
            unique=True,
            # A partial index, declared for each database that has them (its own keyword each).
            sqlite_where=text("withdrawn_at IS NULL"),
            postgresql_where=text("withdrawn_at IS NULL"),
        ),
    )

    goal_id: Mapped[int] = mapped_column(ForeignKey("intervention_goal.id"), index=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    period: Mapped[int]
    assessed_on: Mapped[dt.date]
    score: Mapped[Any] = mapped_column(ScoreType, nullable=True)
    summary: Mapped[str]
    # FFB "Kilde": who assessed (care_social.assessment_sources).
    source_code: Mapped[str | None] = mapped_column(String(36))
    citizen_score: Mapped[Any] = mapped_column(ScoreType, nullable=True)
    citizen_note: Mapped[str | None]

    @property
    def audit_citizen_id(self) -> int:
        return self.citizen_id
