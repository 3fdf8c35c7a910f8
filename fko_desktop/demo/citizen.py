"""What every part of one citizen's story shares: its state, the goal blueprints, and the
placeholder filling every text goes through.

``story._CitizenBuilder`` is put together from the parts in ``goals``, ``notes`` and
``followups``; each part reads the state declared here, set by ``_timeline`` and ``_profile``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fko_desktop.demo import texts
from fko_desktop.demo.themes import ADULT_THEMES, CHILD_THEMES
from fko_desktop.demo.tracks import Track
from fko_desktop.models import InterventionGoal, StaffMember, SubGoal
from fko_desktop.models.enums import MeetingKind

if TYPE_CHECKING:
    from fko_desktop.demo.builder import _Builder


# --- per-note text --------------------------------------------------------------------------


class _Keep(dict):
    """Fixed placeholder values; varying ones are kept as ``{key}`` for a later pass."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class _Fill(dict):
    """Placeholder values for one text: fixed ones given, varying ones drawn when first used."""

    def __init__(self, fixed: dict[str, str], rng: random.Random) -> None:
        super().__init__(fixed)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        value = self.rng.choice(texts.FILLERS[key])
        self[key] = value
        return value


def _fmt(template: str, fixed: dict[str, str], rng: random.Random) -> str:
    return template.format_map(_Fill(fixed, rng))


# --- blueprints -----------------------------------------------------------------------------


@dataclass
class _Goal:
    track: Track
    start: dt.date
    end: dt.date | None
    baseline: int
    target: int
    orm: InterventionGoal | None = None
    subs: list[tuple[SubGoal, dt.date, dt.date | None]] = field(default_factory=list)
    scores: list[tuple[dt.date, int]] = field(default_factory=list)
    note_days: list[dt.date] = field(default_factory=list)
    statuses: list[tuple[dt.date, Any]] = field(default_factory=list)

    @property
    def record(self) -> InterventionGoal:
        """The stored goal: ``_make_goal`` makes it before anything hangs on it."""
        if self.orm is None:
            raise RuntimeError("the goal's record is not made yet")
        return self.orm


class _CitizenBase:
    """One citizen's generator and state, shared by the parts of ``story._CitizenBuilder``."""

    # Set by ``_timeline``.
    meeting0: dt.date
    received0: dt.date
    intake: dt.date
    end_date: dt.date | None
    end_index: int | None
    held: list[dt.date]
    upcoming: dt.date | None
    limit: dt.date
    order_dates: list[tuple[dt.date, dt.date, MeetingKind]]
    # Set by ``_profile``.
    gender: str
    first: str
    surname: str
    born: dt.date
    municipality: str
    caseworker: str
    department: str
    fixed: dict[str, str]
    diagnoses: str
    caseworker_org: str
    primary: StaffMember
    team: list[int]
    team_cum: list[float]
    staff_names: dict[int, str]

    def __init__(self, parent: _Builder, rng: random.Random, index: int, area: str) -> None:
        self.p = parent
        self.rng = rng
        self.index = index
        self.area = area
        self.children = area == "children"
        self.codes = parent.codes
        self.session = parent.session
        self.writer = parent.writer
        self.stats = parent.stats
        self.themes = CHILD_THEMES if self.children else ADULT_THEMES
        self._pre_cache: dict[str, str] = {}

    def _pre(self, template: str) -> str:
        """*template* with this citizen's fixed values filled in (cached)."""
        done = self._pre_cache.get(template)
        if done is None:
            done = template.format_map(_Keep(self.fixed))
            self._pre_cache[template] = done
        return done
