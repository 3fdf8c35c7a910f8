"""Two unit files that exchange bundles: the authority's and the residential unit's.

Both are built once per session and copied for each test (building costs far more than copying).
"""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from fko_desktop.models import Citizen, InterventionGoal, StaffMember, SubGoal
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.ops import accounts, staff
from fko_desktop.storage.unitfile import UnitFile
from tests.logins import TEST_PASSWORD
from tests.world import World, build_world

from .helpers import make_keys


@pytest.fixture(scope="session")
def _templates(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exchange-templates")
    authority = UnitFile.create(folder / "myndighed.fko", "Randers Kommune, Børn og Familie")
    world = build_world(authority, second_goal_scores=(2, NOT_ASSESSED))
    # Writing ``fko bundle`` commands log in as Anna (tests/logins.py: ``login_as()``).
    accounts.set_first_password(authority, world.staff_id, TEST_PASSWORD)
    authority.close()
    UnitFile.create(folder / "egely.fko", "Bostedet Egely").close()
    return folder


def _copy(templates, tmp_path, name):
    shutil.copyfile(templates / name, tmp_path / name)
    return UnitFile.open(tmp_path / name)


@pytest.fixture
def authority(_templates, tmp_path):
    """The municipality's copy of FKO Desktop, with the child's order (goal 2: target Ikke vurderet)."""
    unit = _copy(_templates, tmp_path, "myndighed.fko")
    with unit.read() as session:
        citizen = session.scalars(select(Citizen)).one()
        goals = list(session.scalars(select(InterventionGoal).order_by(InterventionGoal.position)))
        sub_goals = list(session.scalars(select(SubGoal).order_by(SubGoal.goal_id)))
        member = session.scalars(select(StaffMember)).one()
    yield World(unit, staff.actor_for(member), citizen, goals, sub_goals)
    unit.close()


@pytest.fixture
def provider(_templates, tmp_path):
    unit = _copy(_templates, tmp_path, "egely.fko")
    yield unit
    unit.close()


@pytest.fixture
def provider_keys(tmp_path):
    return make_keys(tmp_path, "egely")


@pytest.fixture
def authority_keys(tmp_path):
    return make_keys(tmp_path, "randers")
