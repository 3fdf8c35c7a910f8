"""Målopfyldelse: the outcome category of an indsatsmål.

The Århus concept (seed 003) ends each goal in one of six categories but does not spell out
the rule; DOMAIN.md gives the product's reading of it, and this module is the one place that
reading lives in code, so changing it means changing only this file.
"""

from __future__ import annotations

import enum

from fko_desktop.models.scores import Score, check_score, is_numeric


class Outcome(enum.Enum):
    UNPROBLEMATIC = "unproblematic"
    PROGRESSION_GOAL_MET = "progression_goal_met"
    PROGRESSION = "progression"
    NO_PROGRESSION = "no_progression"
    NEGATIVE_PROGRESSION = "negative_progression"
    MAINTENANCE_GOAL_MET = "maintenance_goal_met"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def is_favourable(self) -> bool:
        """True when things went the right way or stayed fine; False for standing still
        on a progression goal or getting worse. Progression short of the target counts as
        favourable: the direction is right even if the goal is not met yet."""
        return self not in (Outcome.NO_PROGRESSION, Outcome.NEGATIVE_PROGRESSION)


_LABELS = {
    Outcome.UNPROBLEMATIC: "Uproblematisk",
    Outcome.PROGRESSION_GOAL_MET: "Progressionsmål opfyldt",
    Outcome.PROGRESSION: "Progression",
    Outcome.NO_PROGRESSION: "Ingen progression",
    Outcome.NEGATIVE_PROGRESSION: "Negativ progression",
    Outcome.MAINTENANCE_GOAL_MET: "Fastholdelsesmål opfyldt",
}


def outcome_category(baseline: Score | None, target: Score | None, current: Score | None) -> Outcome | None:
    """The category of a goal with baseline *b*, target *t* and latest score *c*.

    Lower is better. ``None`` when any score is missing or "Ikke vurderet", and when the
    target is worse than the baseline (see below). Values that are not scores at all raise
    InvalidScore, so a bug upstream is not reported as "no category".
    """
    b, t, c = (check_score(s) for s in (baseline, target, current))
    if not (is_numeric(b) and is_numeric(t) and is_numeric(c)):
        return None  # a score missing or "Ikke vurderet"; all ints 0–4 from here on

    # Checked first: a citizen with no problem who still has none is fine whatever the target.
    if b == 0 and c == 0:
        return Outcome.UNPROBLEMATIC

    if t < b:  # progression goal
        if c <= t:
            return Outcome.PROGRESSION_GOAL_MET
        if c < b:
            return Outcome.PROGRESSION
        if c == b:
            return Outcome.NO_PROGRESSION
        return Outcome.NEGATIVE_PROGRESSION

    if t == b:  # maintenance goal
        return Outcome.MAINTENANCE_GOAL_MET if c <= b else Outcome.NEGATIVE_PROGRESSION

    # t > b: a target worse than the baseline (FFB's "begrænse tab af funktionsevne").
    # The seed's six categories do not cover it, and guessing would put a number in the
    # management statistics that nobody defined, so there is no category.
    return None
