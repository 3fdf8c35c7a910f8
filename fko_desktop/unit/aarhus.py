"""The facade's area for the Århus schema assessment (``unit.aarhus``): the assessments of a
child, recording, correcting and withdrawing one, and when the next is due."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from fko_desktop.models import Citizen
from fko_desktop.models.aarhus_assessment import AarhusAssessment, AarhusKind
from fko_desktop.models.catalogs import Entry
from fko_desktop.models.citizen import OutcomeSchema
from fko_desktop.models.enums import Area as CitizenArea
from fko_desktop.models.scores import Score
from fko_desktop.ops import aarhus_assessment as ops
from fko_desktop.ops.aarhus_assessment import FactorInput, NextDue
from fko_desktop.ops.base import Changed, get_or_refuse, record_history
from fko_desktop.unit.area import Area
from fko_desktop.unit.rows import VersionRow, nested, to_row

__all__ = ["AarhusAssessmentRow", "AarhusFactorRow", "AarhusKind", "FactorInput", "NextDue"]


@dataclasses.dataclass(frozen=True)
class AarhusFactorRow:
    """One factor of an assessment: the professionals' score and target, the text beside them,
    and the child's and parents' own scores kept as notes."""

    id: int
    factor_code: str
    score: Score | None
    target: Score | None
    note: str | None
    child_score: Score | None
    child_note: str | None
    parent_score: Score | None
    parent_note: str | None
    version: int = 1


@dataclasses.dataclass(frozen=True)
class AarhusAssessmentRow:
    id: int
    citizen_id: int
    assessed_on: dt.date
    kind: AarhusKind
    outcome_schema: OutcomeSchema
    participants: str | None
    note: str | None
    version: int = 1
    created_at: dt.datetime | None = None
    created_by_id: int | None = None
    updated_at: dt.datetime | None = None
    withdrawn_at: dt.datetime | None = None
    withdrawal_reason: str | None = None
    factors: tuple[AarhusFactorRow, ...] = nested(AarhusFactorRow)

    def factor(self, code: str) -> AarhusFactorRow | None:
        return next((row for row in self.factors if row.factor_code == code), None)


def _row(record: AarhusAssessment) -> AarhusAssessmentRow:
    # A factor is withdrawn only with its assessment, so the rows are the assessment's own.
    return to_row(AarhusAssessmentRow, record)


class AarhusAssessments(Area):
    """Århus schema assessments of children (seed 003), written as the bound actor."""

    @staticmethod
    def factors(schema: OutcomeSchema | str) -> tuple[Entry, ...]:
        """The factors a schema scores, in the order the form and the table list them."""
        return ops.schema_factors(schema)

    def offered_for(self, citizen_id: int) -> bool:
        """Whether the citizen is a child with an Århus schema (the only ones assessed so)."""
        with self._file.read() as session:
            citizen = get_or_refuse(session, Citizen, citizen_id)
            return CitizenArea(citizen.area) is CitizenArea.CHILDREN and citizen.outcome_schema is not None

    def for_citizen(self, citizen_id: int, *, include_withdrawn: bool = False) -> list[AarhusAssessmentRow]:
        """The citizen's assessments, oldest first (the order of the comparison table)."""
        with self._file.read() as session:
            get_or_refuse(session, Citizen, citizen_id)
            found = ops.assessments_for(session, citizen_id, include_withdrawn=include_withdrawn)
            return [_row(record) for record in found]

    def get(self, assessment_id: int) -> AarhusAssessmentRow:
        with self._file.read() as session:
            return _row(
                get_or_refuse(session, AarhusAssessment, assessment_id, load=(AarhusAssessment.factors,))
            )

    def record(
        self,
        citizen_id: int,
        *,
        assessed_on: dt.date,
        factors: Sequence[FactorInput],
        kind: AarhusKind | str | None = None,
        participants: str | None = None,
        note: str | None = None,
    ) -> Changed[int]:
        return self._write(
            ops.record_aarhus_assessment,
            citizen_id,
            assessed_on=assessed_on,
            factors=factors,
            kind=kind,
            participants=participants,
            note=note,
        )

    def correct(
        self,
        assessment_id: int,
        *,
        assessed_on: dt.date,
        factors: Sequence[FactorInput],
        kind: AarhusKind | str | None = None,
        participants: str | None = None,
        note: str | None = None,
        reason: str | None = None,
    ) -> Changed[int]:
        """Correct an assessment; a colleague's needs a ``reason`` (kept in the audit trail)."""
        return self._write(
            ops.correct_aarhus_assessment,
            assessment_id,
            assessed_on=assessed_on,
            factors=factors,
            kind=kind,
            participants=participants,
            note=note,
            reason=reason,
        )

    def withdraw(self, assessment_id: int, *, reason: str) -> Changed[int]:
        return self._write(ops.withdraw_aarhus_assessment, assessment_id, reason=reason)

    def next_due(self, citizen_id: int, *, today: dt.date | None = None) -> NextDue | None:
        """The next assessment the child is owed (None for a citizen not assessed so)."""
        with self._file.read() as session:
            citizen = get_or_refuse(session, Citizen, citizen_id)
            if CitizenArea(citizen.area) is not CitizenArea.CHILDREN or citizen.outcome_schema is None:
                return None
            days = [a.assessed_on for a in ops.assessments_for(session, citizen_id)]
            return ops.next_due(days, citizen.intake_date, fallback=today or dt.date.today())

    def history(self, assessment_id: int) -> list[VersionRow]:
        with self._file.read() as session:
            record = get_or_refuse(session, AarhusAssessment, assessment_id)
            return [VersionRow(**version) for version in record_history(session, record)]  # type: ignore[arg-type]
