"""One child's Århus schema assessments (seed 003): at intake, three months on, then every half
year until the stay ends or the demo's today.

Each factor of the child's schema follows a latent level of its own, as a goal's track does:
most start with problems and ease toward a floor, some are fine from the start (crime and drugs
mostly are), and a setback now and then pushes one back up for a while. A score is the level
at the assessment plus a little noise; its target is a step better (or the same, for a factor
that is fine). The professionals write a line beside some scores; the child and the parents
give their own scores now and then, a little off the agreed one, as they do.

The rows go in bulk like the goal statuses (``writer``): a few hundred assessments are nothing
beside the journal, so the build does not notice them. Drawn from the citizen's own generator
after everything else of the citizen, so adding them changed none of the other demo content.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Any

from fko_desktop.demo import aarhus_texts as t
from fko_desktop.demo.citizen import _CitizenBase
from fko_desktop.demo.clock import workday
from fko_desktop.demo.tracks import _clamp_score
from fko_desktop.models import Citizen, scores
from fko_desktop.models.aarhus_assessment import AarhusKind
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.citizen import OutcomeSchema
from fko_desktop.models.enums import ContactKind
from fko_desktop.models.schedule import add_months

#: Months from one assessment to the next (seed 003 Figure 6): a quick check, then half-yearly.
FIRST_STEP, LATER_STEP = 3, 6
#: Age from which a child is scored in the schema for young people.
UNGE_FROM_AGE = 13
#: Share of factors that are fine from the start, by factor (the rest: ``FINE_SHARE``).
FINE_BY_FACTOR = {
    "kriminalitet": 0.75,
    "misbrug": 0.6,
    "sundhedsforhold": 0.35,
    "familieforhold_soeskende": 0.3,
}
FINE_SHARE = 0.12
FAMILY = ("familieforhold_mor", "familieforhold_far", "familieforhold_soeskende")


@dataclasses.dataclass
class _Factor:
    """One factor's latent level over the stay (days since the first assessment)."""

    code: str
    fine: bool
    l0: float
    floor: float
    tau: float
    setbacks: list[tuple[int, int, float]]
    absent: str | None = None  # why it is "Ikke vurderet" every time (no father, no siblings)

    def level(self, x: int) -> float:
        value = self.floor + (self.l0 - self.floor) * math.exp(-x / self.tau)
        for begin, length, depth in self.setbacks:
            if begin <= x < begin + length:
                half = length / 2
                value += depth * (1 - abs(x - begin - half) / half)
        return value


def _band(score: int) -> str:
    return t.GOOD if score <= 1 else t.MID if score == 2 else t.HARD


def _schema_for(age: int, diagnoses: str) -> OutcomeSchema:
    """The schema a unit would choose: Unge for teenagers, Handicap for a developmental
    disability, Børn og familie otherwise (decided by rule: no draw from the generator)."""
    if age >= UNGE_FROM_AGE:
        return OutcomeSchema.UNGE
    if "udviklingshæmning" in diagnoses.lower() or "autisme" in diagnoses.lower():
        return OutcomeSchema.HANDICAP
    return OutcomeSchema.BOERN_OG_FAMILIE


class _Aarhus(_CitizenBase):
    """The Århus schema assessments of a child (``story._CitizenBuilder`` part)."""

    def _aarhus_schema(self, citizen: Citizen) -> None:
        if self.children:
            citizen.outcome_schema = _schema_for((self.intake - self.born).days // 365, self.diagnoses)

    def _aarhus_days(self) -> list[dt.date]:
        rng, limit = self.rng, self.limit
        first = min(max(self.intake, workday(self.intake + dt.timedelta(days=rng.randint(3, 20)))), limit)
        days = [first]
        while True:
            step = FIRST_STEP if len(days) == 1 else LATER_STEP
            day = workday(add_months(days[-1], step) + dt.timedelta(days=rng.randint(-12, 12)))
            if day > limit:
                return days
            days.append(day)

    def _aarhus_factor(self, code: str, span: int, guardians: list[str]) -> _Factor:
        rng = self.rng
        fine = rng.random() < FINE_BY_FACTOR.get(code, FINE_SHARE)
        if fine:
            l0 = rng.uniform(0.0, 1.3)
            floor = max(0.0, l0 - rng.uniform(0.0, 0.6))
        else:
            l0 = rng.uniform(1.8, 3.9)
            floor = rng.uniform(0.2, max(0.5, l0 - 0.8))
            if rng.random() < 0.15:  # a factor that hardly moves
                floor = l0 - rng.uniform(0.0, 0.4)
        setbacks = [
            (rng.randrange(60, max(61, span)), rng.randint(60, 200), rng.uniform(0.8, 1.7))
            for _ in range(rng.choice((0, 0, 1, 1, 2)))
        ]
        absent = None
        if code == "familieforhold_far" and "Far" not in guardians and rng.random() < 0.5:
            absent = t.NO_FATHER
        elif code == "familieforhold_soeskende" and rng.random() < 0.2:
            absent = t.NO_SIBLINGS
        return _Factor(code, fine, l0, floor, rng.uniform(120, 360), setbacks, absent)

    def _target(self, factor: _Factor, score: int, x: int) -> int:
        rng = self.rng
        if score == 0:
            return 0
        if factor.fine and rng.random() < 0.7:
            return score  # fine as it is: keep it there
        if factor.level(x) - factor.floor < 0.35 and rng.random() < 0.5:
            return score  # the child has levelled out here: holding on is the goal now
        if score >= 3 and rng.random() < 0.2:
            return score - 2
        return score if rng.random() < 0.1 else score - 1

    def _aarhus(self, citizen: Citizen) -> None:
        if not self.children or citizen.outcome_schema is None:
            return
        rng, p, writer = self.rng, self.p, self.writer
        days = self._aarhus_days()
        span = (days[-1] - days[0]).days
        guardians = [c.relation or "" for c in citizen.contacts if c.kind is ContactKind.GUARDIAN]
        codes = [
            e.code
            for e in load_catalog("aarhus").set(OutcomeSchema(citizen.outcome_schema).value).selectable()
        ]
        factors = [self._aarhus_factor(code, span, guardians) for code in codes]
        previous: dict[str, Any] = {}
        for number, day in enumerate(days):
            kind = (
                AarhusKind.INTAKE
                if number == 0
                else AarhusKind.THREE_MONTHS
                if number == 1
                else AarhusKind.FOLLOW_UP
            )
            age = (day - self.born).days // 365
            child_joins = rng.random() < (0.75 if age >= 10 else 0.25)
            parents_join = rng.random() < 0.6
            assessment_id = writer.next_aarhus_id
            writer.next_aarhus_id += 1
            created = p._at(day, 14, rng.randint(0, 59))
            for factor in factors:
                row = self._factor_row(
                    factor, (day - days[0]).days, number, previous, child_joins, parents_join
                )
                row.update(
                    assessment_id=assessment_id,
                    citizen_id=citizen.id,
                    factor_code=factor.code,
                    version=1,
                    created_at=created,
                    created_by_id=self.primary.id,
                )
                writer.aarhus_factors.append(row)
            self.stats.aarhus_factor_scores += len(factors)
            writer.aarhus.append(
                {
                    "id": assessment_id,
                    "citizen_id": citizen.id,
                    "assessed_on": day,
                    "kind": kind,
                    "outcome_schema": OutcomeSchema(citizen.outcome_schema),
                    "participants": self._participants(child_joins, parents_join, guardians),
                    "note": self._assessment_note(kind),
                    "version": 1,
                    "created_at": created,
                    "created_by_id": self.primary.id,
                }
            )
            self.stats.aarhus_assessments += 1

    def _factor_row(
        self,
        factor: _Factor,
        x: int,
        number: int,
        previous: dict[str, Any],
        child_joins: bool,
        parents_join: bool,
    ) -> dict[str, Any]:
        rng = self.rng
        row: dict[str, Any] = dict.fromkeys(
            ("score", "target", "note", "child_score", "child_note", "parent_score", "parent_note")
        )
        if factor.absent is not None or rng.random() < 0.02:
            row["score"] = scores.NOT_ASSESSED
            if factor.absent is not None and (number == 0 or rng.random() < 0.3):
                row["note"] = self._pre(factor.absent)
            return row
        score = _clamp_score(factor.level(x) + rng.gauss(0, 0.2))
        row["score"], row["target"] = score, self._target(factor, score, x)
        band = _band(score)
        if rng.random() < (0.55 if number == 0 else 0.35):
            pool = t.ZERO_TEXTS.get(factor.code) if score == 0 else None
            text = self._pre(rng.choice(pool or t.FACTOR_TEXTS[factor.code][band]))
            before = previous.get(factor.code)
            if before is not None and score != before:
                text = f"{rng.choice(t.BETTER if score < before else t.WORSE)} {text}"
            row["note"] = text
        previous[factor.code] = score
        if child_joins and rng.random() < 0.85:
            row["child_score"] = max(0, min(4, score + rng.choice((-2, -1, -1, 0, 0, 0, 1))))
            if rng.random() < 0.15:
                row["child_note"] = rng.choice(t.CHILD_NOTES[band])
        if parents_join and rng.random() < (0.9 if factor.code in FAMILY else 0.6):
            row["parent_score"] = max(0, min(4, score + rng.choice((-1, 0, 0, 0, 1, 1))))
            if rng.random() < 0.1:
                row["parent_note"] = self._pre(rng.choice(t.PARENT_NOTES[band]))
        return row

    def _participants(self, child_joins: bool, parents_join: bool, guardians: list[str]) -> str:
        people = [f"sagsbehandler {self.caseworker}", f"kontaktperson {self.primary.name}"]
        if child_joins:
            people.append(self.first)
        if parents_join:
            people.extend(g.lower() for g in guardians)
        return ", ".join(people[:-1]) + " og " + people[-1]

    def _assessment_note(self, kind: AarhusKind) -> str | None:
        rng = self.rng
        if rng.random() >= 0.5:
            return None
        pool = {
            AarhusKind.INTAKE: t.INTAKE_NOTES,
            AarhusKind.THREE_MONTHS: t.THREE_MONTH_NOTES,
            AarhusKind.FOLLOW_UP: t.FOLLOW_UP_NOTES,
        }[kind]
        return self._pre(rng.choice(pool))
