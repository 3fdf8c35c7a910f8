"""UI test fixtures: a fresh unit with one staff member, a child, a goal and a sub-goal."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from fko_desktop.models import Actor, Citizen, InterventionGoal, SubGoal
from fko_desktop.models.enums import StaffRole
from fko_desktop.ops import citizens, orders, plans, staff
from fko_desktop.storage.drafts import DraftStore
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.ui.i18n import install_danish
from fko_desktop.ui.main_window import MainWindow
from fko_desktop.ui.runner import Runner, Task
from fko_desktop.unit import Unit
from tests.world import Template, World, open_copy

START = dt.date(2025, 1, 15)


@pytest.fixture(scope="session", autouse=True)
def _danish_qt(qapp):  # type: ignore[no-untyped-def]
    """The tests' application speaks Danish as the users' does (Qt's own buttons, dates)."""
    install_danish(qapp)


@pytest.fixture(autouse=True)
def _own_settings(tmp_path: Path) -> Iterator[None]:
    """Each test gets empty window settings (QSettings), never the developer's own."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@dataclasses.dataclass
class UiWorld:
    unit: UnitFile
    actor: Actor
    citizen: Citizen
    goal: InterventionGoal
    sub_goal: SubGoal

    @property
    def facade(self) -> Unit:
        """The same open file as the window sees it: the facade, with the actor bound."""
        return Unit(self.unit, self.actor)


@pytest.fixture
def ui_unit(tmp_path, monkeypatch) -> Iterator[UnitFile]:
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    opened = UnitFile.create(tmp_path / "enhed.fko", "Egely")
    yield opened
    opened.close()


def _build_ui_world(ui_unit: UnitFile) -> UiWorld:
    member = staff.add_staff(
        ui_unit,
        Actor(None, "test"),
        name="Anna Hansen",
        initials="ah",
        title="Pædagog",
        # The tests do a leder's and an administrator's work too (approve plans, settings,
        # keys); the role boundaries have their own tests (tests/ops/test_permissions.py).
        role=StaffRole.ADMINISTRATOR,
    ).value
    actor = staff.actor_for(member)
    citizen = citizens.create_citizen(
        ui_unit,
        actor,
        name="Mads Testesen",
        cpr="010215-4321",
        area="children",
        intake_date=dt.date(2025, 1, 5),
    ).value
    order = orders.create_order(
        ui_unit,
        actor,
        citizen.id,
        meeting_date=dt.date(2025, 1, 2),
        received_date=dt.date(2025, 1, 10),
        intervention_purpose="At Mads trives og går i skole.",
        goals=[
            orders.GoalInput(
                "Mads går i skole fire dage om ugen.", "skole_og_laering", START, baseline=3, target=1
            )
        ],
    ).value
    goal = order.goals[0]
    sub_goal = plans.add_sub_goal(
        ui_unit, actor, goal.id, text="Mads står selv op kl. 7.", start_date=START
    ).value
    return UiWorld(ui_unit, actor, citizen, goal, sub_goal)


@pytest.fixture(scope="session")
def _ui_world_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, UiWorld]:
    """The window tests' world, built once; each test opens a copy of the file."""
    path = tmp_path_factory.mktemp("ui-world") / "enhed.fko"
    unit = UnitFile.create(path, "Egely")
    try:
        return path, _build_ui_world(unit)
    finally:
        unit.close()


@pytest.fixture
def ui_world(_ui_world_template: tuple[Path, UiWorld], tmp_path: Path, monkeypatch) -> Iterator[UiWorld]:  # type: ignore[no-untyped-def]
    template, built = _ui_world_template
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "enhed.fko"
    shutil.copyfile(template, path)
    unit = UnitFile.open(path)
    # The records as loaded from the copy (same ids), not the template's detached objects.
    yield UiWorld(
        unit,
        built.actor,
        citizens.get_citizen(unit, built.citizen.id),
        orders.get_goal(unit, built.goal.id),
        plans.get_sub_goal(unit, built.sub_goal.id),
    )
    unit.close()


@dataclasses.dataclass
class EditorWorld(World):
    """The shared small world (tests/world.py) plus the window's facade, runner and drafts."""

    facade: Unit | None = None
    runner: Runner | None = None
    drafts: DraftStore | None = None


@pytest.fixture
def world(world_template: Template, tmp_path: Path, monkeypatch, qtbot) -> Iterator[EditorWorld]:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    base = open_copy(world_template, tmp_path / "enhed.fko")
    facade = Unit(base.unit, base.actor)
    runner = Runner(facade)
    yield EditorWorld(**vars(base), facade=facade, runner=runner, drafts=DraftStore(base.unit.unit().uid))
    runner.close()
    base.unit.close()


def finish(qtbot, task: Task | None, timeout_ms: int = 20_000) -> Task:  # type: ignore[no-untyped-def]
    """Wait until work started through the runner has ended and its callbacks have run."""
    assert task is not None, "nothing was started"
    qtbot.waitUntil(lambda: task.done, timeout=timeout_ms)
    return task


@pytest.fixture
def window(qtbot, ui_world: UiWorld) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The main window on ``ui_world`` at 1366×768, shown once the today page is filled; test
    files that need another unit or actor define their own ``window``."""
    win = MainWindow(Unit(ui_world.unit, ui_world.actor))
    win.resize(1366, 768)
    win.show()
    qtbot.waitUntil(lambda: win.today.heading.text() != "")
    yield win
    win.close()
    win.deleteLater()
    QApplication.processEvents()
    gc.collect()
