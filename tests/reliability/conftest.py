"""The small unit the suites write to, and the figures (kills, checks, records lost;
disk-full outcomes) printed after the run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fko_desktop.ops import journal
from fko_desktop.storage.unitfile import UnitFile
from tests.world import build_world

from . import figures

CET = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture(scope="session")
def world_template(tmp_path_factory) -> tuple[Path, int, int]:
    """A small unit (one pædagog, one child, an order with two goals, a sub-goal each, three notes)."""
    path = tmp_path_factory.mktemp("kill-world") / "egely.fko"
    unit = UnitFile.create(path, "Bostedet Egely")
    try:
        world = build_world(unit)
        for day in (1, 2, 3):
            when = dt.datetime(2025, 3, day, 10, tzinfo=CET)
            text = f"Mads var glad den {day}. marts."
            journal.add_note(unit, world.actor, world.sub_goals[0].id, text=text, score=2, observed_at=when)
        ids = world.sub_goals[0].id, world.staff_id
    finally:
        unit.close()
    return path, *ids


def pytest_terminal_summary(terminalreporter) -> None:
    if figures.KILLS:
        terminalreporter.write_sep("=", "kill -9 figures (tests/reliability/test_kill.py)")
        for line in figures.kill_table():
            terminalreporter.write_line(line)
        for f in figures.KILLS:
            for problem in f.problems[:5]:
                terminalreporter.write_line(f"  {f.scenario}: {problem}")
            if len(f.problems) > 5:
                terminalreporter.write_line(f"  {f.scenario}: … and {len(f.problems) - 5} more")
    if figures.DISK_FULL:
        terminalreporter.write_sep("=", "disk full figures (tests/reliability/test_disk_full.py)")
        for line in figures.disk_full_table():
            terminalreporter.write_line(line)
    target = figures.dump_requested()
    if target and (figures.KILLS or figures.DISK_FULL):
        figures.dump(target)
        terminalreporter.write_line(f"figures written to {target}")
