"""Shared fixtures: a private data folder, a small real unit file, a small demo unit file."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from fko_desktop.models import Actor
from fko_desktop.models.enums import StaffRole
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.ops import accounts, citizens, goal_status, journal, orders, plans, staff
from fko_desktop.storage.unitfile import UnitFile
from tests.logins import TEST_PASSWORD
from tests.world import Template, World, build_template, open_copy

CET = dt.timezone(dt.timedelta(hours=1))
START = dt.date(2025, 1, 15)

# What the ``unit_path`` fixture writes; tests compare what they read back with this.
UNIT_FACTS = {
    "unit_name": "Bostedet Egely",
    "staff_name": "Anna Hansen",
    "citizen_name": "Mads Testesen",
    "cpr": "010215-4321",
    "goal_texts": ["Mads går i skole fire dage om ugen.", "Mads har en fast ven."],
    "notes": [
        (dt.datetime(2025, 3, 1, 10, 0, tzinfo=CET), "Mads holdt sin fødselsdag i klassen og var glad.", 2),
        (
            dt.datetime(2025, 3, 10, 14, 30, tzinfo=CET),
            "Mads må gerne gå alene hjem fra skole nu.",
            NOT_ASSESSED,
        ),
        (dt.datetime(2025, 4, 2, 9, 15, tzinfo=CET), "Mads spillede fodbold med Ali i frikvarteret.", None),
    ],
    "counts": {
        "citizens": 1,
        "staff": 1,
        "orders": 1,
        "plans": 1,
        "intervention_goals": 2,
        "sub_goals": 3,
        "journal_notes": 3,
        "diary_notes": 0,
        "goal_statuses": 1,
        "follow_ups": 0,
    },
}


@pytest.fixture(scope="session", autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory):
    """No test (nor a subprocess it starts) writes backups or logs in the real user folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FKO_DATA_DIR", str(tmp_path_factory.mktemp("fko-data")))
        yield


def _build_unit(path: Path) -> None:
    unit = UnitFile.create(path, UNIT_FACTS["unit_name"])
    try:
        member = staff.add_staff(
            unit,
            Actor(None, "test"),
            name="Anna Hansen",
            initials="ah",
            title="Pædagog",
            # The tests do a leder's and an administrator's work too (approve plans, settings,
            # keys); the role boundaries have their own tests (tests/ops/test_permissions.py).
            role=StaffRole.ADMINISTRATOR,
        ).value
        # Writing ``fko`` commands log in (tests/logins.py: ``login_as("AH")``).
        accounts.set_first_password(unit, member.id, TEST_PASSWORD)
        actor = staff.actor_for(member)
        citizen = citizens.create_citizen(
            unit,
            actor,
            name="Mads Testesen",
            cpr="010215-4321",
            area="children",
            intake_date=dt.date(2025, 1, 5),
        ).value
        texts = UNIT_FACTS["goal_texts"]
        order = orders.create_order(
            unit,
            actor,
            citizen.id,
            meeting_date=dt.date(2025, 1, 2),
            received_date=dt.date(2025, 1, 10),
            intervention_purpose="At Mads trives og går i skole.",
            goals=[
                orders.GoalInput(texts[0], "skole_og_laering", START, baseline=3, target=1),
                orders.GoalInput(texts[1], "fritid_og_venskaber", START, baseline=2, target=NOT_ASSESSED),
            ],
        ).value
        plans.create_plan(
            unit, actor, citizen.id, order_id=order.id, background="Mads kom fra en plejefamilie."
        )
        school, friends = order.goals
        first = plans.add_sub_goal(
            unit, actor, school.id, text="Mads står selv op kl. 7.", start_date=START
        ).value
        plans.add_sub_goal(unit, actor, school.id, text="Mads pakker selv sin taske.", start_date=START)
        third = plans.add_sub_goal(
            unit, actor, friends.id, text="Mads går til fodbold.", start_date=START
        ).value
        for (when, text, score), sub_goal in zip(UNIT_FACTS["notes"], (first, first, third), strict=True):
            journal.add_note(unit, actor, sub_goal.id, text=text, score=score, observed_at=when)
        goal_status.record_goal_status(
            unit,
            actor,
            school.id,
            score=2,
            summary="Mads kommer oftere i skole.",
            assessed_on=dt.date(2025, 4, 15),
        )
    finally:
        unit.close()


@pytest.fixture(scope="session")
def _unit_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "egely.fko"
    _build_unit(path)
    return path


@pytest.fixture
def unit_path(_unit_template: Path, tmp_path: Path) -> Path:
    """A closed unit file (1 staff, 1 child, 1 order with 2 ICS goals, plan, 3 sub-goals,
    3 journal notes, M1 on the first goal), private to the test: see ``UNIT_FACTS``."""
    path = tmp_path / "egely.fko"
    shutil.copyfile(_unit_template, path)
    return path


@pytest.fixture
def unit_facts() -> dict:
    return UNIT_FACTS


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo unit (6 citizens, 2 years, seed 5, ending 23.11.2026) built by ``fko demo``.

    Shared by the session: tests must not write to it (copy it first).
    """
    from fko_desktop.cli import main

    path = tmp_path_factory.mktemp("demo") / "demo.fko"
    argv = ["demo", str(path), "--citizens", "6", "--years", "2", "--seed", "5", "--today", "2026-11-23"]
    assert main(argv) == 0
    return path


@pytest.fixture(scope="session")
def world_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """The small world (tests/world.py), built once per session; tests get copies (``world``)."""
    return build_template(tmp_path_factory.mktemp("world") / "enhed.fko")


@pytest.fixture
def unit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A fresh, open unit file of this test's own (closed afterwards)."""
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    opened = UnitFile.create(tmp_path / "enhed.fko", "Egely")
    yield opened
    opened.close()


@pytest.fixture
def world(world_template: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    """A copy of the small world (tests/world.py) of this test's own (the window tests have theirs)."""
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    copy = open_copy(world_template, tmp_path / "enhed.fko")
    yield copy
    copy.unit.close()
