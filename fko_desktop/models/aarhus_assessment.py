"""The Århus schema assessment (seed 003): every factor of a child's schema scored 0–4.

At intake, three months later as a quick check, and then every half year, the professionals
score the child on every factor of the schema in use (Unge, Børn og familie or Handicap;
Familieforhold in three parts) and set a target for the next assessment on the same scale, with
a free-text box beside each score. The child's and the parents' own scores are kept beside the
agreed one as notes (DOMAIN.md, "Several voices per score"); only the professionals' score is
counted. Comparing one assessment with the next (status at måletidspunkt 1 and its target
against the status at måletidspunkt 2, seed 003 Figure 7) gives each factor its outcome category.

An assessment is legal documentation like a målstatus: every edit keeps the earlier version, a
mistaken one is withdrawn with a reason, nothing is deleted. The factor rows are legal records
of their own (as the voices of a follow-up are), so a correction of one factor's score keeps
exactly that factor's earlier score.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fko_desktop.models.base import Base, IdMixin, ScoreType, Versioned, score_check
from fko_desktop.models.citizen import OutcomeSchema
from fko_desktop.models.enums import LabelledEnum, enum_column_type
from fko_desktop.models.exchange import ExchangeUid


class AarhusKind(LabelledEnum):
    """Which assessment of the cadence this is (seed 003 Figure 6)."""

    INTAKE = "intake", "Indskrivning"
    THREE_MONTHS = "three_months", "Opfølgning (3 måneder)"
    FOLLOW_UP = "follow_up", "Opfølgning"


class AarhusAssessment(IdMixin, ExchangeUid, Versioned, Base):
    """One assessment of a child on every factor of one schema, on one day."""

    __tablename__ = "aarhus_assessment"
    __versioned_fields__ = ("assessed_on", "kind", "outcome_schema", "participants", "note")

    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    assessed_on: Mapped[dt.date]
    kind: Mapped[AarhusKind] = mapped_column(enum_column_type(AarhusKind, "aarhus_kind"))
    # The schema used, kept with the assessment: the child's schema may change later, and the
    # scores given then belong to the factors of the schema used then.
    outcome_schema: Mapped[OutcomeSchema] = mapped_column(enum_column_type(OutcomeSchema, "outcome_schema"))
    # Who took part in the scoring (caseworker, unit, school, child, parents …), as written.
    participants: Mapped[str | None]
    note: Mapped[str | None]

    factors: Mapped[list[AarhusFactorScore]] = relationship(
        back_populates="assessment", order_by="AarhusFactorScore.id"
    )

    @property
    def audit_citizen_id(self) -> int:
        return self.citizen_id


class AarhusFactorScore(IdMixin, ExchangeUid, Versioned, Base):
    """One factor of an assessment: the agreed score and target, and the two own scores."""

    __tablename__ = "aarhus_factor_score"
    __versioned_fields__ = (
        "score",
        "target",
        "note",
        "child_score",
        "child_note",
        "parent_score",
        "parent_note",
    )
    __table_args__ = (
        CheckConstraint(score_check("score"), name="score"),
        # A target is a level to reach, never "Ikke vurderet": 0–4 or none.
        CheckConstraint("target IS NULL OR target BETWEEN 0 AND 4", name="target"),
        CheckConstraint(score_check("child_score"), name="child_score"),
        CheckConstraint(score_check("parent_score"), name="parent_score"),
        # A factor is scored once per assessment; rows are never deleted, so a plain index.
        Index("uq_aarhus_factor_score_factor", "assessment_id", "factor_code", unique=True),
    )

    assessment_id: Mapped[int] = mapped_column(ForeignKey("aarhus_assessment.id"), index=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    factor_code: Mapped[str] = mapped_column(String(64))
    score: Mapped[Any] = mapped_column(ScoreType, nullable=True)
    target: Mapped[Any] = mapped_column(ScoreType, nullable=True)
    note: Mapped[str | None]
    child_score: Mapped[Any] = mapped_column(ScoreType, nullable=True)
    child_note: Mapped[str | None]
    parent_score: Mapped[Any] = mapped_column(ScoreType, nullable=True)
    parent_note: Mapped[str | None]

    assessment: Mapped[AarhusAssessment] = relationship(back_populates="factors")

    @property
    def audit_citizen_id(self) -> int:
        return self.citizen_id
