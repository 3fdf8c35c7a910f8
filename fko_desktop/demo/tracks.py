"""Tracks: the latent function level of one goal theme over time, and the scores drawn from it.

A track is a noisy curve from a starting level toward a floor, with setbacks; a revised order
continues the same track, so its goals carry on where the last ones ended.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random
from dataclasses import dataclass, field

from fko_desktop.demo.themes import Theme


def _clamp_score(value: float) -> int:
    return 0 if value < 0.5 else 4 if value >= 3.5 else int(round(value))


# --- the latent development of one goal theme ------------------------------------------------


@dataclass
class Track:
    theme: Theme
    kind: str  # "dev" | "maint" | "limit"
    start: dt.date
    l0: float
    floor: float
    tau: float
    amp: float
    period: float
    phase: float
    slope: float
    setbacks: list[tuple[int, int, float]]
    # Shared by the continuations of a track, so revised goals carry on with the next sub-goal.
    sub_counter: list[int] = field(default_factory=lambda: [0])

    def level(self, day: dt.date) -> float:
        x = (day - self.start).days
        if self.kind == "dev":
            value = self.floor + (self.l0 - self.floor) * math.exp(-x / self.tau)
        elif self.kind == "limit":
            value = self.l0 + self.slope * x / 365.0
        else:
            value = self.l0
        value += self.amp * math.sin(x / self.period + self.phase)
        for begin, length, depth in self.setbacks:
            if begin <= x < begin + length:
                half = length / 2
                value += depth * (1 - abs(x - begin - half) / half)
        return value


def _continue_track(rng: random.Random, track: Track, start: dt.date, span: int) -> Track:
    """The same theme under a revised order: a development track gets a new push from where
    it stands (most of the time), so revised goals are not all stuck at their baseline."""
    if track.kind != "dev":
        return track
    now = track.level(start)
    floor = max(0.1, now - rng.uniform(0.6, 1.5)) if rng.random() < 0.75 else now - rng.uniform(0.0, 0.4)
    setbacks = [
        (rng.randrange(30, max(31, span)), rng.randint(20, 70), rng.uniform(0.7, 1.6))
        for _ in range(rng.choice((0, 0, 1)))
    ]
    return dataclasses.replace(
        track, start=start, l0=now, floor=floor, tau=rng.uniform(100, 350), setbacks=setbacks
    )


def _new_track(rng: random.Random, theme: Theme, start: dt.date, area: str, span: int) -> Track:
    roll = rng.random()
    if area == "adults" and roll < 0.04:
        kind = "limit"
    elif roll < 0.16:
        kind = "maint"
    else:
        kind = "dev"
    if kind == "dev":
        l0 = rng.uniform(2.3, 3.9)
        floor = rng.uniform(0.2, max(0.4, l0 - 1.0))
        if rng.random() < 0.2:  # a goal that hardly moves
            floor = l0 - rng.uniform(0.2, 0.7)
    elif kind == "maint":
        l0 = rng.uniform(0.7, 1.6)
        floor = l0
    else:
        l0 = rng.uniform(1.6, 2.4)
        floor = l0
    setbacks = []
    for _ in range(rng.choice((0, 1, 1, 2))):
        setbacks.append((rng.randrange(30, max(31, span)), rng.randint(20, 70), rng.uniform(0.7, 1.6)))
    return Track(
        theme=theme,
        kind=kind,
        start=start,
        l0=l0,
        floor=floor,
        tau=rng.uniform(100, 450),
        amp=rng.uniform(0.1, 0.35),
        period=rng.uniform(8, 25),  # days per radian: a wobble of roughly 2–5 months
        phase=rng.uniform(0, 6.28),
        slope=rng.uniform(0.25, 0.5),
        setbacks=setbacks,
    )
