"""What the Århus schema assessments contribute to the overview: one fact per factor per pair
of consecutive assessments of a child (seed 003 Figure 7).

The concept compares the status at måletidspunkt 1 and the target set then with the status at
måletidspunkt 2; the next pair is måletidspunkt 2 against 3, and so on. So each pair gives every
factor scored in both a fact whose baseline is the earlier score, whose target is the earlier
target and whose one målstatus is the later score on the later date; ``figures`` then gives it
its outcome category exactly as for a goal. Withdrawn assessments are left out before pairing,
so a withdrawn one neither counts nor breaks the chain of the others.

A pair belongs to the citizen's department and area, and to the responsible of the citizen's
newest plan (as a goal without its own responsible does). It ends when the citizen moves out,
like a goal: the pair itself is a measurement, not something that runs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from fko_desktop.models import Citizen
from fko_desktop.models.aarhus_assessment import AarhusAssessment, AarhusFactorScore
from fko_desktop.models.scores import Score

from .labels import domain_group
from .model import FactKind, GoalFact, StatusPoint
from .sources import plan_responsible, staff_names


@dataclass(frozen=True)
class _Assessment:
    on: dt.date
    scores: dict[str, tuple[Score | None, Score | None]]  # factor → (score, target)


#: A citizen's name, department, area and moving-out date.
_CitizenFacts = tuple[str, str | None, str, dt.date | None]


def _assessments(session: Session) -> tuple[dict[int, list[_Assessment]], dict[int, _CitizenFacts]]:
    """citizen id → their standing assessments oldest first; citizen id → citizen facts."""
    rows = session.execute(
        select(
            AarhusAssessment.id,
            AarhusAssessment.citizen_id,
            AarhusAssessment.assessed_on,
            AarhusFactorScore.factor_code,
            AarhusFactorScore.score,
            AarhusFactorScore.target,
            Citizen.name,
            Citizen.department,
            Citizen.area,
            Citizen.end_date,
        )
        .join(AarhusFactorScore, AarhusFactorScore.assessment_id == AarhusAssessment.id)
        .join(Citizen, Citizen.id == AarhusAssessment.citizen_id)
        .where(AarhusAssessment.withdrawn_at.is_(None), AarhusFactorScore.withdrawn_at.is_(None))
        .order_by(AarhusAssessment.citizen_id, AarhusAssessment.assessed_on, AarhusAssessment.id)
    )
    by_citizen: dict[int, dict[int, _Assessment]] = defaultdict(dict)
    citizens: dict[int, _CitizenFacts] = {}
    for assessment_id, citizen_id, on, code, score, target, name, department, area, moved_out in rows:
        citizens[citizen_id] = (name, department, area.value, moved_out)
        found = by_citizen[citizen_id].setdefault(assessment_id, _Assessment(on, {}))
        found.scores[code] = (score, target)
    # The query's order (date, then id) is kept by the dicts.
    return {cid: list(found.values()) for cid, found in by_citizen.items()}, citizens


def _pairs(series: Sequence[_Assessment]) -> list[tuple[_Assessment, _Assessment]]:
    return list(zip(series, series[1:], strict=False))


def load_aarhus_facts(session: Session, *, unit_name: str) -> list[GoalFact]:
    """One fact per factor per pair of consecutive standing assessments (three queries)."""
    series, citizens = _assessments(session)
    plans, names = plan_responsible(session), staff_names(session)
    facts = []
    for citizen_id, assessments in series.items():
        name, department, area, moved_out = citizens[citizen_id]
        responsible = plans.get(citizen_id)
        for earlier, later in _pairs(assessments):
            for code, (baseline, target) in earlier.scores.items():
                if code not in later.scores:
                    continue  # the schema changed between the two: nothing to compare
                facts.append(
                    GoalFact(
                        kind=FactKind.AARHUS_FACTOR,
                        unit_name=unit_name,
                        citizen_key=str(citizen_id),
                        department=department,
                        area=area,
                        catalog="aarhus",
                        domain_code=code,
                        domain_group=domain_group("aarhus", code),
                        goal_type=None,
                        baseline=baseline,
                        target=target,
                        statuses=(StatusPoint(later.on, later.scores[code][0]),),
                        start_date=earlier.on,
                        end_date=moved_out,
                        responsible_id=responsible,
                        responsible_name=names.get(responsible) if responsible is not None else None,
                        goal_id=None,
                        citizen_id=citizen_id,
                        citizen_name=name,
                        # What the drill-down lists in place of a goal's text.
                        text=f"Århus-vurdering {later.on:%d.%m.%Y} mod {earlier.on:%d.%m.%Y}",
                    )
                )
    return facts
