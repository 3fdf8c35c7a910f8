"""The ops tests start from the shared small world (tests/world.py)."""

from __future__ import annotations

import pytest

from fko_desktop.storage.unitfile import UnitFile
from tests.world import World, build_world


@pytest.fixture
def world(unit: UnitFile) -> World:
    return build_world(unit)
