"""Input rules for orders, plans and diary notes that are not about one score alone."""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable, Iterable

from fko_desktop.errors import InvalidScore, ValidationError
from fko_desktop.models.scores import Score, parse_score

#: Normally at most three indsatsmål per provider. More are allowed in complex cases, so
#: exceeding it is a warning, never a refusal.
MAX_GOALS_PER_ORDER = 3


def goal_count_warning(count: int) -> str | None:
    """A warning to show when an order has more goals than usual; ``None`` otherwise."""
    if count > MAX_GOALS_PER_ORDER:
        return (
            f"Bestillingen har {count} indsatsmål. Normalt højst {MAX_GOALS_PER_ORDER} pr. "
            "udfører – er det en kompleks sag?"
        )
    return None


def _stripped(text: str | None) -> str | None:
    """The text without surrounding white space; None when there is none left (or was none)."""
    if text is None:
        return None
    return text.strip() or None


def check_observation(text: str | None, score: object) -> str:
    """Check a delmål diary note and return its stripped text.

    A note may lack a score (discouraged, but allowed), but a score – including "Ikke
    vurderet" – may never lack the written observation it summarises.
    """
    parsed = parse_score(score)
    stripped = _stripped(text)
    if stripped is None:
        if parsed is not None:
            raise ValidationError("En score kræver en skriftlig observation.", field="text")
        raise ValidationError("Skriv en observation.", field="text")
    # NFC: text pasted from PDFs may carry "å" as a + combining ring; stored composed, it is
    # found by search and compared equal to what staff type.
    return unicodedata.normalize("NFC", stripped)


#: The shortest observation staff may write: below this a note says nothing a reader a year
#: later (the caseworker, the citizen) can use ("ok", "fin dag"). Only new writing is held to
#: it; notes already stored or arriving in a bundle from another unit are not refused for it.
MIN_OBSERVATION_CHARS = 8


def check_new_observation(text: str | None, score: object) -> str:
    """``check_observation`` for a note being written or corrected here: also long enough."""
    checked = check_observation(text, score)
    if len(checked) < MIN_OBSERVATION_CHARS:
        raise ValidationError(
            f"Skriv lidt mere (mindst {MIN_OBSERVATION_CHARS} tegn): hvad skete der, og hvad gjorde I?",
            field="text",
        )
    return checked


def _parse_field(value: object, field: str) -> Score | None:
    try:
        return parse_score(value)
    except InvalidScore as error:
        # Same message, but pointing at the field the user has to fix.
        raise InvalidScore(error.message, field=field) from None


def check_goal_scores(baseline: object, target: object) -> tuple[Score | None, Score | None]:
    """Parse a goal's baseline and target scores (``None`` while not yet set).

    A target worse than the baseline is allowed: it is how a "begrænse tab" goal is written.
    """
    return _parse_field(baseline, "baseline"), _parse_field(target, "target")


def missing_sub_goals(goals: Iterable[tuple[Hashable, int]]) -> list[Hashable]:
    """The ids of goals without a delmål, in the order given."""
    return [goal_id for goal_id, sub_goal_count in goals if sub_goal_count < 1]


def plan_can_be_active(goals: Iterable[tuple[Hashable, int]]) -> bool:
    """A plan can be made active once it has goals and every goal has at least one delmål."""
    goals = list(goals)  # may be a generator; it is read twice
    return bool(goals) and not missing_sub_goals(goals)


def require_text(value: str | None, field: str, label: str) -> str:
    """Return the stripped text of a required field, or raise naming the field."""
    stripped = _stripped(value)
    if stripped is None:
        raise ValidationError(f"Udfyld »{label}«.", field=field)
    return unicodedata.normalize("NFC", stripped)
