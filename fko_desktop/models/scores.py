"""FKO scores: the 0–4 scale plus "Ikke vurderet".

Every FKO score (baseline, target, målstatus, diary note, caseworker's assessment) uses the
same scale: the integers 0–4 where **lower is better** (0 = no reduced function / no problem,
4 = fully reduced function / massive problem), and "Ikke vurderet" (not assessed) as a separate
value that is *not* a number. Keeping "not assessed" out of the integers is the whole point of
this module: it must never be averaged, plotted or compared as if it were a level.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from fko_desktop.errors import InvalidScore
from fko_desktop.models.enums import Area

if TYPE_CHECKING:
    # Only for the checker (typing.TypeIs is 3.13+); SQLAlchemy brings typing_extensions anyway.
    from typing_extensions import TypeIs


class NotAssessed:
    """The type of the single value ``NOT_ASSESSED`` ("Ikke vurderet")."""

    _instance: NotAssessed | None = None

    def __new__(cls) -> NotAssessed:
        # A singleton, so `score is NOT_ASSESSED` is always the right test.
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NOT_ASSESSED"

    def __str__(self) -> str:
        return "Ikke vurderet"

    def __bool__(self) -> bool:
        # Deliberately truthy: "Ikke vurderet" *is* an answer. If it were falsy, a careless
        # `if score:` would treat it like "no score" – and would also silently drop the
        # score 0, which is why callers must test `score is None` instead.
        return True

    # Equality and hashing are object identity (inherited); with a singleton that is exactly
    # "is NOT_ASSESSED", and it never compares equal to -1, 0 or the string "Ikke vurderet".

    def __reduce__(self) -> str:
        # Unpickling returns the module-level singleton instead of a second instance.
        return "NOT_ASSESSED"

    def __copy__(self) -> NotAssessed:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> NotAssessed:
        return self


NOT_ASSESSED = NotAssessed()

#: A score that has been given: a level 0–4 or "Ikke vurderet". "No score at all" is ``None``.
Score = int | NotAssessed

SCORE_VALUES: tuple[int, ...] = (0, 1, 2, 3, 4)

#: How NOT_ASSESSED is stored. The database keeps a score in one small-integer column with
#: ``CHECK (score BETWEEN -1 AND 4)`` so a bad value cannot get in, and -1 is the one value
#: outside the scale. The price is that a raw column must never be averaged or compared in
#: SQL; always read scores through :func:`from_storage`.
NOT_ASSESSED_STORAGE = -1

_NOT_ASSESSED_WORDS = frozenset({"iv", "ikke vurderet", "ikke_vurderet"})
_DIGITS = {str(n): n for n in SCORE_VALUES}

# Display names from KL Terminologi (FFB funktionsevneniveau), used verbatim so printed plans
# match what the municipality's own system shows.
FUNCTION_LEVEL_LABELS: Mapping[int, str] = MappingProxyType(
    {
        0: "Ingen nedsat funktionsevne",
        1: "Let nedsat funktionsevne",
        2: "Moderat nedsat funktionsevne",
        3: "Svært nedsat funktionsevne",
        4: "Fuldstændig nedsat funktionsevne",
    }
)

# The Århus schemas (seed 003) only name the ends of the scale in general terms: 0 "ingen
# problemer" and 4 "et massivt problem"; the steps between are described per factor in the
# full schemas. The middle labels follow FFB's let/moderat/svært so the two scales read alike.
ARHUS_LABELS: Mapping[int, str] = MappingProxyType(
    {
        0: "Ingen problemer",
        1: "Let problem",
        2: "Moderat problem",
        3: "Svært problem",
        4: "Massivt problem",
    }
)

_SCALES: Mapping[str, Mapping[int, str]] = MappingProxyType(
    {"ffb": FUNCTION_LEVEL_LABELS, "arhus": ARHUS_LABELS}
)

NO_SCORE_TEXT = "–"


def _shown(value: object) -> str:
    # Echo what the user typed, but keep a pasted paragraph from swamping the message.
    text = str(value)
    return text if len(text) <= 20 else text[:19] + "…"


def _invalid(value: object) -> InvalidScore:
    return InvalidScore(
        f"Scoren skal være et helt tal fra 0 til 4 eller »Ikke vurderet« (fik »{_shown(value)}«).",
        field="score",
    )


def _is_level(value: object) -> TypeIs[int]:
    # bool is a subclass of int; True must not sneak in as the score 1.
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 4


def parse_score(value: object) -> Score | None:
    """Turn user or file input into a score; ``None`` means "no score given".

    Accepts ``None`` and blank text (no score), the ints 0–4, the strings "0"–"4", the value
    ``NOT_ASSESSED`` and the words "iv", "ikke vurderet", "ikke_vurderet" in any case.
    Floats are refused even when whole (2.0): a score is a level, not a measurement, and a
    float usually means the value came from an average somewhere it should not have.
    """
    if value is None or isinstance(value, NotAssessed):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text in _DIGITS:
            return _DIGITS[text]
        if " ".join(text.lower().split()) in _NOT_ASSESSED_WORDS:
            return NOT_ASSESSED
        raise _invalid(text)
    if _is_level(value):
        return int(value)  # an int subclass becomes a plain int
    raise _invalid(value)


def check_score(value: object) -> Score | None:
    """Return *value* unchanged if it is already a score (or ``None``), else raise.

    Stricter than :func:`parse_score`: no strings. For code that receives values that should
    already have been parsed, so a stray "3" is caught where it enters, not three calls later.
    """
    # isinstance, not "is NOT_ASSESSED" (the same test for a singleton): the checker narrows it.
    if value is None or isinstance(value, NotAssessed) or _is_level(value):
        return value
    raise _invalid(value)


def is_numeric(score: object) -> TypeIs[int]:
    """True for a level 0–4; False for ``NOT_ASSESSED``, ``None`` and anything else."""
    return _is_level(score)


def to_storage(score: Score | None) -> int | None:
    """Encode a score for the database column (see ``NOT_ASSESSED_STORAGE``)."""
    score = check_score(score)
    if isinstance(score, NotAssessed):
        return NOT_ASSESSED_STORAGE
    return score


def from_storage(value: object) -> Score | None:
    """Decode a database value written by :func:`to_storage`."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        if value == NOT_ASSESSED_STORAGE:
            return NOT_ASSESSED
        if 0 <= value <= 4:
            return int(value)
    raise InvalidScore(f"Enhedsfilen indeholder en ugyldig score (fik »{_shown(value)}«).", field="score")


def display_score(score: Score | None, *, one_based: bool = False) -> str:
    """The score as shown on screen and in print.

    ``one_based`` is KL's recommended family-friendly display (0→1 … 4→5, lower still better)
    so nobody is "a 0". It changes the text only, never what is stored or compared.
    """
    score = check_score(score)
    if score is None:
        return NO_SCORE_TEXT
    if isinstance(score, NotAssessed):
        return str(NOT_ASSESSED)
    return str(score + 1 if one_based else score)


def score_label(score: Score | None, *, scale: str = "ffb") -> str:
    """The words for a score: FFB function level (default) or the Århus problem scale."""
    try:
        labels = _SCALES[scale]
    except KeyError:
        raise ValueError(f"unknown scale {scale!r}; expected one of {sorted(_SCALES)}") from None
    score = check_score(score)
    if score is None:
        return NO_SCORE_TEXT
    if isinstance(score, NotAssessed):
        return str(NOT_ASSESSED)
    return labels[score]


def score_text(
    score: Score | None, *, scale: str = "ffb", one_based: bool = False, words: bool = True
) -> str:
    """A score as every chip, combo, editor, history entry, graph label and print shows it:
    "2 – Moderat problem", "3 – Moderat nedsat funktionsevne" with 1–5 display; "Ikke
    vurderet" stays words, a missing score is a dash. One function, so the window and the print
    can never show one score in two ways; :class:`ScoreStyle` decides its ``scale`` and
    ``one_based`` for a citizen."""
    number = display_score(score, one_based=one_based)
    if score is None or not words:
        return number
    label = score_label(score, scale=scale)
    return number if number == label else f"{number} – {label}"


@dataclass(frozen=True)
class ScoreStyle:
    """How one citizen's scores read, in the window and in print: which words (``"arhus"``
    problem words or ``"ffb"`` function levels) and whether the numbers are shown 1–5.

    Build it with :meth:`for_area`: the words follow the citizen's area, never a goal's domain
    catalog, so a child's goal cannot read in FFB function levels anywhere (a child's goal on an
    FFB domain still speaks of the size of a problem, seed 003)."""

    words: str = "ffb"
    one_based: bool = False

    def __post_init__(self) -> None:
        if self.words not in _SCALES:
            raise ValueError(f"unknown scale {self.words!r}; expected one of {sorted(_SCALES)}")

    @classmethod
    def for_area(cls, area: Area | str, *, one_based: bool = False) -> ScoreStyle:
        """The style for a citizen of ``area``: adults in FFB's function levels, children and
        young people in the Århus problem words."""
        return cls("ffb" if Area(area) is Area.ADULTS else "arhus", bool(one_based))

    def number(self, score: Score | None) -> str:
        """The number alone ("3" for the stored 2 with 1–5 display), "Ikke vurderet" or "–"."""
        return display_score(score, one_based=self.one_based)

    def label(self, score: Score | None) -> str:
        """The words alone ("Moderat problem")."""
        return score_label(score, scale=self.words)

    def text(self, score: Score | None, *, words: bool = True) -> str:
        """Number and words ("3 – Moderat problem"); ``words=False`` is :meth:`number`."""
        return score_text(score, scale=self.words, one_based=self.one_based, words=words)

    @property
    def best(self) -> str:
        """How the best level reads ("0" or "1")."""
        return self.number(0)

    @property
    def worst(self) -> str:
        """How the worst level reads ("4" or "5")."""
        return self.number(4)


def is_improvement(old: Score | None, new: Score | None) -> bool | None:
    """Did the score get better (lower)? ``None`` when either side is not a level."""
    if is_numeric(old) and is_numeric(new):
        return new < old
    return None
