"""Bostedets vurdering: write the unit's assessment for a status report, and find the one to print.

The unit writes it in the window before printing, for the period the report covers: one text
per intervention goal and one for the whole, all saved by one Gem in one transaction. An
assessment is kept per period (the next status report gets its own); correcting it keeps the
earlier version, as for every legal record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from fko_desktop.errors import ValidationError
from fko_desktop.models import Actor, Citizen, InterventionGoal, StatusAssessment
from fko_desktop.models.limits import check_date
from fko_desktop.models.status_assessment import QUESTIONS
from fko_desktop.ops.base import Changed, clean_text, get_or_refuse, withdraw
from fko_desktop.storage.unitfile import UnitFile


@dataclasses.dataclass(frozen=True)
class StatusAssessmentInput:
    """The answers for one goal (``goal_id``) or for the whole (``goal_id`` None)."""

    goal_id: int | None
    done: str | None = None
    effect: str | None = None
    purpose: str | None = None

    def texts(self) -> dict[str, str | None]:
        return {key: clean_text(getattr(self, key)) for key in QUESTIONS}


def _check_period(period_from: dt.date, period_to: dt.date) -> None:
    check_date(period_from, "period_from", label="Periodens start")
    check_date(period_to, "period_to", label="Periodens slutning")
    if period_from > period_to:
        raise ValidationError("Perioden kan ikke slutte, før den begynder.", field="period_from")


def _live(session: Session, citizen_id: int) -> list[StatusAssessment]:
    return list(
        session.scalars(
            select(StatusAssessment).where(
                StatusAssessment.citizen_id == citizen_id, StatusAssessment.withdrawn_at.is_(None)
            )
        )
    )


def save_status_assessments(
    unit: UnitFile,
    actor: Actor,
    citizen_id: int,
    *,
    period_from: dt.date,
    period_to: dt.date,
    entries: Sequence[StatusAssessmentInput],
) -> Changed[list[int]]:
    """Store the answers for the period, one transaction for the whole form.

    An answer for a goal and period already written is corrected (a new version); a new one is
    created; a goal left empty that has no assessment yet gets none.
    """
    _check_period(period_from, period_to)
    saved: list[int] = []
    with unit.write(actor) as session:
        citizen = get_or_refuse(session, Citizen, citizen_id)
        existing = {
            a.goal_id: a
            for a in _live(session, citizen.id)
            if (a.period_from, a.period_to) == (period_from, period_to)
        }
        seen: set[int | None] = set()
        for entry in entries:
            if entry.goal_id in seen:
                raise ValidationError("Hvert indsatsmål kan kun vurderes én gang pr. periode.")
            seen.add(entry.goal_id)
            if entry.goal_id is not None:
                goal = get_or_refuse(session, InterventionGoal, entry.goal_id)
                if goal.citizen_id != citizen.id:
                    raise ValidationError("Vurderingen gælder et mål for en anden borger.")
            texts = entry.texts()
            record = existing.get(entry.goal_id)
            if record is None:
                if not any(texts.values()):
                    continue
                record = StatusAssessment(
                    citizen_id=citizen.id, goal_id=entry.goal_id, period_from=period_from, period_to=period_to
                )
                session.add(record)
            for key, value in texts.items():
                setattr(record, key, value)
            session.flush()
            saved.append(record.id)
    return Changed.after(session, saved)


def withdraw_status_assessment(
    unit: UnitFile, actor: Actor, assessment_id: int, *, reason: str
) -> Changed[StatusAssessment]:
    return withdraw(unit, actor, StatusAssessment, assessment_id, reason)


def for_report(
    session: Session, citizen_id: int, period_from: dt.date, period_to: dt.date
) -> dict[int | None, StatusAssessment]:
    """The assessment a status report for the period prints, per goal (None: the whole).

    The one written for exactly this period if there is one; else the latest written for a
    period that ends inside this one (a report printed again a few days later, or for a
    slightly different span, still carries what the unit wrote). Empty ones are not printed.
    """
    chosen: dict[int | None, StatusAssessment] = {}
    for record in _live(session, citizen_id):
        if not any(getattr(record, key) for key in QUESTIONS):
            continue
        if not period_from <= record.period_to <= period_to:
            continue
        exact = (record.period_from, record.period_to) == (period_from, period_to)
        key = (exact, record.period_to, record.id)
        current = chosen.get(record.goal_id)
        if current is None or key > (
            (current.period_from, current.period_to) == (period_from, period_to),
            current.period_to,
            current.id,
        ):
            chosen[record.goal_id] = record
    return chosen
