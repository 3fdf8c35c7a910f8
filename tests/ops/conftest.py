"""The ops tests start from the shared small world (tests/world.py), a copy of it each."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.world import Template, World, open_copy


@pytest.fixture
def world(world_template: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    copy = open_copy(world_template, tmp_path / "enhed.fko")
    yield copy
    copy.unit.close()
