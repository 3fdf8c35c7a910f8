"""The values of the overview: what one goal contributes, which goals to count, the figures.

These are plain frozen dataclasses so that the same figures can be computed from a unit file
(``facts``), from statistics files of several units (``fko_desktop.stats``), and shown by the
window, the management report and the exports without any of them knowing where they came
from. Counting happens in ``figures`` and ``practice``; this module only describes.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from fko_desktop.models.outcome import Outcome
from fko_desktop.models.scores import Score

#: Groups with fewer citizens than this are shown as "< 5" in prints and exports.
SMALL_GROUP = 5

#: Outcome categories in the order a chart stacks them and a table lists them: best first,
#: so "better" always sits at the same end of a bar.
OUTCOME_ORDER: tuple[Outcome, ...] = (
    Outcome.PROGRESSION_GOAL_MET,
    Outcome.MAINTENANCE_GOAL_MET,
    Outcome.UNPROBLEMATIC,
    Outcome.PROGRESSION,
    Outcome.NO_PROGRESSION,
    Outcome.NEGATIVE_PROGRESSION,
)

#: The change from baseline to the latest målstatus, lower-is-better turned round so that a
#: positive number is an improvement: baseline 3 → latest 1 is +2.
CHANGE_STEPS: tuple[int, ...] = (-4, -3, -2, -1, 0, 1, 2, 3, 4)


class FactKind(enum.Enum):
    #: An indsatsmål of an order, with its baseline, target and målstatus series.
    GOAL = "goal"
    #: One factor of an Århus schema assessment, from one assessment to the next (seed 003
    #: Figure 7: status at måletidspunkt 1 against status and target at måletidspunkt 2).
    AARHUS_FACTOR = "aarhus_factor"


class Dimension(enum.Enum):
    """What a table of outcome categories is grouped by."""

    DOMAIN = "domain"  # ICS dimension, Århus factor, FFB theme
    DEPARTMENT = "department"
    AREA = "area"
    GOAL_TYPE = "goal_type"
    RESPONSIBLE = "responsible"
    QUARTER = "quarter"  # of the latest målstatus
    YEAR = "year"  # of the latest målstatus
    UNIT = "unit"  # merged statistics only (seed 003 Figure 8)

    @property
    def label(self) -> str:
        return _DIMENSION_LABELS[self]


_DIMENSION_LABELS = {
    Dimension.DOMAIN: "Område",
    Dimension.DEPARTMENT: "Afdeling",
    Dimension.AREA: "Målgruppe",
    Dimension.GOAL_TYPE: "Måltype",
    Dimension.RESPONSIBLE: "Ansvarlig",
    Dimension.QUARTER: "Kvartal",
    Dimension.YEAR: "År",
    Dimension.UNIT: "Enhed",
}


class GoalState(enum.Enum):
    ALL = "all"
    ACTIVE = "active"
    ENDED = "ended"


@dataclass(frozen=True)
class StatusPoint:
    """One målstatus (or one Århus assessment of a factor): when, and the agreed score."""

    on: dt.date
    score: Score | None


@dataclass(frozen=True)
class GoalFact:
    """Everything the overview needs to know about one goal, and nothing more.

    ``citizen_name``, ``goal_id``, ``citizen_id`` and ``text`` exist only for the drill-down
    in the unit's own window; a statistics file never carries them (``fko_desktop.stats``).
    ``citizen_key`` is what counts citizens: the citizen's id as text in a unit, a
    pseudonymous key in a statistics file.
    """

    kind: FactKind
    unit_name: str
    citizen_key: str
    department: str | None
    area: str  # "children" / "adults"
    catalog: str  # "ics" / "ffb" / "aarhus"
    domain_code: str  # the goal's own code (an FFB sub-theme, an ICS dimension, a factor)
    domain_group: str  # what the overview groups by: the FFB theme; else the code itself
    goal_type: str | None
    baseline: Score | None
    target: Score | None
    statuses: tuple[StatusPoint, ...]  # oldest first; withdrawn ones left out
    start_date: dt.date | None
    end_date: dt.date | None
    responsible_id: int | None = None
    responsible_name: str | None = None
    # Drill-down only, never exported:
    goal_id: int | None = None
    citizen_id: int | None = None
    citizen_name: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class OverviewFilter:
    """Which goals a figure counts. An empty set means "all"."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    departments: frozenset[str] = frozenset()
    areas: frozenset[str] = frozenset()
    catalogs: frozenset[str] = frozenset()
    responsible_ids: frozenset[int] = frozenset()
    goal_state: GoalState = GoalState.ALL
    units: frozenset[str] = frozenset()  # merged statistics only
    #: Show "< 5" for groups of fewer than SMALL_GROUP citizens (prints and exports).
    suppress_small_groups: bool = True


@dataclass(frozen=True)
class OutcomeRow:
    """One bar: the goals of one group, counted by outcome category."""

    key: str
    label: str
    counts: Mapping[Outcome, int]
    #: Goals in the group with no category (no målstatus in the period, "Ikke vurderet", a
    #: target worse than the baseline): counted so the reader sees how much is missing.
    uncategorised: int
    goals: int
    citizens: int
    #: True when the group has fewer than SMALL_GROUP citizens and suppression is on: prints
    #: and exports show "< 5" instead of its numbers.
    suppressed: bool
    #: The facts behind the bar, for the drill-down (categorised and not).
    facts: tuple[GoalFact, ...] = field(default=(), repr=False, compare=False)
    #: Hidden although not small: otherwise the one small group of its table could be
    #: worked out from the total (``suppression.complementary``); prints say "skjult".
    complementary: bool = False

    @property
    def categorised(self) -> int:
        return sum(self.counts.values())

    def share(self, outcome: Outcome) -> float:
        """The share of the categorised goals in ``outcome`` (0.0 when none are)."""
        total = self.categorised
        return self.counts.get(outcome, 0) / total if total else 0.0

    @property
    def favourable(self) -> int:
        return sum(n for outcome, n in self.counts.items() if outcome.is_favourable)


@dataclass(frozen=True)
class OutcomeTable:
    dimension: Dimension
    rows: tuple[OutcomeRow, ...]
    total: OutcomeRow


@dataclass(frozen=True)
class ChangeRow:
    """The distribution of the change baseline → latest målstatus for one group."""

    key: str
    label: str
    counts: Mapping[int, int]  # step in CHANGE_STEPS → goals
    goals: int
    citizens: int
    suppressed: bool
    facts: tuple[GoalFact, ...] = field(default=(), repr=False, compare=False)
    complementary: bool = False  # as OutcomeRow's


@dataclass(frozen=True)
class ChangeTable:
    dimension: Dimension
    rows: tuple[ChangeRow, ...]
    total: ChangeRow


@dataclass(frozen=True)
class PracticeRow:
    """The documentation practice of one group (a department or a responsible staff member)."""

    key: str
    label: str
    citizens: int
    #: Målstatus that fell due in the period, and how many of them were recorded on time
    #: (by the end of the period's grace in ``fko_desktop.models.deadlines``).
    statuses_due: int
    statuses_on_time: int
    #: Open today: målstatus overdue, status reports overdue before a follow-up.
    statuses_overdue: int
    reports_overdue: int
    follow_ups_due: int
    follow_ups_held: int
    notes: int
    notes_with_score: int
    #: Notes per citizen per week in the period.
    notes_per_citizen_week: float
    citizens_without_note: int  # no sub-goal note for ``quiet_days``
    sub_goals_without_note: int
    suppressed: bool
    complementary: bool = False  # as OutcomeRow's

    @property
    def on_time_share(self) -> float | None:
        return self.statuses_on_time / self.statuses_due if self.statuses_due else None

    @property
    def scored_share(self) -> float | None:
        return self.notes_with_score / self.notes if self.notes else None


@dataclass(frozen=True)
class PracticeTable:
    dimension: Dimension  # DEPARTMENT or RESPONSIBLE
    rows: tuple[PracticeRow, ...]
    total: PracticeRow
    quiet_days: int


@dataclass(frozen=True)
class Overview:
    """All figures for one filter, as the window, the report and the exports show them."""

    unit_name: str
    filter: OverviewFilter
    made_on: dt.date
    outcomes: Mapping[Dimension, OutcomeTable]
    changes: ChangeTable  # per domain
    #: Århus schema factors by year (seed 003 Figure 9): one table per year, rows = factors.
    factors_by_year: Mapping[str, OutcomeTable]
    practice_by_department: PracticeTable | None  # None from statistics files
    practice_by_responsible: PracticeTable | None


@dataclass(frozen=True)
class Comparison:
    """Several units' statistics side by side (seed 003 Figures 8 and 9)."""

    filter: OverviewFilter
    made_on: dt.date
    units: tuple[str, ...]  # unit names, in the order the files were given
    domains: tuple[tuple[str, str], ...]  # (domain key, label), catalog order
    #: All domains together, one row per unit.
    all_by_unit: OutcomeTable
    #: Domain key → one row per unit (Figure 8: one factor across units).
    by_unit: Mapping[str, OutcomeTable]
    #: Domain key → one row per year of the latest målstatus (Figure 9: over time by factor).
    by_year: Mapping[str, OutcomeTable]
