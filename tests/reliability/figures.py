"""The figures the reliability suites collect, printed at the end of the run.

The tests append here; ``conftest.pytest_terminal_summary`` prints the tables, and
``FKO_RELIABILITY_FIGURES=FILE.json`` also writes them to a file (for docs/reliability.md).
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from pathlib import Path


@dataclasses.dataclass
class KillFigures:
    """What one kill scenario did and found."""

    scenario: str
    wanted: int
    median_seconds: float = 0.0
    window: tuple[float, float] | None = None  # where the writing happens, if traced (seconds)
    attempts: int = 0
    kills: int = 0
    aimed: int = 0  # kills that waited for the writing to begin (see killing.py)
    finished_first: int = 0  # the process ended before its kill moment; verified all the same
    checks_passed: int = 0  # kills after which every check of the scenario held
    records_checked: int = 0  # records that had to survive, summed over all kills
    records_lost: int | None = 0  # None where the scenario has no user records (the demo)
    outcomes: Counter = dataclasses.field(default_factory=Counter)
    problems: list[str] = dataclasses.field(default_factory=list)
    seconds: float = 0.0


@dataclasses.dataclass
class DiskFullFigure:
    write_path: str
    passed: bool
    detail: str


KILLS: list[KillFigures] = []
DISK_FULL: list[DiskFullFigure] = []


def kill_table() -> list[str]:
    columns = [
        "scenario", "kills (aimed at the writing)", "ended before kill", "all checks held",
        "records that had to survive", "records lost", "what the kills left", "median run (writing)", "time",
    ]  # fmt: skip
    align = ["---", "---:", "---:", "---:", "---:", "---:", "---", "---:", "---:"]
    lines = ["| " + " | ".join(columns) + " |", "| " + " | ".join(align) + " |"]
    for f in KILLS:
        left = ", ".join(f"{name} {count}" for name, count in f.outcomes.most_common())
        lost = "—" if f.records_lost is None else str(f.records_lost)
        run = f"{f.median_seconds:.2f} s"
        if f.window:
            run += f" ({f.window[0]:.2f}–{f.window[1]:.2f} s)"
        lines.append(
            f"| {f.scenario} | {f.kills} ({f.aimed}) | {f.finished_first} "
            f"| {f.checks_passed}/{f.kills + f.finished_first} "
            f"| {f.records_checked} | {lost} | {left} | {run} | {f.seconds:.0f} s |"
        )
    total_kills = sum(f.kills for f in KILLS)
    total_lost = sum(f.records_lost or 0 for f in KILLS)
    lines.append(f"| **all** | **{total_kills}** | | | | **{total_lost}** | | | |")
    return lines


def disk_full_table() -> list[str]:
    lines = ["| write path | outcome | detail |", "| --- | --- | --- |"]
    for f in DISK_FULL:
        lines.append(f"| {f.write_path} | {'as it should be' if f.passed else 'FAILS'} | {f.detail} |")
    return lines


def dump(path: Path) -> None:
    data = {
        "kills": [dataclasses.asdict(f) | {"outcomes": dict(f.outcomes)} for f in KILLS],
        "disk_full": [dataclasses.asdict(f) for f in DISK_FULL],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def dump_requested() -> Path | None:
    target = os.environ.get("FKO_RELIABILITY_FIGURES")
    return Path(target) if target else None
